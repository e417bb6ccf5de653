//! The search graph: states (place, mode, gauge) and the arcs between them, derived once from a
//! [`Network`].
//!
//! A container at Dostyk on a 1520 mm wagon is a different state from the same container at Dostyk
//! on a 1435 mm wagon (the "virtual network" of multimodal freight models such as NODUS). Arcs are
//! line hauls along links (carrying their wait and border dwell for the direction of travel) and
//! transfers at places that have the facility. Each place also gets a virtual *start* state with
//! free arcs into its states and a virtual *end* state reached freely from them, so that a route may
//! begin in any mode the origin offers and end in any mode the destination offers; no route can
//! pass through either, as starts have no incoming and ends no outgoing arcs.
//!
//! Query constraints (the year, avoided countries and nodes, scenario closures) are not baked in:
//! the solver filters arcs at query time, so one graph serves every query on its network.

use std::collections::BTreeSet;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::network::{Dir, Gauge, Mode, Network, TransferKind};

/// The (mode, gauge) part of a state.
type Key = (Mode, Option<Gauge>);

/// A search state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// At a place, on a mode (and gauge, for rail).
    At {
        /// Node index in the network.
        node: usize,
        /// Mode.
        mode: Mode,
        /// Gauge for rail.
        gauge: Option<Gauge>,
    },
    /// Virtual origin of a place.
    Start(usize),
    /// Virtual destination of a place.
    End(usize),
}

/// What an arc does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arc {
    /// Travel along a link in a direction: wait, line haul, border.
    Haul {
        /// Link index.
        link: usize,
        /// Direction.
        dir: Dir,
    },
    /// Change mode or gauge at a node.
    Transfer {
        /// Node index.
        node: usize,
        /// The facility used.
        kind: TransferKind,
    },
    /// Leave a virtual start.
    Begin,
    /// Enter a virtual end.
    Finish,
}

/// The search graph of one network.
#[derive(Debug, Clone)]
pub struct SearchGraph {
    /// States and arcs.
    pub graph: DiGraph<State, Arc>,
    /// Per network node: its virtual start state.
    pub start: Vec<NodeIndex>,
    /// Per network node: its virtual end state.
    pub end: Vec<NodeIndex>,
}

impl SearchGraph {
    /// Builds the search graph of a network. Closed links and nodes are included: closures are
    /// filters at query time.
    pub fn build(net: &Network) -> SearchGraph {
        // The (mode, gauge) states each place needs: those of its links' ends.
        let mut states: Vec<BTreeSet<Key>> = vec![BTreeSet::new(); net.nodes.len()];
        for l in &net.links {
            states[l.from].insert((l.mode, l.gauge));
            states[l.to].insert((l.mode, l.gauge));
        }
        let mut graph = DiGraph::new();
        let mut index: Vec<Vec<(Key, NodeIndex)>> = Vec::with_capacity(net.nodes.len());
        let mut start = Vec::with_capacity(net.nodes.len());
        let mut end = Vec::with_capacity(net.nodes.len());
        for (i, set) in states.iter().enumerate() {
            let s = graph.add_node(State::Start(i));
            let e = graph.add_node(State::End(i));
            start.push(s);
            end.push(e);
            let mut here = Vec::new();
            for &(mode, gauge) in set {
                let v = graph.add_node(State::At {
                    node: i,
                    mode,
                    gauge,
                });
                graph.add_edge(s, v, Arc::Begin);
                graph.add_edge(v, e, Arc::Finish);
                here.push(((mode, gauge), v));
            }
            // Transfers between this place's states, where it has the facility.
            for &(a, va) in &here {
                for &(b, vb) in &here {
                    if va == vb {
                        continue;
                    }
                    if let Some(kind) = TransferKind::between(a, b) {
                        if net.nodes[i].transfer(kind).is_some() {
                            graph.add_edge(va, vb, Arc::Transfer { node: i, kind });
                        }
                    }
                }
            }
            index.push(here);
        }
        let state = |node: usize, key: Key| {
            index[node]
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| *v)
                .expect("every link end has its state")
        };
        for (li, l) in net.links.iter().enumerate() {
            let key = (l.mode, l.gauge);
            let (a, b) = (state(l.from, key), state(l.to, key));
            graph.add_edge(
                a,
                b,
                Arc::Haul {
                    link: li,
                    dir: Dir::Forward,
                },
            );
            if !l.oneway {
                graph.add_edge(
                    b,
                    a,
                    Arc::Haul {
                        link: li,
                        dir: Dir::Reverse,
                    },
                );
            }
        }
        SearchGraph { graph, start, end }
    }
}
