//! Routes turned into figure entries: identical routes merged into one labelled entry
//! ([`group`]), each route inked in its corridor family's colour across a study's figures
//! ([`paint`], [`inks`]), and the breakdown's bars ([`bar_series`], [`bar_groups`]).

use crate::network::Network;
use crate::render::chart::{BarGroup, Series};
use crate::render::figures::select::Selection;
use crate::render::format::format_usd;
use crate::render::ink::{ink_or_position, RouteInk};
use crate::routing::{family_of, Route};

/// How [`group`] decides that two routes are "the same" figure entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameWhen {
    /// They travel the same links (one line on a map).
    SamePath,
    /// They travel the same links with the same totals (one line on a chart).
    SamePathAndTotals,
}

/// Groups `(who, route)` pairs into figure entries labelled "what — who": `describe` names the
/// route (e.g. its corridor), `who` says which objective or scenario chose it. Entries keep
/// first-seen order; more than three names are shortened to "a, b +N more".
pub fn group(
    routes: Vec<(String, Route)>,
    same: SameWhen,
    describe: &dyn Fn(&Route) -> String,
) -> Vec<Series> {
    let key = |r: &Route| match same {
        SameWhen::SamePath => r.signature(),
        SameWhen::SamePathAndTotals => {
            format!("{} {:.1} {:.0}", r.signature(), r.total.hours, r.total.usd)
        }
    };
    // Per entry: its key, its members (who chose it, with that member's days and USD), the route.
    type Member = (String, f64, f64);
    let mut out: Vec<(String, Vec<Member>, Route)> = Vec::new();
    for (who, r) in routes {
        let k = key(&r);
        let member = (who, r.total.days(), r.total.usd);
        match out.iter_mut().find(|(x, _, _)| *x == k) {
            Some((_, members, _)) => {
                if !members.iter().any(|m| m.0 == member.0) {
                    members.push(member)
                }
            }
            None => out.push((k, vec![member], r)),
        }
    }
    let shown = |m: &Member| (format!("{:.1}", m.1), m.2.round() as i64);
    out.into_iter()
        .map(|(_, members, route)| {
            // Members of one line that differ in days or dollars each say their own.
            let differ = members.iter().any(|m| shown(m) != shown(&members[0]));
            let name = |m: &Member| {
                if differ {
                    format!("{} {:.1} d, {}", m.0, m.1, format_usd(m.2))
                } else {
                    m.0.clone()
                }
            };
            let (limit, sep) = if differ { (3, "; ") } else { (3, ", ") };
            let who = if members.len() > limit {
                format!(
                    "{}{sep}{} +{} more",
                    name(&members[0]),
                    name(&members[1]),
                    members.len() - 2
                )
            } else {
                members.iter().map(name).collect::<Vec<_>>().join(sep)
            };
            Series {
                label: format!("{} — {who}", describe(&route)),
                route,
                ink: None,
                totals_in_label: differ,
            }
        })
        .collect()
}

/// The inks of routes drawn together: each route in its corridor family's colour
/// ([`family_of`]; the grey of [`RouteInk::no_family`] when it has none), and each distinct path
/// (see [`Route::signature`]) of a family, in order, the next variant of that family (the first
/// solid, the others dashed). Routes with the same path get the same ink. A network without
/// families gives each distinct path the next colour of
/// [`ROUTE_COLOURS`](crate::render::style::ROUTE_COLOURS) instead.
pub fn inks(net: &Network, routes: &[&Route]) -> Vec<RouteInk> {
    if net.families.is_empty() {
        let mut paths: Vec<String> = Vec::new();
        return routes
            .iter()
            .map(|r| {
                let key = r.signature();
                let i = paths.iter().position(|p| *p == key).unwrap_or_else(|| {
                    paths.push(key);
                    paths.len() - 1
                });
                ink_or_position(None, i)
            })
            .collect();
    }
    // Per distinct path: its key, its family and its ink.
    let mut paths: Vec<(String, Option<usize>, RouteInk)> = Vec::new();
    routes
        .iter()
        .map(|r| {
            let key = r.signature();
            if let Some((_, _, ink)) = paths.iter().find(|(k, _, _)| *k == key) {
                return *ink;
            }
            let family = family_of(net, r);
            let variant = paths.iter().filter(|(_, f, _)| *f == family).count();
            let ink = match family {
                Some(i) => RouteInk::family(net.families[i].colour, variant),
                None => RouteInk::no_family(variant),
            };
            paths.push((key, family, ink));
            ink
        })
        .collect()
}

/// Inks the routes of a study's figures ([`inks`] over the map's routes, then the chart's, then
/// the breakdown's bars), so that a path has one ink on all three.
pub fn paint(
    net: &Network,
    on_map: &[Series],
    on_chart: &[Series],
    bars: &[Series],
) -> (Vec<Series>, Vec<Series>, Vec<Series>) {
    let all: Vec<&Route> = on_map
        .iter()
        .chain(on_chart)
        .chain(bars)
        .map(|s| &s.route)
        .collect();
    let mut inked = inks(net, &all).into_iter();
    let mut take = |list: &[Series]| -> Vec<Series> {
        list.iter()
            .map(|s| Series {
                ink: inked.next(),
                ..s.clone()
            })
            .collect()
    };
    let m = take(on_map);
    let c = take(on_chart);
    let b = take(bars);
    (m, c, b)
}

/// The bars of a breakdown chart from (painted) series: label, route and colour.
pub fn bar_groups(bars: &[Series]) -> Vec<BarGroup> {
    bars.iter()
        .map(|s| BarGroup {
            label: s.label.clone(),
            route: s.route.clone(),
            ink: s.ink,
        })
        .collect()
}

/// The breakdown chart's bars of a selection as series (not yet painted, see [`paint`]).
pub fn bar_series(sel: &Selection) -> Vec<Series> {
    sel.bars
        .iter()
        .map(|(label, route)| Series {
            label: label.clone(),
            route: route.clone(),
            ink: None,
            totals_in_label: false,
        })
        .collect()
}
