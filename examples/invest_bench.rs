//! Investment appraisal benchmark on the shipped network and the 2030 demand: (1) 20 candidates
//! appraised each alone against the do-minimum (the shipped projects, then variants of them,
//! dearer by 30 % and a year later, to reach 20): 21 equilibrium assignments; (2) the portfolio
//! of the 12 shipped candidates under a USD 500 million budget by exact enumeration (all 4,096
//! sets assigned). Each on JOBS threads (default 2) through the batch runner; prints the wall
//! time, the CPU time (user + system, finished threads included) and the load average. Targets:
//! (1) under 10 s, (2) under 60 s. Run with `cargo run --release --example invest_bench [JOBS]`.

use std::time::Instant;

use corridor::load;
use corridor::studies::demand;
use corridor::studies::invest::{self, shipped, Request};

#[path = "common/clock.rs"]
mod clock;
use clock::{load_average, ticks};

/// CPU seconds (user + system) of this process, exited threads included (10 ms ticks).
fn process_cpu() -> f64 {
    ticks().0
}

fn main() {
    let jobs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2)
        .max(1);
    let net = load::embedded().unwrap();
    let d = shipped::defaults().unwrap();
    let projects = shipped::projects(&net).unwrap();
    let twelve: Vec<_> = projects.iter().take(12).cloned().collect();
    let mut twenty = projects.clone();
    for (k, p) in projects.iter().cycle().enumerate() {
        if twenty.len() >= 20 {
            break;
        }
        let mut v = p.clone();
        v.id = format!("{}-variant-{}", p.id, k / projects.len() + 2);
        v.capital.amount *= 1.3;
        v.opens += 1;
        twenty.push(v);
    }
    let mut req = Request::new(&net, demand::resolve("2030", &net).unwrap(), &d);
    req.jobs = jobs;
    println!("load average before: {}", load_average());

    let (cpu0, t0) = (process_cpu(), Instant::now());
    let st = invest::appraise(&net, twenty, &req).unwrap();
    let (wall, cpu) = (t0.elapsed().as_secs_f64(), process_cpu() - cpu0);
    println!(
        "20 candidates appraised alone: {} assignments, {} routes' spread studied, wall {wall:.2} s, CPU {cpu:.2} s, jobs {jobs} (target < 10 s); best {} (BCR {:.2})",
        st.cases_run,
        st.spread_routes,
        st.projects[0].id,
        st.projects[0].money.bcr.unwrap_or(0.0)
    );

    req.budget = Some(5e8);
    let (cpu0, t0) = (process_cpu(), Instant::now());
    let st = invest::appraise(&net, twelve, &req).unwrap();
    let (wall, cpu) = (t0.elapsed().as_secs_f64(), process_cpu() - cpu0);
    let p = st.portfolio.as_ref().unwrap();
    println!(
        "portfolio of 12 by enumeration: {} assignments, {} routes' spread studied, wall {wall:.2} s, CPU {cpu:.2} s, jobs {jobs} (target < 60 s); chosen {} (NPV USD {:.1} M)",
        st.cases_run,
        st.spread_routes,
        p.chosen.join(", "),
        p.money.npv / 1e6
    );
    println!("load average after: {}", load_average());
}
