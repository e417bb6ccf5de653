//! Pareto search times (library, release): short and long queries on generated 10,000- and
//! 100,000-place rail grids (as `big_network` writes them) beside a plain Python label setting on
//! the same grid (`benches/peers/pareto_labels.py`), the shipped Xi'an → Duisburg, and a ladder
//! whose front has 2^12 points. Run with `cargo run --release --example pareto_bench`.

use std::time::Instant;

use corridor::load::{self, SourceFile};
use corridor::routing::{Constraints, Objective, Router};

#[path = "common/grid.rs"]
mod common_grid;
use common_grid::grid;

fn ladder(stages: u32) -> String {
    let mut t = String::from("[network]\nname = \"ladder\"\ndata_year = 2025\nvalue_of_time_usd_per_hour = 10\ncircuity = { rail = 1.3, road = 1.25, sea = 1.2 }\nsource = { data_year = \"g\", value_of_time_usd_per_hour = \"g\", circuity = \"g\" }\n");
    let node = |t: &mut String, id: &str, lat: f64, lon: f64| {
        *t += &format!("\n[[node]]\nid = \"{id}\"\nname = \"{id}\"\ncountry = \"KZ\"\nlat = {lat}\nlon = {lon}\nkind = \"junction\"\nsource = {{ coords = \"g\" }}\n");
    };
    for i in 0..=stages {
        node(&mut t, &format!("j{i}"), 40.0, 60.0 + i as f64 * 0.1);
        if i < stages {
            node(&mut t, &format!("f{i}"), 40.02, 60.05 + i as f64 * 0.1);
            node(&mut t, &format!("s{i}"), 39.98, 60.05 + i as f64 * 0.1);
        }
    }
    for i in 0..stages {
        let w = f64::from(1u32 << i);
        for (a, b, h, u) in [
            (format!("j{i}"), format!("f{i}"), 1.0 + w / 64.0, 1.0),
            (format!("f{i}"), format!("j{}", i + 1), 1.0, 1.0),
            (format!("j{i}"), format!("s{i}"), 1.0, 1.0 + w),
            (format!("s{i}"), format!("j{}", i + 1), 1.0, 1.0),
        ] {
            t += &format!("\n[[link]]\nfrom = \"{a}\"\nto = \"{b}\"\nmode = \"rail\"\ngauge = 1520\nkm = 10\nhours = {h}\nusd_fixed = {u}\nsource = {{ km = \"g\", hours = \"g\", usd_fixed = \"g\" }}\n");
        }
    }
    t
}

/// The best of five times of the library's Pareto search, in ms, and the front's size.
fn time(router: &Router, from: usize, to: usize) -> (f64, usize) {
    let net = router.network();
    let c = Constraints::defaults(net);
    let crit = [Objective::Time, Objective::Cost];
    let mut best = f64::INFINITY;
    let mut points = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let r = router.pareto(from, to, &crit, &c, 0.0);
        best = best.min(start.elapsed().as_secs_f64());
        points = r.map_or(0, |f| f.len());
    }
    (best * 1e3, points)
}

/// The peer (`benches/peers/pareto_labels.py`, plain Python label setting on the same grid):
/// its CPU ms and front size, or `None` when Python is missing.
fn peer(
    side: usize,
    varied: bool,
    from: (usize, usize),
    to: (usize, usize),
) -> Option<(f64, usize)> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/peers/pareto_labels.py"
    );
    let args = [side, usize::from(varied), from.0, from.1, to.0, to.1].map(|v| v.to_string());
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(&args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let mut it = text.split_whitespace();
    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
}

/// One grid query: ours, the peer's, the ratio, and whether the fronts have the same size.
fn compare(router: &Router, side: usize, varied: bool, from: (usize, usize), to: (usize, usize)) {
    let net = router.network();
    let at = |(r, c): (usize, usize)| net.node_index(&format!("n{r}_{c}")).unwrap();
    let (ms, points) = time(router, at(from), at(to));
    let kind = if varied { "varied" } else { "uniform" };
    let name = format!(
        "grid {side}x{side} {kind}, n{}_{} -> n{}_{}",
        from.0, from.1, to.0, to.1
    );
    match peer(side, varied, from, to) {
        Some((p_ms, p_points)) => println!(
            "{name}: {ms:.2} ms, {points} points; Python label setting {p_ms:.1} ms CPU, {p_points} points; ratio {:.0}x{}",
            p_ms / ms,
            if p_points == points { "" } else { " (FRONTS DIFFER)" }
        ),
        None => println!("{name}: {ms:.2} ms (best of 5), {points} points (no python3 for the peer)"),
    }
}

fn main() {
    if let Some(stages) = std::env::args().nth(1) {
        let stages: u32 = stages.parse().unwrap();
        let net = load::parse(&[SourceFile {
            name: "ladder.toml".into(),
            text: ladder(stages),
        }])
        .unwrap();
        let router = Router::new(&net).unwrap();
        let (a, b) = (
            net.node_index("j0").unwrap(),
            net.node_index(&format!("j{stages}")).unwrap(),
        );
        let c = Constraints::defaults(&net);
        let start = Instant::now();
        let r = router.pareto(a, b, &[Objective::Time, Objective::Cost], &c, 0.0);
        println!(
            "ladder of {stages}: {:.3} s, {}",
            start.elapsed().as_secs_f64(),
            match r {
                Ok(f) => format!("{} points", f.len()),
                Err(e) => e.to_string(),
            }
        );
        return;
    }
    // The peer runs the short queries (ten columns apart) and the 10,000-place corner; at
    // 100,000 places a corner query is ours alone (the peer's is minutes).
    for (side, varied, queries) in [
        (
            100,
            false,
            vec![((0, 0), (0, 10)), ((0, 0), (20, 20)), ((0, 0), (99, 99))],
        ),
        (
            100,
            true,
            vec![((0, 0), (0, 10)), ((0, 0), (20, 20)), ((0, 0), (99, 99))],
        ),
        (316, true, vec![((0, 0), (0, 10)), ((150, 150), (150, 160))]),
    ] {
        let net = load::parse(&[SourceFile {
            name: "grid.toml".into(),
            text: grid(side, varied),
        }])
        .unwrap();
        let router = Router::new(&net).unwrap();
        for (from, to) in queries {
            compare(&router, side, varied, from, to);
        }
    }
    {
        let net = load::parse(&[SourceFile {
            name: "grid.toml".into(),
            text: grid(316, true),
        }])
        .unwrap();
        let router = Router::new(&net).unwrap();
        let at = |id: &str| net.node_index(id).unwrap();
        let (ms, points) = time(&router, at("n0_0"), at("n315_315"));
        println!("grid 316x316 varied, n0_0 -> n315_315 (corner): {ms:.1} ms, {points} points");
    }
    let net = load::embedded().unwrap();
    let router = Router::new(&net).unwrap();
    let (ms, points) = time(
        &router,
        net.find("xian").unwrap(),
        net.find("duisburg").unwrap(),
    );
    println!("shipped xian -> duisburg: {ms:.2} ms (best of 5), {points} points");
}
