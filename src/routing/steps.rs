//! What each move of the search graph costs and says: [`move_metrics`] (its km, hours, USD and
//! kg CO2e, stored with the move in the compact graph), `move_steps` (the steps of a route's
//! breakdown it expands into: a wait, the haul, a border; a transfer; nothing), and [`Words`],
//! the shared text routes are written in, which keeps each move's steps once a route has used
//! it. The CO2 of hauls and of handling at transfers ([`haul_co2`], [`transfer_co2`]) is computed
//! here for both.

use std::sync::OnceLock;

use petgraph::graph::NodeIndex;

use crate::network::{Gauge, Link, Mode, Network};
use crate::routing::graph::{Move, SearchGraph, ServiceId, State};
use crate::routing::metrics::Metrics;
use crate::routing::route::{Step, StepKind};
use crate::routing::search::Compact;
use crate::text::{FastMap, Text};

/// The text a route is written in. Ids and countries are shared between routes; each move of
/// the compact graph is put into words (the steps it expands into) the first time a route uses
/// it, and kept, so that building a router formats no move and a query formats only the moves no
/// earlier query used.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    node_id: Vec<OnceLock<Text>>,
    /// Per node, its country (one shared text per country).
    pub node_country: Vec<Text>,
    /// Corridor tags and transit countries, one shared text each.
    tags: FastMap<String, Text>,
    services: Vec<Text>,
    /// Per compact move: its steps (a wait, the haul, a border; a transfer; nothing).
    steps: Vec<OnceLock<Box<[Step]>>>,
}

impl Words {
    /// The words of a network, with no move put into words yet.
    pub fn new(net: &Network, search: &SearchGraph, compact: &Compact) -> Words {
        let mut tags: FastMap<String, Text> = Default::default();
        for s in net.nodes.iter().map(|n| &n.country).chain(
            net.links
                .iter()
                .flat_map(|l| l.corridors.iter().chain(&l.transit_countries)),
        ) {
            if !tags.contains_key(s.as_str()) {
                tags.insert(s.clone(), Text::from(s.as_str()));
            }
        }
        Words {
            node_id: (0..net.nodes.len()).map(|_| OnceLock::new()).collect(),
            node_country: net
                .nodes
                .iter()
                .map(|n| tags[n.country.as_str()].clone())
                .collect(),
            tags,
            services: search
                .services
                .iter()
                .map(|s| Text::from(s.as_str()))
                .collect(),
            steps: (0..compact.arcs.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Forgets the steps of every move (their numbers changed): each is put into words again
    /// the next time a route uses it.
    pub fn forget_steps(&mut self) {
        for s in self.steps.iter_mut() {
            s.take();
        }
    }

    /// A node's id.
    pub fn node(&self, net: &Network, i: usize) -> Text {
        self.node_id[i]
            .get_or_init(|| Text::from(net.nodes[i].id.as_str()))
            .clone()
    }

    /// A corridor tag's or country's shared text.
    pub fn tag(&self, s: &str) -> Text {
        self.tags.get(s).cloned().unwrap_or_else(|| Text::from(s))
    }

    /// The steps of compact move `i`.
    pub fn steps(
        &self,
        net: &Network,
        search: &SearchGraph,
        compact: &Compact,
        i: usize,
    ) -> &[Step] {
        self.steps[i].get_or_init(|| move_steps(self, net, search, compact, i).into_boxed_slice())
    }
}

/// The steps compact move `i` expands into.
fn move_steps(
    w: &Words,
    net: &Network,
    search: &SearchGraph,
    compact: &Compact,
    i: usize,
) -> Vec<Step> {
    let text = |s: &str| -> Text { Text::from(s) };
    let service_of = |id: Option<ServiceId>| id.map(|s| w.services[s as usize].clone());
    let g = &search.graph;
    let arc = &compact.arcs[i];
    let mut steps = Vec::new();
    match arc.what {
        Move::Haul {
            link,
            dir,
            service,
            aboard,
        } => {
            let l = &net.links[link];
            let d = dir as usize;
            let (s, t) = l.ends(dir);
            let service = service_of(service);
            let (before, words) = if aboard {
                (
                    l.call_hours[d],
                    text("port call or passage, the load stays aboard"),
                )
            } else {
                (
                    l.wait_hours[d],
                    text(&format!("average wait for a {} departure", l.mode)),
                )
            };
            let step = |kind, to: usize, km, hours, usd, co2_kg, service, detail| Step {
                kind,
                from: w.node(net, s),
                to: w.node(net, to),
                mode: l.mode,
                metrics: Metrics {
                    km,
                    hours,
                    usd,
                    co2_kg,
                },
                link: Some(text(&l.id)),
                dir: Some(dir),
                service,
                transfer: None,
                detail,
                km_estimated: kind == StepKind::Haul && l.km_estimated,
                aboard: kind == StepKind::Wait && aboard,
            };
            if before > 0.0 {
                steps.push(step(
                    StepKind::Wait,
                    s,
                    0.0,
                    before,
                    0.0,
                    0.0,
                    service.clone(),
                    words,
                ));
            }
            let detail = text(&state_words(l.mode, l.gauge, service.as_deref()));
            steps.push(step(
                StepKind::Haul,
                t,
                l.km,
                l.haul_hours(),
                l.haul_usd(),
                haul_co2(net, l),
                service,
                detail,
            ));
            if let Some(b) = &l.border {
                let detail = text(&format!(
                    "{} → {}",
                    net.nodes[s].country, net.nodes[t].country
                ));
                steps.push(step(
                    StepKind::Border,
                    t,
                    0.0,
                    b.hours[d],
                    b.usd[d],
                    0.0,
                    None,
                    detail,
                ));
            }
        }
        Move::Transfer { node, kind } => {
            let t = net.nodes[node]
                .transfer(kind)
                .expect("transfer moves exist only where the facility does");
            let side = |i: u32| match g[NodeIndex::new(i as usize)] {
                State::At {
                    mode,
                    gauge,
                    service,
                    ..
                } => (
                    mode,
                    state_words(mode, gauge, service_of(service).as_deref()),
                    service_of(service),
                ),
                _ => (Mode::Rail, String::new(), None),
            };
            let ((_, before, _), (mode, after, service)) = (side(arc.tail), side(arc.head));
            steps.push(Step {
                kind: StepKind::Transfer,
                from: w.node(net, node),
                to: w.node(net, node),
                mode,
                metrics: Metrics {
                    km: 0.0,
                    hours: t.hours,
                    usd: t.usd,
                    co2_kg: transfer_co2(net),
                },
                link: None,
                dir: None,
                service,
                transfer: Some(kind),
                detail: text(&format!("{before} → {after}")),
                km_estimated: false,
                aboard: false,
            });
        }
        Move::Stay | Move::Begin | Move::Finish => {}
    }
    steps
}

/// The km, hours, USD and kg CO2e of a move.
pub(crate) fn move_metrics(net: &Network, m: &Move) -> Metrics {
    match *m {
        Move::Haul {
            link, dir, aboard, ..
        } => {
            let l = &net.links[link];
            let d = dir as usize;
            let (bh, bu) = l
                .border
                .as_ref()
                .map_or((0.0, 0.0), |b| (b.hours[d], b.usd[d]));
            let before = if aboard {
                l.call_hours[d]
            } else {
                l.wait_hours[d]
            };
            Metrics {
                km: l.km,
                hours: before + l.haul_hours() + bh,
                usd: l.haul_usd() + bu,
                co2_kg: haul_co2(net, l),
            }
        }
        Move::Transfer { node, kind } => {
            let t = net.nodes[node]
                .transfer(kind)
                .expect("transfer moves exist only where the facility does");
            Metrics {
                km: 0.0,
                hours: t.hours,
                usd: t.usd,
                co2_kg: transfer_co2(net),
            }
        }
        Move::Stay | Move::Begin | Move::Finish => Metrics::default(),
    }
}

/// kg CO2e of hauling one FEU along a link (0 without emission factors).
pub(crate) fn haul_co2(net: &Network, l: &Link) -> f64 {
    net.emissions.as_ref().map_or(0.0, |e| e.haul_kg(net, l))
}

/// kg CO2e of handling one container at a transfer.
pub(crate) fn transfer_co2(net: &Network) -> f64 {
    net.emissions
        .as_ref()
        .map_or(0.0, |e| e.transfer_kg_per_feu)
}

/// A state in words: "rail 1520 mm", "sea (AE1)", "road".
fn state_words(mode: Mode, gauge: Option<Gauge>, service: Option<&str>) -> String {
    match (gauge, service) {
        (Some(g), _) => format!("{mode} {} mm", g.mm()),
        (None, Some(s)) => format!("{mode} ({s})"),
        (None, None) => mode.to_string(),
    }
}
