//! The records of a network file and where they are.
//!
//! A network file is a sequence of top-level records: each `[[node]]`, `[[link]]`, `[network]`,
//! `[[service]]`, … header starts one, which runs to the next (its sub-tables, such as
//! `[[node.transfer]]` or `[link.border]`, belong to it). This module splits a text into those
//! records with their kinds and first lines ([`scan`]), and finds where each line starts, for the
//! line look-up of a [`Text`](super::source::Text). A header-like line inside a multi-line string
//! is text, not a header. It knows nothing of files or of what a record holds.

/// The longest record read, bytes (16 MiB): from one top-level header to the next, or the text
/// before the first header. A network's longest records (a link with a detailed geometry) are
/// well under 1 MiB; a file without record headers (not a network, scenario or demand file) is
/// refused after this many bytes instead of being read whole.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// The most keys one table of a record may have (a `source` table, a node's or link's fields,
/// `[network.emissions.grid_g_per_kwh]`); the longest in the format has a few dozen.
pub const MAX_KEYS: usize = 1_000;

/// What a record is, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A `[[node]]` table.
    Node,
    /// A `[[link]]` table.
    Link,
    /// Any other record (`[network]`, `[[service]]`, …, or the text before the first header).
    Other,
}

/// One record of a [`Text`](super::source::Text): bytes `start..end`, whose first line is `line`
/// (1-based, in its file).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub kind: Kind,
}

/// Splits a TOML text into records (see the module docs). Returns (byte offset, text) pairs; text
/// before the first header is a record of its own.
#[cfg(test)]
pub(super) fn records(text: &str) -> Vec<(usize, &str)> {
    let (mut line_index, mut spans) = (Vec::new(), Vec::new());
    scan(text.as_bytes(), 0, &mut line_index, &mut spans);
    spans
        .into_iter()
        .map(|s| (s.start, &text[s.start..s.end]))
        .collect()
}

/// A text's line index keeps the start of every this many lines (the first, the 65th, …); the
/// lines between are found by counting line breaks from the nearest, so that the index of a text
/// of many short lines stays small.
pub(super) const LINE_STEP: usize = 64;

/// The line index (see [`LINE_STEP`]) and records of a text whose first line is line
/// `first_line + 1` of its file, written into the given vectors (emptied first; passed in so
/// that their memory is reused). Returns the number of lines.
pub(super) fn scan(
    b: &[u8],
    first_line: usize,
    line_index: &mut Vec<usize>,
    spans: &mut Vec<Span>,
) -> usize {
    line_index.clear();
    spans.clear();
    // Only a line with triple quotes can open or close a multi-line string: find them with a
    // fast search instead of looking at every line.
    let mut next_triple = Triples::new(b);
    let mut open: Option<&'static str> = None;
    let mut start = (0, first_line + 1, Kind::Other);
    let mut breaks = memchr::memchr_iter(b'\n', b);
    let (mut at, mut li) = (0, 0);
    loop {
        // A line runs to just after its line break (the last one to the end of the text).
        let end = breaks.next().map_or(b.len(), |i| i + 1);
        if li % LINE_STEP == 0 {
            line_index.push(at);
        }
        let at_top = open.is_none();
        if open.is_some() || next_triple.before(at, end) {
            open = multiline_state(&b[at..end], open);
        }
        let first = b[at..end].iter().position(|&c| c != b' ' && c != b'\t');
        if at_top && first.is_some_and(|i| b[at + i] == b'[') {
            if let Some(kind) = header_kind(&b[at..end]) {
                if at == 0 {
                    start.2 = kind;
                } else {
                    spans.push(Span {
                        start: start.0,
                        end: at,
                        line: start.1,
                        kind: start.2,
                    });
                    start = (at, first_line + li + 1, kind);
                }
            }
        }
        li += 1;
        if end >= b.len() {
            break;
        }
        at = end;
    }
    spans.push(Span {
        start: start.0,
        end: b.len(),
        line: start.1,
        kind: start.2,
    });
    li
}

/// Whether a record's first line is the top-level header `header` (such as `[[flow]]`), blanks
/// and a comment aside.
pub(crate) fn starts_with_header(record: &str, header: &str) -> bool {
    let line = record.split('\n').next().unwrap_or("");
    let line = line.split('#').next().unwrap_or("");
    line.chars()
        .filter(|c| !c.is_whitespace())
        .eq(header.chars())
}

/// The kind of record a top-level header line starts, or `None` when the line is not one (a
/// sub-table such as `[link.border]`, or not a header).
fn header_kind(line: &[u8]) -> Option<Kind> {
    // The header without blanks and without a trailing comment; at most "[[variability]]".
    let mut head = [0u8; 16];
    let mut n = 0;
    for &c in line {
        match c {
            b'#' => break,
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ if n == head.len() => return None,
            _ => {
                head[n] = c;
                n += 1;
            }
        }
    }
    match &head[..n] {
        b"[[node]]" => Some(Kind::Node),
        b"[[link]]" => Some(Kind::Link),
        b"[[service]]" | b"[[family]]" | b"[[variability]]" | b"[[capacity]]" | b"[network]"
        | b"[scenario]" | b"[[edit]]" | b"[demand]" | b"[[flow]]" => Some(Kind::Other),
        _ => None,
    }
}

/// The positions of `"""` and `'''` in a text, found in order.
struct Triples<'b> {
    b: &'b [u8],
    /// The next position of each at or after the last query, or `usize::MAX` for none.
    next: [usize; 2],
}

const TRIPLES: [&[u8]; 2] = [b"\"\"\"", b"'''"];

impl<'b> Triples<'b> {
    fn new(b: &'b [u8]) -> Triples<'b> {
        let mut t = Triples { b, next: [0; 2] };
        for slot in 0..2 {
            t.next[slot] = t.search(slot, 0);
        }
        t
    }

    fn search(&self, slot: usize, from: usize) -> usize {
        memchr::memmem::find(&self.b[from..], TRIPLES[slot]).map_or(usize::MAX, |i| from + i)
    }

    /// Whether a triple quote starts within `at..end` (queries in increasing order of `at`).
    fn before(&mut self, at: usize, end: usize) -> bool {
        for slot in 0..2 {
            if self.next[slot] < at {
                self.next[slot] = self.search(slot, at);
            }
        }
        self.next.iter().any(|&n| n < end)
    }
}

/// Whether a multi-line string (`"""` or `'''`) is still open after `line`, given whether one
/// was open before it: a header-like line inside such a string is text, not a new record.
fn multiline_state(b: &[u8], mut open: Option<&'static str>) -> Option<&'static str> {
    let mut i = 0;
    while i < b.len() {
        match open {
            Some(close) => {
                if close == "\"\"\"" && b[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if b[i..].starts_with(close.as_bytes()) {
                    open = None;
                    i += 3;
                    continue;
                }
                i += 1;
            }
            None => match b[i] {
                b'#' => break,
                b'"' | b'\'' => {
                    let q = b[i];
                    let triple = if q == b'"' { "\"\"\"" } else { "\'\'\'" };
                    if b[i..].starts_with(triple.as_bytes()) {
                        open = Some(triple);
                        i += 3;
                        continue;
                    }
                    // A one-line string: skip to its closing quote.
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += if q == b'"' && b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                _ => i += 1,
            },
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_top_level_headers_with_kinds_and_lines() {
        let text = "# c\n[network]\nname = \"x\"\n[[node]]\nid = \"a\"\n[[node.transfer]]\nkind = \"k\"\n  [[link]] # l\nfrom = \"a\"\n[link.border]\nhours = 1\n";
        let (mut line_index, mut spans) = (Vec::new(), Vec::new());
        scan(text.as_bytes(), 10, &mut line_index, &mut spans);
        let got: Vec<_> = spans
            .iter()
            .map(|s| (&text[s.start..s.end], s.line, s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("# c\n", 11, Kind::Other),
                ("[network]\nname = \"x\"\n", 12, Kind::Other),
                (
                    "[[node]]\nid = \"a\"\n[[node.transfer]]\nkind = \"k\"\n",
                    14,
                    Kind::Node
                ),
                (
                    "  [[link]] # l\nfrom = \"a\"\n[link.border]\nhours = 1\n",
                    18,
                    Kind::Link
                ),
            ]
        );
    }

    #[test]
    fn a_header_line_inside_a_multiline_string_does_not_split_a_record() {
        let text = "[[link]]\nid = \"x\"\nnote = \"\"\"\n[[node]]\n\"\"\"\nfrom = \"a\"\n[[node]]\nid = \"b\"\nlit = \'\'\'\n[network]\n\'\'\'\n";
        let r = records(text);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[0].1.contains("from = \"a\""));
        assert!(r[1].1.starts_with("[[node]]\nid = \"b\""));
        // Quotes inside one-line strings and comments do not open anything.
        assert_eq!(multiline_state(b"a = \"x\\\"\"\"\" # \"\"\"\n", None), None);
        assert_eq!(multiline_state(b"a = \'\"\"\"\' # x\n", None), None);
    }

    #[test]
    fn records_split_at_top_level_headers_only() {
        let text =
            "# c\n[[node]]\nid = 1\n[[node.transfer]]\nx = 1\n[[link]] # comment\n[link.border]\n";
        let r = records(text);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0], (0, "# c\n"));
        assert!(r[1].1.starts_with("[[node]]") && r[1].1.contains("[[node.transfer]]"));
        assert!(r[2].1.starts_with("[[link]]") && r[2].1.contains("[link.border]"));
    }
}
