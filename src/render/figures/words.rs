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

/// A node's name without its parenthesis ("Port of Baku (Alat)" → "Port of Baku"; "Port of
/// Baku (Alat), ferry terminal" → "Port of Baku, ferry terminal"), for labels.
pub fn short_name(net: &Network, id: &str) -> String {
    net.node(id)
        .map_or(id.to_string(), |n| without_parenthesis(&n.name))
}

/// `name` without its first parenthesis and the space before it.
fn without_parenthesis(name: &str) -> String {
    match (name.find(" ("), name.find(')')) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &name[..a], &name[b + 1..]),
        (Some(a), _) => name[..a].to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::without_parenthesis;

    #[test]
    fn a_short_name_keeps_what_follows_the_parenthesis() {
        assert_eq!(without_parenthesis("Port of Baku (Alat)"), "Port of Baku");
        assert_eq!(
            without_parenthesis("Port of Baku (Alat), ferry terminal"),
            "Port of Baku, ferry terminal"
        );
        assert_eq!(without_parenthesis("Duisburg"), "Duisburg");
        assert_eq!(without_parenthesis("Odd (unclosed"), "Odd");
    }
}
