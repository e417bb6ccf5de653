//! One GeoJSON feature converted to the record the loader reads (the table of a `[[node]]` from a
//! Point, of a `[[link]]` from a LineString, written as TOML by `emit`), refusing what the conversion would otherwise lose or change: a
//! key given twice (JSON readers keep the last; the file's author may have meant the first), a
//! `null` inside a value (in a list or a table), a position that is not [lon, lat] in range, a
//! table of more than [`MAX_KEYS`] keys. Every problem names the feature by index and the
//! property by path; the path is only spelled out for a problem.
//!
//! Two rules follow GIS tools rather than TOML. A property whose value is `null` is absent: a GIS
//! layer has one set of fields, and GDAL (under QGIS) writes `null` for every field a feature has
//! no value in when it saves an edited feature; so a `km` set to `null` is a length computed from
//! the geometry, as when `km` is left out. And a list property (`corridors`,
//! `transit_countries`, `services`) may be one comma-separated text (`"middle,btk"`, what
//! `corridor export` writes, since GeoPackage and Shapefile have no list fields) as well as a JSON
//! list; an empty item (`"a,,b"`) is refused.

use std::borrow::Cow;
use std::fmt;

use super::super::json::{duplicate, Json, Members};
use crate::load::MAX_KEYS;

/// The problems found: (field, message).
pub(super) type Problems = Vec<(String, String)>;

/// A table's entries, as the loader's record holds them.
pub(super) type Entries<'a> = Vec<(Cow<'a, str>, Json<'a>)>;

/// Where a value is, spelled out only when a problem names it: `features[3].properties`, then
/// `.km`, `[2]`.
#[derive(Clone, Copy)]
pub(super) enum Path<'p> {
    Root(&'p str),
    Feature(usize, &'p str),
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(r) => f.write_str(r),
            Path::Feature(i, rest) => write!(f, "features[{i}]{rest}"),
            Path::Key(p, k) => write!(f, "{p}.{k}"),
            Path::Index(p, j) => write!(f, "{p}[{j}]"),
        }
    }
}

/// Feature `i` as the kind of its record (`node` or `link`) and the record's table, or `None`
/// when it has problems (added to `problems`).
pub(super) fn feature_record<'a>(
    i: usize,
    feat: Json<'a>,
    problems: &mut Problems,
) -> Option<(&'static str, Entries<'a>)> {
    let before = problems.len();
    let at = |k: &str| format!("features[{i}].{k}");
    let Json::Object(mut members) = feat else {
        problems.push((
            format!("features[{i}]"),
            "a feature is a JSON object".into(),
        ));
        return None;
    };
    if let Some(k) = duplicate(&members) {
        problems.push((at(k), twice()));
        return None;
    }
    let props = members
        .iter()
        .position(|(k, _)| k == "properties")
        .map(|p| std::mem::replace(&mut members[p].1, Json::Null));
    let Some(Json::Object(props)) = props else {
        problems.push((
            at("properties"),
            "a feature needs a properties object".into(),
        ));
        return None;
    };
    if props
        .iter()
        .any(|(k, v)| k == "closed" && !matches!(v, Json::Null))
    {
        problems.push((
            at("properties.closed"),
            "a closure is a scenario's result, not data: export the network without --scenario, or close it in a scenario".into(),
        ));
        return None;
    }
    // The properties' and the geometry's problems are found together.
    let path = Path::Feature(i, ".properties");
    let ok = table(path, &props, Nulls::Absent, problems);
    let geometry = geometry(
        i,
        members
            .iter()
            .find(|(k, _)| k == "geometry")
            .map(|(_, v)| v),
        problems,
    );
    if !ok {
        return None;
    }
    let mut t: Entries = props
        .into_iter()
        .filter(|(_, v)| !matches!(v, Json::Null))
        .collect();
    lists(path, &mut t, problems);
    let kind = remove(&mut t, "feature");
    let estimated = remove(&mut t, "km_estimated");
    let record = match kind.as_ref().and_then(Json::as_str) {
        Some("node") => {
            let g = geometry.as_ref()?;
            let ([(lon, lat)], "Point") = (&g.positions[..], g.kind) else {
                problems.push((at("geometry"), "a node is a Point [lon, lat]".into()));
                return None;
            };
            insert(&mut t, "lon", Json::Float(*lon));
            insert(&mut t, "lat", Json::Float(*lat));
            "node"
        }
        Some("link") => {
            let g = geometry.as_ref()?;
            if g.positions.len() < 2 || g.kind != "LineString" {
                problems.push((
                    at("geometry"),
                    "a link is a LineString from its `from` node to its `to` node".into(),
                ));
                return None;
            }
            if estimated == Some(Json::Bool(true)) {
                // A computed length is computed again, from the same geometry and circuity.
                remove(&mut t, "km");
            }
            let inner: Vec<Json> = g.positions[1..g.positions.len() - 1]
                .iter()
                .map(|&(x, y)| Json::Array(vec![Json::Float(x), Json::Float(y)]))
                .collect();
            if !inner.is_empty() {
                insert(&mut t, "geometry", Json::Array(inner));
            }
            "link"
        }
        _ => {
            let found = match &kind {
                None => "missing".to_string(),
                Some(Json::Str(s)) => format!("`{}`", crate::error::clip(s)),
                Some(_) => "not a string".to_string(),
            };
            problems.push((
                at("properties.feature"),
                format!("{found}: expected \"node\" or \"link\""),
            ));
            return None;
        }
    };
    if problems.len() > before {
        return None;
    }
    Some((record, t))
}

/// Takes `key` out of a table.
fn remove<'a>(t: &mut Entries<'a>, key: &str) -> Option<Json<'a>> {
    let p = t.iter().position(|(k, _)| k == key)?;
    Some(t.remove(p).1)
}

/// Sets `key` in a table, replacing a value given there.
fn insert<'a>(t: &mut Entries<'a>, key: &'static str, v: Json<'a>) {
    remove(t, key);
    t.push((Cow::Borrowed(key), v));
}

pub(super) fn twice() -> String {
    "given twice: a JSON reader would keep one value and drop the other without a word; keep one"
        .into()
}

/// What a `null` member of a table means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nulls {
    /// A problem (inside a value, and everywhere in the `corridor` member).
    Refused,
    /// The member is absent (a feature's properties: see the module documentation).
    Absent,
}

/// The list properties that may be written as one comma-separated text.
const LISTS: [&str; 3] = ["corridors", "transit_countries", "services"];

/// A list property given as a comma-separated text, made a list: `"a, b"` → `["a", "b"]`, `""`
/// → `[]`; an empty item is a problem.
fn lists(path: Path<'_>, t: &mut Entries<'_>, problems: &mut Problems) {
    for key in LISTS {
        let Some((_, v)) = t.iter_mut().find(|(k, _)| k == key) else {
            continue;
        };
        let Json::Str(text) = v else {
            continue;
        };
        let items: Vec<&str> = if text.trim().is_empty() {
            Vec::new()
        } else {
            text.split(',').map(str::trim).collect()
        };
        if items.iter().any(|i| i.is_empty()) {
            problems.push((
                format!("{path}.{key}"),
                format!(
                    "`{}` has an empty item: a list is written as items separated by commas (\"middle,btk\"), or as a JSON list",
                    crate::error::clip(text)
                ),
            ));
            continue;
        }
        let list = items
            .into_iter()
            .map(|i| Json::Str(Cow::Owned(i.to_string())))
            .collect();
        *v = Json::Array(list);
    }
}

/// Whether an object's members make a table (a problem each when not): at most [`MAX_KEYS`]
/// keys, none given twice, and no `null` inside a value. A `null` member is absent or a problem,
/// as `nulls` says; a `null` deeper inside is always a problem.
pub(super) fn table(
    path: Path<'_>,
    entries: &Members<'_>,
    nulls: Nulls,
    problems: &mut Problems,
) -> bool {
    if entries.len() > MAX_KEYS {
        problems.push((
            path.to_string(),
            format!(
                "{} keys: a table holds at most {}",
                crate::text::thousands(entries.len() as f64),
                crate::text::thousands(MAX_KEYS as f64)
            ),
        ));
        return false;
    }
    if let Some(k) = duplicate(entries) {
        problems.push((format!("{path}.{k}"), twice()));
        return false;
    }
    let before = problems.len();
    for (k, v) in entries {
        if nulls == Nulls::Absent && matches!(v, Json::Null) {
            continue;
        }
        value(Path::Key(&path, k), v, problems);
    }
    problems.len() == before
}

/// Whether a JSON value makes a TOML one: no `null` in it (a problem each).
pub(super) fn value(path: Path<'_>, v: &Json<'_>, problems: &mut Problems) -> bool {
    match v {
        Json::Null => {
            problems.push((
                path.to_string(),
                "null: give a value, or leave the property out for its default".into(),
            ));
            false
        }
        Json::Array(items) => {
            let before = problems.len();
            for (j, x) in items.iter().enumerate() {
                value(Path::Index(&path, j), x, problems);
            }
            problems.len() == before
        }
        Json::Object(entries) => table(path, entries, Nulls::Refused, problems),
        _ => true,
    }
}

/// A feature's geometry: its type and positions.
struct Geometry<'j> {
    kind: &'j str,
    positions: Vec<(f64, f64)>,
}

/// The geometry of feature `i`: its type, and its positions when it is a Point or a LineString
/// (none for another type, which the caller refuses); `None` when it has a problem (reported).
fn geometry<'j>(
    i: usize,
    g: Option<&'j Json<'_>>,
    problems: &mut Problems,
) -> Option<Geometry<'j>> {
    let at = |k: &str| format!("features[{i}].geometry{k}");
    let Some(Json::Object(members)) = g else {
        problems.push((
            at(""),
            "a feature needs a geometry object (a Point for a node, a LineString for a link)"
                .into(),
        ));
        return None;
    };
    if let Some(k) = duplicate(members) {
        problems.push((at(&format!(".{k}")), twice()));
        return None;
    }
    let g = g?;
    let kind = g.get("type").and_then(Json::as_str).unwrap_or("");
    let coordinates = g.get("coordinates");
    let positions = match (kind, coordinates) {
        ("Point", Some(c)) => vec![position(&at(".coordinates"), c, problems)?],
        ("LineString", Some(Json::Array(items))) => {
            let before = problems.len();
            let out: Vec<(f64, f64)> = items
                .iter()
                .enumerate()
                .filter_map(|(j, c)| position(&at(&format!(".coordinates[{j}]")), c, problems))
                .collect();
            if problems.len() > before {
                return None;
            }
            out
        }
        ("Point" | "LineString", _) => {
            problems.push((
                at(".coordinates"),
                format!("missing or not an array: a {kind} needs coordinates"),
            ));
            return None;
        }
        _ => Vec::new(),
    };
    Some(Geometry { kind, positions })
}

/// A position: [lon, lat] (an altitude after them is allowed and dropped), in range.
fn position(path: &str, c: &Json<'_>, problems: &mut Problems) -> Option<(f64, f64)> {
    let pair = match c {
        Json::Array(v) if (2..=3).contains(&v.len()) && v.iter().all(|x| x.as_f64().is_some()) => {
            v[0].as_f64().zip(v[1].as_f64())
        }
        _ => None,
    };
    let n = crate::error::number;
    match pair {
        None => problems.push((
            path.to_string(),
            "a position is [lon, lat], two numbers".into(),
        )),
        Some((lon, lat)) if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) => {
            problems.push((
                path.to_string(),
                format!(
                    "[{}, {}] is out of range: lon lies in −180…180, lat in −90…90",
                    n(lon),
                    n(lat)
                ),
            ))
        }
        Some(p) => return Some(p),
    }
    None
}
