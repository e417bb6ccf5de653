//! The candidate routes of the logit choice, found once per demand: for each flow the paths of
//! the deterministic equilibrium, its best route by generalized cost, time and cost within its
//! own constraints, and the best by generalized cost within each corridor family (the family's
//! tags and countries joined with the flow's), each with the spread of its transit time
//! (P90 − P50 hours of [`crate::studies::reliability`], sampled once for all candidates with
//! common random numbers), and its path size (Ben-Akiva and Bierlaire 1999): the share of its
//! length it does not share with the flow's other candidates, so that two variants of one
//! corridor split the weight one route would have rather than doubling it.

use super::iterate::{Setup, State};
use super::path::Path;
use crate::error::Result;
use crate::network::{Family, Network, Origin};
use crate::routing::{Objective, Outcome, Router, StepKind};
use crate::studies::reliability;

/// Samples of the transit-time spread of each candidate (one study for all of them).
pub const SPREAD_SAMPLES: usize = 20_000;

/// A flow's candidate paths and, for each, its P90 − P50 hours.
pub(super) struct Candidates {
    /// Per flow, its paths (carrying no volume).
    pub(super) paths: Vec<Vec<Path>>,
    /// Per flow and path, P90 − P50 hours.
    pub(super) spread: Vec<Vec<f64>>,
    /// Per flow and path, its path size (0–1].
    pub(super) size: Vec<Vec<f64>>,
}

/// The path size of each of a flow's paths, each given as its hauls (link id, km):
/// PS = Σ over its links (km / its length) / (the number of the paths using the link); 1 for a
/// path sharing no link (or with no length).
pub fn path_size(paths: &[Vec<(&str, f64)>]) -> Vec<f64> {
    let users = |link: &str| {
        paths
            .iter()
            .filter(|p| p.iter().any(|h| h.0 == link))
            .count()
    };
    paths
        .iter()
        .map(|p| {
            let length: f64 = p.iter().map(|h| h.1).sum();
            if length <= 0.0 {
                return 1.0;
            }
            p.iter()
                .map(|&(l, km)| km / length / users(l).max(1) as f64)
                .sum()
        })
        .collect()
}

/// A path's hauls as (link id, km).
fn hauls(p: &Path) -> Vec<(&str, f64)> {
    p.route
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Haul)
        .filter_map(|s| s.link.as_ref().map(|l| (l.as_str(), s.metrics.km)))
        .collect()
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
    let size = paths
        .iter()
        .map(|fp| path_size(&fp.iter().map(hauls).collect::<Vec<_>>()))
        .collect();
    Ok(Candidates {
        paths,
        spread,
        size,
    })
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

#[cfg(test)]
mod tests {
    use super::path_size;

    #[test]
    fn path_size_splits_shared_length_among_its_users() {
        // A and B share 90 of their 100 km; C shares nothing.
        let a = vec![("x", 90.0), ("b", 10.0)];
        let b = vec![("x", 90.0), ("c", 10.0)];
        let c = vec![("d", 100.0)];
        let ps = path_size(&[a.clone(), b, c]);
        assert!((ps[0] - 0.55).abs() < 1e-12 && (ps[1] - 0.55).abs() < 1e-12);
        assert_eq!(ps[2], 1.0);
        // Alone, a path has size 1; two identical paths have a half each.
        assert_eq!(path_size(std::slice::from_ref(&a)), vec![1.0]);
        assert_eq!(path_size(&[a.clone(), a]), vec![0.5, 0.5]);
    }
}
