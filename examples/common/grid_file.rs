//! The generated rail grid the large-network benchmarks load from a file (`big_network`,
//! `router_bench`): about `n` junctions on a square grid 0.01° apart, a 1.1 km link right and
//! down from each, both ways, every number sourced, all in one country; written a piece at a
//! time, so that a million nodes never sit in memory as text.

use std::io::Write as _;
use std::path::Path;

/// Writes the grid of `n` nodes to `path` and syncs it to disk; returns the number of nodes,
/// the number of links and the grid's side.
pub fn write_grid(path: &Path, n: usize) -> (usize, usize, usize) {
    let side = (n as f64).sqrt().ceil() as usize;
    let file = std::fs::File::create(path).expect("the file is created");
    let mut t = std::io::BufWriter::new(file);
    t.write_all(
        b"[network]\nname = \"grid\"\ndata_year = 2025\nvalue_of_time_usd_per_hour = 10\ncircuity = { rail = 1.3, road = 1.25, sea = 1.2 }\nsource = { data_year = \"g\", value_of_time_usd_per_hour = \"g\", circuity = \"g\" }\n",
    )
    .unwrap();
    let id = |r: usize, c: usize| format!("n{r}_{c}");
    let mut count = 0;
    for r in 0..side {
        for c in 0..side {
            if count == n {
                break;
            }
            write!(
                t,
                "\n[[node]]\nid = \"{}\"\nname = \"N {r} {c}\"\ncountry = \"KZ\"\nlat = {:.4}\nlon = {:.4}\nkind = \"junction\"\nsource = {{ coords = \"generated\" }}\n",
                id(r, c),
                40.0 + r as f64 * 0.01,
                60.0 + c as f64 * 0.01
            )
            .unwrap();
            count += 1;
        }
    }
    let mut links = 0;
    for r in 0..side {
        for c in 0..side {
            for (r2, c2) in [(r, c + 1), (r + 1, c)] {
                if r2 * side + c2 >= n || r * side + c >= n || r2 >= side || c2 >= side {
                    continue;
                }
                write!(
                    t,
                    "\n[[link]]\nfrom = \"{}\"\nto = \"{}\"\nmode = \"rail\"\ngauge = 1520\nkm = 1.1\nspeed_kmh = 50\nusd_per_km = 0.5\nsource = {{ km = \"generated\", speed_kmh = \"generated\", usd_per_km = \"generated\" }}\n",
                    id(r, c),
                    id(r2, c2)
                )
                .unwrap();
                links += 1;
            }
        }
    }
    // On disk before any clock starts, so that writing it back does not slow the load.
    t.into_inner().unwrap().sync_all().unwrap();
    (count, links, side)
}
