//! [`Text`]: the shared, immutable strings routes are written in (node ids, countries, link
//! ids, step descriptions). A router makes each one once; copying it into a route costs a
//! reference count instead of an allocation, so building a route's words does not dominate a
//! query. It reads, compares, prints and serializes as the string it holds. [`Interner`] shares
//! equal texts while a network loads.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A shared immutable string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Default for Text {
    fn default() -> Text {
        Text::from("")
    }
}

impl Text {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(Arc::from(s.as_str()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, o: &str) -> bool {
        &*self.0 == o
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, o: &&str) -> bool {
        &*self.0 == *o
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, o: &String) -> bool {
        &*self.0 == o.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, o: &Text) -> bool {
        self == &*o.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, o: &Text) -> bool {
        *self == &*o.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, o: &Text) -> bool {
        self.as_str() == &*o.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn reads_compares_prints_and_serializes_as_its_string() {
        let t = Text::from("xian");
        assert_eq!(t, "xian");
        assert_eq!("xian", t);
        assert_eq!(t, "xian".to_string());
        assert_ne!(t, "xi");
        assert_eq!(t.len(), 4);
        assert_eq!(format!("[{t:>6}]"), "[  xian]");
        assert_eq!(format!("{t:?}"), "\"xian\"");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"xian\"");
        assert_eq!(vec![t.clone()], ["xian"]);
        let (a, b) = (Text::from("a"), Text::from("b"));
        assert!(a < b);
    }
}

/// Maps keyed by the data's own texts (ids, names, tags), with a fast deterministic hash: the keys
/// are the data's, not an attacker's, and a loader or router holds millions of them.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// The hash [`FastMap`] gives a text, for indexes that sort hashes instead of keeping a map.
pub(crate) fn fast_hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(s)
}

/// Shares equal texts while loading: each distinct string is allocated once, however many
/// records repeat it (a citation, a field name, a file name).
#[derive(Default)]
pub struct Interner(std::collections::HashSet<Text>);

impl Interner {
    /// The shared copy of `s`.
    pub fn intern(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t = Text::from(s);
        self.0.insert(t.clone());
        t
    }
}
