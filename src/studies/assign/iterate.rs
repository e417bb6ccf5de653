//! The iteration of the assignment over a small state: what it reads ([`Setup`]: the elements,
//! the flows' constraints), what it changes ([`State`]: the working network's waits, the loads,
//! each flow's paths), and its steps: route the flows, evaluate the waits, the gradient-projection
//! update, the gap.

use super::assignment::Options;
use super::path::Path;
use super::queues::{Key, Queues};
use crate::error::Result;
use crate::network::{Family, Network, Origin};
use crate::routing::{Constraints, Objective, Outcome, Router};
use crate::studies::demand::Demand;
use crate::studies::queue::Horizon;
use crate::text::FastMap;

/// What the iterations read: the network, the demand, the elements and the flows' constraints.
pub(super) struct Setup<'a> {
    pub(super) net: &'a Network,
    pub(super) demand: &'a Demand,
    pub(super) queues: Queues<'a>,
    /// Each element's key, for finding it on a route.
    pub(super) keys: FastMap<Key<'a>, usize>,
    /// Per flow, the query constraints (the year set) with its modes.
    pub(super) constraints: Vec<Constraints>,
    /// Per flow, its `avoid_tags` and `avoid_countries` as a family to route within.
    pub(super) families: Vec<Option<Family>>,
    /// The value of time, USD per FEU-hour.
    pub(super) vot: f64,
    /// How the queues are looked at.
    pub(super) horizon: Horizon,
}

impl<'a> Setup<'a> {
    /// Builds the elements of `net` and the flows' constraints, once.
    pub(super) fn new(
        net: &'a Network,
        demand: &'a Demand,
        horizon: Horizon,
        year: i32,
    ) -> Setup<'a> {
        let (queues, keys) = Queues::build(net, horizon);
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
                    colour: Default::default(),
                    origin: Origin::default(),
                })
            })
            .collect();
        let vot = constraints.value_of_time;
        let constraints = demand
            .flows
            .iter()
            .map(|f| {
                let mut c = constraints.clone();
                c.modes = f.modes.iter().copied().collect();
                c
            })
            .collect();
        Setup {
            net,
            demand,
            queues,
            keys,
            constraints,
            families,
            vot,
            horizon,
        }
    }
}

/// What the iterations change.
pub(super) struct State {
    /// The network with the elements' current hours written in, for the router.
    pub(super) work: Network,
    /// TEU a year the flows put on each element.
    pub(super) loads: Vec<f64>,
    /// Each element's hours at its load.
    pub(super) hours: Vec<f64>,
    /// Each flow's paths.
    pub(super) paths: Vec<Vec<Path>>,
    /// Why a flow has no route, when it has none.
    pub(super) no_route: Vec<Option<String>>,
}

/// How the iterations ended.
#[derive(Debug, Clone, Copy)]
pub(super) struct Convergence {
    /// Iterations run.
    pub(super) iterations: usize,
    /// The relative gap reached.
    pub(super) gap: f64,
    /// Whether it is below the requested gap.
    pub(super) converged: bool,
}

impl State {
    /// No flow loaded yet: every element at its background waits.
    pub(super) fn new(setup: &Setup<'_>) -> Result<State> {
        let n = setup.queues.elements.len();
        let flows = setup.demand.flows.len();
        Ok(State {
            work: setup.net.clone(),
            loads: vec![0.0; n],
            hours: (0..n)
                .map(|e| setup.queues.hours(e, 0.0))
                .collect::<Result<_>>()?,
            paths: vec![Vec::new(); flows],
            no_route: vec![None; flows],
        })
    }

    /// Iterates to the requested gap or the most iterations: a first pass loads every flow on
    /// its route at the background waits, then each iteration routes the flows, measures the
    /// gap and shifts volume.
    pub(super) fn iterate(&mut self, setup: &Setup<'_>, opts: &Options) -> Result<Convergence> {
        // The first pass loads every flow on its route at the background waits.
        self.route_flows(setup, true)?;
        self.evaluate_waits(setup)?;
        let mut iterations = 1;
        let mut previous_gap = f64::INFINITY;
        let mut damping: f64 = 1.0;
        loop {
            let (excess, total) = self.route_flows(setup, false)?;
            opts.progress.advance(1);
            let gap = if total > 0.0 { excess / total } else { 0.0 };
            if std::env::var_os("CORRIDOR_TRACE_GAP").is_some() {
                eprintln!("iteration {iterations}: gap {gap:.3e} damping {damping}");
            }
            // A gap that grew means the Newton steps overshoot (waits are steep near capacity
            // and kinked by the seasons): take shorter ones.
            if gap > previous_gap {
                damping = (damping * 0.5).max(1.0 / 64.0);
            }
            previous_gap = gap;
            if gap < opts.gap || iterations >= opts.max_iterations {
                return Ok(Convergence {
                    iterations,
                    gap,
                    converged: gap < opts.gap,
                });
            }
            iterations += 1;
            self.shift_volume(setup, damping)?;
        }
    }

    /// Routes every flow at the current waits and adds its route to its paths when it is new
    /// (on the `first` pass, loaded with the flow's whole volume). Returns the gap's excess
    /// (Σ volume × (path cost − cheapest cost)) and total (Σ volume × cheapest cost).
    fn route_flows(&mut self, setup: &Setup<'_>, first: bool) -> Result<(f64, f64)> {
        setup.queues.write_hours(&mut self.work, &self.hours);
        let router = Router::new(&self.work)?;
        let vot = setup.vot;
        let (mut excess, mut total) = (0.0, 0.0);
        for (fi, f) in setup.demand.flows.iter().enumerate() {
            let c = &setup.constraints[fi];
            let outcome = match &setup.families[fi] {
                Some(fam) => router.route_family(f.from, f.to, Objective::Generalized, c, fam)?,
                None => router.route(f.from, f.to, Objective::Generalized, c)?,
            };
            let route = match outcome {
                Outcome::Found(r) => r,
                Outcome::NoRoute(why) => {
                    self.no_route[fi] = Some(why.to_string());
                    continue;
                }
            };
            let path = Path::of(route, &setup.keys, &self.hours, vot);
            let best = path.cost(vot, &self.hours);
            total += f.teu_per_year * best;
            for p in &self.paths[fi] {
                let c = p.cost(vot, &self.hours);
                excess += p.teu * (c - best).max(0.0);
            }
            if first {
                let mut p = path;
                p.teu = f.teu_per_year;
                for &e in &p.elements {
                    self.loads[e] += p.teu;
                }
                self.paths[fi].push(p);
            } else if !self.paths[fi].iter().any(|p| p.same_route(&path.route)) {
                self.paths[fi].push(path);
            }
        }
        Ok((excess, total))
    }

    /// Every element's hours at its current load.
    pub(super) fn evaluate_waits(&mut self, setup: &Setup<'_>) -> Result<()> {
        for (e, &load) in self.loads.iter().enumerate() {
            self.hours[e] = setup.queues.hours(e, load)?;
        }
        Ok(())
    }

    /// The gradient-projection update, flow by flow: moves volume from each dearer path to the
    /// cheapest by a Newton step (the cost difference over the derivative of the waits the two
    /// paths do not share) times `damping`, updating the loads and waits as it goes; then drops
    /// the paths left empty (keeping them all if every one is).
    fn shift_volume(&mut self, setup: &Setup<'_>, damping: f64) -> Result<()> {
        let (queues, vot) = (&setup.queues, setup.vot);
        let (loads, hours) = (&mut self.loads, &mut self.hours);
        for fp in self.paths.iter_mut() {
            if fp.len() < 2 {
                continue;
            }
            let m = (0..fp.len())
                .min_by(|&a, &b| fp[a].cost(vot, hours).total_cmp(&fp[b].cost(vot, hours)))
                .unwrap_or(0);
            for p in 0..fp.len() {
                if p == m || fp[p].teu <= 0.0 {
                    continue;
                }
                let diff = fp[p].cost(vot, hours) - fp[m].cost(vot, hours);
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
                super::path::shift(queues, fp, (p, m), step, (&mut *loads, &mut *hours))?;
            }
            let keep_one = fp.iter().all(|p| p.teu <= 1e-9);
            if !keep_one {
                fp.retain(|p| p.teu > 1e-9);
            }
        }
        Ok(())
    }
}
