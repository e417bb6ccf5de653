//! The answer of an assignment, read off the final state: each element's load, utilisation and
//! waits, each flow's routes and shares, and the traffic on each link.

use std::collections::HashMap;

use super::assignment::{Assignment, ElementLoad, FlowResult, LinkLoad, RouteShare};
use super::iterate::{Convergence, Setup, State};
use super::path::Path;
use crate::error::Result;
use crate::network::{Component, Network};
use crate::routing::StepKind;
use crate::studies::queue::Horizon;

/// The assignment at the final loads (`state`'s waits evaluated at them), route costs at the
/// value of time `vot`.
pub(super) fn assignment(
    setup: &Setup<'_>,
    state: &State,
    end: Convergence,
    year: i32,
    vot: f64,
) -> Result<Assignment> {
    let (net, demand) = (setup.net, setup.demand);
    let elements = element_loads(setup, &state.loads)?;
    let (flows, volume) = flow_results(setup, state, vot);
    let links = link_loads(net, &state.paths);
    Ok(Assignment {
        links,
        demand: demand.name.clone(),
        scenario: net.scenario.clone().unwrap_or_else(|| "baseline".into()),
        year,
        iterations: end.iterations,
        gap: end.gap,
        converged: end.converged,
        period_days: match setup.horizon {
            Horizon::Period { hours } => Some(hours / 24.0),
            Horizon::Steady { .. } => None,
        },
        utilisation_cap: match setup.horizon {
            Horizon::Steady { cap } => Some(cap),
            Horizon::Period { .. } => None,
        },
        elements,
        flows,
        routed_teu: volume.routed,
        unrouted_teu: volume.unrouted,
        mean_days: if volume.routed > 0.0 {
            volume.teu_days / volume.routed
        } else {
            0.0
        },
    })
}

/// TEU a year with and without a route, and the routed TEU × days.
struct Volume {
    routed: f64,
    unrouted: f64,
    teu_days: f64,
}

/// Every element at its load: load, background, capacity, utilisation, hours and saturation.
fn element_loads(setup: &Setup<'_>, loads: &[f64]) -> Result<Vec<ElementLoad>> {
    let (net, queues) = (setup.net, &setup.queues);
    let mut out_elements = Vec::with_capacity(loads.len());
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
            excess_teu: (load.max(0.0) + c.background_per_year - capacity_teu).max(0.0),
            fixed_hours,
            hours: h,
            queue_hours: q,
            saturated: !saturated_months.is_empty(),
            saturated_months,
        });
    }
    Ok(out_elements)
}

/// Every flow with its routes, largest volume first, and the volume routed and not; a route's
/// cost is its path's fixed part + `vot` × its elements' hours.
fn flow_results(setup: &Setup<'_>, state: &State, vot: f64) -> (Vec<FlowResult>, Volume) {
    let (net, demand, queues) = (setup.net, setup.demand, &setup.queues);
    let (paths, hours) = (&state.paths, &state.hours);
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
                    co2_kg: p.route.total.co2_kg,
                    cost: p.fixed + vot * elem_hours,
                    nodes: p.route.nodes.clone(),
                    corridors: p.route.corridors.clone(),
                    elements: p
                        .elements
                        .iter()
                        .map(|&e| net.capacity[queues.elements[e].capacity].id.clone())
                        .collect(),
                    route: p.route.clone(),
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
            no_route: routes
                .is_empty()
                .then(|| state.no_route[fi].clone())
                .flatten(),
            routes,
        });
    }
    let volume = Volume {
        routed,
        unrouted,
        teu_days,
    };
    (flows, volume)
}

/// TEU a year on each link carrying any (both directions together), in network order.
fn link_loads(net: &Network, paths: &[Vec<Path>]) -> Vec<LinkLoad> {
    let mut on_link: HashMap<&str, f64> = HashMap::new();
    for p in paths.iter().flatten() {
        for st in &p.route.steps {
            if let (StepKind::Haul, Some(l)) = (st.kind, &st.link) {
                *on_link.entry(l.as_str()).or_insert(0.0) += p.teu;
            }
        }
    }
    net.links
        .iter()
        .filter_map(|l| {
            let teu = on_link.get(l.id.as_str()).copied().unwrap_or(0.0);
            (teu > 0.0).then(|| LinkLoad {
                link: l.id.clone(),
                teu,
            })
        })
        .collect()
}
