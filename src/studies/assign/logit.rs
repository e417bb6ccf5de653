//! The logit route choice: a stochastic user equilibrium over each flow's candidate routes.
//!
//! A flow's volume is split over its candidates ([`super::candidates`]) in proportion to
//! PS × exp(−θ × cost) (a path-size logit: PS, the route's path size, is 1 for a route sharing
//! no link with the flow's other candidates and less for variants of one corridor, so that they
//! share one route's weight), the cost of a route being USD + value of time × (hours + reliability weight ×
//! (P90 − P50) hours), per FEU, at the waits its elements have under the load of every flow. The
//! waits follow the load and the shares follow the waits: the answer is the fixed point. It is found
//! as the deterministic equilibrium of the costs c + (ln(x / volume) − ln PS) / θ (Fisk 1980), by the
//! Newton steps of [`super::assign`]'s gradient projection with that entropy term's curvature
//! added (damped by half, down to 1/64, each time the gap grows). Its gap is the relative change Σ |shares at x − x| / Σ volume, 0 at the fixed point.
//! As θ grows the shares tend to the deterministic equilibrium of [`super::assign`].

use serde::Serialize;

use super::answer;
use super::assignment::{Assignment, Options};
use super::candidates::{self, Candidates};
use super::iterate::{Convergence, Setup, State};
use crate::error::{Error, Result};
use crate::network::Network;
use crate::studies::demand::Demand;

/// The parameters of the logit choice.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Choice {
    /// Dispersion θ, per USD per FEU: two routes whose costs differ by 1/θ USD share a flow
    /// e : 1 (large: nearly all on the cheapest; small: nearly even).
    pub theta: f64,
    /// Value of time, USD per FEU-hour.
    pub value_of_time: f64,
    /// Reliability weight λ: each hour of P90 − P50 counts as λ hours of travel.
    pub reliability: f64,
}

impl Choice {
    /// Checks the values: θ positive, value of time and weight not negative, all finite.
    pub fn check(&self) -> Result<()> {
        let bad = |what: &str, v: f64, need: &str| {
            Err(Error::InvalidArgument(format!(
                "route choice: {what} {v} must be {need}"
            )))
        };
        if !(self.theta.is_finite() && self.theta > 0.0) {
            return bad("theta", self.theta, "a positive number");
        }
        if !(self.value_of_time.is_finite() && self.value_of_time >= 0.0) {
            return bad("value_of_time", self.value_of_time, "0 or more");
        }
        if !(self.reliability.is_finite() && self.reliability >= 0.0) {
            return bad("reliability", self.reliability, "0 or more");
        }
        Ok(())
    }
}

/// A demand's logit model, prepared once (the deterministic equilibrium, the candidates and
/// their spreads) and assigned at any parameters.
pub struct Logit<'a> {
    setup: Setup<'a>,
    candidates: Candidates,
    year: i32,
    gap: f64,
    max_iterations: usize,
}

/// The smallest damping of the Newton steps.
const MIN_STEP: f64 = 1.0 / 64.0;

impl<'a> Logit<'a> {
    /// Prepares `demand` on `net`: checks as [`super::assign`], runs the deterministic
    /// equilibrium for its paths, and finds the candidates. `opts.gap` and
    /// `opts.max_iterations` also stop the logit's fixed point.
    pub fn new(net: &'a Network, demand: &'a Demand, opts: &Options) -> Result<Logit<'a>> {
        let (horizon, year) = super::check(net, demand, opts)?;
        let setup = Setup::new(net, demand, horizon, year);
        let mut state = State::new(&setup)?;
        // The deterministic equilibrium only proposes paths: to its usual gap.
        let paths_opts = Options {
            gap: opts.gap.max(1e-4),
            ..opts.clone()
        };
        state.iterate(&setup, &paths_opts)?;
        state.evaluate_waits(&setup)?;
        let candidates = candidates::find(&setup, &state)?;
        Ok(Logit {
            setup,
            candidates,
            year,
            gap: opts.gap,
            max_iterations: opts.max_iterations,
        })
    }

    /// The number of candidate routes of each flow.
    pub fn candidate_counts(&self) -> Vec<usize> {
        self.candidates.paths.iter().map(Vec::len).collect()
    }

    /// The stochastic equilibrium at `choice`.
    pub fn assign(&self, choice: &Choice) -> Result<Assignment> {
        choice.check()?;
        let setup = &self.setup;
        let vot = choice.value_of_time;
        let mut state = State::new(setup)?;
        state.no_route = vec![None; setup.demand.flows.len()];
        state.paths = self.candidates.paths.clone();
        // Each path's fixed part at these parameters: USD + vot × (its other hours + λ × spread).
        for (fp, spread) in state.paths.iter_mut().zip(&self.candidates.spread) {
            for (p, s) in fp.iter_mut().zip(spread) {
                p.fixed = p.route.total.usd + vot * (p.fixed_hours + choice.reliability * s);
            }
        }
        // Start from the shares at the background waits.
        let target = shares(setup, &state, choice, &self.candidates.size);
        move_to(setup, &mut state, &target)?;
        let (mut damping, mut previous, mut iterations) = (1.0_f64, f64::INFINITY, 1);
        let total: f64 = setup.demand.flows.iter().map(|f| f.teu_per_year).sum();
        let end = loop {
            let target = shares(setup, &state, choice, &self.candidates.size);
            let change: f64 = state
                .paths
                .iter()
                .flatten()
                .zip(target.iter().flatten())
                .map(|(p, t)| (t - p.teu).abs())
                .sum();
            let gap = if total > 0.0 { change / total } else { 0.0 };
            if gap > previous {
                damping = (damping * 0.5).max(MIN_STEP);
            }
            previous = gap;
            if gap < self.gap || iterations >= self.max_iterations {
                break Convergence {
                    iterations,
                    gap,
                    converged: gap < self.gap,
                };
            }
            newton(setup, &mut state, choice, &self.candidates.size, damping)?;
            iterations += 1;
        };
        state.evaluate_waits(setup)?;
        answer::assignment(setup, &state, end, self.year, vot)
    }
}

/// Every flow's logit split of its volume at the current waits, path by path.
fn shares(setup: &Setup<'_>, state: &State, choice: &Choice, size: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let vot = choice.value_of_time;
    state
        .paths
        .iter()
        .zip(&setup.demand.flows)
        .zip(size)
        .map(|((fp, f), ps)| {
            let costs: Vec<f64> = fp.iter().map(|p| p.cost(vot, &state.hours)).collect();
            let mut w = logit_split(&costs, choice.theta, 1.0);
            for (w, s) in w.iter_mut().zip(ps) {
                *w *= s;
            }
            let sum: f64 = w.iter().sum();
            w.iter().map(|w| f.teu_per_year * w / sum).collect()
        })
        .collect()
}

/// `volume` split over routes of `costs` by exp(−θ cost) / Σ (computed from the cheapest, so
/// no term overflows).
pub fn logit_split(costs: &[f64], theta: f64, volume: f64) -> Vec<f64> {
    let least = costs.iter().copied().fold(f64::INFINITY, f64::min);
    let weights: Vec<f64> = costs.iter().map(|c| (-theta * (c - least)).exp()).collect();
    let sum: f64 = weights.iter().sum();
    weights.iter().map(|w| volume * w / sum).collect()
}

/// Puts every path's volume at `target`, and the loads and waits with it.
fn move_to(setup: &Setup<'_>, state: &mut State, target: &[Vec<f64>]) -> Result<()> {
    for (fp, tp) in state.paths.iter_mut().zip(target) {
        for (p, t) in fp.iter_mut().zip(tp) {
            let d = t - p.teu;
            p.teu += d;
            for &e in &p.elements {
                state.loads[e] += d;
            }
        }
    }
    state.evaluate_waits(setup)
}

/// The smallest volume a path's entropy term is taken at (a share the logit rounds to 0).
const TINY: f64 = 1e-200;

/// One sweep of Newton steps over the flows: the logit shares are the deterministic equilibrium
/// of the costs c + (ln(x / volume) − ln PS) / θ (Fisk 1980; PS each path's `size`), so each path's volume moves to or from the
/// flow's largest path by the difference of those costs over its derivative (the waits' slopes
/// of the elements the two do not share, and 1/(θ x) of each), times `damping`, never emptying
/// a path; the loads and waits follow each move.
fn newton(
    setup: &Setup<'_>,
    state: &mut State,
    choice: &Choice,
    size: &[Vec<f64>],
    damping: f64,
) -> Result<()> {
    let (queues, vot, theta) = (&setup.queues, choice.value_of_time, choice.theta);
    let (loads, hours) = (&mut state.loads, &mut state.hours);
    for ((fp, f), ps) in state.paths.iter_mut().zip(&setup.demand.flows).zip(size) {
        if fp.len() < 2 || f.teu_per_year <= 0.0 {
            continue;
        }
        let d = f.teu_per_year;
        let m = (0..fp.len())
            .max_by(|&a, &b| fp[a].teu.total_cmp(&fp[b].teu).then(b.cmp(&a)))
            .unwrap_or(0);
        for p in 0..fp.len() {
            if p == m {
                continue;
            }
            let effective = |i: usize, hours: &[f64]| {
                let x = &fp[i];
                x.cost(vot, hours) + ((x.teu.max(TINY) / d).ln() - ps[i].ln()) / theta
            };
            let diff = effective(p, hours) - effective(m, hours);
            let mut slope = (1.0 / fp[p].teu.max(TINY) + 1.0 / fp[m].teu.max(TINY)) / theta;
            for &e in fp[p].elements.iter().chain(&fp[m].elements) {
                if fp[p].elements.contains(&e) != fp[m].elements.contains(&e) {
                    slope += vot * queues.slope(e, loads[e])?;
                }
            }
            // Positive: from p to m; never more than 90 % of what the giving path holds.
            let step = (damping * diff / slope).clamp(-0.9 * fp[m].teu, 0.9 * fp[p].teu);
            if step == 0.0 || !step.is_finite() {
                continue;
            }
            super::path::shift(queues, fp, (p, m), step, (&mut *loads, &mut *hours))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::logit_split;

    #[test]
    fn two_routes_split_by_the_closed_form() {
        let (c1, c2, theta) = (5_000.0, 5_600.0, 0.002);
        let s = logit_split(&[c1, c2], theta, 1.0);
        let e1 = (-theta * c1).exp();
        let e2 = (-theta * c2).exp();
        assert!((s[0] - e1 / (e1 + e2)).abs() < 1e-12);
        assert!((s[1] - e2 / (e1 + e2)).abs() < 1e-12);
        // Far apart costs do not underflow to 0/0.
        let s = logit_split(&[1e9, 1e9 + 1e6], 1.0, 10.0);
        assert_eq!(s, vec![10.0, 0.0]);
    }
}
