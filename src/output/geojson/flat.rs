//! A flat view of the network for display and for formats with short, flat attributes (the
//! Shapefile's ten-character field names, no lists, no tables): one layer of Points and one of
//! LineStrings whose properties are numbers and texts under names of at most ten characters, with
//! place names beside the ids, each link's own hours, dollars and CO2, and a scenario's closures.
//! It leaves the sources out and shortens names, so it is a view, not data: its collections'
//! `corridor` member says `corridor.flat/1`, which the loader refuses by name.
//!
//! Nodes: `id`, `name`, `kind`, `country`, `corridors` (comma-separated), `transfers` (each
//! facility with its hours and USD, in words), `closed` (0/1), `scenario`. Links: `id`, `from`,
//! `to`, `from_name`, `to_name`, `mode`, `gauge`, `km`, `km_est` (1 when computed, 0 when
//! measured), `hours` (running), `speed_kmh` (when given), `usd_per_km`, `usd_fixed`, `usd` (the
//! haul's charge), `co2_kg` (a haul's kg CO2e per FEU at the network's payload), `wait_h`,
//! `wait_h_rev`, `call_h`, `call_h_rev`, `border_h`, `border_hr`, `border_usd`, `border_ur` (a
//! border's dwell and fees, forward and reverse), `status`, `avail_from`, `oneway` (0/1),
//! `corridors`, `transit`, `services` (comma-separated), `traction`, `vessel`, `closed` (0/1),
//! `scenario`.

use serde_json::{json, Map, Value};

use super::{collection, comma_list, feature, fit_dbf, line_string, position, FLAT_SCHEMA};
use crate::network::{Link, Network, Node, Running};
use crate::text::round3;

/// The flat view's two layers, `nodes.geojson` (Points) and `links.geojson` (LineStrings), in the
/// order of their names.
pub fn flat(net: &Network) -> Vec<(&'static str, String)> {
    let scenario = net.scenario.as_deref().unwrap_or("baseline");
    let member = || {
        Some(json!({
            "schema": FLAT_SCHEMA,
            "note": "a flat view for display and Shapefile, written by `corridor export --flat`: it cannot be loaded; `corridor export` or `export --layers` writes a network that can"
        }))
    };
    let nodes = net.nodes.iter().map(|n| flat_node(n, scenario)).collect();
    let links = net
        .links
        .iter()
        .map(|l| flat_link(net, l, scenario))
        .collect();
    vec![
        ("links.geojson", collection(links, member())),
        ("nodes.geojson", collection(nodes, member())),
    ]
}

fn flag(b: bool) -> Value {
    json!(u8::from(b))
}

fn flat_node(n: &Node, scenario: &str) -> Value {
    let transfers: Vec<String> = n
        .transfers
        .iter()
        .map(|t| {
            format!(
                "{} {} h USD {}",
                t.kind.as_str(),
                crate::error::number(t.hours),
                crate::error::number(t.usd)
            )
        })
        .collect();
    let mut p = Map::new();
    p.insert("id".into(), json!(n.id));
    p.insert("name".into(), json!(n.name));
    p.insert("kind".into(), json!(n.kind.as_str()));
    p.insert("country".into(), json!(n.country));
    p.insert("corridors".into(), comma_list(&n.corridors));
    p.insert("transfers".into(), json!(transfers.join("; ")));
    p.insert("closed".into(), flag(n.closed));
    p.insert("scenario".into(), json!(scenario));
    feature(
        json!({"type": "Point", "coordinates": position((n.lon, n.lat))}),
        fit_dbf(p),
    )
}

fn flat_link(net: &Network, l: &Link, scenario: &str) -> Value {
    let (a, b) = (&net.nodes[l.from], &net.nodes[l.to]);
    let mut p = Map::new();
    let mut num = |k: &str, v: f64| {
        p.insert(k.into(), json!(round3(v)));
    };
    num("km", l.km);
    num("hours", l.haul_hours());
    if let Running::SpeedKmh(v) = l.running {
        num("speed_kmh", v);
    }
    num("usd_per_km", l.usd_per_km);
    num("usd_fixed", l.usd_fixed);
    num("usd", l.haul_usd());
    if let Some(e) = &net.emissions {
        num("co2_kg", e.haul_kg(net, l));
    }
    num("wait_h", l.wait_hours[0]);
    num("wait_h_rev", l.wait_hours[1]);
    num("call_h", l.call_hours[0]);
    num("call_h_rev", l.call_hours[1]);
    if let Some(bd) = &l.border {
        num("border_h", bd.hours[0]);
        num("border_hr", bd.hours[1]);
        num("border_usd", bd.usd[0]);
        num("border_ur", bd.usd[1]);
    }
    p.insert("id".into(), json!(l.id));
    p.insert("from".into(), json!(a.id));
    p.insert("to".into(), json!(b.id));
    p.insert("from_name".into(), json!(a.name));
    p.insert("to_name".into(), json!(b.name));
    p.insert("mode".into(), json!(l.mode.as_str()));
    if let Some(g) = l.gauge {
        p.insert("gauge".into(), json!(g.mm()));
    }
    p.insert("km_est".into(), flag(l.km_estimated));
    p.insert("status".into(), json!(l.status.as_str()));
    if let Some(y) = l.available_from {
        p.insert("avail_from".into(), json!(y));
    }
    p.insert("oneway".into(), flag(l.oneway));
    p.insert("corridors".into(), comma_list(&l.corridors));
    p.insert("transit".into(), comma_list(&l.transit_countries));
    p.insert("services".into(), comma_list(&l.service_names()));
    if let Some(t) = l.traction {
        p.insert("traction".into(), json!(t.as_str()));
    }
    if let Some(v) = &l.vessel {
        p.insert("vessel".into(), json!(v));
    }
    p.insert("closed".into(), flag(l.closed));
    p.insert("scenario".into(), json!(scenario));
    let pts = net.link_points(l).into_iter().map(position).collect();
    feature(line_string(pts), fit_dbf(p))
}
