//! The capacitated elements and their queues: one element per `[[capacity]]` record (one per
//! direction for a link), its [`Key`] on a route, its queue at a load (background added, seasons
//! averaged, capped at the utilisation cap), the derivative of its hours, and its hours written
//! into a working copy of the network for the router.

use std::cell::RefCell;

use crate::error::{Error, Result};
use crate::network::{CapacityModel, Component, Network, Part, TransferKind};
use crate::studies::queue::{self, Arrivals, Horizon, Queue, Workspace};
use crate::text::FastMap;

/// Hours in a year: loads are per year, queue rates per hour.
const HOURS_PER_YEAR: f64 = 8_760.0;

/// One queue: a capacity record, in one direction for a link.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Element {
    /// Index into `network.capacity`.
    pub(super) capacity: usize,
    /// Link direction (0 forward, 1 reverse); `None` for a node's facility.
    pub(super) dir: Option<usize>,
    /// The link's index (for a link component) or the node's (for a facility).
    pub(super) at: usize,
}

/// What the step of a route is, as an element key (ids borrowed from the network or the route).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Key<'a> {
    /// A link's wait, port call or border, in one direction (0 forward, 1 reverse).
    Link(&'a str, Part, usize),
    /// A node's transfer facility.
    Transfer(&'a str, TransferKind),
}

/// The waits of the elements, and how to evaluate them.
pub(super) struct Queues<'a> {
    net: &'a Network,
    /// The elements, in record order.
    pub(super) elements: Vec<Element>,
    horizon: Horizon,
    /// Waits already evaluated, by element and load (the iterations ask for the same element at
    /// the same load many times: every flow through an element between two moves of its load).
    memo: RefCell<FastMap<(usize, u64), Evaluated>>,
    /// What the queues' evaluations reuse: one workspace per capacity per departure (the roots
    /// depend only on it), one for the servers' closed forms.
    workspaces: RefCell<Vec<Workspace>>,
    /// Each element's workspace.
    workspace_of: Vec<usize>,
}

/// (hours = base + queue, queue hours, saturated months) of an element at a load.
type Evaluated = (f64, f64, Vec<u8>);

/// The memo is cleared when it holds this many waits (a bound on memory, not a tuning knob).
const MEMO_LIMIT: usize = 1 << 16;

impl<'a> Queues<'a> {
    /// The elements of `net`'s capacity records (one per direction for a link record, in record
    /// order), and each one's key for finding it on a route.
    pub(super) fn build(
        net: &'a Network,
        horizon: Horizon,
    ) -> (Queues<'a>, FastMap<Key<'a>, usize>) {
        let mut elements = Vec::new();
        let mut keys: FastMap<Key<'a>, usize> = FastMap::default();
        for (ci, c) in net.capacity.iter().enumerate() {
            // The loader checked that the link or node exists.
            match &c.applies {
                Component::Link { link, part, .. } => {
                    let Some(at) = net.links.iter().position(|l| &l.id == link) else {
                        continue;
                    };
                    for &d in c.direction.map_or(&[0usize, 1][..], |d| d.dirs()) {
                        keys.insert(Key::Link(link, *part, d), elements.len());
                        elements.push(Element {
                            capacity: ci,
                            dir: Some(d),
                            at,
                        });
                    }
                }
                Component::Transfer { node, kind, .. } => {
                    let Some(at) = net.node_index(node) else {
                        continue;
                    };
                    keys.insert(Key::Transfer(node, *kind), elements.len());
                    elements.push(Element {
                        capacity: ci,
                        dir: None,
                        at,
                    });
                }
            }
        }
        let mut capacities: Vec<Option<u32>> = Vec::new();
        let workspace_of = elements
            .iter()
            .map(|el| {
                let b = match net.capacity[el.capacity].model {
                    CapacityModel::Departures { per_departure, .. } => Some(per_departure),
                    CapacityModel::Servers { .. } => None,
                };
                capacities.iter().position(|&c| c == b).unwrap_or_else(|| {
                    capacities.push(b);
                    capacities.len() - 1
                })
            })
            .collect();
        (
            Queues {
                net,
                workspaces: RefCell::new(capacities.iter().map(|_| Workspace::new()).collect()),
                workspace_of,
                elements,
                horizon,
                memo: RefCell::new(FastMap::default()),
            },
            keys,
        )
    }

    /// The queue of element `e` at `load` TEU a year (background added).
    fn queue(&self, e: usize, load: f64) -> Queue {
        let el = self.elements[e];
        let c = &self.net.capacity[el.capacity];
        let teu = (load + c.background_per_year).max(0.0);
        match c.model {
            CapacityModel::Departures {
                per_departure,
                headway_hours,
            } => Queue::Batch {
                lambda: teu / HOURS_PER_YEAR,
                capacity: per_departure,
                headway: headway_hours,
                arrivals: Arrivals::Poisson,
            },
            CapacityModel::Servers {
                servers,
                service_hours,
                batch,
                service_cv,
                arrival_cv,
            } => Queue::Ggc {
                lambda: teu / batch / HOURS_PER_YEAR,
                mean_service: service_hours,
                servers,
                ca2: arrival_cv * arrival_cv,
                cs2: service_cv * service_cv,
            },
        }
    }

    /// (hours = base + queue, queue hours, saturated months) at `load`, evaluated once per
    /// element and load.
    pub(super) fn wait(&self, e: usize, load: f64) -> Result<Evaluated> {
        self.with_wait(e, load, Evaluated::clone)
    }

    /// `f` of the wait of element `e` at `load` (evaluated once per element and load; nothing
    /// is cloned when it is known).
    fn with_wait<T>(&self, e: usize, load: f64, f: impl Fn(&Evaluated) -> T) -> Result<T> {
        let key = (e, load.to_bits());
        if let Some(w) = self.memo.borrow().get(&key) {
            return Ok(f(w));
        }
        let w = self.evaluate(e, load)?;
        let answer = f(&w);
        let mut memo = self.memo.borrow_mut();
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(key, w);
        Ok(answer)
    }

    /// [`Queues::wait`] computed.
    fn evaluate(&self, e: usize, load: f64) -> Result<Evaluated> {
        let c = &self.net.capacity[self.elements[e].capacity];
        let q = self.queue(e, load);
        let context = |err: queue::QueueError| {
            Error::InvalidArgument(format!("capacity `{}` ({}): {err}", c.id, c.origin))
        };
        let ws = &mut self.workspaces.borrow_mut()[self.workspace_of[e]];
        let (hours, saturated) = if c.winter_factor < 1.0 && !c.winter_months.is_empty() {
            let s =
                queue::seasonal_wait_with(&q, &c.winter_months, c.winter_factor, self.horizon, ws)
                    .map_err(context)?;
            (s.mean_hours, s.saturated_months())
        } else {
            let w = q.wait_in_with(self.horizon, ws).map_err(context)?;
            (
                w.hours,
                if w.saturated {
                    (1..=12).collect()
                } else {
                    Vec::new()
                },
            )
        };
        Ok((c.base_hours + hours, hours, saturated))
    }

    /// The hours (base + queue) of element `e` at `load`.
    pub(super) fn hours(&self, e: usize, load: f64) -> Result<f64> {
        self.with_wait(e, load, |w| w.0)
    }

    /// d hours / d load (per TEU a year), by a forward difference of 10⁻⁴ of the load (at least
    /// 1 TEU): the hours at the load itself are usually evaluated already (memo), so one new
    /// evaluation each. The waits are smooth and convex in the load, so the error, O(step), is
    /// far below what a Newton step of the equilibrium needs.
    pub(super) fn slope(&self, e: usize, load: f64) -> Result<f64> {
        let at = load.max(0.0);
        let h = (at * 1e-4).max(1.0);
        Ok((self.hours(e, at + h)? - self.hours(e, at)?) / h)
    }

    /// TEU a year element `e` serves: the mean over the months.
    pub(super) fn capacity_teu(&self, e: usize) -> f64 {
        let c = &self.net.capacity[self.elements[e].capacity];
        let per_year = match c.model {
            CapacityModel::Departures {
                per_departure,
                headway_hours,
            } => f64::from(per_departure) * HOURS_PER_YEAR / headway_hours,
            CapacityModel::Servers {
                servers,
                service_hours,
                batch,
                ..
            } => f64::from(servers) * batch * HOURS_PER_YEAR / service_hours,
        };
        let winter = c.winter_months.len() as f64;
        per_year * ((12.0 - winter) + winter * c.winter_factor) / 12.0
    }

    /// Writes the elements' hours into `work`, the working copy of the network.
    pub(super) fn write_hours(&self, work: &mut Network, hours: &[f64]) {
        for (e, el) in self.elements.iter().enumerate() {
            match &self.net.capacity[el.capacity].applies {
                Component::Link { part, .. } => {
                    let (l, d) = (&mut work.links[el.at], el.dir.unwrap_or(0));
                    match part {
                        Part::Wait => l.wait_hours[d] = hours[e],
                        Part::Call => l.call_hours[d] = hours[e],
                        Part::Border => {
                            if let Some(b) = l.border.as_mut() {
                                b.hours[d] = hours[e];
                            }
                        }
                        Part::Run | Part::Delay => {}
                    }
                }
                Component::Transfer { kind, .. } => {
                    let node = &mut work.nodes[el.at];
                    if let Some(t) = node.transfers.iter_mut().find(|t| t.kind == *kind) {
                        t.hours = hours[e];
                    }
                }
            }
        }
    }
}
