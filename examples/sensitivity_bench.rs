//! Sensitivity benchmark: Morris screening with r = 20 trajectories over every estimate of the
//! shipped network, for each of the study's headline questions (`[[network.study.headline]]`),
//! then the three together as `corridor sensitivity` runs them by default (r = 10). Reports per
//! question the inputs screened, the evaluations, the wall time, the CPU time of the process
//! (user + system, from `/proc/self/stat`, every thread) and the evaluations per second, best of
//! RUNS (default 3), and the load average. Run with
//! `cargo run --release --example sensitivity_bench [RUNS]`.

use std::time::Instant;

use corridor::load;
use corridor::progress::Progress;
use corridor::studies::sensitivity::{self, Request};

/// CPU seconds of this process so far (user + system, every thread), from `/proc/self/stat`.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// Best (wall, cpu) of `runs` screenings, and the last answer.
fn best(net: &corridor::Network, req: &Request, runs: usize) -> (f64, f64, sensitivity::Screening) {
    let (mut wall, mut cpu, mut last) = (f64::INFINITY, f64::INFINITY, None);
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_seconds().unwrap_or(0.0));
        let s = sensitivity::screen(net, req).expect("the screening runs");
        wall = wall.min(t.elapsed().as_secs_f64());
        cpu = cpu.min(cpu_seconds().unwrap_or(0.0) - c);
        last = Some(s);
    }
    (wall, cpu, last.expect("at least one run"))
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3)
        .max(1);
    let net = load::embedded().unwrap();
    let (from, to) = net
        .study
        .ends
        .clone()
        .expect("the shipped network has a study");
    let questions = sensitivity::headline_questions(&net, &from, &to, None).unwrap();
    println!(
        "sensitivity_bench: Morris over every estimate, best of {runs}, {} threads, load {}",
        rayon::current_num_threads(),
        load_average()
    );
    println!(
        "{:<72} {:>6} {:>7} {:>8} {:>8} {:>10}",
        "question", "inputs", "evals", "wall s", "CPU s", "evals/s"
    );
    for (r, qs) in questions
        .iter()
        .map(|q| (20, vec![q.clone()]))
        .chain([(10, questions.clone())])
    {
        let req = Request {
            questions: qs.clone(),
            all: false,
            trajectories: r,
            seed: 1,
            sobol: None,
            top: 10,
            ranges: Vec::new(),
            progress: Progress::default(),
        };
        let (wall, cpu, s) = best(&net, &req, runs);
        let evals: usize = s.studies.iter().map(|x| x.evaluations).sum();
        let inputs: usize = s.studies.iter().map(|x| x.rows.len()).sum();
        let name = if qs.len() == 1 {
            format!("r={r} {}", s.studies[0].question)
        } else {
            format!("r={r} the {} headline questions (the default)", qs.len())
        };
        println!(
            "{:<72} {:>6} {:>7} {:>8.2} {:>8.2} {:>10.0}",
            name.chars().take(72).collect::<String>(),
            inputs,
            evals,
            wall,
            cpu,
            evals as f64 / wall
        );
    }
    println!("load average after: {}", load_average());
}
