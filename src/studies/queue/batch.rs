//! Scheduled batch departures: a vessel or train of `b` units every `h` hours. The mean wait is
//! h/2 plus E\[Q\]/λ, with E\[Q\] of the bulk-service chain computed exactly from the roots of
//! its characteristic equation inside the unit disk (the derivation is in the module
//! documentation of [`crate::studies::queue`]).

use std::f64::consts::PI;

use super::complex::Complex;

/// The arrival process of a batch-service queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrivals {
    /// Poisson arrivals: the number in a headway of `h` hours is Poisson(λh).
    Poisson,
    /// A smooth (fluid) flow: exactly λh units in every headway.
    Smooth,
}

/// The mean wait of a checked batch-service queue with ρ < 1: h/2 for the departure a unit
/// arrives before, plus E\[Q\]/λ for the departures it is left behind by (Poisson arrivals).
pub(super) fn batch_hours(lambda: f64, capacity: u32, headway: f64, arrivals: Arrivals) -> f64 {
    let half = headway / 2.0;
    match arrivals {
        Arrivals::Smooth => half,
        Arrivals::Poisson if lambda == 0.0 => half,
        Arrivals::Poisson => half + mean_left_behind(lambda * headway, capacity) / lambda,
    }
}

/// E\[Q\] of the chain Q' = max(0, Q + A − b), A ~ Poisson(m), 0 < m < b (module docs).
fn mean_left_behind(m: f64, b: u32) -> f64 {
    let bf = f64::from(b);
    let r = m / bf;
    let mut sum = 0.0;
    // Roots k and b − k are conjugate: their terms' real parts are equal, imaginary parts cancel.
    for k in 1..=b / 2 {
        let theta = 2.0 * PI * f64::from(k) / bf;
        let (s, c) = theta.sin_cos();
        let w = Complex::new(c, s);
        let half = (theta / 2.0).sin();
        let one_minus_w = Complex::new(2.0 * half * half, -s);
        let delta = root_offset(r, w, one_minus_w);
        let term = delta / ((one_minus_w - delta) * one_minus_w);
        let times = if 2 * k == b { 1.0 } else { 2.0 };
        sum += times * term.re;
    }
    (m * (m - bf + 1.0) / (2.0 * (bf - m)) + sum).max(0.0)
}

/// δ = z − ω for the root z = ω·e^{r(z−1)} in the unit disk: solves δ = ω·expm1(r(δ − (1 − ω))).
fn root_offset(r: f64, w: Complex, one_minus_w: Complex) -> Complex {
    let mut d = Complex::new(0.0, 0.0);
    let mut close = false;
    for _ in 0..1000 {
        let e = (Complex::real(r) * (d - one_minus_w)).exp_m1();
        let f = d - w * e;
        let slope = Complex::real(1.0) - Complex::real(r) * w * (e + Complex::real(1.0));
        let newton = d - f / slope;
        let (next, is_newton) = if (w + newton).abs() <= 1.0 + 1e-12 {
            (newton, true)
        } else {
            (w * e, false)
        };
        let step = (next - d).abs();
        d = next;
        if close || step == 0.0 {
            break;
        }
        // Newton converges quadratically: one more step after a small one reaches rounding.
        close = is_newton && step <= 1e-9 * d.abs();
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_roots_solve_the_characteristic_equation() {
        // z^b = e^{m(z−1)} for every root found, and |z| < 1.
        for &(m, b) in &[(1.0, 2u32), (9.0, 10), (0.3, 7), (97.9, 100), (1e-6, 5)] {
            let bf = f64::from(b);
            for k in 1..b {
                let theta = 2.0 * PI * f64::from(k) / bf;
                let w = Complex::new(theta.cos(), theta.sin());
                let omw = Complex::real(1.0) - w;
                let z = w + root_offset(m / bf, w, omw);
                assert!(z.abs() < 1.0, "m {m} b {b} k {k}: |z| = {}", z.abs());
                // Compare z with ω^k e^{m(z−1)/b}, the b-th root branch it solves.
                let g = w * (Complex::real(m / bf) * (z - Complex::real(1.0))).exp_m1_plus1();
                assert!(
                    (z - g).abs() < 1e-14,
                    "m {m} b {b} k {k}: residual {}",
                    (z - g).abs()
                );
            }
        }
    }

    impl Complex {
        fn exp_m1_plus1(self) -> Complex {
            self.exp_m1() + Complex::real(1.0)
        }
    }

    #[test]
    fn queue_single_slot_closed_form() {
        // b = 1 has no roots: E[Q] = m²/(2(1 − m)).
        for &m in &[0.1, 0.5, 0.9, 0.98] {
            let want = m * m / (2.0 * (1.0 - m));
            assert!((mean_left_behind(m, 1) - want).abs() < 1e-14 * want.max(1.0));
        }
    }

    #[test]
    fn queue_large_batch_is_fast_and_finite() {
        // 20 000 units a departure at the cap: 10 000 roots.
        let q = mean_left_behind(0.98 * 20_000.0, 20_000);
        assert!(q.is_finite() && q > 0.0, "{q}");
    }
}
