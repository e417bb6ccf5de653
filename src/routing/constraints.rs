//! What a query may use: its [`Constraints`] (the year, avoided countries and nodes, the modes,
//! the value of time), and the gate that applies them move by move while the search runs.
//!
//! The router computes the network's side of every gate once ([`GateFacts`]: interned countries,
//! each link's few gate-relevant bytes, closures, opening years). A query makes a [`Gate`] from
//! them and its constraints, and the search asks it about each move it reaches: constraints cost
//! nothing on the moves a search never explores, and no graph is copied or rebuilt per query.
//! [`Relax`] makes a gate ignore some constraints, to explain a missing route.

use std::collections::BTreeSet;

use crate::network::{Mode, Network, Status};
use crate::routing::graph::Move;
use crate::text::FastMap;

/// The constraints of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraints {
    /// Links not operating are usable only from their `available_from` year.
    pub year: i32,
    /// ISO codes no route may enter (nodes there, or links transiting them).
    pub avoid_countries: BTreeSet<String>,
    /// Node indices no route may use.
    pub avoid_nodes: BTreeSet<usize>,
    /// Value of time, USD per FEU-hour, for the generalized objective.
    pub value_of_time: f64,
    /// The modes a route may use (line hauls in any other mode are closed); all by default.
    pub modes: BTreeSet<Mode>,
}

impl Constraints {
    /// The network's defaults: its data year, nothing avoided, every mode, its value of time.
    pub fn defaults(net: &Network) -> Constraints {
        Constraints {
            year: net.data_year,
            avoid_countries: BTreeSet::new(),
            avoid_nodes: BTreeSet::new(),
            value_of_time: net.value_of_time,
            modes: Mode::ALL.into_iter().collect(),
        }
    }

    /// Whether the query leaves out some mode.
    pub fn restricts_modes(&self) -> bool {
        self.modes.len() < Mode::ALL.len()
    }
}

/// A link's gate-relevant facts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkGate {
    from: u32,
    to: u32,
    mode: u8,
    closed: bool,
    /// The first year the link exists: `i32::MIN` when operating, `i32::MAX` when never.
    opens: i32,
}

/// The network's gate-relevant facts, computed once per router and shared by every query's
/// [`Gate`].
#[derive(Debug, Clone)]
pub(crate) struct GateFacts {
    /// Interned countries: names, each node's, each link's transit countries.
    countries: Vec<String>,
    node_country: Vec<u16>,
    /// Per link, its transit countries: `transit[transit_first[l]..transit_first[l + 1]]`
    /// (both empty when no link has any).
    transit_first: Vec<u32>,
    transit: Vec<u16>,
    /// Per link, what a query's gate needs, in a few bytes (not the whole `Link`).
    link_gate: Vec<LinkGate>,
    node_closed: Vec<bool>,
    /// Whether the scenario closed any node or link.
    pub any_closed: bool,
    /// Whether the scenario closed any node.
    any_node_closed: bool,
    /// The years links open in, ascending, each once.
    pub opening_years: Vec<i32>,
}

impl GateFacts {
    /// The gate-relevant facts of a network, in one pass over its nodes and one over its links
    /// (a country's name is looked up once per run of equal names, never copied per record).
    /// Refuses a network naming more countries than 16 bits can number.
    pub fn new(net: &Network) -> Result<GateFacts, String> {
        let mut names = Interner::default();
        let mut node_country: Vec<u16> = Vec::with_capacity(net.nodes.len());
        let mut node_closed = Vec::with_capacity(net.nodes.len());
        for n in &net.nodes {
            node_country.push(names.number(&n.country));
            node_closed.push(n.closed);
        }
        let mut transit_first = Vec::with_capacity(net.links.len() + 1);
        let mut transit = Vec::new();
        let mut link_gate = Vec::with_capacity(net.links.len());
        let mut years: Vec<i32> = Vec::new();
        for l in &net.links {
            transit_first.push(transit.len() as u32);
            for c in &l.transit_countries {
                transit.push(names.number(c));
            }
            years.extend(l.available_from);
            link_gate.push(LinkGate {
                from: l.from as u32,
                to: l.to as u32,
                mode: l.mode as u8,
                closed: l.closed,
                opens: if l.status == Status::Operating {
                    i32::MIN
                } else {
                    l.available_from.unwrap_or(i32::MAX)
                },
            });
        }
        transit_first.push(transit.len() as u32);
        if transit.is_empty() {
            // No link crosses a country between its ends: no offsets to keep.
            transit_first = Vec::new();
        }
        years.sort_unstable();
        years.dedup();
        if names.order.len() > usize::from(u16::MAX) {
            return Err(format!(
                "the network names {} countries, more than the router can number ({})",
                names.order.len(),
                u16::MAX
            ));
        }
        // Renumbered so that the numbers sort as the names do.
        let mut order: Vec<u16> = (0..names.order.len() as u16).collect();
        order.sort_unstable_by_key(|&i| names.order[i as usize]);
        let mut rank = vec![0u16; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u16;
        }
        for c in node_country.iter_mut().chain(transit.iter_mut()) {
            *c = rank[*c as usize];
        }
        let any_node_closed = node_closed.iter().any(|&c| c);
        Ok(GateFacts {
            countries: order
                .iter()
                .map(|&i| names.order[i as usize].to_string())
                .collect(),
            node_country,
            transit_first,
            transit,
            any_closed: any_node_closed || link_gate.iter().any(|g| g.closed),
            link_gate,
            node_closed,
            any_node_closed,
            opening_years: years,
        })
    }

    /// The gate of a query: its constraints, less those `relax` ignores.
    pub fn gate<'q>(&'q self, c: &'q Constraints, relax: Relax) -> Gate<'q> {
        let any_avoided = !(c.avoid_countries.is_empty() && c.avoid_nodes.is_empty());
        Gate {
            c,
            relax,
            node_country: &self.node_country,
            node_closed: &self.node_closed,
            transit_first: &self.transit_first,
            transit: &self.transit,
            link_gate: &self.link_gate,
            avoid_country: self
                .countries
                .iter()
                .map(|cc| c.avoid_countries.contains(cc))
                .collect(),
            any_avoided,
            check_nodes: (!relax.closures && self.any_node_closed) || (!relax.avoid && any_avoided),
            modes: Mode::ALL.map(|m| c.modes.contains(&m)),
        }
    }
}

/// Names numbered in order of first sight; a run of equal names is looked up once.
#[derive(Default)]
struct Interner<'n> {
    index: FastMap<&'n str, u16>,
    order: Vec<&'n str>,
    last: Option<(&'n str, u16)>,
}

impl<'n> Interner<'n> {
    /// The number of a name (numbers wrap past 65,535 names; the caller refuses that many).
    fn number(&mut self, name: &'n str) -> u16 {
        if let Some((l, i)) = self.last {
            if l == name {
                return i;
            }
        }
        let next = self.order.len() as u16;
        let i = *self.index.entry(name).or_insert_with(|| {
            self.order.push(name);
            next
        });
        self.last = Some((name, i));
        i
    }
}

/// Which moves a query may use, decided move by move as the search explores them.
pub(crate) struct Gate<'q> {
    c: &'q Constraints,
    relax: Relax,
    node_country: &'q [u16],
    node_closed: &'q [bool],
    transit_first: &'q [u32],
    transit: &'q [u16],
    link_gate: &'q [LinkGate],
    avoid_country: Vec<bool>,
    any_avoided: bool,
    /// Whether a node can be shut to this gate at all (one is closed, or avoided): when not,
    /// a haul's ends are not looked up.
    check_nodes: bool,
    modes: [bool; 3],
}

impl Gate<'_> {
    fn node_open(&self, i: usize) -> bool {
        (self.relax.closures || !self.node_closed[i])
            && (self.relax.avoid
                || !self.any_avoided
                || (!self.avoid_country[self.node_country[i] as usize]
                    && !self.c.avoid_nodes.contains(&i)))
    }

    fn link_open(&self, li: usize) -> bool {
        let l = self.link_gate[li];
        (self.relax.closures || !l.closed)
            && (self.relax.year || self.c.year >= l.opens)
            && (self.relax.modes || self.modes[l.mode as usize])
            && (self.relax.avoid
                || !self.any_avoided
                || self.transit.is_empty()
                || !self.transit
                    [self.transit_first[li] as usize..self.transit_first[li + 1] as usize]
                    .iter()
                    .any(|&k| self.avoid_country[k as usize]))
            && (!self.check_nodes
                || (self.node_open(l.from as usize) && self.node_open(l.to as usize)))
    }

    /// Whether the query may use a move.
    #[inline]
    pub fn move_open(&self, m: &Move) -> bool {
        match *m {
            Move::Haul { link, .. } => self.link_open(link),
            Move::Transfer { node, .. } => self.node_open(node),
            Move::Stay | Move::Begin | Move::Finish => true,
        }
    }
}

/// Which constraints a search ignores (for explaining a missing route).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Relax {
    /// Ignore the avoided countries and nodes.
    pub avoid: bool,
    /// Ignore the year (every link open).
    pub year: bool,
    /// Ignore the scenario's closures.
    pub closures: bool,
    /// Ignore the modes (every mode allowed).
    pub modes: bool,
}

impl Relax {
    /// Every constraint applies.
    pub const NONE: Relax = Relax {
        avoid: false,
        year: false,
        closures: false,
        modes: false,
    };
    /// No constraint applies.
    pub const ALL: Relax = Relax {
        avoid: true,
        year: true,
        closures: true,
        modes: true,
    };
}
