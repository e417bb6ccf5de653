//! Assignment benchmark: 100 O-D flows on the shipped network (the 22 flows of the 2030 demand,
//! then pairs of the required nodes, each 5,000 TEU a year), iterated to a relative gap below
//! 1e-4 (the default), queues over the default 30-day period. Runs the assignment 20 times in
//! this process and reports the best and the median CPU time of a run (this thread's time on a
//! CPU, from `/proc/thread-self/schedstat`: the assignment is single-threaded, so the figure
//! does not move with the load of other processes the way wall time does), the best wall time,
//! the iterations, the gap and the load average. Run with
//! `cargo run --release --example assign_bench [RUNS]`.

use std::time::Instant;

use corridor::load;
use corridor::studies::assign::{self, Options};
use corridor::studies::demand;

#[path = "../tests/all/support/required.rs"]
mod required;

/// Nanoseconds this thread has run on a CPU (`None` where the kernel does not say).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20)
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
    let mut wall = f64::INFINITY;
    let mut cpu = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let (start, c0) = (Instant::now(), thread_cpu_ns());
        let a = assign::assign(&net, &d, &Options::default()).unwrap();
        wall = wall.min(start.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c0, thread_cpu_ns()) {
            cpu.push((c1 - c0) as f64 * 1e-9);
        }
        last = Some(a);
    }
    let a = last.unwrap();
    cpu.sort_by(f64::total_cmp);
    let cpu_text = match (cpu.first(), cpu.get(cpu.len() / 2)) {
        (Some(best), Some(median)) => format!(
            "CPU {:.1} ms best, {:.1} ms median",
            best * 1e3,
            median * 1e3
        ),
        _ => "CPU time not available".into(),
    };
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into());
    println!(
        "100 flows: {} after {} iterations, relative gap {:.2e}; {runs} runs: {cpu_text}, wall {:.1} ms best (load average {load})",
        if a.converged {
            "converged"
        } else {
            "NOT converged"
        },
        a.iterations,
        a.gap,
        wall * 1e3
    );
}
