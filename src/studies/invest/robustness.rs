//! Could the order of the two best projects change? Each estimate that enters their benefit–cost
//! ratios moved alone over a range (the others at their values), the two BCRs recomputed, and
//! the inputs whose range reverses the order named. The ranges:
//!
//! - a capital or operating cost marked `estimate`: ±50 % (as `corridor sensitivity` varies an
//!   estimate without a stated range); a published capital cost: −0 % to +45 % (the mean cost
//!   overrun of rail projects, Flyvbjerg, Holm and Buhl 2002, "Underestimating costs in public
//!   works projects", JAPA 68(3));
//! - the value of time ±50 %; the CO2 price from 0 to 3 × its value; the reliability ratio from
//!   0 (spread not valued) to 2 × its value; the discount rate from 3 % (the EU guide's rate
//!   outside the Cohesion countries) to 7 %.
//!
//! The benefits are revalued from the assignment's quantities (TEU-hours, USD, CO2 and spread
//! saved)
//! without assigning again: a different value of time would also move some flows, which this
//! first-order screen leaves out (the output says so).

use serde::Serialize;

use super::appraisal::{self, Outlay, Timeline};
use super::{Appraised, Study};

/// One input moved over its range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    /// What is moved: "capital of aktau-hub-stage-2", "value of time".
    pub input: String,
    /// The range, in words ("±50 % (estimate)").
    pub range: String,
    /// BCR of the first less BCR of the second at the low end.
    pub gap_low: f64,
    /// The same at the high end.
    pub gap_high: f64,
    /// Whether the range reverses the order.
    pub flips: bool,
}

/// The two best projects and what could reverse their order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Robustness {
    /// The first by BCR.
    pub first: String,
    /// The second.
    pub second: String,
    /// BCR of the first less BCR of the second, at the values.
    pub gap: f64,
    /// Each input, largest swing first.
    pub swings: Vec<Swing>,
    /// What the screen leaves out.
    pub note: &'static str,
}

/// What the screen leaves out.
pub const NOTE: &str = "one input at a time; benefits revalued without assigning again (a different value of time would also move some flows)";

/// The numbers one BCR is made of, which the screen moves.
#[derive(Debug, Clone, Copy)]
struct Parts {
    outlay: Outlay,
    teu_hours: f64,
    usd: f64,
    co2_t: f64,
    spread: f64,
}

impl Parts {
    fn of(p: &Appraised) -> Parts {
        Parts {
            outlay: Outlay {
                capital: p.capital_usd,
                operating: p.operating_usd,
                opens: p.opens,
                lifetime: (p.last_year - p.opens + 1).max(1) as u32,
            },
            teu_hours: p.benefit.teu_hours_saved,
            usd: p.benefit.usd_saved,
            co2_t: p.benefit.co2_t_avoided,
            spread: p.benefit.spread_feu_hours_saved,
        }
    }
}

/// The valuation the screen moves.
#[derive(Debug, Clone, Copy)]
struct Values {
    vot: f64,
    co2: f64,
    ratio: f64,
    t: Timeline,
}

fn bcr(p: &Parts, v: &Values) -> f64 {
    let yearly = p.teu_hours / super::benefits::TEU_PER_FEU * v.vot
        + p.usd
        + p.co2_t * v.co2
        + p.spread * v.ratio * v.vot;
    appraisal::single(&p.outlay, &v.t, yearly)
        .bcr
        .unwrap_or(0.0)
}

/// The screen of a study's two best projects; none with fewer than two.
pub fn robustness(st: &Study) -> Option<Robustness> {
    let (a, b) = (st.projects.first()?, st.projects.get(1)?);
    let (pa, pb) = (Parts::of(a), Parts::of(b));
    let base = Values {
        vot: st.prices.value_of_time,
        co2: st.prices.co2_usd_per_tonne,
        ratio: st.prices.reliability_ratio,
        t: st.timeline,
    };
    let gap = |pa: &Parts, pb: &Parts, v: &Values| bcr(pa, v) - bcr(pb, v);
    let mut swings = Vec::new();
    for (k, who) in [a, b].into_iter().enumerate() {
        let (lo, hi, words) = if who.capital_estimate {
            (0.5, 1.5, "±50 % (estimate)")
        } else {
            (1.0, 1.45, "+0 to +45 % (published; mean rail overrun)")
        };
        let at = |f: f64| {
            let mut q = [pa, pb];
            q[k].outlay.capital *= f;
            gap(&q[0], &q[1], &base)
        };
        swings.push(swing(
            format!("capital of {}", who.id),
            words,
            at(lo),
            at(hi),
        ));
    }
    let moved = |f: &dyn Fn(&mut Values)| {
        let mut v = base;
        f(&mut v);
        gap(&pa, &pb, &v)
    };
    swings.push(swing(
        "value of time".into(),
        "±50 %",
        moved(&|v| v.vot *= 0.5),
        moved(&|v| v.vot *= 1.5),
    ));
    swings.push(swing(
        "CO2 price".into(),
        "0 to 3 ×",
        moved(&|v| v.co2 = 0.0),
        moved(&|v| v.co2 *= 3.0),
    ));
    swings.push(swing(
        "reliability ratio".into(),
        "0 to 2 ×",
        moved(&|v| v.ratio = 0.0),
        moved(&|v| v.ratio *= 2.0),
    ));
    swings.push(swing(
        "discount rate".into(),
        "3 % to 7 %",
        moved(&|v| v.t.rate = 0.03),
        moved(&|v| v.t.rate = 0.07),
    ));
    let g = gap(&pa, &pb, &base);
    for s in &mut swings {
        s.flips = s.gap_low.signum() != g.signum() || s.gap_high.signum() != g.signum();
    }
    swings.sort_by(|x, y| {
        let w = |s: &Swing| (s.gap_high - s.gap_low).abs();
        w(y).total_cmp(&w(x)).then(x.input.cmp(&y.input))
    });
    Some(Robustness {
        first: a.id.clone(),
        second: b.id.clone(),
        gap: g,
        swings,
        note: NOTE,
    })
}

fn swing(input: String, range: &str, gap_low: f64, gap_high: f64) -> Swing {
    Swing {
        input,
        range: range.into(),
        gap_low,
        gap_high,
        flips: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studies::invest::{Benefit, Money, Prices};

    fn project(id: &str, capital: f64, estimate: bool, teu_hours: f64) -> Appraised {
        Appraised {
            id: id.into(),
            name: id.into(),
            capital_usd: capital,
            capital_estimate: estimate,
            operating_usd: 0.0,
            opens: 2026,
            last_year: 2055,
            benefit: Benefit {
                teu_hours_saved: teu_hours,
                ..Benefit::default()
            },
            money: Money {
                pv_benefits: 0.0,
                pv_users: 0.0,
                pv_costs: 0.0,
                pv_residual: 0.0,
                npv: 0.0,
                bcr: None,
            },
            first_year_return: 0.0,
            payback_years: None,
            rank: 0,
        }
    }

    #[test]
    fn an_estimated_capital_can_flip_a_close_order_and_an_absent_co2_cannot() {
        // A: 100 M estimated, 2.2 M TEU-h a year; B: 100 M published, 2 M TEU-h: A's BCR is 10 %
        // higher, so +50 % on A's capital reverses the order; neither saves CO2.
        let st = Study {
            scenario: "baseline".into(),
            demand: "d".into(),
            year: 2030,
            prices: Prices {
                value_of_time: 10.0,
                co2_usd_per_tonne: 80.0,
                reliability_ratio: 0.8,
            },
            timeline: Timeline {
                base_year: 2026,
                horizon_years: 30,
                rate: 0.05,
            },
            reliability: String::new(),
            projects: vec![
                project("a", 100e6, true, 2.2e6),
                project("b", 100e6, false, 2.0e6),
            ],
            portfolio: None,
            robustness: None,
            cases_run: 0,
            cases_unconverged: 0,
            spread_routes: 0,
        };
        let r = robustness(&st).unwrap();
        assert_eq!((r.first.as_str(), r.second.as_str()), ("a", "b"));
        assert!(r.gap > 0.0);
        let find = |k: &str| r.swings.iter().find(|s| s.input == k).unwrap();
        assert!(find("capital of a").flips);
        // B's capital can only rise: the order holds.
        assert!(!find("capital of b").flips);
        assert!(!find("CO2 price").flips);
        assert_eq!(find("CO2 price").gap_low, find("CO2 price").gap_high);
        // Time is all their benefit: the value of time scales both, never reversing them.
        assert!(!find("value of time").flips);
    }
}
