//! Old path of [`crate::report`] (the study bundle), kept while the layout moves; use that module.

pub use crate::report::{write, Request, Written};
