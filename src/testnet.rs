//! `Net`: the TOML text of a small network, built by method calls, with a source named for every
//! figure (the loader refuses a figure without one). For tests only: the library's unit tests
//! (compiled with `cfg(test)`) and the integration tests (which include this file) build their
//! hand-drawn networks with it. It uses nothing but std.
//!
//! ```ignore
//! let text = Net::new("line")
//!     .node("a", "KZ", 40.0, 60.0)
//!     .node("b", "KZ", 40.0, 61.0)
//!     .set("kind", "sea_port")
//!     .link("a-b", "a", "b", "rail")
//!     .set("gauge", 1520)
//!     .sourced("speed_kmh", 50)
//!     .sourced("usd_per_km", 0.5)
//!     .build();
//! ```
//!
//! The layout is fixed, so a test may count lines: the `[network]` table takes six lines; each
//! record then takes a blank line, its comment line if it has one, its header, its keys in the
//! order given (a node's `id`, `name`, `country`, `lat`, `lon`, `kind` first; a link's `id`,
//! `from`, `to`, `mode` first) and a last `source = { … }` line, then a link's border table
//! if it has one (four lines). Setting a key again replaces its value in place.

use std::fmt::Write as _;

/// The name given as every figure's source.
const SOURCE: &str = "test";

/// A value as TOML writes it.
pub trait Toml {
    /// The value in TOML syntax.
    fn toml(&self) -> String;
}

impl Toml for &str {
    fn toml(&self) -> String {
        let mut s = String::from("\"");
        for c in self.chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                c if c.is_control() => write!(s, "\\u{:04X}", c as u32).unwrap(),
                c => s.push(c),
            }
        }
        s.push('"');
        s
    }
}

impl Toml for f64 {
    fn toml(&self) -> String {
        assert!(self.is_finite(), "TOML numbers here are finite: {self}");
        self.to_string()
    }
}

impl Toml for i64 {
    fn toml(&self) -> String {
        self.to_string()
    }
}

impl Toml for i32 {
    fn toml(&self) -> String {
        self.to_string()
    }
}

/// One `[[node]]` or `[[link]]` record.
#[derive(Debug, Clone)]
struct Record {
    header: &'static str,
    comment: Option<String>,
    keys: Vec<(String, String)>,
    sourced: Vec<String>,
    /// A link's border crossing: dwell hours and fee in USD.
    border: Option<(f64, f64)>,
}

/// A network's TOML text in the making.
#[must_use = "a Net is text only once `build` is called"]
#[derive(Debug, Clone)]
pub struct Net {
    name: String,
    value_of_time: f64,
    records: Vec<Record>,
    comment: Option<String>,
}

impl Net {
    /// A network called `name`: data year 2025, a value of time of $10 an hour and the usual
    /// circuities, no node yet.
    pub fn new(name: &str) -> Net {
        Net {
            name: name.to_string(),
            value_of_time: 10.0,
            records: Vec::new(),
            comment: None,
        }
    }

    /// The value of time, USD per FEU-hour (10 unless set).
    pub fn value_of_time(mut self, usd_per_hour: f64) -> Net {
        self.value_of_time = usd_per_hour;
        self
    }

    /// A comment line before the next record.
    pub fn comment(mut self, text: &str) -> Net {
        self.comment = Some(text.to_string());
        self
    }

    /// A junction `id` (named after its id) in `country` at `lat`, `lon`.
    pub fn node(self, id: &str, country: &str, lat: f64, lon: f64) -> Net {
        self.record("[[node]]")
            .set("id", id)
            .set("name", id)
            .set("country", country)
            .set("lat", lat)
            .set("lon", lon)
            .set("kind", "junction")
            .source("coords")
    }

    /// A link `id` from node `from` to node `to` by `mode`, with no figures yet: give them with
    /// [`Net::sourced`].
    pub fn link(self, id: &str, from: &str, to: &str, mode: &str) -> Net {
        self.record("[[link]]")
            .set("id", id)
            .set("from", from)
            .set("to", to)
            .set("mode", mode)
    }

    /// Sets `key` on the last record, a value that needs no source (a name, a kind, a gauge).
    pub fn set(mut self, key: &str, value: impl Toml) -> Net {
        let record = self
            .records
            .last_mut()
            .expect("a node or link to set a key on");
        let value = value.toml();
        match record.keys.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => record.keys.push((key.to_string(), value)),
        }
        self
    }

    /// Sets the figure `key` on the last record and names its source.
    pub fn sourced(self, key: &str, value: impl Toml) -> Net {
        self.set(key, value).source(key)
    }

    /// A border crossing on the last link (needed when its ends lie in two countries): `hours`
    /// of dwell and a fee of `usd`, both ways.
    pub fn border(mut self, hours: f64, usd: f64) -> Net {
        let record = self.records.last_mut().expect("a link to put a border on");
        assert_eq!(record.header, "[[link]]", "only a link crosses a border");
        record.border = Some((hours, usd));
        self
    }

    /// The TOML text.
    pub fn build(&self) -> String {
        let mut t = String::new();
        writeln!(t, "[network]\nname = {}", self.name.as_str().toml()).unwrap();
        writeln!(
            t,
            "data_year = 2025\nvalue_of_time_usd_per_hour = {}",
            self.value_of_time.toml()
        )
        .unwrap();
        t.push_str("circuity = { rail = 1.3, road = 1.25, sea = 1.2 }\n");
        writeln!(
            t,
            "source = {{ data_year = \"{SOURCE}\", value_of_time_usd_per_hour = \"{SOURCE}\", \
             circuity = \"{SOURCE}\" }}"
        )
        .unwrap();
        for r in &self.records {
            t.push('\n');
            if let Some(c) = &r.comment {
                writeln!(t, "# {c}").unwrap();
            }
            writeln!(t, "{}", r.header).unwrap();
            for (k, v) in &r.keys {
                writeln!(t, "{k} = {v}").unwrap();
            }
            let sources: Vec<String> = r
                .sourced
                .iter()
                .map(|k| format!("{k} = \"{SOURCE}\""))
                .collect();
            writeln!(t, "source = {{ {} }}", sources.join(", ")).unwrap();
            if let Some((hours, usd)) = r.border {
                writeln!(
                    t,
                    "[link.border]\nhours = {}\nusd = {}\n\
                     source = {{ hours = \"{SOURCE}\", usd = \"{SOURCE}\" }}",
                    hours.toml(),
                    usd.toml()
                )
                .unwrap();
            }
        }
        t
    }

    /// Starts a record, taking the pending comment.
    fn record(mut self, header: &'static str) -> Net {
        self.records.push(Record {
            header,
            comment: self.comment.take(),
            keys: Vec::new(),
            sourced: Vec::new(),
            border: None,
        });
        self
    }

    /// Names a source for `key` on the last record.
    fn source(mut self, key: &str) -> Net {
        let record = self.records.last_mut().expect("a node or link");
        if !record.sourced.iter().any(|k| k == key) {
            record.sourced.push(key.to_string());
        }
        self
    }
}
