//! A fast reader for the plain subset of TOML that network files are written in; anything outside
//! it is left to the `toml` crate.
//!
//! Loading a large network spends most of its time in the general TOML parser. The records of a
//! network file are simple: `key = value` lines under a `[[node]]` or `[[link]]` header, values
//! that are numbers, booleans, one-line strings, arrays and one-line inline tables, and at most a
//! few sub-tables (`[link.border]`, `[[node.transfer]]`, `[node.source]` as the `toml` crate
//! writes them). [`from_str`] reads exactly that subset into a small value tree and deserialises
//! the caller's type from it, with the same spans the `toml` crate gives to `Spanned` values (a
//! table's header, a value's text). It returns `None` on anything it does not recognise or cannot
//! map to the target type — multi-line strings, dotted keys, dates, special floats, underscores in
//! numbers, a table defined twice, a type mismatch, an unknown field — and the caller then parses
//! the record with the `toml` crate, which gives the answer (or the error message) the format
//! defines. So the subset never changes what a file means; it only makes the common case fast.
//! Its tests (`toml_fast/tests.rs`) check that both readers give the same records for the shipped
//! data and for generated records in many spellings.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use self::table::{table_at, Refused, Table};

/// What the fast reader made of a text.
pub(super) enum Read<T> {
    /// The record.
    Done(T),
    /// A table with more than [`crate::load::MAX_KEYS`] keys; the byte offset of the first key
    /// over the limit.
    TooManyKeys(usize),
    /// Outside the subset, or not a `T`: left to the toml crate.
    Other,
}

/// Deserialises `text` (one TOML document) as a `T` when it lies within the subset described in
/// the module docs.
pub(super) fn read<T: serde::de::DeserializeOwned>(text: &str) -> Read<T> {
    let mut parser = Parser::new(text);
    let Some(root) = parser.document() else {
        return match parser.full {
            Some(at) => Read::TooManyKeys(at),
            None => Read::Other,
        };
    };
    match T::deserialize(ItemDe {
        span: 0..0,
        val: Val::Table(root),
    }) {
        Ok(record) => Read::Done(record),
        Err(_) => Read::Other,
    }
}

/// [`read`]'s record, or `None`.
#[cfg(test)]
pub(super) fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    match read(text) {
        Read::Done(record) => Some(record),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The value tree.

#[derive(Debug)]
enum Val<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// An inline array `[…]`.
    Array(Vec<Item<'a>>),
    /// An array of tables (`[[…]]` headers).
    Tables(Vec<Item<'a>>),
    Table(Table<'a>),
}

#[derive(Debug)]
struct Item<'a> {
    span: Range<usize>,
    val: Val<'a>,
}

// ---------------------------------------------------------------------------------------------
// The parser.

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    /// Nesting of arrays and inline tables, bounded so that no input can exhaust the stack.
    depth: usize,
    /// Where a table went over [`crate::load::MAX_KEYS`] keys, if one did.
    full: Option<usize>,
}

/// Deeper nesting is left to the toml crate (network data nest two levels).
const MAX_DEPTH: usize = 16;

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            b: text.as_bytes(),
            i: 0,
            depth: 0,
            full: None,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    /// Spaces and tabs.
    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// A comment's text must be free of control characters other than tab.
    fn comment(&mut self) -> Option<()> {
        if self.peek() == Some(b'#') {
            while let Some(c) = self.peek() {
                if c == b'\n' || c == b'\r' {
                    break;
                }
                if (c < 0x20 && c != b'\t') || c == 0x7f {
                    return None;
                }
                self.i += 1;
            }
        }
        Some(())
    }

    /// A line break (`\n` or `\r\n`), or the end of the text.
    fn end_of_line(&mut self) -> Option<()> {
        self.blank();
        self.comment()?;
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => {
                self.i += 2;
                Some(())
            }
            _ => None,
        }
    }

    /// Blanks, comments and line breaks (inside arrays).
    fn space(&mut self) -> Option<()> {
        loop {
            self.blank();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n') => self.i += 1,
                Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => self.i += 2,
                _ => return Some(()),
            }
        }
    }

    fn document(&mut self) -> Option<Table<'a>> {
        let mut root = Table::default();
        let mut current: Vec<Cow<'a, str>> = Vec::new();
        loop {
            self.space()?;
            let Some(c) = self.peek() else {
                return Some(root);
            };
            if c == b'[' {
                let start = self.i;
                self.i += 1;
                let array = self.eat(b'[').is_some();
                let path = self.key_path()?;
                self.eat(b']')?;
                if array {
                    self.eat(b']')?;
                }
                let span = start..self.i;
                self.end_of_line()?;
                let (last, parents) = path.split_last()?;
                let parent = table_at(&mut root, parents)?;
                match (array, parent.get_mut(last)) {
                    (
                        true,
                        Some(Item {
                            val: Val::Tables(items),
                            ..
                        }),
                    ) => items.push(Item {
                        span,
                        val: Val::Table(Table::default()),
                    }),
                    (true, None) => {
                        let item = Item {
                            span: span.clone(),
                            val: Val::Tables(vec![Item {
                                span: span.clone(),
                                val: Val::Table(Table::default()),
                            }]),
                        };
                        self.added(parent.insert(last.clone(), item), span.start)?;
                    }
                    (false, None) => {
                        let item = Item {
                            span: span.clone(),
                            val: Val::Table(Table::default()),
                        };
                        self.added(parent.insert(last.clone(), item), span.start)?;
                    }
                    // A table defined twice, or a header over a value: left to the toml crate.
                    _ => return None,
                }
                current = path;
            } else {
                let at = self.i;
                let key = self.key()?;
                self.blank();
                self.eat(b'=')?;
                self.blank();
                let item = self.value()?;
                self.end_of_line()?;
                let added = table_at(&mut root, &current)?.insert(key, item);
                self.added(added, at)?;
            }
        }
    }

    /// Whether a key was added; a full table is noted (at the key's offset `at`).
    fn added(&mut self, added: Result<(), Refused>, at: usize) -> Option<()> {
        match added {
            Ok(()) => Some(()),
            Err(Refused::Duplicate) => None,
            Err(Refused::Full) => {
                self.full = Some(at);
                None
            }
        }
    }

    /// `a.b.c` inside a header, with blanks around the dots.
    fn key_path(&mut self) -> Option<Vec<Cow<'a, str>>> {
        let mut path = Vec::new();
        loop {
            self.blank();
            path.push(self.key()?);
            self.blank();
            if self.eat(b'.').is_none() {
                return Some(path);
            }
        }
    }

    /// A bare key, or a basic or literal string key. A dotted key (outside headers) is left to
    /// the toml crate: the caller then finds no `=`.
    fn key(&mut self) -> Option<Cow<'a, str>> {
        match self.peek()? {
            b'"' | b'\'' => match self.string()? {
                Val::Str(s) => Some(s),
                _ => None,
            },
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
                {
                    self.i += 1;
                }
                (self.i > start).then(|| Cow::Borrowed(&self.text[start..self.i]))
            }
        }
    }

    fn value(&mut self) -> Option<Item<'a>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let item = self.value_inner();
        self.depth -= 1;
        item
    }

    fn value_inner(&mut self) -> Option<Item<'a>> {
        let start = self.i;
        let val = match self.peek()? {
            b'"' | b'\'' => self.string()?,
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.space()?;
                    if self.eat(b']').is_some() {
                        break;
                    }
                    items.push(self.value()?);
                    self.space()?;
                    if self.eat(b',').is_none() {
                        self.space()?;
                        self.eat(b']')?;
                        break;
                    }
                }
                Val::Array(items)
            }
            b'{' => {
                self.i += 1;
                let mut t = Table::inline();
                self.blank();
                if self.eat(b'}').is_none() {
                    loop {
                        self.blank();
                        let at = self.i;
                        let key = self.key()?;
                        self.blank();
                        self.eat(b'=')?;
                        self.blank();
                        let v = self.value()?;
                        let added = t.insert(key, v);
                        self.added(added, at)?;
                        self.blank();
                        if self.eat(b'}').is_some() {
                            break;
                        }
                        self.eat(b',')?;
                    }
                }
                Val::Table(t)
            }
            b't' | b'f' => {
                let rest = &self.b[self.i..];
                let (v, n) = if rest.starts_with(b"true") {
                    (true, 4)
                } else if rest.starts_with(b"false") {
                    (false, 5)
                } else {
                    return None;
                };
                self.i += n;
                if matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
                {
                    return None;
                }
                Val::Bool(v)
            }
            b'0'..=b'9' | b'+' | b'-' => self.number()?,
            _ => return None,
        };
        Some(Item {
            span: start..self.i,
            val,
        })
    }

    /// A decimal integer or float as TOML writes them: an optional sign, digits without leading
    /// zeros, an optional fraction and exponent. Underscores, `inf`, `nan`, hex/octal/binary and
    /// dates are left to the toml crate.
    fn number(&mut self) -> Option<Val<'a>> {
        let start = self.i;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.' | b'_' | b':'))
        {
            self.i += 1;
        }
        let s = &self.text[start..self.i];
        let b = s.as_bytes();
        let mut j = usize::from(matches!(b.first(), Some(b'+' | b'-')));
        let digits = |j: &mut usize| {
            let from = *j;
            while *j < b.len() && b[*j].is_ascii_digit() {
                *j += 1;
            }
            *j - from
        };
        let int_start = j;
        let n = digits(&mut j);
        if n == 0 || (n > 1 && b[int_start] == b'0') {
            return None;
        }
        let mut float = false;
        if j < b.len() && b[j] == b'.' {
            j += 1;
            if digits(&mut j) == 0 {
                return None;
            }
            float = true;
        }
        if j < b.len() && (b[j] == b'e' || b[j] == b'E') {
            j += 1;
            if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
                j += 1;
            }
            if digits(&mut j) == 0 {
                return None;
            }
            float = true;
        }
        if j != b.len() {
            return None;
        }
        if float {
            let v: f64 = s.parse().ok()?;
            v.is_finite().then_some(Val::Float(v))
        } else {
            s.parse().ok().map(Val::Int)
        }
    }

    /// A one-line basic (`"…"`, with the TOML 1.0 escapes) or literal (`'…'`) string.
    fn string(&mut self) -> Option<Val<'a>> {
        let q = self.peek()?;
        if self.b[self.i..].starts_with(if q == b'"' { b"\"\"\"" } else { b"'''" }) {
            return None;
        }
        self.i += 1;
        let mut start = self.i;
        // Only a string with an escape needs a copy.
        let mut owned: Option<String> = None;
        loop {
            let c = self.peek()?;
            if c == q {
                let tail = &self.text[start..self.i];
                self.i += 1;
                return Some(Val::Str(match owned {
                    Some(mut o) => {
                        o.push_str(tail);
                        Cow::Owned(o)
                    }
                    None => Cow::Borrowed(tail),
                }));
            }
            if (c < 0x20 && c != b'\t') || c == 0x7f {
                return None;
            }
            if c != b'\\' || q == b'\'' {
                self.i += 1;
                continue;
            }
            let o = owned.get_or_insert_with(String::new);
            o.push_str(&self.text[start..self.i]);
            let e = *self.b.get(self.i + 1)?;
            self.i += 2;
            o.push(match e {
                b'b' => '\u{8}',
                b't' => '\t',
                b'n' => '\n',
                b'f' => '\u{c}',
                b'r' => '\r',
                b'"' => '"',
                b'\\' => '\\',
                b'u' | b'U' => {
                    let n = if e == b'u' { 4 } else { 8 };
                    let hex = self.text.get(self.i..self.i + n)?;
                    if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                        return None;
                    }
                    self.i += n;
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                }
                // TOML 1.1's `\e` and `\xHH`, and anything invalid: left to the toml crate.
                _ => return None,
            });
            start = self.i;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Deserialising from the tree.

/// Any failure: the caller falls back to the toml crate, whose message is the one shown.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("outside the fast TOML subset")
    }
}

impl std::error::Error for Unsupported {}

impl de::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

struct ItemDe<'a> {
    span: Range<usize>,
    val: Val<'a>,
}

impl<'de, 'a> IntoDeserializer<'de, Unsupported> for ItemDe<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, 'a> de::Deserializer<'de> for ItemDe<'a> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.val {
            Val::Str(s) => visitor.visit_str(&s),
            Val::Int(i) => visitor.visit_i64(i),
            Val::Float(f) => visitor.visit_f64(f),
            Val::Bool(b) => visitor.visit_bool(b),
            Val::Array(items) | Val::Tables(items) => visitor.visit_seq(Seq {
                items: items.into_iter(),
            }),
            Val::Table(t) => visitor.visit_map(Map {
                entries: t.into_entries().into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(serde_spanned::de::SpannedDeserializer::new(self, span));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Unsupported> {
        Err(Unsupported)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Seq<'a> {
    items: std::vec::IntoIter<Item<'a>>,
}

impl<'de, 'a> SeqAccess<'de> for Seq<'a> {
    type Error = Unsupported;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unsupported> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(ItemDe {
                    span: item.span,
                    val: item.val,
                })
                .map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    entries: std::vec::IntoIter<(Cow<'a, str>, Item<'a>)>,
    value: Option<Item<'a>>,
}

impl<'de, 'a> MapAccess<'de> for Map<'a> {
    type Error = Unsupported;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsupported> {
        match self.entries.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(de::value::StrDeserializer::<Unsupported>::new(&k))
                    .map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Unsupported> {
        let item = self.value.take().ok_or(Unsupported)?;
        seed.deserialize(ItemDe {
            span: item.span,
            val: item.val,
        })
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

mod table;
#[cfg(test)]
mod tests;
