//! `corridor assign`: a year's demand routed with waits that follow the load, its equilibrium
//! printed, the load map and utilisation chart written on request.

use anyhow::{Context, Result};

use corridor::studies::queue::Horizon;
use corridor::text::thousands;

use crate::cli::args::AssignArgs;
use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::session::Session;

/// Runs `corridor assign`.
pub(crate) fn run(s: &Session<'_>, a: &AssignArgs) -> Result<Exit> {
    let net = with_scenario(&*s.bench()?, a.scenario.as_deref())?;
    let demand = corridor::studies::demand::resolve(&a.demand, net)
        .with_context(|| format!("demand {}", a.demand))?;
    let mut opts = corridor::studies::assign::Options {
        year: a.year,
        gap: a.gap,
        max_iterations: a.max_iterations,
        ..Default::default()
    };
    if let Some(days) = a.period_days {
        opts.horizon = Horizon::Period { hours: days * 24.0 };
    }
    let format = a.format.text(s.width())?;
    let most = thousands(a.max_iterations as f64);
    let words = |d: u64, _| format!("equilibrium: iteration {} (at most {most})", d + 1);
    let answer = s.with_progress(&words, |p| {
        opts.progress = p.clone();
        corridor::studies::assign::assign(net, &demand, &opts)
    })?;
    if answer.year < net.data_year {
        s.say(&format!(
            "note: the {} demand is routed in {}, before {}, the year the network describes: links not yet built in {} are closed, but the network does not record which of its operating links opened after {}",
            a.demand, answer.year, net.data_year, answer.year, answer.year
        ));
    }
    s.print(&corridor::output::assign::render(&answer, format))?;
    if let Some(dir) = &a.figures {
        let written = corridor::render::figures::assign::write(net, &answer, &s.path(dir)?)?;
        s.say(&format!("wrote {}", s.paths(&written)));
    }
    if !answer.converged {
        s.say(&format!(
            "warning: stopped after {} iterations at a relative gap of {:.1e} (target {:.0e})",
            answer.iterations, answer.gap, a.gap
        ));
    }
    Ok(Exit::Ok)
}
