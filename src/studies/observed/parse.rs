//! Observation files read and checked against a network: every problem reported with its file,
//! line and field, unknown words with the closest known ones.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use super::{Kind, Observation, Place};
use crate::error::{Error, Problem, Result};
use crate::load::SourceFile;
use crate::network::Network;
use crate::text::did_you_mean;

/// The shipped observation files (`networks/observed/`), by file name.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "costs.toml",
        include_str!("../../../networks/observed/costs.toml"),
    ),
    (
        "ports.toml",
        include_str!("../../../networks/observed/ports.toml"),
    ),
    (
        "sections.toml",
        include_str!("../../../networks/observed/sections.toml"),
    ),
    (
        "transit.toml",
        include_str!("../../../networks/observed/transit.toml"),
    ),
    (
        "volumes.toml",
        include_str!("../../../networks/observed/volumes.toml"),
    ),
];

/// The shipped observations, or those of a file or folder (`.toml` files in name order).
pub fn resolve(path: Option<&Path>, net: &Network) -> Result<Vec<Observation>> {
    match path {
        None => parse(
            &SHIPPED
                .iter()
                .map(|(n, t)| SourceFile {
                    name: format!("<embedded>/networks/observed/{n}"),
                    text: (*t).to_string(),
                })
                .collect::<Vec<_>>(),
            net,
        ),
        Some(p) => load(p, net),
    }
}

/// Reads an observation file, or every `.toml` file of a folder in name order.
pub fn load(path: &Path, net: &Network) -> Result<Vec<Observation>> {
    let wanted = crate::load::folder::Wanted {
        extensions: &["toml"],
        what: "observation",
    };
    let paths = crate::load::folder::data_paths(path, &wanted)?
        .map_err(|problems| Error::InvalidObservations { problems })?;
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        files.push(SourceFile {
            name: p.display().to_string(),
            text: crate::fs::read_text(&p)?,
        });
    }
    parse(&files, net)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    observation: Vec<Spanned<RawObservation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    id: String,
    kind: String,
    year: i64,
    from: Option<String>,
    to: Option<String>,
    family: Option<String>,
    #[serde(default)]
    from_countries: Vec<String>,
    #[serde(default)]
    to_countries: Vec<String>,
    element: Option<String>,
    direction: Option<String>,
    value: Option<f64>,
    tolerance: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    product: String,
    source: String,
    not_comparable: Option<String>,
}

/// The tolerance of a point value when the observation gives none.
pub const DEFAULT_TOLERANCE: f64 = 0.10;

/// Parses and checks observation files against `net`; every problem of every file is reported.
pub fn parse(files: &[SourceFile], net: &Network) -> Result<Vec<Observation>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for file in files {
        let lines = crate::load::Text::new(file);
        let problem = |at: usize, field: &str, message: String| Problem {
            file: file.name.clone(),
            line: lines.line_of(at),
            field: field.into(),
            message,
        };
        let raw: RawFile = match toml::from_str(&file.text) {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem(
                    e.span().map_or(0, |s| s.start),
                    "toml",
                    e.message().trim().to_string(),
                ));
                continue;
            }
        };
        for ro in &raw.observation {
            let at = ro.span().start;
            let mut report = |field: &str, message: String| {
                problems.push(problem(at, &format!("observation.{field}"), message));
            };
            if let Some(o) = check(ro.get_ref(), net, &mut report) {
                let line = lines.line_of(at);
                if let Some((f, l)) = seen.get(&o.id) {
                    report("id", format!("`{}` is also the id at {f}:{l}", o.id));
                    continue;
                }
                seen.insert(o.id.clone(), (file.name.clone(), line));
                out.push(Observation {
                    file: file.name.clone(),
                    line,
                    ..o
                });
            }
        }
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(Error::InvalidObservations { problems });
    }
    Ok(out)
}

/// One observation checked; `None` after reporting its problems.
fn check(
    r: &RawObservation,
    net: &Network,
    report: &mut impl FnMut(&str, String),
) -> Option<Observation> {
    let mut ok = true;
    let mut bad = |field: &str, message: String| {
        ok = false;
        report(field, message);
    };
    let id_ok = !r.id.is_empty()
        && r.id.len() <= 100
        && r.id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !id_ok {
        bad(
            "id",
            format!(
                "`{}`: an id is 1–100 lowercase letters, digits, '-' or '_'",
                crate::error::clip(&r.id)
            ),
        );
    }
    let kind = Kind::named(&r.kind).map_err(|m| bad("kind", m)).ok();
    if !(1990..=2100).contains(&r.year) {
        bad("year", format!("{} is not a year in 1990…2100", r.year));
    }
    let texts = [
        ("product", Some(&r.product)),
        ("source", Some(&r.source)),
        ("not_comparable", r.not_comparable.as_ref()),
    ];
    for (field, text) in texts.into_iter().filter_map(|(f, t)| Some((f, t?))) {
        if text.trim().is_empty() {
            bad(
                field,
                "is empty: say what the figure describes, where it was published, and (not_comparable) why the model cannot give it".into(),
            );
        } else if let Some(c) = crate::load::unsafe_char(text, false) {
            bad(
                field,
                format!("contains the control or bidi character U+{:04X}", c as u32),
            );
        }
    }
    let range = range_of(r, kind, &mut bad);
    let place = kind.and_then(|k| place_of(r, k, net, &mut bad));
    let (kind, (value, low, high), place) = (kind?, range?, place?);
    ok.then(|| Observation {
        id: r.id.clone(),
        kind,
        year: r.year as i32,
        place,
        value,
        low,
        high,
        product: r.product.clone(),
        source: r.source.clone(),
        not_comparable: r.not_comparable.clone(),
        file: String::new(),
        line: 0,
    })
}

/// The compared range: (point value, low, high).
fn range_of(
    r: &RawObservation,
    kind: Option<Kind>,
    bad: &mut impl FnMut(&str, String),
) -> Option<(Option<f64>, f64, f64)> {
    let finite = |v: f64| v.is_finite() && v >= 0.0;
    let max = if kind == Some(Kind::Share) { 1.0 } else { 1e12 };
    let in_domain = |field: &str, v: f64, bad: &mut dyn FnMut(&str, String)| {
        if finite(v) && v <= max {
            true
        } else {
            bad(
                field,
                format!("{} must be a number in 0…{max}", crate::error::number(v)),
            );
            false
        }
    };
    match (r.value, r.low, r.high) {
        (Some(v), None, None) => {
            let t = r.tolerance.unwrap_or(DEFAULT_TOLERANCE);
            if !(t.is_finite() && t > 0.0 && t <= 1.0) {
                bad(
                    "tolerance",
                    format!("{} must lie in (0, 1]", crate::error::number(t)),
                );
                return None;
            }
            in_domain("value", v, bad).then_some((Some(v), v * (1.0 - t), v * (1.0 + t)))
        }
        (None, Some(lo), Some(hi)) => {
            if r.tolerance.is_some() {
                bad(
                    "tolerance",
                    "applies to a point value, not to a range".into(),
                );
            }
            let ok = in_domain("low", lo, bad) & in_domain("high", hi, bad);
            if ok && lo > hi {
                bad(
                    "high",
                    format!("the range is the wrong way round: low {lo} > high {hi}"),
                );
                return None;
            }
            ok.then_some((None, lo, hi))
        }
        _ => {
            bad(
                "value",
                "give either `value` (with an optional `tolerance`) or both `low` and `high`"
                    .into(),
            );
            None
        }
    }
}

/// Where the observation applies, checked against the network and its kind.
fn place_of(
    r: &RawObservation,
    kind: Kind,
    net: &Network,
    bad: &mut impl FnMut(&str, String),
) -> Option<Place> {
    let families: Vec<&str> = net.families.iter().map(|f| f.id.as_str()).collect();
    let family_ok = |f: &str, bad: &mut dyn FnMut(&str, String)| {
        let known = families.contains(&f);
        if !known {
            bad(
                "family",
                format!(
                    "no corridor family `{}`{} (families: {})",
                    crate::error::clip(f),
                    did_you_mean(f, &families),
                    families.join(", ")
                ),
            );
        }
        known
    };
    let unused = |field: &str, present: bool, bad: &mut dyn FnMut(&str, String)| {
        if present {
            bad(field, format!("is not used by kind {}", kind.as_str()));
        }
    };
    if kind.is_route() {
        unused("element", r.element.is_some(), bad);
        unused("direction", r.direction.is_some(), bad);
        unused("from_countries", !r.from_countries.is_empty(), bad);
        unused("to_countries", !r.to_countries.is_empty(), bad);
        let mut node = |field: &str, id: &Option<String>| match id {
            None => {
                bad(field, format!("is required by kind {}", kind.as_str()));
                None
            }
            Some(id) => match net.node_index(id) {
                Some(_) => Some(id.clone()),
                None => {
                    let msg = match net.find(id) {
                        Ok(i) => {
                            format!("`{id}` is a name: give the node id `{}`", net.nodes[i].id)
                        }
                        Err(e) => format!("{e}"),
                    };
                    bad(field, msg);
                    None
                }
            },
        };
        let (from, to) = (node("from", &r.from), node("to", &r.to));
        if let (Some(a), Some(b)) = (&from, &to) {
            if a == b {
                bad("to", format!("origin and destination are both `{a}`"));
                return None;
            }
        }
        let family = match &r.family {
            Some(f) => family_ok(f, bad).then(|| Some(f.clone()))?,
            None => None,
        };
        return Some(Place::Route {
            from: from?,
            to: to?,
            family,
        });
    }
    unused("from", r.from.is_some(), bad);
    unused("to", r.to.is_some(), bad);
    if kind == Kind::ThroughputTeu {
        unused("family", r.family.is_some(), bad);
        unused("from_countries", !r.from_countries.is_empty(), bad);
        unused("to_countries", !r.to_countries.is_empty(), bad);
        let Some(element) = &r.element else {
            bad("element", "is required by kind throughput_teu".into());
            return None;
        };
        let ids: Vec<&str> = net.capacity.iter().map(|c| c.id.as_str()).collect();
        if !ids.contains(&element.as_str()) {
            bad(
                "element",
                format!(
                    "no capacity record `{}`{}",
                    crate::error::clip(element),
                    did_you_mean(element, &ids)
                ),
            );
            return None;
        }
        if let Some(d) = &r.direction {
            if d != "forward" && d != "reverse" {
                bad(
                    "direction",
                    format!("`{}`: forward or reverse", crate::error::clip(d)),
                );
                return None;
            }
        }
        shipped_demand(r.year, bad)?;
        return Some(Place::Element {
            element: element.clone(),
            direction: r.direction.clone(),
        });
    }
    unused("element", r.element.is_some(), bad);
    unused("direction", r.direction.is_some(), bad);
    let Some(family) = &r.family else {
        bad("family", format!("is required by kind {}", kind.as_str()));
        return None;
    };
    let mut ok = family_ok(family, bad);
    for (field, list) in [
        ("from_countries", &r.from_countries),
        ("to_countries", &r.to_countries),
    ] {
        for c in list {
            if !crate::load::is_country(c) {
                bad(
                    field,
                    format!(
                        "`{}` is not an ISO 3166-1 alpha-2 code",
                        crate::error::clip(c)
                    ),
                );
                ok = false;
            }
        }
    }
    shipped_demand(r.year, bad)?;
    ok.then(|| Place::Flows {
        family: family.clone(),
        from_countries: r.from_countries.clone(),
        to_countries: r.to_countries.clone(),
    })
}

/// Volumes are compared with the assignment of the shipped demand of the observation's year.
fn shipped_demand(year: i64, bad: &mut impl FnMut(&str, String)) -> Option<()> {
    let names: Vec<&str> = crate::studies::demand::SHIPPED
        .iter()
        .map(|(n, _)| *n)
        .collect();
    if names.contains(&year.to_string().as_str()) {
        Some(())
    } else {
        bad(
            "year",
            format!(
                "{year}: volumes are compared with the assignment of a shipped demand, and none is for {year} (shipped: {})",
                names.join(", ")
            ),
        );
        None
    }
}
