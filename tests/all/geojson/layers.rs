//! `corridor export`'s three shapes: one self-contained file, a folder of layers (one geometry
//! type each, the tables in a TOML file beside them), and the flat view (short names, flat
//! values, refused by the loader by name); where each is written, and the same bytes every time.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{coords, export, features, read_json};
use crate::support::cmd::Cmd;

#[test]
fn export_writes_every_node_and_link_with_its_sources_and_the_tables() {
    let net = corridor::load::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), "net.geojson", &["--scenario", "zangazur-open"]);
    let v = read_json(&path);
    let fs = features(&v);
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
    // Lists are comma-separated texts (GeoPackage has no list fields).
    assert!(p["corridors"].as_str().unwrap().contains("middle"), "{p}");
    let m = &v["corridor"];
    assert_eq!(m["schema"], "corridor.network/1");
    assert_eq!(m["network"]["data_year"], 2026);
    assert!(m["network"]["source"]["value_of_time_usd_per_hour"].is_string());
    assert_eq!(m["family"].as_array().unwrap().len(), net.families.len());
    assert_eq!(m["service"].as_array().unwrap().len(), net.services.len());
    assert_eq!(m["capacity"].as_array().unwrap().len(), net.capacity.len());
    // Same input, same bytes.
    let again = export(
        dir.path(),
        "again.geojson",
        &["--scenario", "zangazur-open"],
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn the_layers_are_one_geometry_type_each_with_the_tables_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let folder = export(dir.path(), "layers", &["--layers"]);
    let names: BTreeSet<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            ".corridor-export",
            "links.geojson",
            "network.toml",
            "nodes.geojson"
        ]
        .map(String::from)
        .into()
    );
    for (layer, kind) in [("nodes", "Point"), ("links", "LineString")] {
        let v = read_json(&folder.join(format!("{layer}.geojson")));
        assert_eq!(
            v["corridor"],
            serde_json::json!({"schema": "corridor.network/1"})
        );
        assert!(features(&v).iter().all(|f| f["geometry"]["type"] == kind));
    }
    let toml = std::fs::read_to_string(folder.join("network.toml")).unwrap();
    for table in [
        "[network]",
        "[network.emissions]",
        "[[family]]",
        "[[variability]]",
    ] {
        assert!(toml.contains(table), "{table}");
    }
    // A folder path (ending in `/`, or an existing folder) writes the layers too, and the next
    // export replaces a folder an export wrote; the same bytes every time.
    let slash = format!("{}/", dir.path().join("slash").display());
    Cmd::new().args(["export", "-o", &slash]).run();
    Cmd::new().args(["export", "-o", &slash]).run();
    for f in ["links.geojson", "network.toml", "nodes.geojson"] {
        assert_eq!(
            std::fs::read(folder.join(f)).unwrap(),
            std::fs::read(dir.path().join("slash").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_folder_export_never_replaces_what_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
    Cmd::new()
        .args(["export", "--layers", "-o"])
        .arg(&theirs)
        .status(2)
        .run();
    assert_eq!(
        std::fs::read_to_string(theirs.join("notes.txt")).unwrap(),
        "mine"
    );
    Cmd::new()
        .args(["export", "--flat", "-o", "-"])
        .status(2)
        .stderr_has("not standard output")
        .run();
    let file = dir.path().join("layers.geojson");
    Cmd::new()
        .args(["export", "--layers", "-o"])
        .arg(&file)
        .status(2)
        .stderr_has("give -o a folder's name")
        .run();
    assert!(!file.exists());
}

#[test]
fn the_flat_view_is_flat_named_and_refused_by_the_loader() {
    let dir = tempfile::tempdir().unwrap();
    let flat = export(
        dir.path(),
        "flat",
        &["--flat", "--scenario", "northern-closed"],
    );
    for (layer, kind) in [("nodes", "Point"), ("links", "LineString")] {
        let v = read_json(&flat.join(format!("{layer}.geojson")));
        assert_eq!(v["corridor"]["schema"], "corridor.flat/1");
        let fs = features(&v);
        assert!(!fs.is_empty());
        for f in fs {
            assert_eq!(f["geometry"]["type"], kind);
            for (k, x) in f["properties"].as_object().unwrap() {
                assert!(k.len() <= 10, "field name `{k}` is longer than 10");
                assert!(x.is_string() || x.is_number(), "{k} = {x} is not flat");
            }
        }
    }
    let links = read_json(&flat.join("links.geojson"));
    let p = |id: &str| -> Value {
        features(&links)
            .iter()
            .find(|f| f["properties"]["id"] == id)
            .unwrap()["properties"]
            .clone()
    };
    let caspian = p("aktau-alat");
    assert_eq!(caspian["from_name"], "Aktau");
    assert_eq!(caspian["wait_h"], 70.6);
    assert!(caspian["border_h"].as_f64().unwrap() > 0.0);
    assert_eq!(caspian["scenario"], "northern-closed");
    let nodes = read_json(&flat.join("nodes.geojson"));
    let closed = |v: &Value| {
        features(v)
            .iter()
            .filter(|f| f["properties"]["closed"] == 1)
            .count()
    };
    assert!(
        closed(&nodes) + closed(&links) > 0,
        "the scenario's closures are shown"
    );
    Cmd::new()
        .network(&flat)
        .arg("nodes")
        .status(2)
        .stderr_has("corridor.schema: a flat view written by `corridor export --flat`")
        .run();
}
