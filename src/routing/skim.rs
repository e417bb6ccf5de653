//! Skims, [`Router::skim`]: the totals of the best route between every ordered pair of a set of
//! places, by each objective, with one search per origin and objective that stops once every
//! destination is settled ([`Router::totals_from`]).
//!
//! Each search is [`Router::route`]'s own (the same states, moves, gate and weights; the run of
//! the point-to-point search carried on past each destination), and each total is summed step by
//! step as a [`crate::routing::Route`]'s is, so every cell equals what `route` answers for that
//! pair, to the last bit. An origin or destination the query refuses (avoided, or closed by the
//! scenario) gets `route`'s reason; a pair no route joins gets `route`'s explanation, found once
//! per pair whatever the objectives. A place's distance to itself is zero (unless the query
//! refuses the place). Origins are searched on several threads when the work pays for it; the
//! answer does not depend on how many.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::routing::constraints::{Constraints, Gate, Relax};
use crate::routing::metrics::{Metrics, Objective};
use crate::routing::route::NoRoute;
use crate::routing::search::Workspace;
use crate::routing::Router;

/// What a skim finds for one ordered pair and objective: the totals of the best route (all zero
/// from a place to itself), or why there is none.
pub type Reach = std::result::Result<Metrics, NoRoute>;

/// Below this many states searched in all (origins × objectives × states), a skim runs on one
/// thread: starting the others costs more than it saves.
const PARALLEL_WORK: usize = 200_000;

impl Router<'_> {
    /// The totals of the best route by `objective` from node `from` to each node of `to`
    /// (indices, in any order, repeats allowed), in one search: the answer per destination, in
    /// `to`'s order, each equal to [`Router::route`]'s for that pair.
    pub fn totals_from(
        &self,
        from: usize,
        to: &[usize],
        objective: Objective,
        c: &Constraints,
    ) -> Result<Vec<Reach>> {
        self.check_places(std::iter::once(from).chain(to.iter().copied()), c)?;
        let pass = Pass {
            router: self,
            objectives: &[objective],
            c,
            gate: self.facts.gate(c, Relax::NONE),
            progress: &Progress::default(),
        };
        let mut ws = self.compact.take_workspace();
        let out = pass.origin(from, to, &mut ws).remove(0);
        self.compact.put_workspace(ws);
        Ok(out)
    }

    /// Every ordered pair of `places` (node indices, each once) by each objective, as one vector
    /// per objective holding the rows one after another: the answer from `places[i]` to
    /// `places[j]` by `objectives[k]` is `out[k][i * places.len() + j]`. One search per origin
    /// and objective; origins on several threads when the network and the places are large
    /// enough for it to pay. `progress` counts the searches (places × objectives).
    pub fn skim(
        &self,
        places: &[usize],
        objectives: &[Objective],
        c: &Constraints,
        progress: &Progress,
    ) -> Result<Vec<Vec<Reach>>> {
        self.check_places(places.iter().copied(), c)?;
        if let Some((i, &p)) = places
            .iter()
            .enumerate()
            .find(|(i, p)| places[..*i].contains(p))
        {
            return Err(Error::InvalidArgument(format!(
                "place {} (`{}`) is given twice",
                i + 1,
                self.net.nodes[p].id
            )));
        }
        let work = places.len() * objectives.len() * self.compact.states();
        progress.reserve((places.len() * objectives.len()) as u64);
        let pass = Pass {
            router: self,
            objectives,
            c,
            gate: self.facts.gate(c, Relax::NONE),
            progress,
        };
        Ok(pass.all(places, work >= PARALLEL_WORK))
    }

    /// Node indices in range and constraints valid (as [`Router::route`] checks them).
    fn check_places(&self, places: impl Iterator<Item = usize>, c: &Constraints) -> Result<()> {
        for p in places {
            self.check_query(p, p, c)?;
        }
        Ok(())
    }
}

/// One skim's searches: the router, the objectives, the query's constraints and gate, and the
/// count of searches done.
struct Pass<'r, 'q> {
    router: &'r Router<'r>,
    objectives: &'q [Objective],
    c: &'q Constraints,
    gate: Gate<'q>,
    progress: &'q Progress,
}

impl Pass<'_, '_> {
    /// Every origin of `places` to every place, on one thread or several: per objective, the
    /// rows one after another.
    fn all(&self, places: &[usize], parallel: bool) -> Vec<Vec<Reach>> {
        let r = self.router;
        let rows: Vec<Vec<Vec<Reach>>> = if !parallel {
            let mut ws = r.compact.take_workspace();
            let rows = places
                .iter()
                .map(|&a| self.origin(a, places, &mut ws))
                .collect();
            r.compact.put_workspace(ws);
            rows
        } else {
            places
                .par_iter()
                .map_init(Workspace::default, |ws, &a| self.origin(a, places, ws))
                .collect()
        };
        let mut out: Vec<Vec<Reach>> = self
            .objectives
            .iter()
            .map(|_| Vec::with_capacity(places.len() * places.len()))
            .collect();
        for row in rows {
            for (k, cells) in row.into_iter().enumerate() {
                out[k].extend(cells);
            }
        }
        out
    }

    /// From one origin to each of `to`, by each objective: `out[k][j]`.
    fn origin(&self, from: usize, to: &[usize], ws: &mut Workspace) -> Vec<Vec<Reach>> {
        let (r, c) = (self.router, self.c);
        let net = r.net;
        let no_route = |j: usize, reason: String| NoRoute {
            from: net.nodes[from].id.clone(),
            to: net.nodes[j].id.clone(),
            reason,
        };
        let origin_refused = r.refused(from, c);
        // The destinations searched for: those neither refused nor the origin (a refused one
        // cannot be settled, and the search would run through the whole graph looking for it).
        let mut goals: Vec<u32> = to
            .iter()
            .filter(|&&j| j != from && origin_refused.is_none() && r.refused(j, c).is_none())
            .map(|&j| r.compact.end(j))
            .collect();
        goals.sort_unstable();
        goals.dedup();
        let mut why = Explained::default();
        let mut out = Vec::with_capacity(self.objectives.len());
        for &o in self.objectives {
            let paths = if goals.is_empty() {
                Vec::new()
            } else {
                r.compact.shortest_to_each(
                    ws,
                    r.compact.start(from),
                    &goals,
                    |m| self.gate.move_open(m),
                    |_, m| m.weight(o, c.value_of_time),
                )
            };
            let cells =
                to.iter().map(
                    |&j| match origin_refused.clone().or_else(|| r.refused(j, c)) {
                        Some(reason) => Err(no_route(j, reason)),
                        None if j == from => Ok(Metrics::default()),
                        None => {
                            let g = r.compact.end(j);
                            let k = goals
                                .binary_search(&g)
                                .expect("every destination is a goal");
                            match &paths[k] {
                                Some(path) => Ok(r.path_total(path)),
                                None => Err(no_route(j, why.explain(r, from, j, c))),
                            }
                        }
                    },
                );
            out.push(cells.collect());
            self.progress.advance(1);
        }
        out
    }
}

/// Why destinations of one origin cannot be reached: the reasons found so far, and the states
/// reachable under each relaxed gate and year asked so far (one plain search answers the
/// question for every destination, where [`Router::explain`] searches again for each).
#[derive(Default)]
struct Explained {
    reasons: Vec<(usize, String)>,
    reached: Vec<(Relax, i32, Vec<bool>)>,
}

impl Explained {
    /// Why no route leads from `from` to `to`: [`Router::explain`]'s words, the same whatever
    /// the objective.
    fn explain(&mut self, r: &Router<'_>, from: usize, to: usize, c: &Constraints) -> String {
        if let Some((_, why)) = self.reasons.iter().find(|(j, _)| *j == to) {
            return why.clone();
        }
        let reached = &mut self.reached;
        let goal = r.compact.end(to) as usize;
        let why = r.explain_by(c, &mut |relax, year| {
            if let Some((.., set)) = reached.iter().find(|(x, y, _)| *x == relax && *y == year) {
                return set[goal];
            }
            let later = Constraints { year, ..c.clone() };
            let gate = r.facts.gate(&later, relax);
            let set = r
                .compact
                .reach_all(r.compact.start(from), |m| gate.move_open(m));
            let found = set[goal];
            reached.push((relax, year, set));
            found
        });
        self.reasons.push((to, why.clone()));
        why
    }
}

#[cfg(test)]
mod tests {
    use crate::progress::Progress;
    use crate::routing::{Constraints, Objective, Router};

    /// On several threads or one, the same cells in the same order.
    #[test]
    fn threads_do_not_change_the_answer() {
        let net = crate::load::embedded().unwrap();
        let r = Router::new(&net).unwrap();
        let mut c = Constraints::defaults(&net);
        c.avoid_countries.insert("RU".into());
        let places: Vec<usize> = (0..net.nodes.len()).step_by(7).collect();
        let pass = |progress| super::Pass {
            router: &r,
            objectives: &Objective::ALL,
            c: &c,
            gate: r.facts.gate(&c, super::Relax::NONE),
            progress,
        };
        let (p1, p2) = (Progress::counting(), Progress::counting());
        let one = pass(&p1).all(&places, false);
        let many = pass(&p2).all(&places, true);
        assert_eq!(p1.done(), (places.len() * Objective::ALL.len()) as u64);
        assert_eq!(p2.done(), p1.done());
        assert_eq!(one, many);
        assert!(one[1].iter().any(|x| x.is_err()) && one[1].iter().any(|x| x.is_ok()));
    }

    /// One origin to a list with repeats and itself: in the list's order, each what `route`
    /// answers, zero to itself.
    #[test]
    fn totals_from_one_origin_follow_the_list() {
        use crate::routing::Outcome;
        let net = crate::load::embedded().unwrap();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let id = |s: &str| net.find(s).unwrap();
        let (a, b, m) = (id("xian"), id("duisburg"), id("meghri"));
        let got = r
            .totals_from(a, &[b, a, m, b], Objective::Cost, &c)
            .unwrap();
        let Outcome::Found(route) = r.route(a, b, Objective::Cost, &c).unwrap() else {
            panic!("xian to duisburg routes")
        };
        assert_eq!(got[0], Ok(route.total));
        assert_eq!(got[1], Ok(Default::default()));
        assert!(got[2].as_ref().is_err_and(|n| n.reason.contains("2028")));
        assert_eq!(got[3], got[0]);
        assert!(r
            .totals_from(a, &[net.nodes.len()], Objective::Cost, &c)
            .is_err());
    }
}
