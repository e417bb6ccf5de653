//! Old path of [`crate::render::figures::assign`], kept while the layout moves; use that module.

pub use crate::render::figures::assign::{load_map, utilisation_chart, write};
