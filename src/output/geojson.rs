//! GeoJSON out (RFC 7946: WGS84 longitude/latitude, one FeatureCollection): routes with their
//! steps, and the whole network with every attribute and its sources, for QGIS, geojson.io or
//! a web map. Coordinates follow each link's geometry (its waypoints) in the direction
//! travelled and are rounded to 6 decimals (about 0.1 m); keys are sorted, so the same input
//! gives the same bytes.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::network::{Dir, Link, Network, Running};
use crate::routing::{Route, StepKind};
use crate::text::round3;

fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn position(p: (f64, f64)) -> Value {
    json!([round6(p.0), round6(p.1)])
}

fn feature(geometry: Value, properties: Map<String, Value>) -> Value {
    json!({"type": "Feature", "geometry": geometry, "properties": properties})
}

fn collection(features: Vec<Value>) -> String {
    let mut s = serde_json::to_string_pretty(&json!({
        "type": "FeatureCollection",
        "features": features,
    }))
    .expect("GeoJSON serialises");
    s.push('\n');
    s
}

/// Routes as a FeatureCollection: for each route one LineString feature (`"feature": "route"`,
/// its totals, countries and corridors), then one feature per step (`"feature": "step"`: a
/// LineString along the link for a haul, a Point at the place for a wait, border or transfer)
/// with its kind, mode, km, hours, USD, kg CO2e and link id.
pub fn routes(net: &Network, routes: &[Route]) -> String {
    let links: HashMap<&str, &Link> = net.links.iter().map(|l| (l.id.as_str(), l)).collect();
    let place = |id: &str| {
        net.node(id)
            .map(|n| (n.lon, n.lat))
            .unwrap_or((f64::NAN, f64::NAN))
    };
    let mut features = Vec::new();
    for (ri, r) in routes.iter().enumerate() {
        let mut line: Vec<(f64, f64)> = vec![place(&r.from)];
        let mut steps = Vec::new();
        for (si, s) in r.steps.iter().enumerate() {
            let geometry = match (s.kind, s.link.as_deref().and_then(|id| links.get(id))) {
                (StepKind::Haul, Some(l)) => {
                    let mut pts = net.link_points(l);
                    if s.dir == Some(Dir::Reverse) {
                        pts.reverse();
                    }
                    line.extend(pts.iter().skip(1).copied());
                    json!({"type": "LineString", "coordinates": pts.into_iter().map(position).collect::<Vec<_>>()})
                }
                _ => json!({"type": "Point", "coordinates": position(place(&s.from))}),
            };
            let mut p = Map::new();
            p.insert("feature".into(), json!("step"));
            p.insert("route".into(), json!(ri + 1));
            p.insert("seq".into(), json!(si + 1));
            p.insert("kind".into(), json!(s.kind.as_str()));
            p.insert("mode".into(), json!(s.mode.as_str()));
            p.insert("from".into(), json!(s.from.as_str()));
            p.insert("to".into(), json!(s.to.as_str()));
            p.insert("km".into(), json!(round3(s.metrics.km)));
            p.insert("hours".into(), json!(round3(s.metrics.hours)));
            p.insert("usd".into(), json!(round3(s.metrics.usd)));
            p.insert("co2_kg".into(), json!(round3(s.metrics.co2_kg)));
            p.insert("detail".into(), json!(s.detail.as_str()));
            if let Some(l) = &s.link {
                p.insert("link".into(), json!(l.as_str()));
            }
            if let Some(v) = &s.service {
                p.insert("service".into(), json!(v.as_str()));
            }
            if let Some(t) = s.transfer {
                p.insert("transfer".into(), json!(t.as_str()));
            }
            steps.push(feature(geometry, p));
        }
        let mut p = Map::new();
        p.insert("feature".into(), json!("route"));
        p.insert("route".into(), json!(ri + 1));
        p.insert("from".into(), json!(r.from));
        p.insert("to".into(), json!(r.to));
        p.insert("objective".into(), json!(r.objective.to_string()));
        p.insert("year".into(), json!(r.year));
        p.insert("scenario".into(), json!(r.scenario));
        p.insert("km".into(), json!(round3(r.total.km)));
        p.insert("hours".into(), json!(round3(r.total.hours)));
        p.insert("days".into(), json!(round3(r.total.days())));
        p.insert("usd".into(), json!(round3(r.total.usd)));
        p.insert("co2_kg".into(), json!(round3(r.total.co2_kg)));
        p.insert("countries".into(), json!(r.countries));
        p.insert("corridors".into(), json!(r.corridors));
        if let Some(f) = &r.family {
            p.insert("family".into(), json!(f));
        }
        if let Some(a) = r.alternative {
            p.insert("alternative".into(), json!(a));
        }
        features.push(feature(
            json!({"type": "LineString", "coordinates": line.into_iter().map(position).collect::<Vec<_>>()}),
            p,
        ));
        features.extend(steps);
    }
    collection(features)
}

/// The whole network as a FeatureCollection: nodes as Points, then links as LineStrings along
/// their geometry, with the properties of the network format (`networks/README.md`) and their
/// sources, so that the file loads back (`--network FILE.geojson`, or in a folder with the TOML
/// files that hold `[network]`, services, families and variability) as the same nodes and links.
/// Two extra properties say what a feature is (`feature`: `node` or `link`) and whether a
/// length was computed (`km_estimated`: such a `km` is recomputed on loading, not read).
pub fn network(net: &Network) -> String {
    let mut features = Vec::new();
    for n in &net.nodes {
        let transfers: Vec<Value> = n
            .transfers
            .iter()
            .map(|t| json!({"kind": t.kind.as_str(), "hours": t.hours, "usd": t.usd, "source": t.sources}))
            .collect();
        let mut p = Map::new();
        p.insert("feature".into(), json!("node"));
        p.insert("id".into(), json!(n.id));
        p.insert("name".into(), json!(n.name));
        p.insert("kind".into(), json!(n.kind.as_str()));
        p.insert("country".into(), json!(n.country));
        p.insert("corridors".into(), json!(n.corridors));
        p.insert("transfer".into(), Value::Array(transfers));
        if n.closed {
            p.insert("closed".into(), json!(true));
        }
        p.insert("source".into(), json!(n.sources));
        features.push(feature(
            json!({"type": "Point", "coordinates": [n.lon, n.lat]}),
            p,
        ));
    }
    for l in &net.links {
        let mut p = Map::new();
        p.insert("feature".into(), json!("link"));
        p.insert("id".into(), json!(l.id));
        p.insert("from".into(), json!(net.nodes[l.from].id));
        p.insert("to".into(), json!(net.nodes[l.to].id));
        p.insert("mode".into(), json!(l.mode.as_str()));
        if let Some(g) = l.gauge {
            p.insert("gauge".into(), json!(g.mm()));
        }
        p.insert("km".into(), json!(l.km));
        p.insert("km_estimated".into(), json!(l.km_estimated));
        if let Some(c) = l.circuity {
            p.insert("circuity".into(), json!(c));
        }
        match l.running {
            Running::SpeedKmh(v) => p.insert("speed_kmh".into(), json!(v)),
            Running::Hours(h) => p.insert("hours".into(), json!(h)),
        };
        // A field is written where the data gave it (it has a source, or a value other than
        // the default 0), so the file loads back with the same sources; a tariff inherited from
        // a sea service stays the service's.
        let given = |k: &str, v: f64| l.sources.contains_key(k) || v != 0.0;
        if l.sources.contains_key("usd_per_km") {
            p.insert("usd_per_km".into(), json!(l.usd_per_km));
        }
        if given("usd_fixed", l.usd_fixed) {
            p.insert("usd_fixed".into(), json!(l.usd_fixed));
        }
        for (k, v) in [("wait_hours", l.wait_hours), ("call_hours", l.call_hours)] {
            if given(k, v[0]) || v[1] != 0.0 {
                p.insert(k.into(), json!(v[0]));
                if v[1] != v[0] {
                    p.insert(format!("{k}_reverse"), json!(v[1]));
                }
            }
        }
        if !l.services.is_empty() {
            p.insert("services".into(), json!(l.services));
        }
        let mut own = l.sources.clone();
        let border_sources: Map<String, Value> = l
            .sources
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("border.").map(|k| (k.to_string(), json!(v))))
            .collect();
        own.retain(|k, _| !k.starts_with("border."));
        if let Some(b) = &l.border {
            p.insert(
                "border".into(),
                json!({"hours": b.hours[0], "hours_reverse": b.hours[1], "usd": b.usd[0], "usd_reverse": b.usd[1], "source": border_sources}),
            );
        }
        if let Some(t) = l.traction {
            p.insert("traction".into(), json!(t.as_str()));
        }
        if let Some(v) = &l.vessel {
            p.insert("vessel".into(), json!(v));
        }
        p.insert("status".into(), json!(l.status.as_str()));
        if let Some(y) = l.available_from {
            p.insert("available_from".into(), json!(y));
        }
        p.insert("oneway".into(), json!(l.oneway));
        p.insert("corridors".into(), json!(l.corridors));
        p.insert("transit_countries".into(), json!(l.transit_countries));
        if l.closed {
            p.insert("closed".into(), json!(true));
        }
        p.insert("source".into(), json!(own));
        let pts: Vec<Value> = net
            .link_points(l)
            .into_iter()
            .map(|(x, y)| json!([x, y]))
            .collect();
        features.push(feature(
            json!({"type": "LineString", "coordinates": pts}),
            p,
        ));
    }
    collection(features)
}
