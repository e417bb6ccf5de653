//! `corridor batch`: a manifest's runs (or a shard of them) into a results folder, and the merge
//! of results folders into one file.

use std::path::PathBuf;

/// `corridor batch MANIFEST [--shard K/N] [--jobs J] -o DIR`, or `corridor batch merge DIR… -o
/// FILE`.
#[derive(Debug, clap::Args)]
pub(crate) struct BatchArgs {
    /// The manifest (TOML: `[[run]] id = "…" args = ["route", …]`); or `merge` followed by the
    /// results folders to merge.
    #[arg(value_name = "MANIFEST | merge DIR…", required = true)]
    pub(crate) inputs: Vec<PathBuf>,
    /// Run only the K-th of N shards, K counted from 1 (1 ≤ K ≤ N): the runs whose place in the
    /// manifest, counted from 0, is K − 1 modulo N.
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<String>,
    /// How many runs at once, on threads [default: the cores available].
    #[arg(long, value_name = "J")]
    pub(crate) jobs: Option<usize>,
    /// The results folder (a run): DIR/runs/ID.out, ID.json and ID/ per run; or the merged file
    /// (merge): a JSON array, one run per line in the manifest's order.
    #[arg(short, long, value_name = "DIR | FILE", required = true)]
    pub(crate) output: PathBuf,
}
