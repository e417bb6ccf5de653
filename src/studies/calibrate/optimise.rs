//! The numerical parts of a fit, generic over the residuals: Nelder–Mead within bounds, the
//! Jacobian by central differences, and the covariance (JᵀJ)⁻¹ of weighted least squares.

/// What [`nelder_mead`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// The point.
    pub x: Vec<f64>,
    /// The function's value there.
    pub value: f64,
    /// Evaluations made.
    pub evaluations: usize,
    /// Whether the simplex shrank below the tolerance (else the evaluations ran out).
    pub converged: bool,
}

/// Minimises `f` from `start` within the box `lower`–`upper` (each point clamped into it) by
/// Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½), the first simplex `step`
/// away from `start` along each axis (towards the inside when a bound is nearer). Stops when the
/// simplex's values differ by less than `ftol` and its extent along every axis is below `xtol`,
/// or after `max_evaluations`. An evaluation that fails stops the search with its error.
pub fn nelder_mead<E>(
    f: &mut impl FnMut(&[f64]) -> Result<f64, E>,
    start: &[f64],
    bounds: (&[f64], &[f64]),
    step: &[f64],
    tolerances: (f64, f64),
    max_evaluations: usize,
) -> Result<Minimum, E> {
    let (lower, upper) = bounds;
    let (ftol, xtol) = tolerances;
    let n = start.len();
    let clamp = |x: Vec<f64>| -> Vec<f64> {
        x.iter()
            .enumerate()
            .map(|(i, v)| v.clamp(lower[i], upper[i]))
            .collect()
    };
    let mut evaluations = 0;
    let mut eval = |x: &[f64], evaluations: &mut usize| {
        *evaluations += 1;
        f(x)
    };
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    let x0 = clamp(start.to_vec());
    simplex.push((x0.clone(), eval(&x0, &mut evaluations)?));
    for i in 0..n {
        let mut x = x0.clone();
        x[i] = if x0[i] + step[i] <= upper[i] {
            x0[i] + step[i]
        } else {
            x0[i] - step[i]
        };
        let x = clamp(x);
        let v = eval(&x, &mut evaluations)?;
        simplex.push((x, v));
    }
    loop {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let spread = simplex[n].1 - simplex[0].1;
        let extent = (0..n).all(|i| {
            let (lo, hi) = simplex
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| {
                    (m.0.min(p.0[i]), m.1.max(p.0[i]))
                });
            hi - lo < xtol
        });
        let converged = spread.abs() < ftol && extent;
        if converged || evaluations >= max_evaluations {
            let (x, value) = simplex.swap_remove(0);
            return Ok(Minimum {
                x,
                value,
                evaluations,
                converged,
            });
        }
        let centroid: Vec<f64> = (0..n)
            .map(|i| simplex[..n].iter().map(|p| p.0[i]).sum::<f64>() / n as f64)
            .collect();
        let towards = |t: f64| -> Vec<f64> {
            clamp(
                (0..n)
                    .map(|i| centroid[i] + t * (simplex[n].0[i] - centroid[i]))
                    .collect(),
            )
        };
        let reflected = towards(-1.0);
        let fr = eval(&reflected, &mut evaluations)?;
        if fr < simplex[0].1 {
            let expanded = towards(-2.0);
            let fe = eval(&expanded, &mut evaluations)?;
            simplex[n] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < simplex[n - 1].1 {
            simplex[n] = (reflected, fr);
        } else {
            let (t, ft) = if fr < simplex[n].1 {
                (-0.5, fr)
            } else {
                (0.5, simplex[n].1)
            };
            let contracted = towards(t);
            let fc = eval(&contracted, &mut evaluations)?;
            if fc < ft {
                simplex[n] = (contracted, fc);
            } else {
                let best = simplex[0].0.clone();
                for p in simplex.iter_mut().skip(1) {
                    let x = clamp((0..n).map(|i| best[i] + 0.5 * (p.0[i] - best[i])).collect());
                    let v = eval(&x, &mut evaluations)?;
                    *p = (x, v);
                }
            }
        }
    }
}

/// The points of the Jacobian at `x` by central differences of `h[j]` along axis j (a one-sided
/// difference where the central one would leave the bounds): per axis, the point above, then the
/// point below, as (axis, value). Evaluate the residuals at each, then [`jacobian`].
pub fn jacobian_points(x: &[f64], bounds: (&[f64], &[f64]), h: &[f64]) -> Vec<(usize, f64)> {
    let (lower, upper) = bounds;
    (0..x.len())
        .flat_map(|j| {
            [
                (j, (x[j] + h[j]).min(upper[j])),
                (j, (x[j] - h[j]).max(lower[j])),
            ]
        })
        .collect()
}

/// The Jacobian from the residuals `values` at the [`jacobian_points`] `points`: rows are
/// residuals, columns parameters.
pub fn jacobian(points: &[(usize, f64)], values: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let columns: Vec<Vec<f64>> = (0..points.len() / 2)
        .map(|j| {
            let (a, b) = (&values[2 * j], &values[2 * j + 1]);
            let width = points[2 * j].1 - points[2 * j + 1].1;
            a.iter()
                .zip(b)
                .map(|(a, b)| if width > 0.0 { (a - b) / width } else { 0.0 })
                .collect()
        })
        .collect();
    let rows = columns.first().map_or(0, Vec::len);
    (0..rows)
        .map(|i| columns.iter().map(|c| c[i]).collect())
        .collect()
}

/// The covariance (JᵀJ)⁻¹ of weighted least squares whose residuals (already divided by their
/// standard deviations) have the Jacobian `j`; `None` when JᵀJ is singular (a parameter the
/// observations do not determine), judged by a pivot below 10⁻¹⁰ of the largest diagonal.
pub fn covariance(j: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = j.first().map_or(0, Vec::len);
    let mut a: Vec<Vec<f64>> = (0..n)
        .map(|p| {
            (0..n)
                .map(|q| j.iter().map(|row| row[p] * row[q]).sum())
                .collect()
        })
        .collect();
    invert(&mut a)
}

/// The inverse of the symmetric matrix `a` by Gauss–Jordan with partial pivoting; `None` when
/// it is singular.
fn invert(a: &mut [Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let scale = (0..n).map(|i| a[i][i].abs()).fold(0.0, f64::max);
    if n == 0 || !(scale > 0.0 && scale.is_finite()) {
        return (n == 0).then(Vec::new);
    }
    let mut inv: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|k| if i == k { 1.0 } else { 0.0 }).collect())
        .collect();
    for c in 0..n {
        let p = (c..n).max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))?;
        if a[p][c].abs() < 1e-10 * scale {
            return None;
        }
        a.swap(c, p);
        inv.swap(c, p);
        let d = a[c][c];
        for k in 0..n {
            a[c][k] /= d;
            inv[c][k] /= d;
        }
        for r in 0..n {
            if r != c {
                let m = a[r][c];
                for k in 0..n {
                    a[r][k] -= m * a[c][k];
                    inv[r][k] -= m * inv[c][k];
                }
            }
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Never = std::convert::Infallible;

    #[test]
    fn nelder_mead_finds_a_quadratic_minimum_and_respects_bounds() {
        let mut f = |x: &[f64]| -> Result<f64, Never> {
            Ok((x[0] - 1.5).powi(2) + 3.0 * (x[1] + 0.5).powi(2))
        };
        let m = nelder_mead(
            &mut f,
            &[0.0, 0.0],
            (&[-5.0, -5.0], &[5.0, 5.0]),
            &[1.0, 1.0],
            (1e-14, 1e-7),
            2_000,
        )
        .unwrap();
        assert!(m.converged);
        assert!(
            (m.x[0] - 1.5).abs() < 1e-5 && (m.x[1] + 0.5).abs() < 1e-5,
            "{m:?}"
        );
        // The minimum outside the box: found on its edge.
        let m = nelder_mead(
            &mut f,
            &[0.0, 0.0],
            (&[-5.0, 0.0], &[1.0, 5.0]),
            &[0.5, 0.5],
            (1e-14, 1e-7),
            2_000,
        )
        .unwrap();
        assert!((m.x[0] - 1.0).abs() < 1e-5 && m.x[1].abs() < 1e-5, "{m:?}");
    }

    #[test]
    fn covariance_of_linear_residuals_is_the_inverse_curvature() {
        // r = A x − b: JᵀJ = AᵀA, whose inverse is known.
        let a = [[2.0, 0.0], [1.0, 1.0], [0.0, 3.0]];
        let r = |x: &[f64]| -> Vec<f64> {
            a.iter()
                .map(|row| row[0] * x[0] + row[1] * x[1] - 1.0)
                .collect()
        };
        let x = [0.3, -0.2];
        let points = jacobian_points(&x, (&[-9.0, -9.0], &[9.0, 0.5]), &[1e-3, 1e-3]);
        let values: Vec<Vec<f64>> = points
            .iter()
            .map(|&(j, v)| {
                let mut y = x.to_vec();
                y[j] = v;
                r(&y)
            })
            .collect();
        let j = jacobian(&points, &values);
        let cov = covariance(&j).unwrap();
        // AᵀA = [[5, 1], [1, 10]], det 49.
        let expect = [[10.0 / 49.0, -1.0 / 49.0], [-1.0 / 49.0, 5.0 / 49.0]];
        for p in 0..2 {
            for q in 0..2 {
                assert!((cov[p][q] - expect[p][q]).abs() < 1e-9, "{cov:?}");
            }
        }
        // A parameter no residual depends on is not determined.
        let j0 = vec![vec![1.0, 0.0], vec![2.0, 0.0]];
        assert!(covariance(&j0).is_none());
    }
}
