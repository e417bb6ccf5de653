//! The best route of a corridor family, [`Router::route_family`]: the search on layers of
//! "requirements met so far", so that the route provably travels each required tag and country,
//! with the family's avoided tags and countries closed; without one, which constraint cut it; and
//! when the best one backtracks (`backtrack.rs`), that the family does not describe the pair.

use crate::error::{Error, Result};
use crate::network::Family;
use crate::routing::backtrack::{backtracks, not_this_family};
use crate::routing::constraints::{Constraints, Relax};
use crate::routing::graph::Move;
use crate::routing::metrics::Objective;
use crate::routing::route::{NoRoute, Outcome};
use crate::routing::Router;

impl Router<'_> {
    /// The best route of a corridor family (see [`crate::network::Family`]): the search runs on
    /// layers of "requirements met so far", so the route provably travels each required tag and
    /// country, and avoided tags and countries are closed. Without one, the reason says whether
    /// the year, the scenario's closures or the query's own avoided places cut the family. A best
    /// route that the family's requirements force to backtrack (to pass a place twice, going out
    /// and back: say AZ → GE → AZ, or past the destination's country and back) is no route of the
    /// family for this pair: the outcome is [`Outcome::NoRoute`], its reason "not a route of this
    /// family for this pair: it would leave Azerbaijan and come back".
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
        // One bit per requirement in a byte: a loaded family has at most 8, a built one is checked.
        if family.via_tags.len() + family.via_countries.len() > 8 {
            return Err(Error::InvalidArgument(format!(
                "family `{}` has {} requirements (via_tags and via_countries together); the search \
                 takes at most 8",
                crate::error::clip(&family.id),
                family.via_tags.len() + family.via_countries.len()
            )));
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
                self.compact.start(from),
                self.compact.end(to),
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
            let required = !(family.via_tags.is_empty() && family.via_countries.is_empty());
            if let Some(why) = required.then(|| backtracks(net, &r)).flatten() {
                return no_route(not_this_family(&why));
            }
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
            colour: Default::default(),
            origin: Default::default(),
        };
        net.links[3].corridors = vec!["road".into()].into();
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

    #[test]
    fn a_family_that_would_backtrack_does_not_describe_the_pair() {
        use crate::load::{parse, SourceFile};
        use crate::testnet::Net;
        // o (CN) — b (AZ) — g (GE) — t (TR): a family through Georgia describes o → t, not o → b,
        // whose route through Georgia would go to g and back to b. And b — m (AM) — n (AZ, an
        // exclave) — t: a family through Armenia leaves Azerbaijan and enters it again going on
        // westwards, which is no backtrack.
        let rail = |net: Net, id: &str, a: &str, b: &str, border: bool| {
            let net = net
                .link(id, a, b, "rail")
                .set("gauge", 1520)
                .sourced("km", 100.0)
                .sourced("hours", 2.0)
                .sourced("usd_per_km", 1.0);
            if border {
                net.border(5.0, 10.0)
            } else {
                net
            }
        };
        let text = Net::new("line")
            .node("o", "CN", 40.0, 60.0)
            .node("b", "AZ", 40.0, 61.0)
            .node("g", "GE", 40.0, 62.0)
            .node("t", "TR", 40.0, 63.0)
            .node("m", "AM", 39.0, 61.5)
            .node("n", "AZ", 39.0, 62.5);
        let text = rail(text, "o-b", "o", "b", true);
        let text = rail(text, "b-g", "b", "g", true);
        let text = rail(text, "g-t", "g", "t", true);
        let text = rail(text, "b-m", "b", "m", true);
        let text = rail(text, "m-n", "m", "n", true);
        let text = rail(text, "n-t", "n", "t", true).build();
        let net = parse(&[SourceFile {
            name: "line.toml".into(),
            text,
        }])
        .unwrap();
        let via = |cc: &str| crate::network::Family {
            id: format!("via-{cc}"),
            name: format!("Via {cc}"),
            via_tags: vec![],
            via_countries: vec![cc.into()],
            avoid_tags: vec![],
            avoid_countries: vec![],
            colour: Default::default(),
            origin: Default::default(),
        };
        let family = via("GE");
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let at = |id: &str| net.node_index(id).unwrap();
        match r
            .route_family(at("o"), at("b"), Objective::Time, &c, &family)
            .unwrap()
        {
            Outcome::NoRoute(n) => assert_eq!(
                n.reason,
                "not a route of this family for this pair: it would leave Azerbaijan and come back"
            ),
            Outcome::Found(route) => panic!("a detour shown as the family's: {:?}", route.nodes),
        }
        let mut many = via("GE");
        many.via_tags = (0..9).map(|i| format!("t{i}")).collect();
        assert!(r
            .route_family(at("o"), at("t"), Objective::Time, &c, &many)
            .unwrap_err()
            .to_string()
            .contains("at most 8"));
        let through = found(
            r.route_family(at("o"), at("t"), Objective::Time, &c, &family)
                .unwrap(),
        );
        assert_eq!(through.nodes, ["o", "b", "g", "t"]);
        let exclave = found(
            r.route_family(at("o"), at("t"), Objective::Time, &c, &via("AM"))
                .unwrap(),
        );
        assert_eq!(exclave.countries, ["CN", "AZ", "AM", "AZ", "TR"]);
        // Without the family the pair has its plain route.
        assert_eq!(
            found(r.route(at("o"), at("b"), Objective::Time, &c).unwrap()).nodes,
            ["o", "b"]
        );
    }
}
