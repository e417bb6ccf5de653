use corridor::solve::{Constraints, Objective, Outcome, Router};
#[path = "../tests/support/required.rs"]
mod required;
use required::REQUIRED;
use std::time::Instant;
fn main() {
    let net = corridor::load::embedded().unwrap();
    let router = Router::new(&net).unwrap();
    let c = Constraints::defaults(&net);
    let ids: Vec<usize> = REQUIRED.iter().map(|id| net.find(id).unwrap()).collect();
    let objs = [
        Objective::Distance,
        Objective::Time,
        Objective::Cost,
        Objective::Generalized,
    ];
    let mut found = vec![];
    let mut none = vec![];
    for &a in &ids {
        for &b in &ids {
            if a == b {
                continue;
            }
            for o in objs {
                match router.route(a, b, o, &c).unwrap() {
                    Outcome::Found(_) => found.push((a, b, o)),
                    _ => none.push((a, b, o)),
                }
            }
        }
    }
    for (name, set) in [("found", &found), ("none", &none)] {
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let t = Instant::now();
            for &(a, b, o) in set.iter() {
                std::hint::black_box(router.route(a, b, o, &c).unwrap());
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("{name}: {} queries {:.1} ms", set.len(), best * 1e3);
    }
}
