//! The network as GeoJSON that loads back: nodes as Points and links as LineStrings with the
//! properties of the network format (`networks/README.md`) and their sources, and the
//! network-level tables beside them — in the collection's `corridor` member ([`network`], one
//! file) or in a `network.toml` beside one layer per geometry type ([`layers`]).
//!
//! A property is written where the data gave it (it has a source, or a value other than its
//! default), so that the file loads back with the same values and sources: a length computed from
//! the geometry or the circuity is left out (and computed again on loading, from the geometry as
//! it is then), a tariff inherited from a sea service stays the service's. Lists (`corridors`,
//! `transit_countries`, `services`) are comma-separated texts, which GeoPackage keeps as they
//! are; tables (`source`, `border`, `transfer`) are JSON objects, which GDAL reads as JSON text.

use serde_json::{json, Map, Value};

use super::tables::{network_toml, tables};
use super::{collection, comma_list, feature, line_string, NETWORK_SCHEMA};
use crate::error::Result;
use crate::network::{Link, Network, Node, Running};

/// The whole network as one FeatureCollection that `--network FILE.geojson` loads alone: nodes as
/// Points, then links as LineStrings, and the network-level tables (`[network]` with its
/// emissions and study, services, families, variability and capacity records) in the collection's
/// `corridor` member, `{"schema": "corridor.network/1", "network": {…}, "service": […], …}`,
/// named and shaped as the TOML format's tables. A scenario's closures are written as `closed`
/// (which the loader refuses: a closure is a scenario's result, not data).
pub fn network(net: &Network) -> String {
    let mut features: Vec<Value> = net.nodes.iter().map(node_feature).collect();
    features.extend(net.links.iter().map(|l| link_feature(net, l)));
    collection(features, Some(tables(net)))
}

/// The network as a folder's files, one geometry type per layer, which `--network DIR` loads:
/// `network.toml` (the network-level tables, as [`network_toml`] writes them), `nodes.geojson`
/// (Points) and `links.geojson` (LineStrings), each collection's `corridor` member holding only
/// the format's `schema`. In the order of their names.
pub fn layers(net: &Network) -> Result<Vec<(&'static str, String)>> {
    let schema = || Some(json!({"schema": NETWORK_SCHEMA}));
    let links = net.links.iter().map(|l| link_feature(net, l)).collect();
    let nodes = net.nodes.iter().map(node_feature).collect();
    Ok(vec![
        ("links.geojson", collection(links, schema())),
        ("network.toml", network_toml(net)?),
        ("nodes.geojson", collection(nodes, schema())),
    ])
}

fn node_feature(n: &Node) -> Value {
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
    p.insert("corridors".into(), comma_list(&n.corridors));
    p.insert("transfer".into(), Value::Array(transfers));
    if n.closed {
        p.insert("closed".into(), json!(true));
    }
    p.insert("source".into(), json!(n.sources));
    feature(json!({"type": "Point", "coordinates": [n.lon, n.lat]}), p)
}

fn link_feature(net: &Network, l: &Link) -> Value {
    let mut p = Map::new();
    p.insert("feature".into(), json!("link"));
    p.insert("id".into(), json!(l.id));
    p.insert("from".into(), json!(net.nodes[l.from].id));
    p.insert("to".into(), json!(net.nodes[l.to].id));
    p.insert("mode".into(), json!(l.mode.as_str()));
    if let Some(g) = l.gauge {
        p.insert("gauge".into(), json!(g.mm()));
    }
    if !l.km_estimated {
        p.insert("km".into(), json!(l.km));
    }
    if let Some(c) = l.circuity {
        p.insert("circuity".into(), json!(c));
    }
    match l.running {
        Running::SpeedKmh(v) => p.insert("speed_kmh".into(), json!(v)),
        Running::Hours(h) => p.insert("hours".into(), json!(h)),
    };
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
        p.insert("services".into(), comma_list(&l.services));
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
    p.insert("corridors".into(), comma_list(&l.corridors));
    p.insert("transit_countries".into(), comma_list(&l.transit_countries));
    if l.closed {
        p.insert("closed".into(), json!(true));
    }
    p.insert("source".into(), json!(own));
    let pts = net
        .link_points(l)
        .into_iter()
        .map(|(x, y)| json!([x, y]))
        .collect();
    feature(line_string(pts), p)
}
