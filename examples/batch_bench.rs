//! Batch benchmark: a 1,000-run manifest (route queries between places of the shipped network by
//! time and cost, on the base network and three scenarios, best routes per corridor family, and
//! four-place skims) run by `corridor batch` in one process, against the peer: the same 1,000
//! command lines as 1,000 separate `corridor` processes (a shell script, `xargs -P` for two at
//! once), in the same run, with the ratio. Wall and CPU (user + sys, from `/usr/bin/time`) of the
//! best of `--repeat` runs (default 3); then a 10,000-run batch extrapolated to this machine and
//! to N machines by shard (the merge measured too).
//!
//! Run with `cargo build --release && cargo run --release --example batch_bench`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What `/usr/bin/time` says of one command: wall and CPU seconds.
fn timed(args: &[&str], dir: &Path) -> (f64, f64) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "TIMES %e %U %S"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("/usr/bin/time runs");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .rev()
        .find(|l| l.starts_with("TIMES "))
        .expect("times");
    let v: Vec<f64> = line[6..].split(' ').map(|x| x.parse().unwrap()).collect();
    (v[0], v[1] + v[2])
}

/// The best (least wall) of `n` runs of `f`.
fn best(n: usize, mut f: impl FnMut() -> (f64, f64)) -> (f64, f64) {
    (0..n)
        .map(|_| f())
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap()
}

/// The 1,000 runs: ids and command lines.
fn runs(places: &[String]) -> Vec<(String, Vec<String>)> {
    let scenarios = [
        None,
        Some("zangazur-open"),
        Some("red-sea-closed"),
        Some("corridor-2030"),
    ];
    let mut out = Vec::new();
    let mut i = 0usize;
    'outer: for a in places {
        for b in places {
            if a == b {
                continue;
            }
            let sc = scenarios[i % 4];
            let mut args: Vec<String> = ["route", "--from", a, "--to", b]
                .iter()
                .map(|s| s.to_string())
                .collect();
            match i % 10 {
                0 => args.push("--per-corridor".into()),
                1 => {
                    args = ["skim", "--nodes"].iter().map(|s| s.to_string()).collect();
                    args.push(format!("{a},{b},{}", places[(i / 7) % places.len()]));
                    args.extend(["--format".into(), "csv".into()]);
                }
                2..=5 => args.extend(["--by".into(), "cost".into()]),
                _ => {}
            }
            if let Some(s) = sc {
                args.extend(["--scenario".into(), s.into()]);
            }
            out.push((format!("run-{i:04}"), args));
            i += 1;
            if out.len() == 1000 {
                break 'outer;
            }
        }
    }
    out
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn main() {
    let repeat: usize = std::env::args()
        .skip_while(|a| a != "--repeat")
        .nth(1)
        .map_or(3, |n| n.parse().unwrap());
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/corridor");
    assert!(
        bin.exists(),
        "build the release binary first: cargo build --release"
    );
    let bin = bin.display().to_string();
    let net = corridor::load::embedded().unwrap();
    let places: Vec<String> = net.study.required.iter().take(33).cloned().collect();
    let runs = runs(&places);
    assert_eq!(runs.len(), 1000, "{} runs", runs.len());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut manifest = String::new();
    let mut script = String::new();
    for (id, args) in &runs {
        let list: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
        manifest += &format!("[[run]]\nid = \"{id}\"\nargs = [{}]\n\n", list.join(", "));
        let words: Vec<String> = args.iter().map(|a| quote(a)).collect();
        script += &format!(
            "{} {} > out/{id}.out 2>/dev/null\n",
            quote(&bin),
            words.join(" ")
        );
    }
    std::fs::write(d.join("m.toml"), &manifest).unwrap();
    std::fs::write(d.join("peer.sh"), &script).unwrap();
    std::fs::create_dir_all(d.join("out")).unwrap();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("1,000 runs: {} route, {} route --per-corridor, {} skim of three places; base and three scenarios", runs.iter().filter(|r| r.1[0] == "route" && !r.1.contains(&"--per-corridor".to_string())).count(), runs.iter().filter(|r| r.1.contains(&"--per-corridor".to_string())).count(), runs.iter().filter(|r| r.1[0] == "skim").count());
    println!("load average at start: {}", load.trim());
    for jobs in [1, 2] {
        let j = jobs.to_string();
        let ours = best(repeat, || {
            let _ = std::fs::remove_dir_all(d.join("res"));
            timed(&[&bin, "batch", "m.toml", "--jobs", &j, "-o", "res"], d)
        });
        let peer = best(repeat, || {
            if jobs == 1 {
                timed(&["sh", "peer.sh"], d)
            } else {
                timed(&["sh", "-c", "xargs -P 2 -I{} sh -c '{}' < peer.sh"], d)
            }
        });
        println!(
            "--jobs {jobs}: corridor batch {:.2} s wall, {:.2} s CPU ({:.0} runs/s) | 1,000 processes {:.2} s wall, {:.2} s CPU ({:.0} runs/s) | batch {:.1}x faster (wall), {:.1}x less CPU",
            ours.0, ours.1, 1000.0 / ours.0, peer.0, peer.1, 1000.0 / peer.0, peer.0 / ours.0, peer.1 / ours.1
        );
        if jobs == 2 {
            let merge = best(repeat, || {
                timed(&[&bin, "batch", "merge", "res", "-o", "all.json"], d)
            });
            let per_run = ours.0 / 1000.0;
            println!("merge of 1,000 runs: {:.2} s wall", merge.0);
            let t10k = per_run * 1e4;
            let m10k = merge.0 * 10.0;
            println!(
                "10,000 runs extrapolated: {t10k:.0} s on this machine (--jobs 2); by shard on N such machines {t10k:.0} s / N + merge {m10k:.1} s (N = 10: {:.1} s; N = 100: {:.1} s)",
                t10k / 10.0 + m10k,
                t10k / 100.0 + m10k
            );
        }
    }
    // The batch's outputs are the processes' outputs, byte for byte.
    for (id, _) in runs.iter().step_by(97) {
        let a = std::fs::read(d.join(format!("res/runs/{id}.out"))).unwrap();
        let b = std::fs::read(d.join(format!("out/{id}.out"))).unwrap();
        assert_eq!(a, b, "{id}");
    }
    println!("outputs checked equal to the processes' (every 97th run)");
}
