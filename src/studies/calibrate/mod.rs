//! Calibration: the logit route choice of the assignment ([`crate::studies::assign::Logit`])
//! fitted to the corridor volumes and shares observed in one year, checked on the others.
//!
//! **The model.** Each flow of the year's demand splits over its candidate routes by a
//! path-size logit of their cost (variants of one corridor share one route's weight): USD + value of time × (hours + λ × (P90 − P50) hours), per FEU, with the waits of
//! the capacitated elements at the equilibrium's loads. Three parameters a planner recognises:
//! the dispersion θ (per USD), the value of time (USD per FEU-hour) and the reliability weight λ.
//! Those not fitted stay at their start values (θ 0.001, the network's documented value of time,
//! λ 0).
//!
//! **The fit.** Weighted least squares on the logarithm of model / observed:
//! S = Σ ((ln model − ln observed) / σ)², σ = ½ ln(high / low) of the published range (a point
//! value's ± tolerance). Least squares on logs, not a likelihood of shipments' choices: the
//! observations are published aggregates (a corridor's TEU, a share), not counts of independent
//! choices, so a multinomial likelihood of several hundred thousand boxes would claim a precision
//! the figures do not have; logs make a volume and a share commensurable and a ratio's error
//! symmetric, and σ weights each figure by the uncertainty its source states. The minimum is
//! found by Nelder–Mead within bounds, over ln θ and the other parameters as they are; the
//! standard errors are those of (JᵀJ)⁻¹ at the minimum (J the Jacobian of the weighted
//! residuals by central differences), with σ taken as known: a parameter the observations do not
//! determine (JᵀJ singular) has none, and one on its bound is flagged. As the objective is far
//! from quadratic in θ (flat where the choice is nearly deterministic), each fitted parameter
//! also gets a 95 % profile range: where S stays within 3.84 of its minimum, the other fitted
//! parameters held at their values.
//!
//! **Held out.** Observations of other years are assigned with the fitted parameters and
//! reported separately; they are never read by the fit.
//!
//! **What it measures.** The error of an observation is |model / observed − 1|; the summary is
//! its median over the year's observations, beside the deterministic choice's
//! ([`crate::studies::assign::assign`]).

mod fit;
mod optimise;
pub mod params;
mod spread;

use serde::Serialize;

pub use fit::{calibrate, evaluate, KINDS};
pub use optimise::{covariance, jacobian, jacobian_points, nelder_mead, Minimum};

use crate::studies::assign::{self, Choice};
use crate::studies::observed::Kind;

/// A parameter of the route choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Param {
    /// Dispersion θ, per USD per FEU.
    Theta,
    /// Value of time, USD per FEU-hour.
    ValueOfTime,
    /// Reliability weight λ on P90 − P50 hours.
    Reliability,
}

/// Every parameter, in file order.
pub const PARAMS: [Param; 3] = [Param::Theta, Param::ValueOfTime, Param::Reliability];

impl Param {
    /// Its key in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Param::Theta => "theta",
            Param::ValueOfTime => "value_of_time",
            Param::Reliability => "reliability",
        }
    }

    /// The parameter named `s`, or a message listing the names.
    pub fn named(s: &str) -> Result<Param, String> {
        PARAMS.into_iter().find(|p| p.key() == s).ok_or_else(|| {
            let names: Vec<&str> = PARAMS.iter().map(|p| p.key()).collect();
            format!(
                "unknown parameter `{}`{} (parameters: {})",
                crate::error::clip(s),
                crate::text::did_you_mean(s, &names),
                names.join(", ")
            )
        })
    }

    /// Its unit, in words.
    pub fn unit(self) -> &'static str {
        match self {
            Param::Theta => "per USD/FEU",
            Param::ValueOfTime => "USD per FEU-hour",
            Param::Reliability => "hours per hour of P90 − P50",
        }
    }

    /// The widest range a value may take (a fit's bounds lie within it).
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Param::Theta => (1e-6, 0.05),
            Param::ValueOfTime => (0.0, 500.0),
            Param::Reliability => (0.0, 10.0),
        }
    }

    /// Whether the fit works on its logarithm (a scale parameter).
    fn logarithmic(self) -> bool {
        self == Param::Theta
    }

    /// The first simplex's step and the Jacobian's difference, in the fit's coordinate.
    fn steps(self) -> (f64, f64) {
        match self {
            Param::Theta => (1.0, 1e-3),
            Param::ValueOfTime => (5.0, 0.05),
            Param::Reliability => (0.5, 5e-3),
        }
    }
}

/// How to calibrate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The year whose observations are fitted.
    pub year: i32,
    /// The years checked with the fitted values [default: every other year with observations
    /// of the kinds].
    pub held_out: Option<Vec<i32>>,
    /// The parameters fitted; the others stay at `start`.
    pub free: Vec<Param>,
    /// Where the search starts, and the values of the parameters not fitted.
    pub start: Choice,
    /// Bounds of the fitted parameters, by parameter (default [`Param::bounds`]).
    pub bounds: Vec<(Param, f64, f64)>,
    /// The kinds of observation fitted and checked (volume_teu, share, throughput_teu).
    pub kinds: Vec<Kind>,
    /// How each assignment is solved (its gap also stops the logit's fixed point).
    pub assign: assign::Options,
    /// The most evaluations of the fit's objective.
    pub max_evaluations: usize,
    /// How many of the evaluations that do not follow one another (the Jacobian's points, the
    /// profiles' ends, the held-out years) run at once, by the batch runner; the answer is the
    /// same on any number.
    pub jobs: usize,
}

impl Options {
    /// The defaults for `net`: fit θ on 2024's volumes and shares, the value of time at the
    /// network's, λ 0.
    pub fn new(net: &crate::Network) -> Options {
        Options {
            year: 2024,
            held_out: None,
            free: vec![Param::Theta],
            start: Choice {
                theta: 1e-3,
                value_of_time: net.value_of_time,
                reliability: 0.0,
            },
            bounds: Vec::new(),
            kinds: vec![Kind::VolumeTeu, Kind::Share],
            assign: assign::Options {
                gap: 1e-7,
                max_iterations: 5_000,
                ..Default::default()
            },
            max_evaluations: 200,
            jobs: crate::studies::batch::jobs_available(),
        }
    }
}

/// A parameter's value and what the fit says of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// The parameter.
    pub parameter: Param,
    /// Its unit.
    pub unit: &'static str,
    /// The value used.
    pub value: f64,
    /// Whether it was fitted (else fixed at its start value).
    pub fitted: bool,
    /// Standard error (from (JᵀJ)⁻¹); absent when fixed or not determined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard_error: Option<f64>,
    /// The 95 % profile range: the values (the other fitted parameters held at theirs, within
    /// the bounds) where the weighted sum of squares is within 3.84 (χ², 1 degree of freedom,
    /// 5 %) of its minimum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<(f64, f64)>,
    /// The bounds searched.
    pub bounds: (f64, f64),
    /// Whether the fit ended on a bound (the observations push it further).
    pub at_bound: bool,
}

/// One observation beside the model's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The observation's id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// The year.
    pub year: i32,
    /// Where it applies, in words.
    pub place: String,
    /// The published value (the range's middle when no point value was given).
    pub observed: f64,
    /// The range's low end.
    pub low: f64,
    /// The range's high end.
    pub high: f64,
    /// The standard deviation of ln observed the fit weighs it by.
    pub sigma: f64,
    /// The calibrated model's value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<f64>,
    /// Model / observed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    /// The deterministic choice's model / observed (the default `assign`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wardrop_ratio: Option<f64>,
    /// Where it was published.
    pub source: String,
    /// Why it does not measure what the model gives: shown, never fitted nor in the median.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_comparable: Option<String>,
    /// The observation's file and line.
    pub at: String,
}

/// The observations of one year, and the error summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearFit {
    /// The year.
    pub year: i32,
    /// Its observations.
    pub rows: Vec<Row>,
    /// Median |model / observed − 1| of the calibrated choice, over the comparable
    /// observations.
    pub median_abs_error: Option<f64>,
    /// The same of the deterministic choice.
    pub wardrop_median_abs_error: Option<f64>,
    /// How the logit's fixed point ended: its relative change and whether it met the gap.
    pub equilibrium_gap: f64,
}

/// A calibration's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// How the fit was made, in words.
    pub method: String,
    /// The fitted choice (fixed parameters at their values).
    pub choice: Choice,
    /// Every parameter.
    pub parameters: Vec<Estimate>,
    /// The weighted sum of squares at the minimum.
    pub objective: f64,
    /// Evaluations of the objective (each one logit equilibrium of the year's demand).
    pub evaluations: usize,
    /// Whether Nelder–Mead converged.
    pub converged: bool,
    /// The calibration year's observations.
    pub fit: YearFit,
    /// Each held-out year's, never used in the fit.
    pub held_out: Vec<YearFit>,
    /// The kinds fitted.
    pub kinds: Vec<Kind>,
    /// The evaluations run by the batch runner that failed (a parameter then has no standard
    /// error or range, a held-out year is missing), reported as a batch reports a failed run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<crate::studies::batch::Failure>,
}

/// The median of `v` (`None` when empty).
pub fn median(v: &[f64]) -> Option<f64> {
    let mut s: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if s.is_empty() {
        return None;
    }
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 {
        s[n / 2]
    } else {
        0.5 * (s[n / 2 - 1] + s[n / 2])
    })
}
