//! The inputs the route charts share: a route to draw ([`Series`], [`BarGroup`]) and the
//! cumulative points its line goes through ([`cumulative`]).

use crate::solve::Route;

/// One route of the time/cost-distance chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text, e.g. "Middle Corridor".
    pub label: String,
    /// The route; its steps are drawn in order.
    pub route: Route,
    /// Index into [`ROUTE_COLOURS`](crate::render::style::ROUTE_COLOURS) (the route's colour in
    /// every figure of a study); `None`: by position.
    pub colour: Option<usize>,
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
    /// Index into [`ROUTE_COLOURS`](crate::render::style::ROUTE_COLOURS) (the route's colour in
    /// every figure of a study, see [`crate::render::figures::paint`]); `None`: by position.
    pub colour: Option<usize>,
}

/// A point of a route's time/cost-distance line.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CumPoint {
    /// Cumulative kilometres.
    pub km: f64,
    /// Cumulative days.
    pub days: f64,
    /// Cumulative USD per FEU.
    pub usd: f64,
}

/// The cumulative points of a route: the origin, then one point after each step.
pub fn cumulative(route: &Route) -> Vec<CumPoint> {
    let mut p = CumPoint::default();
    let mut out = Vec::with_capacity(route.steps.len() + 1);
    out.push(p);
    for s in &route.steps {
        p.km += s.km;
        p.days += s.hours / 24.0;
        p.usd += s.usd;
        out.push(p);
    }
    out
}
