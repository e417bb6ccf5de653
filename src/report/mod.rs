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
//! files in the folder in that order.

mod contents;
mod data;
mod html;
mod markdown;

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

/// Writes the report into `dir` (created if missing).
pub fn write(base: &Network, req: &Request, dir: &Path) -> Result<Written> {
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::Write {
        path: dir.to_path_buf(),
        reason: e,
    })?;
    let c = Contents::gather(base, req)?;
    let mut texts = data::files(&c);
    texts.push(("report.md", markdown::document(&c).into()));
    texts.push(("index.html", html::document(&c).into()));
    let mut files = Vec::with_capacity(texts.len());
    for (name, text) in texts {
        let p = dir.join(name);
        crate::fs::write_atomic(&p, text.as_bytes())?;
        files.push(p);
    }
    Ok(Written { files })
}
