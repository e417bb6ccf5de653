//! The merge: the results folders of a manifest's shards read back into one JSON file, the runs
//! in the manifest's order, whatever the shards were and however many threads ran them.
//!
//! The file is a JSON array with one run per line:
//! `{"id", "index", "args", "exit", "error", "stderr", "output"}`, where `output` is what the run
//! printed on standard output (as text). Every run of the manifest must be in one of the folders
//! with the fingerprint of its arguments: a merge with runs missing writes nothing and names them.

use std::path::PathBuf;

use serde::Serialize;

use super::manifest::Manifest;
use super::record;
use crate::error::{Error, Result};

/// How many missing runs a message names before it counts the rest.
const NAMED: usize = 10;

/// One run in the merged file.
#[derive(Debug, Serialize)]
struct Merged<'a> {
    id: &'a str,
    index: usize,
    args: &'a [String],
    exit: i32,
    error: Option<&'a str>,
    stderr: &'a str,
    output: std::borrow::Cow<'a, str>,
}

/// The merged file of the results folders `dirs` (each holding the same manifest), or an error
/// naming the runs missing from all of them.
pub fn merge(dirs: &[PathBuf]) -> Result<Vec<u8>> {
    let Some(first) = dirs.first() else {
        return Err(Error::InvalidArgument(
            "no results folder to merge: give one or more DIR written by `corridor batch`".into(),
        ));
    };
    let text = record::manifest_text(first)?;
    for d in &dirs[1..] {
        if record::manifest_text(d)? != text {
            return Err(Error::InvalidArgument(format!(
                "{} and {} hold different manifests: merge the folders of one manifest's shards",
                first.display(),
                d.display()
            )));
        }
    }
    let name = first.join(record::MANIFEST).display().to_string();
    let manifest = Manifest::parse(&name, &text)?;
    let mut found = Vec::with_capacity(manifest.runs.len());
    let mut missing = Vec::new();
    for run in &manifest.runs {
        match dirs.iter().find_map(|d| record::read(d, run)) {
            Some(r) => found.push(r),
            None => missing.push(format!("{} (run {})", run.id, run.index + 1)),
        }
    }
    if !missing.is_empty() {
        let more = missing.len().saturating_sub(NAMED);
        let mut named = missing[..missing.len().min(NAMED)].join(", ");
        if more > 0 {
            named += &format!(" and {more} more");
        }
        return Err(Error::InvalidArgument(format!(
            "{} of {} runs missing from the folders merged (not run, or run with other arguments): {named}; run their shards (finished runs are skipped) and merge again",
            missing.len(),
            manifest.runs.len()
        )));
    }
    let mut out = String::from("[\n");
    for (i, (r, bytes)) in found.iter().enumerate() {
        let m = Merged {
            id: &r.id,
            index: r.index,
            args: &r.args,
            exit: r.exit,
            error: r.error.as_deref(),
            stderr: &r.stderr,
            output: String::from_utf8_lossy(bytes),
        };
        out += &serde_json::to_string(&m).expect("a run serialises");
        out += if i + 1 < found.len() { ",\n" } else { "\n" };
    }
    out += "]\n";
    Ok(out.into_bytes())
}
