//! The report's data files: the comparison and the reliability study as CSV and JSON, the routes
//! as GeoJSON, and the figures as SVG.

use std::borrow::Cow;

use super::contents::Contents;
use crate::output::compare::render;
use crate::output::reliability::reliability;
use crate::output::Format;
use crate::studies::compare::Comparison;

/// The data files by name, in writing order; the reliability study's files only when it has a
/// route, the figures only when drawn.
pub(super) fn files(c: &Contents) -> Vec<(&'static str, Cow<'_, str>)> {
    let mut out: Vec<(&'static str, Cow<'_, str>)> = vec![
        ("compare.csv", render(&c.comparison, Format::Csv).into()),
        ("compare.json", render(&c.comparison, Format::Json).into()),
    ];
    if let Some(s) = &c.reliability {
        out.push((
            "reliability.csv",
            reliability(s, &c.no_route, Format::Csv).into(),
        ));
        out.push((
            "reliability.json",
            reliability(s, &c.no_route, Format::Json).into(),
        ));
    }
    if let Ok(rows) = &c.observed {
        out.push((
            "observed.csv",
            crate::output::observed::render(rows, Format::Csv).into(),
        ));
        out.push((
            "observed.json",
            crate::output::observed::render(rows, Format::Json).into(),
        ));
    }
    let (lines, steps) = routes_geojson(&c.comparison);
    out.push(("routes.geojson", lines.into()));
    out.push(("routes-steps.geojson", steps.into()));
    if let Some((_, f)) = &c.figures {
        out.push(("map.svg", f.map.as_str().into()));
        out.push(("tcd.svg", f.tcd.as_str().into()));
        out.push(("breakdown.svg", f.breakdown.as_str().into()));
    }
    if let Some(svg) = &c.reliability_svg {
        out.push(("reliability.svg", svg.as_str().into()));
    }
    if let Ok(s) = &c.investments {
        out.push(("invest.csv", crate::output::invest::csv(&s.study).into()));
        out.push(("invest.svg", s.svg.as_str().into()));
    }
    out
}

/// Every row's route as GeoJSON, each carrying its corridor family: the routes and their hauls
/// (LineStrings), and their waits, borders and transfers (Points).
fn routes_geojson(c: &Comparison) -> (String, String) {
    let routes: Vec<crate::routing::Route> = c
        .rows
        .iter()
        .filter_map(|r| {
            let mut x = r.route.clone()?;
            x.family = r.family.clone();
            Some(x)
        })
        .collect();
    (
        crate::output::geojson::routes(&c.network, &routes),
        crate::output::geojson::route_steps(&c.network, &routes),
    )
}
