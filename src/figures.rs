//! Figures for a set of routes: the map specification built from a network and its routes, the
//! choice of which routes to draw, and atomic file writing.
//!
//! This module turns domain objects (a [`Network`], [`Route`]s) into the plain drawing inputs of
//! [`crate::render`]; the renderers never see the network. Files are written atomically (a
//! temporary file in the same folder, then a rename), so a reader never sees half a figure.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::network::{Dir, Network};
use crate::render::map_svg::{Extent, MapLink, MapNode, MapRoute, MapSpec};
use crate::solve::{Route, StepKind};
use crate::sweep::signature;

/// A route to draw, with its legend label.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// Legend label.
    pub label: String,
    /// The route.
    pub route: Route,
}

/// Merges routes that travel the same links into one entry whose label joins theirs
/// ("fastest, cheapest: …"), keeping first-seen order.
pub fn distinct(
    routes: Vec<(String, Route)>,
    describe: &dyn Fn(&Route) -> String,
) -> Vec<Labelled> {
    let mut out: Vec<(String, Vec<String>, Route)> = Vec::new();
    for (name, r) in routes {
        let sig = signature(&r);
        match out.iter_mut().find(|(s, _, _)| *s == sig) {
            Some((_, names, _)) => names.push(name),
            None => out.push((sig, vec![name], r)),
        }
    }
    out.into_iter()
        .map(|(_, names, route)| Labelled {
            label: format!("{}: {}", names.join(", "), describe(&route)),
            route,
        })
        .collect()
}

/// The nodes always labelled on maps when drawn: the corridors' main hubs.
const HUBS: [&str; 18] = [
    "xian",
    "urumqi",
    "almaty",
    "aktau",
    "alat",
    "baku",
    "tbilisi",
    "kars",
    "istanbul",
    "budapest",
    "duisburg",
    "moscow",
    "warsaw",
    "shanghai",
    "rotterdam",
    "constanta",
    "poti",
    "brest",
];

/// The (lon, lat) polyline of a route, following each link's geometry in the direction of travel.
pub fn route_points(net: &Network, r: &Route) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for s in r.steps.iter().filter(|s| s.kind == StepKind::Haul) {
        let Some(l) = s.link.as_deref().and_then(|id| net.link(id)) else {
            continue;
        };
        let dir = if net.nodes[l.from].id == s.from {
            Dir::Forward
        } else {
            Dir::Reverse
        };
        let mut leg = link_points(net, l);
        if dir == Dir::Reverse {
            leg.reverse();
        }
        if pts.last() == leg.first() {
            leg.remove(0);
        }
        pts.extend(leg);
    }
    pts
}

fn link_points(net: &Network, l: &crate::network::Link) -> Vec<(f64, f64)> {
    let (a, b) = (&net.nodes[l.from], &net.nodes[l.to]);
    let mut pts = vec![(a.lon, a.lat)];
    pts.extend(l.geometry.iter().copied());
    pts.push((b.lon, b.lat));
    pts
}

/// The map of a network with routes highlighted.
pub fn map_spec(net: &Network, title: &str, routes: &[Labelled], extent: Extent) -> MapSpec {
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
            name: n.name.clone(),
            lon: n.lon,
            lat: n.lat,
            kind: n.kind,
            major: HUBS.contains(&n.id.as_str()) || on_route.contains(&n.id.as_str()),
        })
        .collect();
    let links = net
        .links
        .iter()
        .filter(|l| !l.closed)
        .map(|l| MapLink {
            points: link_points(net, l),
            mode: l.mode,
            status: l.status,
        })
        .collect();
    let routes = routes
        .iter()
        .map(|r| MapRoute {
            label: r.label.clone(),
            points: route_points(net, &r.route),
            days: r.route.total.days,
            usd: r.route.total.usd,
        })
        .collect();
    MapSpec {
        title: title.to_string(),
        nodes,
        links,
        routes,
        extent,
        width_px: 1400,
    }
}

/// Writes a file atomically: a temporary sibling, then a rename. Creates the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "figure".into());
    let tmp: PathBuf = path.with_file_name(format!(".{name}.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}
