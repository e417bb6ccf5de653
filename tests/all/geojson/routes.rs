//! Route GeoJSON: routes and hauls as LineStrings in one collection (`--format geojson`), waits,
//! borders and transfers as Points in another (`--format geojson-steps`), every feature with
//! place names, and flat properties a Shapefile holds.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{coords, features};
use crate::support::cmd::Cmd;

/// The Middle Corridor route (it has waits, borders, transfers and a sea crossing) as `format`.
fn middle(format: &str) -> Value {
    Cmd::route()
        .args(["--avoid", "RU,BY", "--format", format])
        .json()
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
}

/// Every property of every feature is a number or a text under a name of at most 10 characters
/// (what a Shapefile field holds).
fn assert_flat(fs: &[Value]) {
    for f in fs {
        for (k, v) in f["properties"].as_object().unwrap() {
            assert!(k.len() <= 10, "field name `{k}` is longer than 10");
            assert!(v.is_string() || v.is_number(), "{k} = {v} is not flat");
        }
    }
}

#[test]
fn routes_and_hauls_are_lines_and_the_other_steps_points_with_place_names() {
    let net = corridor::load::embedded().unwrap();
    let at = |id: &str| {
        let n = net.node(id).unwrap();
        (n.lon, n.lat)
    };
    let name = |id: &Value| net.node(id.as_str().unwrap()).unwrap().name.clone();
    let (lines, points) = (middle("geojson"), middle("geojson-steps"));
    let steps = middle("json")["steps"].as_array().unwrap().clone();
    let (lines, points) = (features(&lines), features(&points));
    assert_flat(lines);
    assert_flat(points);

    let route = &lines[0];
    let p = &route["properties"];
    assert_eq!(p["feature"], "route");
    assert_eq!(p["from_name"], "Xi'an International Port");
    assert_eq!(p["to_name"], "Duisburg");
    assert_eq!(p["corridor"], "Middle Corridor");
    assert!(
        p["countries"].as_str().unwrap().starts_with("CN,KZ,AZ"),
        "{p}"
    );
    let line = coords(route);
    assert!(close(line[0], at("xian")) && close(*line.last().unwrap(), at("duisburg")));

    // The hauls, in order, each along its link from its start to its end.
    let hauls: Vec<&Value> = lines[1..].iter().map(|f| &f["properties"]).collect();
    let want: Vec<&Value> = steps.iter().filter(|s| s["kind"] == "haul").collect();
    assert_eq!(hauls.len(), want.len());
    let mut km = 0.0;
    for (f, (h, s)) in lines[1..].iter().zip(hauls.iter().zip(&want)) {
        assert_eq!(f["geometry"]["type"], "LineString");
        assert_eq!((&h["kind"], &h["link"]), (&s["kind"], &s["link"]));
        let c = coords(f);
        assert!(close(c[0], at(h["from"].as_str().unwrap())), "{h}");
        assert!(
            close(*c.last().unwrap(), at(h["to"].as_str().unwrap())),
            "{h}"
        );
        assert_eq!(h["from_name"].as_str().unwrap(), name(&h["from"]));
        assert_eq!(h["to_name"].as_str().unwrap(), name(&h["to"]));
        km += h["km"].as_f64().unwrap();
    }
    let total = p["km"].as_f64().unwrap();
    assert!(
        (km - total).abs() < 0.01 * hauls.len() as f64,
        "{km} vs {total}"
    );

    // The other steps, each a Point at its place: a border where the route enters.
    let others: Vec<&Value> = steps.iter().filter(|s| s["kind"] != "haul").collect();
    assert_eq!(points.len(), others.len());
    let mut kinds = BTreeSet::new();
    let mut seqs: BTreeSet<u64> = hauls.iter().map(|h| h["seq"].as_u64().unwrap()).collect();
    for (f, s) in points.iter().zip(&others) {
        let q = &f["properties"];
        assert_eq!(f["geometry"]["type"], "Point");
        assert_eq!(q["kind"], s["kind"]);
        let place = if q["kind"] == "border" {
            &q["to"]
        } else {
            &q["from"]
        };
        assert_eq!(&q["place"], place, "{q}");
        assert!(close(coords(f)[0], at(place.as_str().unwrap())), "{q}");
        assert_eq!(q["place_name"].as_str().unwrap(), name(place));
        assert_eq!(q["from_name"].as_str().unwrap(), name(&q["from"]));
        kinds.insert(q["kind"].as_str().unwrap().to_string());
        assert!(seqs.insert(q["seq"].as_u64().unwrap()), "{q}");
    }
    assert_eq!(
        kinds,
        ["border", "transfer", "wait"].map(String::from).into()
    );
    assert_eq!(seqs, (1..=steps.len() as u64).collect(), "every step once");
}

#[test]
fn per_corridor_and_pareto_routes_come_out_as_geojson() {
    let v = Cmd::route()
        .args(["--per-corridor", "--format", "geojson"])
        .json();
    let families: Vec<&str> = features(&v)
        .iter()
        .filter(|f| f["properties"]["feature"] == "route")
        .filter_map(|f| f["properties"]["family"].as_str())
        .collect();
    assert!(
        families.contains(&"middle-turkiye") && families.contains(&"sea-suez"),
        "{families:?}"
    );
    for format in ["geojson", "geojson-steps"] {
        let p = Cmd::new().args(["pareto", "--format", format]).json();
        let fs = features(&p);
        assert!(fs.len() > 2);
        let kind = if format == "geojson" {
            "LineString"
        } else {
            "Point"
        };
        assert!(fs.iter().all(|f| f["geometry"]["type"] == kind), "{format}");
    }
}
