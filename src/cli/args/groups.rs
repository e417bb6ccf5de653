//! Argument groups several subcommands flatten in (`#[command(flatten)]`), so a flag is declared
//! once: the default ends, the constraints of a query, what a map shows, and the output format.
//!
//! Each group turns into the library's value (a [`Query`], an [`Extent`], a [`Format`]).

use anyhow::Result;

use corridor::network::Network;
use corridor::output::Format;
use corridor::query::study_ends;
use corridor::render::map::Extent;
use corridor::Query;

use super::values::{modes, objectives, By, ExtentArg, FormatArg, ModeArg};

/// Origin and destination, defaulting to those of the network's default study.
#[derive(Debug, clap::Args)]
pub(crate) struct Ends {
    /// Origin: node id or name [default: the network's study origin].
    #[arg(long)]
    pub(crate) from: Option<String>,
    /// Destination: node id or name [default: the network's study destination].
    #[arg(long)]
    pub(crate) to: Option<String>,
}

impl Ends {
    /// The origin and destination: the ones given, else the network's study ones.
    pub(crate) fn of(&self, net: &Network) -> Result<(String, String)> {
        Ok(study_ends(net, self.from.as_deref(), self.to.as_deref())?)
    }
}

/// The constraints of one query (year, avoided places, value of time, modes, payload), shared by
/// every command that routes.
#[derive(Debug, clap::Args)]
pub(crate) struct ConstraintArgs {
    /// Year of the query, from the year the network's data describe on (an earlier year is
    /// refused: the network does not record what was open then); links not yet operating open
    /// from their `available_from` year [default: the data year].
    #[arg(long)]
    #[arg(value_parser = clap::value_parser!(i32).range(1900..=2100))]
    pub(crate) year: Option<i32>,
    /// Countries (ISO codes such as RU,BY) and nodes (ids or names) to keep out of the route.
    #[arg(long, value_delimiter = ',', value_name = "X,Y")]
    pub(crate) avoid: Vec<String>,
    /// Value of time in USD per FEU-hour for the generalized objective [default: the network's].
    #[arg(long, value_name = "USD")]
    pub(crate) value_of_time: Option<f64>,
    /// The modes a route may use, comma-separated (e.g. `rail,sea` for the rail-and-ferry Middle
    /// Corridor without trucks) [default: all].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "MODE,…")]
    pub(crate) modes: Vec<ModeArg>,
    /// Tonnes of cargo per FEU for CO2 [default: the network's `payload_t`].
    #[arg(long, value_name = "TONNES")]
    pub(crate) payload_t: Option<f64>,
}

/// The library query for a command's arguments.
pub(crate) fn query(
    from: &str,
    to: &str,
    by: &[By],
    scenario: Option<&str>,
    a: &ConstraintArgs,
) -> Query {
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

/// What a map shows.
#[derive(Debug, clap::Args)]
pub(crate) struct ViewArgs {
    /// What the map shows: the routes with a margin, or the whole network.
    #[arg(long, value_enum, default_value = "routes", conflicts_with = "bbox")]
    pub(crate) extent: ExtentArg,
    /// Show this lon/lat box instead: WEST,SOUTH,EAST,NORTH (e.g. 38,36,52,44 for the Caucasus).
    #[arg(
        long,
        value_name = "W,S,E,N",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub(crate) bbox: Option<Vec<f64>>,
}

impl ViewArgs {
    /// The map extent.
    pub(crate) fn extent(&self) -> Result<Extent> {
        Ok(match (&self.bbox, self.extent) {
            (Some(b), _) => Extent::bounds(b).map_err(anyhow::Error::msg)?,
            (None, ExtentArg::Routes) => Extent::FitRoutes,
            (None, ExtentArg::Network) => Extent::FitNetwork,
        })
    }
}

/// The `--format` flag of every command that prints a table.
#[derive(Debug, clap::Args)]
pub(crate) struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
}

impl FormatArgs {
    /// The text format (a table fitted to `width`, see [`crate::cli::width`]), or an error
    /// naming the commands that give GeoJSON.
    pub(crate) fn text(&self, width: Option<usize>) -> Result<Format> {
        self.format.text(width)
    }

    /// Whether `--format json` was asked for.
    pub(crate) fn is_json(&self) -> bool {
        self.format == FormatArg::Json
    }

    /// Whether `--format geojson` or `geojson-steps` asks for the routes with their
    /// coordinates.
    pub(crate) fn is_geojson(&self) -> bool {
        matches!(self.format, FormatArg::Geojson | FormatArg::GeojsonSteps)
    }

    /// The routes as the GeoJSON layer asked for: LineStrings (`geojson`: each route and its
    /// hauls) or Points (`geojson-steps`: its waits, borders and transfers).
    pub(crate) fn geojson(&self, net: &Network, routes: &[corridor::Route]) -> String {
        if self.format == FormatArg::GeojsonSteps {
            corridor::output::geojson::route_steps(net, routes)
        } else {
            corridor::output::geojson::routes(net, routes)
        }
    }
}
