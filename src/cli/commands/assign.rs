//! `corridor assign`: a year's demand routed with waits that follow the load, its equilibrium
//! printed, the load map and utilisation chart written on request.

use anyhow::{bail, Context, Result};

use corridor::network::Network;
use corridor::studies::calibrate::params;
use corridor::studies::queue::Horizon;
use corridor::text::thousands;

use crate::cli::args::{AssignArgs, ChoiceArg};
use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::print::print;
use crate::cli::progress::with_progress;

/// Runs `corridor assign`.
pub(crate) fn run(base: Network, a: &AssignArgs) -> Result<Exit> {
    let net = with_scenario(base, a.scenario.as_deref())?;
    let demand = corridor::studies::demand::resolve(&a.demand, &net)
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
    let format = a.format.text()?;
    let most = thousands(a.max_iterations as f64);
    let words = |d: u64, _| format!("equilibrium: iteration {} (at most {most})", d + 1);
    let choice = match (a.choice, &a.params) {
        (ChoiceArg::Wardrop, None) => None,
        (ChoiceArg::Wardrop, Some(_)) => bail!("--params is for --choice calibrated"),
        (ChoiceArg::Calibrated, None) => Some(params::shipped()?),
        (ChoiceArg::Calibrated, Some(file)) => Some(params::read(file)?),
    };
    if let Some(c) = &choice {
        eprintln!(
            "route choice: logit, θ {:.3e} per USD/FEU, value of time {} USD per FEU-hour, reliability weight {} ({})",
            c.theta,
            c.value_of_time,
            c.reliability,
            a.params
                .as_ref()
                .map_or(params::SHIPPED_NAME.to_string(), |p| p.display().to_string())
        );
    }
    let answer = with_progress(&words, |p| {
        opts.progress = p.clone();
        match &choice {
            None => corridor::studies::assign::assign(&net, &demand, &opts),
            Some(c) => corridor::studies::assign::assign_logit(&net, &demand, &opts, c),
        }
    })?;
    if answer.year < net.data_year {
        eprintln!(
            "note: the {} demand is routed in {}, before {}, the year the network describes: links not yet built in {} are closed, but the network does not record which of its operating links opened after {}",
            a.demand, answer.year, net.data_year, answer.year, answer.year
        );
    }
    print(&corridor::output::assign::render(&answer, format))?;
    if let Some(dir) = &a.figures {
        let written = corridor::render::figures::assign::write(&net, &answer, dir)?;
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!("wrote {}", names.join(", "));
    }
    if !answer.converged {
        eprintln!(
            "warning: stopped after {} iterations at a relative gap of {:.1e} (target {:.0e})",
            answer.iterations, answer.gap, a.gap
        );
    }
    Ok(Exit::Ok)
}
