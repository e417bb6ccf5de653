//! Where a network file's text comes from ([`Input`]): memory, a TOML file on disk read a piece at
//! a time, or a GeoJSON file converted a piece at a time.

use std::path::Path;

use super::geojson::GeoFile;
use super::source::SourceFile;

/// Where a network file's text comes from.
pub(super) enum Input<'a> {
    /// Held in memory (the embedded network, a caller's text).
    Memory(&'a SourceFile),
    /// A TOML file read from disk a piece at a time, twice: once for everything but its links,
    /// then for the links, which need every node.
    Disk { path: &'a Path, name: &'a str },
    /// A GeoJSON file (on disk or in memory), read and converted a piece at a time, twice.
    Geo(&'a GeoFile<'a>),
}

impl Input<'_> {
    /// The file's name in messages.
    pub(super) fn name(&self) -> &str {
        match self {
            Input::Memory(f) => &f.name,
            Input::Disk { name, .. } => name,
            Input::Geo(g) => g.name,
        }
    }

    /// The file's size in bytes, for a progress count (0 when it cannot be read: the pass that
    /// opens it reports why).
    pub(super) fn bytes(&self) -> u64 {
        match self {
            Input::Memory(f) => f.text.len() as u64,
            Input::Disk { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
            Input::Geo(g) => g.bytes(),
        }
    }
}
