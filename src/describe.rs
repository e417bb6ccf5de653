//! Route words every front end needs: a route's headline, its summary and key nodes, and the
//! corridor it takes in words ("Middle Corridor via Zangazur: Dostyk, Aktau, Port of Baku").
//!
//! It reads the network and the route only, so the query, the studies and every output can use
//! it. It formats no numbers and writes no table: the totals in words and the step tables are
//! [`crate::output`]'s.

use crate::network::Network;
use crate::routing::{Route, StepKind};

/// A node's name, or the id itself when the network has no such node.
pub(crate) fn node_name<'a>(net: &'a Network, id: &'a str) -> &'a str {
    net.node(id).map_or(id, |n| n.name.as_str())
}

/// A route's one-line headline: "Xi'an → Duisburg · fastest (time) · year 2026 · baseline",
/// with the allowed modes when the query left some out.
pub fn headline(net: &Network, r: &Route) -> String {
    let modes = match &r.modes {
        Some(m) => {
            let m: Vec<&str> = m.iter().map(|m| m.as_str()).collect();
            format!(" · {} only", m.join(", "))
        }
        None => String::new(),
    };
    let rank = match r.alternative {
        Some(1) => " · alternative 1 (the optimum)".to_string(),
        Some(n) => format!(" · alternative {n}"),
        None => String::new(),
    };
    format!(
        "{} → {} · {} ({}){rank} · year {} · {}{modes}",
        node_name(net, &r.from),
        node_name(net, &r.to),
        r.objective.adjective(),
        r.objective,
        r.year,
        r.scenario
    )
}

/// A compact summary of the route's path: the countries and the key nodes.
pub fn summary(net: &Network, r: &Route) -> String {
    format!(
        "{} via {}",
        r.countries.join("–"),
        key_nodes(net, r).join(", ")
    )
}

/// The nodes where something other than rolling happens (transfers, borders, waits), in order,
/// without the origin and destination, by short name (without a parenthesis); at most five.
pub fn key_nodes(net: &Network, r: &Route) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in &r.steps {
        if s.kind == StepKind::Haul {
            continue;
        }
        let id = if s.kind == StepKind::Border {
            &s.to
        } else {
            &s.from
        };
        if id == &r.from || id == &r.to {
            continue;
        }
        // The short name: "Port of Baku (Alat)" → "Port of Baku".
        let full = node_name(net, id);
        let n = full.split(" (").next().unwrap_or(full).to_string();
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out.truncate(5);
    out
}

/// The corridor a route takes, in words, followed by its key nodes: "Middle Corridor: Dostyk,
/// Aktau, Port of Baku".
pub fn corridor_label(net: &Network, r: &Route) -> String {
    let words = corridor_words(net, r);
    let via = key_nodes(net, r);
    if via.is_empty() {
        words
    } else {
        format!("{words}: {}", via.join(", "))
    }
}

/// The corridor a route takes, in words, as the network's study names it
/// ([`crate::network::Study::corridor_name`]: the corridor carrying most of the route's
/// kilometres, refined by the branch it uses); the modes ("rail–sea") where the route travels
/// none of the study's corridors, or the network names none.
pub fn corridor_words(net: &Network, r: &Route) -> String {
    let km_on = |tag: &str| -> f64 {
        r.steps
            .iter()
            .filter(|s| s.kind == StepKind::Haul)
            .filter_map(|s| s.link.as_deref().and_then(|id| net.link(id)))
            .filter(|l| l.has_corridor(tag))
            .map(|l| l.km)
            .sum()
    };
    let uses = |tag: &str| r.corridors.iter().any(|c| c == tag);
    if let Some(name) = net.study.corridor_name(km_on, uses) {
        return name.to_string();
    }
    let mut modes: Vec<&str> = Vec::new();
    for s in r.steps.iter().filter(|s| s.kind == StepKind::Haul) {
        if modes.last() != Some(&s.mode.as_str()) {
            modes.push(s.mode.as_str());
        }
    }
    modes.join("–")
}
