//! Deserialising records: each record of a text (see [`records`](super::records)) as a type of
//! its own, the fast reader ([`toml_fast`]) first and the `toml` crate for what
//! it leaves, in parallel, so that a bad field in one record does not hide the problems of the
//! others. What a record means is checked elsewhere.

use super::records::{Span, MAX_KEYS, MAX_RECORD_BYTES};
use super::source::Text;
use super::toml_fast::{self, Read};
use crate::error::Problem;

/// Records that deserialised, with their byte offsets, and a problem per record that did not.
pub(crate) type Parsed<T> = (Vec<(usize, T)>, Vec<Problem>);

/// Deserialises each record of a file as a `T` on its own, so that a bad field
/// in one record does not hide the problems of the others. Returns the records with their byte
/// offsets (add them to spans inside a record) and a problem per record that failed.
pub(crate) fn parse_records<T: serde::de::DeserializeOwned + Send>(text: &Text<'_>) -> Parsed<T> {
    parse_slices(text, text.spans())
}

/// Why a record did not deserialise: where (a byte offset in the record) and what is wrong.
#[derive(Debug)]
pub(super) struct RecordError {
    at: usize,
    message: String,
}

impl From<toml::de::Error> for RecordError {
    fn from(e: toml::de::Error) -> RecordError {
        RecordError {
            at: e.span().map_or(0, |s| s.start),
            message: e.message().trim().to_string(),
        }
    }
}

/// A record whose tables the fast reader did not see is counted with the toml crate first when
/// it is this long or longer: a shorter one cannot hold more than [`MAX_KEYS`] keys (the
/// shortest, `a=1`, takes four bytes with its line break or comma).
const COUNT_KEYS_FROM: usize = 4 * MAX_KEYS;

/// Deserialises one record: at most [`MAX_RECORD_BYTES`] long, no table of more than
/// [`MAX_KEYS`] keys.
pub(super) fn parse_one<T: serde::de::DeserializeOwned>(
    slice: &str,
) -> std::result::Result<T, RecordError> {
    if slice.len() > MAX_RECORD_BYTES {
        let mib = MAX_RECORD_BYTES >> 20;
        return Err(RecordError {
            at: 0,
            message: format!(
                "a record of {} MiB (from here to the next record header): a record is at most {mib} MiB",
                slice.len() >> 20
            ),
        });
    }
    match toml_fast::read::<T>(slice) {
        Read::Done(record) => Ok(record),
        Read::TooManyKeys(at) => Err(too_many_keys(at)),
        Read::Other => {
            if slice.len() >= COUNT_KEYS_FROM {
                if let Ok(table) = toml::from_str::<toml::Table>(slice) {
                    if most_keys(&table) > MAX_KEYS {
                        return Err(too_many_keys(0));
                    }
                }
            }
            Ok(toml::from_str::<T>(slice)?)
        }
    }
}

fn too_many_keys(at: usize) -> RecordError {
    RecordError {
        at,
        message: format!(
            "a table with more than {} keys: a table holds at most that many",
            crate::text::thousands(MAX_KEYS as f64)
        ),
    }
}

/// The most keys any table in `t` has.
fn most_keys(t: &toml::Table) -> usize {
    fn of(v: &toml::Value) -> usize {
        match v {
            toml::Value::Table(t) => most_keys(t),
            toml::Value::Array(a) => a.iter().map(of).max().unwrap_or(0),
            _ => 0,
        }
    }
    t.values().map(of).max().unwrap_or(0).max(t.len())
}

/// The problem of a record that did not deserialise.
pub(super) fn syntax_problem(text: &Text<'_>, offset: usize, e: &RecordError) -> Problem {
    Problem {
        file: text.name.to_string(),
        line: text.line_of(offset + e.at),
        field: "toml".into(),
        message: e.message.clone(),
    }
}

/// Deserialises the given records of `text` in parallel, keeping their order.
pub(super) fn parse_slices<T: serde::de::DeserializeOwned + Send>(
    text: &Text<'_>,
    spans: &[Span],
) -> Parsed<T> {
    use rayon::prelude::*;
    let parsed: Vec<_> = spans
        .par_iter()
        .map(|s| (s.start, parse_one::<T>(text.slice(s))))
        .collect();
    let mut ok = Vec::with_capacity(parsed.len());
    let mut problems = Vec::new();
    for (offset, record) in parsed {
        match record {
            Ok(record) => ok.push((offset, record)),
            Err(e) => problems.push(syntax_problem(text, offset, &e)),
        }
    }
    (ok, problems)
}
