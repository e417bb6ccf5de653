//! The candidate routes of the logit choice, found once per demand: for each flow the paths of
//! the deterministic equilibrium, its best route by generalized cost, time and cost within its
//! own constraints, and the best by generalized cost within each corridor family (the family's
//! tags and countries joined with the flow's), each with the spread of its transit time
//! (P90 − P50 hours of [`crate::studies::reliability`], sampled once for all candidates with
//! common random numbers).

use super::iterate::{Setup, State};
use super::path::Path;
use crate::error::Result;
use crate::network::{Family, Network, Origin};
use crate::routing::{Objective, Outcome, Router};
use crate::studies::reliability;

/// Samples of the transit-time spread of each candidate (one study for all of them).
pub const SPREAD_SAMPLES: usize = 20_000;

/// A flow's candidate paths and, for each, its P90 − P50 hours.
pub(super) struct Candidates {
    /// Per flow, its paths (carrying no volume).
    pub(super) paths: Vec<Vec<Path>>,
    /// Per flow and path, P90 − P50 hours.
    pub(super) spread: Vec<Vec<f64>>,
}

/// `flow` joined with `family`: the family's tags and countries to travel, and both lists of
/// those to avoid.
fn joined(family: &Family, flow: Option<&Family>) -> Family {
    let mut f = Family {
        id: family.id.clone(),
        name: family.name.clone(),
        via_tags: family.via_tags.clone(),
        via_countries: family.via_countries.clone(),
        avoid_tags: family.avoid_tags.clone(),
        avoid_countries: family.avoid_countries.clone(),
        colour: Default::default(),
        origin: Origin::default(),
    };
    if let Some(flow) = flow {
        f.avoid_tags.extend(flow.avoid_tags.iter().cloned());
        f.avoid_countries
            .extend(flow.avoid_countries.iter().cloned());
    }
    f
}

/// The candidates of every flow at the waits of `state` (an equilibrium already found, whose
/// paths are taken first).
pub(super) fn find(setup: &Setup<'_>, state: &State) -> Result<Candidates> {
    let net = setup.net;
    let mut work: Network = net.clone();
    setup.queues.write_hours(&mut work, &state.hours);
    let router = Router::new(&work)?;
    let mut paths: Vec<Vec<Path>> = Vec::with_capacity(state.paths.len());
    for (fi, f) in setup.demand.flows.iter().enumerate() {
        let mut mine: Vec<Path> = state.paths[fi]
            .iter()
            .map(|p| Path {
                teu: 0.0,
                ..p.clone()
            })
            .collect();
        let c = &setup.constraints[fi];
        let own = setup.families[fi].as_ref();
        let mut routes = Vec::new();
        for objective in [Objective::Generalized, Objective::Time, Objective::Cost] {
            routes.push(match own {
                Some(fam) => router.route_family(f.from, f.to, objective, c, fam)?,
                None => router.route(f.from, f.to, objective, c)?,
            });
        }
        for fam in &net.families {
            let fam = joined(fam, own);
            routes.push(router.route_family(f.from, f.to, Objective::Generalized, c, &fam)?);
        }
        for outcome in routes {
            if let Outcome::Found(r) = outcome {
                if !mine.iter().any(|p| p.same_route(&r)) {
                    mine.push(Path::of(r, &setup.keys, &state.hours, setup.vot));
                }
            }
        }
        paths.push(mine);
    }
    let spread = spreads(net, &paths)?;
    Ok(Candidates { paths, spread })
}

/// P90 − P50 hours of every path, from one reliability study of them all (same seed, common
/// random numbers, so a difference between two paths is not sampling noise of two studies).
fn spreads(net: &Network, paths: &[Vec<Path>]) -> Result<Vec<Vec<f64>>> {
    let candidates: Vec<reliability::Candidate> = paths
        .iter()
        .flatten()
        .map(|p| reliability::Candidate {
            label: String::new(),
            family: None,
            route: p.route.clone(),
        })
        .collect();
    if candidates.is_empty() {
        return Ok(paths.iter().map(|_| Vec::new()).collect());
    }
    let opts = reliability::Options {
        samples: SPREAD_SAMPLES,
        ..Default::default()
    };
    let study = reliability::study(net, &candidates, &opts)?;
    let mut hours = study
        .routes
        .iter()
        .map(|r| 24.0 * (r.p90_days - r.p50_days).max(0.0));
    Ok(paths
        .iter()
        .map(|fp| fp.iter().map(|_| hours.next().unwrap_or(0.0)).collect())
        .collect())
}
