//! The model held against what was observed: published transit times, section times, rates,
//! corridor volumes and shares, and port throughputs (`networks/observed/*.toml`, the format in
//! `networks/README.md`), each compared with the model's own value for the same quantity.
//!
//! An observation is never an input: nothing here changes the network. Each observation names a
//! quantity ([`Kind`]), where it applies (a place pair, optionally a corridor family; a family and
//! the countries of the flows counted; a capacitated element), the year it describes, and the
//! published value or range. The model's value ([`compare`]):
//!
//! - **transit and section days**: the fastest route between the two places in the network as of
//!   the observation's year (the corridor family's best, when one is named);
//! - **cost**: the cheapest route's USD per FEU, likewise;
//! - **volume and share**: the assignment ([`crate::studies::assign`]) of the shipped demand of
//!   that year, TEU a year on routes of the family (a route belongs to a family when it travels
//!   each of the family's tags and enters each of its countries, and none it avoids; countries
//!   are read from the route's places), and that volume over the volume of every flow passing
//!   the same country filters;
//! - **throughput**: an element's load plus background in that assignment.
//!
//! The verdict is `inside` when the model's value lies in the published range (a point value
//! counts as the range value × (1 ± tolerance), 10 % unless the observation says otherwise),
//! `above` or `below` otherwise, `no value` when the model has none (no route of the family, an
//! element absent); the ratio is the model's value over the range's midpoint.

mod evaluate;
mod parse;

use serde::Serialize;

pub use evaluate::{compare, model_value, Comparison, Verdict};
pub use parse::{load, parse, resolve, SHIPPED};

/// What quantity an observation measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Days from one place to another, door to door or terminal to terminal.
    TransitDays,
    /// Days over a section of a corridor.
    SectionDays,
    /// USD per FEU from one place to another.
    CostUsdPerFeu,
    /// TEU a year on a corridor family.
    VolumeTeu,
    /// A corridor family's share (0–1) of the flows passing the same country filters.
    Share,
    /// TEU a year through a capacitated element.
    ThroughputTeu,
}

impl Kind {
    /// Every kind, in the order of the format's documentation.
    pub const ALL: [Kind; 6] = [
        Kind::TransitDays,
        Kind::SectionDays,
        Kind::CostUsdPerFeu,
        Kind::VolumeTeu,
        Kind::Share,
        Kind::ThroughputTeu,
    ];

    /// The name in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::TransitDays => "transit_days",
            Kind::SectionDays => "section_days",
            Kind::CostUsdPerFeu => "cost_usd_per_feu",
            Kind::VolumeTeu => "volume_teu",
            Kind::Share => "share",
            Kind::ThroughputTeu => "throughput_teu",
        }
    }

    /// The kind named `s`.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind named `s`, or a message naming the closest kinds and listing all.
    pub fn named(s: &str) -> std::result::Result<Kind, String> {
        Kind::parse(s).ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            format!(
                "unknown kind `{}`{} (kinds: {})",
                crate::error::clip(s),
                crate::text::did_you_mean(s, &names),
                names.join(", ")
            )
        })
    }

    /// Whether the model's value is a route between two places.
    pub fn is_route(self) -> bool {
        matches!(
            self,
            Kind::TransitDays | Kind::SectionDays | Kind::CostUsdPerFeu
        )
    }

    /// The unit, in words.
    pub fn unit(self) -> &'static str {
        match self {
            Kind::TransitDays | Kind::SectionDays => "days",
            Kind::CostUsdPerFeu => "USD/FEU",
            Kind::VolumeTeu | Kind::ThroughputTeu => "TEU/yr",
            Kind::Share => "share",
        }
    }
}

/// Where an observation applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Place {
    /// A route between two places (node ids), optionally within a corridor family.
    Route {
        /// Origin node id.
        from: String,
        /// Destination node id.
        to: String,
        /// The corridor family, when the figure is for one.
        #[serde(skip_serializing_if = "Option::is_none")]
        family: Option<String>,
    },
    /// The flows of a corridor family, filtered by the countries of their ends.
    Flows {
        /// The corridor family.
        family: String,
        /// Only flows from these countries (all when empty).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        from_countries: Vec<String>,
        /// Only flows to these countries (all when empty).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        to_countries: Vec<String>,
    },
    /// A capacitated element (a `[[capacity]]` id), in one direction or both.
    Element {
        /// The capacity record's id.
        element: String,
        /// `forward` or `reverse`; both summed when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        direction: Option<String>,
    },
}

impl Place {
    /// In words: `xian → duisburg (northern)`, `middle-turkiye flows CN → *`, `alat_container_terminal`.
    pub fn describe(&self) -> String {
        match self {
            Place::Route { from, to, family } => match family {
                Some(f) => format!("{from} → {to} ({f})"),
                None => format!("{from} → {to}"),
            },
            Place::Flows {
                family,
                from_countries,
                to_countries,
            } => {
                // Long lists shortened: `PL/DE/… (10)`.
                let list = |c: &[String]| match c.len() {
                    0 => "*".to_string(),
                    1..=3 => c.join("/"),
                    n => format!("{}/{}/… ({n})", c[0], c[1]),
                };
                if from_countries.is_empty() && to_countries.is_empty() {
                    format!("{family} flows")
                } else {
                    format!(
                        "{family} flows {} → {}",
                        list(from_countries),
                        list(to_countries)
                    )
                }
            }
            Place::Element { element, direction } => match direction {
                Some(d) => format!("{element} ({d})"),
                None => element.clone(),
            },
        }
    }
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    /// Unique id.
    pub id: String,
    /// The quantity.
    pub kind: Kind,
    /// The year it describes.
    pub year: i32,
    /// Where it applies.
    #[serde(rename = "where")]
    pub place: Place,
    /// The published point value, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The low end of the range compared against (a point value less its tolerance).
    pub low: f64,
    /// The high end.
    pub high: f64,
    /// What the figure describes (the product, what is counted).
    pub product: String,
    /// Where it was published.
    pub source: String,
    /// Why the model's value cannot measure the same thing as this figure (another scope,
    /// unit, year or direction, and no figure of the model's scope to put instead): kept and
    /// shown beside the model, never fitted nor counted in an error summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_comparable: Option<String>,
    /// The file it was read from.
    pub file: String,
    /// Its line in that file.
    pub line: usize,
}

impl Observation {
    /// The middle of the range (the point value when one was given).
    pub fn reference(&self) -> f64 {
        self.value.unwrap_or(0.5 * (self.low + self.high))
    }
}
