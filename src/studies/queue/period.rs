//! Queues over a planning period: the time-dependent wait by coordinate transformation, finite
//! and growing with the overload when demand exceeds capacity (the method is in the module
//! documentation of [`crate::studies::queue`]).

use super::model::Queue;
use super::roots::Workspace;
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
        self.wait_in_with(horizon, &mut Workspace::new())
    }

    /// [`Queue::wait_in`], reusing `ws` (the same answer, faster when many waits of the same
    /// capacity are evaluated).
    pub fn wait_in_with(&self, horizon: Horizon, ws: &mut Workspace) -> Result<Wait, QueueError> {
        match horizon {
            Horizon::Steady { cap } => self.wait_capped_with(cap, ws),
            Horizon::Period { hours } => self.wait_over_with(hours, ws),
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
        self.wait_over_with(period, &mut Workspace::new())
    }

    /// [`Queue::wait_over`], reusing `ws` (the same answer, faster when many waits of the same
    /// capacity are evaluated).
    pub fn wait_over_with(&self, period: f64, ws: &mut Workspace) -> Result<Wait, QueueError> {
        rate("planning period T", period, true)?;
        let x = self.utilisation()?;
        if !x.is_finite() {
            return Err(QueueError::Overflow);
        }
        ws.begin();
        let w0 = self.at_utilisation(0.0).steady(ws)?.0;
        let hours = if x == 0.0 {
            w0
        } else {
            self.transformed(x, period, w0, ws)?
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

    /// The wait at utilisation x > 0 over a period T: W_s(x_s), x_s the root of
    /// G(x_s) = x_s + 2(W_s(x_s) − W₀)/T = x in [0, min(x, 1)).
    ///
    /// G is increasing and below capacity G(x) ≥ x, so the root lies in [0, min(x, 1)). Each step
    /// evaluates W_s and its slope at the current point p and fits the curve with the form it has
    /// near capacity, W_s − W₀ ≈ A + C/(1 − p) (value and slope matched); the transformation of
    /// that form is a quadratic in 1 − x_s, whose root is the next point (Newton's method with a
    /// model that has the pole of the curve: exact in one step for M/M/1, quadratic in general,
    /// and not slowed near capacity as the tangent would be). The first point is the root for
    /// the curve's heavy-traffic form C·x/(1 − x) (C its residue at the pole: Akçelik's closed
    /// form); a step outside the bracket the evaluations have established is replaced by its
    /// midpoint in −ln(1 − x). It stops when the step is below 10⁻⁹ of 1 − x_s (the next is then
    /// at rounding) or G is within 10⁻¹⁴ of x, at most `MAX_STEPS` evaluations.
    fn transformed(&self, x: f64, t: f64, w0: f64, ws: &mut Workspace) -> Result<f64, QueueError> {
        let top = x.min(1.0 - 1e-12);
        let (mut lo, mut hi, mut top_seen) = (0.0, top, false);
        let c = self.pole_residue();
        let mut p = 1.0 - model_root(-c, c, x, t);
        if !(p > 0.0 && p < top) {
            p = top;
        }
        let mut last = (p, 0.0, 0.0);
        for _ in 0..MAX_STEPS {
            let (w, dw) = self.at_utilisation(p).steady(ws)?;
            last = (p, w, dw);
            let v = w - w0;
            let g = p + 2.0 * v / t;
            top_seen |= p == top;
            if g < x {
                lo = p;
            } else {
                hi = p;
            }
            // G(top) < x: the curve has no pole (a smooth flow); the fluid wait at the top.
            if lo == top {
                return Ok(w0 + (x - top) * t / 2.0);
            }
            if (g - x).abs() <= 1e-14 * x {
                return Ok(finish(x, t, w0, p, last));
            }
            let u = 1.0 - p;
            let next = 1.0 - model_root(v - dw * u, dw * u * u, x, t);
            if (next - p).abs() <= 1e-9 * (1.0 - next) && next >= lo && next <= hi {
                return Ok(finish(x, t, w0, next, last));
            }
            p = if next > lo && next < hi {
                next
            } else if next >= hi && hi == top && !top_seen {
                top
            } else {
                1.0 - ((1.0 - lo) * (1.0 - hi)).sqrt()
            };
            if hi - lo <= 1e-14 * (1.0 - lo) {
                break;
            }
        }
        Ok(finish(x, t, w0, last.0, last))
    }

    /// The same queue with its arrival rate set to give utilisation `x`.
    fn at_utilisation(&self, x: f64) -> Queue {
        self.with_lambda(x * self.capacity_rate())
    }

    /// The steady-state wait of a checked queue below capacity, and its slope in ρ.
    fn steady(&self, ws: &mut Workspace) -> Result<(f64, f64), QueueError> {
        let (h, slope) = self.steady_with(ws);
        if h.is_finite() {
            Ok((h.max(0.0), slope))
        } else {
            Err(QueueError::Overflow)
        }
    }
}

/// The most evaluations of the steady state in one transformation.
const MAX_STEPS: usize = 100;

/// u = 1 − x_s > 0 solving (1 − u) + 2(A + C/u)/T = x, i.e. u² − βu − 2C/T = 0 with
/// β = 1 − x + 2A/T, in the form that does not cancel; β⁺ when C = 0.
fn model_root(a: f64, c: f64, x: f64, t: f64) -> f64 {
    let beta = 1.0 - x + 2.0 * a / t;
    let k = 2.0 * c / t;
    if k <= 0.0 {
        return beta.max(0.0);
    }
    let disc = (beta * beta + 4.0 * k).sqrt();
    if beta >= 0.0 {
        (beta + disc) / 2.0
    } else {
        2.0 * k / (disc - beta)
    }
}

/// The wait at the root x_s, from the last evaluation `at` = (p, W_s(p), W_s′(p)): the two
/// forms the equation makes equal, each where it is well conditioned. Where W_s′ ≤ T/2 (an
/// error δ in x_s moves W_s(x_s) by W_s′·δ, at most the T/2·δ of the other form; and
/// W₀ + (x − x_s)·T/2 would lose the digits of a small wait to the difference x − x_s),
/// W_s(p) + W_s′(p)·(x_s − p), |x_s − p| being at most 10⁻⁹ of 1 − x_s, or 0; where W_s is
/// steeper (near capacity), W₀ + (x − x_s)·T/2.
fn finish(x: f64, t: f64, w0: f64, xs: f64, at: (f64, f64, f64)) -> f64 {
    let (p, w, dw) = at;
    if dw <= t / 2.0 {
        w + dw * (xs - p)
    } else {
        w0 + (x - xs) * t / 2.0
    }
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
