//! The Pareto front on two or three criteria, [`Router::pareto`]: every route that no other beats
//! on one criterion without losing on another, found by multi-criteria label setting bounded by
//! the destination (`labels.rs`), near-duplicates then dropped within a tolerance; within the
//! router's [`crate::routing::Budget`] of time, labels and points, or an error that says which
//! limit was hit and how to narrow the query.

use crate::error::{Error, Result};
use crate::routing::budget::Deadline;
use crate::routing::constraints::{Constraints, Relax};
use crate::routing::labels::{Ask, Costs, Stop};
use crate::routing::metrics::{Metrics, Objective};
use crate::routing::route::Route;
use crate::routing::Router;
use crate::text::thousands;

impl Router<'_> {
    /// The exact Pareto front on two or three criteria (time, cost, co2): every route that no
    /// other route beats on one criterion without losing on another, in order of the first
    /// criterion. Points within a factor 1 + `epsilon` of an earlier point on every criterion are
    /// dropped as near-duplicates (`epsilon = 0` keeps all).
    ///
    /// The search is bounded by the router's [`crate::routing::Budget`]: more labels or time
    /// than it allows, or more points than it lists, is an error naming the limit.
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
        let ask = Ask {
            start: self.compact.start(from),
            goal: self.compact.end(to),
            open: &|m: &_| gate.move_open(m),
            criteria: &crit,
            k: criteria.len(),
        };
        let mut deadline = Deadline::after(self.budget.time);
        let front = self
            .compact
            .pareto_front(&ask, self.budget.labels, &mut deadline)
            .map_err(|stop| stopped(stop, &deadline))?;
        let kept = near_duplicates_dropped(front, epsilon, &mut deadline)
            .map_err(|stop| stopped(stop, &deadline))?;
        if kept.len() > self.budget.front_points {
            return Err(Error::InvalidArgument(format!(
                "the Pareto front has {} points, more than the {} a front lists: merge near points \
                 with --epsilon (0.01 keeps one point per 1 % on every criterion), or narrow the \
                 query with --modes or --avoid",
                thousands(kept.len() as f64),
                thousands(self.budget.front_points as f64)
            )));
        }
        Ok(kept
            .into_iter()
            .map(|(_, path)| self.build_route(from, to, criteria[0], c, &path))
            .collect())
    }
}

/// The points of a front (in order of the first criterion) less those within a factor
/// 1 + `epsilon` of an earlier kept point on every criterion (none when `epsilon` is 0). A point
/// near a kept one is no more than a factor 1 + `epsilon` above it on the first criterion, so
/// only the kept points that close are looked at.
fn near_duplicates_dropped(
    front: Vec<(Costs, Vec<u32>)>,
    epsilon: f64,
    deadline: &mut Deadline,
) -> std::result::Result<Vec<(Costs, Vec<u32>)>, Stop> {
    if epsilon == 0.0 {
        return Ok(front);
    }
    let mut kept: Vec<(Costs, Vec<u32>)> = Vec::new();
    for (v, path) in front {
        let mut near = false;
        for (k, _) in kept.iter().rev() {
            if deadline.passed() {
                return Err(Stop::Time {
                    labels: 0,
                    points: kept.len(),
                });
            }
            if k[0] * (1.0 + epsilon) < v[0] {
                break;
            }
            if k.iter()
                .zip(&v)
                .all(|(a, b)| *a <= b * (1.0 + epsilon) && *b <= a * (1.0 + epsilon))
            {
                near = true;
                break;
            }
        }
        if !near {
            kept.push((v, path));
        }
    }
    Ok(kept)
}

/// The error of a Pareto search that stopped at a limit of its budget.
fn stopped(stop: Stop, deadline: &Deadline) -> Error {
    let narrow = "narrow the query: two criteria rather than three, fewer modes (--modes) or \
                  places avoided (--avoid)";
    Error::InvalidArgument(match stop {
        Stop::Labels(max) => format!(
            "the Pareto search needs more than {} labels (partial routes), its limit: {narrow}",
            thousands(max as f64)
        ),
        Stop::Time { labels, points } => format!(
            "the Pareto search stopped at its time limit of {} ({} labels, {} points of the front \
             so far): {narrow}, or allow more time (`pareto --time-limit SECONDS`)",
            deadline.words(),
            thousands(labels as f64),
            thousands(points as f64)
        ),
    })
}
