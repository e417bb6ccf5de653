//! `corridor sensitivity`'s arguments: the question (a route, two families, a scenario's effect,
//! an element's wait, two candidate projects' BCRs; the network's headline questions when none
//! is given), the inputs, the method's numbers, and what is written.

use std::path::PathBuf;

use clap::Args;

use super::groups::FormatArgs;
use super::values::ByOne;

/// `corridor sensitivity`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("assigns").args(["element", "rank"])))]
pub(crate) struct SensitivityArgs {
    /// Origin: node id or name [default: the network's study origin]. With --to alone (no
    /// --compare, --scenario-effect or --element) the question is the best route's measure.
    #[arg(long)]
    pub(crate) from: Option<String>,
    /// Destination: node id or name [default: the network's study destination].
    #[arg(long)]
    pub(crate) to: Option<String>,
    /// What the answer measures: days (time), USD (cost, generalized), t CO2e (co2) or km
    /// (distance); routes minimise it.
    #[arg(long, value_enum, default_value = "time")]
    pub(crate) by: ByOne,
    /// The difference between two corridor families' best routes: A's less B's (negative: A is
    /// better).
    #[arg(long, value_name = "A,B", value_delimiter = ',', num_args = 1, conflicts_with_all = ["scenario_effect", "element"])]
    pub(crate) compare: Option<Vec<String>>,
    /// A scenario's effect: its answer less the answer without it, on the family it changes
    /// most (or --family).
    #[arg(long, value_name = "NAME|FILE", conflicts_with = "element")]
    pub(crate) scenario_effect: Option<String>,
    /// The corridor family a route question or an effect is measured on.
    #[arg(long, value_name = "ID")]
    pub(crate) family: Option<String>,
    /// A capacitated element's queue wait (hours) in the assignment of --demand.
    #[arg(long, value_name = "ID")]
    pub(crate) element: Option<String>,
    /// Two candidate projects' benefit–cost ratios apart, BCR(A) − BCR(B), each alone against
    /// the do-minimum in the assignment of --demand, as `corridor invest` appraises them
    /// (negative: B returns more per dollar); the network's estimates that could reverse their
    /// order.
    #[arg(long, value_name = "A,B", value_delimiter = ',', num_args = 1, conflicts_with_all = ["compare", "scenario_effect", "element", "family"])]
    pub(crate) rank: Option<Vec<String>>,
    /// The candidate projects of a --rank question: a folder of project files (<id>.toml), or
    /// `shipped`.
    #[arg(
        long,
        value_name = "DIR|shipped",
        default_value = "shipped",
        requires = "rank"
    )]
    pub(crate) projects: String,
    /// The appraisal defaults file of a --rank question [default: the shipped
    /// networks/appraisal/defaults.toml].
    #[arg(long, value_name = "FILE", requires = "rank")]
    pub(crate) defaults: Option<PathBuf>,
    /// The demand an --element or --rank question assigns (shipped name or file).
    #[arg(
        long,
        value_name = "NAME|FILE",
        default_value = "2030",
        requires = "assigns"
    )]
    pub(crate) demand: String,
    /// Scenario the question is asked under (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    /// Query year [default: the scenario's, else the data year].
    #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2100))]
    pub(crate) year: Option<i32>,
    /// Screen every numeric input, not only the estimates.
    #[arg(long)]
    pub(crate) all: bool,
    /// Morris trajectories (2–1,000).
    #[arg(
        short = 'r',
        long = "trajectories",
        value_name = "R",
        default_value_t = 10
    )]
    pub(crate) trajectories: usize,
    /// Seed: the same seed gives the same output on any number of threads.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// How many trajectories or samples are evaluated at once, on threads, by the batch runner
    /// [default: the cores available]; the output is the same on any number.
    #[arg(long, value_name = "J")]
    pub(crate) jobs: Option<usize>,
    /// Also the Sobol first-order and total indices of the top inputs, from N base samples
    /// (16–100,000; N × (top + 2) evaluations).
    #[arg(long, value_name = "N")]
    pub(crate) sobol: Option<usize>,
    /// How many inputs (the first by μ*) the Sobol indices are computed for (1–50).
    #[arg(long, value_name = "K", default_value_t = 10)]
    pub(crate) top: usize,
    /// An input's range instead of the stated one or ±50 %: KEY=LOW:HIGH in the input's units
    /// (KEY as the table lists it, RECORD.FIELD); repeatable.
    #[arg(long, value_name = "KEY=LOW:HIGH")]
    pub(crate) range: Vec<String>,
    /// Only the inputs whose key (RECORD.FIELD) or file holds one of these texts, e.g.
    /// `caspian` or `kuryk-alat,aktau-alat`.
    #[arg(long, value_name = "TEXT,…", value_delimiter = ',')]
    pub(crate) only: Vec<String>,
    /// How many inputs per question a table shows: a number or `all`.
    #[arg(long, value_name = "N|all", default_value = "20")]
    pub(crate) show: String,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// Also write the tornado chart of each question (μ* bars with σ) into this folder.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    pub(crate) figures: Option<PathBuf>,
    /// Write the first question's tornado chart to this SVG file (`-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}
