//! Undoing an edit that failed: a copy of what an edit may change, taken before it applies and
//! put back when it is refused, so that a refused edit leaves the network as it was and the
//! edits after it are checked on the network they would have met (one bad edit is reported
//! once, against itself, not again against every later edit that checks the network).

use super::select::Selection;
use crate::network::{Capacity, Emissions, Link, Network, Status, Transfer};

/// What an edit may change, as it was before the edit.
pub(super) enum Undo {
    /// Closures and statuses (close, open, avoid).
    Flags {
        nodes: Vec<bool>,
        links: Vec<(bool, Status)>,
    },
    Capacity(Vec<Capacity>),
    Emissions(Option<Emissions>),
    /// The selected nodes' facilities.
    Transfers(Vec<(usize, crate::network::Few<Transfer>)>),
    /// The selected links.
    Links(Vec<(usize, Link)>),
}

impl Undo {
    /// Closures and statuses as they are.
    pub(super) fn flags(net: &Network) -> Undo {
        Undo::Flags {
            nodes: net.nodes.iter().map(|n| n.closed).collect(),
            links: net.links.iter().map(|l| (l.closed, l.status)).collect(),
        }
    }

    /// The capacity records as they are.
    pub(super) fn capacity(net: &Network) -> Undo {
        Undo::Capacity(net.capacity.clone())
    }

    /// The emission factors as they are.
    pub(super) fn emissions(net: &Network) -> Undo {
        Undo::Emissions(net.emissions.clone())
    }

    /// The facilities of the selected nodes as they are.
    pub(super) fn transfers(net: &Network, select: &Selection) -> Undo {
        Undo::Transfers(
            select
                .nodes(net)
                .unwrap_or_default()
                .into_iter()
                .map(|i| (i, net.nodes[i].transfers.clone()))
                .collect(),
        )
    }

    /// The selected links as they are.
    pub(super) fn links(net: &Network, select: &Selection) -> Undo {
        Undo::Links(
            select
                .links(net)
                .unwrap_or_default()
                .into_iter()
                .map(|(i, _)| (i, net.links[i].clone()))
                .collect(),
        )
    }

    /// Puts the copy back.
    pub(super) fn restore(self, net: &mut Network) {
        match self {
            Undo::Flags { nodes, links } => {
                for (n, closed) in net.nodes.iter_mut().zip(nodes) {
                    n.closed = closed;
                }
                for (l, (closed, status)) in net.links.iter_mut().zip(links) {
                    l.closed = closed;
                    l.status = status;
                }
            }
            Undo::Capacity(c) => net.capacity = c,
            Undo::Emissions(e) => net.emissions = e,
            Undo::Transfers(saved) => {
                for (i, t) in saved {
                    net.nodes[i].transfers = t;
                }
            }
            Undo::Links(saved) => {
                for (i, l) in saved {
                    net.links[i] = l;
                }
            }
        }
    }
}
