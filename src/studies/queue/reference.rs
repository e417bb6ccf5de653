//! The computation the fast path replaced, kept verbatim as a test oracle: E\[Q\] from roots
//! found by Newton's method from ω^k on every evaluation, and the transformation solved by
//! regula falsi in y = −ln(1 − x_s) with one steady-state evaluation a step.

use std::f64::consts::PI;

use super::batch::Arrivals;
use super::closed::{ggc_hours, md1_hours, mm1_hours, mmc_hours};
use super::complex::Complex;
use super::model::Queue;

/// The steady-state wait of a checked queue with ρ < 1.
pub(super) fn steady_hours(q: &Queue) -> f64 {
    match *q {
        Queue::Mm1 { lambda, mu } => mm1_hours(lambda, mu),
        Queue::Md1 { lambda, mu } => md1_hours(lambda, mu),
        Queue::Mmc {
            lambda,
            mu,
            servers,
        } => mmc_hours(lambda, mu, servers),
        Queue::Ggc {
            lambda,
            mean_service,
            servers,
            ca2,
            cs2,
        } => ggc_hours(lambda, mean_service, servers, ca2, cs2),
        Queue::Batch {
            lambda,
            capacity,
            headway,
            arrivals,
        } => {
            let half = headway / 2.0;
            match arrivals {
                Arrivals::Smooth => half,
                Arrivals::Poisson if lambda == 0.0 => half,
                Arrivals::Poisson => half + mean_left_behind(lambda * headway, capacity) / lambda,
            }
        }
    }
}

/// E\[Q\] of the chain Q' = max(0, Q + A − b), A ~ Poisson(m), 0 < m < b.
fn mean_left_behind(m: f64, b: u32) -> f64 {
    let bf = f64::from(b);
    let r = m / bf;
    let mut sum = 0.0;
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

/// δ = z − ω for the root z = ω·e^{r(z−1)} in the unit disk, from δ = 0.
fn root_offset(r: f64, w: Complex, one_minus_w: Complex) -> Complex {
    let mut d = Complex::new(0.0, 0.0);
    let mut close = false;
    for _ in 0..1000 {
        let e = exp_m1(Complex::real(r) * (d - one_minus_w));
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
        close = is_newton && step <= 1e-9 * d.abs();
    }
    d
}

/// e^z − 1: Re = expm1(x)·cos y − 2 sin²(y/2).
fn exp_m1(z: Complex) -> Complex {
    let (s, c) = z.im.sin_cos();
    let h = (z.im / 2.0).sin();
    Complex::new(z.re.exp_m1() * c - 2.0 * h * h, z.re.exp() * s)
}

/// The time-dependent wait of a checked queue at utilisation `x` over `period`.
pub(super) fn wait_over(q: &Queue, x: f64, period: f64) -> f64 {
    let at = |x: f64| steady_hours(&q.with_lambda(x * q.capacity_rate())).max(0.0);
    let w0 = at(0.0);
    if x == 0.0 {
        return w0;
    }
    let lng = |y: f64| {
        let xs = -(-y).exp_m1();
        (xs + 2.0 * (at(xs) - w0) / period).ln()
    };
    let top = x.min(1.0 - 1e-12);
    let low = if x < 1.0 {
        x - 2.0 * (at(x) - w0) / period
    } else {
        0.0
    };
    let low = low.max(top * 1e-9);
    let y = solve_increasing(lng, x.ln(), -(-low).ln_1p(), -(-top).ln_1p());
    let xs = -(-y).exp_m1();
    if xs < 0.5 {
        at(xs)
    } else {
        w0 + (x - xs) * period / 2.0
    }
}

/// The root in [`lo`, `hi`] of g(y) = `target` for an increasing g (Illinois regula falsi).
fn solve_increasing(g: impl Fn(f64) -> f64, target: f64, mut lo: f64, mut hi: f64) -> f64 {
    let mut flo = g(lo) - target;
    let mut fhi = g(hi) - target;
    if fhi <= 0.0 {
        return hi;
    }
    if flo >= 0.0 {
        return lo;
    }
    let mut side = 0i8;
    for _ in 0..200 {
        let mut y = (lo * fhi - hi * flo) / (fhi - flo);
        if !(y > lo && y < hi) {
            y = 0.5 * (lo + hi);
        }
        let fy = g(y) - target;
        if fy.abs() <= 1e-14 || hi - lo <= 1e-14 * hi {
            return y;
        }
        if fy < 0.0 {
            (lo, flo) = (y, fy);
            if side == -1 {
                fhi /= 2.0;
            }
            side = -1;
        } else {
            (hi, fhi) = (y, fy);
            if side == 1 {
                flo /= 2.0;
            }
            side = 1;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::super::{Horizon, Workspace};
    use super::*;
    use proptest::prelude::*;

    /// The relative difference, against a floor of 1e-300.
    fn rel(a: f64, b: f64) -> f64 {
        (a - b).abs() / b.abs().max(1e-300)
    }

    fn any_queue() -> impl Strategy<Value = Queue> {
        let batch = (1u32..=400, 0.5f64..300.0, 0..8).prop_map(|(b, h, smooth)| Queue::Batch {
            lambda: 0.0,
            capacity: b,
            headway: h,
            arrivals: if smooth == 0 {
                Arrivals::Smooth
            } else {
                Arrivals::Poisson
            },
        });
        let large = (1_000u32..=3_000, 1.0f64..100.0).prop_map(|(b, h)| Queue::Batch {
            lambda: 0.0,
            capacity: b,
            headway: h,
            arrivals: Arrivals::Poisson,
        });
        let ggc = (1u32..=60, 0.1f64..10.0, 0.0f64..2.0, 0.0f64..2.0).prop_map(
            |(servers, mean_service, ca2, cs2)| Queue::Ggc {
                lambda: 0.0,
                mean_service,
                servers,
                ca2,
                cs2,
            },
        );
        let mmc = (1u32..=200, 0.05f64..20.0).prop_map(|(servers, mu)| Queue::Mmc {
            lambda: 0.0,
            mu,
            servers,
        });
        let single = (0.05f64..20.0, any::<bool>()).prop_map(|(mu, det)| {
            if det {
                Queue::Md1 { lambda: 0.0, mu }
            } else {
                Queue::Mm1 { lambda: 0.0, mu }
            }
        });
        prop_oneof![3 => batch, 1 => large, 1 => ggc, 1 => mmc, 1 => single]
    }

    /// Each model's slope in ρ against a central difference of its wait.
    #[test]
    fn queue_steady_slopes_are_the_derivatives() {
        let models = [
            Queue::Mm1 {
                lambda: 0.0,
                mu: 2.0,
            },
            Queue::Md1 {
                lambda: 0.0,
                mu: 0.7,
            },
            Queue::Mmc {
                lambda: 0.0,
                mu: 1.5,
                servers: 7,
            },
            Queue::Ggc {
                lambda: 0.0,
                mean_service: 4.25,
                servers: 4,
                ca2: 1.0,
                cs2: 0.5,
            },
            Queue::Ggc {
                lambda: 0.0,
                mean_service: 1.2,
                servers: 1,
                ca2: 0.8,
                cs2: 0.3,
            },
            Queue::Batch {
                lambda: 0.0,
                capacity: 110,
                headway: 19.6,
                arrivals: Arrivals::Poisson,
            },
            Queue::Batch {
                lambda: 0.0,
                capacity: 1,
                headway: 5.0,
                arrivals: Arrivals::Poisson,
            },
        ];
        for q in models {
            for &x in &[0.2, 0.6, 0.9, 0.97] {
                let at = |x: f64| {
                    let q = q.with_lambda(x * q.capacity_rate());
                    q.steady_with(&mut Workspace::new())
                };
                let h = 1e-6;
                let numeric = (at(x + h).0 - at(x - h).0) / (2.0 * h);
                let (w, slope) = at(x);
                // The difference's own rounding: about 1e-16·W/h = 1e-10·W.
                assert!(
                    (numeric - slope).abs() <= 1e-5 * slope.abs() + 1e-8 * w,
                    "{q:?} x {x}: {numeric} vs {slope}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        /// Over a period, the fast path (roots started from a grid and from the call's last
        /// evaluation, the transformation solved by a rational Newton step) equals the
        /// reference to 1e-9, at three loads evaluated in turn with one workspace and with a
        /// new one.
        #[test]
        fn queue_fast_period_wait_equals_the_reference(
            q in any_queue(),
            xs in proptest::collection::vec(0.0f64..4.0, 3),
            t in prop_oneof![1.0f64..48.0, 48.0f64..2_000.0, 2_000.0f64..1e6],
        ) {
            let mut ws = Workspace::new();
            for &x in &xs {
                let at = q.with_lambda(x * q.capacity_rate());
                let want = wait_over(&at, x, t);
                let reused = at.wait_over_with(t, &mut ws).unwrap().hours;
                let fresh = at.wait_over(t).unwrap().hours;
                // Where the reference answers W₀ + (x − x_s)·T/2 (x_s ≥ 0.5), its x_s is only
                // as good as its stopping test, 1e-14 in ln G, so its wait is off by up to
                // T·x·1e-14/2 hours, beyond 1e-9 of a small wait (the fast path then matches a
                // bisection to rounding where the reference does not).
                prop_assert!(
                    (reused - want).abs() <= 1e-9 * want + t * x * 2e-14,
                    "{at:?} x {x} T {t}: {reused} vs {want}"
                );
                prop_assert_eq!(reused.to_bits(), fresh.to_bits());
            }
        }

        /// In steady state, the fast path equals the reference to 1e-9.
        #[test]
        fn queue_fast_steady_wait_equals_the_reference(
            q in any_queue(),
            xs in proptest::collection::vec(0.0f64..0.999, 3),
        ) {
            let mut ws = Workspace::new();
            for &x in &xs {
                let at = q.with_lambda(x * q.capacity_rate());
                let want = steady_hours(&at).max(0.0);
                let got = at.wait_in_with(Horizon::Steady { cap: 0.999 }, &mut ws).unwrap().hours;
                prop_assert!(rel(got, want) <= 1e-9 || (got - want).abs() < 1e-12,
                    "{at:?} x {x}: {got} vs {want}");
            }
        }
    }
}
