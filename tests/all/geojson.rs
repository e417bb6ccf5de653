//! GeoJSON out: routes and the whole network, checked against the network's coordinates.

use serde_json::Value;

use crate::support::cmd::Cmd;
use crate::support::required;

fn coords(f: &Value) -> Vec<(f64, f64)> {
    let g = &f["geometry"];
    let pt = |v: &Value| (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
    match g["type"].as_str().unwrap() {
        "Point" => vec![pt(&g["coordinates"])],
        "LineString" => g["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(pt)
            .collect(),
        t => panic!("unexpected geometry {t}"),
    }
}

#[test]
fn a_route_is_a_line_of_lon_lat_with_one_feature_per_step() {
    let net = corridor::load::embedded().unwrap();
    let v = Cmd::route().args(["--format", "geojson"]).json();
    assert_eq!(v["type"], "FeatureCollection");
    let fs = v["features"].as_array().unwrap();
    let route = &fs[0];
    assert_eq!(route["properties"]["feature"], "route");
    let line = coords(route);
    let at = |id: &str| {
        let n = net.node(id).unwrap();
        (n.lon, n.lat)
    };
    let close = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6;
    assert!(
        close(line[0], at("xian")),
        "starts at Xi'an (lon, lat): {:?}",
        line[0]
    );
    assert!(close(*line.last().unwrap(), at("duisburg")));
    let steps: Vec<&Value> = fs[1..].iter().collect();
    let mut km = 0.0;
    for s in &steps {
        let p = &s["properties"];
        assert_eq!(p["feature"], "step");
        km += p["km"].as_f64().unwrap();
        let c = coords(s);
        assert!(close(c[0], at(p["from"].as_str().unwrap())), "{p}");
        if p["kind"] == "haul" {
            assert!(
                close(*c.last().unwrap(), at(p["to"].as_str().unwrap())),
                "{p}"
            );
            assert!(p["link"].is_string());
        }
    }
    let total = route["properties"]["km"].as_f64().unwrap();
    assert!(
        (km - total).abs() < 0.01 * steps.len() as f64,
        "{km} vs {total}"
    );
}

#[test]
fn export_writes_every_node_and_link_with_its_sources() {
    let net = corridor::load::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.geojson");
    let export = |to: &std::path::Path| {
        Cmd::new()
            .args(["export", "--scenario", "zangazur-open", "-o"])
            .arg(to)
            .run()
    };
    export(&path);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let fs = v["features"].as_array().unwrap();
    assert_eq!(fs.len(), net.nodes.len() + net.links.len());
    for f in fs {
        for (lon, lat) in coords(f) {
            assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        }
        assert!(f["properties"]["source"].is_object(), "{}", f["properties"]);
    }
    let link = fs
        .iter()
        .find(|f| f["properties"]["id"] == "aktau-alat")
        .expect("the Caspian link");
    let p = &link["properties"];
    assert_eq!(p["mode"], "sea");
    assert!(p["wait_hours"].as_f64().unwrap() > 0.0);
    assert!(p["source"]["wait_hours"].is_string());
    let meghri = fs
        .iter()
        .find(|f| {
            f["properties"]["feature"] == "link"
                && f["properties"]["corridors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t == "zangazur")
        })
        .expect("a Zangazur link");
    assert!(meghri["properties"]["status"].is_string());
    // Same input, same bytes.
    let again = dir.path().join("again.geojson");
    export(&again);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn geojson_is_refused_where_there_are_no_routes_to_draw() {
    Cmd::new()
        .args(["compare", "--format", "geojson"])
        .status(2)
        .stderr_has("--format geojson gives routes")
        .run();
}

#[test]
fn per_corridor_and_pareto_routes_come_out_as_geojson() {
    let v = Cmd::route()
        .args(["--per-corridor", "--format", "geojson"])
        .json();
    let families: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["feature"] == "route")
        .filter_map(|f| f["properties"]["family"].as_str())
        .collect();
    assert!(
        families.contains(&"middle-turkiye") && families.contains(&"sea-suez"),
        "{families:?}"
    );
    let p = Cmd::new().args(["pareto", "--format", "geojson"]).json();
    assert!(p["features"].as_array().unwrap().len() > 2);
}

/// Runs GDAL's `ogrinfo -al -so` on a file: its summary, or `None` when GDAL is not installed
/// (CI installs it and sets CORRIDOR_REQUIRE_GDAL=1, which makes a missing ogrinfo a failure).
fn ogrinfo(path: &std::path::Path) -> Option<String> {
    match std::process::Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(path)
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "ogrinfo failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(_) if std::env::var_os("CORRIDOR_REQUIRE_GDAL").is_none() => {
            eprintln!("ogrinfo not installed: GDAL check skipped (CI runs it)");
            None
        }
        Err(e) => panic!("ogrinfo is required here: {e}"),
    }
}

#[test]
fn gdal_reads_a_route_and_the_exported_network() {
    let net = corridor::load::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let route = dir.path().join("route.geojson");
    let out = Cmd::route().args(["--format", "geojson"]).run();
    std::fs::write(&route, &out.stdout).unwrap();
    let v = out.json();
    let n = v["features"].as_array().unwrap().len();
    let Some(info) = ogrinfo(&route) else { return };
    assert!(info.contains(&format!("Feature Count: {n}")), "{info}");
    assert!(info.contains("co2_kg: Real"), "{info}");
    let network = dir.path().join("network.geojson");
    Cmd::new().args(["export", "-o"]).arg(&network).run();
    let info = ogrinfo(&network).unwrap();
    assert!(
        info.contains(&format!(
            "Feature Count: {}",
            net.nodes.len() + net.links.len()
        )),
        "{info}"
    );
    assert!(info.contains("wait_hours: Real"), "{info}");
}

/// The TOML text without its `[[node]]` and `[[link]]` records (and their sub-tables).
fn without_nodes_and_links(text: &str) -> String {
    let mut out = String::new();
    let mut dropping = false;
    for line in text.lines() {
        let head = line.split('#').next().unwrap_or("").trim();
        if head.starts_with('[') && head.ends_with(']') {
            let name = head.trim_matches(|c| c == '[' || c == ']');
            let top = name.split('.').next().unwrap_or("");
            dropping = top == "node" || top == "link";
        }
        if !dropping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn toml_to_geojson_and_back_gives_the_same_network_and_answers() {
    use corridor::load::{self, SourceFile};
    use corridor::routing::{Constraints, Objective, Outcome, Router};
    let net = load::embedded().unwrap();
    let mut files: Vec<SourceFile> = load::embedded_files()
        .into_iter()
        .map(|f| SourceFile {
            text: without_nodes_and_links(&f.text),
            name: f.name,
        })
        .collect();
    files.push(SourceFile {
        name: "network.geojson".into(),
        text: corridor::output::geojson::network(&net),
    });
    let back = load::parse(&files).unwrap();
    assert_eq!(back.nodes.len(), net.nodes.len());
    assert_eq!(back.links.len(), net.links.len());
    // Records from GeoJSON are located by feature (nodes come first, then links), not by a line
    // of the TOML they were converted to.
    let exported: Value = serde_json::from_str(&files.last().unwrap().text).unwrap();
    let features = exported["features"].as_array().unwrap();
    for (what, id, origin) in back
        .nodes
        .iter()
        .map(|n| ("node", &n.id, &n.origin))
        .chain(back.links.iter().map(|l| ("link", &l.id, &l.origin)))
    {
        let i = features
            .iter()
            .position(|f| {
                f["properties"]["feature"] == what && f["properties"]["id"] == id.as_str()
            })
            .unwrap();
        assert_eq!(origin.to_string(), format!("network.geojson features[{i}]"));
    }
    for (a, b) in net.nodes.iter().zip(&back.nodes) {
        let mut b = b.clone();
        b.origin = a.origin.clone();
        assert_eq!(*a, b, "node {}", a.id);
    }
    for (a, b) in net.links.iter().zip(&back.links) {
        let mut b = b.clone();
        b.origin = a.origin.clone();
        assert_eq!(*a, b, "link {}", a.id);
    }
    let (r1, r2) = (Router::new(&net).unwrap(), Router::new(&back).unwrap());
    let c = Constraints::defaults(&net);
    let ids: Vec<usize> = required::REQUIRED
        .iter()
        .map(|id| net.find(id).unwrap())
        .collect();
    let mut compared = 0;
    for &a in &ids {
        for &b in &ids {
            if a == b {
                continue;
            }
            for o in [Objective::Time, Objective::Cost, Objective::Co2] {
                match (
                    r1.route(a, b, o, &c).unwrap(),
                    r2.route(a, b, o, &c).unwrap(),
                ) {
                    (Outcome::Found(x), Outcome::Found(y)) => {
                        assert_eq!(x.nodes, y.nodes);
                        assert_eq!(x.total, y.total);
                        compared += 1;
                    }
                    (Outcome::NoRoute(_), Outcome::NoRoute(_)) => {}
                    _ => panic!("{a} → {b} {o}: found in one network only"),
                }
            }
        }
    }
    assert!(compared > 2000, "{compared}");
}

#[test]
fn a_bad_geojson_feature_is_named_by_index_and_property() {
    use corridor::load::{self, SourceFile};
    let net = load::embedded().unwrap();
    let mut v: Value = serde_json::from_str(&corridor::output::geojson::network(&net)).unwrap();
    let i = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["properties"]["id"] == "aktau-alat")
        .unwrap();
    v["features"][i]["properties"]["wait_hours"] = serde_json::json!(-5.0);
    v["features"][3]["properties"]["kidn"] = serde_json::json!("city");
    let mut files: Vec<SourceFile> = load::embedded_files()
        .into_iter()
        .map(|f| SourceFile {
            text: without_nodes_and_links(&f.text),
            name: f.name,
        })
        .collect();
    files.push(SourceFile {
        name: "bad.geojson".into(),
        text: serde_json::to_string(&v).unwrap(),
    });
    let err = load::parse(&files).unwrap_err().to_string();
    assert!(
        err.contains(&format!("bad.geojson: features[{i}].properties.wait_hours")),
        "{err}"
    );
    assert!(err.contains("bad.geojson: features[3]"), "{err}");
    assert!(err.contains("kidn"), "{err}");
    files.last_mut().unwrap().text = "{\"type\": \"Feature\"}".into();
    assert!(load::parse(&files)
        .unwrap_err()
        .to_string()
        .contains("FeatureCollection"));
}
