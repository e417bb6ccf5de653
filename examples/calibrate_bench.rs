//! Times `corridor calibrate` (the whole process, best of several runs, CPU and wall) and one
//! evaluation of its objective (a logit equilibrium of the 2024 demand), in this build.
//!
//! Run: `cargo run --release --example calibrate_bench`

use std::process::Command;
use std::time::Instant;

use corridor::studies::assign::{Choice, Logit};
use corridor::studies::calibrate::Options;

fn main() {
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("corridor"))
        .unwrap();
    let runs = 3;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let st = Command::new("/usr/bin/time")
            .args(["-f", "cpu %U %S"])
            .arg(&bin)
            .args(["calibrate", "--format", "json"])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("corridor runs (build it with --release first)");
        assert!(st.success());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "corridor calibrate (whole process): best wall {best:.3} s of {runs} (user and system CPU of each run printed above by /usr/bin/time)"
    );
    let net = corridor::load::embedded().unwrap();
    let d = corridor::studies::demand::resolve("2024", &net).unwrap();
    let opts = Options::new(&net);
    let t = Instant::now();
    let m = Logit::new(&net, &d, &opts.assign).unwrap();
    println!(
        "prepare (equilibrium, candidates, spreads): {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let mut best = f64::INFINITY;
    for k in 0..10 {
        let theta = 3e-4 * (1.0 + 0.1 * k as f64);
        let t = Instant::now();
        m.assign(&Choice {
            theta,
            ..opts.start
        })
        .unwrap();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "one evaluation (logit equilibrium of the 2024 demand): best {:.4} s of 10",
        best
    );
}
