//! What is printed: every table, CSV, Markdown, JSON and GeoJSON document of the crate, one file
//! per thing printed ([`route`], [`pareto`], [`reliability`], [`links`], [`nodes`], [`corridors`],
//! [`compare`], [`assign`], [`calibrate`], [`sweep`], [`skim`], [`geojson`]), each function returning a `String`; the
//! caller decides where it goes.
//!
//! This file holds what they share: the [`Format`], plain-text alignment ([`align`], [`grid`];
//! fitted to a terminal's width by [`fit`]'s rule),
//! CSV and Markdown escaping ([`csv_field`], [`md_cell`], [`md_text`]) and the JSON envelopes. Numbers
//! are grouped by [`crate::text::grouped`]. Output is deterministic: fixed decimal
//! places, no map iteration. Every JSON document is an object whose `schema` field names its kind
//! and version ([`json_object`], [`json_list`]). The words about a route (headline, key nodes,
//! corridor) are [`crate::describe`]'s.

pub mod assign;
pub mod calibrate;
pub mod compare;
pub mod corridors;
pub mod fit;
pub mod geojson;
pub mod invest;
pub mod links;
pub mod nodes;
pub mod observed;
pub mod pareto;
pub mod reliability;
pub mod route;
pub mod sensitivity;
pub mod skim;
pub mod sweep;

/// The formats a printed thing comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned plain-text table, fitted to `width` characters by [`fit`]'s rule when one is
    /// given (a terminal's), whole otherwise (a pipe or a file: one line per row).
    Table {
        /// The width to fit, if any.
        width: Option<usize>,
    },
    /// JSON (the stable contract).
    Json,
    /// CSV, one row per step.
    Csv,
    /// Markdown tables.
    Markdown,
}

impl Format {
    /// The plain-text table, whole (not fitted to any width).
    pub const TABLE: Format = Format::Table { width: None };

    /// The width a table is fitted to: `Table`'s, `None` for every other format.
    pub fn width(self) -> Option<usize> {
        match self {
            Format::Table { width } => width,
            _ => None,
        }
    }
}

/// Aligns a plain-text table: columns two spaces apart, each as wide as its widest cell (counted
/// in characters), right-aligned where `right` says so; trailing spaces trimmed. Returns the
/// header line, then one line per row. ([`fit::lay_out`] fits one to a width.)
pub fn align(head: &[&str], rows: &[Vec<String>], right: &[bool]) -> Vec<String> {
    fit::lay_out(head, rows, right, None).lines()
}

/// A table of cells as plain text (aligned, see [`align`], and fitted to the format's width) or
/// Markdown (cells escaped, the alignment row following `right`); other formats are the caller's.
pub fn grid(head: &[&str], cells: &[Vec<String>], right: &[bool], format: Format) -> String {
    if format == Format::Markdown {
        let rule: String = right
            .iter()
            .map(|&r| if r { "--:|" } else { "---|" })
            .collect();
        let mut s = format!("| {} |\n|{rule}\n", head.join(" | "));
        for c in cells {
            let c: Vec<String> = c.iter().map(|x| md_cell(x)).collect();
            s.push_str(&format!("| {} |\n", c.join(" | ")));
        }
        s
    } else {
        let mut s = fit::lay_out(head, cells, right, format.width())
            .lines()
            .join("\n");
        s.push('\n');
        s
    }
}

/// A CSV text cell: quoted when it holds a comma, a quote, a CR or an LF; a text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a CR) gets a
/// leading `'`. For text only: a number is written as it is (`-34.600`), so that spreadsheets,
/// pandas and GIS read it as a number.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A Markdown table cell: [`md_text`], with `|` escaped.
pub fn md_cell(s: &str) -> String {
    md_text(s).replace('|', "\\|")
}

/// Text from the data (names, descriptions, rationales, sources) for Markdown: `&` and `<` as
/// entities, so that HTML in the data is shown as text and never run by a Markdown renderer;
/// line breaks as spaces, so that the text stays in its list item or paragraph.
pub fn md_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace(['\r', '\n'], " ")
}

/// The version of the JSON documents' shapes. A document's `schema` is `corridor.KIND/VERSION`
/// (`corridor.route/1`); the version grows when a field is renamed or removed, not when one is
/// added.
pub const SCHEMA_VERSION: u32 = 1;

fn schema(kind: &str) -> String {
    format!("corridor.{kind}/{SCHEMA_VERSION}")
}

/// A JSON document for one object: its fields, after `schema`.
pub fn json_object<T: serde::Serialize + ?Sized>(kind: &str, body: &T) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a, T: ?Sized> {
        schema: String,
        #[serde(flatten)]
        body: &'a T,
    }
    let mut s = serde_json::to_string_pretty(&Doc {
        schema: schema(kind),
        body,
    })
    .expect("a document serialises");
    s.push('\n');
    s
}

/// A JSON document for a list: `{"schema": …, KEY: [items]}`.
pub fn json_list<T: serde::Serialize>(kind: &str, key: &str, items: &[T]) -> String {
    let mut doc = serde_json::Map::new();
    doc.insert("schema".into(), serde_json::Value::String(schema(kind)));
    doc.insert(
        key.into(),
        serde_json::to_value(items).expect("a list serialises"),
    );
    let mut s = serde_json::to_string_pretty(&doc).expect("a document serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_when_needed() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("a\rb"), "\"a\rb\"");
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
        assert_eq!(
            md_text("<script>alert(1)</script> &amp; R&D"),
            "&lt;script>alert(1)&lt;/script> &amp;amp; R&amp;D"
        );
    }
}
