//! How much a search may spend: the [`Budget`] of a [`crate::routing::Router`]'s searches that can
//! grow beyond one shortest path (the Pareto front's label setting, the penalised searches of
//! alternatives), and the largest number of alternatives a query may ask for.
//!
//! A search that reaches a limit stops with an error that names the limit and says how to narrow
//! the query; it never runs on or answers with part of what was asked.

use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The most alternatives a query may ask for ([`crate::routing::Router::alternatives`], `route
/// --alternatives`, `reliability --alternatives`).
pub const MAX_ALTERNATIVES: usize = 20;

/// What a search may spend. The default: 10 s, 2,000,000 labels and a front of 10,000 points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Wall-clock time of one Pareto search or one set of alternatives.
    pub time: Duration,
    /// Labels (partial routes) a Pareto search may hold.
    pub labels: usize,
    /// Points a Pareto front may list (after `epsilon` merged near ones).
    pub front_points: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            time: Duration::from_secs(10),
            labels: 2_000_000,
            front_points: 10_000,
        }
    }
}

/// The moment a search must stop by, checked every so many steps (reading the clock costs tens
/// of nanoseconds; a step of a label-setting search costs less).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    end: Option<Instant>,
    limit: Duration,
    ticks: u32,
}

impl Deadline {
    /// The deadline `limit` from now (none when `limit` is beyond any clock).
    pub fn after(limit: Duration) -> Deadline {
        Deadline {
            end: Instant::now().checked_add(limit),
            limit,
            ticks: 0,
        }
    }

    /// Whether the time is up, reading the clock once every 256 calls.
    #[inline]
    pub fn passed(&mut self) -> bool {
        self.ticks = self.ticks.wrapping_add(1);
        self.ticks.is_multiple_of(256) && self.passed_now()
    }

    /// Whether the time is up, reading the clock now.
    pub fn passed_now(&self) -> bool {
        self.end.is_some_and(|end| Instant::now() >= end)
    }

    /// The limit, in words ("10 s", "250 ms").
    pub fn words(&self) -> String {
        duration_words(self.limit)
    }
}

/// A duration as a message gives it.
pub(crate) fn duration_words(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!(
            "{} s",
            crate::text::grouped(d.as_secs_f64(), 1).trim_end_matches(".0")
        )
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// Checks a number of alternatives: 1 to [`MAX_ALTERNATIVES`].
pub(crate) fn check_alternatives(k: usize) -> Result<()> {
    if (1..=MAX_ALTERNATIVES).contains(&k) {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "{k} alternatives: give 1 to {MAX_ALTERNATIVES} (each is a search; more would repeat \
             near-copies of the same corridors)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_a_person_reads_them() {
        assert_eq!(duration_words(Duration::from_secs(10)), "10 s");
        assert_eq!(duration_words(Duration::from_millis(2500)), "2.5 s");
        assert_eq!(duration_words(Duration::from_millis(5)), "5 ms");
        assert!(check_alternatives(0).is_err());
        assert!(check_alternatives(MAX_ALTERNATIVES).is_ok());
        assert!(check_alternatives(usize::MAX)
            .unwrap_err()
            .to_string()
            .contains("1 to 20"));
        // A limit beyond the clock's range never passes (and does not overflow).
        assert!(!Deadline::after(Duration::MAX).passed_now());
        assert!(Deadline::after(Duration::ZERO).passed_now());
    }
}
