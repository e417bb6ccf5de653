//! The facts a network holds beside its places and links: where each record was defined and the
//! sources of its numbers, sea services, corridor families, emission factors, random time
//! components (`[[variability]]`) and capacitated elements (`[[capacity]]`), and the circuity
//! factors for computed lengths. Plain data: the loader fills them, the studies read them.

use std::fmt;

use serde::Serialize;

use super::vocabulary::TransferKind;
use crate::text::Text;

/// Where a record was defined, for messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// File name as shown to the user.
    pub file: Text,
    /// 1-based line of the record's header; 0 for a GeoJSON feature (the file names it).
    pub line: usize,
}

impl fmt::Display for Origin {
    /// `FILE:LINE`, or `FILE` alone when the record has no line (a GeoJSON feature, whose file
    /// names it: `network.geojson features[12]`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// The sources of a record's numbers, by field: (field, citation) pairs in field order. The table
/// and its texts are shared ([`Text`], [`Arc`](std::sync::Arc)), so that a large network whose
/// records repeat a citation, or a whole table, holds it once.
#[derive(Clone, Default, PartialEq)]
pub struct Sources(std::sync::Arc<[(Text, Text)]>);

impl Sources {
    /// Builds from pairs in any order; a later pair for the same field replaces an earlier one.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (Text, Text)>) -> Sources {
        let mut v: Vec<(Text, Text)> = pairs.into_iter().collect();
        // Stable: among equal fields the last written stays last, and is kept.
        v.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        let mut out: Vec<(Text, Text)> = Vec::with_capacity(v.len());
        for (k, val) in v {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = val,
                _ => out.push((k, val)),
            }
        }
        Sources(out.into())
    }

    /// Whether both hold the same shared table (not merely equal ones).
    pub fn same(&self, other: &Sources) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }

    /// The citation of a field.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(field))
            .ok()
            .map(|i| self.0[i].1.as_str())
    }

    /// Whether a field has a citation.
    pub fn contains_key(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    /// (field, citation) pairs in field order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The fields, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// How many fields have a citation.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no field has a citation.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the pairs for which `keep(field, citation)` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        let v: Vec<(Text, Text)> = self.0.iter().filter(|(k, v)| keep(k, v)).cloned().collect();
        self.0 = v.into();
    }
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl serde::Serialize for Sources {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// The data's sources, counted: every `source` entry covers one field of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Provenance {
    /// Source entries in the data.
    pub sources: usize,
    /// Those that begin with "estimate" (the figure was estimated, and the entry says how).
    pub estimates: usize,
}

impl Provenance {
    /// Adds another's counts.
    pub fn add(&mut self, other: Provenance) {
        self.sources += other.sources;
        self.estimates += other.estimates;
    }
}

/// A liner, feeder or ferry service: a line whose ships sail one or more sea links.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Unique id, referred to by sea links' `services`.
    pub id: String,
    /// Display name ("Asia – North Europe loop").
    pub name: String,
    /// The service's freight rate per FEU-km, used by its links that give no tariff of their own.
    pub usd_per_km: Option<f64>,
    /// When the rate was quoted (e.g. "2025-04"): freight rates move by the week.
    pub rate_date: Option<String>,
    /// The data's sources, by field (`usd_per_km`).
    pub sources: Sources,
    /// Where it was defined.
    pub origin: Origin,
}

/// A corridor family: what makes a route belong to it. A route of the family travels at least
/// one link of each `via_tags` tag and at least one link touching each `via_countries` country,
/// and none of the links tagged `avoid_tags` nor any place in `avoid_countries`.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// Slug, unique.
    pub id: String,
    /// Display name ("Middle Corridor via Türkiye").
    pub name: String,
    /// Tags the route must travel.
    pub via_tags: Vec<String>,
    /// Countries the route must enter.
    pub via_countries: Vec<String>,
    /// Tags the route must not travel.
    pub avoid_tags: Vec<String>,
    /// Countries the route must not enter.
    pub avoid_countries: Vec<String>,
    /// What every figure draws the family's routes in: the data's `colour`, or a default
    /// ([`crate::network::assign_default_colours`]).
    pub colour: super::colour::Colour,
    /// Where it was defined.
    pub origin: Origin,
}

/// Well-to-wheel emission factors (ISO 14083 / GLEC), network-wide and changeable by scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct Emissions {
    /// Tonnes of cargo per FEU.
    pub payload_t: f64,
    /// Diesel rail, g CO2e per tonne-km.
    pub rail_diesel_g_per_tkm: f64,
    /// Electric rail, kWh per tonne-km (× the grid of the link's start country).
    pub rail_electric_kwh_per_tkm: f64,
    /// Road, g CO2e per tonne-km.
    pub road_g_per_tkm: f64,
    /// kg CO2e per container handled at a transfer.
    pub transfer_kg_per_feu: f64,
    /// Grid intensity by ISO country code, g CO2e per kWh.
    pub grid_g_per_kwh: std::collections::BTreeMap<String, f64>,
    /// Sea intensity by vessel class, g CO2e per tonne-km.
    pub vessel_g_per_tkm: std::collections::BTreeMap<String, f64>,
    /// The data's sources, by field (`payload_t`, …, `grid_g_per_kwh`, `vessel_g_per_tkm`).
    pub sources: Sources,
}

/// Which time component of a link a [`Variability`] record draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The departure wait (`wait_hours`).
    Wait,
    /// The port-call hours while the load stays aboard (`call_hours`).
    Call,
    /// The running time.
    Run,
    /// The border dwell.
    Border,
    /// An extra delay (no fixed value), counted once per route that uses any of the record's
    /// links: schedule lateness.
    Delay,
}

impl Part {
    /// Every part, in the data's spelling.
    pub const ALL: [Part; 5] = [Part::Wait, Part::Call, Part::Run, Part::Border, Part::Delay];

    /// The data's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Wait => "wait",
            Part::Call => "call",
            Part::Run => "run",
            Part::Border => "border",
            Part::Delay => "delay",
        }
    }

    /// Parses the data's spelling.
    pub fn parse(s: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// One time component a [`Variability`] record applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Component {
    /// A part of a link (both directions).
    Link {
        /// Link id.
        link: String,
        /// Which part.
        part: Part,
        /// Its fixed hours when the data were loaded, per direction (forward, backward): the
        /// record's distribution describes the component at these values, and is scaled by
        /// current / loaded when a scenario edits the component.
        loaded: [f64; 2],
    },
    /// A transfer at a node.
    Transfer {
        /// Node id.
        node: String,
        /// Which facility.
        kind: TransferKind,
        /// Its fixed hours when the data were loaded.
        loaded: f64,
    },
}

/// Which direction of a link a [`Capacity`] record covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CapacityDirection {
    /// From the link's `from` node to its `to` node.
    Forward,
    /// From `to` to `from`.
    Reverse,
    /// Each direction on its own, with the same capacity (a shuttle fleet).
    Each,
}

impl CapacityDirection {
    /// Every direction, in the data's spelling.
    pub const ALL: [CapacityDirection; 3] = [
        CapacityDirection::Forward,
        CapacityDirection::Reverse,
        CapacityDirection::Each,
    ];

    /// The data's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            CapacityDirection::Forward => "forward",
            CapacityDirection::Reverse => "reverse",
            CapacityDirection::Each => "each",
        }
    }

    /// The link directions covered (0 = forward, 1 = reverse), each a queue of its own.
    pub fn dirs(self) -> &'static [usize] {
        match self {
            CapacityDirection::Forward => &[0],
            CapacityDirection::Reverse => &[1],
            CapacityDirection::Each => &[0, 1],
        }
    }
}

/// How a capacitated element serves its load (see [`crate::studies::queue`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CapacityModel {
    /// Scheduled departures: `per_departure` units leave every `headway_hours` (a batch-service
    /// queue: about half a headway while the load per headway stays below a departure's size).
    Departures {
        /// Units (TEU) per departure.
        per_departure: u32,
        /// Hours between departures.
        headway_hours: f64,
    },
    /// Parallel servers (tracks, cranes, berths): G/G/c by the Kingman–Sakasegawa formula.
    Servers {
        /// Number of servers.
        servers: u32,
        /// Mean service time of one batch, hours.
        service_hours: f64,
        /// Units (TEU) served together: arrivals are batches of this size (a block train).
        batch: f64,
        /// Coefficient of variation of the service time.
        service_cv: f64,
        /// Coefficient of variation of the time between arrivals.
        arrival_cv: f64,
    },
}

/// A capacitated element (`[[capacity]]`): it makes one fixed time component an output of the
/// load assigned to it, `base_hours` + the queue's wait (see [`crate::studies::assign`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    /// Slug, unique.
    pub id: String,
    /// What it models.
    pub name: String,
    /// The component whose hours it produces: a link's `wait` or `border` (with `direction`), or
    /// a transfer at a node (both directions' loads pooled).
    pub applies: Component,
    /// For a link component: the directions covered.
    pub direction: Option<CapacityDirection>,
    /// How it serves.
    pub model: CapacityModel,
    /// The part of the component's hours the queue does not produce (handling, customs).
    pub base_hours: f64,
    /// Load the demand files do not hold (units per year; per direction for a link).
    pub background_per_year: f64,
    /// Capacity multiplier in `winter_months` (1 = none).
    pub winter_factor: f64,
    /// Months (1–12) of the winter factor.
    pub winter_months: Vec<u8>,
    /// Whether a figure was derived or estimated rather than quoted.
    pub estimate: bool,
    /// Sources, by field.
    pub sources: Sources,
    /// Where it was defined.
    pub origin: Origin,
}

/// A random time component (`[[variability]]`): the components that share one draw, the
/// distribution of their hours, and an optional shock. See [`crate::network::distribution`].
#[derive(Debug, Clone, PartialEq)]
pub struct Variability {
    /// Slug, unique.
    pub id: String,
    /// What it models.
    pub name: String,
    /// The components that take the draw.
    pub applies: Vec<Component>,
    /// The hours of each component (for `delay`: the added hours); `None` = fixed, shock only.
    pub distribution: Option<crate::network::distribution::Distribution>,
    /// A discrete shock added once per route that uses any component.
    pub shock: Option<crate::network::distribution::Shock>,
    /// Whether a figure was derived or estimated rather than quoted.
    pub estimate: bool,
    /// Sources, by field.
    pub sources: Sources,
    /// Where it was defined.
    pub origin: Origin,
}

/// Factors × great-circle distance used for links with neither `km` nor `geometry`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circuity {
    /// Rail.
    pub rail: f64,
    /// Road.
    pub road: f64,
    /// Sea.
    pub sea: f64,
}

impl Default for Circuity {
    fn default() -> Circuity {
        Circuity {
            rail: 1.3,
            road: 1.25,
            sea: 1.2,
        }
    }
}
