//! The transit-time spread of the routes a case uses: each route's P90 − P50 hours from the
//! reliability model ([`crate::studies::reliability`], [`SAMPLES`] samples, seed [`SEED`],
//! common random numbers), weighted by the TEU a year on it (the benefits count it per FEU).
//!
//! Thousands of cases use mostly the same routes, so a route's spread is studied once and
//! remembered. The cache key is [`Key`]: exactly what the reliability model samples a route
//! from, no more. A route is reduced to its fixed hours and its terms (record, coefficient of
//! the record's draw, whether its shock counts: [`reliability::profile`] and
//! [`reliability::terms`]); a sample of it is the fixed hours plus, record by record in index
//! order, the coefficient times draw number `i` of the record's own stream (seeded by the seed
//! and the record's index alone) plus the record's shock. Its percentiles are taken from its own
//! column of samples. So two routes with equal keys have the same hours in every sample, and
//! the same P50 and P90, whatever case they are in and whatever other routes share the study.
//!
//! A project edit can change a route's key (a `set` of a wait or a dwell changes the step's
//! hours and so the coefficient hours / loaded hours of its record; a capacity change moves the
//! equilibrium waits the route was found at), so keying by the route's links alone would not be
//! exact; keying by the terms is, and a route whose terms no case changes is studied once. The
//! variability records themselves are the network's: no scenario edit adds, removes or changes
//! one (a test checks that every case of the shipped candidates keeps them), so a record index
//! means the same record in every case.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::Result;
use crate::network::Network;
use crate::routing::Route;
use crate::studies::assign::Assignment;
use crate::studies::reliability;

/// Samples of each study of spreads.
pub const SAMPLES: usize = 20_000;

/// The seed of every study of spreads.
pub const SEED: u64 = 1;

/// What a route's spread depends on: its fixed hours and, per record it takes (in index
/// order), the coefficient of the record's draw and whether its shock counts (as bit patterns,
/// so that equal keys are equal inputs).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    fixed: u64,
    terms: Vec<(usize, u64, bool)>,
}

impl Key {
    /// The key of `route` on `net`.
    pub fn of(net: &Network, route: &Route) -> Key {
        let p = reliability::profile(net, route);
        Key {
            fixed: p.fixed_hours.to_bits(),
            terms: reliability::terms(net, &p)
                .into_iter()
                .map(|t| (t.record, t.draw.to_bits(), t.shock))
                .collect(),
        }
    }

    /// Whether the route varies at all (without terms its spread is 0: every sample is its
    /// fixed hours).
    pub fn varies(&self) -> bool {
        !self.terms.is_empty()
    }
}

/// The spreads studied so far, shared by the cases assigned on several threads (a value does
/// not depend on which case studied it first, see the module's words).
#[derive(Debug, Default)]
pub struct Spreads {
    hours: Mutex<HashMap<Key, f64>>,
    studies: Mutex<usize>,
}

/// The routes of an assignment that carry volume: per flow, (route, TEU a year).
fn used(a: &Assignment) -> Vec<Vec<(&Route, f64)>> {
    a.flows
        .iter()
        .map(|f| {
            f.routes
                .iter()
                .filter(|r| r.teu > 0.0)
                .map(|r| (&r.route, r.teu))
                .collect()
        })
        .collect()
}

/// P90 − P50 hours of each route, from one study of them all.
fn study(net: &Network, routes: &[&Route]) -> Result<Vec<f64>> {
    let candidates: Vec<reliability::Candidate> = routes
        .iter()
        .map(|r| reliability::Candidate {
            label: String::new(),
            family: None,
            route: (*r).clone(),
        })
        .collect();
    let opts = reliability::Options {
        samples: SAMPLES,
        seed: SEED,
        ..Default::default()
    };
    let st = reliability::study(net, &candidates, &opts)?;
    Ok(st
        .routes
        .iter()
        .map(|r| 24.0 * (r.p90_days - r.p50_days).max(0.0))
        .collect())
}

/// Σ over each flow's routes of TEU × P90 − P50 hours, `spread` giving a route's hours.
fn per_flow(used: &[Vec<(&Route, f64)>], spread: &dyn Fn(usize, usize) -> f64) -> Vec<f64> {
    used.iter()
        .enumerate()
        .map(|(fi, f)| {
            f.iter()
                .enumerate()
                .map(|(ri, (_, teu))| teu * spread(fi, ri))
                .sum()
        })
        .collect()
}

impl Spreads {
    /// No spread known yet.
    pub fn new() -> Spreads {
        Spreads::default()
    }

    /// Routes studied so far (distinct keys).
    pub fn known(&self) -> usize {
        self.hours.lock().map_or(0, |h| h.len())
    }

    /// Reliability studies run so far.
    pub fn studies(&self) -> usize {
        self.studies.lock().map_or(0, |n| *n)
    }

    /// Per flow of `a` (assigned on `net`), TEU-hours a year of P90 − P50 spread: the routes
    /// not known yet studied together, the others remembered.
    pub fn per_flow(&self, net: &Network, a: &Assignment) -> Result<Vec<f64>> {
        let used = used(a);
        let keys: Vec<Vec<Key>> = used
            .iter()
            .map(|f| f.iter().map(|(r, _)| Key::of(net, r)).collect())
            .collect();
        let missing: Vec<(&Key, &Route)> = {
            let known = self.hours.lock().expect("a spread cache is never poisoned");
            let mut missing: Vec<(&Key, &Route)> = Vec::new();
            for (f, fk) in used.iter().zip(&keys) {
                for ((r, _), k) in f.iter().zip(fk) {
                    if k.varies() && !known.contains_key(k) && !missing.iter().any(|(m, _)| *m == k)
                    {
                        missing.push((k, r));
                    }
                }
            }
            missing
        };
        if !missing.is_empty() {
            let routes: Vec<&Route> = missing.iter().map(|m| m.1).collect();
            let hours = study(net, &routes)?;
            let mut known = self.hours.lock().expect("a spread cache is never poisoned");
            for ((k, _), h) in missing.iter().zip(hours) {
                known.insert((*k).clone(), h);
            }
            *self.studies.lock().expect("a counter is never poisoned") += 1;
        }
        let known = self.hours.lock().expect("a spread cache is never poisoned");
        Ok(per_flow(&used, &|fi, ri| {
            let k = &keys[fi][ri];
            if k.varies() {
                known.get(k).copied().unwrap_or(0.0)
            } else {
                0.0
            }
        }))
    }
}

/// What [`Spreads::per_flow`] gives, without a cache: one study of every route of `a` on
/// `net` (the reference the cache is checked against).
pub fn uncached(net: &Network, a: &Assignment) -> Result<Vec<f64>> {
    let used = used(a);
    let routes: Vec<&Route> = used.iter().flatten().map(|(r, _)| *r).collect();
    if routes.is_empty() {
        return Ok(used.iter().map(|_| 0.0).collect());
    }
    let hours = study(net, &routes)?;
    let mut at = Vec::with_capacity(used.len());
    let mut k = 0;
    for f in &used {
        at.push(k);
        k += f.len();
    }
    Ok(per_flow(&used, &|fi, ri| hours[at[fi] + ri]))
}
