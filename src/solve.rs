//! Old path of [`crate::routing`], kept while the layout moves; use that module.

pub use crate::routing::{
    Constraints, Metrics, NoRoute, Objective, Outcome, Route, Router, Step, StepKind, Totals,
};
pub use crate::text::Text;
