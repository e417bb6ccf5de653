//! [`Progress`]: how much of a long computation is done, counted by the library as it works and
//! read by a front end on another thread (the command line draws a bar on a terminal from it).
//!
//! The library never prints and no answer depends on the count. A computation that can take
//! more than a second — loading a large network (bytes read and checked, both passes), a sweep
//! (routes computed: the grid, then the refinement of its switches), a reliability study
//! (samples drawn), an assignment (iterations), a skim (searches, one per origin and objective)
//! — takes a `Progress` and, as it starts each part,
//! [`Progress::reserve`]s the units it is about to do, then [`Progress::advance`]s as they are
//! done. A front end that knows the size of a whole job made of several parts can
//! [`Progress::expect`] it first; the parts then find their room reserved and the total does not
//! move.
//!
//! The default `Progress` counts nothing and costs nothing; [`Progress::counting`] makes one that
//! counts, shared by its clones (a clone handed to a study counts into the same total).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A shared count of work done out of work announced (see the module's documentation).
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<Counts>>);

#[derive(Default)]
struct Counts {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// A progress that counts; its clones count into the same numbers.
    pub fn counting() -> Progress {
        Progress(Some(Arc::new(Counts::default())))
    }

    /// Adds `n` units to the total: a front end's size of a whole job, before its parts start.
    pub fn expect(&self, n: u64) {
        if let Some(c) = &self.0 {
            c.total.fetch_add(n, Ordering::Relaxed);
        }
    }

    /// Makes room for `n` more units: raises the total to the units done plus `n` when it is
    /// lower (a part of a job calls this as it starts; room already expected is used first).
    pub fn reserve(&self, n: u64) {
        if let Some(c) = &self.0 {
            let want = c.done.load(Ordering::Relaxed).saturating_add(n);
            c.total.fetch_max(want, Ordering::Relaxed);
        }
    }

    /// Counts `n` units done.
    pub fn advance(&self, n: u64) {
        if let Some(c) = &self.0 {
            c.done.fetch_add(n, Ordering::Relaxed);
        }
    }

    /// The units done so far.
    pub fn done(&self) -> u64 {
        self.0
            .as_ref()
            .map_or(0, |c| c.done.load(Ordering::Relaxed))
    }

    /// The units announced so far (0 when nothing was announced).
    pub fn total(&self) -> u64 {
        self.0
            .as_ref()
            .map_or(0, |c| c.total.load(Ordering::Relaxed))
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Progress({}/{})", self.done(), self.total())
    }
}

/// Any two are equal: a progress is not part of what a computation computes, so options that
/// differ only in it ask for the same answer.
impl PartialEq for Progress {
    fn eq(&self, _: &Progress) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserve_uses_the_room_expected_and_grows_the_total_past_it() {
        let p = Progress::counting();
        p.expect(10);
        p.reserve(4);
        assert_eq!(p.total(), 10, "room was expected");
        p.advance(8);
        p.reserve(4);
        assert_eq!(p.total(), 12, "8 done + 4 more");
        let clone = p.clone();
        clone.advance(4);
        assert_eq!((p.done(), p.total()), (12, 12));
    }

    #[test]
    fn the_default_counts_nothing() {
        let p = Progress::default();
        p.expect(5);
        p.advance(3);
        assert_eq!((p.done(), p.total()), (0, 0));
    }
}
