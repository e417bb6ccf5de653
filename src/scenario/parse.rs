//! Reading a scenario file: its raw records (the `[scenario]` head, `[[edit]]`s, and `[[node]]` and
//! `[[link]]` additions) and their checks, every problem with file, line and field.
//! [`Scenario::parse`] checks what the file alone can tell; [`super::apply`] checks the edits
//! against a network.

use serde::Deserialize;
use serde_spanned::Spanned;

use super::edit::{Action, Edit};
use super::field::{Field, FIELDS};
use super::select::Selection;
use super::Scenario;
use crate::error::{Error, Problem, Result};
use crate::load::{self, SourceFile, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenarioFile {
    scenario: Option<Spanned<RawHead>>,
    #[serde(default)]
    edit: Vec<Spanned<RawEdit>>,
    #[serde(default)]
    node: Vec<toml::Value>,
    #[serde(default)]
    link: Vec<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    name: String,
    description: String,
    year: Option<i64>,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdit {
    action: String,
    #[serde(default)]
    select: Selection,
    field: Option<String>,
    value: Option<f64>,
    factor: Option<f64>,
    #[serde(default)]
    countries: Vec<String>,
    rationale: Option<String>,
    source: Option<String>,
}

impl Scenario {
    /// Parses a scenario file (its edits are checked against a network by [`super::apply`]).
    pub fn parse(file: &SourceFile) -> Result<Scenario> {
        let text = Text::new(file);
        let problem = |line: usize, field: &str, message: String| Problem {
            file: file.name.clone(),
            line,
            field: field.into(),
            message,
        };
        let (records, mut problems) = load::parse_records::<RawScenarioFile>(&text);
        let mut head: Option<(usize, RawHead)> = None;
        let mut raw_edits: Vec<(usize, RawEdit)> = Vec::new();
        let mut has_additions = false;
        for (offset, part) in records {
            if let Some(h) = part.scenario {
                let at = offset + h.span().start;
                if head.is_some() {
                    problems.push(problem(
                        text.line_of(at),
                        "scenario",
                        "a second [scenario] table: a file holds one scenario".into(),
                    ));
                    continue;
                }
                head = Some((at, h.into_inner()));
            }
            raw_edits.extend(
                part.edit
                    .into_iter()
                    .map(|e| (offset + e.span().start, e.into_inner())),
            );
            has_additions |= !part.node.is_empty() || !part.link.is_empty();
        }
        let Some((head_start, head)) = head else {
            problems.push(problem(
                1,
                "scenario",
                "missing: a [scenario] table with `name` and `description`".into(),
            ));
            return Err(Error::InvalidScenario { problems });
        };
        if let Some(y) = head.year {
            if !(1900..=2100).contains(&y) {
                problems.push(problem(
                    text.key_line(head_start, "year"),
                    "scenario.year",
                    format!("{y} is not a plausible year"),
                ));
            }
        }
        let texts = [
            ("name", Some(&head.name), false),
            ("description", Some(&head.description), true),
            ("source", head.source.as_ref(), true),
        ];
        for (key, t, multi) in texts {
            if let Some(ch) = t.and_then(|t| load::unsafe_char(t, multi)) {
                problems.push(problem(
                    text.key_line(head_start, key),
                    &format!("scenario.{key}"),
                    format!(
                        "contains the control or formatting character U+{:04X}",
                        ch as u32
                    ),
                ));
            }
        }
        if head.name.trim().is_empty() || head.name.chars().count() > load::MAX_NAME_CHARS {
            problems.push(problem(
                text.key_line(head_start, "name"),
                "scenario.name",
                format!("must have 1…{} characters", load::MAX_NAME_CHARS),
            ));
        }
        let mut edits = Vec::new();
        for (start, e) in &raw_edits {
            let start = *start;
            let line = |key: &str| text.key_line(start, key);
            let origin = crate::network::Origin {
                file: file.name.as_str().into(),
                line: text.line_of(start),
            };
            let Some(action) = Action::parse(&e.action) else {
                problems.push(problem(
                    line("action"),
                    "edit.action",
                    format!(
                        "unknown action `{}` (expected close, open, avoid, set or scale)",
                        e.action
                    ),
                ));
                continue;
            };
            let rationale = e.rationale.clone().unwrap_or_default();
            for (key, text) in [
                ("rationale", Some(&rationale)),
                ("source", e.source.as_ref()),
            ] {
                if let Some(ch) = text.and_then(|t| load::unsafe_char(t, true)) {
                    problems.push(problem(
                        line(key),
                        &format!("edit.{key}"),
                        format!(
                            "contains the control or formatting character U+{:04X}",
                            ch as u32
                        ),
                    ));
                }
            }
            if rationale.trim().is_empty() {
                problems.push(problem(
                    origin.line,
                    "edit.rationale",
                    "missing: every edit says why (and `source` where a figure comes from)".into(),
                ));
            }
            let mut field = None;
            let mut amount = 0.0;
            match action {
                Action::Set | Action::Scale => {
                    match e.field.as_deref().map(|f| (f, Field::parse(f))) {
                        Some((_, Some(f))) => field = Some(f),
                        Some((name, None)) => problems.push(problem(
                            line("field"),
                            "edit.field",
                            format!("unknown field `{name}` (expected one of: {FIELDS})"),
                        )),
                        None => problems.push(problem(
                            origin.line,
                            "edit.field",
                            format!("missing: `{}` needs a field", e.action),
                        )),
                    }
                    let (key, v) = if action == Action::Set {
                        ("value", e.value)
                    } else {
                        ("factor", e.factor)
                    };
                    match v {
                        None => problems.push(problem(
                            origin.line,
                            &format!("edit.{key}"),
                            format!("missing: `{}` needs `{key}`", e.action),
                        )),
                        Some(v) if !v.is_finite() => problems.push(problem(
                            line(key),
                            &format!("edit.{key}"),
                            format!("{v} is not a finite number"),
                        )),
                        Some(v) if action == Action::Scale && v <= 0.0 => problems.push(problem(
                            line(key),
                            "edit.factor",
                            format!("scale factor {v} must be greater than 0 (use `close` to remove a link)"),
                        )),
                        Some(v) if action == Action::Set && v < 0.0 => problems.push(problem(
                            line(key),
                            "edit.value",
                            format!("{v} is negative"),
                        )),
                        Some(v) => amount = v,
                    }
                }
                Action::Avoid => {
                    if e.countries.is_empty() {
                        problems.push(problem(
                            origin.line,
                            "edit.countries",
                            "missing: `avoid` needs `countries = [\"RU\", …]`".into(),
                        ));
                    }
                    for c in &e.countries {
                        if !load::is_country(c) {
                            problems.push(problem(
                                line("countries"),
                                "edit.countries",
                                format!("`{c}` is not an ISO 3166-1 alpha-2 code"),
                            ));
                        }
                    }
                }
                Action::Close | Action::Open => {}
            }
            if action != Action::Avoid {
                for p in e.select.problems() {
                    let at = if e.select.is_empty() {
                        origin.line
                    } else {
                        line("select")
                    };
                    problems.push(problem(at, "edit.select", p));
                }
            }
            edits.push(Edit {
                action,
                select: e.select.clone(),
                field,
                field_name: e.field.clone(),
                amount,
                countries: e.countries.clone(),
                rationale,
                source: e.source.clone(),
                origin,
            });
        }
        if !problems.is_empty() {
            return Err(Error::InvalidScenario { problems });
        }
        Ok(Scenario {
            name: head.name,
            description: head.description,
            year: head.year.map(|y| y as i32),
            edits,
            source: head.source,
            additions: if has_additions {
                vec![file.clone()]
            } else {
                Vec::new()
            },
        })
    }
}
