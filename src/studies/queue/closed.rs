//! The closed forms: the steady-state mean wait in queue of M/M/1, M/D/1 (Pollaczek–Khinchine),
//! M/M/c and G/G/c (Kingman–Sakasegawa), each for parameters already checked with ρ < 1, and
//! [`erlang_c`], the probability of waiting in M/M/c (the formulas are given in the module
//! documentation of [`crate::studies::queue`]). Each `*_slope` is the derivative of its wait in
//! the utilisation ρ, for the period solver ([`super::period`]).

use super::wait::{rate, servers, QueueError};

/// M/M/1: Wq = ρ/(μ − λ), written λ/(μ(μ − λ)).
pub(super) fn mm1_hours(lambda: f64, mu: f64) -> f64 {
    lambda / (mu * (mu - lambda))
}

/// d/dρ of the M/M/1 wait ρ/(μ(1 − ρ)): 1/(μ(1 − ρ)²), written μ/(μ − λ)².
pub(super) fn mm1_slope(lambda: f64, mu: f64) -> f64 {
    mu / ((mu - lambda) * (mu - lambda))
}

/// M/D/1: Wq = ρ/(2μ(1 − ρ)), written λ/(2μ(μ − λ)).
pub(super) fn md1_hours(lambda: f64, mu: f64) -> f64 {
    lambda / (2.0 * mu * (mu - lambda))
}

/// M/M/c: Wq = C(c, λ/μ)/(cμ − λ).
pub(super) fn mmc_hours(lambda: f64, mu: f64, servers: u32) -> f64 {
    let c = f64::from(servers);
    erlang_c_unchecked(servers, lambda / mu) / (c * mu - lambda)
}

/// d/dρ of the M/M/c wait C(c, a)/(μ(c − a)), a = cρ: c·(C′(c − a) + C)/(μ(c − a)²).
pub(super) fn mmc_slope(lambda: f64, mu: f64, servers: u32) -> f64 {
    let c = f64::from(servers);
    let a = lambda / mu;
    let (p, dp) = erlang_c_and_slope(servers, a);
    c * (dp * (c - a) + p) / (mu * (c - a) * (c - a))
}

/// G/G/c: Wq ≈ ((ca² + cs²)/2) · (ρ^(√(2(c+1)) − 1)/(c(1 − ρ))) · E\[S\].
pub(super) fn ggc_hours(lambda: f64, mean_service: f64, servers: u32, ca2: f64, cs2: f64) -> f64 {
    let c = f64::from(servers);
    let rho = lambda * mean_service / c;
    let beta = (2.0 * (c + 1.0)).sqrt() - 1.0;
    (ca2 + cs2) / 2.0 * (rho.powf(beta) / (c * (1.0 - rho))) * mean_service
}

/// d/dρ of the G/G/c wait k·ρ^β/(c(1 − ρ))·E\[S\]: k·E\[S\]/c · (βρ^(β−1)(1 − ρ) + ρ^β)/(1 − ρ)².
pub(super) fn ggc_slope(lambda: f64, mean_service: f64, servers: u32, ca2: f64, cs2: f64) -> f64 {
    let c = f64::from(servers);
    let rho = lambda * mean_service / c;
    let beta = (2.0 * (c + 1.0)).sqrt() - 1.0;
    let spare = 1.0 - rho;
    (ca2 + cs2) / 2.0 * mean_service / c * (beta * rho.powf(beta - 1.0) * spare + rho.powf(beta))
        / (spare * spare)
}

/// Erlang C: the probability that an arrival waits in M/M/c with `c` servers and offered load
/// `a` = λ/μ (in erlangs). 1 when a ≥ c (every arrival eventually waits).
pub fn erlang_c(c: u32, a: f64) -> Result<f64, QueueError> {
    servers(c)?;
    rate("offered load a", a, false)?;
    Ok(erlang_c_unchecked(c, a))
}

/// [`erlang_c`] of checked parameters, a < c, and its derivative in a: the Erlang B recursion
/// differentiated step by step (B(k) = u/(k + u) with u = a·B(k−1), so
/// B′(k) = k·(B(k−1) + a·B′(k−1))/(k + u)²), then C = B/D with D = 1 − ρ(1 − B), ρ = a/c.
fn erlang_c_and_slope(c: u32, a: f64) -> (f64, f64) {
    let cf = f64::from(c);
    let (mut b, mut db) = (1.0, 0.0);
    for k in 1..=c {
        let kf = f64::from(k);
        let ab = a * b;
        let dab = b + a * db;
        let den = kf + ab;
        (b, db) = (ab / den, kf * dab / (den * den));
    }
    let rho = a / cf;
    let d = 1.0 - rho * (1.0 - b);
    let dd = -(1.0 - b) / cf + rho * db;
    (b / d, (db * d - b * dd) / (d * d))
}

/// [`erlang_c`] of checked parameters: the Erlang B recursion, then C.
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
