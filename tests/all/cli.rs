//! End-to-end tests of the `corridor` binary: outputs, exit codes and error messages.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

const TINY: &str = "tests/fixtures/tiny.toml";

fn corridor() -> Command {
    Command::cargo_bin("corridor").unwrap()
}

/// Runs `corridor ARGS`, asserts success and parses its standard output as JSON.
fn json(args: &[&str]) -> serde_json::Value {
    let out = corridor()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn route_table_lists_steps_and_totals() {
    corridor()
        .args([
            "route",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--by",
            "cost",
        ])
        .assert()
        .success()
        .stdout(contains("A → Q · cheapest (cost) · year 2025"))
        .stdout(contains("transfer  G"))
        .stdout(contains("rail 1435 mm → rail 1520 mm"))
        .stdout(contains("total: 600 km · 3.4 days · $1,150"));
}

#[test]
fn route_json_follows_the_contract() {
    let v = json(&[
        "route",
        "--network",
        TINY,
        "--from",
        "A",
        "--to",
        "q",
        "--by",
        "cost",
        "--format",
        "json",
    ]);
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

#[test]
fn by_all_json_is_an_array_of_five() {
    let v = json(&[
        "route",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "all",
        "--format",
        "json",
    ]);
    assert_eq!(v["schema"], "corridor.routes/1");
    let objectives: Vec<&str> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["objective"].as_str().unwrap())
        .collect();
    assert_eq!(
        objectives,
        ["distance", "time", "cost", "generalized", "co2"]
    );
}

#[test]
fn csv_and_markdown_formats() {
    corridor()
        .args(["route", "--network", TINY, "--from", "a", "--to", "q", "--by", "cost", "--format", "csv"])
        .assert()
        .success()
        .stdout(contains("scenario,from,to,objective,seq,kind,step_from,step_to,mode,link,service,detail,km,hours,usd,co2_kg,cum_km,cum_hours,cum_usd,cum_co2_kg"))
        // 68 + 10 + 136 + 10 + 239.4 kg: diesel rail 34 g/tkm, two transfers at 10 kg, a feeder at 39.9 g/tkm, 20 t.
        .stdout(contains("baseline,a,q,cost,8,border,p,q,sea,p-q,,KZ → AZ,0.000,1.000,0.00,0.000,600.000,82.000,1150.00,463.400"));
    corridor()
        .args([
            "route",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--format",
            "markdown",
        ])
        .assert()
        .success()
        .stdout(contains("| # | step | where | detail | km | hours | USD |"))
        .stdout(contains("**Total:** 900 km"));
}

#[test]
fn output_is_deterministic() {
    let run = || {
        corridor()
            .args([
                "route",
                "--network",
                TINY,
                "--from",
                "a",
                "--to",
                "q",
                "--by",
                "all",
                "--format",
                "json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}

#[test]
fn no_route_exits_1_and_says_what_cut_it() {
    corridor()
        .args([
            "route",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "p",
            "--avoid",
            "KZ",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "no route from a to p: p lies in KZ, which is avoided",
        ));
    corridor()
        .args([
            "route",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--avoid",
            "g,AZ",
        ])
        .assert()
        .code(1)
        .stderr(contains("q lies in AZ"));
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
    corridor()
        .args([
            "route",
            "--network",
            &path,
            "--from",
            "a",
            "--to",
            "q",
            "--avoid",
            "g",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "not yet open in 2025 (the first route opens in 2031; try --year 2031)",
        ));
    corridor()
        .args([
            "route",
            "--network",
            &path,
            "--from",
            "a",
            "--to",
            "q",
            "--avoid",
            "g",
            "--year",
            "2031",
        ])
        .assert()
        .success();
}

#[test]
fn unknown_node_exits_2_with_suggestions() {
    corridor()
        .args(["route", "--from", "duisberg", "--to", "xian"])
        .assert()
        .code(2)
        .stderr(contains("unknown node `duisberg`; did you mean duisburg"));
}

#[test]
fn usage_errors_exit_2() {
    corridor().args(["route", "--from", "a"]).assert().code(2);
    corridor()
        .args(["route", "--from", "a", "--to", "b", "--by", "fun"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'fun'"));
    corridor()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Exit codes"));
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
    let assert = corridor()
        .args(["route", "--network", &path, "--from", "a", "--to", "q"])
        .assert()
        .code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.contains("3 problems in network data"), "{err}");
    assert!(
        err.contains(&format!("{path}:50: node.lat: 95 is out of range")),
        "{err}"
    );
    assert!(err.contains("link.mode: unknown mode `boat`"), "{err}");
    assert!(
        err.contains("link.km: -200 must be greater than 0"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn validate_lists_every_problem_and_accepts_good_data() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(TINY)
        .unwrap()
        .replace("id = \"q\"", "id = \"a\"")
        .replace("kind = \"city\"", "kind = \"town\"");
    let path = write(&dir, "bad.toml", &text);
    corridor()
        .args(["validate", &path])
        .assert()
        .code(2)
        .stderr(contains("duplicate node id `a`"))
        .stderr(contains("unknown kind `town`"));
    corridor()
        .args(["validate", TINY])
        .assert()
        .success()
        .stdout(contains("ok — 4 nodes, 4 links"));
    let syntax = write(&dir, "syntax.toml", "[network]\nname = \"x\nvalue = 1\n");
    corridor()
        .args(["validate", &syntax])
        .assert()
        .code(2)
        .stderr(contains(format!("{syntax}:2: toml:")));
}

#[test]
fn missing_network_file_exits_2() {
    corridor()
        .args([
            "route",
            "--network",
            "no/such/file.toml",
            "--from",
            "a",
            "--to",
            "b",
        ])
        .assert()
        .code(2)
        .stderr(contains("cannot read no/such/file.toml"));
}

#[test]
fn nodes_lists_and_filters() {
    corridor()
        .args(["nodes", "--network", TINY, "--country", "kz"])
        .assert()
        .success()
        .stdout(
            contains("g ")
                .and(contains("p "))
                .and(contains("2 of 4 nodes")),
        );
    corridor()
        .args(["nodes", "--network", TINY, "--kind", "harbour"])
        .assert()
        .code(2)
        .stderr(contains("unknown kind"));
}

#[test]
fn bad_scenario_file_exits_2_naming_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        &dir,
        "bad.toml",
        "[scenario]\nname = \"bad\"\ndescription = \"d\"\n\n[[edit]]\naction = \"scale\"\nselect = { mode = \"road\" }\nfield = \"border.hours\"\nfactor = -1\nrationale = \"r\"\n",
    );
    corridor()
        .args([
            "route",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--scenario",
            &bad,
        ])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{bad}:9: edit.factor: scale factor -1 must be greater than 0"
        )));
    let nothing = write(
        &dir,
        "nothing.toml",
        "[scenario]\nname = \"n\"\ndescription = \"d\"\n\n[[edit]]\naction = \"close\"\nselect = { corridor = \"atlantis\" }\nrationale = \"r\"\n",
    );
    corridor()
        .args([
            "compare",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--scenario",
            &nothing,
        ])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{nothing}:5: edit: the selection (corridor atlantis) matches nothing"
        )));
    let syntax = write(&dir, "syntax.toml", "[scenario\n");
    corridor()
        .args([
            "route",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--scenario",
            &syntax,
        ])
        .assert()
        .code(2)
        .stderr(contains(format!("{syntax}:1: toml:")));
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--scenario",
            "no-such-study",
        ])
        .assert()
        .code(2)
        .stderr(contains("unknown scenario `no-such-study`"))
        .stderr(contains("baseline"));
}

#[test]
fn compare_runs_scenario_files_against_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let closed = write(
        &dir,
        "noroad.toml",
        "[scenario]\nname = \"no-road\"\ndescription = \"road closed\"\n\n[[edit]]\naction = \"close\"\nselect = { mode = \"road\" }\nrationale = \"test\"\n",
    );
    let rows = json(&[
        "compare",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "time",
        "--scenario",
        "baseline",
        "--scenario",
        &closed,
        "--format",
        "json",
    ]);
    assert_eq!(rows["schema"], "corridor.compare/1");
    let rows = rows["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["scenario"], "baseline");
    assert_eq!(rows[0]["route"]["total"]["hours"], 55.0);
    assert_eq!(rows[1]["scenario"], "no-road");
    assert_eq!(rows[1]["route"]["total"]["hours"], 82.0);
    assert_eq!(rows[1]["delta"]["days"].as_f64().unwrap(), 27.0 / 24.0);
    corridor()
        .args([
            "compare",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--by",
            "time",
            "--scenario",
            "baseline",
            "--scenario",
            &closed,
        ])
        .assert()
        .success()
        .stdout(contains("no-road"))
        .stdout(contains("+1.1 (+49.1%)"))
        .stdout(contains("close mode road: test"));
}

#[test]
fn default_study_compares_every_shipped_scenario() {
    let out = corridor()
        .arg("compare")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    // Which scenarios are shipped is pinned in tests/shipped.rs; here: compare runs them all but
    // the capacity-only one, which changes no route.
    let names = corridor::scenario::study_names();
    assert_eq!(names.len(), 10);
    assert!(!names.contains(&"caspian-capacity-2027"));
    assert!(!text.contains("caspian-capacity-2027"), "{text}");
    for s in names {
        assert!(text.contains(s), "{s} missing from\n{text}");
    }
}

#[test]
fn sweep_reports_switch_points() {
    corridor()
        .args([
            "sweep",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--field",
            "border.hours",
            "--where",
            "mode=road",
            "--range",
            "0:100",
            "--steps",
            "4",
            "--tolerance",
            "0.001",
        ])
        .assert()
        .success()
        .stdout(contains("switch at border.hours = 66.999"))
        .stdout(contains("67"));
    corridor()
        .args([
            "sweep",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--field",
            "border.hours",
            "--where",
            "mode=boat",
            "--range",
            "0:100",
        ])
        .assert()
        .code(2)
        .stderr(contains("unknown mode `boat`"));
    corridor()
        .args([
            "sweep",
            "--network",
            TINY,
            "--from",
            "a",
            "--to",
            "q",
            "--field",
            "km",
            "--where",
            "mode=road",
            "--range",
            "5",
        ])
        .assert()
        .code(2)
        .stderr(contains("expected LO:HI"));
}

#[test]
fn several_objectives_give_an_array_in_canonical_order() {
    let v = json(&[
        "route",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "cost,time,cost",
        "--format",
        "json",
    ]);
    assert_eq!(v["schema"], "corridor.routes/1");
    let objectives: Vec<&str> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["objective"].as_str().unwrap())
        .collect();
    assert_eq!(objectives, ["time", "cost"]);
}

#[test]
fn modes_restrict_the_route_and_an_unknown_mode_is_a_usage_error() {
    corridor()
        .args([
            "route", "--from", "alat", "--to", "poti", "--modes", "rail", "--format", "json",
        ])
        .assert()
        .success()
        .stdout(contains("\"modes\": [\n    \"rail\"\n  ]"))
        .stdout(contains("\"mode\": \"road\"").not());
    corridor()
        .args([
            "route", "--from", "alat", "--to", "poti", "--modes", "rail,bus",
        ])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'bus'"));
    corridor()
        .args(["route", "--from", "xian", "--to", "alat", "--modes", "sea"])
        .assert()
        .code(1)
        .stderr(contains("no route uses only sea"));
    for cmd in [
        &["compare"][..],
        &["map", "-o", "/dev/null"],
        &["chart", "tcd", "-o", "/dev/null"],
    ] {
        corridor()
            .args(cmd)
            .args(["--modes", "lorry"])
            .assert()
            .code(2);
    }
}

#[test]
fn route_outputs_name_the_scenario_applied() {
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--scenario",
            "zangazur-open",
        ])
        .assert()
        .success()
        .stdout(contains("· zangazur-open"));
    corridor()
        .args([
            "route", "--from", "xian", "--to", "duisburg", "--format", "json",
        ])
        .assert()
        .success()
        .stdout(contains("\"scenario\": \"baseline\""));
}

#[test]
fn the_default_study_compares_every_corridor_under_every_scenario() {
    let out = corridor()
        .args(["compare", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = rows["rows"].as_array().unwrap();
    // 10 scenarios × 6 families × {time, cost}.
    assert_eq!(rows.len(), 10 * 6 * 2);
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
    let out = corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--alternatives",
            "3",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ranks: Vec<u64> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["alternative"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 2, 3]);
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--max-overlap",
            "0.3",
        ])
        .assert()
        .code(2);
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--alternatives",
            "0",
        ])
        .assert()
        .code(2);
}

#[test]
fn pareto_lists_the_non_dominated_routes() {
    let out = corridor()
        .args(["pareto", "--avoid", "RU,BY", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
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
    corridor()
        .args(["pareto", "--criteria", "time"])
        .assert()
        .code(2);
    corridor()
        .args(["pareto", "--criteria", "time,time"])
        .assert()
        .code(2);
}

const RELIABILITY: &str = "tests/fixtures/reliability.toml";

#[test]
fn reliability_json_is_reproducible_and_its_fastest_shares_sum_to_one() {
    let args = [
        "reliability",
        "--network",
        RELIABILITY,
        "--from",
        "a",
        "--to",
        "b",
        "--alternatives",
        "2",
        "--samples",
        "20000",
        "--seed",
        "4",
        "--within",
        "3",
        "--format",
        "json",
    ];
    let a = json(&args);
    assert_eq!(a, json(&args), "same seed, same answer");
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
fn reliability_table_csv_and_markdown() {
    let base = [
        "reliability",
        "--network",
        RELIABILITY,
        "--from",
        "a",
        "--to",
        "b",
        "--alternatives",
        "2",
        "--samples",
        "5000",
    ];
    let run = |extra: &[&str]| {
        let out = corridor()
            .args(base)
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
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
        (vec!["--samples", "0"], "--samples 0"),
        (vec!["--month", "13"], "13"),
        (vec!["--within", "-1"], "--within -1"),
    ] {
        corridor()
            .args([
                "reliability",
                "--network",
                RELIABILITY,
                "--from",
                "a",
                "--to",
                "b",
            ])
            .args(args)
            .assert()
            .code(2)
            .stderr(contains(want));
    }
}

#[test]
fn reliability_figures_write_the_distribution_chart() {
    let dir = tempfile::tempdir().unwrap();
    corridor()
        .args([
            "reliability",
            "--network",
            RELIABILITY,
            "--from",
            "a",
            "--to",
            "b",
            "--alternatives",
            "2",
            "--samples",
            "2000",
            "--figures",
        ])
        .arg(dir.path())
        .assert()
        .success();
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
    corridor()
        .args([
            "route",
            "--network",
            RELIABILITY,
            "--from",
            "a",
            "--to",
            "b",
            "--by",
            "p90",
        ])
        .assert()
        .success()
        .stderr(contains("chosen by the best P90"))
        .stdout(contains("Waiting").or(contains("wait")));
    corridor()
        .args([
            "route",
            "--network",
            RELIABILITY,
            "--from",
            "a",
            "--to",
            "b",
            "--by",
            "p90,time",
        ])
        .assert()
        .code(2)
        .stderr(contains("--by p90 stands alone"));
}

#[test]
fn compare_reliability_adds_percentile_columns() {
    let out = corridor()
        .args([
            "compare",
            "--reliability",
            "--samples",
            "2000",
            "--scenario",
            "baseline",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",p50_days,p90_days"),
        "{csv}"
    );
    corridor()
        .args(["compare", "--samples", "10"])
        .assert()
        .code(2);
}

#[test]
fn links_lists_and_filters_and_refuses_a_typo() {
    let out = corridor()
        .args([
            "links",
            "--mode",
            "sea",
            "--country",
            "KZ",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.starts_with("id,from,to,mode,gauge_mm,km,"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("aktau-alat,aktau,alat,sea,")),
        "{csv}"
    );
    assert!(csv.lines().skip(1).all(|l| l.contains(",sea,")), "{csv}");
    let v = json(&["links", "--status", "planned", "--format", "json"]);
    assert_eq!(v["schema"], "corridor.links/1");
    assert!(v["links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["status"] == "planned"));
    for (flag, value, want) in [
        ("--corridor", "midle", "no link carries this tag"),
        ("--country", "XX", "no node or link of the network is there"),
        ("--status", "open", "unknown status"),
    ] {
        corridor()
            .args(["links", flag, value])
            .assert()
            .code(2)
            .stderr(contains(want));
    }
}

#[test]
fn completions_and_man_page_are_generated() {
    corridor()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("reliability"));
    corridor()
        .args(["man"])
        .assert()
        .success()
        .stdout(contains(".TH corridor"));
    corridor().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_map_names_its_projection_in_proj_syntax() {
    let out = corridor()
        .args(["map", "--from", "xian", "--to", "duisburg", "-o", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let svg = String::from_utf8(out).unwrap();
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
    corridor()
        .args(["compare", "--scenario", "baseline", "--figures"])
        .arg(dir.path())
        .args(["--bbox", "38,36,52,44"])
        .assert()
        .success();
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
    corridor()
        .args(["compare", "--scenario", "baseline", "--figures"])
        .arg(dir.path())
        .args(["--bbox", "52,36,38,44"])
        .assert()
        .code(2)
        .stderr(contains("WEST < EAST"));
    let out = corridor()
        .args([
            "map",
            "--scenario",
            "baseline",
            "--scenario",
            "corridor-2030",
            "--by",
            "time",
            "-o",
            "-",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let svg = String::from_utf8(out).unwrap();
    assert!(
        svg.contains("baseline fastest") && svg.contains("corridor-2030 fastest"),
        "both scenarios in the legend"
    );
}
