//! `corridor observed`: the shipped observations (enough of them, every verdict consistent with
//! its numbers), hand-made observations whose model values are known from `route` and `assign`,
//! and bad observation files located by file, line and field.

use crate::support::cmd::{write, Cmd};

/// A file of observations.
fn file(dir: &tempfile::TempDir, body: &str) -> String {
    write(dir, "obs.toml", body)
}

/// One observation's TOML with the given body lines (kind, place and value), valid otherwise.
fn obs(id: &str, body: &str) -> String {
    format!(
        "[[observation]]\nid = \"{id}\"\nyear = 2026\nproduct = \"test product\"\nsource = \"test source\"\n{body}\n\n"
    )
}

#[test]
fn the_shipped_observations_are_many_of_several_kinds_and_each_verdict_follows_its_numbers() {
    let doc = Cmd::new()
        .args(["observed", "--format", "json"])
        .run()
        .json();
    assert_eq!(doc["schema"], "corridor.observed/1");
    let rows = doc["observations"].as_array().unwrap();
    assert!(rows.len() >= 30, "{} observations", rows.len());
    let mut kinds: Vec<&str> = rows
        .iter()
        .map(|r| r["observation"]["kind"].as_str().unwrap())
        .collect();
    kinds.sort();
    kinds.dedup();
    assert!(kinds.len() >= 4, "{kinds:?}");
    for r in rows {
        let o = &r["observation"];
        let (lo, hi) = (o["low"].as_f64().unwrap(), o["high"].as_f64().unwrap());
        assert!(lo <= hi, "{o}");
        assert!(!o["source"].as_str().unwrap().trim().is_empty());
        let verdict = r["verdict"].as_str().unwrap();
        if let Some(why) = o["not_comparable"].as_str() {
            // Kept and shown with the model's value, its verdict says it measures another thing.
            assert!(why.len() > 40, "{o}");
            assert!(r["model"].as_f64().is_some(), "{r}");
            assert_eq!(verdict, "not_comparable", "{r}");
            continue;
        }
        match r["model"].as_f64() {
            None => assert_eq!(verdict, "no_value", "{r}"),
            Some(m) => {
                let want = if m < lo {
                    "below"
                } else if m > hi {
                    "above"
                } else {
                    "inside"
                };
                assert_eq!(verdict, want, "{r}");
            }
        }
    }
    let apart = rows
        .iter()
        .filter(|r| r["verdict"] == "not_comparable")
        .count();
    assert_eq!(apart, 2, "the two UTLC ERA volumes of 2024");
    // The table ends with the count of verdicts.
    Cmd::new()
        .arg("observed")
        .stdout_has(format!("{} observations:", rows.len()))
        .stdout_has("2 not comparable")
        .run();
}

#[test]
fn a_transit_observation_is_held_against_the_fastest_route_and_a_cost_against_the_cheapest() {
    let dir = tempfile::tempdir().unwrap();
    let days = Cmd::route()
        .args(["--by", "time", "--format", "json"])
        .json()["total"]["days"]
        .as_f64()
        .unwrap();
    let usd = Cmd::route()
        .args(["--by", "cost", "--format", "json"])
        .json()["total"]["usd"]
        .as_f64()
        .unwrap();
    let body = [
        obs(
            "t-inside",
            &format!("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nlow = {}\nhigh = {}", days - 1.0, days + 1.0),
        ),
        obs(
            "t-below",
            &format!("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = {}", days * 2.0),
        ),
        obs(
            "c-above",
            &format!("kind = \"cost_usd_per_feu\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = {}\ntolerance = 0.05", usd / 2.0),
        ),
    ]
    .concat();
    let path = file(&dir, &body);
    let doc = Cmd::new()
        .args(["observed", "--observations", &path, "--format", "json"])
        .run()
        .json();
    let rows = doc["observations"].as_array().unwrap();
    let model = |i: usize| rows[i]["model"].as_f64().unwrap();
    assert!((model(0) - days).abs() < 1e-3, "{} vs {days}", model(0));
    assert!((model(2) - usd).abs() < 1e-3);
    let verdicts: Vec<&str> = rows
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["inside", "below", "above"]);
    assert!((rows[1]["ratio"].as_f64().unwrap() - 0.5).abs() < 1e-4);
    // --kind keeps one kind.
    let doc = Cmd::new()
        .args([
            "observed",
            "--observations",
            &path,
            "--kind",
            "cost_usd_per_feu",
            "--format",
            "json",
        ])
        .run()
        .json();
    assert_eq!(doc["observations"].as_array().unwrap().len(), 1);
    // CSV: a header and one line each.
    let csv = Cmd::new()
        .args(["observed", "--observations", &path, "--format", "csv"])
        .run()
        .stdout;
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.starts_with("id,kind,year,where,low,high,value,model,ratio,verdict"));
}

#[test]
fn a_throughput_observation_is_the_elements_load_and_background_in_that_years_assignment() {
    let dir = tempfile::tempdir().unwrap();
    let a = Cmd::new()
        .args(["assign", "--demand", "2024", "--format", "json"])
        .run()
        .json();
    let teu: f64 = a["elements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["id"] == "alat_container_terminal")
        .map(|e| e["load_teu"].as_f64().unwrap() + e["background_teu"].as_f64().unwrap())
        .sum();
    let body = obs(
        "alat",
        "kind = \"throughput_teu\"\nelement = \"alat_container_terminal\"\nlow = 1\nhigh = 2",
    )
    .replace("year = 2026", "year = 2024");
    let doc = Cmd::new()
        .args([
            "observed",
            "--observations",
            &file(&dir, &body),
            "--format",
            "json",
        ])
        .run()
        .json();
    let row = &doc["observations"][0];
    assert!(
        (row["model"].as_f64().unwrap() - teu).abs() < 1e-6,
        "{row} vs {teu}"
    );
    assert_eq!(row["verdict"], "above");
}

#[test]
fn bad_observations_are_refused_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str); 12] = [
        ("kind = \"transit_days\"\nfrom = \"xain\"\nto = \"duisburg\"\nvalue = 1", "observation.from", "did you mean xian"),
        ("kind = \"transit_day\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = 1", "observation.kind", "did you mean transit_days"),
        ("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nlow = 5\nhigh = 2", "observation.high", "wrong way round"),
        ("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nfamily = \"nothern\"\nvalue = 1", "observation.family", "did you mean northern"),
        ("kind = \"throughput_teu\"\nelement = \"alat_terminal\"\nvalue = 1", "observation.element", "no capacity record"),
        ("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = -1", "observation.value", "must be a number"),
        ("kind = \"share\"\nfamily = \"northern\"\nvalue = 1.5", "observation.value", "0…1"),
        ("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"", "observation.value", "give either"),
        ("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nelement = \"x\"\nvalue = 1", "observation.element", "not used by kind transit_days"),
        ("kind = \"volume_teu\"\nfamily = \"northern\"\nvalue = 1", "observation.year", "none is for 2026"),
        ("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = 1\ntolerance = 0", "observation.tolerance", "(0, 1]"),
        ("kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = 1\nnot_comparable = \" \"", "observation.not_comparable", "is empty"),
    ];
    for (body, field, message) in cases {
        // Two blank lines first, so the record starts on line 3.
        let path = file(&dir, &format!("\n\n{}", obs("x", body)));
        Cmd::new()
            .args(["observed", "--observations", &path])
            .status(2)
            .stderr_has(format!("obs.toml:3: {field}: "))
            .stderr_has(message)
            .run();
    }
    // Duplicate ids, across files of a folder.
    let sub = tempfile::tempdir().unwrap();
    let one = obs(
        "same",
        "kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = 1",
    );
    write(&sub, "a.toml", &one);
    write(&sub, "b.TOML", &one);
    Cmd::new()
        .args([
            "observed",
            "--observations",
            &sub.path().display().to_string(),
        ])
        .status(2)
        .stderr_has("b.TOML:1: observation.id: `same` is also the id at ")
        .run();
    // Unknown keys and control characters.
    let path = file(
        &dir,
        &obs(
            "k",
            "kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = 1\nspeed = 3",
        ),
    );
    Cmd::new()
        .args(["observed", "--observations", &path])
        .status(2)
        .stderr_has("unknown field `speed`")
        .run();
    let path = file(
        &dir,
        &obs(
            "c",
            "kind = \"transit_days\"\nfrom = \"xian\"\nto = \"duisburg\"\nvalue = 1",
        )
        .replace("test product", "bad\\u202Eproduct"),
    );
    Cmd::new()
        .args(["observed", "--observations", &path])
        .status(2)
        .stderr_has("observation.product: contains the control or bidi character U+202E")
        .run();
    // --kind with a typo.
    Cmd::new()
        .args(["observed", "--kind", "shares"])
        .status(2)
        .stderr_has("did you mean share")
        .run();
}

/// An observations folder is listed as a network folder is: an empty one is refused, and a FIFO
/// named like a data file is named in an error, never opened (it would block).
#[test]
fn an_observations_folder_without_files_or_with_a_fifo_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display().to_string();
    Cmd::new()
        .args(["observed", "--observations", &folder])
        .status(2)
        .stderr_has("folder: holds no .toml files")
        .run();
    let fifo = dir.path().join("more.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return;
    }
    Cmd::new()
        .args(["observed", "--observations", &folder])
        .status(2)
        .stderr_has("more.toml: file: not a regular file (a folder, a FIFO or a device): the .toml entries of a folder of observation files are files")
        .run();
}
