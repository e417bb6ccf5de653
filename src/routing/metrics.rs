//! What a route minimises and what it measures: the [`Objective`], the [`Metrics`] of a move or a
//! route (km, hours, USD, kg CO2e), and the lexicographic search weight [`Lex`] made of them: the
//! objective first, then a secondary measure that breaks ties (see [`Metrics::weight`]).
//!
//! A leaf of the routing folder: the search, the gate, the steps and the route types use it; it
//! uses none of them.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Add;

use serde::{Serialize, Serializer};

/// What a route minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// Kilometres.
    Distance,
    /// Hours: line haul, waits and port calls, border dwell and transfers.
    Time,
    /// USD per FEU: tariffs, fees and transfers.
    Cost,
    /// USD + value of time × hours.
    Generalized,
    /// kg CO2e well-to-wheel (ISO 14083): line hauls by mode, traction and vessel class, and the
    /// containers handled at transfers.
    Co2,
}

impl Objective {
    /// All objectives, in output order.
    pub const ALL: [Objective; 5] = [
        Objective::Distance,
        Objective::Time,
        Objective::Cost,
        Objective::Generalized,
        Objective::Co2,
    ];

    /// The name used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Distance => "distance",
            Objective::Time => "time",
            Objective::Cost => "cost",
            Objective::Generalized => "generalized",
            Objective::Co2 => "co2",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Objective> {
        Objective::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// A short description: "shortest", "fastest"…
    pub fn adjective(self) -> &'static str {
        match self {
            Objective::Distance => "shortest",
            Objective::Time => "fastest",
            Objective::Cost => "cheapest",
            Objective::Generalized => "best generalized cost",
            Objective::Co2 => "lowest CO2",
        }
    }
}

impl fmt::Display for Objective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Kilometres, hours, USD and kg CO2e: the one measure of the crate. What a move costs in the
/// search, what a step of a route adds ([`crate::routing::Step::metrics`]), a route's totals
/// ([`crate::routing::Route::total`]) and a running sum along a route. Serialised as its four
/// fields rounded to three decimals (a route's totals add `days`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Metrics {
    /// Kilometres.
    #[serde(serialize_with = "round3")]
    pub km: f64,
    /// Hours.
    #[serde(serialize_with = "round3")]
    pub hours: f64,
    /// USD per FEU.
    #[serde(serialize_with = "round3")]
    pub usd: f64,
    /// kg CO2e per FEU, well-to-wheel.
    #[serde(serialize_with = "round3")]
    pub co2_kg: f64,
}

fn round3<S: Serializer>(v: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(crate::text::round3(*v))
}

impl Add for Metrics {
    type Output = Metrics;
    fn add(self, o: Metrics) -> Metrics {
        Metrics {
            km: self.km + o.km,
            hours: self.hours + o.hours,
            usd: self.usd + o.usd,
            co2_kg: self.co2_kg + o.co2_kg,
        }
    }
}

impl Metrics {
    /// Days: hours / 24.
    pub fn days(&self) -> f64 {
        self.hours / 24.0
    }

    /// The value of this objective, with `vot` USD per hour for the generalized one.
    #[inline]
    pub fn value(&self, objective: Objective, vot: f64) -> f64 {
        match objective {
            Objective::Distance => self.km,
            Objective::Time => self.hours,
            Objective::Cost => self.usd,
            Objective::Generalized => self.usd + vot * self.hours,
            Objective::Co2 => self.co2_kg,
        }
    }

    /// The search weight: the objective, then a tie-breaker.
    #[inline]
    pub(crate) fn weight(&self, objective: Objective, vot: f64) -> Lex {
        let secondary = match objective {
            Objective::Distance => self.hours,
            Objective::Time | Objective::Cost | Objective::Co2 => self.usd + vot * self.hours,
            Objective::Generalized => self.km,
        };
        Lex(self.value(objective, vot), secondary)
    }
}

/// A lexicographic weight: compared on the first member, ties on the second.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub(crate) struct Lex(pub f64, pub f64);

impl std::ops::Add for Lex {
    type Output = Lex;
    #[inline]
    fn add(self, o: Lex) -> Lex {
        Lex(self.0 + o.0, self.1 + o.1)
    }
}

impl Lex {
    /// Compares two weights as [`f64::total_cmp`] does numbers, the first members first.
    #[inline]
    pub(crate) fn total_cmp(&self, o: &Lex) -> Ordering {
        self.0.total_cmp(&o.0).then(self.1.total_cmp(&o.1))
    }
}

#[cfg(test)]
mod tests {
    use crate::load::parse_text;
    use crate::routing::fixture::found;
    use crate::routing::{Constraints, Objective, Router};
    use crate::testnet::Net;

    /// Two parallel links with the same hours; the time objective breaks the tie by generalized
    /// cost, so the cheaper one wins whichever comes first in the data; distance breaks ties by
    /// hours.
    #[test]
    fn ties_are_broken_by_the_secondary_measure() {
        let link = |net: Net, id: &str, hours: i64, usd: i64| {
            net.link(id, "a", "b", "rail")
                .set("gauge", 1520)
                .sourced("km", 100)
                .sourced("hours", hours)
                .sourced("usd_fixed", usd)
        };
        let net = Net::new("tie")
            .node("a", "KZ", 40.0, 70.0)
            .node("b", "KZ", 41.0, 71.0);
        let text = link(
            link(link(net, "dear", 5, 900), "cheap", 5, 100),
            "slow",
            9,
            1,
        )
        .build();
        let net = parse_text(&text);
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let link = |o| {
            found(r.route(0, 1, o, &c).unwrap()).steps[0]
                .link
                .clone()
                .unwrap()
        };
        assert_eq!(link(Objective::Time), "cheap");
        // Equal distance: the faster links tie on hours, then the order of the data decides.
        assert_eq!(link(Objective::Distance), "dear");
        assert_eq!(link(Objective::Cost), "slow");
    }
}
