//! Export → load with nothing else: one file, or a folder of layers, gives back the same network
//! (every table, value and source) and the same answers; a scenario's export samples what the
//! scenario's network samples; every record is located in the export.

use corridor::routing::{Constraints, Objective, Outcome, Router};
use serde_json::Value;

use super::{export, features, read_json, without_origins};
use crate::support::cmd::Cmd;
use crate::support::required;

#[test]
fn an_export_loads_alone_as_the_same_network_and_locates_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let file = export(dir.path(), "net.geojson", &[]);
    let folder = export(dir.path(), "layers", &["--layers"]);
    let net = corridor::load::embedded().unwrap();
    let want = without_origins(net.clone());
    for path in [&file, &folder] {
        let back = corridor::load::load(path).unwrap();
        // Table by table first, for a readable failure; then the whole network.
        let b = without_origins(back.clone());
        assert_eq!(b.sources, want.sources, "{}", path.display());
        assert_eq!(b.emissions, want.emissions);
        assert_eq!(b.study, want.study);
        assert_eq!(b.services, want.services);
        assert_eq!(b.families, want.families);
        assert_eq!(b.variability, want.variability);
        assert_eq!(b.capacity, want.capacity);
        assert_eq!(b.provenance, want.provenance, "every source carried");
        assert_eq!(b, want, "{}", path.display());
        let origin = back.families[1].origin.to_string();
        if path == &file {
            assert!(
                origin.ends_with("net.geojson corridor.family[1]"),
                "{origin}"
            );
        } else {
            assert!(origin.contains("network.toml:"), "{origin}");
        }
    }
    // In the one file, records are located by feature (nodes first, then links) and by table.
    let back = corridor::load::load(&file).unwrap();
    let exported = read_json(&file);
    let fs = features(&exported);
    for (what, id, origin) in back
        .nodes
        .iter()
        .map(|n| ("node", &n.id, &n.origin))
        .chain(back.links.iter().map(|l| ("link", &l.id, &l.origin)))
    {
        let i = fs
            .iter()
            .position(|f| {
                f["properties"]["feature"] == what && f["properties"]["id"] == id.as_str()
            })
            .unwrap();
        assert!(
            origin
                .to_string()
                .ends_with(&format!("net.geojson features[{i}]")),
            "{origin}"
        );
    }
    for (i, v) in back.variability.iter().enumerate() {
        assert!(v
            .origin
            .to_string()
            .ends_with(&format!("net.geojson corridor.variability[{i}]")));
    }
}

#[test]
fn every_required_pair_by_every_objective_routes_the_same_on_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let net = corridor::load::embedded().unwrap();
    let back = corridor::load::load(&export(dir.path(), "net.geojson", &[])).unwrap();
    let (r1, r2) = (Router::new(&net).unwrap(), Router::new(&back).unwrap());
    let c = Constraints::defaults(&net);
    let ids: Vec<usize> = required::REQUIRED
        .iter()
        .map(|id| net.find(id).unwrap())
        .collect();
    let mut compared = 0;
    for &a in &ids {
        for &b in ids.iter().filter(|&&b| b != a) {
            for o in Objective::ALL {
                match (
                    r1.route(a, b, o, &c).unwrap(),
                    r2.route(a, b, o, &c).unwrap(),
                ) {
                    (Outcome::Found(x), Outcome::Found(y)) => {
                        assert_eq!(x.steps, y.steps, "{a} → {b} {o}");
                        assert_eq!(x.total, y.total);
                        compared += 1;
                    }
                    (Outcome::NoRoute(_), Outcome::NoRoute(_)) => {}
                    _ => panic!("{a} → {b} {o}: found in one network only"),
                }
            }
        }
    }
    assert!(compared > 4000, "{compared}");
    // The command line too: the same table from the export as from the shipped network.
    let path = dir.path().join("net.geojson");
    let shipped = Cmd::route().args(["--by", "all"]).run().stdout;
    let exported = Cmd::route()
        .network(&path)
        .args(["--by", "all"])
        .run()
        .stdout;
    assert_eq!(shipped, exported);
}

/// The P50 and P90 days of each route of a reliability run, by label.
fn percentiles(v: &Value) -> Vec<(String, f64, f64)> {
    v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["p50_days"].as_f64().unwrap(),
                r["p90_days"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// A scenario that changes the hours of components with a distribution (the China–Kazakhstan
/// dwell, by a factor; the Caspian waits, set to new values) is exported with the hours each
/// distribution describes, so the export samples exactly what the scenario's network samples.
#[test]
fn a_scenario_export_samples_what_the_scenario_network_samples() {
    let dir = tempfile::tempdir().unwrap();
    for scenario in ["border-congestion", "caspian-congestion"] {
        let path = export(
            dir.path(),
            &format!("{scenario}.geojson"),
            &["--scenario", scenario],
        );
        let run = |cmd: Cmd| cmd.args(["--samples", "4000", "--format", "json"]).json();
        let direct = run(Cmd::new().args(["reliability", "--scenario", scenario]));
        let loaded = run(Cmd::new().network(&path).arg("reliability"));
        let (a, b) = (percentiles(&direct), percentiles(&loaded));
        assert!(a.len() >= 4, "{a:?}");
        assert_eq!(a, b, "{scenario}");
        // The scenario's network itself, but for the name the export does not carry.
        let base = corridor::load::embedded().unwrap();
        let (_, mut want) = corridor::scenario::resolve_onto(&base, scenario).unwrap();
        want.scenario = None;
        let back = corridor::load::load(&path).unwrap();
        assert_eq!(
            without_origins(back).variability,
            without_origins(want).variability
        );
    }
}

#[test]
fn a_scenario_closure_is_exported_but_refused_on_loading() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(
        dir.path(),
        "closed.geojson",
        &["--scenario", "northern-closed"],
    );
    Cmd::new()
        .network(&path)
        .arg("nodes")
        .status(2)
        .stderr_has("properties.closed: a closure is a scenario's result")
        .run();
}
