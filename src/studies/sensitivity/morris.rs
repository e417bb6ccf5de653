//! Morris elementary effects (Morris 1991, with Campolongo, Cariboni and Saltelli's μ*, 2007):
//! the trajectories and the statistics, on inputs scaled to [0, 1] over their ranges. Nothing
//! here knows a network: a trajectory is a list of points, a model gives one output per point.
//!
//! On a grid of `p = 4` levels {0, ⅓, ⅔, 1} with step Δ = p / (2(p − 1)) = ⅔, a trajectory starts
//! at a random point whose every coordinate can move by Δ (from 0 or ⅓ up, or from ⅔ or 1 down)
//! and moves each input once, in a random order. The elementary effect of input i is the change
//! of the output over its move divided by the move (±Δ): in the output's units per whole range.
//! Over `r` trajectories, μ* is the mean of the effects' absolute values (an input's importance),
//! μ their mean and σ their standard deviation (interactions and curvature). For a linear output
//! y = Σ cᵢ vᵢ with vᵢ over [loᵢ, hiᵢ], every effect of i is cᵢ (hiᵢ − loᵢ): μ* = |cᵢ| × range, σ = 0.
//!
//! Trajectory `t` of a screening seeded with `s` draws its numbers from its own stream
//! ([`Rng::for_sample`]`(s, t)`), so trajectories can be evaluated on any number of threads in any
//! order and give the same bytes.

use serde::Serialize;

use crate::network::distribution::Rng;

/// Levels of the grid.
pub const LEVELS: usize = 4;

/// The step: p / (2 (p − 1)).
pub const DELTA: f64 = LEVELS as f64 / (2.0 * (LEVELS as f64 - 1.0));

/// One trajectory: its start (levels in [0, 1]) and the order and direction of its moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// The start, one level per input.
    pub start: Vec<f64>,
    /// The inputs in the order they move.
    pub order: Vec<usize>,
    /// Per input: whether it moves up (+Δ) or down (−Δ).
    pub up: Vec<bool>,
}

impl Trajectory {
    /// Trajectory `t` of `k` inputs in a screening seeded with `seed`.
    pub fn new(k: usize, seed: u64, t: u64) -> Trajectory {
        let mut rng = Rng::for_sample(seed, t);
        let below = (LEVELS as f64 - 1.0) * (1.0 - DELTA);
        let mut start = Vec::with_capacity(k);
        let mut up = Vec::with_capacity(k);
        for _ in 0..k {
            // A level from which a move of Δ stays on the grid: 0 or ⅓ for p = 4.
            let base = (rng.uniform() * (below + 1.0)).floor().min(below) / (LEVELS as f64 - 1.0);
            let u = rng.uniform() < 0.5;
            start.push(if u { base } else { base + DELTA });
            up.push(u);
        }
        // Fisher–Yates.
        let mut order: Vec<usize> = (0..k).collect();
        for i in (1..k).rev() {
            let j = (rng.uniform() * (i + 1) as f64) as usize;
            order.swap(i, j.min(i));
        }
        Trajectory { start, order, up }
    }

    /// The points in order: the start, then one per move (k + 1 in all).
    pub fn points(&self) -> Vec<Vec<f64>> {
        let mut x = self.start.clone();
        let mut out = vec![x.clone()];
        for &i in &self.order {
            x[i] += if self.up[i] { DELTA } else { -DELTA };
            out.push(x.clone());
        }
        out
    }
}

/// An input's Morris statistics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Effects {
    /// Mean of the absolute elementary effects.
    pub mu_star: f64,
    /// Mean of the elementary effects.
    pub mu: f64,
    /// Their standard deviation (n − 1).
    pub sigma: f64,
    /// How many effects were measured (trajectories where both points had an answer).
    pub n: usize,
}

/// The statistics of every input from the trajectories and the outputs at their points
/// (`outputs[t][s]`: after `s` moves of trajectory `t`; NaN where the question had no answer,
/// which drops the effects on either side of it).
pub fn statistics(k: usize, trajectories: &[Trajectory], outputs: &[Vec<f64>]) -> Vec<Effects> {
    let mut effects: Vec<Vec<f64>> = vec![Vec::new(); k];
    for (t, y) in trajectories.iter().zip(outputs) {
        for (s, &i) in t.order.iter().enumerate() {
            let (a, b) = (y[s], y[s + 1]);
            if a.is_finite() && b.is_finite() {
                let step = if t.up[i] { DELTA } else { -DELTA };
                effects[i].push((b - a) / step);
            }
        }
    }
    effects
        .iter()
        .map(|e| {
            let n = e.len();
            if n == 0 {
                return Effects {
                    mu_star: f64::NAN,
                    mu: f64::NAN,
                    sigma: f64::NAN,
                    n,
                };
            }
            let mu = e.iter().sum::<f64>() / n as f64;
            let mu_star = e.iter().map(|x| x.abs()).sum::<f64>() / n as f64;
            let sigma = if n > 1 {
                (e.iter().map(|x| (x - mu).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
            } else {
                0.0
            };
            Effects {
                mu_star,
                mu,
                sigma,
                n,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trajectory_moves_every_input_once_by_delta_on_the_grid() {
        for t in 0..50 {
            let tr = Trajectory::new(7, 3, t);
            let pts = tr.points();
            assert_eq!(pts.len(), 8);
            let mut sorted = tr.order.clone();
            sorted.sort();
            assert_eq!(sorted, (0..7).collect::<Vec<_>>());
            for p in &pts {
                for &x in p {
                    let level = x * 3.0;
                    assert!(
                        (level - level.round()).abs() < 1e-12 && (0.0..=1.0 + 1e-12).contains(&x),
                        "{x}"
                    );
                }
            }
        }
        assert_eq!(Trajectory::new(5, 9, 2), Trajectory::new(5, 9, 2));
        assert_ne!(Trajectory::new(5, 9, 2), Trajectory::new(5, 9, 3));
    }

    #[test]
    fn a_linear_model_has_mu_star_of_its_coefficient_times_the_range_and_no_sigma() {
        // y = 3 v0 − 2 v1 + 0 v2, with v over ranges of width 10, 4 and 1.
        let (c, w) = ([3.0, -2.0, 0.0], [10.0, 4.0, 1.0]);
        let trs: Vec<Trajectory> = (0..20).map(|t| Trajectory::new(3, 1, t)).collect();
        let ys: Vec<Vec<f64>> = trs
            .iter()
            .map(|t| {
                t.points()
                    .iter()
                    .map(|x| (0..3).map(|i| c[i] * (5.0 + x[i] * w[i])).sum())
                    .collect()
            })
            .collect();
        let e = statistics(3, &trs, &ys);
        for i in 0..3 {
            assert!(
                (e[i].mu_star - (c[i] * w[i]).abs()).abs() < 1e-9,
                "{i}: {:?}",
                e[i]
            );
            assert!((e[i].mu - c[i] * w[i]).abs() < 1e-9);
            assert!(e[i].sigma < 1e-9);
            assert_eq!(e[i].n, 20);
        }
    }

    #[test]
    fn an_interaction_shows_in_sigma_and_a_missing_answer_drops_its_effects() {
        // y = v0 · v1 on [0, 1]²: the effect of v0 is v1, which varies.
        let trs: Vec<Trajectory> = (0..30).map(|t| Trajectory::new(2, 5, t)).collect();
        let mut ys: Vec<Vec<f64>> = trs
            .iter()
            .map(|t| t.points().iter().map(|x| x[0] * x[1]).collect())
            .collect();
        let e = statistics(2, &trs, &ys);
        assert!(e[0].sigma > 0.1 && e[1].sigma > 0.1, "{e:?}");
        ys[0][0] = f64::NAN;
        let e = statistics(2, &trs, &ys);
        assert_eq!(e[trs[0].order[0]].n, 29);
    }
}
