//! The shortest-path search behind [`crate::routing::Router`]: Dijkstra on the [`SearchGraph`]'s
//! compact arrays (moves grouped by state, 8 bytes each, their km / hours / USD / CO2 computed in
//! advance per link and facility) with a four-ary heap, a workspace reused between queries so that
//! a run of queries allocates nothing that scales with the network, and constraints checked only
//! on the moves the search actually explores; also a plain reachability search, to explain a
//! missing route. (The Pareto front's multi-criteria search runs on the same arrays, in
//! `labels.rs`.)
//!
//! Weights are lexicographic (objective, then a tie-breaker, see [`Lex`]); the router has checked
//! that every weight is a finite number ≥ 0, which Dijkstra needs. A label is replaced only by a
//! strictly better one, states of equal weight leave the heap in index order, and the moves of a
//! state keep the graph's order (of two equal moves out of a state, the one first in the graph,
//! the link defined first, wins), so answers are deterministic.

use std::ops::Deref;
use std::sync::{Mutex, MutexGuard};

use crate::routing::graph::{Move, SearchGraph};
use crate::routing::metrics::{Lex, Metrics};

/// The search graph with a workspace for searching it. The workspace sits behind a mutex, so
/// that a router can be shared between threads (a skim searches from several origins at once,
/// each thread with a workspace of its own).
#[derive(Debug)]
pub(crate) struct Compact {
    graph: SearchGraph,
    workspace: Mutex<Workspace>,
}

impl Deref for Compact {
    type Target = SearchGraph;
    fn deref(&self) -> &SearchGraph {
        &self.graph
    }
}

impl Clone for Compact {
    /// The same arrays, with a fresh workspace.
    fn clone(&self) -> Compact {
        Compact::new(self.graph.clone())
    }
}

/// Per-state labels, valid only where `stamp` equals the current query's generation: resetting
/// costs nothing, so a query between neighbours does not pay for the whole network.
#[derive(Debug, Clone, Default)]
pub(crate) struct Workspace {
    generation: u32,
    stamp: Vec<u32>,
    dist: Vec<Lex>,
    pred: Vec<u32>,
    done: Vec<bool>,
    /// The labelled state a label was reached from (layered searches only).
    prev: Vec<u32>,
    heap: QuadHeap,
    stack: Vec<u32>,
}

/// A heap entry: the weight as one integer key, then the state (for determinism). The router
/// admits only finite weights ≥ 0 and sums start at +0.0, so comparing the IEEE bit patterns as
/// unsigned integers orders them exactly as the numbers: `(bits(w.0) << 64) | bits(w.1)` orders
/// [`Lex`] weights lexicographically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry(u128, u32);

impl Entry {
    fn new(w: Lex, state: u32) -> Entry {
        debug_assert!(w.0 >= 0.0 && w.1 >= 0.0 && w.0.is_finite() && w.1.is_finite());
        // `+ 0.0` turns a −0.0 into +0.0, whose bits sort first.
        let bits = |x: f64| (x + 0.0).to_bits() as u128;
        Entry((bits(w.0) << 64) | bits(w.1), state)
    }
}

/// A min-heap with four children per node: half the depth of a binary heap, and the four
/// children of a node share a cache line. Entries are never updated in place; a state may
/// appear more than once and the search skips the stale copies.
#[derive(Debug, Clone, Default)]
struct QuadHeap(Vec<Entry>);

impl QuadHeap {
    fn clear(&mut self) {
        self.0.clear();
    }

    fn push(&mut self, e: Entry) {
        let h = &mut self.0;
        let mut i = h.len();
        h.push(e);
        while i > 0 {
            let parent = (i - 1) / 4;
            if h[parent] <= e {
                break;
            }
            h[i] = h[parent];
            i = parent;
        }
        h[i] = e;
    }

    fn pop(&mut self) -> Option<Entry> {
        let h = &mut self.0;
        let last = h.pop()?;
        if h.is_empty() {
            return Some(last);
        }
        let top = h[0];
        let n = h.len();
        let mut i = 0;
        loop {
            let first = 4 * i + 1;
            if first >= n {
                break;
            }
            let mut best = first;
            for c in first + 1..(first + 4).min(n) {
                if h[c] < h[best] {
                    best = c;
                }
            }
            if h[best] >= last {
                break;
            }
            h[i] = h[best];
            i = best;
        }
        h[i] = last;
        Some(top)
    }
}

/// No state, no move: the mark of a path's start.
pub(crate) const NONE: u32 = u32::MAX;

impl Workspace {
    /// Starts a query on a graph of `n` states: a new generation, so every old label is stale.
    fn begin(&mut self, n: usize) -> u32 {
        if self.stamp.len() != n || self.generation == u32::MAX {
            *self = Workspace {
                stamp: vec![0; n],
                dist: vec![Lex::default(); n],
                pred: vec![NONE; n],
                done: vec![false; n],
                prev: vec![NONE; n],
                ..Workspace::default()
            };
        }
        self.generation += 1;
        self.generation
    }
}

impl Compact {
    /// A search graph, ready to search.
    pub fn new(graph: SearchGraph) -> Compact {
        Compact {
            graph,
            workspace: Mutex::new(Workspace::default()),
        }
    }

    /// The graph, to change its costs (see [`SearchGraph::reweigh`]).
    pub fn graph_mut(&mut self) -> &mut SearchGraph {
        &mut self.graph
    }

    /// The router's own workspace (a search that panicked left it consistent: every search
    /// starts a new generation, so a poisoned lock is taken as it is).
    pub fn workspace(&self) -> MutexGuard<'_, Workspace> {
        self.workspace.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The router's workspace, taken out for a search that asks other searches on the way (a
    /// skim explaining a missing route): give it back with [`Compact::put_workspace`].
    pub fn take_workspace(&self) -> Workspace {
        std::mem::take(&mut *self.workspace())
    }

    /// Gives back a workspace taken with [`Compact::take_workspace`].
    pub fn put_workspace(&self, ws: Workspace) {
        *self.workspace() = ws;
    }

    /// The cheapest path from state `start` to state `goal` over the moves `open` admits, weighted
    /// by `weight`; the indices of its moves in `arcs`, in order. (The layered search of
    /// [`Compact::shortest_through`] with no requirement.)
    pub fn shortest(
        &self,
        start: u32,
        goal: u32,
        open: impl Fn(&Move) -> bool,
        weight: impl Fn(&Move, &Metrics) -> Lex,
    ) -> Option<Vec<u32>> {
        self.shortest_through(start, goal, 0, open, |_| 0, weight)
    }

    /// Whether `goal` can be reached from `start` over the moves `open` admits: a plain graph
    /// search with no weights and no heap, for questions such as "which constraint cut every
    /// route".
    pub fn reachable(&self, start: u32, goal: u32, open: impl Fn(&Move) -> bool) -> bool {
        let mut ws = self.workspace();
        let ws = &mut *ws;
        let generation = ws.begin(self.states());
        let mut stack = std::mem::take(&mut ws.stack);
        stack.clear();
        stack.push(start);
        ws.stamp[start as usize] = generation;
        let mut found = false;
        while let Some(u) = stack.pop() {
            if u == goal {
                found = true;
                break;
            }
            let u = u as usize;
            for i in self.out(u) {
                let a = self.arcs[i as usize];
                if ws.stamp[a.head as usize] != generation && open(&self.decode(a.what)) {
                    ws.stamp[a.head as usize] = generation;
                    stack.push(a.head);
                }
            }
        }
        ws.stack = stack;
        found
    }

    /// Every state reachable from `start` over the moves `open` admits (what [`Compact::reachable`]
    /// answers for every goal at once).
    pub fn reach_all(&self, start: u32, open: impl Fn(&Move) -> bool) -> Vec<bool> {
        let mut seen = vec![false; self.states()];
        let mut stack = vec![start];
        seen[start as usize] = true;
        while let Some(u) = stack.pop() {
            for i in self.out(u as usize) {
                let a = self.arcs[i as usize];
                if !seen[a.head as usize] && open(&self.decode(a.what)) {
                    seen[a.head as usize] = true;
                    stack.push(a.head);
                }
            }
        }
        seen
    }

    /// The cheapest path that takes, for each of up to 8 requirements, at least one move whose bit
    /// `bits` sets: Dijkstra on (state, requirements met so far) layers, the goal counting only with
    /// every bit of `want` set. With `want = 0` there is one layer: the plain shortest path.
    pub fn shortest_through(
        &self,
        start: u32,
        goal: u32,
        want: u8,
        open: impl Fn(&Move) -> bool,
        bits: impl Fn(&Move) -> u8,
        weight: impl Fn(&Move, &Metrics) -> Lex,
    ) -> Option<Vec<u32>> {
        let n = self.states();
        let layers = want as usize + 1;
        let mut ws = self.workspace();
        let ws = &mut *ws;
        let generation = ws.begin(n * layers);
        ws.heap.clear();
        let key = |s: usize, m: u8| (s * layers + m as usize) as u32;
        let label = |ws: &mut Workspace, k: usize, d: Lex, p: u32, from: u32| {
            ws.stamp[k] = generation;
            ws.dist[k] = d;
            ws.pred[k] = p;
            // (One layer: the state left is the move's tail, found when the path is read back.)
            if layers > 1 {
                ws.prev[k] = from;
            }
            ws.done[k] = false;
        };
        let k0 = key(start as usize, 0);
        label(ws, k0 as usize, Lex(0.0, 0.0), NONE, NONE);
        ws.heap.push(Entry::new(Lex(0.0, 0.0), k0));
        let target = key(goal as usize, want);
        let mut reached = false;
        while let Some(Entry(_, k)) = ws.heap.pop() {
            let k = k as usize;
            if ws.done[k] {
                continue;
            }
            let d = ws.dist[k];
            ws.done[k] = true;
            if k == target as usize {
                reached = true;
                break;
            }
            // (A division costs tens of cycles; the plain search has one layer.)
            let (u, m) = if layers == 1 {
                (k, 0)
            } else {
                (k / layers, (k % layers) as u8)
            };
            for i in self.out(u) {
                let a = self.arcs[i as usize];
                let what = self.decode(a.what);
                if !open(&what) {
                    continue;
                }
                let v = key(a.head as usize, m | (bits(&what) & want)) as usize;
                let nd = d + weight(&what, &self.metrics(a.what));
                let fresh = ws.stamp[v] != generation;
                if fresh || (!ws.done[v] && nd.total_cmp(&ws.dist[v]).is_lt()) {
                    label(ws, v, nd, i, k as u32);
                    ws.heap.push(Entry::new(nd, v as u32));
                }
            }
        }
        if !reached {
            return None;
        }
        let mut path = Vec::new();
        let mut k = target as usize;
        while ws.pred[k] != NONE {
            path.push(ws.pred[k]);
            k = if layers == 1 {
                self.tail(ws.pred[k]) as usize
            } else {
                ws.prev[k] as usize
            };
        }
        path.reverse();
        Some(path)
    }

    /// The cheapest paths from state `start` to each state of `goals` (sorted, each once) over
    /// the moves `open` admits, weighted by `weight`, in one search that stops once every goal is
    /// settled or nothing more can be reached: per goal, the indices of its path's moves in
    /// `arcs`, or `None`. The search is [`Compact::shortest`]'s run carried on past
    /// each goal (the same heap, the same labels, the same order of moves), so each path is the
    /// one `shortest` finds for that goal alone. `ws` is the caller's (one per thread).
    pub fn shortest_to_each(
        &self,
        ws: &mut Workspace,
        start: u32,
        goals: &[u32],
        open: impl Fn(&Move) -> bool,
        weight: impl Fn(&Move, &Metrics) -> Lex,
    ) -> Vec<Option<Vec<u32>>> {
        debug_assert!(goals.windows(2).all(|w| w[0] < w[1]));
        let generation = ws.begin(self.states());
        ws.heap.clear();
        let s = start as usize;
        ws.stamp[s] = generation;
        ws.dist[s] = Lex(0.0, 0.0);
        ws.pred[s] = NONE;
        ws.done[s] = false;
        ws.heap.push(Entry::new(Lex(0.0, 0.0), start));
        let mut left = goals.len();
        while let Some(Entry(_, u)) = ws.heap.pop() {
            let u = u as usize;
            if left == 0 {
                break;
            }
            if ws.done[u] {
                continue;
            }
            ws.done[u] = true;
            if goals.binary_search(&(u as u32)).is_ok() {
                left -= 1;
            }
            let d = ws.dist[u];
            for i in self.out(u) {
                let a = self.arcs[i as usize];
                let what = self.decode(a.what);
                if !open(&what) {
                    continue;
                }
                let v = a.head as usize;
                let nd = d + weight(&what, &self.metrics(a.what));
                if ws.stamp[v] != generation || (!ws.done[v] && nd.total_cmp(&ws.dist[v]).is_lt()) {
                    ws.stamp[v] = generation;
                    ws.dist[v] = nd;
                    ws.pred[v] = i;
                    ws.done[v] = false;
                    ws.heap.push(Entry::new(nd, v as u32));
                }
            }
        }
        goals
            .iter()
            .map(|&g| {
                let mut k = g as usize;
                if ws.stamp[k] != generation || !ws.done[k] {
                    return None;
                }
                let mut path = Vec::new();
                while ws.pred[k] != NONE {
                    path.push(ws.pred[k]);
                    k = self.tail(ws.pred[k]) as usize;
                }
                path.reverse();
                Some(path)
            })
            .collect()
    }
}
