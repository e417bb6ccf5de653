//! Scenarios: what-if edits applied in order to a base network.
//!
//! A scenario file has a `[scenario]` head (name, description, optional year), optional `[[node]]`
//! and `[[link]]` tables in the network format (added first, so edits may target them), and a
//! list of `[[edit]]`s: close or open links and nodes, avoid countries, and set or scale a numeric
//! attribute on a selection. [`apply`] is a pure function from (network, scenario) to a new
//! network: the base is never mutated, and nothing is half-applied: any problem (a selection that
//! matches nothing, an unknown field, a factor ≤ 0) fails the whole scenario, naming the file,
//! line and problem. The shipped scenarios are embedded in the binary ([`embedded`]).
//!
//! This file holds [`Scenario`], combining scenarios (`a+b`), the catalogue of shipped ones and
//! [`apply`]. Beside it: `parse` (reading a file), `field` (the attributes an edit changes),
//! `select` (which links and nodes an edit applies to: the one selection rule), `listing` (the
//! filters of `corridor links` and `corridor nodes`, by that rule) and `edit` (one edit and how it
//! applies).

mod edit;
mod field;
mod listing;
mod parse;
mod select;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::error::{Error, Result};
use crate::load::{self, SourceFile};
use crate::network::Network;

pub use edit::{apply_edit, Change, Edit, EditKind};
pub(crate) use field::did_you_mean_field;
pub use field::{CapacityField, EmissionField, Field, FIELDS};
pub use listing::Listing;
pub use select::{Dirs, Selection, SelectionError};

/// A parsed scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Name (the file stem for shipped scenarios).
    pub name: String,
    /// What it studies.
    pub description: String,
    /// The query year it implies, if any.
    pub year: Option<i32>,
    /// Edits, in order.
    pub edits: Vec<Edit>,
    /// Sources of the scenario as a whole.
    pub source: Option<String>,
    /// Files whose `[[node]]`/`[[link]]` tables are added before the edits.
    additions: Vec<SourceFile>,
}

impl Scenario {
    /// Whether every edit changes a capacity record (and nothing is added): such a scenario
    /// changes no route, only an assignment's waits.
    pub fn only_capacity(&self) -> bool {
        !self.edits.is_empty()
            && self.additions.is_empty()
            && self.edits.iter().all(|e| match &e.kind {
                EditKind::Set(c) | EditKind::Scale(c) => matches!(c.field, Field::Capacity(_)),
                _ => false,
            })
    }

    /// The empty scenario: the base network as it is.
    pub fn baseline() -> Scenario {
        Scenario {
            name: "baseline".into(),
            description: "the network as its data describe it".into(),
            year: None,
            edits: Vec::new(),
            source: None,
            additions: Vec::new(),
        }
    }

    /// Several scenarios as one study ("corridor-2030+northern-closed"): their additions, then
    /// their edits in the order given; the year is the last one any of them sets.
    pub fn combine(parts: Vec<Scenario>) -> Scenario {
        let mut out = Scenario {
            name: parts
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("+"),
            description: parts
                .iter()
                .map(|p| p.description.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            year: None,
            edits: Vec::new(),
            source: None,
            additions: Vec::new(),
        };
        for p in parts {
            out.year = p.year.or(out.year);
            out.edits.extend(p.edits);
            out.additions.extend(p.additions);
            out.source = match (out.source, p.source) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            };
        }
        out
    }

    /// Reads and parses a scenario file.
    pub fn read(path: &Path) -> Result<Scenario> {
        let text = crate::fs::read_text(path)?;
        Scenario::parse(&SourceFile {
            name: path.display().to_string(),
            text,
        })
    }
}

/// The names of the shipped scenarios, baseline first.
pub fn embedded_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = load::EMBEDDED_SCENARIOS
        .iter()
        .map(|(f, _)| f.trim_end_matches(".toml"))
        .collect();
    names.sort_by_key(|n| (*n != "baseline", *n));
    names
}

/// The shipped scenarios a route study compares (the default of `compare` and `report`): every
/// shipped scenario but those that only edit capacity records, which change no route and matter
/// only to an assignment ([`crate::studies::assign`]).
pub fn study_names() -> Vec<&'static str> {
    embedded_names()
        .into_iter()
        .filter(|n| {
            embedded(n)
                .and_then(|s| s.ok())
                .is_none_or(|s| in_study(&s))
        })
        .collect()
}

/// Whether a shipped scenario belongs to the default route study: one that changes only
/// capacities changes no route, so it is left to `assign`.
fn in_study(s: &Scenario) -> bool {
    !s.only_capacity()
}

/// The scenarios of [`study_names`], each read once.
pub fn study() -> Result<Vec<Scenario>> {
    let mut out = Vec::new();
    for name in embedded_names() {
        let s = resolve(name)?;
        if in_study(&s) {
            out.push(s);
        }
    }
    Ok(out)
}

/// A shipped scenario by name.
pub fn embedded(name: &str) -> Option<Result<Scenario>> {
    load::EMBEDDED_SCENARIOS
        .iter()
        .find(|(f, _)| f.trim_end_matches(".toml") == name)
        .map(|(f, text)| {
            Scenario::parse(&SourceFile {
                name: format!("<embedded>/networks/scenarios/{f}"),
                text: (*text).to_string(),
            })
        })
}

/// A scenario by shipped name or by path; `a+b` combines scenarios (see [`Scenario::combine`]).
pub fn resolve(name_or_path: &str) -> Result<Scenario> {
    if name_or_path.contains('+') && !Path::new(name_or_path).exists() {
        let names: Vec<&str> = name_or_path.split('+').map(str::trim).collect();
        for (i, n) in names.iter().enumerate() {
            if names[..i].contains(n) {
                return Err(Error::InvalidArgument(format!(
                    "scenario `{n}` appears twice in `{name_or_path}`: its edits would apply twice"
                )));
            }
        }
        let parts = names.into_iter().map(resolve).collect::<Result<Vec<_>>>()?;
        return Ok(Scenario::combine(parts));
    }
    if let Some(s) = embedded(name_or_path) {
        return s;
    }
    let p = Path::new(name_or_path);
    if p.exists() {
        return Scenario::read(p);
    }
    Err(Error::InvalidArgument(format!(
        "unknown scenario `{}`: neither a shipped scenario ({}) nor a file{}",
        crate::error::clip(name_or_path),
        embedded_names().join(", "),
        crate::text::did_you_mean(name_or_path, &embedded_names())
    )))
}

/// Applies a scenario to a copy of `net`: additions first, then the edits in order.
pub fn apply(net: &Network, s: &Scenario) -> Result<Network> {
    let mut out = net.clone();
    out.scenario = Some(s.name.clone());
    for file in &s.additions {
        out = load::extend(&out, file).map_err(|problems| Error::InvalidScenario { problems })?;
    }
    let mut problems = Vec::new();
    for e in &s.edits {
        if let Err(p) = apply_edit(&mut out, e) {
            problems.push(p);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::InvalidScenario { problems })
    }
}
