//! Map specifications from a network and its routes: every open link, every node (the hubs and
//! the places routes stop at labelled, the routes' ends always), the routes along their links'
//! geometry in their families' inks, the credit line, and the regional panel of a study map.

use crate::network::{Dir, Network};
use crate::render::chart::Series;
use crate::render::figures::credit::credit_of;
use crate::render::figures::group::paint;
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

/// The map of a network with routes highlighted, each in its ink (routes not yet inked are
/// inked here, [`paint`]), their origins and destinations labelled; a map of a lon/lat box
/// labels the places of the study's regional panel too.
pub fn map_spec(net: &Network, title: &str, routes: &[Series], extent: Extent) -> MapSpec {
    let painted;
    let routes = if routes.iter().any(|r| r.ink.is_none()) {
        painted = paint(net, routes, &[], &[]).0;
        &painted[..]
    } else {
        routes
    };
    let zoomed = matches!(extent, Extent::Bounds(..));
    let panel_places: &[String] = net.study.panel.as_ref().map_or(&[], |p| &p.places);
    let ends: Vec<&str> = routes
        .iter()
        .flat_map(|r| [r.route.from.as_str(), r.route.to.as_str()])
        .collect();
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
            major: net.study.hubs.contains(&n.id)
                || on_route.contains(&n.id.as_str())
                || (zoomed && panel_places.contains(&n.id)),
            endpoint: ends.contains(&n.id.as_str()),
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
    let credit = credit_of(net, routes.iter().map(|r| &r.route));
    let routes = routes
        .iter()
        .map(|r| MapRoute {
            label: r.label.clone(),
            points: route_points(net, &r.route),
            days: r.route.total.days(),
            usd: r.route.total.usd,
            co2_kg: r.route.total.co2_kg,
            ink: r.ink,
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
        credit,
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
    // A map of a box labels the panel's places.
    let mut spec = map_spec(net, &panel.title, routes, Extent::Bounds(w, s, e, n));
    spec.legend = false;
    // The map above carries the credit; the panel keeps its scale bar and attribution.
    spec.credit.clear();
    Some(spec)
}
