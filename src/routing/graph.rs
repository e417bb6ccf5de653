//! The search graph: states (place, mode, gauge, service) and the moves between them, derived once
//! from a [`Network`](crate::network::Network).
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
//!
//! **Layout.** States are numbers: a place's start state, its end state, then for each of its
//! (mode, gauge, service) keys in order its arrived state and, when split, its departing state.
//! The moves leaving state `s` are `arcs[first_out[s]..first_out[s + 1]]`, each 8 bytes: the
//! state it reaches and what it does packed in 32 bits (a haul's link and direction, a
//! transfer's facility, or a free move). What a move costs is not stored with it but once per
//! link (`HaulCost`: km, kg CO2e, hours and USD per direction), per sea link for a load staying
//! aboard, and per facility: a haul move costs 8 bytes plus its share of its link's 48. The
//! graph is built in one pass over the network straight into these arrays (`build.rs`), and
//! describes any state or move on demand ([`SearchGraph::state`], `SearchGraph::decode`).

use crate::network::{Dir, Gauge, Mode, TransferKind};
use crate::routing::metrics::Metrics;

/// Index of a service in [`SearchGraph::services`].
pub type ServiceId = u32;

/// The (mode, gauge, service) part of a state.
pub type Key = (Mode, Option<Gauge>, Option<ServiceId>);

/// A search state, described.
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

/// What a move does (the sea service a haul sails is its states' service).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Move {
    /// Travel along a link in a direction: wait (or port call), line haul, border.
    Haul {
        /// Link index.
        link: usize,
        /// Direction.
        dir: Dir,
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

/// One stored move: the state it reaches and what it does, packed (see [`pack`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Arc {
    /// State it reaches.
    pub head: u32,
    /// What it does: the low two bits a tag, bit 2 a haul's direction, the rest an index.
    pub what: u32,
}

/// The tags of a packed move.
pub(crate) mod pack {
    use crate::network::Dir;

    /// A haul boarding at its start: index = link.
    pub const HAUL: u32 = 0;
    /// A sea haul staying aboard: index = the link's entry in the aboard table.
    pub const ABOARD: u32 = 1;
    /// A transfer: index = the facility's entry in the transfer table.
    pub const TRANSFER: u32 = 2;
    /// A free move: index 0 stay, 1 begin, 2 finish.
    pub const FREE: u32 = 3;
    /// The largest index a packed move can hold, plus one.
    pub const LIMIT: usize = 1 << 29;

    /// A packed move.
    #[inline]
    pub fn of(tag: u32, index: usize, dir: Dir) -> u32 {
        debug_assert!(index < LIMIT);
        ((index as u32) << 3) | ((dir as u32) << 2) | tag
    }
}

/// What hauling along a link costs a load that boards there, per direction; a load that stays
/// aboard pays the hours of its [`Aboard`] entry instead.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HaulCost {
    pub km: f64,
    pub co2_kg: f64,
    pub hours: [f64; 2],
    pub usd: [f64; 2],
}

/// A sea link's hours, per direction, for a load that stays aboard.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Aboard {
    pub link: u32,
    pub hours: [f64; 2],
}

/// A transfer facility: its place, kind, hours and USD.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facility {
    pub node: u32,
    pub kind: TransferKind,
    pub hours: f64,
    pub usd: f64,
}

/// One key of a place: the key packed in order-preserving bits ([`pack_key`]), its arrived
/// state, and whether it has a departing state of its own (the next number).
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyStates {
    pub key: u32,
    pub arr: u32,
    pub split: bool,
}

/// The search graph of one network, in compact arrays (see the module's documentation).
#[derive(Debug, Clone, Default)]
pub struct SearchGraph {
    /// Per state, its first move; one more entry, the number of moves.
    pub(crate) first_out: Vec<u32>,
    /// The moves, grouped by the state they leave.
    pub(crate) arcs: Vec<Arc>,
    /// Per link, what hauling it costs.
    pub(crate) hauls: Vec<HaulCost>,
    /// Per sea link with a service to stay aboard, its hours for a load aboard.
    pub(crate) aboard: Vec<Aboard>,
    /// The transfer facilities moves use.
    pub(crate) facilities: Vec<Facility>,
    /// kg CO2e of handling one container at a transfer.
    pub(crate) transfer_co2: f64,
    /// Per node, its start state (its end state is the next); one more entry, the number of
    /// states.
    pub(crate) place_first: Vec<u32>,
    /// Per node, its first key in `keys`; one more entry.
    pub(crate) key_first: Vec<u32>,
    /// Every place's keys, place after place.
    pub(crate) keys: Vec<KeyStates>,
    /// Service names, indexed by [`ServiceId`].
    pub services: Vec<String>,
}

/// A key in 32 bits that sort as the keys do: mode, then gauge (none first), then service (none
/// first).
pub(crate) fn pack_key((mode, gauge, service): Key) -> u32 {
    let g = match gauge {
        None => 0,
        Some(Gauge::Standard) => 1,
        Some(Gauge::Broad) => 2,
    };
    ((mode as u32) << 30) | (g << 28) | service.map_or(0, |s| s + 1)
}

/// The key [`pack_key`] packed.
pub(crate) fn unpack_key(k: u32) -> Key {
    let mode = match k >> 30 {
        0 => Mode::Rail,
        1 => Mode::Road,
        _ => Mode::Sea,
    };
    let gauge = match (k >> 28) & 3 {
        0 => None,
        1 => Some(Gauge::Standard),
        _ => Some(Gauge::Broad),
    };
    let s = k & ((1 << 28) - 1);
    (mode, gauge, s.checked_sub(1))
}

impl SearchGraph {
    /// The number of states.
    pub fn states(&self) -> usize {
        self.first_out.len() - 1
    }

    /// The number of moves.
    pub fn moves(&self) -> usize {
        self.arcs.len()
    }

    /// The indices in `arcs` of the moves leaving state `s`, in the order of the tie-break.
    #[inline]
    pub(crate) fn out(&self, s: usize) -> std::ops::Range<u32> {
        self.first_out[s]..self.first_out[s + 1]
    }

    /// The state move `i` leaves (a binary search: the moves are grouped by it).
    pub(crate) fn tail(&self, i: u32) -> u32 {
        (self.first_out.partition_point(|&f| f <= i) - 1) as u32
    }

    /// The state a route from node `i` starts in.
    pub fn start(&self, i: usize) -> u32 {
        self.place_first[i]
    }

    /// The state a route to node `i` ends in.
    pub fn end(&self, i: usize) -> u32 {
        self.place_first[i] + 1
    }

    /// What a packed move does.
    #[inline]
    pub(crate) fn decode(&self, what: u32) -> Move {
        let index = (what >> 3) as usize;
        let dir = if what & 4 == 0 {
            Dir::Forward
        } else {
            Dir::Reverse
        };
        match what & 3 {
            pack::HAUL => Move::Haul {
                link: index,
                dir,
                aboard: false,
            },
            pack::ABOARD => Move::Haul {
                link: self.aboard[index].link as usize,
                dir,
                aboard: true,
            },
            pack::TRANSFER => {
                let f = &self.facilities[index];
                Move::Transfer {
                    node: f.node as usize,
                    kind: f.kind,
                }
            }
            _ => match index {
                0 => Move::Stay,
                1 => Move::Begin,
                _ => Move::Finish,
            },
        }
    }

    /// The km, hours, USD and kg CO2e of a packed move.
    #[inline]
    pub(crate) fn metrics(&self, what: u32) -> Metrics {
        let index = (what >> 3) as usize;
        let d = ((what >> 2) & 1) as usize;
        match what & 3 {
            pack::HAUL => {
                let c = &self.hauls[index];
                Metrics {
                    km: c.km,
                    hours: c.hours[d],
                    usd: c.usd[d],
                    co2_kg: c.co2_kg,
                }
            }
            pack::ABOARD => {
                let a = &self.aboard[index];
                let c = &self.hauls[a.link as usize];
                Metrics {
                    km: c.km,
                    hours: a.hours[d],
                    usd: c.usd[d],
                    co2_kg: c.co2_kg,
                }
            }
            pack::TRANSFER => {
                let f = &self.facilities[index];
                Metrics {
                    km: 0.0,
                    hours: f.hours,
                    usd: f.usd,
                    co2_kg: self.transfer_co2,
                }
            }
            _ => Metrics::default(),
        }
    }

    /// What state `s` is.
    pub fn state(&self, s: u32) -> State {
        let i = self.place_first.partition_point(|&f| f <= s) - 1;
        let first = self.place_first[i];
        if s == first {
            return State::Start(i);
        }
        if s == first + 1 {
            return State::End(i);
        }
        let keys = &self.keys[self.key_first[i] as usize..self.key_first[i + 1] as usize];
        let k = keys
            .iter()
            .rev()
            .find(|k| k.arr <= s)
            .expect("every state past a place's end state is one of its keys'");
        let (mode, gauge, service) = unpack_key(k.key);
        State::At {
            node: i,
            mode,
            gauge,
            service,
            arrived: s == k.arr,
        }
    }

    /// The name of a service.
    pub fn service_name(&self, id: ServiceId) -> &str {
        &self.services[id as usize]
    }

    /// The bytes the graph holds (its arrays' lengths; not the service names).
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.first_out.len() * 4
            + self.arcs.len() * size_of::<Arc>()
            + self.hauls.len() * size_of::<HaulCost>()
            + self.aboard.len() * size_of::<Aboard>()
            + self.facilities.len() * size_of::<Facility>()
            + (self.place_first.len() + self.key_first.len()) * 4
            + self.keys.len() * size_of::<KeyStates>()
    }
}
