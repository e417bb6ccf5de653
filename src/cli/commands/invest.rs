//! `corridor invest`: the candidates and the appraisal's numbers from the flags (or the shipped
//! files), the appraisal under one scenario or each of `--across`, printed or written.

use anyhow::{bail, Context, Result};

use corridor::network::Network;
use corridor::studies::calibrate::params;
use corridor::studies::invest::{self, shipped, Defaults, Project, Request};

use crate::cli::args::{ChoiceArg, InvestArgs};
use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::session::Session;

/// The candidates the flags name, checked against `net`.
fn candidates(a: &InvestArgs, net: &Network) -> Result<Vec<Project>> {
    let projects = shipped::candidates(&a.projects, net)?;
    Ok(shipped::keep_only(projects, &a.only)?)
}

/// The request of the flags on `net`.
fn request(a: &InvestArgs, d: &Defaults, net: &Network) -> Result<Request> {
    let demand = corridor::studies::demand::resolve(&a.demand, net)
        .with_context(|| format!("demand {}", a.demand))?;
    let rate = a.discount.unwrap_or(d.discount_rate);
    if !(rate.is_finite() && (0.0..1.0).contains(&rate)) {
        bail!("--discount {rate}: give a rate from 0 to 1 (0.05 for 5 %)");
    }
    let horizon = a.horizon.unwrap_or(d.horizon_years);
    if !(1..=200).contains(&horizon) {
        bail!("--horizon {horizon}: give 1 to 200 years");
    }
    let positive = |name: &str, v: Option<f64>| -> Result<()> {
        match v {
            Some(v) if !(v.is_finite() && v >= 0.0) => bail!("{name} {v}: give 0 or more"),
            _ => Ok(()),
        }
    };
    positive("--value-of-time", a.value_of_time)?;
    positive("--co2-price", a.co2_price)?;
    positive("--reliability-ratio", a.reliability_ratio)?;
    if a.jobs == Some(0) {
        bail!("--jobs 0: give 1 or more cases at once");
    }
    let choice = match a.choice {
        ChoiceArg::Wardrop => None,
        ChoiceArg::Calibrated => Some(params::shipped()?),
    };
    let mut req = Request::new(net, demand, d);
    req.opts.year = a.year;
    req.choice = choice;
    req.prices.value_of_time = a.value_of_time.unwrap_or(net.value_of_time);
    req.prices.co2_usd_per_tonne = a.co2_price.unwrap_or(d.co2_usd_per_tonne);
    req.prices.reliability_ratio = a.reliability_ratio.unwrap_or(d.reliability_ratio);
    req.timeline.horizon_years = horizon;
    req.timeline.rate = rate;
    req.budget = a.budget;
    req.jobs = a
        .jobs
        .unwrap_or_else(corridor::studies::batch::jobs_available);
    Ok(req)
}

/// The appraisal under one scenario.
fn study(
    s: &Session<'_>,
    a: &InvestArgs,
    d: &Defaults,
    scenario: Option<&str>,
) -> Result<std::result::Result<invest::Study, invest::NothingFits>> {
    let base = with_scenario(&*s.bench()?, scenario)?;
    let mut net = base.clone();
    if let Some(v) = a.value_of_time {
        net.value_of_time = v;
    }
    let mut req = request(a, d, &net)?;
    let projects = candidates(a, &net)?;
    if let Some(no) = a.budget.and_then(|b| invest::nothing_fits(&projects, b)) {
        return Ok(Err(no));
    }
    s.say(&format!(
        "appraising {} candidates under {}: {} equilibrium assignments…",
        projects.len(),
        scenario.unwrap_or("baseline"),
        match a.budget {
            Some(_) if projects.len() <= invest::portfolio::EXACT_UP_TO =>
                format!("{}", 1usize << projects.len()),
            _ => format!("at least {}", projects.len() + 1),
        }
    ));
    let words = |done: u64, total: u64| format!("cases assigned: {done} of {total}");
    let st = s.with_progress(&words, |p| {
        req.progress = p.clone();
        invest::appraise(&net, projects, &req)
    })?;
    if let Some(dir) = &a.figures {
        let path = corridor::render::figures::write_benefit_cost(&net, &st, &s.path(dir)?)?;
        s.say(&format!("wrote {}", s.paths(&[path])));
    }
    Ok(Ok(st))
}

/// Runs `corridor invest`.
pub(crate) fn run(s: &Session<'_>, a: &InvestArgs) -> Result<Exit> {
    if let Some(b) = a.budget {
        if !(b.is_finite() && b > 0.0) {
            bail!("--budget {b}: give a positive amount of USD");
        }
    }
    let d = shipped::defaults_or(a.defaults.as_deref())?;
    let format = a.format.text(s.width())?;
    let text = if a.across.is_empty() {
        match study(s, a, &d, a.scenario.as_deref())? {
            Ok(st) => corridor::output::invest::render(&st, &d, format),
            Err(no) => {
                s.say(&no.to_string());
                return Ok(Exit::NothingFits);
            }
        }
    } else {
        let mut studies = Vec::new();
        for sc in &a.across {
            match study(s, a, &d, Some(sc))? {
                Ok(st) => studies.push(st),
                Err(no) => {
                    s.say(&no.to_string());
                    return Ok(Exit::NothingFits);
                }
            }
        }
        corridor::output::invest::render_across(&invest::across::across(studies), &d, format)
    };
    match &a.output {
        Some(path) => s.write_output(path, text.as_bytes())?,
        None => s.print(&text)?,
    }
    Ok(Exit::Ok)
}
