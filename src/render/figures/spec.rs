//! Map specifications from a network and its routes: every open link, every node (the hubs and
//! the places routes stop at labelled), the routes along their links' geometry, and the
//! regional panel of a study map.

use crate::network::{Dir, Network};
use crate::render::chart::Series;
use crate::render::figures::words::short_name;
use crate::render::map::{Extent, MapLink, MapNode, MapRoute, MapSpec};
use crate::render::style::FIGURE_WIDTH;
use crate::routing::{Route, StepKind};

/// The (lon, lat) polyline of a route, following each link's geometry in the direction of travel.
pub fn route_points(net: &Network, r: &Route) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for s in r.steps.iter().filter(|s| s.kind == StepKind::Haul) {
        let Some(l) = s.link.as_deref().and_then(|id| net.link(id)) else {
            continue;
        };
        let mut leg = net.link_points(l);
        if s.dir == Some(Dir::Reverse) {
            leg.reverse();
        }
        if pts.last() == leg.first() {
            leg.remove(0);
        }
        pts.extend(leg);
    }
    pts
}

/// The map of a network with routes highlighted.
pub fn map_spec(net: &Network, title: &str, routes: &[Series], extent: Extent) -> MapSpec {
    let on_route: Vec<&str> = routes
        .iter()
        .flat_map(|r| {
            r.route
                .steps
                .iter()
                .filter(|s| s.kind != StepKind::Haul)
                .map(|s| s.from.as_str())
                .chain([r.route.from.as_str(), r.route.to.as_str()])
        })
        .collect();
    let nodes = net
        .nodes
        .iter()
        .map(|n| MapNode {
            id: n.id.clone(),
            name: short_name(net, &n.id),
            lon: n.lon,
            lat: n.lat,
            kind: n.kind,
            major: net.study.hubs.contains(&n.id) || on_route.contains(&n.id.as_str()),
        })
        .collect();
    let links = net
        .links
        .iter()
        .filter(|l| !l.closed)
        .map(|l| MapLink {
            points: net.link_points(l),
            mode: l.mode,
            status: l.status,
        })
        .collect();
    let routes = routes
        .iter()
        .map(|r| MapRoute {
            label: r.label.clone(),
            points: route_points(net, &r.route),
            days: r.route.total.days(),
            usd: r.route.total.usd,
            co2_kg: r.route.total.co2_kg,
            colour: r.colour,
            totals_in_label: r.totals_in_label,
        })
        .collect();
    MapSpec {
        title: title.to_string(),
        nodes,
        links,
        routes,
        extent,
        width_px: FIGURE_WIDTH,
        legend: true,
    }
}

/// The regional panel of a study map: the region of the network's study panel
/// ([`crate::network::Panel`]) at a scale where its places are legible and labelled, the same
/// routes in the same colours, no legend of its own; `None` when the network has no panel or no
/// route passes through it.
pub fn panel_spec(net: &Network, routes: &[Series]) -> Option<MapSpec> {
    let panel = net.study.panel.as_ref()?;
    let [w, s, e, n] = panel.bbox;
    let inside = |p: &(f64, f64)| (w..=e).contains(&p.0) && (s..=n).contains(&p.1);
    if !routes
        .iter()
        .any(|r| route_points(net, &r.route).iter().any(inside))
    {
        return None;
    }
    let mut spec = map_spec(net, &panel.title, routes, Extent::Bounds(w, s, e, n));
    for node in &mut spec.nodes {
        if panel.places.contains(&node.id) {
            node.major = true;
        }
    }
    spec.legend = false;
    Some(spec)
}
