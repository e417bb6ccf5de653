//! The multi-criteria label-setting search behind [`crate::routing::Router::pareto`], bounded by
//! the destination (NAMOA*-style, Mandow and Pérez de la Cruz 2010, on Martins' label setting):
//!
//! - **lower bounds**: one reverse Dijkstra per criterion from the destination gives, for every
//!   state, the least it can still cost to arrive on that criterion. A label's *estimate* is its
//!   cost so far plus these bounds; a state from which the destination cannot be reached gets no
//!   label at all;
//! - **order**: labels leave the heap in lexicographic order of their estimates. The bounds are
//!   consistent (exact shortest distances), so an estimate never falls along a path, and of two
//!   labels at one state the one with the lesser cost leaves first: a label made permanent is
//!   never beaten later at its state;
//! - **pruning**: a label is dropped when a permanent label at its state, or at the destination
//!   for its estimate, covers it (is at least as good on every criterion). Every completion of a
//!   label costs at least its estimate, so a label whose estimate a destination label covers
//!   cannot lead to a new point of the front: the front stays exact, and the search stops as soon
//!   as nothing left can improve it.
//!
//! On two criteria the front's extreme points come first, from two lexicographic shortest paths
//! (time then cost, cost then time): no point of the front is worse than them on either
//! criterion (their *nadir*), so a label whose estimate exceeds it on one is dominated by one of
//! them, and the reverse searches stop at that distance. A query between neighbours then
//! explores their neighbourhood, not the network.
//!
//! Each state's permanent labels are a [`Front`]: mutually non-dominated, sorted by the first
//! criterion, so that on two criteria "is this covered?" is a binary search (on three, a scan of
//! the labels no worse on the first).
//!
//! The search stops with [`Stop`] when it would hold more labels than its budget or outlives its
//! deadline.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::routing::budget::Deadline;
use crate::routing::graph::Move;
use crate::routing::metrics::{Lex, Metrics};
use crate::routing::search::{Compact, NONE};

/// A cost vector on up to three criteria (unused ones 0).
pub(crate) type Costs = [f64; 3];

/// Why a label-setting search stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// It would have held more labels than this.
    Labels(usize),
    /// Its deadline passed; it held this many labels and had this many points of the front.
    Time { labels: usize, points: usize },
}

/// The permanent labels of one state: mutually non-dominated, sorted by the first criterion
/// (on two criteria the second then strictly falls).
#[derive(Debug, Clone, Default)]
pub(crate) struct Front {
    items: Vec<(Costs, u32)>,
}

impl Front {
    /// Whether a label of the front is at least as good as `v` on every criterion (`k` of them).
    pub fn covers(&self, v: &Costs, k: usize) -> bool {
        let end = self.items.partition_point(|(p, _)| p[0] <= v[0]);
        if k <= 2 {
            // The last label no worse on the first criterion is the best on the second.
            end > 0 && self.items[end - 1].0[1] <= v[1]
        } else {
            self.items[..end]
                .iter()
                .any(|(p, _)| p[1] <= v[1] && p[2] <= v[2])
        }
    }

    /// Adds `v` (not covered), dropping the labels it dominates.
    pub fn insert(&mut self, v: Costs, id: u32) {
        let start = self.items.partition_point(|(p, _)| p[0] < v[0]);
        let dominated = |p: &Costs| p[1] >= v[1] && p[2] >= v[2];
        let mut keep = start;
        for i in start..self.items.len() {
            if !dominated(&self.items[i].0) {
                self.items.swap(keep, i);
                keep += 1;
            }
        }
        self.items.truncate(keep);
        self.items.insert(start, (v, id));
    }

    /// The labels, in order of the first criterion.
    pub fn ids(&self) -> impl Iterator<Item = (Costs, u32)> + '_ {
        self.items.iter().copied()
    }

    /// How many labels it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}

/// A label: its costs so far, its state, and the move and label it was reached by.
struct Label {
    v: Costs,
    state: u32,
    arc: u32,
    parent: u32,
}

/// A heap entry: a label's estimate, its cost on the first criterion and its id. The least
/// estimate leaves first; of equal estimates, the label furthest along (the greatest cost, so
/// the least bound left: towards the goal first, as A* breaks ties), then the earliest label.
#[derive(PartialEq)]
struct Item(Costs, f64, u32);

impl Eq for Item {}

impl Ord for Item {
    fn cmp(&self, o: &Item) -> Ordering {
        let lex = |a: &Costs, b: &Costs| {
            a[0].total_cmp(&b[0])
                .then(a[1].total_cmp(&b[1]))
                .then(a[2].total_cmp(&b[2]))
        };
        lex(&o.0, &self.0)
            .then(self.1.total_cmp(&o.1))
            .then(o.2.cmp(&self.2))
    }
}

impl PartialOrd for Item {
    fn partial_cmp(&self, o: &Item) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// What a label-setting search is asked: the ends, the moves open to it and its criteria.
pub(crate) struct Ask<'q, O, C> {
    /// Start state.
    pub start: u32,
    /// Goal state.
    pub goal: u32,
    /// Whether a move is open.
    pub open: &'q O,
    /// A move's costs on the criteria.
    pub criteria: &'q C,
    /// How many criteria (2 or 3).
    pub k: usize,
}

impl Compact {
    /// Every non-dominated path from `ask.start` to `ask.goal` (see the module's documentation):
    /// each point's costs and its moves, in order of the first criterion. Ties between equal
    /// vectors keep the path found first.
    pub(crate) fn pareto_front<O, C>(
        &self,
        ask: &Ask<'_, O, C>,
        max_labels: usize,
        deadline: &mut Deadline,
    ) -> Result<Vec<(Costs, Vec<u32>)>, Stop>
    where
        O: Fn(&Move) -> bool,
        C: Fn(&Metrics) -> Costs,
    {
        let (k, goal) = (ask.k, ask.goal as usize);
        let cut = if k == 2 {
            match self.nadir(ask) {
                Some(cut) => Some(cut),
                None => return Ok(Vec::new()),
            }
        } else {
            None
        };
        let beyond = |f: &Costs| cut.is_some_and(|t| f[0] > t[0] || f[1] > t[1]);
        let bound = self.lower_bounds(ask, cut, deadline)?;
        let n = self.states();
        let mut labels: Vec<Label> = Vec::new();
        // Per state, its front's index in `fronts` (NONE until it has a permanent label).
        let mut slot: Vec<u32> = vec![NONE; n];
        let mut fronts: Vec<Front> = vec![Front::default()];
        slot[goal] = 0;
        let covered = |fronts: &[Front], slot: &[u32], s: usize, v: &Costs| {
            slot[s] != NONE && fronts[slot[s] as usize].covers(v, k)
        };
        let mut heap = BinaryHeap::new();
        if let Some(h) = bound[ask.start as usize] {
            labels.push(Label {
                v: [0.0; 3],
                state: ask.start,
                arc: NONE,
                parent: NONE,
            });
            heap.push(Item(h, 0.0, 0));
        }
        while let Some(Item(f, _, id)) = heap.pop() {
            if deadline.passed() {
                return Err(Stop::Time {
                    labels: labels.len(),
                    points: fronts[0].len(),
                });
            }
            let (v, s) = (labels[id as usize].v, labels[id as usize].state as usize);
            if fronts[0].covers(&f, k) || covered(&fronts, &slot, s, &v) {
                continue;
            }
            if slot[s] == NONE {
                slot[s] = fronts.len() as u32;
                fronts.push(Front::default());
            }
            fronts[slot[s] as usize].insert(v, id);
            if s == goal {
                continue;
            }
            for i in self.out(s) {
                let a = self.arcs[i as usize];
                let Some(h) = bound[a.head as usize] else {
                    continue;
                };
                if !(ask.open)(&self.decode(a.what)) {
                    continue;
                }
                let w = (ask.criteria)(&self.metrics(a.what));
                let nv = [v[0] + w[0], v[1] + w[1], v[2] + w[2]];
                let nf = [nv[0] + h[0], nv[1] + h[1], nv[2] + h[2]];
                if beyond(&nf)
                    || fronts[0].covers(&nf, k)
                    || covered(&fronts, &slot, a.head as usize, &nv)
                {
                    continue;
                }
                if labels.len() >= max_labels {
                    return Err(Stop::Labels(max_labels));
                }
                labels.push(Label {
                    v: nv,
                    state: a.head,
                    arc: i,
                    parent: id,
                });
                heap.push(Item(nf, nv[0], (labels.len() - 1) as u32));
            }
        }
        Ok(fronts[0]
            .ids()
            .map(|(v, id)| {
                let mut path = Vec::new();
                let mut l = id as usize;
                while labels[l].parent != NONE {
                    path.push(labels[l].arc);
                    l = labels[l].parent as usize;
                }
                path.reverse();
                (v, path)
            })
            .collect())
    }

    /// On two criteria, how far the front reaches on each: the second criterion of the path
    /// best by the first then the second, and the first of the path best by the second then the
    /// first (the front's extreme points), with a margin of rounding; `None` when the goal cannot
    /// be reached. A path beyond it on one criterion is dominated by an extreme point.
    fn nadir<O, C>(&self, ask: &Ask<'_, O, C>) -> Option<[f64; 2]>
    where
        O: Fn(&Move) -> bool,
        C: Fn(&Metrics) -> Costs,
    {
        let extreme = |first: usize| {
            let path = self.shortest(ask.start, ask.goal, ask.open, |_, m: &Metrics| {
                let w = (ask.criteria)(m);
                Lex(w[first], w[1 - first])
            })?;
            let mut v = [0.0; 2];
            for i in path {
                let w = (ask.criteria)(&self.metrics(self.arcs[i as usize].what));
                v = [v[0] + w[0], v[1] + w[1]];
            }
            Some(v)
        };
        let (a, b) = (extreme(0)?, extreme(1)?);
        let margin = |x: f64| x + x.abs() * 1e-9 + 1e-9;
        Some([margin(b[0]), margin(a[1])])
    }

    /// Per state, the least cost on each criterion of reaching the goal over open moves (one
    /// reverse Dijkstra per criterion); `None` where the goal cannot be reached, or, with a `cut`,
    /// where it costs more than the cut on some criterion (the search stops there).
    fn lower_bounds<O, C>(
        &self,
        ask: &Ask<'_, O, C>,
        cut: Option<[f64; 2]>,
        deadline: &mut Deadline,
    ) -> Result<Vec<Option<Costs>>, Stop>
    where
        O: Fn(&Move) -> bool,
        C: Fn(&Metrics) -> Costs,
    {
        let n = self.states();
        // The moves grouped by the state they reach, each with the state it leaves.
        let mut first_in = vec![0u32; n + 1];
        for a in &self.arcs {
            first_in[a.head as usize + 1] += 1;
        }
        for s in 0..n {
            first_in[s + 1] += first_in[s];
        }
        let mut next = first_in.clone();
        let mut into = vec![(0u32, 0u32); self.arcs.len()];
        for s in 0..n {
            for i in self.out(s) {
                let slot = &mut next[self.arcs[i as usize].head as usize];
                into[*slot as usize] = (s as u32, i);
                *slot += 1;
            }
        }
        drop(next);
        let mut bound: Vec<Option<Costs>> = vec![None; n];
        let mut settled = vec![0u8; n];
        for c in 0..ask.k {
            let limit = cut.map_or(f64::INFINITY, |t| t[c]);
            let mut dist = vec![f64::INFINITY; n];
            let mut heap = BinaryHeap::new();
            dist[ask.goal as usize] = 0.0;
            // Weights are finite and ≥ 0, so their bit patterns order as the numbers do.
            heap.push(Reverse((0u64, ask.goal)));
            while let Some(Reverse((bits, s))) = heap.pop() {
                let d = f64::from_bits(bits);
                if d > dist[s as usize] {
                    continue;
                }
                if d > limit {
                    break;
                }
                settled[s as usize] += 1;
                if deadline.passed() {
                    return Err(Stop::Time {
                        labels: 0,
                        points: 0,
                    });
                }
                let s = s as usize;
                for &(tail, i) in &into[first_in[s] as usize..first_in[s + 1] as usize] {
                    let what = self.arcs[i as usize].what;
                    if !(ask.open)(&self.decode(what)) {
                        continue;
                    }
                    let nd = d + (ask.criteria)(&self.metrics(what))[c] + 0.0;
                    if nd < dist[tail as usize] {
                        dist[tail as usize] = nd;
                        heap.push(Reverse((nd.to_bits(), tail)));
                    }
                }
            }
            for (b, d) in bound.iter_mut().zip(&dist) {
                if d.is_finite() {
                    b.get_or_insert([0.0; 3])[c] = *d;
                }
            }
        }
        // A state the cut search did not settle on every criterion lies beyond the cut.
        for (b, &times) in bound.iter_mut().zip(&settled) {
            if usize::from(times) < ask.k {
                *b = None;
            }
        }
        Ok(bound)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::network::Mode;
    use crate::routing::constraints::{Constraints, Relax};
    use crate::routing::fixture::ladder;
    use crate::routing::{Budget, Objective, Router};

    /// The search as it was before it was bounded by the destination (Martins' label setting,
    /// lexicographic order of costs, every label extended): the reference the bounded search must
    /// agree with.
    fn unbounded(
        g: &Compact,
        start: u32,
        goal: u32,
        open: impl Fn(&Move) -> bool,
        criteria: impl Fn(&Metrics) -> Costs,
    ) -> Vec<Costs> {
        let covers = |a: &Costs, b: &Costs| a.iter().zip(b).all(|(x, y)| x <= y);
        let mut labels: Vec<(Costs, u32)> = vec![([0.0; 3], start)];
        let mut permanent: Vec<Vec<u32>> = vec![Vec::new(); g.states()];
        let mut heap = BinaryHeap::new();
        heap.push(Item([0.0; 3], 0.0, 0));
        while let Some(Item(v, _, id)) = heap.pop() {
            let s = labels[id as usize].1 as usize;
            if permanent[s]
                .iter()
                .any(|&p| covers(&labels[p as usize].0, &v))
            {
                continue;
            }
            permanent[s].push(id);
            if s == goal as usize {
                continue;
            }
            for i in g.out(s) {
                let a = g.arcs[i as usize];
                if !open(&g.decode(a.what)) {
                    continue;
                }
                let w = criteria(&g.metrics(a.what));
                let nv = [v[0] + w[0], v[1] + w[1], v[2] + w[2]];
                let h = a.head as usize;
                if permanent[h]
                    .iter()
                    .any(|&p| covers(&labels[p as usize].0, &nv))
                {
                    continue;
                }
                labels.push((nv, a.head));
                // (The tie-break on cost does nothing here: equal vectors have equal costs.)
                heap.push(Item(nv, nv[0], (labels.len() - 1) as u32));
            }
        }
        permanent[goal as usize]
            .iter()
            .map(|&id| labels[id as usize].0)
            .collect()
    }

    /// The bounded and the unbounded front of one query, as cost vectors.
    fn both(
        r: &Router,
        from: usize,
        to: usize,
        crit: &[Objective],
        c: &Constraints,
    ) -> [Vec<Costs>; 2] {
        let gate = r.facts.gate(c, Relax::NONE);
        let criteria = |m: &Metrics| {
            let mut v = [0.0; 3];
            for (i, o) in crit.iter().enumerate() {
                v[i] = m.value(*o, c.value_of_time);
            }
            v
        };
        let (start, goal) = (r.compact.start(from), r.compact.end(to));
        let ask = Ask {
            start,
            goal,
            open: &|m: &Move| gate.move_open(m),
            criteria: &criteria,
            k: crit.len(),
        };
        let mut deadline = Deadline::after(Duration::from_secs(60));
        let bounded = r
            .compact
            .pareto_front(&ask, usize::MAX, &mut deadline)
            .unwrap()
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        let mut reference = unbounded(&r.compact, start, goal, |m| gate.move_open(m), criteria);
        reference.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
        [bounded, reference]
    }

    fn same(a: &[Costs], b: &[Costs]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.iter()
                    .zip(y)
                    .all(|(p, q)| (p - q).abs() <= 1e-9 * p.abs().max(1.0))
            })
    }

    #[test]
    fn the_bounded_front_is_the_unbounded_one_on_the_shipped_network() {
        let net = crate::load::embedded().unwrap();
        let r = Router::new(&net).unwrap();
        let sets: [&[Objective]; 4] = [
            &[Objective::Time, Objective::Cost],
            &[Objective::Cost, Objective::Co2],
            &[Objective::Co2, Objective::Time],
            &[Objective::Time, Objective::Cost, Objective::Co2],
        ];
        // A small deterministic generator, so that a failing case is a seed.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let n = net.nodes.len();
        for case in 0..24 {
            let (from, to) = (next(n), next(n));
            if from == to {
                continue;
            }
            let mut c = Constraints::defaults(&net);
            match next(4) {
                0 => {
                    c.avoid_countries.insert("RU".into());
                }
                1 => {
                    c.modes.remove(&Mode::Road);
                }
                2 => c.year = 2030,
                _ => {}
            }
            let crit = sets[case % sets.len()];
            let [bounded, reference] = both(&r, from, to, crit, &c);
            assert!(
                same(&bounded, &reference),
                "case {case}: {} → {} by {crit:?}: bounded {bounded:?}\nunbounded {reference:?}",
                net.nodes[from].id,
                net.nodes[to].id
            );
        }
    }

    #[test]
    fn the_bounded_front_is_the_unbounded_one_on_a_ladder() {
        let net = ladder(8);
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let (a, b) = (net.node_index("j0").unwrap(), net.node_index("j8").unwrap());
        let [bounded, reference] = both(&r, a, b, &[Objective::Time, Objective::Cost], &c);
        assert_eq!(bounded.len(), 256);
        assert!(same(&bounded, &reference));
        // Backwards as well (every link runs both ways).
        let [bounded, reference] = both(&r, b, a, &[Objective::Cost, Objective::Time], &c);
        assert!(same(&bounded, &reference));
    }

    #[test]
    fn a_search_past_its_budget_says_which_limit_it_hit() {
        let net = ladder(10);
        let c = Constraints::defaults(&net);
        let (a, b) = (
            net.node_index("j0").unwrap(),
            net.node_index("j10").unwrap(),
        );
        let crit = [Objective::Time, Objective::Cost];
        let with = |budget: Budget| Router::new(&net).unwrap().with_budget(budget);
        let e = with(Budget {
            time: Duration::ZERO,
            ..Budget::default()
        })
        .pareto(a, b, &crit, &c, 0.0)
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("time limit of 0 ms") && e.contains("narrow the query"),
            "{e}"
        );
        let e = with(Budget {
            labels: 100,
            ..Budget::default()
        })
        .pareto(a, b, &crit, &c, 0.0)
        .unwrap_err()
        .to_string();
        assert!(e.contains("more than 100 labels"), "{e}");
        let e = with(Budget {
            front_points: 1000,
            ..Budget::default()
        })
        .pareto(a, b, &crit, &c, 0.0)
        .unwrap_err()
        .to_string();
        assert!(e.contains("1,024 points") && e.contains("--epsilon"), "{e}");
        let merged = with(Budget {
            front_points: 1000,
            ..Budget::default()
        })
        .pareto(a, b, &crit, &c, 0.05)
        .unwrap();
        assert!(merged.len() < 1000 && merged.len() > 10, "{}", merged.len());
    }

    #[test]
    fn a_front_covers_what_it_dominates_and_drops_what_a_new_point_dominates() {
        let mut f = Front::default();
        f.insert([1.0, 5.0, 0.0], 0);
        f.insert([3.0, 2.0, 0.0], 1);
        assert!(f.covers(&[2.0, 5.0, 0.0], 2));
        assert!(f.covers(&[3.0, 2.0, 0.0], 2), "equal is covered");
        assert!(!f.covers(&[2.0, 4.0, 0.0], 2));
        assert!(!f.covers(&[0.5, 9.0, 0.0], 2));
        // A point better than both replaces them.
        f.insert([1.0, 1.0, 0.0], 2);
        assert_eq!(f.ids().map(|(_, id)| id).collect::<Vec<_>>(), [2]);
        let mut g = Front::default();
        g.insert([1.0, 5.0, 5.0], 0);
        g.insert([2.0, 1.0, 9.0], 1);
        assert!(g.covers(&[3.0, 1.0, 9.0], 3));
        assert!(!g.covers(&[3.0, 1.0, 4.0], 3));
        g.insert([0.5, 0.5, 0.5], 2);
        assert_eq!(g.len(), 1);
    }
}
