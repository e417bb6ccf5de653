//! Demand files (`networks/demand/*.toml`): origin–destination flows in TEU per year, read and
//! checked against a network. The format is documented in `networks/README.md`; the assignment
//! that routes them is [`crate::studies::assign`].

mod check;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::error::{clip, number, Error, Problem, Result};
use crate::load::SourceFile;
use crate::network::{Mode, Network};
use crate::text::{closest, thousands};

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
struct RawHead {
    name: String,
    year: i64,
    unit: String,
    tonnes_per_teu: Option<f64>,
    // Part of the format (documented, checked for type), not used by the assignment.
    #[serde(default)]
    #[allow(dead_code)]
    directional: bool,
    /// Checked for control characters only.
    #[serde(default)]
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
pub const MAX_TEU: f64 = 1e9;

/// The most flows a demand (a file, or one built in code) may have. Each flow is routed at every
/// iteration of the assignment, so a study of more is a study of another kind; the shipped files
/// have a few dozen.
pub const MAX_FLOWS: usize = 100_000;

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

/// One record of a demand file: the `[demand]` head or a `[[flow]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    demand: Option<Spanned<RawHead>>,
    #[serde(default)]
    flow: Vec<Spanned<RawFlow>>,
}

/// Parses and checks a demand file; every problem is reported, with its line and field. The file
/// is read a record at a time (the head, then each flow), and its flows are counted before any
/// is read: more than [`MAX_FLOWS`] is refused at once.
pub fn parse(file: &SourceFile, net: &Network) -> Result<Demand> {
    let text = crate::load::Text::new(file);
    let written = text
        .spans()
        .iter()
        .filter(|s| crate::load::starts_with_header(text.slice(s), "[[flow]]"))
        .count();
    if written > MAX_FLOWS {
        return Err(Error::InvalidDemand {
            problems: vec![Problem {
                file: file.name.clone(),
                line: 0,
                field: "flow".into(),
                message: format!(
                    "{} flows: a demand file holds at most {} (merge flows between the same places, or split the study)",
                    thousands(written as f64),
                    thousands(MAX_FLOWS as f64)
                ),
            }],
        });
    }
    let (records, syntax) = crate::load::parse_records::<RawRecord>(&text);
    let mut r = Reader {
        text: &text,
        net,
        problems: syntax,
        known: Known::new(net),
    };
    let mut head: Option<(usize, RawHead)> = None;
    let mut flows = Vec::new();
    for (offset, record) in records {
        if let Some(h) = record.demand {
            let at = offset + h.span().start;
            if head.is_some() {
                r.problem(
                    at,
                    "demand",
                    "a second [demand] table: a file holds one".into(),
                );
            } else {
                head = Some((at, h.into_inner()));
            }
        }
        for f in record.flow {
            let at = offset + f.span().start;
            if let Some(flow) = r.flow(at, &f.into_inner()) {
                flows.push(flow);
            }
        }
    }
    if let Some((at, h)) = &head {
        r.head(*at, h);
    } else {
        r.problems.push(Problem {
            file: file.name.clone(),
            line: 1,
            field: "demand".into(),
            message: "missing: a [demand] table with `name`, `year` and `unit`".into(),
        });
    }
    match head {
        Some((_, head)) if r.problems.is_empty() => Ok(Demand {
            name: head.name,
            year: head.year as i32,
            flows,
            file: file.name.clone(),
        }),
        _ => {
            let mut problems = r.problems;
            problems.sort();
            problems.dedup();
            Err(Error::InvalidDemand { problems })
        }
    }
}

/// A demand file being checked: its text and network, what the network knows, and the problems
/// found so far.
struct Reader<'a> {
    text: &'a crate::load::Text<'a>,
    net: &'a Network,
    problems: Vec<Problem>,
    known: Known<'a>,
}

impl Reader<'_> {
    fn problem(&mut self, at: usize, field: &str, message: String) {
        self.problems.push(Problem {
            file: self.text.name.to_string(),
            line: self.text.line_of(at),
            field: field.into(),
            message,
        });
    }

    /// A text that must not reach a terminal or a figure as it is; `false` (and a problem) when
    /// it holds a control, bidirectional or non-character.
    fn safe(&mut self, at: usize, field: &str, s: &str) -> bool {
        match crate::load::unsafe_char(s, false) {
            None => true,
            Some(ch) => {
                self.problem(
                    at,
                    field,
                    format!(
                        "contains the control or formatting character U+{:04X}",
                        ch as u32
                    ),
                );
                false
            }
        }
    }

    /// The head: unit, year, tonnes per TEU, and texts without control characters.
    fn head(&mut self, at: usize, head: &RawHead) {
        if head.unit != "teu" && self.safe(at, "demand.unit", &head.unit) {
            self.problem(
                at,
                "demand.unit",
                format!(
                    "`{}`: flows are given in \"teu\" (teu_per_year)",
                    clip(&head.unit)
                ),
            );
        }
        if !(1900..=2100).contains(&head.year) {
            self.problem(
                at,
                "demand.year",
                format!("{} is not a year in 1900…2100", head.year),
            );
        }
        if let Some(t) = head.tonnes_per_teu {
            if !(t.is_finite() && t > 0.0 && t <= 40.0) {
                self.problem(
                    at,
                    "demand.tonnes_per_teu",
                    format!("{} must lie in 0…40", number(t)),
                );
            }
        }
        self.safe(at, "demand.name", &head.name);
        for (k, v) in &head.source {
            if self.safe(at, "demand.source", k) {
                self.safe(at, &format!("demand.source.{k}"), v);
            }
        }
    }

    /// A node id of a flow, or a problem.
    fn node(&mut self, at: usize, field: &str, id: &str) -> Option<usize> {
        if !self.safe(at, field, id) {
            return None;
        }
        if let Some(i) = self.net.node_index(id) {
            return Some(i);
        }
        let hint = self.known.node_hint(id);
        self.problem(at, field, format!("no node with id `{}`{hint}", clip(id)));
        None
    }

    /// One flow, checked; `None` when it has a problem.
    fn flow(&mut self, at: usize, f: &RawFlow) -> Option<Flow> {
        let before = self.problems.len();
        let (from, to) = (
            self.node(at, "flow.from", &f.from),
            self.node(at, "flow.to", &f.to),
        );
        if !(f.teu_per_year.is_finite() && (0.0..=MAX_TEU).contains(&f.teu_per_year)) {
            self.problem(
                at,
                "flow.teu_per_year",
                format!("{} must lie in 0…{MAX_TEU:e}", number(f.teu_per_year)),
            );
        }
        match f.source.as_deref() {
            Some(s) if !s.trim().is_empty() => {
                self.safe(at, "flow.source", s);
            }
            _ => self.problem(
                at,
                "flow.source",
                "has no source (start it with \"estimate:\" for an estimate)".into(),
            ),
        }
        if let Some(g) = &f.group {
            self.safe(at, "flow.group", g);
        }
        let mut modes = Vec::new();
        for m in &f.modes {
            match Mode::parse(m) {
                Some(m) => modes.push(m),
                None if self.safe(at, "flow.modes", m) => self.problem(
                    at,
                    "flow.modes",
                    format!("unknown mode `{}` (expected rail, road or sea)", clip(m)),
                ),
                None => {}
            }
        }
        if modes.is_empty() {
            modes = Mode::ALL.to_vec();
        }
        for t in &f.avoid_tags {
            if self.safe(at, "flow.avoid_tags", t) && !self.known.tags.contains(t.as_str()) {
                let hint = did_you_mean(closest(t, &self.known.tag_list, 3));
                self.problem(
                    at,
                    "flow.avoid_tags",
                    format!("no link carries the tag `{}`{hint}", clip(t)),
                );
            }
        }
        for c in &f.avoid_countries {
            if self.safe(at, "flow.avoid_countries", c) && !crate::load::is_country(c) {
                self.problem(
                    at,
                    "flow.avoid_countries",
                    format!("`{}` is not an ISO 3166-1 alpha-2 code", clip(c)),
                );
            }
        }
        let (from, to) = (from?, to?);
        if from == to {
            self.problem(
                at,
                "flow.to",
                format!("origin and destination are both `{}`", clip(&f.to)),
            );
        }
        (self.problems.len() == before).then(|| Flow {
            from,
            to,
            teu_per_year: f.teu_per_year,
            group: f.group.clone(),
            modes,
            avoid_tags: f.avoid_tags.clone(),
            avoid_countries: f.avoid_countries.clone(),
            line: self.text.line_of(at),
        })
    }
}

/// What a network offers a demand file's words: its corridor tags (as a set, so that checking a
/// flow does not go through every link), and its node ids for a "did you mean" (made on first
/// use, and only for a network small enough to search).
struct Known<'a> {
    net: &'a Network,
    tags: HashSet<&'a str>,
    tag_list: Vec<&'a str>,
    ids: Option<Vec<&'a str>>,
    /// How many suggestions may still be searched for (each is a pass over the node ids).
    hints_left: usize,
}

impl<'a> Known<'a> {
    fn new(net: &'a Network) -> Known<'a> {
        let tags: HashSet<&str> = net
            .links
            .iter()
            .flat_map(|l| l.corridors.iter().map(String::as_str))
            .collect();
        let mut tag_list: Vec<&str> = tags.iter().copied().collect();
        tag_list.sort_unstable();
        Known {
            net,
            tags,
            tag_list,
            ids: None,
            hints_left: 100,
        }
    }

    /// "; did you mean …?" for an unknown node id, or nothing.
    fn node_hint(&mut self, id: &str) -> String {
        if self.hints_left == 0 || self.net.nodes.len() > 100_000 {
            return String::new();
        }
        self.hints_left -= 1;
        let net = self.net;
        let ids = self
            .ids
            .get_or_insert_with(|| net.nodes.iter().map(|n| n.id.as_str()).collect());
        did_you_mean(closest(id, ids, 3))
    }
}

fn did_you_mean(candidates: Vec<String>) -> String {
    if candidates.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", candidates.join(", "))
    }
}
