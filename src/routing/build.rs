//! Building the [`SearchGraph`] of a network in one pass, straight into its arrays: the keys each
//! place needs (counted, then filled, then sorted per place), the states numbered place after
//! place, each state's out-degree counted, and the moves written into their slots. No graph is
//! built first and copied: the only temporaries are the links' keys and the places' keys before
//! they are made unique.
//!
//! The moves of a state come in the order the tie-break relies on, the order the graph has always
//! had: at a place, the starts (one per key, in key order), then per key its stay and finish and
//! its transfers (to the other keys, in key order); then the hauls, link after link (per link its
//! services, per service forward then reverse, per direction the boarding move then the one
//! staying aboard). The unit tests compare this against a petgraph construction.

use std::collections::HashMap;

use crate::network::{Dir, Link, Mode, Network, TransferKind};
use crate::routing::graph::{
    pack, pack_key, unpack_key, Aboard, Arc, Facility, HaulCost, KeyStates, SearchGraph, ServiceId,
};
use crate::routing::steps::{haul_co2, transfer_co2};

/// A key's (arrived, departing) states at a place.
type Phases = (u32, u32);

/// No state, no move, as [`crate::routing::search::NONE`]: the numbers must stay below it.
const LIMIT: u64 = u32::MAX as u64;

impl SearchGraph {
    /// Builds the search graph of a network. Closed links and nodes are included: closures are
    /// filters at query time. Refuses (in words) a network with more states, moves, links or
    /// facilities than the graph can number.
    pub fn build(net: &Network) -> Result<SearchGraph, String> {
        let n = net.nodes.len();
        if net.links.len() >= pack::LIMIT {
            return Err(format!(
                "the network has {} links, more than the router can number ({})",
                net.links.len(),
                pack::LIMIT
            ));
        }
        let (services, links, hauls, aboard) = link_keys(net);
        if services.len() >= 1 << 28 {
            return Err(format!(
                "the network has {} sea services, more than the router can number ({})",
                services.len(),
                1 << 28
            ));
        }
        let (key_first, place_keys) = place_keys(n, &links);
        // States: per place its start and end, then per key arrived (and departing, if split).
        let mut g = SearchGraph {
            services,
            hauls,
            aboard,
            transfer_co2: transfer_co2(net),
            ..SearchGraph::default()
        };
        g.place_first.reserve(n + 1);
        g.keys.reserve(place_keys.len());
        let mut next: u64 = 0;
        for i in 0..n {
            g.place_first.push(next as u32);
            next += 2;
            let here = &place_keys[key_first[i] as usize..key_first[i + 1] as usize];
            for &key in here {
                let split = unpack_key(key).0 == Mode::Sea || transfers_from(net, i, key, here);
                g.keys.push(KeyStates {
                    key,
                    arr: next as u32,
                    split,
                });
                next += 1 + u64::from(split);
            }
            if next >= LIMIT {
                return Err(too_many("states", next));
            }
        }
        g.place_first.push(next as u32);
        g.key_first = key_first;
        drop(place_keys);
        // Out-degrees, counted in `first_out[s + 1]`, then summed into offsets.
        g.first_out = vec![0u32; next as usize + 1];
        let mut moves: u64 = 0;
        g.place_moves(net, |g, s, _| {
            g.first_out[s as usize + 1] += 1;
            moves += 1;
        });
        g.haul_moves(&links, |g, s, _| {
            g.first_out[s as usize + 1] += 1;
            moves += 1;
        });
        if moves >= LIMIT {
            return Err(too_many("moves", moves));
        }
        for s in 0..next as usize {
            g.first_out[s + 1] += g.first_out[s];
        }
        // Each move into its slot, `first_out[s]` serving as state s's cursor (afterwards it
        // holds s's end, the next state's start: shifted back by one place).
        g.arcs = vec![Arc::default(); moves as usize];
        let put = |g: &mut SearchGraph, s: u32, arc: Arc| {
            let slot = &mut g.first_out[s as usize];
            g.arcs[*slot as usize] = arc;
            *slot += 1;
        };
        g.place_moves(net, put);
        g.haul_moves(&links, put);
        g.first_out.copy_within(0..next as usize, 1);
        g.first_out[0] = 0;
        Ok(g)
    }

    /// Puts the numbers of `net`, a network of the same structure as the one the graph was built
    /// on (the same nodes, links, facilities and services; only numbers changed), into the
    /// graph's costs: every haul, stay aboard and facility as [`SearchGraph::build`] computes
    /// them. `Err` (and the costs half-changed) when a facility the graph uses is not there.
    pub(crate) fn reweigh(&mut self, net: &Network) -> Result<(), String> {
        if net.links.len() != self.hauls.len() {
            return Err("another number of links".into());
        }
        self.hauls = net.links.iter().map(|l| haul_cost(net, l)).collect();
        for a in &mut self.aboard {
            a.hours = aboard_hours(&net.links[a.link as usize]);
        }
        for f in &mut self.facilities {
            let t = net
                .nodes
                .get(f.node as usize)
                .and_then(|n| n.transfer(f.kind))
                .ok_or("a facility the graph uses is missing")?;
            (f.hours, f.usd) = (t.hours, t.usd);
        }
        self.transfer_co2 = transfer_co2(net);
        Ok(())
    }

    /// Every place's own moves, place after place, as `(state left, move)`: starts, stays,
    /// finishes and transfers. Adds the facilities the transfers use (the first call does).
    fn place_moves(&mut self, net: &Network, mut each: impl FnMut(&mut SearchGraph, u32, Arc)) {
        let fill = self.facilities.is_empty();
        let free = |i: usize| pack::of(pack::FREE, i, Dir::Forward);
        let (stay, begin, finish) = (free(0), free(1), free(2));
        let mut facility = 0usize;
        for i in 0..net.nodes.len() {
            let (start, end) = (self.place_first[i], self.place_first[i] + 1);
            let range = self.key_first[i] as usize..self.key_first[i + 1] as usize;
            for k in range.clone() {
                let ks = self.keys[k];
                let dep = ks.arr + u32::from(ks.split);
                if unpack_key(ks.key).0 == Mode::Sea {
                    // A sea journey starts by boarding: it pays the wait for a departure.
                    each(
                        self,
                        start,
                        Arc {
                            head: dep,
                            what: begin,
                        },
                    );
                } else {
                    each(
                        self,
                        start,
                        Arc {
                            head: ks.arr,
                            what: begin,
                        },
                    );
                    if ks.split {
                        each(
                            self,
                            ks.arr,
                            Arc {
                                head: dep,
                                what: stay,
                            },
                        );
                    }
                }
                each(
                    self,
                    ks.arr,
                    Arc {
                        head: end,
                        what: finish,
                    },
                );
            }
            // Transfers between this place's states, where it has the facility; one entry per
            // facility used, in order of first use.
            let mut used: [Option<usize>; 5] = [None; 5];
            for a in range.clone() {
                for b in range.clone() {
                    let (ka, kb) = (self.keys[a], self.keys[b]);
                    if a == b {
                        continue;
                    }
                    let Some(kind) = TransferKind::between(unpack_key(ka.key), unpack_key(kb.key))
                    else {
                        continue;
                    };
                    let Some(t) = net.nodes[i].transfer(kind) else {
                        continue;
                    };
                    let slot = TransferKind::ALL
                        .iter()
                        .position(|&x| x == kind)
                        .unwrap_or(0);
                    let index = *used[slot].get_or_insert_with(|| {
                        if fill {
                            self.facilities.push(Facility {
                                node: i as u32,
                                kind,
                                hours: t.hours,
                                usd: t.usd,
                            });
                        }
                        facility += 1;
                        facility - 1
                    });
                    let what = pack::of(pack::TRANSFER, index, Dir::Forward);
                    each(
                        self,
                        ka.arr,
                        Arc {
                            head: kb.arr + u32::from(kb.split),
                            what,
                        },
                    );
                }
            }
        }
    }

    /// Every haul move, link after link, as `(state left, move)`.
    fn haul_moves(&mut self, links: &LinkKeys, mut each: impl FnMut(&mut SearchGraph, u32, Arc)) {
        let mut aboard = 0usize;
        for (li, e) in links.ends.iter().enumerate() {
            let keys = &links.keys[links.first[li] as usize..links.first[li + 1] as usize];
            let sea = e.sea && !keys.is_empty();
            if sea {
                aboard += 1;
            }
            for &key in keys {
                let (a, b) = (
                    self.phases(e.from as usize, key),
                    self.phases(e.to as usize, key),
                );
                let dirs: &[(Dir, Phases, Phases)] = if e.oneway {
                    &[(Dir::Forward, a, b)]
                } else {
                    &[(Dir::Forward, a, b), (Dir::Reverse, b, a)]
                };
                for &(dir, (from_arr, from_dep), (to_arr, _)) in dirs {
                    let what = pack::of(pack::HAUL, li, dir);
                    each(self, from_dep, Arc { head: to_arr, what });
                    if sea {
                        let what = pack::of(pack::ABOARD, aboard - 1, dir);
                        each(self, from_arr, Arc { head: to_arr, what });
                    }
                }
            }
        }
    }

    /// The (arrived, departing) states of a key at a place.
    fn phases(&self, node: usize, key: u32) -> Phases {
        let keys = &self.keys[self.key_first[node] as usize..self.key_first[node + 1] as usize];
        let k = keys
            .iter()
            .find(|k| k.key == key)
            .expect("every link end has its state");
        (k.arr, k.arr + u32::from(k.split))
    }
}

/// Per link, what building the graph reads of it again: its ends, whether it is one-way and at
/// sea.
#[derive(Debug, Clone, Copy)]
struct Ends {
    from: u32,
    to: u32,
    oneway: bool,
    sea: bool,
}

/// Every link's keys, packed: link `l`'s are `keys[first[l]..first[l + 1]]` (one per service at
/// sea, one otherwise), and its [`Ends`], so that the passes after the first read a few bytes a
/// link, not the whole `Link`.
struct LinkKeys {
    first: Vec<u32>,
    keys: Vec<u32>,
    ends: Vec<Ends>,
}

/// In one pass over the links: the sea services (named in order of first use), every link's
/// keys and ends, what hauling each link costs, and the aboard entries of sea links with a
/// service.
fn link_keys(net: &Network) -> (Vec<String>, LinkKeys, Vec<HaulCost>, Vec<Aboard>) {
    let mut services: Vec<String> = Vec::new();
    let mut ids: HashMap<String, ServiceId> = HashMap::new();
    let m = net.links.len();
    let mut links = LinkKeys {
        first: Vec::with_capacity(m + 1),
        keys: Vec::with_capacity(m),
        ends: Vec::with_capacity(m),
    };
    let mut hauls = Vec::with_capacity(m);
    let mut aboard = Vec::new();
    for (li, l) in net.links.iter().enumerate() {
        let keys = &mut links.keys;
        links.first.push(keys.len() as u32);
        links.ends.push(Ends {
            from: l.from as u32,
            to: l.to as u32,
            oneway: l.oneway,
            sea: l.mode == Mode::Sea,
        });
        hauls.push(haul_cost(net, l));
        if l.mode != Mode::Sea {
            keys.push(pack_key((l.mode, l.gauge, None)));
            continue;
        }
        let before = keys.len();
        for name in l.service_names() {
            let id = *ids.entry(name.to_string()).or_insert_with(|| {
                services.push(name.to_string());
                (services.len() - 1) as ServiceId
            });
            keys.push(pack_key((Mode::Sea, None, Some(id))));
        }
        if keys.len() > before {
            aboard.push(Aboard {
                link: li as u32,
                hours: aboard_hours(l),
            });
        }
    }
    links.first.push(links.keys.len() as u32);
    (services, links, hauls, aboard)
}

/// What hauling a link costs a load that boards there, per direction.
fn haul_cost(net: &Network, l: &Link) -> HaulCost {
    let (h, u) = l
        .border
        .as_ref()
        .map_or(([0.0; 2], [0.0; 2]), |b| (b.hours, b.usd));
    let (hours, usd) = (l.haul_hours(), l.haul_usd());
    HaulCost {
        km: l.km,
        co2_kg: haul_co2(net, l),
        hours: [0, 1].map(|i| l.wait_hours[i] + hours + h[i]),
        usd: [0, 1].map(|i| usd + u[i]),
    }
}

/// A sea link's hours each way for a load staying aboard: the port call, sailing and border.
fn aboard_hours(l: &Link) -> [f64; 2] {
    let d = |i: usize| l.border.as_ref().map_or(0.0, |b| b.hours[i]);
    [0, 1].map(|i| l.call_hours[i] + l.haul_hours() + d(i))
}

/// The keys each place needs (those of its links' ends), sorted and each once: place `i`'s are
/// `keys[first[i]..first[i + 1]]`.
fn place_keys(n: usize, links: &LinkKeys) -> (Vec<u32>, Vec<u32>) {
    let mut first = vec![0u32; n + 1];
    for (li, e) in links.ends.iter().enumerate() {
        let k = links.first[li + 1] - links.first[li];
        first[e.from as usize + 1] += k;
        first[e.to as usize + 1] += k;
    }
    for i in 0..n {
        first[i + 1] += first[i];
    }
    let mut keys = vec![0u32; first[n] as usize];
    let mut cursor = first.clone();
    for (li, e) in links.ends.iter().enumerate() {
        for &k in &links.keys[links.first[li] as usize..links.first[li + 1] as usize] {
            for end in [e.from as usize, e.to as usize] {
                keys[cursor[end] as usize] = k;
                cursor[end] += 1;
            }
        }
    }
    drop(cursor);
    // Each place's keys sorted and made unique, moved down into place.
    let mut kept = 0usize;
    for i in 0..n {
        let (a, b) = (first[i] as usize, first[i + 1] as usize);
        keys[a..b].sort_unstable();
        first[i] = kept as u32;
        let mut last = None;
        for j in a..b {
            if last != Some(keys[j]) {
                last = Some(keys[j]);
                keys[kept] = keys[j];
                kept += 1;
            }
        }
    }
    first[n] = kept as u32;
    keys.truncate(kept);
    keys.shrink_to_fit();
    (first, keys)
}

/// Whether place `i` offers a transfer from key `a` to another of its keys: a land state from
/// which it offers none needs no separate arrived phase (no chain of transfers can start there).
fn transfers_from(net: &Network, i: usize, a: u32, here: &[u32]) -> bool {
    here.iter().any(|&b| {
        a != b
            && TransferKind::between(unpack_key(a), unpack_key(b))
                .is_some_and(|k| net.nodes[i].transfer(k).is_some())
    })
}

fn too_many(what: &str, count: u64) -> String {
    format!(
        "the network's search graph has {count} or more {what}, more than the router can number ({LIMIT})"
    )
}
