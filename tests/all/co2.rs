//! CO2 per step and per route against a hand-computed fixture (see its header), to the gram.

use corridor::load;
use corridor::routing::{Constraints, Objective, Outcome, Route, Router};
use corridor::Network;

fn net() -> Network {
    load::load(std::path::Path::new("tests/fixtures/co2.toml")).unwrap()
}

fn route(net: &Network, o: Objective) -> Route {
    let r = Router::new(net).unwrap();
    match r.route(0, 3, o, &Constraints::defaults(net)).unwrap() {
        Outcome::Found(r) => r,
        Outcome::NoRoute(n) => panic!("{n}"),
    }
}

fn kg(r: &Route) -> Vec<(String, f64)> {
    r.steps
        .iter()
        .filter(|s| s.metrics.co2_kg != 0.0)
        .map(|s| (format!("{}:{}", s.kind.as_str(), s.from), s.metrics.co2_kg))
        .collect()
}

#[test]
fn co2_per_step_and_total_to_the_gram() {
    let net = net();
    let r = route(&net, Objective::Co2);
    let got = kg(&r);
    let want = [
        ("haul:a", 40.0),
        ("haul:b", 120.0),
        ("transfer:p", 10.0),
        ("haul:p", 600.0),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((k, v), (wk, wv)) in got.iter().zip(want) {
        assert_eq!(k, wk);
        assert!((v - wv).abs() < 1e-3, "{k}: {v} kg, expected {wv}");
    }
    assert!((r.total.co2_kg - 770.0).abs() < 1e-3, "{}", r.total.co2_kg);
    let sum: f64 = r.steps.iter().map(|s| s.metrics.co2_kg).sum();
    assert!((sum - r.total.co2_kg).abs() < 1e-9);
}

#[test]
fn the_payload_scales_haulage_but_not_handling() {
    let mut net = net();
    corridor::query::set_payload(&mut net, 10.0).unwrap();
    let r = route(&net, Objective::Co2);
    assert!((r.total.co2_kg - 390.0).abs() < 1e-3, "{}", r.total.co2_kg);
    assert!(corridor::query::set_payload(&mut net, 0.0).is_err());
    assert!(corridor::query::set_payload(&mut net, f64::NAN).is_err());
}

#[test]
fn a_scenario_can_change_a_network_factor_and_a_sea_link_needs_a_known_class() {
    let net = net();
    let s = corridor::scenario::Scenario::parse(&load::SourceFile {
        name: "s.toml".into(),
        text: "[scenario]\nname = \"x\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { all = true }\nfield = \"emissions.vessel.ferry\"\nfactor = 0.5\nrationale = \"x\"\n".into(),
    })
    .unwrap();
    let n2 = corridor::scenario::apply(&net, &s).unwrap();
    assert!((route(&n2, Objective::Co2).total.co2_kg - 470.0).abs() < 1e-3);
    // A factor beyond the loader's limits is refused, as a number in the data would be.
    let huge = corridor::scenario::Scenario::parse(&load::SourceFile {
        name: "s.toml".into(),
        text: "[scenario]\nname = \"x\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { all = true }\nfield = \"emissions.vessel.ferry\"\nfactor = 1e300\nrationale = \"x\"\n".into(),
    })
    .unwrap();
    let e = corridor::scenario::apply(&net, &huge)
        .unwrap_err()
        .to_string();
    assert!(e.contains("implausible emission factor"), "{e}");
    let text = std::fs::read_to_string("tests/fixtures/co2.toml")
        .unwrap()
        .replace("vessel = \"ferry\"", "vessel = \"feeder\"");
    let e = load::parse(&[load::SourceFile {
        name: "x.toml".into(),
        text,
    }])
    .unwrap_err()
    .to_string();
    assert!(e.contains("vessel class `feeder`"), "{e}");
}
