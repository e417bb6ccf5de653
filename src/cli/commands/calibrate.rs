//! `corridor calibrate`: the route choice fitted to one year's observed volumes and shares,
//! checked on the others, the parameters written on request.

use anyhow::{bail, Context, Result};

use corridor::studies::batch;
use corridor::studies::calibrate::{self, params, Options, Param};
use corridor::studies::observed::{self, Kind};

use crate::cli::args::{key_range, CalibrateArgs};
use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::session::Session;

/// `NAME=LOW:HIGH` as a parameter and its bounds.
fn bounds(s: &str) -> Result<(Param, f64, f64)> {
    let (name, lo, hi) = key_range("--bounds", "NAME", s, "theta=1e-5:0.01")?;
    let p = Param::named(&name).map_err(anyhow::Error::msg)?;
    Ok((p, lo, hi))
}

/// Runs `corridor calibrate`.
pub(crate) fn run(s: &Session<'_>, a: &CalibrateArgs) -> Result<Exit> {
    let net = with_scenario(&*s.bench()?, a.scenario.as_deref())?;
    let format = a.format.text(s.width())?;
    let mut opts = Options::new(net);
    opts.year = a.year;
    if !a.held_out.is_empty() {
        opts.held_out = Some(a.held_out.clone());
    }
    opts.free = a
        .free
        .iter()
        .map(|s| Param::named(s.trim()).map_err(anyhow::Error::msg))
        .collect::<Result<_>>()?;
    opts.bounds = a.bounds.iter().map(|s| bounds(s)).collect::<Result<_>>()?;
    if !a.kind.is_empty() {
        opts.kinds = a
            .kind
            .iter()
            .map(|k| Kind::named(k.trim()).map_err(anyhow::Error::msg))
            .collect::<Result<_>>()?;
    }
    if let Some(v) = a.theta {
        opts.start.theta = v;
    }
    if let Some(v) = a.value_of_time {
        opts.start.value_of_time = v;
    }
    if let Some(v) = a.reliability {
        opts.start.reliability = v;
    }
    opts.max_evaluations = a.max_evaluations;
    match a.jobs {
        Some(0) => bail!("--jobs 0: give 1 or more evaluations at once"),
        Some(j) => opts.jobs = j,
        None => {}
    }
    let list = observed::resolve(a.observations.as_deref(), net)?;
    let c = calibrate::calibrate(net, &list, &opts)?;
    s.print(&corridor::output::calibrate::render(&c, format))?;
    if let Some(path) = &a.output {
        let path = &s.path(path)?;
        if path.is_dir() {
            bail!("-o {}: a folder; give a file name", path.display());
        }
        let text = params::to_toml(&c, &s.command_line());
        corridor::fs::write_atomic(path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        s.say(&format!("wrote {}", s.shown(path)));
    }
    // The runner's evaluations that failed, reported and exited on as a batch's failed runs.
    let held = 4 * c.parameters.iter().filter(|p| p.fitted).count()
        + c.held_out.len()
        + c.failed
            .iter()
            .filter(|f| f.id.starts_with("year "))
            .count();
    for line in batch::report(&c.failed, held, "evaluations run by the batch runner") {
        s.say(&line);
    }
    if !c.converged {
        s.say(&format!(
            "warning: the fit stopped after {} evaluations before its simplex converged",
            c.evaluations
        ));
    }
    Ok(if c.failed.is_empty() {
        Exit::Ok
    } else {
        Exit::RunsFailed
    })
}
