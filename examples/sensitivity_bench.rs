//! Sensitivity benchmark: Morris screening with r = 20 trajectories over every estimate of the
//! shipped network, for each of the study's headline questions (`[[network.study.headline]]`),
//! then the three together as `corridor sensitivity` runs them by default (r = 10). Reports per
//! question the inputs screened, the evaluations, the wall time, the CPU time of the process
//! (user + system, from `/proc/self/stat`, every thread) and the evaluations per second, best of
//! RUNS (default 3), and the load average. First it times what an evaluation rebuilds after a
//! change of numbers: a router built anew (`Router::new`) against the same router's weights
//! recomputed on the changed network (`Router::detach` + `Detached::attach`, what the screening
//! does), and one family route. Run with
//! `cargo run --release --example sensitivity_bench [RUNS]`.

use std::time::Instant;

use corridor::load;
use corridor::progress::Progress;
use corridor::studies::sensitivity::{self, Request};

#[path = "common/clock.rs"]
mod clock;
use clock::{load_average, ticks};

/// Best (wall, cpu) of `runs` screenings, and the last answer.
fn best(net: &corridor::Network, req: &Request, runs: usize) -> (f64, f64, sensitivity::Screening) {
    let (mut wall, mut cpu, mut last) = (f64::INFINITY, f64::INFINITY, None);
    for _ in 0..runs {
        let (t, c) = (Instant::now(), ticks().0);
        let s = sensitivity::screen(net, req).expect("the screening runs");
        wall = wall.min(t.elapsed().as_secs_f64());
        cpu = cpu.min(ticks().0 - c);
        last = Some(s);
    }
    (wall, cpu, last.expect("at least one run"))
}

/// Mean microseconds of `f` over `n` calls.
fn micros(n: u32, mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

/// Router built anew against reattached, and a family route, on the shipped network.
fn router_costs(net: &corridor::Network) {
    use corridor::routing::{Constraints, Objective, Router};
    let n = 2000;
    let new = micros(n, || {
        Router::new(net).unwrap();
    });
    let mut detached = Some(Router::new(net).unwrap().detach());
    let attach = micros(n, || {
        let r = detached.take().unwrap().attach(net).unwrap();
        detached = Some(r.detach());
    });
    let router = Router::new(net).unwrap();
    let (from, to) = (net.find("xian").unwrap(), net.find("duisburg").unwrap());
    let c = Constraints::defaults(net);
    let f = &net.families[1];
    let route = micros(n, || {
        router
            .route_family(from, to, Objective::Time, &c, f)
            .unwrap();
    });
    let clone = micros(n, || {
        let _ = net.clone();
    });
    println!(
        "per evaluation: Router::new {new:.0} µs, detach + attach {attach:.0} µs ({:.1}x less), route of family {} {route:.0} µs, network clone {clone:.0} µs",
        new / attach,
        f.id
    );
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
    router_costs(&net);
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
            only: Vec::new(),
            progress: Progress::default(),
            jobs: corridor::studies::batch::jobs_available(),
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
