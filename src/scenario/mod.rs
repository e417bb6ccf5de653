//! Scenarios: what-if edits applied in order to a base network.
//!
//! A scenario file has a `[scenario]` head (name, description, optional year), optional `[[node]]`
//! and `[[link]]` tables in the network format (added first, so edits may target them), and a
//! list of `[[edit]]`s: close or open links and nodes, avoid countries, and set or scale a numeric
//! attribute on a selection. [`apply`] is a pure function from (network, scenario) to a new
//! network: the base is never mutated, and nothing is half-applied: any problem (a selection that
//! matches nothing, an unknown field, a factor ≤ 0) fails the whole scenario, naming the file,
//! line and problem. The shipped scenarios are embedded in the binary ([`embedded`]).
//! [`resolve_onto`] reads a scenario and applies it in one pass, so that every problem of its
//! files is reported at once.
//!
//! This file holds [`Scenario`], combining scenarios (`a+b`), the catalogue of shipped ones and
//! finding a scenario by name or path. Beside it: `parse` (reading a file), `apply` (additions and
//! edits applied, every problem against its own record), `field` (the attributes an edit
//! changes), `select` (which links and nodes an edit applies to: the one selection rule),
//! `listing` (the filters of `corridor links` and `corridor nodes`, by that rule), `edit` (one
//! edit and how it applies) and `undo` (a refused edit leaves the network as it was).

mod apply;
mod edit;
mod field;
mod listing;
mod parse;
mod select;
#[cfg(test)]
mod tests;
mod undo;

use std::path::Path;

use crate::error::{Error, Result};
use crate::load::{self, SourceFile};
use crate::network::Network;

pub use apply::apply;
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
    let mut parts = Vec::new();
    for name in names(name_or_path)? {
        parts.push(Scenario::parse(&source(name)?)?);
    }
    Ok(one(parts))
}

/// Resolves a scenario (as [`resolve`]) and applies it to `net` (as [`apply`]), reporting every
/// problem of its files in one pass: what each file alone shows (a record that cannot be read, a
/// missing head, an edit's own problems) together with what the network shows (additions that
/// do not load, edits that select nothing or leave an implausible value). The scenario and its
/// network, or all the problems.
pub fn resolve_onto(net: &Network, name_or_path: &str) -> Result<(Scenario, Network)> {
    let mut problems = Vec::new();
    let mut parts = Vec::new();
    for name in names(name_or_path)? {
        let (s, p) = Scenario::parse_all(&source(name)?);
        problems.extend(p);
        parts.push(s);
    }
    let s = one(parts);
    let (out, p) = apply::apply_all(net, &s);
    problems.extend(p);
    if problems.is_empty() {
        Ok((s, out))
    } else {
        problems.sort();
        problems.dedup();
        Err(Error::InvalidScenario { problems })
    }
}

/// The scenarios of a name: one, or the parts of an `a+b` list (unless a file has that name),
/// none empty and none twice (by name, or as two paths to the same file).
fn names(name_or_path: &str) -> Result<Vec<&str>> {
    if !name_or_path.contains('+') || Path::new(name_or_path).exists() {
        return Ok(vec![name_or_path]);
    }
    let names: Vec<&str> = name_or_path.split('+').map(str::trim).collect();
    if let Some(i) = names.iter().position(|n| n.is_empty()) {
        return Err(Error::InvalidArgument(format!(
            "`{}`: the list of scenarios has an empty name (place {} of {}); join scenario names with one `+`, as in `baseline+zangazur-open`",
            crate::error::clip(name_or_path),
            i + 1,
            names.len()
        )));
    }
    let mut seen: Vec<(String, &str)> = Vec::new();
    for n in &names {
        // A shipped scenario by its name, a file by its canonical path.
        let shipped = embedded_names().contains(n);
        let key = match (shipped, std::fs::canonicalize(n)) {
            (true, _) => format!("shipped {n}"),
            (false, Ok(p)) => format!("file {}", p.display()),
            (false, Err(_)) => format!("name {n}"),
        };
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            let how = if first == n {
                String::new()
            } else {
                format!(" (as `{first}` and `{n}`, the same file)")
            };
            return Err(Error::InvalidArgument(format!(
                "scenario `{n}` appears twice in `{}`{how}: its edits would apply twice",
                crate::error::clip(name_or_path)
            )));
        }
        seen.push((key, n));
    }
    Ok(names)
}

/// One scenario's text: a shipped one by name, or a file.
fn source(name: &str) -> Result<SourceFile> {
    if let Some((f, text)) = load::EMBEDDED_SCENARIOS
        .iter()
        .find(|(f, _)| f.trim_end_matches(".toml") == name)
    {
        return Ok(SourceFile {
            name: format!("<embedded>/networks/scenarios/{f}"),
            text: (*text).to_string(),
        });
    }
    let p = Path::new(name);
    if p.exists() {
        return Ok(SourceFile {
            name: p.display().to_string(),
            text: crate::fs::read_text(p)?,
        });
    }
    let known = embedded_names();
    let hint = match crate::text::closest(name, &known, 3) {
        c if c.is_empty() => String::new(),
        c => format!("; did you mean {}?", c.join(", ")),
    };
    Err(Error::InvalidArgument(format!(
        "unknown scenario `{}`: neither a shipped scenario ({}) nor a file{hint}",
        crate::error::clip(name),
        known.join(", ")
    )))
}

/// The scenarios as one: the only one, or their combination.
fn one(mut parts: Vec<Scenario>) -> Scenario {
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Scenario::combine(parts)
    }
}
