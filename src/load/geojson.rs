//! GeoJSON in: a network file written as a GeoJSON FeatureCollection (what
//! [`crate::output::geojson::network`] writes) is converted to the TOML records the loader reads, with a
//! map from the converted text's lines back to the features, so that every problem, and every
//! record's origin, names the feature and property instead of a line the user never saw. GeoJSON
//! out is [`crate::geojson`]'s; this file does not write any.

use std::borrow::Cow;

use serde_json::Value;

use super::source::SourceFile;
use crate::error::{Error, Problem, Result};
use crate::network::{Network, Origin};
use crate::text::Interner;

/// The files with each GeoJSON one converted, and each converted file's [`LineMap`] by name.
pub(super) type Converted<'f> = (Vec<Cow<'f, SourceFile>>, Vec<(String, LineMap)>);

/// The files with each GeoJSON one converted to TOML (the others as they are), and each converted
/// file's map from TOML lines back to its features.
pub(super) fn from_geojson(files: &[SourceFile]) -> Result<Converted<'_>> {
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
                *o = match map.iter().rev().find(|(first, _)| *first <= o.line) {
                    Some(&(_, i)) => Origin {
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

/// Where each feature's TOML record starts in the converted text: (first line, feature index).
pub(super) type LineMap = Vec<(usize, usize)>;

fn toml_value(v: &Value) -> Option<toml::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(a) => toml::Value::Array(a.iter().filter_map(toml_value).collect()),
        Value::Object(o) => toml::Value::Table(
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), toml_value(v)?)))
                .collect(),
        ),
    })
}

/// Converts a GeoJSON network file (what [`crate::output::geojson::network`] writes) into the TOML records the loader
/// reads, and the map from the text's lines back to the features, so that every message names
/// the feature and property ([`locate`]). Problems of the GeoJSON itself (not JSON, not a
/// FeatureCollection, a feature that is neither a node nor a link, a wrong geometry) are
/// reported here.
pub(super) fn to_toml(f: &SourceFile) -> Result<(String, LineMap), Vec<Problem>> {
    let problem = |field: String, message: String| Problem {
        file: f.name.clone(),
        line: 0,
        field,
        message,
    };
    let v: Value = serde_json::from_str(&f.text).map_err(|e| {
        vec![Problem {
            file: f.name.clone(),
            line: e.line(),
            field: "json".into(),
            message: format!("not valid JSON: {e}"),
        }]
    })?;
    if v["type"] != "FeatureCollection" || !v["features"].is_array() {
        return Err(vec![problem(
            "type".into(),
            "expected a GeoJSON FeatureCollection with a `features` array".into(),
        )]);
    }
    let mut text = String::new();
    let mut map = Vec::new();
    let mut problems = Vec::new();
    for (i, feat) in v["features"].as_array().into_iter().flatten().enumerate() {
        let at = |k: &str| format!("features[{i}].{k}");
        let Some(props) = feat["properties"].as_object() else {
            problems.push(problem(
                at("properties"),
                "a feature needs a properties object".into(),
            ));
            continue;
        };
        let geom = &feat["geometry"];
        let coords: Vec<(f64, f64)> = match geom["type"].as_str() {
            Some("Point") => geom["coordinates"]
                .as_array()
                .and_then(|c| Some((c.first()?.as_f64()?, c.get(1)?.as_f64()?)))
                .into_iter()
                .collect(),
            Some("LineString") => geom["coordinates"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| Some((c.get(0)?.as_f64()?, c.get(1)?.as_f64()?)))
                .collect(),
            _ => Vec::new(),
        };
        if props.get("closed").is_some() {
            problems.push(problem(
                at("properties.closed"),
                "a closure is a scenario's result, not data: export the network without --scenario, or close it in a scenario".into(),
            ));
            continue;
        }
        let mut t: toml::Table = props
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "feature" | "km_estimated"))
            .filter_map(|(k, v)| Some((k.clone(), toml_value(v)?)))
            .collect();
        let record = match props.get("feature").and_then(Value::as_str) {
            Some("node") => {
                let [(lon, lat)] = coords[..] else {
                    problems.push(problem(
                        at("geometry"),
                        "a node is a Point [lon, lat]".into(),
                    ));
                    continue;
                };
                t.insert("lon".into(), toml::Value::Float(lon));
                t.insert("lat".into(), toml::Value::Float(lat));
                "node"
            }
            Some("link") => {
                if coords.len() < 2 || geom["type"] != "LineString" {
                    problems.push(problem(
                        at("geometry"),
                        "a link is a LineString from its `from` node to its `to` node".into(),
                    ));
                    continue;
                }
                if props.get("km_estimated") == Some(&Value::Bool(true)) {
                    // A computed length is computed again, from the same geometry and circuity.
                    t.remove("km");
                }
                let inner: Vec<toml::Value> = coords[1..coords.len() - 1]
                    .iter()
                    .map(|&(x, y)| {
                        toml::Value::Array(vec![toml::Value::Float(x), toml::Value::Float(y)])
                    })
                    .collect();
                if !inner.is_empty() {
                    t.insert("geometry".into(), toml::Value::Array(inner));
                }
                "link"
            }
            other => {
                problems.push(problem(
                    at("properties.feature"),
                    format!(
                        "{}: expected \"node\" or \"link\"",
                        other.map_or("missing".to_string(), |o| format!("`{o}`"))
                    ),
                ));
                continue;
            }
        };
        let mut doc = toml::Table::new();
        doc.insert(
            record.into(),
            toml::Value::Array(vec![toml::Value::Table(t)]),
        );
        let chunk =
            toml::to_string(&doc).map_err(|e| vec![problem(at("properties"), e.to_string())])?;
        map.push((text.lines().count() + 1, i));
        text.push_str(&chunk);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    if problems.is_empty() {
        Ok((text, map))
    } else {
        Err(problems)
    }
}

/// A loader problem in the TOML converted from a GeoJSON file, restated against the feature:
/// `features[12].properties.wait_hours` in place of a line and a dotted TOML field.
pub(super) fn locate(mut p: Problem, map: &LineMap) -> Problem {
    if p.line == 0 {
        return p;
    }
    let Some(&(_, i)) = map.iter().rev().find(|(first, _)| *first <= p.line) else {
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
