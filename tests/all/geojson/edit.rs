//! An export edited as a GIS desk edits it — one link's length changed, by a JSON edit or by GDAL
//! rewriting the file in place as QGIS does — loads with nothing else, and the route's km, hours,
//! USD and CO2 change by exactly that link's contribution, computed from the link's own rates.

use std::path::Path;

use corridor::routing::{Constraints, Objective, Outcome, Route, Router, StepKind};
use serde_json::{json, Value};

use super::gdal::gdal;
use super::{export, features, read_json, without_origins};

/// A link of the fastest Xi'an → Duisburg route: diesel rail, a measured length, a speed and a
/// tariff per km, so its hours, dollars and CO2 follow its km.
const LINK: &str = "dostyk-aktogay";

/// The edit: the link made about this much shorter (so the route stays the fastest), to a whole
/// number of km (which every JSON writer, GDAL's too, writes back as the same number).
const SHORTER_BY: f64 = 50.0;

/// The link's km in an export, and the whole km the edit gives it.
fn edit_km(export: &Value) -> (f64, f64) {
    let km = link(export)["properties"]["km"].as_f64().unwrap();
    (km, (km - SHORTER_BY).round())
}

/// The fastest Xi'an → Duisburg route on the network at `path`.
fn fastest(path: &Path) -> Route {
    let net = corridor::load::load(path).unwrap();
    let r = Router::new(&net).unwrap();
    let (a, b) = (net.find("xian").unwrap(), net.find("duisburg").unwrap());
    match r
        .route(a, b, Objective::Time, &Constraints::defaults(&net))
        .unwrap()
    {
        Outcome::Found(x) => x,
        Outcome::NoRoute(why) => panic!("{why}"),
    }
}

/// The link's feature in an exported collection.
fn link(v: &Value) -> &Value {
    features(v)
        .iter()
        .find(|f| f["properties"]["id"] == LINK)
        .expect("the edited link")
}

/// What shortening the link by `d` km takes off (km, hours, USD, kg CO2e), from its exported
/// properties and the exported emission factors.
fn expected(export: &Value, d: f64) -> [f64; 4] {
    let p = &link(export)["properties"];
    assert_eq!(p["traction"], "diesel");
    let e = &export["corridor"]["network"]["emissions"];
    let g = e["rail_diesel_g_per_tkm"].as_f64().unwrap();
    let payload = e["payload_t"].as_f64().unwrap();
    [
        d,
        d / p["speed_kmh"].as_f64().unwrap(),
        d * p["usd_per_km"].as_f64().unwrap(),
        d * g * payload / 1000.0,
    ]
}

/// The route after the edit is the route before it, every step the same but the edited link's
/// haul, and the totals less `by`.
fn assert_less_by(before: &Route, after: &Route, by: [f64; 4]) {
    assert_eq!(before.nodes, after.nodes, "the same route");
    let m = |r: &Route| [r.total.km, r.total.hours, r.total.usd, r.total.co2_kg];
    let (a, b) = (m(before), m(after));
    for i in 0..4 {
        let got = a[i] - b[i];
        assert!(
            (got - by[i]).abs() < 1e-9 * a[i].max(1.0),
            "total {i}: less by {got}, expected {}",
            by[i]
        );
    }
    for (x, y) in before.steps.iter().zip(&after.steps) {
        if x.kind == StepKind::Haul && x.link.as_deref() == Some(LINK) {
            assert!((x.metrics.km - y.metrics.km - by[0]).abs() < 1e-9);
        } else {
            assert_eq!(x, y, "only the edited link's haul changes");
        }
    }
}

#[test]
fn a_link_edited_in_the_json_changes_the_answer_by_that_link_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), "net.geojson", &[]);
    let mut v = read_json(&path);
    let (km, new) = edit_km(&v);
    let i = features(&v)
        .iter()
        .position(|f| f["properties"]["id"] == LINK)
        .unwrap();
    v["features"][i]["properties"]["km"] = json!(new);
    let edited = dir.path().join("edited.geojson");
    std::fs::write(&edited, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (before, after) = (fastest(&path), fastest(&edited));
    assert!(before.steps.iter().any(|s| s.link.as_deref() == Some(LINK)));
    assert_less_by(&before, &after, expected(&v, km - new));
}

/// GDAL (what QGIS saves with) rewrites the file in place: it keeps the `corridor` member and
/// writes `null` for the fields the edited feature has no value in. The file loads as the same
/// network as the JSON edit gives, in one file and in a folder of layers.
#[test]
fn a_link_edited_by_gdal_keeps_the_tables_and_loads_as_the_json_edit() {
    let dir = tempfile::tempdir().unwrap();
    let file = export(dir.path(), "net.geojson", &[]);
    let folder = export(dir.path(), "layers", &["--layers"]);
    let v = read_json(&file);
    let (old, km) = edit_km(&v);
    let sql = |layer: &str| format!("UPDATE {layer} SET km = {km} WHERE id = '{LINK}'");
    let edited = dir.path().join("edited.geojson");
    std::fs::copy(&file, &edited).unwrap();
    if gdal(
        "ogrinfo",
        &["-q", "-dialect", "SQLite", "-sql", &sql("edited")],
        &edited,
    )
    .is_none()
    {
        return;
    }
    let layer = folder.join("links.geojson");
    gdal(
        "ogrinfo",
        &["-q", "-dialect", "SQLite", "-sql", &sql("links")],
        &layer,
    )
    .unwrap();
    let after = read_json(&edited);
    assert_eq!(after["corridor"], v["corridor"], "GDAL keeps the member");
    assert_eq!(features(&after).len(), features(&v).len());
    let nulls = link(&after)["properties"]
        .as_object()
        .unwrap()
        .values()
        .filter(|x| x.is_null())
        .count();
    assert!(nulls > 0, "GDAL wrote nulls for the link's empty fields");

    // The same network as the JSON edit of the file.
    let mut by_json = v.clone();
    let i = features(&v)
        .iter()
        .position(|f| f["properties"]["id"] == LINK)
        .unwrap();
    by_json["features"][i]["properties"]["km"] = json!(km);
    let json_edited = dir.path().join("json-edited.geojson");
    std::fs::write(&json_edited, serde_json::to_string(&by_json).unwrap()).unwrap();
    let want = without_origins(corridor::load::load(&json_edited).unwrap());
    for path in [&edited, &folder] {
        let got = without_origins(corridor::load::load(path).unwrap());
        assert_eq!(got, want, "{}", path.display());
    }
    assert_less_by(&fastest(&file), &fastest(&edited), expected(&v, old - km));
}
