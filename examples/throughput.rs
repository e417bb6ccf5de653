//! Library throughput: every ordered pair of the shipped network's 33 required nodes × the four
//! objectives of the figure (distance, time, cost, generalized: 4,224 queries) on one thread, after one warm-up round. Prints the best of five
//! rounds. Run with `cargo run --release --example throughput`.

use std::time::Instant;

use corridor::routing::{Constraints, Objective, Outcome, Router};

const OBJECTIVES: [Objective; 4] = [
    Objective::Distance,
    Objective::Time,
    Objective::Cost,
    Objective::Generalized,
];

#[path = "../tests/all/support/required.rs"]
mod required;
use required::REQUIRED;

fn main() {
    let net = corridor::load::embedded().expect("the shipped network loads");
    let router = Router::new(&net).expect("weights are valid");
    let c = Constraints::defaults(&net);
    let ids: Vec<usize> = REQUIRED.iter().map(|id| net.find(id).unwrap()).collect();
    let round = || {
        let mut found = 0usize;
        let mut hours = 0.0;
        for &a in &ids {
            for &b in &ids {
                if a == b {
                    continue;
                }
                for o in OBJECTIVES {
                    if let Outcome::Found(r) = router.route(a, b, o, &c).unwrap() {
                        found += 1;
                        hours += r.total.hours;
                    }
                }
            }
        }
        (found, hours)
    };
    let (found, hours) = round();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        let r = round();
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(r.0, found);
        assert!((r.1 - hours).abs() < 1e-6);
    }
    let queries = ids.len() * (ids.len() - 1) * OBJECTIVES.len();
    println!(
        "{queries} queries ({found} routes found) in {:.1} ms: {:.1} µs per query (best of 5, one thread)",
        best * 1e3,
        best * 1e6 / queries as f64
    );
}
