//! JSON read strictly, for GeoJSON network files: a value tree ([`Json`]) that keeps every key
//! as written (so that a key given twice is found, not silently replaced by its last value) and
//! keeps `null` (so that the converter decides what it means where), borrowing its texts from the
//! JSON where they have no escapes; and a quick look at a feature ([`is_link`]) that finds its kind
//! without building a tree.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A JSON value as written: object keys in order, duplicates kept.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// An object's members, as written.
pub(super) type Members<'a> = [(Cow<'a, str>, Json<'a>)];

impl<'a> Json<'a> {
    /// The value of `key` in an object (the first, when it is given twice).
    pub(super) fn get(&self, key: &str) -> Option<&Json<'a>> {
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
pub(super) fn duplicate<'e>(entries: &'e Members<'_>) -> Option<&'e str> {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .find(|(i, (k, _))| entries[..*i].iter().any(|(e, _)| e == k))
            .map(|(_, (k, _))| k.as_ref());
    }
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    entries
        .iter()
        .find(|(k, _)| !seen.insert(k.as_ref()))
        .map(|(k, _)| k.as_ref())
}

impl<'de> de::Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

/// A text, borrowed from the JSON when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        match d.deserialize_str(JsonVisitor)? {
            Json::Str(s) => Ok(Key(s)),
            _ => Err(de::Error::custom("a key is a string")),
        }
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(i64::try_from(v).map_or(Json::Float(v as f64), Json::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some((Key(k), v)) = map.next_entry::<Key, Json>()? {
            entries.push((k, v));
        }
        Ok(Json::Object(entries))
    }
}

/// Whether a feature's first `properties` member is an object whose first `feature` member is
/// the text `"link"`, found without building a tree and without reading the feature further.
/// `Err` for text that is not valid JSON up to where the answer is found (the rest is read when
/// the feature is converted).
pub(super) fn is_link(text: &str) -> Result<bool, serde_json::Error> {
    let found = Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    match de.deserialize_any(Probe {
        depth: 0,
        found: &found,
    }) {
        Ok(_) => {
            de.end()?;
            Ok(false)
        }
        Err(e) => found.get().ok_or(e),
    }
}

/// Looks for `properties.feature == "link"`: `depth` 0 in the feature, 1 in its properties, 2 in
/// the value of its `feature`; once that is read, stops the reader with `found` set.
struct Probe<'f> {
    depth: u8,
    found: &'f Cell<Option<bool>>,
}

impl<'de> de::DeserializeSeed<'de> for Probe<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Probe<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E>(self, v: &str) -> Result<bool, E> {
        Ok(self.depth == 2 && v == "link")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let wanted = match self.depth {
            0 => "properties",
            1 => "feature",
            _ => "",
        };
        let mut seen = false;
        while let Some(Key(k)) = map.next_key::<Key>()? {
            if !seen && self.depth < 2 && k == wanted {
                seen = true;
                let link = map.next_value_seed(Probe {
                    depth: self.depth + 1,
                    found: self.found,
                })?;
                if self.depth == 1 {
                    self.found.set(Some(link));
                    return Err(de::Error::custom("found"));
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(false)
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
        let many: Vec<(Cow<str>, Json)> = (0..100)
            .map(|i| (Cow::Owned(format!("k{}", i % 99)), Json::Null))
            .collect();
        assert_eq!(duplicate(&many), Some("k0"));
        assert_eq!(duplicate(&many[..99]), None);
    }

    #[test]
    fn texts_without_escapes_are_borrowed() {
        let v: Json = serde_json::from_str(r#"{"a": "plain", "b\n": "esc\"aped"}"#).unwrap();
        let Json::Object(entries) = &v else {
            panic!("{v:?}")
        };
        assert!(matches!(entries[0].0, Cow::Borrowed("a")));
        assert!(matches!(entries[0].1, Json::Str(Cow::Borrowed("plain"))));
        assert_eq!(entries[1].0, "b\n");
        assert_eq!(entries[1].1, Json::Str(Cow::Owned("esc\"aped".into())));
    }

    /// The first `properties` and its first `feature` decide, as the converter reads them.
    #[test]
    fn a_link_is_found_by_its_first_properties_feature() {
        for (text, link) in [
            (r#"{"properties": {"feature": "link"}}"#, true),
            (
                r#"{"type": "Feature", "properties": {"id": {"feature": "x"}, "feature": "link"}, "geometry": null}"#,
                true,
            ),
            (r#"{"properties": {"feature": "node"}}"#, false),
            (
                r#"{"properties": {"feature": "node", "feature": "link"}}"#,
                false,
            ),
            (
                r#"{"properties": {"feature": "link"}, "properties": {}}"#,
                true,
            ),
            (r#"{"feature": "link", "properties": {"x": "link"}}"#, false),
            (r#"{"properties": {"feature": ["link"]}}"#, false),
            (r#"{"properties": "link"}"#, false),
            (r#"["link"]"#, false),
            (r#""link""#, false),
        ] {
            assert_eq!(is_link(text).unwrap(), link, "{text}");
        }
        for bad in [
            r#"{"properties": {"featur": "link"}"#,
            r#"{"a": 1} x"#,
            "{\"a\": tru}",
        ] {
            assert!(is_link(bad).is_err(), "{bad}");
        }
        // Once found, the rest is not read.
        assert!(is_link(r#"{"properties": {"feature": "link", "x": tru"#).unwrap());
    }
}
