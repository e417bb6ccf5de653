//! The generated rail grid the Pareto and skim benchmarks share (as `big_network` writes one):
//! `side` × `side` junctions 0.01° apart, a 1.1 km link right and down from each, both ways; with
//! `varied`, speed and tariff differ by link so that time and cost disagree.

/// The grid as a network TOML text.
pub fn grid(side: usize, varied: bool) -> String {
    let mut t = String::from("[network]\nname = \"grid\"\ndata_year = 2025\nvalue_of_time_usd_per_hour = 10\ncircuity = { rail = 1.3, road = 1.25, sea = 1.2 }\nsource = { data_year = \"g\", value_of_time_usd_per_hour = \"g\", circuity = \"g\" }\n");
    for r in 0..side {
        for c in 0..side {
            t += &format!("\n[[node]]\nid = \"n{r}_{c}\"\nname = \"N {r} {c}\"\ncountry = \"KZ\"\nlat = {:.4}\nlon = {:.4}\nkind = \"junction\"\nsource = {{ coords = \"generated\" }}\n", 40.0 + r as f64 * 0.01, 60.0 + c as f64 * 0.01);
        }
    }
    for r in 0..side {
        for c in 0..side {
            for (r2, c2) in [(r, c + 1), (r + 1, c)] {
                if r2 >= side || c2 >= side {
                    continue;
                }
                // Varied: speed and tariff differ by link, so time and cost disagree.
                let h = (r * 31 + c * 17 + r2 * 7) % 5;
                let (speed, usd) = if varied {
                    (30.0 + 10.0 * h as f64, 0.3 + 0.1 * (4 - h) as f64)
                } else {
                    (50.0, 0.5)
                };
                t += &format!("\n[[link]]\nfrom = \"n{r}_{c}\"\nto = \"n{r2}_{c2}\"\nmode = \"rail\"\ngauge = 1520\nkm = 1.1\nspeed_kmh = {speed}\nusd_per_km = {usd}\nsource = {{ km = \"generated\", speed_kmh = \"generated\", usd_per_km = \"generated\" }}\n");
            }
        }
    }
    t
}
