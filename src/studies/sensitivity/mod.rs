//! Sensitivity screening: which of the network's estimates a question's answer hangs on.
//!
//! The inputs ([`inputs`]) are the numbers whose source entry begins with "estimate" (with
//! `all`, every number of the links, facilities, services, capacity records and emission
//! factors), each over the range the data state or ±50 % of its value (`ranges`). A
//! [`Question`] ([`question`]) turns a network into one number: a route's days or USD, the
//! difference between two corridor families, a scenario's effect, an element's wait, two
//! candidate projects' benefit–cost ratios apart (`rank`). The
//! screening ([`screen`]) measures, for every input that can move the question's measure:
//!
//! 1. the answer at each end of its range, the others at their values (one at a time);
//! 2. its Morris elementary effects over `r` trajectories ([`morris`]): μ*, μ and σ;
//! 3. with `sobol`, the first-order and total Sobol indices of the top inputs by μ* ([`sobol`]);
//!
//! and for a difference or an effect whether the input's range can flip the answer's sign (at
//! its ends, or across one of its moves in the Morris runs). Then "what to measure next": the
//! estimates ranked by their total index when Sobol indices were computed (the share of the
//! answer's variance they account for; knowing one exactly removes at least its first-order
//! share), else by μ*² (a proxy of the variance they drive). The same seed gives the same bytes
//! on any number of threads. Printing a screening is [`crate::output::sensitivity`]'s.

pub mod inputs;
pub mod morris;
mod points;
pub mod question;
mod ranges;
mod rank;
mod run;
pub mod sobol;

pub use inputs::{Input, RangeKind, RecordKind};
pub use question::{Ask, Prepared, Question, Routers};
pub use run::{headline_questions, screen, Flip, Next, Request, Row, Screening, SobolPart, Study};

/// The most Morris trajectories a screening takes.
pub const MAX_TRAJECTORIES: usize = 1_000;
/// The fewest Morris trajectories (σ needs two effects).
pub const MIN_TRAJECTORIES: usize = 2;
/// The most Sobol base samples.
pub const MAX_SOBOL: usize = 100_000;
/// The fewest Sobol base samples.
pub const MIN_SOBOL: usize = 16;
/// The most inputs the Sobol indices are computed for.
pub const MAX_TOP: usize = 50;
