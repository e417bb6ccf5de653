//! The records of a network file and where they are.
//!
//! A network file is a sequence of top-level records: each `[[node]]`, `[[link]]`, `[network]`,
//! `[[service]]`, … header starts one, which runs to the next (its sub-tables, such as
//! `[[node.transfer]]` or `[link.border]`, belong to it). This module splits a text into those
//! records with their kinds and lines, answers "which line is this byte on" for messages
//! ([`Text`]), and reads a large file a piece at a time, each piece ending at a record boundary
//! ([`Chunks`]), so that a network of millions of records is checked without its whole text in
//! memory. A header-like line inside a multi-line string is text, not a header.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

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

/// One record of a [`Text`]: bytes `start..end`, whose first line is `line` (1-based, in its file).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub kind: Kind,
}

/// A file's text, or a piece of it, with its records and a line look-up.
pub(crate) struct Text<'a> {
    pub(crate) name: &'a str,
    text: Cow<'a, str>,
    /// Byte offset of each line's start, within this text.
    line_starts: Vec<usize>,
    /// Lines of the file before this text (0 for a whole file).
    first_line: usize,
    spans: Vec<Span>,
}

impl<'a> Text<'a> {
    /// A whole in-memory file.
    pub(crate) fn new(file: &'a super::SourceFile) -> Text<'a> {
        Text::piece(&file.name, Cow::Borrowed(&file.text), 0)
    }

    /// A piece of the file `name` that starts after its first `first_line` lines.
    pub(crate) fn piece(name: &'a str, text: Cow<'a, str>, first_line: usize) -> Text<'a> {
        let (mut line_starts, mut spans) = (Vec::new(), Vec::new());
        scan(text.as_bytes(), first_line, &mut line_starts, &mut spans);
        Text {
            name,
            text,
            line_starts,
            first_line,
            spans,
        }
    }

    /// The records, in order.
    pub(crate) fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// A record's text.
    pub(crate) fn slice(&self, span: &Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The 1-based line (in the file) of a byte offset of this text.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.local_line(offset)
    }

    /// The 1-based line within this text.
    fn local_line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The line of `key = …` in the record whose header starts at `start`, stopping at the next
    /// table header; the header's line when the key is not written there.
    pub(crate) fn key_line(&self, start: usize, key: &str) -> usize {
        let first = self.local_line(start);
        for (i, line) in self.text[self.line_starts[first - 1]..].lines().enumerate() {
            let t = line.trim_start();
            if i > 0 && t.starts_with('[') {
                break;
            }
            if let Some(rest) = t.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    return self.first_line + first + i;
                }
            }
        }
        self.first_line + first
    }

    /// The byte offset of the line `header` (such as `[link.border]`) in the record that starts
    /// at `start`, if the record has one.
    pub(crate) fn subtable(&self, start: usize, header: &str) -> Option<usize> {
        let first = self.local_line(start);
        for (i, line) in self.text[self.line_starts[first - 1]..].lines().enumerate() {
            let t = line.trim();
            if i > 0 && t.starts_with("[[") && !t.starts_with("[[node.transfer") {
                break;
            }
            if t == header {
                return Some(self.line_starts[first - 1 + i]);
            }
        }
        None
    }
}

/// Splits a TOML text into records (see the module docs). Returns (byte offset, text) pairs; text
/// before the first header is a record of its own.
#[cfg(test)]
pub(crate) fn records(text: &str) -> Vec<(usize, &str)> {
    let (mut line_starts, mut spans) = (Vec::new(), Vec::new());
    scan(text.as_bytes(), 0, &mut line_starts, &mut spans);
    spans
        .into_iter()
        .map(|s| (s.start, &text[s.start..s.end]))
        .collect()
}

/// The line starts and records of a text whose first line is line `first_line + 1` of its file,
/// written into the given vectors (emptied first; passed in so that their memory is reused).
fn scan(b: &[u8], first_line: usize, line_starts: &mut Vec<usize>, spans: &mut Vec<Span>) {
    line_starts.clear();
    spans.clear();
    line_starts.push(0);
    line_starts.extend(
        memchr::memchr_iter(b'\n', b)
            .map(|i| i + 1)
            .filter(|&i| i < b.len()),
    );
    // Only a line with triple quotes can open or close a multi-line string: find them with a
    // fast search instead of looking at every line.
    let mut next_triple = Triples::new(b);
    let mut open: Option<&'static str> = None;
    let mut start = (0, first_line + 1, Kind::Other);
    for (li, &at) in line_starts.iter().enumerate() {
        let end = line_starts.get(li + 1).copied().unwrap_or(b.len());
        let at_top = open.is_none();
        if open.is_some() || next_triple.before(at, end) {
            open = multiline_state(&b[at..end], open);
        }
        if !at_top {
            continue;
        }
        let first = b[at..end].iter().position(|&c| c != b' ' && c != b'\t');
        if first.is_none_or(|i| b[at + i] != b'[') {
            continue;
        }
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
    spans.push(Span {
        start: start.0,
        end: b.len(),
        line: start.1,
        kind: start.2,
    });
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
        | b"[scenario]" | b"[[edit]]" => Some(Kind::Other),
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
pub(crate) fn multiline_state(b: &[u8], mut open: Option<&'static str>) -> Option<&'static str> {
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

// ---------------------------------------------------------------------------------------------
// Reading a large file in pieces.

/// How many bytes [`Chunks`] reads at a time (a piece grows past it only for a longer record).
pub(crate) const CHUNK_BYTES: usize = 8 << 20;

/// Reads a network file a piece at a time: each piece is whole records (see [`Text`]), so that
/// checking a file needs memory for one piece, not for the file.
pub(crate) struct Chunks<'a> {
    name: &'a str,
    path: PathBuf,
    file: std::fs::File,
    /// Bytes read but not yet handed out (the start of an unfinished record).
    carry: Vec<u8>,
    eof: bool,
    /// Bytes and lines of the file handed out so far.
    offset: u64,
    lines: usize,
    /// How much to have in hand before cutting a piece.
    want: usize,
    /// The file's identity when opened, to notice a change between two reads of it.
    stamp: crate::fs::Stamp,
    /// Memory of a piece handed back (see [`Chunks::recycle`]) for the next one.
    spare: Option<(Vec<u8>, Vec<usize>, Vec<Span>)>,
}

impl<'a> Chunks<'a> {
    /// Opens `path` (named `name` in messages); it must be a regular file of at most
    /// [`crate::fs::MAX_NETWORK_BYTES`].
    pub(crate) fn open(path: &Path, name: &'a str) -> Result<Chunks<'a>> {
        let (file, stamp) = crate::fs::open_input(path, crate::fs::MAX_NETWORK_BYTES)?;
        Ok(Chunks {
            name,
            path: path.to_path_buf(),
            file,
            carry: Vec::new(),
            eof: false,
            offset: 0,
            lines: 0,
            want: CHUNK_BYTES,
            stamp,
            spare: None,
        })
    }

    /// The file's size and modification time when opened.
    pub(crate) fn stamp(&self) -> crate::fs::Stamp {
        self.stamp
    }

    /// Hands a piece back when done with it, so that the next one reuses its memory.
    pub(crate) fn recycle(&mut self, piece: Text<'a>) {
        if let Cow::Owned(text) = piece.text {
            self.spare = Some((text.into_bytes(), piece.line_starts, piece.spans));
        }
    }

    /// The next piece, or `None` at the end of the file.
    pub(crate) fn next_piece(&mut self) -> Result<Option<Text<'a>>> {
        let io = |reason| Error::Io {
            path: self.path.clone(),
            reason,
        };
        loop {
            while !self.eof && self.carry.len() < self.want {
                let have = self.carry.len();
                let room = self.want - have;
                let n = (&mut self.file)
                    .take(room as u64)
                    .read_to_end(&mut self.carry)
                    .map_err(io)?;
                if n == 0 {
                    self.eof = true;
                }
                if self.offset + self.carry.len() as u64 > crate::fs::MAX_NETWORK_BYTES {
                    return Err(crate::fs::input_error(
                        &self.path,
                        "grew beyond the input size limit while read",
                    ));
                }
            }
            if self.carry.is_empty() {
                return Ok(None);
            }
            let (mut rest, mut line_starts, mut spans) = self.spare.take().unwrap_or_default();
            scan(&self.carry, self.lines, &mut line_starts, &mut spans);
            let cut = if self.eof {
                self.carry.len()
            } else if spans.len() >= 2 {
                // The last record may go on in the bytes not read yet.
                spans.pop().map_or(self.carry.len(), |s| s.start)
            } else {
                // One record longer than the piece: read more.
                self.want = self.want.saturating_mul(2);
                self.spare = Some((rest, line_starts, spans));
                continue;
            };
            line_starts.truncate(line_starts.partition_point(|&s| s < cut));
            rest.clear();
            rest.extend_from_slice(&self.carry[cut..]);
            self.carry.truncate(cut);
            // A piece ends at a line's start, so between characters of a UTF-8 text.
            let piece =
                String::from_utf8(std::mem::replace(&mut self.carry, rest)).map_err(|e| {
                    crate::fs::input_error(
                        &self.path,
                        &format!(
                            "not UTF-8 text (invalid byte at offset {})",
                            self.offset + e.utf8_error().valid_up_to() as u64
                        ),
                    )
                })?;
            let first_line = self.lines;
            self.lines += line_starts.len();
            self.offset += piece.len() as u64;
            self.want = CHUNK_BYTES.max(self.carry.len() + CHUNK_BYTES / 2);
            return Ok(Some(Text {
                name: self.name,
                text: Cow::Owned(piece),
                line_starts,
                first_line,
                spans,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_top_level_headers_with_kinds_and_lines() {
        let text = "# c\n[network]\nname = \"x\"\n[[node]]\nid = \"a\"\n[[node.transfer]]\nkind = \"k\"\n  [[link]] # l\nfrom = \"a\"\n[link.border]\nhours = 1\n";
        let (mut line_starts, mut spans) = (Vec::new(), Vec::new());
        scan(text.as_bytes(), 10, &mut line_starts, &mut spans);
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
    fn a_header_inside_a_multi_line_string_is_text() {
        for q in ["\"\"\"", "'''"] {
            let text = format!("[[link]]\nx = {q}\n[[node]]\n{q}\n[[node]]\nid = 1\n");
            let spans = Text::piece("t", Cow::Borrowed(&text), 0).spans;
            let kinds: Vec<_> = spans.iter().map(|s| (s.kind, s.line)).collect();
            assert_eq!(kinds, [(Kind::Link, 1), (Kind::Node, 5)], "{q}");
        }
        // Two strings on one line, and a triple quote inside a one-line string, open nothing.
        let text = "[[link]]\na = \"\"\"x\"\"\" # \"\"\"\nb = '\"\"\"'\n[[node]]\n";
        assert_eq!(Text::piece("t", Cow::Borrowed(text), 0).spans.len(), 2);
    }

    #[test]
    fn lines_of_a_piece_count_from_its_place_in_the_file() {
        let t = Text::piece("f", Cow::Borrowed("[[node]]\nid = 1\nname = 2\n"), 40);
        assert_eq!(t.line_of(0), 41);
        assert_eq!(t.line_of(9), 42);
        assert_eq!(t.key_line(0, "name"), 43);
        assert_eq!(t.key_line(0, "kind"), 41);
    }

    /// Pieces read from a file are whole records, in order, with their file lines, for any piece
    /// size, including records and characters cut at the piece's end.
    #[test]
    fn pieces_of_a_file_are_its_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.toml");
        let mut text = String::from("[network]\nname = \"ü\"\n");
        for i in 0..300 {
            text.push_str(&format!(
                "\n[[node]]\nid = \"n{i}\"\nname = \"Ünïcode {i} ✓\"\nnote = '''\n[[link]]\n'''\n"
            ));
        }
        std::fs::write(&path, &text).unwrap();
        let whole = Text::piece("n.toml", Cow::Borrowed(&text), 0).spans;
        for want in [1, 7, 64, 1000, 1 << 20] {
            let mut chunks = Chunks::open(&path, "n.toml").unwrap();
            chunks.want = want;
            let mut got = Vec::new();
            let mut pieces = 0;
            while let Some(piece) = chunks.next_piece().unwrap() {
                pieces += 1;
                for s in piece.spans() {
                    got.push((piece.slice(s).to_string(), s.line, s.kind));
                }
                chunks.recycle(piece);
                chunks.want = want;
            }
            let expected: Vec<_> = whole
                .iter()
                .map(|s| (text[s.start..s.end].to_string(), s.line, s.kind))
                .collect();
            assert_eq!(got, expected, "pieces of {want} bytes");
            assert!(want >= 1 << 20 || pieces > 1);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any mix of headers, sub-tables, comments, multi-line strings holding header-like
        /// lines, blank and CRLF lines and multi-byte text, read in pieces of any size, gives
        /// the records the whole text gives.
        #[test]
        fn pieces_of_any_size_give_the_records_of_the_whole(
            parts in proptest::collection::vec(0usize..12, 1..60),
            want in 1usize..300,
        ) {
            const PARTS: [&str; 12] = [
                "[[node]]\n",
                "[[link]]\n",
                "[network]\n",
                "[link.border]\n",
                "  [[node]] # a comment\n",
                "id = \"ünï ✓\"\n",
                "note = \"\"\"\n[[link]]\n\"\"\"\n",
                "note = '''\n[[node]]\n'''\n",
                "# [[link]]\n",
                "\r\n",
                "\n",
                "x = \"a \\\" [[node]]\"\n",
            ];
            let text: String = parts.iter().map(|&i| PARTS[i]).collect();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("n.toml");
            std::fs::write(&path, &text).unwrap();
            let whole = Text::piece("n.toml", Cow::Borrowed(&text), 0).spans;
            let expected: Vec<_> = whole
                .iter()
                .map(|s| (text[s.start..s.end].to_string(), s.line, s.kind))
                .collect();
            let mut chunks = Chunks::open(&path, "n.toml").unwrap();
            chunks.want = want;
            let mut got = Vec::new();
            while let Some(piece) = chunks.next_piece().unwrap() {
                for s in piece.spans() {
                    got.push((piece.slice(s).to_string(), s.line, s.kind));
                }
                chunks.recycle(piece);
                chunks.want = want;
            }
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_with_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.toml");
        std::fs::write(&path, b"[network]\nname = \"\xff\"\n").unwrap();
        let mut chunks = Chunks::open(&path, "n.toml").unwrap();
        let e = chunks.next_piece().err().unwrap().to_string();
        assert!(
            e.contains("not UTF-8 text (invalid byte at offset 18)"),
            "{e}"
        );
    }
}
