//! End-to-end tests of the `corridor` binary: outputs, exit codes and error messages.

use crate::support::cmd::{write, Cmd, TINY};

#[test]
fn route_table_lists_steps_and_totals() {
    Cmd::tiny("route")
        .args(["--by", "cost"])
        .stdout_has("A → Q · cheapest (cost) · year 2025")
        .stdout_has("transfer  G")
        .stdout_has("rail 1435 mm → rail 1520 mm")
        .stdout_has("total: 600 km · 3.4 days · $1,150")
        .run();
}

#[test]
fn route_json_follows_the_contract() {
    // The origin in capitals: ids are looked up without regard to case.
    let v = Cmd::new()
        .arg("route")
        .network(TINY)
        .between("A", "q")
        .args(["--by", "cost", "--format", "json"])
        .json();
    assert_eq!(v["from"], "a");
    assert_eq!(v["to"], "q");
    assert_eq!(v["objective"], "cost");
    assert_eq!(v["total"]["km"], 600.0);
    assert_eq!(v["total"]["hours"], 82.0);
    assert_eq!(v["total"]["usd"], 1150.0);
    assert!((v["total"]["days"].as_f64().unwrap() - 82.0 / 24.0).abs() < 1e-3);
    assert_eq!(v["nodes"], serde_json::json!(["a", "g", "p", "q"]));
    assert_eq!(v["countries"], serde_json::json!(["CN", "KZ", "AZ"]));
    let steps = v["steps"].as_array().unwrap();
    for s in steps {
        for key in ["kind", "from", "to", "mode", "km", "hours", "usd"] {
            assert!(s.get(key).is_some(), "step lacks {key}: {s}");
        }
    }
    let kinds: Vec<&str> = steps.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["haul", "border", "transfer", "haul", "transfer", "wait", "haul", "border"]
    );
}

/// The objectives of a `corridor.routes/1` document, in order.
fn objectives(v: &serde_json::Value) -> Vec<&str> {
    assert_eq!(v["schema"], "corridor.routes/1");
    v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["objective"].as_str().unwrap())
        .collect()
}

#[test]
fn by_all_json_is_an_array_of_five() {
    let v = Cmd::tiny("route")
        .args(["--by", "all", "--format", "json"])
        .json();
    assert_eq!(
        objectives(&v),
        ["distance", "time", "cost", "generalized", "co2"]
    );
}

#[test]
fn csv_and_markdown_formats() {
    Cmd::tiny("route")
        .args(["--by", "cost", "--format", "csv"])
        .stdout_has("scenario,from,to,objective,seq,kind,step_from,step_to,mode,link,service,detail,km,hours,usd,co2_kg,cum_km,cum_hours,cum_usd,cum_co2_kg")
        // 68 + 10 + 136 + 10 + 239.4 kg: diesel rail 34 g/tkm, two transfers at 10 kg, a feeder at 39.9 g/tkm, 20 t.
        .stdout_has("baseline,a,q,cost,8,border,p,q,sea,p-q,,KZ → AZ,0.000,1.000,0.00,0.000,600.000,82.000,1150.00,463.400")
        .run();
    Cmd::tiny("route")
        .args(["--format", "markdown"])
        .stdout_has("| # | step | where | detail | km | hours | USD |")
        .stdout_has("**Total:** 900 km")
        .run();
}

#[test]
fn output_is_deterministic() {
    let run = || {
        Cmd::tiny("route")
            .args(["--by", "all", "--format", "json"])
            .run()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn no_route_exits_1_and_says_what_cut_it() {
    Cmd::new()
        .arg("route")
        .network(TINY)
        .between("a", "p")
        .args(["--avoid", "KZ"])
        .status(1)
        .stderr_has("no route from a to p: p lies in KZ, which is avoided")
        .run();
    Cmd::tiny("route")
        .args(["--avoid", "g,AZ"])
        .status(1)
        .stderr_has("q lies in AZ")
        .run();
}

#[test]
fn no_route_names_the_year_when_links_are_not_open() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(TINY)
        .unwrap()
        .replace(
            "to = \"q\"\nmode = \"road\"",
            "to = \"q\"\nmode = \"road\"\nstatus = \"planned\"\navailable_from = 2031",
        )
        .replace(
            "source = { km = \"x\", hours = \"x\", usd_fixed = \"x\" }",
            "source = { km = \"x\", hours = \"x\", usd_fixed = \"x\", available_from = \"x\" }",
        );
    let path = write(&dir, "n.toml", &text);
    let on = || {
        Cmd::new()
            .arg("route")
            .network(&path)
            .between("a", "q")
            .args(["--avoid", "g"])
    };
    on().status(1)
        .stderr_has("not yet open in 2025 (the first route opens in 2031; try --year 2031)")
        .run();
    on().args(["--year", "2031"]).run();
}

#[test]
fn unknown_node_exits_2_with_suggestions() {
    Cmd::new()
        .arg("route")
        .between("duisberg", "xian")
        .status(2)
        .stderr_has("unknown node `duisberg`; did you mean duisburg")
        .stderr("error: --from: unknown node `duisberg`; did you mean duisburg?\n")
        .run();
}

#[test]
fn usage_errors_exit_2() {
    Cmd::new().args(["route", "--from", "a"]).status(2).run();
    Cmd::new()
        .arg("route")
        .between("a", "b")
        .args(["--by", "fun"])
        .status(2)
        .stderr_has("invalid value 'fun'")
        .run();
    Cmd::new().arg("--help").stdout_has("Exit codes").run();
}

#[test]
fn bad_network_exits_2_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(TINY)
        .unwrap()
        .replace("lat = 40\nlon = 77", "lat = 95\nlon = 77")
        .replace("mode = \"sea\"", "mode = \"boat\"")
        .replace("km = 200", "km = -200");
    let path = write(&dir, "bad.toml", &text);
    Cmd::new()
        .arg("route")
        .network(&path)
        .between("a", "q")
        .status(2)
        .stderr_has("3 problems in network data")
        .stderr_has(format!("{path}:50: node.lat: 95 is out of range"))
        .stderr_has("link.mode: unknown mode `boat`")
        .stderr_has("link.km: -200 must be greater than 0")
        .stderr_lacks("panicked")
        .run();
}

#[test]
fn validate_lists_every_problem_and_accepts_good_data() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(TINY)
        .unwrap()
        .replace("id = \"q\"", "id = \"a\"")
        .replace("kind = \"city\"", "kind = \"town\"");
    let path = write(&dir, "bad.toml", &text);
    Cmd::new()
        .args(["validate", &path])
        .status(2)
        .stderr_has("duplicate node id `a`")
        .stderr_has("unknown kind `town`")
        .run();
    Cmd::new()
        .args(["validate", TINY])
        .stdout_has("ok — 4 nodes, 4 links")
        .stderr("")
        .run();
    let syntax = write(&dir, "syntax.toml", "[network]\nname = \"x\nvalue = 1\n");
    Cmd::new()
        .args(["validate", &syntax])
        .status(2)
        .stderr_has(format!("{syntax}:2: toml:"))
        .run();
}

#[test]
fn missing_network_file_exits_2() {
    Cmd::new()
        .arg("route")
        .network("no/such/file.toml")
        .between("a", "b")
        .status(2)
        .stderr_has("cannot read no/such/file.toml")
        .run();
}

#[test]
fn nodes_lists_and_filters() {
    Cmd::new()
        .arg("nodes")
        .network(TINY)
        .args(["--country", "kz"])
        .stdout_has("g ")
        .stdout_has("p ")
        .stdout_has("2 of 4 nodes")
        .run();
    Cmd::new()
        .arg("nodes")
        .network(TINY)
        .args(["--kind", "harbour"])
        .status(2)
        .stderr_has("unknown kind")
        .run();
}

#[test]
fn bad_scenario_file_exits_2_naming_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        &dir,
        "bad.toml",
        "[scenario]\nname = \"bad\"\ndescription = \"d\"\n\n[[edit]]\naction = \"scale\"\nselect = { mode = \"road\" }\nfield = \"border.hours\"\nfactor = -1\nrationale = \"r\"\n",
    );
    Cmd::tiny("route")
        .args(["--scenario", &bad])
        .status(2)
        .stderr_has(format!(
            "{bad}:9: edit.factor: scale factor -1 must be greater than 0"
        ))
        .run();
    let nothing = write(
        &dir,
        "nothing.toml",
        "[scenario]\nname = \"n\"\ndescription = \"d\"\n\n[[edit]]\naction = \"close\"\nselect = { corridor = \"atlantis\" }\nrationale = \"r\"\n",
    );
    Cmd::tiny("compare")
        .args(["--scenario", &nothing])
        .status(2)
        .stderr_has(format!(
            "{nothing}:5: edit: the selection (corridor atlantis) matches nothing"
        ))
        .run();
    let syntax = write(&dir, "syntax.toml", "[scenario\n");
    Cmd::tiny("route")
        .args(["--scenario", &syntax])
        .status(2)
        .stderr_has(format!("{syntax}:1: toml:"))
        .run();
    Cmd::route()
        .args(["--scenario", "no-such-study"])
        .status(2)
        .stderr_has("unknown scenario `no-such-study`")
        .stderr_has("baseline")
        .run();
}

#[test]
fn compare_runs_scenario_files_against_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let closed = write(
        &dir,
        "noroad.toml",
        "[scenario]\nname = \"no-road\"\ndescription = \"road closed\"\n\n[[edit]]\naction = \"close\"\nselect = { mode = \"road\" }\nrationale = \"test\"\n",
    );
    let compare = || {
        Cmd::tiny("compare").args([
            "--by",
            "time",
            "--scenario",
            "baseline",
            "--scenario",
            &closed,
        ])
    };
    let rows = compare().args(["--format", "json"]).json();
    assert_eq!(rows["schema"], "corridor.compare/1");
    let rows = rows["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["scenario"], "baseline");
    assert_eq!(rows[0]["route"]["total"]["hours"], 55.0);
    assert_eq!(rows[1]["scenario"], "no-road");
    assert_eq!(rows[1]["route"]["total"]["hours"], 82.0);
    assert_eq!(rows[1]["delta"]["days"].as_f64().unwrap(), 27.0 / 24.0);
    compare()
        .stdout_has("no-road")
        .stdout_has("+1.1 (+49.1%)")
        .stdout_has("close mode road: test")
        .run();
}

#[test]
fn default_study_compares_every_shipped_scenario() {
    let text = Cmd::new().arg("compare").run().stdout;
    // Which scenarios are shipped is pinned in the `shipped` tests; here: compare runs them all
    // but the capacity-only ones, which change no route.
    let names = corridor::scenario::study_names();
    assert_eq!(names.len(), 11);
    for capacity_only in ["caspian-capacity-2027", "alat-phase-2"] {
        assert!(!names.contains(&capacity_only));
        assert!(!text.contains(capacity_only), "{text}");
    }
    for s in names {
        assert!(text.contains(s), "{s} missing from\n{text}");
    }
}

#[test]
fn sweep_reports_switch_points() {
    let sweep = |selection: &str| {
        Cmd::tiny("sweep").args(["--field", "border.hours", "--where", selection])
    };
    sweep("mode=road")
        .args(["--range", "0:100", "--steps", "4", "--tolerance", "0.001"])
        .stdout_has("switch at border.hours = 66.999")
        .stdout_has("67")
        .run();
    sweep("mode=boat")
        .args(["--range", "0:100"])
        .status(2)
        .stderr_has("unknown mode `boat`")
        .run();
    Cmd::tiny("sweep")
        .args(["--field", "km", "--where", "mode=road", "--range", "5"])
        .status(2)
        .stderr_has("expected LO:HI")
        .run();
}

#[test]
fn several_objectives_give_an_array_in_canonical_order() {
    let v = Cmd::tiny("route")
        .args(["--by", "cost,time,cost", "--format", "json"])
        .json();
    assert_eq!(objectives(&v), ["time", "cost"]);
}

#[test]
fn modes_restrict_the_route_and_an_unknown_mode_is_a_usage_error() {
    let alat_poti = || Cmd::new().arg("route").between("alat", "poti");
    alat_poti()
        .args(["--modes", "rail", "--format", "json"])
        .stdout_has("\"modes\": [\n    \"rail\"\n  ]")
        .stdout_lacks("\"mode\": \"road\"")
        .run();
    alat_poti()
        .args(["--modes", "rail,bus"])
        .status(2)
        .stderr_has("invalid value 'bus'")
        .run();
    Cmd::new()
        .arg("route")
        .between("xian", "alat")
        .args(["--modes", "sea"])
        .status(1)
        .stderr_has("no route uses only sea")
        .run();
    for cmd in [
        &["compare"][..],
        &["map", "-o", "/dev/null"],
        &["chart", "tcd", "-o", "/dev/null"],
    ] {
        Cmd::new()
            .args(cmd)
            .args(["--modes", "lorry"])
            .status(2)
            .run();
    }
}

#[test]
fn route_outputs_name_the_scenario_applied() {
    Cmd::route()
        .args(["--scenario", "zangazur-open"])
        .stdout_has("· zangazur-open")
        .run();
    Cmd::route()
        .args(["--format", "json"])
        .stdout_has("\"scenario\": \"baseline\"")
        .run();
}

#[test]
fn the_default_study_compares_every_corridor_under_every_scenario() {
    let rows = Cmd::new().args(["compare", "--format", "json"]).json();
    let rows = rows["rows"].as_array().unwrap();
    // 11 scenarios × 6 families × {time, cost}.
    assert_eq!(rows.len(), 11 * 6 * 2);
    let find = |scenario: &str, family: &str| {
        rows.iter()
            .find(|r| {
                r["scenario"] == scenario && r["family"] == family && r["objective"] == "time"
            })
            .unwrap_or_else(|| panic!("{scenario} {family}"))
    };
    let days = |r: &serde_json::Value| r["delta"]["days"].as_f64().unwrap();
    // The customs agreements act on the Caspian: the Middle Corridor gains, the Northern route
    // and the sea do not move.
    assert!(days(find("customs-simplification", "middle-turkiye")) < 0.0);
    assert_eq!(days(find("customs-simplification", "northern")), 0.0);
    assert_eq!(days(find("customs-simplification", "sea-suez")), 0.0);
    // The Polish border closure holds a Northern route through Poland 13 days; the family's best
    // route then goes round it (through Russia, Azerbaijan and Georgia) when that is faster. It
    // moves nothing else.
    let closed = find("border-closure-poland", "northern");
    let through_poland = closed["route"]["countries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "PL");
    if through_poland {
        assert!((days(closed) - 13.0).abs() < 1e-9, "{closed}");
    } else {
        assert!(days(closed) > 0.0 && days(closed) < 13.0, "{closed}");
    }
    assert_eq!(days(find("border-closure-poland", "middle-turkiye")), 0.0);
    assert_eq!(days(find("border-closure-poland", "sea-suez")), 0.0);
    // Zangazur has a route only once its sections are open.
    assert!(find("baseline", "zangazur").get("no_route").is_some());
    assert!(find("zangazur-open", "zangazur")["route"]["countries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "AM"));
}

#[test]
fn alternatives_on_the_command_line() {
    let v = Cmd::route()
        .args(["--alternatives", "3", "--format", "json"])
        .json();
    let ranks: Vec<u64> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["alternative"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 2, 3]);
    Cmd::route().args(["--max-overlap", "0.3"]).status(2).run();
    Cmd::route().args(["--alternatives", "0"]).status(2).run();
}

#[test]
fn pareto_lists_the_non_dominated_routes() {
    let v = Cmd::new()
        .args(["pareto", "--avoid", "RU,BY", "--format", "json"])
        .json();
    assert_eq!(v["schema"], "corridor.pareto/1");
    let pts: Vec<(f64, f64)> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["total"]["hours"].as_f64().unwrap(),
                r["total"]["usd"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(pts.len() >= 2, "{pts:?}");
    // Faster is dearer along the front, and no point dominates another.
    for w in pts.windows(2) {
        assert!(w[0].0 <= w[1].0 && w[0].1 > w[1].1, "{pts:?}");
    }
    Cmd::new()
        .args(["pareto", "--criteria", "time"])
        .status(2)
        .run();
    Cmd::new()
        .args(["pareto", "--criteria", "time,time"])
        .status(2)
        .run();
}

#[test]
fn reliability_json_is_reproducible_and_its_fastest_shares_sum_to_one() {
    let run = || {
        Cmd::reliability("reliability")
            .args(["--alternatives", "2", "--samples", "20000", "--seed", "4"])
            .args(["--within", "3", "--format", "json"])
            .json()
    };
    let a = run();
    assert_eq!(a, run(), "same seed, same answer");
    let routes = a["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 2);
    let total: f64 = routes
        .iter()
        .map(|r| r["p_fastest"].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    assert_eq!(routes[0]["spread_from"][0]["id"], "mb-border");
    assert!(routes[0]["p_within"].as_f64().unwrap() > 0.3);
}

#[test]
fn reliability_output_is_the_same_bytes_on_one_thread_and_two() {
    // The shipped default study (five routes, shocks and all), more samples than one block.
    let run = |threads: &str| {
        Cmd::new()
            .args([
                "reliability",
                "--samples",
                "30000",
                "--seed",
                "7",
                "--within",
                "20",
            ])
            .args(["--format", "json"])
            .env("RAYON_NUM_THREADS", threads)
            .run()
            .stdout
    };
    let one = run("1");
    assert!(one.contains("\"p_within\""), "{one}");
    assert_eq!(one, run("2"));
}

#[test]
fn reliability_table_csv_and_markdown() {
    let run = |extra: &[&str]| {
        Cmd::reliability("reliability")
            .args(["--alternatives", "2", "--samples", "5000"])
            .args(extra)
            .run()
            .stdout
    };
    let table = run(&[]);
    assert!(
        table.contains("P90") && table.contains("5,000 samples, seed 1"),
        "{table}"
    );
    let csv = run(&["--format", "csv"]);
    assert!(
        csv.starts_with("route,family,fixed_days,mean_days,p10_days"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3);
    let md = run(&["--format", "markdown", "--by", "p90"]);
    assert!(md.contains("|---|"), "{md}");
}

#[test]
fn reliability_refuses_bad_options_with_exit_2() {
    for (args, want) in [
        (["--samples", "0"], "--samples 0"),
        (["--month", "13"], "13"),
        (["--within", "-1"], "--within -1"),
    ] {
        Cmd::reliability("reliability")
            .args(args)
            .status(2)
            .stderr_has(want)
            .run();
    }
}

#[test]
fn reliability_figures_write_the_distribution_chart() {
    let dir = tempfile::tempdir().unwrap();
    Cmd::reliability("reliability")
        .args(["--alternatives", "2", "--samples", "2000", "--figures"])
        .arg(dir.path())
        .run();
    let svg = std::fs::read_to_string(dir.path().join("reliability.svg")).unwrap();
    assert!(
        svg.starts_with("<svg") || svg.starts_with("<?xml"),
        "{}",
        &svg[..60]
    );
    assert!(svg.contains("P90"), "the legend gives P50 and P90");
}

#[test]
fn route_by_p90_picks_the_best_ninetieth_percentile_and_stands_alone() {
    Cmd::reliability("route")
        .args(["--by", "p90"])
        .stderr_has("chosen by the best P90")
        .stdout_has_any(&["Waiting", "wait"])
        .run();
    Cmd::reliability("route")
        .args(["--by", "p90,time"])
        .status(2)
        .stderr_has("--by p90 stands alone")
        .run();
}

#[test]
fn compare_reliability_adds_percentile_columns() {
    let csv = Cmd::new()
        .args(["compare", "--reliability", "--samples", "2000"])
        .args(["--scenario", "baseline", "--format", "csv"])
        .run()
        .stdout;
    assert!(
        csv.lines().next().unwrap().ends_with(",p50_days,p90_days"),
        "{csv}"
    );
    Cmd::new()
        .args(["compare", "--samples", "10"])
        .status(2)
        .run();
}

#[test]
fn links_lists_and_filters_and_refuses_a_typo() {
    let csv = Cmd::new()
        .args([
            "links",
            "--mode",
            "sea",
            "--country",
            "KZ",
            "--format",
            "csv",
        ])
        .run()
        .stdout;
    assert!(csv.starts_with("id,from,to,mode,gauge_mm,km,"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("aktau-alat,aktau,alat,sea,")),
        "{csv}"
    );
    assert!(csv.lines().skip(1).all(|l| l.contains(",sea,")), "{csv}");
    let v = Cmd::new()
        .args(["links", "--status", "planned", "--format", "json"])
        .json();
    assert_eq!(v["schema"], "corridor.links/1");
    assert!(v["links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["status"] == "planned"));
    for (flag, value, want) in [
        (
            "--corridor",
            "midle",
            "no link or node of the network carries this tag",
        ),
        ("--country", "XX", "no node or link of the network is there"),
        ("--status", "open", "unknown status"),
    ] {
        Cmd::new()
            .args(["links", flag, value])
            .status(2)
            .stderr_has(want)
            .run();
    }
}

#[test]
fn completions_and_man_page_are_generated() {
    Cmd::new()
        .args(["completions", "bash"])
        .stdout_has("reliability")
        .run();
    Cmd::new().arg("man").stdout_has(".TH corridor").run();
    Cmd::new()
        .args(["completions", "tcsh"])
        .status(2)
        .stdout("")
        .run();
}

#[test]
fn the_map_names_its_projection_in_proj_syntax() {
    let svg = Cmd::new()
        .arg("map")
        .between("xian", "duisburg")
        .args(["-o", "-"])
        .run()
        .stdout;
    let start = svg
        .find("+proj=lcc")
        .expect("a PROJ string in the metadata");
    let def = &svg[start..svg[start..].find('<').unwrap() + start];
    for key in [
        "+lat_1=",
        "+lat_2=",
        "+lat_0=",
        "+lon_0=",
        "+R=6371000",
        "+units=m",
    ] {
        assert!(def.contains(key), "{def}");
    }
}

#[test]
fn compare_figures_take_a_bbox_and_map_takes_several_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    let figures = |bbox: &str| {
        Cmd::new()
            .args(["compare", "--scenario", "baseline", "--figures"])
            .arg(dir.path())
            .args(["--bbox", bbox])
    };
    figures("38,36,52,44").run();
    let svg = std::fs::read_to_string(dir.path().join("compare-xian-duisburg-map.svg")).unwrap();
    for label in ["Kars", "Poti", "Tbilisi", "Port of Baku"] {
        assert!(
            svg.contains(&format!(">\n{label}\n<")) || svg.contains(label),
            "{label}"
        );
    }
    assert!(
        !svg.contains(">\nSingapore\n<"),
        "the box leaves Singapore out"
    );
    figures("52,36,38,44")
        .status(2)
        .stderr_has("WEST < EAST")
        .run();
    let svg = Cmd::new()
        .args([
            "map",
            "--scenario",
            "baseline",
            "--scenario",
            "corridor-2030",
        ])
        .args(["--by", "time", "-o", "-"])
        .run()
        .stdout;
    assert!(
        svg.contains("baseline fastest") && svg.contains("corridor-2030 fastest"),
        "both scenarios in the legend"
    );
}
