//! The credit line every figure ends with ([`credit`]): the tool and its version, the network
//! and the year its data describe, and the scenario(s) drawn. A map adds its base map's source
//! ([`crate::render::map::ATTRIBUTION`]).

use crate::network::Network;
use crate::routing::Route;

/// "corridor 0.9.0 · network: Eurasian freight corridors (China to Europe), data year 2026 ·
/// scenario baseline": `scenarios` in order without repeats (none: the network's own scenario,
/// or "baseline").
pub fn credit<'a>(net: &Network, scenarios: impl IntoIterator<Item = &'a str>) -> String {
    let mut names: Vec<&str> = Vec::new();
    for s in scenarios {
        if !names.contains(&s) {
            names.push(s);
        }
    }
    let own = net.scenario.as_deref().unwrap_or("baseline");
    if names.is_empty() {
        names.push(own);
    }
    let which = match names.len() {
        1 => format!("scenario {}", names[0]),
        _ => format!("scenarios {}", names.join(", ")),
    };
    format!(
        "corridor {} · network: {}, data year {} · {which}",
        env!("CARGO_PKG_VERSION"),
        net.name,
        net.data_year
    )
}

/// The credit of a figure of `routes` (their scenarios, in order).
pub fn credit_of<'a>(net: &Network, routes: impl IntoIterator<Item = &'a Route>) -> String {
    credit(net, routes.into_iter().map(|r| r.scenario.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credit_names_tool_version_data_year_and_scenarios() {
        let net = crate::load::embedded().unwrap();
        let c = credit(&net, ["baseline", "zangazur-open", "baseline"]);
        assert_eq!(
            c,
            format!(
                "corridor {} · network: {}, data year {} · scenarios baseline, zangazur-open",
                env!("CARGO_PKG_VERSION"),
                net.name,
                net.data_year
            )
        );
        assert!(credit(&net, []).ends_with("· scenario baseline"));
    }
}
