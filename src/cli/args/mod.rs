//! The command line's clap types: the [`Cli`] parser, one [`Command`] variant per subcommand and
//! an argument struct per subcommand.
//!
//! The flags several subcommands share are declared once, in [`groups`], and flattened in; the
//! values of flags and their conversions into the library's types are in [`values`]. Nothing here
//! loads, routes or prints.

mod batch;
mod calibrate;
mod examples;
mod groups;
mod invest;
mod sensitivity;
mod values;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use corridor::routing::MAX_ALTERNATIVES;

pub(crate) use batch::BatchArgs;
pub(crate) use calibrate::{CalibrateArgs, ChoiceArg};
pub(crate) use groups::{query, ConstraintArgs, Ends, FormatArgs, ViewArgs};
pub(crate) use invest::InvestArgs;
pub(crate) use sensitivity::SensitivityArgs;
pub(crate) use values::{
    check_by, key_range, modes, objectives, By, ByOne, Criterion, ModeArg, ReliabilityOrder,
};

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "corridor",
    version,
    about = "Freight routes between China and Europe: shortest, fastest and cheapest routes over the \
             Middle Corridor, the Zangazur corridor, the Northern corridor and the sea.",
    after_help = examples::TOP,
    max_term_width = 100
)]
pub(crate) struct Cli {
    /// Network file or folder of files replacing the embedded network.
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) network: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// A subcommand and its arguments.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Find the best route(s) between two nodes.
    #[command(after_help = examples::ROUTE)]
    Route(RouteArgs),
    /// List the network's nodes.
    #[command(after_help = examples::NODES)]
    Nodes(NodesArgs),
    /// List the network's links (ids, ends, mode, lengths, times, status, corridor tags), for
    /// writing scenario selections and sweeps.
    #[command(after_help = examples::LINKS)]
    Links(LinksArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): corridor(1), or a subcommand's (`corridor man route`); or
    /// write every page into a folder (`--dir`).
    #[command(after_help = examples::MAN)]
    Man(ManArgs),
    /// Compare scenarios side by side (default: the network's default study across every shipped
    /// scenario that changes routes).
    #[command(after_help = examples::COMPARE)]
    Compare(CompareArgs),
    /// The origin–destination matrix between a set of places (a skim): km, hours, USD,
    /// generalized cost and CO2 of the best route between every ordered pair, by each objective.
    #[command(after_help = examples::SKIM)]
    Skim(SkimArgs),
    /// Vary one attribute over a range and report the best route and its switch points.
    #[command(after_help = examples::SWEEP)]
    Sweep(SweepArgs),
    /// Route a year's demand with waits that follow the load: the equilibrium loads,
    /// utilisation and waits of the capacitated elements, and each flow's routes.
    #[command(after_help = examples::ASSIGN)]
    Assign(AssignArgs),
    /// Appraise candidate investments: each project's benefits at the equilibrium with and
    /// without it, NPV, BCR, first-year return and payback; the best set under --budget.
    #[command(after_help = examples::INVEST)]
    Invest(InvestArgs),
    /// The model held against what was observed: published transit times, section times,
    /// rates, corridor volumes and shares and port throughputs beside the model's values, with
    /// the ratio and a verdict (inside, above, below) for each.
    #[command(after_help = examples::OBSERVED)]
    Observed(ObservedArgs),
    /// Fit the assignment's route choice (a logit over generalized cost, value of time and
    /// reliability) to one year's observed corridor volumes and shares; check it on the others.
    #[command(after_help = examples::CALIBRATE)]
    Calibrate(CalibrateArgs),
    /// Draw an SVG map of the network with the chosen routes highlighted.
    #[command(after_help = examples::MAP)]
    Map(MapArgs),
    /// Draw an SVG chart of routes: `tcd` (time/cost-distance) or `compare` (breakdown bars).
    #[command(after_help = examples::CHART)]
    Chart {
        #[command(subcommand)]
        kind: ChartKind,
    },
    /// The exact Pareto front: every route no other beats on one criterion without losing on
    /// another (time, cost, CO2).
    #[command(after_help = examples::PARETO)]
    Pareto(ParetoArgs),
    /// Transit-time reliability: Monte Carlo P10/P50/P90/P95 days of the best route of each
    /// corridor family (and alternatives), the chance each is fastest, and what drives the spread.
    #[command(after_help = examples::RELIABILITY)]
    Reliability(ReliabilityArgs),
    /// Write the network (with a scenario applied) as GeoJSON that loads back with --network:
    /// one file carrying every table, or a folder of layers; or a flat view for GIS display.
    #[command(after_help = examples::EXPORT)]
    Export(ExportArgs),
    /// Write the study as a folder: a self-contained index.html, report.md, every table as CSV
    /// and JSON, the routes as GeoJSON and the figures as SVG (default: the default study).
    #[command(after_help = examples::REPORT)]
    Report(ReportArgs),
    /// Which estimates an answer hangs on: Morris screening (then Sobol indices) of the inputs
    /// marked as estimates, for a route, two corridor families, a scenario's effect, an
    /// element's wait or two candidate projects' BCRs (default: the network's headline
    /// questions).
    #[command(after_help = examples::SENSITIVITY)]
    Sensitivity(SensitivityArgs),
    /// List the shipped scenarios.
    #[command(after_help = examples::SCENARIOS)]
    Scenarios,
    /// Run a manifest of command lines (or one shard of it) in this process, one result file per
    /// run, finished runs skipped; or merge the results folders of its shards into one file.
    #[command(after_help = examples::BATCH)]
    Batch(BatchArgs),
    /// Check a network (and scenarios) and report every problem found.
    #[command(after_help = examples::VALIDATE)]
    Validate {
        /// Network file or folder (default: --network, else the embedded network).
        path: Option<PathBuf>,
        /// Scenarios to check against the network as well (names or files).
        #[arg(long)]
        scenario: Vec<String>,
    },
}

/// `corridor route`: the ends are required, the mode (`--by p90`, `--alternatives`,
/// `--per-corridor`) picks what is searched.
#[derive(Debug, clap::Args)]
pub(crate) struct RouteArgs {
    /// Origin: node id or name (case and accents ignored).
    #[arg(long)]
    pub(crate) from: String,
    /// Destination: node id or name.
    #[arg(long)]
    pub(crate) to: String,
    /// What to minimise: one objective, several (`time,cost`) or `all`; one route each.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time")]
    pub(crate) by: Vec<By>,
    /// Scenario applied to the network first (shipped name or file; see `corridor scenarios`).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    #[command(flatten)]
    pub(crate) constraints: ConstraintArgs,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// Also write the map and charts of the routes into this folder.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    pub(crate) figures: Option<PathBuf>,
    /// The best route of every corridor family the network declares (its `[[family]]` records),
    /// with the reason where a family has none.
    #[arg(long, conflicts_with = "figures")]
    pub(crate) per_corridor: bool,
    /// Up to K (1–20) genuinely different routes per objective, in order of the objective, each
    /// sharing at most --max-overlap of its km with every better one (the first is the optimum).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(1..=MAX_ALTERNATIVES as i64), conflicts_with = "per_corridor")]
    pub(crate) alternatives: Option<u16>,
    /// With --alternatives: the largest share of a route's km it may have in common with a better
    /// one.
    #[arg(
        long,
        value_name = "F",
        default_value_t = 0.5,
        requires = "alternatives"
    )]
    pub(crate) max_overlap: f64,
}

/// `corridor man`: which page, or every page into a folder.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// The subcommand whose page to print (`route`, `chart tcd`) [default: corridor(1) itself].
    #[arg(value_name = "COMMAND")]
    pub(crate) command: Vec<String>,
    /// Write every page (corridor.1, corridor-route.1, …, corridor-chart-tcd.1) into this folder
    /// instead, creating it if missing.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub(crate) dir: Option<PathBuf>,
}

/// `corridor nodes`: the filters and the format.
#[derive(Debug, clap::Args)]
pub(crate) struct NodesArgs {
    /// Only nodes in this country (ISO code).
    #[arg(long)]
    pub(crate) country: Option<String>,
    /// Only nodes tagged with, or touched by a link tagged with, this corridor.
    #[arg(long)]
    pub(crate) corridor: Option<String>,
    /// Only nodes of this kind (city, rail_terminal, dry_port, sea_port, border_station, junction).
    #[arg(long)]
    pub(crate) kind: Option<String>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// `corridor links`: the filters, a scenario and the format.
#[derive(Debug, clap::Args)]
pub(crate) struct LinksArgs {
    /// Only links of this mode.
    #[arg(long, value_enum)]
    pub(crate) mode: Option<ModeArg>,
    /// Only links carrying this corridor tag.
    #[arg(long)]
    pub(crate) corridor: Option<String>,
    /// Only links with an end in, or crossing, this country (ISO code).
    #[arg(long)]
    pub(crate) country: Option<String>,
    /// Only links of this status (operating, under_construction, planned).
    #[arg(long)]
    pub(crate) status: Option<String>,
    /// Scenario applied first (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// `corridor compare`: the study's scenarios and objectives, with constraints of its own (a
/// year for every scenario, no `--avoid`) and optional reliability columns and figures.
#[derive(Debug, clap::Args)]
pub(crate) struct CompareArgs {
    #[command(flatten)]
    pub(crate) ends: Ends,
    /// Scenarios (shipped name or file), repeatable; the first is the reference for the changes
    /// [default: every shipped scenario but the capacity-only ones, baseline first].
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Vec<String>,
    /// Objectives per scenario (comma-separated, or `all`).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time,cost")]
    pub(crate) by: Vec<By>,
    /// One best route per scenario and objective, instead of one per corridor family (the
    /// default when the network declares families).
    #[arg(long)]
    pub(crate) overall: bool,
    /// What the study's map shows (with --figures).
    #[command(flatten)]
    pub(crate) view: ViewArgs,
    /// Add each route's P50 and P90 days (Monte Carlo over the network's [[variability]]).
    #[arg(long)]
    pub(crate) reliability: bool,
    /// Samples per scenario for --reliability.
    #[arg(long, default_value_t = 100_000, requires = "reliability")]
    pub(crate) samples: usize,
    /// Seed for --reliability.
    #[arg(long, default_value_t = 1, requires = "reliability")]
    pub(crate) seed: u64,
    /// Year for every scenario, overriding the scenarios' own years (not before the data year).
    #[arg(long)]
    #[arg(value_parser = clap::value_parser!(i32).range(1900..=2100))]
    pub(crate) year: Option<i32>,
    /// Value of time in USD per FEU-hour [default: the network's].
    #[arg(long, value_name = "USD")]
    pub(crate) value_of_time: Option<f64>,
    /// The modes a route may use, comma-separated [default: all].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "MODE,…")]
    pub(crate) modes: Vec<ModeArg>,
    /// Tonnes of cargo per FEU for CO2 [default: the network's].
    #[arg(long, value_name = "TONNES")]
    pub(crate) payload_t: Option<f64>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// Also write the study's map, time/cost-distance chart and breakdown chart into this folder.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    pub(crate) figures: Option<PathBuf>,
}

/// `corridor skim`: the places, the objectives, a scenario and the constraints of every pair.
#[derive(Debug, clap::Args)]
pub(crate) struct SkimArgs {
    /// The places, comma-separated node ids or names: the matrix's rows and columns, in this
    /// order [default: the network's required places].
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "A,B,…",
        conflicts_with = "required"
    )]
    pub(crate) nodes: Vec<String>,
    /// The network's required places (`required` in `[network.study]`: the places it promises to
    /// connect), in its order. The default when --nodes is not given.
    #[arg(long)]
    pub(crate) required: bool,
    /// Objectives (comma-separated, or `all`): one matrix each, of the best route by it.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time,cost")]
    pub(crate) by: Vec<By>,
    /// Scenario applied to the network first (shipped name or file; several joined by `+`).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    #[command(flatten)]
    pub(crate) constraints: ConstraintArgs,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// Write to this file (atomically; `-` for standard output) instead of standard output; a
    /// table written to a file is printed whole.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `corridor sweep`: the attribute, where it applies, and its range.
#[derive(Debug, clap::Args)]
pub(crate) struct SweepArgs {
    #[command(flatten)]
    pub(crate) ends: Ends,
    /// The attribute to vary: km, speed_kmh, hours, usd_per_km, usd_fixed, wait_hours,
    /// border.hours, border.usd, transfer.hours, transfer.usd, transfer.<kind>.hours|usd.
    #[arg(long)]
    pub(crate) field: String,
    /// Where it applies, as key=value (repeatable, all must hold): links=ID,ID · nodes=ID,ID ·
    /// corridor=TAG · country=CC (an end there, or crossing it) · 'border=AA>BB' (one direction;
    /// quote it, or the shell reads `>` as a redirection) or border=AA-BB · mode=rail|road|sea ·
    /// service=ID · kind=KIND (links touching such nodes) · all=true.
    #[arg(long = "where", value_name = "KEY=VALUE", required = true)]
    pub(crate) select: Vec<String>,
    /// The range LO:HI of values (or of factors with --scale).
    #[arg(long, value_name = "LO:HI")]
    pub(crate) range: String,
    /// Number of grid intervals (1…10,000); every switch is found whatever the grid (see the
    /// README), the grid only sets the table's rows.
    #[arg(long, default_value_t = 20)]
    pub(crate) steps: usize,
    /// Multiply the attribute by the values instead of setting it.
    #[arg(long)]
    pub(crate) scale: bool,
    /// Switch points are located to within this (units of the attribute); at least 1e-12 of the
    /// range's magnitude.
    #[arg(long, default_value_t = 0.01)]
    pub(crate) tolerance: f64,
    /// What the route minimises.
    #[arg(long, value_enum, default_value = "time")]
    pub(crate) by: ByOne,
    /// Scenario applied before sweeping (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    #[command(flatten)]
    pub(crate) constraints: ConstraintArgs,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// `corridor assign`: the demand, a scenario and when the equilibrium stops.
#[derive(Debug, clap::Args)]
pub(crate) struct AssignArgs {
    /// Demand: a shipped name (2024, 2025, 2030) or a demand file.
    #[arg(long, value_name = "NAME|FILE", default_value = "2030")]
    pub(crate) demand: String,
    /// Scenario applied first (shipped name or file; several joined by `+`).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    /// Query year, not before the network's data year [default: the demand's year, which may be
    /// earlier: then links not yet built that year are closed, and a note says so].
    #[arg(long)]
    pub(crate) year: Option<i32>,
    /// Stop at this relative gap.
    #[arg(long, default_value_t = 1e-4)]
    pub(crate) gap: f64,
    /// Stop after this many iterations (1–10,000).
    #[arg(long, default_value_t = 1000)]
    pub(crate) max_iterations: usize,
    /// The planning period the queues are looked at over, in days: how long an overload lasts
    /// before capacity is added or shippers rebook. Beyond capacity the wait grows with the
    /// overload and with this period [default: 30].
    #[arg(long, value_name = "DAYS")]
    pub(crate) period_days: Option<f64>,
    /// How flows choose routes.
    #[arg(long, value_enum, default_value = "wardrop")]
    pub(crate) choice: ChoiceArg,
    /// The route-choice parameters of `--choice calibrated` (a file `corridor calibrate -o`
    /// writes) [default: the shipped networks/calibration/route-choice.toml].
    #[arg(long, value_name = "FILE")]
    pub(crate) params: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// Also write the load map (widths ∝ TEU, saturated elements red) and the utilisation
    /// chart into this folder.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    pub(crate) figures: Option<PathBuf>,
}

/// `corridor observed`: which observations, which kinds, and how to print them.
#[derive(Debug, clap::Args)]
pub(crate) struct ObservedArgs {
    /// An observation file or a folder of them [default: the shipped observations].
    #[arg(long, value_name = "PATH")]
    pub(crate) observations: Option<PathBuf>,
    /// Only these kinds (comma-separated): transit_days, section_days, cost_usd_per_feu,
    /// volume_teu, share, throughput_teu.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub(crate) kind: Vec<String>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// `corridor map`: which routes of which scenarios, and what the map shows.
#[derive(Debug, clap::Args)]
pub(crate) struct MapArgs {
    #[command(flatten)]
    pub(crate) ends: Ends,
    /// Which routes to highlight (comma-separated objectives or `all`; identical ones merged).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    pub(crate) by: Vec<By>,
    /// Scenario applied to the network first (shipped name or file); repeatable, each
    /// scenario's routes drawn (the network as under the first).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Vec<String>,
    #[command(flatten)]
    pub(crate) constraints: ConstraintArgs,
    #[command(flatten)]
    pub(crate) view: ViewArgs,
    /// The SVG file to write.
    #[arg(short, long, value_name = "FILE", default_value = "output/map.svg")]
    pub(crate) output: PathBuf,
}

/// Which chart `corridor chart` draws.
#[derive(Debug, Subcommand)]
pub(crate) enum ChartKind {
    /// The UNESCAP time/cost-distance chart: cumulative days and USD against cumulative km, with
    /// a vertical jump at each border, transfer and wait.
    #[command(after_help = examples::CHART_TCD)]
    Tcd(ChartArgs),
    /// A stacked bar per route or scenario, split into line haul, border, transfer and waiting,
    /// in days and in USD.
    #[command(after_help = examples::CHART_COMPARE)]
    Compare(ChartArgs),
    /// Days against USD: the exact Pareto front of time and cost (joined by its staircase), each
    /// point labelled by its corridor, with each corridor family's fastest and cheapest routes in
    /// grey where they are dominated. Takes at most one --scenario.
    #[command(after_help = examples::CHART_PARETO)]
    Pareto(ChartArgs),
}

/// The arguments every `corridor chart` kind takes.
#[derive(Debug, clap::Args)]
pub(crate) struct ChartArgs {
    #[command(flatten)]
    pub(crate) ends: Ends,
    /// Objectives (comma-separated, or `all`): one route (series or bar) per objective and
    /// scenario.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time")]
    pub(crate) by: Vec<By>,
    /// Scenarios (shipped name or file), repeatable: one series or bar each [default: none].
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Vec<String>,
    #[command(flatten)]
    pub(crate) constraints: ConstraintArgs,
    /// The SVG file to write [default: output/tcd.svg or output/breakdown.svg].
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `corridor pareto`: the criteria and how close two points may be.
#[derive(Debug, clap::Args)]
pub(crate) struct ParetoArgs {
    #[command(flatten)]
    pub(crate) ends: Ends,
    /// Two or three criteria, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time,cost")]
    pub(crate) criteria: Vec<Criterion>,
    /// Drop a point within a factor 1 + EPSILON of an earlier one on every criterion.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) epsilon: f64,
    /// Stop with an error (exit 2) when the search has run this long, in seconds (0.001–3600).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, allow_negative_numbers = true, value_parser = values::time_limit)]
    pub(crate) time_limit: f64,
    /// Scenario applied to the network first (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    #[command(flatten)]
    pub(crate) constraints: ConstraintArgs,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// `corridor reliability`: the sampling, the alternatives and the order of the routes.
#[derive(Debug, clap::Args)]
pub(crate) struct ReliabilityArgs {
    #[command(flatten)]
    pub(crate) ends: Ends,
    /// Number of samples.
    #[arg(long, default_value_t = 100_000)]
    pub(crate) samples: usize,
    /// Master seed: the same seed gives the same output on any number of threads.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Month shipped in (1–12), for seasonal shocks [default: averaged over the year].
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=12))]
    pub(crate) month: Option<u8>,
    /// Also give P(arrive within DAYS days).
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true)]
    pub(crate) within: Option<f64>,
    /// Add up to K (0–20) dissimilar alternatives of the fastest route.
    #[arg(long, value_name = "K", default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=MAX_ALTERNATIVES as i64))]
    pub(crate) alternatives: u16,
    /// Largest share of km an alternative may have in common with a better one.
    #[arg(long, value_name = "F", default_value_t = 0.5)]
    pub(crate) max_overlap: f64,
    /// Order the routes by this (`p90`: the route a planner promising a date would book first).
    #[arg(long, value_enum)]
    pub(crate) by: Option<ReliabilityOrder>,
    /// Scenario applied to the network first (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    #[command(flatten)]
    pub(crate) constraints: ConstraintArgs,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// Also write the chart of the distributions (reliability.svg) into this folder.
    #[arg(long, value_name = "DIR")]
    pub(crate) figures: Option<PathBuf>,
}

/// `corridor export`: what is written (one file, a folder of layers, or the flat view) and where.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// Scenario applied first (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Option<String>,
    /// Where to write: a .geojson file (`-` for standard output), or with --layers or --flat a
    /// folder [default: output/network.geojson, output/network or output/network-flat]. A path
    /// ending in `/` or naming an existing folder writes the layers.
    #[arg(short, long, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    /// Write a folder of layers, one geometry type each, loadable with `--network DIR`:
    /// nodes.geojson (Points), links.geojson (LineStrings) and network.toml (the network-level
    /// tables).
    #[arg(long, conflicts_with = "flat")]
    pub(crate) layers: bool,
    /// Write a flat view for display and Shapefile into a folder: nodes.geojson and
    /// links.geojson with names of at most 10 characters, numbers and texts only, no sources.
    /// Not loadable.
    #[arg(long)]
    pub(crate) flat: bool,
}

/// `corridor report`: the study's scenarios, its sampling and the folder written.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) ends: Ends,
    /// Scenarios (shipped name or file), repeatable; the first is the reference
    /// [default: every shipped scenario but the capacity-only ones, baseline first].
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) scenario: Vec<String>,
    /// Samples per scenario for the reliability columns and study.
    #[arg(long, default_value_t = 20_000)]
    pub(crate) samples: usize,
    /// Seed for the reliability sampling.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// The folder to write.
    #[arg(short, long, default_value = "output/report")]
    pub(crate) output: PathBuf,
}
