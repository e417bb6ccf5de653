//! Running a screening on the network: each input's ends one at a time, the Morris trajectories,
//! then the Sobol samples of the top inputs, every point evaluated on a working copy of the base
//! network that the inputs' edits move from point to point (one copy per trajectory or sample
//! row, never one per point), trajectories and rows in parallel, results in their order.

use rayon::prelude::*;

use super::inputs::Input;
use super::morris::{self, Trajectory};
use super::question::{Prepared, Routers};
use super::sobol::{self, RowOutputs};
use crate::error::{Error, Result};
use crate::network::Network;
use crate::progress::Progress;
use crate::scenario::apply_edit;

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
}

/// The answer at each input's low and high end, the others at their values: `(low, high)`, and
/// whether the edits could make them (an input whose range the edits refuse is `Err`).
pub(super) fn ends(p: &Points<'_>) -> Vec<Result<(f64, f64)>> {
    (0..p.inputs.len())
        .into_par_iter()
        .map(|i| {
            let mut w = Working::new(p.base, p.inputs);
            w.level(i, 0.0)?;
            let lo = w.value(p.q)?;
            w.level(i, 1.0)?;
            let hi = w.value(p.q)?;
            p.progress.advance(2);
            Ok((lo, hi))
        })
        .collect()
}

/// The outputs at every point of every trajectory.
pub(super) fn morris(p: &Points<'_>, trajectories: &[Trajectory]) -> Result<Vec<Vec<f64>>> {
    trajectories
        .par_iter()
        .map(|t| {
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
        .collect()
}

/// The Sobol rows of the inputs `top` (the others at their values): N rows of f(A), f(B) and
/// f(ABᵢ).
pub(super) fn sobol_rows(
    p: &Points<'_>,
    top: &[usize],
    n: usize,
    seed: u64,
) -> Result<Vec<RowOutputs>> {
    let k = top.len();
    (0..n as u64)
        .into_par_iter()
        .map(|j| {
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
        .collect()
}
