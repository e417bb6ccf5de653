//! The figures of an assignment (`corridor assign --figures`): a map of the network with each
//! link's traffic as its line width (a width key in the legend), the saturated elements in red
//! and labelled by name, and under it a regional panel zoomed on where they sit; and a chart of
//! every capacitated element's utilisation, each bar named after its element.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs::write_atomic;
use crate::network::{Capacity, Component, Network};
use crate::render::basemap::{countries, Country};
use crate::render::caption::Caption;
use crate::render::chart::{render_utilisation, Bar};
use crate::render::figures::credit::credit;
use crate::render::figures::spec::map_spec;
use crate::render::figures::words::short_name;
use crate::render::map::{render_load_map, stack, Extent, LoadLayer, MapLoad, MapSpec};
use crate::render::style::FIGURE_WIDTH;
use crate::studies::assign::{Assignment, ElementLoad};

/// The unit of an assignment's loads, as the width key says it.
const UNIT: &str = "TEU a year";

/// The capacity record of an element.
fn record<'n>(net: &'n Network, e: &ElementLoad) -> Option<&'n Capacity> {
    net.capacity.iter().find(|c| c.id == e.id)
}

/// The points of an element: its link's line, or its place.
fn element_points(net: &Network, c: &Capacity) -> Option<Vec<(f64, f64)>> {
    match &c.applies {
        Component::Link { link, .. } => net.link(link).map(|l| net.link_points(l)),
        Component::Transfer { node, .. } => net.node(node).map(|n| vec![(n.lon, n.lat)]),
    }
}

/// The node ids an element touches (its link's ends, or its place).
fn element_places(net: &Network, c: &Capacity) -> Vec<String> {
    match &c.applies {
        Component::Link { link, .. } => net.link(link).map_or_else(Vec::new, |l| {
            vec![net.nodes[l.from].id.clone(), net.nodes[l.to].id.clone()]
        }),
        Component::Transfer { node, .. } => vec![node.clone()],
    }
}

/// A name without its parenthesis ("Kuryk – Alat rail ferries (ASCO)" → "Kuryk – Alat rail
/// ferries"), for a map label.
fn short(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}

/// The direction of travel of an element's link direction in words: "westbound" when the link's
/// far end (for `forward`, its `to`) lies west of its near end, and so on; the larger of the
/// east-west and north-south moves decides.
fn bound(net: &Network, c: &Capacity, direction: &str) -> Option<&'static str> {
    let Component::Link { link, .. } = &c.applies else {
        return None;
    };
    let l = net.link(link)?;
    let (a, b) = (&net.nodes[l.from], &net.nodes[l.to]);
    let (dx, dy) = match direction {
        "reverse" => (a.lon - b.lon, a.lat - b.lat),
        _ => (b.lon - a.lon, b.lat - a.lat),
    };
    Some(if dx.abs() >= dy.abs() {
        if dx < 0.0 {
            "westbound"
        } else {
            "eastbound"
        }
    } else if dy < 0.0 {
        "southbound"
    } else {
        "northbound"
    })
}

/// What an assignment's figures show: "demand 2030: Middle Corridor tripled · baseline", with the
/// year when the demand's name does not give it.
fn what(a: &Assignment) -> String {
    let year = a.year.to_string();
    if a.demand.contains(&year) {
        format!("demand {} · {}", a.demand, a.scenario)
    } else {
        format!("demand {} · {} · {year}", a.demand, a.scenario)
    }
}

/// The loads of an assignment: each loaded link with a width proportional to its TEU a year (the
/// widest is the busiest), then each saturated element in red, labelled "name 108 %".
fn load_layer(net: &Network, a: &Assignment) -> LoadLayer {
    let max = a.links.iter().map(|l| l.teu).fold(0.0, f64::max);
    let mut loads: Vec<MapLoad> = a
        .links
        .iter()
        .filter_map(|l| {
            net.link(&l.link).map(|link| MapLoad {
                points: net.link_points(link),
                width: if max > 0.0 { l.teu / max } else { 0.0 },
                saturated: false,
                label: None,
            })
        })
        .collect();
    let mut labelled: Vec<&str> = Vec::new();
    for e in a.elements.iter().filter(|e| e.saturated) {
        let Some(c) = record(net, e) else { continue };
        let Some(points) = element_points(net, c) else {
            continue;
        };
        // One label per element, however many of its directions are saturated.
        let worst = a
            .elements
            .iter()
            .filter(|x| x.id == e.id)
            .map(|x| x.utilisation)
            .fold(0.0, f64::max);
        let label = (!labelled.contains(&e.id.as_str()))
            .then(|| format!("{} {:.0} %", short(&c.name), 100.0 * worst));
        labelled.push(&e.id);
        loads.push(MapLoad {
            points,
            width: 0.5,
            saturated: true,
            label,
        });
    }
    LoadLayer {
        loads,
        widest: max,
        unit: UNIT.to_string(),
    }
}

/// The load map: links carrying traffic drawn with widths proportional to their TEU a year,
/// saturated links and places in red and named, fitted to the loaded links; under it a regional
/// panel around the saturated elements when there are any.
pub fn load_map(net: &Network, a: &Assignment) -> Result<String> {
    let countries = countries().map_err(|e| Error::InvalidArgument(format!("base map: {e}")))?;
    let layer = load_layer(net, a);
    let title = format!("Traffic and saturation · {}", what(a));
    let mut spec = map_spec(net, &title, &[], Extent::FitNetwork);
    if let Some(b) = bounds(net, a.links.iter().filter_map(|l| net.link(&l.link)), 2.0) {
        spec.extent = b;
    }
    spec.credit = credit(net, [a.scenario.as_str()]);
    let saturated = saturated_places(net, a);
    mark_major(&mut spec, &saturated);
    let main = render_load_map(&spec, &layer, &countries);
    Ok(match panel(net, a, &layer, &countries) {
        Some(p) => stack(&main, &p),
        None => main,
    })
}

/// The node ids the saturated elements touch.
fn saturated_places(net: &Network, a: &Assignment) -> Vec<String> {
    a.elements
        .iter()
        .filter(|e| e.saturated)
        .filter_map(|e| record(net, e))
        .flat_map(|c| element_places(net, c))
        .collect()
}

/// Labels the nodes `ids` on a map.
fn mark_major(spec: &mut MapSpec, ids: &[String]) {
    for n in &mut spec.nodes {
        if ids.contains(&n.id) {
            n.major = true;
        }
    }
}

/// The regional panel: the box around the saturated elements (at least 12° by 7°, with a
/// margin), their loads and names at a scale where they are legible, no legend of its own;
/// `None` when nothing is saturated.
fn panel(
    net: &Network,
    a: &Assignment,
    layer: &LoadLayer,
    countries: &[Country],
) -> Option<String> {
    let pts: Vec<(f64, f64)> = layer
        .loads
        .iter()
        .filter(|l| l.saturated)
        .flat_map(|l| l.points.iter().copied())
        .collect();
    let (mut w, mut s, mut e, mut n) = (180.0_f64, 90.0_f64, -180.0_f64, -90.0_f64);
    for (x, y) in &pts {
        (w, e, s, n) = (w.min(*x), e.max(*x), s.min(*y), n.max(*y));
    }
    if pts.is_empty() {
        return None;
    }
    let (cx, cy) = ((w + e) / 2.0, (s + n) / 2.0);
    let (hw, hh) = (
        ((e - w) / 2.0 + 2.0).max(6.0),
        ((n - s) / 2.0 + 1.5).max(3.5),
    );
    let extent = Extent::bounds(&[
        (cx - hw).max(-180.0),
        (cy - hh).max(-85.0),
        (cx + hw).min(180.0),
        (cy + hh).min(85.0),
    ])
    .ok()?;
    let names: Vec<String> = a
        .elements
        .iter()
        .filter(|e| e.saturated)
        .filter_map(|e| record(net, e).map(|c| short(&c.name).to_string()))
        .fold(Vec::new(), |mut v, x| {
            if !v.contains(&x) {
                v.push(x);
            }
            v
        });
    let title = format!(
        "Regional panel: where the saturated elements sit ({})",
        names.join("; ")
    );
    let mut spec = map_spec(net, &title, &[], extent);
    mark_major(&mut spec, &saturated_places(net, a));
    spec.legend = false;
    spec.credit.clear();
    Some(render_load_map(&spec, layer, countries))
}

/// The box of `links`' points with a margin of `margin` degrees.
fn bounds<'n>(
    net: &'n Network,
    links: impl Iterator<Item = &'n crate::network::Link>,
    margin: f64,
) -> Option<Extent> {
    let pts: Vec<(f64, f64)> = links.flat_map(|l| net.link_points(l)).collect();
    if pts.is_empty() {
        return None;
    }
    let (mut w, mut s, mut e, mut n) = (180.0_f64, 90.0_f64, -180.0_f64, -90.0_f64);
    for (x, y) in pts {
        (w, e, s, n) = (w.min(x), e.max(x), s.min(y), n.max(y));
    }
    Extent::bounds(&[
        (w - margin).max(-180.0),
        (s - margin).max(-85.0),
        (e + margin).min(180.0),
        (n + margin).min(85.0),
    ])
    .ok()
}

/// The utilisation chart, elements in record order, each bar named after its element and, for a
/// link's direction, the way it goes ("Kuryk – Alat rail ferries (ASCO …), westbound").
pub fn utilisation_chart(net: &Network, a: &Assignment) -> String {
    let bars: Vec<Bar> = a
        .elements
        .iter()
        .map(|e| {
            let c = record(net, e);
            let name = c.map_or_else(|| e.name.clone(), |c| c.name.clone());
            let way = match (c, e.direction) {
                (Some(c), Some(d)) => bound(net, c, d).map(str::to_string),
                (None, Some(d)) => Some(d.to_string()),
                _ => None,
            };
            let via = c
                .map(|c| element_places(net, c))
                .filter(|p| p.len() == 1)
                .map(|p| short_name(net, &p[0]));
            let label = match (way, via) {
                (Some(w), _) => format!("{name}, {w}"),
                (None, Some(at)) if !name.contains(&at) => format!("{name} at {at}"),
                _ => name,
            };
            Bar {
                label,
                utilisation: e.utilisation,
                saturated: e.saturated,
                note: format!("{:.1} → {:.1} h", e.fixed_hours, e.hours),
            }
        })
        .collect();
    let caption = Caption::new(
        format!("Utilisation · {}", what(a)),
        credit(net, [a.scenario.as_str()]),
    );
    render_utilisation(&caption, &bars, a.utilisation_cap, FIGURE_WIDTH)
}

/// Writes `assign-map.svg` and `assign-utilisation.svg` into `dir`; their paths.
pub fn write(net: &Network, a: &Assignment, dir: &Path) -> Result<Vec<PathBuf>> {
    let map = dir.join("assign-map.svg");
    write_atomic(&map, load_map(net, a)?.as_bytes())?;
    let chart = dir.join("assign-utilisation.svg");
    write_atomic(&chart, utilisation_chart(net, a).as_bytes())?;
    Ok(vec![map, chart])
}
