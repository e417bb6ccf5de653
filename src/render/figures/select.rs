//! Which routes a set of figures shows: the [`Selection`] of a comparison (or of a query's
//! routes, [`by_objective`]), with its title and file stem.

use crate::render::figures::words::title;
use crate::render::map::Extent;
use crate::routing::{Objective, Route};
use crate::studies::compare::Comparison;

/// Routes paired with the objective that chose them ("fastest", "cheapest"…).
pub fn by_objective(routes: &[Route]) -> Vec<(String, Route)> {
    routes
        .iter()
        .map(|r| (r.objective.adjective().to_string(), r.clone()))
        .collect()
}

/// What a set of figures shows: the routes on the map and the time/cost-distance chart (each
/// paired with who chose it), the bars of the breakdown chart, a title and a file stem.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Routes on the map and the time/cost-distance chart.
    pub chosen: Vec<(String, Route)>,
    /// Bars of the breakdown chart.
    pub bars: Vec<(String, Route)>,
    /// The figures' title.
    pub title: String,
    /// File names start with this ("compare-xian-duisburg").
    pub stem: String,
    /// What the map shows.
    pub extent: Extent,
}

/// The figures of a comparison: the fastest and the cheapest route of every scenario on the map
/// and the chart (identical ones merged when drawn), and one bar per scenario for its fastest
/// route (or for the first objective asked when neither time nor cost was); `None` when no
/// scenario has a route.
///
/// A comparison by corridor family draws the reference scenario's fastest route of each family
/// instead (the cheapest where time was not asked), labelled by the family, on all three figures.
pub fn comparison_selection(c: &Comparison) -> Option<Selection> {
    if c.rows.iter().any(|r| r.family.is_some()) {
        let o = if c.rows.iter().any(|r| r.objective == Objective::Time) {
            Objective::Time
        } else {
            c.rows.first()?.objective
        };
        let chosen: Vec<(String, Route)> = c
            .rows
            .iter()
            .filter(|r| r.position == 0 && r.objective == o)
            .filter_map(|r| {
                let name = c
                    .network
                    .families
                    .iter()
                    .find(|f| Some(&f.id) == r.family.as_ref())
                    .map_or_else(|| r.scenario.clone(), |f| f.name.clone());
                r.route.clone().map(|x| (name, x))
            })
            .collect();
        let first = chosen.first().map(|(_, r)| r.clone())?;
        return Some(Selection {
            title: format!("{} · by corridor", title(&c.network, &first, true)),
            stem: format!("compare-{}-{}", first.from, first.to),
            extent: Extent::FitRoutes,
            bars: chosen.clone(),
            chosen,
        });
    }
    let asked: Vec<Objective> = {
        let mut v: Vec<_> = c.rows.iter().map(|r| r.objective).collect();
        v.dedup();
        v.sort();
        v.dedup();
        v
    };
    let mut wanted: Vec<_> = [Objective::Time, Objective::Cost]
        .into_iter()
        .filter(|o| asked.contains(o))
        .collect();
    if wanted.is_empty() {
        wanted = asked.first().copied().into_iter().collect();
    }
    let pick = |o| -> Vec<(String, Route)> {
        c.rows
            .iter()
            .filter(|r| r.objective == o)
            .filter_map(|r| r.route.clone().map(|x| (r.scenario.clone(), x)))
            .collect()
    };
    let chosen: Vec<(String, Route)> = wanted.iter().flat_map(|&o| pick(o)).collect();
    let first = chosen.first().map(|(_, r)| r.clone())?;
    Some(Selection {
        title: format!(
            "{} · {} scenarios",
            title(&c.network, &first, false),
            c.scenarios.len()
        ),
        stem: format!("compare-{}-{}", first.from, first.to),
        extent: Extent::FitRoutes,
        bars: pick(wanted[0]),
        chosen,
    })
}
