//! Old path of [`crate::studies::compare`] (the comparison study) and of the corridor words now in
//! [`crate::describe`], kept while the layout moves; use those modules.

pub use crate::describe::{corridor_label, corridor_words};
pub use crate::studies::compare::{
    compare, rationale_lines, render, table, Comparison, Delta, Percentiles, Request, Row,
};
