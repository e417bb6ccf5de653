//! A GeoJSON network file read a piece at a time in each of the loader's two passes, as a TOML
//! file on disk is: about 8 MiB of the file at a time, cut between two features (see `scan`),
//! each piece converted on every core (see `convert`) into TOML records with a map from their
//! lines back to the features. The first pass converts every feature but the links, and the
//! `corridor` member; the second only the links (which the first noted, a bit each). So the
//! file's text is never all in memory, nor a tree of it: at most a piece and its TOML.
//!
//! What a file's conversion found is kept with the file ([`GeoFile`]) across the passes: where
//! each converted record starts, the problems of the features and of the member, and the first
//! error that stopped the reading (JSON that is not valid, with its line and column).

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;

use super::convert::{self, Event, JsonError};
use super::converted::Converted;
use super::scan::{Scanner, Step, Stop, MEMBER_BYTES};
pub(crate) use super::state::{Pass, State};
use super::LineMap;
use crate::error::{Error, Problem, Result};
use crate::load::chunks::CHUNK_BYTES;
use crate::load::records::MAX_RECORD_BYTES;
use crate::load::source::Text;

/// Where a GeoJSON file's text is.
enum Origin<'a> {
    Disk(&'a Path),
    Memory(&'a str),
}

impl<'a> Origin<'a> {
    fn memory(&self) -> Option<&'a str> {
        match self {
            Origin::Memory(t) => Some(t),
            Origin::Disk(_) => None,
        }
    }
}

/// A GeoJSON network file, and what its conversion found.
pub(crate) struct GeoFile<'a> {
    pub(crate) name: &'a str,
    origin: Origin<'a>,
    pub(super) state: Mutex<State>,
}

impl<'a> GeoFile<'a> {
    /// A file on disk, read a piece at a time.
    pub(crate) fn disk(path: &'a Path, name: &'a str) -> GeoFile<'a> {
        GeoFile {
            name,
            origin: Origin::Disk(path),
            state: Mutex::default(),
        }
    }

    /// A text in memory.
    pub(crate) fn memory(name: &'a str, text: &'a str) -> GeoFile<'a> {
        GeoFile {
            name,
            origin: Origin::Memory(text),
            state: Mutex::default(),
        }
    }

    /// The file's size in bytes (0 when it cannot be read: the pass that opens it says why).
    pub(crate) fn bytes(&self) -> u64 {
        match self.origin {
            Origin::Disk(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Origin::Memory(t) => t.len() as u64,
        }
    }

    /// The file's path on disk, if it is there.
    pub(crate) fn path(&self) -> Option<&'a Path> {
        match self.origin {
            Origin::Disk(p) => Some(p),
            Origin::Memory(_) => None,
        }
    }

    /// What the conversion found, for a moment.
    pub(super) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The problems of the conversion, in order: the error that stopped the reading, or else what
    /// the collection is not, or else a flat view's refusal, or else the features' problems in
    /// their order and then the member's.
    pub(crate) fn problems(&self) -> Vec<Problem> {
        let st = self.state();
        let problem = |field: &str, message: &str| Problem {
            file: self.name.to_string(),
            line: 0,
            field: field.to_string(),
            message: message.to_string(),
        };
        if let Some(p) = st.stopped.as_ref().or(st.shape.as_ref()) {
            return vec![p.clone()];
        }
        if let Some((field, message)) = &st.refused {
            return vec![problem(field, message)];
        }
        let mut all: Vec<&(usize, String, String)> = st.problems.iter().collect();
        all.sort_by_key(|p| p.0);
        all.into_iter().map(|(_, f, m)| problem(f, m)).collect()
    }
}

/// A piece of a GeoJSON file converted: its TOML records, where they came from, and how many
/// bytes of the file it was.
pub(crate) struct GeoPiece<'a> {
    pub(crate) text: Text<'a>,
    pub(crate) map: LineMap,
    pub(crate) bytes: u64,
}

/// Reads a GeoJSON file a piece at a time in one pass (see the module documentation).
pub(crate) struct GeoReader<'a> {
    geo: &'a GeoFile<'a>,
    pass: Pass,
    /// The file's state, taken for the pass and given back when the reader is dropped.
    state: State,
    file: Option<std::fs::File>,
    /// The text in memory, and how much of it is read.
    memory: (&'a [u8], usize),
    stamp: Option<crate::fs::Stamp>,
    /// Bytes read but not yet handed out, and whether the file has ended.
    carry: Vec<u8>,
    eof: bool,
    want: usize,
    /// Where `carry` starts in the file, bytes.
    offset: u64,
    scanner: Scanner,
    next_feature: usize,
    done: bool,
}

impl Drop for GeoReader<'_> {
    fn drop(&mut self) {
        *self.geo.state() = std::mem::take(&mut self.state);
    }
}

impl<'a> GeoReader<'a> {
    /// Opens the file for a pass; a file on disk must be a regular file of at most
    /// [`crate::fs::MAX_NETWORK_BYTES`].
    pub(crate) fn open(geo: &'a GeoFile<'a>, pass: Pass) -> Result<GeoReader<'a>> {
        let (file, stamp, memory) = match geo.origin {
            Origin::Disk(path) => {
                let (f, stamp) = crate::fs::open_input(path, crate::fs::MAX_NETWORK_BYTES)?;
                (Some(f), Some(stamp), &b""[..])
            }
            Origin::Memory(text) => (None, None, text.as_bytes()),
        };
        let state = std::mem::take(&mut *geo.state());
        let done = pass == Pass::Links && state.stopped.is_some();
        Ok(GeoReader {
            geo,
            pass,
            state,
            file,
            memory: (memory, 0),
            stamp,
            carry: Vec::new(),
            eof: false,
            want: CHUNK_BYTES,
            offset: 0,
            scanner: Scanner::default(),
            next_feature: 0,
            done,
        })
    }

    /// The file's size and modification time when opened (none in memory).
    pub(crate) fn stamp(&self) -> Option<crate::fs::Stamp> {
        self.stamp
    }

    fn io(&self, reason: std::io::Error) -> Error {
        Error::Io {
            path: self.geo.path().unwrap_or(Path::new(self.geo.name)).into(),
            reason,
        }
    }

    /// Reads until `want` bytes are in hand or the file ends.
    fn fill(&mut self) -> Result<()> {
        while !self.eof && self.carry.len() < self.want {
            let room = self.want - self.carry.len();
            let n = match &mut self.file {
                Some(f) => f
                    .take(room as u64)
                    .read_to_end(&mut self.carry)
                    .map_err(|e| self.io(e))?,
                None => {
                    let (text, at) = &mut self.memory;
                    let n = room.min(text.len() - *at);
                    self.carry.extend_from_slice(&text[*at..*at + n]);
                    *at += n;
                    n
                }
            };
            self.eof = n == 0;
            if self.offset + self.carry.len() as u64 > crate::fs::MAX_NETWORK_BYTES {
                let path = self.geo.path().unwrap_or(Path::new(self.geo.name));
                return Err(crate::fs::input_error(
                    path,
                    "grew beyond the input size limit while read",
                ));
            }
        }
        Ok(())
    }

    /// The line and column in the file of byte `at` of `carry`: counted when a problem needs
    /// them (reading the file again up to `carry`), not for every piece.
    fn position(&self, at: usize) -> (usize, usize) {
        let (mut line, mut column) = (1, 1);
        let mut count = |b: &[u8]| match memchr::memrchr(b'\n', b) {
            Some(nl) => {
                line += memchr::memchr_iter(b'\n', b).count();
                column = b.len() - nl;
            }
            None => column += b.len(),
        };
        match (self.geo.origin.memory(), self.geo.path()) {
            (Some(text), _) => count(&text.as_bytes()[..self.offset as usize]),
            (None, Some(path)) => {
                let mut before = Vec::new();
                if let Ok(f) = std::fs::File::open(path) {
                    let _ = f.take(self.offset).read_to_end(&mut before);
                }
                count(&before);
            }
            (None, None) => {}
        }
        count(&self.carry[..at.min(self.carry.len())]);
        (line, column)
    }

    /// Stops reading at a problem of the JSON at byte `at` of `carry`: `what`, in the words of
    /// the JSON reader, there.
    fn stop(&mut self, at: usize, what: &str, shape: bool) {
        let (line, column) = self.position(at);
        let kind = if shape {
            "not a GeoJSON FeatureCollection"
        } else {
            "not valid JSON"
        };
        self.state.stopped = Some(Problem {
            file: self.geo.name.to_string(),
            line,
            field: "json".into(),
            message: format!("{kind}: {what} at line {line} column {column}"),
        });
        self.done = true;
    }

    /// Stops at a JSON error in the value at byte `at` of `carry`.
    fn stop_json(&mut self, at: usize, e: &serde_json::Error) {
        let text = e.to_string();
        let what = text.rsplit_once(" at line ").map_or(&text[..], |(w, _)| w);
        let at = at + self.offset_in(at, e.line(), e.column());
        self.stop(at, what, false);
    }

    /// The offset from byte `start` of `carry` of the (1-based) line and column of a value
    /// starting there.
    fn offset_in(&self, start: usize, line: usize, column: usize) -> usize {
        let b = &self.carry[start..];
        let line_start = match line {
            0 | 1 => 0,
            l => memchr::memchr_iter(b'\n', b)
                .nth(l - 2)
                .map_or(b.len(), |i| i + 1),
        };
        (line_start + column.saturating_sub(1)).min(b.len())
    }

    /// The value at byte `start` of `carry` that the scan could not finish: what the JSON
    /// reader says of it, or that it is longer than a value may be.
    fn unfinished(&mut self, start: usize) {
        let mut de = serde_json::Deserializer::from_slice(&self.carry[start..]);
        match <serde::de::IgnoredAny as serde::Deserialize>::deserialize(&mut de) {
            Err(e) if self.eof || !e.is_eof() => self.stop_json(start, &e),
            _ => {
                let mib = |b: usize| b >> 20;
                self.stop(
                    start,
                    &format!(
                        "a value of more than {} MiB (a feature is at most {} MiB, another member of the collection {} MiB)",
                        mib(self.carry.len() - start),
                        mib(MAX_RECORD_BYTES),
                        mib(MEMBER_BYTES)
                    ),
                    false,
                );
            }
        }
    }

    /// The next piece, or `None` at the end of the file (or at an error, kept with the file).
    pub(crate) fn next_piece(&mut self) -> Result<Option<GeoPiece<'a>>> {
        while !self.done {
            self.fill()?;
            let (mut events, mut pos) = (Vec::new(), 0);
            let mut finished = false;
            let stop = loop {
                match self
                    .scanner
                    .step(&self.carry, pos, self.eof, MAX_RECORD_BYTES)
                {
                    Ok(Step::Moved(p)) => pos = p,
                    Ok(Step::Feature { start, end }) => {
                        events.push(Event::Feature {
                            start,
                            end,
                            index: self.next_feature,
                        });
                        self.next_feature += 1;
                        pos = end;
                    }
                    Ok(Step::Member { member, start, end }) => {
                        events.push(Event::Member { member, start, end });
                        pos = end;
                    }
                    Ok(Step::More) => break None,
                    Ok(Step::Done) => {
                        finished = true;
                        break None;
                    }
                    Err(stop) => break Some(stop),
                }
            };
            if pos == 0 && stop.is_none() && !finished {
                // One value longer than the bytes in hand: read more.
                self.want = self.want.saturating_mul(2);
                continue;
            }
            if let Some(stop) = stop {
                // The first error in the file is the one to report: one in a value before
                // the stop (a link's feature is only looked into as far as its kind) first.
                for e in &events {
                    let (Event::Feature { start, end, .. } | Event::Member { start, end, .. }) = *e;
                    let value = &self.carry[start..end];
                    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(value) {
                        self.stop_json(start, &e);
                        return Ok(None);
                    }
                }
                match stop {
                    Stop::At { at, message, shape } => self.stop(at, &message, shape),
                    Stop::Value { start } => self.unfinished(start),
                }
                return Ok(None);
            }
            let piece = self.convert(pos, &events)?;
            if self.done {
                return Ok(None);
            }
            if finished {
                self.finish();
            }
            self.cut(pos);
            return Ok(Some(piece));
        }
        Ok(None)
    }

    /// At the end of the file: what the collection is not, in the first pass.
    fn finish(&mut self) {
        self.done = true;
        if self.pass == Pass::First
            && (self.state.kind.as_deref() != Some("FeatureCollection")
                || !self.scanner.has_features())
        {
            self.state.shape = Some(Problem {
                file: self.geo.name.to_string(),
                line: 0,
                field: "type".into(),
                message: "expected a GeoJSON FeatureCollection with a `features` array".into(),
            });
        }
    }

    /// Converts the first `pos` bytes of `carry`, whose features and members are `events`; at
    /// a value that is not valid JSON, stops.
    fn convert(&mut self, pos: usize, events: &[Event]) -> Result<GeoPiece<'a>> {
        let text = std::str::from_utf8(&self.carry[..pos]).map_err(|e| {
            crate::fs::input_error(
                self.geo.path().unwrap_or(Path::new(self.geo.name)),
                &format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    self.offset + e.valid_up_to() as u64
                ),
            )
        })?;
        let first_line = self.state.lines;
        let mut out = Converted::after(first_line);
        let error = convert::piece(text, events, self.pass, &mut self.state, &mut out);
        self.state.lines = out.lines;
        if let Some(JsonError { at, error }) = error {
            self.stop_json(at, &error);
        }
        Ok(GeoPiece {
            text: Text::piece(self.geo.name, Cow::Owned(out.text), first_line),
            map: out.map,
            bytes: pos as u64,
        })
    }

    /// Hands out the first `pos` bytes of `carry`, keeping the rest.
    fn cut(&mut self, pos: usize) {
        self.offset += pos as u64;
        self.carry.drain(..pos);
        self.want = CHUNK_BYTES.max(self.carry.len() + CHUNK_BYTES / 2);
    }
}
