//! Old path of the utilisation chart in [`crate::render::chart`], kept while the layout moves;
//! use that module.

pub use crate::render::chart::{render_utilisation, Bar};
