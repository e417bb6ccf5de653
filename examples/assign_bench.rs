//! Assignment benchmark: 100 O-D flows on the shipped network (the 22 flows of the 2030 demand,
//! then pairs of the required nodes, each a tenth of the Middle Corridor's volume per flow),
//! iterated to a relative gap below 1e-4. Reports the best of five runs' wall time, the
//! iterations and the gap. Run with `cargo run --release --example assign_bench`.

use std::time::Instant;

use corridor::load;
use corridor::studies::assign::{self, Options};
use corridor::studies::demand;

#[path = "../tests/all/support/required.rs"]
mod required;

fn main() {
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
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..5 {
        let start = Instant::now();
        let a = assign::assign(&net, &d, &Options::default()).unwrap();
        best = best.min(start.elapsed().as_secs_f64());
        last = Some(a);
    }
    let a = last.unwrap();
    println!(
        "100 flows: {} after {} iterations, relative gap {:.2e}, best of 5: {:.1} ms",
        if a.converged {
            "converged"
        } else {
            "NOT converged"
        },
        a.iterations,
        a.gap,
        best * 1e3
    );
}
