//! The route a query reports: its [`Step`]s (one line of the time/cost-distance breakdown each,
//! of a [`StepKind`]), the [`Route`] itself (the JSON contract of
//! `corridor route`), and the [`Outcome`] of a query: a route, or [`NoRoute`] with the reason.
//!
//! Only the types and how they serialise (numbers rounded to three decimals): a route is put
//! together from a search's path in `assemble.rs`, and its steps are worded in `steps.rs`.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::network::{Dir, Mode, TransferKind};
use crate::routing::metrics::{Metrics, Objective};
use crate::text::{round3, Text};

/// A step of a route: one line of the time/cost-distance breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// `haul`, `transfer`, `border` or `wait`.
    pub kind: StepKind,
    /// Node id where the step starts.
    pub from: Text,
    /// Node id where it ends (the same node for transfers and waits).
    pub to: Text,
    /// Mode (after the change, for transfers).
    pub mode: Mode,
    /// What the step adds: kilometres, hours, USD and kg CO2e per FEU (serialised as the step's
    /// own `km`, `hours`, `usd` and `co2_kg`).
    #[serde(flatten)]
    pub metrics: Metrics,
    /// The link travelled, for haul, wait and border steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Text>,
    /// The direction the link is travelled in (with [`Step::link`]), set when the route is built,
    /// so no reader has to work it out from node ids. Not part of the JSON contract (`from` and
    /// `to` say it there).
    #[serde(skip)]
    pub dir: Option<Dir>,
    /// The sea service sailed (haul and wait steps at sea) or boarded (transfers onto a ship).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Text>,
    /// For transfer steps: the facility used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferKind>,
    /// A human description ("rail 1435 mm → rail 1520 mm", "KZ → AZ", "port call or passage, the
    /// load stays aboard").
    pub detail: Text,
    /// The haul's length was computed, not measured.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub km_estimated: bool,
    /// For wait steps: a port call or passage with the load aboard (not a wait to board).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub aboard: bool,
}

/// The kinds of step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Line haul along a link.
    Haul,
    /// Mode or gauge change at a node.
    Transfer,
    /// Border dwell and fees.
    Border,
    /// Waiting for a departure.
    Wait,
}

impl StepKind {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Haul => "haul",
            StepKind::Transfer => "transfer",
            StepKind::Border => "border",
            StepKind::Wait => "wait",
        }
    }
}

/// A route: the JSON contract of `corridor route` (serialised as the struct's fields, in order,
/// with `value_of_time` as `value_of_time_usd_per_hour` and the totals adding `days` and
/// `generalized_usd`).
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Origin node id.
    pub from: String,
    /// Destination node id.
    pub to: String,
    /// What was minimised.
    pub objective: Objective,
    /// The query year.
    pub year: i32,
    /// The scenario applied to the network ("baseline" when none was).
    pub scenario: String,
    /// The modes the query allowed, when it left some out.
    pub modes: Option<Vec<Mode>>,
    /// The corridor family the route was asked for (`route --per-corridor`).
    pub family: Option<String>,
    /// Its rank among alternatives (`route --alternatives`), 1 being the optimum.
    pub alternative: Option<usize>,
    /// The value of time the route was found with, in USD per FEU-hour (the query's, else the
    /// network's): its generalized cost is USD + this × hours ([`Route::generalized_usd`]).
    pub value_of_time: f64,
    /// Totals, the sums of the steps.
    pub total: Metrics,
    /// Node ids in order, origin first.
    pub nodes: Vec<Text>,
    /// ISO codes in traversal order, consecutive repeats collapsed. A place the cargo passes on
    /// board a ship (arriving and leaving by sea: a port of call, a strait) is not entered.
    pub countries: Vec<Text>,
    /// Corridor tags of the links travelled, in order of first use.
    pub corridors: Vec<Text>,
    /// The steps.
    pub steps: Vec<Step>,
}

/// A route as the JSON contract writes it (see [`Route`]).
#[derive(Serialize)]
struct RouteJson<'a> {
    from: &'a str,
    to: &'a str,
    objective: Objective,
    year: i32,
    scenario: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    modes: Option<&'a Vec<Mode>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternative: Option<usize>,
    value_of_time_usd_per_hour: f64,
    total: Totals,
    nodes: &'a [Text],
    countries: &'a [Text],
    corridors: &'a [Text],
    steps: &'a [Step],
}

/// A route's totals as the JSON contract writes them, each rounded to three decimals.
#[derive(Serialize)]
struct Totals {
    km: f64,
    hours: f64,
    days: f64,
    usd: f64,
    generalized_usd: f64,
    co2_kg: f64,
}

impl Serialize for Route {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let m = &self.total;
        RouteJson {
            from: &self.from,
            to: &self.to,
            objective: self.objective,
            year: self.year,
            scenario: &self.scenario,
            modes: self.modes.as_ref(),
            family: self.family.as_deref(),
            alternative: self.alternative,
            value_of_time_usd_per_hour: round3(self.value_of_time),
            total: Totals {
                km: round3(m.km),
                hours: round3(m.hours),
                days: round3(m.days()),
                usd: round3(m.usd),
                generalized_usd: round3(self.generalized_usd()),
                co2_kg: round3(m.co2_kg),
            },
            nodes: &self.nodes,
            countries: &self.countries,
            corridors: &self.corridors,
            steps: &self.steps,
        }
        .serialize(s)
    }
}

impl Route {
    /// The generalized cost: USD + value of time × hours (the objective `generalized`
    /// minimises), at the value of time the route was found with.
    pub fn generalized_usd(&self) -> f64 {
        self.total.value(Objective::Generalized, self.value_of_time)
    }

    /// What identifies "the same route": the links travelled (with the sea service sailed) and
    /// the transfers made (place, facility, the mode and service after), in order; waits and
    /// borders follow from the links. Never the steps' words.
    pub fn signature(&self) -> String {
        let on = |service: &Option<Text>| service.as_ref().map(|v| format!("@{v}"));
        self.steps
            .iter()
            .filter_map(|s| match s.kind {
                StepKind::Haul => s
                    .link
                    .as_ref()
                    .map(|l| format!("{l}{}", on(&s.service).unwrap_or_default())),
                StepKind::Transfer => s.transfer.map(|kind| {
                    let after = on(&s.service).unwrap_or_default();
                    format!("{}:{}>{}{after}", s.from, kind.as_str(), s.mode)
                }),
                StepKind::Border | StepKind::Wait => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Why there is no route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoRoute {
    /// Origin id.
    pub from: String,
    /// Destination id.
    pub to: String,
    /// What cut every route, in words.
    pub reason: String,
}

impl fmt::Display for NoRoute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no route from {} to {}: {}",
            self.from, self.to, self.reason
        )
    }
}

/// The result of a query.
#[derive(Debug, Clone, PartialEq)]
// A query returns one Outcome; boxing the route would only add an allocation per answer.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// A route was found.
    Found(Route),
    /// None exists under the constraints.
    NoRoute(NoRoute),
}
