//! The library values a command starts from (the network itself is the session's): a
//! scenario applied to it, a study's scenarios, and a query run with its notes printed.
//!
//! Each wraps one library call with the context line its error gets (`loading network …`,
//! `scenario …`); the decisions themselves (which scenarios a study holds, how a query resolves
//! names and years) are the library's.

use std::borrow::Cow;

use anyhow::{Context, Result};

use corridor::network::Network;
use corridor::query::Prepared;
use corridor::routing::{NoRoute, Objective, Outcome, Route, Router};
use corridor::scenario::{self, Scenario};
use corridor::Query;

use corridor::query::Workbench;

use super::session::Session;

/// The workbench's network with the scenario `name` applied, if one is given (built once).
pub(crate) fn with_scenario<'s>(bench: &Workbench<'s>, name: Option<&str>) -> Result<&'s Network> {
    Ok(bench.network(name, None)?.0)
}

/// The scenarios of a study: those named, or the shipped study scenarios (baseline first, no
/// capacity-only ones) when none is. A scenario whose file has problems is checked against `net`
/// too, so that all its problems are reported at once.
pub(crate) fn study_scenarios(net: &Network, names: &[String]) -> Result<Vec<Scenario>> {
    if names.is_empty() {
        return scenario::study().context("the shipped scenarios");
    }
    names
        .iter()
        .map(|n| {
            scenario::resolve(n)
                .or_else(|_| scenario::resolve_onto(net, n).map(|(s, _)| s))
                .with_context(|| format!("scenario {n}"))
        })
        .collect()
}

/// Why the query `p` has no route by `objective`: the router's explanation (what cut every
/// route), asked when a search that returns a list (alternatives, a Pareto front) found none.
pub(crate) fn why_none(router: &Router, p: &Prepared, objective: Objective) -> Result<NoRoute> {
    Ok(
        match router.route(p.from, p.to, objective, &p.constraints)? {
            Outcome::NoRoute(why) => why,
            Outcome::Found(_) => NoRoute {
                from: p.network.nodes[p.from].id.clone(),
                to: p.network.nodes[p.to].id.clone(),
                reason: "none within the search's limits".into(),
            },
        },
    )
}

/// The scenario's network and the routes, or why there is none.
pub(crate) type Solved<'a> = std::result::Result<(Cow<'a, Network>, Vec<Route>), NoRoute>;

/// Runs a query on the session's network (its scenario network and router shared), printing its
/// notes: the scenario's network and the routes, or why there is none.
pub(crate) fn solve<'s>(s: &Session<'s>, query: &Query) -> Result<Solved<'s>> {
    let answer = query.run_on(&*s.bench()?)?;
    s.notes(&answer.notes);
    Ok(answer.outcome.map(|routes| (answer.network, routes)))
}
