//! Routes as two GIS layers of one geometry type each: [`routes`] (each route, then each of its
//! hauls, as LineStrings) and [`route_steps`] (its waits, borders and transfers as Points). Every
//! feature names its places as well as their ids, and every property is a number or a text under
//! a name of at most ten characters, so that both layers convert to GeoPackage and Shapefile
//! without a warning (lists are comma-separated texts).
//!
//! Properties. Both layers: `route` (1-based, the order given), `from`, `to` (node ids) and
//! `from_name`, `to_name`. A route (`feature` = `route`): `objective`, `year`, `scenario`, `km`,
//! `hours`, `days`, `usd`, `co2_kg` (its totals), `countries` and `corridors` (comma-separated),
//! `corridor` (its corridor in words, as tables name it), `label` (with its key places), and
//! `family` and `alt` (the rank among alternatives) when it has them. A step (`feature` = `step`):
//! `seq` (1-based within its route), `kind` (`haul`, `wait`, `border`, `transfer`), `mode`, `km`,
//! `hours`, `usd`, `co2_kg`, `detail` (the step table's words), and `link`, `service`, `transfer`
//! (the facility) when it has them; a Point also has `place` and `place_name`: where the step
//! happens (a wait or a transfer at its place, a border at the place entered).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::{collection, comma_list, feature, fit_dbf, line_string, position};
use crate::describe::{corridor_label, corridor_words, node_name};
use crate::network::{Dir, Link, Network};
use crate::routing::{Route, Step, StepKind};
use crate::text::round3;

/// The routes as a FeatureCollection of LineStrings: each route (`feature` = `route`, along every
/// link it travels), followed by its hauls (`feature` = `step`, `kind` = `haul`, along the link
/// in the direction travelled). See the module documentation for the properties.
pub fn routes(net: &Network, routes: &[Route]) -> String {
    let links = link_index(net);
    let mut features = Vec::new();
    for (ri, r) in routes.iter().enumerate() {
        let mut line = vec![position(place(net, &r.from))];
        let mut hauls = Vec::new();
        for (si, s) in r.steps.iter().enumerate() {
            let Some(l) = haul_link(&links, s) else {
                continue;
            };
            let mut pts = net.link_points(l);
            if s.dir == Some(Dir::Reverse) {
                pts.reverse();
            }
            line.extend(pts.iter().skip(1).map(|&p| position(p)));
            let pts = pts.into_iter().map(position).collect();
            let p = fit_dbf(step_properties(net, ri, si, s));
            hauls.push(feature(line_string(pts), p));
        }
        let p = fit_dbf(route_properties(net, ri, r));
        features.push(feature(line_string(line), p));
        features.extend(hauls);
    }
    collection(features, None::<Value>)
}

/// The routes' waits, borders and transfers as a FeatureCollection of Points (`feature` =
/// `step`), each at its place: a wait or a transfer where it happens, a border at the place the
/// route enters. See the module documentation for the properties.
pub fn route_steps(net: &Network, routes: &[Route]) -> String {
    let links = link_index(net);
    let mut features = Vec::new();
    for (ri, r) in routes.iter().enumerate() {
        for (si, s) in r.steps.iter().enumerate() {
            if haul_link(&links, s).is_some() {
                continue;
            }
            let at = if s.kind == StepKind::Border {
                &s.to
            } else {
                &s.from
            };
            let mut p = step_properties(net, ri, si, s);
            p.insert("place".into(), json!(at.as_str()));
            p.insert("place_name".into(), json!(node_name(net, at)));
            let point = json!({"type": "Point", "coordinates": position(place(net, at))});
            features.push(feature(point, fit_dbf(p)));
        }
    }
    collection(features, None::<Value>)
}

fn link_index(net: &Network) -> HashMap<&str, &Link> {
    net.links.iter().map(|l| (l.id.as_str(), l)).collect()
}

/// The link a haul step travels (`None` for any other step).
fn haul_link<'n>(links: &HashMap<&str, &'n Link>, s: &Step) -> Option<&'n Link> {
    if s.kind != StepKind::Haul {
        return None;
    }
    s.link.as_deref().and_then(|id| links.get(id)).copied()
}

/// A node's (lon, lat); NaN for an unknown id (a route always names its network's nodes).
fn place(net: &Network, id: &str) -> (f64, f64) {
    net.node(id)
        .map(|n| (n.lon, n.lat))
        .unwrap_or((f64::NAN, f64::NAN))
}

fn step_properties(net: &Network, ri: usize, si: usize, s: &Step) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("feature".into(), json!("step"));
    p.insert("route".into(), json!(ri + 1));
    p.insert("seq".into(), json!(si + 1));
    p.insert("kind".into(), json!(s.kind.as_str()));
    p.insert("mode".into(), json!(s.mode.as_str()));
    p.insert("from".into(), json!(s.from.as_str()));
    p.insert("to".into(), json!(s.to.as_str()));
    p.insert("from_name".into(), json!(node_name(net, &s.from)));
    p.insert("to_name".into(), json!(node_name(net, &s.to)));
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
    p
}

fn route_properties(net: &Network, ri: usize, r: &Route) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("feature".into(), json!("route"));
    p.insert("route".into(), json!(ri + 1));
    p.insert("from".into(), json!(r.from));
    p.insert("to".into(), json!(r.to));
    p.insert("from_name".into(), json!(node_name(net, &r.from)));
    p.insert("to_name".into(), json!(node_name(net, &r.to)));
    p.insert("objective".into(), json!(r.objective.to_string()));
    p.insert("year".into(), json!(r.year));
    p.insert("scenario".into(), json!(r.scenario));
    p.insert("km".into(), json!(round3(r.total.km)));
    p.insert("hours".into(), json!(round3(r.total.hours)));
    p.insert("days".into(), json!(round3(r.total.days())));
    p.insert("usd".into(), json!(round3(r.total.usd)));
    p.insert("co2_kg".into(), json!(round3(r.total.co2_kg)));
    p.insert("countries".into(), comma_list(&r.countries));
    p.insert("corridors".into(), comma_list(&r.corridors));
    p.insert("corridor".into(), json!(corridor_words(net, r)));
    p.insert("label".into(), json!(corridor_label(net, r)));
    if let Some(f) = &r.family {
        p.insert("family".into(), json!(f));
    }
    if let Some(a) = r.alternative {
        p.insert("alt".into(), json!(a));
    }
    p
}
