//! A record converted from GeoJSON written as the TOML the loader reads, straight from its JSON
//! values: laid out as the `toml` crate lays out a table (its keys in order, plain values first,
//! then each sub-table under its own header, `[node.source]`, `[[node.transfer]]`, and a
//! sub-table that holds only sub-tables without a header of its own), so that a problem found in
//! it falls in the same sub-table (the record itself always has its header, which the crate leaves
//! out of a `[network]` of sub-tables only, making it part of the record before); but with every text on one line (a line break is written `\n`), so that
//! each line is a key, a header or nothing. Where each sub-table starts is handed to the caller.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::load::json::Json;

/// Writes one record: `[[kind]]` (or `[kind]` when not `array`) with the table `entries` (its
/// keys unique; written in order of keys), appending to `out`. `sub` is called with each sub-table
/// header's line (0-based, counted from the record's header) and the sub-table's path inside the
/// record (`source`, `transfer.source`). Returns the number of lines written.
pub(super) fn record(
    out: &mut String,
    kind: &str,
    array: bool,
    entries: &[(Cow<'_, str>, Json<'_>)],
    sub: &mut dyn FnMut(usize, String),
) -> usize {
    let mut w = Writer { out, lines: 0, sub };
    let header = key(kind);
    if array {
        w.line(format_args!("[[{header}]]"));
    } else {
        w.line(format_args!("[{header}]"));
    }
    w.table(&header, "", entries);
    w.lines
}

struct Writer<'o, 's> {
    out: &'o mut String,
    lines: usize,
    sub: &'s mut dyn FnMut(usize, String),
}

/// Whether a value is written as a sub-table: a table, or a list of tables (not empty).
fn is_table(v: &Json<'_>) -> bool {
    match v {
        Json::Object(_) => true,
        Json::Array(items) => {
            !items.is_empty() && items.iter().all(|i| matches!(i, Json::Object(_)))
        }
        _ => false,
    }
}

/// The entries in order of their keys (the order of a `toml::Table`).
fn sorted<'e, 'a>(entries: &'e [(Cow<'a, str>, Json<'a>)]) -> Vec<&'e (Cow<'a, str>, Json<'a>)> {
    let mut v: Vec<_> = entries.iter().collect();
    if !v.is_sorted_by(|a, b| a.0 <= b.0) {
        v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }
    v
}

impl Writer<'_, '_> {
    fn line(&mut self, args: std::fmt::Arguments<'_>) {
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
        self.lines += 1;
    }

    /// A header line opening the sub-table `path` (`inner` without the record's name).
    fn header(&mut self, path: &str, inner: &str, array: bool) {
        (self.sub)(self.lines, inner.to_string());
        if array {
            self.line(format_args!("[[{path}]]"));
        } else {
            self.line(format_args!("[{path}]"));
        }
    }

    /// The body of the table at `path` (its header written, or left out), `inner` the path
    /// inside the record.
    fn table(&mut self, path: &str, inner: &str, entries: &[(Cow<'_, str>, Json<'_>)]) {
        let entries = sorted(entries);
        for (k, v) in entries.iter().map(|e| (&e.0, &e.1)) {
            if !is_table(v) {
                self.out.push_str(&key(k));
                self.out.push_str(" = ");
                value(self.out, v);
                self.out.push('\n');
                self.lines += 1;
            }
        }
        for (k, v) in entries.iter().map(|e| (&e.0, &e.1)) {
            if !is_table(v) {
                continue;
            }
            let sub_path = format!("{path}.{}", key(k));
            let sub_inner = if inner.is_empty() {
                k.to_string()
            } else {
                format!("{inner}.{k}")
            };
            match v {
                Json::Object(t) => {
                    if t.is_empty() || t.iter().any(|(_, v)| !is_table(v)) {
                        self.header(&sub_path, &sub_inner, false);
                    }
                    self.table(&sub_path, &sub_inner, t);
                }
                Json::Array(items) => {
                    for item in items {
                        self.header(&sub_path, &sub_inner, true);
                        if let Json::Object(t) = item {
                            self.table(&sub_path, &sub_inner, t);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A key: bare when it can be, else quoted.
fn key(k: &str) -> Cow<'_, str> {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
    if bare {
        Cow::Borrowed(k)
    } else {
        let mut s = String::with_capacity(k.len() + 2);
        string(&mut s, k);
        Cow::Owned(s)
    }
}

/// A value on one line (`null` never reaches here: the converter refuses or drops it).
fn value(out: &mut String, v: &Json<'_>) {
    match v {
        Json::Null => out.push_str("\"\""),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Int(i) => {
            let _ = write!(out, "{i}");
        }
        // `{:?}` writes the shortest text that reads back as the same number, always with a
        // `.` or an exponent (a TOML float).
        Json::Float(f) => {
            let _ = write!(out, "{f:?}");
        }
        Json::Str(s) => string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                value(out, item);
            }
            out.push(']');
        }
        Json::Object(entries) => {
            if entries.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push_str("{ ");
            for (i, (k, v)) in sorted(entries).iter().map(|e| (&e.0, &e.1)).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&key(k));
                out.push_str(" = ");
                value(out, v);
            }
            out.push_str(" }");
        }
    }
}

/// A TOML basic string: `"…"` with `"`, `\` and control characters escaped.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\t' => "\\t",
            '\r' => "\\r",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if c < ' ' || c == '\u{7f}' => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04X}", c as u32);
        } else {
            out.push_str(escape);
        }
        from = i + c.len_utf8();
    }
    out.push_str(&s[from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn emit(kind: &str, array: bool, json: &str) -> (String, Vec<(usize, String)>) {
        let Json::Object(entries) = serde_json::from_str::<Json>(json).unwrap() else {
            panic!("{json}")
        };
        let (mut out, mut subs) = (String::new(), Vec::new());
        let n = record(&mut out, kind, array, &entries, &mut |l, s| {
            subs.push((l, s))
        });
        assert_eq!(n, out.lines().count());
        (out, subs)
    }

    /// The table the `toml` crate writes for the same JSON, as the old converter made it.
    fn by_toml(kind: &str, array: bool, json: &str) -> String {
        let t: toml::Table = serde_json::from_str(json).unwrap();
        let mut doc = toml::Table::new();
        let v = toml::Value::Table(t);
        doc.insert(
            kind.into(),
            if array {
                toml::Value::Array(vec![v])
            } else {
                v
            },
        );
        toml::to_string(&doc).unwrap()
    }

    /// The header lines of a TOML text, in order.
    fn headers(text: &str) -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with('['))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_record_is_laid_out_as_the_toml_crate_lays_it_out() {
        let json = r#"{"z": 1, "a": "x\"y'z\\w\u0001é", "source": {"coords": "g", "b c": "q"}, "transfer": [{"kind": "rail", "hours": 1.5, "source": {"hours": "x"}}, {"kind": "k"}], "empty": [], "e2": {}, "arr": [[1.0, 2.5], [3e20, -0.0]], "mixed": [1, {"a": 1}], "aot2": [{"b": [{"c": 1}]}], "ll": [[{"a": 1}]], "t": {"u": {"v": 1}, "w": 2}, "only": {"sub": {"x": 1}}, "big": 1e300, "small": 1e-7, "neg": -5}"#;
        let (ours, subs) = emit("node", true, json);
        let theirs = by_toml("node", true, json);
        assert_eq!(headers(&ours), headers(&theirs), "{ours}\n----\n{theirs}");
        let a: toml::Table = toml::from_str(&ours).unwrap();
        let b: toml::Table = toml::from_str(&theirs).unwrap();
        assert_eq!(a, b);
        let lines: Vec<&str> = ours.lines().collect();
        for (l, sub) in &subs {
            assert!(
                lines[*l].starts_with(&format!("[node.{sub}]"))
                    || lines[*l].starts_with(&format!("[[node.{sub}]]")),
                "{l} {sub}: {ours}"
            );
        }
        assert!(subs.iter().any(|(_, s)| s == "transfer.source"), "{subs:?}");
        assert!(subs.iter().any(|(_, s)| s == "only.sub"), "{subs:?}");
        assert!(!subs.iter().any(|(_, s)| s == "only"), "{subs:?}");
        let (net, _) = emit(
            "network",
            false,
            r#"{"name": "t", "study": {"corridor": [{"id": "a"}]}}"#,
        );
        assert!(
            net.starts_with("[network]\nname = \"t\"\n[[network.study.corridor]]\n"),
            "{net}"
        );
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            (-1e30f64..1e30).prop_map(serde_json::Value::from),
            "[a-z\"\\\\\n\t\u{1}\u{7f}é ✓.]{0,6}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                proptest::collection::btree_map("[a-c. \"]{0,2}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any table reads back as the table the `toml` crate writes, with the same headers.
        #[test]
        fn any_table_reads_back_as_the_toml_crates(
            m in proptest::collection::btree_map("[a-d_ ]{0,3}", json_value(), 0..6),
            array in any::<bool>(),
        ) {
            let json = serde_json::Value::Object(m.into_iter().collect()).to_string();
            let (ours, _) = emit("link", array, &json);
            let theirs = by_toml("link", array, &json);
            let a: toml::Table = toml::from_str(&ours).map_err(|e| TestCaseError::fail(format!("{e}\n{ours}")))?;
            let b: toml::Table = toml::from_str(&theirs).unwrap();
            prop_assert_eq!(a, b);
            // Multi-line strings and keys quoted another way aside, the headers are the same; but
            // a table record always has its own header, even when it holds only sub-tables (the
            // crate leaves it out).
            if !json.contains("\\n") && !json.contains("\\\"") && !json.contains("\\\\") {
                let sub = |h: Vec<String>| h.into_iter().filter(|h| h.contains('.')).collect::<Vec<_>>();
                prop_assert_eq!(sub(headers(&ours)), sub(headers(&theirs)));
                prop_assert!(headers(&ours)[0].starts_with("[link]") || headers(&ours)[0] == "[[link]]");
            }
        }
    }
}
