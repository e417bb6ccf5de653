//! GeoJSON in: a network file written as a GeoJSON FeatureCollection (what
//! [`crate::output::geojson::network`] and [`crate::output::geojson::layers`] write) is converted
//! to the TOML records the loader reads, with a map from the converted text's lines back to the
//! features and tables, so that every problem, and every record's origin, names the feature and
//! property (`features[12].properties.km`) or the table of the collection's `corridor` member
//! (`corridor.family[2].via_tags`) instead of a line the user never saw. The features are read
//! strictly ([`super::json`]) and converted one at a time (`feature`: a key given twice, a `null`
//! inside a value, a position that is not [lon, lat] are refused with the feature's index); the
//! `corridor` member's tables are converted as records of their own (`member`). GeoJSON out is
//! [`crate::output::geojson`]'s; this file does not write any.

mod feature;
mod member;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use self::feature::feature_record;
use super::json::{self, Json};
use super::source::SourceFile;
use crate::error::{Error, Problem, Result};
use crate::network::{Network, Origin};
use crate::text::Interner;

/// The files with each GeoJSON one converted, and each converted file's [`LineMap`] by name.
pub(super) type ConvertedFiles<'f> = (Vec<Cow<'f, SourceFile>>, Vec<(String, LineMap)>);

/// The files with each GeoJSON one converted to TOML (the others as they are), and each converted
/// file's map from TOML lines back to its features.
pub(super) fn from_geojson(files: &[SourceFile]) -> Result<ConvertedFiles<'_>> {
    let mut converted = Vec::with_capacity(files.len());
    let mut maps = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        if is_geojson(&f.name) {
            match to_toml(f) {
                Ok((text, map)) => {
                    converted.push(Cow::Owned(SourceFile {
                        name: f.name.clone(),
                        text,
                    }));
                    maps.push((f.name.clone(), map));
                }
                Err(p) => problems.extend(p),
            }
        } else {
            converted.push(Cow::Borrowed(f));
        }
    }
    if problems.is_empty() {
        Ok((converted, maps))
    } else {
        Err(Error::InvalidNetwork { problems })
    }
}

/// Problems in converted GeoJSON files located by feature and property instead of TOML line, and
/// the records of a network loaded from them by feature (`FILE features[12]`), so that a later
/// message about one names the feature, not a line of a text the user never saw.
pub(super) fn located(result: Result<Network>, maps: &[(String, LineMap)]) -> Result<Network> {
    if maps.is_empty() {
        return result;
    }
    let result = result.map(|mut net| {
        let mut shared = Interner::default();
        let mut fix = |o: &mut Origin| {
            if let Some((name, map)) = maps.iter().find(|(n, _)| *n == *o.file) {
                *o = match place_at(map, o.line) {
                    Some(place) => Origin {
                        file: shared.intern(&format!("{name} {}", place.record)),
                        line: 0,
                    },
                    None => Origin {
                        file: o.file.clone(),
                        line: 0,
                    },
                };
            }
        };
        net.nodes.iter_mut().for_each(|x| fix(&mut x.origin));
        net.links.iter_mut().for_each(|x| fix(&mut x.origin));
        net.services.iter_mut().for_each(|x| fix(&mut x.origin));
        net.families.iter_mut().for_each(|x| fix(&mut x.origin));
        net.variability.iter_mut().for_each(|x| fix(&mut x.origin));
        net.capacity.iter_mut().for_each(|x| fix(&mut x.origin));
        net
    });
    result.map_err(|e| match e {
        Error::InvalidNetwork { problems } => Error::InvalidNetwork {
            problems: problems
                .into_iter()
                .map(|p| match maps.iter().find(|(name, _)| *name == p.file) {
                    Some((_, map)) => locate(p, map),
                    None => p,
                })
                .map(no_network_table)
                .collect(),
        },
        other => other,
    })
}

/// Whether a data file is GeoJSON (by its name).
pub(super) fn is_geojson(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with(".geojson")
}

/// What a record of the converted text was in the GeoJSON file: a feature, or a table of the
/// collection's `corridor` member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Record {
    /// `features[i]`.
    Feature(usize),
    /// `corridor.KIND` (`network`) or `corridor.KIND[i]` (`family`, …).
    Table(&'static str, Option<usize>),
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Record::Feature(i) => write!(f, "features[{i}]"),
            Record::Table(kind, None) => write!(f, "corridor.{kind}"),
            Record::Table(kind, Some(i)) => write!(f, "corridor.{kind}[{i}]"),
        }
    }
}

/// Where a run of lines of the converted text comes from: a record, and the sub-table of it
/// (`source`, `emissions`, `transfer.source`; empty for the record's own lines) that a header
/// line opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) record: Record,
    pub(super) sub: String,
}

/// Where each record of the converted text, and each sub-table in it, starts: (first line,
/// place), in order of lines.
pub(super) type LineMap = Vec<(usize, Place)>;

/// The place whose lines hold `line` of the converted text (by binary search), if any.
fn place_at(map: &LineMap, line: usize) -> Option<&Place> {
    match map.partition_point(|(first, _)| *first <= line) {
        0 => None,
        k => Some(&map[k - 1].1),
    }
}

/// Converts a GeoJSON network file (what [`crate::output::geojson::network`] writes) into the TOML
/// records the loader reads, and the map from the text's lines back to the features and tables,
/// so that every message names the feature and property, or the table ([`locate`]). Problems of
/// the GeoJSON itself (not JSON, not a FeatureCollection, a feature that is neither a node nor a
/// link, a wrong geometry, a key given twice, a `null` inside a value, a `corridor` member that is
/// not the format's) are reported here. Features are converted one at a time as they are read, in
/// time linear in the file; then the `corridor` member's tables.
pub(super) fn to_toml(f: &SourceFile) -> Result<(String, LineMap), Vec<Problem>> {
    let problem = |field: &str, message: String| Problem {
        file: f.name.clone(),
        line: 0,
        field: field.into(),
        message,
    };
    let mut out = Converted::default();
    let read = json::features(&f.text, &mut |i, feature| out.feature(i, &feature));
    let collection = read.map_err(|e| {
        vec![Problem {
            file: f.name.clone(),
            line: e.line(),
            field: "json".into(),
            message: match e.classify() {
                serde_json::error::Category::Data => {
                    format!("not a GeoJSON FeatureCollection: {e}")
                }
                _ => format!("not valid JSON: {e}"),
            },
        }]
    })?;
    if collection.kind.as_deref() != Some("FeatureCollection") || !collection.has_features {
        return Err(vec![problem(
            "type",
            "expected a GeoJSON FeatureCollection with a `features` array".into(),
        )]);
    }
    if let Some(m) = &collection.corridor {
        if let Err(flat) = member::tables(m, &mut out) {
            // A view, not data: its one problem says so, not one per feature.
            return Err(vec![problem(&flat.0, flat.1)]);
        }
    }
    if out.problems.is_empty() {
        Ok((out.text, out.map))
    } else {
        Err(out
            .problems
            .into_iter()
            .map(|(field, message)| problem(&field, message))
            .collect())
    }
}

/// The TOML made so far, its lines, where each record and sub-table starts, and the problems
/// found (field, message).
#[derive(Default)]
struct Converted {
    text: String,
    lines: usize,
    map: LineMap,
    problems: Vec<(String, String)>,
}

impl Converted {
    /// Converts feature `i`, or notes its problems.
    fn feature(&mut self, i: usize, feat: &Json) {
        if let Some(record) = feature_record(i, feat, &mut self.problems) {
            self.push(Record::Feature(i), &record);
        }
    }

    /// Appends a record (a TOML document of one table) made from `record`, noting where it and
    /// each of its sub-tables start.
    fn push(&mut self, record: Record, doc: &toml::Table) {
        let chunk = match toml::to_string(doc) {
            Ok(chunk) => chunk,
            Err(e) => {
                let field = match record {
                    Record::Feature(_) => format!("{record}.properties"),
                    Record::Table(..) => record.to_string(),
                };
                self.problems.push((field, e.to_string()));
                return;
            }
        };
        for (k, line) in chunk.lines().enumerate() {
            let sub = match (k, sub_table(line)) {
                (0, _) => String::new(),
                (_, Some(sub)) => sub,
                _ => continue,
            };
            self.map.push((self.lines + k + 1, Place { record, sub }));
        }
        self.lines += memchr::memchr_iter(b'\n', chunk.as_bytes()).count();
        self.text.push_str(&chunk);
        if !chunk.ends_with('\n') {
            self.text.push('\n');
            self.lines += 1;
        }
    }
}

/// The sub-table a header line of a converted record opens, without the record's own name
/// (`[node.source]` → `source`, `[[network.study.corridor]]` → `study.corridor`); `None` for a
/// line that is not a header (a key, or a line of a multi-line value).
fn sub_table(line: &str) -> Option<String> {
    let line = line.trim();
    let name = line.strip_prefix('[')?.strip_suffix(']')?;
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.';
    if name.is_empty() || !name.chars().all(plain) {
        return None;
    }
    Some(
        name.split_once('.')
            .map_or("", |(_, rest)| rest)
            .to_string(),
    )
}

/// A loader problem in the TOML converted from a GeoJSON file, restated against the feature or
/// table: `features[12].properties.wait_hours` or `corridor.family[2].via_tags` in place of a line
/// and a dotted TOML field. A record that did not deserialise (an unknown or missing key, a wrong
/// type: field `toml`) is named by the sub-table holding the line.
pub(super) fn locate(mut p: Problem, map: &LineMap) -> Problem {
    if p.line == 0 {
        return p;
    }
    let Some(place) = place_at(map, p.line) else {
        return p;
    };
    let (base, kinds): (String, &[&str]) = match place.record {
        Record::Feature(_) => (format!("{}.properties", place.record), &["node", "link"]),
        Record::Table(kind, _) => (place.record.to_string(), &[kind][..]),
    };
    let field = if p.field == "toml" {
        place.sub.clone()
    } else {
        kinds
            .iter()
            .find_map(|k| p.field.strip_prefix(k).and_then(|f| f.strip_prefix('.')))
            .unwrap_or(&p.field)
            .to_string()
    };
    p.field = if field.is_empty() {
        base
    } else {
        format!("{base}.{field}")
    };
    p.line = 0;
    p
}

/// The problem of a GeoJSON file without a `[network]` table, with where a GeoJSON network keeps
/// it.
fn no_network_table(mut p: Problem) -> Problem {
    if p.line == 0 && p.field == "network" && p.message.starts_with("no [network] table") {
        p.message.push_str(
            ": a GeoJSON network carries it in its `corridor` member, as `corridor export` writes it (or give a .toml file holding it beside the .geojson files)",
        );
    }
    p
}
