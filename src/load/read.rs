//! Deserialising records: each record of a text (see [`records`](super::records)) as a type of
//! its own, the fast reader ([`toml_fast`]) first and the `toml` crate for what
//! it leaves, in parallel, so that a bad field in one record does not hide the problems of the
//! others. What a record means is checked elsewhere.

use super::records::Span;
use super::source::Text;
use super::toml_fast;
use crate::error::Problem;

/// Records that deserialised, with their byte offsets, and a problem per record that did not.
pub(crate) type Parsed<T> = (Vec<(usize, T)>, Vec<Problem>);

/// Deserialises each record of a file as a `T` on its own, so that a bad field
/// in one record does not hide the problems of the others. Returns the records with their byte
/// offsets (add them to spans inside a record) and a problem per record that failed.
pub(crate) fn parse_records<T: serde::de::DeserializeOwned + Send>(text: &Text<'_>) -> Parsed<T> {
    parse_slices(text, text.spans())
}

/// Deserialises one record.
pub(super) fn parse_one<T: serde::de::DeserializeOwned>(
    slice: &str,
) -> std::result::Result<T, toml::de::Error> {
    match toml_fast::from_str::<T>(slice) {
        Some(record) => Ok(record),
        None => toml::from_str::<T>(slice),
    }
}

/// The problem of a record that did not deserialise.
pub(super) fn syntax_problem(text: &Text<'_>, offset: usize, e: &toml::de::Error) -> Problem {
    Problem {
        file: text.name.to_string(),
        line: text.line_of(offset + e.span().map_or(0, |s| s.start)),
        field: "toml".into(),
        message: e.message().trim().to_string(),
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
