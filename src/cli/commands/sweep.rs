//! `corridor sweep`: one attribute varied over a range, with the best route and its switch
//! points.

use anyhow::{Context, Result};

use corridor::output::sweep::render;
use corridor::scenario::Selection;
use corridor::studies::sweep::{sweep, Request};

use crate::cli::args::{query, SweepArgs};
use crate::cli::exit::Exit;
use crate::cli::progress::counted;
use crate::cli::session::Session;

/// Runs `corridor sweep`.
pub(crate) fn run(s: &Session<'_>, a: &SweepArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let base = bench.base();
    let (from, to) = a.ends.of(base)?;
    let p = query(&from, &to, &[], a.scenario.as_deref(), &a.constraints).prepare(base)?;
    s.notes(&p.notes);
    let (net, from, to, c) = (p.network, p.from, p.to, p.constraints);
    let (lo, hi) = a
        .range
        .split_once(':')
        .and_then(|(l, h)| Some((l.trim().parse::<f64>().ok()?, h.trim().parse::<f64>().ok()?)))
        .with_context(|| format!("--range {}: expected LO:HI, e.g. 0:480", a.range))?;
    let req = Request {
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
        progress: Default::default(),
    };
    let result = s.with_progress(&|d, t| format!("sweep: {}", counted(d, t, "routes")), |p| {
        sweep(
            &net,
            &Request {
                progress: p.clone(),
                ..req
            },
        )
    })?;
    s.print(&render(&result, a.format.text(s.width())?))?;
    Ok(Exit::Ok)
}
