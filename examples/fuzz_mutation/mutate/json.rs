//! Structure-aware mutations of a GeoJSON network file (what `corridor export` writes): features
//! dropped, duplicated or swapped; properties dropped, renamed, set to `null`, to edge numbers, to
//! another type or to odd strings; geometries made empty, out of range or of the wrong type;
//! duplicate keys; deep nesting; the collection's own shape broken. They work on the parsed
//! value and write it back (pretty or compact); a duplicate key is written as text, since a
//! parsed value cannot hold one.
//!
//! Some mutations make a file that the format forbids whatever else the case does: a `null`
//! inside a property's value (a `null` property is absent, as GDAL writes it: a dropped
//! property), a duplicate key, a coordinate outside ±90° / ±180°. They are named in
//! [`MUST_REFUSE`]; a case that applies one must be rejected (a load that succeeds is a silent
//! wrong answer), so such a mutation is always the case's last.

use serde_json::{json, Map, Value};

use super::corpus::Vocab;
use super::rng::Rng;
use super::words::STRINGS;

/// The GeoJSON mutation kinds, by name (for descriptions and `Options::skip`).
pub const JSON_MUTATIONS: [&str; 15] = [
    "json-drop-feature",
    "json-dup-feature",
    "json-swap-features",
    "json-drop-property",
    "json-edge-number",
    "json-wrong-type",
    "json-unknown-property",
    "json-replace-string",
    "json-geometry",
    "json-shape",
    "json-deep-nesting",
    "json-many-features",
    "json-null",
    "json-dup-key",
    "json-bad-coordinate",
];

const WEIGHTS: [u32; 15] = [4, 4, 2, 6, 10, 6, 4, 8, 6, 2, 1, 1, 3, 3, 3];

/// The kinds after which the file must be refused.
pub const MUST_REFUSE: [&str; 3] = ["json-null", "json-dup-key", "json-bad-coordinate"];

/// Numbers a property or coordinate may become.
const EDGE: &[f64] = &[
    0.0,
    -0.0,
    -1.0,
    1.0,
    1e308,
    -1e308,
    f64::MAX,
    5e-324,
    1e-320,
    1e30,
    9.223372036854776e18,
    1.8446744073709552e19,
    2147483648.0,
    1e-9,
    0.5,
    2100.0,
    2101.0,
    1799.0,
    25000.0,
];

/// The key written in place of a duplicate (replaced by the duplicated key's name in the text).
const DUP_PLACEHOLDER: &str = "zz__duplicate__key__";

/// A GeoJSON text mutated by one to three kinds (a must-refuse one always last); returns the new
/// text, the descriptions, and the must-refuse kind applied, if any.
pub fn mutate_geojson(
    rng: &mut Rng,
    text: &str,
    vocab: &Vocab,
    skip: &dyn Fn(&str) -> bool,
) -> (String, Vec<String>, Option<&'static str>) {
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return (text.to_string(), vec!["(not JSON: unmutated)".into()], None);
    };
    let mut weights = WEIGHTS;
    for (i, k) in JSON_MUTATIONS.iter().enumerate() {
        if skip(k) {
            weights[i] = 0;
        }
    }
    let mut plain = weights;
    for (i, k) in JSON_MUTATIONS.iter().enumerate() {
        if MUST_REFUSE.contains(k) {
            plain[i] = 0;
        }
    }
    let mut done = Vec::new();
    let mut dup = None;
    let mut refuse = None;
    let count = 1 + rng.below(3);
    for n in 0..count {
        // The last mutation may be a must-refuse one; the others never are.
        let w = if n + 1 == count { &weights } else { &plain };
        if w.iter().all(|&x| x == 0) {
            break;
        }
        let kind = JSON_MUTATIONS[rng.weighted(w)];
        if let Some(d) = apply(rng, kind, &mut v, vocab, &mut dup) {
            done.push(format!("{kind}: {d}"));
            if MUST_REFUSE.contains(&kind) {
                refuse = Some(kind);
            }
        }
    }
    let mut out = if rng.chance(1, 2) {
        serde_json::to_string_pretty(&v)
    } else {
        serde_json::to_string(&v)
    }
    .unwrap_or_default();
    if let Some(key) = dup {
        out = out.replace(&format!("\"{DUP_PLACEHOLDER}\""), &format!("\"{key}\""));
    }
    (out, done, refuse)
}

/// The features array.
fn features(v: &mut Value) -> Option<&mut Vec<Value>> {
    v.get_mut("features")?.as_array_mut()
}

/// The properties object of a random feature, with the feature's index.
fn some_properties<'a>(
    rng: &mut Rng,
    v: &'a mut Value,
) -> Option<(usize, &'a mut Map<String, Value>)> {
    let fs = features(v)?;
    if fs.is_empty() {
        return None;
    }
    let i = rng.below(fs.len());
    Some((i, fs[i].get_mut("properties")?.as_object_mut()?))
}

/// A random value inside `m` (descending into nested objects and arrays), as a mutable slot with
/// its path.
fn some_slot<'a>(rng: &mut Rng, m: &'a mut Map<String, Value>) -> Option<(String, &'a mut Value)> {
    let keys: Vec<String> = m.keys().cloned().collect();
    if keys.is_empty() {
        return None;
    }
    let k = rng.pick(&keys).clone();
    let mut path = k.clone();
    // A JSON pointer below the key, chosen on a shared borrow, then followed mutably.
    let mut pointer = String::new();
    let mut cur = m.get(&k)?;
    while rng.chance(1, 2) {
        match cur {
            Value::Object(o) if !o.is_empty() => {
                let ks: Vec<&String> = o.keys().collect();
                let key = *rng.pick(&ks);
                path = format!("{path}.{key}");
                pointer = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                cur = &o[key];
            }
            Value::Array(a) if !a.is_empty() => {
                let i = rng.below(a.len());
                path = format!("{path}[{i}]");
                pointer = format!("{pointer}/{i}");
                cur = &a[i];
            }
            _ => break,
        }
    }
    let slot = m.get_mut(&k)?;
    let slot = if pointer.is_empty() {
        slot
    } else {
        slot.pointer_mut(&pointer)?
    };
    Some((path, slot))
}

/// A random value inside one of `m`'s non-empty lists or tables, with its path.
fn some_nested_slot<'a>(
    rng: &mut Rng,
    m: &'a mut Map<String, Value>,
) -> Option<(String, &'a mut Value)> {
    let keys: Vec<String> = m
        .iter()
        .filter(|(_, v)| match v {
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
            _ => false,
        })
        .map(|(k, _)| k.clone())
        .collect();
    if keys.is_empty() {
        return None;
    }
    let k = rng.pick(&keys).clone();
    let inner = m.get_mut(&k)?;
    let (sub, slot) = match inner {
        Value::Array(a) => {
            let j = rng.below(a.len());
            (format!("[{j}]"), &mut a[j])
        }
        Value::Object(o) => {
            let ks: Vec<String> = o.keys().cloned().collect();
            let key = rng.pick(&ks).clone();
            (format!(".{key}"), o.get_mut(&key)?)
        }
        _ => return None,
    };
    Some((format!("{k}{sub}"), slot))
}

fn odd_string(rng: &mut Rng, vocab: &Vocab) -> String {
    match rng.below(6) {
        0 | 1 => rng.pick(STRINGS).replace("\\u", "u"),
        2 => vocab.any_id(rng),
        3 => rng
            .pick(&[
                "\u{0}",
                "\u{1b}[31m",
                "\u{202e}",
                "\u{2066}",
                "\u{fffe}",
                "a\nb",
                "a\rb",
                "\t",
            ])
            .to_string(),
        4 => rng
            .pick(&[
                "=1+1",
                "+1",
                "-1",
                "@SUM(A1)",
                "a,b",
                "say \"x\"",
                "<b>x</b>",
                "&amp;",
            ])
            .to_string(),
        _ => "x".repeat(1 + rng.below(100_000)),
    }
}

/// Applies one kind; `None` when it found nothing to work on.
fn apply(
    rng: &mut Rng,
    kind: &str,
    v: &mut Value,
    vocab: &Vocab,
    dup: &mut Option<String>,
) -> Option<String> {
    match kind {
        "json-drop-feature" | "json-dup-feature" | "json-swap-features" | "json-many-features" => {
            feature_edit(rng, kind, v)
        }
        "json-drop-property" | "json-unknown-property" | "json-null" | "json-dup-key" => {
            property_edit(rng, kind, v, vocab, dup)
        }
        "json-edge-number" | "json-wrong-type" | "json-replace-string" => {
            value_edit(rng, kind, v, vocab)
        }
        "json-geometry" | "json-bad-coordinate" => geometry_edit(rng, kind, v),
        "json-shape" => shape_edit(rng, v),
        "json-deep-nesting" => nesting_edit(rng, v),
        _ => None,
    }
}

/// Features dropped, duplicated, swapped or repeated.
fn feature_edit(rng: &mut Rng, kind: &str, v: &mut Value) -> Option<String> {
    let fs = features(v)?;
    if fs.is_empty() {
        return None;
    }
    let i = rng.below(fs.len());
    match kind {
        "json-drop-feature" => {
            fs.remove(i);
        }
        "json-dup-feature" => {
            let f = fs[i].clone();
            let at = rng.below(fs.len() + 1);
            fs.insert(at, f);
        }
        "json-swap-features" => {
            let j = rng.below(fs.len());
            fs.swap(i, j);
        }
        _ => {
            // Many copies of a few features, up to a few megabytes.
            let f = fs[i].clone();
            let size = f.to_string().len().max(1);
            let n = (2_000_000 / size).clamp(1, 5_000);
            fs.extend(std::iter::repeat_n(f, n));
            return Some(format!("feature {i} repeated {n} times"));
        }
    }
    Some(format!("feature {i}"))
}

/// A property dropped, added, set to `null` or written twice.
fn property_edit(
    rng: &mut Rng,
    kind: &str,
    v: &mut Value,
    vocab: &Vocab,
    dup: &mut Option<String>,
) -> Option<String> {
    let (i, p) = some_properties(rng, v)?;
    let keys: Vec<String> = p.keys().cloned().collect();
    match kind {
        "json-drop-property" => {
            let k = rng.pick(&keys).clone();
            // Left out, or `null` as GDAL writes a field a feature has no value in: the same.
            if rng.chance(1, 2) {
                p.remove(&k);
                Some(format!("features[{i}].{k}"))
            } else {
                p.insert(k.clone(), Value::Null);
                Some(format!("features[{i}].{k} = null"))
            }
        }
        "json-unknown-property" => {
            let k = *rng.pick(&["kidn", "speed", "Km", "lat", "coordinates", "", " id"]);
            p.insert(k.into(), json!(1));
            Some(format!("features[{i}].{k:?}"))
        }
        "json-null" => {
            // Inside a value (a list or a table), where a `null` is refused.
            let (path, slot) = some_nested_slot(rng, p)?;
            *slot = Value::Null;
            Some(format!("features[{i}].{path} = null"))
        }
        _ => {
            if dup.is_some() || keys.is_empty() {
                return None;
            }
            let k = rng.pick(&keys).clone();
            let value = match p.get(&k) {
                Some(Value::Number(_)) => json!(1),
                Some(Value::String(_)) => json!(vocab.any_id(rng)),
                Some(other) => other.clone(),
                None => json!(1),
            };
            p.insert(DUP_PLACEHOLDER.into(), value);
            *dup = Some(k.clone());
            Some(format!("features[{i}].{k} twice"))
        }
    }
}

/// A value replaced by an edge number, another type or an odd string.
fn value_edit(rng: &mut Rng, kind: &str, v: &mut Value, vocab: &Vocab) -> Option<String> {
    let (i, p) = some_properties(rng, v)?;
    let (path, slot) = some_slot(rng, p)?;
    let new = match kind {
        "json-edge-number" => {
            if !slot.is_number() && rng.chance(3, 4) {
                return None;
            }
            json!(*rng.pick(EDGE))
        }
        "json-wrong-type" => rng
            .pick(&[
                json!("12"),
                json!(true),
                json!([]),
                json!({}),
                json!(12),
                json!([1, 2]),
            ])
            .clone(),
        _ => {
            if !slot.is_string() && rng.chance(3, 4) {
                return None;
            }
            json!(odd_string(rng, vocab))
        }
    };
    let shown: String = new.to_string().chars().take(40).collect();
    *slot = new;
    Some(format!("features[{i}].{path} = {shown}"))
}

/// A geometry broken, or a coordinate out of range.
fn geometry_edit(rng: &mut Rng, kind: &str, v: &mut Value) -> Option<String> {
    let fs = features(v)?;
    if fs.is_empty() {
        return None;
    }
    let i = rng.below(fs.len());
    let g = fs[i].get_mut("geometry")?;
    if kind == "json-bad-coordinate" {
        let bad = *rng.pick(&[
            [0.0, 90.5],
            [180.5, 0.0],
            [-181.0, 10.0],
            [10.0, -91.0],
            [1e308, 1e308],
            [0.0, 1e3],
        ]);
        let c = g.get_mut("coordinates")?;
        match c {
            Value::Array(a) if a.first().is_some_and(Value::is_array) => {
                let j = rng.below(a.len());
                a[j] = json!(bad);
            }
            _ => *c = json!(bad),
        }
        return Some(format!("features[{i}] coordinate {bad:?}"));
    }
    let new = rng
        .pick(&[
            json!({"type": "Point", "coordinates": []}),
            json!({"type": "Point", "coordinates": [1]}),
            json!({"type": "Point", "coordinates": ["a", "b"]}),
            json!({"type": "LineString", "coordinates": [[70.0, 40.0]]}),
            json!({"type": "LineString", "coordinates": []}),
            json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]}),
            json!({"type": "Point"}),
            json!({"coordinates": [70.0, 40.0]}),
            json!({"type": "Point", "coordinates": [70.0, 40.0, 5.0]}),
            json!("Point"),
            json!([]),
        ])
        .clone();
    *g = new;
    Some(format!("features[{i}].geometry"))
}

/// The collection's own shape broken.
fn shape_edit(rng: &mut Rng, v: &mut Value) -> Option<String> {
    if !v.is_object() {
        return None;
    }
    let what = rng.below(5);
    match what {
        0 => v["type"] = json!("Feature"),
        1 => v["features"] = json!({}),
        2 => v["features"] = json!([1, "x", null]),
        3 => {
            let fs = features(v)?;
            if fs.is_empty() {
                return None;
            }
            let i = rng.below(fs.len());
            fs[i]
                .as_object_mut()?
                .insert("type".into(), json!("FeatureCollection"));
        }
        _ => *v = json!([]),
    }
    Some(format!("shape {what}"))
}

/// A value nested deep (or a string of brackets as deep).
fn nesting_edit(rng: &mut Rng, v: &mut Value) -> Option<String> {
    let (i, p) = some_properties(rng, v)?;
    let depth = 100 + rng.below(5_000);
    let mut deep = json!(1);
    // Built as text: a value this deep would overflow the stack of a recursive drop.
    let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    if depth < 120 {
        deep = serde_json::from_str(&text).unwrap_or(deep);
        p.insert("km".into(), deep);
        Some(format!("features[{i}].km nested {depth} deep"))
    } else {
        p.insert("name".into(), json!(text));
        Some(format!("features[{i}].name a {depth}-deep bracket string"))
    }
}
