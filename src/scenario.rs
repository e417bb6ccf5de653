//! Scenarios: what-if edits applied in order to a base network.
//!
//! A scenario file has a `[scenario]` head (name, description, optional year), optional `[[node]]`
//! and `[[link]]` tables in the network format (added first, so edits may target them), and a
//! list of `[[edit]]`s: close or open links and nodes, avoid countries, and set or scale a numeric
//! attribute on a selection. [`apply`] is a pure function from (network, scenario) to a new
//! network: the base is never mutated, and nothing is half-applied: any problem (a selection that
//! matches nothing, an unknown field, a factor ≤ 0) fails the whole scenario, naming the file,
//! line and problem. The shipped scenarios are embedded in the binary ([`embedded`]).

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_spanned::Spanned;

use crate::error::{Error, Problem, Result};
use crate::load::{self, SourceFile, Text};
use crate::network::{Mode, Network, NodeKind, Running, Status, TransferKind};

/// What an edit does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Close the selected links and/or nodes.
    Close,
    /// Open the selected links (whatever their status or year) and/or nodes.
    Open,
    /// Keep routes out of countries: closes their nodes and the links transiting them.
    Avoid,
    /// Set a numeric attribute to `value`.
    Set,
    /// Multiply a numeric attribute by `factor`.
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

/// A numeric attribute an edit can set or scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Link length.
    Km,
    /// Link running speed (converts a fixed running time into a speed when set).
    SpeedKmh,
    /// Link running hours.
    Hours,
    /// Link tariff per FEU-km.
    UsdPerKm,
    /// Link fixed charge.
    UsdFixed,
    /// Link departure wait (the selected directions).
    WaitHours,
    /// Sea link port call for a load staying aboard (the selected directions).
    CallHours,
    /// Border dwell (the selected directions).
    BorderHours,
    /// Border fees (the selected directions).
    BorderUsd,
    /// Opening year of a link.
    AvailableFrom,
    /// Transfer hours at nodes (of one facility kind, or all).
    TransferHours(Option<TransferKind>),
    /// Transfer charges at nodes (of one facility kind, or all).
    TransferUsd(Option<TransferKind>),
}

/// The names of the fields, for messages and help.
pub const FIELDS: &str = "km, speed_kmh, hours, usd_per_km, usd_fixed, wait_hours, call_hours, border.hours, border.usd, available_from, transfer.hours, transfer.usd, transfer.<kind>.hours, transfer.<kind>.usd (kind: rail_sea, rail_road, road_sea, gauge, transship)";

impl Field {
    /// Parses a field name.
    pub fn parse(s: &str) -> Option<Field> {
        Some(match s {
            "km" => Field::Km,
            "speed_kmh" => Field::SpeedKmh,
            "hours" => Field::Hours,
            "usd_per_km" => Field::UsdPerKm,
            "usd_fixed" => Field::UsdFixed,
            "wait_hours" => Field::WaitHours,
            "call_hours" => Field::CallHours,
            "border.hours" => Field::BorderHours,
            "border.usd" => Field::BorderUsd,
            "available_from" => Field::AvailableFrom,
            "transfer.hours" => Field::TransferHours(None),
            "transfer.usd" => Field::TransferUsd(None),
            _ => {
                let rest = s.strip_prefix("transfer.")?;
                let (kind, what) = rest.split_once('.')?;
                let kind = TransferKind::parse(kind)?;
                match what {
                    "hours" => Field::TransferHours(Some(kind)),
                    "usd" => Field::TransferUsd(Some(kind)),
                    _ => return None,
                }
            }
        })
    }

    fn on_nodes(self) -> bool {
        matches!(self, Field::TransferHours(_) | Field::TransferUsd(_))
    }
}

/// Which links or nodes an edit applies to; every given criterion must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Link ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Node ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<String>,
    /// A corridor tag (of the link, or of the node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corridor: Option<String>,
    /// A country: links with an end there, nodes there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// A border: `"KZ>AZ"` (that direction of travel) or `"KZ-AZ"` (both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border: Option<String>,
    /// A mode (links).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// A sea service (links it sails).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// A node kind (nodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Selection {
    /// Parses `key=value` criteria as given on the command line (`corridor=middle`,
    /// `links=a-b,c-d`, `border=KZ>AZ`).
    pub fn parse_criteria(items: &[String]) -> Result<Selection> {
        let mut s = Selection::default();
        for item in items {
            let (k, v) = item.split_once('=').ok_or_else(|| {
                Error::InvalidArgument(format!("selection `{item}` is not key=value"))
            })?;
            let list = || v.split(',').map(|x| x.trim().to_string()).collect();
            match k.trim() {
                "links" | "link" => s.links = list(),
                "nodes" | "node" => s.nodes = list(),
                "corridor" => s.corridor = Some(v.into()),
                "country" => s.country = Some(v.to_ascii_uppercase()),
                "border" => s.border = Some(v.to_ascii_uppercase()),
                "mode" => s.mode = Some(v.into()),
                "service" => s.service = Some(v.into()),
                "kind" => s.kind = Some(v.into()),
                other => {
                    return Err(Error::InvalidArgument(format!(
                        "unknown selection key `{other}` (expected links, nodes, corridor, country, border, mode, service, kind)"
                    )))
                }
            }
        }
        Ok(s)
    }

    fn is_empty(&self) -> bool {
        *self == Selection::default()
    }

    /// The border criterion as (from country, to country, one direction only).
    fn border_pair(&self) -> Option<(String, String, bool)> {
        let b = self.border.as_ref()?;
        if let Some((a, c)) = b.split_once('>') {
            Some((a.trim().into(), c.trim().into(), true))
        } else {
            let (a, c) = b.split_once('-')?;
            Some((a.trim().into(), c.trim().into(), false))
        }
    }
}

impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.links.is_empty() {
            parts.push(format!("links {}", self.links.join(",")));
        }
        if !self.nodes.is_empty() {
            parts.push(format!("nodes {}", self.nodes.join(",")));
        }
        for (k, v) in [
            ("corridor", &self.corridor),
            ("country", &self.country),
            ("border", &self.border),
            ("mode", &self.mode),
            ("service", &self.service),
            ("kind", &self.kind),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k} {v}"));
            }
        }
        if parts.is_empty() {
            f.write_str("everything")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// One edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// What it does.
    pub action: Action,
    /// What it applies to.
    pub select: Selection,
    /// The attribute, for set and scale.
    pub field: Option<Field>,
    /// The field name as written.
    pub field_name: Option<String>,
    /// The value (set) or factor (scale).
    pub amount: f64,
    /// Countries, for avoid.
    pub countries: Vec<String>,
    /// Why: shown in comparisons.
    pub rationale: String,
    /// Where the figure comes from.
    pub source: Option<String>,
    /// File and line, for messages.
    pub origin: crate::network::Origin,
}

impl Edit {
    /// A short description: "scale border.hours × 0.5 on border KZ>AZ".
    pub fn describe(&self) -> String {
        match self.action {
            Action::Close => format!("close {}", self.select),
            Action::Open => format!("open {}", self.select),
            Action::Avoid => format!("avoid {}", self.countries.join(", ")),
            Action::Set => format!(
                "set {} = {} on {}",
                self.field_name.as_deref().unwrap_or("?"),
                self.amount,
                self.select
            ),
            Action::Scale => format!(
                "scale {} × {} on {}",
                self.field_name.as_deref().unwrap_or("?"),
                self.amount,
                self.select
            ),
        }
    }
}

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

    /// Parses a scenario file (its edits are checked against a network by [`apply`]).
    pub fn parse(file: &SourceFile) -> Result<Scenario> {
        let text = Text::new(file);
        let problem = |line: usize, field: &str, message: String| Problem {
            file: file.name.clone(),
            line,
            field: field.into(),
            message,
        };
        let (records, mut problems) = load::parse_records::<RawScenarioFile>(file, &text)
            .map_err(|p| Error::InvalidScenario { problems: vec![p] })?;
        let mut head: Option<(usize, RawHead)> = None;
        let mut raw_edits: Vec<(usize, RawEdit)> = Vec::new();
        let mut has_additions = false;
        for (offset, part) in records {
            if let Some(h) = part.scenario {
                head = Some((offset + h.span().start, h.into_inner()));
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
        let mut edits = Vec::new();
        for (start, e) in &raw_edits {
            let start = *start;
            let line = |key: &str| text.key_line(start, key);
            let origin = crate::network::Origin {
                file: file.name.clone(),
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
                    if e.select.is_empty() {
                        problems.push(problem(
                            origin.line,
                            "edit.select",
                            "missing: say what the edit applies to (`select = { … }`)".into(),
                        ));
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
                Action::Close | Action::Open => {
                    if e.select.is_empty() {
                        problems.push(problem(
                            origin.line,
                            "edit.select",
                            "missing: say what to close or open (`select = { … }`)".into(),
                        ));
                    }
                }
            }
            if let Some(b) = &e.select.border {
                if e.select.border_pair().is_none() {
                    problems.push(problem(
                        line("select"),
                        "edit.select.border",
                        format!("`{b}` is not `AA>BB` or `AA-BB`"),
                    ));
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
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
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
        let parts = name_or_path
            .split('+')
            .map(|p| resolve(p.trim()))
            .collect::<Result<Vec<_>>>()?;
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
        "unknown scenario `{name_or_path}`: neither a shipped scenario ({}) nor a file",
        embedded_names().join(", ")
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
        if let Err(message) = apply_edit(&mut out, e) {
            problems.push(Problem {
                file: e.origin.file.clone(),
                line: e.origin.line,
                field: "edit".into(),
                message,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::InvalidScenario { problems })
    }
}

/// Directions of a link an edit touches: `[forward, reverse]`.
type Dirs = [bool; 2];

/// The links a selection matches, with the directions it concerns.
fn select_links(net: &Network, s: &Selection) -> std::result::Result<Vec<(usize, Dirs)>, String> {
    for id in &s.links {
        if net.link(id).is_none() {
            return Err(format!("selection names unknown link `{id}`"));
        }
    }
    for id in &s.nodes {
        if net.node(id).is_none() {
            return Err(format!("selection names unknown node `{id}`"));
        }
    }
    let mode = match &s.mode {
        Some(m) => Some(Mode::parse(m).ok_or_else(|| format!("unknown mode `{m}`"))?),
        None => None,
    };
    if let Some(v) = &s.service {
        let known = net.services.iter().any(|x| &x.id == v)
            || net
                .links
                .iter()
                .any(|l| l.service_names().contains(&v.as_str()));
        if !known {
            return Err(format!("selection names unknown service `{v}`"));
        }
    }
    let border = s.border_pair();
    Ok(net
        .links
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let (ca, cb) = (&net.nodes[l.from].country, &net.nodes[l.to].country);
            let ok = (s.links.is_empty() || s.links.contains(&l.id))
                && (s.nodes.is_empty()
                    || s.nodes.contains(&net.nodes[l.from].id)
                    || s.nodes.contains(&net.nodes[l.to].id))
                && s.corridor.as_ref().is_none_or(|t| l.has_corridor(t))
                && s.country.as_ref().is_none_or(|c| ca == c || cb == c)
                && mode.is_none_or(|m| l.mode == m)
                && s.service
                    .as_ref()
                    .is_none_or(|v| l.service_names().contains(&v.as_str()));
            if !ok {
                return None;
            }
            match &border {
                None => Some((i, [true, true])),
                Some((a, b, one_way)) => {
                    let fwd = ca == a && cb == b;
                    let rev = ca == b && cb == a;
                    if *one_way {
                        (fwd || rev).then_some((i, [fwd, rev]))
                    } else {
                        (fwd || rev).then_some((i, [true, true]))
                    }
                }
            }
        })
        .collect())
}

/// The nodes a selection matches.
fn select_nodes(net: &Network, s: &Selection) -> std::result::Result<Vec<usize>, String> {
    for id in &s.nodes {
        if net.node(id).is_none() {
            return Err(format!("selection names unknown node `{id}`"));
        }
    }
    if let Some(k) = &s.kind {
        if NodeKind::parse(k).is_none() {
            return Err(format!("unknown node kind `{k}`"));
        }
    }
    if !s.links.is_empty() || s.border.is_some() || s.mode.is_some() || s.service.is_some() {
        return Err("links, border, mode and service select links, not nodes".into());
    }
    Ok(net
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            (s.nodes.is_empty() || s.nodes.contains(&n.id))
                && s.country.as_ref().is_none_or(|c| &n.country == c)
                && s.kind.as_ref().is_none_or(|k| n.kind.as_str() == k)
                && s.corridor.as_ref().is_none_or(|t| {
                    n.corridors.contains(t)
                        || net
                            .links
                            .iter()
                            .any(|l| (l.from == *i || l.to == *i) && l.has_corridor(t))
                })
        })
        .map(|(i, _)| i)
        .collect())
}

/// Applies one edit in place; the message says why it cannot apply.
pub fn apply_edit(net: &mut Network, e: &Edit) -> std::result::Result<(), String> {
    let nothing = || format!("the selection ({}) matches nothing", e.select);
    match e.action {
        Action::Avoid => {
            for c in &e.countries {
                let mut hit = false;
                for n in net.nodes.iter_mut().filter(|n| &n.country == c) {
                    n.closed = true;
                    hit = true;
                }
                for l in net
                    .links
                    .iter_mut()
                    .filter(|l| l.transit_countries.contains(c))
                {
                    l.closed = true;
                    hit = true;
                }
                if !hit {
                    return Err(format!("no node or link of the network lies in {c}"));
                }
            }
            Ok(())
        }
        Action::Close | Action::Open => {
            let close = e.action == Action::Close;
            let node_only = e.select.links.is_empty()
                && e.select.mode.is_none()
                && e.select.border.is_none()
                && !e.select.nodes.is_empty();
            if node_only {
                let nodes = select_nodes(net, &e.select)?;
                if nodes.is_empty() {
                    return Err(nothing());
                }
                for i in nodes {
                    net.nodes[i].closed = close;
                }
                return Ok(());
            }
            let links = select_links(net, &e.select)?;
            if links.is_empty() {
                return Err(nothing());
            }
            for (i, _) in links {
                let l = &mut net.links[i];
                l.closed = close;
                if !close && l.status != Status::Operating {
                    l.status = Status::Operating;
                }
            }
            Ok(())
        }
        Action::Set | Action::Scale => {
            let field = e.field.ok_or("no field")?;
            let new = |old: f64| match e.action {
                Action::Set => e.amount,
                _ => old * e.amount,
            };
            if field.on_nodes() {
                let nodes = select_nodes(net, &e.select)?;
                if nodes.is_empty() {
                    return Err(nothing());
                }
                let mut touched = false;
                for i in nodes {
                    for t in &mut net.nodes[i].transfers {
                        match field {
                            Field::TransferHours(k) if k.is_none_or(|k| k == t.kind) => {
                                t.hours = new(t.hours);
                                touched = true;
                            }
                            Field::TransferUsd(k) if k.is_none_or(|k| k == t.kind) => {
                                t.usd = new(t.usd);
                                touched = true;
                            }
                            _ => {}
                        }
                    }
                }
                return if touched {
                    Ok(())
                } else {
                    Err(format!(
                        "no selected node has the facility for `{}`",
                        e.field_name.as_deref().unwrap_or("")
                    ))
                };
            }
            let links = select_links(net, &e.select)?;
            if links.is_empty() {
                return Err(nothing());
            }
            let mut touched = false;
            for (i, dirs) in links {
                let l = &mut net.links[i];
                match field {
                    Field::Km => l.km = new(l.km),
                    Field::SpeedKmh => {
                        let v = match l.running {
                            Running::SpeedKmh(v) => v,
                            Running::Hours(h) => l.km / h.max(f64::MIN_POSITIVE),
                        };
                        l.running = Running::SpeedKmh(new(v));
                    }
                    Field::Hours => l.running = Running::Hours(new(l.haul_hours())),
                    Field::UsdPerKm => l.usd_per_km = new(l.usd_per_km),
                    Field::UsdFixed => l.usd_fixed = new(l.usd_fixed),
                    Field::WaitHours | Field::CallHours => {
                        let values = if field == Field::WaitHours {
                            &mut l.wait_hours
                        } else {
                            &mut l.call_hours
                        };
                        for (w, on) in values.iter_mut().zip(dirs) {
                            if on {
                                *w = new(*w);
                            }
                        }
                    }
                    Field::BorderHours | Field::BorderUsd => {
                        let Some(b) = l.border.as_mut() else { continue };
                        let values = if field == Field::BorderHours {
                            &mut b.hours
                        } else {
                            &mut b.usd
                        };
                        for (v, on) in values.iter_mut().zip(dirs) {
                            if on {
                                *v = new(*v);
                            }
                        }
                    }
                    Field::AvailableFrom => {
                        if e.action == Action::Scale {
                            return Err("`available_from` can be set, not scaled".into());
                        }
                        l.available_from = Some(e.amount.round() as i32);
                    }
                    Field::TransferHours(_) | Field::TransferUsd(_) => {
                        unreachable!("node fields handled above")
                    }
                }
                touched = true;
            }
            if !touched {
                return Err(format!(
                    "no selected link has a border (for `{}`)",
                    e.field_name.as_deref().unwrap_or("")
                ));
            }
            if let Field::SpeedKmh = field {
                if net
                    .links
                    .iter()
                    .any(|l| matches!(l.running, Running::SpeedKmh(v) if v <= 0.0))
                {
                    return Err(
                        "a speed of 0 km/h would make the link infinitely slow; close it instead"
                            .into(),
                    );
                }
            }
            Ok(())
        }
    }
}
