//! Large-network benchmark: generates a rail grid of N nodes (about 2N links, every number
//! sourced, all in one country) as a TOML file, then times loading it, building the router and
//! one corner-to-corner query, and reports the file's size and the memory used. Run with
//! `cargo run --release --example big_network [N] [--in-memory]` (default 100,000). The file is
//! written a piece at a time and loaded with `load::load`, which reads it a piece at a time;
//! `--in-memory` instead reads the whole text first and loads it with `load::parse`.

use std::time::Instant;

use corridor::load::{self, SourceFile};
use corridor::routing::{Constraints, Objective, Outcome, Router};

#[path = "common/grid_file.rs"]
mod grid_file;
use grid_file::write_grid;

#[path = "common/clock.rs"]
mod clock;
use clock::memory_mb;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let in_memory = args.iter().any(|a| a == "--in-memory");
    let n: usize = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or(100_000, |s| s.parse().expect("N is a number"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("grid.toml");
    let (count, links, side) = write_grid(&path, n);
    let mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    let at_start = memory();
    let start = Instant::now();
    let net = if in_memory {
        let files = vec![SourceFile {
            name: "grid.toml".into(),
            text: std::fs::read_to_string(&path).unwrap(),
        }];
        load::parse(&files)
    } else {
        load::load(&path)
    }
    .expect("the generated network loads");
    let loaded = start.elapsed().as_secs_f64();
    let after_load = memory();
    let start = Instant::now();
    let router = Router::new(&net).expect("valid weights");
    let built = start.elapsed().as_secs_f64();
    let after_router = memory();
    let (a, b) = (0, net.nodes.len() - 1);
    let start = Instant::now();
    let found = matches!(
        router.route(a, b, Objective::Time, &Constraints::defaults(&net)),
        Ok(Outcome::Found(_))
    );
    let routed = start.elapsed().as_secs_f64();
    // A look-up by name: the first builds the name index, later ones search it.
    let name = format!("N {} {}", side / 2, side / 3);
    let start = Instant::now();
    let first = net.find(&name).expect("the node is found by name");
    let find_first = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let again = net
        .find(&format!("n {} {}", side / 3, side / 2))
        .expect("found");
    let find_again = start.elapsed().as_secs_f64();
    assert_ne!(first, again);
    println!(
        "{count} nodes, {links} links, {mb:.1} MB of TOML ({}): load {loaded:.2} s ({:.1} MB/s), router {built:.2} s, one query {:.1} ms (route found: {found})",
        if in_memory { "text in memory" } else { "read from the file in pieces" },
        mb / loaded,
        routed * 1e3
    );
    println!(
        "find by name: first {:.1} ms (builds the index), then {:.1} µs",
        find_first * 1e3,
        find_again * 1e6
    );
    println!("memory (resident now / peak so far): before load {at_start}; after load {after_load}; after router {after_router}");
}

/// Resident and peak resident memory of this process, from /proc (Linux).
fn memory() -> String {
    let mb = |v: f64| {
        if v.is_nan() {
            "?".to_string()
        } else {
            format!("{v:.0} MB")
        }
    };
    let (rss, peak) = memory_mb();
    format!("{} / {}", mb(rss), mb(peak))
}
