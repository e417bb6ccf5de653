//! Scheduled batch departures: a vessel or train of `b` units every `h` hours. The mean wait is
//! h/2 plus E\[Q\]/λ, with E\[Q\] of the bulk-service chain computed exactly from the roots of
//! its characteristic equation inside the unit disk (the derivation is in the module
//! documentation of [`crate::studies::queue`]; the roots are found in [`super::roots`]).

use super::roots::Workspace;

/// The arrival process of a batch-service queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrivals {
    /// Poisson arrivals: the number in a headway of `h` hours is Poisson(λh).
    Poisson,
    /// A smooth (fluid) flow: exactly λh units in every headway.
    Smooth,
}

/// The mean wait of a checked batch-service queue with ρ < 1: h/2 for the departure a unit
/// arrives before, plus E\[Q\]/λ for the departures it is left behind by (Poisson arrivals);
/// and its derivative in the utilisation ρ = λh/b.
pub(super) fn batch_hours(
    lambda: f64,
    capacity: u32,
    headway: f64,
    arrivals: Arrivals,
    ws: &mut Workspace,
) -> (f64, f64) {
    let half = headway / 2.0;
    match arrivals {
        Arrivals::Smooth => (half, 0.0),
        // W = h/2 + h·m/(2(1 − m)) for b = 1 (m = ρ), whose slope at 0 is h/2; for b ≥ 2,
        // E[Q] vanishes faster than m² and the slope at 0 is 0.
        Arrivals::Poisson if lambda == 0.0 => (half, if capacity == 1 { half } else { 0.0 }),
        Arrivals::Poisson => {
            let m = lambda * headway;
            let (q, dq) = ws.left_behind(m, capacity);
            // dW/dρ = (b/h)·dW/dλ, dW/dλ = h·E[Q]′/λ − E[Q]/λ².
            let slope = f64::from(capacity) / lambda * (dq - q / m);
            (half + q / lambda, slope)
        }
    }
}
