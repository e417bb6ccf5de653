//! Regression tests for inputs that once gave a silent wrong answer, hung, ate memory or wrote
//! where they should not: each must now answer correctly or exit 2 with a message.

use std::time::Duration;

use crate::support::cmd::{write, Cmd, TINY};

// Queries: searches bounded in time, counts bounded, typos, years and corridor families.
mod queries;

/// `corridor`, killed (and failed) after a minute: these inputs once hung the tool.
fn corridor() -> Cmd {
    Cmd::new().timeout(Duration::from_secs(60))
}

/// `corridor route --from xian --to duisburg`, with the same limit.
fn route() -> Cmd {
    Cmd::route().timeout(Duration::from_secs(60))
}

const SWEEP: [&str; 6] = [
    "sweep",
    "--field",
    "wait_hours",
    "--range",
    "0:480",
    "--avoid=RU,BY",
];

#[test]
fn a_malformed_border_selection_is_refused_with_the_quoted_form() {
    corridor()
        .args(SWEEP)
        .args(["--where", "border=CN"])
        .status(2)
        .stderr_has("'border=CN>KZ'")
        .run();
    corridor()
        .args(["sweep", "--help"])
        .stdout_has("'border=AA>BB'")
        .run();
}

#[test]
fn sweep_tolerance_steps_and_negative_values_are_bounded() {
    let links = ["--where", "links=aktau-alat"];
    corridor()
        .args(SWEEP)
        .args(links)
        .args(["--tolerance", "1e-300"])
        .status(2)
        .stderr_has("floating point")
        .run();
    corridor()
        .args(SWEEP)
        .args(links)
        .args(["--steps", "1000000"])
        .status(2)
        .stderr_has("--steps")
        .run();
    corridor()
        .args(["sweep", "--field", "km", "--range=-10:-1"])
        .args(links)
        .status(2)
        .stderr_has("≥ 0")
        .run();
    corridor()
        .args(["sweep", "--field", "km", "--range=-1e308:1e308"])
        .args(links)
        .status(2)
        .run();
}

#[test]
fn scenario_edits_that_overflow_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "huge.toml",
        "[scenario]\nname = \"huge\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"speed_kmh\"\nfactor = 1e308\nrationale = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"km\"\nfactor = 1e308\nrationale = \"x\"\n",
    );
    route()
        .args(["--scenario", &s])
        .status(2)
        .stderr_has("implausible")
        .run();
}

#[test]
fn compare_keys_the_reference_by_position_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let same = "[scenario]\nname = \"same\"\ndescription = \"x\"\n";
    let a = write(&dir, "a.toml", same);
    let b = write(
        &dir,
        "b.toml",
        &format!("{same}\n[[edit]]\naction = \"scale\"\nselect = {{ border = \"BY>PL\" }}\nfield = \"border.hours\"\nfactor = 3.0\nrationale = \"x\"\n"),
    );
    let doc = corridor()
        .args(["compare", "--scenario", &a, "--scenario", &b])
        .args(["--by", "time", "--overall", "--format", "json"])
        .json();
    assert_eq!(doc["schema"], "corridor.compare/1");
    let rows = &doc["rows"];
    assert!(rows[0].get("delta").is_none());
    let d = rows[1]["delta"]["days"]
        .as_f64()
        .expect("the second row has a delta");
    assert!(d > 0.0, "{d}");
}

#[test]
fn negative_bbox_values_parse_without_equals() {
    corridor()
        .args(["map", "--bbox", "-20,30,60,60", "-o", "-"])
        .stdout_has("<svg")
        .run();
}

#[test]
fn dash_writes_to_standard_output_and_no_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    corridor()
        .current_dir(dir.path())
        .args(["chart", "tcd", "-o", "-"])
        .stdout_has("<svg")
        .run();
    assert!(!dir.path().join("-").exists());
}

#[test]
fn outputs_never_replace_devices_links_or_folders() {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    {
        let target = write(&dir, "keep.txt", "keep");
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        corridor()
            .args(["map", "-o"])
            .arg(&link)
            .status(2)
            .stderr_has("symbolic link")
            .run();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        if std::path::Path::new("/dev/full").exists() {
            corridor()
                .args(["map", "-o", "/dev/full"])
                .status(2)
                .stderr_has("not a regular file")
                .run();
        }
    }
    corridor()
        .args(["map", "-o", &format!("{}/.", dir.path().display())])
        .status(2)
        .stderr_has("folder")
        .run();
}

#[test]
fn non_regular_inputs_are_refused_at_once() {
    #[cfg(unix)]
    {
        corridor()
            .args(["validate", "/dev/zero"])
            .status(2)
            .stderr_has("not a regular file")
            .run();
        route()
            .args(["--scenario", "/dev/zero"])
            .status(2)
            .stderr_has("not a regular file")
            .run();
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            corridor()
                .network(&fifo)
                .arg("nodes")
                .status(2)
                .stderr_has("not a regular file")
                .run();
        }
    }
}

#[test]
fn io_errors_name_their_reason_once() {
    let err = corridor()
        .network("/no/such/file.toml")
        .arg("nodes")
        .status(2)
        .run()
        .stderr;
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn names_are_looked_up_without_guessing() {
    let to_duisburg = |from: &str| corridor().arg("route").between(from, "duisburg");
    to_duisburg("").status(2).stderr_has("names no node").run();
    to_duisburg("port")
        .status(2)
        .stderr_has("matches 9 nodes")
        .stderr_has("xian (Xi'an International Port)")
        .run();
    to_duisburg("alat")
        .args(["--avoid", "port"])
        .status(2)
        .stderr_has("matches")
        .run();
    to_duisburg("Red Bridge")
        .status(2)
        .stderr_has("tsiteli_khidi")
        .stderr_has("qirmizi_korpu")
        .stderr_lacks("nuremberg")
        .run();
    corridor()
        .arg("route")
        .between("Tsiteli Khidi", "poti")
        .run();
    let long = "x".repeat(120_000);
    let out = to_duisburg(&long).status(2).run().stderr;
    assert!(out.len() < 1_000, "{} bytes echoed", out.len());
}

#[test]
fn a_chain_of_transfers_cannot_stand_in_for_a_missing_facility() {
    // Samtredia → Qırmızı Körpü once went by rail to Alat, "transferred" rail → sea → road there
    // (Alat has rail_sea and road_sea but no rail_road) and drove back through Ganja.
    let r = corridor()
        .arg("route")
        .between("samtredia", "qirmizi_korpu")
        .args(["--format", "json"])
        .json();
    let nodes: Vec<&str> = r["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    assert!(
        nodes.iter().all(|n| seen.insert(*n)),
        "a place visited twice: {nodes:?}"
    );
    assert!(!nodes.contains(&"alat"), "{nodes:?}");
}

#[test]
fn years_values_of_time_and_repeated_scenarios_are_checked() {
    for y in ["0", "-5", "99999"] {
        route().arg(format!("--year={y}")).status(2).run();
    }
    route()
        .args(["--by", "generalized", "--value-of-time", "1e308"])
        .status(2)
        .stderr_has("--value-of-time")
        .run();
    route()
        .args(["--scenario", "baseline+baseline"])
        .status(2)
        .stderr_has("appears twice")
        .run();
}

#[test]
fn names_with_control_characters_are_refused_and_csv_cells_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = std::fs::read_to_string(TINY).unwrap();
    for (file, escape, code) in [
        ("esc.toml", "\\u001b[31m", "U+001B"),
        ("rtl.toml", "\\u202e", "U+202E"),
        ("ff.toml", "\\uFFFF", "U+FFFF"),
    ] {
        let bad = write(
            &dir,
            file,
            &tiny.replacen("name = \"A\"", &format!("name = \"A{escape}\""), 1),
        );
        corridor()
            .args(["validate", &bad])
            .status(2)
            .stderr_has(code)
            .run();
    }
    // A formula-looking scenario name is text in CSV.
    let s = write(
        &dir,
        "f.toml",
        "[scenario]\nname = \"=HYPERLINK(1)\"\ndescription = \"x\"\n",
    );
    corridor()
        .arg("route")
        .network(TINY)
        .between("a", "q")
        .args(["--scenario", &s, "--format", "csv"])
        .stdout_has("\n'=HYPERLINK(1),a,q")
        .run();
}

#[test]
fn a_header_line_inside_a_multiline_string_is_valid_toml() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = std::fs::read_to_string(TINY).unwrap();
    let text = tiny
        + "\n[[node]]\nid = \"z\"\nname = \"Z\"\ncountry = \"KZ\"\nlat = 40\nlon = 70\nkind = \"city\"\nsource = { coords = \"\"\"measured\n[[link]]\n[network]\nstill the source\"\"\" }\n";
    let p = write(&dir, "ml.toml", &text);
    corridor()
        .args(["validate", &p])
        .stdout_has("5 nodes")
        .run();
}

#[test]
fn per_record_parsing_still_refuses_what_the_whole_file_parse_did() {
    let dir = tempfile::tempdir().unwrap();
    // Two [scenario] tables in one file.
    let two = write(
        &dir,
        "two.toml",
        "[scenario]\nname = \"a\"\ndescription = \"a\"\n\n[scenario]\nname = \"b\"\ndescription = \"b\"\n",
    );
    corridor()
        .args(["validate", "--scenario", &two])
        .status(2)
        .stderr_has("a second [scenario] table")
        .run();
    // Two [network] tables across the files of a folder, and a syntax error in each of two
    // records: every problem is reported, with its line.
    let tiny = std::fs::read_to_string(TINY).unwrap();
    let broken = tiny.replacen("lat = 40\n", "lat = = 40\n", 2);
    let net = write(&dir, "net.toml", &broken);
    let err = corridor().args(["validate", &net]).status(2).run().stderr;
    assert_eq!(
        err.matches(": toml: ").count(),
        2,
        "both broken records, each with its line: {err}"
    );
    assert!(
        err.contains("net.toml:27: toml:") && err.contains("net.toml:36: toml:"),
        "{err}"
    );
    let sub = dir.path().join("net");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.toml"), &tiny).unwrap();
    std::fs::write(sub.join("b.toml"), tiny.split("[[node]]").next().unwrap()).unwrap();
    corridor()
        .arg("validate")
        .arg(&sub)
        .status(2)
        .stderr_has("network")
        .run();
}

/// Every CSV output of `args` parsed by an independent reader; each number column must hold
/// numbers (see the fuzzer's column list). Returns the counts.
fn csv_of(args: &[&str]) -> crate::fuzz_mutation::mutate::CsvCounts {
    let out = corridor().args(args).args(["--format", "csv"]).run().stdout;
    crate::fuzz_mutation::mutate::check_csv(&args.join(" "), &out)
        .unwrap_or_else(|v| panic!("{}: {}\n{out}", v.signature, v.detail))
}

#[test]
fn csv_numbers_are_numbers_even_negative_and_only_text_is_guarded() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = std::fs::read_to_string(TINY).unwrap();
    // A node in the southern and western hemispheres, and a name a spreadsheet would run.
    let south = tiny
        .replacen("lat = 40\nlon = 80", "lat = -34.6\nlon = -58.4", 1)
        .replacen("name = \"A\"", "name = \"-A\"", 1);
    let net = write(&dir, "south.toml", &south);
    let nodes = corridor()
        .args(["nodes", "--network", &net, "--format", "csv"])
        .run()
        .stdout;
    assert!(
        nodes.contains("\na,'-A,CN,city,,-34.600,-58.400\n"),
        "{nodes}"
    );
    let n = csv_of(&["nodes", "--network", &net]);
    assert_eq!(n.negatives, 2, "{n:?}");
    for args in [
        &["links", "--network", &net][..],
        &["route", "--network", &net, "--from", "a", "--to", "q"],
    ] {
        assert!(csv_of(args).numbers > 0);
    }
}

#[test]
fn every_csv_output_of_the_shipped_network_parses_with_numbers_as_numbers() {
    let pair = ["--from", "xian", "--to", "duisburg"];
    let mut negatives = 0;
    for args in [
        &["nodes"][..],
        &["links"],
        &["route", "--by", "time"],
        &["route", "--per-corridor"],
        &[
            "compare",
            "--scenario",
            "baseline",
            "--scenario",
            "corridor-2030",
        ],
        &["reliability", "--samples", "500"],
        &[
            "sweep",
            "--field",
            "wait_hours",
            "--where",
            "links=aktau-alat",
            "--range",
            "0:480",
        ],
        &["pareto"],
    ] {
        let mut a = args.to_vec();
        if !matches!(args[0], "nodes" | "links") {
            a.extend(pair);
        }
        let c = csv_of(&a);
        assert!(c.rows > 0 && c.numbers > 0, "{a:?}: {c:?}");
        negatives += c.negatives;
    }
    for args in [&["assign"][..], &["observed"]] {
        let c = csv_of(args);
        assert!(c.rows > 0 && c.numbers > 0, "{args:?}: {c:?}");
    }
    assert!(
        negatives > 0,
        "the comparison's changes include negative ones"
    );
}

/// `corridor report --samples 300 -o DIR`.
fn report(dir: &std::path::Path) -> Cmd {
    corridor()
        .args(["report", "--samples", "300", "-o"])
        .arg(dir)
}

#[test]
fn a_report_folder_holds_one_study_and_a_foreign_folder_or_a_file_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("study");
    report(&dir).run();
    assert!(dir.join(".corridor-report").is_file(), "the marker");
    // A file an earlier study left (another scenario's table, say) does not survive the next.
    std::fs::write(dir.join("earlier-study.csv"), "x\n").unwrap();
    report(&dir).args(["--scenario", "baseline"]).run();
    assert!(!dir.join("earlier-study.csv").exists());
    assert!(dir.join("index.html").is_file() && dir.join(".corridor-report").is_file());
    let beside: Vec<_> = std::fs::read_dir(root.path()).unwrap().flatten().collect();
    assert_eq!(beside.len(), 1, "nothing left beside the folder");
    // A folder that corridor did not write is refused before the study runs, and kept whole.
    let foreign = root.path().join("thesis");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("chapter1.tex"), "keep").unwrap();
    report(&foreign)
        .status(2)
        .stderr_has("thesis")
        .stderr_has("did not write it")
        .stderr_has("name a new or empty folder")
        .run();
    assert_eq!(
        std::fs::read_to_string(foreign.join("chapter1.tex")).unwrap(),
        "keep"
    );
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
    // A file: named, and said to need a folder.
    let file = root.path().join("notes.txt");
    std::fs::write(&file, "keep").unwrap();
    report(&file)
        .status(2)
        .stderr_has("notes.txt")
        .stderr_has("not a folder")
        .run();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
}

#[test]
fn html_in_the_data_is_text_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "x.toml",
        "[scenario]\nname = \"faster-ferry\"\ndescription = \"<img src=x onerror=alert(1)> faster\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"speed_kmh\"\nfactor = 1.1\nrationale = \"<script>alert(1)</script>\"\nsource = \"<a href=javascript:alert(1)>R&D</a>\"\n",
    );
    let out = dir.path().join("report");
    report(&out)
        .args(["--scenario", "baseline", "--scenario", &s])
        .run();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let compare = corridor()
        .args(["compare", "--from", "xian", "--to", "duisburg"])
        .args(["--scenario", "baseline", "--scenario", &s])
        .args(["--format", "markdown"])
        .run()
        .stdout;
    for text in [&md, &compare] {
        for raw in ["<script", "</script", "<img", "<a href"] {
            assert!(!text.contains(raw), "{raw} in:\n{text}");
        }
        assert!(text.contains("&lt;script>alert(1)&lt;/script>"), "{text}");
        assert!(text.contains("R&amp;D"), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs: sizes, folders, scenario lists and messages.

/// A file of 600 MB of NUL bytes (no record header, sparse on disk) was read whole and ran out
/// of memory; it is refused after the longest record a network may have.
#[test]
fn a_file_without_record_headers_is_refused_before_it_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zeros.toml");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(600 << 20)
        .unwrap();
    corridor()
        .arg("validate")
        .arg(&path)
        .status(2)
        .stderr_has("zeros.toml:1: record: no record header")
        .stderr_has("a record is at most 16 MiB")
        .run();
}

/// `.TOML` and `.GEOJSON` files of a folder are read; a FIFO (or any entry that is not a regular
/// file or a folder) is named in an error, never opened (it would block) nor skipped.
#[test]
fn a_network_folder_reads_any_case_of_extension_and_names_what_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = std::fs::read_to_string(TINY).unwrap();
    std::fs::write(dir.path().join("NET.TOML"), &tiny).unwrap();
    let folder = dir.path().display().to_string();
    corridor()
        .args(["validate", &folder])
        .stdout_has("ok — 4 nodes")
        .run();
    let made = |name: &str| {
        std::process::Command::new("mkfifo")
            .arg(dir.path().join(name))
            .status()
            .is_ok_and(|s| s.success())
    };
    if !made("extra.toml") {
        return;
    }
    corridor()
        .args(["validate", &folder])
        .status(2)
        .stderr_has("extra.toml: file: not a regular file")
        .run();
    std::fs::remove_file(dir.path().join("extra.toml")).unwrap();
    assert!(made("pipe"));
    corridor()
        .args(["validate", &folder])
        .status(2)
        .stderr_has("pipe: file: neither a file nor a folder")
        .run();
}

/// `baseline+` once said "unknown scenario ``"; `a.toml+./a.toml` applied the same edits twice.
#[test]
fn a_scenario_list_with_an_empty_name_or_one_file_twice_is_refused() {
    corridor()
        .args(["validate", "--scenario", "baseline+"])
        .status(2)
        .stderr_has("the list of scenarios has an empty name (place 2 of 2)")
        .run();
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir,
        "a.toml",
        "[scenario]\nname = \"a\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"wait_hours\"\nfactor = 2.0\nrationale = \"x\"\n",
    );
    route()
        .current_dir(dir.path())
        .args(["--scenario", "a.toml+./a.toml"])
        .status(2)
        .stderr_has("scenario `./a.toml` appears twice in `a.toml+./a.toml` (as `a.toml` and `./a.toml`, the same file)")
        .run();
}

/// A scenario file without its head, with an edit that fails alone, an addition that does not
/// load and an edit that selects nothing once took three runs to show its problems; now one.
#[test]
fn every_problem_of_a_scenario_file_is_reported_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "bad.toml",
        "[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"km\"\nfactor = -2\nrationale = \"x\"\n\n[[edit]]\naction = \"close\"\nselect = { links = [\"nonexistent\"] }\nrationale = \"x\"\n\n[[edit]]\naction = \"close\"\nselect = { links = [\"aktau-nowhere\"] }\nrationale = \"the addition's: not blamed\"\n\n[[link]]\nfrom = \"aktau\"\nto = \"nowhere\"\nmode = \"rail\"\n\n[[edit]]\naction = \"sacle\"\nrationale = \"x\"\n",
    );
    let err = corridor()
        .args(["validate", "--scenario", &s])
        .status(2)
        .stderr_has("bad.toml:1: scenario: missing: a [scenario] table")
        .stderr_has("bad.toml:5: edit.factor: scale factor -2 must be greater than 0")
        .stderr_has("bad.toml:8: edit: selection names unknown link `nonexistent`")
        .stderr_has("link.to: unknown node `nowhere`")
        .stderr_has("unknown action `sacle`; did you mean scale?")
        .stderr_lacks("aktau-nowhere")
        .run()
        .stderr;
    assert!(err.contains("8 problems in scenario"), "{err}");
    // The same in a study of several scenarios.
    corridor()
        .args(["compare", "--scenario", "baseline", "--scenario", &s])
        .status(2)
        .stderr_has("8 problems in scenario")
        .run();
}

/// An edit that leaves an implausible value was once blamed again on every later edit (the
/// network it left was checked after each); a refused edit now changes nothing.
#[test]
fn a_refused_edit_is_blamed_once_on_itself() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "blame.toml",
        "[scenario]\nname = \"blame\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"km\"\nfactor = 1e308\nrationale = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"kuryk-alat\"] }\nfield = \"wait_hours\"\nfactor = 2.0\nrationale = \"x\"\n\n[[edit]]\naction = \"set\"\nselect = { corridor = \"middle\" }\nfield = \"usd_fixed\"\nvalue = 10.0\nrationale = \"x\"\n",
    );
    corridor()
        .args(["validate", "--scenario", &s])
        .status(2)
        .stderr_has("1 problem in scenario")
        .stderr_has("blame.toml:5: edit: the edit leaves an implausible value")
        .stderr_lacks("blame.toml:12")
        .stderr_lacks("blame.toml:19")
        .run();
}

/// Numbers in messages are written as a person reads them: `set emissions.payload_t = 1e-310`
/// once gave a 671-character line (the value and the limit in full decimals).
#[test]
fn numbers_in_messages_are_short() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "tiny.toml",
        "[scenario]\nname = \"tiny\"\ndescription = \"x\"\n\n[[edit]]\naction = \"set\"\nselect = { all = true }\nfield = \"emissions.payload_t\"\nvalue = 1e-310\nrationale = \"x\"\n",
    );
    let err = corridor()
        .args(["validate", "--scenario", &s])
        .status(2)
        .stderr_has("1e-310")
        .run()
        .stderr;
    let longest = err.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 200, "a line of {longest} characters: {err}");
}

/// 4 MB of bad input once gave 87 MB of messages: each file lists at most 100 problems and
/// counts the rest.
#[test]
fn problems_are_listed_at_most_a_hundred_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = std::fs::read_to_string(TINY).unwrap();
    let mut text = tiny.split("[[node]]").next().unwrap().to_string();
    for i in 0..1000 {
        text.push_str(&format!(
            "\n[[node]]\nid = \"n{i}\"\nname = \"N\"\ncountry = \"KZ\"\nlat = 1e300\nlon = 60\nkind = \"city\"\nsource = {{ coords = \"x\" }}\n"
        ));
    }
    let net = write(&dir, "many.toml", &text);
    let err = corridor()
        .args(["validate", &net])
        .status(2)
        .stderr_has("1000 problems in network data")
        .stderr_has("node.lat: 1e300 is out of range")
        .stderr_has("many.toml: … and 900 more problems in this file")
        .run()
        .stderr;
    assert!(err.lines().count() < 110, "{err}");
}

/// A demand file of more flows than an assignment takes is refused, naming the file and the
/// limit, before its flows are read (a million flows once needed 6.5 GB).
#[test]
fn a_demand_file_of_too_many_flows_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let flow = "[[flow]]\nfrom = \"xian\"\nto = \"duisburg\"\nteu_per_year = 1\nsource = \"x\"\n";
    let text = format!(
        "[demand]\nname = \"many\"\nyear = 2025\nunit = \"teu\"\n\n{}",
        flow.repeat(100_001)
    );
    let d = write(&dir, "many.toml", &text);
    corridor()
        .args(["assign", "--demand", &d])
        .status(2)
        .stderr_has("many.toml: flow: 100,001 flows: a demand file holds at most 100,000")
        .run();
}

/// Control and bidirectional characters in a demand file reached the terminal and made
/// `assign-utilisation.svg` invalid XML; they are refused with the field.
#[test]
fn demand_texts_with_control_or_bidi_characters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = write(
        &dir,
        "bidi.toml",
        "[demand]\nname = \"bidi\"\nyear = 2025\nunit = \"teu\"\n\n[[flow]]\nfrom = \"xian\"\nto = \"duisburg\"\nteu_per_year = 10\ngroup = \"a\u{202E}b\"\nsource = \"x\\u001b[31m\"\n\n[[flow]]\nfrom = \"xian\\u0007\"\nto = \"duisburg\"\nteu_per_year = 10\nsource = \"x\"\n",
    );
    corridor()
        .args(["assign", "--demand", &d])
        .status(2)
        .stderr_has("bidi.toml:6: flow.group: contains the control or formatting character U+202E")
        .stderr_has("bidi.toml:6: flow.source: contains the control or formatting character U+001B")
        .stderr_has("bidi.toml:13: flow.from: contains the control or formatting character U+0007")
        .stderr_lacks("\u{1b}")
        .stderr_lacks("\u{202E}")
        .run();
}

/// A scenario selecting a corridor tag the network does not carry said only "matches nothing";
/// it names the closest tags.
#[test]
fn a_scenario_selecting_an_unknown_corridor_tag_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "typo.toml",
        "[scenario]\nname = \"t\"\ndescription = \"t\"\n\n[[edit]]\naction = \"scale\"\nselect = { corridor = \"midle\" }\nfield = \"speed_kmh\"\nfactor = 1.1\nrationale = \"x\"\nsource = \"x\"\n",
    );
    route()
        .args(["--scenario", &s])
        .status(2)
        .stderr_has("typo.toml:5: edit: the selection (corridor midle) matches nothing")
        .stderr_has("did you mean middle?")
        .run();
}
