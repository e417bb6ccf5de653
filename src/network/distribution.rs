//! Random time components: the distributions a `[[variability]]` record may give (fixed,
//! normal, lognormal, triangular, uniform, exponential, empirical), discrete shocks, and the
//! seeded random-number generator the Monte Carlo study draws them with.
//!
//! Each distribution knows its closed-form mean and variance, so tests can check the sampler
//! against the formulas and reports can state them.
//!
//! A caller can build any variant with any numbers: [`Distribution::problem`] and
//! [`Shock::problem`] say what is wrong with them, [`Distribution::checked`] and
//! [`Distribution::empirical`] refuse them with an error, and the reliability study checks every
//! record before it samples. Whatever the numbers, no method panics: a distribution with a
//! problem gives NaN where it has no value (the median or a draw of an empty list).
//!
//! The Monte Carlo study draws in blocks ([`Distribution::fill`], [`Shock::strikes`]) from
//! counter-based [`Stream`]s: number `i` of a record's stream is sample `i`'s, so a sample draws
//! the same numbers whatever block or thread computes it. [`Rng`] is a sequential SplitMix64
//! generator, for draws that need more numbers than one ([`Distribution::sample`]). Normals are a
//! ziggurat and lognormals use a vectorisable [`exp`] (module `stream`).

mod fill;
mod stream;

pub use fill::Strikes;
pub use stream::{exp, Purpose, Stream};

/// z of the standard normal's 90th percentile (Φ⁻¹(0.9)).
pub const Z90: f64 = 1.281_551_565_544_600_4;

/// A distribution of hours. (Each variant's fields are the parameters its line names, in hours.)
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum Distribution {
    /// Always `value`.
    Fixed { value: f64 },
    /// Normal, cut at 0 (a draw below 0 counts as 0; keep `mean` several `sd` above 0).
    Normal { mean: f64, sd: f64 },
    /// Lognormal given by its median and its 90th percentile.
    Lognormal { median: f64, p90: f64 },
    /// Triangular on `[min, max]` with its peak at `mode`.
    Triangular { min: f64, mode: f64, max: f64 },
    /// Uniform on `[min, max]`.
    Uniform { min: f64, max: f64 },
    /// Exponential with mean `mean`.
    Exponential { mean: f64 },
    /// One of `values`, each equally likely.
    Empirical { values: Vec<f64> },
}

impl Distribution {
    /// The kind's name as the data spell it.
    pub fn kind(&self) -> &'static str {
        match self {
            Distribution::Fixed { .. } => "fixed",
            Distribution::Normal { .. } => "normal",
            Distribution::Lognormal { .. } => "lognormal",
            Distribution::Triangular { .. } => "triangular",
            Distribution::Uniform { .. } => "uniform",
            Distribution::Exponential { .. } => "exponential",
            Distribution::Empirical { .. } => "empirical",
        }
    }

    /// Why the parameters cannot describe a distribution of hours, if they cannot.
    pub fn problem(&self) -> Option<String> {
        let ok = |x: f64| x.is_finite() && x >= 0.0;
        match self {
            Distribution::Fixed { value } if !ok(*value) => {
                Some(format!("value {value} must be a finite number ≥ 0"))
            }
            Distribution::Normal { mean, sd } if !(ok(*mean) && ok(*sd)) => Some(format!(
                "mean {mean} and sd {sd} must be finite numbers ≥ 0"
            )),
            Distribution::Lognormal { median, p90 }
                if !(median.is_finite() && *median > 0.0 && p90.is_finite() && p90 >= median) =>
            {
                Some(format!(
                    "median {median} must be > 0 and p90 {p90} a finite number ≥ the median"
                ))
            }
            Distribution::Triangular { min, mode, max }
                if !(ok(*min) && ok(*max) && min <= mode && mode <= max) =>
            {
                Some(format!(
                    "min {min} ≤ mode {mode} ≤ max {max} must hold, all finite and ≥ 0"
                ))
            }
            Distribution::Uniform { min, max } if !(ok(*min) && ok(*max) && min <= max) => Some(
                format!("min {min} ≤ max {max} must hold, both finite and ≥ 0"),
            ),
            Distribution::Exponential { mean } if !ok(*mean) => {
                Some(format!("mean {mean} must be a finite number ≥ 0"))
            }
            Distribution::Empirical { values } if values.is_empty() => {
                Some("values must list at least one number".into())
            }
            Distribution::Empirical { values } if !values.iter().all(|&v| ok(v)) => {
                Some("values must be finite numbers ≥ 0".into())
            }
            _ => None,
        }
    }

    /// The distribution, or an error saying why its parameters cannot describe hours.
    pub fn checked(self) -> crate::error::Result<Distribution> {
        match self.problem() {
            None => Ok(self),
            Some(why) => Err(crate::error::Error::InvalidArgument(format!(
                "a {} distribution: {why}",
                self.kind()
            ))),
        }
    }

    /// One of `values`, each equally likely: at least one value, each a finite number ≥ 0.
    pub fn empirical(values: Vec<f64>) -> crate::error::Result<Distribution> {
        Distribution::Empirical { values }.checked()
    }

    /// The lognormal's (μ, σ) of the underlying normal.
    fn lognormal_params(median: f64, p90: f64) -> (f64, f64) {
        (median.ln(), (p90 / median).ln() / Z90)
    }

    /// The median (the value itself where the distribution is fixed).
    pub fn median(&self) -> f64 {
        match self {
            Distribution::Fixed { value } => *value,
            Distribution::Normal { mean, .. } => *mean,
            Distribution::Lognormal { median, .. } => *median,
            Distribution::Triangular { min, mode, max } => {
                let (a, c, b) = (*min, *mode, *max);
                if b == a {
                    a
                } else if (c - a) / (b - a) >= 0.5 {
                    a + ((b - a) * (c - a) / 2.0).sqrt()
                } else {
                    b - ((b - a) * (b - c) / 2.0).sqrt()
                }
            }
            Distribution::Uniform { min, max } => (min + max) / 2.0,
            Distribution::Exponential { mean } => mean * std::f64::consts::LN_2,
            Distribution::Empirical { values } => {
                let mut v = values.clone();
                v.sort_by(f64::total_cmp);
                v.get(v.len().saturating_sub(1) / 2)
                    .copied()
                    .unwrap_or(f64::NAN)
            }
        }
    }

    /// The mean (for the normal, of the uncut distribution).
    pub fn mean(&self) -> f64 {
        match self {
            Distribution::Fixed { value } => *value,
            Distribution::Normal { mean, .. } => *mean,
            Distribution::Lognormal { median, p90 } => {
                let (mu, s) = Self::lognormal_params(*median, *p90);
                (mu + s * s / 2.0).exp()
            }
            Distribution::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Distribution::Uniform { min, max } => (min + max) / 2.0,
            Distribution::Exponential { mean } => *mean,
            Distribution::Empirical { values } => values.iter().sum::<f64>() / values.len() as f64,
        }
    }

    /// The variance (for the normal, of the uncut distribution).
    pub fn variance(&self) -> f64 {
        match self {
            Distribution::Fixed { .. } => 0.0,
            Distribution::Normal { sd, .. } => sd * sd,
            Distribution::Lognormal { median, p90 } => {
                let (mu, s) = Self::lognormal_params(*median, *p90);
                ((s * s).exp() - 1.0) * (2.0 * mu + s * s).exp()
            }
            Distribution::Triangular { min, mode, max } => {
                let (a, c, b) = (*min, *mode, *max);
                (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0
            }
            Distribution::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Distribution::Exponential { mean } => mean * mean,
            Distribution::Empirical { values } => {
                let m = self.mean();
                values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / values.len() as f64
            }
        }
    }

    /// One draw.
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        match self {
            Distribution::Fixed { value } => *value,
            Distribution::Normal { mean, sd } => (mean + sd * rng.normal()).max(0.0),
            Distribution::Lognormal { median, p90 } => {
                let (mu, s) = Self::lognormal_params(*median, *p90);
                (mu + s * rng.normal()).exp()
            }
            Distribution::Triangular { min, mode, max } => {
                let (a, c, b) = (*min, *mode, *max);
                if b == a {
                    return a;
                }
                let u = rng.uniform();
                let f = (c - a) / (b - a);
                if u < f {
                    a + (u * (b - a) * (c - a)).sqrt()
                } else {
                    b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
                }
            }
            Distribution::Uniform { min, max } => min + (max - min) * rng.uniform(),
            Distribution::Exponential { mean } => -mean * (1.0 - rng.uniform()).ln(),
            Distribution::Empirical { values } => {
                let i = (rng.uniform() * values.len() as f64) as usize;
                values
                    .get(i.min(values.len().saturating_sub(1)))
                    .copied()
                    .unwrap_or(f64::NAN)
            }
        }
    }
}

/// A discrete shock: with probability `p` (in the listed months; all year when none are
/// listed) a delay drawn from `delay` is added.
#[derive(Debug, Clone, PartialEq)]
pub struct Shock {
    /// Probability per shipment in the months it applies.
    pub p: f64,
    /// Months 1–12 it applies in; empty = every month.
    pub months: Vec<u8>,
    /// The added hours when it strikes.
    pub delay: Distribution,
}

impl Shock {
    /// Why the shock cannot describe a delay, if it cannot: its probability, months or delay.
    pub fn problem(&self) -> Option<String> {
        if !(self.p.is_finite() && (0.0..=1.0).contains(&self.p)) {
            return Some(format!("probability {} must lie in 0…1", self.p));
        }
        for (i, m) in self.months.iter().enumerate() {
            if !(1..=12).contains(m) || self.months[..i].contains(m) {
                return Some(format!("month {m}: months are distinct numbers 1–12"));
            }
        }
        self.delay
            .problem()
            .map(|why| format!("its {} delay: {why}", self.delay.kind()))
    }

    /// The probability for a shipment in `month` (1–12), or averaged over the year when `None`:
    /// `p` × (months it applies in) / 12.
    pub fn probability(&self, month: Option<u8>) -> f64 {
        match (month, self.months.is_empty()) {
            (_, true) => self.p,
            (Some(m), false) => {
                if self.months.contains(&m) {
                    self.p
                } else {
                    0.0
                }
            }
            (None, false) => self.p * self.months.len() as f64 / 12.0,
        }
    }

    /// The shock's mean added hours at probability `p`: `p × E(delay)`.
    pub fn mean(&self, p: f64) -> f64 {
        p * self.delay.mean()
    }

    /// Its variance at probability `p`: `p·E(D²) − (p·E(D))²`.
    pub fn variance(&self, p: f64) -> f64 {
        let (m, v) = (self.delay.mean(), self.delay.variance());
        p * (v + m * m) - (p * m).powi(2)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast sequential generator whose streams
/// from distinct seeds are well mixed (the block sampler's rare draws that need more than one
/// number use one per sample; see [`Stream::rng`]).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose first number follows `state`.
    pub fn from_state(state: u64) -> Rng {
        Rng(state)
    }

    /// The stream of sample `index` of a study seeded with `seed`.
    pub fn for_sample(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ 0x5851_f42d_4c95_7f2d);
        let s = r.next_u64() ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut r = Rng(s);
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform on [0, 1), 53 bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (the ziggurat of the block samplers).
    pub fn normal(&mut self) -> f64 {
        stream::normal(self)
    }
}

#[cfg(test)]
impl Distribution {
    /// One distribution of each kind (fixed first), with the parameters the tests use.
    pub(crate) fn one_of_each() -> Vec<Distribution> {
        vec![
            Distribution::Fixed { value: 3.0 },
            Distribution::Normal {
                mean: 50.0,
                sd: 8.0,
            },
            Distribution::Lognormal {
                median: 30.0,
                p90: 90.0,
            },
            Distribution::Triangular {
                min: 10.0,
                mode: 20.0,
                max: 60.0,
            },
            Distribution::Uniform {
                min: 72.0,
                max: 168.0,
            },
            Distribution::Exponential { mean: 96.0 },
            Distribution::Empirical {
                values: vec![1.0, 2.0, 10.0],
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(d: &Distribution, n: u64) -> (f64, f64) {
        let xs: Vec<f64> = (0..n)
            .map(|i| d.sample(&mut Rng::for_sample(7, i)))
            .collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
        (m, v)
    }

    #[test]
    fn samples_match_the_closed_forms() {
        let n = 200_000;
        // A fixed value has no spread to compare.
        for d in Distribution::one_of_each().into_iter().skip(1) {
            let (m, v) = moments(&d, n);
            let se = (d.variance() / n as f64).sqrt();
            assert!(
                (m - d.mean()).abs() < 4.0 * se,
                "{d:?}: mean {m} vs {}",
                d.mean()
            );
            assert!(
                (v / d.variance() - 1.0).abs() < 0.05,
                "{d:?}: variance {v} vs {}",
                d.variance()
            );
        }
    }

    #[test]
    fn lognormal_has_its_median_and_p90() {
        let d = Distribution::Lognormal {
            median: 30.0,
            p90: 90.0,
        };
        let mut xs: Vec<f64> = (0..100_000)
            .map(|i| d.sample(&mut Rng::for_sample(1, i)))
            .collect();
        xs.sort_by(f64::total_cmp);
        assert!((xs[50_000] / 30.0 - 1.0).abs() < 0.02, "{}", xs[50_000]);
        assert!((xs[90_000] / 90.0 - 1.0).abs() < 0.03, "{}", xs[90_000]);
    }

    #[test]
    fn closed_forms_by_hand() {
        // Triangular (0, 0, 3): mean 1, variance (0 + 9 + 0 − 0 − 0 − 0)/18 = 0.5.
        let t = Distribution::Triangular {
            min: 0.0,
            mode: 0.0,
            max: 3.0,
        };
        assert_eq!((t.mean(), t.variance()), (1.0, 0.5));
        // Uniform (0, 12): variance 12.
        assert_eq!(
            Distribution::Uniform {
                min: 0.0,
                max: 12.0
            }
            .variance(),
            12.0
        );
        // Lognormal median 1, p90 e^Z90: σ = 1, mean e^0.5.
        let l = Distribution::Lognormal {
            median: 1.0,
            p90: Z90.exp(),
        };
        assert!((l.mean() - 0.5f64.exp()).abs() < 1e-12);
        // A shock p = 0.25 of a fixed 8 h: mean 2, variance 0.25·64 − 4 = 12.
        let s = Shock {
            p: 0.25,
            months: vec![],
            delay: Distribution::Fixed { value: 8.0 },
        };
        assert_eq!((s.mean(0.25), s.variance(0.25)), (2.0, 12.0));
        let w = Shock {
            months: vec![11, 12, 1, 2],
            ..s
        };
        assert_eq!(w.probability(Some(12)), 0.25);
        assert_eq!(w.probability(Some(6)), 0.0);
        assert!((w.probability(None) - 0.25 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::for_sample(3, 9).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::for_sample(3, 9).next_u64(),
            Rng::for_sample(3, 10).next_u64()
        );
        assert_ne!(
            Rng::for_sample(3, 9).next_u64(),
            Rng::for_sample(4, 9).next_u64()
        );
    }

    #[test]
    fn bad_parameters_are_named() {
        assert!(Distribution::Lognormal {
            median: 30.0,
            p90: 20.0
        }
        .problem()
        .is_some());
        assert!(Distribution::Triangular {
            min: 5.0,
            mode: 1.0,
            max: 9.0
        }
        .problem()
        .is_some());
        assert!(Distribution::Empirical { values: vec![] }
            .problem()
            .is_some());
        assert!(Distribution::Normal {
            mean: f64::NAN,
            sd: 1.0
        }
        .problem()
        .is_some());
        assert!(Distribution::Exponential { mean: 4.0 }.problem().is_none());
    }

    #[test]
    fn bad_parameters_never_panic_and_are_refused_by_the_checked_constructors() {
        let empty = Distribution::Empirical { values: vec![] };
        let mut rng = Rng::for_sample(1, 1);
        assert!(empty.sample(&mut rng).is_nan());
        assert!(empty.median().is_nan());
        assert!(empty.mean().is_nan() && empty.variance().is_nan());
        assert!(Distribution::empirical(vec![])
            .unwrap_err()
            .to_string()
            .contains("at least one"));
        assert!(Distribution::empirical(vec![f64::NAN]).is_err());
        assert_eq!(
            Distribution::empirical(vec![3.0]).unwrap().sample(&mut rng),
            3.0
        );
        for d in [
            Distribution::Lognormal {
                median: -1.0,
                p90: -2.0,
            },
            Distribution::Triangular {
                min: 9.0,
                mode: 1.0,
                max: 5.0,
            },
            Distribution::Uniform {
                min: f64::INFINITY,
                max: f64::NAN,
            },
            Distribution::Normal {
                mean: f64::NAN,
                sd: -1.0,
            },
            Distribution::Exponential { mean: -3.0 },
            Distribution::Fixed {
                value: f64::NEG_INFINITY,
            },
        ] {
            let _ = (d.sample(&mut rng), d.median(), d.mean(), d.variance());
            assert!(d.clone().checked().is_err(), "{d:?}");
        }
        let shock = |p: f64, months: Vec<u8>| Shock {
            p,
            months,
            delay: Distribution::Fixed { value: 1.0 },
        };
        assert!(shock(0.5, vec![1, 2]).problem().is_none());
        assert!(shock(1.5, vec![]).problem().is_some());
        assert!(shock(f64::NAN, vec![]).problem().is_some());
        assert!(shock(0.5, vec![13]).problem().is_some());
        assert!(shock(0.5, vec![2, 2]).problem().is_some());
    }
}
