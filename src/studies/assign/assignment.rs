//! What an assignment is asked ([`Options`]) and what it answers ([`Assignment`]): the load,
//! capacity and waits of every capacitated element ([`ElementLoad`]), every flow's routes and
//! shares ([`FlowResult`], [`RouteShare`]) and the traffic on each link ([`LinkLoad`]).

use serde::Serialize;

use crate::progress::Progress;
use crate::routing::Route;
use crate::studies::queue::{self, Horizon};
use crate::text::Text;

/// How to assign.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The query year (links opening later are closed) [default: the demand's year].
    pub year: Option<i32>,
    /// Stop when the relative gap is below this.
    pub gap: f64,
    /// Stop after this many iterations, converged or not.
    pub max_iterations: usize,
    /// How the queues are looked at: over a planning period (the default, 30 days) or in
    /// steady state at a utilisation cap.
    pub horizon: Horizon,
    /// Counts the iterations done, for a progress display (nothing is reserved: how many an
    /// equilibrium takes is not known before it converges).
    pub progress: Progress,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            year: None,
            gap: 1e-4,
            max_iterations: 1_000,
            horizon: Horizon::Period {
                hours: queue::DEFAULT_PERIOD_HOURS,
            },
            progress: Progress::default(),
        }
    }
}

/// A capacitated element's state at the equilibrium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementLoad {
    /// The capacity record's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The component: `aktau-alat wait`, `alat rail_sea`.
    pub component: String,
    /// For a link: `forward` (from → to) or `reverse`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    /// TEU a year the demand puts on it.
    pub load_teu: f64,
    /// TEU a year of background traffic.
    pub background_teu: f64,
    /// TEU a year it can serve (the year's mean, winter included).
    pub capacity_teu: f64,
    /// (load + background) / capacity.
    pub utilisation: f64,
    /// TEU a year by which load and background exceed the capacity (0 below it): the backlog
    /// grows by this / 365 TEU a day while the overload lasts.
    pub excess_teu: f64,
    /// The component's hours in the network data (the fixed input it replaces).
    pub fixed_hours: f64,
    /// base + queue: the component's hours at this load.
    pub hours: f64,
    /// Of which the queue's mean wait.
    pub queue_hours: f64,
    /// Demand at or past capacity in some month (over a period), or at or past the utilisation
    /// cap (in steady state).
    pub saturated: bool,
    /// The months (1–12) it is saturated in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub saturated_months: Vec<u8>,
}

/// One route of a flow and the share of its volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteShare {
    /// Fraction of the flow's volume (0–1).
    pub share: f64,
    /// TEU a year.
    pub teu: f64,
    /// Days door to door at the equilibrium's waits.
    pub days: f64,
    /// USD per FEU.
    pub usd: f64,
    /// kg CO2e per FEU.
    pub co2_kg: f64,
    /// Generalized cost, USD per FEU.
    pub cost: f64,
    /// Node ids in order.
    pub nodes: Vec<Text>,
    /// Corridor tags travelled.
    pub corridors: Vec<Text>,
    /// Capacity records used.
    pub elements: Vec<String>,
    /// The route itself, its steps at the waits it was found at (for a reliability study of
    /// the routes used; not written out).
    #[serde(skip)]
    pub route: Route,
}

/// A flow at the equilibrium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowResult {
    /// Origin node id.
    pub from: String,
    /// Destination node id.
    pub to: String,
    /// TEU a year.
    pub teu: f64,
    /// The published total it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Its routes, largest share first.
    pub routes: Vec<RouteShare>,
    /// Why it has no route, when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_route: Option<String>,
}

/// An assignment's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// The demand's name.
    pub demand: String,
    /// The scenario applied ("baseline" when none).
    pub scenario: String,
    /// The query year.
    pub year: i32,
    /// Iterations run.
    pub iterations: usize,
    /// The relative gap reached.
    pub gap: f64,
    /// Whether it reached the requested gap.
    pub converged: bool,
    /// The planning period the queues are looked at over, days (absent in steady state).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_days: Option<f64>,
    /// The utilisation cap (only in steady state).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilisation_cap: Option<f64>,
    /// Every capacitated element, in record order.
    pub elements: Vec<ElementLoad>,
    /// Every flow, in file order.
    pub flows: Vec<FlowResult>,
    /// TEU a year routed.
    pub routed_teu: f64,
    /// TEU a year with no route.
    pub unrouted_teu: f64,
    /// TEU-weighted mean days of the routed volume.
    pub mean_days: f64,
    /// TEU a year on each link carrying any (both directions together), in network order.
    pub links: Vec<LinkLoad>,
}

/// The traffic on one link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkLoad {
    /// Link id.
    pub link: String,
    /// TEU a year, both directions.
    pub teu: f64,
}
