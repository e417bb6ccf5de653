//! Studies: questions asked of a network beyond one route, each answered by a library function
//! that routes many times and returns plain data (printing it is [`crate::output`]'s part).
//!
//! - [`compare`]: one query across scenarios, with changes against the first, and its
//!   [`standings`]: each corridor family's best days, P90, USD and CO2 per scenario, and who leads;
//! - [`skim`]: the origin–destination matrix between a set of places, by each objective;
//! - [`sweep`]: one attribute varied over a range, with the switch points of the best route;
//! - [`reliability`]: Monte Carlo transit-time distributions over the `[[variability]]` records,
//!   drawn from the distributions and shocks of [`crate::network::distribution`];
//! - [`assign`]: a year's [`demand`] routed to an equilibrium whose waits follow the load through
//!   the [`queue`] models, by the deterministic or the logit choice, whose parameters
//!   [`calibrate`] fits to observed volumes.

pub mod assign;
pub mod batch;
pub mod calibrate;
pub mod compare;
pub mod demand;
pub mod invest;
pub mod observed;
pub mod queue;
pub mod reliability;
pub mod sensitivity;
pub mod skim;
pub mod standings;
pub mod sweep;
