//! Routing: objectives, query constraints, the search, and the routes it reports.
//!
//! A [`Router`] builds the [`SearchGraph`] of a network once, straight into compact arrays (each
//! move 8 bytes, its km, hours, USD and CO2 computed in advance per link and facility), and
//! answers any number of queries on them. Constraints are never applied by copying or rebuilding the graph: each query
//! has a gate that decides, move by move as the search reaches it, whether the move is open. The
//! search is Dijkstra with a four-ary heap and a workspace reused between queries, on a
//! lexicographic weight: the objective first, then a secondary measure that breaks ties sensibly
//! (e.g. among equally short routes the faster one), so results are stable and free of pointless
//! zero-cost transfers.
//!
//! "No route" is an [`Outcome`], not an error; it carries the reason, found by relaxing the
//! constraints one at a time (the modes, avoided places, the year, scenario closures) and asking
//! whether the destination becomes reachable.
//!
//! One file per concept; the algorithms, one per file, add their methods to [`Router`]:
//!
//! - `mod.rs` (here): the [`Router`]: building it, refusing a bad weight, checking a query;
//! - `metrics.rs`: [`Objective`], [`Metrics`] and the lexicographic search weight;
//! - [`graph`]: the search graph of (place, mode, gauge, service) states and their moves, in
//!   compact arrays;
//! - `build.rs`: building it in one pass over the network;
//! - `search.rs`: the four-ary heap, the workspace, Dijkstra (plain, or on
//!   layers of requirements met) and plain reachability;
//! - `constraints.rs`: [`Constraints`] and the gate that applies them move by move;
//! - `route.rs`: [`Route`], [`Step`], [`StepKind`], [`Outcome`] and [`NoRoute`];
//! - `steps.rs`: what each move costs and says (its metrics, its steps, the shared words);
//! - `assemble.rs`: a path found by the search put together as a [`Route`];
//! - `best.rs`: [`Router::route`], the best route of a query;
//! - `explain.rs`: why there is no route;
//! - `alternatives.rs`: [`Router::alternatives`], different routes by iterative penalties;
//! - `budget.rs`: the [`Budget`] of time, labels and points a search may spend, and the most
//!   alternatives a query may ask for ([`MAX_ALTERNATIVES`]);
//! - `pareto.rs`: [`Router::pareto`], the Pareto front, within the budget;
//! - `labels.rs`: its multi-criteria label setting, bounded by the destination;
//! - `skim.rs`: [`Router::skim`], every ordered pair of a set of places, one search per origin
//!   ([`Router::totals_from`]), each cell what [`Router::route`] answers;
//! - `plain.rs`: [`Router::plain_graph`], the search graph under a query's constraints as plain
//!   arrays, for another tool to search;
//! - `family.rs`: [`Router::route_family`], the best route of a corridor family;
//! - `backtrack.rs`: when a family's best route backtracks, so the family does not describe the
//!   pair;
//! - `membership.rs`: [`family_of`], the corridor family a route belongs to;
//! - `reweigh.rs`: [`Router::detach`] and [`Detached::attach`], the same search graph put on a
//!   network whose numbers changed, its weights recomputed (no rebuild).

mod alternatives;
mod assemble;
mod backtrack;
mod best;
mod budget;
mod build;
mod constraints;
mod explain;
mod family;
#[cfg(test)]
mod fixture;
pub mod graph;
#[cfg(test)]
mod graph_reference;
mod labels;
mod membership;
mod metrics;
mod pareto;
mod plain;
mod reweigh;
mod route;
mod search;
mod skim;
mod steps;

pub use self::budget::{Budget, MAX_ALTERNATIVES};
pub use self::constraints::Constraints;
pub use self::membership::{family_of, meets};
pub use self::metrics::{Metrics, Objective};
pub use self::plain::{PlainGraph, PlainMove};
pub use self::reweigh::Detached;
pub use self::route::{NoRoute, Outcome, Route, Step, StepKind};
pub use self::skim::Reach;

use crate::error::{Error, Problem, Result};
use crate::network::{limits, Network, Origin};
use crate::routing::constraints::GateFacts;
use crate::routing::graph::SearchGraph;
use crate::routing::search::Compact;
use crate::routing::steps::{haul_co2, transfer_co2, Words};

/// What the search graph needs of a network that a loaded one always has: every link's ends are
/// its nodes (that its countries can be numbered in 16 bits, `GateFacts::new` checks).
fn check_structure(net: &Network) -> Result<()> {
    let n = net.nodes.len();
    if let Some(l) = net.links.iter().find(|l| l.from >= n || l.to >= n) {
        return Err(Error::InvalidArgument(format!(
            "link `{}` joins node indices {} and {}, but the network has {n} nodes (0…{})",
            crate::error::clip(&l.id),
            l.from,
            l.to,
            n.saturating_sub(1)
        )));
    }
    Ok(())
}

/// Every part of every weight (length, running time, tariff, wait, port call, border dwell
/// and fee, facility time and charge) must be a finite number ≥ 0: a negative part could hide
/// inside a positive sum.
fn check_weights(net: &Network) -> Result<()> {
    let mut problems: Vec<Problem> = Vec::new();
    // (The field's name is formatted only for a bad weight: a million links format nothing.)
    let mut check = |origin: &Origin, what: &dyn Fn() -> String, parts: &[(&str, f64)]| {
        if parts.iter().all(|(_, v)| v.is_finite() && *v >= 0.0) {
            return;
        }
        let bad: Vec<String> = parts
            .iter()
            .filter(|(_, v)| !(v.is_finite() && *v >= 0.0))
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        if !bad.is_empty() {
            problems.push(Problem {
                file: origin.file.to_string(),
                line: origin.line,
                field: what(),
                message: format!(
                    "{} is not a finite number ≥ 0; the router refuses such a weight",
                    bad.join(", ")
                ),
            });
        }
    };
    let fine = |v: f64| v.is_finite() && v >= 0.0;
    for l in &net.links {
        // The common case, every part fine, without building the list of parts.
        let border_fine = l.border.as_ref().is_none_or(|b| {
            fine(b.hours[0]) && fine(b.hours[1]) && fine(b.usd[0]) && fine(b.usd[1])
        });
        if border_fine
            && fine(l.km)
            && fine(l.haul_hours())
            && fine(l.haul_usd())
            && fine(l.usd_per_km)
            && [l.wait_hours, l.call_hours]
                .iter()
                .flatten()
                .all(|&v| fine(v))
            && fine(haul_co2(net, l))
        {
            continue;
        }
        let (bh, bu) = l
            .border
            .as_ref()
            .map_or(([0.0; 2], [0.0; 2]), |b| (b.hours, b.usd));
        check(
            &l.origin,
            &|| format!("link `{}`", l.id),
            &[
                ("km", l.km),
                ("hours", l.haul_hours()),
                ("usd", l.haul_usd()),
                ("co2_kg", haul_co2(net, l)),
                ("usd_per_km", l.usd_per_km),
                ("wait_hours", l.wait_hours[0]),
                ("wait_hours_reverse", l.wait_hours[1]),
                ("call_hours", l.call_hours[0]),
                ("call_hours_reverse", l.call_hours[1]),
                ("border.hours", bh[0]),
                ("border.hours_reverse", bh[1]),
                ("border.usd", bu[0]),
                ("border.usd_reverse", bu[1]),
            ],
        );
    }
    for n in &net.nodes {
        for t in &n.transfers {
            check(
                &n.origin,
                &|| format!("the {} facility of `{}`", t.kind.as_str(), n.id),
                &[
                    ("hours", t.hours),
                    ("usd", t.usd),
                    ("co2_kg", transfer_co2(net)),
                ],
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidNetwork { problems })
    }
}

/// Answers route queries on one network.
#[derive(Debug, Clone)]
pub struct Router<'a> {
    net: &'a Network,
    words: Words,
    /// The search graph and a workspace to search it.
    compact: Compact,
    /// The network's side of every query's gate.
    facts: GateFacts,
    /// What a search beyond one shortest path may spend.
    budget: Budget,
}

impl<'a> Router<'a> {
    /// Builds the search graph of `net`. Refuses a network with a link whose ends are not nodes of
    /// it (a network built by hand, not loaded), more countries or states than the search can
    /// number, or a weight that is negative, NaN or infinite (a scenario `set` or an overflowing
    /// `scale` can make one): the search would otherwise panic, answer wrongly or never end.
    pub fn new(net: &'a Network) -> Result<Router<'a>> {
        check_structure(net)?;
        // One after the other: each is a few passes over the links, bound by memory, and on
        // two threads of a busy two-core machine they finished no sooner.
        let facts = GateFacts::new(net).map_err(Error::InvalidArgument)?;
        check_weights(net)?;
        let compact = Compact::new(SearchGraph::build(net).map_err(Error::InvalidArgument)?);
        let words = Words::new(net, &compact);
        let router = Router {
            net,
            words,
            compact,
            facts,
            budget: Budget::default(),
        };
        Ok(router)
    }

    /// The router with another [`Budget`] for its Pareto searches and alternatives.
    pub fn with_budget(mut self, budget: Budget) -> Router<'a> {
        self.budget = budget;
        self
    }

    /// What a search beyond one shortest path may spend.
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// The network routed on.
    pub fn network(&self) -> &'a Network {
        self.net
    }

    /// The indices and constraints of a query, checked rather than trusted.
    fn check_query(&self, from: usize, to: usize, c: &Constraints) -> Result<()> {
        let net = self.net;
        if from >= net.nodes.len() || to >= net.nodes.len() {
            return Err(Error::InvalidArgument("node index out of range".into()));
        }
        if let Some(&i) = c.avoid_nodes.iter().find(|&&i| i >= net.nodes.len()) {
            return Err(Error::InvalidArgument(format!(
                "avoided node index {i} is out of range (the network has {} nodes)",
                net.nodes.len()
            )));
        }
        let vot = c.value_of_time;
        if !(vot.is_finite() && (0.0..=limits::MAX_VALUE_OF_TIME).contains(&vot)) {
            return Err(Error::InvalidArgument(format!(
                "value of time {vot} must be a number in 0…{} USD per FEU-hour",
                limits::MAX_VALUE_OF_TIME
            )));
        }
        if !limits::YEARS.contains(&c.year) {
            return Err(Error::InvalidArgument(format!(
                "year {} is outside {}…{}",
                c.year,
                limits::YEARS.start(),
                limits::YEARS.end()
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::load::parse;
    use crate::routing::fixture::net;
    use crate::routing::{Constraints, Objective, Router};

    #[test]
    fn the_router_refuses_negative_nan_and_infinite_weights() {
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            let mut n = net();
            n.links[2].wait_hours[1] = bad;
            let e = Router::new(&n).unwrap_err().to_string();
            assert!(
                e.contains("p-q") && e.contains("wait_hours_reverse"),
                "{bad}: {e}"
            );
            let mut n = net();
            n.nodes[1].transfers[0].usd = bad;
            assert!(Router::new(&n).is_err(), "{bad}");
        }
    }

    #[test]
    fn constraints_are_checked_not_trusted() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let mut c = Constraints::defaults(&net);
        c.avoid_nodes.insert(99);
        assert!(r.route(0, 3, Objective::Time, &c).is_err());
        for vot in [-1.0, f64::NAN, 1e308] {
            let mut c = Constraints::defaults(&net);
            c.value_of_time = vot;
            assert!(r.route(0, 3, Objective::Generalized, &c).is_err(), "{vot}");
        }
        let mut c = Constraints::defaults(&net);
        c.year = 99_999;
        assert!(r.route(0, 3, Objective::Time, &c).is_err());
    }

    #[test]
    fn a_link_past_the_nodes_is_an_error_not_a_panic() {
        let mut n = net();
        n.links[1].to = 4;
        let e = Router::new(&n).unwrap_err().to_string();
        assert!(e.contains("g-p") && e.contains("4 nodes"), "{e}");
        let mut n = net();
        n.links[0].from = usize::MAX;
        assert!(Router::new(&n).is_err());
        let mut n = net();
        n.nodes.clear();
        assert!(Router::new(&n).is_err());
    }

    #[test]
    fn parsing_no_files_is_an_error_not_a_panic() {
        assert!(parse(&[]).is_err());
    }
}
