//! A network file's text and where things are in it: [`SourceFile`] (a file as given) and
//! [`Text`] (a file's text or a piece of it, with its records and a line look-up, so that every
//! message can name a line). The leaf the rest of the loader builds on: it imports nothing of
//! the loader but the record splitter.

use std::borrow::Cow;

use super::records::{scan, Span, LINE_STEP};

/// One data file's text and the name used for it in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Shown in messages (a path, or `<embedded>/NAME`).
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// A file's text, or a piece of it, with its records and a line look-up.
pub(crate) struct Text<'a> {
    pub(crate) name: &'a str,
    text: Cow<'a, str>,
    /// Byte offset of every [`LINE_STEP`]th line's start, within this text.
    line_index: Vec<usize>,
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
        let (mut line_index, mut spans) = (Vec::new(), Vec::new());
        scan(text.as_bytes(), first_line, &mut line_index, &mut spans);
        Text {
            name,
            text,
            line_index,
            first_line,
            spans,
        }
    }

    /// A piece whose line index and records [`scan`] has already found (the reader of pieces
    /// scans before it cuts).
    pub(super) fn scanned(
        name: &'a str,
        text: String,
        line_index: Vec<usize>,
        first_line: usize,
        spans: Vec<Span>,
    ) -> Text<'a> {
        Text {
            name,
            text: Cow::Owned(text),
            line_index,
            first_line,
            spans,
        }
    }

    /// The memory of a text read into its own buffer, to be reused for the next piece: its
    /// bytes, line index and records (`None` for a borrowed text).
    pub(super) fn into_buffers(self) -> Option<(Vec<u8>, Vec<usize>, Vec<Span>)> {
        match self.text {
            Cow::Owned(text) => Some((text.into_bytes(), self.line_index, self.spans)),
            Cow::Borrowed(_) => None,
        }
    }

    /// The text's length in bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.text.len()
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

    /// The 1-based line within this text: from the nearest indexed line, counting line breaks.
    fn local_line(&self, offset: usize) -> usize {
        let b = self.text.as_bytes();
        // At or past the end: the last line (a final line break starts no line).
        let offset = offset.min(b.len().saturating_sub(1));
        let k = self.line_index.partition_point(|&s| s <= offset).max(1);
        let from = self.line_index[k - 1].min(offset);
        (k - 1) * LINE_STEP + memchr::memchr_iter(b'\n', &b[from..offset]).count() + 1
    }

    /// The byte offset where the 1-based line `line` of this text starts.
    fn line_start(&self, line: usize) -> usize {
        let k = ((line - 1) / LINE_STEP).min(self.line_index.len() - 1);
        let skip = line - 1 - k * LINE_STEP;
        let from = self.line_index[k];
        if skip == 0 {
            return from;
        }
        memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..])
            .nth(skip - 1)
            .map_or(self.text.len(), |i| from + i + 1)
    }

    /// The lines from the one holding byte `start` on: each with its byte offset, without its
    /// line break.
    fn lines_from(&self, start: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
        let from = self.line_start(self.local_line(start));
        self.text[from..]
            .split_inclusive('\n')
            .scan(from, |at, line| {
                let here = *at;
                *at += line.len();
                let line = line.strip_suffix('\n').unwrap_or(line);
                Some((here, line.strip_suffix('\r').unwrap_or(line)))
            })
    }

    /// The line of `key = …` in the record whose header starts at `start`, stopping at the next
    /// table header; the header's line when the key is not written there.
    pub(crate) fn key_line(&self, start: usize, key: &str) -> usize {
        let first = self.local_line(start);
        for (i, (_, line)) in self.lines_from(start).enumerate() {
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
        for (i, (at, line)) in self.lines_from(start).enumerate() {
            let t = line.trim();
            if i > 0 && t.starts_with("[[") && !t.starts_with("[[node.transfer") {
                break;
            }
            if t == header {
                return Some(at);
            }
        }
        None
    }

    /// The byte offset of the next line `header` after the line at `start`, among the sub-tables
    /// of the record (those whose header begins with `within`, such as `network.`): for arrays of
    /// tables such as `[[network.study.corridor]]`, taken one after the other.
    pub(crate) fn next_header(&self, start: usize, header: &str, within: &str) -> Option<usize> {
        for (at, line) in self.lines_from(start).skip(1) {
            let t = line.trim();
            if t == header {
                return Some(at);
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

    /// The line index keeps every 64th line start; every offset's line is the one a full list
    /// of line starts gives, and the keys and sub-tables of a record far down are found.
    #[test]
    fn a_sparse_line_index_gives_every_line() {
        for tail in ["", "\n", "\r\n", "x"] {
            let mut text = String::new();
            for i in 0..300 {
                text.push_str(&"ab".repeat(i % 7));
                text.push_str(if i % 5 == 0 { "\r\n" } else { "\n" });
            }
            text.push_str("[[link]]\nid = 1\n\n[link.border]\nhours = 2\n");
            text.push_str(tail);
            let t = Text::piece("f", Cow::Borrowed(&text), 7);
            let starts: Vec<usize> = std::iter::once(0)
                .chain(
                    text.match_indices('\n')
                        .map(|(i, _)| i + 1)
                        .filter(|&i| i < text.len()),
                )
                .collect();
            for offset in 0..=text.len() + 2 {
                let want = 7 + starts.partition_point(|&s| s <= offset).max(1);
                assert_eq!(t.line_of(offset), want, "offset {offset} of {}", text.len());
            }
            let link = t.spans()[1].start;
            assert_eq!(t.key_line(link, "id"), 7 + 302);
            assert_eq!(t.subtable(link, "[link.border]"), Some(starts[303]));
        }
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
