//! Transit-time reliability: Monte Carlo over the network's `[[variability]]` records for a set
//! of routes (the best of each corridor family, alternatives), with common random numbers.
//!
//! A route is reduced once to a [`Profile`]: its fixed hours plus, per record, the coefficient
//! its draw enters with (the sum over the route's components of current / loaded hours, so a
//! scenario that halves a dwell halves its spread too) and whether the record's shock (and an
//! added `delay`) counts; [`terms`] gives it as the sampler takes it. A sample is then a draw of
//! every record and a sum per route: no search, no copy of the network.
//!
//! `sample` draws in blocks of samples, record by record (structure of arrays), from
//! counter-based streams: number `i` of a record's stream is sample `i`'s, so the output is the
//! same bytes on any number of threads. It keeps of each sample only a 32-bit order key;
//! `quantile` finds the percentiles from the keys by selection, not by sorting, and draws the
//! few samples at those ranks again to give their exact hours.
//!
//! Percentiles are nearest-rank on the sorted sample (P_q = the ⌈qN⌉-th smallest). "Fastest"
//! counts, per sample, the route with the fewest hours (a tie goes to the route listed first).
//! The mean is the sum of the hours (added in a fixed order) over 24N. The variance shares are
//! closed forms (records are independent): a route's variance is Σ a² Var(X) + Var(shock) over
//! its records.
//!
//! `query` runs the study for a [`crate::Query`]: the routes it samples and the answer.

mod quantile;
mod query;
mod sample;

pub use query::Reliability;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::network::{Component, Network, Part};
use crate::progress::Progress;
use crate::routing::{Route, StepKind};

/// A route in the study, with how to call it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// What the tables call it ("Middle Corridor via Türkiye", "northern, alternative 2").
    pub label: String,
    /// The corridor family it is the best of, if it is.
    pub family: Option<String>,
    /// The route.
    pub route: Route,
}

/// How a study samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Number of samples (≥ 1).
    pub samples: usize,
    /// The master seed.
    pub seed: u64,
    /// The month shipped in (1–12): shocks limited to some months apply at full probability in
    /// them and not at all outside; `None` averages over the year.
    pub month: Option<u8>,
    /// Days for P(arrive within D days).
    pub within_days: Option<f64>,
    /// Counts the samples drawn as blocks finish, for a progress display on another thread
    /// (each study reserves its samples as it starts; the answer does not depend on it).
    pub progress: Progress,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            samples: 100_000,
            seed: 1,
            month: None,
            within_days: None,
            progress: Progress::default(),
        }
    }
}

/// The most samples a study takes (4 bytes per sample and route are kept for percentiles).
pub const MAX_SAMPLES: usize = 10_000_000;

/// A route reduced to what a sample needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Hours that do not vary.
    pub fixed_hours: f64,
    /// (record index, coefficient of its draw).
    pub draws: Vec<(usize, f64)>,
    /// Records whose shock (or added delay) the route takes once.
    pub once: Vec<usize>,
}

/// A record's contribution to a route's spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The record's id.
    pub id: String,
    /// Its share of the route's variance (0–1).
    pub share: f64,
}

/// One route's transit-time distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteStats {
    /// Label.
    pub label: String,
    /// Corridor family, if the route is a family's best.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Days with every component at its fixed value (the router's answer).
    pub fixed_days: f64,
    /// Mean days.
    pub mean_days: f64,
    /// Percentiles of days.
    pub p10_days: f64,
    /// Median days.
    pub p50_days: f64,
    /// 90th percentile of days.
    pub p90_days: f64,
    /// 95th percentile of days.
    pub p95_days: f64,
    /// P(days ≤ `within_days`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p_within: Option<f64>,
    /// Share of samples in which this route is the fastest of the study.
    pub p_fastest: f64,
    /// USD per FEU (costs do not vary in this model).
    pub usd: f64,
    /// kg CO2e per FEU.
    pub co2_kg: f64,
    /// The records behind the spread, largest share first (those above 0).
    pub spread_from: Vec<Contribution>,
    /// Days at each percentile 1…99 (for CDF charts).
    #[serde(skip)]
    pub cdf: Vec<f64>,
}

/// A reliability study's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Study {
    /// Samples drawn.
    pub samples: usize,
    /// The master seed.
    pub seed: u64,
    /// The month, if one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// The days of P(within).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within_days: Option<f64>,
    /// One entry per candidate, in the candidates' order.
    pub routes: Vec<RouteStats>,
}

/// What to order a study's routes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Median days.
    P50,
    /// 90th-percentile days: the date a planner can promise nine times in ten.
    P90,
    /// 95th-percentile days.
    P95,
    /// Mean days.
    Mean,
}

impl Study {
    /// Orders the routes by `o`, lowest first (a stable sort: ties keep the study's order).
    pub fn order_by(&mut self, o: Order) {
        let key = |r: &RouteStats| match o {
            Order::P50 => r.p50_days,
            Order::P90 => r.p90_days,
            Order::P95 => r.p95_days,
            Order::Mean => r.mean_days,
        };
        self.routes.sort_by(|a, b| key(a).total_cmp(&key(b)));
    }

    /// The index of the route with the lowest P90 days (the first on a tie).
    pub fn best_p90(&self) -> Option<usize> {
        (0..self.routes.len()).min_by(|&a, &b| {
            self.routes[a]
                .p90_days
                .total_cmp(&self.routes[b].p90_days)
                .then(a.cmp(&b))
        })
    }
}

/// Reduces a route of `net` to its profile.
pub fn profile(net: &Network, route: &Route) -> Profile {
    let mut by_link: HashMap<(&str, Part), usize> = HashMap::new();
    let mut by_transfer: HashMap<(&str, crate::network::TransferKind), usize> = HashMap::new();
    let mut loaded_of: HashMap<(&str, Part), [f64; 2]> = HashMap::new();
    let mut loaded_transfer: HashMap<(&str, crate::network::TransferKind), f64> = HashMap::new();
    for (r, v) in net.variability.iter().enumerate() {
        for c in &v.applies {
            match c {
                Component::Link { link, part, loaded } => {
                    by_link.insert((link.as_str(), *part), r);
                    loaded_of.insert((link.as_str(), *part), *loaded);
                }
                Component::Transfer { node, kind, loaded } => {
                    by_transfer.insert((node.as_str(), *kind), r);
                    loaded_transfer.insert((node.as_str(), *kind), *loaded);
                }
            }
        }
    }
    let mut fixed = 0.0;
    let mut coef: Vec<(usize, f64)> = Vec::new();
    let mut once: Vec<usize> = Vec::new();
    let add = |coef: &mut Vec<(usize, f64)>, r: usize, a: f64| match coef
        .iter_mut()
        .find(|(x, _)| *x == r)
    {
        Some((_, c)) => *c += a,
        None => coef.push((r, a)),
    };
    for s in &route.steps {
        let found = match (s.kind, s.link.as_deref()) {
            (StepKind::Transfer, _) => s.transfer.and_then(|k| {
                let key = (&*s.from, k);
                by_transfer.get(&key).map(|&r| (r, loaded_transfer[&key]))
            }),
            (kind, Some(link)) => {
                let part = match kind {
                    StepKind::Wait if s.aboard => Part::Call,
                    StepKind::Wait => Part::Wait,
                    StepKind::Haul => Part::Run,
                    _ => Part::Border,
                };
                // A haul may also carry an added delay, taken once.
                if kind == StepKind::Haul {
                    if let Some(&r) = by_link.get(&(link, Part::Delay)) {
                        if !once.contains(&r) {
                            once.push(r);
                        }
                    }
                }
                // The distribution describes the forward direction (`from` → `to`) as loaded;
                // the other direction is scaled by its own hours against those.
                by_link.get(&(link, part)).map(|&r| {
                    let [fwd, back] = loaded_of[&(link, part)];
                    (r, if fwd > 0.0 { fwd } else { back })
                })
            }
            _ => None,
        };
        match found {
            Some((r, loaded)) if loaded > 0.0 => {
                if net.variability[r].distribution.is_some() {
                    add(&mut coef, r, s.metrics.hours / loaded);
                } else {
                    fixed += s.metrics.hours;
                }
                if !once.contains(&r) {
                    once.push(r);
                }
            }
            _ => fixed += s.metrics.hours,
        }
    }
    coef.sort_by_key(|&(r, _)| r);
    once.sort();
    Profile {
        fixed_hours: fixed,
        draws: coef,
        once,
    }
}

/// One term of a route's hours: a record's draw times `draw`, plus its shock if `shock`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Term {
    /// The record's index in the network's `variability`.
    pub record: usize,
    /// The coefficient of the record's distribution draw (0 when it does not enter).
    pub draw: f64,
    /// Whether the record's shock is added (once).
    pub shock: bool,
}

/// A profile as the sampler takes it: its hours are `fixed_hours` + Σ over these terms (in
/// record order) of `draw` × the record's draw, + its shock where `shock`. An added delay's draw
/// enters once (coefficient 1); a record appears once.
pub fn terms(net: &Network, p: &Profile) -> Vec<Term> {
    fn at(out: &mut Vec<Term>, r: usize) -> &mut Term {
        match out.iter().position(|t| t.record == r) {
            Some(i) => &mut out[i],
            None => {
                out.push(Term {
                    record: r,
                    draw: 0.0,
                    shock: false,
                });
                out.last_mut().expect("just pushed")
            }
        }
    }
    let mut out: Vec<Term> = Vec::new();
    for &(r, a) in &p.draws {
        at(&mut out, r).draw += a;
    }
    for &r in &p.once {
        let t = at(&mut out, r);
        t.shock = true;
        if r < net.variability.len() && is_delay(net, r) {
            t.draw += 1.0;
        }
    }
    out.retain(|t| t.record < net.variability.len());
    out.sort_by_key(|t| t.record);
    out
}

/// Whether a record is an added delay (its components are `delay` parts).
fn is_delay(net: &Network, r: usize) -> bool {
    net.variability[r].applies.iter().any(|c| {
        matches!(
            c,
            Component::Link {
                part: Part::Delay,
                ..
            }
        )
    })
}

/// Runs the study: `opts.samples` samples of every candidate's days, counted into
/// `opts.progress` as blocks of them finish.
pub fn study(net: &Network, candidates: &[Candidate], opts: &Options) -> Result<Study> {
    if !(1..=MAX_SAMPLES).contains(&opts.samples) {
        return Err(Error::InvalidArgument(format!(
            "--samples {}: give 1 to {MAX_SAMPLES}",
            opts.samples
        )));
    }
    if let Some(m) = opts.month {
        if !(1..=12).contains(&m) {
            return Err(Error::InvalidArgument(format!(
                "--month {m}: give a month 1–12"
            )));
        }
    }
    if let Some(d) = opts.within_days {
        if !(d.is_finite() && d >= 0.0) {
            return Err(Error::InvalidArgument(format!(
                "--within {d}: give a number of days ≥ 0"
            )));
        }
    }
    if candidates.is_empty() {
        return Err(Error::InvalidArgument("no route to study".into()));
    }
    // A caller may build records with any numbers: sample only those that describe hours.
    for v in &net.variability {
        let why = v.distribution.as_ref().and_then(|d| {
            d.problem()
                .map(|why| format!("its {} distribution: {why}", d.kind()))
        });
        if let Some(why) = why.or_else(|| {
            v.shock
                .as_ref()
                .and_then(|s| s.problem())
                .map(|w| format!("its shock: {w}"))
        }) {
            return Err(Error::InvalidArgument(format!(
                "variability record `{}`: {why}",
                crate::error::clip(&v.id)
            )));
        }
    }
    opts.progress.reserve(opts.samples as u64);
    let profiles: Vec<Profile> = candidates.iter().map(|c| profile(net, &c.route)).collect();
    let n = opts.samples;
    let routes: Vec<(f64, Vec<Term>)> = profiles
        .iter()
        .map(|p| (p.fixed_hours, terms(net, p)))
        .collect();
    let plan = sample::Plan::new(net, &routes, opts.seed, opts.month);
    let sampled = sample::run(&plan, n, opts.within_days, &opts.progress);
    // Nearest rank: P_q is the ⌈qN⌉-th smallest; P10, P50, P90 and P95 are among the CDF's.
    let ranks: Vec<usize> = (1..100)
        .map(|p| ((p as f64 / 100.0 * n as f64).ceil() as usize).clamp(1, n) - 1)
        .collect();
    let routes: Vec<RouteStats> = (0..candidates.len())
        .into_par_iter()
        .map(|j| {
            let col = quantile::Column {
                keys: &sampled.keys[j * n..(j + 1) * n],
                range: sampled.range[j],
                least: (sampled.least[j].0, sampled.least[j].1 as usize),
            };
            let cdf: Vec<f64> = quantile::select(&col, &ranks, &|i| plan.hours_at(j, i as u64))
                .into_iter()
                .map(|h| h / 24.0)
                .collect();
            let c = &candidates[j];
            RouteStats {
                label: c.label.clone(),
                family: c.family.clone(),
                fixed_days: c.route.total.days(),
                mean_days: sampled.sum[j] / 24.0 / n as f64,
                p10_days: cdf[9],
                p50_days: cdf[49],
                p90_days: cdf[89],
                p95_days: cdf[94],
                p_within: opts
                    .within_days
                    .map(|_| sampled.within[j] as f64 / n as f64),
                p_fastest: sampled.wins[j] as f64 / n as f64,
                usd: c.route.total.usd,
                co2_kg: c.route.total.co2_kg,
                spread_from: contributions(net, &profiles[j], opts.month),
                cdf,
            }
        })
        .collect();
    Ok(Study {
        samples: n,
        seed: opts.seed,
        month: opts.month,
        within_days: opts.within_days,
        routes,
    })
}

/// The closed-form variance of a profile's hours, by record.
pub fn variance_by_record(net: &Network, p: &Profile, month: Option<u8>) -> Vec<(usize, f64)> {
    let mut out: Vec<(usize, f64)> = Vec::new();
    let mut add = |r: usize, v: f64| match out.iter_mut().find(|(x, _)| *x == r) {
        Some((_, t)) => *t += v,
        None => out.push((r, v)),
    };
    // A profile made for another network may name records this one lacks: they add nothing.
    for &(r, a) in &p.draws {
        if let Some(d) = net.variability.get(r).and_then(|v| v.distribution.as_ref()) {
            add(r, a * a * d.variance());
        }
    }
    for &r in &p.once {
        let Some(v) = net.variability.get(r) else {
            continue;
        };
        if let Some(s) = &v.shock {
            add(r, s.variance(s.probability(month)));
        }
        if let (Some(d), true) = (&v.distribution, is_delay(net, r)) {
            add(r, d.variance());
        }
    }
    out
}

/// The closed-form mean hours of a profile.
pub fn mean_hours(net: &Network, p: &Profile, month: Option<u8>) -> f64 {
    let mut h = p.fixed_hours;
    for &(r, a) in &p.draws {
        if let Some(d) = net.variability.get(r).and_then(|v| v.distribution.as_ref()) {
            h += a * d.mean();
        }
    }
    for &r in &p.once {
        let Some(v) = net.variability.get(r) else {
            continue;
        };
        if let Some(s) = &v.shock {
            h += s.mean(s.probability(month));
        }
        if let (Some(d), true) = (&v.distribution, is_delay(net, r)) {
            h += d.mean();
        }
    }
    h
}

fn contributions(net: &Network, p: &Profile, month: Option<u8>) -> Vec<Contribution> {
    let parts = variance_by_record(net, p, month);
    let total: f64 = parts.iter().map(|(_, v)| v).sum();
    let mut out: Vec<Contribution> = parts
        .into_iter()
        .filter(|&(_, v)| v > 0.0 && total > 0.0)
        .map(|(r, v)| Contribution {
            id: net.variability[r].id.clone(),
            share: v / total,
        })
        .collect();
    out.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use crate::network::distribution::{Distribution, Shock};
    use crate::query::Query;

    #[test]
    fn records_a_caller_built_with_bad_numbers_are_refused_not_sampled() {
        let base = crate::load::embedded().unwrap();
        let q = Query::new("xian", "duisburg");
        let opts = super::Options {
            samples: 10,
            ..Default::default()
        };
        let mut net = base.clone();
        net.variability[0].distribution = Some(Distribution::Empirical { values: vec![] });
        let e = q.reliability(&net, 0, 0.5, &opts).unwrap_err().to_string();
        assert!(
            e.contains(&net.variability[0].id) && e.contains("at least one number"),
            "{e}"
        );
        let mut net = base.clone();
        net.variability[0].shock = Some(Shock {
            p: 2.0,
            months: vec![],
            delay: Distribution::Fixed { value: 1.0 },
        });
        let e = q.reliability(&net, 0, 0.5, &opts).unwrap_err().to_string();
        assert!(e.contains("probability 2"), "{e}");
        let e = q
            .reliability(&base, 21, 0.5, &opts)
            .unwrap_err()
            .to_string();
        assert!(e.contains("give 0 to 20"), "{e}");
        // A profile naming records the network lacks adds nothing, and does not panic.
        let stray = super::Profile {
            fixed_hours: 5.0,
            draws: vec![(usize::MAX, 1.0)],
            once: vec![usize::MAX - 1],
        };
        assert!(super::variance_by_record(&base, &stray, None).is_empty());
        assert_eq!(super::mean_hours(&base, &stray, None), 5.0);
    }
}
