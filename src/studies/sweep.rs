//! Sweeps: vary one numeric attribute over a range and follow the best route.
//!
//! For each grid value the attribute is set (or scaled) on its selection in a copy of the network,
//! and the query is routed. Wherever two neighbouring values give different routes, the bracket is
//! split at its midpoint and every half whose ends still differ is split again, down to the
//! tolerance, so several switches inside one grid cell (R → S → T) are each located.
//!
//! **What is guaranteed.** Every sweepable attribute enters a route's objective affinely, either in
//! the value itself (lengths, tariffs, fixed charges, waits, port calls, border dwell and fees,
//! running hours, facility hours and charges) or in its reciprocal (a speed, set or scaled: the
//! running time is km / speed). Each route's objective is therefore a line in x or in 1/x, and the
//! best route's objective is their lower envelope: if the same route is best at both ends of an
//! interval, no other route is strictly better anywhere inside it (a line below another inside an
//! interval is below it at one end). So a switch that happens and reverts inside one grid cell is
//! impossible, and every switch is found, located to the tolerance; two switches closer together
//! than the tolerance are reported as one. (`available_from` is a step in the year, monotone, so
//! the same holds.)

use serde::Serialize;

use crate::error::{Error, Result};
use crate::network::Network;
use crate::progress::Progress;
use crate::routing::{Constraints, Objective, Outcome, Route, Router};
use crate::scenario::{apply_edit, Change, Edit, EditKind, Field, Selection};

/// The most grid intervals a sweep takes.
pub const MAX_STEPS: usize = 10_000;

/// What to sweep.
#[derive(Debug, Clone)]
pub struct Request {
    /// Origin node index.
    pub from: usize,
    /// Destination node index.
    pub to: usize,
    /// What the route minimises.
    pub objective: Objective,
    /// The attribute's name (see [`crate::scenario::FIELDS`]).
    pub field: String,
    /// Where it applies.
    pub select: Selection,
    /// Set the value (true) or scale by it (false).
    pub set: bool,
    /// First value.
    pub lo: f64,
    /// Last value.
    pub hi: f64,
    /// Number of grid intervals (steps + 1 values).
    pub steps: usize,
    /// Bisection stops when the bracket is narrower than this.
    pub tolerance: f64,
    /// Query constraints.
    pub constraints: Constraints,
    /// Counts the routes computed (the grid's, then the refinements'), for a progress display.
    pub progress: Progress,
}

/// The best route at one value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The attribute's value (or factor).
    pub value: f64,
    /// The route's corridor and key nodes, or "no route".
    pub summary: String,
    /// The route, if any.
    pub route: Option<Route>,
    /// The objective's value.
    pub objective_value: Option<f64>,
}

/// Where the best route changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Switch {
    /// Last value (within tolerance) giving the route before.
    pub below: f64,
    /// First value (within tolerance) giving the route after.
    pub above: f64,
    /// The route before.
    pub before: String,
    /// The route after.
    pub after: String,
}

/// A finished sweep.
#[derive(Debug, Clone, Serialize)]
pub struct Sweep {
    /// The attribute.
    pub field: String,
    /// The selection, in words.
    pub selection: String,
    /// `set` or `scale`.
    pub action: String,
    /// Objective.
    pub objective: Objective,
    /// Tolerance of the switch points.
    pub tolerance: f64,
    /// Grid points.
    pub points: Vec<Point>,
    /// Switch points, in increasing value.
    pub switches: Vec<Switch>,
}

struct Evaluator<'a> {
    net: &'a Network,
    req: &'a Request,
    edit: Edit,
}

impl Evaluator<'_> {
    /// The route at a value and its signature (what identifies "the same route").
    fn at(&self, value: f64) -> Result<(Option<Route>, String)> {
        let mut net = self.net.clone();
        let mut edit = self.edit.clone();
        if let EditKind::Set(c) | EditKind::Scale(c) = &mut edit.kind {
            c.amount = value;
        }
        apply_edit(&mut net, &edit).map_err(|p| Error::InvalidArgument(p.message))?;
        let router = Router::new(&net)?;
        Ok(
            match router.route(
                self.req.from,
                self.req.to,
                self.req.objective,
                &self.req.constraints,
            )? {
                Outcome::Found(r) => {
                    let sig = r.signature();
                    (Some(r), sig)
                }
                Outcome::NoRoute(_) => (None, String::from("no route")),
            },
        )
    }
}

/// Runs a sweep.
pub fn sweep(net: &Network, req: &Request) -> Result<Sweep> {
    let field = Field::parse(&req.field).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "unknown field `{}`{} (expected one of: {})",
            crate::error::clip(&req.field),
            crate::scenario::did_you_mean_field(&req.field),
            crate::scenario::FIELDS
        ))
    })?;
    if !(req.lo.is_finite() && req.hi.is_finite() && req.lo < req.hi) {
        return Err(Error::InvalidArgument(format!(
            "the range {}..{} is empty: give LO:HI with LO < HI",
            req.lo, req.hi
        )));
    }
    if !req.set && req.lo <= 0.0 {
        return Err(Error::InvalidArgument(
            "scale factors must be greater than 0".into(),
        ));
    }
    if !(req.hi - req.lo).is_finite() {
        return Err(Error::InvalidArgument(format!(
            "the range {}..{} is too wide to divide into steps",
            req.lo, req.hi
        )));
    }
    if req.set && req.lo < 0.0 {
        return Err(Error::InvalidArgument(format!(
            "values must be ≥ 0 (`{}` cannot be negative), not {}",
            req.field, req.lo
        )));
    }
    if req.steps == 0 || req.steps > MAX_STEPS {
        return Err(Error::InvalidArgument(format!(
            "--steps must lie in 1…{MAX_STEPS}"
        )));
    }
    // Below this the midpoint of a bracket cannot be told from its ends in floating point.
    let resolution = (req.lo.abs().max(req.hi.abs()) * 1e-12).max(f64::MIN_POSITIVE);
    if !(req.tolerance.is_finite() && req.tolerance >= resolution) {
        return Err(Error::InvalidArgument(format!(
            "--tolerance must be at least {resolution:e} for this range (what floating point can resolve), not {}",
            req.tolerance
        )));
    }
    let change = Change {
        select: req.select.clone(),
        field,
        field_name: req.field.clone(),
        amount: req.lo,
    };
    let edit = Edit {
        kind: if req.set {
            EditKind::Set(change)
        } else {
            EditKind::Scale(change)
        },
        rationale: "sweep".into(),
        source: None,
        origin: Default::default(),
    };
    let ev = Evaluator { net, req, edit };
    let label = |r: &Option<Route>| match r {
        Some(r) => crate::describe::corridor_label(net, r),
        None => "no route".into(),
    };
    let mut points = Vec::with_capacity(req.steps + 1);
    let mut sigs = Vec::with_capacity(req.steps + 1);
    req.progress.reserve(req.steps as u64 + 1);
    for i in 0..=req.steps {
        let value = req.lo + (req.hi - req.lo) * i as f64 / req.steps as f64;
        let (route, sig) = ev.at(value)?;
        req.progress.advance(1);
        points.push(Point {
            value,
            summary: label(&route),
            objective_value: route
                .as_ref()
                .map(|r| r.total.value(req.objective, req.constraints.value_of_time)),
            route,
        });
        sigs.push(sig);
    }
    // Each bracket whose ends differ is halved down to the tolerance: about log2(cell /
    // tolerance) routes each, announced before they are computed.
    let cell = (req.hi - req.lo) / req.steps as f64;
    let halvings = (cell / req.tolerance).log2().ceil().max(1.0) as u64;
    let brackets = sigs.windows(2).filter(|w| w[0] != w[1]).count() as u64;
    req.progress.reserve(brackets * halvings);
    let mut switches = Vec::new();
    for i in 1..points.len() {
        if sigs[i] == sigs[i - 1] {
            continue;
        }
        // Brackets whose ends differ, refined depth-first from the left.
        let mut stack = vec![(
            (
                points[i - 1].value,
                points[i - 1].route.clone(),
                sigs[i - 1].clone(),
            ),
            (points[i].value, points[i].route.clone(), sigs[i].clone()),
        )];
        while let Some((lo, hi)) = stack.pop() {
            let mid = 0.5 * (lo.0 + hi.0);
            if hi.0 - lo.0 <= req.tolerance || mid <= lo.0 || mid >= hi.0 {
                switches.push(Switch {
                    below: lo.0,
                    above: hi.0,
                    before: label(&lo.1),
                    after: label(&hi.1),
                });
                continue;
            }
            let (route, sig) = ev.at(mid)?;
            req.progress.advance(1);
            let m = (mid, route, sig);
            if m.2 != hi.2 {
                stack.push((m.clone(), hi));
            }
            if m.2 != lo.2 {
                stack.push((lo, m));
            }
        }
    }
    switches.sort_by(|a, b| a.below.total_cmp(&b.below));
    Ok(Sweep {
        field: req.field.clone(),
        selection: req.select.to_string(),
        action: if req.set { "set" } else { "scale" }.into(),
        objective: req.objective,
        tolerance: req.tolerance,
        points,
        switches,
    })
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_text;
    use crate::testnet::Net;

    /// Three routes a → b by road whose hours are lines in the wait x set on links r1, r2 and s:
    /// R = a–m–b with a wait on each leg (2x), S = the direct link s (10 + x), T = the link t (30).
    /// R is best below x = 10, S between 10 and 20, T above 20.
    fn lines() -> Network {
        let link = |net: Net, id: &str, from: &str, to: &str, hours: f64| {
            net.link(id, from, to, "road")
                .sourced("km", 10)
                .sourced("hours", hours)
                .sourced("usd_fixed", 1)
        };
        let mut net = Net::new("lines")
            .value_of_time(0.0)
            .node("a", "KZ", 45.0, 70.0)
            .node("m", "KZ", 45.0, 70.5)
            .node("b", "KZ", 45.0, 71.0);
        for (id, from, to, hours) in [
            ("r1", "a", "m", 0.0),
            ("r2", "m", "b", 0.0),
            ("s", "a", "b", 10.0),
            ("t", "a", "b", 30.0),
        ] {
            net = link(net, id, from, to, hours);
        }
        parse_text(&net.build())
    }

    fn request(net: &Network, steps: usize, tolerance: f64) -> Request {
        Request {
            from: 0,
            to: 2,
            objective: Objective::Time,
            field: "wait_hours".into(),
            select: Selection::parse_criteria(&["links=r1,r2,s".into()]).unwrap(),
            set: true,
            lo: 0.0,
            hi: 40.0,
            steps,
            tolerance,
            constraints: Constraints::defaults(net),
            progress: Progress::counting(),
        }
    }

    #[test]
    fn two_switches_inside_one_grid_cell_are_both_found() {
        let net = lines();
        for steps in [1, 2, 3, 7, 40] {
            let s = sweep(&net, &request(&net, steps, 1e-6)).unwrap();
            let at: Vec<(f64, f64)> = s.switches.iter().map(|w| (w.below, w.above)).collect();
            assert_eq!(at.len(), 2, "steps {steps}: {at:?}");
            assert!(
                at[0].0 <= 10.0 && 10.0 <= at[0].1 && at[0].1 - at[0].0 <= 1e-6,
                "{at:?}"
            );
            assert!(
                at[1].0 <= 20.0 && 20.0 <= at[1].1 && at[1].1 - at[1].0 <= 1e-6,
                "{at:?}"
            );
        }
    }

    #[test]
    fn tolerance_steps_and_ranges_are_bounded() {
        let net = lines();
        let e = sweep(&net, &request(&net, 4, 1e-300))
            .unwrap_err()
            .to_string();
        assert!(e.contains("floating point can resolve"), "{e}");
        let e = sweep(&net, &request(&net, MAX_STEPS + 1, 0.01))
            .unwrap_err()
            .to_string();
        assert!(e.contains("--steps"), "{e}");
        let mut r = request(&net, 4, 0.01);
        (r.lo, r.hi) = (-10.0, -1.0);
        assert!(sweep(&net, &r).unwrap_err().to_string().contains("≥ 0"));
        (r.lo, r.hi) = (-1e308, 1e308);
        assert!(sweep(&net, &r).is_err());
    }
}
