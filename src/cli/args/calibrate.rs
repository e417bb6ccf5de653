//! `corridor calibrate`'s arguments, and the route choice `corridor assign` takes.

use std::path::PathBuf;

use super::FormatArgs;

/// How `corridor assign` chooses routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ChoiceArg {
    /// Deterministic user equilibrium by generalized cost (the documented model).
    Wardrop,
    /// Logit over each flow's candidate routes with fitted parameters (the shipped
    /// networks/calibration/route-choice.toml, or --params FILE).
    Calibrated,
}

/// `corridor calibrate`: the year fitted, the years held out, the parameters and bounds.
#[derive(Debug, clap::Args)]
pub(crate) struct CalibrateArgs {
    /// The year whose observed volumes and shares are fitted (a shipped demand of that year is
    /// assigned).
    #[arg(long, default_value_t = 2024)]
    pub(crate) year: i32,
    /// Years checked with the fitted values, never used in the fit (comma-separated) [default:
    /// every other year with observations of the kinds].
    #[arg(long, value_delimiter = ',', value_name = "YEAR")]
    pub(crate) held_out: Vec<i32>,
    /// The parameters fitted (comma-separated): theta, value_of_time, reliability; the others
    /// stay at their start values.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "theta",
        value_name = "NAME"
    )]
    pub(crate) free: Vec<String>,
    /// Bounds of a fitted parameter, NAME=LOW:HIGH (repeatable) [default: theta 1e-6:0.05,
    /// value_of_time 0:500, reliability 0:10].
    #[arg(long, value_name = "NAME=LOW:HIGH")]
    pub(crate) bounds: Vec<String>,
    /// Start value of θ, per USD/FEU [default: 0.001].
    #[arg(long)]
    pub(crate) theta: Option<f64>,
    /// Value of time, USD per FEU-hour (start, or fixed when not fitted) [default: the
    /// network's].
    #[arg(long)]
    pub(crate) value_of_time: Option<f64>,
    /// Reliability weight λ on P90 − P50 hours (start, or fixed when not fitted) [default: 0].
    #[arg(long)]
    pub(crate) reliability: Option<f64>,
    /// Kinds of observation fitted (comma-separated): volume_teu, share, throughput_teu
    /// [default: volume_teu,share].
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub(crate) kind: Vec<String>,
    /// An observation file or a folder of them [default: the shipped observations].
    #[arg(long, value_name = "PATH")]
    pub(crate) observations: Option<PathBuf>,
    /// Scenario applied first (shipped name or file; several joined by `+`).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    /// The most evaluations of the objective (each one equilibrium of the year's demand).
    #[arg(long, default_value_t = 200)]
    pub(crate) max_evaluations: usize,
    /// How many evaluations that do not depend on one another (the Jacobian's points, the
    /// profiles' ends, the held-out years) run at once, on threads, by the batch runner
    /// [default: the cores available]; the output is the same on any number.
    #[arg(long, value_name = "J")]
    pub(crate) jobs: Option<usize>,
    /// Write the fitted parameters to this file (TOML; `assign --choice calibrated --params
    /// FILE` reads it).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}
