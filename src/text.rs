//! [`Text`]: the shared, immutable strings routes are written in (node ids, countries, link
//! ids, step descriptions). A router makes each one once; copying it into a route costs a
//! reference count instead of an allocation, so building a route's words does not dominate a
//! query. It reads, compares, prints and serializes as the string it holds. [`Interner`] shares
//! equal texts while a network loads. [`grouped`] and [`thousands`] write numbers with thousands
//! separators, the one number style of tables, charts and maps.

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

/// A number with thousands separators and `decimals` decimals: "12,345", "1,234.5", "-3". The one
/// thousands formatter of the crate (tables, charts, maps).
pub fn grouped(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.find('.') {
        Some(i) => s.split_at(i),
        None => (s.as_str(), ""),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(frac);
    let negative = v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

/// A number with `decimals` decimals and no separators, as CSV gives it: "1234.5", never "-0" or
/// "-0.0" (a value that rounds to zero prints as zero).
pub fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v);
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => s,
    }
}

/// A number as outputs give it: rounded to three decimals, and never `-0` (JSON, GeoJSON).
pub(crate) fn round3(v: f64) -> f64 {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A whole number with thousands separators: "12,345".
pub fn thousands(v: f64) -> String {
    grouped(v, 0)
}

/// Whether a character must not reach a terminal, an SVG or a table as it is: a control
/// character, a bidirectional override or isolate, or a Unicode non-character (U+FFFE, U+FFFF,
/// U+FDD0…U+FDEF; invalid in XML).
pub(crate) fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
        || matches!(c, '\u{FDD0}'..='\u{FDEF}')
        || (c as u32) & 0xFFFE == 0xFFFE
}

/// The known words closest to `word` (Jaro–Winkler similarity ≥ 0.8, ignoring case), best
/// first, at most `n`: the candidates of a "did you mean".
pub(crate) fn closest(word: &str, known: &[&str], n: usize) -> Vec<String> {
    let w = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|k| (strsim::jaro_winkler(&w, &k.to_lowercase()), *k))
        .filter(|(s, _)| *s >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(n)
        .map(|(_, k)| k.to_string())
        .collect()
}

/// "; did you mean X?" when a known word is close to `word` (see [`closest`]), else nothing: the
/// end of a message about an unknown word.
pub(crate) fn did_you_mean(word: &str, known: &[&str]) -> String {
    let near = closest(word, known, 2);
    if near.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", near.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, fixed, grouped, thousands, Text};

    #[test]
    fn a_typo_gets_the_known_words_near_it() {
        assert_eq!(
            did_you_mean("midle", &["middle", "northern"]),
            "; did you mean middle?"
        );
        assert_eq!(did_you_mean("zzz", &["middle", "northern"]), "");
    }

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

    #[test]
    fn thousands_separates() {
        assert_eq!(thousands(0.4), "0");
        assert_eq!(thousands(999.5), "1,000");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(-4321.0), "-4,321");
    }

    #[test]
    fn fixed_drops_a_negative_zero_and_keeps_a_negative_number() {
        assert_eq!(fixed(-0.0, 0), "0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.4, 0), "0");
        assert_eq!(fixed(-0.6, 0), "-1");
        assert_eq!(fixed(-122.44, 1), "-122.4");
        assert_eq!(fixed(1234.5, 1), "1234.5");
    }

    #[test]
    fn grouped_keeps_decimals_and_drops_a_negative_zero() {
        assert_eq!(grouped(10234.4, 0), "10,234");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(1234567.891, 1), "1,234,567.9");
        assert_eq!(grouped(-1500.0, 0), "-1,500");
        assert_eq!(grouped(-0.2, 0), "0");
        assert_eq!(grouped(2.5, 1), "2.5");
    }
}
