//! Assignment benchmark: 100 O-D flows on the shipped network (the 22 flows of the 2030 demand,
//! then pairs of the required nodes, each 5,000 TEU a year), iterated to a relative gap below
//! 1e-4 (the default), queues over the default 30-day period. Runs the assignment RUNS times
//! (default 40) in this process, in four rounds, and reports the CPU time of a run (this
//! thread's time on a CPU over a round, from `/proc/thread-self/schedstat`, divided by the
//! round's runs; the assignment is single-threaded, so the figure moves less with the load of
//! other processes than wall time does) of the best round, the best and median wall time of a
//! run, the iterations, the gap and the load average. Run with
//! `cargo run --release --example assign_bench [RUNS]`.

use std::time::Instant;

use corridor::load;
use corridor::studies::assign::{self, Options};
use corridor::studies::demand;

#[path = "common/clock.rs"]
mod clock;
use clock::thread_cpu_ns;

#[path = "../tests/all/support/required.rs"]
mod required;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40)
        .max(1);
    let net = load::embedded().unwrap();
    let mut d = demand::resolve("2030", &net).unwrap();
    let template = d.flows[0].clone();
    let ids: Vec<usize> = required::REQUIRED
        .iter()
        .map(|id| net.node_index(id).unwrap())
        .collect();
    'fill: for (i, &a) in ids.iter().enumerate() {
        for &b in ids.iter().skip(i + 1) {
            if d.flows.len() == 100 {
                break 'fill;
            }
            let mut f = template.clone();
            f.from = a;
            f.to = b;
            f.teu_per_year = 5_000.0;
            f.avoid_tags.clear();
            f.avoid_countries.clear();
            f.modes = corridor::network::Mode::ALL.to_vec();
            d.flows.push(f);
        }
    }
    assert_eq!(d.flows.len(), 100);
    // Rounds of `runs / ROUNDS` assignments: the CPU time of a round over its runs (the
    // kernel updates a thread's time at its scheduler tick, so one 10 ms run cannot be timed
    // to better than ~1 ms; a round can), the best round's figure reported; wall per run.
    const ROUNDS: usize = 4;
    let per_round = runs.div_ceil(ROUNDS);
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut last = None;
    for _ in 0..ROUNDS {
        let c0 = thread_cpu_ns();
        for _ in 0..per_round {
            let start = Instant::now();
            let a = assign::assign(&net, &d, &Options::default()).unwrap();
            wall.push(start.elapsed().as_secs_f64());
            last = Some(a);
        }
        if let (Some(c0), Some(c1)) = (c0, thread_cpu_ns()) {
            cpu.push((c1 - c0) as f64 * 1e-9 / per_round as f64);
        }
    }
    let a = last.unwrap();
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let cpu_text = match (cpu.first(), cpu.last()) {
        (Some(best), Some(worst)) => format!(
            "CPU {:.2} ms a run (best of {ROUNDS} rounds of {per_round}; worst round {:.2} ms)",
            best * 1e3,
            worst * 1e3
        ),
        _ => "CPU time not available".into(),
    };
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into());
    println!(
        "100 flows: {} after {} iterations, relative gap {:.2e}; {cpu_text}; wall {:.2} ms best, {:.2} ms median (load average {load})",
        if a.converged {
            "converged"
        } else {
            "NOT converged"
        },
        a.iterations,
        a.gap,
        wall[0] * 1e3,
        wall[wall.len() / 2] * 1e3
    );
}
