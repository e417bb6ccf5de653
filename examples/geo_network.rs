//! TOML beside GeoJSON at scale: generates the rail grid of `big_network` (N nodes, about 2N
//! links, every number sourced) as a TOML file, as one GeoJSON file written as `corridor export`
//! writes it, and as a folder of layers (`nodes.geojson`, `links.geojson`, `network.toml`), then
//! times load + router + one corner-to-corner query of each in a fresh process (so that each has
//! its own peak memory), best of `--runs`, with the CPU time of every thread and the peak resident
//! memory (VmHWM). `--cli BIN` also times `BIN --network … route` on each input through
//! `/usr/bin/time` (for a build from before the change, side by side in the same run).
//!
//! `cargo run --release --example geo_network -- [N] [--runs R] [--cli BIN]…` (default 100,000
//! nodes, 3 runs).

use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use corridor::load::{self, SourceFile};
use corridor::routing::{Constraints, Objective, Outcome, Router};

#[path = "common/clock.rs"]
mod clock;
use clock::{load_average, process_cpu};

const META: &str = "[network]\nname = \"grid\"\ndata_year = 2025\nvalue_of_time_usd_per_hour = 10\ncircuity = { rail = 1.3, road = 1.25, sea = 1.2 }\nsource = { data_year = \"g\", value_of_time_usd_per_hour = \"g\", circuity = \"g\" }\n";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(Path::new(&args[1]), &args[2], &args[3]);
    }
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .map(|i| args[i + 1].clone())
    };
    let n: usize = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .map_or(100_000, |s| s.parse().expect("N is a number"));
    let runs: usize = value("--runs").map_or(3, |r| r.parse().expect("runs"));
    let clis: Vec<String> = args
        .windows(2)
        .filter(|w| w[0] == "--cli")
        .map(|w| w[1].clone())
        .collect();
    check_writer();
    let side = (n as f64).sqrt().ceil() as usize;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let toml = dir.path().join("grid.toml");
    let geo = dir.path().join("grid.geojson");
    let layers = dir.path().join("layers");
    std::fs::create_dir(&layers).unwrap();
    let start = Instant::now();
    let (nodes, links) = write_grid(n, side, &toml, &geo, &layers);
    println!(
        "{nodes} nodes, {links} links: TOML {:.0} MB, GeoJSON {:.0} MB, layers {:.0} MB (written in {:.0} s); load average {}",
        mb(&toml),
        mb(&geo),
        mb(&layers.join("nodes.geojson")) + mb(&layers.join("links.geojson")),
        start.elapsed().as_secs_f64(),
        load_average()
    );
    let (from, to) = ("n0_0".to_string(), last_node(n, side));
    let inputs = [
        ("TOML", &toml),
        ("GeoJSON", &geo),
        ("GeoJSON layers", &layers),
    ];
    let me = std::env::current_exe().unwrap();
    println!("\nthis build (library, one process per run; best of {runs}):");
    println!(
        "| input | load | router | query | load+router+query wall | CPU (user+sys) | peak memory |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut best = Vec::new();
    for (name, path) in inputs {
        let r = (0..runs)
            .map(|_| {
                let out = Command::new(&me)
                    .arg("--child")
                    .arg(path)
                    .args([&from, &to])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                Run::parse(&String::from_utf8_lossy(&out.stdout))
            })
            .min_by(|a, b| a.total().total_cmp(&b.total()))
            .unwrap();
        println!(
            "| {name} | {:.2} s | {:.2} s | {:.0} ms | **{:.2} s** | {:.2} s | {:.0} MB |",
            r.load,
            r.router,
            r.query * 1e3,
            r.total(),
            r.cpu,
            r.peak_mb
        );
        best.push(r);
    }
    assert!(
        best.iter().all(|r| r.hours == best[0].hours),
        "every input gives the same route"
    );
    println!(
        "\nGeoJSON / TOML: wall {:.2}×, CPU {:.2}×, peak memory {:.2}× (one file); layers {:.2}× wall",
        best[1].total() / best[0].total(),
        best[1].cpu / best[0].cpu,
        best[1].peak_mb / best[0].peak_mb,
        best[2].total() / best[0].total(),
    );
    for cli in clis {
        println!(
            "\n`{cli} --network … route --from {from} --to {to}` (whole process, best of {runs}):"
        );
        println!("| input | wall | CPU (user+sys) | peak memory |");
        println!("|---|---|---|---|");
        for (name, path) in inputs {
            let r = (0..runs)
                .map(|_| time_cli(&cli, path, &from, &to))
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .unwrap();
            match r.3 {
                true => println!("| {name} | {:.2} s | {:.2} s | {:.0} MB |", r.0, r.1, r.2),
                false => println!("| {name} | refused or failed ({:.2} s) | | |", r.0),
            }
        }
    }
    println!("\nload average {}", load_average());
}

/// One timed run of a child: seconds, CPU seconds, MB, and the route's hours (to compare).
struct Run {
    load: f64,
    router: f64,
    query: f64,
    cpu: f64,
    peak_mb: f64,
    hours: String,
}

impl Run {
    fn total(&self) -> f64 {
        self.load + self.router + self.query
    }
    fn parse(line: &str) -> Run {
        let v: Vec<&str> = line.split_whitespace().collect();
        let f = |i: usize| v[i].parse::<f64>().unwrap();
        Run {
            load: f(0),
            router: f(1),
            query: f(2),
            cpu: f(3),
            peak_mb: f(4),
            hours: v[5].to_string(),
        }
    }
}

/// The child: loads `path`, builds the router, routes `from` → `to`; prints the times, CPU,
/// peak memory and the route's hours.
fn child(path: &Path, from: &str, to: &str) {
    let start = Instant::now();
    let net = load::load(path).expect("the generated network loads");
    let load = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let router = Router::new(&net).expect("valid weights");
    let built = start.elapsed().as_secs_f64();
    let (a, b) = (net.find(from).unwrap(), net.find(to).unwrap());
    let start = Instant::now();
    let found = router.route(a, b, Objective::Time, &Constraints::defaults(&net));
    let query = start.elapsed().as_secs_f64();
    let Ok(Outcome::Found(route)) = found else {
        panic!("no route")
    };
    println!(
        "{load} {built} {query} {} {} {:.6}",
        process_cpu(),
        status_kb("VmHWM:") / 1024.0,
        route.total.hours
    );
}

fn status_kb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(f64::NAN)
}

/// `cli --network path route …` through `/usr/bin/time`: wall, CPU, MB, success.
fn time_cli(cli: &str, path: &Path, from: &str, to: &str) -> (f64, f64, f64, bool) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "TIME %e %U %S %M", cli, "--network"])
        .arg(path)
        .args(["route", "--from", from, "--to", to])
        .output()
        .expect("/usr/bin/time runs");
    let err = String::from_utf8_lossy(&out.stderr);
    let t: Vec<f64> = err
        .lines()
        .find_map(|l| l.strip_prefix("TIME "))
        .map(|l| l.split_whitespace().map(|x| x.parse().unwrap()).collect())
        .unwrap_or_else(|| vec![f64::NAN; 4]);
    (t[0], t[1] + t[2], t[3] / 1024.0, out.status.success())
}

fn mb(p: &Path) -> f64 {
    std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6)
}

fn id(r: usize, c: usize) -> String {
    format!("n{r}_{c}")
}

fn last_node(n: usize, side: usize) -> String {
    id((n - 1) / side, (n - 1) % side)
}

/// A node of the grid: (row, column).
type At = (usize, usize);

/// The grid's nodes and links (from, to), as `big_network` makes them.
fn grid(n: usize, side: usize) -> (Vec<At>, Vec<(At, At)>) {
    let nodes: Vec<_> = (0..n).map(|i| (i / side, i % side)).collect();
    let mut links = Vec::new();
    for &(r, c) in &nodes {
        for (r2, c2) in [(r, c + 1), (r + 1, c)] {
            if c2 < side && r2 * side + c2 < n {
                links.push(((r, c), (r2, c2)));
            }
        }
    }
    (nodes, links)
}

fn pos(r: usize, c: usize) -> (f64, f64) {
    let round = |x: f64| (x * 1e4).round() / 1e4;
    (round(60.0 + c as f64 * 0.01), round(40.0 + r as f64 * 0.01))
}

/// A node feature as `corridor export` writes it (pretty-printed, keys in order).
fn node_feature(w: &mut impl std::io::Write, r: usize, c: usize) -> std::io::Result<()> {
    let (lon, lat) = pos(r, c);
    write!(
        w,
        "    {{\n      \"geometry\": {{\n        \"coordinates\": [\n          {lon:?},\n          {lat:?}\n        ],\n        \"type\": \"Point\"\n      }},\n      \"properties\": {{\n        \"corridors\": \"\",\n        \"country\": \"KZ\",\n        \"feature\": \"node\",\n        \"id\": \"{}\",\n        \"kind\": \"junction\",\n        \"name\": \"N {r} {c}\",\n        \"source\": {{\n          \"coords\": \"generated\"\n        }},\n        \"transfer\": []\n      }},\n      \"type\": \"Feature\"\n    }}",
        id(r, c)
    )
}

/// A link feature as `corridor export` writes it.
fn link_feature(
    w: &mut impl std::io::Write,
    a: (usize, usize),
    b: (usize, usize),
) -> std::io::Result<()> {
    let ((x1, y1), (x2, y2)) = (pos(a.0, a.1), pos(b.0, b.1));
    let (from, to) = (id(a.0, a.1), id(b.0, b.1));
    write!(
        w,
        "    {{\n      \"geometry\": {{\n        \"coordinates\": [\n          [\n            {x1:?},\n            {y1:?}\n          ],\n          [\n            {x2:?},\n            {y2:?}\n          ]\n        ],\n        \"type\": \"LineString\"\n      }},\n      \"properties\": {{\n        \"corridors\": \"\",\n        \"feature\": \"link\",\n        \"from\": \"{from}\",\n        \"gauge\": 1520,\n        \"id\": \"{from}-{to}\",\n        \"km\": 1.1,\n        \"mode\": \"rail\",\n        \"oneway\": false,\n        \"source\": {{\n          \"km\": \"generated\",\n          \"speed_kmh\": \"generated\",\n          \"usd_per_km\": \"generated\"\n        }},\n        \"speed_kmh\": 50.0,\n        \"status\": \"operating\",\n        \"to\": \"{to}\",\n        \"transit_countries\": \"\",\n        \"usd_per_km\": 0.5\n      }},\n      \"type\": \"Feature\"\n    }}"
    )
}

/// The `corridor` member of the one-file export: the network table.
const MEMBER: &str = "{\n    \"schema\": \"corridor.network/1\",\n    \"network\": {\n      \"circuity\": {\n        \"rail\": 1.3,\n        \"road\": 1.25,\n        \"sea\": 1.2\n      },\n      \"data_year\": 2025,\n      \"name\": \"grid\",\n      \"source\": {\n        \"circuity\": \"g\",\n        \"data_year\": \"g\",\n        \"value_of_time_usd_per_hour\": \"g\"\n      },\n      \"value_of_time_usd_per_hour\": 10.0\n    }\n  }";

/// Writes the grid as TOML, as one GeoJSON file and as layers; returns the counts.
fn write_grid(n: usize, side: usize, toml: &Path, geo: &Path, layers: &Path) -> (usize, usize) {
    let (nodes, links) = grid(n, side);
    let mut t = std::io::BufWriter::new(std::fs::File::create(toml).unwrap());
    t.write_all(META.as_bytes()).unwrap();
    for &(r, c) in &nodes {
        let (lon, lat) = pos(r, c);
        write!(t, "\n[[node]]\nid = \"{}\"\nname = \"N {r} {c}\"\ncountry = \"KZ\"\nlat = {lat:?}\nlon = {lon:?}\nkind = \"junction\"\nsource = {{ coords = \"generated\" }}\n", id(r, c)).unwrap();
    }
    for &(a, b) in &links {
        write!(t, "\n[[link]]\nfrom = \"{}\"\nto = \"{}\"\nmode = \"rail\"\ngauge = 1520\nkm = 1.1\nspeed_kmh = 50\nusd_per_km = 0.5\nsource = {{ km = \"generated\", speed_kmh = \"generated\", usd_per_km = \"generated\" }}\n", id(a.0, a.1), id(b.0, b.1)).unwrap();
    }
    t.into_inner().unwrap().sync_all().unwrap();
    let schema = "{\n    \"schema\": \"corridor.network/1\"\n  }";
    let write = |path: &Path, member: &str, with_nodes: bool, with_links: bool| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        write!(w, "{{\n  \"type\": \"FeatureCollection\",\n  \"corridor\": {member},\n  \"features\": [\n").unwrap();
        let mut first = true;
        let mut sep = |w: &mut std::io::BufWriter<std::fs::File>| {
            if !std::mem::take(&mut first) {
                w.write_all(b",\n").unwrap();
            }
        };
        if with_nodes {
            for &(r, c) in &nodes {
                sep(&mut w);
                node_feature(&mut w, r, c).unwrap();
            }
        }
        if with_links {
            for &(a, b) in &links {
                sep(&mut w);
                link_feature(&mut w, a, b).unwrap();
            }
        }
        w.write_all(b"\n  ]\n}\n").unwrap();
        w.into_inner().unwrap().sync_all().unwrap();
    };
    write(geo, MEMBER, true, true);
    write(&layers.join("nodes.geojson"), schema, true, false);
    write(&layers.join("links.geojson"), schema, false, true);
    std::fs::write(layers.join("network.toml"), META).unwrap();
    (nodes.len(), links.len())
}

/// The GeoJSON written here is what `corridor export` writes for the same grid (checked on a
/// small one), so that the figures are those of an export.
fn check_writer() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, geo, layers) = (
        dir.path().join("g.toml"),
        dir.path().join("g.geojson"),
        dir.path().join("l"),
    );
    std::fs::create_dir(&layers).unwrap();
    write_grid(30, 6, &toml, &geo, &layers);
    let text = std::fs::read_to_string(&toml).unwrap();
    let net = load::parse(&[SourceFile {
        name: "g.toml".into(),
        text,
    }])
    .unwrap();
    let exported: serde_json::Value =
        serde_json::from_str(&corridor::output::geojson::network(&net)).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geo).unwrap()).unwrap();
    assert!(
        exported == written,
        "the GeoJSON written is not an export's"
    );
}
