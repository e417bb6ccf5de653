//! Running a screening on the network: each input's ends one at a time, the Morris trajectories,
//! then the Sobol samples of the top inputs, every point evaluated on a working copy of the base
//! network that the inputs' edits move from point to point (one copy per trajectory or sample
//! row, never one per point). Ends, trajectories and rows are items of the batch runner
//! ([`crate::studies::batch::evaluate`]): `jobs` at once, results in their order whatever `jobs`
//! is, a trajectory or row that fails recorded with its error while the others go on.

use super::inputs::Input;
use super::morris::{self, Trajectory};
use super::question::{Prepared, Routers};
use super::sobol::{self, RowOutputs};
use crate::error::{Error, Result};
use crate::network::Network;
use crate::progress::Progress;
use crate::scenario::apply_edit;
use crate::studies::batch::{evaluate, execute, Evaluated};

/// A working copy of the base network and where each input stands in it.
struct Working<'i> {
    net: Network,
    inputs: &'i [Input],
    /// Each input's current value.
    at: Vec<f64>,
    /// The routers of the question's sides, reused from point to point.
    routers: Routers,
}

impl<'i> Working<'i> {
    fn new(base: &Network, inputs: &'i [Input]) -> Working<'i> {
        Working {
            net: base.clone(),
            inputs,
            at: inputs.iter().map(|i| i.value).collect(),
            routers: Routers::default(),
        }
    }

    /// Moves input `i` to `value` by its edit.
    fn set(&mut self, i: usize, value: f64) -> Result<()> {
        let input = &self.inputs[i];
        if value == self.at[i] {
            return Ok(());
        }
        apply_edit(&mut self.net, &input.edit(self.at[i], value)).map_err(|p| {
            Error::InvalidArgument(format!(
                "input {} cannot take the value {}: {}",
                input.key,
                crate::error::number(value),
                p.message
            ))
        })?;
        self.at[i] = value;
        Ok(())
    }

    /// The answer where the inputs stand.
    fn value(&mut self, q: &Prepared) -> Result<f64> {
        q.value_with(&self.net, &mut self.routers)
    }

    /// Moves input `i` to level `x` of its range.
    fn level(&mut self, i: usize, x: f64) -> Result<()> {
        let (lo, hi) = self.inputs[i].range;
        self.set(i, lo + x * (hi - lo))
    }
}

/// What every point is evaluated with: the base network, the question, the inputs, the count.
pub(super) struct Points<'a> {
    pub(super) base: &'a Network,
    pub(super) q: &'a Prepared,
    pub(super) inputs: &'a [Input],
    pub(super) progress: &'a Progress,
    /// How many points at once (the runner's jobs).
    pub(super) jobs: usize,
}

/// The answer at each input's low and high end, the others at their values: `(low, high)`, and
/// whether the edits could make them (an input whose range the edits refuse is `Err`).
pub(super) fn ends(p: &Points<'_>) -> Vec<Result<(f64, f64)>> {
    let items: Vec<usize> = (0..p.inputs.len()).collect();
    execute(&items, p.jobs, &|&i: &usize| -> Result<(f64, f64)> {
        let mut w = Working::new(p.base, p.inputs);
        w.level(i, 0.0)?;
        let lo = w.value(p.q)?;
        w.level(i, 1.0)?;
        let hi = w.value(p.q)?;
        p.progress.advance(2);
        Ok((lo, hi))
    })
}

/// The outputs at every point of every trajectory (`None` for one that failed, recorded as
/// "trajectory T").
pub(super) fn morris(p: &Points<'_>, trajectories: &[Trajectory]) -> Evaluated<Vec<f64>> {
    let id = |t: usize| format!("trajectory {}", t + 1);
    evaluate(trajectories, p.jobs, &id, &|t: &Trajectory| {
        let mut w = Working::new(p.base, p.inputs);
        for (i, &x) in t.start.iter().enumerate() {
            w.level(i, x)?;
        }
        let mut y = Vec::with_capacity(t.order.len() + 1);
        y.push(w.value(p.q)?);
        let mut x = t.start.clone();
        for &i in &t.order {
            x[i] += if t.up[i] {
                morris::DELTA
            } else {
                -morris::DELTA
            };
            w.level(i, x[i])?;
            y.push(w.value(p.q)?);
        }
        p.progress.advance(y.len() as u64);
        Ok(y)
    })
}

/// The Sobol rows of the inputs `top` (the others at their values): N rows of f(A), f(B) and
/// f(ABᵢ) (`None` for a row that failed, recorded as "Sobol row J").
pub(super) fn sobol_rows(
    p: &Points<'_>,
    top: &[usize],
    n: usize,
    seed: u64,
) -> Evaluated<RowOutputs> {
    let k = top.len();
    let rows: Vec<u64> = (0..n as u64).collect();
    let id = |j: usize| format!("Sobol row {}", j + 1);
    evaluate(&rows, p.jobs, &id, &|&j: &u64| {
        let (a, b) = sobol::row(k, seed, j);
        let mut w = Working::new(p.base, p.inputs);
        for (c, &i) in top.iter().enumerate() {
            w.level(i, a[c])?;
        }
        let fa = w.value(p.q)?;
        let mut ab = Vec::with_capacity(k);
        for (c, &i) in top.iter().enumerate() {
            w.level(i, b[c])?;
            ab.push(w.value(p.q)?);
            w.level(i, a[c])?;
        }
        for (c, &i) in top.iter().enumerate() {
            w.level(i, b[c])?;
        }
        let fb = w.value(p.q)?;
        p.progress.advance(k as u64 + 2);
        Ok(RowOutputs { a: fa, b: fb, ab })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::Objective;
    use crate::studies::sensitivity::question::{Ask, Question};

    #[test]
    fn a_trajectory_whose_edit_is_refused_is_recorded_and_the_others_answer() {
        let net = crate::load::embedded().unwrap();
        let mut input = super::super::inputs::candidates(&net, true)
            .into_iter()
            .find(|i| i.field == "winter_factor")
            .expect("a capacity with winter months");
        // Level ⅔ of 0.4–1.2 is 0.93, a winter factor; level 1 is 1.2, which the edit refuses:
        // a trajectory that reaches level 1 fails, one between 0 and ⅔ answers.
        input.range = (0.4, 1.2);
        let (from, to) = net.study.ends.clone().unwrap();
        let q = Question {
            ask: Ask::Route { family: None },
            from,
            to,
            by: Objective::Time,
            scenario: None,
            year: None,
            words: None,
        };
        let prepared = Prepared::new(&net, &q).unwrap();
        let inputs = vec![input];
        let progress = Progress::default();
        let trajectories: Vec<Trajectory> = (0..8).map(|t| Trajectory::new(1, 3, t)).collect();
        let run = |jobs: usize| {
            let at = Points {
                base: &net,
                q: &prepared,
                inputs: &inputs,
                progress: &progress,
                jobs,
            };
            morris(&at, &trajectories)
        };
        let one = run(1);
        assert_eq!(one, run(2), "the same on any number of jobs");
        let mut expect = Vec::new();
        for (t, (traj, y)) in trajectories.iter().zip(&one.results).enumerate() {
            let end = traj.start[0]
                + if traj.up[0] {
                    morris::DELTA
                } else {
                    -morris::DELTA
                };
            let fails = traj.start[0].max(end) > 0.9;
            assert_eq!(y.is_none(), fails, "trajectory {} from {:?}", t + 1, traj);
            if fails {
                expect.push(format!("trajectory {}", t + 1));
            }
        }
        assert!(!expect.is_empty() && expect.len() < trajectories.len());
        let ids: Vec<&str> = one.failed.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, expect);
        let why = one.failed[0].error.as_deref().unwrap();
        assert!(
            why.contains("winter_factor") && why.contains("1.2"),
            "{why}"
        );
    }
}
