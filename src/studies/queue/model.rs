//! A [`Queue`]: one model and its parameters. It checks them, computes the utilisation, caps a
//! saturated queue at the utilisation cap, scales capacity for a season, and hands the
//! steady-state wait to the closed forms or to the batch-service model. The front-door functions
//! ([`mm1_wait`] … [`batch_wait`]) evaluate one model at the default cap.

use super::batch::{batch_hours, Arrivals};
use super::closed::{ggc_hours, ggc_slope, md1_hours, mm1_hours, mm1_slope, mmc_hours, mmc_slope};
use super::roots::Workspace;
use super::wait::{check_cap, count, rate, servers, QueueError, Wait, MAX_BATCH, UTILISATION_CAP};

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
/// [module documentation](super) for the model), at the default cap.
pub fn batch_wait(lambda: f64, b: u32, h: f64, arrivals: Arrivals) -> Result<Wait, QueueError> {
    Queue::Batch {
        lambda,
        capacity: b,
        headway: h,
        arrivals,
    }
    .wait()
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

    pub(super) fn with_lambda(&self, l: f64) -> Queue {
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
    pub(super) fn capacity_rate(&self) -> f64 {
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
        self.wait_capped_with(cap, &mut Workspace::new())
    }

    /// [`Queue::wait_capped`], reusing `ws` (the same answer, faster when many waits of the same
    /// capacity are evaluated).
    pub fn wait_capped_with(&self, cap: f64, ws: &mut Workspace) -> Result<Wait, QueueError> {
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
        ws.begin();
        let hours = at.steady_with(ws).0;
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

    /// The steady-state wait of a checked queue with ρ < 1, and its derivative in ρ.
    pub(super) fn steady_with(&self, ws: &mut Workspace) -> (f64, f64) {
        match *self {
            Queue::Mm1 { lambda, mu } => (mm1_hours(lambda, mu), mm1_slope(lambda, mu)),
            Queue::Md1 { lambda, mu } => (md1_hours(lambda, mu), mm1_slope(lambda, mu) / 2.0),
            Queue::Mmc {
                lambda,
                mu,
                servers,
            } => (
                mmc_hours(lambda, mu, servers),
                mmc_slope(lambda, mu, servers),
            ),
            Queue::Ggc {
                lambda,
                mean_service,
                servers,
                ca2,
                cs2,
            } => (
                ggc_hours(lambda, mean_service, servers, ca2, cs2),
                ggc_slope(lambda, mean_service, servers, ca2, cs2),
            ),
            Queue::Batch {
                lambda,
                capacity,
                headway,
                arrivals,
            } => batch_hours(lambda, capacity, headway, arrivals, ws),
        }
    }

    /// The steady-state wait's residue at its pole ρ = 1: C such that W_s(ρ) − W_s(0) tends to
    /// C/(1 − ρ) (heavy traffic): 1/μ for M/M/1, half that for M/D/1, 1/(cμ) for M/M/c (C(c, a)
    /// tends to 1), ((ca² + cs²)/2)·E\[S\]/c for G/G/c, and h/(2b) for Poisson arrivals at
    /// departures (the term m(m − b + 1)/(2(b − m)) of E\[Q\] over λ; the roots' terms stay
    /// finite), 0 for a smooth flow.
    pub(super) fn pole_residue(&self) -> f64 {
        match *self {
            Queue::Mm1 { mu, .. } => 1.0 / mu,
            Queue::Md1 { mu, .. } => 0.5 / mu,
            Queue::Mmc { mu, servers, .. } => 1.0 / (f64::from(servers) * mu),
            Queue::Ggc {
                mean_service,
                servers,
                ca2,
                cs2,
                ..
            } => (ca2 + cs2) / 2.0 * mean_service / f64::from(servers),
            Queue::Batch {
                capacity,
                headway,
                arrivals,
                ..
            } => match arrivals {
                Arrivals::Poisson => headway / (2.0 * f64::from(capacity)),
                Arrivals::Smooth => 0.0,
            },
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
