//! GeoJSON out and back in: route layers (one geometry type each, place names), the network's
//! exports (one self-contained file, a folder of layers, a flat view), the round trip export →
//! load → the same network and answers, edits by JSON and by GDAL, and GDAL converting every
//! layer to GeoPackage and Shapefile without a warning.

mod edit;
mod gdal;
mod layers;
mod roundtrip;
mod routes;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::cmd::Cmd;

/// A feature's positions, (lon, lat) each.
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

/// A collection's features.
fn features(v: &Value) -> &Vec<Value> {
    v["features"].as_array().expect("a features array")
}

/// A file read as JSON.
fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `corridor export ARGS… -o OUT` in `dir`: the path written.
fn export(dir: &Path, out: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(out);
    Cmd::new()
        .arg("export")
        .args(args)
        .arg("-o")
        .arg(&path)
        .run();
    path
}

/// The network with every record's origin cleared: a network loaded from other files is equal
/// to it when its contents are.
fn without_origins(mut net: corridor::Network) -> corridor::Network {
    let blank = corridor::network::Origin::default;
    net.nodes.iter_mut().for_each(|x| x.origin = blank());
    net.links.iter_mut().for_each(|x| x.origin = blank());
    net.services.iter_mut().for_each(|x| x.origin = blank());
    net.families.iter_mut().for_each(|x| x.origin = blank());
    net.variability.iter_mut().for_each(|x| x.origin = blank());
    net.capacity.iter_mut().for_each(|x| x.origin = blank());
    net
}

#[test]
fn geojson_is_refused_where_there_are_no_routes_to_draw() {
    for format in ["geojson", "geojson-steps"] {
        Cmd::new()
            .args(["compare", "--format", format])
            .status(2)
            .stderr_has("--format geojson gives routes")
            .run();
    }
}
