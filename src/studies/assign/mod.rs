//! Assignment: a year's demand routed over a network whose capacitated waits follow the load.
//!
//! Each `[[capacity]]` record ([`crate::network::Capacity`]) turns one fixed component (a
//! departure wait, a border dwell, a transfer) into `base_hours` + the mean wait of its queue
//! ([`crate::studies::queue`]) at the load the flows put on it, plus its background load. Flows
//! choose routes by generalized cost (USD + value of time × hours, per FEU), so a growing wait
//! pushes shippers to other corridors, and the waits change with the flows: the answer is an
//! equilibrium.
//!
//! The method is path-based (gradient projection, Jayakrishnan et al. 1994): every iteration
//! routes each flow once at the current waits (adding the route to the flow's path set when it is
//! new), measures the relative gap, then moves each flow's volume from its dearer paths to its
//! cheapest by a Newton step (the cost difference over the derivative of the waits the two paths
//! do not share; halved, down to 1/64, each time the gap grows), updating the loads flow by flow.
//! At the equilibrium every used path of a flow costs the same and no unused route is cheaper
//! (Wardrop's first principle); the relative gap
//! Σ volume × (path cost − cheapest cost) / Σ volume × cheapest cost measures the distance from
//! it. A path's cost is its fixed part (everything but the capacitated components) plus the value
//! of time × the waits of the elements it uses, so costs are evaluated without searching.
//!
//! Each queue is looked at over a planning period (default 30 days, [`Options::horizon`]): the
//! time-dependent wait of [`crate::studies::queue::Queue::wait_over`], finite at any load and
//! growing with the overload, so an element past its capacity (reported `saturated`, with the
//! TEU a year by which demand exceeds it and the backlog's growth per day) keeps getting dearer
//! as it is loaded further, and flows that can divert do. An element that stays overloaded at
//! the equilibrium is one no flow can avoid at a lower cost: its wait is the backlog of the
//! period, and it scales with the period.
//!
//! Beside this deterministic choice, [`Logit`] splits each flow over its candidate routes by a
//! logit of their cost (with a reliability term): a stochastic user equilibrium whose parameters
//! `corridor calibrate` ([`crate::studies::calibrate`]) fits to observed volumes.
//!
//! This module checks the options and runs the steps; the elements and their queues, the paths,
//! the iteration's state and steps, and the answer each have a file. Printing an assignment is
//! [`crate::output::assign`]'s part.

mod answer;
mod assignment;
mod candidates;
mod iterate;
mod logit;
mod path;
mod queues;

pub use assignment::{Assignment, ElementLoad, FlowResult, LinkLoad, Options, RouteShare};
pub use candidates::SPREAD_SAMPLES;
pub use logit::{logit_split, Choice, Logit};

use crate::error::{Error, Result};
use crate::network::Network;
use crate::studies::demand::Demand;
use crate::studies::queue::Horizon;
use iterate::{Setup, State};

/// The most iterations an assignment may be asked for (`Options::max_iterations`): each routes
/// every flow once; the shipped demands converge in under 20.
pub const MAX_ITERATIONS: usize = 10_000;

/// Assigns `demand` to `net` (a scenario already applied) and iterates to an equilibrium.
///
/// Checked: the target gap is a positive number, `max_iterations` is 1 to [`MAX_ITERATIONS`], an
/// explicit year is not before the year the network describes (see
/// [`crate::query::check_year`]; the demand's own year may be, as for the shipped 2024 demand,
/// and the answer carries it), and the planning period.
pub fn assign(net: &Network, demand: &Demand, opts: &Options) -> Result<Assignment> {
    let (horizon, year) = check(net, demand, opts)?;
    let setup = Setup::new(net, demand, horizon, year);
    let mut state = State::new(&setup)?;
    let end = state.iterate(&setup, opts)?;
    // The answer at the final loads.
    state.evaluate_waits(&setup)?;
    answer::assignment(&setup, &state, end, year, setup.vot)
}

/// Assigns `demand` by the logit choice at `choice` (a stochastic user equilibrium, see
/// [`Logit`]): checked as [`assign`], whose equilibrium gives the candidates their first paths.
pub fn assign_logit(
    net: &Network,
    demand: &Demand,
    opts: &Options,
    choice: &Choice,
) -> Result<Assignment> {
    choice.check()?;
    Logit::new(net, demand, opts)?.assign(choice)
}

/// The checks of [`assign`]; the planning period and the query year.
fn check(net: &Network, demand: &Demand, opts: &Options) -> Result<(Horizon, i32)> {
    demand.check(net)?;
    if !(opts.gap.is_finite() && opts.gap > 0.0) {
        return Err(Error::InvalidArgument(format!(
            "the target gap must be a positive number, not {}",
            opts.gap
        )));
    }
    if !(1..=MAX_ITERATIONS).contains(&opts.max_iterations) {
        return Err(Error::InvalidArgument(format!(
            "--max-iterations {}: give 1 to {}",
            opts.max_iterations,
            crate::text::thousands(MAX_ITERATIONS as f64)
        )));
    }
    if let Some(y) = opts.year {
        crate::query::check_year(y, net)?;
    }
    Ok((opts.horizon.check()?, opts.year.unwrap_or(demand.year)))
}
