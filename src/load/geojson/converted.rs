//! The TOML converted from a GeoJSON file so far ([`Converted`]): its text, its lines, where each
//! record and sub-table starts, and the problems found.

use std::borrow::Cow;

use super::emit;
use super::feature::Problems;
use super::{LineMap, Place, Record};
use crate::load::json::Json;

/// The TOML made so far, its lines (in the whole converted file), where each record and
/// sub-table starts, and the problems found (field, message).
pub(super) struct Converted {
    pub(super) text: String,
    pub(super) lines: usize,
    pub(super) map: LineMap,
    pub(super) problems: Problems,
}

impl Converted {
    /// Nothing yet, after `lines` lines of the converted file.
    pub(super) fn after(lines: usize) -> Converted {
        Converted {
            text: String::new(),
            lines,
            map: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Appends the record `[[kind]]` (or `[kind]`) holding the table `entries`, noting where it
    /// and each of its sub-tables start.
    pub(super) fn push(
        &mut self,
        record: Record,
        kind: &str,
        array: bool,
        entries: &[(Cow<'_, str>, Json<'_>)],
    ) {
        let (map, first) = (&mut self.map, self.lines + 1);
        map.push((first, place(record, String::new())));
        self.lines += emit::record(&mut self.text, kind, array, entries, &mut |l, sub| {
            map.push((first + l, place(record, sub)));
        });
    }

    /// Appends a record written already: `lines` lines, its sub-tables at the given lines.
    pub(super) fn append(
        &mut self,
        record: Record,
        text: &str,
        lines: usize,
        subs: Vec<(usize, String)>,
    ) {
        let first = self.lines + 1;
        self.map.push((first, place(record, String::new())));
        self.map.extend(
            subs.into_iter()
                .map(|(l, sub)| (first + l, place(record, sub))),
        );
        self.text.push_str(text);
        self.lines += lines;
    }
}

fn place(record: Record, sub: String) -> Place {
    Place { record, sub }
}
