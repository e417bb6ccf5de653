//! `corridor chart`: the SVG charts of routes — the time/cost-distance chart (`tcd`), the
//! breakdown bars (`compare`) and the days-against-dollars Pareto chart (`pareto`).

use std::borrow::Cow;
use std::path::PathBuf;

use anyhow::Result;

use corridor::network::Network;
use corridor::render::figures;
use corridor::routing::{Objective, Route};

use crate::cli::args::{check_by, objectives, query, By, ChartArgs, ChartKind};
use crate::cli::exit::Exit;
use crate::cli::inputs::solve;
use crate::cli::session::Session;

/// Runs `corridor chart KIND`.
pub(crate) fn run(s: &Session<'_>, kind: &ChartKind) -> Result<Exit> {
    let (a, tcd) = match kind {
        ChartKind::Tcd(a) => (a, true),
        ChartKind::Compare(a) => (a, false),
        ChartKind::Pareto(a) => return pareto(s, a),
    };
    check_by(&a.by, "chart")?;
    let scenarios: Vec<Option<&str>> = if a.scenario.is_empty() {
        vec![None]
    } else {
        a.scenario.iter().map(|s| Some(s.as_str())).collect()
    };
    let Chosen {
        net: net_for_names,
        routes: chosen,
    } = choose(s, a, &scenarios)?;
    let (Some(net), Some(first)) = (net_for_names, chosen.first().map(|(_, r)| r.clone())) else {
        return Ok(Exit::NoRoute);
    };
    let title = figures::title(&net, &first, scenarios.len() == 1);
    let (svg, default) = if tcd {
        (figures::tcd_chart(&net, &title, chosen), "output/tcd.svg")
    } else {
        (
            figures::breakdown_chart(&net, &title, chosen),
            "output/breakdown.svg",
        )
    };
    let path = a.output.clone().unwrap_or_else(|| PathBuf::from(default));
    s.write_output(&path, svg.as_bytes())?;
    Ok(Exit::Ok)
}

/// The routes a chart draws, each with its label, and the network that names their nodes.
struct Chosen<'a> {
    /// The network of the first scenario with a route (`None` when no scenario has one).
    net: Option<Cow<'a, Network>>,
    /// Label and route, per scenario and objective.
    routes: Vec<(String, Route)>,
}

/// The routes of every scenario and objective, each with its label, and the first scenario's
/// network that has one (for the names); a scenario without a route says why on stderr.
fn choose<'s>(s: &Session<'s>, a: &ChartArgs, scenarios: &[Option<&str>]) -> Result<Chosen<'s>> {
    let (from, to) = a.ends.of(s.bench()?.base())?;
    let many_objectives = objectives(&a.by).len() > 1;
    let mut chosen: Vec<(String, Route)> = Vec::new();
    let mut net_for_names = None;
    for name in scenarios {
        match solve(s, &query(&from, &to, &a.by, *name, &a.constraints))? {
            Ok((net, routes)) => {
                for r in routes {
                    let who = match (name, many_objectives) {
                        (Some(s), true) => format!("{s}, {}", r.objective.adjective()),
                        (Some(s), false) => s.to_string(),
                        (None, _) => r.objective.adjective().to_string(),
                    };
                    chosen.push((who, r));
                }
                net_for_names.get_or_insert(net);
            }
            Err(why) => s.say(&format!("{}: {why}", name.unwrap_or("base network"))),
        }
    }
    Ok(Chosen {
        net: net_for_names,
        routes: chosen,
    })
}

/// `chart pareto`: days against dollars over the time-cost front.
fn pareto(s: &Session<'_>, a: &ChartArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let (from, to) = a.ends.of(bench.base())?;
    anyhow::ensure!(
        a.scenario.len() <= 1,
        "chart pareto takes at most one --scenario (combine them with `+`)"
    );
    let q = query(
        &from,
        &to,
        &[By::Time, By::Cost],
        a.scenario.first().map(String::as_str),
        &a.constraints,
    );
    let p = q.prepare_on(&bench)?;
    let (_, _, router) = bench.router(q.scenario.as_deref(), q.payload_t)?;
    let front = router.pareto(
        p.from,
        p.to,
        &[Objective::Time, Objective::Cost],
        &p.constraints,
        0.0,
    )?;
    if front.is_empty() {
        s.say(&format!("no route from {from} to {to}"));
        return Ok(Exit::NoRoute);
    }
    let svg = figures::pareto_chart(&router, &p, &front)?;
    let path = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("output/pareto.svg"));
    s.write_output(&path, svg.as_bytes())?;
    Ok(Exit::Ok)
}
