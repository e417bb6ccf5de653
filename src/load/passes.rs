//! The two passes over a network's files, and what the loading phases share ([`Loading`]).
//!
//! The first pass reads every record but the links: nodes are checked as they are read, the
//! other records are kept for the phases that need every node. The second pass reads the links,
//! checked against every node and service. A file on disk is read a piece at a time in both
//! passes, the next piece read while this one is checked, and must not change between them; a
//! GeoJSON file too, each piece converted to TOML records as it is read, and the problems found in
//! a piece located by feature and property while its map is at hand.

use std::borrow::Cow;

use super::chunks::Chunks;
use super::gather::{Gathered, Outs};
use super::geojson::{locate_all, GeoFile, GeoReader, Pass};
use super::input::Input;
use super::link::{check_links, LinkContext};
use super::node::check_nodes;
use super::raw::{Kept, RawFile, Shared};
use super::read::parse_slices;
use super::records::{Kind, Span};
use super::source::Text;
use crate::error::{Problem, Result};
use crate::fs::Stamp;
use crate::network::{Link, Network, Node, Provenance};
use crate::progress::Progress;
use crate::text::Text as SharedText;

/// How many `[[link]]` records are read at a time.
const LINK_BLOCK: usize = 16_384;

/// What the loading phases share: the records kept by the first pass, the problems found so far,
/// the counts of sources, and the texts shared among the records.
pub(super) struct Loading<'a> {
    /// The records other than nodes and links.
    pub(super) kept: Kept<'a>,
    /// New nodes, until [`Loading::take`] hands them over.
    nodes: Gathered<Node>,
    /// Every problem found so far.
    pub(super) problems: Vec<Problem>,
    /// The base's counts, then the new records'.
    pub(super) provenance: Provenance,
    /// The texts shared among the records (file names, ids, citations).
    pub(super) shared: Shared,
    /// Where each in-memory file is in `kept.texts`, and each disk file's identity when first
    /// read (TOML and GeoJSON), for the second pass.
    memory_texts: Vec<usize>,
    stamps: Vec<Stamp>,
    /// Counts the bytes read and checked, in both passes.
    progress: Progress,
}

impl<'a> Loading<'a> {
    /// The first pass: everything but the links (which need every node of every file).
    pub(super) fn first_pass(
        base: Option<&Network>,
        inputs: &[Input<'a>],
        progress: &Progress,
    ) -> Result<Loading<'a>> {
        let mut first = Loading {
            kept: Kept::default(),
            nodes: Gathered::default(),
            problems: Vec::new(),
            provenance: base.map_or_else(Provenance::default, |b| b.provenance),
            shared: Shared::default(),
            memory_texts: Vec::new(),
            stamps: Vec::new(),
            progress: progress.clone(),
        };
        for input in inputs {
            match input {
                Input::Memory(file) => {
                    let text = Text::new(file);
                    let ti = first.kept.texts.len();
                    first.read(&text, Some(ti));
                    first.progress.advance(text.bytes() as u64);
                    first.memory_texts.push(ti);
                    first.kept.texts.push(text);
                }
                Input::Disk { path, name } => {
                    let mut chunks = Chunks::open(path, name)?;
                    first.stamps.push(chunks.stamp());
                    // The next piece is read while this one is checked.
                    let mut next = chunks.next_piece()?;
                    while let Some(piece) = next {
                        let (read, ()) =
                            rayon::join(|| chunks.next_piece(), || first.read(&piece, None));
                        first.progress.advance(piece.bytes() as u64);
                        chunks.recycle(piece);
                        next = read?;
                    }
                }
                Input::Geo(geo) => {
                    let mut reader = GeoReader::open(geo, Pass::First)?;
                    first.stamps.extend(reader.stamp());
                    let mut next = reader.next_piece()?;
                    while let Some(piece) = next {
                        let mark = (first.nodes.problems.len(), first.problems.len());
                        let (read, ()) =
                            rayon::join(|| reader.next_piece(), || first.read(&piece.text, None));
                        locate_all(&mut first.nodes.problems[mark.0..], geo.name, &piece.map);
                        locate_all(&mut first.problems[mark.1..], geo.name, &piece.map);
                        first.progress.advance(piece.bytes);
                        next = read?;
                    }
                }
            }
        }
        Ok(first)
    }

    /// Reads the records of `text` other than links. `kept_as` is the index `text` will have in
    /// `kept.texts` when the caller keeps it whole; otherwise each record read is copied there.
    fn read(&mut self, text: &Text<'a>, kept_as: Option<usize>) {
        let file = self.shared.texts.intern(text.name);
        let spans = text.spans();
        let nodes: Vec<Span> = spans
            .iter()
            .filter(|s| s.kind == Kind::Node)
            .copied()
            .collect();
        self.nodes.take(check_nodes(text, &nodes, &file));
        let other: Vec<Span> = spans
            .iter()
            .filter(|s| s.kind == Kind::Other)
            .copied()
            .collect();
        match kept_as {
            Some(ti) => self.keep(text, &other, ti),
            None => {
                for s in &other {
                    let copy =
                        Text::piece(text.name, Cow::Owned(text.slice(s).to_string()), s.line - 1);
                    let spans = copy.spans().to_vec();
                    self.keep(&copy, &spans, self.kept.texts.len());
                    self.kept.texts.push(copy);
                }
            }
        }
    }

    /// Parses records of `text`, which is or will be `kept.texts[ti]`, and keeps them.
    fn keep(&mut self, text: &Text<'a>, spans: &[Span], ti: usize) {
        let (records, bad) = parse_slices::<RawFile>(text, spans);
        self.problems.extend(bad);
        for (offset, raw) in records {
            self.provenance.add(raw.provenance());
            self.kept.parsed.push((ti, offset, raw));
        }
    }

    /// The new nodes, their problems and sources counted with the others'.
    pub(super) fn take_nodes(&mut self) -> Gathered<Node> {
        let nodes = std::mem::take(&mut self.nodes);
        self.take(nodes)
    }

    /// Counts the problems and sources of gathered items with the others', and hands the items
    /// back (with the problems and counts left empty).
    fn take<T>(&mut self, mut g: Gathered<T>) -> Gathered<T> {
        self.problems.append(&mut g.problems);
        self.provenance.add(g.provenance);
        g
    }

    /// The second pass: the links of every file, read and checked against `cx`, a block at a
    /// time in parallel.
    pub(super) fn link_pass(
        &mut self,
        inputs: &[Input<'_>],
        cx: &LinkContext<'_>,
    ) -> Result<Gathered<Link>> {
        let mut pass = LinkPass::default();
        let (memory_texts, stamps) = (
            std::mem::take(&mut self.memory_texts),
            std::mem::take(&mut self.stamps),
        );
        let (mut memory_texts, mut stamps) = (memory_texts.iter(), stamps.iter());
        for input in inputs {
            match input {
                Input::Memory(_) => {
                    if let Some(text) = memory_texts.next().and_then(|&ti| self.kept.texts.get(ti))
                    {
                        let file = self.shared.texts.intern(text.name);
                        pass.read(text, cx, &file);
                        self.progress.advance(text.bytes() as u64);
                    }
                }
                Input::Disk { path, name } => {
                    let file = self.shared.texts.intern(name);
                    let mut chunks = Chunks::open(path, name)?;
                    let changed = || {
                        crate::fs::input_error(
                            path,
                            "changed while it was read; load it again when it is complete",
                        )
                    };
                    if Some(&chunks.stamp()) != stamps.next() {
                        return Err(changed());
                    }
                    let mut next = chunks.next_piece()?;
                    while let Some(piece) = next {
                        let (read, ()) =
                            rayon::join(|| chunks.next_piece(), || pass.read(&piece, cx, &file));
                        self.progress.advance(piece.bytes() as u64);
                        chunks.recycle(piece);
                        next = read?;
                    }
                    if crate::fs::stamp(path)? != chunks.stamp() {
                        return Err(changed());
                    }
                }
                Input::Geo(geo) => self.geo_links(geo, &mut pass, &mut stamps, cx)?,
            }
        }
        Ok(self.take(pass.links))
    }

    /// The link pass over a GeoJSON file: its link features converted and checked a piece at a
    /// time, their problems located by feature.
    fn geo_links<'s>(
        &mut self,
        geo: &GeoFile<'_>,
        pass: &mut LinkPass,
        stamps: &mut impl Iterator<Item = &'s Stamp>,
        cx: &LinkContext<'_>,
    ) -> Result<()> {
        let file = self.shared.texts.intern(geo.name);
        let mut reader = GeoReader::open(geo, Pass::Links)?;
        let changed = |path| {
            crate::fs::input_error(
                path,
                "changed while it was read; load it again when it is complete",
            )
        };
        let disk = geo.path().zip(reader.stamp());
        if let Some((path, stamp)) = disk {
            if Some(&stamp) != stamps.next() {
                return Err(changed(path));
            }
        }
        let mut next = reader.next_piece()?;
        while let Some(piece) = next {
            let mark = pass.links.problems.len();
            let (read, ()) =
                rayon::join(|| reader.next_piece(), || pass.read(&piece.text, cx, &file));
            locate_all(&mut pass.links.problems[mark..], geo.name, &piece.map);
            self.progress.advance(piece.bytes);
            next = read?;
        }
        if let Some((path, stamp)) = disk {
            if crate::fs::stamp(path)? != stamp {
                return Err(changed(path));
            }
        }
        Ok(())
    }
}

/// What the link pass collects.
#[derive(Default)]
struct LinkPass {
    links: Gathered<Link>,
    /// The checked links of one block, kept between blocks for its memory.
    scratch: Vec<Outs<Link>>,
}

impl LinkPass {
    /// Reads and checks the `[[link]]` records of `text`, a block at a time in parallel.
    fn read(&mut self, text: &Text<'_>, cx: &LinkContext<'_>, file: &SharedText) {
        let spans: Vec<Span> = text
            .spans()
            .iter()
            .filter(|s| s.kind == Kind::Link)
            .copied()
            .collect();
        let mut outs = std::mem::take(&mut self.scratch);
        for block in spans.chunks(LINK_BLOCK) {
            check_links(text, block, cx, file, &mut outs);
            self.links.take(outs.drain(..));
        }
        self.scratch = outs;
    }
}
