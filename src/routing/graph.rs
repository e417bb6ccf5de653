//! The search graph: states (place, mode, gauge, service) and the moves between them, derived once
//! from a [`Network`].
//!
//! A container at Dostyk on a 1520 mm wagon is a different state from the same container at Dostyk
//! on a 1435 mm wagon (the "virtual network" of multimodal freight models such as NODUS); at sea, a
//! container aboard the Asia – North Europe loop at Port Said is a different state from one aboard
//! a Mediterranean feeder there. Each (place, mode, gauge, service) comes in two phases:
//!
//! - **arrived**: the load has just come in by a line haul (or starts here). From here it may
//!   finish, make *one* transfer at the place's facility, or carry on: by land through a free
//!   *stay* move to the departing phase, at sea by staying aboard the same service (paying the
//!   ship's port call, not a departure wait).
//! - **departing**: the load is ready to leave by a line haul, paying the wait for a departure.
//!   Transfers and the starts of sea journeys lead here.
//!
//! A land state from which its place offers no transfer has a single phase (arrived and
//! departing at once): no chain of transfers can start there, so splitting it would only add
//! states to the search.
//!
//! Transfers go from an arrived state to a departing one, so a load makes at most one transfer
//! between two hauls: a chain such as rail → sea → road at one port, which would act as a
//! rail–road terminal the port does not have, cannot happen, and rail → road → rail pays both of
//! its transfers with a road haul between them. A change of sea service is a transfer too (a
//! transhipment, where the port has that facility), so a load cannot change ships at a waypoint.
//!
//! Each place also gets a virtual *start* state with free moves into its states and a virtual
//! *end* state reached freely from its arrived states, so that a route may begin in any mode the
//! origin offers and end in any mode the destination offers; no route can pass through either, as
//! starts have no incoming and ends no outgoing moves.
//!
//! Query constraints (the year, modes, avoided countries and nodes, scenario closures) are not
//! baked in: the router filters moves at query time, so one graph serves every query.

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::network::{Dir, Gauge, Mode, Network, TransferKind};

/// Index of a service in [`SearchGraph::services`].
pub type ServiceId = u32;

/// The (mode, gauge, service) part of a state.
pub type Key = (Mode, Option<Gauge>, Option<ServiceId>);

/// A search state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// At a place, on a mode (and gauge, for rail; service, for sea).
    At {
        /// Node index in the network.
        node: usize,
        /// Mode.
        mode: Mode,
        /// Gauge for rail.
        gauge: Option<Gauge>,
        /// Service for sea.
        service: Option<ServiceId>,
        /// Just arrived (may transfer or finish) rather than departing (may only haul).
        arrived: bool,
    },
    /// Virtual origin of a place.
    Start(usize),
    /// Virtual destination of a place.
    End(usize),
}

/// What a move does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Move {
    /// Travel along a link in a direction: wait (or port call), line haul, border.
    Haul {
        /// Link index.
        link: usize,
        /// Direction.
        dir: Dir,
        /// The sea service sailed.
        service: Option<ServiceId>,
        /// Sea only: the load was already aboard this service (pays the port call, not the wait
        /// for a departure).
        aboard: bool,
    },
    /// Change mode, gauge or sea service at a node.
    Transfer {
        /// Node index.
        node: usize,
        /// The facility used.
        kind: TransferKind,
    },
    /// Carry on by land through a place without a transfer (arrived → departing).
    Stay,
    /// Leave a virtual start.
    Begin,
    /// Enter a virtual end.
    Finish,
}

/// A place's (arrived, departing) states for one key.
type Phases = (NodeIndex, NodeIndex);

/// The search graph of one network.
#[derive(Debug, Clone)]
pub struct SearchGraph {
    /// States and moves. A [`crate::routing::Router`] keeps only the states (to put routes into
    /// words): its searches run on a compact copy of the moves.
    pub graph: DiGraph<State, Move>,
    /// Per network node: its virtual start state.
    pub start: Vec<NodeIndex>,
    /// Per network node: its virtual end state.
    pub end: Vec<NodeIndex>,
    /// Service names, indexed by [`ServiceId`].
    pub services: Vec<String>,
}

impl SearchGraph {
    /// Builds the search graph of a network. Closed links and nodes are included: closures are
    /// filters at query time.
    pub fn build(net: &Network) -> SearchGraph {
        let mut services: Vec<String> = Vec::new();
        let mut service_ids: HashMap<String, ServiceId> = HashMap::new();
        // Per link: the keys of its haul moves (one per service at sea, one otherwise).
        let link_keys: Vec<Vec<Key>> = net
            .links
            .iter()
            .map(|l| {
                if l.mode != Mode::Sea {
                    return vec![(l.mode, l.gauge, None)];
                }
                l.service_names()
                    .into_iter()
                    .map(|name| {
                        let id = *service_ids.entry(name.to_string()).or_insert_with(|| {
                            services.push(name.to_string());
                            (services.len() - 1) as ServiceId
                        });
                        (Mode::Sea, None, Some(id))
                    })
                    .collect()
            })
            .collect();
        // The keys each place needs: those of its links' ends.
        let mut keys: Vec<BTreeSet<Key>> = vec![BTreeSet::new(); net.nodes.len()];
        for (l, ks) in net.links.iter().zip(&link_keys) {
            for &k in ks {
                keys[l.from].insert(k);
                keys[l.to].insert(k);
            }
        }
        let mut graph = DiGraph::new();
        // Per place: (key, arrived state, departing state).
        let mut index: Vec<Vec<(Key, NodeIndex, NodeIndex)>> = Vec::with_capacity(keys.len());
        let mut start = Vec::with_capacity(keys.len());
        let mut end = Vec::with_capacity(keys.len());
        for (i, set) in keys.iter().enumerate() {
            let s = graph.add_node(State::Start(i));
            let e = graph.add_node(State::End(i));
            start.push(s);
            end.push(e);
            let mut here = Vec::with_capacity(set.len());
            // A land state from which the place offers no transfer needs no separate arrived
            // phase: with nothing to transfer to, no chain of transfers can start there.
            let transfers_from = |a: Key| {
                set.iter().any(|&b| {
                    a != b
                        && TransferKind::between(a, b)
                            .is_some_and(|k| net.nodes[i].transfer(k).is_some())
                })
            };
            for &key @ (mode, gauge, service) in set {
                let at = |arrived| State::At {
                    node: i,
                    mode,
                    gauge,
                    service,
                    arrived,
                };
                let arr = graph.add_node(at(true));
                let dep = if mode == Mode::Sea || transfers_from(key) {
                    graph.add_node(at(false))
                } else {
                    arr
                };
                if mode == Mode::Sea {
                    // A sea journey starts by boarding: it pays the wait for a departure.
                    graph.add_edge(s, dep, Move::Begin);
                } else {
                    graph.add_edge(s, arr, Move::Begin);
                    if dep != arr {
                        graph.add_edge(arr, dep, Move::Stay);
                    }
                }
                graph.add_edge(arr, e, Move::Finish);
                here.push((key, arr, dep));
            }
            // Transfers between this place's states, where it has the facility.
            for &(a, arr, _) in &here {
                for &(b, _, dep) in &here {
                    if a == b {
                        continue;
                    }
                    if let Some(kind) = TransferKind::between(a, b) {
                        if net.nodes[i].transfer(kind).is_some() {
                            graph.add_edge(arr, dep, Move::Transfer { node: i, kind });
                        }
                    }
                }
            }
            index.push(here);
        }
        let state = |node: usize, key: Key| {
            index[node]
                .iter()
                .find(|(k, _, _)| *k == key)
                .map(|&(_, arr, dep)| (arr, dep))
                .expect("every link end has its state")
        };
        for (li, (l, ks)) in net.links.iter().zip(&link_keys).enumerate() {
            for &key in ks {
                let (a, b) = (state(l.from, key), state(l.to, key));
                let dirs: &[(Dir, Phases, Phases)] = if l.oneway {
                    &[(Dir::Forward, a, b)]
                } else {
                    &[(Dir::Forward, a, b), (Dir::Reverse, b, a)]
                };
                for &(dir, (from_arr, from_dep), (to_arr, _)) in dirs {
                    let haul = |aboard| Move::Haul {
                        link: li,
                        dir,
                        service: key.2,
                        aboard,
                    };
                    graph.add_edge(from_dep, to_arr, haul(false));
                    if l.mode == Mode::Sea {
                        graph.add_edge(from_arr, to_arr, haul(true));
                    }
                }
            }
        }
        SearchGraph {
            graph,
            start,
            end,
            services,
        }
    }

    /// The name of a service.
    pub fn service_name(&self, id: ServiceId) -> &str {
        &self.services[id as usize]
    }
}
