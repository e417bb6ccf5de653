//! A batch's results folder and the record of each run in it:
//!
//! ```text
//! DIR/manifest.toml      the manifest, as read (a merge takes the runs and their order from it)
//! DIR/runs/ID.out        what the run printed on standard output, byte for byte
//! DIR/runs/ID.json       its record: id, index, fingerprint, arguments, exit code, error, messages
//! DIR/runs/ID/           the files the run wrote (figures, a report), when it wrote any
//! ```
//!
//! Each file is written atomically, the record last: a run has finished when its record is
//! there with the fingerprint of its arguments (see [`crate::studies::batch::Run::fingerprint`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::Run;
use crate::error::{Error, Result};

/// The manifest's copy in a results folder.
pub const MANIFEST: &str = "manifest.toml";

/// What one run gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Its exit code, as the command alone would exit: 0 done, 1 no route, 2 bad input or error.
    pub exit: i32,
    /// What it printed on standard output.
    pub stdout: Vec<u8>,
    /// What it said on standard error (notes, files written, warnings), the error excepted.
    pub stderr: String,
    /// Its error, when it failed (exit 2).
    pub error: Option<String>,
}

/// The record of a finished run (`runs/ID.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The run's id.
    pub id: String,
    /// Its place in the manifest, from 0.
    pub index: usize,
    /// The fingerprint of what it computed.
    pub fingerprint: String,
    /// Its arguments, the manifest's defaults applied.
    pub args: Vec<String>,
    /// Its exit code.
    pub exit: i32,
    /// Its error, if it failed.
    pub error: Option<String>,
    /// What it said on standard error.
    pub stderr: String,
}

/// The folder of the runs' files in a results folder.
pub fn runs_dir(dir: &Path) -> PathBuf {
    dir.join("runs")
}

/// The folder a run writes its own files into.
pub fn run_folder(dir: &Path, id: &str) -> PathBuf {
    runs_dir(dir).join(id)
}

fn out_path(dir: &Path, id: &str) -> PathBuf {
    runs_dir(dir).join(format!("{id}.out"))
}

fn record_path(dir: &Path, id: &str) -> PathBuf {
    runs_dir(dir).join(format!("{id}.json"))
}

/// Writes a run's output, then its record, each atomically.
pub fn write(dir: &Path, run: &Run, outcome: &Outcome) -> Result<()> {
    crate::fs::write_atomic(&out_path(dir, &run.id), &outcome.stdout)?;
    let record = Record {
        id: run.id.clone(),
        index: run.index,
        fingerprint: run.fingerprint(),
        args: run.args.clone(),
        exit: outcome.exit,
        error: outcome.error.clone(),
        stderr: outcome.stderr.clone(),
    };
    let mut json = serde_json::to_string_pretty(&record).expect("a record serialises");
    json.push('\n');
    crate::fs::write_atomic(&record_path(dir, &run.id), json.as_bytes())
}

/// The record and output of `run` in `dir`, if it finished there with these arguments (a record
/// with another fingerprint, or none, or an unreadable one, is `None`).
pub fn read(dir: &Path, run: &Run) -> Option<(Record, Vec<u8>)> {
    let text = std::fs::read_to_string(record_path(dir, &run.id)).ok()?;
    let record: Record = serde_json::from_str(&text).ok()?;
    if record.fingerprint != run.fingerprint() || record.id != run.id {
        return None;
    }
    let out = std::fs::read(out_path(dir, &run.id)).ok()?;
    Some((record, out))
}

/// Whether `run` has finished in `dir` and need not run again: its record is there with its
/// fingerprint, and it did not fail with an error (exit 2: an error is tried again, a route or
/// "no route" is an answer).
pub fn finished(dir: &Path, run: &Run) -> bool {
    read(dir, run).is_some_and(|(r, _)| r.exit != 2)
}

/// The manifest's text in the results folder `dir`.
pub fn manifest_text(dir: &Path) -> Result<String> {
    let path = dir.join(MANIFEST);
    if !path.is_file() {
        return Err(Error::InvalidArgument(format!(
            "{}: not a batch results folder (no {MANIFEST}; `corridor batch MANIFEST -o {}` writes one)",
            dir.display(),
            dir.display()
        )));
    }
    crate::fs::read_text(&path)
}
