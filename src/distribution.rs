//! Old path of [`crate::studies::distribution`], kept while the layout moves; use that module.

pub use crate::studies::distribution::{Distribution, Rng, Shock, Z90};
