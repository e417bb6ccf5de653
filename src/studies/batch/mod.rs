//! Batch studies: a manifest of runs (each a `corridor` command line), split into shards for as
//! many machines as a scheduler gives, run with their results one file per run, resumed after an
//! interruption, and merged back in the manifest's order.
//!
//! What a front end needs to run a batch is here: the manifest ([`manifest`]), which runs a shard
//! holds ([`shard`]), the folder of results and the status record of each run ([`record`]), the
//! loop that runs a shard on threads and skips the runs already finished ([`runner`]), and the
//! merge of shards' folders into one file ([`mod@merge`]); and the same loop for a study that
//! runs its own evaluations in this process ([`evaluate`]: `sensitivity`'s trajectories and
//! samples, `calibrate`'s Jacobian, profiles and held-out years), failures recorded and reported
//! ([`failure`]) as a batch's are. What a run *does* is the front end's: the
//! runner takes a function from a run to its [`Outcome`] (the `corridor` binary runs its own
//! commands in-process; a library study can run its own calls).
//!
//! Results do not depend on the sharding or the number of threads: a run's output is a function
//! of its arguments alone, the merge orders the runs by the manifest, and nothing about the shard
//! or the time is written into the merged file.

pub mod failure;
pub mod manifest;
pub mod merge;
pub mod record;
pub mod runner;
pub mod shard;

pub use failure::{report, Failure};
pub use manifest::{Manifest, Run};
pub use merge::merge;
pub use record::{Outcome, Record};
pub use runner::{
    evaluate, evaluate_with, execute, execute_with, jobs_available, run, Evaluated, Options,
    Summary,
};
pub use shard::Shard;
