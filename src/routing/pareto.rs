//! The Pareto front on two or three criteria, [`Router::pareto`]: every route that no other beats
//! on one criterion without losing on another, found by multi-criteria label setting (Martins'
//! algorithm) on the compact graph, near-duplicates then dropped within a tolerance.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::error::{Error, Result};
use crate::routing::constraints::{Constraints, Relax};
use crate::routing::graph::Move;
use crate::routing::metrics::{Metrics, Objective};
use crate::routing::route::Route;
use crate::routing::search::{Compact, NONE};
use crate::routing::Router;

impl Router<'_> {
    /// The exact Pareto front on two or three criteria (time, cost, co2): every route that no
    /// other route beats on one criterion without losing on another, in order of the first
    /// criterion. Points within a factor 1 + `epsilon` of an earlier point on every criterion are
    /// dropped as near-duplicates (`epsilon = 0` keeps all).
    pub fn pareto(
        &self,
        from: usize,
        to: usize,
        criteria: &[Objective],
        c: &Constraints,
        epsilon: f64,
    ) -> Result<Vec<Route>> {
        self.check_query(from, to, c)?;
        if from == to {
            return Err(Error::InvalidArgument(
                "origin and destination are the same node".into(),
            ));
        }
        if !(2..=3).contains(&criteria.len())
            || criteria
                .iter()
                .any(|o| !matches!(o, Objective::Time | Objective::Cost | Objective::Co2))
        {
            return Err(Error::InvalidArgument(
                "the Pareto front takes two or three of the criteria time, cost and co2".into(),
            ));
        }
        if !(epsilon.is_finite() && (0.0..=1.0).contains(&epsilon)) {
            return Err(Error::InvalidArgument(format!(
                "epsilon {epsilon} must lie in 0…1"
            )));
        }
        let gate = self.facts.gate(c, Relax::NONE);
        let crit = |m: &Metrics| {
            let mut v = [0.0; 3];
            for (i, o) in criteria.iter().enumerate() {
                v[i] = m.value(*o, c.value_of_time);
            }
            v
        };
        let front = self
            .compact
            .pareto(
                self.search.start[from].index() as u32,
                self.search.end[to].index() as u32,
                |m| gate.move_open(m),
                crit,
                2_000_000,
            )
            .ok_or_else(|| {
                Error::InvalidArgument("the Pareto search needs more than 2,000,000 labels".into())
            })?;
        let mut kept: Vec<([f64; 3], Vec<u32>)> = Vec::new();
        for (v, path) in front {
            let near = kept.iter().any(|(k, _)| {
                k.iter()
                    .zip(&v)
                    .all(|(a, b)| *a <= b * (1.0 + epsilon) && *b <= a * (1.0 + epsilon))
            });
            if epsilon == 0.0 || !near {
                kept.push((v, path));
            }
        }
        Ok(kept
            .into_iter()
            .map(|(_, path)| self.build_route(from, to, criteria[0], c, &path))
            .collect())
    }
}

impl Compact {
    /// Every non-dominated path from `start` to `goal` on up to three criteria (multi-criteria
    /// label setting, Martins' algorithm): labels leave a heap in lexicographic order, a label is
    /// made permanent at its state unless a permanent label there is at least as good on every
    /// criterion, and only permanent labels are extended. With non-negative criteria the permanent
    /// labels at the goal are exactly the Pareto front (ties between equal vectors keep the one
    /// found first). `None` when more than `max_labels` labels would be needed.
    fn pareto(
        &self,
        start: u32,
        goal: u32,
        open: impl Fn(&Move) -> bool,
        criteria: impl Fn(&Metrics) -> [f64; 3],
        max_labels: usize,
    ) -> Option<Vec<([f64; 3], Vec<u32>)>> {
        struct Label {
            v: [f64; 3],
            state: u32,
            arc: u32,
            parent: u32,
        }
        #[derive(PartialEq)]
        struct Item([f64; 3], u32);
        impl Eq for Item {}
        impl Ord for Item {
            fn cmp(&self, o: &Item) -> Ordering {
                let lex = |a: &[f64; 3], b: &[f64; 3]| {
                    a[0].total_cmp(&b[0])
                        .then(a[1].total_cmp(&b[1]))
                        .then(a[2].total_cmp(&b[2]))
                };
                lex(&o.0, &self.0).then(o.1.cmp(&self.1))
            }
        }
        impl PartialOrd for Item {
            fn partial_cmp(&self, o: &Item) -> Option<Ordering> {
                Some(self.cmp(o))
            }
        }
        let covers = |a: &[f64; 3], b: &[f64; 3]| a.iter().zip(b).all(|(x, y)| x <= y);
        let n = self.states();
        let mut labels: Vec<Label> = vec![Label {
            v: [0.0; 3],
            state: start,
            arc: NONE,
            parent: NONE,
        }];
        let mut permanent: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut heap = BinaryHeap::new();
        heap.push(Item([0.0; 3], 0));
        while let Some(Item(v, id)) = heap.pop() {
            let s = labels[id as usize].state as usize;
            if permanent[s]
                .iter()
                .any(|&p| covers(&labels[p as usize].v, &v))
            {
                continue;
            }
            permanent[s].push(id);
            if s == goal as usize {
                continue;
            }
            for i in self.out(s) {
                let a = &self.arcs[i as usize];
                if !open(&a.what) {
                    continue;
                }
                let w = criteria(&a.metrics);
                let nv = [v[0] + w[0], v[1] + w[1], v[2] + w[2]];
                let h = a.head as usize;
                if permanent[h]
                    .iter()
                    .any(|&p| covers(&labels[p as usize].v, &nv))
                {
                    continue;
                }
                if labels.len() >= max_labels {
                    return None;
                }
                labels.push(Label {
                    v: nv,
                    state: a.head,
                    arc: i,
                    parent: id,
                });
                heap.push(Item(nv, (labels.len() - 1) as u32));
            }
        }
        Some(
            permanent[goal as usize]
                .iter()
                .map(|&id| {
                    let mut path = Vec::new();
                    let mut l = id;
                    while labels[l as usize].parent != NONE {
                        path.push(labels[l as usize].arc);
                        l = labels[l as usize].parent;
                    }
                    path.reverse();
                    (labels[id as usize].v, path)
                })
                .collect(),
        )
    }
}
