//! Why there is no route: the constraints relaxed one at a time (the modes, the avoided places,
//! the year, the scenario's closures), each time asking only whether the destination becomes
//! reachable, and the reason put into words; with the first year a route opens in.

use crate::routing::constraints::{Constraints, Gate, Relax};
use crate::routing::Router;

impl Router<'_> {
    /// Whether any path of states leads from `from` to `to` under a gate.
    fn reachable(&self, from: usize, to: usize, gate: &Gate<'_>) -> bool {
        self.compact
            .reachable(self.compact.start(from), self.compact.end(to), |m| {
                gate.move_open(m)
            })
    }

    /// The first year after `c.year` in which `exists` says a route exists: the opening years of
    /// the network's links, tried in order.
    pub(crate) fn first_open_year(
        &self,
        c: &Constraints,
        exists: impl Fn(&Constraints) -> bool,
    ) -> Option<i32> {
        let later = self.facts.opening_years.partition_point(|&y| y <= c.year);
        self.facts.opening_years[later..]
            .iter()
            .copied()
            .find(|&y| {
                exists(&Constraints {
                    year: y,
                    ..c.clone()
                })
            })
    }

    /// Relaxes one constraint at a time to say what cut every route.
    pub(crate) fn explain(&self, from: usize, to: usize, c: &Constraints) -> String {
        self.explain_by(c, &mut |relax, year| {
            let later;
            let c = if year == c.year {
                c
            } else {
                later = Constraints { year, ..c.clone() };
                &later
            };
            self.reachable(from, to, &self.facts.gate(c, relax))
        })
    }

    /// [`Router::explain`] with the question answered by `reaches(relax, year)`: whether the
    /// destination can be reached under the query's constraints in `year`, less those `relax`
    /// ignores (a skim answers it for every destination of an origin at once).
    pub(crate) fn explain_by(
        &self,
        c: &Constraints,
        reaches: &mut dyn FnMut(Relax, i32) -> bool,
    ) -> String {
        let year = c.year;
        if !reaches(Relax::ALL, year) {
            return "the network does not connect them at all".into();
        }
        let mut causes = Vec::new();
        if c.restricts_modes()
            && reaches(
                Relax {
                    modes: true,
                    ..Relax::NONE
                },
                year,
            )
        {
            let modes: Vec<&str> = c.modes.iter().map(|m| m.as_str()).collect();
            causes.push(format!(
                "no route uses only {} (try more --modes)",
                modes.join(", ")
            ));
        }
        // (Relaxing a constraint that restricts nothing cannot find a route: no search.)
        let avoids = !(c.avoid_countries.is_empty() && c.avoid_nodes.is_empty());
        if avoids
            && reaches(
                Relax {
                    avoid: true,
                    ..Relax::NONE
                },
                year,
            )
        {
            causes.push(self.avoid_words(c));
        }
        if reaches(
            Relax {
                year: true,
                ..Relax::NONE
            },
            year,
        ) {
            let later = self.facts.opening_years.partition_point(|&y| y <= c.year);
            let first = self.facts.opening_years[later..]
                .iter()
                .copied()
                .find(|&y| reaches(Relax::NONE, y));
            causes.push(match first {
                Some(y) => format!(
                    "every route needs a link not yet open in {} (the first route opens in {y}; try --year {y})",
                    c.year
                ),
                None => format!("every route needs a link not yet open in {}", c.year),
            });
        }
        if self.facts.any_closed
            && reaches(
                Relax {
                    closures: true,
                    ..Relax::NONE
                },
                year,
            )
        {
            causes.push("the scenario's closed links or nodes cut every route".into());
        }
        if causes.is_empty() {
            format!(
                "the constraints together cut every route ({}; year {}; scenario closures)",
                self.avoid_words(c),
                c.year
            )
        } else {
            causes.join("; ")
        }
    }

    /// The avoided countries and nodes, as "avoiding … cuts every route" ("nothing avoided"
    /// when none are).
    pub(crate) fn avoid_words(&self, c: &Constraints) -> String {
        let mut items: Vec<String> = c.avoid_countries.iter().cloned().collect();
        items.extend(c.avoid_nodes.iter().map(|&i| self.net.nodes[i].id.clone()));
        if items.is_empty() {
            "nothing avoided".into()
        } else {
            format!("avoiding {} cuts every route", items.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::routing::fixture::{found, net};
    use crate::routing::{Constraints, Objective, Outcome, Router};

    #[test]
    fn no_gauge_change_without_facility_and_avoid_explains() {
        let mut net = net();
        net.nodes[1]
            .transfers
            .retain(|t| t.kind != crate::network::TransferKind::Gauge);
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let cheap = found(r.route(0, 3, Objective::Cost, &c).unwrap());
        assert_eq!(
            cheap.nodes,
            ["a", "q"],
            "without the gauge facility only road remains"
        );
        let mut c2 = c.clone();
        c2.avoid_countries.insert("AZ".into());
        match r.route(0, 2, Objective::Cost, &c2).unwrap() {
            Outcome::NoRoute(n) => assert!(n.reason.contains("avoiding AZ"), "{}", n.reason),
            Outcome::Found(r) => panic!("unexpected {r:?}"),
        }
    }
}
