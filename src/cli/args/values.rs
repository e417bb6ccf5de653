//! The values of flags (`--by`, `--criteria`, `--format`, `--modes`, `--extent`…), each with its
//! conversion into the library's type.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::ValueEnum;

use corridor::network::Mode;
use corridor::output::Format;
use corridor::routing::Objective;
use corridor::studies::reliability::Order;

/// An objective named by `--by` (or `all`, or `p90` for `corridor route`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum By {
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
pub(crate) fn objectives(by: &[By]) -> Vec<Objective> {
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

/// Refuses `--by p90` on a command where it means nothing (`compare`, `map`, `chart`): it names
/// no objective a search minimises, only the route with the best 90th-percentile days.
pub(crate) fn check_by(by: &[By], command: &str) -> Result<()> {
    if by.contains(&By::P90) {
        anyhow::bail!(
            "--by p90 is meaningful on `route --by p90` (the route with the best P90 days) and \
             `reliability --by p90` (every route's percentiles, ordered by P90); `{command} --by` \
             takes distance, time, cost, generalized, co2 or all{}",
            if command == "compare" {
                " (`compare --reliability` adds each row's P50 and P90 days)"
            } else {
                ""
            }
        );
    }
    Ok(())
}

/// The one objective `corridor sweep --by` minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ByOne {
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

/// A criterion of the Pareto front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Criterion {
    Time,
    Cost,
    Co2,
}

impl From<Criterion> for Objective {
    fn from(c: Criterion) -> Objective {
        match c {
            Criterion::Time => Objective::Time,
            Criterion::Cost => Objective::Cost,
            Criterion::Co2 => Objective::Co2,
        }
    }
}

/// How `reliability --by` orders routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReliabilityOrder {
    P50,
    P90,
    P95,
    Mean,
}

impl From<ReliabilityOrder> for Order {
    fn from(o: ReliabilityOrder) -> Order {
        match o {
            ReliabilityOrder::P50 => Order::P50,
            ReliabilityOrder::P90 => Order::P90,
            ReliabilityOrder::P95 => Order::P95,
            ReliabilityOrder::Mean => Order::Mean,
        }
    }
}

/// An output format named by `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    Table,
    Json,
    Csv,
    Markdown,
    /// GeoJSON (RFC 7946), LineStrings: each route and its hauls (route, pareto, reliability).
    Geojson,
    /// GeoJSON Points: the routes' waits, borders and transfers, each at its place.
    GeojsonSteps,
}

impl FormatArg {
    /// The text format (a table fitted to `width`: the one `COLUMNS` or the terminal gives, see
    /// [`crate::cli::width`]), or an error naming the commands that give GeoJSON.
    pub(crate) fn text(self, width: Option<usize>) -> Result<Format> {
        Ok(match self {
            FormatArg::Table => Format::Table { width },
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Geojson | FormatArg::GeojsonSteps => anyhow::bail!(
                "--format geojson gives routes with their coordinates: use it with `route`, `pareto` or `reliability` (`corridor export` writes the whole network)"
            ),
        })
    }
}

/// A transport mode on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ModeArg {
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
pub(crate) fn modes(args: &[ModeArg]) -> BTreeSet<Mode> {
    if args.is_empty() {
        Mode::ALL.into_iter().collect()
    } else {
        args.iter().map(|&m| m.into()).collect()
    }
}

/// What a map fits when no `--bbox` is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExtentArg {
    Routes,
    Network,
}

/// A search's time limit in seconds (`--time-limit`): a number from 0.001 to 3600.
pub(crate) fn time_limit(s: &str) -> std::result::Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if (0.001..=3600.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} s: give 0.001 to 3600 seconds"))
    }
}

/// A `KEY=LOW:HIGH` flag value (`--range` of `sensitivity`, `--bounds` of `calibrate`) as its key
/// and bounds; `key` names the key in the message ("KEY", "NAME") and `example` shows one.
pub(crate) fn key_range(
    flag: &str,
    key: &str,
    s: &str,
    example: &str,
) -> Result<(String, f64, f64)> {
    let bad = || anyhow::anyhow!("{flag} `{s}`: write {key}=LOW:HIGH, e.g. {example}");
    let (k, r) = s.split_once('=').ok_or_else(bad)?;
    let (lo, hi) = r.split_once(':').ok_or_else(bad)?;
    let num = |x: &str| x.trim().parse::<f64>().map_err(|_| bad());
    Ok((k.trim().to_string(), num(lo)?, num(hi)?))
}
