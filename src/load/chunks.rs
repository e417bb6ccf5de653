//! Reading a large network file a piece at a time ([`Chunks`]), each piece ending at a record
//! boundary, so that a network of millions of records is checked without its whole text in
//! memory; each piece is a [`Text`] with its records and lines numbered from its place in the file.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::records::{scan, Span, MAX_RECORD_BYTES};
use super::source::Text;
use crate::error::{Error, Result};

/// How many bytes [`Chunks`] reads at a time (a piece grows past it only for a longer record).
pub(super) const CHUNK_BYTES: usize = 8 << 20;

/// Reads a network file a piece at a time: each piece is whole records (see [`Text`]), so that
/// checking a file needs memory for one piece, not for the file.
pub(super) struct Chunks<'a> {
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
    pub(super) fn open(path: &Path, name: &'a str) -> Result<Chunks<'a>> {
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
    pub(super) fn stamp(&self) -> crate::fs::Stamp {
        self.stamp
    }

    /// Hands a piece back when done with it, so that the next one reuses its memory.
    pub(super) fn recycle(&mut self, piece: Text<'a>) {
        if let Some(buffers) = piece.into_buffers() {
            self.spare = Some(buffers);
        }
    }

    /// The error of a record (or a text before the first header) longer than
    /// [`MAX_RECORD_BYTES`], at the line where it starts.
    fn record_too_long(&self) -> Error {
        let mib = MAX_RECORD_BYTES >> 20;
        let message = format!(
            "no record header ([network], [[node]], [[link]], …) in the {mib} MiB from here: a record is at most {mib} MiB; is this a network file?"
        );
        Error::InvalidNetwork {
            problems: vec![crate::error::Problem {
                file: self.name.to_string(),
                line: self.lines + 1,
                field: "record".into(),
                message,
            }],
        }
    }

    /// The next piece, or `None` at the end of the file.
    pub(super) fn next_piece(&mut self) -> Result<Option<Text<'a>>> {
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
            let (mut rest, mut line_index, mut spans) = self.spare.take().unwrap_or_default();
            let lines = scan(&self.carry, self.lines, &mut line_index, &mut spans);
            // Where the piece ends, and its lines.
            let (cut, lines) = if self.eof {
                (self.carry.len(), lines)
            } else if spans.len() >= 2 {
                // The last record may go on in the bytes not read yet.
                spans.pop().map_or((self.carry.len(), lines), |last| {
                    (last.start, last.line - 1 - self.lines)
                })
            } else if self.carry.len() > MAX_RECORD_BYTES {
                // One record longer than any a network has: refused before reading more.
                return Err(self.record_too_long());
            } else {
                // One record longer than the piece: read more.
                self.want = self.want.saturating_mul(2).min(MAX_RECORD_BYTES + 1);
                self.spare = Some((rest, line_index, spans));
                continue;
            };
            line_index.truncate(line_index.partition_point(|&s| s < cut));
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
            self.lines += lines;
            self.offset += piece.len() as u64;
            self.want = CHUNK_BYTES.max(self.carry.len() + CHUNK_BYTES / 2);
            return Ok(Some(Text::scanned(
                self.name, piece, line_index, first_line, spans,
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

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
        let whole = Text::piece("n.toml", Cow::Borrowed(&text), 0)
            .spans()
            .to_vec();
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
            let whole = Text::piece("n.toml", Cow::Borrowed(&text), 0).spans().to_vec();
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

    /// A file without record headers (here 600 MB of NUL bytes, sparse on disk) was once read
    /// whole, the piece doubling until the file ended: memory ran out. It is refused once one
    /// record passes `MAX_RECORD_BYTES`, having read little more.
    #[test]
    fn a_file_without_record_headers_is_refused_after_the_longest_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("zeros.toml");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(600 << 20).unwrap();
        drop(f);
        let mut chunks = Chunks::open(&path, "zeros.toml").unwrap();
        let e = chunks.next_piece().err().expect("refused").to_string();
        assert!(e.contains("zeros.toml:1: record: no record header"), "{e}");
        assert!(e.contains("a record is at most 16 MiB"), "{e}");
        assert!(
            chunks.carry.capacity() <= 2 * MAX_RECORD_BYTES + 2 * CHUNK_BYTES,
            "read {} bytes",
            chunks.carry.capacity()
        );
        // A long record after others is refused at its own line.
        let path = dir.path().join("long.toml");
        let mut text = String::from("[[node]]\nid = \"a\"\n[[link]]\n");
        let comment = format!("#{}\n", "x".repeat(1022));
        text.push_str(&comment.repeat(MAX_RECORD_BYTES / 1024 + 1));
        std::fs::write(&path, text).unwrap();
        let mut chunks = Chunks::open(&path, "long.toml").unwrap();
        let mut lines = Vec::new();
        let e = loop {
            match chunks.next_piece() {
                Ok(Some(piece)) => lines.push(piece.spans().len()),
                Ok(None) => panic!("read whole: {lines:?}"),
                Err(e) => break e.to_string(),
            }
        };
        assert!(e.contains("long.toml:3: record:"), "{e}");
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
