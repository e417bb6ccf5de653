//! Draws in blocks: a distribution fills a slice with the draws of consecutive samples from a
//! [`Stream`], one kind at a time (the dispatch once per block, not per draw), and a shock lists
//! the samples of a block it strikes with their delays.
//!
//! Draw `k` of a block starting at sample `first` is sample `first + k`'s, so the draws do not
//! depend on where blocks start; [`Distribution::draw_at`] is one sample's.

use super::stream::{self, normal_fast, normal_slow, tables, Stream};
use super::{Distribution, Shock};

impl Distribution {
    /// Fills `out` with the draws of samples `first`, `first + 1`, … from stream `s`.
    pub fn fill(&self, s: &Stream, first: u64, out: &mut [f64]) {
        self.fill_with(s, |k| first.wrapping_add(k as u64), out);
    }

    /// Sample `i`'s draw from stream `s` (what [`Distribution::fill`] puts at its place).
    pub fn draw_at(&self, s: &Stream, i: u64) -> f64 {
        let mut x = [0.0];
        self.fill(s, i, &mut x);
        x[0]
    }

    /// Fills `out[k]` with the draw of sample `at(k)`: first the stream's numbers (normals or
    /// uniforms), then the distribution's transform of them in a loop of its own, which
    /// vectorises.
    fn fill_with(&self, s: &Stream, at: impl Fn(usize) -> u64, out: &mut [f64]) {
        let uniforms = |out: &mut [f64]| {
            for (k, o) in out.iter_mut().enumerate() {
                *o = s.uniform(at(k));
            }
        };
        match self {
            Distribution::Fixed { value } => out.fill(*value),
            Distribution::Normal { mean, sd } => {
                normals(s, &at, out);
                for z in out.iter_mut() {
                    let v = mean + sd * *z;
                    // Cut at 0 (a negative draw counts as 0).
                    *z = if v > 0.0 { v } else { 0.0 };
                }
            }
            Distribution::Lognormal { median, p90 } => {
                let (mu, sigma) = Self::lognormal_params(*median, *p90);
                normals(s, &at, out);
                // The loop without a branch where every argument is surely in range (always,
                // but for absurd parameters), else the exact way.
                let zmax = max_abs(out);
                let (low, high) = stream::EXP_RANGE;
                let spread = sigma * zmax;
                if mu - spread > low + 1.0 && mu + spread < high - 1.0 {
                    let table = stream::exp_table();
                    for z in out.iter_mut() {
                        *z = stream::exp_in_range(table, mu + sigma * *z);
                    }
                } else {
                    for z in out.iter_mut() {
                        *z = stream::exp(mu + sigma * *z);
                    }
                }
            }
            Distribution::Triangular { min, mode, max } => {
                let (a, c, b) = (*min, *mode, *max);
                if b == a {
                    out.fill(a);
                    return;
                }
                let f = (c - a) / (b - a);
                let (left, right) = ((b - a) * (c - a), (b - a) * (b - c));
                uniforms(out);
                for o in out.iter_mut() {
                    let u = *o;
                    // One square root, the side chosen by a weight of 0 or 1 rather than a
                    // branch (exact: x·1 + y·0 = x), so the loop vectorises.
                    let w = f64::from_bits(u64::from(u < f).wrapping_neg() & 1.0f64.to_bits());
                    let r = (w * (u * left) + (1.0 - w) * ((1.0 - u) * right)).sqrt();
                    *o = w * (a + r) + (1.0 - w) * (b - r);
                }
            }
            Distribution::Uniform { min, max } => {
                let w = max - min;
                uniforms(out);
                for o in out.iter_mut() {
                    *o = min + w * *o;
                }
            }
            Distribution::Exponential { mean } => {
                uniforms(out);
                for o in out.iter_mut() {
                    *o = -mean * (1.0 - *o).ln();
                }
            }
            Distribution::Empirical { values } => {
                let n = values.len();
                uniforms(out);
                for o in out.iter_mut() {
                    let i = (*o * n as f64) as usize;
                    *o = values
                        .get(i.min(n.saturating_sub(1)))
                        .copied()
                        .unwrap_or(f64::NAN);
                }
            }
        }
    }
}

/// Standard normals of samples `at(0)`, `at(1)`, … (the ziggurat; a draw that leaves the
/// rectangles finishes with the sample's own generator).
fn normals(s: &Stream, at: &impl Fn(usize) -> u64, out: &mut [f64]) {
    let t = tables();
    for (k, o) in out.iter_mut().enumerate() {
        let i = at(k);
        *o = match normal_fast(t, s.bits(i)) {
            Ok(z) => z,
            Err((layer, u)) => normal_slow(t, layer, u, &mut s.rng(i)),
        };
    }
}

/// The greatest |x| of `xs` (in four lanes, so that it vectorises).
fn max_abs(xs: &[f64]) -> f64 {
    let mut m = [0.0f64; 4];
    let chunks = xs.chunks_exact(4);
    for (l, x) in chunks.remainder().iter().enumerate() {
        m[l] = x.abs();
    }
    for c in chunks {
        for l in 0..4 {
            let a = c[l].abs();
            m[l] = if a > m[l] { a } else { m[l] };
        }
    }
    m.iter().fold(0.0, |a, &b| a.max(b))
}

/// The samples of a block a shock strikes (their places in the block) and their delays.
#[derive(Debug, Clone, Default)]
pub struct Strikes {
    /// Places in the block, ascending.
    pub at: Vec<u32>,
    /// The delay at each.
    pub delay: Vec<f64>,
}

/// Whether sample `i` is struck at `threshold` (⌈p·2³²⌉): its 32 bits of `strike`, the low or
/// high half of number ⌊i/2⌋, are below it.
#[inline]
fn struck(strike: &Stream, threshold: u64, i: u64) -> bool {
    (strike.bits(i >> 1) >> ((i & 1) * 32)) & 0xffff_ffff < threshold
}

/// ⌈p·2³²⌉ (p = 1: always struck).
fn threshold(p: f64) -> u64 {
    (p * 4_294_967_296.0).ceil() as u64
}

impl Shock {
    /// Sample `i`'s delay if this shock strikes it at probability `p`: what
    /// [`Shock::strikes`] lists for it.
    pub fn strike_at(&self, p: f64, streams: [&Stream; 2], i: u64) -> Option<f64> {
        let [strike, delay] = streams;
        (p > 0.0 && struck(strike, threshold(p), i)).then(|| self.delay.draw_at(delay, i))
    }

    /// The samples `first + k` (k < `len`) this shock strikes at probability `p`, with their
    /// delays, into `out`. Whether it strikes comes from `strike` (32 bits a sample, two
    /// samples to a number: `p` is taken to within 2⁻³²), the delay from `delay`, so a sample's
    /// delay is the same whatever `p` (raising `p` only adds strikes).
    pub fn strikes(
        &self,
        p: f64,
        streams: [&Stream; 2],
        first: u64,
        len: usize,
        out: &mut Strikes,
    ) {
        let [strike, delay] = streams;
        out.at.clear();
        out.delay.clear();
        if p <= 0.0 {
            return;
        }
        let threshold = threshold(p);
        // Every place is written and the count moves on only where the shock strikes: no branch
        // to mispredict when p is near one half.
        out.at.resize(len, 0);
        let mut m = 0;
        let mut k = 0;
        if first & 1 == 1 && len > 0 {
            out.at[m] = 0;
            m += usize::from(struck(strike, threshold, first));
            k = 1;
        }
        while k + 1 < len {
            // Two samples from one number.
            let b = strike.bits(first.wrapping_add(k as u64) >> 1);
            out.at[m] = k as u32;
            m += usize::from((b & 0xffff_ffff) < threshold);
            out.at[m] = k as u32 + 1;
            m += usize::from((b >> 32) < threshold);
            k += 2;
        }
        if k < len {
            out.at[m] = k as u32;
            m += usize::from(struck(strike, threshold, first.wrapping_add(k as u64)));
        }
        out.at.truncate(m);
        out.delay.resize(m, 0.0);
        let at = &out.at;
        self.delay.fill_with(
            delay,
            |k| first.wrapping_add(u64::from(at[k])),
            &mut out.delay,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::stream::Purpose;
    use super::*;

    fn block(d: &Distribution, s: &Stream, first: u64, n: usize) -> Vec<f64> {
        let mut out = vec![0.0; n];
        d.fill(s, first, &mut out);
        out
    }

    #[test]
    fn a_draw_belongs_to_its_sample_wherever_the_block_starts() {
        let s = Stream::new(4, 0, Purpose::Draw);
        for d in Distribution::one_of_each() {
            let whole = block(&d, &s, 0, 5000);
            assert_eq!(block(&d, &s, 1237, 301), whole[1237..1538], "{d:?}");
            for i in [0, 1, 999, 4999] {
                assert_eq!(d.draw_at(&s, i as u64).to_bits(), whole[i].to_bits());
            }
        }
    }

    #[test]
    fn block_draws_match_the_closed_forms() {
        let n = 200_000;
        let s = Stream::new(11, 5, Purpose::Draw);
        for d in Distribution::one_of_each().into_iter().skip(1) {
            let xs = block(&d, &s, 0, n);
            let m = xs.iter().sum::<f64>() / n as f64;
            let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
            let se = (d.variance() / n as f64).sqrt();
            assert!((m - d.mean()).abs() < 4.5 * se, "{d:?}: mean {m}");
            assert!((v / d.variance() - 1.0).abs() < 0.05, "{d:?}: variance {v}");
        }
        assert!(block(&Distribution::one_of_each()[0], &s, 9, 10)
            .iter()
            .all(|&x| x == 3.0));
    }

    #[test]
    fn a_lognormal_block_has_its_mean_median_and_p90() {
        let (median, p90) = (30.0, 90.0);
        let d = Distribution::Lognormal { median, p90 };
        let n = 200_000;
        let mut xs = block(&d, &Stream::new(2, 7, Purpose::Draw), 0, n);
        let mean = xs.iter().sum::<f64>() / n as f64;
        assert!((mean - d.mean()).abs() < 4.5 * (d.variance() / n as f64).sqrt());
        // A percentile's standard error: √(q(1 − q)/n) / f(x_q), f the lognormal density.
        let sigma = (p90 / median).ln() / crate::network::distribution::Z90;
        xs.sort_by(f64::total_cmp);
        for (q, z, x) in [
            (0.5, 0.0, median),
            (0.9, crate::network::distribution::Z90, p90),
        ] {
            let density = (-0.5 * z * z).exp() / ((2.0 * std::f64::consts::PI).sqrt() * x * sigma);
            let se = (q * (1.0 - q) / n as f64).sqrt() / density;
            let got = xs[(q * n as f64) as usize];
            assert!((got - x).abs() < 4.5 * se, "P{}: {got} vs {x}", q * 100.0);
        }
    }

    #[test]
    fn a_normal_is_cut_at_zero() {
        // X ~ N(1, 2²): E max(0, X) = μΦ(μ/σ) + σφ(μ/σ) at μ/σ = 1/2.
        let d = Distribution::Normal { mean: 1.0, sd: 2.0 };
        let n = 200_000;
        let xs = block(&d, &Stream::new(2, 8, Purpose::Draw), 0, n);
        assert!(xs.iter().all(|&x| x >= 0.0));
        let zeros = xs.iter().filter(|&&x| x == 0.0).count() as f64 / n as f64;
        let p0 = 0.308_537_538_725_986_9;
        assert!((zeros - p0).abs() < 4.5 * (p0 * (1.0 - p0) / n as f64).sqrt());
        let want = 0.691_462_461_274_013_1 + 2.0 * 0.352_065_326_764_299_5;
        let mean = xs.iter().sum::<f64>() / n as f64;
        assert!(
            (mean - want).abs() < 4.5 * (4.0 / n as f64).sqrt(),
            "{mean}"
        );
    }

    #[test]
    fn a_shock_strikes_at_its_rate_and_a_higher_rate_only_adds_strikes() {
        let shock = Shock {
            p: 0.3,
            months: vec![],
            delay: Distribution::Uniform {
                min: 12.0,
                max: 48.0,
            },
        };
        let (a, b) = (
            Stream::new(6, 1, Purpose::Strike),
            Stream::new(6, 1, Purpose::Delay),
        );
        let n = 100_001;
        let mut low = Strikes::default();
        let mut high = Strikes::default();
        shock.strikes(0.3, [&a, &b], 0, n, &mut low);
        shock.strikes(0.6, [&a, &b], 0, n, &mut high);
        let rate = low.at.len() as f64 / n as f64;
        assert!(
            (rate - 0.3).abs() < 4.5 * (0.21 / n as f64).sqrt(),
            "{rate}"
        );
        let delays: std::collections::HashMap<u32, f64> = high
            .at
            .iter()
            .copied()
            .zip(high.delay.iter().copied())
            .collect();
        for (k, d) in low.at.iter().zip(&low.delay) {
            assert_eq!(
                delays.get(k),
                Some(d),
                "struck at 0.3, so at 0.6, same delay"
            );
            assert!((12.0..48.0).contains(d));
        }
        // A block from an odd sample, of odd length, lists what each sample gives alone.
        shock.strikes(0.3, [&a, &b], 4097, 1001, &mut low);
        let one: Vec<(u32, f64)> = (0..1001u32)
            .filter_map(|k| {
                shock
                    .strike_at(0.3, [&a, &b], 4097 + u64::from(k))
                    .map(|d| (k, d))
            })
            .collect();
        let listed: Vec<(u32, f64)> = low
            .at
            .iter()
            .copied()
            .zip(low.delay.iter().copied())
            .collect();
        assert_eq!(listed, one);
        shock.strikes(0.0, [&a, &b], 0, 100, &mut low);
        assert!(low.at.is_empty() && shock.strike_at(0.0, [&a, &b], 3).is_none());
        shock.strikes(1.0, [&a, &b], 0, 100, &mut low);
        assert_eq!(low.at.len(), 100);
    }
}
