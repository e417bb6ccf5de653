//! The router against a plain CSR Dijkstra on the same states and moves, in one run: generates
//! the rail grid of `big_network` (N places, about 2N links, written to a file and loaded a piece
//! at a time), builds the router, takes its search graph as plain arrays
//! ([`Router::plain_graph`]), builds a CSR of them (offsets per state, head and hours per move),
//! and times queries both ways: the router's [`Router::route`] by time (a whole route: search,
//! steps and totals) against a textbook Dijkstra with `std`'s binary heap on the CSR (a reused
//! distance array reset where it was touched, stopping at the goal). Both answers must agree.
//!
//! `cargo run --release --example router_bench [N]` (default 100,000). Prints the build times (ours
//! from the network, the CSR's from the list of moves), bytes per move, resident and peak memory
//! after loading and after the router, and per query the best of five runs, wall and CPU (this
//! thread's time on a processor, from `/proc/thread-self/schedstat`; the router's build, which
//! runs on two threads, counts every thread's), with the ratio ours / CSR.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

use corridor::load;
use corridor::routing::{Constraints, Objective, Outcome, PlainGraph, Router};

#[path = "common/grid_file.rs"]
mod grid_file;
use grid_file::write_grid;

#[path = "common/clock.rs"]
mod clock;
use clock::{memory_mb, process_cpu, thread_cpu};

/// Wall and CPU seconds of `f`, and its answer.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, f64, T) {
    let (w, c) = (Instant::now(), thread_cpu());
    let out = f();
    (w.elapsed().as_secs_f64(), thread_cpu() - c, out)
}

/// The peer: a CSR of the plain graph's moves weighted by hours.
struct Csr {
    first: Vec<u32>,
    head: Vec<u32>,
    hours: Vec<f64>,
    dist: Vec<f64>,
    touched: Vec<u32>,
}

impl Csr {
    fn new(g: &PlainGraph) -> Csr {
        let mut first = vec![0u32; g.states + 1];
        for m in &g.moves {
            first[m.tail as usize + 1] += 1;
        }
        for s in 0..g.states {
            first[s + 1] += first[s];
        }
        let mut next = first.clone();
        let mut head = vec![0u32; g.moves.len()];
        let mut hours = vec![0.0; g.moves.len()];
        for m in &g.moves {
            let slot = &mut next[m.tail as usize];
            head[*slot as usize] = m.head;
            hours[*slot as usize] = m.metrics.hours;
            *slot += 1;
        }
        Csr {
            first,
            head,
            hours,
            dist: vec![f64::INFINITY; g.states],
            touched: Vec::new(),
        }
    }

    /// Dijkstra with a binary heap from `from` until `to` leaves the heap.
    fn dijkstra(&mut self, from: u32, to: u32) -> Option<f64> {
        for &s in &self.touched {
            self.dist[s as usize] = f64::INFINITY;
        }
        self.touched.clear();
        let mut heap = BinaryHeap::new();
        self.dist[from as usize] = 0.0;
        self.touched.push(from);
        heap.push(Reverse((0u64, from)));
        while let Some(Reverse((bits, u))) = heap.pop() {
            let d = f64::from_bits(bits);
            if d > self.dist[u as usize] {
                continue;
            }
            if u == to {
                return Some(d);
            }
            let u = u as usize;
            for i in self.first[u] as usize..self.first[u + 1] as usize {
                let (v, nd) = (self.head[i] as usize, d + self.hours[i]);
                if nd < self.dist[v] {
                    if self.dist[v] == f64::INFINITY {
                        self.touched.push(v as u32);
                    }
                    self.dist[v] = nd;
                    heap.push(Reverse((nd.to_bits(), v as u32)));
                }
            }
        }
        None
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(100_000, |s| s.parse().expect("N is a number"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("grid.toml");
    let (nodes, links, side) = write_grid(&path, n);
    let net = load::load(&path).expect("the generated network loads");
    let (rss_load, peak_load) = memory_mb();
    let (wall, cpu) = (Instant::now(), process_cpu());
    let router = Router::new(&net).expect("valid weights");
    let (build_wall, build_cpu) = (wall.elapsed().as_secs_f64(), process_cpu() - cpu);
    let (rss_router, peak_router) = memory_mb();
    let c = Constraints::defaults(&net);
    let plain = router.plain_graph(&c).expect("valid constraints");
    let moves = plain.moves.len();
    let (csr_wall, csr_cpu, mut csr) = timed(|| Csr::new(&plain));
    let csr_bytes = (csr.first.len() + csr.head.len()) * 4 + csr.hours.len() * 8;
    println!(
        "{nodes} places, {links} links: {} states, {moves} moves",
        plain.states
    );
    println!(
        "build: router {:.3} s wall, {:.3} s CPU of all threads (from the network); CSR {:.3} s wall, {:.3} s CPU (from the list of moves); ratio {:.1} (CPU)",
        build_wall,
        build_cpu,
        csr_wall,
        csr_cpu,
        build_cpu / csr_cpu.max(1e-9)
    );
    println!(
        "memory: after load {rss_load:.0} MB resident, {peak_load:.0} MB peak; after the router {rss_router:.0} MB resident, {peak_router:.0} MB peak; the router added {:.0} MB resident, {:.1} bytes per move (the CSR {:.1})",
        rss_router - rss_load,
        (rss_router - rss_load) * 1048576.0 / moves as f64,
        csr_bytes as f64 / moves as f64
    );
    let PlainGraph { start, end, .. } = plain;
    let at = |r: usize, c: usize| (r * side + c).min(nodes - 1);
    let mid = side / 2;
    let queries = [
        ("short (10 columns)", at(mid, mid), at(mid, mid + 10)),
        (
            "middle (a quarter across)",
            at(mid, mid),
            at(mid + side / 4, mid + side / 4),
        ),
        ("corner to corner", 0, nodes - 1),
        ("other corners", at(0, side - 1), at((nodes - 1) / side, 0)),
    ];
    println!("query by time: ours (route) / CSR Dijkstra, best of 5 rounds after a first run (a round repeats a short query to about 20 ms); wall and CPU ms per query");
    for (name, a, b) in queries {
        let ours = || match router.route(a, b, Objective::Time, &c) {
            Ok(Outcome::Found(r)) => r.total.hours,
            other => panic!("{name}: {other:?}"),
        };
        let (first_wall, _, hours) = timed(ours);
        // Runs repeated to about 20 ms, so that a short query is timed above the clock's grain.
        let (second, _, _) = timed(ours);
        let reps = ((0.02 / second.max(1e-7)) as usize).clamp(1, 5000);
        let (mut wall, mut cpu) = (f64::INFINITY, f64::INFINITY);
        let (mut peer_wall, mut peer_cpu) = (f64::INFINITY, f64::INFINITY);
        let (from, to) = (start[a], end[b]);
        let mut theirs = None;
        for _ in 0..5 {
            let (w, c, _) = timed(|| (0..reps).fold(0.0, |_, _| ours()));
            (wall, cpu) = (wall.min(w / reps as f64), cpu.min(c / reps as f64));
            let (w, c, d) = timed(|| (0..reps).fold(None, |_, _| csr.dijkstra(from, to)));
            (peer_wall, peer_cpu) = (
                peer_wall.min(w / reps as f64),
                peer_cpu.min(c / reps as f64),
            );
            theirs = d;
        }
        let theirs = theirs.expect("the CSR finds a route too");
        assert!(
            (hours - theirs).abs() <= 1e-9 * hours.max(1.0),
            "{name}: {hours} h against {theirs} h"
        );
        println!(
            "  {name}: {hours:.1} h; ours {:.2} ms wall, {:.2} ms CPU (first run {:.2} ms wall); CSR {:.2} ms wall, {:.2} ms CPU; ratio {:.2} (CPU), {:.2} (wall)",
            wall * 1e3,
            cpu * 1e3,
            first_wall * 1e3,
            peer_wall * 1e3,
            peer_cpu * 1e3,
            cpu / peer_cpu.max(1e-9),
            wall / peer_wall.max(1e-9)
        );
    }
}
