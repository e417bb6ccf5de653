//! Nodes and links read and checked in parallel, each record on its own, then gathered in their
//! order ([`Gathered`]): the items made, the lines of their ids, the problems, and the ids of
//! those that could not be made (so that a duplicate of one is still found); and the links whose
//! ids repeat.

use super::raw::{RawFile, Shared};
use super::read::{parse_one, syntax_problem};
use super::records::Span;
use super::source::Text;
use crate::error::Problem;
use crate::network::{Link, Origin, Provenance};

/// A node or link read and checked, or the problems of one that could not be made.
pub(super) enum Checked<T> {
    /// Made, with the problems it still has.
    Good {
        /// The node or link.
        item: T,
        /// The line of its `id` (its header's when the id is implied).
        id_line: usize,
        /// Its problems.
        problems: Vec<Problem>,
        /// Of the record it came from (given with the record's first item only).
        provenance: Provenance,
    },
    /// Unreadable (a syntax or type error), or not a whole link (an unknown node, mode, …): the
    /// problems, and for a link its id, origin and id line, so that a duplicate of it is still
    /// reported.
    Bad {
        /// Its problems.
        problems: Vec<Problem>,
        /// For a link: its id, origin and the line of its id.
        id: Option<(String, Origin, usize)>,
    },
}

/// A record read for checking, with its sources counted; or, when it cannot be read, its problem.
fn read_record<T>(
    text: &Text<'_>,
    s: &Span,
) -> std::result::Result<(RawFile, Provenance), Outs<T>> {
    match parse_one::<RawFile>(text.slice(s)) {
        Ok(raw) => {
            let provenance = raw.provenance();
            Ok((raw, provenance))
        }
        Err(e) => {
            let bad = Checked::Bad {
                problems: vec![syntax_problem(text, s.start, &e)],
                id: None,
            };
            Err((Some(bad), Vec::new()))
        }
    }
}

/// Reads records in parallel and checks each with `check` (given the worker's [`Shared`], the
/// record's span, the record and its provenance), writing what they give to `out` in order (its
/// memory reused).
pub(super) fn check_records<T: Send>(
    text: &Text<'_>,
    spans: &[Span],
    out: &mut Vec<Outs<T>>,
    check: impl Fn(&mut Shared, &Span, RawFile, Provenance) -> Outs<T> + Sync + Send,
) {
    use rayon::prelude::*;
    spans
        .par_iter()
        .map_init(Shared::default, |shared, s| match read_record(text, s) {
            Ok((raw, provenance)) => check(shared, s, raw, provenance),
            Err(bad) => bad,
        })
        .collect_into_vec(out);
}

/// Checked nodes or links gathered in order.
pub(super) struct Gathered<T> {
    /// The items made, in order.
    pub(super) items: Vec<T>,
    /// The line of each one's `id`.
    pub(super) id_lines: Vec<usize>,
    /// Those that failed their checks: (id, origin, line of the id).
    pub(super) failed: Vec<(String, Origin, usize)>,
    pub(super) problems: Vec<Problem>,
    pub(super) provenance: Provenance,
}

impl<T> Default for Gathered<T> {
    fn default() -> Gathered<T> {
        Gathered {
            items: Vec::new(),
            id_lines: Vec::new(),
            failed: Vec::new(),
            problems: Vec::new(),
            provenance: Provenance::default(),
        }
    }
}

impl<T> Gathered<T> {
    /// Adds what some records gave, in order.
    pub(super) fn take(&mut self, outs: impl IntoIterator<Item = Outs<T>>) {
        for out in outs
            .into_iter()
            .flat_map(|(one, rest)| one.into_iter().chain(rest))
        {
            match out {
                Checked::Good {
                    item,
                    id_line,
                    problems,
                    provenance,
                } => {
                    self.items.push(item);
                    self.id_lines.push(id_line);
                    self.problems.extend(problems);
                    self.provenance.add(provenance);
                }
                Checked::Bad { problems, id } => {
                    self.problems.extend(problems);
                    self.failed.extend(id);
                }
            }
        }
    }
}

/// What one record gives: its first item and any others (a record holds one node or link, so
/// the rest is empty and costs nothing).
pub(super) type Outs<T> = (Option<Checked<T>>, Vec<Checked<T>>);

/// The first item and the rest.
pub(super) fn first_and_rest<T>(mut items: impl Iterator<Item = T>) -> (Option<T>, Vec<T>) {
    (items.next(), items.collect())
}

/// Links whose ids repeat an earlier one's (one of the base's, when extending), including the
/// ids of links that failed their other checks (taken as coming after all the others). The ids
/// are hashed and sorted in parallel, and only ids with equal hashes compared, so that millions
/// of links need no map of their ids.
pub(super) fn duplicate_link_ids(
    links: &[Link],
    base: usize,
    id_lines: &[usize],
    failed: &[(String, Origin, usize)],
) -> Vec<Problem> {
    use rayon::prelude::*;
    let n = links.len();
    // Entry i: links[i] for i < n, failed[i - n] after.
    let id = |i: usize| match i.checked_sub(n) {
        None => links[i].id.as_str(),
        Some(j) => failed[j].0.as_str(),
    };
    let origin = |i: usize| match i.checked_sub(n) {
        None => &links[i].origin,
        Some(j) => &failed[j].1,
    };
    let mut keys: Vec<(u64, usize)> = (0..n + failed.len())
        .into_par_iter()
        .map(|i| (crate::text::fast_hash(id(i)), i))
        .collect();
    keys.par_sort_unstable();
    let mut problems = Vec::new();
    for group in keys.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (k, &(_, i)) in group.iter().enumerate() {
            // The base's own links were checked when it loaded.
            if i < base {
                continue;
            }
            let Some(&(_, first)) = group[..k].iter().find(|&&(_, j)| id(j) == id(i)) else {
                continue;
            };
            let line = match i.checked_sub(n) {
                None => id_lines[i - base],
                Some(j) => failed[j].2,
            };
            problems.push(Problem {
                file: origin(i).file.to_string(),
                line,
                field: "link.id".into(),
                message: format!(
                    "duplicate link id `{}` (first defined at {}); give one of them an explicit `id`",
                    id(i),
                    origin(first)
                ),
            });
        }
    }
    problems
}
