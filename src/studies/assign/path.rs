//! A route as a path of the assignment: the capacitated elements it uses and its cost without
//! them, so that its cost at any waits is a sum, with no search.

use super::queues::{Key, Queues};
use crate::error::Result;
use crate::network::{Dir, Part};
use crate::routing::{Route, StepKind};
use crate::text::FastMap;

/// A path of a flow.
#[derive(Debug, Clone)]
pub(super) struct Path {
    pub(super) route: Route,
    /// Elements used, each once.
    pub(super) elements: Vec<usize>,
    /// Generalized cost of everything but the elements' hours.
    pub(super) fixed: f64,
    /// Hours of everything but the elements.
    pub(super) fixed_hours: f64,
    /// TEU a year on it.
    pub(super) teu: f64,
}

impl Path {
    /// A route as a path (carrying no volume yet): the elements it uses, found by `keys` (a
    /// link's element by the direction the step travels it), and its cost without them at the
    /// elements' `hours` and value of time `vot`.
    pub(super) fn of(
        route: Route,
        keys: &FastMap<Key<'_>, usize>,
        hours: &[f64],
        vot: f64,
    ) -> Path {
        let mut elements = Vec::new();
        let mut element_hours = 0.0;
        for s in &route.steps {
            let key = match (s.kind, &s.link, s.transfer) {
                (StepKind::Wait | StepKind::Border, Some(link), _) => {
                    let part = match s.kind {
                        StepKind::Border => Part::Border,
                        _ if s.aboard => Part::Call,
                        _ => Part::Wait,
                    };
                    let d = usize::from(s.dir == Some(Dir::Reverse));
                    Key::Link(link.as_str(), part, d)
                }
                (StepKind::Transfer, _, Some(kind)) => Key::Transfer(s.from.as_str(), kind),
                _ => continue,
            };
            if let Some(&e) = keys.get(&key) {
                if !elements.contains(&e) {
                    elements.push(e);
                    element_hours += hours[e];
                }
            }
        }
        let total_hours = route.total.hours;
        Path {
            fixed: route.total.usd + vot * (total_hours - element_hours),
            fixed_hours: total_hours - element_hours,
            route,
            elements,
            teu: 0.0,
        }
    }

    /// Its generalized cost at the elements' `hours`: the fixed part + `vot` × their hours.
    pub(super) fn cost(&self, vot: f64, hours: &[f64]) -> f64 {
        self.fixed + vot * self.elements.iter().map(|&e| hours[e]).sum::<f64>()
    }

    /// Whether it travels the same route as `other`: the same nodes, and step by step the same
    /// kind, link and transfer.
    pub(super) fn same_route(&self, other: &Route) -> bool {
        let (a, b) = (&self.route, other);
        a.nodes == b.nodes
            && a.steps.len() == b.steps.len()
            && a.steps
                .iter()
                .zip(&b.steps)
                .all(|(x, y)| x.kind == y.kind && x.link == y.link && x.transfer == y.transfer)
    }
}

/// Moves `step` TEU a year from path `from` to path `to` of one flow, updating the loads and
/// hours of the elements either path uses.
pub(super) fn shift(
    queues: &Queues<'_>,
    paths: &mut [Path],
    (from, to): (usize, usize),
    step: f64,
    (loads, hours): (&mut [f64], &mut [f64]),
) -> Result<()> {
    paths[from].teu -= step;
    paths[to].teu += step;
    for (p, sign) in [(from, -1.0), (to, 1.0)] {
        for &e in &paths[p].elements {
            loads[e] += sign * step;
            hours[e] = queues.hours(e, loads[e])?;
        }
    }
    Ok(())
}
