//! A piece of a GeoJSON file converted to the TOML records the loader reads: its features on
//! every core, each parsed on its own (a quick look first, in the first pass, to leave the links
//! to the second), then written in order with the collection's members, noting where each record
//! and sub-table starts and what went wrong.

use serde::de::IgnoredAny;

use super::converted::Converted;
use super::emit;
use super::feature::{feature_record, Problems};
use super::member;
use super::scan::Member;
use super::state::{Pass, State};
use super::Record;
use crate::load::json::{self, Json};

/// What the scan found in a piece, in order: a feature (its bytes and index) or a member.
#[derive(Debug, Clone, Copy)]
pub(super) enum Event {
    Feature {
        start: usize,
        end: usize,
        index: usize,
    },
    Member {
        member: Member,
        start: usize,
        end: usize,
    },
}

/// One feature converted.
enum One {
    /// Left to the other pass (`link`: the second).
    Skipped { link: bool },
    /// Its record as TOML: text, lines, sub-tables.
    Record(String, usize, Vec<(usize, String)>),
    /// Its problems.
    Problems(Problems),
    /// Not valid JSON.
    Json(serde_json::Error),
}

/// Converts feature `i` (its text) in `pass`; in the second pass, only a feature the first found
/// to be a link (`link`).
fn one(i: usize, text: &str, pass: Pass, link: bool) -> One {
    match pass {
        Pass::First => {
            if let Ok(true) = json::is_link(text) {
                return One::Skipped { link: true };
            }
        }
        Pass::Links if !link => return One::Skipped { link: false },
        Pass::Links => {}
    }
    let feat: Json = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => return One::Json(e),
    };
    let mut problems = Vec::new();
    match feature_record(i, feat, &mut problems) {
        Some((kind, entries)) => {
            let mut out = String::with_capacity(text.len() / 2);
            let mut subs = Vec::new();
            let lines = emit::record(&mut out, kind, true, &entries, &mut |l, s| {
                subs.push((l, s));
            });
            One::Record(out, lines, subs)
        }
        None => One::Problems(problems),
    }
}

/// A JSON error in a value at `start` of a piece: the error, and the value's offset.
pub(super) struct JsonError {
    pub(super) at: usize,
    pub(super) error: serde_json::Error,
}

/// Converts the events of `piece` into `out` (the features on every core), noting in `state`
/// which features are links, where each record starts, the collection's type, and the problems
/// (a feature's by its index, the member's after every feature's). Stops at the first value that
/// is not valid JSON, and returns it.
pub(super) fn piece(
    piece: &str,
    events: &[Event],
    pass: Pass,
    state: &mut State,
    out: &mut Converted,
) -> Option<JsonError> {
    use rayon::prelude::*;
    let links = &state.links;
    let converted: Vec<Option<One>> = events
        .par_iter()
        .map(|e| match *e {
            Event::Feature { start, end, index } => {
                Some(one(index, &piece[start..end], pass, links.contains(index)))
            }
            Event::Member { .. } => None,
        })
        .collect();
    for (e, c) in events.iter().zip(converted) {
        match (*e, c) {
            (Event::Feature { index, .. }, Some(One::Skipped { link: true })) => {
                state.links.insert(index);
            }
            (Event::Feature { index, .. }, Some(One::Record(text, lines, subs))) => {
                state.features.push((out.lines + 1, index));
                out.append(Record::Feature(index), &text, lines, subs);
            }
            (Event::Feature { index, .. }, Some(One::Problems(p))) => {
                state
                    .problems
                    .extend(p.into_iter().map(|(f, m)| (index, f, m)));
            }
            (Event::Feature { start, .. }, Some(One::Json(error))) => {
                return Some(JsonError { at: start, error })
            }
            (Event::Member { member, start, end }, _) if pass == Pass::First => {
                if let Err(error) = read_member(member, &piece[start..end], state, out) {
                    return Some(JsonError { at: start, error });
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads a member of the collection in the first pass: its `type`, the `corridor` member's tables
/// (converted into `out`, their problems after every feature's), another member only checked.
fn read_member(
    member: Member,
    text: &str,
    state: &mut State,
    out: &mut Converted,
) -> Result<(), serde_json::Error> {
    match member {
        Member::Type => {
            let v: Json = serde_json::from_str(text)?;
            state.kind = v.as_str().map(str::to_string);
        }
        Member::Corridor => {
            let v: Json = serde_json::from_str(text)?;
            let before = (out.map.len(), out.problems.len());
            if let Err(member::Refused(field, message)) = member::tables(&v, out) {
                state.refused.get_or_insert((field, message));
            }
            state.tables.extend(out.map[before.0..].iter().cloned());
            state.problems.extend(
                out.problems
                    .drain(before.1..)
                    .map(|(f, m)| (usize::MAX, f, m)),
            );
        }
        Member::Other | Member::Features => {
            serde_json::from_str::<IgnoredAny>(text)?;
        }
    }
    Ok(())
}
