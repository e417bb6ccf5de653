//! `corridor assign`: a year's demand routed with waits that follow the load, its equilibrium
//! printed, the load map and utilisation chart written on request.

use anyhow::{bail, Context, Result};

use corridor::studies::calibrate::params;
use corridor::studies::queue::Horizon;
use corridor::text::thousands;

use crate::cli::args::{AssignArgs, ChoiceArg};
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
    let choice = match (a.choice, &a.params) {
        (ChoiceArg::Wardrop, None) => None,
        (ChoiceArg::Wardrop, Some(_)) => bail!("--params is for --choice calibrated"),
        (ChoiceArg::Calibrated, None) => Some(params::shipped()?),
        (ChoiceArg::Calibrated, Some(file)) => Some(params::read(file)?),
    };
    if let Some(c) = &choice {
        s.say(&format!(
            "route choice: logit, θ {:.3e} per USD/FEU, value of time {} USD per FEU-hour, reliability weight {} ({})",
            c.theta,
            c.value_of_time,
            c.reliability,
            a.params
                .as_ref()
                .map_or(params::SHIPPED_NAME.to_string(), |p| s.shown(p))
        ));
    }
    let answer = s.with_progress(&words, |p| {
        opts.progress = p.clone();
        match &choice {
            None => corridor::studies::assign::assign(net, &demand, &opts),
            Some(c) => corridor::studies::assign::assign_logit(net, &demand, &opts, c),
        }
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
