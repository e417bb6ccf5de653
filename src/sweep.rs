//! Sweeps: vary one numeric attribute over a range and follow the best route.
//!
//! For each grid value the attribute is set (or scaled) on its selection in a copy of the network,
//! and the query is routed. Wherever two neighbouring grid values give different routes, the switch
//! point between them is located by bisection to the requested tolerance, so it is reported where
//! it is rather than at the next grid point. A switch that happens and reverts between two grid
//! points is not seen: the grid must be fine enough for that.

use std::fmt::Write as _;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::network::Network;
use crate::report::{self, thousands, Format};
use crate::scenario::{apply_edit, Action, Edit, Field, Selection};
use crate::solve::{Constraints, Objective, Outcome, Route, Router};

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
        edit.amount = value;
        apply_edit(&mut net, &edit).map_err(Error::InvalidArgument)?;
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
            "unknown field `{}` (expected one of: {})",
            req.field,
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
    if req.steps == 0 || req.steps > 1_000_000 {
        return Err(Error::InvalidArgument(
            "--steps must lie in 1…1,000,000".into(),
        ));
    }
    if !(req.tolerance.is_finite() && req.tolerance > 0.0) {
        return Err(Error::InvalidArgument(
            "--tolerance must be greater than 0".into(),
        ));
    }
    let edit = Edit {
        action: if req.set { Action::Set } else { Action::Scale },
        select: req.select.clone(),
        field: Some(field),
        field_name: Some(req.field.clone()),
        amount: req.lo,
        countries: vec![],
        rationale: "sweep".into(),
        source: None,
        origin: Default::default(),
    };
    let ev = Evaluator { net, req, edit };
    let label = |r: &Option<Route>| match r {
        Some(r) => crate::compare::corridor_label(net, r),
        None => "no route".into(),
    };
    let mut points = Vec::with_capacity(req.steps + 1);
    let mut sigs = Vec::with_capacity(req.steps + 1);
    for i in 0..=req.steps {
        let value = req.lo + (req.hi - req.lo) * i as f64 / req.steps as f64;
        let (route, sig) = ev.at(value)?;
        points.push(Point {
            value,
            summary: label(&route),
            objective_value: route.as_ref().map(|r| {
                r.metrics()
                    .value(req.objective, req.constraints.value_of_time)
            }),
            route,
        });
        sigs.push(sig);
    }
    let mut switches = Vec::new();
    for i in 1..points.len() {
        if sigs[i] == sigs[i - 1] {
            continue;
        }
        let (mut lo, mut hi) = (points[i - 1].value, points[i].value);
        let (mut before, mut after) = (points[i - 1].route.clone(), points[i].route.clone());
        while hi - lo > req.tolerance {
            let mid = 0.5 * (lo + hi);
            let (r, sig) = ev.at(mid)?;
            if sig == sigs[i - 1] {
                lo = mid;
                before = r;
            } else {
                hi = mid;
                after = r;
            }
        }
        switches.push(Switch {
            below: lo,
            above: hi,
            before: label(&before),
            after: label(&after),
        });
    }
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

/// Renders a sweep.
pub fn render(s: &Sweep, format: Format) -> String {
    match format {
        Format::Json => {
            let mut out = serde_json::to_string_pretty(s).expect("sweep serialises");
            out.push('\n');
            out
        }
        Format::Csv => {
            let mut out = String::from("value,summary,km,days,usd,objective_value\n");
            for p in &s.points {
                let (km, days, usd) =
                    p.route
                        .as_ref()
                        .map_or((String::new(), String::new(), String::new()), |r| {
                            (
                                format!("{:.1}", r.total.km),
                                format!("{:.3}", r.total.days),
                                format!("{:.2}", r.total.usd),
                            )
                        });
                writeln!(
                    out,
                    "{},{},{km},{days},{usd},{}",
                    p.value,
                    report::csv_field(&p.summary),
                    p.objective_value
                        .map_or(String::new(), |v| format!("{v:.3}"))
                )
                .unwrap();
            }
            out
        }
        Format::Table | Format::Markdown => {
            let md = format == Format::Markdown;
            let mut out = String::new();
            let verb = if s.action == "set" { "=" } else { "×" };
            if md {
                writeln!(
                    out,
                    "| {} {verb} | best route ({}) | km | days | USD |\n|--:|---|--:|--:|--:|",
                    s.field, s.objective
                )
                .unwrap();
            } else {
                writeln!(
                    out,
                    "sweep of {} {verb} value on {} · best route by {}",
                    s.field, s.selection, s.objective
                )
                .unwrap();
            }
            let w = s
                .points
                .iter()
                .map(|p| p.summary.chars().count())
                .max()
                .unwrap_or(10)
                .max(10);
            for p in &s.points {
                let (km, days, usd) =
                    p.route
                        .as_ref()
                        .map_or((String::new(), String::new(), String::new()), |r| {
                            (
                                thousands(r.total.km),
                                format!("{:.1}", r.total.days),
                                thousands(r.total.usd),
                            )
                        });
                if md {
                    writeln!(
                        out,
                        "| {} | {} | {km} | {days} | {usd} |",
                        trim(p.value),
                        p.summary
                    )
                    .unwrap();
                } else {
                    let pad = " ".repeat(w - p.summary.chars().count());
                    writeln!(
                        out,
                        "{:>12}  {}{pad}  {km:>7} km  {days:>6} d  ${usd:>7}",
                        trim(p.value),
                        p.summary
                    )
                    .unwrap();
                }
            }
            writeln!(out).unwrap();
            if s.switches.is_empty() {
                writeln!(
                    out,
                    "no switch point: the best route is the same over the whole range"
                )
                .unwrap();
            }
            for sw in &s.switches {
                writeln!(
                    out,
                    "{}switch at {} {verb} {}…{} (tolerance {}): {} → {}",
                    if md { "- " } else { "" },
                    s.field,
                    trim(sw.below),
                    trim(sw.above),
                    trim(s.tolerance),
                    sw.before,
                    sw.after
                )
                .unwrap();
            }
            out
        }
    }
}

/// A number without trailing zeros, at most 4 decimals.
fn trim(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}
