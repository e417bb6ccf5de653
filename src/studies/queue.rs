//! Queue models: waits that follow from volume (issue #12, "Capacity and queueing").
//!
//! This module owns the closed forms and numerical models that turn a flow (units per hour) and
//! a capacity (a service rate, a number of servers, a vessel or train of `b` units every `h`
//! hours) into a mean wait in hours. It is pure arithmetic on `f64` hours: it knows nothing of
//! the network, and every function returns a [`Wait`] or a [`QueueError`], never a panic, an
//! infinity or a NaN.
//!
//! # Models
//!
//! With arrival rate λ, service rate μ (mean service time E\[S\] = 1/μ), `c` servers,
//! utilisation ρ and Wq the mean wait in queue (service time excluded):
//!
//! - **M/M/1** ([`mm1_wait`]): Wq = ρ/(μ − λ), ρ = λ/μ.
//! - **M/D/1** ([`md1_wait`]): the Pollaczek–Khinchine formula Wq = λE\[S²\]/(2(1 − ρ)) with
//!   E\[S²\] = 1/μ², i.e. Wq = ρ/(2μ(1 − ρ)): half the M/M/1 wait.
//! - **Erlang C** ([`erlang_c`]): the probability that an arrival waits in M/M/c with offered
//!   load a = λ/μ, from the Erlang B recursion B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)), then
//!   C = B/(1 − ρ(1 − B)) with ρ = a/c. Every step stays in \[0, 1\], so it is stable for any
//!   number of servers (no factorials or powers of `a`).
//! - **M/M/c** ([`mmc_wait`]): Wq = C(c, a)/(cμ − λ).
//! - **G/G/c** ([`ggc_wait`]), Kingman's heavy-traffic formula (J. F. C. Kingman, "The single
//!   server queue in heavy traffic", Proc. Cambridge Phil. Soc. 57, 1961) extended to `c`
//!   servers by Sakasegawa (H. Sakasegawa, "An approximation formula Lq ≃ α·ρ^β/(1−ρ)", Annals
//!   of the Institute of Statistical Mathematics 29, 1977), as in Hopp & Spearman's *Factory
//!   Physics*: Wq ≈ ((ca² + cs²)/2) · (ρ^(√(2(c+1)) − 1)/(c(1 − ρ))) · E\[S\], ρ = λE\[S\]/c,
//!   where ca² and cs² are the squared coefficients of variation of interarrival and service
//!   times. For c = 1 the exponent is 1 and this *is* Kingman's formula; with ca² = cs² = 1 it
//!   is then exactly M/M/1, and with ca² = 1, cs² = 0 exactly M/D/1. For c > 1 with
//!   ca² = cs² = 1 it approximates M/M/c: measured against Erlang C on ρ ∈ (0, 0.98],
//!   c ≤ 500, the absolute error is at most 0.034·E\[S\] (worst at c = 2, ρ ≈ 0.6); the
//!   relative error is at most 2 % for ρ ≥ 0.9 and c ≤ 20 but grows at light load with many
//!   servers, where the wait itself is a tiny fraction of E\[S\] (7 % at c = 10, ρ = 0.8;
//!   over 100 % at c = 10, ρ = 0.5). `tests/queue.rs` checks these bounds for c ≤ 50.
//! - **Scheduled batch departures** ([`batch_wait`]): see below.
//!
//! # Batch service: scheduled vessels and trains
//!
//! A departure of capacity `b` units leaves every `h` hours (a deterministic headway); units
//! arrive at λ per hour and wait from arrival to the departure that carries them. Let A_n be the
//! arrivals during headway n (mean m = λh) and Q_n the units left behind by departure n, which
//! takes up to `b` of the units present (first come, first served). Then
//! Q_{n+1} = max(0, Q_n + A_n − b): a discrete-time bulk-service queue (N. T. J. Bailey, "On
//! queueing processes with bulk service", J. Royal Statistical Society B 16, 1954). Each unit
//! waits for the rest of the headway it arrives in, h/2 on average (arrivals spread uniformly
//! over the headway), plus one more headway for every departure it is left behind by. The
//! left-behind units add h·Q_n unit-hours per headway against m arrivals, so by Little's law
//!
//! > W = h/2 + h·E\[Q\]/(λh) = h/2 + E\[Q\]/λ
//!
//! exactly for this model, whatever the order in which units board. Arrivals ([`Arrivals`]):
//!
//! - [`Arrivals::Poisson`]: A_n ~ Poisson(λh). E\[Q\] is computed exactly, with no truncation
//!   of the state space, from the chain's generating function
//!   Q(z) = (b − m)(z − 1)/(z^b − e^{m(z−1)}) · Π_{k=1}^{b−1} (z − z_k)/(1 − z_k), where
//!   z_1 … z_{b−1} are the roots of z^b = e^{m(z−1)} inside the unit disk other than 1. Then
//!   E\[Q\] = Q′(1) = (m² − b(b−1))/(2(b − m)) + Σ_k 1/(1 − z_k). Root k is the unique fixed
//!   point in the disk of z ↦ ω^k·e^{m(z−1)/b} (ω = e^{2πi/b}), a contraction with factor
//!   ≤ ρ; it is found by Newton's method from ω^k, falling back on the contraction step if a
//!   Newton step leaves the disk. The sum is rewritten as
//!   m(m − b + 1)/(2(b − m)) + Σ_k (z_k − ω^k)/((1 − z_k)(1 − ω^k)), using
//!   Σ_k 1/(1 − ω^k) = (b − 1)/2, so that no two large terms cancel at light load. Cost:
//!   O(b) complex exponentials; `tests/queue.rs` checks the result against the chain iterated
//!   on a truncated state space and against hand-computed cases.
//! - [`Arrivals::Smooth`]: exactly λh units arrive in each headway (a fluid flow). Below
//!   capacity nothing is ever left behind, so W = h/2; at or above the cap the result is the
//!   flagged value at the cap, still h/2 (a smooth flow has no queue until it exceeds capacity,
//!   then a queue that grows without bound).
//!
//! Assumptions of the batch model: the schedule is kept (no cancelled or late departures),
//! capacity is the same every departure, the arrival stream is stationary, and the answer is
//! the steady-state mean (the chain started long ago), not the wait after a disruption.
//!
//! # Saturation
//!
//! Every model has a utilisation ρ (λ over capacity) and a steady state only for ρ < 1, where
//! the waits grow like 1/(1 − ρ). At or above a utilisation cap (default [`UTILISATION_CAP`],
//! or any cap in (0, 1) through [`Queue::wait_capped`]) the wait is the formula evaluated at
//! ρ = cap, with [`Wait::saturated`] set: a finite, flagged lower bound on a queue that, in
//! steady state, has none. [`Wait::utilisation`] reports the offered ρ, which may exceed 1.
//!
//! # Seasons
//!
//! [`seasonal_wait`] multiplies capacity by a factor in given months (winter storms on the
//! Caspian, ice on the Baltic) and returns the month-weighted mean wait: each of the twelve
//! months weighs 1/12 (the difference in days between months is ignored) and each is evaluated
//! in steady state, as if its conditions lasted (no carry-over of a queue between months).
//!
//! # Example
//!
//! ```
//! use corridor::studies::queue::{batch_wait, mm1_wait, Arrivals};
//!
//! // 1 unit per hour at a server of 2 per hour: ρ = 0.5, Wq = 0.5/(2 − 1) h.
//! let w = mm1_wait(1.0, 2.0).unwrap();
//! assert!((w.hours - 0.5).abs() < 1e-12 && !w.saturated);
//!
//! // A ferry of 40 FEU every 24 h, 0.5 FEU per hour offered: λh = 12, far below 40: h/2.
//! let w = batch_wait(0.5, 40, 24.0, Arrivals::Poisson).unwrap();
//! assert!((w.hours - 12.0).abs() < 1e-6);
//!
//! // Demand beyond capacity: a finite wait at the cap, flagged.
//! let w = mm1_wait(3.0, 2.0).unwrap();
//! assert!(w.saturated && w.hours.is_finite() && w.utilisation == 1.5);
//! ```

use std::f64::consts::PI;

use serde::Serialize;

use crate::error::number;

/// Default utilisation cap: at or above it a wait is evaluated at the cap and flagged saturated.
pub const UTILISATION_CAP: f64 = 0.98;

/// Most servers [`erlang_c`], [`mmc_wait`] and [`ggc_wait`] accept.
pub const MAX_SERVERS: u32 = 1_000_000;

/// Largest capacity per departure [`batch_wait`] accepts (units).
pub const MAX_BATCH: u32 = 1_000_000;

/// A mean wait and the load that caused it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Wait {
    /// Mean wait in hours (in queue, service excluded; for batch departures, arrival to
    /// departure). Always finite and ≥ 0.
    pub hours: f64,
    /// Offered utilisation ρ (demand over capacity); may be ≥ 1 when saturated.
    pub utilisation: f64,
    /// Whether ρ reached the cap, so that `hours` is the wait evaluated at the cap.
    pub saturated: bool,
}

/// Why a queue cannot be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// A number outside its domain (negative, zero where a rate is needed, NaN or infinite).
    #[error("{what} is {}: it must be {need}", number(*.value))]
    Invalid {
        /// The parameter, in words ("arrival rate λ").
        what: &'static str,
        /// The value given.
        value: f64,
        /// What it must be ("a finite number ≥ 0").
        need: &'static str,
    },
    /// A count that must be at least 1 is 0 (servers, capacity per departure).
    #[error("{what} is 0: it must be at least 1")]
    Zero {
        /// The parameter, in words.
        what: &'static str,
    },
    /// A count beyond what the solver accepts.
    #[error("{what} is {value}: at most {max} is supported")]
    TooLarge {
        /// The parameter, in words.
        what: &'static str,
        /// The value given.
        value: u32,
        /// The largest accepted.
        max: u32,
    },
    /// A month number outside 1–12.
    #[error("month {0} does not exist: months are numbered 1 (January) to 12 (December)")]
    Month(u8),
    /// The inputs are valid but so extreme that the wait does not fit in an `f64`.
    #[error(
        "the rates and times are beyond any plausible range: the wait does not fit in a 64-bit float"
    )]
    Overflow,
}

impl From<QueueError> for crate::Error {
    fn from(e: QueueError) -> crate::Error {
        crate::Error::InvalidArgument(e.to_string())
    }
}

/// The arrival process of a batch-service queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrivals {
    /// Poisson arrivals: the number in a headway of `h` hours is Poisson(λh).
    Poisson,
    /// A smooth (fluid) flow: exactly λh units in every headway.
    Smooth,
}

/// A queue to evaluate: one model and its parameters (rates per hour, times in hours).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Queue {
    /// M/M/1: Poisson arrivals at `lambda`, exponential service at rate `mu`.
    Mm1 {
        /// Arrival rate λ, per hour (≥ 0).
        lambda: f64,
        /// Service rate μ, per hour (> 0).
        mu: f64,
    },
    /// M/D/1: Poisson arrivals at `lambda`, deterministic service of 1/`mu` hours.
    Md1 {
        /// Arrival rate λ, per hour (≥ 0).
        lambda: f64,
        /// Service rate μ, per hour (> 0).
        mu: f64,
    },
    /// M/M/c: Poisson arrivals at `lambda`, `servers` exponential servers of rate `mu` each.
    Mmc {
        /// Arrival rate λ, per hour (≥ 0).
        lambda: f64,
        /// Service rate μ of one server, per hour (> 0).
        mu: f64,
        /// Number of servers c (≥ 1).
        servers: u32,
    },
    /// G/G/c by the Kingman–Sakasegawa approximation.
    Ggc {
        /// Arrival rate λ, per hour (≥ 0).
        lambda: f64,
        /// Mean service time E\[S\] of one server, hours (> 0).
        mean_service: f64,
        /// Number of servers c (≥ 1).
        servers: u32,
        /// Squared coefficient of variation of interarrival times, ca² (≥ 0; 1 for Poisson).
        ca2: f64,
        /// Squared coefficient of variation of service times, cs² (≥ 0; 1 for exponential, 0
        /// for deterministic).
        cs2: f64,
    },
    /// Scheduled departures of `capacity` units every `headway` hours.
    Batch {
        /// Arrival rate λ, units per hour (≥ 0).
        lambda: f64,
        /// Capacity b of one departure, units (≥ 1).
        capacity: u32,
        /// Headway h between departures, hours (> 0).
        headway: f64,
        /// How units arrive.
        arrivals: Arrivals,
    },
}

/// M/M/1 mean wait in queue, Wq = ρ/(μ − λ), at the default cap.
pub fn mm1_wait(lambda: f64, mu: f64) -> Result<Wait, QueueError> {
    Queue::Mm1 { lambda, mu }.wait()
}

/// M/D/1 mean wait in queue, Wq = ρ/(2μ(1 − ρ)) (Pollaczek–Khinchine), at the default cap.
pub fn md1_wait(lambda: f64, mu: f64) -> Result<Wait, QueueError> {
    Queue::Md1 { lambda, mu }.wait()
}

/// M/M/c mean wait in queue, Wq = C(c, λ/μ)/(cμ − λ), at the default cap.
pub fn mmc_wait(lambda: f64, mu: f64, c: u32) -> Result<Wait, QueueError> {
    Queue::Mmc {
        lambda,
        mu,
        servers: c,
    }
    .wait()
}

/// G/G/c mean wait in queue by Kingman (c = 1) and Sakasegawa (c ≥ 1), at the default cap:
/// Wq ≈ ((ca² + cs²)/2) · (ρ^(√(2(c+1)) − 1)/(c(1 − ρ))) · E\[S\].
pub fn ggc_wait(
    lambda: f64,
    mean_service: f64,
    c: u32,
    ca2: f64,
    cs2: f64,
) -> Result<Wait, QueueError> {
    Queue::Ggc {
        lambda,
        mean_service,
        servers: c,
        ca2,
        cs2,
    }
    .wait()
}

/// Mean wait from arrival to departure for departures of `b` units every `h` hours (see the
/// module documentation for the model), at the default cap.
pub fn batch_wait(lambda: f64, b: u32, h: f64, arrivals: Arrivals) -> Result<Wait, QueueError> {
    Queue::Batch {
        lambda,
        capacity: b,
        headway: h,
        arrivals,
    }
    .wait()
}

/// Erlang C: the probability that an arrival waits in M/M/c with `c` servers and offered load
/// `a` = λ/μ (in erlangs). 1 when a ≥ c (every arrival eventually waits).
pub fn erlang_c(c: u32, a: f64) -> Result<f64, QueueError> {
    servers(c)?;
    rate("offered load a", a, false)?;
    Ok(erlang_c_unchecked(c, a))
}

fn erlang_c_unchecked(c: u32, a: f64) -> f64 {
    let cf = f64::from(c);
    if a >= cf {
        return 1.0;
    }
    let mut b = 1.0;
    for k in 1..=c {
        let ab = a * b;
        b = ab / (f64::from(k) + ab);
    }
    let rho = a / cf;
    b / (1.0 - rho * (1.0 - b))
}

/// A finite number ≥ 0 (`positive`: > 0).
fn rate(what: &'static str, v: f64, positive: bool) -> Result<f64, QueueError> {
    let ok = v.is_finite() && if positive { v > 0.0 } else { v >= 0.0 };
    if ok {
        Ok(v)
    } else {
        Err(QueueError::Invalid {
            what,
            value: v,
            need: if positive {
                "a finite number > 0"
            } else {
                "a finite number ≥ 0"
            },
        })
    }
}

fn count(what: &'static str, v: u32, max: u32) -> Result<u32, QueueError> {
    match v {
        0 => Err(QueueError::Zero { what }),
        v if v > max => Err(QueueError::TooLarge {
            what,
            value: v,
            max,
        }),
        v => Ok(v),
    }
}

fn servers(c: u32) -> Result<u32, QueueError> {
    count("number of servers c", c, MAX_SERVERS)
}

fn check_cap(cap: f64) -> Result<f64, QueueError> {
    if cap > 0.0 && cap < 1.0 {
        Ok(cap)
    } else {
        Err(QueueError::Invalid {
            what: "utilisation cap",
            value: cap,
            need: "a number strictly between 0 and 1",
        })
    }
}

impl Queue {
    fn lambda(&self) -> f64 {
        match *self {
            Queue::Mm1 { lambda, .. }
            | Queue::Md1 { lambda, .. }
            | Queue::Mmc { lambda, .. }
            | Queue::Ggc { lambda, .. }
            | Queue::Batch { lambda, .. } => lambda,
        }
    }

    fn with_lambda(&self, l: f64) -> Queue {
        let mut q = *self;
        match &mut q {
            Queue::Mm1 { lambda, .. }
            | Queue::Md1 { lambda, .. }
            | Queue::Mmc { lambda, .. }
            | Queue::Ggc { lambda, .. }
            | Queue::Batch { lambda, .. } => *lambda = l,
        }
        q
    }

    /// Checks every parameter.
    fn check(&self) -> Result<(), QueueError> {
        rate("arrival rate λ", self.lambda(), false)?;
        match *self {
            Queue::Mm1 { mu, .. } | Queue::Md1 { mu, .. } => {
                rate("service rate μ", mu, true)?;
            }
            Queue::Mmc { mu, servers: c, .. } => {
                rate("service rate μ", mu, true)?;
                servers(c)?;
            }
            Queue::Ggc {
                mean_service,
                servers: c,
                ca2,
                cs2,
                ..
            } => {
                rate("mean service time E[S]", mean_service, true)?;
                servers(c)?;
                rate("interarrival variability ca²", ca2, false)?;
                rate("service variability cs²", cs2, false)?;
            }
            Queue::Batch {
                capacity, headway, ..
            } => {
                count("capacity per departure b", capacity, MAX_BATCH)?;
                rate("headway h", headway, true)?;
            }
        }
        Ok(())
    }

    /// Capacity in units per hour: λ at ρ = 1.
    fn capacity_rate(&self) -> f64 {
        match *self {
            Queue::Mm1 { mu, .. } | Queue::Md1 { mu, .. } => mu,
            Queue::Mmc { mu, servers, .. } => f64::from(servers) * mu,
            Queue::Ggc {
                mean_service,
                servers,
                ..
            } => f64::from(servers) / mean_service,
            Queue::Batch {
                capacity, headway, ..
            } => f64::from(capacity) / headway,
        }
    }

    /// The offered utilisation ρ (demand over capacity), after checking the parameters.
    pub fn utilisation(&self) -> Result<f64, QueueError> {
        self.check()?;
        Ok(self.rho())
    }

    fn rho(&self) -> f64 {
        // Each as the model's formula writes it (λ/μ, λE[S]/c, λh/b).
        match *self {
            Queue::Mm1 { lambda, mu } | Queue::Md1 { lambda, mu } => lambda / mu,
            Queue::Mmc {
                lambda,
                mu,
                servers,
            } => lambda / mu / f64::from(servers),
            Queue::Ggc {
                lambda,
                mean_service,
                servers,
                ..
            } => lambda * mean_service / f64::from(servers),
            Queue::Batch {
                lambda,
                capacity,
                headway,
                ..
            } => lambda * headway / f64::from(capacity),
        }
    }

    /// The mean wait at the default cap [`UTILISATION_CAP`].
    pub fn wait(&self) -> Result<Wait, QueueError> {
        self.wait_capped(UTILISATION_CAP)
    }

    /// The mean wait, evaluated at ρ = `cap` (and flagged saturated) when the offered ρ ≥ `cap`.
    /// `cap` must lie strictly between 0 and 1.
    pub fn wait_capped(&self, cap: f64) -> Result<Wait, QueueError> {
        check_cap(cap)?;
        self.check()?;
        let rho = self.rho();
        if !rho.is_finite() {
            return Err(QueueError::Overflow);
        }
        let saturated = rho >= cap;
        let at = if saturated {
            self.with_lambda(cap * self.capacity_rate())
        } else {
            *self
        };
        let hours = at.steady_hours();
        if hours.is_finite() {
            Ok(Wait {
                hours: hours.max(0.0),
                utilisation: rho,
                saturated,
            })
        } else {
            Err(QueueError::Overflow)
        }
    }

    /// The steady-state wait of a checked queue with ρ < 1.
    fn steady_hours(&self) -> f64 {
        match *self {
            Queue::Mm1 { lambda, mu } => lambda / (mu * (mu - lambda)),
            Queue::Md1 { lambda, mu } => lambda / (2.0 * mu * (mu - lambda)),
            Queue::Mmc {
                lambda,
                mu,
                servers,
            } => {
                let c = f64::from(servers);
                erlang_c_unchecked(servers, lambda / mu) / (c * mu - lambda)
            }
            Queue::Ggc {
                lambda,
                mean_service,
                servers,
                ca2,
                cs2,
            } => {
                let c = f64::from(servers);
                let rho = lambda * mean_service / c;
                let beta = (2.0 * (c + 1.0)).sqrt() - 1.0;
                (ca2 + cs2) / 2.0 * (rho.powf(beta) / (c * (1.0 - rho))) * mean_service
            }
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
                    Arrivals::Poisson => {
                        half + mean_left_behind(lambda * headway, capacity) / lambda
                    }
                }
            }
        }
    }

    /// The same queue with its capacity multiplied by `factor` (> 0): the service rate μ times
    /// `factor` (M/M/1, M/D/1, M/M/c), the mean service time divided by it (G/G/c), and for
    /// batch departures the headway divided by it: more or fewer departures of the same size,
    /// so the wait for the next departure, h/2, changes too.
    pub fn with_capacity_factor(&self, factor: f64) -> Result<Queue, QueueError> {
        rate("capacity factor", factor, true)?;
        self.check()?;
        let mut q = *self;
        match &mut q {
            Queue::Mm1 { mu, .. } | Queue::Md1 { mu, .. } | Queue::Mmc { mu, .. } => *mu *= factor,
            Queue::Ggc { mean_service, .. } => *mean_service /= factor,
            Queue::Batch { headway, .. } => *headway /= factor,
        }
        q.check().map_err(|_| QueueError::Overflow)?;
        Ok(q)
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

/// The result of [`seasonal_wait`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonalWait {
    /// The mean of the twelve monthly waits, hours.
    pub mean_hours: f64,
    /// The wait in each month, January first.
    pub months: [Wait; 12],
}

impl SeasonalWait {
    /// The months (1–12) whose wait is saturated.
    pub fn saturated_months(&self) -> Vec<u8> {
        (1..=12u8)
            .filter(|&m| self.months[usize::from(m - 1)].saturated)
            .collect()
    }
}

/// The month-weighted mean wait over a year in which capacity is multiplied by `factor` in the
/// `winter` months (numbered 1–12; repeats and order do not matter) and is as given in the
/// others (see [`Queue::with_capacity_factor`] for what "capacity" is in each model). Each
/// month is evaluated in steady state at utilisation cap `cap` and weighs 1/12.
pub fn seasonal_wait(
    queue: &Queue,
    winter: &[u8],
    factor: f64,
    cap: f64,
) -> Result<SeasonalWait, QueueError> {
    if let Some(&m) = winter.iter().find(|m| !(1..=12).contains(*m)) {
        return Err(QueueError::Month(m));
    }
    let normal = queue.wait_capped(cap)?;
    let cold = queue.with_capacity_factor(factor)?.wait_capped(cap)?;
    let mut months = [normal; 12];
    for &m in winter {
        months[usize::from(m - 1)] = cold;
    }
    let mean_hours = months.iter().map(|w| w.hours).sum::<f64>() / 12.0;
    Ok(SeasonalWait { mean_hours, months })
}

/// The few complex operations the root finder needs.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Complex {
    re: f64,
    im: f64,
}

impl Complex {
    fn new(re: f64, im: f64) -> Complex {
        Complex { re, im }
    }

    fn real(re: f64) -> Complex {
        Complex { re, im: 0.0 }
    }

    fn abs(self) -> f64 {
        self.re.hypot(self.im)
    }

    /// e^z − 1, accurate for small |z|: Re = expm1(x)·cos y − 2 sin²(y/2).
    fn exp_m1(self) -> Complex {
        let (s, c) = self.im.sin_cos();
        let h = (self.im / 2.0).sin();
        Complex::new(self.re.exp_m1() * c - 2.0 * h * h, self.re.exp() * s)
    }
}

impl std::ops::Add for Complex {
    type Output = Complex;
    fn add(self, o: Complex) -> Complex {
        Complex::new(self.re + o.re, self.im + o.im)
    }
}

impl std::ops::Sub for Complex {
    type Output = Complex;
    fn sub(self, o: Complex) -> Complex {
        Complex::new(self.re - o.re, self.im - o.im)
    }
}

impl std::ops::Mul for Complex {
    type Output = Complex;
    fn mul(self, o: Complex) -> Complex {
        Complex::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }
}

impl std::ops::Div for Complex {
    type Output = Complex;
    fn div(self, o: Complex) -> Complex {
        let n = o.re * o.re + o.im * o.im;
        Complex::new(
            (self.re * o.re + self.im * o.im) / n,
            (self.im * o.re - self.re * o.im) / n,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_exp_m1_is_accurate_near_zero() {
        let z = Complex::new(1e-10, 2e-10);
        let e = z.exp_m1();
        // e^z − 1 = z + z²/2 + …: z² = (1e-20 − 4e-20) + 4e-20 i.
        assert!((e.re - (1e-10 - 1.5e-20)).abs() < 1e-30, "{e:?}");
        assert!((e.im - (2e-10 + 2e-20)).abs() < 1e-30, "{e:?}");
        let big = Complex::new(0.5, 2.0).exp_m1();
        assert!((big.re - (0.5f64.exp() * 2.0f64.cos() - 1.0)).abs() < 1e-15);
        assert!((big.im - 0.5f64.exp() * 2.0f64.sin()).abs() < 1e-15);
    }

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
