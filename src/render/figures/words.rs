//! How figures name places and routes: a node's short name for labels and a figure's title.

use crate::network::Network;
use crate::routing::Route;

/// A figure's title: "Xi'an → Duisburg · 2026", with the scenario when the figure shows one.
pub fn title(net: &Network, r: &Route, one_scenario: bool) -> String {
    let name = |id: &str| short_name(net, id);
    let scenario = if one_scenario {
        format!(" · {}", r.scenario)
    } else {
        String::new()
    };
    format!("{} → {} · {}{scenario}", name(&r.from), name(&r.to), r.year)
}

/// A node's name without its parenthesis ("Port of Baku (Alat)" → "Port of Baku"), for labels.
pub fn short_name(net: &Network, id: &str) -> String {
    net.node(id).map_or(id.to_string(), |n| {
        n.name.split(" (").next().unwrap_or(&n.name).to_string()
    })
}
