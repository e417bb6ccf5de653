//! `corridor report`: the default study (or any comparison) written as one folder a report
//! writer can use as it is: a self-contained `index.html` (tables, the map and charts inline,
//! each scenario's edits with rationale and source, the reliability study, the data's
//! provenance and gaps, the data year and the version), the same as `report.md`, every table as
//! CSV and JSON, the routes as GeoJSON, and the figures as SVG files. Every file is written
//! atomically; the same inputs give the same bytes.
//!
//! [`write()`] runs the studies once (`contents`: the comparison, the first scenario's reliability
//! study, the figures and the shared words), has each document made as text (`data`: the CSV,
//! JSON, GeoJSON and SVG files; `markdown`: `report.md`; `html`: `index.html`), then puts the
//! files in a fresh folder beside the target, which then replaces the target whole.

mod calibration;
mod captions;
mod contents;
mod data;
mod html;
mod html_parts;
mod investments;
mod markdown;
mod sensitivity;
mod summary;
mod words;

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::network::Network;
use contents::Contents;
pub use contents::Request;

/// The files of a finished report, by name, in writing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// Paths written.
    pub files: Vec<PathBuf>,
}

/// The marker file of a report folder: a folder holding it was written by `corridor report`, and
/// the next report written there replaces it as a whole.
pub const MARKER: &str = ".corridor-report";

const MARKER_TEXT: &str = "This folder was written by `corridor report`. The next report written here replaces the\nwhole folder: keep no other files in it.\n";

/// Writes the report as the folder `dir`: built beside it and swapped in whole, so that `dir`
/// holds exactly one complete study (see [`crate::fs::write_folder`]). `dir` must be missing,
/// empty, or a folder an earlier report wrote (it holds [`MARKER`]); anything else is refused
/// before the study runs.
pub fn write(base: &Network, req: &Request, dir: &Path) -> Result<Written> {
    crate::fs::check_folder(dir, MARKER)?;
    let c = Contents::gather(base, req)?;
    let figures = captions::figures(&c);
    let mut texts = data::files(&c);
    let names: Vec<&str> = texts.iter().map(|(n, _)| *n).collect();
    let md = markdown::document(&c, &figures, &names);
    let html = html::document(&c, &figures, &names);
    texts.push(("report.md", md.into()));
    texts.push(("index.html", html.into()));
    let files: Vec<(&str, &[u8])> = texts.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let files = crate::fs::write_folder(dir, MARKER, MARKER_TEXT, &files)?;
    Ok(Written { files })
}
