//! Money over time: a project's (or a set's) costs and benefits year by year, discounted to the
//! base year. The rules:
//!
//! - benefits each year of service from the opening year to the end of the life or of the
//!   horizon, whichever comes first, held at the demand year's value (no growth is assumed);
//! - capital in the year before opening (not before the base year), undiscounted amounts as
//!   published, converted to USD at the rate each file gives and taken as base-year prices;
//! - operating cost each year of service within the horizon;
//! - the residual value of the life left at the horizon's end, straight-line (capital × years
//!   left / lifetime), counted as a benefit in the horizon's last year (as the EU CBA guide 2014
//!   counts it, an inflow), and shown apart: PV benefits = PV users' benefits + PV residual, so
//!   that a project whose users gain nothing shows a BCR made of its residual alone, not
//!   mistaken for a user benefit;
//! - everything discounted at the rate to the base year: factor (1 + r)^−(year − base year).
//!
//! NPV = PV benefits − PV costs; BCR = PV benefits / PV costs; first-year rate of return = the
//! first year's net benefit (benefit − operating) / capital; simple payback = the years of
//! service until the cumulative net benefits (undiscounted) cover the capital, none within the
//! life when they never do.

use serde::Serialize;

/// The appraisal period and the discount rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Timeline {
    /// The year discounted to.
    pub base_year: i32,
    /// Years from the base year.
    pub horizon_years: u32,
    /// Real, per year.
    pub rate: f64,
}

impl Timeline {
    /// The horizon's last year.
    pub fn end_year(&self) -> i32 {
        self.base_year + self.horizon_years as i32 - 1
    }

    /// The discount factor of `year`.
    pub fn factor(&self, year: i32) -> f64 {
        (1.0 + self.rate).powi(-(year - self.base_year))
    }

    /// The years of the horizon.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.base_year..=self.end_year()
    }
}

/// The money of one project: what it costs, when, and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outlay {
    /// Capital, USD.
    pub capital: f64,
    /// Operating cost per year of service, USD.
    pub operating: f64,
    /// First year of service.
    pub opens: i32,
    /// Years of service.
    pub lifetime: u32,
}

impl Outlay {
    /// The last year of service.
    pub fn last_year(&self) -> i32 {
        self.opens + self.lifetime as i32 - 1
    }

    /// The year the capital is spent.
    pub fn capital_year(&self, t: &Timeline) -> i32 {
        (self.opens - 1).max(t.base_year)
    }

    /// PV of capital and operating costs, and PV of the residual value.
    pub fn present_costs(&self, t: &Timeline) -> (f64, f64) {
        let cy = self.capital_year(t);
        let mut costs = if cy <= t.end_year() {
            self.capital * t.factor(cy)
        } else {
            0.0
        };
        for y in t.years() {
            if (self.opens..=self.last_year()).contains(&y) {
                costs += self.operating * t.factor(y);
            }
        }
        let left = (self.last_year() - t.end_year())
            .max(0)
            .min(self.lifetime as i32);
        let residual = if cy <= t.end_year() && left > 0 {
            self.capital * left as f64 / self.lifetime as f64 * t.factor(t.end_year())
        } else {
            0.0
        };
        (costs, residual)
    }
}

/// The appraisal of a project or a set.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Money {
    /// PV of the benefits: users' benefits + residual value, USD.
    pub pv_benefits: f64,
    /// Of the benefits, the users' (time, money, CO2 and spread saved), USD.
    pub pv_users: f64,
    /// PV of the costs (capital and operating), USD.
    pub pv_costs: f64,
    /// Of the benefits, the residual value's PV.
    pub pv_residual: f64,
    /// pv_benefits − pv_costs.
    pub npv: f64,
    /// pv_benefits / pv_costs (none without costs in the horizon).
    pub bcr: Option<f64>,
}

/// The money of a set of outlays whose yearly benefit in year `y` is `benefit(y)` (0 in a year
/// none of them is in service).
pub fn money(outlays: &[Outlay], t: &Timeline, benefit: &dyn Fn(i32) -> f64) -> Money {
    let pv_users: f64 = t.years().map(|y| benefit(y) * t.factor(y)).sum();
    let (mut pv_costs, mut pv_residual) = (0.0, 0.0);
    for o in outlays {
        let (c, r) = o.present_costs(t);
        pv_costs += c;
        pv_residual += r;
    }
    let pv_benefits = pv_users + pv_residual;
    Money {
        pv_benefits,
        pv_users,
        pv_costs,
        pv_residual,
        npv: pv_benefits - pv_costs,
        bcr: (pv_costs > 0.0).then(|| pv_benefits / pv_costs),
    }
}

/// The yearly benefit of one project worth `yearly` a year while in service within the horizon.
pub fn single(o: &Outlay, t: &Timeline, yearly: f64) -> Money {
    let o = *o;
    money(&[o], t, &move |y| {
        if (o.opens..=o.last_year()).contains(&y) {
            yearly
        } else {
            0.0
        }
    })
}

/// First-year rate of return: (the first year's benefit − operating cost) / capital.
pub fn first_year_return(o: &Outlay, yearly: f64) -> f64 {
    (yearly - o.operating) / o.capital
}

/// Simple payback: the years of service until the cumulative net benefits (undiscounted) reach
/// the capital, or none within the life.
pub fn payback(o: &Outlay, yearly: f64) -> Option<u32> {
    let net = yearly - o.operating;
    let mut sum = 0.0;
    for year in 1..=o.lifetime {
        sum += net;
        if sum >= o.capital {
            return Some(year);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(rate: f64, horizon: u32) -> Timeline {
        Timeline {
            base_year: 2026,
            horizon_years: horizon,
            rate,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn benefits_are_an_annuity_from_opening_to_the_horizon() {
        // Opens 2028, lives 50 years, horizon 2026–2055: benefits 2028–2055 (28 years).
        let o = Outlay {
            capital: 1000.0,
            operating: 0.0,
            opens: 2028,
            lifetime: 50,
        };
        let r = 0.05;
        let m = single(&o, &t(r, 30), 100.0);
        // Σ over k = 2…29 of 100 (1 + r)^−k: a 28-year annuity in arrears, one year deferred.
        let annuity = 100.0 * (1.0 - (1.0 + r).powi(-28)) / r / (1.0 + r);
        // Residual: 1000 × (2077 − 2055) / 50 at 2055.
        let residual = 1000.0 * 22.0 / 50.0 / (1.0 + r).powi(29);
        assert!(close(m.pv_residual, residual), "{}", m.pv_residual);
        assert!(close(m.pv_benefits, annuity + residual), "{m:?}");
        // Capital in 2027, one year discounted.
        assert!(close(m.pv_costs, 1000.0 / 1.05));
        assert!(close(m.npv, m.pv_benefits - m.pv_costs));
        assert!(close(m.bcr.unwrap(), m.pv_benefits / m.pv_costs));
    }

    #[test]
    fn a_short_life_ends_the_benefits_and_leaves_no_residual() {
        // Opens 2026 (capital in 2026, not before the base year), 10 years, no discounting.
        let o = Outlay {
            capital: 500.0,
            operating: 10.0,
            opens: 2026,
            lifetime: 10,
        };
        let m = single(&o, &t(0.0, 30), 100.0);
        assert_eq!(m.pv_benefits, 1000.0);
        assert_eq!(m.pv_residual, 0.0);
        assert_eq!(m.pv_costs, 500.0 + 100.0);
        assert_eq!(m.npv, 400.0);
    }

    #[test]
    fn first_year_return_and_payback() {
        let o = Outlay {
            capital: 1000.0,
            operating: 50.0,
            opens: 2030,
            lifetime: 20,
        };
        assert!(close(first_year_return(&o, 250.0), 0.2));
        // 200 net a year: 5 years to cover 1000.
        assert_eq!(payback(&o, 250.0), Some(5));
        assert_eq!(payback(&o, 251.0), Some(5));
        assert_eq!(payback(&o, 240.0), Some(6));
        // 40 a year × 20 years = 800 < 1000: never.
        assert_eq!(payback(&o, 90.0), None);
    }

    #[test]
    fn a_project_opening_after_the_horizon_costs_and_gains_nothing() {
        let o = Outlay {
            capital: 1000.0,
            operating: 5.0,
            opens: 2070,
            lifetime: 30,
        };
        let m = single(&o, &t(0.05, 30), 100.0);
        assert_eq!((m.pv_benefits, m.pv_costs, m.bcr), (0.0, 0.0, None));
    }

    #[test]
    fn without_user_benefits_the_bcr_is_the_residual_alone_shown_apart() {
        // Capital 1000 spent in 2026, 40 years 2027–2066, horizon 2026–2055: 11 years left.
        let o = Outlay {
            capital: 1000.0,
            operating: 0.0,
            opens: 2027,
            lifetime: 40,
        };
        let r = 0.05;
        let m = single(&o, &t(r, 30), 0.0);
        let residual = 1000.0 * 11.0 / 40.0 / (1.0 + r).powi(29);
        assert_eq!(m.pv_users, 0.0);
        assert!(close(m.pv_residual, residual), "{m:?}");
        assert_eq!(m.pv_benefits, m.pv_users + m.pv_residual);
        assert!(close(m.bcr.unwrap(), 0.275 / 1.05f64.powi(29)), "{m:?}");
        // With users' benefits, the split still adds up.
        let m = single(&o, &t(r, 30), 100.0);
        assert!(m.pv_users > 0.0 && close(m.pv_residual, residual));
        assert_eq!(m.pv_benefits, m.pv_users + m.pv_residual);
    }
}
