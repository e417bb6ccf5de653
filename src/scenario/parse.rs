//! Reading a scenario file: its raw records (the `[scenario]` head, `[[edit]]`s, and `[[node]]` and
//! `[[link]]` additions) and their checks, every problem with file, line and field.
//! [`Scenario::parse`] checks what the file alone can tell; [`super::apply`] checks the edits
//! against a network.

use serde::Deserialize;
use serde_spanned::Spanned;

use super::edit::{Change, Edit, EditKind};
use super::field::{Field, FIELDS};
use super::select::Selection;
use super::Scenario;
use crate::error::{clip, number, Error, Problem, Result};
use crate::load::{self, SourceFile, Text};
use crate::text::did_you_mean;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenarioFile {
    scenario: Option<Spanned<RawHead>>,
    /// The head of a project file (`[project]`, see [`Scenario::parse_body`]), read by the
    /// project's own reader: a scenario file has none.
    project: Option<Spanned<toml::Value>>,
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
        let (scenario, problems) = Scenario::parse_all(file);
        if problems.is_empty() {
            Ok(scenario)
        } else {
            Err(Error::InvalidScenario { problems })
        }
    }

    /// The scenario as far as the file can be read (without a head, named after the file), and
    /// every problem the file alone shows, in one pass: a record that cannot be read, a missing
    /// head, and each edit's own problems. An edit that cannot be built (an unknown action, no
    /// field or amount) is left out; the others are kept, so that their problems against a
    /// network can be found in the same pass.
    pub(super) fn parse_all(file: &SourceFile) -> (Scenario, Vec<Problem>) {
        let mut r = Reader::new(file);
        let mut records = r.gather();
        if let Some(at) = records.project {
            let line = r.text.line_of(at);
            r.problem(
                line,
                "project",
                "a [project] table belongs in a project file, not a scenario".into(),
            );
        }
        let head = match records.head.take() {
            Some((start, head)) => {
                r.check_head(start, &head);
                head
            }
            None => {
                r.problem(
                    1,
                    "scenario",
                    "missing: a [scenario] table with `name` and `description`".into(),
                );
                RawHead {
                    name: std::path::Path::new(&file.name)
                        .file_stem()
                        .map_or_else(|| file.name.clone(), |s| s.to_string_lossy().into()),
                    description: String::new(),
                    year: None,
                    source: None,
                }
            }
        };
        let scenario = r.scenario(head, &records);
        (scenario, r.problems)
    }

    /// The edits and `[[node]]`/`[[link]]` additions of a file whose head is another reader's
    /// (a candidate project's `[project]` table, which this reader leaves alone), as a scenario
    /// named `name`, and every problem the file's edits and records show, checked as
    /// [`Scenario::parse`] checks a scenario's. A `[scenario]` table there is a problem.
    pub fn parse_body(file: &SourceFile, name: &str) -> (Scenario, Vec<Problem>) {
        let mut r = Reader::new(file);
        let records = r.gather();
        if let Some((at, _)) = &records.head {
            let line = r.text.line_of(*at);
            r.problem(
                line,
                "scenario",
                "a [scenario] table in a file whose head is another (a project's)".into(),
            );
        }
        let head = RawHead {
            name: name.to_string(),
            description: String::new(),
            year: None,
            source: None,
        };
        let scenario = r.scenario(head, &records);
        (scenario, r.problems)
    }
}

/// The `action` of an `[[edit]]`, as written: it says which [`EditKind`] the edit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Close,
    Open,
    Avoid,
    Set,
    Scale,
}

impl Action {
    fn parse(s: &str) -> Option<Action> {
        Some(match s {
            "close" => Action::Close,
            "open" => Action::Open,
            "avoid" => Action::Avoid,
            "set" => Action::Set,
            "scale" => Action::Scale,
            _ => return None,
        })
    }
}

/// The records of a scenario file, gathered: the head and each edit with the byte offset where
/// it starts, and whether the file adds nodes or links.
struct Records {
    head: Option<(usize, RawHead)>,
    /// Where a `[project]` table starts, if the file has one.
    project: Option<usize>,
    edits: Vec<(usize, RawEdit)>,
    has_additions: bool,
}

/// A scenario file being read: its text, and the problems found so far in the order the checks
/// meet them.
struct Reader<'a> {
    file: &'a SourceFile,
    text: Text<'a>,
    problems: Vec<Problem>,
}

impl<'a> Reader<'a> {
    fn new(file: &'a SourceFile) -> Reader<'a> {
        Reader {
            file,
            text: Text::new(file),
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, line: usize, field: &str, message: String) {
        self.problems.push(Problem {
            file: self.file.name.clone(),
            line,
            field: field.into(),
            message,
        });
    }

    /// The line of `key` in the record starting at byte `start`.
    fn line(&self, start: usize, key: &str) -> usize {
        self.text.key_line(start, key)
    }

    /// Splits the file into its records: one head (a second is a problem), the edits, and
    /// whether any `[[node]]` or `[[link]]` is added.
    fn gather(&mut self) -> Records {
        let (parts, problems) = load::parse_records::<RawScenarioFile>(&self.text);
        self.problems = problems;
        let mut records = Records {
            head: None,
            project: None,
            edits: Vec::new(),
            has_additions: false,
        };
        for (offset, part) in parts {
            if let Some(p) = &part.project {
                records.project.get_or_insert(offset + p.span().start);
            }
            if let Some(h) = part.scenario {
                let at = offset + h.span().start;
                if records.head.is_some() {
                    let line = self.text.line_of(at);
                    self.problem(
                        line,
                        "scenario",
                        "a second [scenario] table: a file holds one scenario".into(),
                    );
                    continue;
                }
                records.head = Some((at, h.into_inner()));
            }
            records.edits.extend(
                part.edit
                    .into_iter()
                    .map(|e| (offset + e.span().start, e.into_inner())),
            );
            records.has_additions |= !part.node.is_empty() || !part.link.is_empty();
        }
        records
    }

    /// The scenario of `head` and the file's edits (each checked as far as the file alone can
    /// tell) and additions.
    fn scenario(&mut self, head: RawHead, records: &Records) -> Scenario {
        let edits: Vec<Edit> = records
            .edits
            .iter()
            .filter_map(|(start, e)| self.edit(*start, e))
            .collect();
        Scenario {
            name: head.name,
            description: head.description,
            year: head.year.map(|y| y as i32),
            edits,
            source: head.source,
            additions: if records.has_additions {
                vec![self.file.clone()]
            } else {
                Vec::new()
            },
        }
    }

    /// The head: a plausible year, texts without control characters, a name of sensible length.
    fn check_head(&mut self, start: usize, head: &RawHead) {
        if let Some(y) = head.year {
            if !(1900..=2100).contains(&y) {
                self.problem(
                    self.line(start, "year"),
                    "scenario.year",
                    format!("{y} is not a plausible year"),
                );
            }
        }
        let texts = [
            ("name", Some(&head.name), false),
            ("description", Some(&head.description), true),
            ("source", head.source.as_ref(), true),
        ];
        for (key, t, multi) in texts {
            if let Some(ch) = t.and_then(|t| load::unsafe_char(t, multi)) {
                self.problem(
                    self.line(start, key),
                    &format!("scenario.{key}"),
                    unsafe_message(ch),
                );
            }
        }
        if head.name.trim().is_empty() || head.name.chars().count() > load::MAX_NAME_CHARS {
            self.problem(
                self.line(start, "name"),
                "scenario.name",
                format!("must have 1…{} characters", load::MAX_NAME_CHARS),
            );
        }
    }

    /// One edit, checked as far as the file alone can tell: its action, its texts, what its
    /// action needs, and its selection. `None` when the action is unknown (nothing else is
    /// checked then) or a problem leaves it without a field or amount.
    fn edit(&mut self, start: usize, e: &RawEdit) -> Option<Edit> {
        let origin = crate::network::Origin {
            file: self.file.name.as_str().into(),
            line: self.text.line_of(start),
        };
        let Some(action) = Action::parse(&e.action) else {
            let known = ["close", "open", "avoid", "set", "scale"];
            self.problem(
                self.line(start, "action"),
                "edit.action",
                format!(
                    "unknown action `{}`{} (expected close, open, avoid, set or scale)",
                    clip(&e.action),
                    did_you_mean(&e.action, &known)
                ),
            );
            return None;
        };
        let rationale = self.rationale(start, origin.line, e);
        let kind = match action {
            Action::Set | Action::Scale => {
                let field = self.field(start, origin.line, e);
                let amount = self.amount(start, origin.line, action, e);
                self.selection(start, origin.line, &e.select);
                let change = Change {
                    select: e.select.clone(),
                    field: field?,
                    field_name: e.field.clone()?,
                    amount: amount?,
                };
                if action == Action::Set {
                    EditKind::Set(change)
                } else {
                    EditKind::Scale(change)
                }
            }
            Action::Avoid => {
                self.countries(start, origin.line, e);
                EditKind::Avoid {
                    countries: e.countries.clone(),
                }
            }
            Action::Close | Action::Open => {
                self.selection(start, origin.line, &e.select);
                let select = e.select.clone();
                if action == Action::Close {
                    EditKind::Close { select }
                } else {
                    EditKind::Open { select }
                }
            }
        };
        Some(Edit {
            kind,
            rationale,
            source: e.source.clone(),
            origin,
        })
    }

    /// The edit's rationale (required) and source, without control characters.
    fn rationale(&mut self, start: usize, line: usize, e: &RawEdit) -> String {
        let rationale = e.rationale.clone().unwrap_or_default();
        for (key, text) in [
            ("rationale", Some(&rationale)),
            ("source", e.source.as_ref()),
        ] {
            if let Some(ch) = text.and_then(|t| load::unsafe_char(t, true)) {
                self.problem(
                    self.line(start, key),
                    &format!("edit.{key}"),
                    unsafe_message(ch),
                );
            }
        }
        if rationale.trim().is_empty() {
            self.problem(
                line,
                "edit.rationale",
                "missing: every edit says why (and `source` where a figure comes from)".into(),
            );
        }
        rationale
    }

    /// The field a `set` or `scale` changes.
    fn field(&mut self, start: usize, line: usize, e: &RawEdit) -> Option<Field> {
        match e.field.as_deref().map(|f| (f, Field::parse(f))) {
            Some((_, Some(f))) => return Some(f),
            Some((name, None)) => self.problem(
                self.line(start, "field"),
                "edit.field",
                format!(
                    "unknown field `{}`{} (expected one of: {FIELDS})",
                    clip(name),
                    super::field::did_you_mean_field(name)
                ),
            ),
            None => self.problem(
                line,
                "edit.field",
                format!("missing: `{}` needs a field", e.action),
            ),
        }
        None
    }

    /// The value of a `set` (≥ 0) or the factor of a `scale` (> 0).
    fn amount(&mut self, start: usize, line: usize, action: Action, e: &RawEdit) -> Option<f64> {
        let (key, v) = if action == Action::Set {
            ("value", e.value)
        } else {
            ("factor", e.factor)
        };
        match v {
            None => self.problem(
                line,
                &format!("edit.{key}"),
                format!("missing: `{}` needs `{key}`", e.action),
            ),
            Some(v) if !v.is_finite() => self.problem(
                self.line(start, key),
                &format!("edit.{key}"),
                format!("{} is not a finite number", number(v)),
            ),
            Some(v) if action == Action::Scale && v <= 0.0 => self.problem(
                self.line(start, key),
                "edit.factor",
                format!(
                    "scale factor {} must be greater than 0 (use `close` to remove a link)",
                    number(v)
                ),
            ),
            Some(v) if action == Action::Set && v < 0.0 => self.problem(
                self.line(start, key),
                "edit.value",
                format!("{} is negative", number(v)),
            ),
            Some(v) => return Some(v),
        }
        None
    }

    /// The countries of an `avoid`: at least one, each an ISO code.
    fn countries(&mut self, start: usize, line: usize, e: &RawEdit) {
        if e.countries.is_empty() {
            self.problem(
                line,
                "edit.countries",
                "missing: `avoid` needs `countries = [\"RU\", …]`".into(),
            );
        }
        for c in &e.countries {
            if !load::is_country(c) {
                self.problem(
                    self.line(start, "countries"),
                    "edit.countries",
                    format!("`{c}` is not an ISO 3166-1 alpha-2 code"),
                );
            }
        }
    }

    /// The selection's criteria, in words (see [`Selection::problems`]); an empty selection is
    /// reported at the edit's line, as it has no line of its own.
    fn selection(&mut self, start: usize, line: usize, select: &Selection) {
        for p in select.problems() {
            let at = if select.is_empty() {
                line
            } else {
                self.line(start, "select")
            };
            self.problem(at, "edit.select", p);
        }
    }
}

/// The problem of a text with a control or formatting character.
fn unsafe_message(ch: char) -> String {
    format!(
        "contains the control or formatting character U+{:04X}",
        ch as u32
    )
}
