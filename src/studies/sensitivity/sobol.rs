//! Variance-based (Sobol) indices by Saltelli's scheme: two independent samples A and B of N
//! points each (inputs uniform over [0, 1], i.e. over their ranges), and for each input i the
//! matrix ABᵢ (A with column i from B). From the N (k + 2) outputs:
//!
//! - the first-order index Sᵢ = (1/N) Σ (f(B) − f₀)(f(ABᵢ) − f(A)) / V (Saltelli et al. 2010, with
//!   the outputs centred on their mean f₀, which leaves it unbiased and keeps its variance from
//!   growing with the answer's mean: days of 21.7 ± 2 would otherwise swamp it): the share of the
//!   output's variance that knowing input i exactly would remove on average;
//! - the total index Tᵢ = (1/2N) Σ (f(A) − f(ABᵢ))² / V (Jansen 1999): the share input i accounts
//!   for alone and with the others, what would remain if all the others were known;
//!
//! with V the variance of f over A and B together. Each index has a 95 % interval from a
//! bootstrap of the N rows (200 resamples, seeded). For an additive output both indices are the
//! inputs' variance shares. Row `j` draws its numbers from its own stream, so the samples are the
//! same on any number of threads.

use serde::Serialize;

use crate::network::distribution::Rng;

/// Bootstrap resamples of each interval.
pub const RESAMPLES: usize = 200;

/// Row `j` of A and of B for `k` inputs.
pub fn row(k: usize, seed: u64, j: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = Rng::for_sample(seed ^ 0x50b0_1000_0000_0001, j);
    let a = (0..k).map(|_| rng.uniform()).collect();
    let b = (0..k).map(|_| rng.uniform()).collect();
    (a, b)
}

/// The outputs of one row: f(Aⱼ), f(Bⱼ) and f(ABᵢ,ⱼ) for each input.
#[derive(Debug, Clone, PartialEq)]
pub struct RowOutputs {
    /// f(A).
    pub a: f64,
    /// f(B).
    pub b: f64,
    /// f(ABᵢ), per input.
    pub ab: Vec<f64>,
}

/// An index and its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Index {
    /// The estimate.
    pub value: f64,
    /// Lower end of the 95 % bootstrap interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// The indices of one input.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Indices {
    /// First-order.
    pub first: Index,
    /// Total.
    pub total: Index,
}

/// The indices of every input and the output's variance, from the rows that had an answer at
/// every point (the others are dropped). `None` when fewer than two rows remain or the output
/// does not vary.
pub fn indices(k: usize, rows: &[RowOutputs], seed: u64) -> Option<(f64, Vec<Indices>)> {
    let rows: Vec<&RowOutputs> = rows
        .iter()
        .filter(|r| r.a.is_finite() && r.b.is_finite() && r.ab.iter().all(|x| x.is_finite()))
        .collect();
    let n = rows.len();
    if n < 2 {
        return None;
    }
    let all: Vec<usize> = (0..n).collect();
    let (v, point) = estimate(k, &rows, &all);
    if v.is_nan() || v <= 0.0 {
        return None;
    }
    // Bootstrap: the same estimator on rows drawn with replacement.
    let mut rng = Rng::for_sample(seed ^ 0xb007_0000_0000_0001, n as u64);
    let mut draws: Vec<Vec<(f64, f64)>> = vec![Vec::with_capacity(RESAMPLES); k];
    let mut pick = vec![0usize; n];
    for _ in 0..RESAMPLES {
        for p in pick.iter_mut() {
            *p = ((rng.uniform() * n as f64) as usize).min(n - 1);
        }
        let (_, est) = estimate(k, &rows, &pick);
        for (d, e) in draws.iter_mut().zip(est) {
            d.push(e);
        }
    }
    let interval = |mut xs: Vec<f64>, value: f64| {
        xs.retain(|x| x.is_finite());
        xs.sort_by(f64::total_cmp);
        let at = |q: f64| {
            xs.get(((xs.len() as f64 - 1.0) * q).round() as usize)
                .copied()
        };
        Index {
            value,
            low: at(0.025).unwrap_or(f64::NAN),
            high: at(0.975).unwrap_or(f64::NAN),
        }
    };
    let out = point
        .iter()
        .zip(draws)
        .map(|(&(s, t), d)| Indices {
            first: interval(d.iter().map(|x| x.0).collect(), s),
            total: interval(d.iter().map(|x| x.1).collect(), t),
        })
        .collect();
    Some((v, out))
}

/// The variance and each input's (first-order, total) index over the rows `pick`.
fn estimate(k: usize, rows: &[&RowOutputs], pick: &[usize]) -> (f64, Vec<(f64, f64)>) {
    let n = pick.len() as f64;
    let mean = pick.iter().map(|&j| rows[j].a + rows[j].b).sum::<f64>() / (2.0 * n);
    let v = pick
        .iter()
        .map(|&j| (rows[j].a - mean).powi(2) + (rows[j].b - mean).powi(2))
        .sum::<f64>()
        / (2.0 * n - 1.0);
    let out = (0..k)
        .map(|i| {
            let (mut s, mut t) = (0.0, 0.0);
            for &j in pick {
                let r = rows[j];
                s += (r.b - mean) * (r.ab[i] - r.a);
                t += (r.a - r.ab[i]).powi(2);
            }
            (s / n / v, t / (2.0 * n) / v)
        })
        .collect();
    (v, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(k: usize, n: u64, f: impl Fn(&[f64]) -> f64) -> (f64, Vec<Indices>) {
        let rows: Vec<RowOutputs> = (0..n)
            .map(|j| {
                let (a, b) = row(k, 11, j);
                let ab = (0..k)
                    .map(|i| {
                        let mut x = a.clone();
                        x[i] = b[i];
                        f(&x)
                    })
                    .collect();
                RowOutputs {
                    a: f(&a),
                    b: f(&b),
                    ab,
                }
            })
            .collect();
        indices(k, &rows, 11).unwrap()
    }

    #[test]
    fn an_additive_model_has_both_indices_equal_to_the_variance_shares() {
        // y = 4 x0 + 2 x1 + 1 x2 + 0 x3 on uniform [0, 1]: shares 16:4:1:0 of 21.
        let c = [4.0, 2.0, 1.0, 0.0];
        let (v, ix) = run(4, 8192, |x| (0..4).map(|i| c[i] * x[i]).sum());
        assert!((v - 21.0 / 12.0).abs() < 0.06, "{v}");
        for i in 0..4 {
            let share = c[i] * c[i] / 21.0;
            assert!((ix[i].first.value - share).abs() < 0.03, "S{i} {:?}", ix[i]);
            assert!((ix[i].total.value - share).abs() < 0.03, "T{i} {:?}", ix[i]);
            assert!(ix[i].total.low <= share + 0.03 && share - 0.03 <= ix[i].total.high);
        }
    }

    #[test]
    fn a_large_mean_does_not_swamp_the_first_order_index() {
        // y = 1000 + 4 x0 + 2 x1: shares 16:4 of 20, whatever the mean.
        let (_, ix) = run(2, 2048, |x| 1000.0 + 4.0 * x[0] + 2.0 * x[1]);
        assert!((ix[0].first.value - 0.8).abs() < 0.05, "{:?}", ix[0]);
        assert!((ix[1].first.value - 0.2).abs() < 0.05, "{:?}", ix[1]);
        assert!(ix[0].first.high - ix[0].first.low < 0.2, "{:?}", ix[0]);
    }

    #[test]
    fn an_interaction_raises_the_total_index_above_the_first_order() {
        // y = x0 · x1: S = 3/7 each, T = 4/7 each (closed form on uniform [0, 1]²).
        let (_, ix) = run(2, 8192, |x| x[0] * x[1]);
        for i in ix {
            assert!((i.first.value - 3.0 / 7.0).abs() < 0.04, "{i:?}");
            assert!((i.total.value - 4.0 / 7.0).abs() < 0.04, "{i:?}");
        }
    }

    #[test]
    fn a_constant_output_has_no_indices() {
        let rows = vec![
            RowOutputs {
                a: 1.0,
                b: 1.0,
                ab: vec![1.0],
            };
            5
        ];
        assert!(indices(1, &rows, 1).is_none());
    }
}
