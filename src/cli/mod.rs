//! The command line: clap types, their conversion into library requests, and printing.
//!
//! This is the only module that knows clap. Each subcommand turns its arguments into plain library
//! calls and returns an [`Exit`]; errors bubble up as `anyhow` chains and are printed once.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use corridor::compare::{self as comparison, Request};
use corridor::figures::{self, SameWhen};
use corridor::load;
use corridor::network::{Mode, Network, NodeKind};
use corridor::render::basemap;
use corridor::render::chart_svg::{render_breakdown, render_tcd, Series};
use corridor::render::map_svg::{render_map, Extent};
use corridor::report::{self, Format};
use corridor::scenario::{self, Scenario, Selection};
use corridor::solve::NoRoute;
use corridor::solve::{Objective, Route, Router};
use corridor::sweep::{self as sweeping};
use corridor::Query;

/// What a successful run means for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Something was produced: exit 0.
    Ok,
    /// No route exists under the constraints: exit 1.
    NoRoute,
}

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "corridor",
    version,
    about = "Freight routes between China and Europe: shortest, fastest and cheapest routes over the \
             Middle Corridor, the Zangazur corridor, the Northern corridor and the sea.",
    after_help = "Exit codes: 0 success; 1 no route exists under the constraints; 2 bad input or usage.",
    max_term_width = 100
)]
struct Cli {
    /// Network file or folder of files replacing the embedded network.
    #[arg(long, global = true, value_name = "PATH")]
    network: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find the best route(s) between two nodes.
    Route(RouteArgs),
    /// List the network's nodes.
    Nodes(NodesArgs),
    /// List the network's links (ids, ends, mode, lengths, times, status, corridor tags), for
    /// writing scenario selections and sweeps.
    Links(LinksArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output.
    Man,
    /// Compare scenarios side by side (default: Xi'an → Duisburg across every shipped scenario that changes routes).
    Compare(CompareArgs),
    /// Vary one attribute over a range and report the best route and its switch points.
    Sweep(SweepArgs),
    /// Route a year's demand with waits that follow the load: the equilibrium loads,
    /// utilisation and waits of the capacitated elements, and each flow's routes.
    Assign(AssignArgs),
    /// Draw an SVG map of the network with the chosen routes highlighted.
    Map(MapArgs),
    /// Draw an SVG chart of routes: `tcd` (time/cost-distance) or `compare` (breakdown bars).
    Chart {
        #[command(subcommand)]
        kind: ChartKind,
    },
    /// The exact Pareto front: every route no other beats on one criterion without losing on
    /// another (time, cost, CO2).
    Pareto(ParetoArgs),
    /// Transit-time reliability: Monte Carlo P10/P50/P90/P95 days of the best route of each
    /// corridor family (and alternatives), the chance each is fastest, and what drives the spread.
    Reliability(ReliabilityArgs),
    /// Write the network (with a scenario applied) as GeoJSON: nodes as Points, links as
    /// LineStrings with every attribute and its sources.
    Export {
        /// Scenario applied first (shipped name or file).
        #[arg(long, value_name = "NAME|FILE")]
        scenario: Option<String>,
        /// Output file (`-` for standard output).
        #[arg(short, long, default_value = "output/network.geojson")]
        output: PathBuf,
    },
    /// Write the study as a folder: a self-contained index.html, report.md, every table as CSV
    /// and JSON, the routes as GeoJSON and the figures as SVG (default: the default study).
    Report(ReportArgs),
    /// List the shipped scenarios.
    Scenarios,
    /// Check a network (and scenarios) and report every problem found.
    Validate {
        /// Network file or folder (default: --network, else the embedded network).
        path: Option<PathBuf>,
        /// Scenarios to check against the network as well (names or files).
        #[arg(long)]
        scenario: Vec<String>,
    },
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// Origin: node id or name.
    #[arg(long, default_value = "xian")]
    from: String,
    /// Destination: node id or name.
    #[arg(long, default_value = "duisburg")]
    to: String,
    /// Scenarios (shipped name or file), repeatable; the first is the reference for the changes
    /// [default: every shipped scenario but the capacity-only ones, baseline first].
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Vec<String>,
    /// Objectives per scenario (comma-separated, or `all`).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time,cost")]
    by: Vec<By>,
    /// One best route per scenario and objective, instead of one per corridor family (the
    /// default when the network declares families).
    #[arg(long)]
    overall: bool,
    /// What the study's map shows (with --figures).
    #[command(flatten)]
    view: ViewArgs,
    /// Add each route's P50 and P90 days (Monte Carlo over the network's [[variability]]).
    #[arg(long)]
    reliability: bool,
    /// Samples per scenario for --reliability.
    #[arg(long, default_value_t = 100_000, requires = "reliability")]
    samples: usize,
    /// Seed for --reliability.
    #[arg(long, default_value_t = 1, requires = "reliability")]
    seed: u64,
    /// Year for every scenario, overriding the scenarios' own years.
    #[arg(long)]
    #[arg(value_parser = clap::value_parser!(i32).range(1900..=2100))]
    year: Option<i32>,
    /// Value of time in USD per FEU-hour [default: the network's].
    #[arg(long, value_name = "USD")]
    value_of_time: Option<f64>,
    /// The modes a route may use, comma-separated [default: all].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "MODE,…")]
    modes: Vec<ModeArg>,
    /// Tonnes of cargo per FEU for CO2 [default: the network's].
    #[arg(long, value_name = "TONNES")]
    payload_t: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
    /// Also write the study's map, time/cost-distance chart and breakdown chart into this folder.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    figures: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum ChartKind {
    /// The UNESCAP time/cost-distance chart: cumulative days and USD against cumulative km, with
    /// a vertical jump at each border, transfer and wait.
    Tcd(ChartArgs),
    /// A stacked bar per route or scenario, split into line haul, border, transfer and waiting,
    /// in days and in USD.
    Compare(ChartArgs),
    /// Days against USD: the exact Pareto front of time and cost (joined by its staircase), each
    /// point labelled by its corridor, with each corridor family's fastest and cheapest routes in
    /// grey where they are dominated. Takes at most one --scenario.
    Pareto(ChartArgs),
}

#[derive(Debug, clap::Args)]
struct ChartArgs {
    /// Origin: node id or name.
    #[arg(long, default_value = "xian")]
    from: String,
    /// Destination: node id or name.
    #[arg(long, default_value = "duisburg")]
    to: String,
    /// Objectives (comma-separated, or `all`): one route (series or bar) per objective and
    /// scenario.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time")]
    by: Vec<By>,
    /// Scenarios (shipped name or file), repeatable: one series or bar each [default: none].
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Vec<String>,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// The SVG file to write [default: output/tcd.svg or output/breakdown.svg].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct AssignArgs {
    /// Demand: a shipped name (2024, 2030) or a demand file.
    #[arg(long, value_name = "NAME|FILE", default_value = "2030")]
    demand: String,
    /// Scenario applied first (shipped name or file; several joined by `+`).
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Option<String>,
    /// Query year [default: the demand's year].
    #[arg(long)]
    year: Option<i32>,
    /// Stop at this relative gap.
    #[arg(long, default_value_t = 1e-4)]
    gap: f64,
    /// Stop after this many iterations.
    #[arg(long, default_value_t = 1000)]
    max_iterations: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// Also write the load map (widths ∝ TEU, saturated elements red) and the utilisation
    /// chart into this folder.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    figures: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct SweepArgs {
    /// Origin: node id or name.
    #[arg(long, default_value = "xian")]
    from: String,
    /// Destination: node id or name.
    #[arg(long, default_value = "duisburg")]
    to: String,
    /// The attribute to vary: km, speed_kmh, hours, usd_per_km, usd_fixed, wait_hours,
    /// border.hours, border.usd, transfer.hours, transfer.usd, transfer.<kind>.hours|usd.
    #[arg(long)]
    field: String,
    /// Where it applies, as key=value (repeatable, all must hold): links=ID,ID · nodes=ID,ID ·
    /// corridor=TAG · country=CC (an end there, or crossing it) · 'border=AA>BB' (one direction;
    /// quote it, or the shell reads `>` as a redirection) or border=AA-BB · mode=rail|road|sea ·
    /// service=ID · kind=KIND (links touching such nodes) · all=true.
    #[arg(long = "where", value_name = "KEY=VALUE", required = true)]
    select: Vec<String>,
    /// The range LO:HI of values (or of factors with --scale).
    #[arg(long, value_name = "LO:HI")]
    range: String,
    /// Number of grid intervals (1…10,000); every switch is found whatever the grid (see the
    /// README), the grid only sets the table's rows.
    #[arg(long, default_value_t = 20)]
    steps: usize,
    /// Multiply the attribute by the values instead of setting it.
    #[arg(long)]
    scale: bool,
    /// Switch points are located to within this (units of the attribute); at least 1e-12 of the
    /// range's magnitude.
    #[arg(long, default_value_t = 0.01)]
    tolerance: f64,
    /// What the route minimises.
    #[arg(long, value_enum, default_value = "time")]
    by: ByOne,
    /// Scenario applied before sweeping (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Option<String>,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ByOne {
    Distance,
    Time,
    Cost,
    Generalized,
    Co2,
}

impl From<ByOne> for Objective {
    fn from(b: ByOne) -> Objective {
        match b {
            ByOne::Distance => Objective::Distance,
            ByOne::Time => Objective::Time,
            ByOne::Cost => Objective::Cost,
            ByOne::Generalized => Objective::Generalized,
            ByOne::Co2 => Objective::Co2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum By {
    Distance,
    Time,
    Cost,
    Generalized,
    Co2,
    All,
    /// The best 90th-percentile days among the corridor families' fastest routes and three
    /// alternatives (`corridor reliability`, 100,000 samples, seed 1).
    P90,
}

/// The objectives named by `--by a,b,…`, in the canonical order, each once.
fn objectives(by: &[By]) -> Vec<Objective> {
    Objective::ALL
        .into_iter()
        .filter(|o| {
            by.iter().any(|b| match b {
                By::Distance => *o == Objective::Distance,
                By::Time => *o == Objective::Time,
                By::Cost => *o == Objective::Cost,
                By::Generalized => *o == Objective::Generalized,
                By::Co2 => *o == Objective::Co2,
                By::All => true,
                By::P90 => false,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Table,
    Json,
    Csv,
    Markdown,
    /// GeoJSON (RFC 7946): the routes with their coordinates (route, pareto, reliability).
    Geojson,
}

impl FormatArg {
    /// The text format, or an error naming the commands that give GeoJSON.
    fn text(self) -> Result<Format> {
        Ok(match self {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Geojson => anyhow::bail!(
                "--format geojson gives routes with their coordinates: use it with `route`, `pareto` or `reliability` (`corridor export` writes the whole network)"
            ),
        })
    }
}

#[derive(Debug, clap::Args)]
struct RouteArgs {
    /// Origin: node id or name (case and accents ignored).
    #[arg(long)]
    from: String,
    /// Destination: node id or name.
    #[arg(long)]
    to: String,
    /// What to minimise: one objective, several (`time,cost`) or `all`; one route each.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time")]
    by: Vec<By>,
    /// Scenario applied to the network first (shipped name or file; see `corridor scenarios`).
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Option<String>,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
    /// Also write the map and charts of the routes into this folder.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "output")]
    figures: Option<PathBuf>,
    /// The best route of every corridor family the network declares (Northern, Middle via
    /// Türkiye, Middle via the Black Sea, Zangazur, sea via Suez, sea via the Cape), with the
    /// reason where a family has none.
    #[arg(long, conflicts_with = "figures")]
    per_corridor: bool,
    /// Up to K genuinely different routes per objective, in order of the objective, each sharing
    /// at most --max-overlap of its km with every better one (the first is the optimum).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(1..=20), conflicts_with = "per_corridor")]
    alternatives: Option<u16>,
    /// With --alternatives: the largest share of a route's km it may have in common with a better
    /// one.
    #[arg(
        long,
        value_name = "F",
        default_value_t = 0.5,
        requires = "alternatives"
    )]
    max_overlap: f64,
}

#[derive(Debug, clap::Args)]
struct ParetoArgs {
    /// Origin: node id or name.
    #[arg(long, default_value = "xian")]
    from: String,
    /// Destination: node id or name.
    #[arg(long, default_value = "duisburg")]
    to: String,
    /// Two or three criteria, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "time,cost")]
    criteria: Vec<Criterion>,
    /// Drop a point within a factor 1 + EPSILON of an earlier one on every criterion.
    #[arg(long, default_value_t = 0.0)]
    epsilon: f64,
    /// Scenario applied to the network first (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Option<String>,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
}

#[derive(Debug, clap::Args)]
struct ReliabilityArgs {
    /// Origin: node id or name.
    #[arg(long, default_value = "xian")]
    from: String,
    /// Destination: node id or name.
    #[arg(long, default_value = "duisburg")]
    to: String,
    /// Number of samples.
    #[arg(long, default_value_t = 100_000)]
    samples: usize,
    /// Master seed: the same seed gives the same output on any number of threads.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Month shipped in (1–12), for seasonal shocks [default: averaged over the year].
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=12))]
    month: Option<u8>,
    /// Also give P(arrive within DAYS days).
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true)]
    within: Option<f64>,
    /// Add up to K dissimilar alternatives of the fastest route.
    #[arg(long, value_name = "K", default_value_t = 0)]
    alternatives: usize,
    /// Largest share of km an alternative may have in common with a better one.
    #[arg(long, value_name = "F", default_value_t = 0.5)]
    max_overlap: f64,
    /// Order the routes by this (`p90`: the route a planner promising a date would book first).
    #[arg(long, value_enum)]
    by: Option<ReliabilityOrder>,
    /// Scenario applied to the network first (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Option<String>,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
    /// Also write the chart of the distributions (reliability.svg) into this folder.
    #[arg(long, value_name = "DIR")]
    figures: Option<PathBuf>,
}

/// How `reliability --by` orders routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReliabilityOrder {
    P50,
    P90,
    P95,
    Mean,
}

/// A criterion of the Pareto front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Criterion {
    Time,
    Cost,
    Co2,
}

#[derive(Debug, clap::Args)]
struct MapArgs {
    /// Origin: node id or name.
    #[arg(long, default_value = "xian")]
    from: String,
    /// Destination: node id or name.
    #[arg(long, default_value = "duisburg")]
    to: String,
    /// Which routes to highlight (comma-separated objectives or `all`; identical ones merged).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    by: Vec<By>,
    /// Scenario applied to the network first (shipped name or file); repeatable, each
    /// scenario's routes drawn (the network as under the first).
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Vec<String>,
    #[command(flatten)]
    constraints: ConstraintArgs,
    #[command(flatten)]
    view: ViewArgs,
    /// The SVG file to write.
    #[arg(short, long, value_name = "FILE", default_value = "output/map.svg")]
    output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtentArg {
    Routes,
    Network,
}

#[derive(Debug, clap::Args)]
struct ConstraintArgs {
    /// Year of the query: links not yet operating open from their `available_from` year
    /// [default: the year the network's data describe].
    #[arg(long)]
    #[arg(value_parser = clap::value_parser!(i32).range(1900..=2100))]
    year: Option<i32>,
    /// Countries (ISO codes such as RU,BY) and nodes (ids or names) to keep out of the route.
    #[arg(long, value_delimiter = ',', value_name = "X,Y")]
    avoid: Vec<String>,
    /// Value of time in USD per FEU-hour for the generalized objective [default: the network's].
    #[arg(long, value_name = "USD")]
    value_of_time: Option<f64>,
    /// The modes a route may use, comma-separated (e.g. `rail,sea` for the rail-and-ferry Middle
    /// Corridor without trucks) [default: all].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "MODE,…")]
    modes: Vec<ModeArg>,
    /// Tonnes of cargo per FEU for CO2 [default: the network's, 20 t in the shipped data].
    #[arg(long, value_name = "TONNES")]
    payload_t: Option<f64>,
}

/// A transport mode on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ModeArg {
    Rail,
    Road,
    Sea,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Rail => Mode::Rail,
            ModeArg::Road => Mode::Road,
            ModeArg::Sea => Mode::Sea,
        }
    }
}

/// The modes allowed by `--modes` (every mode when the flag is absent).
fn modes(args: &[ModeArg]) -> BTreeSet<Mode> {
    if args.is_empty() {
        Mode::ALL.into_iter().collect()
    } else {
        args.iter().map(|&m| m.into()).collect()
    }
}

#[derive(Debug, clap::Args)]
struct NodesArgs {
    /// Only nodes in this country (ISO code).
    #[arg(long)]
    country: Option<String>,
    /// Only nodes tagged with, or touched by a link tagged with, this corridor.
    #[arg(long)]
    corridor: Option<String>,
    /// Only nodes of this kind (city, rail_terminal, dry_port, sea_port, border_station, junction).
    #[arg(long)]
    kind: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
}

/// What a map shows.
#[derive(Debug, clap::Args)]
struct ViewArgs {
    /// What the map shows: the routes with a margin, or the whole network.
    #[arg(long, value_enum, default_value = "routes", conflicts_with = "bbox")]
    extent: ExtentArg,
    /// Show this lon/lat box instead: WEST,SOUTH,EAST,NORTH (e.g. 38,36,52,44 for the Caucasus).
    #[arg(
        long,
        value_name = "W,S,E,N",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    bbox: Option<Vec<f64>>,
}

impl ViewArgs {
    /// The map extent.
    fn extent(&self) -> Result<Extent> {
        Ok(match (&self.bbox, self.extent) {
            (Some(b), _) => Extent::bounds(b).map_err(anyhow::Error::msg)?,
            (None, ExtentArg::Routes) => Extent::FitRoutes,
            (None, ExtentArg::Network) => Extent::FitNetwork,
        })
    }
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// Origin: node id or name.
    #[arg(long, default_value = "xian")]
    from: String,
    /// Destination: node id or name.
    #[arg(long, default_value = "duisburg")]
    to: String,
    /// Scenarios (shipped name or file), repeatable; the first is the reference
    /// [default: every shipped scenario but the capacity-only ones, baseline first].
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Vec<String>,
    /// Samples per scenario for the reliability columns and study.
    #[arg(long, default_value_t = 20_000)]
    samples: usize,
    /// Seed for the reliability sampling.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write.
    #[arg(short, long, default_value = "output/report")]
    output: PathBuf,
}

#[derive(Debug, clap::Args)]
struct LinksArgs {
    /// Only links of this mode.
    #[arg(long, value_enum)]
    mode: Option<ModeArg>,
    /// Only links carrying this corridor tag.
    #[arg(long)]
    corridor: Option<String>,
    /// Only links with an end in, or crossing, this country (ISO code).
    #[arg(long)]
    country: Option<String>,
    /// Only links of this status (operating, under_construction, planned).
    #[arg(long)]
    status: Option<String>,
    /// Scenario applied first (shipped name or file).
    #[arg(long, value_name = "NAME|FILE")]
    scenario: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
}

/// Runs the command line and returns the process exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(Exit::Ok) => ExitCode::SUCCESS,
        Ok(Exit::NoRoute) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<Exit> {
    match cli.command {
        Command::Route(args) => {
            let net = network(cli.network.as_deref())?;
            route(&net, &args)
        }
        Command::Compare(args) => {
            let net = network(cli.network.as_deref())?;
            compare(&net, &args)
        }
        Command::Sweep(args) => {
            let net = network(cli.network.as_deref())?;
            sweep(&net, &args)
        }
        Command::Assign(a) => {
            let net = with_scenario(network(cli.network.as_deref())?, a.scenario.as_deref())?;
            let demand = corridor::demand::resolve(&a.demand, &net)
                .with_context(|| format!("demand {}", a.demand))?;
            let opts = corridor::assign::Options {
                year: a.year,
                gap: a.gap,
                max_iterations: a.max_iterations,
                ..Default::default()
            };
            let format = a.format.text()?;
            let answer = corridor::assign::assign(&net, &demand, &opts)?;
            print(&corridor::assign::render(&answer, format))?;
            if let Some(dir) = &a.figures {
                let written = corridor::assign_figures::write(&net, &answer, opts.cap, dir)?;
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                eprintln!("wrote {}", names.join(", "));
            }
            if !answer.converged {
                eprintln!(
                    "warning: stopped after {} iterations at a relative gap of {:.1e} (target {:.0e})",
                    answer.iterations, answer.gap, a.gap
                );
            }
            Ok(Exit::Ok)
        }
        Command::Map(args) => {
            let net = network(cli.network.as_deref())?;
            map(&net, &args)
        }
        Command::Chart { kind } => {
            let net = network(cli.network.as_deref())?;
            chart(&net, &kind)
        }
        Command::Pareto(args) => {
            let net = network(cli.network.as_deref())?;
            pareto(&net, &args)
        }
        Command::Export { scenario, output } => {
            let net = with_scenario(network(cli.network.as_deref())?, scenario.as_deref())?;
            write_output(&output, corridor::geojson::network(&net).as_bytes())?;
            Ok(Exit::Ok)
        }
        Command::Links(a) => {
            let net = with_scenario(network(cli.network.as_deref())?, a.scenario.as_deref())?;
            let filter = report::LinkFilter {
                mode: a.mode.map(Mode::from),
                corridor: a.corridor.clone(),
                country: a.country.clone(),
                status: a.status.clone(),
            };
            let format = a.format.text()?;
            let picked = filter.select(&net)?;
            print(&report::links(&net, &picked, format))?;
            Ok(Exit::Ok)
        }
        Command::Report(a) => {
            let net = network(cli.network.as_deref())?;
            let scenarios = study_scenarios(&a.scenario)?;
            let req = corridor::study_report::Request {
                query: Query {
                    objectives: vec![Objective::Time, Objective::Cost],
                    ..Query::new(&a.from, &a.to)
                },
                scenarios,
                reliability: corridor::reliability::Options {
                    samples: a.samples,
                    seed: a.seed,
                    ..Default::default()
                },
            };
            let w = corridor::study_report::write(&net, &req, &a.output)?;
            eprintln!(
                "wrote {} files into {} (open index.html)",
                w.files.len(),
                a.output.display()
            );
            Ok(Exit::Ok)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "corridor", &mut out);
            print(&String::from_utf8(out)?)?;
            Ok(Exit::Ok)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            print(&String::from_utf8(out)?)?;
            Ok(Exit::Ok)
        }
        Command::Reliability(args) => {
            let net = network(cli.network.as_deref())?;
            reliability(&net, &args)
        }
        Command::Scenarios => scenarios(),
        Command::Nodes(args) => {
            let net = network(cli.network.as_deref())?;
            nodes(&net, &args)
        }
        Command::Validate { path, scenario } => {
            validate(path.as_deref().or(cli.network.as_deref()), &scenario)
        }
    }
}

/// Loads `--network`, or the embedded network.
fn network(path: Option<&Path>) -> Result<Network> {
    Ok(match path {
        Some(p) => load::load(p).with_context(|| format!("loading network {}", p.display()))?,
        None => load::embedded().context("loading the embedded network")?,
    })
}

/// Writes a figure to a file atomically, or to standard output for `-`.
fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(());
    }
    figures::write_atomic(path, bytes)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The library query for a command's arguments.
fn query(from: &str, to: &str, by: &[By], scenario: Option<&str>, a: &ConstraintArgs) -> Query {
    Query {
        from: from.to_string(),
        to: to.to_string(),
        objectives: objectives(by),
        scenario: scenario.map(String::from),
        year: a.year,
        avoid: a.avoid.clone(),
        modes: modes(&a.modes),
        value_of_time: a.value_of_time,
        payload_t: a.payload_t,
    }
}

/// The scenario's network and the routes, or why there is none.
type Solved<'a> = std::result::Result<(std::borrow::Cow<'a, Network>, Vec<Route>), NoRoute>;

/// Runs a query, printing its notes: the scenario's network and the routes, or why there is
/// none.
fn solve_query<'a>(
    base: &'a Network,
    from: &str,
    to: &str,
    by: &[By],
    scenario_name: Option<&str>,
    args: &ConstraintArgs,
) -> Result<Solved<'a>> {
    let answer = query(from, to, by, scenario_name, args).run(base)?;
    for n in &answer.notes {
        eprintln!("note: {n}");
    }
    Ok(answer.outcome.map(|routes| (answer.network, routes)))
}

fn route(base: &Network, a: &RouteArgs) -> Result<Exit> {
    if a.by.contains(&By::P90) {
        anyhow::ensure!(
            a.by.len() == 1 && a.alternatives.is_none() && !a.per_corridor,
            "--by p90 stands alone (no other objective, --alternatives or --per-corridor); `corridor reliability` shows every route's percentiles"
        );
        let q = query(&a.from, &a.to, &[], a.scenario.as_deref(), &a.constraints);
        let ans = q.reliability(base, 3, 0.5, &corridor::reliability::Options::default())?;
        for n in &ans.notes {
            eprintln!("note: {n}");
        }
        let study = match &ans.study {
            Ok(s) => s,
            Err(why) => {
                eprintln!("{why}");
                return Ok(Exit::NoRoute);
            }
        };
        let i = study.best_p90().expect("a study has routes");
        let (c, r) = (&ans.candidates[i], &study.routes[i]);
        eprintln!(
            "note: chosen by the best P90 of {} routes: {} — P50 {:.1} d, P90 {:.1} d ({} samples, seed {})",
            study.routes.len(),
            c.label,
            r.p50_days,
            r.p90_days,
            report::thousands(study.samples as f64),
            study.seed
        );
        print(&report::routes(
            &ans.network,
            std::slice::from_ref(&c.route),
            a.format.text()?,
        ))?;
        return Ok(Exit::Ok);
    }
    if let Some(k) = a.alternatives {
        let q = query(&a.from, &a.to, &a.by, a.scenario.as_deref(), &a.constraints);
        let p = q.prepare(base)?;
        for n in &p.notes {
            eprintln!("note: {n}");
        }
        let router = Router::new(&p.network)?;
        let mut found = Vec::new();
        for &o in &q.objectives {
            found.extend(router.alternatives(
                p.from,
                p.to,
                o,
                &p.constraints,
                k as usize,
                a.max_overlap,
            )?);
        }
        if found.is_empty() {
            eprintln!("no route from {} to {}", a.from, a.to);
            return Ok(Exit::NoRoute);
        }
        if a.format == FormatArg::Geojson {
            print(&corridor::geojson::routes(&p.network, &found))?;
        } else {
            print(&report::routes(&p.network, &found, a.format.text()?))?;
        }
        return Ok(Exit::Ok);
    }
    if a.per_corridor {
        let q = query(&a.from, &a.to, &a.by, a.scenario.as_deref(), &a.constraints);
        let pc = q.per_corridor(base)?;
        for n in &pc.notes {
            eprintln!("note: {n}");
        }
        if a.format == FormatArg::Geojson {
            let found: Vec<Route> = pc
                .rows
                .iter()
                .filter_map(|row| {
                    let mut r = row.outcome.as_ref().ok()?.clone();
                    r.family = Some(row.family.clone());
                    Some(r)
                })
                .collect();
            print(&corridor::geojson::routes(&pc.network, &found))?;
        } else {
            print(&report::corridors(&pc.network, &pc.rows, a.format.text()?))?;
        }
        return Ok(if pc.rows.iter().any(|r| r.outcome.is_ok()) {
            Exit::Ok
        } else {
            Exit::NoRoute
        });
    }
    let (net, found) = match solve_query(
        base,
        &a.from,
        &a.to,
        &a.by,
        a.scenario.as_deref(),
        &a.constraints,
    )? {
        Ok(x) => x,
        Err(why) => {
            eprintln!("{why}");
            return Ok(Exit::NoRoute);
        }
    };
    let net = &net;
    if a.format == FormatArg::Geojson {
        print(&corridor::geojson::routes(net, &found))?;
        return Ok(Exit::Ok);
    }
    let format: Format = a.format.text()?;
    if found.len() > 1 && format == Format::Json {
        // Several objectives (`--by all`) give a list of routes.
        print(&report::json_list("routes", "routes", &found))?;
    } else {
        print(&report::routes(net, &found, format))?;
    }
    if let Some(dir) = &a.figures {
        let chosen = figures::by_objective(&found);
        let sel = figures::Selection {
            title: figures::title(net, &found[0], true),
            stem: format!("route-{}-{}", found[0].from, found[0].to),
            bars: chosen.clone(),
            chosen,
            extent: Extent::FitRoutes,
        };
        let written =
            figures::write_selection(net, dir, &sel, &|r| comparison::corridor_words(net, r))?;
        eprintln!("wrote {}", paths(&written));
    }
    Ok(Exit::Ok)
}

/// File names for a message: "a.svg, b.svg".
fn paths(p: &[PathBuf]) -> String {
    p.iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn pareto(base: &Network, a: &ParetoArgs) -> Result<Exit> {
    let p = query(&a.from, &a.to, &[], a.scenario.as_deref(), &a.constraints).prepare(base)?;
    for n in &p.notes {
        eprintln!("note: {n}");
    }
    let mut criteria: Vec<Objective> = Vec::new();
    for c in &a.criteria {
        let o = match c {
            Criterion::Time => Objective::Time,
            Criterion::Cost => Objective::Cost,
            Criterion::Co2 => Objective::Co2,
        };
        anyhow::ensure!(!criteria.contains(&o), "--criteria names `{o}` twice");
        criteria.push(o);
    }
    let router = Router::new(&p.network)?;
    let front = router.pareto(p.from, p.to, &criteria, &p.constraints, a.epsilon)?;
    if front.is_empty() {
        eprintln!("no route from {} to {}", a.from, a.to);
        return Ok(Exit::NoRoute);
    }
    if a.format == FormatArg::Geojson {
        print(&corridor::geojson::routes(&p.network, &front))?;
    } else {
        print(&report::pareto(&p.network, &front, a.format.text()?))?;
    }
    Ok(Exit::Ok)
}

fn reliability(base: &Network, a: &ReliabilityArgs) -> Result<Exit> {
    let q = query(&a.from, &a.to, &[], a.scenario.as_deref(), &a.constraints);
    let opts = corridor::reliability::Options {
        samples: a.samples,
        seed: a.seed,
        month: a.month,
        within_days: a.within,
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    let ans = with_progress(&done, a.samples, || {
        q.reliability_counted(base, a.alternatives, a.max_overlap, &opts, &done)
    })?;
    for n in &ans.notes {
        eprintln!("note: {n}");
    }
    let mut study = match ans.study {
        Ok(s) => s,
        Err(why) => {
            eprintln!("{why}");
            return Ok(Exit::NoRoute);
        }
    };
    if let Some(by) = a.by {
        study.order_by(match by {
            ReliabilityOrder::P50 => corridor::reliability::Order::P50,
            ReliabilityOrder::P90 => corridor::reliability::Order::P90,
            ReliabilityOrder::P95 => corridor::reliability::Order::P95,
            ReliabilityOrder::Mean => corridor::reliability::Order::Mean,
        });
    }
    if a.format == FormatArg::Geojson {
        let routes: Vec<Route> = ans.candidates.iter().map(|c| c.route.clone()).collect();
        print(&corridor::geojson::routes(&ans.network, &routes))?;
    } else {
        print(&report::reliability(&study, &ans.missing, a.format.text()?))?;
    }
    if let Some(dir) = &a.figures {
        let path = figures::write_reliability(&ans.network, dir, &study, &ans.candidates)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(Exit::Ok)
}

/// Runs `work`, showing on stderr how many of `total` samples `done` counts once it has taken
/// more than a second, when stderr is a terminal (nothing otherwise: logs and pipes stay clean).
fn with_progress<T>(
    done: &std::sync::atomic::AtomicUsize,
    total: usize,
    work: impl FnOnce() -> T + Send,
) -> T
where
    T: Send,
{
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let start = Instant::now();
            let mut shown = false;
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                if start.elapsed() < Duration::from_secs(1) {
                    continue;
                }
                let n = done.load(Ordering::Relaxed).min(total);
                let width = 30;
                let filled = n * width / total.max(1);
                eprint!(
                    "\r[{}{}] {:>3} % {} / {} samples",
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    n * 100 / total.max(1),
                    report::thousands(n as f64),
                    report::thousands(total as f64)
                );
                shown = true;
            }
            if shown {
                eprint!("\r{}\r", " ".repeat(72));
            }
        });
        let out = work();
        finished.store(true, Ordering::Relaxed);
        out
    })
}

fn pareto_chart(base: &Network, a: &ChartArgs) -> Result<Exit> {
    anyhow::ensure!(
        a.scenario.len() <= 1,
        "chart pareto takes at most one --scenario (combine them with `+`)"
    );
    let q = query(
        &a.from,
        &a.to,
        &[By::Time, By::Cost],
        a.scenario.first().map(String::as_str),
        &a.constraints,
    );
    let p = q.prepare(base)?;
    let router = Router::new(&p.network)?;
    let net = &p.network;
    let front = router.pareto(
        p.from,
        p.to,
        &[Objective::Time, Objective::Cost],
        &p.constraints,
        0.0,
    )?;
    let Some(first) = front.first() else {
        eprintln!("no route from {} to {}", a.from, a.to);
        return Ok(Exit::NoRoute);
    };
    let points = figures::pareto_points(&router, &p, &front)?;
    let title = format!("Days and dollars · {}", figures::title(net, first, true));
    let svg =
        corridor::render::chart_svg::render_pareto(&title, &points, corridor::render::FIGURE_WIDTH);
    let path = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("output/pareto.svg"));
    write_output(&path, svg.as_bytes())?;
    Ok(Exit::Ok)
}

fn map(base: &Network, a: &MapArgs) -> Result<Exit> {
    let names: Vec<Option<&str>> = if a.scenario.is_empty() {
        vec![None]
    } else {
        a.scenario.iter().map(|s| Some(s.as_str())).collect()
    };
    let mut drawn: Option<Network> = None;
    let mut chosen: Vec<(String, Route)> = Vec::new();
    let mut first: Option<Route> = None;
    for name in &names {
        match solve_query(base, &a.from, &a.to, &a.by, *name, &a.constraints)? {
            Ok((net, found)) => {
                let several = names.len() > 1;
                for (who, r) in figures::by_objective(&found) {
                    let who = if several {
                        format!("{} {who}", r.scenario)
                    } else {
                        who
                    };
                    chosen.push((who, r));
                }
                first.get_or_insert_with(|| found[0].clone());
                drawn.get_or_insert(net.into_owned());
            }
            Err(why) => eprintln!("{}{why}", name.map_or(String::new(), |n| format!("{n}: "))),
        }
    }
    let (Some(net), Some(first)) = (drawn, first) else {
        return Ok(Exit::NoRoute);
    };
    let title = figures::title(&net, &first, names.len() == 1);
    let words = |r: &Route| comparison::corridor_words(&net, r);
    let routes = figures::group(chosen, SameWhen::SamePath, &words);
    let extent = a.view.extent()?;
    let countries = basemap::countries().context("reading the embedded base map")?;
    let spec = figures::map_spec(&net, &title, &routes, extent);
    write_output(&a.output, render_map(&spec, &countries).as_bytes())?;
    Ok(Exit::Ok)
}

/// The scenarios of a study: those named, or the shipped study scenarios (baseline first, no
/// capacity-only ones) when none is.
fn study_scenarios(names: &[String]) -> Result<Vec<Scenario>> {
    if names.is_empty() {
        return scenario::study().context("the shipped scenarios");
    }
    names
        .iter()
        .map(|n| scenario::resolve(n).with_context(|| format!("scenario {n}")))
        .collect()
}

/// `base` with the scenario `name` applied, if one is given.
fn with_scenario(base: Network, name: Option<&str>) -> Result<Network> {
    Ok(match name {
        None => base,
        Some(name) => {
            let s = scenario::resolve(name).with_context(|| format!("scenario {name}"))?;
            scenario::apply(&base, &s).with_context(|| format!("applying scenario {name}"))?
        }
    })
}

fn nodes(net: &Network, a: &NodesArgs) -> Result<Exit> {
    if let Some(k) = &a.kind {
        anyhow::ensure!(
            NodeKind::parse(k).is_some(),
            "--kind {k}: unknown kind (expected one of: {})",
            NodeKind::ALL.map(|k| k.as_str()).join(", ")
        );
    }
    let country = a.country.as_ref().map(|c| c.to_ascii_uppercase());
    let on_corridor = a.corridor.as_ref().map(|t| net.on_corridor(t));
    let selected: Vec<_> = net
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| country.as_ref().is_none_or(|c| &n.country == c))
        .filter(|(_, n)| a.kind.as_ref().is_none_or(|k| n.kind.as_str() == k))
        .filter(|(i, _)| on_corridor.as_ref().is_none_or(|on| on[*i]))
        .map(|(_, n)| n)
        .collect();
    let rows: Vec<[String; 7]> = selected
        .iter()
        .map(|n| {
            [
                n.id.clone(),
                n.name.clone(),
                n.country.clone(),
                n.kind.as_str().to_string(),
                n.transfers
                    .iter()
                    .map(|t| t.kind.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                format!("{:.3}", n.lat),
                format!("{:.3}", n.lon),
            ]
        })
        .collect();
    let head = ["id", "name", "country", "kind", "transfers", "lat", "lon"];
    let out = match a.format.text()? {
        Format::Json => {
            let v: Vec<_> = selected
                .iter()
                .map(|n| {
                    serde_json::json!({
                        "id": n.id, "name": n.name, "country": n.country, "kind": n.kind,
                        "lat": n.lat, "lon": n.lon, "corridors": n.corridors,
                        "transfers": n.transfers.iter().map(|t| serde_json::json!({
                            "kind": t.kind, "hours": t.hours, "usd": t.usd })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            report::json_list("nodes", "nodes", &v)
        }
        Format::Csv => {
            let mut s = head.join(",") + "\n";
            for r in &rows {
                let cells: Vec<String> = r.iter().map(|c| report::csv_field(c)).collect();
                s += &(cells.join(",") + "\n");
            }
            s
        }
        Format::Markdown => {
            let mut s = format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len()));
            for r in &rows {
                let cells: Vec<String> = r.iter().map(|c| report::md_cell(c)).collect();
                s += &format!("| {} |\n", cells.join(" | "));
            }
            s
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
            let s = report::align(&head, &rows, &[]).join("\n");
            s + &format!("\n{} of {} nodes\n", rows.len(), net.nodes.len())
        }
    };
    print(&out)?;
    Ok(Exit::Ok)
}

fn compare(net: &Network, a: &CompareArgs) -> Result<Exit> {
    let scenarios = study_scenarios(&a.scenario)?;
    let req = Request {
        query: Query {
            from: a.from.clone(),
            to: a.to.clone(),
            objectives: objectives(&a.by),
            scenario: None,
            year: a.year,
            avoid: Vec::new(),
            modes: modes(&a.modes),
            value_of_time: a.value_of_time,
            payload_t: a.payload_t,
        },
        per_corridor: !a.overall && !net.families.is_empty(),
        reliability: a.reliability.then(|| corridor::reliability::Options {
            samples: a.samples,
            seed: a.seed,
            ..Default::default()
        }),
    };
    let c = comparison::compare(net, scenarios, &req)?;
    print(&comparison::render(&c, a.format.text()?))?;
    if let Some(dir) = &a.figures {
        let Some(mut sel) = figures::comparison_selection(&c) else {
            eprintln!("no route in any scenario: no figures written");
            return Ok(Exit::NoRoute);
        };
        sel.extent = a.view.extent()?;
        let describe = |r: &Route| {
            if req.per_corridor {
                r.objective.adjective().to_string()
            } else {
                format!(
                    "{}, {}",
                    comparison::corridor_words(net, r),
                    r.objective.adjective()
                )
            }
        };
        let written = figures::write_selection(net, dir, &sel, &describe)?;
        eprintln!("wrote {}", paths(&written));
    }
    Ok(Exit::Ok)
}

fn chart(base: &Network, kind: &ChartKind) -> Result<Exit> {
    let (a, tcd) = match kind {
        ChartKind::Tcd(a) => (a, true),
        ChartKind::Compare(a) => (a, false),
        ChartKind::Pareto(a) => return pareto_chart(base, a),
    };
    let scenarios: Vec<Option<&str>> = if a.scenario.is_empty() {
        vec![None]
    } else {
        a.scenario.iter().map(|s| Some(s.as_str())).collect()
    };
    let many_objectives = objectives(&a.by).len() > 1;
    let mut chosen: Vec<(String, Route)> = Vec::new();
    let mut net_for_names = None;
    for s in &scenarios {
        match solve_query(base, &a.from, &a.to, &a.by, *s, &a.constraints)? {
            Ok((net, routes)) => {
                for r in routes {
                    let who = match (s, many_objectives) {
                        (Some(s), true) => format!("{s}, {}", r.objective.adjective()),
                        (Some(s), false) => s.to_string(),
                        (None, _) => r.objective.adjective().to_string(),
                    };
                    chosen.push((who, r));
                }
                net_for_names.get_or_insert(net);
            }
            Err(why) => eprintln!("{}: {why}", s.unwrap_or("base network")),
        }
    }
    let (Some(net), Some(first)) = (net_for_names, chosen.first().map(|(_, r)| r.clone())) else {
        return Ok(Exit::NoRoute);
    };
    let title = figures::title(&net, &first, scenarios.len() == 1);
    let words = |r: &Route| comparison::corridor_words(&net, r);
    let (svg, default) = if tcd {
        let series = figures::group(chosen, SameWhen::SamePathAndTotals, &words);
        // One colour per path, as in a study's figures.
        let (_, series, _) = figures::paint(&[], &series, &[]);
        let names = |id: &str| figures::short_name(&net, id);
        (
            render_tcd(
                &format!("Time/cost-distance · {title}"),
                &series,
                &names,
                corridor::render::FIGURE_WIDTH,
            ),
            "output/tcd.svg",
        )
    } else {
        let bars: Vec<Series> = chosen
            .into_iter()
            .map(|(label, route)| Series {
                label,
                route,
                colour: None,
                totals_in_label: false,
            })
            .collect();
        let (_, _, bars) = figures::paint(&[], &[], &bars);
        let bars = figures::bar_groups(&bars);
        (
            render_breakdown(
                &format!("Where the days and dollars go · {title}"),
                &bars,
                corridor::render::FIGURE_WIDTH,
            ),
            "output/breakdown.svg",
        )
    };
    let path = a.output.clone().unwrap_or_else(|| PathBuf::from(default));
    write_output(&path, svg.as_bytes())?;
    Ok(Exit::Ok)
}

fn sweep(base: &Network, a: &SweepArgs) -> Result<Exit> {
    let p = query(&a.from, &a.to, &[], a.scenario.as_deref(), &a.constraints).prepare(base)?;
    for n in &p.notes {
        eprintln!("note: {n}");
    }
    let (net, from, to, c) = (p.network, p.from, p.to, p.constraints);
    let (lo, hi) = a
        .range
        .split_once(':')
        .and_then(|(l, h)| Some((l.trim().parse::<f64>().ok()?, h.trim().parse::<f64>().ok()?)))
        .with_context(|| format!("--range {}: expected LO:HI, e.g. 0:480", a.range))?;
    let req = sweeping::Request {
        from,
        to,
        objective: a.by.into(),
        field: a.field.clone(),
        select: Selection::parse_criteria(&a.select)?,
        set: !a.scale,
        lo,
        hi,
        steps: a.steps,
        tolerance: a.tolerance,
        constraints: c,
    };
    let s = sweeping::sweep(&net, &req)?;
    print(&sweeping::render(&s, a.format.text()?))?;
    Ok(Exit::Ok)
}

fn scenarios() -> Result<Exit> {
    let mut out = String::new();
    for name in scenario::embedded_names() {
        let s = scenario::resolve(name)?;
        let year = s.year.map_or(String::new(), |y| format!(" (year {y})"));
        out += &format!("{name}{year}: {}\n", s.description);
        for e in &s.edits {
            out += &format!("    · {}: {}\n", e.describe(), e.rationale);
        }
    }
    print(&out)?;
    Ok(Exit::Ok)
}

fn validate(path: Option<&Path>, scenarios: &[String]) -> Result<Exit> {
    let (what, result) = match path {
        Some(p) => (p.display().to_string(), load::load(p)),
        None => ("the embedded network".to_string(), load::embedded()),
    };
    let net = result.with_context(|| format!("validating {what}"))?;
    let mut problems = Vec::new();
    for name in scenarios {
        match scenario::resolve(name).and_then(|s| scenario::apply(&net, &s)) {
            Ok(_) => {}
            Err(e) => problems.push(format!("{e}")),
        }
    }
    anyhow::ensure!(problems.is_empty(), "{}", problems.join("\n"));
    let estimated = net.links.iter().filter(|l| l.km_estimated).count();
    let p = net.provenance;
    print(&format!(
        "{what}: ok — {} nodes, {} links ({} with computed lengths), {} countries, data year {}\n\
         sources: {} entries, {} of them estimates ({:.0} %)\n",
        net.nodes.len(),
        net.links.len(),
        estimated,
        net.countries().len(),
        net.data_year,
        p.sources,
        p.estimates,
        100.0 * p.estimates as f64 / p.sources.max(1) as f64
    ))?;
    Ok(Exit::Ok)
}
