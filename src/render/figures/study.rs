//! The three figures of a set of routes (map, time/cost-distance chart, breakdown), drawn in one
//! colour per route, and their files.

use std::path::{Path, PathBuf};

use crate::describe::corridor_words;
use crate::error::{Error, Result};
use crate::fs::write_atomic;
use crate::network::Network;
use crate::render::basemap::{countries, Country};
use crate::render::caption::Caption;
use crate::render::chart::{render_breakdown, render_tcd, Series};
use crate::render::figures::credit::credit_of;
use crate::render::figures::group::{bar_groups, bar_series, group, paint, SameWhen};
use crate::render::figures::select::Selection;
use crate::render::figures::spec::{map_spec, panel_spec};
use crate::render::figures::words::short_name;
use crate::render::map::{render_map, stack, Extent, MapSpec};
use crate::render::style::FIGURE_WIDTH;
use crate::routing::Route;

/// The three figures of a set of routes, as SVG text.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The route map.
    pub map: String,
    /// The time/cost-distance chart.
    pub tcd: String,
    /// The breakdown chart (line haul, border, transfer, waiting).
    pub breakdown: String,
}

/// What the three figures of a set of routes draw: one title, the routes on the map and on the
/// time/cost-distance chart, the breakdown's bars, and the part of the world the map shows.
#[derive(Debug, Clone, Copy)]
pub struct FigureSet<'a> {
    /// The figures' common title (each chart prefixes its own words).
    pub title: &'a str,
    /// The routes on the map (grouped by path, see [`group`]).
    pub on_map: &'a [Series],
    /// The routes on the time/cost-distance chart (grouped by path and totals).
    pub on_chart: &'a [Series],
    /// The bars of the breakdown chart.
    pub bars: &'a [Series],
    /// What the map shows; a map fitted to its routes gets the regional panel under it when a
    /// route passes through the region.
    pub extent: Extent,
    /// The credit line of all three ([`crate::render::figures::credit`]: the scenarios of every route chosen, merged
    /// entries included).
    pub credit: &'a str,
}

/// Renders the map of `set.on_map`, the time/cost-distance chart of `set.on_chart` and the
/// breakdown of `set.bars`, each route in its family's ink on all three ([`paint`]), each with
/// the credit of the routes it draws.
pub fn render(net: &Network, set: &FigureSet, countries: &[Country]) -> Figures {
    let (title, extent) = (set.title, set.extent);
    let (on_map, on_chart, bars) = paint(net, set.on_map, set.on_chart, set.bars);
    let (on_map, on_chart) = (&on_map[..], &on_chart[..]);
    let names = |id: &str| short_name(net, id);
    let tcd = Caption::new(tcd_title(title), set.credit);
    let breakdown = Caption::new(breakdown_title(title), set.credit);
    let bars = bar_groups(&bars);
    Figures {
        map: {
            let mut spec = map_spec(net, title, on_map, extent);
            spec.credit = set.credit.to_string();
            let main = render_map(&spec, countries);
            match (extent, panel_spec(net, on_map)) {
                (Extent::FitRoutes, Some(panel)) => stack(&main, &render_map(&panel, countries)),
                _ => main,
            }
        },
        tcd: render_tcd(&tcd, on_chart, &names, FIGURE_WIDTH),
        breakdown: render_breakdown(&breakdown, &bars, FIGURE_WIDTH),
    }
}

/// The time/cost-distance chart's title for figures titled `title`.
fn tcd_title(title: &str) -> String {
    format!("Time/cost-distance · {title}")
}

/// The breakdown chart's title for figures titled `title`.
fn breakdown_title(title: &str) -> String {
    format!("Where the days and dollars go · {title}")
}

/// The time/cost-distance chart of labelled routes on their own (`corridor chart tcd`): routes
/// with the same path and totals merged, each in its family's ink, named after `net`'s nodes.
pub fn tcd_chart(net: &Network, title: &str, chosen: Vec<(String, Route)>) -> String {
    let credit = credit_of(net, chosen.iter().map(|(_, r)| r));
    let words = |r: &Route| corridor_words(net, r);
    let series = group(chosen, SameWhen::SamePathAndTotals, &words);
    let (_, series, _) = paint(net, &[], &series, &[]);
    let names = |id: &str| short_name(net, id);
    render_tcd(
        &Caption::new(tcd_title(title), credit),
        &series,
        &names,
        FIGURE_WIDTH,
    )
}

/// The breakdown bars of labelled routes on their own (`corridor chart compare`): one bar each,
/// in its family's colour.
pub fn breakdown_chart(net: &Network, title: &str, chosen: Vec<(String, Route)>) -> String {
    let credit = credit_of(net, chosen.iter().map(|(_, r)| r));
    let bars: Vec<Series> = chosen
        .into_iter()
        .map(|(label, route)| Series {
            label,
            route,
            ink: None,
            totals_in_label: false,
        })
        .collect();
    let (_, _, bars) = paint(net, &[], &[], &bars);
    let caption = Caption::new(breakdown_title(title), credit);
    render_breakdown(&caption, &bar_groups(&bars), FIGURE_WIDTH)
}

/// The map of labelled routes on their own (`corridor map`): routes with the same path merged
/// ([`group`], named by their corridor), each in its family's ink, credited with every route's
/// scenario.
pub fn route_map(
    net: &Network,
    title: &str,
    chosen: Vec<(String, Route)>,
    extent: Extent,
) -> MapSpec {
    let credit = credit_of(net, chosen.iter().map(|(_, r)| r));
    let words = |r: &Route| corridor_words(net, r);
    let routes = group(chosen, SameWhen::SamePath, &words);
    let mut spec = map_spec(net, title, &routes, extent);
    spec.credit = credit;
    spec
}

/// The map, time/cost-distance and breakdown charts of a selection, as SVG text (what
/// [`write_selection`] writes).
pub fn selection_figures(
    net: &Network,
    sel: &Selection,
    describe: &dyn Fn(&Route) -> String,
) -> Result<Figures> {
    let on_map = group(sel.chosen.clone(), SameWhen::SamePath, describe);
    let on_chart = group(sel.chosen.clone(), SameWhen::SamePathAndTotals, describe);
    let bars = bar_series(sel);
    let countries =
        countries().map_err(|e| Error::InvalidArgument(format!("the embedded base map: {e}")))?;
    let credit = credit_of(net, sel.chosen.iter().chain(&sel.bars).map(|(_, r)| r));
    let set = FigureSet {
        title: &sel.title,
        on_map: &on_map,
        on_chart: &on_chart,
        bars: &bars,
        extent: sel.extent,
        credit: &credit,
    };
    Ok(render(net, &set, &countries))
}

/// Renders the map, time/cost-distance and breakdown charts of a selection (identical routes
/// merged, labelled by `describe` and who chose them) and writes them into `dir`.
pub fn write_selection(
    net: &Network,
    dir: &Path,
    sel: &Selection,
    describe: &dyn Fn(&Route) -> String,
) -> Result<Vec<PathBuf>> {
    write(dir, &sel.stem, &selection_figures(net, sel, describe)?)
}

/// Writes `STEM-map.svg`, `STEM-tcd.svg` and `STEM-breakdown.svg` into `dir` atomically; returns
/// the paths written.
pub fn write(dir: &Path, stem: &str, f: &Figures) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (kind, svg) in [
        ("map", &f.map),
        ("tcd", &f.tcd),
        ("breakdown", &f.breakdown),
    ] {
        let path = dir.join(format!("{stem}-{kind}.svg"));
        write_atomic(&path, svg.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
