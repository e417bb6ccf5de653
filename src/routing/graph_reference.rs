//! The search graph as it was built before the compact layout: a petgraph `DiGraph` of states
//! and moves, built move by move, with each move's metrics computed from the network. Kept for the
//! tests only, as the oracle the one-pass build (`build.rs`) must equal state for state and move
//! for move (same numbers, same order, same metrics to the bit).

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::routing::metrics::Metrics;
use crate::routing::steps::{haul_co2, transfer_co2};

use crate::network::{Dir, Mode, Network, TransferKind};
use crate::routing::graph::{Key, ServiceId, State};

/// What a move does, as the graph said it.
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
pub struct Reference {
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

impl Reference {
    /// Builds the search graph of a network. Closed links and nodes are included: closures are
    /// filters at query time.
    pub fn build(net: &Network) -> Reference {
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
        Reference {
            graph,
            start,
            end,
            services,
        }
    }
}

/// The km, hours, USD and kg CO2e of a move, as the graph computed them.
pub(crate) fn move_metrics(net: &Network, m: &Move) -> Metrics {
    match *m {
        Move::Haul {
            link, dir, aboard, ..
        } => {
            let l = &net.links[link];
            let d = dir as usize;
            let (bh, bu) = l
                .border
                .as_ref()
                .map_or((0.0, 0.0), |b| (b.hours[d], b.usd[d]));
            let before = if aboard {
                l.call_hours[d]
            } else {
                l.wait_hours[d]
            };
            Metrics {
                km: l.km,
                hours: before + l.haul_hours() + bh,
                usd: l.haul_usd() + bu,
                co2_kg: haul_co2(net, l),
            }
        }
        Move::Transfer { node, kind } => {
            let t = net.nodes[node].transfer(kind).expect("a facility");
            Metrics {
                km: 0.0,
                hours: t.hours,
                usd: t.usd,
                co2_kg: transfer_co2(net),
            }
        }
        Move::Stay | Move::Begin | Move::Finish => Metrics::default(),
    }
}

use petgraph::visit::EdgeRef;

use crate::network::{Border, Gauge, Transfer};
use crate::routing::graph::{self, SearchGraph};

/// The one-pass build equals the reference, state for state and move for move.
fn assert_same(net: &Network) {
    let old = Reference::build(net);
    let new = SearchGraph::build(net).unwrap();
    let g = &old.graph;
    assert_eq!(g.node_count(), new.states());
    assert_eq!(g.edge_count(), new.moves());
    assert_eq!(old.services, new.services);
    for i in 0..net.nodes.len() {
        assert_eq!(old.start[i].index() as u32, new.start(i));
        assert_eq!(old.end[i].index() as u32, new.end(i));
    }
    // Each state's moves in the order they were added (edge indices ascending).
    let mut out: Vec<Vec<_>> = vec![Vec::new(); g.node_count()];
    for e in g.edge_references() {
        out[e.source().index()].push(e);
    }
    for (s, edges) in out.iter().enumerate() {
        assert_eq!(g[NodeIndex::new(s)], new.state(s as u32), "state {s}");
        let moves: Vec<u32> = new.out(s).collect();
        assert_eq!(edges.len(), moves.len(), "moves out of {s}");
        for (e, &i) in edges.iter().zip(&moves) {
            let a = new.arcs[i as usize];
            assert_eq!(e.target().index() as u32, a.head, "move {i}");
            assert_eq!(new.tail(i), s as u32);
            let expected = match *e.weight() {
                Move::Haul {
                    link,
                    dir,
                    service,
                    aboard,
                } => {
                    let State::At { service: at, .. } = new.state(a.head) else {
                        panic!("a haul reaches a place");
                    };
                    assert_eq!(service, at, "move {i}");
                    graph::Move::Haul { link, dir, aboard }
                }
                Move::Transfer { node, kind } => graph::Move::Transfer { node, kind },
                Move::Stay => graph::Move::Stay,
                Move::Begin => graph::Move::Begin,
                Move::Finish => graph::Move::Finish,
            };
            assert_eq!(new.decode(a.what), expected, "move {i}");
            let bits = |m: Metrics| [m.km, m.hours, m.usd, m.co2_kg].map(f64::to_bits);
            assert_eq!(
                bits(new.metrics(a.what)),
                bits(move_metrics(net, e.weight())),
                "move {i}"
            );
        }
    }
}

/// A network with every kind of state and move: a grid of rail on both gauges, road and sea
/// (on several services, or one of the link's own), one-way links, borders with different
/// figures each way, port calls, and transfer facilities of random kinds.
fn mixed(side: usize, seed: u64) -> Network {
    let mut t = crate::testnet::Net::new("mixed");
    for r in 0..side {
        for c in 0..side {
            t = t.node(&format!("n{r}_{c}"), "KZ", 40.0 + r as f64, 60.0 + c as f64);
        }
    }
    for r in 0..side {
        for c in 0..side {
            for (r2, c2) in [(r, c + 1), (r + 1, c), (r + 1, c + 1)] {
                if r2 < side && c2 < side {
                    let (a, b) = (format!("n{r}_{c}"), format!("n{r2}_{c2}"));
                    t = t
                        .link(&format!("{a}-{b}"), &a, &b, "rail")
                        .set("gauge", 1520)
                        .sourced("km", 100)
                        .sourced("hours", 2)
                        .sourced("usd_per_km", 0.5);
                }
            }
        }
    }
    let mut net = crate::load::parse_text(&t.build());
    let mut x = seed;
    let mut rand = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    for l in &mut net.links {
        match rand(4) {
            0 => l.gauge = Some(Gauge::Standard),
            1 => {
                l.mode = Mode::Road;
                l.gauge = None;
            }
            2 => {
                l.mode = Mode::Sea;
                l.gauge = None;
                l.services = ["s1", "s2", "s3"]
                    .into_iter()
                    .filter(|_| rand(2) == 0)
                    .map(String::from)
                    .collect();
                l.call_hours = [rand(5) as f64, rand(7) as f64 * 0.3];
            }
            _ => {}
        }
        l.oneway = rand(5) == 0;
        l.km = 50.0 + rand(100) as f64 * 1.7;
        l.wait_hours = [rand(9) as f64 * 0.1, rand(9) as f64 * 0.7];
        if rand(3) == 0 {
            l.border = Some(Box::new(Border {
                hours: [rand(9) as f64, 0.1 * rand(9) as f64],
                usd: [0.3 * rand(99) as f64, rand(99) as f64],
            }));
        }
    }
    for n in &mut net.nodes {
        n.transfers.clear();
        for kind in TransferKind::ALL {
            if rand(3) != 0 {
                n.transfers.push(Transfer {
                    kind,
                    hours: rand(20) as f64 * 0.3,
                    usd: rand(300) as f64,
                    sources: Default::default(),
                });
            }
        }
    }
    net
}

#[test]
fn the_one_pass_build_equals_the_graph_built_move_by_move() {
    assert_same(&crate::routing::fixture::net());
    assert_same(&crate::routing::fixture::ladder(5));
    assert_same(&crate::load::embedded().unwrap());
    for seed in 1..=6 {
        assert_same(&mixed(7, seed));
    }
}

/// The mixed networks have what the test is for: split and single states, sea services, moves
/// staying aboard and transfers of every kind.
#[test]
fn the_mixed_networks_have_every_kind_of_move() {
    let g = SearchGraph::build(&mixed(7, 3)).unwrap();
    let moves: Vec<graph::Move> = (0..g.moves()).map(|i| g.decode(g.arcs[i].what)).collect();
    assert!(g.services.len() > 3, "the named services and links' own");
    assert!(moves
        .iter()
        .any(|m| matches!(m, graph::Move::Haul { aboard: true, .. })));
    assert!(moves.iter().any(|m| matches!(m, graph::Move::Stay)));
    for kind in TransferKind::ALL {
        assert!(
            moves
                .iter()
                .any(|m| matches!(m, graph::Move::Transfer { kind: k, .. } if *k == kind)),
            "{kind:?}"
        );
    }
    let land = |k: &&graph::KeyStates| graph::unpack_key(k.key).0 != Mode::Sea;
    assert!(g.keys.iter().filter(land).any(|k| k.split));
    assert!(g.keys.iter().filter(land).any(|k| !k.split));
}
