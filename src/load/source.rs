//! A network file's text and where things are in it: [`SourceFile`] (a file as given), [`Input`]
//! (where a file's text comes from: memory, or a file on disk read a piece at a time) and
//! [`Text`] (a file's text or a piece of it, with its records and a line look-up, so that every
//! message can name a line). The leaf the rest of the loader builds on: it imports nothing of
//! the loader but the record splitter.

use std::borrow::Cow;
use std::path::Path;

use super::records::{scan, Span};

/// One data file's text and the name used for it in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Shown in messages (a path, or `<embedded>/NAME`).
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// Where a network file's text comes from.
pub(super) enum Input<'a> {
    /// Held in memory (the embedded network, a converted GeoJSON file, a caller's text).
    Memory(&'a SourceFile),
    /// A TOML file read from disk a piece at a time, twice: once for everything but its links,
    /// then for the links, which need every node.
    Disk { path: &'a Path, name: &'a str },
}

impl Input<'_> {
    /// The file's name in messages.
    pub(super) fn name(&self) -> &str {
        match self {
            Input::Memory(f) => &f.name,
            Input::Disk { name, .. } => name,
        }
    }
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
    pub(crate) fn new(file: &'a SourceFile) -> Text<'a> {
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

    /// A piece whose line starts and records [`scan`] has already found (the reader of pieces
    /// scans before it cuts).
    pub(super) fn scanned(
        name: &'a str,
        text: String,
        line_starts: Vec<usize>,
        first_line: usize,
        spans: Vec<Span>,
    ) -> Text<'a> {
        Text {
            name,
            text: Cow::Owned(text),
            line_starts,
            first_line,
            spans,
        }
    }

    /// The memory of a text read into its own buffer, to be reused for the next piece: its
    /// bytes, line starts and records (`None` for a borrowed text).
    pub(super) fn into_buffers(self) -> Option<(Vec<u8>, Vec<usize>, Vec<Span>)> {
        match self.text {
            Cow::Owned(text) => Some((text.into_bytes(), self.line_starts, self.spans)),
            Cow::Borrowed(_) => None,
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

    /// The byte offset of the next line `header` after the line at `start`, among the sub-tables
    /// of the record (those whose header begins with `within`, such as `network.`): for arrays of
    /// tables such as `[[network.study.corridor]]`, taken one after the other.
    pub(crate) fn next_header(&self, start: usize, header: &str, within: &str) -> Option<usize> {
        let first = self.local_line(start);
        for (i, line) in self.text[self.line_starts[first - 1]..].lines().enumerate() {
            let t = line.trim();
            if i == 0 {
                continue;
            }
            if t == header {
                return Some(self.line_starts[first - 1 + i]);
            }
            let inner = t.trim_start_matches('[');
            if t.starts_with('[') && !inner.starts_with(within) {
                break;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::records::Kind;

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
}
