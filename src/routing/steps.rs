//! What each move of the search graph says: `move_steps` (the steps of a route's
//! breakdown it expands into: a wait, the haul, a border; a transfer; nothing), and [`Words`],
//! the shared text routes are written in, which keeps each move's steps once a route has used
//! it. The CO2 of hauls and of handling at transfers ([`haul_co2`], [`transfer_co2`]) is computed
//! here for both.

use std::sync::{Arc as Shared, PoisonError, RwLock};

use crate::network::{Gauge, Link, Mode, Network};
use crate::routing::graph::{Move, SearchGraph, ServiceId, State};
use crate::routing::metrics::Metrics;
use crate::routing::route::{Step, StepKind};
use crate::text::{FastMap, Text};

/// The text a route is written in. Ids and countries are shared between routes; each move of
/// the search graph is put into words (the steps it expands into) the first time a route uses
/// it, and kept, so that building a router formats no move and a query formats only the moves no
/// earlier query used. Only what routes have used is held: nothing per node or per move.
#[derive(Debug)]
pub(crate) struct Words {
    /// Corridor tags, transit and node countries, one shared text each.
    tags: FastMap<String, Text>,
    services: Vec<Text>,
    /// The ids of the nodes routes have passed, by node index.
    node_id: RwLock<FastMap<u32, Text>>,
    /// The steps of the moves routes have used, by move index (a wait, the haul, a border; a
    /// transfer; nothing).
    steps: RwLock<FastMap<u32, Shared<[Step]>>>,
}

impl Clone for Words {
    /// The same shared texts, with nothing put into words yet.
    fn clone(&self) -> Words {
        Words {
            tags: self.tags.clone(),
            services: self.services.clone(),
            node_id: Default::default(),
            steps: Default::default(),
        }
    }
}

impl Words {
    /// The words of a network, with no move put into words yet.
    pub fn new(net: &Network, graph: &SearchGraph) -> Words {
        let mut tags: FastMap<String, Text> = Default::default();
        // A run of equal names (a network's nodes mostly in one country after another) is
        // looked up once.
        let mut last: Option<&str> = None;
        for s in net.nodes.iter().map(|n| n.country.as_str()).chain(
            net.links
                .iter()
                .flat_map(|l| l.corridors.iter().chain(&l.transit_countries))
                .map(String::as_str),
        ) {
            if last == Some(s) {
                continue;
            }
            last = Some(s);
            if !tags.contains_key(s) {
                tags.insert(s.to_string(), Text::from(s));
            }
        }
        Words {
            tags,
            services: graph
                .services
                .iter()
                .map(|s| Text::from(s.as_str()))
                .collect(),
            node_id: Default::default(),
            steps: Default::default(),
        }
    }

    /// Forgets the steps of every move (their numbers changed): each is put into words again
    /// the next time a route uses it.
    pub fn forget_steps(&mut self) {
        *self.steps.get_mut().unwrap_or_else(PoisonError::into_inner) = FastMap::default();
    }

    /// A node's id.
    pub fn node(&self, net: &Network, i: usize) -> Text {
        let read = self.node_id.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = read.get(&(i as u32)) {
            return t.clone();
        }
        drop(read);
        let mut write = self.node_id.write().unwrap_or_else(PoisonError::into_inner);
        write
            .entry(i as u32)
            .or_insert_with(|| Text::from(net.nodes[i].id.as_str()))
            .clone()
    }

    /// A node's country.
    pub fn country(&self, net: &Network, i: usize) -> Text {
        self.tag(&net.nodes[i].country)
    }

    /// A corridor tag's or country's shared text.
    pub fn tag(&self, s: &str) -> Text {
        self.tags.get(s).cloned().unwrap_or_else(|| Text::from(s))
    }

    /// The steps of move `i`.
    pub fn steps(&self, net: &Network, graph: &SearchGraph, i: usize) -> Shared<[Step]> {
        let read = self.steps.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = read.get(&(i as u32)) {
            return s.clone();
        }
        drop(read);
        let steps: Shared<[Step]> = move_steps(self, net, graph, i).into();
        let mut write = self.steps.write().unwrap_or_else(PoisonError::into_inner);
        write.entry(i as u32).or_insert(steps).clone()
    }
}

/// The steps compact move `i` expands into.
fn move_steps(w: &Words, net: &Network, graph: &SearchGraph, i: usize) -> Vec<Step> {
    let text = |s: &str| -> Text { Text::from(s) };
    let service_of = |id: Option<ServiceId>| id.map(|s| w.services[s as usize].clone());
    let arc = graph.arcs[i];
    let service_at = |s: u32| match graph.state(s) {
        State::At { service, .. } => service,
        _ => None,
    };
    let mut steps = Vec::new();
    match graph.decode(arc.what) {
        Move::Haul { link, dir, aboard } => {
            let l = &net.links[link];
            let d = dir as usize;
            let (s, t) = l.ends(dir);
            let service = service_of(service_at(arc.head));
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
            let side = |i: u32| match graph.state(i) {
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
            let ((_, before, _), (mode, after, service)) =
                (side(graph.tail(i as u32)), side(arc.head));
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
