//! What users gain from a case against the do-minimum, from one equilibrium assignment of each.
//!
//! Demand is fixed (the same flows in every case), so the user benefit is the change of the total
//! generalized cost of the flows: time saved × the value of time + USD saved; beside it, CO2
//! avoided × the CO2 price, and the transit-time spread saved (Σ over the routes used of FEU ×
//! P90 − P50 hours, [`super::spread`]) × the reliability ratio × the value of time. A flow counts
//! only when it has a route in both cases (a flow a project makes possible gains more than can be
//! measured without a demand response: it is counted in [`Benefit::newly_routed_teu`], not
//! valued). Units as the assignment's: flows in TEU a year, money and CO2 per FEU (2 TEU), the
//! value of time in USD per FEU-hour.

use serde::Serialize;

use crate::error::Result;
use crate::network::Network;
use crate::studies::assign::{self, Assignment, Choice, Options};
use crate::studies::demand::Demand;

use super::spread::Spreads;

/// TEU per FEU: flows are in TEU, money and CO2 per FEU.
pub const TEU_PER_FEU: f64 = 2.0;

/// One flow's totals in a case (all its routes, at the equilibrium).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FlowTotals {
    /// Whether it has a route.
    pub routed: bool,
    /// TEU a year.
    pub teu: f64,
    /// TEU-hours a year door to door.
    pub teu_hours: f64,
    /// USD a year paid by its users.
    pub usd: f64,
    /// Tonnes CO2e a year.
    pub co2_t: f64,
    /// FEU-hours a year of transit-time spread: Σ over its routes of FEU × (P90 − P50) hours.
    pub spread_feu_hours: f64,
}

/// A case's equilibrium, summed per flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseTotals {
    /// Per flow, in demand order.
    pub flows: Vec<FlowTotals>,
    /// Whether the assignment reached its gap.
    pub converged: bool,
}

/// Assigns `demand` on `net` (by `choice` when given, else the deterministic equilibrium) and
/// sums each flow, the spread of its routes from `spreads` (studied there when not known).
pub fn case_totals(
    net: &Network,
    demand: &Demand,
    opts: &Options,
    choice: Option<&Choice>,
    spreads: &Spreads,
) -> Result<CaseTotals> {
    let a = match choice {
        None => assign::assign(net, demand, opts)?,
        Some(c) => assign::assign_logit(net, demand, opts, c)?,
    };
    let mut t = totals(&a);
    for (f, s) in t.flows.iter_mut().zip(spreads.per_flow(net, &a)?) {
        f.spread_feu_hours = s / TEU_PER_FEU;
    }
    Ok(t)
}

/// An assignment summed per flow (its spread 0: see [`case_totals`]).
pub fn totals(a: &Assignment) -> CaseTotals {
    let flows = a
        .flows
        .iter()
        .map(|f| {
            let feu = |teu: f64| teu / TEU_PER_FEU;
            FlowTotals {
                routed: !f.routes.is_empty(),
                teu: f.teu,
                teu_hours: f.routes.iter().map(|r| r.teu * r.days * 24.0).sum(),
                usd: f.routes.iter().map(|r| feu(r.teu) * r.usd).sum(),
                co2_t: f
                    .routes
                    .iter()
                    .map(|r| feu(r.teu) * r.co2_kg / 1000.0)
                    .sum(),
                spread_feu_hours: 0.0,
            }
        })
        .collect();
    CaseTotals {
        flows,
        converged: a.converged,
    }
}

/// What the benefits are valued at.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prices {
    /// USD per FEU-hour.
    pub value_of_time: f64,
    /// USD per tonne CO2e.
    pub co2_usd_per_tonne: f64,
    /// The value of an hour of P90 − P50 spread against an hour of mean time.
    pub reliability_ratio: f64,
}

/// A case's yearly gain against the do-minimum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Benefit {
    /// TEU-hours a year saved.
    pub teu_hours_saved: f64,
    /// USD a year users pay less.
    pub usd_saved: f64,
    /// Tonnes CO2e a year avoided.
    pub co2_t_avoided: f64,
    /// FEU-hours a year of transit-time spread (P90 − P50) saved.
    pub spread_feu_hours_saved: f64,
    /// The time saved, valued: TEU-hours / 2 × the value of time.
    pub time_usd: f64,
    /// The CO2 avoided, valued.
    pub co2_usd: f64,
    /// The spread saved, valued: FEU-hours × the reliability ratio × the value of time.
    pub reliability_usd: f64,
    /// time_usd + usd_saved + co2_usd + reliability_usd: USD a year.
    pub total_usd: f64,
    /// TEU a year with a route in the case and none in the do-minimum (not valued).
    pub newly_routed_teu: f64,
}

/// The gain of `with` against `without` (the same demand), valued at `prices`.
pub fn benefit(without: &CaseTotals, with: &CaseTotals, prices: &Prices) -> Benefit {
    let mut b = Benefit::default();
    for (a, w) in without.flows.iter().zip(&with.flows) {
        match (a.routed, w.routed) {
            (true, true) => {
                b.teu_hours_saved += a.teu_hours - w.teu_hours;
                b.usd_saved += a.usd - w.usd;
                b.co2_t_avoided += a.co2_t - w.co2_t;
                b.spread_feu_hours_saved += a.spread_feu_hours - w.spread_feu_hours;
            }
            (false, true) => b.newly_routed_teu += w.teu,
            _ => {}
        }
    }
    b.time_usd = b.teu_hours_saved / TEU_PER_FEU * prices.value_of_time;
    b.co2_usd = b.co2_t_avoided * prices.co2_usd_per_tonne;
    b.reliability_usd = b.spread_feu_hours_saved * prices.reliability_ratio * prices.value_of_time;
    b.total_usd = b.time_usd + b.usd_saved + b.co2_usd + b.reliability_usd;
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(teu_hours: f64, usd: f64, co2_t: f64) -> FlowTotals {
        FlowTotals {
            routed: true,
            teu: 100.0,
            teu_hours,
            usd,
            co2_t,
            spread_feu_hours: 0.0,
        }
    }

    #[test]
    fn the_benefit_values_time_per_feu_and_adds_money_and_co2() {
        let without = CaseTotals {
            flows: vec![flow(1000.0, 500.0, 10.0), flow(0.0, 0.0, 0.0)],
            converged: true,
        };
        let mut newly = flow(50.0, 50.0, 1.0);
        newly.teu = 40.0;
        let mut none = without.clone();
        none.flows[1].routed = false;
        none.flows[0].spread_feu_hours = 300.0;
        let mut first = flow(600.0, 450.0, 8.0);
        first.spread_feu_hours = 100.0;
        // The newly routed flow's spread is not counted (as its time is not).
        newly.spread_feu_hours = 1e6;
        let with = CaseTotals {
            flows: vec![first, newly],
            converged: true,
        };
        let p = Prices {
            value_of_time: 3.0,
            co2_usd_per_tonne: 100.0,
            reliability_ratio: 0.5,
        };
        let b = benefit(&none, &with, &p);
        // 400 TEU-hours = 200 FEU-hours × 3 USD; 50 USD; 2 t × 100 USD; 200 FEU-hours of spread
        // × 0.5 × 3 USD.
        assert_eq!(b.teu_hours_saved, 400.0);
        assert_eq!(b.time_usd, 600.0);
        assert_eq!(b.co2_usd, 200.0);
        assert_eq!(b.spread_feu_hours_saved, 200.0);
        assert_eq!(b.reliability_usd, 300.0);
        assert_eq!(b.total_usd, 1150.0);
        assert_eq!(b.newly_routed_teu, 40.0);
    }
}
