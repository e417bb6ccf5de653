//! The inputs the route charts share: a route to draw ([`Series`], [`BarGroup`]) and the
//! cumulative points its line goes through ([`cumulative`]).

use crate::render::ink::RouteInk;
use crate::routing::{Metrics, Route};

/// One route of the time/cost-distance chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text, e.g. "Middle Corridor".
    pub label: String,
    /// The route; its steps are drawn in order.
    pub route: Route,
    /// How it is drawn: its family's colour and its variant, the same in every figure of a
    /// study (see [`crate::render::figures::paint`]); `None`: by position.
    pub ink: Option<RouteInk>,
    /// The label already gives the days and USD of each merged member (see
    /// [`crate::render::figures::group`]).
    pub totals_in_label: bool,
}

/// One bar of the breakdown chart (a scenario or a route).
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    /// Text left of the bar, e.g. "baseline" or "fastest".
    pub label: String,
    /// The route whose steps are summed.
    pub route: Route,
    /// How it is drawn: its family's colour, the same in every figure of a study (see
    /// [`crate::render::figures::paint`]); `None`: by position.
    pub ink: Option<RouteInk>,
}

/// The points of a route's time/cost-distance line: the [`Metrics`] summed from the origin, then
/// after each step.
pub fn cumulative(route: &Route) -> Vec<Metrics> {
    let mut p = Metrics::default();
    let mut out = Vec::with_capacity(route.steps.len() + 1);
    out.push(p);
    for s in &route.steps {
        p = p + s.metrics;
        out.push(p);
    }
    out
}
