//! When a corridor family does not describe an origin–destination pair: its best route
//! backtracks. A family forces its countries and tags onto every pair (see
//! [`crate::network::Family`]); for a pair the family was not drawn for, the search can still
//! meet them by a detour, such as Xi'an → Baku "via Georgia and Türkiye", which passes Baku, runs
//! to the Georgian border and comes back. Such a route is not a route of that family for that
//! pair: the router says so, with the reason, instead of showing the detour under the family's
//! name.
//!
//! The rule: a route backtracks when it passes a place twice, going out and coming back the same
//! way (only a family's requirements can force that: a best route without them never does). The
//! reason names the country it would leave and come back to (AZ → GE → AZ, or past the
//! destination's country and back), or the place when it stays in one country. Re-entering a
//! country by another way is no backtrack: the Zangazur corridor leaves Azerbaijan for Armenia
//! and enters it again in Nakhchivan, an exclave, going on westwards.

use crate::network::Network;
use crate::routing::route::Route;

/// Why a route backtracks, if it does: "it would leave Azerbaijan and come back", "it would
/// pass Tbilisi twice".
pub(crate) fn backtracks(net: &Network, route: &Route) -> Option<String> {
    // The place visited twice whose first visit comes first: the outermost loop.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut outer: Option<(usize, usize)> = None;
    for (j, id) in route.nodes.iter().enumerate() {
        match seen.get(id.as_str()) {
            Some(&i) if outer.is_none_or(|(oi, _)| i < oi) => outer = Some((i, j)),
            Some(_) => {}
            None => {
                seen.insert(id.as_str(), j);
            }
        }
    }
    let (i, j) = outer?;
    let node = |k: usize| net.node(&route.nodes[k]);
    let home = node(i).map(|n| n.country.as_str())?;
    let left = (i..j).any(|k| node(k).is_some_and(|n| n.country != home));
    Some(if left {
        format!("it would leave {} and come back", country_name(home))
    } else {
        format!(
            "it would pass {} twice",
            node(i).map_or(route.nodes[i].as_str(), |n| n.name.as_str())
        )
    })
}

/// The reason a family's backtracking route is not a route of the family for the pair.
pub(crate) fn not_this_family(why: &str) -> String {
    format!("not a route of this family for this pair: {why}")
}

/// The English short name of the countries a Eurasian network is likely to name; the ISO code
/// itself for any other.
pub(crate) fn country_name(code: &str) -> &str {
    const NAMES: &[(&str, &str)] = &[
        ("AF", "Afghanistan"),
        ("AM", "Armenia"),
        ("AT", "Austria"),
        ("AZ", "Azerbaijan"),
        ("BE", "Belgium"),
        ("BG", "Bulgaria"),
        ("BY", "Belarus"),
        ("CH", "Switzerland"),
        ("CN", "China"),
        ("CZ", "Czechia"),
        ("DE", "Germany"),
        ("DK", "Denmark"),
        ("EE", "Estonia"),
        ("EG", "Egypt"),
        ("ES", "Spain"),
        ("FI", "Finland"),
        ("FR", "France"),
        ("GB", "the United Kingdom"),
        ("GE", "Georgia"),
        ("GI", "Gibraltar"),
        ("GR", "Greece"),
        ("HR", "Croatia"),
        ("HU", "Hungary"),
        ("IN", "India"),
        ("IR", "Iran"),
        ("IT", "Italy"),
        ("KG", "Kyrgyzstan"),
        ("KZ", "Kazakhstan"),
        ("LK", "Sri Lanka"),
        ("LT", "Lithuania"),
        ("LV", "Latvia"),
        ("MD", "Moldova"),
        ("MN", "Mongolia"),
        ("NL", "the Netherlands"),
        ("PK", "Pakistan"),
        ("PL", "Poland"),
        ("RO", "Romania"),
        ("RS", "Serbia"),
        ("RU", "Russia"),
        ("SA", "Saudi Arabia"),
        ("SG", "Singapore"),
        ("SI", "Slovenia"),
        ("SK", "Slovakia"),
        ("TJ", "Tajikistan"),
        ("TM", "Turkmenistan"),
        ("TR", "Türkiye"),
        ("UA", "Ukraine"),
        ("UZ", "Uzbekistan"),
        ("YE", "Yemen"),
        ("ZA", "South Africa"),
    ];
    NAMES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .map_or(code, |i| NAMES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_for_the_search_and_unknown_codes_stay_codes() {
        assert_eq!(country_name("AZ"), "Azerbaijan");
        assert_eq!(country_name("TR"), "Türkiye");
        assert_eq!(country_name("ZA"), "South Africa");
        assert_eq!(country_name("AF"), "Afghanistan");
        assert_eq!(country_name("XX"), "XX");
    }
}
