//! Demand files (`networks/demand/*.toml`): origin–destination flows in TEU per year, read and
//! checked against a network. The format is documented in `networks/README.md`; the assignment
//! that routes them is [`crate::studies::assign`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::error::{Error, Problem, Result};
use crate::load::SourceFile;
use crate::network::{Mode, Network};

/// A year's demand: named flows.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    /// What it describes ("2030: Middle Corridor tripled").
    pub name: String,
    /// The year the volumes are for; the query year of the assignment unless overridden.
    pub year: i32,
    /// The flows, in file order.
    pub flows: Vec<Flow>,
    /// The file it was read from.
    pub file: String,
}

/// One directed flow between two nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Origin node index.
    pub from: usize,
    /// Destination node index.
    pub to: usize,
    /// TEU per year.
    pub teu_per_year: f64,
    /// The published total this flow is a share of (a label for totals; routes ignore it).
    pub group: Option<String>,
    /// Modes its routes may use.
    pub modes: Vec<Mode>,
    /// Corridor tags its routes must not travel.
    pub avoid_tags: Vec<String>,
    /// Countries its routes must not enter.
    pub avoid_countries: Vec<String>,
    /// Line in the file.
    pub line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    demand: Spanned<RawHead>,
    #[serde(default)]
    flow: Vec<Spanned<RawFlow>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    name: String,
    year: i64,
    unit: String,
    tonnes_per_teu: Option<f64>,
    // Part of the format (documented, checked for type), not used by the assignment.
    #[serde(default)]
    #[allow(dead_code)]
    directional: bool,
    #[serde(default)]
    #[allow(dead_code)]
    source: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlow {
    from: String,
    to: String,
    teu_per_year: f64,
    group: Option<String>,
    #[serde(default)]
    modes: Vec<String>,
    #[serde(default)]
    avoid_tags: Vec<String>,
    #[serde(default)]
    avoid_countries: Vec<String>,
    // Part of the format (documented, checked for type), not used by the assignment.
    #[serde(default)]
    #[allow(dead_code)]
    estimate: bool,
    source: Option<String>,
}

/// The shipped demand files, by name.
pub const SHIPPED: [(&str, &str); 3] = [
    ("2024", include_str!("../../networks/demand/2024.toml")),
    ("2025", include_str!("../../networks/demand/2025.toml")),
    ("2030", include_str!("../../networks/demand/2030.toml")),
];

/// A shipped demand by name, or a demand file by path.
pub fn resolve(name: &str, net: &Network) -> Result<Demand> {
    if let Some((n, text)) = SHIPPED.iter().find(|(n, _)| *n == name) {
        return parse(
            &SourceFile {
                name: format!("<embedded>/networks/demand/{n}.toml"),
                text: (*text).to_string(),
            },
            net,
        );
    }
    let path = Path::new(name);
    if path.exists() {
        return load(path, net);
    }
    let names: Vec<&str> = SHIPPED.iter().map(|(n, _)| *n).collect();
    Err(Error::InvalidArgument(format!(
        "no shipped demand `{}` and no such file (shipped: {}){}",
        crate::error::clip(name),
        names.join(", "),
        crate::text::did_you_mean(name, &names)
    )))
}

/// The most TEU a year one flow may carry (the world's container trade is about 900 million).
const MAX_TEU: f64 = 1e9;

/// Reads a demand file and checks it against `net`.
pub fn load(path: &Path, net: &Network) -> Result<Demand> {
    let text = crate::fs::read_text(path)?;
    parse(
        &SourceFile {
            name: path.display().to_string(),
            text,
        },
        net,
    )
}

/// Parses and checks a demand file; every problem is reported, with its line and field.
pub fn parse(file: &SourceFile, net: &Network) -> Result<Demand> {
    let lines = crate::load::Text::new(file);
    let problem = |at: usize, field: &str, message: String| Problem {
        file: file.name.clone(),
        line: lines.line_of(at),
        field: field.into(),
        message,
    };
    let raw: RawFile = toml::from_str(&file.text).map_err(|e| Error::InvalidDemand {
        problems: vec![problem(
            e.span().map_or(0, |s| s.start),
            "toml",
            e.message().trim().to_string(),
        )],
    })?;
    let mut problems = Vec::new();
    let head = raw.demand.get_ref();
    let at = raw.demand.span().start;
    if head.unit != "teu" {
        problems.push(problem(
            at,
            "demand.unit",
            format!("`{}`: flows are given in \"teu\" (teu_per_year)", head.unit),
        ));
    }
    if !(1900..=2100).contains(&head.year) {
        problems.push(problem(
            at,
            "demand.year",
            format!("{} is not a year in 1900…2100", head.year),
        ));
    }
    if let Some(t) = head.tonnes_per_teu {
        if !(t.is_finite() && t > 0.0 && t <= 40.0) {
            problems.push(problem(
                at,
                "demand.tonnes_per_teu",
                format!("{t} must lie in 0…40"),
            ));
        }
    }
    let mut flows = Vec::new();
    for rf in &raw.flow {
        let at = rf.span().start;
        let f = rf.get_ref();
        let mut node = |field: &str, id: &str| match net.node_index(id) {
            Some(i) => Some(i),
            None => {
                problems.push(problem(
                    at,
                    &format!("flow.{field}"),
                    format!("no node with id `{id}`"),
                ));
                None
            }
        };
        let (from, to) = (node("from", &f.from), node("to", &f.to));
        if !(f.teu_per_year.is_finite() && (0.0..=MAX_TEU).contains(&f.teu_per_year)) {
            problems.push(problem(
                at,
                "flow.teu_per_year",
                format!("{} must lie in 0…{MAX_TEU:e}", f.teu_per_year),
            ));
        }
        if f.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            problems.push(problem(
                at,
                "flow.source",
                "has no source (start it with \"estimate:\" for an estimate)".into(),
            ));
        }
        let mut modes = Vec::new();
        for m in &f.modes {
            match Mode::parse(m) {
                Some(m) => modes.push(m),
                None => problems.push(problem(
                    at,
                    "flow.modes",
                    format!("unknown mode `{m}` (expected rail, road or sea)"),
                )),
            }
        }
        if modes.is_empty() {
            modes = Mode::ALL.to_vec();
        }
        for t in &f.avoid_tags {
            if !net.links.iter().any(|l| l.has_corridor(t)) {
                problems.push(problem(
                    at,
                    "flow.avoid_tags",
                    format!("no link carries the tag `{t}`"),
                ));
            }
        }
        for c in &f.avoid_countries {
            if !crate::load::is_country(c) {
                problems.push(problem(
                    at,
                    "flow.avoid_countries",
                    format!("`{c}` is not an ISO 3166-1 alpha-2 code"),
                ));
            }
        }
        if let (Some(from), Some(to)) = (from, to) {
            if from == to {
                problems.push(problem(
                    at,
                    "flow.to",
                    format!("origin and destination are both `{}`", f.to),
                ));
                continue;
            }
            flows.push(Flow {
                from,
                to,
                teu_per_year: f.teu_per_year,
                group: f.group.clone(),
                modes,
                avoid_tags: f.avoid_tags.clone(),
                avoid_countries: f.avoid_countries.clone(),
                line: lines.line_of(at),
            });
        }
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(Error::InvalidDemand { problems });
    }
    Ok(Demand {
        name: head.name.clone(),
        year: head.year as i32,
        flows,
        file: file.name.clone(),
    })
}
