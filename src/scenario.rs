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
use std::ops::Not as _;
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// A network-wide emission factor: `emissions.payload_t`, `emissions.rail_diesel_g_per_tkm`,
    /// `emissions.rail_electric_kwh_per_tkm`, `emissions.road_g_per_tkm`,
    /// `emissions.transfer_kg_per_feu`, `emissions.grid.<CC>`, `emissions.vessel.<class>`;
    /// selected with `all = true`.
    Emissions(EmissionField),
    /// A number of the capacity record named by `select = { capacity = "id" }`.
    Capacity(CapacityField),
}

/// Which number of a capacity record an edit changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityField {
    /// Units per departure (a whole number).
    PerDeparture,
    /// Hours between departures.
    HeadwayHours,
    /// Number of servers (a whole number).
    Servers,
    /// Mean service time of a batch.
    ServiceHours,
    /// Units served together.
    Batch,
    /// Service-time coefficient of variation.
    ServiceCv,
    /// Interarrival coefficient of variation.
    ArrivalCv,
    /// Hours the queue does not produce.
    BaseHours,
    /// Load outside the demand, units a year.
    BackgroundPerYear,
    /// Winter capacity multiplier.
    WinterFactor,
}

impl CapacityField {
    const ALL: [(&'static str, CapacityField); 10] = [
        ("per_departure", CapacityField::PerDeparture),
        ("headway_hours", CapacityField::HeadwayHours),
        ("servers", CapacityField::Servers),
        ("service_hours", CapacityField::ServiceHours),
        ("batch", CapacityField::Batch),
        ("service_cv", CapacityField::ServiceCv),
        ("arrival_cv", CapacityField::ArrivalCv),
        ("base_hours", CapacityField::BaseHours),
        ("background_per_year", CapacityField::BackgroundPerYear),
        ("winter_factor", CapacityField::WinterFactor),
    ];
}

/// Which emission factor an edit changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmissionField {
    /// Tonnes per FEU.
    PayloadT,
    /// Diesel rail g/tkm.
    RailDiesel,
    /// Electric rail kWh/tkm.
    RailElectric,
    /// Road g/tkm.
    Road,
    /// kg per container handled.
    Transfer,
    /// A country's grid g/kWh.
    Grid(String),
    /// A vessel class's g/tkm.
    Vessel(String),
}

/// The names of the fields, for messages and help.
pub const FIELDS: &str = "km, speed_kmh, hours, usd_per_km, usd_fixed, wait_hours, call_hours, border.hours, border.usd, available_from, transfer.hours, transfer.usd, transfer.<kind>.hours, transfer.<kind>.usd (kind: rail_sea, rail_road, road_sea, gauge, transship), with `all = true` emissions.payload_t, emissions.rail_diesel_g_per_tkm, emissions.rail_electric_kwh_per_tkm, emissions.road_g_per_tkm, emissions.transfer_kg_per_feu, emissions.grid.<CC>, emissions.vessel.<class>, and with `capacity = \"id\"` per_departure, headway_hours, servers, service_hours, batch, service_cv, arrival_cv, base_hours, background_per_year, winter_factor";

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
            _ if CapacityField::ALL.iter().any(|(n, _)| *n == s) => Field::Capacity(
                CapacityField::ALL
                    .iter()
                    .find(|(n, _)| *n == s)
                    .map(|(_, f)| *f)?,
            ),
            "emissions.payload_t" => Field::Emissions(EmissionField::PayloadT),
            "emissions.rail_diesel_g_per_tkm" => Field::Emissions(EmissionField::RailDiesel),
            "emissions.rail_electric_kwh_per_tkm" => Field::Emissions(EmissionField::RailElectric),
            "emissions.road_g_per_tkm" => Field::Emissions(EmissionField::Road),
            "emissions.transfer_kg_per_feu" => Field::Emissions(EmissionField::Transfer),
            _ if s.starts_with("emissions.grid.") => Field::Emissions(EmissionField::Grid(
                s["emissions.grid.".len()..].to_ascii_uppercase(),
            )),
            _ if s.starts_with("emissions.vessel.") => Field::Emissions(EmissionField::Vessel(
                s["emissions.vessel.".len()..].to_string(),
            )),
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

    fn on_nodes(&self) -> bool {
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
    /// A node kind: the nodes of that kind, or the links touching one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Everything: every link (or node, for node fields). Must be said explicitly; an empty
    /// selection is an error, never "everything".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
    /// One capacity record, by id (for its fields only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<String>,
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
                "all" => {
                    s.all = match v.trim() {
                        "true" => true,
                        other => {
                            return Err(Error::InvalidArgument(format!(
                                "selection `all={other}`: the only value is `all=true`"
                            )))
                        }
                    }
                }
                other => {
                    return Err(Error::InvalidArgument(format!(
                        "unknown selection key `{other}` (expected links, nodes, corridor, country, border, mode, service, kind, all)"
                    )))
                }
            }
        }
        if let Some(p) = s.problems().into_iter().next() {
            return Err(Error::InvalidArgument(p));
        }
        Ok(s)
    }

    /// What is wrong with the selection's criteria, in words: a border that is not `"AA>BB"` or
    /// `"AA-BB"` with ISO country codes, an unknown mode or node kind, a country that is not an
    /// ISO code, nothing selected, or `all` together with a criterion.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(b) = &self.border {
            if self.border_pair().is_none() {
                out.push(format!(
                    "border `{b}` is not a pair of ISO country codes `AA>BB` (that direction of travel) or `AA-BB` (both); quote it on the command line: --where 'border=CN>KZ'"
                ));
            }
        }
        if let Some(m) = &self.mode {
            if Mode::parse(m).is_none() {
                out.push(format!("unknown mode `{m}` (expected rail, road or sea)"));
            }
        }
        if let Some(k) = &self.kind {
            if NodeKind::parse(k).is_none() {
                let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
                out.push(format!(
                    "unknown node kind `{k}` (expected one of: {})",
                    all.join(", ")
                ));
            }
        }
        if let Some(c) = &self.country {
            if !load::is_country(c) {
                out.push(format!("`{c}` is not an ISO 3166-1 alpha-2 country code"));
            }
        }
        if self.capacity.is_some()
            && (Selection {
                capacity: None,
                ..self.clone()
            })
            .is_empty()
            .not()
        {
            out.push(
                "`capacity` names one capacity record: give no other criterion with it".into(),
            );
        }
        let criteria = Selection {
            all: false,
            ..self.clone()
        };
        if self.all && !criteria.is_empty() {
            out.push("`all = true` selects everything: give no other criterion with it".into());
        }
        if self.is_empty() {
            out.push("the selection is empty: name what the edit applies to, or `all = true` for everything".into());
        }
        out
    }

    fn is_empty(&self) -> bool {
        *self == Selection::default()
    }

    /// The border criterion as (from country, to country, one direction only); `None` unless it
    /// is two ISO codes joined by `>` or `-`.
    fn border_pair(&self) -> Option<(String, String, bool)> {
        let b = self.border.as_ref()?;
        let (a, c, one_way) = match b.split_once('>') {
            Some((a, c)) => (a, c, true),
            None => {
                let (a, c) = b.split_once('-')?;
                (a, c, false)
            }
        };
        let (a, c) = (a.trim(), c.trim());
        (load::is_country(a) && load::is_country(c) && a != c)
            .then(|| (a.to_string(), c.to_string(), one_way))
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
            ("capacity", &self.capacity),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k} {v}"));
            }
        }
        if self.all {
            f.write_str("everything")
        } else if parts.is_empty() {
            f.write_str("nothing")
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
    /// Whether every edit changes a capacity record (and nothing is added): such a scenario
    /// changes no route, only an assignment's waits.
    pub fn only_capacity(&self) -> bool {
        !self.edits.is_empty()
            && self.additions.is_empty()
            && self
                .edits
                .iter()
                .all(|e| matches!(e.field, Some(Field::Capacity(_))))
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

    /// Parses a scenario file (its edits are checked against a network by [`apply`]).
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
/// only to an assignment ([`crate::assign`]).
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
                file: e.origin.file.to_string(),
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

/// Sets (or scales) a number of the selected capacity record, with the loader's checks.
fn set_capacity(
    net: &mut Network,
    e: &Edit,
    which: CapacityField,
    new: impl Fn(f64) -> f64,
) -> std::result::Result<(), String> {
    use crate::network::CapacityModel;
    let id = e
        .select
        .capacity
        .as_deref()
        .ok_or("a capacity field needs `select = { capacity = \"id\" }`")?;
    let c = net
        .capacity
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| format!("no capacity record `{id}`"))?;
    let whole = |v: f64| -> std::result::Result<u32, String> {
        if v.fract() == 0.0 && (1.0..=1e6).contains(&v) {
            Ok(v as u32)
        } else {
            Err(format!("{v} is not a whole number in 1…1,000,000"))
        }
    };
    let positive = |v: f64| -> std::result::Result<f64, String> {
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(format!("{v} must be a positive number"))
        }
    };
    let at_least_zero = |v: f64| -> std::result::Result<f64, String> {
        if v.is_finite() && v >= 0.0 {
            Ok(v)
        } else {
            Err(format!("{v} must be a number ≥ 0"))
        }
    };
    let wrong = || format!("`{id}` has no such field for its model");
    match (which, &mut c.model) {
        (CapacityField::PerDeparture, CapacityModel::Departures { per_departure, .. }) => {
            *per_departure = whole(new(f64::from(*per_departure)))?;
        }
        (CapacityField::HeadwayHours, CapacityModel::Departures { headway_hours, .. }) => {
            *headway_hours = positive(new(*headway_hours))?;
        }
        (CapacityField::Servers, CapacityModel::Servers { servers, .. }) => {
            *servers = whole(new(f64::from(*servers)))?;
        }
        (CapacityField::ServiceHours, CapacityModel::Servers { service_hours, .. }) => {
            *service_hours = positive(new(*service_hours))?;
        }
        (CapacityField::Batch, CapacityModel::Servers { batch, .. }) => {
            *batch = positive(new(*batch))?;
        }
        (CapacityField::ServiceCv, CapacityModel::Servers { service_cv, .. }) => {
            *service_cv = at_least_zero(new(*service_cv))?;
        }
        (CapacityField::ArrivalCv, CapacityModel::Servers { arrival_cv, .. }) => {
            *arrival_cv = at_least_zero(new(*arrival_cv))?;
        }
        (CapacityField::BaseHours, _) => c.base_hours = at_least_zero(new(c.base_hours))?,
        (CapacityField::BackgroundPerYear, _) => {
            c.background_per_year = at_least_zero(new(c.background_per_year))?;
        }
        (CapacityField::WinterFactor, _) => {
            let f = new(c.winter_factor);
            if !(f > 0.0 && f <= 1.0) || c.winter_months.is_empty() {
                return Err(format!(
                    "a winter factor lies in 0…1 and needs winter months (got {f})"
                ));
            }
            c.winter_factor = f;
        }
        _ => return Err(wrong()),
    }
    Ok(())
}

/// Directions of a link an edit touches: `[forward, reverse]`.
type Dirs = [bool; 2];

/// The links a selection matches, with the directions it concerns.
fn select_links(net: &Network, s: &Selection) -> std::result::Result<Vec<(usize, Dirs)>, String> {
    if let Some(p) = s.problems().into_iter().next() {
        return Err(p);
    }
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
    let kind = s.kind.as_deref().and_then(NodeKind::parse);
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
                && s.country
                    .as_ref()
                    .is_none_or(|c| ca == c || cb == c || l.transit_countries.contains(c))
                && mode.is_none_or(|m| l.mode == m)
                && kind.is_none_or(|k| net.nodes[l.from].kind == k || net.nodes[l.to].kind == k)
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
    if let Some(p) = s.problems().into_iter().next() {
        return Err(p);
    }
    for id in &s.nodes {
        if net.node(id).is_none() {
            return Err(format!("selection names unknown node `{id}`"));
        }
    }
    if !s.links.is_empty() || s.border.is_some() || s.mode.is_some() || s.service.is_some() {
        return Err("links, border, mode and service select links, not nodes".into());
    }
    // A node is on a corridor when it carries the tag or a link carrying it touches the node.
    let on_corridor = s.corridor.as_ref().map(|t| net.on_corridor(t));
    Ok(net
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            (s.nodes.is_empty() || s.nodes.contains(&n.id))
                && s.country.as_ref().is_none_or(|c| &n.country == c)
                && s.kind.as_ref().is_none_or(|k| n.kind.as_str() == k)
                && on_corridor.as_ref().is_none_or(|on| on[*i])
        })
        .map(|(i, _)| i)
        .collect())
}

/// The result of an edit must be as plausible as the loader requires inputs to be: a factor of
/// 1e308 or a negative value is a mistake, not a scenario.
fn plausible(net: &Network) -> std::result::Result<(), String> {
    match net.implausible_values().into_iter().next() {
        None => Ok(()),
        Some(p) => Err(format!(
            "the edit leaves an implausible value: {} ({}; limits as for network data)",
            p.message, p.field
        )),
    }
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
            // Nodes when the selection names nodes (ids or a kind) and nothing that only links
            // have; links otherwise.
            let node_only = e.select.links.is_empty()
                && e.select.mode.is_none()
                && e.select.border.is_none()
                && e.select.service.is_none()
                && (!e.select.nodes.is_empty() || e.select.kind.is_some());
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
            let field = e.field.clone().ok_or("no field")?;
            let new = |old: f64| match e.action {
                Action::Set => e.amount,
                _ => old * e.amount,
            };
            if let Field::Capacity(which) = field {
                return set_capacity(net, e, which, new);
            }
            if e.select.capacity.is_some() {
                return Err(format!(
                    "a capacity selection takes a capacity field ({}), not this one",
                    CapacityField::ALL.map(|(n, _)| n).join(", ")
                ));
            }
            if let Field::Emissions(which) = &field {
                if !(e.select.all && e.select.problems().is_empty()) {
                    return Err(
                        "an emission factor is network-wide: select it with `all = true`".into(),
                    );
                }
                let em = net
                    .emissions
                    .as_mut()
                    .ok_or("the network gives no emission factors ([network.emissions])")?;
                let slot = match which {
                    EmissionField::PayloadT => &mut em.payload_t,
                    EmissionField::RailDiesel => &mut em.rail_diesel_g_per_tkm,
                    EmissionField::RailElectric => &mut em.rail_electric_kwh_per_tkm,
                    EmissionField::Road => &mut em.road_g_per_tkm,
                    EmissionField::Transfer => &mut em.transfer_kg_per_feu,
                    EmissionField::Grid(cc) => em
                        .grid_g_per_kwh
                        .get_mut(cc)
                        .ok_or_else(|| format!("the network has no grid intensity for `{cc}`"))?,
                    EmissionField::Vessel(v) => em
                        .vessel_g_per_tkm
                        .get_mut(v)
                        .ok_or_else(|| format!("the network has no vessel class `{v}`"))?,
                };
                *slot = new(*slot);
                // The loader's limits for the same factors.
                let (lo, hi) = match which {
                    EmissionField::PayloadT => (f64::MIN_POSITIVE, 40.0),
                    EmissionField::RailElectric => (0.0, 1.0),
                    EmissionField::Grid(_) => (0.0, 2_000.0),
                    _ => (0.0, 1_000.0),
                };
                return if slot.is_finite() && (lo..=hi).contains(slot) {
                    Ok(())
                } else {
                    Err(format!(
                        "the edit leaves an implausible emission factor: {slot} (outside {lo}…{hi}; limits as for network data)"
                    ))
                };
            }
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
                    plausible(net)
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
                    Field::TransferHours(_)
                    | Field::TransferUsd(_)
                    | Field::Emissions(_)
                    | Field::Capacity(_) => {
                        unreachable!("node and network fields handled above")
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
            plausible(net)
        }
    }
}

#[cfg(test)]
mod tests {
    //! Each selection and edit rule, pinned: a change to a rule fails one of these.
    use super::*;
    use crate::load::{parse, SourceFile};
    use crate::network::Network;

    const NET: &str = include_str!("../tests/fixtures/tiny.toml");

    fn net() -> Network {
        parse(&[SourceFile {
            name: "t.toml".into(),
            text: NET.into(),
        }])
        .unwrap()
    }

    fn scenario(edits: &str) -> Result<Scenario> {
        Scenario::parse(&SourceFile {
            name: "s.toml".into(),
            text: format!("[scenario]\nname = \"s\"\ndescription = \"test\"\n\n{edits}"),
        })
    }

    fn edit(action: &str, select: &str, rest: &str) -> String {
        format!(
            "[[edit]]\naction = \"{action}\"\nselect = {select}\n{rest}\nrationale = \"test\"\n"
        )
    }

    fn apply_to(net: &Network, edits: &str) -> Result<Network> {
        apply(net, &scenario(edits)?)
    }

    fn link<'n>(n: &'n Network, id: &str) -> &'n crate::network::Link {
        n.link(id).unwrap()
    }

    fn changed_lengths(before: &Network, after: &Network) -> Vec<String> {
        before
            .links
            .iter()
            .zip(&after.links)
            .filter(|(b, a)| b.km != a.km)
            .map(|(b, _)| b.id.clone())
            .collect()
    }

    #[test]
    fn a_node_kind_in_a_link_edit_selects_the_links_touching_such_nodes() {
        let n = net();
        let s = apply_to(
            &n,
            &edit(
                "scale",
                "{ kind = \"sea_port\" }",
                "field = \"km\"\nfactor = 2.0",
            ),
        )
        .unwrap();
        // a-g touches no sea port; g-p, p-q and a-q each touch one.
        assert_eq!(changed_lengths(&n, &s), ["g-p", "p-q", "a-q"]);
    }

    #[test]
    fn a_node_kind_in_close_closes_those_nodes() {
        let n = net();
        let s = apply_to(&n, &edit("close", "{ kind = \"sea_port\" }", "")).unwrap();
        let closed: Vec<&str> = s
            .nodes
            .iter()
            .filter(|x| x.closed)
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(closed, ["p", "q"]);
        assert!(s.links.iter().all(|l| !l.closed));
    }

    #[test]
    fn a_malformed_border_is_rejected_not_everything() {
        for bad in ["CN", "CN>", ">KZ", "CN>CN", "XX>KZ", "cn-kz-az"] {
            let e = scenario(&edit(
                "scale",
                &format!("{{ border = \"{bad}\" }}"),
                "field = \"border.hours\"\nfactor = 0.5",
            ))
            .unwrap_err()
            .to_string();
            assert!(e.contains("AA>BB"), "{bad}: {e}");
            let e = Selection::parse_criteria(&[format!("border={bad}")])
                .unwrap_err()
                .to_string();
            assert!(e.contains("'border=CN>KZ'"), "{bad}: {e}");
        }
        assert!(Selection::parse_criteria(&["border=cn>kz".into()]).is_ok());
    }

    #[test]
    fn country_selects_links_with_an_end_there_or_crossing_it() {
        let mut n = net();
        n.links
            .iter_mut()
            .find(|l| l.id == "a-q")
            .unwrap()
            .transit_countries = vec!["KZ".into()];
        let s = apply_to(
            &n,
            &edit(
                "scale",
                "{ country = \"KZ\" }",
                "field = \"km\"\nfactor = 2.0",
            ),
        )
        .unwrap();
        assert_eq!(changed_lengths(&n, &s), ["a-g", "g-p", "p-q", "a-q"]);
        let s = apply_to(
            &n,
            &edit(
                "scale",
                "{ country = \"CN\" }",
                "field = \"km\"\nfactor = 2.0",
            ),
        )
        .unwrap();
        assert_eq!(changed_lengths(&n, &s), ["a-g", "a-q"]);
    }

    #[test]
    fn a_directed_border_edit_on_a_link_stored_the_other_way_edits_that_direction_only() {
        let n = net();
        // a-g is stored CN → KZ with dwell [30 forward, 7 reverse].
        let s = apply_to(
            &n,
            &edit(
                "set",
                "{ border = \"KZ>CN\" }",
                "field = \"border.hours\"\nvalue = 1.0",
            ),
        )
        .unwrap();
        assert_eq!(link(&s, "a-g").border.as_ref().unwrap().hours, [30.0, 1.0]);
        let s = apply_to(
            &n,
            &edit(
                "set",
                "{ border = \"CN>KZ\" }",
                "field = \"border.hours\"\nvalue = 1.0",
            ),
        )
        .unwrap();
        assert_eq!(link(&s, "a-g").border.as_ref().unwrap().hours, [1.0, 7.0]);
        let s = apply_to(
            &n,
            &edit(
                "set",
                "{ border = \"KZ-CN\" }",
                "field = \"border.hours\"\nvalue = 1.0",
            ),
        )
        .unwrap();
        assert_eq!(link(&s, "a-g").border.as_ref().unwrap().hours, [1.0, 1.0]);
        // A directed wait edit follows the same rule.
        let s = apply_to(
            &n,
            &edit(
                "set",
                "{ border = \"AZ>KZ\" }",
                "field = \"wait_hours\"\nvalue = 5.0",
            ),
        )
        .unwrap();
        assert_eq!(link(&s, "p-q").wait_hours, [20.0, 5.0]);
    }

    #[test]
    fn open_opens_a_planned_link_whatever_the_year() {
        let mut n = net();
        let l = n.links.iter_mut().find(|l| l.id == "a-q").unwrap();
        l.status = crate::network::Status::Planned;
        l.available_from = Some(2099);
        let s = apply_to(&n, &edit("open", "{ links = [\"a-q\"] }", "")).unwrap();
        let l = link(&s, "a-q");
        assert!(l.open_in(1900) && !l.closed);
    }

    #[test]
    fn a_node_is_on_a_corridor_when_tagged_or_touched_by_a_tagged_link() {
        let mut n = net();
        n.nodes[0].corridors = vec!["middle".into()]; // a: tagged
        n.links
            .iter_mut()
            .find(|l| l.id == "g-p")
            .unwrap()
            .corridors = vec!["middle".into()];
        let sel = Selection {
            corridor: Some("middle".into()),
            ..Selection::default()
        };
        let ids: Vec<&str> = select_nodes(&n, &sel)
            .unwrap()
            .into_iter()
            .map(|i| n.nodes[i].id.as_str())
            .collect();
        assert_eq!(ids, ["a", "g", "p"]);
    }

    #[test]
    fn an_edit_must_say_what_it_applies_to_and_all_is_explicit() {
        let e = scenario(&edit("scale", "{}", "field = \"km\"\nfactor = 2.0"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("selection is empty"), "{e}");
        let mut n = net();
        let bare = Edit {
            action: Action::Scale,
            select: Selection::default(),
            field: Some(Field::UsdPerKm),
            field_name: Some("usd_per_km".into()),
            amount: 2.0,
            countries: vec![],
            rationale: "t".into(),
            source: None,
            origin: Default::default(),
        };
        assert!(apply_edit(&mut n, &bare)
            .unwrap_err()
            .contains("selection is empty"));
        let n = net();
        let s = apply_to(
            &n,
            &edit("scale", "{ all = true }", "field = \"km\"\nfactor = 2.0"),
        )
        .unwrap();
        assert_eq!(changed_lengths(&n, &s), ["a-g", "g-p", "p-q", "a-q"]);
        assert!(scenario(&edit(
            "scale",
            "{ all = true, mode = \"rail\" }",
            "field = \"km\"\nfactor = 2.0"
        ))
        .is_err());
    }

    #[test]
    fn scaling_the_speed_of_a_link_given_in_hours_scales_its_speed() {
        let n = net();
        // a-g: 100 km in 2 h (50 km/h); twice the speed takes 1 h.
        let s = apply_to(
            &n,
            &edit(
                "scale",
                "{ links = [\"a-g\"] }",
                "field = \"speed_kmh\"\nfactor = 2.0",
            ),
        )
        .unwrap();
        assert_eq!(
            link(&s, "a-g").running,
            crate::network::Running::SpeedKmh(100.0)
        );
        assert!((link(&s, "a-g").haul_hours() - 1.0).abs() < 1e-12);
        // Scaling `hours` instead keeps a fixed time.
        let s = apply_to(
            &n,
            &edit(
                "scale",
                "{ links = [\"a-g\"] }",
                "field = \"hours\"\nfactor = 2.0",
            ),
        )
        .unwrap();
        assert_eq!(link(&s, "a-g").running, crate::network::Running::Hours(4.0));
    }

    #[test]
    fn results_must_stay_plausible() {
        let n = net();
        let huge = edit(
            "scale",
            "{ links = [\"a-g\"] }",
            "field = \"speed_kmh\"\nfactor = 1e308",
        );
        let e = apply_to(&n, &format!("{huge}\n{huge}"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("implausible"), "{e}");
        let e = apply_to(
            &n,
            &edit(
                "scale",
                "{ links = [\"a-g\"] }",
                "field = \"km\"\nfactor = 1e308",
            ),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("implausible"), "{e}");
        let e = apply_to(
            &n,
            &edit(
                "set",
                "{ links = [\"a-q\"] }",
                "field = \"available_from\"\nvalue = 1e308",
            ),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("implausible"), "{e}");
        let e = apply_to(
            &n,
            &edit(
                "scale",
                "{ links = [\"a-g\"] }",
                "field = \"km\"\nfactor = 1e-320",
            ),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("implausible"), "{e}");
    }

    #[test]
    fn a_scenario_repeated_in_a_combination_is_refused() {
        let e = resolve("baseline+baseline").unwrap_err().to_string();
        assert!(e.contains("appears twice"), "{e}");
        assert!(resolve("baseline+northern-closed").is_ok());
    }

    #[test]
    fn service_selects_the_links_a_service_sails() {
        let mut n = net();
        n.links.iter_mut().find(|l| l.id == "p-q").unwrap().services = vec!["feeder".into()];
        let s = apply_to(
            &n,
            &edit(
                "set",
                "{ service = \"feeder\" }",
                "field = \"wait_hours\"\nvalue = 5.0",
            ),
        )
        .unwrap();
        assert_eq!(link(&s, "p-q").wait_hours, [5.0, 5.0]);
        let e = apply_to(
            &n,
            &edit(
                "set",
                "{ service = \"feedr\" }",
                "field = \"wait_hours\"\nvalue = 5.0",
            ),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("unknown service"), "{e}");
    }
}
