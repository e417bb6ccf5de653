//! What the conversion of a GeoJSON file finds, kept across the loader's passes ([`State`]), and
//! the passes ([`Pass`]).

use super::LineMap;
use crate::error::Problem;

/// The loader's passes over a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// Every feature but the links, and the collection's members.
    First,
    /// The links.
    Links,
}

/// One bit per feature.
#[derive(Debug, Default)]
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub(super) fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
    pub(super) fn insert(&mut self, i: usize) {
        if self.0.len() <= i / 64 {
            self.0.resize(i / 64 + 1, 0);
        }
        self.0[i / 64] |= 1 << (i % 64);
    }
}

/// What the conversion of a file found, kept across the passes.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Lines of TOML made so far (both passes number them on).
    pub(super) lines: usize,
    /// Where each feature's record starts: (line, feature index), by line.
    pub(super) features: Vec<(usize, usize)>,
    /// Where each record of the `corridor` member and its sub-tables start.
    pub(super) tables: LineMap,
    /// The features that are links.
    pub(super) links: Bits,
    /// The features' and the member's problems: (feature index, or `usize::MAX` for the member;
    /// field; message).
    pub(super) problems: Vec<(usize, String, String)>,
    /// The collection's `type`, when a text.
    pub(super) kind: Option<String>,
    /// A flat view's member: the file's one problem (field, message).
    pub(super) refused: Option<(String, String)>,
    /// What the collection is not (no `features`, not a FeatureCollection).
    pub(super) shape: Option<Problem>,
    /// The error that stopped the reading.
    pub(super) stopped: Option<Problem>,
}
