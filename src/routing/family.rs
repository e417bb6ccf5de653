//! The best route of a corridor family, [`Router::route_family`]: the search on layers of
//! "requirements met so far", so that the route provably travels each required tag and country,
//! with the family's avoided tags and countries closed; without one, which constraint cut it.

use crate::error::{Error, Result};
use crate::network::Family;
use crate::routing::constraints::{Constraints, Relax};
use crate::routing::graph::Move;
use crate::routing::metrics::Objective;
use crate::routing::route::{NoRoute, Outcome};
use crate::routing::Router;

impl Router<'_> {
    /// The best route of a corridor family (see [`crate::network::Family`]): the search runs on
    /// layers of "requirements met so far", so the route provably travels each required tag and
    /// country, and avoided tags and countries are closed. Without one, the reason says whether
    /// the year, the scenario's closures or the query's own avoided places cut the family.
    pub fn route_family(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
        family: &Family,
    ) -> Result<Outcome> {
        let net = self.net;
        self.check_query(from, to, c)?;
        if from == to {
            return Err(Error::InvalidArgument(
                "origin and destination are the same node".into(),
            ));
        }
        let mut cf = c.clone();
        cf.avoid_countries
            .extend(family.avoid_countries.iter().cloned());
        // One bit per requirement, per link (computed per family query: O(links)).
        let n_req = family.via_tags.len() + family.via_countries.len();
        let want: u8 = ((1u16 << n_req) - 1) as u8;
        let link_bits: Vec<u8> = net
            .links
            .iter()
            .map(|l| {
                let tags = family.via_tags.iter().map(|t| l.has_corridor(t));
                let countries = family.via_countries.iter().map(|cc| {
                    net.nodes[l.from].country == *cc
                        || net.nodes[l.to].country == *cc
                        || l.transit_countries.contains(cc)
                });
                tags.chain(countries)
                    .enumerate()
                    .filter(|(_, hit)| *hit)
                    .fold(0u8, |b, (i, _)| b | (1 << i))
            })
            .collect();
        let banned: Vec<bool> = net
            .links
            .iter()
            .map(|l| family.avoid_tags.iter().any(|t| l.has_corridor(t)))
            .collect();
        let bits = |m: &Move| match *m {
            Move::Haul { link, .. } => link_bits[link],
            _ => 0,
        };
        let search = |cc: &Constraints, relax: Relax, objective: Objective, vot: f64| {
            let gate = self.facts.gate(cc, relax);
            self.compact.shortest_through(
                self.search.start[from].index() as u32,
                self.search.end[to].index() as u32,
                want,
                |m| gate.move_open(m) && !matches!(*m, Move::Haul { link, .. } if banned[link]),
                bits,
                |_, w| w.weight(objective, vot),
            )
        };
        let (a, b) = (&net.nodes[from], &net.nodes[to]);
        let no_route = |reason: String| {
            Ok(Outcome::NoRoute(NoRoute {
                from: a.id.clone(),
                to: b.id.clone(),
                reason,
            }))
        };
        if let Some(arcs) = search(&cf, Relax::NONE, objective, c.value_of_time) {
            let mut r = self.build_route(from, to, objective, c, &arcs);
            r.family = Some(family.id.clone());
            return Ok(Outcome::Found(r));
        }
        let found = |relax: Relax| search(&cf, relax, Objective::Distance, 0.0).is_some();
        let mut why = Vec::new();
        if found(Relax {
            year: true,
            ..Relax::NONE
        }) {
            let first = self.first_open_year(&cf, |c2| {
                search(c2, Relax::NONE, Objective::Distance, 0.0).is_some()
            });
            why.push(match first {
                Some(y) => format!("not open until {y} (try --year {y})"),
                None => format!("needs a link not open in {}", c.year),
            });
        }
        if found(Relax {
            closures: true,
            ..Relax::NONE
        }) {
            why.push("closed by the scenario".into());
        }
        if !c.avoid_countries.is_empty() || !c.avoid_nodes.is_empty() {
            let mut c2 = c.clone();
            c2.avoid_countries = family.avoid_countries.iter().cloned().collect();
            c2.avoid_nodes.clear();
            if search(&c2, Relax::NONE, Objective::Distance, 0.0).is_some() {
                why.push(format!(
                    "cut by the avoided {}",
                    self.avoid_words(c)
                        .trim_start_matches("avoiding ")
                        .trim_end_matches(" cuts every route")
                ));
            }
        }
        if why.is_empty() {
            why.push(if c.restricts_modes() {
                "no route of this corridor with the allowed modes".into()
            } else {
                "the network has no route of this corridor between them".into()
            });
        }
        no_route(why.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use crate::routing::fixture::{found, net};
    use crate::routing::{Constraints, Objective, Outcome, Router};

    #[test]
    fn a_family_forces_its_countries_and_closes_its_avoided_tags() {
        let mut net = net();
        let fam = |via: &[&str], avoid_tags: &[&str]| crate::network::Family {
            id: "f".into(),
            name: "F".into(),
            via_tags: vec![],
            via_countries: via.iter().map(|s| s.to_string()).collect(),
            avoid_tags: avoid_tags.iter().map(|s| s.to_string()).collect(),
            avoid_countries: vec![],
            origin: Default::default(),
        };
        net.links[3].corridors = vec!["road".into()];
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        // Unconstrained, the fastest a → q is the direct road (55 h); through KZ it is the
        // rail-and-sea route (82 h).
        assert_eq!(
            found(r.route(0, 3, Objective::Time, &c).unwrap()).nodes,
            ["a", "q"]
        );
        let via_kz = found(
            r.route_family(0, 3, Objective::Time, &c, &fam(&["KZ"], &[]))
                .unwrap(),
        );
        assert_eq!(via_kz.nodes, ["a", "g", "p", "q"]);
        assert!((via_kz.total.hours - 82.0).abs() < 1e-9);
        assert_eq!(via_kz.family.as_deref(), Some("f"));
        // Avoiding the road tag gives the same; requiring a country no link touches, nothing.
        let no_road = found(
            r.route_family(0, 3, Objective::Time, &c, &fam(&[], &["road"]))
                .unwrap(),
        );
        assert_eq!(no_road.nodes, ["a", "g", "p", "q"]);
        assert!(matches!(
            r.route_family(0, 3, Objective::Time, &c, &fam(&["RU"], &[]))
                .unwrap(),
            Outcome::NoRoute(_)
        ));
    }
}
