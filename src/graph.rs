//! Old path of [`crate::routing::graph`], kept while the layout moves; use that module.

pub use crate::routing::graph::{Key, Move, SearchGraph, ServiceId, State};
