//! GeoJSON in: a network file written as a GeoJSON FeatureCollection (what
//! [`crate::output::geojson::network`] and [`crate::output::geojson::layers`] write) is converted
//! to the TOML records the loader reads, a piece of the file at a time in each of the loader's two
//! passes (`stream`: the file cut between features by `scan`, each piece's features converted on
//! every core by `convert`, written as TOML by `emit`), with a map from the converted lines back
//! to the features and tables, so that every problem, and every record's origin, names the
//! feature and property (`features[12].properties.km`) or the table of the collection's
//! `corridor` member (`corridor.family[2].via_tags`) instead of a line the user never saw. The
//! features are read strictly ([`super::json`]) and converted one at a time (`feature`: a key
//! given twice, a `null` inside a value, a position that is not [lon, lat] are refused with the
//! feature's index); the `corridor` member's tables are converted as records of their own
//! (`member`). GeoJSON out is [`crate::output::geojson`]'s; this file does not write any.

mod convert;
mod converted;
mod emit;
mod feature;
mod member;
mod scan;
mod state;
mod stream;
#[cfg(test)]
mod tests;

pub(super) use self::stream::{GeoFile, GeoReader, Pass};
use crate::error::{Error, Problem, Result};
use crate::network::{Network, Origin};

/// The network loaded from files some of which are GeoJSON (`files`), or its problems: when the
/// conversion of a GeoJSON file found any, those alone (the records it could not convert are
/// missing, so what the loader found besides would mislead), else the loader's, each located by
/// feature and property ([`located`]).
pub(super) fn finish(result: Result<Network>, files: &[GeoFile<'_>]) -> Result<Network> {
    let problems: Vec<Problem> = files.iter().flat_map(GeoFile::problems).collect();
    if !problems.is_empty() {
        return Err(Error::InvalidNetwork { problems });
    }
    located(result, files)
}

/// Problems in converted GeoJSON files located by feature and property instead of TOML line, and
/// the records of a network loaded from them by feature (`FILE features[12]`), so that a later
/// message about one names the feature, not a line of a text the user never saw.
fn located(result: Result<Network>, files: &[GeoFile<'_>]) -> Result<Network> {
    if files.is_empty() {
        return result;
    }
    let states: Vec<_> = files.iter().map(|f| (f.name, f.state())).collect();
    let place = |file: &str, line: usize| {
        states
            .iter()
            .find(|(n, _)| *n == file)
            .map(|(name, st)| (*name, place_in(st, line)))
    };
    let result = result.map(|mut net| {
        let fix = |o: &mut Origin| {
            if let Some((name, found)) = place(o.file.as_str(), o.line) {
                *o = Origin {
                    file: match found {
                        Some(p) => format!("{name} {}", p.record).into(),
                        None => o.file.clone(),
                    },
                    line: 0,
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
        Error::InvalidNetwork { problems } => {
            let mut problems: Vec<Problem> = problems
                .into_iter()
                .map(|mut p| {
                    p.message = named_origins(std::mem::take(&mut p.message), &states);
                    match place(&p.file, p.line) {
                        Some((_, Some(found))) if p.line != 0 => relocate(p, &found),
                        _ => p,
                    }
                })
                .map(no_network_table)
                .collect();
            // In the order of the features, then the `corridor` member's tables.
            let rank = |p: &Problem| match states.iter().any(|(n, _)| *n == p.file) {
                false => 0,
                true => p
                    .field
                    .strip_prefix("features[")
                    .and_then(|f| f.split(']').next()?.parse().ok())
                    .unwrap_or(usize::MAX),
            };
            problems.sort_by_cached_key(|p| (p.file.clone(), rank(p)));
            Error::InvalidNetwork { problems }
        }
        other => other,
    })
}

/// A message naming a record of a converted file by its line (`first defined at FILE:LINE`, from
/// the record's origin) with the record named instead (`FILE features[12]`).
fn named_origins(
    message: String,
    states: &[(&str, std::sync::MutexGuard<'_, state::State>)],
) -> String {
    for (name, st) in states {
        let Some(at) = message.find(&format!("{name}:")) else {
            continue;
        };
        let from = at + name.len() + 1;
        let digits = message[from..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let line = message[from..from + digits].parse().ok();
        if let Some(place) = line.and_then(|l| place_in(st, l)) {
            return format!(
                "{}{name} {}{}",
                &message[..at],
                place.record,
                &message[from + digits..]
            );
        }
    }
    message
}

/// Problems found in a piece converted from GeoJSON (`map`, the piece's) located by feature and
/// property; the others as they are.
pub(super) fn locate_all(problems: &mut [Problem], name: &str, map: &LineMap) {
    for p in problems
        .iter_mut()
        .filter(|p| p.file == name && p.line != 0)
    {
        if let Some(place) = place_at(map, p.line) {
            *p = relocate(p.clone(), place);
        }
    }
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

/// The record of a converted file whose lines hold `line`: a feature (its record, not a
/// sub-table), or a record of the `corridor` member or one of its sub-tables.
fn place_in(st: &state::State, line: usize) -> Option<Place> {
    let feature = match st.features.partition_point(|(first, _)| *first <= line) {
        0 => None,
        k => Some(st.features[k - 1]),
    };
    let table = match st.tables.partition_point(|(first, _)| *first <= line) {
        0 => None,
        k => Some(&st.tables[k - 1]),
    };
    match (feature, table) {
        (Some((f, i)), t) if t.is_none_or(|(l, _)| *l < f) => Some(Place {
            record: Record::Feature(i),
            sub: String::new(),
        }),
        (_, t) => t.map(|(_, p)| p.clone()),
    }
}

/// A loader problem in the TOML converted from a GeoJSON file, restated against the feature or
/// table: `features[12].properties.wait_hours` or `corridor.family[2].via_tags` in place of a line
/// and a dotted TOML field. A record that did not deserialise (an unknown or missing key, a wrong
/// type: field `toml`) is named by the sub-table holding the line.
fn relocate(mut p: Problem, place: &Place) -> Problem {
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
