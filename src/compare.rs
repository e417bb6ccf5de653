//! Old path of [`crate::studies::compare`] (the comparison study), of its table now in
//! [`crate::output::compare`] and of the corridor words now in [`crate::describe`], kept while the
//! layout moves; use those modules.

pub use crate::describe::{corridor_label, corridor_words};
pub use crate::output::compare::{rationale_lines, render, table};
pub use crate::studies::compare::{compare, Comparison, Delta, Percentiles, Request, Row};
