//! GeoJSON out and back in: route layers (one geometry type each, place names), the network's
//! exports (one self-contained file, a folder of layers, a flat view), the round trip export →
//! load → the same network and answers, edits by JSON and by GDAL, and GDAL converting every
//! layer to GeoPackage and Shapefile without a warning.

mod edit;
mod gdal;
mod layers;
mod roundtrip;
mod routes;
mod stream;

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

/// Every problem of an edited export is named by its path in the file: a feature's property, a
/// table of the `corridor` member, or the member itself.
#[test]
fn a_bad_feature_or_table_of_an_export_is_named_by_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), "net.geojson", &[]);
    let mut v = read_json(&path);
    let i = features(&v)
        .iter()
        .position(|f| f["properties"]["id"] == "aktau-alat")
        .unwrap();
    v["features"][i]["properties"]["wait_hours"] = serde_json::json!(-5.0);
    v["features"][3]["properties"]["kidn"] = serde_json::json!("city");
    v["corridor"]["family"][1]["via_tagz"] = serde_json::json!(["btk"]);
    let bad = dir.path().join("bad.geojson");
    std::fs::write(&bad, serde_json::to_string(&v).unwrap()).unwrap();
    let shown = bad.display().to_string();
    Cmd::new()
        .network(&bad)
        .arg("nodes")
        .status(2)
        .stderr_has(format!("{shown}: features[{i}].properties.wait_hours"))
        .stderr_has(format!(
            "{shown}: features[3].properties: unknown field `kidn`"
        ))
        .stderr_has(format!(
            "{shown}: corridor.family[1]: unknown field `via_tagz`"
        ))
        .run();
    v["corridor"]["schema"] = serde_json::json!("corridor.network/9");
    std::fs::write(&bad, serde_json::to_string(&v).unwrap()).unwrap();
    Cmd::new()
        .network(&bad)
        .arg("nodes")
        .status(2)
        .stderr_has(format!("{shown}: corridor.schema: `corridor.network/9`"))
        .run();
}
