//! `corridor batch`: a manifest's runs in one process give what each command gives alone, the
//! same merged bytes however the manifest is sharded or threaded; finished runs are skipped,
//! failed ones recorded while the others finish; every bad manifest, run or shard is refused
//! before anything runs.

use std::path::{Path, PathBuf};

use crate::support::cmd::Cmd;

/// Ten runs of eight commands on the shipped network (a figure among them, written in the run's
/// folder).
const RUNS: &[(&str, &[&str])] = &[
    ("time", &["route", "--from", "Xi'an", "--to", "duisburg"]),
    (
        "cost-zangazur",
        &[
            "route",
            "--from",
            "Xi'an",
            "--to",
            "duisburg",
            "--by",
            "cost",
            "--scenario",
            "zangazur-open",
        ],
    ),
    (
        "per-corridor",
        &[
            "route",
            "--from",
            "Xi'an",
            "--to",
            "duisburg",
            "--per-corridor",
            "--format",
            "csv",
        ],
    ),
    (
        "alternatives",
        &[
            "route",
            "--from",
            "Xi'an",
            "--to",
            "duisburg",
            "--alternatives",
            "2",
            "--scenario",
            "zangazur-open",
        ],
    ),
    (
        "skim",
        &[
            "skim",
            "--nodes",
            "xian,aktau,kars,duisburg",
            "--format",
            "csv",
        ],
    ),
    (
        "nodes-az",
        &["nodes", "--country", "AZ", "--format", "json"],
    ),
    (
        "links-sea",
        &[
            "links",
            "--mode",
            "sea",
            "--format",
            "csv",
            "--scenario",
            "red-sea-closed",
        ],
    ),
    ("pareto", &["pareto", "--from", "Xi'an", "--to", "duisburg"]),
    ("scenarios", &["scenarios"]),
    (
        "map",
        &[
            "map",
            "--from",
            "Xi'an",
            "--to",
            "duisburg",
            "-o",
            "figs/map.svg",
        ],
    ),
];

/// A manifest's text of `runs`.
fn manifest(runs: &[(&str, &[&str])]) -> String {
    let mut out = String::from("# a test manifest\n");
    for (id, args) in runs {
        let args: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
        out += &format!("\n[[run]]\nid = \"{id}\"\nargs = [{}]\n", args.join(", "));
    }
    out
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn batch(m: &str, out: &Path, extra: &[&str]) -> Cmd {
    Cmd::new().args(["batch", m, "-o", &s(out)]).args(extra)
}

fn merged(dirs: &[PathBuf], file: &Path) -> Vec<u8> {
    let mut cmd = Cmd::new().args(["batch", "merge"]);
    for d in dirs {
        cmd = cmd.arg(d);
    }
    cmd.args(["-o", &s(file)]).stderr_has("merged").run();
    std::fs::read(file).unwrap()
}

#[test]
fn shards_and_threads_merge_to_the_same_bytes_as_each_command_alone() {
    let t = tempfile::tempdir().unwrap();
    let m = write(t.path(), "m.toml", &manifest(RUNS));
    let whole = t.path().join("whole");
    batch(&m, &whole, &["--jobs", "2"])
        .stderr_has("shard 1/1 holds 10 of 10 runs: 10 run, 0 finished before")
        .run();
    let one = t.path().join("one");
    batch(&m, &one, &["--jobs", "1"]).run();
    let shards: Vec<PathBuf> = (1..=3).map(|k| t.path().join(format!("s{k}"))).collect();
    for (k, d) in shards.iter().enumerate() {
        let held = [4, 3, 3][k];
        batch(&m, d, &["--shard", &format!("{}/3", k + 1), "--jobs", "2"])
            .stderr_has(format!("shard {}/3 holds {held} of 10 runs", k + 1))
            .run();
    }
    let a = merged(std::slice::from_ref(&whole), &t.path().join("a.json"));
    assert_eq!(a, merged(&[one], &t.path().join("b.json")));
    // Folders in any order: the manifest gives the order.
    let rev: Vec<PathBuf> = shards.iter().rev().cloned().collect();
    assert_eq!(a, merged(&rev, &t.path().join("c.json")));
    let runs: Vec<serde_json::Value> = serde_json::from_slice(&a).unwrap();
    assert_eq!(runs.len(), RUNS.len());
    for (i, ((id, args), run)) in RUNS.iter().zip(&runs).enumerate() {
        assert_eq!(run["id"], *id);
        assert_eq!(run["index"], i);
        assert_eq!(run["exit"], 0, "{run}");
        let alone = Cmd::new().args(*args).current_dir(t.path()).run();
        assert_eq!(run["output"], alone.stdout.as_str(), "{id}");
        let file = std::fs::read_to_string(whole.join(format!("runs/{id}.out"))).unwrap();
        assert_eq!(file, alone.stdout, "{id}");
    }
    // The map went into the run's own folder, and its message names it as the run named it.
    let map = std::fs::read(whole.join("runs/map/figs/map.svg")).unwrap();
    assert_eq!(map, std::fs::read(t.path().join("figs/map.svg")).unwrap());
    assert_eq!(runs[9]["stderr"], "wrote figs/map.svg\n");
}

#[test]
fn a_finished_run_is_skipped_and_a_changed_one_redone() {
    let t = tempfile::tempdir().unwrap();
    let runs = &RUNS[..3];
    let m = write(t.path(), "m.toml", &manifest(runs));
    let out = t.path().join("out");
    batch(&m, &out, &[])
        .stderr_has("3 run, 0 finished before")
        .run();
    let record = out.join("runs/time.json");
    let before = std::fs::read_to_string(&record).unwrap();
    // A marker in the finished run's output: a run that is skipped keeps it.
    let time_out = out.join("runs/time.out");
    std::fs::write(&time_out, "marker").unwrap();
    batch(&m, &out, &[])
        .stderr_has("0 run, 3 finished before")
        .run();
    assert_eq!(std::fs::read_to_string(&time_out).unwrap(), "marker");
    // One run changed: only it runs again.
    let mut changed: Vec<(&str, &[&str])> = runs.to_vec();
    changed[0].1 = &[
        "route", "--from", "Xi'an", "--to", "duisburg", "--by", "co2",
    ];
    let m = write(t.path(), "m.toml", &manifest(&changed));
    batch(&m, &out, &[])
        .stderr_has("1 run, 2 finished before")
        .run();
    assert_ne!(std::fs::read_to_string(&time_out).unwrap(), "marker");
    assert_ne!(std::fs::read_to_string(&record).unwrap(), before);
    assert!(std::fs::read_to_string(&record)
        .unwrap()
        .contains("\"co2\""));
}

#[test]
fn a_failing_run_is_recorded_and_the_others_finish() {
    let t = tempfile::tempdir().unwrap();
    let runs: &[(&str, &[&str])] = &[
        ("ok", &["nodes", "--country", "GE"]),
        (
            "unknown-node",
            &["route", "--from", "atlantis", "--to", "duisburg"],
        ),
        (
            "no-route",
            &[
                "route", "--from", "Xi'an", "--to", "duisburg", "--modes", "road", "--avoid",
                "KZ,RU,MN",
            ],
        ),
        (
            "outside",
            &[
                "map",
                "--from",
                "Xi'an",
                "--to",
                "duisburg",
                "-o",
                "../escape.svg",
            ],
        ),
        ("last", &["scenarios"]),
    ];
    let m = write(t.path(), "m.toml", &manifest(runs));
    let out = t.path().join("out");
    let o = batch(&m, &out, &["--jobs", "2"])
        .status(1)
        .stderr_has("3 of 5 runs failed:")
        .stderr_has("unknown-node (exit 2): --from: unknown node `atlantis`")
        .stderr_has("no-route (exit 1): no route from")
        .stderr_has("outside (exit 2): ../escape.svg: a run of a batch writes its files inside its own folder")
        .run();
    assert!(
        !o.stderr.contains("  ok ") && !o.stderr.contains("  last "),
        "{}",
        o.stderr
    );
    assert!(!t.path().join("escape.svg").exists());
    let merged = merged(&[out], &t.path().join("all.json"));
    let runs: Vec<serde_json::Value> = serde_json::from_slice(&merged).unwrap();
    let exits: Vec<i64> = runs.iter().map(|r| r["exit"].as_i64().unwrap()).collect();
    assert_eq!(exits, [0, 2, 1, 2, 0]);
    assert!(runs[4]["output"]
        .as_str()
        .unwrap()
        .contains("zangazur-open"));
    assert!(runs[1]["error"].as_str().unwrap().contains("atlantis"));
}

#[test]
fn bad_manifests_runs_and_shards_are_refused_before_anything_runs() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let cases: &[(&str, &str)] = &[
        (
            "[[run]]\nid = \"a\"\nargs = [\"nodes\"]\n\n[[run]]\nid = \"b\"\nargs = [\"rout\", \"--from\", \"x\"]\n",
            "m.toml:5: run `b` (run 2 of 2): unrecognized subcommand 'rout'",
        ),
        (
            "[[run]]\nid = \"a\"\nargs = [\"route\", \"--from\", \"x\", \"--to\", \"y\", \"--bogus\"]\n",
            "run `a` (run 1 of 1): unexpected argument '--bogus'",
        ),
        (
            "[[run]]\nid = \"a\"\nargs = [\"route\", \"--from\", \"x\", \"--to\", \"y\", \"--by\", \"speed\"]\n",
            "invalid value 'speed'",
        ),
        (
            "[[run]]\nid = \"a\"\nargs = [\"batch\", \"m.toml\", \"-o\", \"x\"]\n",
            "a run cannot be a batch itself",
        ),
        (
            "[[run]]\nid = \"a\"\nargs = [\"route\", \"--help\"]\n",
            "asks for help",
        ),
        (
            "[[run]]\nid = \"a\"\nargs = [\"nodes\"]\n[[run]]\nid = \"a\"\nargs = [\"scenarios\"]\n",
            "m.toml:4: run.id: `a` (run 2) is also the id of run 1 at line 1",
        ),
        (
            "[[run]]\nid = \"a\"\nargz = [\"nodes\"]\n",
            "m.toml:3: argz: unknown key `argz`",
        ),
        (
            "[bach]\nnetwork = \"x\"\n",
            "did you mean batch?",
        ),
    ];
    for (text, want) in cases {
        let m = write(t.path(), "m.toml", text);
        batch(&m, &out, &[]).status(2).stderr_has(*want).run();
        assert!(!out.exists(), "{want}: nothing is run or written");
    }
    let m = write(t.path(), "m.toml", &manifest(&RUNS[..1]));
    for (shard, why) in [
        ("0/3", "K is 0, and shards are counted from 1"),
        ("4/3", "K = 4 is more than N = 3"),
        ("3", "no `/`"),
        ("a/b", "K `a` is not a whole number"),
    ] {
        batch(&m, &out, &["--shard", shard])
            .status(2)
            .stderr_has(format!(
                "--shard {shard}: {why}; a shard is K/N with whole numbers 1 ≤ K ≤ N"
            ))
            .run();
    }
    batch(&m, &out, &["--jobs", "0"])
        .status(2)
        .stderr_has("--jobs 0")
        .run();
    assert!(!out.exists());
}

#[test]
fn a_merge_with_runs_missing_names_them_and_writes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let m = write(t.path(), "m.toml", &manifest(&RUNS[..4]));
    let s1 = t.path().join("s1");
    batch(&m, &s1, &["--shard", "1/2"]).run();
    let file = t.path().join("all.json");
    Cmd::new()
        .args(["batch", "merge", &s(&s1), "-o", &s(&file)])
        .status(2)
        .stderr_has("2 of 4 runs missing from the folders merged")
        .stderr_has("cost-zangazur (run 2), alternatives (run 4)")
        .run();
    assert!(!file.exists());
    Cmd::new()
        .args([
            "batch",
            "merge",
            &s(&t.path().join("nothing")),
            "-o",
            &s(&file),
        ])
        .status(2)
        .stderr_has("not a batch results folder")
        .run();
    // Another manifest's shard does not merge with this one's.
    let other = write(t.path(), "o.toml", &manifest(&RUNS[..2]));
    let s2 = t.path().join("s2");
    batch(&other, &s2, &["--shard", "2/2"]).run();
    Cmd::new()
        .args(["batch", "merge", &s(&s1), &s(&s2), "-o", &s(&file)])
        .status(2)
        .stderr_has("hold different manifests")
        .run();
}

#[test]
fn a_run_records_its_own_command_line_not_the_batch_s() {
    let t = tempfile::tempdir().unwrap();
    let runs: &[(&str, &[&str])] = &[(
        "fit",
        &["calibrate", "--held-out", "2025", "-o", "params.toml"],
    )];
    let m = write(t.path(), "m.toml", &manifest(runs));
    let out = t.path().join("out");
    batch(&m, &out, &[]).run();
    let params = std::fs::read_to_string(out.join("runs/fit/params.toml")).unwrap();
    assert!(
        params.contains("command = \"corridor calibrate --held-out 2025 -o params.toml\""),
        "{params}"
    );
    assert!(!params.contains("batch"), "{params}");
}
