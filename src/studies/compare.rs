//! Comparisons: the same query across scenarios, side by side, with changes against the first.
//!
//! The base network is loaded once by the caller; each scenario is applied to it (a pure function)
//! and routed with its own search graph. Rows come out in scenario order, then corridor family
//! order (when the comparison is by corridor), then objective order. Printing a comparison is
//! [`crate::output::compare`]'s.

use serde::Serialize;

use crate::describe::{corridor_label, key_nodes};
use crate::error::Result;
use crate::network::Network;
use crate::query::Query;
use crate::routing::{Metrics, Objective, Outcome, Route, Router};
use crate::scenario::{self, Scenario};

/// Change of a row against the first scenario's row for the same objective.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Delta {
    /// Kilometres.
    pub km: f64,
    /// Days.
    pub days: f64,
    /// USD.
    pub usd: f64,
    /// kg CO2e.
    pub co2_kg: f64,
    /// Kilometres, % of the reference.
    pub km_pct: Option<f64>,
    /// Days, % of the reference.
    pub days_pct: Option<f64>,
    /// USD, % of the reference.
    pub usd_pct: Option<f64>,
    /// kg CO2e, % of the reference.
    pub co2_pct: Option<f64>,
}

/// One scenario × objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Position of the scenario in the request (0 is the reference).
    pub position: usize,
    /// Scenario name.
    pub scenario: String,
    /// The corridor family, when the comparison is by corridor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Objective.
    pub objective: Objective,
    /// The route (the `route` command's contract), if one exists.
    pub route: Option<Route>,
    /// Why there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_route: Option<String>,
    /// The route's corridor and key nodes, in words.
    pub summary: String,
    /// Change against the first scenario (none on the first scenario's own rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<Delta>,
    /// The route's median and 90th-percentile days (`compare --reliability`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Percentiles>,
}

/// A route's median and 90th-percentile days from a reliability study.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    /// Median days.
    pub p50_days: f64,
    /// 90th-percentile days.
    pub p90_days: f64,
}

/// A comparison's request: the query asked under every scenario (its own `scenario` is not
/// used: each scenario of the comparison takes its place, and the query's year, when it gives
/// one, overrides the scenarios' years), and whether to answer per corridor family.
#[derive(Debug, Clone)]
pub struct Request {
    /// What is asked.
    pub query: Query,
    /// One row per corridor family (the network's `[[family]]`s) rather than one best route.
    pub per_corridor: bool,
    /// Also sample every row's route (each scenario's routes together, common random numbers).
    pub reliability: Option<crate::studies::reliability::Options>,
}

impl Request {
    /// The comparison a study makes of `query` on `net`: per corridor family when the network
    /// declares some (else one best route per scenario and objective), without sampling.
    pub fn study(query: Query, net: &Network) -> Request {
        Request {
            query,
            per_corridor: !net.families.is_empty(),
            reliability: None,
        }
    }
}

/// A finished comparison: the scenarios (for their rationales) and the rows.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The scenarios in order.
    pub scenarios: Vec<Scenario>,
    /// The rows.
    pub rows: Vec<Row>,
    /// The base network (for names in outputs).
    pub network: Network,
}

impl Delta {
    /// The change from `base` to `now`: each measure's difference (days as the difference of the
    /// two routes' days) and its share of the base, none when the base is zero.
    pub fn between(now: &Metrics, base: &Metrics) -> Delta {
        let pct = |d: f64, base: f64| (base.abs() > 1e-9).then(|| 100.0 * d / base);
        let (km, days, usd, co2_kg) = (
            now.km - base.km,
            now.days() - base.days(),
            now.usd - base.usd,
            now.co2_kg - base.co2_kg,
        );
        Delta {
            km,
            days,
            usd,
            co2_kg,
            km_pct: pct(km, base.km),
            days_pct: pct(days, base.days()),
            usd_pct: pct(usd, base.usd),
            co2_pct: pct(co2_kg, base.co2_kg),
        }
    }
}

/// Runs a comparison: each scenario applied to `base`, each objective routed.
pub fn compare(base: &Network, scenarios: Vec<Scenario>, req: &Request) -> Result<Comparison> {
    req.query.check_objectives()?;
    if scenarios.is_empty() {
        return Err(crate::Error::InvalidArgument(
            "no scenario to compare: give at least one".into(),
        ));
    }
    if let Some(opts) = &req.reliability {
        // Every scenario's samples, so that a progress display knows the whole job at once (a
        // scenario without a route draws none: its share is counted as done).
        opts.progress
            .reserve(opts.samples as u64 * scenarios.len() as u64);
    }
    let mut rows = Vec::new();
    for (position, s) in scenarios.iter().enumerate() {
        let applied = scenario::apply(base, s)?;
        let q = Query {
            scenario: None,
            year: req.query.year.or(s.year),
            ..req.query.clone()
        };
        let p = q.prepare(&applied)?;
        let (net, from, to, c) = (p.network, p.from, p.to, p.constraints);
        let router = Router::new(&net)?;
        let families: Vec<Option<&crate::network::Family>> = if req.per_corridor {
            if net.families.is_empty() {
                return Err(crate::Error::InvalidArgument(
                    "the network declares no corridor families ([[family]] tables)".into(),
                ));
            }
            net.families.iter().map(Some).collect()
        } else {
            vec![None]
        };
        for family in families {
            for &objective in &req.query.objectives {
                let outcome = match family {
                    Some(f) => router.route_family(from, to, objective, &c, f)?,
                    None => router.route(from, to, objective, &c)?,
                };
                let row = match outcome {
                    Outcome::Found(r) => Row {
                        position,
                        scenario: s.name.clone(),
                        family: family.map(|f| f.id.clone()),
                        objective,
                        summary: match family {
                            Some(f) => format!("{}: {}", f.id, key_nodes(&net, &r).join(", ")),
                            None => corridor_label(&net, &r),
                        },
                        route: Some(r),
                        no_route: None,
                        delta: None,
                        reliability: None,
                    },
                    Outcome::NoRoute(why) => Row {
                        position,
                        scenario: s.name.clone(),
                        family: family.map(|f| f.id.clone()),
                        objective,
                        summary: match family {
                            Some(f) => format!("{}: none", f.id),
                            None => "no route".into(),
                        },
                        route: None,
                        no_route: Some(why.reason),
                        delta: None,
                        reliability: None,
                    },
                };
                rows.push(row);
            }
        }
        if let Some(opts) = &req.reliability {
            add_percentiles(&net, &mut rows, position, opts)?;
        }
    }
    add_deltas(&mut rows);
    Ok(Comparison {
        scenarios,
        rows,
        network: base.clone(),
    })
}

/// Samples the routes of the scenario at `position` together (common random numbers) and puts
/// each route's median and 90th-percentile days on its row.
fn add_percentiles(
    net: &Network,
    rows: &mut [Row],
    position: usize,
    opts: &crate::studies::reliability::Options,
) -> Result<()> {
    let mine: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].position == position && rows[i].route.is_some())
        .collect();
    let candidates: Vec<crate::studies::reliability::Candidate> = mine
        .iter()
        .map(|&i| crate::studies::reliability::Candidate {
            label: rows[i].summary.clone(),
            family: rows[i].family.clone(),
            route: rows[i].route.clone().expect("filtered on routes"),
        })
        .collect();
    if candidates.is_empty() {
        opts.progress.advance(opts.samples as u64);
    } else {
        let study = crate::studies::reliability::study(net, &candidates, opts)?;
        for (&i, r) in mine.iter().zip(&study.routes) {
            rows[i].reliability = Some(Percentiles {
                p50_days: r.p50_days,
                p90_days: r.p90_days,
            });
        }
    }
    Ok(())
}

/// Puts on every row of a later scenario its change against the first scenario's row of the same
/// objective and family.
fn add_deltas(rows: &mut [Row]) {
    // The first scenario by position, not by name: two files may carry the same name.
    let reference: Vec<(Option<String>, Objective, Route)> = rows
        .iter()
        .filter(|r| r.position == 0)
        .filter_map(|r| r.route.clone().map(|x| (r.family.clone(), r.objective, x)))
        .collect();
    for row in rows.iter_mut().filter(|r| r.position != 0) {
        let Some(route) = &row.route else { continue };
        let Some((_, _, base)) = reference
            .iter()
            .find(|(f, o, _)| *o == row.objective && *f == row.family)
        else {
            continue;
        };
        row.delta = Some(Delta::between(&route.total, &base.total));
    }
}
