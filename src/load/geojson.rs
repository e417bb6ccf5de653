//! GeoJSON in: a network file written as a GeoJSON FeatureCollection (what
//! [`crate::output::geojson::network`] writes) is converted to the TOML records the loader reads, with a
//! map from the converted text's lines back to the features, so that every problem, and every
//! record's origin, names the feature and property instead of a line the user never saw. The
//! features are read strictly ([`super::json`]) and converted one at a time (`feature`: a key
//! given twice, a `null`, a position that is not [lon, lat] are refused with the feature's index).
//! GeoJSON out is [`crate::geojson`]'s; this file does not write any.

mod feature;
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
                *o = match feature_at(map, o.line) {
                    Some(i) => Origin {
                        file: shared.intern(&format!("{name} features[{i}]")),
                        line: 0,
                    },
                    // Not a feature: the collection's own properties.
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

/// Where each feature's TOML record starts in the converted text: (first line, feature index), in
/// order of lines.
pub(super) type LineMap = Vec<(usize, usize)>;

/// The feature whose record holds `line` of the converted text (by binary search), if any.
fn feature_at(map: &LineMap, line: usize) -> Option<usize> {
    match map.partition_point(|&(first, _)| first <= line) {
        0 => None,
        k => Some(map[k - 1].1),
    }
}

/// Converts a GeoJSON network file (what [`crate::output::geojson::network`] writes) into the TOML
/// records the loader reads, and the map from the text's lines back to the features, so that
/// every message names the feature and property ([`locate`]). Problems of the GeoJSON itself
/// (not JSON, not a FeatureCollection, a feature that is neither a node nor a link, a wrong
/// geometry, a key given twice, a `null`) are reported here. Features are converted one at a
/// time as they are read, in time linear in the file.
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

/// The TOML made so far, its lines, where each feature starts, and the problems found (field,
/// message).
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
        let Some(record) = feature_record(i, feat, &mut self.problems) else {
            return;
        };
        let chunk = match toml::to_string(&record) {
            Ok(chunk) => chunk,
            Err(e) => {
                self.problems
                    .push((format!("features[{i}].properties"), e.to_string()));
                return;
            }
        };
        self.map.push((self.lines + 1, i));
        self.lines += memchr::memchr_iter(b'\n', chunk.as_bytes()).count();
        self.text.push_str(&chunk);
        if !chunk.ends_with('\n') {
            self.text.push('\n');
            self.lines += 1;
        }
    }
}

/// A loader problem in the TOML converted from a GeoJSON file, restated against the feature:
/// `features[12].properties.wait_hours` in place of a line and a dotted TOML field.
pub(super) fn locate(mut p: Problem, map: &LineMap) -> Problem {
    if p.line == 0 {
        return p;
    }
    let Some(i) = feature_at(map, p.line) else {
        return p;
    };
    let field = p
        .field
        .strip_prefix("node.")
        .or_else(|| p.field.strip_prefix("link."))
        .unwrap_or(&p.field)
        .to_string();
    p.field = format!("features[{i}].properties.{field}");
    p.line = 0;
    p
}
