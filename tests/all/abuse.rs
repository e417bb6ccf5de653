//! Regression tests for inputs that once gave a silent wrong answer, hung, ate memory or wrote
//! where they should not: each must now answer correctly or exit 2 with a message.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

const TINY: &str = "tests/fixtures/tiny.toml";

fn corridor() -> Command {
    let mut c = Command::cargo_bin("corridor").unwrap();
    c.timeout(std::time::Duration::from_secs(60));
    c
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
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
        .assert()
        .code(2)
        .stderr(contains("'border=CN>KZ'"));
    corridor()
        .args(["sweep", "--help"])
        .assert()
        .success()
        .stdout(contains("'border=AA>BB'"));
}

#[test]
fn sweep_tolerance_steps_and_negative_values_are_bounded() {
    let links = ["--where", "links=aktau-alat"];
    corridor()
        .args(SWEEP)
        .args(links)
        .args(["--tolerance", "1e-300"])
        .assert()
        .code(2)
        .stderr(contains("floating point"));
    corridor()
        .args(SWEEP)
        .args(links)
        .args(["--steps", "1000000"])
        .assert()
        .code(2)
        .stderr(contains("--steps"));
    corridor()
        .args([
            "sweep",
            "--field",
            "km",
            "--range=-10:-1",
            "--where",
            "links=aktau-alat",
        ])
        .assert()
        .code(2)
        .stderr(contains("≥ 0"));
    corridor()
        .args([
            "sweep",
            "--field",
            "km",
            "--range=-1e308:1e308",
            "--where",
            "links=aktau-alat",
        ])
        .assert()
        .code(2);
}

#[test]
fn scenario_edits_that_overflow_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "huge.toml",
        "[scenario]\nname = \"huge\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"speed_kmh\"\nfactor = 1e308\nrationale = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"km\"\nfactor = 1e308\nrationale = \"x\"\n",
    );
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--scenario",
            &s,
        ])
        .assert()
        .code(2)
        .stderr(contains("implausible"));
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
    let out = corridor()
        .args([
            "compare",
            "--scenario",
            &a,
            "--scenario",
            &b,
            "--by",
            "time",
            "--overall",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
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
        .assert()
        .success()
        .stdout(contains("<svg"));
}

#[test]
fn dash_writes_to_standard_output_and_no_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    corridor()
        .current_dir(dir.path())
        .args(["chart", "tcd", "-o", "-"])
        .assert()
        .success()
        .stdout(contains("<svg"));
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
            .args(["map", "-o", &link.display().to_string()])
            .assert()
            .code(2)
            .stderr(contains("symbolic link"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        if std::path::Path::new("/dev/full").exists() {
            corridor()
                .args(["map", "-o", "/dev/full"])
                .assert()
                .code(2)
                .stderr(contains("not a regular file"));
        }
    }
    corridor()
        .args(["map", "-o", &format!("{}/.", dir.path().display())])
        .assert()
        .code(2)
        .stderr(contains("folder"));
}

#[test]
fn non_regular_inputs_are_refused_at_once() {
    #[cfg(unix)]
    {
        corridor()
            .args(["validate", "/dev/zero"])
            .assert()
            .code(2)
            .stderr(contains("not a regular file"));
        corridor()
            .args([
                "route",
                "--from",
                "xian",
                "--to",
                "duisburg",
                "--scenario",
                "/dev/zero",
            ])
            .assert()
            .code(2)
            .stderr(contains("not a regular file"));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            corridor()
                .args(["--network", &fifo.display().to_string(), "nodes"])
                .assert()
                .code(2)
                .stderr(contains("not a regular file"));
        }
    }
}

#[test]
fn io_errors_name_their_reason_once() {
    let out = corridor()
        .args(["--network", "/no/such/file.toml", "nodes"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn names_are_looked_up_without_guessing() {
    corridor()
        .args(["route", "--from", "", "--to", "duisburg"])
        .assert()
        .code(2)
        .stderr(contains("names no node"));
    corridor()
        .args(["route", "--from", "port", "--to", "duisburg"])
        .assert()
        .code(2)
        .stderr(contains("matches 8 nodes").and(contains("xian (Xi'an International Port)")));
    corridor()
        .args([
            "route", "--from", "alat", "--to", "duisburg", "--avoid", "port",
        ])
        .assert()
        .code(2)
        .stderr(contains("matches"));
    corridor()
        .args(["route", "--from", "Red Bridge", "--to", "duisburg"])
        .assert()
        .code(2)
        .stderr(
            contains("tsiteli_khidi")
                .and(contains("qirmizi_korpu"))
                .and(contains("nuremberg").not()),
        );
    corridor()
        .args(["route", "--from", "Tsiteli Khidi", "--to", "poti"])
        .assert()
        .success();
    let long = "x".repeat(120_000);
    let out = corridor()
        .args(["route", "--from", &long, "--to", "duisburg"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(out.len() < 1_000, "{} bytes echoed", out.len());
}

#[test]
fn a_chain_of_transfers_cannot_stand_in_for_a_missing_facility() {
    // Samtredia → Qırmızı Körpü once went by rail to Alat, "transferred" rail → sea → road there
    // (Alat has rail_sea and road_sea but no rail_road) and drove back through Ganja.
    let out = corridor()
        .args([
            "route",
            "--from",
            "samtredia",
            "--to",
            "qirmizi_korpu",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
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
        corridor()
            .args([
                "route",
                "--from",
                "xian",
                "--to",
                "duisburg",
                &format!("--year={y}"),
            ])
            .assert()
            .code(2);
    }
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--by",
            "generalized",
            "--value-of-time",
            "1e308",
        ])
        .assert()
        .code(2)
        .stderr(contains("--value-of-time"));
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--scenario",
            "baseline+baseline",
        ])
        .assert()
        .code(2)
        .stderr(contains("appears twice"));
}

#[test]
fn names_with_control_characters_are_refused_and_csv_cells_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = std::fs::read_to_string(TINY).unwrap();
    let bad = write(
        &dir,
        "esc.toml",
        &tiny.replacen("name = \"A\"", "name = \"A\\u001b[31m\"", 1),
    );
    corridor()
        .args(["validate", &bad])
        .assert()
        .code(2)
        .stderr(contains("U+001B"));
    let rtl = write(
        &dir,
        "rtl.toml",
        &tiny.replacen("name = \"A\"", "name = \"A\\u202e\"", 1),
    );
    corridor()
        .args(["validate", &rtl])
        .assert()
        .code(2)
        .stderr(contains("U+202E"));
    let nonchar = write(
        &dir,
        "ff.toml",
        &tiny.replacen("name = \"A\"", "name = \"A\\uFFFF\"", 1),
    );
    corridor()
        .args(["validate", &nonchar])
        .assert()
        .code(2)
        .stderr(contains("U+FFFF"));
    // A formula-looking scenario name is text in CSV.
    let s = write(
        &dir,
        "f.toml",
        "[scenario]\nname = \"=HYPERLINK(1)\"\ndescription = \"x\"\n",
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
            &s,
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(contains("\n'=HYPERLINK(1),a,q"));
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
        .assert()
        .success()
        .stdout(contains("5 nodes"));
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
        .assert()
        .code(2)
        .stderr(contains("a second [scenario] table"));
    // Two [network] tables across the files of a folder, and a syntax error in each of two
    // records: every problem is reported, with its line.
    let tiny = std::fs::read_to_string("tests/fixtures/tiny.toml").unwrap();
    let broken = tiny.replacen("lat = 40\n", "lat = = 40\n", 2);
    let net = write(&dir, "net.toml", &broken);
    let out = corridor()
        .args(["validate", &net])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
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
        .args(["validate"])
        .arg(&sub)
        .assert()
        .code(2)
        .stderr(contains("network"));
}
