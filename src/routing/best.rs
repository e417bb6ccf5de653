//! The best route of a query, [`Router::route`]: the ends checked, one search under the query's
//! gate, and when it finds nothing, the reason (`explain.rs`).

use crate::error::{Error, Result};
use crate::routing::constraints::{Constraints, Gate, Relax};
use crate::routing::metrics::Objective;
use crate::routing::route::{NoRoute, Outcome};
use crate::routing::Router;

impl Router<'_> {
    /// Finds the best route from node `from` to node `to` (indices) under the constraints.
    pub fn route(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
    ) -> Result<Outcome> {
        let net = self.net;
        self.check_query(from, to, c)?;
        let (a, b) = (&net.nodes[from], &net.nodes[to]);
        if from == to {
            return Err(Error::InvalidArgument(format!(
                "origin and destination are the same node `{}`",
                a.id
            )));
        }
        let no_route = |reason: String| {
            Ok(Outcome::NoRoute(NoRoute {
                from: a.id.clone(),
                to: b.id.clone(),
                reason,
            }))
        };
        if let Some(why) = self.refused(from, c).or_else(|| self.refused(to, c)) {
            return no_route(why);
        }
        let gate = self.facts.gate(c, Relax::NONE);
        match self.search(from, to, objective, c.value_of_time, &gate) {
            Some(arcs) => Ok(Outcome::Found(
                self.build_route(from, to, objective, c, &arcs),
            )),
            None => no_route(self.explain(from, to, c)),
        }
    }

    /// Why the query refuses node `i` as an end (it lies in an avoided country, is avoided
    /// itself, or is closed by the scenario), or `None`.
    pub(crate) fn refused(&self, i: usize, c: &Constraints) -> Option<String> {
        let n = &self.net.nodes[i];
        if c.avoid_countries.contains(n.country.as_str()) {
            Some(format!("{} lies in {}, which is avoided", n.id, n.country))
        } else if c.avoid_nodes.contains(&i) {
            Some(format!("{} itself is avoided", n.id))
        } else if n.closed {
            Some(format!("{} is closed by the scenario", n.id))
        } else {
            None
        }
    }

    /// The cheapest path of states under a gate, as indices of compact moves.
    fn search(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        vot: f64,
        gate: &Gate<'_>,
    ) -> Option<Vec<u32>> {
        self.compact.shortest(
            self.compact.start(from),
            self.compact.end(to),
            |m| gate.move_open(m),
            |_, m| m.weight(objective, vot),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::routing::fixture::{found, net};
    use crate::routing::{Constraints, Objective, Router};

    #[test]
    fn fastest_and_cheapest_differ_and_totals_are_step_sums() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let fast = found(r.route(0, 3, Objective::Time, &c).unwrap());
        // road: 15 + 40 = 55 h; rail+sea: 2+30+5+4+10+20+10+1 = 82 h.
        assert_eq!(fast.nodes, ["a", "q"]);
        assert!((fast.total.hours - 55.0).abs() < 1e-9);
        let cheap = found(r.route(0, 3, Objective::Cost, &c).unwrap());
        // rail+sea: 100+50+300+200+100+400 = 1150 USD; road 2100.
        assert_eq!(cheap.nodes, ["a", "g", "p", "q"]);
        assert!((cheap.total.usd - 1150.0).abs() < 1e-9);
        assert!((cheap.total.hours - 82.0).abs() < 1e-9);
        assert_eq!(cheap.countries, ["CN", "KZ", "AZ"]);
        let kinds: Vec<_> = cheap.steps.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["haul", "border", "transfer", "haul", "transfer", "wait", "haul", "border"]
        );
        let short = found(r.route(0, 3, Objective::Distance, &c).unwrap());
        assert!((short.total.km - 600.0).abs() < 1e-9);
    }

    #[test]
    fn per_direction_border_dwell_is_used() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let back = found(r.route(1, 0, Objective::Time, &c).unwrap());
        assert!(
            (back.total.hours - 9.0).abs() < 1e-9,
            "{}",
            back.total.hours
        );
    }
}
