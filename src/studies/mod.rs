//! Studies: questions answered by routing many times and summarising what comes back, one study
//! per file. Each takes a request built from a [`crate::Query`] and returns plain data; printing
//! it is [`crate::output`]'s job.
//!
//! - [`compare`]: one query across scenarios, with changes against the first.

pub mod compare;
