//! Which corridor family a route belongs to ([`family_of`]): the family it was asked for, or the
//! first of the network's families whose requirements it meets, tested on the links it travels
//! exactly as [`Router::route_family`](crate::routing::Router::route_family) imposes them. What
//! colours a route in every figure.

use crate::network::{Family, Network};
use crate::routing::route::{Route, StepKind};

/// The index in `net.families` of the route's family: the one it was asked for
/// ([`Route::family`]) when the network has it, else the first family, in the data's order,
/// whose requirements the route meets ([`meets`]); `None` when it meets none.
pub fn family_of(net: &Network, r: &Route) -> Option<usize> {
    if let Some(id) = &r.family {
        if let Some(i) = net.families.iter().position(|f| f.id == *id) {
            return Some(i);
        }
    }
    net.families.iter().position(|f| meets(net, r, f))
}

/// Whether `r` meets `f`'s requirements: it travels at least one link of each `via_tags` tag and
/// at least one link touching each `via_countries` country (an end there, or crossing it), no
/// link tagged `avoid_tags`, and no place in, nor link crossing, an `avoid_countries` country.
pub fn meets(net: &Network, r: &Route, f: &Family) -> bool {
    let links: Vec<&crate::network::Link> = r
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Haul)
        .filter_map(|s| s.link.as_deref().and_then(|id| net.link(id)))
        .collect();
    let touches = |l: &crate::network::Link, cc: &str| {
        net.nodes[l.from].country == cc
            || net.nodes[l.to].country == cc
            || l.transit_countries.iter().any(|t| t == cc)
    };
    let places_in = |cc: &str| {
        r.nodes
            .iter()
            .filter_map(|n| net.node(n.as_str()))
            .any(|n| n.country == cc)
    };
    f.via_tags
        .iter()
        .all(|t| links.iter().any(|l| l.has_corridor(t)))
        && f.via_countries
            .iter()
            .all(|cc| links.iter().any(|l| touches(l, cc)))
        && !f
            .avoid_tags
            .iter()
            .any(|t| links.iter().any(|l| l.has_corridor(t)))
        && !f.avoid_countries.iter().any(|cc| {
            places_in(cc)
                || links
                    .iter()
                    .any(|l| l.transit_countries.iter().any(|t| t == cc))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::{Constraints, Objective, Outcome, Router};

    #[test]
    fn a_family_routes_best_route_is_of_that_family_and_the_others_are_not() {
        let net = crate::load::embedded().unwrap();
        let router = Router::new(&net).unwrap();
        let (from, to) = (net.find("xian").unwrap(), net.find("duisburg").unwrap());
        let c = Constraints::defaults(&net);
        let mut checked = 0;
        for (i, f) in net.families.iter().enumerate() {
            let Outcome::Found(mut r) = router
                .route_family(from, to, Objective::Time, &c, f)
                .unwrap()
            else {
                continue;
            };
            assert!(meets(&net, &r, f), "{}", f.id);
            r.family = None;
            assert_eq!(family_of(&net, &r), Some(i), "{} found by its links", f.id);
            for (j, g) in net.families.iter().enumerate() {
                if j != i {
                    assert!(!meets(&net, &r, g), "{}'s route is not {}'s", f.id, g.id);
                }
            }
            checked += 1;
        }
        assert!(checked >= 5, "the families with a route in the data year");
        // A route of no family: Almaty to Ürümqi, in Kazakhstan and China only.
        let (a, b) = (net.find("almaty").unwrap(), net.find("urumqi").unwrap());
        let Outcome::Found(r) = router.route(a, b, Objective::Time, &c).unwrap() else {
            panic!("Almaty → Ürümqi");
        };
        assert_eq!(family_of(&net, &r), None);
    }
}
