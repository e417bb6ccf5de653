//! Queues over a planning period: the time-dependent wait by coordinate transformation, finite
//! and growing with the overload when demand exceeds capacity (the method is in the module
//! documentation of [`crate::studies::queue`]).

use super::model::Queue;
use super::wait::{rate, QueueError, Wait};

/// How long a queue is looked at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Horizon {
    /// In steady state (the chain started long ago). A steady state exists only below capacity:
    /// at or above a utilisation of `cap` (strictly between 0 and 1) the wait is the formula
    /// evaluated at ρ = `cap` and flagged saturated, a lower bound whatever the overload.
    Steady {
        /// The utilisation cap.
        cap: f64,
    },
    /// Over a period of `hours` that starts with an empty queue and in which demand stays at its
    /// rate: the mean wait of the units arriving in the period (Kimber–Hollis coordinate
    /// transformation). Finite for any utilisation; above capacity it grows with the overload
    /// and the period (the backlog term (ρ − 1)·T/2). Saturated means ρ ≥ 1.
    Period {
        /// The period T, hours (> 0).
        hours: f64,
    },
}

/// Default planning period: 30 days.
pub const DEFAULT_PERIOD_HOURS: f64 = 30.0 * 24.0;

impl Horizon {
    /// The horizon checked: a cap strictly between 0 and 1, a period finite and > 0.
    pub fn check(self) -> Result<Horizon, QueueError> {
        match self {
            Horizon::Steady { cap } => super::wait::check_cap(cap).map(|_| self),
            Horizon::Period { hours } => rate("planning period T", hours, true).map(|_| self),
        }
    }
}

impl Queue {
    /// The mean wait over `horizon`.
    pub fn wait_in(&self, horizon: Horizon) -> Result<Wait, QueueError> {
        match horizon {
            Horizon::Steady { cap } => self.wait_capped(cap),
            Horizon::Period { hours } => self.wait_over(hours),
        }
    }

    /// The mean wait of the units arriving in a period of `period` hours that starts with an
    /// empty queue: the time-dependent wait by coordinate transformation.
    ///
    /// With W_s(x) the steady-state wait at utilisation x < 1 and W₀ = W_s(0) (h/2 for scheduled
    /// departures, 0 for servers), the deterministic (fluid) queue of the period waits
    /// W₀ + (x − 1)·T/2 on average for x > 1. The transformation keeps, at every wait W, the
    /// horizontal distance of the steady-state curve from its asymptote x = 1, so the wait at
    /// utilisation x is W_s(x_s) where x_s ∈ [0, 1) solves x_s + 2(W_s(x_s) − W₀)/T = x. As
    /// T → ∞ it tends to W_s(x) for x < 1 and to the fluid wait for x > 1.
    pub fn wait_over(&self, period: f64) -> Result<Wait, QueueError> {
        rate("planning period T", period, true)?;
        let x = self.utilisation()?;
        if !x.is_finite() {
            return Err(QueueError::Overflow);
        }
        let w0 = self.at_utilisation(0.0).steady()?;
        let hours = if x == 0.0 {
            w0
        } else {
            // Solved in y = −ln(1 − x_s) for ln g: near capacity W_s grows like 1/(1 − x_s), so
            // ln g is close to linear in y there, and regula falsi converges in a few steps
            // where, in x_s itself, it would crawl along the pole.
            let lng = |y: f64| -> Result<f64, QueueError> {
                let xs = -(-y).exp_m1();
                Ok((xs + 2.0 * (self.at_utilisation(xs).steady()? - w0) / period).ln())
            };
            // The bracket: below capacity g(x) ≥ x, so x_s ≤ x, and x₁ = x − 2(W_s(x) − W₀)/T has
            // g(x₁) ≤ x₁ + 2(W_s(x) − W₀)/T = x, so x_s ≥ x₁: tight when T is long.
            let top = x.min(1.0 - 1e-12);
            let low = if x < 1.0 {
                x - 2.0 * (self.at_utilisation(x).steady()? - w0) / period
            } else {
                0.0
            };
            let low = low.max(top * 1e-9);
            let y = solve_increasing(lng, x.ln(), -(-low).ln_1p(), -(-top).ln_1p())?;
            let xs = -(-y).exp_m1();
            // Well conditioned either way: W_s(x_s) at light load, the linear form near 1.
            if xs < 0.5 {
                self.at_utilisation(xs).steady()?
            } else {
                w0 + (x - xs) * period / 2.0
            }
        };
        if hours.is_finite() {
            Ok(Wait {
                hours: hours.max(0.0),
                utilisation: x,
                saturated: x >= 1.0,
            })
        } else {
            Err(QueueError::Overflow)
        }
    }

    /// The same queue with its arrival rate set to give utilisation `x`.
    fn at_utilisation(&self, x: f64) -> Queue {
        self.with_lambda(x * self.capacity_rate())
    }

    /// The steady-state wait of a checked queue below capacity.
    fn steady(&self) -> Result<f64, QueueError> {
        let h = self.steady_hours();
        if h.is_finite() {
            Ok(h.max(0.0))
        } else {
            Err(QueueError::Overflow)
        }
    }
}

/// The root in [`lo`, `hi`] of g(y) = `target` for an increasing g, by the Illinois variant of
/// regula falsi (superlinear, keeps the bracket); `hi` when g(hi) ≤ target, `lo` when
/// g(lo) ≥ target. Stops when g is within 1e-14 of the target or the bracket within 1e-14 of
/// its upper end.
fn solve_increasing(
    g: impl Fn(f64) -> Result<f64, QueueError>,
    target: f64,
    mut lo: f64,
    mut hi: f64,
) -> Result<f64, QueueError> {
    let mut flo = g(lo)? - target;
    let mut fhi = g(hi)? - target;
    if fhi <= 0.0 {
        return Ok(hi);
    }
    if flo >= 0.0 {
        return Ok(lo);
    }
    let mut side = 0i8;
    for _ in 0..200 {
        let mut y = (lo * fhi - hi * flo) / (fhi - flo);
        if !(y > lo && y < hi) {
            y = 0.5 * (lo + hi);
        }
        let fy = g(y)? - target;
        if fy.abs() <= 1e-14 || hi - lo <= 1e-14 * hi {
            return Ok(y);
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
    Ok(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The closed form of the transformation for a steady state W_s = C·x/(1 − x) (W₀ = 0):
    /// W = ½[(aT/2 − C) + √((aT/2 − C)² + 2CxT)], a = x − 1 (Akçelik's form).
    fn closed(c: f64, x: f64, t: f64) -> f64 {
        let a = x - 1.0;
        let b = a * t / 2.0 - c;
        0.5 * (b + (b * b + 2.0 * c * x * t).sqrt())
    }

    #[test]
    fn mm1_matches_the_closed_form_below_and_above_capacity() {
        let mu = 2.0; // C = 1/μ
        for &x in &[0.1, 0.5, 0.9, 0.99, 1.0, 1.1, 1.5, 3.0, 6.0] {
            for &t in &[1.0, 24.0, 720.0, 8760.0] {
                let w = Queue::Mm1 { lambda: x * mu, mu }.wait_over(t).unwrap();
                let want = closed(1.0 / mu, x, t);
                assert!(
                    (w.hours - want).abs() <= 1e-9 * want.max(1.0),
                    "x {x} T {t}: {} vs {want}",
                    w.hours
                );
                assert_eq!(w.saturated, x >= 1.0);
            }
        }
    }

    #[test]
    fn tends_to_the_steady_state_below_and_to_the_fluid_queue_above() {
        let q = |x: f64| Queue::Batch {
            lambda: x * 110.0 / 19.6,
            capacity: 110,
            headway: 19.6,
            arrivals: super::super::Arrivals::Poisson,
        };
        for &x in &[0.3, 0.8, 0.95] {
            let steady = q(x).wait_capped(0.999).unwrap().hours;
            let long = q(x).wait_over(1e9).unwrap().hours;
            assert!((long - steady).abs() < 1e-4 * steady, "x {x}");
        }
        for &x in &[1.1, 1.5, 4.0] {
            let t = 1e7;
            let fluid = 19.6 / 2.0 + (x - 1.0) * t / 2.0;
            let w = q(x).wait_over(t).unwrap().hours;
            assert!((w - fluid).abs() < 1e-3 * fluid, "x {x}: {w} vs {fluid}");
        }
    }

    #[test]
    fn grows_with_the_overload_and_the_period() {
        let q = |x: f64| Queue::Ggc {
            lambda: x * 3.0 / 2.0,
            mean_service: 2.0,
            servers: 3,
            ca2: 1.0,
            cs2: 0.5,
        };
        let mut last = 0.0;
        for i in 1..=60 {
            let x = f64::from(i) * 0.05;
            let w = q(x).wait_over(720.0).unwrap().hours;
            assert!(w > last, "x {x}: {w} ≤ {last}");
            last = w;
        }
        for &x in &[0.7, 1.0, 1.5] {
            let short = q(x).wait_over(24.0).unwrap().hours;
            let long = q(x).wait_over(720.0).unwrap().hours;
            assert!(long > short, "x {x}");
        }
        // At 150 % the wait is far longer than at 110 %.
        let (a, b) = (
            q(1.1).wait_over(720.0).unwrap().hours,
            q(1.5).wait_over(720.0).unwrap().hours,
        );
        assert!(b > 3.0 * a, "{a} {b}");
    }

    #[test]
    fn rejects_a_bad_period() {
        let q = Queue::Mm1 {
            lambda: 1.0,
            mu: 2.0,
        };
        for t in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(q.wait_over(t).is_err());
        }
        assert!(Horizon::Period { hours: 0.0 }.check().is_err());
        assert!(Horizon::Steady { cap: 1.0 }.check().is_err());
    }
}
