//! Old path of [`crate::studies::demand`], kept while the layout moves; use that module.

pub use crate::studies::demand::{load, parse, resolve, Demand, Flow, SHIPPED};
