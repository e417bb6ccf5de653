//! JSON read strictly, for GeoJSON network files: a value tree ([`Json`]) that keeps every key
//! as written (so that a key given twice is found, not silently replaced by its last value) and
//! keeps `null` (so that the converter decides what it means where), and a reader of a
//! FeatureCollection that hands over one feature at a time ([`features`]), so that a large file
//! never has all its features in memory as a tree, and keeps its `corridor` member (the
//! network-level tables of an export).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A JSON value as written: object keys in order, duplicates kept.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of `key` in an object (the first, when it is given twice).
    pub(super) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(super) fn as_f64(&self) -> Option<f64> {
        match *self {
            Json::Int(i) => Some(i as f64),
            Json::Float(f) => Some(f),
            _ => None,
        }
    }
}

/// The first key of an object that is given more than once.
pub(super) fn duplicate(entries: &[(String, Json)]) -> Option<&str> {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .find(|(i, (k, _))| entries[..*i].iter().any(|(e, _)| e == k))
            .map(|(_, (k, _))| k.as_str());
    }
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    entries
        .iter()
        .find(|(k, _)| !seen.insert(k.as_str()))
        .map(|(k, _)| k.as_str())
}

impl<'de> de::Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(i64::try_from(v).map_or(Json::Float(v as f64), Json::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Json>()? {
            entries.push((k, v));
        }
        Ok(Json::Object(entries))
    }
}

/// A FeatureCollection's members other than its features.
#[derive(Debug, Default)]
pub(super) struct Collection {
    /// Its `type`, when a string.
    pub(super) kind: Option<String>,
    /// Whether it has a `features` array.
    pub(super) has_features: bool,
    /// Its `corridor` member (the network-level tables of an export), as written.
    pub(super) corridor: Option<Json>,
}

/// Reads a GeoJSON FeatureCollection, handing each feature to `each` with its index as it is
/// read; a member given twice, or JSON that is not valid, is an error of the JSON reader (with its
/// line and column).
pub(super) fn features(
    text: &str,
    each: &mut dyn FnMut(usize, Json),
) -> Result<Collection, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let collection = CollectionSeed { each }.deserialize(&mut de)?;
    de.end()?;
    Ok(collection)
}

struct CollectionSeed<'f> {
    each: &'f mut dyn FnMut(usize, Json),
}

impl<'de> DeserializeSeed<'de> for CollectionSeed<'_> {
    type Value = Collection;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Collection, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectionSeed<'_> {
    type Value = Collection;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection, A::Error> {
        let mut out = Collection::default();
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(de::Error::custom(format!(
                    "the member `{}` is given twice",
                    crate::error::clip(&key)
                )));
            }
            match key.as_str() {
                "type" => out.kind = map.next_value::<Json>()?.as_str().map(str::to_string),
                "features" => {
                    map.next_value_seed(FeaturesSeed {
                        each: &mut *self.each,
                    })?;
                    out.has_features = true;
                }
                "corridor" => out.corridor = Some(map.next_value::<Json>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            // The members worth remembering are few: a collection with thousands of unknown
            // members is still read in linear time.
            if matches!(key.as_str(), "type" | "features" | "corridor") {
                seen.push(key);
            }
        }
        Ok(out)
    }
}

struct FeaturesSeed<'f> {
    each: &'f mut dyn FnMut(usize, Json),
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a `features` array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(feature) = seq.next_element::<Json>()? {
            (self.each)(i, feature);
            i += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_given_twice_and_nulls_are_kept() {
        let v: Json = serde_json::from_str(r#"{"km": 1083, "km": 1, "x": null}"#).unwrap();
        let Json::Object(entries) = &v else {
            panic!("{v:?}")
        };
        assert_eq!(entries.len(), 3);
        assert_eq!(duplicate(entries), Some("km"));
        assert_eq!(v.get("km"), Some(&Json::Int(1083)));
        assert_eq!(v.get("x"), Some(&Json::Null));
        let many: Vec<(String, Json)> = (0..100)
            .map(|i| (format!("k{}", i % 99), Json::Null))
            .collect();
        assert_eq!(duplicate(&many), Some("k0"));
        assert_eq!(duplicate(&many[..99]), None);
    }

    #[test]
    fn features_are_handed_over_one_at_a_time() {
        let text = r#"{"features": [{"a": 1}, {"b": 2}], "type": "FeatureCollection", "bbox": [1, 2], "corridor": {"x": null}}"#;
        let mut got = Vec::new();
        let c = features(text, &mut |i, f| got.push((i, f))).unwrap();
        assert_eq!(c.kind.as_deref(), Some("FeatureCollection"));
        assert_eq!(
            c.corridor,
            Some(Json::Object(vec![("x".into(), Json::Null)]))
        );
        assert!(c.has_features);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1.get("b"), Some(&Json::Int(2)));
        let e = features(r#"{"features": [], "features": []}"#, &mut |_, _| {}).unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");
        let e = features(r#"{"corridor": {}, "corridor": {}}"#, &mut |_, _| {}).unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");
        let e = features(r#"{"features": {}}"#, &mut |_, _| {}).unwrap_err();
        assert!(e.to_string().contains("`features` array"), "{e}");
    }
}
