//! Skim benchmark: every ordered pair of the shipped network's 33 required places × four
//! objectives (distance, time, cost, generalized: 4,224 cells with km, hours, USD, generalized
//! USD and CO2 each), measured side by side with a networkx peer in the same run.
//!
//! 1. **Whole process**: `corridor skim --required --by distance,time,cost,generalized --format
//!    csv` (the release binary beside this example; build it first with `cargo build --release`),
//!    best wall time of 20 runs and the mean CPU time (user + sys) of a run.
//! 2. **The peer, whole process**: `python3 benches/peers/skim_networkx.py` on the same search
//!    graph, exported here through `Router::plain_graph` (the moves open under the query's
//!    constraints), single-source Dijkstra per origin and objective and the four measures summed
//!    along each path; best wall of 5 runs, mean CPU, and the script's own time for building its
//!    graphs and searching (after reading the JSON). Every objective value is checked against
//!    ours (relative 1e-9) and so is which pairs have no route.
//! 3. **In process**: the library's skim (`Router::skim`, best of 50), against the same cells by
//!    4,224 `Router::route` calls (best of 5).
//! 4. **Before**: the 1,056 `corridor route --by distance,time,cost,generalized` processes an
//!    analyst ran without the command, once (skipped with `--quick`).
//! 5. **A larger skim**: 100 places spread over a generated 10,000-place rail grid (as
//!    `pareto_bench` writes it, speeds and tariffs varied) × the four objectives, `Router::skim`
//!    on one thread and on two (a rayon pool of each size; best of 3).
//!
//! Run with `cargo build --release && cargo run --release --example skim_bench [-- --quick]`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use corridor::routing::{Constraints, Objective, Outcome, Reach, Router};
use serde_json::json;

#[path = "common/grid.rs"]
mod common_grid;
use common_grid::grid;

#[path = "common/clock.rs"]
mod clock;
use clock::{load_average, ticks};

const OBJECTIVES: [Objective; 4] = [
    Objective::Distance,
    Objective::Time,
    Objective::Cost,
    Objective::Generalized,
];

/// Runs a command `n` times: the best wall seconds and the mean CPU seconds of a run.
fn time_runs(n: usize, mut make: impl FnMut() -> Command) -> (f64, f64, Vec<u8>) {
    let mut best = f64::INFINITY;
    let mut stdout = Vec::new();
    let (_, c0) = ticks();
    for _ in 0..n {
        let t = Instant::now();
        let out = make().stderr(Stdio::inherit()).output().expect("runs");
        best = best.min(t.elapsed().as_secs_f64());
        assert!(out.status.success(), "{:?} failed", make());
        stdout = out.stdout;
    }
    let (_, c1) = ticks();
    (best, (c1 - c0) / n as f64, stdout)
}

/// Best wall seconds and mean CPU seconds of `n` calls in this process.
fn time_calls<T>(n: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut best = f64::INFINITY;
    let (c0, _) = ticks();
    let mut last = None;
    for _ in 0..n {
        let t = Instant::now();
        last = Some(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    let (c1, _) = ticks();
    (best, (c1 - c0) / n as f64, last.expect("at least one call"))
}

fn ms(s: f64) -> String {
    format!("{:.1} ms", s * 1e3)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe: PathBuf = std::env::current_exe()
        .expect("the example's path")
        .parent()
        .and_then(Path::parent)
        .expect("target/release")
        .join("corridor");
    assert!(
        exe.exists(),
        "{} is missing: run `cargo build --release` first",
        exe.display()
    );
    println!("load average at start: {}", load_average());
    let net = corridor::load::embedded().expect("the shipped network loads");
    let router = Router::new(&net).expect("weights are valid");
    let c = Constraints::defaults(&net);
    let places: Vec<usize> = net
        .study
        .required
        .iter()
        .map(|id| net.find(id).unwrap())
        .collect();
    let n = places.len();
    let cells = n * n * OBJECTIVES.len();

    // 1. Ours, whole process.
    let by = "distance,time,cost,generalized";
    let (wall, cpu_run, csv) = time_runs(20, || {
        let mut cmd = Command::new(&exe);
        cmd.args(["skim", "--required", "--by", by, "--format", "csv"]);
        cmd
    });
    let rows = csv.iter().filter(|&&b| b == b'\n').count() - 1;
    assert_eq!(rows, cells);
    println!(
        "corridor skim, {n} places × {} objectives ({cells} cells), whole process: {} wall (best of 20), {} CPU per run",
        OBJECTIVES.len(),
        ms(wall),
        ms(cpu_run)
    );

    // 2. The peer, on the same graph.
    let g = router.plain_graph(&c).expect("valid constraints");
    let doc = json!({
        "states": g.states,
        "start": g.start,
        "end": g.end,
        "moves": g.moves.iter().map(|m| json!([m.tail, m.head, m.metrics.km, m.metrics.hours, m.metrics.usd, m.metrics.co2_kg])).collect::<Vec<_>>(),
        "places": places,
        "objectives": OBJECTIVES.map(|o| o.as_str()),
        "value_of_time": c.value_of_time,
    });
    let dir = tempfile::tempdir().expect("a temporary folder");
    let graph = dir.path().join("graph.json");
    let answer = dir.path().join("cells.json");
    std::fs::write(&graph, doc.to_string()).expect("the graph is written");
    let script = root.join("benches/peers/skim_networkx.py");
    let (peer_wall, peer_cpu, said) = time_runs(5, || {
        let mut cmd = Command::new("python3");
        cmd.arg(&script).arg(&graph).arg(&answer);
        cmd
    });
    let peer_inner: f64 = String::from_utf8_lossy(&said)
        .trim()
        .parse()
        .unwrap_or(f64::NAN);
    println!(
        "networkx {} peer, whole process: {} wall (best of 5), {} CPU per run; its graphs and searches alone {} ({} states, {} moves)",
        networkx_version(),
        ms(peer_wall),
        ms(peer_cpu),
        ms(peer_inner),
        g.states,
        g.moves.len()
    );

    // 3. In process: the library's skim against one route call per pair and objective.
    let (lib_wall, lib_cpu, skim) = time_calls(50, || {
        router
            .skim(&places, &OBJECTIVES, &c, &Default::default())
            .unwrap()
    });
    let (pairs_wall, _, found) = time_calls(5, || {
        let mut found = 0usize;
        for &a in &places {
            for &b in places.iter().filter(|&&b| b != a) {
                for o in OBJECTIVES {
                    if let Outcome::Found(_) = router.route(a, b, o, &c).unwrap() {
                        found += 1;
                    }
                }
            }
        }
        found
    });
    check(&skim, &answer, n, c.value_of_time);
    println!(
        "library: Router::skim {} wall (best of 50), {} CPU per call; the same by {} Router::route calls {} ({} found)",
        ms(lib_wall),
        ms(lib_cpu),
        n * (n - 1) * OBJECTIVES.len(),
        ms(pairs_wall),
        found
    );
    println!(
        "ratios: whole process, networkx / corridor {:.1}× wall, {:.1}× CPU; searches alone, networkx / Router::skim {:.0}×; route per pair / skim {:.1}×",
        peer_wall / wall,
        peer_cpu / cpu_run,
        peer_inner / lib_wall,
        pairs_wall / lib_wall
    );

    // 4. Before: one process per pair.
    if !quick {
        let ids: Vec<&str> = net.study.required.iter().map(String::as_str).collect();
        let t = Instant::now();
        let (_, c0) = ticks();
        for a in &ids {
            for b in ids.iter().filter(|b| *b != a) {
                let out = Command::new(&exe)
                    .args([
                        "route", "--from", a, "--to", b, "--by", by, "--format", "csv",
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("runs");
                assert!(out.code().is_some_and(|c| c <= 1));
            }
        }
        let (_, c1) = ticks();
        println!(
            "before: {} `corridor route` processes, {:.2} s wall, {:.2} s CPU ({:.0}× the skim's wall)",
            n * (n - 1),
            t.elapsed().as_secs_f64(),
            c1 - c0,
            t.elapsed().as_secs_f64() / wall
        );
    }
    larger();
    println!("load average at end: {}", load_average());
}

/// A 10,000-place grid, 100 places spread over it, the four objectives, on one and two threads.
fn larger() {
    let side = 100;
    let text = grid(side, true);
    let net = corridor::load::parse(&[corridor::load::SourceFile {
        name: "grid.toml".into(),
        text,
    }])
    .expect("the grid loads");
    let router = Router::new(&net).expect("weights are valid");
    let c = Constraints::defaults(&net);
    let places: Vec<usize> = (0..100)
        .map(|k| {
            net.find(&format!("n{}_{}", (k / 10) * 11, (k % 10) * 11))
                .unwrap()
        })
        .collect();
    let mut first: Option<Vec<Vec<Reach>>> = None;
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        let (wall, cpu, cells) = time_calls(3, || {
            pool.install(|| {
                router
                    .skim(&places, &OBJECTIVES, &c, &Default::default())
                    .unwrap()
            })
        });
        match &first {
            None => first = Some(cells),
            Some(f) => assert!(f == &cells, "the threads changed the answer"),
        }
        println!(
            "grid of {} places, 100 × 100 places × 4 objectives: Router::skim on {threads} thread(s) {} wall (best of 3), {} CPU per call",
            side * side,
            ms(wall),
            ms(cpu)
        );
    }
}

/// The peer's cells against ours: the same pairs without a route, and each objective's value
/// within a relative 1e-9 (the routes may differ where two tie).
fn check(ours: &[Vec<Reach>], answer: &Path, n: usize, vot: f64) {
    let theirs: Vec<Option<Vec<f64>>> =
        serde_json::from_str(&std::fs::read_to_string(answer).expect("the peer's answer"))
            .expect("a list of cells");
    assert_eq!(theirs.len(), OBJECTIVES.len() * n * n);
    let mut agree = 0;
    for (k, o) in OBJECTIVES.iter().enumerate() {
        for (x, (ours, theirs)) in ours[k].iter().zip(&theirs[k * n * n..]).enumerate() {
            match (ours, theirs) {
                (Ok(m), Some(t)) => {
                    let a = m.value(*o, vot);
                    let b = match o {
                        Objective::Distance => t[0],
                        Objective::Time => t[1],
                        Objective::Cost => t[2],
                        Objective::Generalized => t[3],
                        Objective::Co2 => t[4],
                    };
                    assert!(
                        (a - b).abs() <= 1e-9 * a.max(1.0),
                        "cell {x} by {o}: corridor {a}, networkx {b}"
                    );
                    agree += 1;
                }
                (Err(_), None) => agree += 1,
                (ours, theirs) => panic!("cell {x} by {o}: corridor {ours:?}, networkx {theirs:?}"),
            }
        }
    }
    println!("the peer agrees on all {agree} cells");
}

fn networkx_version() -> String {
    Command::new("python3")
        .args(["-c", "import networkx; print(networkx.__version__)"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
