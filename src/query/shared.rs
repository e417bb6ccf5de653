//! Scenario networks and routers built once and shared by every query asked of them: a
//! [`Workbench`] over one base network hands out, for each (scenario, payload) a query names, the
//! network with the scenario applied and its [`Router`], each built the first time it is asked
//! for. A batch of thousands of queries on a few scenarios builds a few routers, not thousands.
//!
//! The networks live on a [`Shelf`] that the caller owns and that outlives the workbench, so the
//! routers (which borrow their network) can be shared between threads without copying it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::Result;
use crate::network::Network;
use crate::routing::Router;

/// A store that only grows: every value put on it stays at its place until the shelf is
/// dropped, so a reference to it lives as long as the shelf (a list of once-set cells; safe,
/// and free of locks on the way to a value).
#[derive(Debug)]
pub struct Shelf<T> {
    first: OnceLock<Box<Cell<T>>>,
}

#[derive(Debug)]
struct Cell<T> {
    value: T,
    next: OnceLock<Box<Cell<T>>>,
}

impl<T> Default for Shelf<T> {
    fn default() -> Self {
        Shelf {
            first: OnceLock::new(),
        }
    }
}

impl<T> Shelf<T> {
    /// An empty shelf.
    pub fn new() -> Shelf<T> {
        Shelf::default()
    }

    /// Puts `value` at the end of the shelf and returns it where it stays.
    pub fn put(&self, value: T) -> &T {
        let mut slot = &self.first;
        let mut value = value;
        loop {
            if let Some(cell) = slot.get() {
                slot = &cell.next;
                continue;
            }
            let cell = Box::new(Cell {
                value,
                next: OnceLock::new(),
            });
            match slot.set(cell) {
                Ok(()) => return &slot.get().expect("just set").value,
                // Another thread filled this slot first: try the next one.
                Err(cell) => value = cell.value,
            }
        }
    }

    /// How many values the shelf holds.
    pub fn len(&self) -> usize {
        let (mut n, mut slot) = (0, &self.first);
        while let Some(cell) = slot.get() {
            n += 1;
            slot = &cell.next;
        }
        n
    }

    /// Whether the shelf holds nothing.
    pub fn is_empty(&self) -> bool {
        self.first.get().is_none()
    }
}

/// What a scenario network is built from: the scenario as the query names it, and the payload
/// in tonnes per FEU (its bits: `None` for the network's own).
type Key = (Option<String>, Option<u64>);

/// A scenario's network, its year, and its router once one is asked for.
#[derive(Debug)]
struct Built<'s> {
    network: &'s Network,
    year: Option<i32>,
    router: Option<Arc<Router<'s>>>,
}

/// One base network, the scenario networks built from it and their routers, each built once.
#[derive(Debug)]
pub struct Workbench<'s> {
    base: &'s Network,
    shelf: &'s Shelf<Network>,
    built: Mutex<HashMap<Key, Arc<Mutex<Option<Built<'s>>>>>>,
}

impl<'s> Workbench<'s> {
    /// A workbench over `base`, keeping the scenario networks it builds on `shelf`.
    pub fn new(base: &'s Network, shelf: &'s Shelf<Network>) -> Workbench<'s> {
        Workbench {
            base,
            shelf,
            built: Mutex::new(HashMap::new()),
        }
    }

    /// The base network.
    pub fn base(&self) -> &'s Network {
        self.base
    }

    /// How many scenario networks (the base counted when it was routed on) and routers have
    /// been built so far.
    pub fn counts(&self) -> (usize, usize) {
        let built = self.built.lock().expect("workbench lock");
        let routers = built
            .values()
            .filter(|b| {
                b.lock()
                    .expect("workbench slot")
                    .as_ref()
                    .is_some_and(|b| b.router.is_some())
            })
            .count();
        (built.len(), routers)
    }

    /// The base network with `scenario` (a name, a file, or several joined by `+`) and the
    /// payload applied, and the scenario's year: built the first time, shared after.
    pub fn network(
        &self,
        scenario: Option<&str>,
        payload_t: Option<f64>,
    ) -> Result<(&'s Network, Option<i32>)> {
        let slot = self.slot(scenario, payload_t);
        let mut slot = slot.lock().expect("workbench slot");
        let b = self.build(&mut slot, scenario, payload_t)?;
        Ok((b.network, b.year))
    }

    /// The network of [`Workbench::network`] and its router: each built the first time, shared
    /// after.
    pub fn router(
        &self,
        scenario: Option<&str>,
        payload_t: Option<f64>,
    ) -> Result<(&'s Network, Option<i32>, Arc<Router<'s>>)> {
        let slot = self.slot(scenario, payload_t);
        let mut slot = slot.lock().expect("workbench slot");
        let b = self.build(&mut slot, scenario, payload_t)?;
        let router = match &b.router {
            Some(r) => r.clone(),
            None => {
                let r = Arc::new(Router::new(b.network)?);
                b.router = Some(r.clone());
                r
            }
        };
        Ok((b.network, b.year, router))
    }

    /// The slot of one scenario network (empty until built).
    fn slot(
        &self,
        scenario: Option<&str>,
        payload_t: Option<f64>,
    ) -> Arc<Mutex<Option<Built<'s>>>> {
        let key: Key = (scenario.map(str::to_string), payload_t.map(f64::to_bits));
        let mut built = self.built.lock().expect("workbench lock");
        built.entry(key).or_default().clone()
    }

    /// The slot's network, built when it is empty. A scenario that fails to apply leaves the
    /// slot empty (the next query reports the same error).
    fn build<'b>(
        &self,
        slot: &'b mut Option<Built<'s>>,
        scenario: Option<&str>,
        payload_t: Option<f64>,
    ) -> Result<&'b mut Built<'s>> {
        if slot.is_none() {
            let (network, year) = super::scenario_network(self.base, scenario, payload_t)?;
            let network = match network {
                std::borrow::Cow::Borrowed(n) => n,
                std::borrow::Cow::Owned(n) => self.shelf.put(n),
            };
            *slot = Some(Built {
                network,
                year,
                router: None,
            });
        }
        Ok(slot.as_mut().expect("built above"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shelf_keeps_every_value_in_place_across_threads() {
        let shelf: Shelf<usize> = Shelf::new();
        let refs: Vec<&usize> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let shelf = &shelf;
                    s.spawn(move || (0..50).map(|i| shelf.put(t * 100 + i)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        assert_eq!(shelf.len(), 200);
        let mut seen: Vec<usize> = refs.iter().map(|r| **r).collect();
        seen.sort();
        let want: Vec<usize> = (0..4)
            .flat_map(|t| (0..50).map(move |i| t * 100 + i))
            .collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn a_scenario_network_and_its_router_are_built_once() {
        let base = crate::load::embedded().unwrap();
        let shelf = Shelf::new();
        let bench = Workbench::new(&base, &shelf);
        let (a, _, ra) = bench.router(Some("zangazur-open"), None).unwrap();
        let (b, _, rb) = bench.router(Some("zangazur-open"), None).unwrap();
        assert!(std::ptr::eq(a, b));
        assert!(Arc::ptr_eq(&ra, &rb));
        let (plain, year) = bench.network(None, None).unwrap();
        assert!(std::ptr::eq(plain, &base) && year.is_none());
        assert_eq!(shelf.len(), 1, "the base is borrowed, not copied");
        assert_eq!(bench.counts(), (2, 1));
        assert!(bench.network(Some("no-such-scenario"), None).is_err());
        assert_eq!(shelf.len(), 1);
    }
}
