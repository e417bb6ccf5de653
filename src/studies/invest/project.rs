//! A candidate project file (`networks/projects/<id>.toml`, networks/README.md): its `[project]`
//! head read strictly here, its `[[edit]]`, `[[node]]` and `[[link]]` records read by the scenario
//! reader ([`Scenario::parse_body`]) and checked against a network by the scenario's own rules
//! ([`crate::scenario::apply`]), every problem with file, line and field.

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::error::{clip, number, Error, Problem, Result};
use crate::load::{self, SourceFile, Text};
use crate::network::Network;
use crate::scenario::{self, EditKind, Scenario};

/// A money amount as published, with the exchange rate used.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Amount {
    /// The amount in `currency` (> 0).
    pub amount: f64,
    /// The currency as published: "USD", "EUR", "AZN"…
    pub currency: String,
    /// The year of the prices.
    pub price_year: i32,
    /// USD per unit of `currency` (the rate used; its date and source in `source`).
    pub usd_per_unit: f64,
    /// Where the amount comes from (`estimate: …` saying how, when not published).
    pub source: String,
}

impl Amount {
    /// The amount in USD.
    pub fn usd(&self) -> f64 {
        self.amount * self.usd_per_unit
    }

    /// Whether the amount is an estimate rather than a published figure.
    pub fn is_estimate(&self) -> bool {
        self.source.trim_start().starts_with("estimate")
    }
}

/// A candidate project: what it costs, when it opens, how long it lasts, and what it changes.
#[derive(Debug, Clone)]
pub struct Project {
    /// Its id (= the file stem, kebab-case).
    pub id: String,
    /// A short label for tables and charts.
    pub name: String,
    /// What is built and what it changes in the network.
    pub description: String,
    /// The first year of service (benefits start this year).
    pub opens: i32,
    /// Where the opening year comes from.
    pub opens_source: String,
    /// Years of service (> 0).
    pub lifetime_years: u32,
    /// Where the lifetime comes from.
    pub lifetime_source: String,
    /// Capital cost.
    pub capital: Amount,
    /// Yearly operating cost, when published or estimated.
    pub operating: Option<Amount>,
    /// Its edits and additions, as a scenario named after the project.
    pub changes: Scenario,
    /// The file it was read from (as shown in messages).
    pub file: String,
}

impl Project {
    /// The capital cost in USD.
    pub fn capital_usd(&self) -> f64 {
        self.capital.usd()
    }

    /// The yearly operating cost in USD (0 when none is given).
    pub fn operating_usd(&self) -> f64 {
        self.operating.as_ref().map_or(0.0, Amount::usd)
    }

    /// The last year of service.
    pub fn last_year(&self) -> i32 {
        self.opens + self.lifetime_years as i32 - 1
    }

    /// Whether it is in service in `year`.
    pub fn in_service(&self, year: i32) -> bool {
        (self.opens..=self.last_year()).contains(&year)
    }

    /// The selections its `open` edits name: what it owns, closed in the do-minimum.
    pub fn opened(&self) -> impl Iterator<Item = &scenario::Selection> {
        self.changes.edits.iter().filter_map(|e| match &e.kind {
            EditKind::Open { select } => Some(select),
            _ => None,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    project: Option<Spanned<RawProject>>,
    // Read by the scenario reader (`Scenario::parse_body`): here only allowed.
    #[allow(dead_code)]
    #[serde(default)]
    edit: Vec<toml::Value>,
    #[allow(dead_code)]
    #[serde(default)]
    node: Vec<toml::Value>,
    #[allow(dead_code)]
    #[serde(default)]
    link: Vec<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    id: String,
    name: String,
    description: String,
    opens: i64,
    opens_source: String,
    lifetime_years: i64,
    lifetime_source: String,
    capital: RawAmount,
    operating: Option<RawAmount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmount {
    amount: f64,
    currency: String,
    price_year: i64,
    usd_per_unit: f64,
    source: Option<String>,
}

/// Reads one project file whose stem is `stem`: the project, or every problem the file alone
/// shows (its head's and its edits').
pub fn parse(file: &SourceFile, stem: &str) -> Result<Project> {
    let (project, problems) = parse_all(file, stem);
    match project {
        Some(p) if problems.is_empty() => Ok(p),
        _ => Err(Error::InvalidProject { problems }),
    }
}

/// The project as far as it can be read, and every problem the file alone shows.
pub(crate) fn parse_all(file: &SourceFile, stem: &str) -> (Option<Project>, Vec<Problem>) {
    let text = Text::new(file);
    let (records, mut problems) = load::parse_records::<RawFile>(&text);
    let (changes, p) = Scenario::parse_body(file, stem);
    problems.extend(p);
    let mut heads = records
        .into_iter()
        .filter_map(|(offset, r)| r.project.map(|h| (offset + h.span().start, h.into_inner())));
    let mut check = Check {
        file: &file.name,
        text: &text,
        problems: Vec::new(),
    };
    let head = heads.next();
    if let Some((at, _)) = heads.next() {
        check.at(
            at,
            "",
            "project",
            "a second [project] table: a file holds one project".into(),
        );
    }
    let project = match head {
        None => {
            check.problem(
                1,
                "project",
                "missing: a [project] table with id, name, description, opens, lifetime_years and capital".into(),
            );
            None
        }
        Some((at, raw)) => check.project(at, raw, stem, changes),
    };
    problems.extend(check.problems);
    problems.sort();
    problems.dedup();
    (project, problems)
}

/// The checks of a `[project]` head.
struct Check<'a> {
    file: &'a str,
    text: &'a Text<'a>,
    problems: Vec<Problem>,
}

impl Check<'_> {
    fn problem(&mut self, line: usize, field: &str, message: String) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            field: field.into(),
            message,
        });
    }

    /// A problem at `key`'s line in the record starting at byte `start` (the record's line when
    /// `key` is empty).
    fn at(&mut self, start: usize, key: &str, field: &str, message: String) {
        let line = if key.is_empty() {
            self.text.line_of(start)
        } else {
            self.text.key_line(start, key)
        };
        self.problem(line, field, message);
    }

    /// The head checked: id, texts, years, lifetime and amounts.
    fn project(
        &mut self,
        at: usize,
        raw: RawProject,
        stem: &str,
        changes: Scenario,
    ) -> Option<Project> {
        let before = self.problems.len();
        if raw.id != stem {
            self.at(
                at,
                "id",
                "project.id",
                format!(
                    "`{}` differs from the file's name `{stem}`: a project's id is its file stem",
                    clip(&raw.id)
                ),
            );
        } else if !is_kebab(&raw.id) {
            self.at(
                at,
                "id",
                "project.id",
                format!("`{}` is not kebab-case (a-z, 0-9 and -)", clip(&raw.id)),
            );
        }
        for (key, t) in [
            ("name", &raw.name),
            ("description", &raw.description),
            ("opens_source", &raw.opens_source),
            ("lifetime_source", &raw.lifetime_source),
        ] {
            if t.trim().is_empty() {
                self.at(at, key, &format!("project.{key}"), "missing: empty".into());
            } else if let Some(ch) = load::unsafe_char(t, key != "name") {
                self.at(
                    at,
                    key,
                    &format!("project.{key}"),
                    format!("contains the control character U+{:04X}", ch as u32),
                );
            }
        }
        if !(1900..=2100).contains(&raw.opens) {
            self.at(
                at,
                "opens",
                "project.opens",
                format!("{} is not a plausible year", raw.opens),
            );
        }
        if !(1..=200).contains(&raw.lifetime_years) {
            self.at(
                at,
                "lifetime_years",
                "project.lifetime_years",
                format!("{} years: a lifetime is 1 to 200 years", raw.lifetime_years),
            );
        }
        let capital = self.amount(at, "capital", &raw.capital);
        let operating = raw
            .operating
            .as_ref()
            .map(|o| self.amount(at, "operating", o));
        if self.problems.len() > before {
            return None;
        }
        Some(Project {
            id: raw.id,
            name: raw.name,
            description: raw.description,
            opens: raw.opens as i32,
            opens_source: raw.opens_source,
            lifetime_years: raw.lifetime_years as u32,
            lifetime_source: raw.lifetime_source,
            capital,
            operating,
            changes,
            file: self.file.to_string(),
        })
    }

    /// An amount: > 0 and finite, a rate > 0, a currency code, a plausible price year, a source.
    fn amount(&mut self, at: usize, key: &str, a: &RawAmount) -> Amount {
        let field = format!("project.{key}");
        if !(a.amount.is_finite() && a.amount > 0.0) {
            self.at(
                at,
                key,
                &format!("{field}.amount"),
                format!("{} must be a positive amount", number(a.amount)),
            );
        }
        if !(a.usd_per_unit.is_finite() && a.usd_per_unit > 0.0) {
            self.at(
                at,
                key,
                &format!("{field}.usd_per_unit"),
                format!("{} must be a positive rate", number(a.usd_per_unit)),
            );
        }
        if a.currency.len() != 3 || !a.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            self.at(
                at,
                key,
                &format!("{field}.currency"),
                format!(
                    "`{}` is not an ISO 4217 code such as USD or EUR",
                    clip(&a.currency)
                ),
            );
        }
        if !(1900..=2100).contains(&a.price_year) {
            self.at(
                at,
                key,
                &format!("{field}.price_year"),
                format!("{} is not a plausible year", a.price_year),
            );
        }
        let source = a.source.clone().unwrap_or_default();
        if source.trim().is_empty() {
            self.at(
                at,
                key,
                &format!("{field}.source"),
                "missing: a cost names its publication, or says `estimate: …` and how".into(),
            );
        }
        Amount {
            amount: a.amount,
            currency: a.currency.clone(),
            price_year: a.price_year as i32,
            usd_per_unit: a.usd_per_unit,
            source,
        }
    }
}

/// Whether `s` is kebab-case: lowercase letters, digits and single inner hyphens.
fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads a list of project files (each `(stem, file)`), checks each against `net` (its edits
/// must select what they name there, as a scenario's must) and that no id appears twice.
/// The projects in id order, or every problem of every file.
pub fn read_all(files: &[(String, SourceFile)], net: &Network) -> Result<Vec<Project>> {
    let mut problems = Vec::new();
    let mut out: Vec<Project> = Vec::new();
    for (stem, file) in files {
        let (p, mut found) = parse_all(file, stem);
        if let Some(p) = p {
            if let Err(Error::InvalidScenario { problems: p2 }) = scenario::apply(net, &p.changes) {
                found.extend(p2);
            }
            if let Some(first) = out.iter().find(|q| q.id == p.id) {
                found.push(Problem {
                    file: file.name.clone(),
                    line: 1,
                    field: "project.id".into(),
                    message: format!("`{}` is also the id of {}", p.id, first.file),
                });
            }
            out.push(p);
        }
        problems.extend(found);
    }
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Error::InvalidProject { problems });
    }
    if out.is_empty() {
        return Err(Error::InvalidArgument(
            "no candidate projects: give a folder of project files (<id>.toml)".into(),
        ));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// The `*.toml` files of a folder, each with its stem, in name order (listed as every data folder
/// is, [`crate::load::folder::data_paths`]: an empty folder or a FIFO named like a project file is
/// refused).
pub fn folder_files(dir: &std::path::Path) -> Result<Vec<(String, SourceFile)>> {
    let wanted = crate::load::folder::Wanted {
        extensions: &["toml"],
        what: "project",
    };
    let paths = crate::load::folder::data_paths(dir, &wanted)?
        .map_err(|problems| Error::InvalidProject { problems })?;
    let mut out = Vec::with_capacity(paths.len());
    for p in paths {
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((
            stem,
            SourceFile {
                name: p.display().to_string(),
                text: crate::fs::read_text(&p)?,
            },
        ));
    }
    Ok(out)
}
