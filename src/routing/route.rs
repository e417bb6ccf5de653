//! The route a query reports: its [`Step`]s (one line of the time/cost-distance breakdown each,
//! of a [`StepKind`]), its [`Totals`], the [`Route`] itself (the JSON contract of
//! `corridor route`), and the [`Outcome`] of a query: a route, or [`NoRoute`] with the reason.
//!
//! Only the types and how they serialise (numbers rounded to three decimals): a route is put
//! together from a search's path in `assemble.rs`, and its steps are worded in `steps.rs`.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::network::{Mode, TransferKind};
use crate::routing::metrics::{Metrics, Objective};
use crate::text::Text;

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
    /// Kilometres.
    #[serde(serialize_with = "round3")]
    pub km: f64,
    /// Hours.
    #[serde(serialize_with = "round3")]
    pub hours: f64,
    /// USD per FEU.
    #[serde(serialize_with = "round3")]
    pub usd: f64,
    /// kg CO2e per FEU.
    #[serde(serialize_with = "round3")]
    pub co2_kg: f64,
    /// The link travelled, for haul, wait and border steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Text>,
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

/// Totals of a route.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Totals {
    /// Kilometres.
    #[serde(serialize_with = "round3")]
    pub km: f64,
    /// Hours.
    #[serde(serialize_with = "round3")]
    pub hours: f64,
    /// Days (hours / 24).
    #[serde(serialize_with = "round3")]
    pub days: f64,
    /// USD per FEU.
    #[serde(serialize_with = "round3")]
    pub usd: f64,
    /// kg CO2e per FEU, well-to-wheel.
    #[serde(serialize_with = "round3")]
    pub co2_kg: f64,
}

/// A route: the JSON contract of `corridor route`.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modes: Option<Vec<Mode>>,
    /// The corridor family the route was asked for (`route --per-corridor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Its rank among alternatives (`route --alternatives`), 1 being the optimum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<usize>,
    /// Totals, the sums of the steps.
    pub total: Totals,
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

impl Route {
    /// What identifies "the same route": the links travelled and the transfers made, in order
    /// (waits and borders follow from the links).
    pub fn signature(&self) -> String {
        self.steps
            .iter()
            .filter_map(|s| match s.kind {
                StepKind::Haul => s.link.clone().map(|l| match &s.service {
                    Some(v) => format!("{l}@{v}"),
                    None => l.to_string(),
                }),
                StepKind::Transfer => Some(format!("{}:{}", s.from, s.detail)),
                StepKind::Border | StepKind::Wait => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The totals as [`Metrics`].
    pub fn metrics(&self) -> Metrics {
        Metrics {
            km: self.total.km,
            hours: self.total.hours,
            usd: self.total.usd,
            co2_kg: self.total.co2_kg,
        }
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

fn round3<S: Serializer>(v: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    let r = (v * 1000.0).round() / 1000.0;
    s.serialize_f64(if r == 0.0 { 0.0 } else { r })
}
