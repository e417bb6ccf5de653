//! The closed forms: the steady-state mean wait in queue of M/M/1, M/D/1 (Pollaczek–Khinchine),
//! M/M/c and G/G/c (Kingman–Sakasegawa), each for parameters already checked with ρ < 1, and
//! [`erlang_c`], the probability of waiting in M/M/c (the formulas are given in the module
//! documentation of [`crate::studies::queue`]).

use super::wait::{rate, servers, QueueError};

/// M/M/1: Wq = ρ/(μ − λ), written λ/(μ(μ − λ)).
pub(super) fn mm1_hours(lambda: f64, mu: f64) -> f64 {
    lambda / (mu * (mu - lambda))
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

/// G/G/c: Wq ≈ ((ca² + cs²)/2) · (ρ^(√(2(c+1)) − 1)/(c(1 − ρ))) · E\[S\].
pub(super) fn ggc_hours(lambda: f64, mean_service: f64, servers: u32, ca2: f64, cs2: f64) -> f64 {
    let c = f64::from(servers);
    let rho = lambda * mean_service / c;
    let beta = (2.0 * (c + 1.0)).sqrt() - 1.0;
    (ca2 + cs2) / 2.0 * (rho.powf(beta) / (c * (1.0 - rho))) * mean_service
}

/// Erlang C: the probability that an arrival waits in M/M/c with `c` servers and offered load
/// `a` = λ/μ (in erlangs). 1 when a ≥ c (every arrival eventually waits).
pub fn erlang_c(c: u32, a: f64) -> Result<f64, QueueError> {
    servers(c)?;
    rate("offered load a", a, false)?;
    Ok(erlang_c_unchecked(c, a))
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
