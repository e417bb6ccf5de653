//! Plausibility: the limits beyond which a value is a data error, and the check of a whole
//! network against them. The loader, scenario edits, sweeps and the router share these rules, so
//! that an edit's result is held to the same bounds as the data it edits.

use super::facts::Origin;
use super::{Network, Running};
use crate::error::Problem;

/// Limits of plausibility shared by the loader and by scenario edits: values beyond them are data
/// errors (a typo, a unit slip or an overflow), never an answer.
pub mod limits {
    use crate::network::vocabulary::Mode;

    /// Longest link, km.
    pub const MAX_KM: f64 = 25_000.0;
    /// Longest running time, wait, port call or border dwell of one link, hours (60 days).
    pub const MAX_LEG_HOURS: f64 = 24.0 * 60.0;
    /// Highest tariff per FEU-km.
    pub const MAX_USD_PER_KM: f64 = 50.0;
    /// Highest fixed charge or fee per FEU.
    pub const MAX_USD: f64 = 100_000.0;
    /// Longest transfer, hours (30 days).
    pub const MAX_TRANSFER_HOURS: f64 = 24.0 * 30.0;
    /// Highest transfer charge per FEU.
    pub const MAX_TRANSFER_USD: f64 = 20_000.0;
    /// Highest value of time, USD per FEU-hour.
    pub const MAX_VALUE_OF_TIME: f64 = 10_000.0;
    /// Years the data and queries may name.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;
    /// Heaviest cargo per FEU, tonnes (emission factors).
    pub const MAX_PAYLOAD_T: f64 = 40.0;
    /// Highest intensity of diesel rail, road or a vessel class, g CO2e per tonne-km.
    pub const MAX_G_PER_TKM: f64 = 1_000.0;
    /// Highest energy of electric rail, kWh per tonne-km.
    pub const MAX_KWH_PER_TKM: f64 = 1.0;
    /// Highest grid intensity, g CO2e per kWh.
    pub const MAX_GRID_G_PER_KWH: f64 = 2_000.0;
    /// Highest emission of handling one container at a transfer, kg CO2e.
    pub const MAX_TRANSFER_KG_PER_FEU: f64 = 1_000.0;

    /// Highest plausible average speed of a mode, km/h.
    pub fn max_speed(mode: Mode) -> f64 {
        match mode {
            Mode::Rail => 160.0,
            Mode::Road => 120.0,
            Mode::Sea => 60.0,
        }
    }
}

impl Network {
    /// Every link or facility value outside the limits of plausibility ([`limits`]): not finite,
    /// negative, or absurd. Empty for a network the loader accepted; scenario edits and sweeps
    /// check their results with it, and the router refuses a network that has any (a negative or
    /// NaN weight would make its search wrong or endless).
    pub fn implausible_values(&self) -> Vec<Problem> {
        use limits::*;
        let mut out = Vec::new();
        let n = crate::error::number;
        // The record's words are made only for a value outside its limits: a network of a
        // million links formats nothing.
        type Words<'w> = &'w dyn Fn() -> String;
        let mut check = |origin: &Origin, what: Words, field: &str, v: f64, lo: f64, hi: f64| {
            if !(v.is_finite() && v >= lo && v <= hi) {
                out.push(Problem {
                    file: origin.file.to_string(),
                    line: origin.line,
                    field: field.to_string(),
                    message: format!("{}: {} is outside {}…{}", what(), n(v), n(lo), n(hi)),
                });
            }
        };
        for l in &self.links {
            let what = || format!("link `{}`", l.id);
            let o = &l.origin;
            check(o, &what, "link.km", l.km, f64::MIN_POSITIVE, MAX_KM);
            if let Running::SpeedKmh(v) = l.running {
                check(
                    o,
                    &what,
                    "link.speed_kmh",
                    v,
                    f64::MIN_POSITIVE,
                    max_speed(l.mode),
                );
            }
            check(o, &what, "link.hours", l.haul_hours(), 0.0, MAX_LEG_HOURS);
            check(
                o,
                &what,
                "link.usd_per_km",
                l.usd_per_km,
                0.0,
                MAX_USD_PER_KM,
            );
            check(o, &what, "link.usd_fixed", l.usd_fixed, 0.0, MAX_USD);
            for d in 0..2 {
                check(
                    o,
                    &what,
                    "link.wait_hours",
                    l.wait_hours[d],
                    0.0,
                    MAX_LEG_HOURS,
                );
                check(
                    o,
                    &what,
                    "link.call_hours",
                    l.call_hours[d],
                    0.0,
                    MAX_LEG_HOURS,
                );
                if let Some(b) = &l.border {
                    check(
                        o,
                        &what,
                        "link.border.hours",
                        b.hours[d],
                        0.0,
                        MAX_LEG_HOURS,
                    );
                    check(o, &what, "link.border.usd", b.usd[d], 0.0, MAX_USD);
                }
            }
            if let Some(y) = l.available_from {
                let (lo, hi) = (*YEARS.start() as f64, *YEARS.end() as f64);
                check(o, &what, "link.available_from", y as f64, lo, hi);
            }
        }
        for n in &self.nodes {
            let what = || format!("node `{}`", n.id);
            for t in &n.transfers {
                let field = format!("node.transfer.{}", t.kind.as_str());
                check(
                    &n.origin,
                    &what,
                    &format!("{field}.hours"),
                    t.hours,
                    0.0,
                    MAX_TRANSFER_HOURS,
                );
                check(
                    &n.origin,
                    &what,
                    &format!("{field}.usd"),
                    t.usd,
                    0.0,
                    MAX_TRANSFER_USD,
                );
            }
        }
        out
    }
}
