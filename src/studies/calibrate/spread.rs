//! What the fit says of its parameters about the minimum: the Jacobian's points (for the
//! standard errors) and each fitted parameter's two profile ends, run together through the batch
//! runner, `jobs` at once. The first job takes over the fit's prepared model; any other prepares
//! its own (a model's caches are not shared between threads), so one job costs nothing more than
//! the loop it replaces.

use std::sync::Mutex;

use super::optimise::{covariance, jacobian, jacobian_points};
use super::Param;
use crate::error::Result;
use crate::studies::assign::Logit;
use crate::studies::batch::{evaluate_with, Failure};

/// The residuals at a point of the fit's coordinates, with a prepared model.
pub(super) type Residuals<'r, 'a> = dyn Fn(&Logit<'a>, &[f64]) -> Result<Vec<f64>> + Sync + 'r;

/// The covariance (none when a Jacobian point failed or JᵀJ is singular), each fitted
/// parameter's profile range in the fit's coordinates (none when an end failed), and the
/// failures.
pub(super) struct Spread {
    pub(super) covariance: Option<Vec<Vec<f64>>>,
    pub(super) ranges: Vec<Option<(f64, f64)>>,
    pub(super) failed: Vec<Failure>,
}

/// One evaluation about the minimum.
enum Step {
    /// A Jacobian point: the axis and its value there.
    Point(usize, f64),
    /// A profile end: the axis and the bound it goes towards.
    End(usize, f64),
}

/// What a step gives.
enum Value {
    Residuals(Vec<f64>),
    End(f64),
}

/// The Jacobian and the profiles about the minimum `(x, value)` of the weighted sum of squares
/// of `residuals` within `bounds` (the fit's coordinates); a profile end is where the sum rises
/// by 3.84 (χ², 1 degree of freedom, 5 %) with the other parameters held.
pub(super) fn spread<'a>(
    model: Logit<'a>,
    prepare: &(dyn Fn() -> Result<Logit<'a>> + Sync),
    residuals: &Residuals<'_, 'a>,
    (x, value): (&[f64], f64),
    bounds: &[(Param, f64, f64)],
    jobs: usize,
) -> Spread {
    let (lower, upper): (Vec<f64>, Vec<f64>) = bounds.iter().map(|&(_, lo, hi)| (lo, hi)).unzip();
    let h: Vec<f64> = bounds.iter().map(|(p, _, _)| p.steps().1).collect();
    let points = jacobian_points(x, (&lower, &upper), &h);
    let steps: Vec<Step> = points
        .iter()
        .map(|&(j, v)| Step::Point(j, v))
        .chain((0..bounds.len()).flat_map(|i| [Step::End(i, lower[i]), Step::End(i, upper[i])]))
        .collect();
    let id = |k: usize| match steps[k] {
        Step::Point(j, v) => format!("Jacobian point of {} at {v}", bounds[j].0.key()),
        Step::End(i, b) => format!(
            "profile of {} ({} end)",
            bounds[i].0.key(),
            if b == lower[i] { "low" } else { "high" }
        ),
    };
    let fitted = Mutex::new(Some(model));
    let init = || match fitted.lock().expect("the fit's model").take() {
        Some(m) => Ok(m),
        None => prepare(),
    };
    let level = value + 3.84;
    let step = |m: &mut Logit<'a>, s: &Step| -> Result<Value> {
        let at = |j: usize, v: f64| {
            let mut y = x.to_vec();
            y[j] = v;
            y
        };
        Ok(match *s {
            Step::Point(j, v) => Value::Residuals(residuals(m, &at(j, v))?),
            Step::End(i, bound) => {
                let f = |v: f64| -> Result<f64> {
                    Ok(residuals(m, &at(i, v))?.iter().map(|r| r * r).sum())
                };
                Value::End(profile_end(&f, x[i], bound, level)?)
            }
        })
    };
    let run = evaluate_with(&steps, jobs, &id, &init, &step);
    let mut values = Vec::with_capacity(points.len());
    let mut ends = Vec::with_capacity(2 * bounds.len());
    for r in run.results {
        match r {
            Some(Value::Residuals(v)) => values.push(Some(v)),
            Some(Value::End(e)) => ends.push(Some(e)),
            None if values.len() < points.len() => values.push(None),
            None => ends.push(None),
        }
    }
    let values: Option<Vec<Vec<f64>>> = values.into_iter().collect();
    Spread {
        covariance: values.and_then(|v| covariance(&jacobian(&points, &v))),
        ranges: ends.chunks(2).map(|e| Some((e[0]?, e[1]?))).collect(),
        failed: run.failed,
    }
}

/// Where `f` (of one coordinate, at or below `level` at `from`) reaches `level` towards
/// `bound`: by bisection (24 halvings) between `from` and the bound, or the bound itself.
fn profile_end(f: &dyn Fn(f64) -> Result<f64>, from: f64, bound: f64, level: f64) -> Result<f64> {
    if f(bound)? <= level {
        return Ok(bound);
    }
    let (mut inside, mut outside) = (from, bound);
    for _ in 0..24 {
        let mid = 0.5 * (inside + outside);
        if f(mid)? <= level {
            inside = mid;
        } else {
            outside = mid;
        }
    }
    Ok(0.5 * (inside + outside))
}
