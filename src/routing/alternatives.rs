//! Genuinely different routes, [`Router::alternatives`]: the search rerun with penalties on the
//! links already used, each candidate kept only when it overlaps every better route by at most a
//! given share of its km.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::network::Network;
use crate::routing::budget::{check_alternatives, Deadline};
use crate::routing::constraints::{Constraints, Relax};
use crate::routing::graph::Move;
use crate::routing::metrics::{Lex, Metrics, Objective};
use crate::routing::route::{Outcome, Route, StepKind};
use crate::routing::Router;

impl Router<'_> {
    /// Up to `k` genuinely different routes in order of the objective, each sharing at most
    /// `max_overlap` of its km with every better one; the first is the optimum.
    ///
    /// Method: iterative penalties with an overlap filter. After each search, the links of the
    /// route found get their weight multiplied by 1 + `PENALTY`, and the search runs again; a
    /// candidate joins the answer only when its overlap (km on links it shares with a route
    /// already taken, over its own km) is at most `max_overlap` against each of them. Penalties
    /// steer the search away from what was found, so it finds different corridors rather than
    /// the near-copies (one junction swapped) that k-shortest paths (Yen) lists first; the filter
    /// makes the dissimilarity a guarantee. Reported totals are the routes' real metrics, not the
    /// penalised weights. It stops after `k` routes or `8 k` penalised searches, whichever comes first.
    ///
    /// `k` is 1 to [`crate::routing::MAX_ALTERNATIVES`]; the searches together take at most the
    /// router's [`crate::routing::Budget`] of time, or the answer is an error naming the limit.
    pub fn alternatives(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
        k: usize,
        max_overlap: f64,
    ) -> Result<Vec<Route>> {
        const PENALTY: f64 = 0.5;
        check_alternatives(k)?;
        let deadline = Deadline::after(self.budget.time);
        if !(max_overlap.is_finite() && (0.0..=1.0).contains(&max_overlap)) {
            return Err(Error::InvalidArgument(format!(
                "the overlap {max_overlap} must be a fraction in 0…1"
            )));
        }
        let first = match self.route(from, to, objective, c)? {
            Outcome::Found(r) => r,
            Outcome::NoRoute(_) => return Ok(Vec::new()),
        };
        let gate = self.facts.gate(c, Relax::NONE);
        let mut uses = vec![0u32; self.net.links.len()];
        let mut taken: Vec<Route> = Vec::new();
        let consider = |r: Route, taken: &mut Vec<Route>, uses: &mut Vec<u32>| {
            let links = route_links(self.net, &r);
            for &l in links.keys() {
                uses[l] += 1;
            }
            let own: f64 = links.values().sum();
            let ok = taken.iter().all(|t| {
                let other = route_links(self.net, t);
                let shared: f64 = links
                    .iter()
                    .filter(|(l, _)| other.contains_key(l))
                    .map(|(_, km)| km)
                    .sum();
                own <= 0.0 || shared / own <= max_overlap + 1e-12
            });
            if ok && !taken.iter().any(|t| t.signature() == r.signature()) {
                taken.push(r);
            }
        };
        consider(first, &mut taken, &mut uses);
        let vot = c.value_of_time;
        for _ in 0..8 * k {
            if taken.len() >= k {
                break;
            }
            if deadline.passed_now() {
                return Err(Error::InvalidArgument(format!(
                    "the search for {k} alternatives stopped at its time limit of {} ({} found): \
                     ask for fewer, or narrow the query with --modes or --avoid",
                    deadline.words(),
                    taken.len()
                )));
            }
            let weight = |m: &Move, w: &Metrics| {
                let Lex(a, b) = w.weight(objective, vot);
                let f = match *m {
                    Move::Haul { link, .. } => (1.0 + PENALTY).powi(uses[link] as i32),
                    _ => 1.0,
                };
                Lex(a * f, b * f)
            };
            let Some(arcs) = self.compact.shortest(
                self.compact.start(from),
                self.compact.end(to),
                |m| gate.move_open(m),
                weight,
            ) else {
                break;
            };
            let r = self.build_route(from, to, objective, c, &arcs);
            consider(r, &mut taken, &mut uses);
        }
        taken.sort_by(|a, b| {
            let (x, y) = (a.total.value(objective, vot), b.total.value(objective, vot));
            x.total_cmp(&y)
        });
        for (i, r) in taken.iter_mut().enumerate() {
            r.alternative = Some(i + 1);
        }
        Ok(taken)
    }
}

/// The links a route travels, with their km.
fn route_links(net: &Network, r: &Route) -> BTreeMap<usize, f64> {
    r.steps
        .iter()
        .filter(|s| s.kind == StepKind::Haul)
        .filter_map(|s| s.link.as_deref())
        .filter_map(|id| net.links.iter().position(|l| l.id == id))
        .map(|i| (i, net.links[i].km))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::routing::fixture::{found, net};
    use crate::routing::{Constraints, Objective, Router};
    use crate::text::Text;

    #[test]
    fn alternatives_find_the_known_second_best_and_respect_the_overlap() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        // a → q: the road (55 h) is the optimum; the rail-and-sea route (82 h) shares no link.
        let alts = r.alternatives(0, 3, Objective::Time, &c, 3, 0.5).unwrap();
        let nodes: Vec<Vec<Text>> = alts.iter().map(|a| a.nodes.clone()).collect();
        assert_eq!(nodes, [vec!["a", "q"], vec!["a", "g", "p", "q"]]);
        assert_eq!(alts[0], {
            let mut o = found(r.route(0, 3, Objective::Time, &c).unwrap());
            o.alternative = Some(1);
            o
        });
        assert!(
            (alts[1].total.hours - 82.0).abs() < 1e-9,
            "real totals, not penalised"
        );
        assert!(r.alternatives(0, 3, Objective::Time, &c, 3, 1.5).is_err());
        assert!(
            r.alternatives(0, 3, Objective::Time, &c, 1, 0.5)
                .unwrap()
                .len()
                == 1
        );
    }

    #[test]
    fn the_number_of_alternatives_is_bounded_and_so_is_their_time() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        for k in [0, crate::routing::MAX_ALTERNATIVES + 1, usize::MAX] {
            let e = r
                .alternatives(0, 3, Objective::Time, &c, k, 0.5)
                .unwrap_err();
            assert!(e.to_string().contains("1 to 20"), "{k}: {e}");
        }
        let r = r.with_budget(crate::routing::Budget {
            time: std::time::Duration::ZERO,
            ..Default::default()
        });
        let e = r
            .alternatives(0, 3, Objective::Time, &c, 3, 0.5)
            .unwrap_err();
        assert!(e.to_string().contains("time limit of 0 ms"), "{e}");
    }
}
