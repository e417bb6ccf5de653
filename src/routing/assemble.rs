//! A path found by the search, put together as a [`Route`]: the steps copied from each move's
//! words, the nodes passed, the countries entered (not those the cargo passes aboard a ship), the
//! corridor tags travelled and the totals.

use crate::network::Mode;
use crate::routing::constraints::Constraints;
use crate::routing::graph::Move;
use crate::routing::metrics::{Metrics, Objective};
use crate::routing::route::Route;
use crate::routing::Router;
use crate::text::Text;

impl Router<'_> {
    /// Puts the words on a path found by the search: the steps are copies of each move's, made
    /// the first time a route used the move (shared text, no formatting after that).
    pub(crate) fn build_route(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
        moves: &[u32],
    ) -> Route {
        let net = self.net;
        let w = &self.words;
        let mut steps = Vec::with_capacity(moves.len() * 2);
        let mut nodes = vec![w.node(net, from)];
        // Countries in order: each haul contributes its transit countries and its end node's
        // country, unless the cargo stays on board there (arrives and leaves by sea, as at a
        // port of call or a strait); decided once the next haul's mode is known.
        let mut countries = vec![w.country(net, from)];
        let mut pending: Option<(Text, bool)> = None;
        let mut corridors: Vec<Text> = Vec::new();
        for &i in moves {
            steps.extend(w.steps(net, &self.compact, i as usize).iter().cloned());
            if let Move::Haul { link, dir, .. } =
                self.compact.decode(self.compact.arcs[i as usize].what)
            {
                let l = &net.links[link];
                let t = l.ends(dir).1;
                if let Some((cc, by_sea)) = pending.take() {
                    if !(by_sea && l.mode == Mode::Sea) {
                        countries.push(cc);
                    }
                }
                countries.extend(l.transit_countries.iter().map(|c| w.tag(c)));
                pending = Some((w.country(net, t), l.mode == Mode::Sea));
                nodes.push(w.node(net, t));
                for tag in &l.corridors {
                    if !corridors.iter().any(|c| c == tag.as_str()) {
                        corridors.push(w.tag(tag));
                    }
                }
            }
        }
        countries.extend(pending.map(|(cc, _)| cc));
        countries.dedup();
        let total = steps.iter().fold(Metrics::default(), |m, s| m + s.metrics);
        Route {
            from: net.nodes[from].id.clone(),
            to: net.nodes[to].id.clone(),
            objective,
            year: c.year,
            scenario: net.scenario.clone().unwrap_or_else(|| "baseline".into()),
            modes: c
                .restricts_modes()
                .then(|| c.modes.iter().copied().collect()),
            family: None,
            alternative: None,
            value_of_time: c.value_of_time,
            total,
            nodes,
            countries,
            corridors,
            steps,
        }
    }

    /// The totals of a path found by the search, summed step by step in the order
    /// [`Router::build_route`] sums them (so they are its route's totals to the last bit), without
    /// copying a step.
    pub(crate) fn path_total(&self, moves: &[u32]) -> Metrics {
        let mut total = Metrics::default();
        for &i in moves {
            for s in self.words.steps(self.net, &self.compact, i as usize).iter() {
                total = total + s.metrics;
            }
        }
        total
    }
}
