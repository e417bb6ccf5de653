//! The search graph as plain arrays ([`Router::plain_graph`]), for another shortest-path tool to
//! search: its states by number, each place's start and end state, and every move a query's
//! constraints leave open, with its km, hours, USD and kg CO2e. A path of these moves from a
//! place's start state to another's end state is a route the router could find under those
//! constraints, and costs what that route costs (up to the order its steps are summed in); the
//! skim benchmark hands it to networkx.

use crate::routing::constraints::{Constraints, Relax};
use crate::routing::metrics::Metrics;
use crate::routing::Router;

/// The search graph under one query's constraints, as plain arrays.
#[derive(Debug, Clone, PartialEq)]
pub struct PlainGraph {
    /// The number of states (numbered from 0).
    pub states: usize,
    /// Per node of the network (by index), the state a route from it starts in.
    pub start: Vec<u32>,
    /// Per node of the network, the state a route to it ends in.
    pub end: Vec<u32>,
    /// Every open move: the state it leaves, the state it reaches, and what it costs.
    pub moves: Vec<PlainMove>,
}

/// One move of a [`PlainGraph`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlainMove {
    /// The state it leaves.
    pub tail: u32,
    /// The state it reaches.
    pub head: u32,
    /// Its km, hours, USD and kg CO2e (unrounded).
    pub metrics: Metrics,
}

impl Router<'_> {
    /// The search graph with the moves the constraints close left out (the year, modes, avoided
    /// places and the scenario's closures applied, as [`Router::route`] applies them).
    pub fn plain_graph(&self, c: &Constraints) -> crate::error::Result<PlainGraph> {
        self.check_query(0, 0, c)?;
        let gate = self.facts.gate(c, Relax::NONE);
        let g = &*self.compact;
        let nodes = 0..self.net.nodes.len();
        Ok(PlainGraph {
            states: g.states(),
            start: nodes.clone().map(|i| g.start(i)).collect(),
            end: nodes.map(|i| g.end(i)).collect(),
            moves: (0..g.states())
                .flat_map(|s| g.out(s).map(move |i| (s as u32, g.arcs[i as usize])))
                .filter(|(_, a)| gate.move_open(&g.decode(a.what)))
                .map(|(tail, a)| PlainMove {
                    tail,
                    head: a.head,
                    metrics: g.metrics(a.what),
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    use crate::routing::{Constraints, Objective, Outcome, Router};

    /// A textbook Dijkstra over the plain graph, by one objective's value alone.
    fn dijkstra(g: &super::PlainGraph, from: u32, to: u32, o: Objective, vot: f64) -> Option<f64> {
        let mut out: Vec<Vec<(u32, f64)>> = vec![Vec::new(); g.states];
        for m in &g.moves {
            out[m.tail as usize].push((m.head, m.metrics.value(o, vot)));
        }
        let mut dist = vec![f64::INFINITY; g.states];
        let mut heap = BinaryHeap::new();
        dist[from as usize] = 0.0;
        heap.push(Reverse((0u64, from)));
        while let Some(Reverse((bits, u))) = heap.pop() {
            let d = f64::from_bits(bits);
            if d > dist[u as usize] {
                continue;
            }
            if u == to {
                return Some(d);
            }
            for &(v, w) in &out[u as usize] {
                if d + w < dist[v as usize] {
                    dist[v as usize] = d + w;
                    heap.push(Reverse(((d + w).to_bits(), v)));
                }
            }
        }
        None
    }

    /// Searched by another implementation, the plain graph under a query's constraints gives
    /// every pair the router's optimum, and no route where the router finds none.
    #[test]
    fn another_search_on_the_plain_graph_finds_the_routers_optima() {
        let net = crate::load::embedded().unwrap();
        let r = Router::new(&net).unwrap();
        let mut c = Constraints::defaults(&net);
        c.avoid_countries.insert("RU".into());
        c.modes.remove(&crate::network::Mode::Road);
        let g = r.plain_graph(&c).unwrap();
        assert!(g.moves.len() < r.compact.moves());
        let places: Vec<usize> = ["xian", "aktau", "meghri", "kars", "duisburg", "shanghai"]
            .iter()
            .map(|p| net.find(p).unwrap())
            .collect();
        for &a in &places {
            for &b in places.iter().filter(|&&b| b != a) {
                for o in Objective::ALL {
                    let vot = c.value_of_time;
                    let theirs = dijkstra(&g, g.start[a], g.end[b], o, vot);
                    match (r.route(a, b, o, &c).unwrap(), theirs) {
                        (Outcome::Found(route), Some(v)) => {
                            let ours = route.total.value(o, vot);
                            assert!((ours - v).abs() <= 1e-9 * ours.max(1.0), "{a}->{b} {o}");
                        }
                        (Outcome::NoRoute(_), None) => {}
                        (ours, theirs) => panic!("{a}->{b} {o}: {ours:?} vs {theirs:?}"),
                    }
                }
            }
        }
    }
}
