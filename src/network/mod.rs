//! The physical network: places (nodes), their transfer facilities, and the links between them.
//!
//! This is what the data files describe, what scenarios edit and what maps draw. It owns the
//! mapping from user-facing ids to indices and the name look-up ("Constanța" = "constanta"). It
//! does not know about search states: [`crate::routing::graph`] derives those.
//!
//! This file holds [`Network`], [`Node`] and [`Link`] and the look-ups by id and name. Beside it:
//! `vocabulary` (modes, gauges, node kinds, transfer kinds, statuses, directions, traction),
//! `colour` (a family's [`Colour`]), `facts` (origins and sources, services, families, emission
//! factors, variability and capacity records), `plausible` ([`limits`] and [`Network::implausible_values`]), `names` ([`fold`] and
//! the hash indexes) and `study` (the default [`Study`]: ends, route names, hubs, a regional
//! panel). Every item is re-exported here: use `crate::network::X`. The distributions a
//! variability record gives, and the seeded generator that draws them, are the public
//! [`distribution`] module.

mod colour;
pub mod distribution;
mod facts;
mod few;
mod names;
mod plausible;
mod study;
mod vocabulary;

use crate::error::{Error, Result};

pub use colour::{assign_default_colours, Colour, DEFAULT_FAMILY_COLOURS};
pub use facts::{
    Capacity, CapacityDirection, CapacityModel, Circuity, Component, Emissions, Family, Origin,
    Part, Provenance, Service, Sources, Variability,
};
pub use few::Few;
pub use names::fold;
use names::{words_of, HashIndex, Lookups};
pub use plausible::limits;
pub use study::{CorridorName, Headline, Panel, Study, QUESTION_PLACEHOLDERS};
pub use vocabulary::{Dir, Gauge, Mode, NodeKind, Status, Traction, TransferKind};

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

/// A place.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Lower-case slug, unique.
    pub id: String,
    /// Real spelling.
    pub name: String,
    /// ISO 3166-1 alpha-2 (shared: a network's nodes name a few countries many times).
    pub country: crate::text::Text,
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// Kind of place.
    pub kind: NodeKind,
    /// Corridor tags.
    pub corridors: Few<String>,
    /// Transfer facilities.
    pub transfers: Few<Transfer>,
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
    pub services: Few<String>,
    /// Border dwell and fees, for cross-border links (boxed: most links have none).
    pub border: Option<Box<Border>>,
    /// Rail only: electric or diesel haulage (diesel when not given).
    pub traction: Option<Traction>,
    /// Sea only: the vessel class, a key of the network's `vessel_g_per_tkm`.
    pub vessel: Option<Box<str>>,
    /// Status.
    pub status: Status,
    /// Opening year, for links not operating.
    pub available_from: Option<i32>,
    /// One-way (from → to only).
    pub oneway: bool,
    /// Corridor tags.
    pub corridors: Few<String>,
    /// Countries crossed between the ends without a node there.
    pub transit_countries: Few<String>,
    /// Waypoints `(lon, lat)` between the ends.
    pub geometry: Few<(f64, f64)>,
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

/// The index of the nodes' ids.
fn id_index(nodes: &[Node]) -> HashIndex {
    HashIndex::new(
        nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (crate::text::fast_hash(&n.id), i as u32)),
    )
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
    /// The default study: its origin and destination, route names, map hubs and regional panel
    /// (`[network.study]`; empty when the data give none).
    pub study: Study,
    /// How many of the data's numbers rest on a cited source and how many are estimates.
    pub provenance: Provenance,
    /// The sources of the `[network]` table's numbers, by field (`data_year`,
    /// `value_of_time_usd_per_hour`, `circuity`).
    pub sources: Sources,
    /// The scenario applied to this network, if any (set by [`crate::scenario::apply`]).
    pub scenario: Option<String>,
    /// The nodes' ids, hashed: 16 bytes a node, the ids themselves not copied.
    index: HashIndex,
    lookups: Lookups,
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
        let index = id_index(&nodes);
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
            study: Study::default(),
            provenance: Provenance::default(),
            sources: Sources::default(),
            scenario: None,
            index,
            lookups: Lookups::default(),
        }
    }

    /// Rebuilds the id index after nodes or links were added, removed or renamed.
    pub fn reindex(&mut self) {
        self.lookups = Lookups::default();
        self.index = id_index(&self.nodes);
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
        // The last of equal ids, as a map built in order would keep (the loader refuses them).
        self.index
            .candidates(id)
            .filter(|&i| self.nodes[i].id == id)
            .last()
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

    /// The corridor tags of the links and nodes, sorted, each once.
    pub fn corridor_tags(&self) -> Vec<&str> {
        let mut tags: Vec<&str> = self
            .links
            .iter()
            .flat_map(|l| l.corridors.iter())
            .chain(self.nodes.iter().flat_map(|n| n.corridors.iter()))
            .map(String::as_str)
            .collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }

    /// The countries present in the network, sorted.
    pub fn countries(&self) -> Vec<String> {
        let mut c: Vec<String> = self.nodes.iter().map(|n| n.country.to_string()).collect();
        c.extend(self.links.iter().flat_map(|l| l.transit_countries.clone()));
        c.sort();
        c.dedup();
        c
    }
}

// The emission factors (data, in `facts`) applied to one link: here, beside `Network` and `Link`,
// because an electric link's factor is the grid of its start node's country.
impl Emissions {
    /// g CO2e per tonne-km of a link, or `None` when its class or country has no factor.
    pub fn g_per_tkm(&self, net: &Network, l: &Link) -> Option<f64> {
        match l.mode {
            Mode::Road => Some(self.road_g_per_tkm),
            Mode::Rail => match l.traction.unwrap_or(Traction::Diesel) {
                Traction::Diesel => Some(self.rail_diesel_g_per_tkm),
                Traction::Electric => self
                    .grid_g_per_kwh
                    .get(net.nodes[l.from].country.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Network {
        let node = |id: &str, name: &str| Node {
            id: id.into(),
            name: name.into(),
            country: "GE".into(),
            lat: 41.0,
            lon: 45.0,
            kind: NodeKind::BorderStation,
            corridors: Few::new(),
            transfers: Few::new(),
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
    fn links_and_nodes_keep_their_rarely_set_fields_out_of_line() {
        // A million-place network holds two million links: each byte of a link is 2 MB.
        use std::mem::size_of;
        assert!(
            size_of::<Link>() <= 240,
            "a link is {} bytes",
            size_of::<Link>()
        );
        assert!(
            size_of::<Node>() <= 152,
            "a node is {} bytes",
            size_of::<Node>()
        );
        assert_eq!(size_of::<Option<Box<Border>>>(), 8);
    }

    #[test]
    fn node_index_finds_exact_ids_only() {
        let n = tiny();
        assert_eq!(n.node_index("alat"), Some(2));
        assert_eq!(n.node_index("nuremberg"), Some(4));
        assert_eq!(n.node_index("Alat"), None);
        assert_eq!(n.node_index("lat"), None);
        assert_eq!(n.node("poti").map(|p| p.name.as_str()), Some("Poti (port)"));
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
}
