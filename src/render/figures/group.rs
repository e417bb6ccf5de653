//! Routes turned into figure entries: identical routes merged into one labelled entry
//! ([`group`]), one colour per path across a study's figures ([`paint`]), and the breakdown's
//! bars ([`bar_series`], [`bar_groups`]).

use crate::render::chart::{BarGroup, Series};
use crate::render::figures::select::Selection;
use crate::render::format::format_usd;
use crate::routing::Route;

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
                colour: None,
                totals_in_label: differ,
            }
        })
        .collect()
}

/// One colour per route across a study's figures: each distinct path (links and transfers, see
/// [`Route::signature`]) gets the next palette index in order of first appearance on the map,
/// then on the time/cost-distance chart, then among the breakdown's bars; every series or bar of
/// that path, on any of the three figures, takes it.
pub fn paint(
    on_map: &[Series],
    on_chart: &[Series],
    bars: &[Series],
) -> (Vec<Series>, Vec<Series>, Vec<Series>) {
    let mut paths: Vec<String> = Vec::new();
    let mut colour = |s: &Series| -> Series {
        let key = s.route.signature();
        let i = match paths.iter().position(|p| *p == key) {
            Some(i) => i,
            None => {
                paths.push(key);
                paths.len() - 1
            }
        };
        Series {
            colour: Some(i),
            ..s.clone()
        }
    };
    let m: Vec<Series> = on_map.iter().map(&mut colour).collect();
    let c: Vec<Series> = on_chart.iter().map(&mut colour).collect();
    let b: Vec<Series> = bars.iter().map(&mut colour).collect();
    (m, c, b)
}

/// The bars of a breakdown chart from (painted) series: label, route and colour.
pub fn bar_groups(bars: &[Series]) -> Vec<BarGroup> {
    bars.iter()
        .map(|s| BarGroup {
            label: s.label.clone(),
            route: s.route.clone(),
            colour: s.colour,
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
            colour: None,
            totals_in_label: false,
        })
        .collect()
}
