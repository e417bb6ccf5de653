//! Routing: objectives, query constraints, the search, and the route it reports.
//!
//! A [`Router`] builds the [`SearchGraph`] of a network once, lays its moves out in compact
//! arrays with each move's km, hours, USD and CO2 computed in advance, and answers any number of
//! queries on them. Constraints are never applied by copying or rebuilding the graph: each query
//! has a gate that decides, move by move as the search reaches it, whether the move is open. The
//! search is Dijkstra with a four-ary heap and a workspace reused between queries, on a
//! lexicographic weight: the objective first, then a secondary measure that breaks ties sensibly
//! (e.g. among equally short routes the faster one), so results are stable and free of pointless
//! zero-cost transfers. A corridor family's route runs the same search on layers of
//! "requirements met so far"; alternatives rerun it with penalties on the links already used; the
//! Pareto front comes from a multi-criteria label-setting search (Martins' algorithm).
//!
//! "No route" is an [`Outcome`], not an error; it carries the reason, found by relaxing the
//! constraints one at a time (the modes, avoided places, the year, scenario closures) and asking
//! whether the destination becomes reachable.

pub mod graph;
mod search;

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Add;
use std::sync::OnceLock;

use petgraph::graph::NodeIndex;
use serde::{Serialize, Serializer};

use crate::error::{Error, Problem, Result};
use crate::network::{limits, Gauge, Mode, Network, Status, TransferKind};
use crate::routing::graph::{Move, SearchGraph, State};
use crate::routing::search::{Compact, Lex};
pub use crate::text::Text;

/// What a route minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// Kilometres.
    Distance,
    /// Hours: line haul, waits, border dwell and transfers.
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

/// Kilometres, hours, USD and kg CO2e: what a move costs in the search, and a route's totals
/// ([`Route::metrics`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    /// Kilometres.
    pub km: f64,
    /// Hours.
    pub hours: f64,
    /// USD per FEU.
    pub usd: f64,
    /// kg CO2e per FEU, well-to-wheel.
    pub co2_kg: f64,
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
    /// The value of this objective, with `vot` USD per hour for the generalized one.
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
    pub(crate) fn weight(&self, objective: Objective, vot: f64) -> Lex {
        let secondary = match objective {
            Objective::Distance => self.hours,
            Objective::Time | Objective::Cost | Objective::Co2 => self.usd + vot * self.hours,
            Objective::Generalized => self.km,
        };
        Lex(self.value(objective, vot), secondary)
    }
}

/// The constraints of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraints {
    /// Links not operating are usable only from their `available_from` year.
    pub year: i32,
    /// ISO codes no route may enter (nodes there, or links transiting them).
    pub avoid_countries: BTreeSet<String>,
    /// Node indices no route may use.
    pub avoid_nodes: BTreeSet<usize>,
    /// Value of time, USD per FEU-hour, for the generalized objective.
    pub value_of_time: f64,
    /// The modes a route may use (line hauls in any other mode are closed); all by default.
    pub modes: BTreeSet<Mode>,
}

impl Constraints {
    /// The network's defaults: its data year, nothing avoided, every mode, its value of time.
    pub fn defaults(net: &Network) -> Constraints {
        Constraints {
            year: net.data_year,
            avoid_countries: BTreeSet::new(),
            avoid_nodes: BTreeSet::new(),
            value_of_time: net.value_of_time,
            modes: Mode::ALL.into_iter().collect(),
        }
    }

    /// Whether the query leaves out some mode.
    pub fn restricts_modes(&self) -> bool {
        self.modes.len() < Mode::ALL.len()
    }
}

/// A step of a route: one line of the time/cost-distance breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// `haul`, `transfer`, `border` or `wait`.
    pub kind: StepKind,
    /// Node id where the step starts.
    pub from: Text,
    /// Node id where it ends (the same node for transfers and waits).
    pub to: Text,
    /// Mode (after the change, for transfers).
    pub mode: Mode,
    /// Kilometres.
    #[serde(serialize_with = "round3")]
    pub km: f64,
    /// Hours.
    #[serde(serialize_with = "round3")]
    pub hours: f64,
    /// USD per FEU.
    #[serde(serialize_with = "round3")]
    pub usd: f64,
    /// kg CO2e per FEU.
    #[serde(serialize_with = "round3")]
    pub co2_kg: f64,
    /// The link travelled, for haul, wait and border steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Text>,
    /// The sea service sailed (haul and wait steps at sea) or boarded (transfers onto a ship).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Text>,
    /// For transfer steps: the facility used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferKind>,
    /// A human description ("rail 1435 mm → rail 1520 mm", "KZ → AZ", "port call or passage, the
    /// load stays aboard").
    pub detail: Text,
    /// The haul's length was computed, not measured.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub km_estimated: bool,
    /// For wait steps: a port call or passage with the load aboard (not a wait to board).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub aboard: bool,
}

/// The kinds of step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Line haul along a link.
    Haul,
    /// Mode or gauge change at a node.
    Transfer,
    /// Border dwell and fees.
    Border,
    /// Waiting for a departure.
    Wait,
}

impl StepKind {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Haul => "haul",
            StepKind::Transfer => "transfer",
            StepKind::Border => "border",
            StepKind::Wait => "wait",
        }
    }
}

/// Totals of a route.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Totals {
    /// Kilometres.
    #[serde(serialize_with = "round3")]
    pub km: f64,
    /// Hours.
    #[serde(serialize_with = "round3")]
    pub hours: f64,
    /// Days (hours / 24).
    #[serde(serialize_with = "round3")]
    pub days: f64,
    /// USD per FEU.
    #[serde(serialize_with = "round3")]
    pub usd: f64,
    /// kg CO2e per FEU, well-to-wheel.
    #[serde(serialize_with = "round3")]
    pub co2_kg: f64,
}

/// A route: the JSON contract of `corridor route`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    /// Origin node id.
    pub from: String,
    /// Destination node id.
    pub to: String,
    /// What was minimised.
    pub objective: Objective,
    /// The query year.
    pub year: i32,
    /// The scenario applied to the network ("baseline" when none was).
    pub scenario: String,
    /// The modes the query allowed, when it left some out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modes: Option<Vec<Mode>>,
    /// The corridor family the route was asked for (`route --per-corridor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Its rank among alternatives (`route --alternatives`), 1 being the optimum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<usize>,
    /// Totals, the sums of the steps.
    pub total: Totals,
    /// Node ids in order, origin first.
    pub nodes: Vec<Text>,
    /// ISO codes in traversal order, consecutive repeats collapsed. A place the cargo passes on
    /// board a ship (arriving and leaving by sea: a port of call, a strait) is not entered.
    pub countries: Vec<Text>,
    /// Corridor tags of the links travelled, in order of first use.
    pub corridors: Vec<Text>,
    /// The steps.
    pub steps: Vec<Step>,
}

impl Route {
    /// What identifies "the same route": the links travelled and the transfers made, in order
    /// (waits and borders follow from the links).
    pub fn signature(&self) -> String {
        self.steps
            .iter()
            .filter_map(|s| match s.kind {
                StepKind::Haul => s.link.clone().map(|l| match &s.service {
                    Some(v) => format!("{l}@{v}"),
                    None => l.to_string(),
                }),
                StepKind::Transfer => Some(format!("{}:{}", s.from, s.detail)),
                StepKind::Border | StepKind::Wait => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The totals as [`Metrics`].
    pub fn metrics(&self) -> Metrics {
        Metrics {
            km: self.total.km,
            hours: self.total.hours,
            usd: self.total.usd,
            co2_kg: self.total.co2_kg,
        }
    }
}

/// Why there is no route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoRoute {
    /// Origin id.
    pub from: String,
    /// Destination id.
    pub to: String,
    /// What cut every route, in words.
    pub reason: String,
}

impl fmt::Display for NoRoute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no route from {} to {}: {}",
            self.from, self.to, self.reason
        )
    }
}

/// The result of a query.
#[derive(Debug, Clone, PartialEq)]
// A query returns one Outcome; boxing the route would only add an allocation per answer.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// A route was found.
    Found(Route),
    /// None exists under the constraints.
    NoRoute(NoRoute),
}

fn round3<S: Serializer>(v: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    let r = (v * 1000.0).round() / 1000.0;
    s.serialize_f64(if r == 0.0 { 0.0 } else { r })
}

/// Answers route queries on one network.
#[derive(Debug, Clone)]
pub struct Router<'a> {
    net: &'a Network,
    words: Words,
    search: SearchGraph,
    compact: Compact,
    /// Interned countries: names, each node's, each link's transit countries.
    countries: Vec<String>,
    node_country: Vec<u16>,
    link_transit: Vec<Vec<u16>>,
    /// Per link, what a query's gate needs, in a few bytes (not the whole `Link`).
    link_gate: Vec<LinkGate>,
    node_closed: Vec<bool>,
    /// Whether the scenario closed any node or link.
    any_closed: bool,
    /// The years links open in, ascending, each once.
    opening_years: Vec<i32>,
}

/// A link's gate-relevant facts.
#[derive(Debug, Clone, Copy)]
struct LinkGate {
    from: u32,
    to: u32,
    mode: u8,
    closed: bool,
    /// The first year the link exists: `i32::MIN` when operating, `i32::MAX` when never.
    opens: i32,
}

/// Which moves a query may use, decided move by move as the search explores them.
struct Gate<'q> {
    c: &'q Constraints,
    relax: Relax,
    node_country: &'q [u16],
    node_closed: &'q [bool],
    link_transit: &'q [Vec<u16>],
    link_gate: &'q [LinkGate],
    avoid_country: Vec<bool>,
    any_avoided: bool,
    modes: [bool; 3],
}

impl Gate<'_> {
    fn node_open(&self, i: usize) -> bool {
        (self.relax.closures || !self.node_closed[i])
            && (self.relax.avoid
                || !self.any_avoided
                || (!self.avoid_country[self.node_country[i] as usize]
                    && !self.c.avoid_nodes.contains(&i)))
    }

    fn link_open(&self, li: usize) -> bool {
        let l = self.link_gate[li];
        (self.relax.closures || !l.closed)
            && (self.relax.year || self.c.year >= l.opens)
            && (self.relax.modes || self.modes[l.mode as usize])
            && (self.relax.avoid
                || !self.any_avoided
                || !self.link_transit[li]
                    .iter()
                    .any(|&k| self.avoid_country[k as usize]))
            && self.node_open(l.from as usize)
            && self.node_open(l.to as usize)
    }

    fn move_open(&self, m: &Move) -> bool {
        match *m {
            Move::Haul { link, .. } => self.link_open(link),
            Move::Transfer { node, .. } => self.node_open(node),
            Move::Stay | Move::Begin | Move::Finish => true,
        }
    }
}

impl<'a> Router<'a> {
    /// Builds the search graph of `net`. Refuses a network with a weight that is negative, NaN or
    /// infinite (a scenario `set` or an overflowing `scale` can make one): the search would
    /// otherwise answer wrongly or never end.
    pub fn new(net: &'a Network) -> Result<Router<'a>> {
        let mut search = SearchGraph::build(net);
        let mut countries: Vec<String> = net.countries();
        countries.sort();
        let index = |cc: &str| {
            countries
                .binary_search_by(|x| x.as_str().cmp(cc))
                .unwrap_or(0) as u16
        };
        let node_country = net.nodes.iter().map(|n| index(&n.country)).collect();
        let link_transit = net
            .links
            .iter()
            .map(|l| l.transit_countries.iter().map(|c| index(c)).collect())
            .collect();
        let compact = Compact::new(&search, |m| move_metrics(net, m));
        // The searches run on the compact copy; the graph keeps its states (for words), not its
        // moves.
        search.graph.clear_edges();
        search.graph.shrink_to_fit_edges();
        let link_gate = net
            .links
            .iter()
            .map(|l| LinkGate {
                from: l.from as u32,
                to: l.to as u32,
                mode: l.mode as u8,
                closed: l.closed,
                opens: if l.status == Status::Operating {
                    i32::MIN
                } else {
                    l.available_from.unwrap_or(i32::MAX)
                },
            })
            .collect();
        let words = Words::new(net, &search, &compact);
        let router = Router {
            net,
            words,
            search,
            compact,
            countries,
            node_country,
            link_transit,
            link_gate,
            node_closed: net.nodes.iter().map(|n| n.closed).collect(),
            any_closed: net.nodes.iter().any(|n| n.closed) || net.links.iter().any(|l| l.closed),
            opening_years: {
                let mut years: Vec<i32> =
                    net.links.iter().filter_map(|l| l.available_from).collect();
                years.sort();
                years.dedup();
                years
            },
        };
        router.check_weights()?;
        Ok(router)
    }

    fn gate<'q>(&'q self, c: &'q Constraints, relax: Relax) -> Gate<'q> {
        Gate {
            c,
            relax,
            node_country: &self.node_country,
            node_closed: &self.node_closed,
            link_transit: &self.link_transit,
            link_gate: &self.link_gate,
            avoid_country: self
                .countries
                .iter()
                .map(|cc| c.avoid_countries.contains(cc))
                .collect(),
            any_avoided: !(c.avoid_countries.is_empty() && c.avoid_nodes.is_empty()),
            modes: Mode::ALL.map(|m| c.modes.contains(&m)),
        }
    }

    /// Every part of every weight (length, running time, tariff, wait, port call, border dwell
    /// and fee, facility time and charge) must be a finite number ≥ 0: a negative part could hide
    /// inside a positive sum.
    fn check_weights(&self) -> Result<()> {
        let mut problems: Vec<Problem> = Vec::new();
        let mut check = |origin: &crate::network::Origin, what: &str, parts: &[(&str, f64)]| {
            let bad: Vec<String> = parts
                .iter()
                .filter(|(_, v)| !(v.is_finite() && *v >= 0.0))
                .map(|(k, v)| format!("{k} = {v}"))
                .collect();
            if !bad.is_empty() {
                problems.push(Problem {
                    file: origin.file.to_string(),
                    line: origin.line,
                    field: what.to_string(),
                    message: format!(
                        "{} is not a finite number ≥ 0; the router refuses such a weight",
                        bad.join(", ")
                    ),
                });
            }
        };
        for l in &self.net.links {
            let (bh, bu) = l
                .border
                .as_ref()
                .map_or(([0.0; 2], [0.0; 2]), |b| (b.hours, b.usd));
            check(
                &l.origin,
                &format!("link `{}`", l.id),
                &[
                    ("km", l.km),
                    ("hours", l.haul_hours()),
                    ("usd", l.haul_usd()),
                    ("co2_kg", haul_co2(self.net, l)),
                    ("usd_per_km", l.usd_per_km),
                    ("wait_hours", l.wait_hours[0]),
                    ("wait_hours_reverse", l.wait_hours[1]),
                    ("call_hours", l.call_hours[0]),
                    ("call_hours_reverse", l.call_hours[1]),
                    ("border.hours", bh[0]),
                    ("border.hours_reverse", bh[1]),
                    ("border.usd", bu[0]),
                    ("border.usd_reverse", bu[1]),
                ],
            );
        }
        for n in &self.net.nodes {
            for t in &n.transfers {
                check(
                    &n.origin,
                    &format!("the {} facility of `{}`", t.kind.as_str(), n.id),
                    &[
                        ("hours", t.hours),
                        ("usd", t.usd),
                        ("co2_kg", transfer_co2(self.net)),
                    ],
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::InvalidNetwork { problems })
        }
    }

    /// The network routed on.
    pub fn network(&self) -> &'a Network {
        self.net
    }

    /// Whether any path of states leads from `from` to `to` under a gate.
    fn reachable(&self, from: usize, to: usize, gate: &Gate<'_>) -> bool {
        self.compact.reachable(
            self.search.start[from].index() as u32,
            self.search.end[to].index() as u32,
            |m| gate.move_open(m),
        )
    }

    /// The cheapest path of states under a gate, as indices of compact moves.
    fn search(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        vot: f64,
        gate: &Gate<'_>,
    ) -> Option<Vec<u32>> {
        self.compact.shortest(
            self.search.start[from].index() as u32,
            self.search.end[to].index() as u32,
            |m| gate.move_open(m),
            |_, m| m.weight(objective, vot),
        )
    }

    /// The exact Pareto front on two or three criteria (time, cost, co2): every route that no
    /// other route beats on one criterion without losing on another, in order of the first
    /// criterion. Points within a factor 1 + `epsilon` of an earlier point on every criterion are
    /// dropped as near-duplicates (`epsilon = 0` keeps all).
    pub fn pareto(
        &self,
        from: usize,
        to: usize,
        criteria: &[Objective],
        c: &Constraints,
        epsilon: f64,
    ) -> Result<Vec<Route>> {
        self.check_query(from, to, c)?;
        if from == to {
            return Err(Error::InvalidArgument(
                "origin and destination are the same node".into(),
            ));
        }
        if !(2..=3).contains(&criteria.len())
            || criteria
                .iter()
                .any(|o| !matches!(o, Objective::Time | Objective::Cost | Objective::Co2))
        {
            return Err(Error::InvalidArgument(
                "the Pareto front takes two or three of the criteria time, cost and co2".into(),
            ));
        }
        if !(epsilon.is_finite() && (0.0..=1.0).contains(&epsilon)) {
            return Err(Error::InvalidArgument(format!(
                "epsilon {epsilon} must lie in 0…1"
            )));
        }
        let gate = self.gate(c, Relax::NONE);
        let crit = |m: &Metrics| {
            let mut v = [0.0; 3];
            for (i, o) in criteria.iter().enumerate() {
                v[i] = m.value(*o, c.value_of_time);
            }
            v
        };
        let front = self
            .compact
            .pareto(
                self.search.start[from].index() as u32,
                self.search.end[to].index() as u32,
                |m| gate.move_open(m),
                crit,
                2_000_000,
            )
            .ok_or_else(|| {
                Error::InvalidArgument("the Pareto search needs more than 2,000,000 labels".into())
            })?;
        let mut kept: Vec<([f64; 3], Vec<u32>)> = Vec::new();
        for (v, path) in front {
            let near = kept.iter().any(|(k, _)| {
                k.iter()
                    .zip(&v)
                    .all(|(a, b)| *a <= b * (1.0 + epsilon) && *b <= a * (1.0 + epsilon))
            });
            if epsilon == 0.0 || !near {
                kept.push((v, path));
            }
        }
        Ok(kept
            .into_iter()
            .map(|(_, path)| self.build_route(from, to, criteria[0], c, &path))
            .collect())
    }

    /// Up to `k` genuinely different routes in order of the objective, each sharing at most
    /// `max_overlap` of its km with every better one; the first is the optimum.
    ///
    /// Method: iterative penalties with an overlap filter. After each search, the links of the
    /// route found get their weight multiplied by 1 + `PENALTY`, and the search runs again; a
    /// candidate joins the answer only when its overlap (km on links it shares with a route
    /// already taken, over its own km) is at most `max_overlap` against each of them. Penalties
    /// steer the search away from what was found, so it finds different corridors rather than
    /// the near-copies (one junction swapped) that k-shortest paths (Yen) lists first; the filter
    /// makes the dissimilarity a guarantee. Reported totals are the routes' real metrics, not the
    /// penalised weights. It stops after `k` routes or `8 k` penalised searches, whichever comes first.
    pub fn alternatives(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
        k: usize,
        max_overlap: f64,
    ) -> Result<Vec<Route>> {
        const PENALTY: f64 = 0.5;
        if !(max_overlap.is_finite() && (0.0..=1.0).contains(&max_overlap)) {
            return Err(Error::InvalidArgument(format!(
                "the overlap {max_overlap} must be a fraction in 0…1"
            )));
        }
        let first = match self.route(from, to, objective, c)? {
            Outcome::Found(r) => r,
            Outcome::NoRoute(_) => return Ok(Vec::new()),
        };
        let gate = self.gate(c, Relax::NONE);
        let mut uses = vec![0u32; self.net.links.len()];
        let mut taken: Vec<Route> = Vec::new();
        let consider = |r: Route, taken: &mut Vec<Route>, uses: &mut Vec<u32>| {
            let links = route_links(self.net, &r);
            for &l in links.keys() {
                uses[l] += 1;
            }
            let own: f64 = links.values().sum();
            let ok = taken.iter().all(|t| {
                let other = route_links(self.net, t);
                let shared: f64 = links
                    .iter()
                    .filter(|(l, _)| other.contains_key(l))
                    .map(|(_, km)| km)
                    .sum();
                own <= 0.0 || shared / own <= max_overlap + 1e-12
            });
            if ok && !taken.iter().any(|t| t.signature() == r.signature()) {
                taken.push(r);
            }
        };
        consider(first, &mut taken, &mut uses);
        let vot = c.value_of_time;
        for _ in 0..8 * k {
            if taken.len() >= k {
                break;
            }
            let weight = |m: &Move, w: &Metrics| {
                let Lex(a, b) = w.weight(objective, vot);
                let f = match *m {
                    Move::Haul { link, .. } => (1.0 + PENALTY).powi(uses[link] as i32),
                    _ => 1.0,
                };
                Lex(a * f, b * f)
            };
            let Some(arcs) = self.compact.shortest(
                self.search.start[from].index() as u32,
                self.search.end[to].index() as u32,
                |m| gate.move_open(m),
                weight,
            ) else {
                break;
            };
            let r = self.build_route(from, to, objective, c, &arcs);
            consider(r, &mut taken, &mut uses);
        }
        taken.sort_by(|a, b| {
            let (x, y) = (
                a.metrics().value(objective, vot),
                b.metrics().value(objective, vot),
            );
            x.total_cmp(&y)
        });
        for (i, r) in taken.iter_mut().enumerate() {
            r.alternative = Some(i + 1);
        }
        Ok(taken)
    }

    /// Finds the best route from node `from` to node `to` (indices) under the constraints.
    pub fn route(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
    ) -> Result<Outcome> {
        let net = self.net;
        self.check_query(from, to, c)?;
        let (a, b) = (&net.nodes[from], &net.nodes[to]);
        if from == to {
            return Err(Error::InvalidArgument(format!(
                "origin and destination are the same node `{}`",
                a.id
            )));
        }
        let no_route = |reason: String| {
            Ok(Outcome::NoRoute(NoRoute {
                from: a.id.clone(),
                to: b.id.clone(),
                reason,
            }))
        };
        for (i, n) in [(from, a), (to, b)] {
            if c.avoid_countries.contains(&n.country) {
                return no_route(format!("{} lies in {}, which is avoided", n.id, n.country));
            }
            if c.avoid_nodes.contains(&i) {
                return no_route(format!("{} itself is avoided", n.id));
            }
            if n.closed {
                return no_route(format!("{} is closed by the scenario", n.id));
            }
        }
        let gate = self.gate(c, Relax::NONE);
        match self.search(from, to, objective, c.value_of_time, &gate) {
            Some(arcs) => Ok(Outcome::Found(
                self.build_route(from, to, objective, c, &arcs),
            )),
            None => no_route(self.explain(from, to, c)),
        }
    }

    /// The indices and constraints of a query, checked rather than trusted.
    fn check_query(&self, from: usize, to: usize, c: &Constraints) -> Result<()> {
        let net = self.net;
        if from >= net.nodes.len() || to >= net.nodes.len() {
            return Err(Error::InvalidArgument("node index out of range".into()));
        }
        if let Some(&i) = c.avoid_nodes.iter().find(|&&i| i >= net.nodes.len()) {
            return Err(Error::InvalidArgument(format!(
                "avoided node index {i} is out of range (the network has {} nodes)",
                net.nodes.len()
            )));
        }
        let vot = c.value_of_time;
        if !(vot.is_finite() && (0.0..=limits::MAX_VALUE_OF_TIME).contains(&vot)) {
            return Err(Error::InvalidArgument(format!(
                "value of time {vot} must be a number in 0…{} USD per FEU-hour",
                limits::MAX_VALUE_OF_TIME
            )));
        }
        if !limits::YEARS.contains(&c.year) {
            return Err(Error::InvalidArgument(format!(
                "year {} is outside {}…{}",
                c.year,
                limits::YEARS.start(),
                limits::YEARS.end()
            )));
        }
        Ok(())
    }

    /// The best route of a corridor family (see [`crate::network::Family`]): the search runs on
    /// layers of "requirements met so far", so the route provably travels each required tag and
    /// country, and avoided tags and countries are closed. Without one, the reason says whether
    /// the year, the scenario's closures or the query's own avoided places cut the family.
    pub fn route_family(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
        family: &crate::network::Family,
    ) -> Result<Outcome> {
        let net = self.net;
        self.check_query(from, to, c)?;
        if from == to {
            return Err(Error::InvalidArgument(
                "origin and destination are the same node".into(),
            ));
        }
        let mut cf = c.clone();
        cf.avoid_countries
            .extend(family.avoid_countries.iter().cloned());
        // One bit per requirement, per link (computed per family query: O(links)).
        let n_req = family.via_tags.len() + family.via_countries.len();
        let want: u8 = ((1u16 << n_req) - 1) as u8;
        let link_bits: Vec<u8> = net
            .links
            .iter()
            .map(|l| {
                let tags = family.via_tags.iter().map(|t| l.has_corridor(t));
                let countries = family.via_countries.iter().map(|cc| {
                    net.nodes[l.from].country == *cc
                        || net.nodes[l.to].country == *cc
                        || l.transit_countries.contains(cc)
                });
                tags.chain(countries)
                    .enumerate()
                    .filter(|(_, hit)| *hit)
                    .fold(0u8, |b, (i, _)| b | (1 << i))
            })
            .collect();
        let banned: Vec<bool> = net
            .links
            .iter()
            .map(|l| family.avoid_tags.iter().any(|t| l.has_corridor(t)))
            .collect();
        let bits = |m: &Move| match *m {
            Move::Haul { link, .. } => link_bits[link],
            _ => 0,
        };
        let search = |cc: &Constraints, relax: Relax, objective: Objective, vot: f64| {
            let gate = self.gate(cc, relax);
            self.compact.shortest_through(
                self.search.start[from].index() as u32,
                self.search.end[to].index() as u32,
                want,
                |m| gate.move_open(m) && !matches!(*m, Move::Haul { link, .. } if banned[link]),
                bits,
                |_, w| w.weight(objective, vot),
            )
        };
        let (a, b) = (&net.nodes[from], &net.nodes[to]);
        let no_route = |reason: String| {
            Ok(Outcome::NoRoute(NoRoute {
                from: a.id.clone(),
                to: b.id.clone(),
                reason,
            }))
        };
        if let Some(arcs) = search(&cf, Relax::NONE, objective, c.value_of_time) {
            let mut r = self.build_route(from, to, objective, c, &arcs);
            r.family = Some(family.id.clone());
            return Ok(Outcome::Found(r));
        }
        let found = |relax: Relax| search(&cf, relax, Objective::Distance, 0.0).is_some();
        let mut why = Vec::new();
        if found(Relax {
            year: true,
            ..Relax::NONE
        }) {
            let first = self.first_open_year(&cf, |c2| {
                search(c2, Relax::NONE, Objective::Distance, 0.0).is_some()
            });
            why.push(match first {
                Some(y) => format!("not open until {y} (try --year {y})"),
                None => format!("needs a link not open in {}", c.year),
            });
        }
        if found(Relax {
            closures: true,
            ..Relax::NONE
        }) {
            why.push("closed by the scenario".into());
        }
        if !c.avoid_countries.is_empty() || !c.avoid_nodes.is_empty() {
            let mut c2 = c.clone();
            c2.avoid_countries = family.avoid_countries.iter().cloned().collect();
            c2.avoid_nodes.clear();
            if search(&c2, Relax::NONE, Objective::Distance, 0.0).is_some() {
                why.push(format!(
                    "cut by the avoided {}",
                    self.avoid_words(c)
                        .trim_start_matches("avoiding ")
                        .trim_end_matches(" cuts every route")
                ));
            }
        }
        if why.is_empty() {
            why.push(if c.restricts_modes() {
                "no route of this corridor with the allowed modes".into()
            } else {
                "the network has no route of this corridor between them".into()
            });
        }
        no_route(why.join("; "))
    }

    /// The first year after `c.year` in which `exists` says a route exists: the opening years of
    /// the network's links, tried in order.
    fn first_open_year(
        &self,
        c: &Constraints,
        exists: impl Fn(&Constraints) -> bool,
    ) -> Option<i32> {
        let later = self.opening_years.partition_point(|&y| y <= c.year);
        self.opening_years[later..].iter().copied().find(|&y| {
            exists(&Constraints {
                year: y,
                ..c.clone()
            })
        })
    }

    /// Relaxes one constraint at a time to say what cut every route.
    fn explain(&self, from: usize, to: usize, c: &Constraints) -> String {
        let found = |relax: Relax| {
            let gate = self.gate(c, relax);
            self.reachable(from, to, &gate)
        };
        if !found(Relax::ALL) {
            return "the network does not connect them at all".into();
        }
        let mut causes = Vec::new();
        if c.restricts_modes()
            && found(Relax {
                modes: true,
                ..Relax::NONE
            })
        {
            let modes: Vec<&str> = c.modes.iter().map(|m| m.as_str()).collect();
            causes.push(format!(
                "no route uses only {} (try more --modes)",
                modes.join(", ")
            ));
        }
        // (Relaxing a constraint that restricts nothing cannot find a route: no search.)
        let avoids = !(c.avoid_countries.is_empty() && c.avoid_nodes.is_empty());
        if avoids
            && found(Relax {
                avoid: true,
                ..Relax::NONE
            })
        {
            causes.push(self.avoid_words(c));
        }
        if found(Relax {
            year: true,
            ..Relax::NONE
        }) {
            let first = self.first_open_year(c, |c2| {
                self.reachable(from, to, &self.gate(c2, Relax::NONE))
            });
            causes.push(match first {
                Some(y) => format!(
                    "every route needs a link not yet open in {} (the first route opens in {y}; try --year {y})",
                    c.year
                ),
                None => format!("every route needs a link not yet open in {}", c.year),
            });
        }
        if self.any_closed
            && found(Relax {
                closures: true,
                ..Relax::NONE
            })
        {
            causes.push("the scenario's closed links or nodes cut every route".into());
        }
        if causes.is_empty() {
            format!(
                "the constraints together cut every route ({}; year {}; scenario closures)",
                self.avoid_words(c),
                c.year
            )
        } else {
            causes.join("; ")
        }
    }

    fn avoid_words(&self, c: &Constraints) -> String {
        let mut items: Vec<String> = c.avoid_countries.iter().cloned().collect();
        items.extend(c.avoid_nodes.iter().map(|&i| self.net.nodes[i].id.clone()));
        if items.is_empty() {
            "nothing avoided".into()
        } else {
            format!("avoiding {} cuts every route", items.join(", "))
        }
    }

    /// Puts the words on a path found by the search: the steps are copies of each move's, made
    /// the first time a route used the move (shared text, no formatting after that).
    fn build_route(
        &self,
        from: usize,
        to: usize,
        objective: Objective,
        c: &Constraints,
        moves: &[u32],
    ) -> Route {
        let net = self.net;
        let w = &self.words;
        let mut steps = Vec::with_capacity(moves.len() * 2);
        let mut nodes = vec![w.node(net, from)];
        // Countries in order: each haul contributes its transit countries and its end node's
        // country, unless the cargo stays on board there (arrives and leaves by sea, as at a
        // port of call or a strait); decided once the next haul's mode is known.
        let mut countries = vec![w.node_country[from].clone()];
        let mut pending: Option<(Text, bool)> = None;
        let mut corridors: Vec<Text> = Vec::new();
        for &i in moves {
            steps.extend(
                w.steps(net, &self.search, &self.compact, i as usize)
                    .iter()
                    .cloned(),
            );
            if let Move::Haul { link, dir, .. } = self.compact.arcs[i as usize].what {
                let l = &net.links[link];
                let t = l.ends(dir).1;
                if let Some((cc, by_sea)) = pending.take() {
                    if !(by_sea && l.mode == Mode::Sea) {
                        countries.push(cc);
                    }
                }
                countries.extend(l.transit_countries.iter().map(|c| w.tag(c)));
                pending = Some((w.node_country[t].clone(), l.mode == Mode::Sea));
                nodes.push(w.node(net, t));
                for tag in &l.corridors {
                    if !corridors.iter().any(|c| c == tag.as_str()) {
                        corridors.push(w.tag(tag));
                    }
                }
            }
        }
        countries.extend(pending.map(|(cc, _)| cc));
        countries.dedup();
        let total = steps.iter().fold(Metrics::default(), |m, s| {
            m + Metrics {
                km: s.km,
                hours: s.hours,
                usd: s.usd,
                co2_kg: s.co2_kg,
            }
        });
        Route {
            from: net.nodes[from].id.clone(),
            to: net.nodes[to].id.clone(),
            objective,
            year: c.year,
            scenario: net.scenario.clone().unwrap_or_else(|| "baseline".into()),
            modes: c
                .restricts_modes()
                .then(|| c.modes.iter().copied().collect()),
            family: None,
            alternative: None,
            total: Totals {
                km: total.km,
                hours: total.hours,
                days: total.hours / 24.0,
                usd: total.usd,
                co2_kg: total.co2_kg,
            },
            nodes,
            countries,
            corridors,
            steps,
        }
    }
}

/// The text a route is written in. Ids and countries are shared between routes; each move of
/// the compact graph is put into words (the steps it expands into) the first time a route uses
/// it, and kept, so that building a router formats no move and a query formats only the moves no
/// earlier query used.
#[derive(Debug, Clone)]
struct Words {
    node_id: Vec<OnceLock<Text>>,
    /// Per node, its country (one shared text per country).
    node_country: Vec<Text>,
    /// Corridor tags and transit countries, one shared text each.
    tags: crate::text::FastMap<String, Text>,
    services: Vec<Text>,
    /// Per compact move: its steps (a wait, the haul, a border; a transfer; nothing).
    steps: Vec<OnceLock<Box<[Step]>>>,
}

impl Words {
    fn new(net: &Network, search: &SearchGraph, compact: &Compact) -> Words {
        let mut tags: crate::text::FastMap<String, Text> = Default::default();
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

    /// A node's id.
    fn node(&self, net: &Network, i: usize) -> Text {
        self.node_id[i]
            .get_or_init(|| Text::from(net.nodes[i].id.as_str()))
            .clone()
    }

    /// A corridor tag's or country's shared text.
    fn tag(&self, s: &str) -> Text {
        self.tags.get(s).cloned().unwrap_or_else(|| Text::from(s))
    }

    /// The steps of compact move `i`.
    fn steps(&self, net: &Network, search: &SearchGraph, compact: &Compact, i: usize) -> &[Step] {
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
    let service_of =
        |id: Option<crate::routing::graph::ServiceId>| id.map(|s| w.services[s as usize].clone());
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
                km,
                hours,
                usd,
                co2_kg,
                link: Some(text(&l.id)),
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
                km: 0.0,
                hours: t.hours,
                usd: t.usd,
                co2_kg: transfer_co2(net),
                link: None,
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
fn move_metrics(net: &Network, m: &Move) -> Metrics {
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

/// The links a route travels, with their km.
fn route_links(net: &Network, r: &Route) -> std::collections::BTreeMap<usize, f64> {
    r.steps
        .iter()
        .filter(|s| s.kind == StepKind::Haul)
        .filter_map(|s| s.link.as_deref())
        .filter_map(|id| net.links.iter().position(|l| l.id == id))
        .map(|i| (i, net.links[i].km))
        .collect()
}

/// kg CO2e of hauling one FEU along a link (0 without emission factors).
fn haul_co2(net: &Network, l: &crate::network::Link) -> f64 {
    net.emissions.as_ref().map_or(0.0, |e| e.haul_kg(net, l))
}

/// kg CO2e of handling one container at a transfer.
fn transfer_co2(net: &Network) -> f64 {
    net.emissions
        .as_ref()
        .map_or(0.0, |e| e.transfer_kg_per_feu)
}

fn state_words(mode: Mode, gauge: Option<Gauge>, service: Option<&str>) -> String {
    match (gauge, service) {
        (Some(g), _) => format!("{mode} {} mm", g.mm()),
        (None, Some(s)) => format!("{mode} ({s})"),
        (None, None) => mode.to_string(),
    }
}

/// Which constraints a search ignores (for explaining a missing route).
#[derive(Debug, Clone, Copy)]
struct Relax {
    avoid: bool,
    year: bool,
    closures: bool,
    modes: bool,
}

impl Relax {
    const NONE: Relax = Relax {
        avoid: false,
        year: false,
        closures: false,
        modes: false,
    };
    const ALL: Relax = Relax {
        avoid: true,
        year: true,
        closures: true,
        modes: true,
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse, SourceFile};

    /// A hand-drawn network with a gauge break and a port (drawn in the fixture's header):
    /// a–g 100 km, 2 h; gauge change at g 5 h $300; g–p 200 km 4 h; rail↔sea at p 10 h $100;
    /// p–q sea 300 km 10 h + 20 h wait; a–q road 900 km 15 h $2000.
    const NET: &str = include_str!("../../tests/fixtures/tiny.toml");

    fn net() -> Network {
        parse(&[SourceFile {
            name: "t.toml".into(),
            text: NET.into(),
        }])
        .unwrap()
    }

    fn found(o: Outcome) -> Route {
        match o {
            Outcome::Found(r) => r,
            Outcome::NoRoute(n) => panic!("{n}"),
        }
    }

    #[test]
    fn fastest_and_cheapest_differ_and_totals_are_step_sums() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let fast = found(r.route(0, 3, Objective::Time, &c).unwrap());
        // road: 15 + 40 = 55 h; rail+sea: 2+30+5+4+10+20+10+1 = 82 h.
        assert_eq!(fast.nodes, ["a", "q"]);
        assert!((fast.total.hours - 55.0).abs() < 1e-9);
        let cheap = found(r.route(0, 3, Objective::Cost, &c).unwrap());
        // rail+sea: 100+50+300+200+100+400 = 1150 USD; road 2100.
        assert_eq!(cheap.nodes, ["a", "g", "p", "q"]);
        assert!((cheap.total.usd - 1150.0).abs() < 1e-9);
        assert!((cheap.total.hours - 82.0).abs() < 1e-9);
        assert_eq!(cheap.countries, ["CN", "KZ", "AZ"]);
        let kinds: Vec<_> = cheap.steps.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["haul", "border", "transfer", "haul", "transfer", "wait", "haul", "border"]
        );
        let short = found(r.route(0, 3, Objective::Distance, &c).unwrap());
        assert!((short.total.km - 600.0).abs() < 1e-9);
    }

    #[test]
    fn per_direction_border_dwell_is_used() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let back = found(r.route(1, 0, Objective::Time, &c).unwrap());
        assert!(
            (back.total.hours - 9.0).abs() < 1e-9,
            "{}",
            back.total.hours
        );
    }

    #[test]
    fn no_gauge_change_without_facility_and_avoid_explains() {
        let mut net = net();
        net.nodes[1]
            .transfers
            .retain(|t| t.kind != crate::network::TransferKind::Gauge);
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        let cheap = found(r.route(0, 3, Objective::Cost, &c).unwrap());
        assert_eq!(
            cheap.nodes,
            ["a", "q"],
            "without the gauge facility only road remains"
        );
        let mut c2 = c.clone();
        c2.avoid_countries.insert("AZ".into());
        match r.route(0, 2, Objective::Cost, &c2).unwrap() {
            Outcome::NoRoute(n) => assert!(n.reason.contains("avoiding AZ"), "{}", n.reason),
            Outcome::Found(r) => panic!("unexpected {r:?}"),
        }
    }

    /// Two parallel links with the same hours; the time objective breaks the tie by generalized
    /// cost, so the cheaper one wins whichever comes first in the data; distance breaks ties by
    /// hours.
    #[test]
    fn ties_are_broken_by_the_secondary_measure() {
        let text = r#"
[network]
name = "tie"
data_year = 2025
value_of_time_usd_per_hour = 10
circuity = { rail = 1.3, road = 1.25, sea = 1.2 }
source = { data_year = "t", value_of_time_usd_per_hour = "t", circuity = "t" }

[[node]]
id = "a"
name = "A"
country = "KZ"
lat = 40
lon = 70
kind = "city"
source = { coords = "t" }

[[node]]
id = "b"
name = "B"
country = "KZ"
lat = 41
lon = 71
kind = "city"
source = { coords = "t" }

[[link]]
id = "dear"
from = "a"
to = "b"
mode = "rail"
gauge = 1520
km = 100
hours = 5
usd_fixed = 900
source = { km = "t", hours = "t", usd_fixed = "t" }

[[link]]
id = "cheap"
from = "a"
to = "b"
mode = "rail"
gauge = 1520
km = 100
hours = 5
usd_fixed = 100
source = { km = "t", hours = "t", usd_fixed = "t" }

[[link]]
id = "slow"
from = "a"
to = "b"
mode = "rail"
gauge = 1520
km = 100
hours = 9
usd_fixed = 1
source = { km = "t", hours = "t", usd_fixed = "t" }
"#;
        let net = parse(&[SourceFile {
            name: "tie.toml".into(),
            text: text.into(),
        }])
        .unwrap();
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

    #[test]
    fn the_router_refuses_negative_nan_and_infinite_weights() {
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            let mut n = net();
            n.links[2].wait_hours[1] = bad;
            let e = Router::new(&n).unwrap_err().to_string();
            assert!(
                e.contains("p-q") && e.contains("wait_hours_reverse"),
                "{bad}: {e}"
            );
            let mut n = net();
            n.nodes[1].transfers[0].usd = bad;
            assert!(Router::new(&n).is_err(), "{bad}");
        }
    }

    #[test]
    fn constraints_are_checked_not_trusted() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let mut c = Constraints::defaults(&net);
        c.avoid_nodes.insert(99);
        assert!(r.route(0, 3, Objective::Time, &c).is_err());
        for vot in [-1.0, f64::NAN, 1e308] {
            let mut c = Constraints::defaults(&net);
            c.value_of_time = vot;
            assert!(r.route(0, 3, Objective::Generalized, &c).is_err(), "{vot}");
        }
        let mut c = Constraints::defaults(&net);
        c.year = 99_999;
        assert!(r.route(0, 3, Objective::Time, &c).is_err());
    }

    #[test]
    fn parsing_no_files_is_an_error_not_a_panic() {
        assert!(parse(&[]).is_err());
    }

    #[test]
    fn a_family_forces_its_countries_and_closes_its_avoided_tags() {
        let mut net = net();
        let fam = |via: &[&str], avoid_tags: &[&str]| crate::network::Family {
            id: "f".into(),
            name: "F".into(),
            via_tags: vec![],
            via_countries: via.iter().map(|s| s.to_string()).collect(),
            avoid_tags: avoid_tags.iter().map(|s| s.to_string()).collect(),
            avoid_countries: vec![],
            origin: Default::default(),
        };
        net.links[3].corridors = vec!["road".into()];
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        // Unconstrained, the fastest a → q is the direct road (55 h); through KZ it is the
        // rail-and-sea route (82 h).
        assert_eq!(
            found(r.route(0, 3, Objective::Time, &c).unwrap()).nodes,
            ["a", "q"]
        );
        let via_kz = found(
            r.route_family(0, 3, Objective::Time, &c, &fam(&["KZ"], &[]))
                .unwrap(),
        );
        assert_eq!(via_kz.nodes, ["a", "g", "p", "q"]);
        assert!((via_kz.total.hours - 82.0).abs() < 1e-9);
        assert_eq!(via_kz.family.as_deref(), Some("f"));
        // Avoiding the road tag gives the same; requiring a country no link touches, nothing.
        let no_road = found(
            r.route_family(0, 3, Objective::Time, &c, &fam(&[], &["road"]))
                .unwrap(),
        );
        assert_eq!(no_road.nodes, ["a", "g", "p", "q"]);
        assert!(matches!(
            r.route_family(0, 3, Objective::Time, &c, &fam(&["RU"], &[]))
                .unwrap(),
            Outcome::NoRoute(_)
        ));
    }

    #[test]
    fn alternatives_find_the_known_second_best_and_respect_the_overlap() {
        let net = net();
        let r = Router::new(&net).unwrap();
        let c = Constraints::defaults(&net);
        // a → q: the road (55 h) is the optimum; the rail-and-sea route (82 h) shares no link.
        let alts = r.alternatives(0, 3, Objective::Time, &c, 3, 0.5).unwrap();
        let nodes: Vec<Vec<Text>> = alts.iter().map(|a| a.nodes.clone()).collect();
        assert_eq!(nodes, [vec!["a", "q"], vec!["a", "g", "p", "q"]]);
        assert_eq!(alts[0], {
            let mut o = found(r.route(0, 3, Objective::Time, &c).unwrap());
            o.alternative = Some(1);
            o
        });
        assert!(
            (alts[1].total.hours - 82.0).abs() < 1e-9,
            "real totals, not penalised"
        );
        assert!(r.alternatives(0, 3, Objective::Time, &c, 3, 1.5).is_err());
        assert!(
            r.alternatives(0, 3, Objective::Time, &c, 1, 0.5)
                .unwrap()
                .len()
                == 1
        );
    }
}
