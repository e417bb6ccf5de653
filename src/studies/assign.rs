//! Assignment: a year's demand routed over a network whose capacitated waits follow the load.
//!
//! Each `[[capacity]]` record ([`crate::network::Capacity`]) turns one fixed component (a
//! departure wait, a border dwell, a transfer) into `base_hours` + the mean wait of its queue
//! ([`crate::studies::queue`]) at the load the flows put on it, plus its background load. Flows choose
//! routes by generalized cost (USD + value of time × hours, per FEU), so a growing wait pushes
//! shippers to other corridors, and the waits change with the flows: the answer is an equilibrium.
//!
//! The method is path-based (gradient projection, Jayakrishnan et al. 1994): every iteration
//! routes each flow once at the current waits (adding the route to the flow's path set when it is
//! new), measures the relative gap, then moves each flow's volume from its dearer paths to its
//! cheapest by a Newton step (the cost difference over the derivative of the waits the two paths
//! do not share), updating the loads flow by flow. At the equilibrium every used path of a flow
//! costs the same and no unused route is cheaper (Wardrop's first principle); the relative gap
//! Σ volume × (path cost − cheapest cost) / Σ volume × cheapest cost measures the distance from
//! it. A path's cost is its fixed part (everything but the capacitated components) plus the value
//! of time × the waits of the elements it uses, so costs are evaluated without searching.
//!
//! A wait past the utilisation cap is the wait at the cap and the element is reported saturated;
//! beyond it the cost no longer grows, so an equilibrium may load a saturated element further
//! (its utilisation above 1 says by how much demand exceeds what it can carry).

use std::collections::HashMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::network::{CapacityModel, Component, Family, Network, Origin, Part};
use crate::solve::{Constraints, Objective, Outcome, Route, Router, StepKind};
use crate::studies::demand::Demand;
use crate::studies::queue::{self, Arrivals, Queue};
use crate::text::Text;

/// Hours in a year: loads are per year, queue rates per hour.
const HOURS_PER_YEAR: f64 = 8_760.0;

/// How to assign.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The query year (links opening later are closed) [default: the demand's year].
    pub year: Option<i32>,
    /// Stop when the relative gap is below this.
    pub gap: f64,
    /// Stop after this many iterations, converged or not.
    pub max_iterations: usize,
    /// Utilisation beyond which an element is saturated.
    pub cap: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            year: None,
            gap: 1e-4,
            max_iterations: 1_000,
            cap: queue::UTILISATION_CAP,
        }
    }
}

/// One queue: a capacity record, in one direction for a link.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Element {
    /// Index into `network.capacity`.
    capacity: usize,
    /// Link direction (0 forward, 1 reverse); `None` for a node's facility.
    dir: Option<usize>,
    /// The link's index (for a link component) or the node's (for a facility).
    at: usize,
}

/// A capacitated element's state at the equilibrium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementLoad {
    /// The capacity record's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The component: `aktau-alat wait`, `alat rail_sea`.
    pub component: String,
    /// For a link: `forward` (from → to) or `reverse`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    /// TEU a year the demand puts on it.
    pub load_teu: f64,
    /// TEU a year of background traffic.
    pub background_teu: f64,
    /// TEU a year it can serve (the year's mean, winter included).
    pub capacity_teu: f64,
    /// (load + background) / capacity.
    pub utilisation: f64,
    /// The component's hours in the network data (the fixed input it replaces).
    pub fixed_hours: f64,
    /// base + queue: the component's hours at this load.
    pub hours: f64,
    /// Of which the queue's mean wait.
    pub queue_hours: f64,
    /// At or past the utilisation cap in some month.
    pub saturated: bool,
    /// The months (1–12) it is saturated in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub saturated_months: Vec<u8>,
}

/// One route of a flow and the share of its volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteShare {
    /// Fraction of the flow's volume (0–1).
    pub share: f64,
    /// TEU a year.
    pub teu: f64,
    /// Days door to door at the equilibrium's waits.
    pub days: f64,
    /// USD per FEU.
    pub usd: f64,
    /// Generalized cost, USD per FEU.
    pub cost: f64,
    /// Node ids in order.
    pub nodes: Vec<Text>,
    /// Corridor tags travelled.
    pub corridors: Vec<Text>,
    /// Capacity records used.
    pub elements: Vec<String>,
}

/// A flow at the equilibrium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowResult {
    /// Origin node id.
    pub from: String,
    /// Destination node id.
    pub to: String,
    /// TEU a year.
    pub teu: f64,
    /// The published total it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Its routes, largest share first.
    pub routes: Vec<RouteShare>,
    /// Why it has no route, when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_route: Option<String>,
}

/// An assignment's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// The demand's name.
    pub demand: String,
    /// The scenario applied ("baseline" when none).
    pub scenario: String,
    /// The query year.
    pub year: i32,
    /// Iterations run.
    pub iterations: usize,
    /// The relative gap reached.
    pub gap: f64,
    /// Whether it reached the requested gap.
    pub converged: bool,
    /// Every capacitated element, in record order.
    pub elements: Vec<ElementLoad>,
    /// Every flow, in file order.
    pub flows: Vec<FlowResult>,
    /// TEU a year routed.
    pub routed_teu: f64,
    /// TEU a year with no route.
    pub unrouted_teu: f64,
    /// TEU-weighted mean days of the routed volume.
    pub mean_days: f64,
    /// TEU a year on each link carrying any (both directions together), in network order.
    pub links: Vec<LinkLoad>,
}

/// The traffic on one link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkLoad {
    /// Link id.
    pub link: String,
    /// TEU a year, both directions.
    pub teu: f64,
}

/// A path of a flow.
#[derive(Debug, Clone)]
struct Path {
    route: Route,
    /// Elements used, each once.
    elements: Vec<usize>,
    /// Generalized cost of everything but the elements' hours.
    fixed: f64,
    /// Hours of everything but the elements.
    fixed_hours: f64,
    teu: f64,
}

/// What the step of a route is, as an element key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Link(String, Part, usize),
    Transfer(String, crate::network::TransferKind),
}

/// The waits of the elements, and how to evaluate them.
struct Queues<'a> {
    net: &'a Network,
    elements: Vec<Element>,
    cap: f64,
}

impl Queues<'_> {
    /// The queue of element `e` at `load` TEU a year (background added).
    fn queue(&self, e: usize, load: f64) -> Queue {
        let el = self.elements[e];
        let c = &self.net.capacity[el.capacity];
        let teu = (load + c.background_per_year).max(0.0);
        match c.model {
            CapacityModel::Departures {
                per_departure,
                headway_hours,
            } => Queue::Batch {
                lambda: teu / HOURS_PER_YEAR,
                capacity: per_departure,
                headway: headway_hours,
                arrivals: Arrivals::Poisson,
            },
            CapacityModel::Servers {
                servers,
                service_hours,
                batch,
                service_cv,
                arrival_cv,
            } => Queue::Ggc {
                lambda: teu / batch / HOURS_PER_YEAR,
                mean_service: service_hours,
                servers,
                ca2: arrival_cv * arrival_cv,
                cs2: service_cv * service_cv,
            },
        }
    }

    /// (hours = base + queue, queue hours, saturated months) at `load`.
    fn wait(&self, e: usize, load: f64) -> Result<(f64, f64, Vec<u8>)> {
        let c = &self.net.capacity[self.elements[e].capacity];
        let q = self.queue(e, load);
        let context = |err: queue::QueueError| {
            Error::InvalidArgument(format!("capacity `{}` ({}): {err}", c.id, c.origin))
        };
        let (hours, saturated) = if c.winter_factor < 1.0 && !c.winter_months.is_empty() {
            let s = queue::seasonal_wait(&q, &c.winter_months, c.winter_factor, self.cap)
                .map_err(context)?;
            (s.mean_hours, s.saturated_months())
        } else {
            let w = q.wait_capped(self.cap).map_err(context)?;
            (
                w.hours,
                if w.saturated {
                    (1..=12).collect()
                } else {
                    Vec::new()
                },
            )
        };
        Ok((c.base_hours + hours, hours, saturated))
    }

    fn hours(&self, e: usize, load: f64) -> Result<f64> {
        Ok(self.wait(e, load)?.0)
    }

    /// d hours / d load (per TEU a year), by a central difference.
    fn slope(&self, e: usize, load: f64) -> Result<f64> {
        let h = (load.abs() * 1e-4).max(1.0);
        let lo = (load - h).max(0.0);
        Ok((self.hours(e, load + h)? - self.hours(e, lo)?) / (load + h - lo))
    }

    /// TEU a year element `e` serves: the mean over the months.
    fn capacity_teu(&self, e: usize) -> f64 {
        let c = &self.net.capacity[self.elements[e].capacity];
        let per_year = match c.model {
            CapacityModel::Departures {
                per_departure,
                headway_hours,
            } => f64::from(per_departure) * HOURS_PER_YEAR / headway_hours,
            CapacityModel::Servers {
                servers,
                service_hours,
                batch,
                ..
            } => f64::from(servers) * batch * HOURS_PER_YEAR / service_hours,
        };
        let winter = c.winter_months.len() as f64;
        per_year * ((12.0 - winter) + winter * c.winter_factor) / 12.0
    }
}

/// Assigns `demand` to `net` (a scenario already applied) and iterates to an equilibrium.
pub fn assign(net: &Network, demand: &Demand, opts: &Options) -> Result<Assignment> {
    if !(opts.gap.is_finite() && opts.gap > 0.0) {
        return Err(Error::InvalidArgument(format!(
            "the target gap must be a positive number, not {}",
            opts.gap
        )));
    }
    if !(opts.cap > 0.0 && opts.cap < 1.0) {
        return Err(Error::InvalidArgument(format!(
            "the utilisation cap must lie strictly between 0 and 1, not {}",
            opts.cap
        )));
    }
    let year = opts.year.unwrap_or(demand.year);
    let mut elements = Vec::new();
    let mut keys: HashMap<Key, usize> = HashMap::new();
    for (ci, c) in net.capacity.iter().enumerate() {
        // The loader checked that the link or node exists.
        match &c.applies {
            Component::Link { link, part, .. } => {
                let Some(at) = net.links.iter().position(|l| &l.id == link) else {
                    continue;
                };
                for &d in c.direction.map_or(&[0usize, 1][..], |d| d.dirs()) {
                    keys.insert(Key::Link(link.clone(), *part, d), elements.len());
                    elements.push(Element {
                        capacity: ci,
                        dir: Some(d),
                        at,
                    });
                }
            }
            Component::Transfer { node, kind, .. } => {
                let Some(at) = net.node_index(node) else {
                    continue;
                };
                keys.insert(Key::Transfer(node.clone(), *kind), elements.len());
                elements.push(Element {
                    capacity: ci,
                    dir: None,
                    at,
                });
            }
        }
    }
    let queues = Queues {
        net,
        elements,
        cap: opts.cap,
    };
    let n = queues.elements.len();
    let link_from: HashMap<&str, &str> = net
        .links
        .iter()
        .map(|l| (l.id.as_str(), net.nodes[l.from].id.as_str()))
        .collect();

    // The flows' constraints, once.
    let mut constraints = Constraints::defaults(net);
    constraints.year = year;
    let families: Vec<Option<Family>> = demand
        .flows
        .iter()
        .map(|f| {
            (!f.avoid_tags.is_empty() || !f.avoid_countries.is_empty()).then(|| Family {
                id: "demand".into(),
                name: "demand constraints".into(),
                via_tags: Vec::new(),
                via_countries: Vec::new(),
                avoid_tags: f.avoid_tags.clone(),
                avoid_countries: f.avoid_countries.clone(),
                origin: Origin::default(),
            })
        })
        .collect();
    let vot = constraints.value_of_time;

    let mut work = net.clone();
    let mut loads = vec![0.0; n];
    let mut hours: Vec<f64> = (0..n)
        .map(|e| queues.hours(e, 0.0))
        .collect::<Result<_>>()?;
    let mut paths: Vec<Vec<Path>> = vec![Vec::new(); demand.flows.len()];
    let mut no_route: Vec<Option<String>> = vec![None; demand.flows.len()];
    let mut gap;
    let mut previous_gap = f64::INFINITY;
    let mut damping: f64 = 1.0;
    let mut iterations = 0;
    let mut converged = false;
    loop {
        // Route every flow at the current waits.
        set_hours(&mut work, net, &queues, &hours);
        let router = Router::new(&work)?;
        let (mut excess, mut total) = (0.0, 0.0);
        for (fi, f) in demand.flows.iter().enumerate() {
            let mut c = constraints.clone();
            c.modes = f.modes.iter().copied().collect();
            let outcome = match &families[fi] {
                Some(fam) => router.route_family(f.from, f.to, Objective::Generalized, &c, fam)?,
                None => router.route(f.from, f.to, Objective::Generalized, &c)?,
            };
            let route = match outcome {
                Outcome::Found(r) => r,
                Outcome::NoRoute(why) => {
                    no_route[fi] = Some(why.to_string());
                    continue;
                }
            };
            let path = path_of(route, &keys, &link_from, &hours, vot);
            let best = path.fixed + vot * path.elements.iter().map(|&e| hours[e]).sum::<f64>();
            total += f.teu_per_year * best;
            for p in &paths[fi] {
                let c = p.fixed + vot * p.elements.iter().map(|&e| hours[e]).sum::<f64>();
                excess += p.teu * (c - best).max(0.0);
            }
            if iterations == 0 {
                // The first pass loads every flow on its route at the background waits.
                let mut p = path;
                p.teu = f.teu_per_year;
                for &e in &p.elements {
                    loads[e] += p.teu;
                }
                paths[fi].push(p);
            } else if !paths[fi].iter().any(|p| same_path(&p.route, &path.route)) {
                paths[fi].push(path);
            }
        }
        if iterations == 0 {
            iterations = 1;
            for e in 0..n {
                hours[e] = queues.hours(e, loads[e])?;
            }
            continue;
        }
        gap = if total > 0.0 { excess / total } else { 0.0 };
        if std::env::var_os("CORRIDOR_TRACE_GAP").is_some() {
            eprintln!("iteration {iterations}: gap {gap:.3e} damping {damping}");
        }
        // A gap that grew means the Newton steps overshoot (waits are steep near capacity and
        // kinked by the seasons): take shorter ones.
        if gap > previous_gap {
            damping = (damping * 0.5).max(1.0 / 64.0);
        }
        previous_gap = gap;
        if gap < opts.gap {
            converged = true;
            break;
        }
        if iterations >= opts.max_iterations {
            break;
        }
        iterations += 1;
        // Shift volume, flow by flow.
        for fp in paths.iter_mut() {
            if fp.len() < 2 {
                continue;
            }
            let cost = |p: &Path, hours: &[f64]| {
                p.fixed + vot * p.elements.iter().map(|&e| hours[e]).sum::<f64>()
            };
            let m = (0..fp.len())
                .min_by(|&a, &b| cost(&fp[a], &hours).total_cmp(&cost(&fp[b], &hours)))
                .unwrap_or(0);
            for p in 0..fp.len() {
                if p == m || fp[p].teu <= 0.0 {
                    continue;
                }
                let diff = cost(&fp[p], &hours) - cost(&fp[m], &hours);
                if diff <= 0.0 {
                    continue;
                }
                let mut slope = 0.0;
                for &e in fp[p].elements.iter().chain(&fp[m].elements) {
                    let on_p = fp[p].elements.contains(&e);
                    let on_m = fp[m].elements.contains(&e);
                    if on_p != on_m {
                        slope += vot * queues.slope(e, loads[e])?;
                    }
                }
                let step = damping
                    * if slope > 0.0 {
                        (diff / slope).min(fp[p].teu)
                    } else {
                        fp[p].teu
                    };
                fp[p].teu -= step;
                fp[m].teu += step;
                let (from, to) = (fp[p].elements.clone(), fp[m].elements.clone());
                for e in from {
                    loads[e] -= step;
                    hours[e] = queues.hours(e, loads[e])?;
                }
                for e in to {
                    loads[e] += step;
                    hours[e] = queues.hours(e, loads[e])?;
                }
            }
            let keep_one = fp.iter().all(|p| p.teu <= 1e-9);
            if !keep_one {
                fp.retain(|p| p.teu > 1e-9);
            }
        }
    }

    // The answer at the final loads.
    for e in 0..n {
        hours[e] = queues.hours(e, loads[e])?;
    }
    let mut out_elements = Vec::with_capacity(n);
    for (e, &load) in loads.iter().enumerate() {
        let el = queues.elements[e];
        let c = &net.capacity[el.capacity];
        let (h, q, saturated_months) = queues.wait(e, load)?;
        let capacity_teu = queues.capacity_teu(e);
        let (component, fixed_hours) = match &c.applies {
            Component::Link { link, part, loaded } => (
                format!("{link} {}", part.as_str()),
                loaded[el.dir.unwrap_or(0)],
            ),
            Component::Transfer { node, kind, loaded } => {
                (format!("{node} {}", kind.as_str()), *loaded)
            }
        };
        out_elements.push(ElementLoad {
            id: c.id.clone(),
            name: c.name.clone(),
            component,
            direction: el.dir.map(|d| if d == 0 { "forward" } else { "reverse" }),
            load_teu: load.max(0.0),
            background_teu: c.background_per_year,
            capacity_teu,
            utilisation: (load.max(0.0) + c.background_per_year) / capacity_teu,
            fixed_hours,
            hours: h,
            queue_hours: q,
            saturated: !saturated_months.is_empty(),
            saturated_months,
        });
    }
    let mut flows = Vec::with_capacity(demand.flows.len());
    let (mut routed, mut unrouted, mut teu_days) = (0.0, 0.0, 0.0);
    for (fi, f) in demand.flows.iter().enumerate() {
        let mut routes: Vec<RouteShare> = paths[fi]
            .iter()
            .map(|p| {
                let elem_hours: f64 = p.elements.iter().map(|&e| hours[e]).sum();
                let h = p.fixed_hours + elem_hours;
                RouteShare {
                    share: if f.teu_per_year > 0.0 {
                        p.teu / f.teu_per_year
                    } else {
                        1.0 / paths[fi].len() as f64
                    },
                    teu: p.teu,
                    days: h / 24.0,
                    usd: p.route.total.usd,
                    cost: p.fixed + vot * elem_hours,
                    nodes: p.route.nodes.clone(),
                    corridors: p.route.corridors.clone(),
                    elements: p
                        .elements
                        .iter()
                        .map(|&e| net.capacity[queues.elements[e].capacity].id.clone())
                        .collect(),
                }
            })
            .collect();
        routes.sort_by(|a, b| b.teu.total_cmp(&a.teu).then(a.cost.total_cmp(&b.cost)));
        if routes.is_empty() {
            unrouted += f.teu_per_year;
        } else {
            routed += f.teu_per_year;
            teu_days += routes.iter().map(|r| r.teu * r.days).sum::<f64>();
        }
        flows.push(FlowResult {
            from: net.nodes[f.from].id.clone(),
            to: net.nodes[f.to].id.clone(),
            teu: f.teu_per_year,
            group: f.group.clone(),
            no_route: routes.is_empty().then(|| no_route[fi].clone()).flatten(),
            routes,
        });
    }
    let mut on_link: HashMap<&str, f64> = HashMap::new();
    for p in paths.iter().flatten() {
        for st in &p.route.steps {
            if let (StepKind::Haul, Some(l)) = (st.kind, &st.link) {
                *on_link.entry(l.as_str()).or_insert(0.0) += p.teu;
            }
        }
    }
    let links = net
        .links
        .iter()
        .filter_map(|l| {
            let teu = on_link.get(l.id.as_str()).copied().unwrap_or(0.0);
            (teu > 0.0).then(|| LinkLoad {
                link: l.id.clone(),
                teu,
            })
        })
        .collect();
    Ok(Assignment {
        links,
        demand: demand.name.clone(),
        scenario: net.scenario.clone().unwrap_or_else(|| "baseline".into()),
        year,
        iterations,
        gap,
        converged,
        elements: out_elements,
        flows,
        routed_teu: routed,
        unrouted_teu: unrouted,
        mean_days: if routed > 0.0 { teu_days / routed } else { 0.0 },
    })
}

/// Writes the elements' hours into the working copy of the network.
fn set_hours(work: &mut Network, net: &Network, queues: &Queues<'_>, hours: &[f64]) {
    for (e, el) in queues.elements.iter().enumerate() {
        match &net.capacity[el.capacity].applies {
            Component::Link { part, .. } => {
                let (l, d) = (&mut work.links[el.at], el.dir.unwrap_or(0));
                match part {
                    Part::Wait => l.wait_hours[d] = hours[e],
                    Part::Call => l.call_hours[d] = hours[e],
                    Part::Border => {
                        if let Some(b) = l.border.as_mut() {
                            b.hours[d] = hours[e];
                        }
                    }
                    Part::Run | Part::Delay => {}
                }
            }
            Component::Transfer { kind, .. } => {
                let node = &mut work.nodes[el.at];
                if let Some(t) = node.transfers.iter_mut().find(|t| t.kind == *kind) {
                    t.hours = hours[e];
                }
            }
        }
    }
}

/// A route as a path: the elements it uses and its cost without them.
fn path_of(
    route: Route,
    keys: &HashMap<Key, usize>,
    link_from: &HashMap<&str, &str>,
    hours: &[f64],
    vot: f64,
) -> Path {
    let mut elements = Vec::new();
    let mut element_hours = 0.0;
    for s in &route.steps {
        let key = match (s.kind, &s.link, s.transfer) {
            (StepKind::Wait | StepKind::Border, Some(link), _) => {
                let part = match s.kind {
                    StepKind::Border => Part::Border,
                    _ if s.aboard => Part::Call,
                    _ => Part::Wait,
                };
                let d = usize::from(link_from.get(link.as_str()) != Some(&s.from.as_str()));
                Key::Link(link.to_string(), part, d)
            }
            (StepKind::Transfer, _, Some(kind)) => Key::Transfer(s.from.to_string(), kind),
            _ => continue,
        };
        if let Some(&e) = keys.get(&key) {
            if !elements.contains(&e) {
                elements.push(e);
                element_hours += hours[e];
            }
        }
    }
    let total_hours = route.total.hours;
    Path {
        fixed: route.total.usd + vot * (total_hours - element_hours),
        fixed_hours: total_hours - element_hours,
        route,
        elements,
        teu: 0.0,
    }
}

fn same_path(a: &Route, b: &Route) -> bool {
    a.nodes == b.nodes
        && a.steps.len() == b.steps.len()
        && a.steps
            .iter()
            .zip(&b.steps)
            .all(|(x, y)| x.kind == y.kind && x.link == y.link && x.transfer == y.transfer)
}
