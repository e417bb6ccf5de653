//! The roots of the bulk-service chain's characteristic equation, E\[Q\] and its derivative from
//! them (the derivation is in the module documentation of [`crate::studies::queue`]), and the
//! [`Workspace`] that keeps what repeated evaluations reuse: the roots of unity of one capacity
//! and, as starting points for Newton's method, the roots at a grid of r = m/b.
//!
//! Each root z_k(r) is a smooth function of r with z_k′ = z(z − 1)/(1 − rz), so the roots at a
//! nearby r₀, moved by the Taylor polynomial z + z′·(r − r₀) + z″·(r − r₀)²/2, start Newton's
//! method one or two steps from rounding (from ω^k it takes four or five). The first evaluation
//! of a call starts from the grid point nearest r (found from ω^k the first time it is needed,
//! then kept); each later evaluation of the same call starts from the one before it, which the
//! period solver places close by. Every root is iterated from its start to the same test (the
//! error after the step, estimated from the step, below rounding), so a start changes how many
//! steps it takes, not the answer beyond rounding; and since the starts depend only on b, r and
//! the call's own earlier evaluations (the grid holds the same bits whenever it is filled), a
//! call answers the same bits whatever the workspace held before it.

use std::collections::HashMap;
use std::f64::consts::PI;

use super::complex::Complex;

/// Roots are kept as starting points at r = j / `GRID`, j = 0 … `GRID`.
const GRID: f64 = 128.0;

/// The largest capacity whose grid is kept: at most 129 grid points × b/2 roots × 48 bytes, 6 MB
/// (above it, a call's first evaluation starts from ω^k).
const GRID_MAX_BATCH: u32 = 2_048;

/// Newton's method stops when its estimated error after the step, K·|step|² with
/// K = |f″/(2f′)|, is below this (|z| ≤ 1, so well under the rounding of z).
const ROUNDING: f64 = 1e-17;

/// What repeated evaluations of queues reuse between calls: for scheduled departures of `b`
/// units, the roots of unity ω^k and the roots of the characteristic equation at a grid of
/// r = m/b, as starting points for Newton's method at any r. A call answers the same bits with
/// a new workspace or one used before, whatever it held (the grid's roots are found from ω^k,
/// the same whenever they are); it is only faster. It holds one capacity at a time: keep one per
/// capacity when evaluating several.
#[derive(Debug, Default)]
pub struct Workspace {
    roots: Option<Roots>,
}

/// The roots of one capacity b.
#[derive(Debug)]
struct Roots {
    b: u32,
    /// ω^k for k = 1 … b/2 (ω = e^{2πi/b}).
    unit: Vec<Unit>,
    /// The roots at r = j / GRID, each found from δ = 0.
    grid: HashMap<u32, Vec<Point>>,
    /// The r and the roots of the call's last evaluation.
    last: Option<(f64, Vec<Point>)>,
    /// The buffer the next evaluation fills (the one before last's).
    spare: Vec<Point>,
}

/// A root found at some r: δ = z − ω, dz/dr and d²z/dr² there.
type Point = (Complex, Complex, Complex);

/// A root of unity ω^k, 1 − ω^k and 1/(1 − ω^k).
#[derive(Debug, Clone, Copy)]
struct Unit {
    w: Complex,
    one_minus_w: Complex,
    inv_one_minus_w: Complex,
}

impl Workspace {
    /// A new workspace, holding nothing yet.
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Starts a call: forgets the last evaluation's roots (the grid is kept).
    pub(super) fn begin(&mut self) {
        if let Some(r) = &mut self.roots {
            r.last = None;
        }
    }

    /// (E\[Q\], dE\[Q\]/dm) of the chain Q' = max(0, Q + A − b), A ~ Poisson(m), 0 < m < b.
    pub(super) fn left_behind(&mut self, m: f64, b: u32) -> (f64, f64) {
        let roots = match &mut self.roots {
            Some(r) if r.b == b => r,
            slot => slot.insert(Roots::new(b)),
        };
        roots.left_behind(m)
    }
}

impl Roots {
    fn new(b: u32) -> Roots {
        let bf = f64::from(b);
        let unit = (1..=b / 2)
            .map(|k| {
                let theta = 2.0 * PI * f64::from(k) / bf;
                let (s, c) = theta.sin_cos();
                let half = (theta / 2.0).sin();
                let one_minus_w = Complex::new(2.0 * half * half, -s);
                Unit {
                    w: Complex::new(c, s),
                    one_minus_w,
                    inv_one_minus_w: one_minus_w.recip(),
                }
            })
            .collect();
        Roots {
            b,
            unit,
            grid: HashMap::new(),
            last: None,
            spare: Vec::new(),
        }
    }

    /// E\[Q\] = m(m − b + 1)/(2(b − m)) + Σ_k (z_k − ω^k)/((1 − z_k)(1 − ω^k)) and its
    /// derivative, d/dr of a term being z_k′/(1 − z_k)² with z_k′ = dz_k/dr.
    fn left_behind(&mut self, m: f64) -> (f64, f64) {
        let bf = f64::from(self.b);
        let r = m / bf;
        self.fill_grid(r);
        let mut found = std::mem::take(&mut self.spare);
        found.clear();
        let starts = starts(&self.last, &self.grid, &self.unit, r);
        let (mut sum, mut slope) = (0.0, 0.0);
        for (k, u) in self.unit.iter().enumerate() {
            let (start, z1, z2) = starts.get(k);
            let h = r - starts.r();
            let guess = start + (z1 + z2.scale(h / 2.0)).scale(h);
            let d = root_offset(r, u.w, u.one_minus_w, guess);
            let (term, dterm, z1, z2) = terms(r, u, d);
            // Roots k and b − k are conjugate: real parts equal, imaginary parts cancel.
            let times = if 2 * (k + 1) as u32 == self.b {
                1.0
            } else {
                2.0
            };
            sum += times * term.re;
            slope += times * dterm.re;
            found.push((d, z1, z2));
        }
        if let Some((_, before)) = self.last.replace((r, found)) {
            self.spare = before;
        }
        let gap = bf - m;
        let q = m * (m - bf + 1.0) / (2.0 * gap);
        let dq = ((2.0 * m - bf + 1.0) * gap + m * (m - bf + 1.0)) / (2.0 * gap * gap);
        let total = q + sum;
        if total > 0.0 {
            (total, dq + slope / bf)
        } else {
            (0.0, 0.0)
        }
    }

    /// Finds the roots at the grid point nearest `r` when the call has no evaluation yet and
    /// they are not kept (for b ≤ `GRID_MAX_BATCH`; r = 0 needs no search).
    fn fill_grid(&mut self, r: f64) {
        let j = grid_point(r);
        if self.last.is_some() || j == 0 || self.b > GRID_MAX_BATCH || self.grid.contains_key(&j) {
            return;
        }
        let at = f64::from(j) / GRID;
        let points = self
            .unit
            .iter()
            .map(|u| {
                let d = root_offset(at, u.w, u.one_minus_w, Complex::real(0.0));
                let (_, _, z1, z2) = terms(at, u, d);
                (d, z1, z2)
            })
            .collect();
        self.grid.insert(j, points);
    }
}

/// Where each root starts at `r`: from the call's last evaluation, else from the nearest grid
/// point (r = 0, where z_k = ω^k and z_k′ = ω^k(ω^k − 1), needs no search).
fn starts<'a>(
    last: &'a Option<(f64, Vec<Point>)>,
    grid: &'a HashMap<u32, Vec<Point>>,
    unit: &'a [Unit],
    r: f64,
) -> Starts<'a> {
    if let Some((at, points)) = last {
        return Starts::Kept(*at, points);
    }
    let j = grid_point(r);
    match grid.get(&j) {
        Some(points) => Starts::Kept(f64::from(j) / GRID, points),
        None if j == 0 => Starts::Zero(unit),
        None => Starts::Cold,
    }
}

/// The grid point nearest r.
fn grid_point(r: f64) -> u32 {
    (r * GRID).round().clamp(0.0, GRID) as u32
}

/// The starting points of the roots at some r: the roots at a nearby r.
enum Starts<'a> {
    /// Found at `.0`.
    Kept(f64, &'a [Point]),
    /// At r = 0: δ = 0, z′ = ω(ω − 1) and z″ = z′(3ω − 1).
    Zero(&'a [Unit]),
    /// None: δ = 0, no derivatives.
    Cold,
}

impl Starts<'_> {
    /// The r the starting points were found at, 0 for none.
    fn r(&self) -> f64 {
        match self {
            Starts::Kept(r, _) => *r,
            Starts::Zero(_) | Starts::Cold => 0.0,
        }
    }

    /// Root k's (δ, dz/dr, d²z/dr²).
    fn get(&self, k: usize) -> Point {
        let zero = Complex::real(0.0);
        match self {
            Starts::Kept(_, p) => p[k],
            Starts::Zero(unit) => {
                let w = unit[k].w;
                let z1 = -(w * unit[k].one_minus_w);
                (zero, z1, z1 * (w.scale(3.0) - Complex::real(1.0)))
            }
            Starts::Cold => (zero, zero, zero),
        }
    }
}

/// A root's term of E\[Q\], (z − ω)/((1 − z)(1 − ω)), its derivative in r, z′/(1 − z)², and
/// z′ = dz/dr = z(z − 1)/(1 − rz) (from z = ω·e^{r(z−1)}) and z″ = z′(3z − 1 + rz′)/(1 − rz)
/// (differentiating z′ = N/D with N′ = (2z − 1)z′, D′ = −(z + rz′)).
fn terms(r: f64, u: &Unit, d: Complex) -> (Complex, Complex, Complex, Complex) {
    let z = u.w + d;
    let one_minus_z = u.one_minus_w - d;
    let inv_one_minus_z = one_minus_z.recip();
    let inv_one_minus_rz = (Complex::real(1.0) - z.scale(r)).recip();
    let term = d * inv_one_minus_z * u.inv_one_minus_w;
    // z′/(1 − z)² = −z/((1 − z)(1 − rz)).
    let dterm = -(z * inv_one_minus_z * inv_one_minus_rz);
    let z1 = -(z * one_minus_z * inv_one_minus_rz);
    let z2 = z1 * (z.scale(3.0) - Complex::real(1.0) + z1.scale(r)) * inv_one_minus_rz;
    (term, dterm, z1, z2)
}

/// δ = z − ω for the root z = ω·e^{r(z−1)} in the unit disk: solves δ = ω·expm1(r(δ − (1 − ω)))
/// by Newton's method from `start`, falling back on the contraction step when a Newton step
/// leaves the disk, until the error after a step, K·|step|² with K = r²|z|/(2|1 − rz|), is below
/// rounding.
pub(super) fn root_offset(r: f64, w: Complex, one_minus_w: Complex, start: Complex) -> Complex {
    let mut d = start;
    let r2 = r * r;
    for _ in 0..1000 {
        let e = (d - one_minus_w).scale(r).exp_m1();
        let we = w * e;
        let z = w + we;
        let slope = Complex::real(1.0) - z.scale(r);
        let slope2 = slope.norm_sqr();
        let newton = d - (d - we) * Complex::new(slope.re / slope2, -slope.im / slope2);
        let inside = (w + newton).norm_sqr() <= (1.0 + 1e-12) * (1.0 + 1e-12);
        let next = if inside { newton } else { we };
        let step = (next - d).norm_sqr();
        d = next;
        let small = step <= 1e-10
            && r2 * r2 * z.norm_sqr() * step * step <= 4.0 * ROUNDING * ROUNDING * slope2;
        if step == 0.0 || (inside && small) {
            break;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_roots_solve_the_characteristic_equation() {
        // z^b = e^{m(z−1)} for every root found, from any start, and |z| < 1.
        for &(m, b) in &[(1.0, 2u32), (9.0, 10), (0.3, 7), (97.9, 100), (1e-6, 5)] {
            let bf = f64::from(b);
            for k in 1..b {
                let theta = 2.0 * PI * f64::from(k) / bf;
                let w = Complex::new(theta.cos(), theta.sin());
                let omw = Complex::real(1.0) - w;
                for start in [Complex::real(0.0), Complex::new(0.3, -0.2)] {
                    let z = w + root_offset(m / bf, w, omw, start);
                    assert!(z.abs() < 1.0, "m {m} b {b} k {k}: |z| = {}", z.abs());
                    // Compare z with ω^k e^{m(z−1)/b}, the b-th root branch it solves.
                    let g =
                        w * ((z - Complex::real(1.0)).scale(m / bf).exp_m1() + Complex::real(1.0));
                    assert!(
                        (z - g).abs() < 1e-14,
                        "m {m} b {b} k {k}: residual {}",
                        (z - g).abs()
                    );
                }
            }
        }
    }

    #[test]
    fn queue_root_slope_is_the_derivative_in_r() {
        // dz/dr against a central difference of roots found at r ± 1e-6.
        let (b, r, h) = (40u32, 0.7, 1e-6);
        let theta = 2.0 * PI * 3.0 / f64::from(b);
        let w = Complex::new(theta.cos(), theta.sin());
        let omw = Complex::real(1.0) - w;
        let at = |r: f64| root_offset(r, w, omw, Complex::real(0.0));
        let numeric = (at(r + h) - at(r - h)).scale(0.5 / h);
        let u = Unit {
            w,
            one_minus_w: omw,
            inv_one_minus_w: omw.recip(),
        };
        let (_, _, z1, z2) = terms(r, &u, at(r));
        assert!((numeric - z1).abs() < 1e-8, "{numeric:?} vs {z1:?}");
        let second = (at(r + 1e-4) - at(r).scale(2.0) + at(r - 1e-4)).scale(1e8);
        assert!(
            (second - z2).abs() < 1e-5 * z2.abs(),
            "{second:?} vs {z2:?}"
        );
    }

    #[test]
    fn queue_mean_left_behind_slope_is_its_derivative() {
        // dE[Q]/dm against a central difference, at light, medium and heavy load.
        for &(m, b) in &[(3.0, 10u32), (80.0, 110), (170.0, 177), (0.9, 1)] {
            let h = 1e-5 * m;
            let at = |m: f64| Workspace::new().left_behind(m, b).0;
            let numeric = (at(m + h) - at(m - h)) / (2.0 * h);
            let (_, slope) = Workspace::new().left_behind(m, b);
            assert!(
                (numeric - slope).abs() <= 1e-6 * slope.abs().max(1e-3),
                "m {m} b {b}: {numeric} vs {slope}"
            );
        }
    }

    #[test]
    fn queue_single_slot_closed_form() {
        // b = 1 has no roots: E[Q] = m²/(2(1 − m)).
        for &m in &[0.1, 0.5, 0.9, 0.98] {
            let want = m * m / (2.0 * (1.0 - m));
            let got = Workspace::new().left_behind(m, 1).0;
            assert!((got - want).abs() < 1e-14 * want.max(1.0));
        }
    }

    #[test]
    fn queue_large_batch_is_fast_and_finite() {
        // 20 000 units a departure at the cap: 10 000 roots.
        let (q, dq) = Workspace::new().left_behind(0.98 * 20_000.0, 20_000);
        assert!(q.is_finite() && q > 0.0 && dq > 0.0, "{q} {dq}");
    }

    #[test]
    fn queue_a_call_answers_the_same_bits_whatever_the_workspace_held() {
        // The grid is filled by earlier calls; the answer of a call must not depend on it.
        let mut used = Workspace::new();
        for &m in &[10.0, 95.0, 60.0, 101.3] {
            used.begin();
            used.left_behind(m, 110);
        }
        for &m in &[101.0, 97.2, 55.5] {
            used.begin();
            let mut fresh = Workspace::new();
            fresh.begin();
            assert_eq!(used.left_behind(m, 110), fresh.left_behind(m, 110), "m {m}");
        }
    }
}
