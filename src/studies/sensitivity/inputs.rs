//! The numeric inputs a screening varies: every number of a link, a node's facility, a sea
//! service, a capacity record or the emission factors whose `source` entry begins with
//! "estimate" (with `all`, every such number, sourced or not), each with its file, record, field,
//! value, source flag and the range it is varied over (`ranges`).
//!
//! An input changes the network through the scenario machinery, never by a second way of
//! changing numbers: it is one `scale` edit (a `set` for a whole number) of its field on a
//! selection of its one record ([`Input::edit`]), so that a perturbed network is exactly what a
//! scenario file with that edit would give.

use serde::Serialize;

use crate::network::{CapacityModel, Network, Origin, Running, Sources};
use crate::scenario::{Change, Edit, EditKind, Field, Selection};

/// How an input's range was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeKind {
    /// Stated by the data: a variability record's distribution, or a range in the source text.
    Stated {
        /// Where: `[[variability]] caspian-wait: triangular min–max`, `source text`.
        how: String,
    },
    /// None stated: ±50 % of the value.
    Default,
    /// Given on the command line.
    Given,
}

impl RangeKind {
    /// In words, for tables: "stated (…)", "±50 %", "given".
    pub fn words(&self) -> String {
        match self {
            RangeKind::Stated { how } => format!("stated ({how})"),
            RangeKind::Default => "±50 %".into(),
            RangeKind::Given => "given".into(),
        }
    }
}

/// What kind of record an input belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A link.
    Link,
    /// A node's transfer facility.
    Transfer,
    /// A sea service (its rate, on the links it sails).
    Service,
    /// A capacity record.
    Capacity,
    /// The network's emission factors.
    Emissions,
}

/// What an input's field moves, so that a question takes only the inputs that can move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moves {
    /// Hours and USD (a length).
    Length,
    /// Hours.
    Hours,
    /// USD.
    Usd,
    /// CO2 only.
    Co2,
    /// A queue of an assignment only.
    Queue,
}

/// One numeric input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    /// `RECORD.FIELD`: how the command line names it (`kuryk-alat.usd_fixed`; an emission
    /// factor by its field alone, `emissions.grid.KZ`).
    pub key: String,
    /// The record's kind.
    pub kind: RecordKind,
    /// The record's id (`emissions` for the emission factors).
    pub record: String,
    /// The field, as a scenario edit names it.
    pub field: String,
    /// The file (and line) the record is defined at.
    pub file: String,
    /// Its value (a link's forward direction when the directions differ).
    pub value: f64,
    /// Whether its source entry begins with "estimate".
    pub estimate: bool,
    /// The range varied over, in the value's units: (low, high).
    pub range: (f64, f64),
    /// How the range was found.
    pub range_kind: RangeKind,
    /// Its source entry, when it has one.
    #[serde(skip)]
    pub source: Option<String>,
    /// What it moves.
    #[serde(skip)]
    pub moves: Moves,
    /// Whole numbers only (a capacity's servers or units per departure): set, not scaled.
    #[serde(skip)]
    pub whole: bool,
}

impl Input {
    /// The edit that takes this input from `from` to `to` (values in its units): a scale by
    /// `to / from` of its field on its one record, or for a whole number a set to `to` rounded.
    pub fn edit(&self, from: f64, to: f64) -> Edit {
        let select = match self.kind {
            RecordKind::Link => Selection {
                links: vec![self.record.clone()],
                ..Selection::default()
            },
            RecordKind::Transfer => Selection {
                nodes: vec![self.record.clone()],
                ..Selection::default()
            },
            RecordKind::Service => Selection {
                service: Some(self.record.clone()),
                ..Selection::default()
            },
            RecordKind::Capacity => Selection {
                capacity: Some(self.record.clone()),
                ..Selection::default()
            },
            RecordKind::Emissions => Selection {
                all: true,
                ..Selection::default()
            },
        };
        let field = Field::parse(&self.field).expect("inputs name fields edits know");
        let (set, amount) = if self.whole {
            (true, to.round().max(1.0))
        } else {
            (false, to / from)
        };
        let change = Change {
            select,
            field,
            field_name: self.field.clone(),
            amount,
        };
        Edit {
            kind: if set {
                EditKind::Set(change)
            } else {
                EditKind::Scale(change)
            },
            rationale: format!("sensitivity: {}", self.key),
            source: None,
            origin: Origin::default(),
        }
    }
}

/// Whether a source entry marks an estimate: it begins with "estimate" (as the provenance
/// count has it).
pub fn is_estimate(source: &str) -> bool {
    source
        .trim_start()
        .get(..8)
        .is_some_and(|w| w.eq_ignore_ascii_case("estimate"))
}

/// An input before its range is found.
struct Raw<'a> {
    kind: RecordKind,
    record: &'a str,
    field: String,
    origin: &'a Origin,
    value: f64,
    source: Option<&'a str>,
    moves: Moves,
    whole: bool,
}

/// Every candidate input of the network: each numeric field of each record, with its source
/// entry (`sources` key) when it has one. `all` keeps those without an estimate's source.
pub(super) fn candidates(net: &Network, all: bool) -> Vec<Input> {
    let mut raw: Vec<Raw<'_>> = Vec::new();
    links(net, &mut raw);
    transfers(net, &mut raw);
    services(net, &mut raw);
    capacities(net, &mut raw);
    emissions(net, &mut raw);
    raw.into_iter()
        .filter(|r| all || r.source.is_some_and(is_estimate))
        .map(|r| Input {
            key: match r.kind {
                RecordKind::Emissions => r.field.clone(),
                _ => format!("{}.{}", r.record, r.field),
            },
            kind: r.kind,
            record: r.record.to_string(),
            file: r.origin.to_string(),
            field: r.field,
            value: r.value,
            estimate: r.source.is_some_and(is_estimate),
            range: (r.value, r.value),
            range_kind: RangeKind::Default,
            source: r.source.map(String::from),
            moves: r.moves,
            whole: r.whole,
        })
        .collect()
}

fn links<'a>(net: &'a Network, out: &mut Vec<Raw<'a>>) {
    for l in &net.links {
        let mut push = |field: &str, key: &str, value: f64, moves: Moves| {
            out.push(Raw {
                kind: RecordKind::Link,
                record: &l.id,
                field: field.to_string(),
                origin: &l.origin,
                value,
                source: l.sources.get(key),
                moves,
                whole: false,
            });
        };
        push("km", "km", l.km, Moves::Length);
        match l.running {
            Running::SpeedKmh(v) => push("speed_kmh", "speed_kmh", v, Moves::Hours),
            Running::Hours(h) => push("hours", "hours", h, Moves::Hours),
        }
        push("usd_per_km", "usd_per_km", l.usd_per_km, Moves::Usd);
        push("usd_fixed", "usd_fixed", l.usd_fixed, Moves::Usd);
        push("wait_hours", "wait_hours", l.wait_hours[0], Moves::Hours);
        push("call_hours", "call_hours", l.call_hours[0], Moves::Hours);
        if let Some(b) = &l.border {
            push("border.hours", "border.hours", b.hours[0], Moves::Hours);
            push("border.usd", "border.usd", b.usd[0], Moves::Usd);
        }
    }
}

fn transfers<'a>(net: &'a Network, out: &mut Vec<Raw<'a>>) {
    for n in &net.nodes {
        for t in &n.transfers {
            let k = t.kind.as_str();
            for (what, value, moves) in
                [("hours", t.hours, Moves::Hours), ("usd", t.usd, Moves::Usd)]
            {
                out.push(Raw {
                    kind: RecordKind::Transfer,
                    record: &n.id,
                    field: format!("transfer.{k}.{what}"),
                    origin: &n.origin,
                    value,
                    source: t.sources.get(what),
                    moves,
                    whole: false,
                });
            }
        }
    }
}

fn services<'a>(net: &'a Network, out: &mut Vec<Raw<'a>>) {
    for s in &net.services {
        if let Some(v) = s.usd_per_km {
            out.push(Raw {
                kind: RecordKind::Service,
                record: &s.id,
                field: "usd_per_km".into(),
                origin: &s.origin,
                value: v,
                source: s.sources.get("usd_per_km"),
                moves: Moves::Usd,
                whole: false,
            });
        }
    }
}

fn capacities<'a>(net: &'a Network, out: &mut Vec<Raw<'a>>) {
    for c in &net.capacity {
        let mut fields: Vec<(&str, f64, bool)> = match c.model {
            CapacityModel::Departures {
                per_departure,
                headway_hours,
            } => vec![
                ("per_departure", f64::from(per_departure), true),
                ("headway_hours", headway_hours, false),
            ],
            CapacityModel::Servers {
                servers,
                service_hours,
                batch,
                service_cv,
                arrival_cv,
            } => vec![
                ("servers", f64::from(servers), true),
                ("service_hours", service_hours, false),
                ("batch", batch, false),
                ("service_cv", service_cv, false),
                ("arrival_cv", arrival_cv, false),
            ],
        };
        fields.push(("base_hours", c.base_hours, false));
        fields.push(("background_per_year", c.background_per_year, false));
        if !c.winter_months.is_empty() {
            fields.push(("winter_factor", c.winter_factor, false));
        }
        for (field, value, whole) in fields {
            out.push(Raw {
                kind: RecordKind::Capacity,
                record: &c.id,
                field: field.into(),
                origin: &c.origin,
                value,
                source: c.sources.get(field),
                moves: Moves::Queue,
                whole,
            });
        }
    }
}

fn emissions<'a>(net: &'a Network, out: &mut Vec<Raw<'a>>) {
    let Some(e) = &net.emissions else { return };
    // The emission factors have no origin of their own: the file of the `[network]` table is
    // not kept, so they are named by the record.
    static NOWHERE: std::sync::OnceLock<Origin> = std::sync::OnceLock::new();
    let origin = NOWHERE.get_or_init(|| Origin {
        file: crate::text::Text::from("[network.emissions]"),
        line: 0,
    });
    let s: &Sources = &e.sources;
    let mut push = |field: String, key: &str, value: f64| {
        out.push(Raw {
            kind: RecordKind::Emissions,
            record: "emissions",
            field,
            origin,
            value,
            source: s.get(key),
            moves: Moves::Co2,
            whole: false,
        });
    };
    for (name, value) in [
        ("payload_t", e.payload_t),
        ("rail_diesel_g_per_tkm", e.rail_diesel_g_per_tkm),
        ("rail_electric_kwh_per_tkm", e.rail_electric_kwh_per_tkm),
        ("road_g_per_tkm", e.road_g_per_tkm),
        ("transfer_kg_per_feu", e.transfer_kg_per_feu),
    ] {
        push(format!("emissions.{name}"), name, value);
    }
    for (cc, v) in &e.grid_g_per_kwh {
        push(format!("emissions.grid.{cc}"), "grid_g_per_kwh", *v);
    }
    for (class, v) in &e.vessel_g_per_tkm {
        push(format!("emissions.vessel.{class}"), "vessel_g_per_tkm", *v);
    }
}
