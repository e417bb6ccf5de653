//! `corridor invest`'s arguments: the candidates, the demand and scenario the cases are built
//! on, the appraisal's numbers (each defaulting to networks/appraisal/defaults.toml or the
//! network's value of time), the budget, and what is written.

use std::path::PathBuf;

use clap::Args;

use super::calibrate::ChoiceArg;
use super::groups::FormatArgs;

/// `corridor invest`.
#[derive(Debug, Args)]
pub(crate) struct InvestArgs {
    /// The candidate projects: a folder of project files (<id>.toml), or `shipped` (the
    /// networks/projects/ files compiled in).
    #[arg(long, value_name = "DIR|shipped", default_value = "shipped")]
    pub(crate) projects: String,
    /// Only these candidates (ids, comma-separated).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub(crate) only: Vec<String>,
    /// The appraisal defaults file [default: the shipped networks/appraisal/defaults.toml].
    #[arg(long, value_name = "FILE")]
    pub(crate) defaults: Option<PathBuf>,
    /// Demand assigned in every case: a shipped name (2024, 2025, 2030) or a demand file.
    #[arg(long, value_name = "NAME|FILE", default_value = "2030")]
    pub(crate) demand: String,
    /// Scenario the cases are built on (shipped name or file; several joined by `+`).
    #[arg(long, value_name = "NAME|FILE", conflicts_with = "across")]
    pub(crate) scenario: Option<String>,
    /// The appraisal year the cases are assigned in [default: the demand's year].
    #[arg(long)]
    pub(crate) year: Option<i32>,
    /// Appraisal period from the base year, years [default: the defaults file's].
    #[arg(long, value_name = "YEARS")]
    pub(crate) horizon: Option<u32>,
    /// Real discount rate per year, e.g. 0.05 [default: the defaults file's].
    #[arg(long, value_name = "RATE", allow_negative_numbers = true)]
    pub(crate) discount: Option<f64>,
    /// Capital budget (USD, undiscounted) for the portfolio; without it no portfolio.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub(crate) budget: Option<f64>,
    /// Value of time, USD per FEU-hour [default: the network's].
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub(crate) value_of_time: Option<f64>,
    /// CO2 price, USD per tonne [default: the defaults file's].
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub(crate) co2_price: Option<f64>,
    /// Value of an hour of transit-time spread (P90 − P50) against an hour of mean time, e.g.
    /// 0.8 [default: the defaults file's].
    #[arg(long, value_name = "R", allow_negative_numbers = true)]
    pub(crate) reliability_ratio: Option<f64>,
    /// Rank and choose under each of these scenarios (comma-separated).
    #[arg(long, value_name = "S1,S2,…", value_delimiter = ',')]
    pub(crate) across: Vec<String>,
    /// How flows choose routes in each case.
    #[arg(long, value_enum, default_value = "wardrop")]
    pub(crate) choice: ChoiceArg,
    /// Cases assigned at once, on threads, by the batch runner [default: the cores available];
    /// the answer is the same on any number.
    #[arg(long, value_name = "J")]
    pub(crate) jobs: Option<usize>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// Also write the benefit–cost chart (BCR by project, the portfolio's marked) into this
    /// folder: invest-<scenario>.svg, one per scenario.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    pub(crate) figures: Option<PathBuf>,
    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}
