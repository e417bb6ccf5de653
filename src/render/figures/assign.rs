//! The figures of an assignment (`corridor assign --figures`): a map of the network with each
//! link's traffic as its line width and the saturated elements in red, and a chart of every
//! capacitated element's utilisation.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs::write_atomic;
use crate::network::{Component, Network};
use crate::render::basemap::countries;
use crate::render::chart::{render_utilisation, Bar};
use crate::render::figures::spec::map_spec;
use crate::render::map::{render_load_map, Extent, MapLoad};
use crate::render::style::FIGURE_WIDTH;
use crate::studies::assign::Assignment;
use crate::text::thousands;

/// The load map: links carrying traffic drawn with widths proportional to their TEU a year (the
/// widest is the busiest), saturated links and places in red, fitted to the loaded links.
pub fn load_map(net: &Network, a: &Assignment) -> Result<String> {
    let max = a.links.iter().map(|l| l.teu).fold(0.0, f64::max);
    let saturated: Vec<&str> = a
        .elements
        .iter()
        .filter(|e| e.saturated)
        .map(|e| e.id.as_str())
        .collect();
    let mut loads = Vec::new();
    for l in &a.links {
        if let Some(link) = net.link(&l.link) {
            loads.push(MapLoad {
                points: net.link_points(link),
                width: if max > 0.0 { l.teu / max } else { 0.0 },
                saturated: false,
            });
        }
    }
    for c in net
        .capacity
        .iter()
        .filter(|c| saturated.contains(&c.id.as_str()))
    {
        let points = match &c.applies {
            Component::Link { link, .. } => net.link(link).map(|l| net.link_points(l)),
            Component::Transfer { node, .. } => net.node(node).map(|n| vec![(n.lon, n.lat)]),
        };
        if let Some(points) = points {
            loads.push(MapLoad {
                points,
                width: 0.5,
                saturated: true,
            });
        }
    }
    let title = format!(
        "{} · {} · width ∝ TEU/yr (widest {}) · red: saturated",
        a.scenario,
        a.year,
        thousands(max)
    );
    let mut spec = map_spec(net, &title, &[], Extent::FitNetwork);
    if let Some(b) = bounds(net, a) {
        spec.extent = b;
    }
    let countries = countries().map_err(|e| Error::InvalidArgument(format!("base map: {e}")))?;
    Ok(render_load_map(&spec, &loads, &countries))
}

/// The loaded links' box with a margin.
fn bounds(net: &Network, a: &Assignment) -> Option<Extent> {
    let pts: Vec<(f64, f64)> = a
        .links
        .iter()
        .filter_map(|l| net.link(&l.link))
        .flat_map(|l| net.link_points(l))
        .collect();
    if pts.is_empty() {
        return None;
    }
    let (mut w, mut s, mut e, mut n) = (180.0_f64, 90.0_f64, -180.0_f64, -90.0_f64);
    for (x, y) in pts {
        w = w.min(x);
        e = e.max(x);
        s = s.min(y);
        n = n.max(y);
    }
    Extent::bounds(&[
        (w - 2.0).max(-180.0),
        (s - 2.0).max(-85.0),
        (e + 2.0).min(180.0),
        (n + 2.0).min(85.0),
    ])
    .ok()
}

/// The utilisation chart, elements in record order.
pub fn utilisation_chart(a: &Assignment) -> String {
    let bars: Vec<Bar> = a
        .elements
        .iter()
        .map(|e| Bar {
            label: match e.direction {
                Some(d) => format!("{} ({d})", e.id),
                None => e.id.clone(),
            },
            utilisation: e.utilisation,
            saturated: e.saturated,
            note: format!("{:.1} → {:.1} h", e.fixed_hours, e.hours),
        })
        .collect();
    render_utilisation(
        &format!("Utilisation · {} · {}", a.demand, a.scenario),
        &bars,
        a.utilisation_cap,
        FIGURE_WIDTH,
    )
}

/// Writes `assign-map.svg` and `assign-utilisation.svg` into `dir`; their paths.
pub fn write(net: &Network, a: &Assignment, dir: &Path) -> Result<Vec<PathBuf>> {
    let map = dir.join("assign-map.svg");
    write_atomic(&map, load_map(net, a)?.as_bytes())?;
    let chart = dir.join("assign-utilisation.svg");
    write_atomic(&chart, utilisation_chart(a).as_bytes())?;
    Ok(vec![map, chart])
}
