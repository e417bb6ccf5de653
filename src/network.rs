//! The physical network: places (nodes), their transfer facilities, and the links between them.
//!
//! This is what the data files describe, what scenarios edit and what maps draw. It owns the
//! mapping from user-facing ids to indices and the name look-up ("Constanța" = "constanta"). It
//! does not know about search states: [`crate::graph`] derives those.

use std::fmt;

use crate::text::Text;

use serde::Serialize;

use crate::error::{Error, Problem, Result};

/// Limits of plausibility shared by the loader and by scenario edits: values beyond them are data
/// errors (a typo, a unit slip or an overflow), never an answer.
pub mod limits {
    use super::Mode;

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

    /// Highest plausible average speed of a mode, km/h.
    pub fn max_speed(mode: Mode) -> f64 {
        match mode {
            Mode::Rail => 160.0,
            Mode::Road => 120.0,
            Mode::Sea => 60.0,
        }
    }
}

/// Transport mode of a link, and of a search state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Rail, on a given gauge.
    Rail,
    /// Road haulage.
    Road,
    /// Sea, including ferries and feeders.
    Sea,
}

impl Mode {
    /// All modes, in a fixed order.
    pub const ALL: [Mode; 3] = [Mode::Rail, Mode::Road, Mode::Sea];

    /// The lower-case name used in data files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Rail => "rail",
            Mode::Road => "road",
            Mode::Sea => "sea",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rail track gauge in millimetres: standard (China, Türkiye, the EU) or Russian broad gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Gauge {
    /// 1435 mm standard gauge.
    #[serde(rename = "1435")]
    Standard,
    /// 1520 mm broad gauge (former Soviet Union).
    #[serde(rename = "1520")]
    Broad,
}

impl Gauge {
    /// The gauge in millimetres.
    pub fn mm(self) -> u32 {
        match self {
            Gauge::Standard => 1435,
            Gauge::Broad => 1520,
        }
    }

    /// Parses a gauge in millimetres.
    pub fn from_mm(mm: i64) -> Option<Gauge> {
        match mm {
            1435 => Some(Gauge::Standard),
            1520 => Some(Gauge::Broad),
            _ => None,
        }
    }
}

/// What kind of place a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A city (often also a rail hub).
    City,
    /// A rail container terminal.
    RailTerminal,
    /// An inland dry port.
    DryPort,
    /// A sea port.
    SeaPort,
    /// A border station.
    BorderStation,
    /// A junction or waypoint (rail junction, sea passage).
    Junction,
}

impl NodeKind {
    /// All kinds, in a fixed order.
    pub const ALL: [NodeKind; 6] = [
        NodeKind::City,
        NodeKind::RailTerminal,
        NodeKind::DryPort,
        NodeKind::SeaPort,
        NodeKind::BorderStation,
        NodeKind::Junction,
    ];

    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::City => "city",
            NodeKind::RailTerminal => "rail_terminal",
            NodeKind::DryPort => "dry_port",
            NodeKind::SeaPort => "sea_port",
            NodeKind::BorderStation => "border_station",
            NodeKind::Junction => "junction",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A transfer a node's facilities can make, in either direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    /// Rail ↔ sea (port rail terminal, rail ferry loading).
    RailSea,
    /// Rail ↔ road.
    RailRoad,
    /// Road ↔ sea.
    RoadSea,
    /// Rail 1435 ↔ 1520 mm: bogie exchange or transshipment between wagons.
    Gauge,
    /// Sea ↔ sea between two services (lines): a transhipment in a port, the box unloaded from one
    /// ship and loaded on another.
    Transship,
}

impl TransferKind {
    /// All kinds, in a fixed order.
    pub const ALL: [TransferKind; 5] = [
        TransferKind::RailSea,
        TransferKind::RailRoad,
        TransferKind::RoadSea,
        TransferKind::Gauge,
        TransferKind::Transship,
    ];

    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            TransferKind::RailSea => "rail_sea",
            TransferKind::RailRoad => "rail_road",
            TransferKind::RoadSea => "road_sea",
            TransferKind::Gauge => "gauge",
            TransferKind::Transship => "transship",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<TransferKind> {
        TransferKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The facility that moves a load between two (mode, gauge, service) states at one place, if
    /// any: a gauge change between rail gauges, a transhipment between two sea services, a mode
    /// transfer between modes (whatever the gauge or service on either side).
    pub fn between<S: PartialEq>(
        a: (Mode, Option<Gauge>, Option<S>),
        b: (Mode, Option<Gauge>, Option<S>),
    ) -> Option<TransferKind> {
        use Mode::*;
        match (a.0, b.0) {
            (Rail, Rail) if a.1 != b.1 => Some(TransferKind::Gauge),
            (Sea, Sea) if a.2 != b.2 => Some(TransferKind::Transship),
            (Rail, Sea) | (Sea, Rail) => Some(TransferKind::RailSea),
            (Rail, Road) | (Road, Rail) => Some(TransferKind::RailRoad),
            (Road, Sea) | (Sea, Road) => Some(TransferKind::RoadSea),
            _ => None,
        }
    }
}

/// Link status: operating, or not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In service.
    Operating,
    /// Being built.
    UnderConstruction,
    /// Planned, not yet under construction.
    Planned,
}

impl Status {
    /// All statuses.
    pub const ALL: [Status; 3] = [
        Status::Operating,
        Status::UnderConstruction,
        Status::Planned,
    ];

    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Operating => "operating",
            Status::UnderConstruction => "under_construction",
            Status::Planned => "planned",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

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

/// A transfer facility at a node.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    /// What it transfers between.
    pub kind: TransferKind,
    /// Handling hours per FEU.
    pub hours: f64,
    /// Handling USD per FEU.
    pub usd: f64,
    /// The data's sources, by field.
    pub sources: Sources,
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

/// A place.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Lower-case slug, unique.
    pub id: String,
    /// Real spelling.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// Kind of place.
    pub kind: NodeKind,
    /// Corridor tags.
    pub corridors: Vec<String>,
    /// Transfer facilities.
    pub transfers: Vec<Transfer>,
    /// Closed by a scenario.
    pub closed: bool,
    /// Where it was defined.
    pub origin: Origin,
    /// The data's sources, by field.
    pub sources: Sources,
}

impl Node {
    /// The facility of a kind, if the node has one.
    pub fn transfer(&self, kind: TransferKind) -> Option<&Transfer> {
        self.transfers.iter().find(|t| t.kind == kind)
    }
}

/// Direction of travel along a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dir {
    /// From `from` to `to`.
    Forward = 0,
    /// From `to` to `from`.
    Reverse = 1,
}

/// A per-direction value: `[forward, reverse]`.
pub type PerDir = [f64; 2];

/// Border dwell and fees on a cross-border link.
#[derive(Debug, Clone, PartialEq)]
pub struct Border {
    /// Dwell hours per direction.
    pub hours: PerDir,
    /// Fees per direction.
    pub usd: PerDir,
}

/// How a link's running time is given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Running {
    /// Average speed; hours = km / speed.
    SpeedKmh(f64),
    /// Fixed end-to-end hours.
    Hours(f64),
}

/// A connection between two nodes in one mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Unique id (default `from-to`).
    pub id: String,
    /// Index of the `from` node.
    pub from: usize,
    /// Index of the `to` node.
    pub to: usize,
    /// Mode.
    pub mode: Mode,
    /// Gauge, for rail.
    pub gauge: Option<Gauge>,
    /// Length.
    pub km: f64,
    /// Whether `km` was computed rather than measured.
    pub km_estimated: bool,
    /// Running time.
    pub running: Running,
    /// Tariff per FEU-km.
    pub usd_per_km: f64,
    /// Fixed charge per FEU.
    pub usd_fixed: f64,
    /// Average wait for a departure, per direction, paid by a load that boards here (at the
    /// start of its journey, or after a transfer or transhipment).
    pub wait_hours: PerDir,
    /// Sea only: hours in port at the start of the link, per direction, for a load that stays
    /// aboard the same service (a port call on a liner loop); 0 at a waypoint.
    pub call_hours: PerDir,
    /// Sea only: the services (lines) whose ships sail this link. A load stays on one service
    /// between ports; changing service is a transhipment. Empty means a service of its own,
    /// named by the link id (see [`Link::service_names`]).
    pub services: Vec<String>,
    /// Border dwell and fees, for cross-border links.
    pub border: Option<Border>,
    /// Rail only: electric or diesel haulage (diesel when not given).
    pub traction: Option<Traction>,
    /// Sea only: the vessel class, a key of the network's `vessel_g_per_tkm`.
    pub vessel: Option<String>,
    /// Status.
    pub status: Status,
    /// Opening year, for links not operating.
    pub available_from: Option<i32>,
    /// One-way (from → to only).
    pub oneway: bool,
    /// Corridor tags.
    pub corridors: Vec<String>,
    /// Countries crossed between the ends without a node there.
    pub transit_countries: Vec<String>,
    /// Waypoints `(lon, lat)` between the ends.
    pub geometry: Vec<(f64, f64)>,
    /// The link's own circuity factor for a computed length, when the data give one.
    pub circuity: Option<f64>,
    /// Closed by a scenario.
    pub closed: bool,
    /// The data's sources, by field.
    pub sources: Sources,
    /// Where it was defined.
    pub origin: Origin,
}

impl Link {
    /// Running hours end to end.
    pub fn haul_hours(&self) -> f64 {
        match self.running {
            Running::SpeedKmh(v) => self.km / v,
            Running::Hours(h) => h,
        }
    }

    /// Line-haul charge per FEU.
    pub fn haul_usd(&self) -> f64 {
        self.usd_fixed + self.usd_per_km * self.km
    }

    /// Whether the link exists in `year` (ignoring scenario closures).
    pub fn open_in(&self, year: i32) -> bool {
        self.status == Status::Operating || self.available_from.is_some_and(|y| year >= y)
    }

    /// The node indices `(start, end)` travelling in `dir`.
    pub fn ends(&self, dir: Dir) -> (usize, usize) {
        match dir {
            Dir::Forward => (self.from, self.to),
            Dir::Reverse => (self.to, self.from),
        }
    }

    /// Whether the link carries a corridor tag.
    pub fn has_corridor(&self, tag: &str) -> bool {
        self.corridors.iter().any(|c| c == tag)
    }

    /// The services that sail a sea link: its `services`, or a service of its own named by the
    /// link id; none for rail and road.
    pub fn service_names(&self) -> Vec<&str> {
        match (self.mode, self.services.is_empty()) {
            (Mode::Sea, true) => vec![self.id.as_str()],
            (Mode::Sea, false) => self.services.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// How a rail link is hauled, for its emissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Traction {
    /// Electric locomotives: energy per tonne-km × the grid intensity of the link's country.
    Electric,
    /// Diesel locomotives.
    Diesel,
}

impl Traction {
    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Traction::Electric => "electric",
            Traction::Diesel => "diesel",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<Traction> {
        [Traction::Electric, Traction::Diesel]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
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
}

impl Emissions {
    /// g CO2e per tonne-km of a link, or `None` when its class or country has no factor.
    pub fn g_per_tkm(&self, net: &Network, l: &Link) -> Option<f64> {
        match l.mode {
            Mode::Road => Some(self.road_g_per_tkm),
            Mode::Rail => match l.traction.unwrap_or(Traction::Diesel) {
                Traction::Diesel => Some(self.rail_diesel_g_per_tkm),
                Traction::Electric => self
                    .grid_g_per_kwh
                    .get(&net.nodes[l.from].country)
                    .map(|g| g * self.rail_electric_kwh_per_tkm),
            },
            Mode::Sea => self
                .vessel_g_per_tkm
                .get(l.vessel.as_deref().unwrap_or_default())
                .copied(),
        }
    }

    /// kg CO2e of hauling one FEU along a link.
    pub fn haul_kg(&self, net: &Network, l: &Link) -> f64 {
        self.g_per_tkm(net, l).unwrap_or(0.0) * l.km * self.payload_t / 1000.0
    }
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
    /// Where it was defined.
    pub origin: Origin,
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

/// How a capacitated element serves its load (see [`crate::queue`]).
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
/// load assigned to it, `base_hours` + the queue's wait (see [`crate::assign`]).
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
/// distribution of their hours, and an optional shock. See [`crate::distribution`].
#[derive(Debug, Clone, PartialEq)]
pub struct Variability {
    /// Slug, unique.
    pub id: String,
    /// What it models.
    pub name: String,
    /// The components that take the draw.
    pub applies: Vec<Component>,
    /// The hours of each component (for `delay`: the added hours); `None` = fixed, shock only.
    pub distribution: Option<crate::distribution::Distribution>,
    /// A discrete shock added once per route that uses any component.
    pub shock: Option<crate::distribution::Shock>,
    /// Whether a figure was derived or estimated rather than quoted.
    pub estimate: bool,
    /// Sources, by field.
    pub sources: Sources,
    /// Where it was defined.
    pub origin: Origin,
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

/// A whole network: nodes, links and the year its data describe.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Display name.
    pub name: String,
    /// Year the data describe; the default query year.
    pub data_year: i32,
    /// Value of time, USD per FEU-hour, for the generalized objective.
    pub value_of_time: f64,
    /// Nodes, in definition order.
    pub nodes: Vec<Node>,
    /// Links, in definition order.
    pub links: Vec<Link>,
    /// Sea services declared by the data, in definition order.
    pub services: Vec<Service>,
    /// Emission factors, when the data give them (`[network.emissions]`).
    pub emissions: Option<Emissions>,
    /// Corridor families, in definition order.
    pub families: Vec<Family>,
    /// Random time components, in definition order.
    pub variability: Vec<Variability>,
    /// Capacitated elements, in definition order.
    pub capacity: Vec<Capacity>,
    /// Circuity factors for computed lengths.
    pub circuity: Circuity,
    /// How many of the data's numbers rest on a cited source and how many are estimates.
    pub provenance: Provenance,
    /// The scenario applied to this network, if any (set by [`crate::scenario::apply`]).
    pub scenario: Option<String>,
    index: crate::text::FastMap<String, usize>,
    lookups: Lookups,
}

/// Look-ups made on first use, so that finding a node by name or a link by id costs a search of
/// an index rather than a pass over the network: folded ids and names, folded name words, and
/// link ids, each as hashes sorted with the item they belong to. Equal hashes are checked
/// against the item itself, so a collision cannot give a wrong answer.
#[derive(Default, Clone)]
struct Lookups {
    names: std::sync::OnceLock<std::sync::Arc<[HashIndex; 2]>>,
    links: std::sync::OnceLock<std::sync::Arc<HashIndex>>,
}

impl PartialEq for Lookups {
    /// Derived data: networks with equal contents are equal whatever was looked up in them.
    fn eq(&self, _: &Lookups) -> bool {
        true
    }
}

impl fmt::Debug for Lookups {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Lookups")
    }
}

/// (hash of a key, item) pairs sorted, for looking up the items a key may belong to.
#[derive(Default)]
struct HashIndex(Vec<(u64, u32)>);

impl HashIndex {
    fn new(pairs: impl Iterator<Item = (u64, u32)>) -> HashIndex {
        let mut v: Vec<(u64, u32)> = pairs.collect();
        v.sort_unstable();
        v.dedup();
        HashIndex(v)
    }

    /// The items whose key may be `key` (in increasing order; check each).
    fn candidates(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        let h = crate::text::fast_hash(key);
        let start = self.0.partition_point(|&(k, _)| k < h);
        self.0[start..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .map(|&(_, i)| i as usize)
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

impl Network {
    /// Assembles a network; ids must be unique (the loader has checked).
    pub fn new(
        name: String,
        data_year: i32,
        value_of_time: f64,
        nodes: Vec<Node>,
        links: Vec<Link>,
    ) -> Network {
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        Network {
            name,
            data_year,
            value_of_time,
            nodes,
            links,
            services: Vec::new(),
            emissions: None,
            families: Vec::new(),
            variability: Vec::new(),
            capacity: Vec::new(),
            circuity: Circuity::default(),
            provenance: Provenance::default(),
            scenario: None,
            index,
            lookups: Lookups::default(),
        }
    }

    /// Rebuilds the id index after nodes or links were added, removed or renamed.
    pub fn reindex(&mut self) {
        self.lookups = Lookups::default();
        self.index = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
    }

    /// A link's points `(lon, lat)` from its `from` node through its waypoints to its `to` node.
    pub fn link_points(&self, l: &Link) -> Vec<(f64, f64)> {
        let (a, b) = (&self.nodes[l.from], &self.nodes[l.to]);
        let mut pts = Vec::with_capacity(l.geometry.len() + 2);
        pts.push((a.lon, a.lat));
        pts.extend(l.geometry.iter().copied());
        pts.push((b.lon, b.lat));
        pts
    }

    /// Whether each node is on the corridor `tag`: it carries the tag, or a link carrying the tag
    /// touches it. One pass over the links.
    pub fn on_corridor(&self, tag: &str) -> Vec<bool> {
        let mut on: Vec<bool> = self
            .nodes
            .iter()
            .map(|n| n.corridors.iter().any(|c| c == tag))
            .collect();
        for l in self.links.iter().filter(|l| l.has_corridor(tag)) {
            on[l.from] = true;
            on[l.to] = true;
        }
        on
    }

    /// The index of a node by exact id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// A node by exact id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index(id).map(|i| &self.nodes[i])
    }

    /// A service by id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// A link by id.
    pub fn link(&self, id: &str) -> Option<&Link> {
        let index = self.lookups.links.get_or_init(|| {
            std::sync::Arc::new(HashIndex::new(
                self.links
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (crate::text::fast_hash(&l.id), i as u32)),
            ))
        });
        index
            .candidates(id)
            .map(|i| &self.links[i])
            .find(|l| l.id == id)
    }

    /// The name indexes: folded ids and names, and folded name words.
    fn names(&self) -> &[HashIndex; 2] {
        self.lookups.names.get_or_init(|| {
            let folded: Vec<(String, String)> = self
                .nodes
                .iter()
                .map(|n| (fold(&n.id), fold(&n.name)))
                .collect();
            let exact = HashIndex::new(folded.iter().enumerate().flat_map(|(i, (id, name))| {
                [
                    (crate::text::fast_hash(id), i as u32),
                    (crate::text::fast_hash(name), i as u32),
                ]
            }));
            let words = HashIndex::new(folded.iter().enumerate().flat_map(|(i, (_, name))| {
                words_of(name)
                    .into_iter()
                    .map(move |w| (crate::text::fast_hash(w), i as u32))
            }));
            std::sync::Arc::new([exact, words])
        })
    }

    /// Finds a node by id or by name, ignoring case and accents: an exact id, then an exact name,
    /// then a name containing the query's words in order ("Red Bridge", "Alat"). A query that
    /// matches several nodes is an error listing them, never a silent pick; an empty query is an
    /// error; an unknown one lists the closest matches.
    pub fn find(&self, query: &str) -> Result<usize> {
        if let Some(i) = self.node_index(query) {
            return Ok(i);
        }
        let q = fold(query.trim());
        let words = words_of(&q);
        if words.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "`{}` names no node: give a node id or name",
                crate::error::clip(query)
            )));
        }
        let pick = |hits: Vec<usize>| -> Option<Result<usize>> {
            match hits.len() {
                0 => None,
                1 => Some(Ok(hits[0])),
                _ => Some(Err(Error::AmbiguousNode {
                    query: query.to_string(),
                    candidates: hits
                        .iter()
                        .map(|&i| format!("{} ({})", self.nodes[i].id, self.nodes[i].name))
                        .collect(),
                })),
            }
        };
        let [exact_index, word_index] = self.names();
        let exact: Vec<usize> = exact_index
            .candidates(&q)
            .filter(|&i| fold(&self.nodes[i].id) == q || fold(&self.nodes[i].name) == q)
            .collect();
        if let Some(r) = pick(exact) {
            return r;
        }
        // Names such as "Port of Baku (Alat)" or "Tsiteli Khidi (Red Bridge)": the query's words
        // as a run of the name's words.
        let partial: Vec<usize> = word_index
            .candidates(words[0])
            .filter(|&i| {
                let folded = fold(&self.nodes[i].name);
                let name = words_of(&folded);
                name.windows(words.len()).any(|w| w == words.as_slice())
            })
            .collect();
        if let Some(r) = pick(partial) {
            return r;
        }
        Err(Error::UnknownNode {
            query: query.to_string(),
            suggestions: self.closest(&q, 3),
        })
    }

    fn closest(&self, folded: &str, n: usize) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = self
            .nodes
            .iter()
            .map(|node| {
                let s = strsim::jaro_winkler(folded, &fold(&node.id))
                    .max(strsim::jaro_winkler(folded, &fold(&node.name)));
                (s, node.id.as_str())
            })
            .filter(|(s, _)| *s >= 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(n)
            .map(|(_, id)| id.to_string())
            .collect()
    }

    /// Every link or facility value outside the limits of plausibility ([`limits`]): not finite,
    /// negative, or absurd. Empty for a network the loader accepted; scenario edits and sweeps
    /// check their results with it, and the router refuses a network that has any (a negative or
    /// NaN weight would make its search wrong or endless).
    pub fn implausible_values(&self) -> Vec<Problem> {
        use limits::*;
        let mut out = Vec::new();
        let mut check = |origin: &Origin, what: &str, field: &str, v: f64, lo: f64, hi: f64| {
            if !(v.is_finite() && v >= lo && v <= hi) {
                out.push(Problem {
                    file: origin.file.to_string(),
                    line: origin.line,
                    field: field.to_string(),
                    message: format!("{what}: {v} is outside {lo}…{hi}"),
                });
            }
        };
        for l in &self.links {
            let what = format!("link `{}`", l.id);
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
            let what = format!("node `{}`", n.id);
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

    /// The countries present in the network, sorted.
    pub fn countries(&self) -> Vec<String> {
        let mut c: Vec<String> = self.nodes.iter().map(|n| n.country.clone()).collect();
        c.extend(self.links.iter().flat_map(|l| l.transit_countries.clone()));
        c.sort();
        c.dedup();
        c
    }
}

/// The words of a folded name: runs of ASCII letters and digits.
fn words_of(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Folds a name for matching: lower case, accents and special letters reduced to ASCII.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ı' | 'İ' => out.push('i'),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ə' | 'Ə' => out.push('a'),
            '\'' | '’' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_special_letters() {
        assert_eq!(fold("Constanța"), "constanta");
        assert_eq!(fold("Iğdır"), "igdir");
        assert_eq!(fold("Małaszewicze"), "malaszewicze");
        assert_eq!(fold("Xi'an"), "xian");
        assert_eq!(fold("Ağbənd"), "agband");
        assert_eq!(fold("ÜRÜMQI"), "urumqi");
    }

    fn tiny() -> Network {
        let node = |id: &str, name: &str| Node {
            id: id.into(),
            name: name.into(),
            country: "GE".into(),
            lat: 41.0,
            lon: 45.0,
            kind: NodeKind::BorderStation,
            corridors: vec![],
            transfers: vec![],
            closed: false,
            origin: Origin::default(),
            sources: Sources::default(),
        };
        Network::new(
            "t".into(),
            2025,
            10.0,
            vec![
                node("tsiteli_khidi", "Tsiteli Khidi (Red Bridge)"),
                node("qirmizi_korpu", "Qırmızı Körpü (Red Bridge)"),
                node("alat", "Port of Baku (Alat)"),
                node("poti", "Poti (port)"),
                node("nuremberg", "Nürnberg (Nuremberg)"),
            ],
            vec![],
        )
    }

    #[test]
    fn find_matches_ids_names_and_word_runs_and_never_picks_silently() {
        let n = tiny();
        assert_eq!(n.find("alat").unwrap(), 2);
        assert_eq!(n.find("Port of Baku").unwrap(), 2);
        assert_eq!(n.find("QIRMIZI korpu").unwrap(), 1);
        assert_eq!(n.find("Nuremberg").unwrap(), 4);
        let e = n.find("Red Bridge").unwrap_err().to_string();
        assert!(
            e.contains("matches 2 nodes")
                && e.contains("tsiteli_khidi")
                && e.contains("qirmizi_korpu"),
            "{e}"
        );
        let e = n.find("port").unwrap_err().to_string();
        assert!(e.contains("matches 2 nodes"), "{e}");
        for empty in ["", "  ", "()"] {
            assert!(
                n.find(empty)
                    .unwrap_err()
                    .to_string()
                    .contains("names no node"),
                "{empty:?}"
            );
        }
        let long = "x".repeat(120_000);
        let e = n.find(&long).unwrap_err().to_string();
        assert!(e.len() < 300, "{} characters echoed", e.len());
    }

    #[test]
    fn transfer_kind_between_states() {
        let r35 = (Mode::Rail, Some(Gauge::Standard), None);
        let r52 = (Mode::Rail, Some(Gauge::Broad), None);
        let sea = (Mode::Sea, None, Some(0));
        let sea2 = (Mode::Sea, None, Some(1));
        let road = (Mode::Road, None, None);
        assert_eq!(TransferKind::between(r35, r52), Some(TransferKind::Gauge));
        assert_eq!(TransferKind::between(r52, sea), Some(TransferKind::RailSea));
        assert_eq!(
            TransferKind::between(sea, road),
            Some(TransferKind::RoadSea)
        );
        assert_eq!(
            TransferKind::between(sea, sea2),
            Some(TransferKind::Transship)
        );
        assert_eq!(TransferKind::between(sea, sea), None);
        assert_eq!(TransferKind::between(r35, r35), None);
    }
}
