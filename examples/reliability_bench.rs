//! Reliability throughput: 1,000,000 samples of the default study's routes (the best route of
//! each corridor family, Xi'an → Duisburg, shipped network) on all cores. Prints the wall time of
//! the study (routing included), best of three. Run with
//! `cargo run --release --example reliability_bench [SAMPLES]`.

use std::time::Instant;

use corridor::studies::reliability::Options;
use corridor::Query;

fn main() {
    let samples: usize = std::env::args()
        .nth(1)
        .map_or(1_000_000, |s| s.parse().expect("SAMPLES is a number"));
    let net = corridor::load::embedded().expect("the shipped network loads");
    let q = Query::new("xian", "duisburg");
    let opts = Options {
        samples,
        ..Options::default()
    };
    let mut best = f64::INFINITY;
    let mut routes = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let r = q.reliability(&net, 0, 0.5, &opts).expect("the study runs");
        best = best.min(t.elapsed().as_secs_f64());
        routes = r.study.as_ref().map_or(0, |s| s.routes.len());
    }
    println!(
        "{samples} samples × {routes} routes ({} records) in {:.3} s wall on {} threads (best of 3)",
        net.variability.len(),
        best,
        rayon::current_num_threads()
    );
}
