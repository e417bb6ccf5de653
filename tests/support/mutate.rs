//! A seeded mutation fuzzer for network and scenario files, on stable Rust and without a
//! dependency.
//!
//! One `(target, seed)` pair is one complete case: a small xorshift generator seeded from it
//! picks a real input (a shipped network file, the whole shipped network, a shipped scenario, a
//! test fixture, or a scenario synthesised from the network's own ids), then applies one to a
//! few mutations to it, both structure-aware (drop, duplicate or swap lines and records, numbers
//! replaced by edge values, ids swapped for unknown ones, table headers inserted, edits
//! duplicated so that their factors compound) and byte-level (truncation, control characters,
//! U+FFFE, flipped bytes, unbalanced quotes and brackets, very long strings, multi-line strings
//! holding header-like lines). The case is then run through the library and checked against the
//! invariant:
//!
//! - nothing panics, hangs (each case is time-boxed) or allocates without bound (the process's
//!   resident memory is watched while a case runs);
//! - a bad input gives `Err(InvalidNetwork)` or `Err(InvalidScenario)` with at least one problem,
//!   each naming a file that was given, a line inside it (0 only for the whole-network "no
//!   `[network]` table" problem), a field and a message;
//! - when the network (and scenario) load, routing on them never panics, and a route reported as
//!   found has finite, non-negative totals and steps.
//!
//! Used by `tests/fuzz_mutation.rs` (a fixed few thousand cases in the normal suite) and by
//! `examples/fuzz_mutation.rs` (long runs, release mode); each includes this file with
//! `#[path]`. It is not part of the library.

#![allow(dead_code)]

use std::cell::Cell;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use corridor::load::{self, SourceFile};
use corridor::report::{self, Format};
use corridor::scenario::{self, Scenario};
use corridor::solve::{Constraints, Objective, Outcome, Route, Router};
use corridor::{Error, Network, Problem};

// ---------------------------------------------------------------------------------------------
// The generator.

/// xorshift64* seeded through splitmix64, so that neighbouring seeds give unrelated streams.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one seed.
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next_u64() % den < num
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// An index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        let mut r = self.next_u64() % total.max(1);
        for (i, &w) in weights.iter().enumerate() {
            if r < w as u64 {
                return i;
            }
            r -= w as u64;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus: real inputs and the vocabulary of their ids.

/// What a case feeds the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Network files → `load::parse` → routing.
    Network,
    /// A scenario file → `Scenario::parse` → `scenario::apply` → routing.
    Scenario,
}

impl Target {
    /// Both targets.
    pub const ALL: [Target; 2] = [Target::Network, Target::Scenario];

    /// The name used on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Network => "network",
            Target::Scenario => "scenario",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.as_str() == s)
    }

    fn salt(self) -> u64 {
        match self {
            Target::Network => 0x6E65_7477_6F72_6B00,
            Target::Scenario => 0x7363_656E_6172_696F,
        }
    }
}

/// The network a scenario is applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The shipped network.
    Eurasia,
    /// `tests/fixtures/tiny.toml`.
    Tiny,
}

/// Ids and names of one network, for structure-aware replacements.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Node ids.
    pub nodes: Vec<String>,
    /// Link ids.
    pub links: Vec<String>,
    /// Service ids.
    pub services: Vec<String>,
    /// Corridor tags.
    pub corridors: Vec<String>,
    /// Country codes present.
    pub countries: Vec<String>,
    /// Borders present, as `AA>BB`.
    pub borders: Vec<String>,
}

impl Vocab {
    fn of(net: &Network) -> Vocab {
        let mut corridors: Vec<String> = net
            .links
            .iter()
            .flat_map(|l| l.corridors.iter().cloned())
            .chain(net.nodes.iter().flat_map(|n| n.corridors.iter().cloned()))
            .collect();
        corridors.sort();
        corridors.dedup();
        let mut borders: Vec<String> = net
            .links
            .iter()
            .filter(|l| l.border.is_some())
            .map(|l| format!("{}>{}", net.nodes[l.from].country, net.nodes[l.to].country))
            .collect();
        borders.sort();
        borders.dedup();
        Vocab {
            nodes: net.nodes.iter().map(|n| n.id.clone()).collect(),
            links: net.links.iter().map(|l| l.id.clone()).collect(),
            services: net.services.iter().map(|s| s.id.clone()).collect(),
            corridors,
            countries: net.countries(),
            borders,
        }
    }

    fn any_id(&self, rng: &mut Rng) -> String {
        let lists = [
            &self.nodes,
            &self.links,
            &self.services,
            &self.corridors,
            &self.countries,
            &self.borders,
        ];
        let l = lists[rng.below(lists.len())];
        if l.is_empty() {
            "zz_unknown".into()
        } else {
            rng.pick(l).clone()
        }
    }
}

/// A scenario of the corpus and the network it belongs to.
#[derive(Debug, Clone)]
pub struct ScenarioSeed {
    /// The file.
    pub file: SourceFile,
    /// Its network.
    pub base: Base,
}

/// The real inputs every case starts from.
#[derive(Debug)]
pub struct Corpus {
    /// The shipped network's files, in load order.
    pub eurasia_files: Vec<SourceFile>,
    /// The shipped network, loaded.
    pub eurasia: Network,
    /// Its ids.
    pub eurasia_vocab: Vocab,
    /// `tests/fixtures/tiny.toml`.
    pub tiny_file: SourceFile,
    /// The fixture network, loaded.
    pub tiny: Network,
    /// The complete small example of `networks/README.md`, when the page still has one.
    pub readme_file: Option<SourceFile>,
    /// Its ids.
    pub tiny_vocab: Vocab,
    /// The shipped scenarios (on Eurasia) and the fixture scenarios (on tiny).
    pub scenarios: Vec<ScenarioSeed>,
}

const TINY: &str = include_str!("../fixtures/tiny.toml");
const FORMAT_PAGE: &str = include_str!("../../networks/README.md");

/// The first TOML block after a heading of `networks/README.md`.
fn page_example(heading: &str) -> Option<String> {
    let rest = &FORMAT_PAGE[FORMAT_PAGE.find(heading)?..];
    let start = rest.find("```toml\n")? + "```toml\n".len();
    let len = rest[start..].find("```")?;
    Some(rest[start..start + len].to_string())
}
const FIXTURE_SCENARIOS: [(&str, &str); 2] = [
    (
        "tests/fixtures/no-road.toml",
        include_str!("../fixtures/no-road.toml"),
    ),
    (
        "tests/fixtures/slow-gate.toml",
        include_str!("../fixtures/slow-gate.toml"),
    ),
];

impl Corpus {
    /// Loads the corpus; panics if the shipped data or the fixtures do not load (every other
    /// test would fail too).
    pub fn new() -> Corpus {
        let eurasia_files = load::embedded_files();
        let eurasia = load::parse(&eurasia_files).expect("the shipped network loads");
        let tiny_file = SourceFile {
            name: "tests/fixtures/tiny.toml".into(),
            text: TINY.into(),
        };
        let tiny = load::parse(std::slice::from_ref(&tiny_file)).expect("the fixture loads");
        let mut scenarios: Vec<ScenarioSeed> = load::EMBEDDED_SCENARIOS
            .iter()
            .map(|(name, text)| ScenarioSeed {
                file: SourceFile {
                    name: format!("<embedded>/networks/scenarios/{name}"),
                    text: (*text).to_string(),
                },
                base: Base::Eurasia,
            })
            .collect();
        scenarios.extend(FIXTURE_SCENARIOS.iter().map(|(name, text)| ScenarioSeed {
            file: SourceFile {
                name: (*name).into(),
                text: (*text).into(),
            },
            base: Base::Tiny,
        }));
        // The format page's examples: a whole network, and a scenario on the shipped one.
        let readme_file = page_example("## A complete small example").map(|text| SourceFile {
            name: "networks/README.md#network-example".into(),
            text,
        });
        if let Some(text) = page_example("## Scenario files") {
            scenarios.push(ScenarioSeed {
                file: SourceFile {
                    name: "networks/README.md#scenario-example".into(),
                    text,
                },
                base: Base::Eurasia,
            });
        }
        Corpus {
            eurasia_vocab: Vocab::of(&eurasia),
            tiny_vocab: Vocab::of(&tiny),
            eurasia_files,
            eurasia,
            tiny_file,
            tiny,
            readme_file,
            scenarios,
        }
    }

    /// The network of a base.
    pub fn base(&self, b: Base) -> &Network {
        match b {
            Base::Eurasia => &self.eurasia,
            Base::Tiny => &self.tiny,
        }
    }

    fn vocab(&self, b: Base) -> &Vocab {
        match b {
            Base::Eurasia => &self.eurasia_vocab,
            Base::Tiny => &self.tiny_vocab,
        }
    }
}

impl Default for Corpus {
    fn default() -> Corpus {
        Corpus::new()
    }
}

// ---------------------------------------------------------------------------------------------
// Options.

/// How cases are drawn.
#[derive(Debug, Clone)]
pub struct Options {
    /// Weights of the network case kinds, in [`NETWORK_KINDS`] order.
    pub network_mix: [u32; 6],
    /// Mutation kinds (see [`MUTATIONS`]) and case kinds (see [`NETWORK_KINDS`],
    /// [`SCENARIO_KINDS`]) never drawn: known defects, skipped so the rest still runs.
    pub skip: Vec<String>,
    /// Keep the amounts of scenario edits (synthesised edits and numbers replaced in scenario
    /// files) within 1e-3…1e3, so that no compounding of factors can overflow.
    pub cap_amounts: bool,
}

/// Network case kinds: a small whole network (the fixture, or the format page's example); one
/// shipped file with the `[network]` file; the first
/// two to four shipped files; the whole shipped network; odd file lists (the same file twice,
/// two copies under two names, a scenario read as a network, an empty file); no file at all.
pub const NETWORK_KINDS: [&str; 6] = [
    "small-network",
    "one-shipped-file",
    "shipped-prefix",
    "shipped-network",
    "odd-file-list",
    "no-files",
];

/// Scenario case kinds: a shipped scenario, a fixture scenario, one adding a node and links,
/// synthesised edits on the network's ids, edits compounding huge or tiny factors on one broad
/// selection, and a shipped scenario combined with another.
pub const SCENARIO_KINDS: [&str; 6] = [
    "shipped-scenario",
    "fixture-scenario",
    "additions",
    "synthesised",
    "compound",
    "combined",
];

impl Options {
    /// The mix for long release runs: mostly cheap inputs, the whole shipped network now and
    /// then (it takes ~6 ms to load in release).
    pub fn release() -> Options {
        Options {
            network_mix: [400, 300, 160, 40, 30, 2],
            skip: Vec::new(),
            cap_amounts: false,
        }
    }

    /// The mix for the normal (debug) test suite: no whole-network loads (~100 ms each there).
    pub fn quick() -> Options {
        Options {
            network_mix: [550, 300, 80, 0, 30, 2],
            ..Options::release()
        }
    }

    fn skips(&self, kind: &str) -> bool {
        self.skip.iter().any(|s| s == kind)
    }
}

// ---------------------------------------------------------------------------------------------
// Text mutations.

/// Mutation kinds, by name (for descriptions and [`Options::skip`]).
pub const MUTATIONS: [&str; 27] = [
    "drop-line",
    "dup-line",
    "swap-lines",
    "dup-record",
    "drop-record",
    "move-record",
    "truncate",
    "insert-header",
    "edge-number",
    "insert-key",
    "replace-string",
    "swap-id",
    "rename-key",
    "control-char",
    "byte-flip",
    "unbalanced",
    "multiline-header",
    "long-string",
    "line-endings",
    "splice",
    "deep-nesting",
    "synth-edit",
    "dup-edit",
    "bom",
    "empty",
    "dup-file-text",
    "blank-lines",
];

const MUTATION_WEIGHTS: [u32; 27] = [
    8, 6, 5, 5, 4, 3, 4, 6, 14, 8, 8, 10, 4, 4, 4, 4, 3, 2, 2, 4, 1, 6, 5, 1, 1, 1, 1,
];

/// Table headers, top-level and nested, real and not.
const HEADERS: &[&str] = &[
    "[[node]]",
    "[[link]]",
    "[[service]]",
    "[[edit]]",
    "[link.border]",
    "[[node.transfer]]",
    "[network]",
    "[scenario]",
    "[node]",
    "[link]",
    "[[link.border]]",
    "[edit]",
    "[[scenario]]",
    "[[network]]",
    "[edit.select]",
    "[link.source]",
    "[[ node ]]",
    "[[link]] # trailing comment",
    "[a.b.c]",
    "[\"[[link]]\"]",
    "[[]]",
    "[",
];

/// Replacement numbers: edge values, near-limit values, and things that are not numbers.
const EDGE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "0.0",
    "-1",
    "1",
    "2",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "1e309",
    "1e-320",
    "5e-324",
    "2.2250738585072014e-308",
    "1e-300",
    "nan",
    "+nan",
    "-nan",
    "inf",
    "+inf",
    "-inf",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "18446744073709551615",
    "99999999999999999999999",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967296",
    "1435",
    "1520",
    "1000",
    "1800",
    "1899",
    "2100",
    "2101",
    "25000",
    "25000.000001",
    "1440",
    "160",
    "160.0000001",
    "1e3",
    "0x7fffffffffffffff",
    "0o777",
    "0b101",
    "1_000_000",
    "3.",
    ".5",
    "1e",
    "NaN",
    "Infinity",
    "1,5",
    "\"12\"",
    "true",
    "[]",
    "{}",
    "[1e308, -1e308]",
    "1979-05-27",
    "07:32:00",
    "1979-05-27T07:32:00Z",
];

/// Amounts for scenario edits when [`Options::cap_amounts`] is set.
const SAFE_NUMBERS: &[&str] = &[
    "0", "1", "2", "0.5", "0.001", "1000", "3.5", "-1", "nan", "inf", "1800", "2100", "2030",
];

/// Amounts for synthesised edits.
const AMOUNTS: &[&str] = &[
    "0",
    "0.5",
    "2",
    "10",
    "1e-320",
    "5e-324",
    "1e-300",
    "1e308",
    "1.7976931348623157e308",
    "1e300",
    "1e6",
    "1e154",
    "-1",
    "nan",
    "inf",
    "2100",
    "1800",
    "2030",
    "1e10",
    "0.0001",
    "3",
    "9223372036854775807",
];

/// Replacement strings (the text between the quotes).
const STRINGS: &[&str] = &[
    "",
    " ",
    "zz_unknown",
    "XX",
    "RU",
    "ru",
    "CN",
    "rail",
    "road",
    "sea",
    "air",
    "Rail",
    "1435",
    "operating",
    "planned",
    "under_construction",
    "city",
    "sea_port",
    "gauge",
    "rail_sea",
    "transship",
    "close",
    "open",
    "avoid",
    "set",
    "scale",
    "km",
    "speed_kmh",
    "border.hours",
    "transfer.gauge.hours",
    "transfer.bogus.hours",
    "KZ>AZ",
    "KZ-AZ",
    "KZ>",
    ">",
    "-",
    "a-b",
    "a>b>c",
    "estimate:",
    "Xi'an",
    "\\u0000",
    "\\u001f",
    "\\uFFFE",
    "\\uD800",
    "\\U0010FFFF",
    "\\n[[link]]\\n",
    "\\\"",
    "\\",
    "\u{FFFE}",
    "\u{FEFF}",
    "\u{202E}rtl",
    "e\u{301}",
    "Ω≈ç√",
    "🚂🚢",
    "[[link]]",
    "# not a comment",
    "a = 1",
];

const CONTROL: &[char] = &[
    '\0',
    '\u{1}',
    '\u{7}',
    '\u{8}',
    '\u{7f}',
    '\r',
    '\t',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{85}',
    '\u{FFFE}',
    '\u{FEFF}',
    '\u{FFFF}',
    '\u{FFFD}',
    '\u{200B}',
    '\u{2028}',
    '\u{D7FF}',
    '\u{10FFFF}',
    '\n',
];

const UNBALANCED: &[&str] = &[
    "\"", "'", "[", "]", "{", "}", "\"\"\"", "'''", "[[", "]]", "=", "\\", "#", ",", "{ a = ",
    "[1, ", "\"\\",
];

/// Keys of the formats, and some that are not.
const KEYS: &[&str] = &[
    "id",
    "name",
    "country",
    "lat",
    "lon",
    "kind",
    "corridors",
    "from",
    "to",
    "mode",
    "gauge",
    "km",
    "circuity",
    "geometry",
    "speed_kmh",
    "hours",
    "usd_per_km",
    "usd_fixed",
    "usd",
    "wait_hours",
    "wait_hours_reverse",
    "call_hours",
    "call_hours_reverse",
    "hours_reverse",
    "usd_reverse",
    "services",
    "status",
    "available_from",
    "oneway",
    "transit_countries",
    "border",
    "source",
    "rate_date",
    "data_year",
    "value_of_time_usd_per_hour",
    "action",
    "select",
    "field",
    "value",
    "factor",
    "countries",
    "rationale",
    "description",
    "year",
    "colour",
    "transfer",
    "node",
    "link",
    "edit",
    "network",
    "scenario",
    "a.b",
    "\"quoted key\"",
    "",
];

/// Values for inserted keys.
const VALUES: &[&str] = &[
    "\"x\"",
    "\"zz_unknown\"",
    "true",
    "false",
    "1520",
    "1435",
    "[]",
    "[\"zz\"]",
    "[\"RU\", \"XX\"]",
    "[[200, 100]]",
    "[[30, 40], [31, 41]]",
    "[[1e308, 1e308]]",
    "[[nan, nan]]",
    "{ km = \"x\", hours = \"x\" }",
    "{ coords = \"x\" }",
    "{ hours = 1, usd = 1 }",
    "{ links = [\"zz\"] }",
    "{ mode = \"sea\" }",
    "{ country = \"KZ\" }",
    "{ border = \"KZ>AZ\" }",
    "{ kind = \"sea_port\" }",
    "\"planned\"",
    "\"rail\"",
    "\"sea\"",
    "\"scale\"",
    "\"border.hours\"",
];

/// The text as lines, each with its `\n` (the last may lack it).
fn split_lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(String::from).collect()
}

fn ensure_newline(s: &mut String) {
    if !s.ends_with('\n') {
        s.push('\n');
    }
}

/// A short quoted excerpt of a line for descriptions.
fn excerpt(s: &str) -> String {
    let t: String = s.trim_end_matches('\n').chars().take(70).collect();
    if s.trim_end_matches('\n').chars().count() > 70 {
        format!("{t:?}…")
    } else {
        format!("{t:?}")
    }
}

/// The name of a table header line (`[[link]]` → `link`, `[link.border]` → `link.border`).
fn header_name(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.strip_prefix('[')?;
    let t = t.strip_prefix('[').unwrap_or(t);
    let end = t.find(']')?;
    Some(t[..end].trim())
}

/// Indices of lines starting a top-level record (a header without a dot).
fn record_starts(lines: &[String]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| header_name(l).is_some_and(|n| !n.contains('.')))
        .map(|(i, _)| i)
        .collect()
}

/// Top-level records as `start..end` line ranges.
fn record_ranges(lines: &[String]) -> Vec<(usize, usize)> {
    let starts = record_starts(lines);
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| (s, starts.get(k + 1).copied().unwrap_or(lines.len())))
        .collect()
}

/// Byte spans of number-like tokens after the `=` of a line, outside strings and comments.
fn number_spans(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let Some(eq) = line.find('=') else {
        return out;
    };
    let mut i = eq + 1;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' && q == b'"' {
                i += 2;
                continue;
            }
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == b'"' || c == b'\'' {
            quote = Some(c);
            i += 1;
            continue;
        }
        if c == b'#' {
            break;
        }
        let prev_ok = !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let starts = c.is_ascii_digit()
            || ((c == b'-' || c == b'+') && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()));
        if prev_ok && starts {
            let s = i;
            i += 1;
            while i < b.len() {
                let d = b[i];
                let ok = d.is_ascii_alphanumeric()
                    || d == b'.'
                    || d == b'_'
                    || ((d == b'+' || d == b'-') && matches!(b[i - 1], b'e' | b'E'));
                if !ok {
                    break;
                }
                i += 1;
            }
            out.push((s, i));
            continue;
        }
        i += 1;
    }
    out
}

/// Byte spans of the contents of one-line strings (`"…"` and `'…'`) after the `=` of a line.
fn string_spans(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let Some(eq) = line.find('=') else {
        return out;
    };
    let mut i = eq + 1;
    while i < b.len() {
        let c = b[i];
        if c == b'#' {
            break;
        }
        if c == b'"' || c == b'\'' {
            if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c) {
                break; // a multi-line string: leave it alone
            }
            let s = i + 1;
            let mut j = s;
            while j < b.len() && b[j] != c && b[j] != b'\n' {
                if c == b'"' && b[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            if j >= b.len() || b[j] != c {
                break;
            }
            out.push((s, j));
            i = j + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// The key of a `key = value` line, as a byte span.
fn key_span(line: &str) -> Option<(usize, usize)> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .unwrap_or(rest.len());
    if end == 0 {
        return None;
    }
    rest[end..]
        .trim_start()
        .starts_with('=')
        .then_some((lead, lead + end))
}

/// The key of a line, if it has one.
fn key_of(line: &str) -> Option<&str> {
    key_span(line).map(|(a, b)| &line[a..b])
}

/// A char boundary at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The context a mutation works in.
struct Ctx<'a> {
    vocab: &'a Vocab,
    /// Texts to splice records from.
    donors: &'a [&'a str],
    scenario: bool,
    cap_amounts: bool,
}

/// Values at and just past the validation limits of a key (`networks/README.md`, `load.rs`).
fn limit_numbers(key: &str) -> &'static [&'static str] {
    match key {
        "speed_kmh" => &[
            "2.2250738585072014e-308",
            "1e-300",
            "1e-10",
            "160",
            "160.000001",
            "120",
            "60",
        ],
        "km" => &["2.2250738585072014e-308", "1e-300", "25000", "25000.0001"],
        "hours" | "wait_hours" | "wait_hours_reverse" | "call_hours" | "call_hours_reverse"
        | "hours_reverse" => &["0", "5e-324", "1440", "1440.0001", "720", "720.0001"],
        "usd_per_km" => &["0", "50", "50.0001", "5e-324"],
        "usd_fixed" | "usd" | "usd_reverse" => &["0", "100000", "100000.1", "20000", "20000.1"],
        "lat" => &["90", "-90", "90.0000001", "-90.0000001"],
        "lon" => &["180", "-180", "180.0000001", "-180.0000001"],
        "circuity" | "rail" | "road" | "sea" => &["1", "3", "0.9999999", "3.0000001"],
        "gauge" => &["1435", "1520", "1000", "0", "-1435"],
        "available_from" | "year" | "data_year" => {
            &["1800", "1799", "1900", "1899", "2100", "2101", "2147483648"]
        }
        "value_of_time_usd_per_hour" => &["0", "10000", "10000.1", "-0.0001"],
        "factor" => &["1e308", "5e-324", "1e-320", "1.0000001"],
        "value" => &["0", "1e308", "5e-324", "-0.0"],
        _ => &[],
    }
}

fn pick_number(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    if ctx.scenario && ctx.cap_amounts {
        rng.pick(SAFE_NUMBERS).to_string()
    } else if rng.chance(1, 8) {
        // A random value of a random magnitude.
        let exp = rng.below(700) as i32 - 350;
        let sign = if rng.chance(1, 4) { "-" } else { "" };
        format!("{sign}{}e{exp}", 1 + rng.below(9))
    } else {
        rng.pick(EDGE_NUMBERS).to_string()
    }
}

fn pick_string(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    match rng.below(4) {
        0 | 1 => rng.pick(STRINGS).to_string(),
        2 => ctx.vocab.any_id(rng),
        _ => {
            let id = ctx.vocab.any_id(rng);
            match rng.below(4) {
                0 => id.to_uppercase(),
                1 => format!("{id}_zz"),
                2 => format!(" {id}"),
                _ => id.chars().rev().collect(),
            }
        }
    }
}

/// A synthesised `[[edit]]` on a network's ids.
fn synth_edit(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let v = ctx.vocab;
    let mut s = String::from("\n[[edit]]\n");
    let action = *rng.pick(&[
        "scale", "scale", "scale", "set", "set", "close", "open", "avoid",
    ]);
    let _ = writeln!(s, "action = \"{action}\"");
    let id_or_unknown = |rng: &mut Rng, list: &[String]| -> String {
        if list.is_empty() || rng.chance(1, 10) {
            "zz_unknown".into()
        } else {
            rng.pick(list).clone()
        }
    };
    let mut crit = Vec::new();
    for _ in 0..1 + rng.below(2) {
        crit.push(match rng.below(9) {
            0 | 1 => {
                let n = 1 + rng.below(3);
                let ids: Vec<String> = (0..n)
                    .map(|_| format!("{:?}", id_or_unknown(rng, &v.links)))
                    .collect();
                format!("links = [{}]", ids.join(", "))
            }
            2 => format!("nodes = [{:?}]", id_or_unknown(rng, &v.nodes)),
            3 => format!("corridor = {:?}", id_or_unknown(rng, &v.corridors)),
            4 => format!("country = {:?}", id_or_unknown(rng, &v.countries)),
            5 => {
                let b = id_or_unknown(rng, &v.borders);
                let b = if rng.chance(1, 3) {
                    b.replace('>', "-")
                } else {
                    b
                };
                format!("border = {b:?}")
            }
            6 => format!("mode = {:?}", rng.pick(&["rail", "road", "sea", "air"])),
            7 => format!("service = {:?}", id_or_unknown(rng, &v.services)),
            _ => format!(
                "kind = {:?}",
                rng.pick(&[
                    "sea_port",
                    "border_station",
                    "city",
                    "dry_port",
                    "moon_base"
                ])
            ),
        });
    }
    crit.sort();
    crit.dedup_by(|a, b| a.split('=').next() == b.split('=').next());
    let _ = writeln!(s, "select = {{ {} }}", crit.join(", "));
    let field = *rng.pick(&[
        "km",
        "speed_kmh",
        "speed_kmh",
        "hours",
        "usd_per_km",
        "usd_fixed",
        "wait_hours",
        "call_hours",
        "border.hours",
        "border.usd",
        "available_from",
        "transfer.hours",
        "transfer.usd",
        "transfer.gauge.hours",
        "transfer.rail_sea.usd",
        "transfer.transship.hours",
        "colour",
    ]);
    let amount = if ctx.cap_amounts {
        rng.pick(SAFE_NUMBERS).to_string()
    } else {
        rng.pick(AMOUNTS).to_string()
    };
    match action {
        "scale" => {
            let _ = writeln!(s, "field = \"{field}\"\nfactor = {amount}");
        }
        "set" => {
            let _ = writeln!(s, "field = \"{field}\"\nvalue = {amount}");
        }
        "avoid" => {
            let c = id_or_unknown(rng, &v.countries);
            let _ = writeln!(s, "countries = [{c:?}]");
        }
        _ => {}
    }
    s.push_str("rationale = \"fuzz\"\n");
    s
}

/// Applies one mutation of kind `MUTATIONS[kind]`; returns its description, or `None` when it
/// found nothing to work on.
fn mutate_once(rng: &mut Rng, kind: usize, text: &mut String, ctx: &Ctx<'_>) -> Option<String> {
    let name = MUTATIONS[kind];
    let mut lines = split_lines(text);
    let n = lines.len();
    let desc: String = match name {
        "drop-line" => {
            if n == 0 {
                return None;
            }
            let i = rng.below(n);
            let l = lines.remove(i);
            format!("line {}: dropped {}", i + 1, excerpt(&l))
        }
        "dup-line" => {
            if n == 0 {
                return None;
            }
            let i = rng.below(n);
            let mut l = lines[i].clone();
            ensure_newline(&mut l);
            ensure_newline(&mut lines[i]);
            lines.insert(i + 1, l.clone());
            format!("line {}: duplicated {}", i + 1, excerpt(&l))
        }
        "swap-lines" => {
            if n < 2 {
                return None;
            }
            let (i, j) = (rng.below(n), rng.below(n));
            ensure_newline(&mut lines[i]);
            ensure_newline(&mut lines[j]);
            lines.swap(i, j);
            format!("lines {} and {} swapped", i + 1, j + 1)
        }
        "dup-record" | "drop-record" | "move-record" => {
            let rs = record_ranges(&lines);
            if rs.is_empty() {
                return None;
            }
            let (a, b) = *rng.pick(&rs);
            let head = excerpt(&lines[a]);
            let mut block: Vec<String> = lines[a..b].to_vec();
            if let Some(l) = block.last_mut() {
                ensure_newline(l);
            }
            match name {
                "dup-record" => {
                    let times = if rng.chance(1, 4) {
                        1 + rng.below(4)
                    } else {
                        1
                    };
                    for _ in 0..times {
                        lines.splice(b..b, block.iter().cloned());
                    }
                    format!("record at line {} {head} duplicated ×{times}", a + 1)
                }
                "drop-record" => {
                    lines.drain(a..b);
                    format!("record at line {} {head} dropped", a + 1)
                }
                _ => {
                    lines.drain(a..b);
                    let starts = record_starts(&lines);
                    let to = if starts.is_empty() || rng.chance(1, 4) {
                        lines.len()
                    } else {
                        *rng.pick(&starts)
                    };
                    if to > 0 {
                        ensure_newline(&mut lines[to - 1]);
                    }
                    lines.splice(to..to, block);
                    format!("record at line {} {head} moved to line {}", a + 1, to + 1)
                }
            }
        }
        "truncate" => {
            if text.is_empty() {
                return None;
            }
            let at = floor_boundary(text, rng.below(text.len()));
            text.truncate(at);
            return Some(format!("{name}: cut at byte {at}"));
        }
        "insert-header" => {
            let h = *rng.pick(HEADERS);
            let i = rng.below(n + 1);
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            lines.insert(i, format!("{h}\n"));
            format!("line {}: inserted {h:?}", i + 1)
        }
        "edge-number" => {
            let spans: Vec<(usize, (usize, usize))> = lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| number_spans(l).into_iter().map(move |s| (i, s)))
                .collect();
            if spans.is_empty() {
                return None;
            }
            let (i, (a, b)) = *rng.pick(&spans);
            let limits = key_of(&lines[i]).map_or(&[][..], limit_numbers);
            let new = if !(limits.is_empty() || ctx.scenario && ctx.cap_amounts) && rng.chance(1, 2)
            {
                rng.pick(limits).to_string()
            } else {
                pick_number(rng, ctx)
            };
            let old = lines[i][a..b].to_string();
            lines[i].replace_range(a..b, &new);
            format!(
                "line {}: number {old} → {new} in {}",
                i + 1,
                excerpt(&lines[i])
            )
        }
        "insert-key" => {
            let key = *rng.pick(KEYS);
            let value = if rng.chance(1, 2) {
                pick_number(rng, ctx)
            } else {
                rng.pick(VALUES).to_string()
            };
            // Right after a header (inside a record) most of the time.
            let starts: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| header_name(l).is_some())
                .map(|(i, _)| i + 1)
                .collect();
            let i = if !starts.is_empty() && rng.chance(3, 4) {
                *rng.pick(&starts)
            } else {
                rng.below(n + 1)
            };
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            let line = format!("{key} = {value}\n");
            let d = format!("line {}: inserted {}", i + 1, excerpt(&line));
            lines.insert(i, line);
            d
        }
        "replace-string" | "swap-id" | "long-string" | "multiline-header" => {
            let id_keys = [
                "id",
                "from",
                "to",
                "links",
                "nodes",
                "services",
                "service",
                "corridor",
                "corridors",
                "country",
                "countries",
                "transit_countries",
                "border",
                "kind",
                "mode",
                "select",
                "field",
                "action",
            ];
            let spans: Vec<(usize, (usize, usize))> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    name != "swap-id" || key_of(l).is_some_and(|k| id_keys.contains(&k))
                })
                .flat_map(|(i, l)| string_spans(l).into_iter().map(move |s| (i, s)))
                .collect();
            if spans.is_empty() {
                return None;
            }
            let (i, (a, b)) = *rng.pick(&spans);
            let old = lines[i][a..b].to_string();
            match name {
                "long-string" => {
                    let len = *rng.pick(&[300usize, 5_000, 70_000, 300_000]);
                    let unit = *rng.pick(&["x", "é", "\u{FFFE}", "[[link]]", "\\\\", " "]);
                    let s = unit.repeat(len / unit.len().max(1));
                    lines[i].replace_range(a..b, &s);
                    format!(
                        "line {}: string {:?}… replaced by {len} bytes of {unit:?}",
                        i + 1,
                        excerpt(&old)
                    )
                }
                "multiline-header" => {
                    // Replace the whole quoted value by a multi-line string holding header-like
                    // lines (which `load::records` may take for record boundaries).
                    let q = *rng.pick(&["\"\"\"", "'''"]);
                    let mut body = String::new();
                    for _ in 0..1 + rng.below(3) {
                        let h: &&str = rng.pick(HEADERS);
                        body.push_str(h);
                        body.push('\n');
                        if rng.chance(1, 2) {
                            let _ = writeln!(body, "{} = {}", rng.pick(KEYS), rng.pick(VALUES));
                        }
                    }
                    let close = if rng.chance(1, 6) { "" } else { q };
                    let new = format!("{q}\n{body}{close}");
                    lines[i].replace_range(a - 1..b + 1, &new);
                    format!(
                        "line {}: string {} → multi-line {}",
                        i + 1,
                        excerpt(&old),
                        excerpt(&new)
                    )
                }
                _ => {
                    let new = if name == "swap-id" {
                        if rng.chance(1, 2) {
                            ctx.vocab.any_id(rng)
                        } else {
                            format!("zz_{}", rng.below(1000))
                        }
                    } else {
                        pick_string(rng, ctx)
                    };
                    lines[i].replace_range(a..b, &new);
                    format!("line {}: string {} → {new:?}", i + 1, excerpt(&old))
                }
            }
        }
        "rename-key" => {
            let spans: Vec<(usize, (usize, usize))> = lines
                .iter()
                .enumerate()
                .filter_map(|(i, l)| key_span(l).map(|s| (i, s)))
                .collect();
            if spans.is_empty() {
                return None;
            }
            let (i, (a, b)) = *rng.pick(&spans);
            let old = lines[i][a..b].to_string();
            let new = *rng.pick(KEYS);
            lines[i].replace_range(a..b, new);
            format!("line {}: key {old} → {new:?}", i + 1)
        }
        "control-char" | "unbalanced" => {
            let at = floor_boundary(text, rng.below(text.len() + 1));
            let ins: String = if name == "control-char" {
                rng.pick(CONTROL).to_string()
            } else {
                rng.pick(UNBALANCED).to_string()
            };
            let line = text[..at].matches('\n').count() + 1;
            text.insert_str(at, &ins);
            return Some(format!("line {line}: inserted {ins:?} at byte {at}"));
        }
        "byte-flip" => {
            if text.is_empty() {
                return None;
            }
            let mut bytes = std::mem::take(text).into_bytes();
            let i = rng.below(bytes.len());
            let old = bytes[i];
            bytes[i] = if rng.chance(1, 2) {
                old ^ (1 << rng.below(8))
            } else {
                rng.next_u64() as u8
            };
            let new = bytes[i];
            *text = String::from_utf8_lossy(&bytes).into_owned();
            let line = text[..floor_boundary(text, i)].matches('\n').count() + 1;
            return Some(format!(
                "line {line}: byte {i} {old:#04x} → {new:#04x} (UTF-8 lossy)"
            ));
        }
        "line-endings" => {
            let (what, new) = match rng.below(3) {
                0 => ("\\n → \\r\\n", text.replace('\n', "\r\n")),
                1 => ("\\n → \\r", text.replace('\n', "\r")),
                _ => (
                    "trailing newline removed",
                    text.trim_end_matches('\n').to_string(),
                ),
            };
            *text = new;
            return Some(format!("{name}: {what}"));
        }
        "splice" => {
            if ctx.donors.is_empty() {
                return None;
            }
            let donor: &&str = rng.pick(ctx.donors);
            let donor = split_lines(donor);
            let rs = record_ranges(&donor);
            if rs.is_empty() {
                return None;
            }
            let (a, b) = *rng.pick(&rs);
            let mut block: Vec<String> = donor[a..b].to_vec();
            if let Some(l) = block.last_mut() {
                ensure_newline(l);
            }
            let starts = record_starts(&lines);
            let to = if starts.is_empty() || rng.chance(1, 3) {
                lines.len()
            } else {
                *rng.pick(&starts)
            };
            if to > 0 {
                ensure_newline(&mut lines[to - 1]);
            }
            let head = excerpt(&block[0]);
            lines.splice(to..to, block);
            format!(
                "line {}: spliced in the record {head} of another file",
                to + 1
            )
        }
        "deep-nesting" => {
            let depth = *rng.pick(&[64usize, 200, 5_000, 50_000]);
            let line = match rng.below(4) {
                0 => format!("x = {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
                1 => format!("x = {}1{}\n", "{ a = ".repeat(depth), " }".repeat(depth)),
                2 => format!("{} = 1\n", vec!["a"; depth].join(".")),
                _ => format!("[{}]\n", vec!["a"; depth].join(".")),
            };
            let i = rng.below(n + 1);
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            lines.insert(i, line);
            format!("line {}: inserted nesting {depth} deep", i + 1)
        }
        "synth-edit" => {
            let e = synth_edit(rng, ctx);
            let d = format!("appended {}", excerpt(&e.replace('\n', " ")));
            if let Some(l) = lines.last_mut() {
                ensure_newline(l);
            }
            lines.push(e);
            d
        }
        "dup-edit" => {
            let rs: Vec<(usize, usize)> = record_ranges(&lines)
                .into_iter()
                .filter(|&(a, _)| header_name(&lines[a]) == Some("edit"))
                .collect();
            if rs.is_empty() {
                return None;
            }
            let (a, b) = *rng.pick(&rs);
            let mut block: Vec<String> = lines[a..b].to_vec();
            if let Some(l) = block.last_mut() {
                ensure_newline(l);
            }
            let times = 1 + rng.below(4);
            for _ in 0..times {
                lines.splice(b..b, block.iter().cloned());
            }
            format!("edit at line {} repeated ×{times}", a + 1)
        }
        "bom" => {
            text.insert(0, '\u{FEFF}');
            return Some(format!("{name}: U+FEFF prepended"));
        }
        "empty" => {
            *text = rng
                .pick(&["", "\n", "   \n\t\n", "# only a comment\n", "\u{FEFF}"])
                .to_string();
            return Some(format!("{name}: text replaced by {text:?}"));
        }
        "dup-file-text" => {
            if text.len() > 200_000 {
                return None;
            }
            let copy = text.clone();
            ensure_newline(text);
            text.push_str(&copy);
            return Some(format!("{name}: the whole text repeated"));
        }
        "blank-lines" => {
            let count = *rng.pick(&[1_000usize, 20_000]);
            let unit = *rng.pick(&["\n", "# c\n", "   \n", "\r\n"]);
            let i = rng.below(n + 1);
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            lines.insert(i, unit.repeat(count));
            format!("line {}: inserted {count} × {unit:?}", i + 1)
        }
        _ => unreachable!("every mutation kind is handled"),
    };
    *text = lines.concat();
    Some(format!("{name}: {desc}"))
}

/// Applies 1–6 random mutations (fewer to scenario texts with edits, so that they still parse
/// often); returns their descriptions.
fn mutate(rng: &mut Rng, text: &mut String, ctx: &Ctx<'_>, opts: &Options) -> Vec<String> {
    let count = match rng.below(16) {
        0..=6 => 1,
        7..=10 => 2,
        11..=13 => 3,
        14 => 4,
        _ => 6,
    };
    let mut weights = MUTATION_WEIGHTS;
    for (i, name) in MUTATIONS.iter().enumerate() {
        let scenario_only = matches!(*name, "synth-edit" | "dup-edit");
        if opts.skips(name) || (scenario_only && !ctx.scenario) {
            weights[i] = 0;
        }
        if ctx.scenario && scenario_only {
            weights[i] *= 2;
        }
    }
    let mut done = Vec::new();
    let mut tries = 0;
    while done.len() < count && tries < 20 {
        tries += 1;
        let kind = rng.weighted(&weights);
        if weights[kind] == 0 {
            break;
        }
        if let Some(d) = mutate_once(rng, kind, text, ctx) {
            done.push(d);
        }
        // Keep inputs bounded: a case never grows past a few megabytes.
        if text.len() > 4_000_000 {
            let at = floor_boundary(text, 4_000_000);
            text.truncate(at);
            done.push(format!("(input capped at {at} bytes)"));
            break;
        }
    }
    done
}

// ---------------------------------------------------------------------------------------------
// Cases.

/// What a case runs.
#[derive(Debug, Clone)]
pub enum Input {
    /// Network files for `load::parse`; `mutated` is the index of the mutated one.
    Network {
        /// The files.
        files: Vec<SourceFile>,
        /// Which one was mutated.
        mutated: Option<usize>,
    },
    /// A scenario file, the network it goes with, and maybe a shipped scenario combined after it.
    Scenario {
        /// The mutated file.
        file: SourceFile,
        /// Its network.
        base: Base,
        /// Combined after it with [`Scenario::combine`].
        then: Option<SourceFile>,
    },
}

/// One complete case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Which target.
    pub target: Target,
    /// Its seed.
    pub seed: u64,
    /// The case kind (see [`NETWORK_KINDS`], [`SCENARIO_KINDS`]).
    pub kind: String,
    /// The mutations applied, in order.
    pub ops: Vec<String>,
    /// The input.
    pub input: Input,
    /// Whether no mutation was applied to a real input (which must then be accepted).
    pub pristine: bool,
    /// Random state left for the run (pairs, constraints).
    rng: Rng,
}

impl Case {
    /// A one-line description: kind, files and mutations.
    pub fn describe(&self) -> String {
        let what = match &self.input {
            Input::Network { files, mutated } => {
                let names: Vec<String> = files
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let short = f.name.rsplit('/').next().unwrap_or(&f.name);
                        if Some(i) == *mutated {
                            format!("{short}*")
                        } else {
                            short.to_string()
                        }
                    })
                    .collect();
                format!("files [{}]", names.join(", "))
            }
            Input::Scenario { file, base, then } => format!(
                "{}* on {base:?}{}",
                file.name.rsplit('/').next().unwrap_or(&file.name),
                then.as_ref()
                    .map(|t| format!(" + {}", t.name.rsplit('/').next().unwrap_or(&t.name)))
                    .unwrap_or_default()
            ),
        };
        format!("{} {what}; {}", self.kind, self.ops.join("; "))
    }

    /// The mutated text (for `--show`).
    pub fn mutated_text(&self) -> Option<&str> {
        match &self.input {
            Input::Network { files, mutated } => mutated.map(|i| files[i].text.as_str()),
            Input::Scenario { file, .. } => Some(&file.text),
        }
    }

    /// Replaces the mutated text (for minimising).
    pub fn set_mutated_text(&mut self, text: String) {
        match &mut self.input {
            Input::Network { files, mutated } => {
                if let Some(i) = mutated {
                    files[*i].text = text;
                }
            }
            Input::Scenario { file, .. } => file.text = text,
        }
    }
}

fn scenario_head(name: &str) -> String {
    format!("[scenario]\nname = \"{name}\"\ndescription = \"fuzz\"\n")
}

/// A scenario adding a node and one or two links to a base network, with an edit on them.
fn additions_text(rng: &mut Rng, net: &Network) -> String {
    let a = &net.nodes[rng.below(net.nodes.len())];
    let b = &net.nodes[rng.below(net.nodes.len())];
    let mut s = scenario_head("fuzz-additions");
    let _ = write!(
        s,
        "\n[[node]]\nid = \"fz_new\"\nname = \"Fz\"\ncountry = \"{}\"\nlat = {:.3}\nlon = {:.3}\nkind = \"rail_terminal\"\nsource = {{ coords = \"x\" }}\n[[node.transfer]]\nkind = \"rail_road\"\nhours = 4\nusd = 80\nsource = {{ hours = \"x\", usd = \"x\" }}\n",
        a.country,
        (a.lat + 0.3).clamp(-90.0, 90.0),
        (a.lon + 0.3).clamp(-180.0, 180.0)
    );
    let _ = write!(
        s,
        "\n[[link]]\nid = \"fz-road\"\nfrom = \"{}\"\nto = \"fz_new\"\nmode = \"road\"\nhours = 3\nusd_fixed = 90\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n",
        a.id
    );
    let _ = write!(
        s,
        "\n[[link]]\nid = \"fz-rail\"\nfrom = \"fz_new\"\nto = \"{}\"\nmode = \"rail\"\ngauge = 1520\nspeed_kmh = 45\nusd_per_km = 0.8\nsource = {{ speed_kmh = \"x\", usd_per_km = \"x\" }}\n",
        b.id
    );
    if b.country != a.country {
        s.push_str(
            "[link.border]\nhours = 12\nusd = 100\nsource = { hours = \"x\", usd = \"x\" }\n",
        );
    }
    s.push_str("\n[[edit]]\naction = \"scale\"\nselect = { links = [\"fz-rail\"] }\nfield = \"speed_kmh\"\nfactor = 2\nrationale = \"edits may target added links\"\n");
    s
}

/// Two to six set or scale edits on one broad selection, with huge, tiny and zero amounts, so
/// that they compound (1e308 × 1e308, ∞ / ∞, 0 × ∞).
fn compound_text(rng: &mut Rng, cap: bool) -> String {
    let select = *rng.pick(&[
        "{ mode = \"rail\" }",
        "{ mode = \"sea\" }",
        "{ mode = \"road\" }",
        "{ country = \"KZ\" }",
        "{ corridor = \"middle\" }",
        "{ country = \"AZ\" }",
    ]);
    let fields = [
        "km",
        "speed_kmh",
        "hours",
        "usd_per_km",
        "usd_fixed",
        "wait_hours",
        "call_hours",
        "border.hours",
        "border.usd",
        "transfer.hours",
        "transfer.usd",
    ];
    let huge = [
        "1e308",
        "1.7976931348623157e308",
        "1e154",
        "1e200",
        "1e-320",
        "5e-324",
        "1e-308",
    ];
    let mut s = scenario_head("fuzz-compound");
    for _ in 0..2 + rng.below(5) {
        let field = *rng.pick(&fields);
        let (action, key, amount) = if rng.chance(1, 4) {
            (
                "set",
                "value",
                if cap {
                    "0"
                } else {
                    *rng.pick(&["0", "1e308", "5e-324"])
                },
            )
        } else {
            (
                "scale",
                "factor",
                if cap {
                    *rng.pick(&["0.5", "2", "1000"])
                } else {
                    *rng.pick(&huge)
                },
            )
        };
        let select = if field.starts_with("transfer.") {
            "{ kind = \"sea_port\" }"
        } else {
            select
        };
        let _ = write!(
            s,
            "\n[[edit]]\naction = \"{action}\"\nselect = {select}\nfield = \"{field}\"\n{key} = {amount}\nrationale = \"fuzz: compounding\"\n"
        );
    }
    s
}

/// Draws the case of a seed.
pub fn generate(corpus: &Corpus, opts: &Options, target: Target, seed: u64) -> Case {
    let mut rng = Rng::new(seed ^ target.salt());
    // One case in 48 runs a real input unmutated (it must be accepted).
    let pristine = rng.chance(1, 48);
    let donors_all: Vec<&str> = corpus
        .eurasia_files
        .iter()
        .map(|f| f.text.as_str())
        .chain(std::iter::once(corpus.tiny_file.text.as_str()))
        .chain(corpus.scenarios.iter().map(|s| s.file.text.as_str()))
        .collect();
    match target {
        Target::Network => {
            let mut mix = opts.network_mix;
            for (i, k) in NETWORK_KINDS.iter().enumerate() {
                if opts.skips(k) {
                    mix[i] = 0;
                }
            }
            let kind = NETWORK_KINDS[rng.weighted(&mix)];
            let ef = &corpus.eurasia_files;
            let (mut files, mutated, vocab) = match kind {
                "small-network" => {
                    let f = match &corpus.readme_file {
                        Some(r) if rng.chance(1, 3) => r.clone(),
                        _ => corpus.tiny_file.clone(),
                    };
                    (vec![f], Some(0), &corpus.tiny_vocab)
                }
                "one-shipped-file" => {
                    let i = rng.below(ef.len());
                    if i == 0 {
                        (vec![ef[0].clone()], Some(0), &corpus.eurasia_vocab)
                    } else {
                        (
                            vec![ef[0].clone(), ef[i].clone()],
                            Some(1),
                            &corpus.eurasia_vocab,
                        )
                    }
                }
                "shipped-prefix" => {
                    let k = 2 + rng.below(3);
                    let m = rng.below(k);
                    (ef[..k].to_vec(), Some(m), &corpus.eurasia_vocab)
                }
                "shipped-network" => {
                    let m = rng.below(ef.len());
                    (ef.clone(), Some(m), &corpus.eurasia_vocab)
                }
                _ => {
                    // Odd lists of files: none, the same file twice, two copies under different
                    // names, a scenario read as a network, an empty file.
                    let t = corpus.tiny_file.clone();
                    let sub = if kind == "no-files" {
                        0
                    } else {
                        1 + rng.below(4)
                    };
                    let ops = vec![format!(
                        "odd list: {}",
                        [
                            "no files",
                            "same file twice",
                            "two copies, two names",
                            "a scenario as a network",
                            "an empty file with the fixture"
                        ][sub]
                    )];
                    let files = match sub {
                        0 => vec![],
                        1 => vec![t.clone(), t],
                        2 => {
                            let mut u = t.clone();
                            u.name = "copy.toml".into();
                            vec![t, u]
                        }
                        3 => vec![corpus.scenarios[rng.below(corpus.scenarios.len())]
                            .file
                            .clone()],
                        _ => vec![
                            SourceFile {
                                name: "empty.toml".into(),
                                text: String::new(),
                            },
                            t,
                        ],
                    };
                    return Case {
                        target,
                        seed,
                        kind: kind.into(),
                        ops,
                        input: Input::Network {
                            files,
                            mutated: None,
                        },
                        pristine: false,
                        rng,
                    };
                }
            };
            let mut ops = Vec::new();
            if let (false, Some(m)) = (pristine, mutated) {
                let ctx = Ctx {
                    vocab,
                    donors: &donors_all,
                    scenario: false,
                    cap_amounts: opts.cap_amounts,
                };
                ops = mutate(&mut rng, &mut files[m].text, &ctx, opts);
            }
            // Only whole networks must load unmutated (a shipped file alone names nodes of others).
            let whole = matches!(kind, "small-network" | "shipped-network");
            Case {
                target,
                seed,
                kind: kind.into(),
                pristine: whole && ops.is_empty(),
                ops,
                input: Input::Network { files, mutated },
                rng,
            }
        }
        Target::Scenario => {
            let mut mix = [40u32, 12, 15, 22, 5, 6];
            for (i, k) in SCENARIO_KINDS.iter().enumerate() {
                if opts.skips(k) {
                    mix[i] = 0;
                }
            }
            let kind = SCENARIO_KINDS[rng.weighted(&mix)];
            let shipped: Vec<&ScenarioSeed> = corpus
                .scenarios
                .iter()
                .filter(|s| s.base == Base::Eurasia)
                .collect();
            let fixtures: Vec<&ScenarioSeed> = corpus
                .scenarios
                .iter()
                .filter(|s| s.base == Base::Tiny)
                .collect();
            let mut then = None;
            let mut real = true;
            let (mut file, base) = match kind {
                "shipped-scenario" | "combined" => {
                    let s = rng.pick(&shipped);
                    if kind == "combined" {
                        then = Some(rng.pick(&shipped).file.clone());
                    }
                    (s.file.clone(), Base::Eurasia)
                }
                "fixture-scenario" => {
                    let s = rng.pick(&fixtures);
                    (s.file.clone(), Base::Tiny)
                }
                "additions" => {
                    let base = if rng.chance(1, 2) {
                        Base::Tiny
                    } else {
                        Base::Eurasia
                    };
                    let text = additions_text(&mut rng, corpus.base(base));
                    (
                        SourceFile {
                            name: "fuzz-additions.toml".into(),
                            text,
                        },
                        base,
                    )
                }
                "compound" => {
                    real = false;
                    let base = if rng.chance(1, 3) {
                        Base::Tiny
                    } else {
                        Base::Eurasia
                    };
                    (
                        SourceFile {
                            name: "fuzz-compound.toml".into(),
                            text: compound_text(&mut rng, opts.cap_amounts),
                        },
                        base,
                    )
                }
                _ => {
                    real = false;
                    let base = if rng.chance(1, 3) {
                        Base::Tiny
                    } else {
                        Base::Eurasia
                    };
                    let ctx = Ctx {
                        vocab: corpus.vocab(base),
                        donors: &[],
                        scenario: true,
                        cap_amounts: opts.cap_amounts,
                    };
                    let mut text = scenario_head("fuzz-synthesised");
                    // A third of them reuse one selection for every edit, so that set and
                    // scale edits compound on the same links.
                    let compound = rng.chance(1, 3);
                    let mut select: Option<String> = None;
                    for _ in 0..1 + rng.below(5) {
                        let e = synth_edit(&mut rng, &ctx);
                        let line = e
                            .lines()
                            .find(|l| l.starts_with("select ="))
                            .map(String::from);
                        match (&select, line) {
                            (Some(sel), Some(l)) if compound => {
                                text.push_str(&e.replace(&l, sel));
                            }
                            (_, l) => {
                                if select.is_none() {
                                    select = l;
                                }
                                text.push_str(&e);
                            }
                        }
                    }
                    (
                        SourceFile {
                            name: "fuzz-synthesised.toml".into(),
                            text,
                        },
                        base,
                    )
                }
            };
            let ctx = Ctx {
                vocab: corpus.vocab(base),
                donors: &donors_all,
                scenario: true,
                cap_amounts: opts.cap_amounts,
            };
            // Synthesised scenarios are already odd: mutate only half of them further.
            let ops = if pristine || (!real && rng.chance(1, 2)) {
                Vec::new()
            } else {
                mutate(&mut rng, &mut file.text, &ctx, opts)
            };
            let mut ops_all = Vec::new();
            if !real {
                ops_all.push("synthesised edits".to_string());
            }
            let pristine = real && ops.is_empty();
            ops_all.extend(ops);
            Case {
                target,
                seed,
                kind: kind.into(),
                ops: ops_all,
                input: Input::Scenario { file, base, then },
                pristine,
                rng,
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checking one case.

/// What a case did, when it kept the invariant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cases run.
    pub cases: u64,
    /// Inputs rejected with located problems.
    pub rejected: u64,
    /// Inputs accepted (networks loaded, scenarios applied).
    pub accepted: u64,
    /// Route queries made.
    pub queries: u64,
    /// Routes found (and checked).
    pub found: u64,
}

impl Tally {
    /// Adds another tally.
    pub fn add(&mut self, o: &Tally) {
        self.cases += o.cases;
        self.rejected += o.rejected;
        self.accepted += o.accepted;
        self.queries += o.queries;
        self.found += o.found;
    }
}

/// A broken invariant.
#[derive(Debug, Clone)]
pub struct Violation {
    /// `panic`, `hang`, `memory`, `non-finite-route`, `problem-without-line`…
    pub class: String,
    /// What distinguishes this defect from others of the class (the panic's location, the
    /// field…): failures with the same class and signature are one finding.
    pub signature: String,
    /// The details.
    pub detail: String,
}

fn violation(class: &str, signature: impl Into<String>, detail: impl Into<String>) -> Violation {
    Violation {
        class: class.into(),
        signature: signature.into(),
        detail: detail.into(),
    }
}

/// A failed case, with what is needed to reproduce and read it.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Target.
    pub target: Target,
    /// Seed.
    pub seed: u64,
    /// The broken invariant.
    pub violation: Violation,
    /// [`Case::describe`].
    pub case: String,
}

impl Failure {
    /// `target class: signature`, the key findings are grouped by.
    pub fn key(&self) -> String {
        format!(
            "{} {}: {}",
            self.target.as_str(),
            self.violation.class,
            self.violation.signature
        )
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} seed={} {}: {}\n    case: {}",
            self.target.as_str(),
            self.seed,
            self.key(),
            self.violation.detail,
            self.case
        )
    }
}

/// Checks the problems of a rejected input.
pub fn check_problems(problems: &[Problem], files: &[&SourceFile]) -> Result<(), Violation> {
    if problems.is_empty() {
        return Err(violation(
            "empty-problems",
            "",
            "an error with no problem in it",
        ));
    }
    for p in problems {
        let Some(f) = files.iter().find(|f| f.name == p.file) else {
            return Err(violation(
                "problem-names-unknown-file",
                p.field.clone(),
                format!("{p:?}"),
            ));
        };
        let lines = f.text.matches('\n').count() + 1;
        if p.line == 0 && p.field != "network" {
            return Err(violation(
                "problem-without-line",
                p.field.clone(),
                p.to_string(),
            ));
        }
        if p.line > lines {
            return Err(violation(
                "problem-line-out-of-range",
                p.field.clone(),
                format!("line {} of a {lines}-line file: {p}", p.line),
            ));
        }
        if p.field.trim().is_empty() {
            return Err(violation("problem-without-field", "", p.to_string()));
        }
        if p.message.trim().is_empty() {
            return Err(violation(
                "problem-without-message",
                p.field.clone(),
                p.to_string(),
            ));
        }
    }
    Ok(())
}

/// Checks an error from loading or applying: a network or scenario error whose problems are all
/// located in the given files.
pub fn check_error(e: Error, files: &[&SourceFile]) -> Result<(), Violation> {
    match e {
        Error::InvalidNetwork { problems } | Error::InvalidScenario { problems } => {
            check_problems(&problems, files)
        }
        // With no file at all there is no file or line to name: the error says so.
        Error::InvalidArgument(m) if files.is_empty() && m.contains("no network files") => Ok(()),
        other => Err(violation(
            "unlocated-error",
            format!("{other:?}")
                .split(['(', ' ', '{'])
                .next()
                .unwrap_or("")
                .to_string(),
            other.to_string(),
        )),
    }
}

/// A number for messages: exponent form when huge or tiny.
fn num(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Checks a found route: finite, non-negative totals and steps, the asked endpoints.
pub fn check_route(net: &Network, r: &Route, from: usize, to: usize) -> Result<(), Violation> {
    let t = &r.total;
    let bad: Vec<&str> = [
        ("km", t.km),
        ("hours", t.hours),
        ("days", t.days),
        ("usd", t.usd),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_finite())
    .map(|(n, _)| n)
    .collect();
    let step = r
        .steps
        .iter()
        .find(|s| !(s.km.is_finite() && s.hours.is_finite() && s.usd.is_finite()));
    if !bad.is_empty() || step.is_some() {
        return Err(violation(
            "non-finite-route",
            // Grouped by where the first non-finite value sits: the step kind and its measure
            // (or finite steps whose sum overflows).
            match step {
                Some(s) => {
                    let what: Vec<&str> = [("km", s.km), ("hours", s.hours), ("usd", s.usd)]
                        .into_iter()
                        .filter(|(_, v)| !v.is_finite())
                        .map(|(n, v)| if v.is_nan() { "NaN" } else { n })
                        .collect();
                    format!("{} step {}", s.kind.as_str(), what.join(","))
                }
                None => format!("finite steps, total {} overflows", bad.join(",")),
            },
            format!(
                "{} route {}→{} found with total km={} hours={} usd={}{}",
                r.objective,
                r.from,
                r.to,
                num(t.km),
                num(t.hours),
                num(t.usd),
                step.map(|s| format!(
                    "; step {} {:?} km={} hours={} usd={}",
                    s.kind.as_str(),
                    s.link,
                    num(s.km),
                    num(s.hours),
                    num(s.usd)
                ))
                .unwrap_or_default()
            ),
        ));
    }
    let neg = [t.km, t.hours, t.usd].iter().any(|v| *v < 0.0)
        || r.steps
            .iter()
            .any(|s| s.km < 0.0 || s.hours < 0.0 || s.usd < 0.0);
    if neg {
        return Err(violation(
            "negative-route",
            r.objective.to_string(),
            format!(
                "total km={} hours={} usd={}",
                num(t.km),
                num(t.hours),
                num(t.usd)
            ),
        ));
    }
    if r.from != net.nodes[from].id || r.to != net.nodes[to].id {
        return Err(violation(
            "route-endpoints",
            "",
            format!(
                "asked {}→{}, got {}→{}",
                net.nodes[from].id, net.nodes[to].id, r.from, r.to
            ),
        ));
    }
    Ok(())
}

/// Routes a few pairs on an accepted network (`main`: the ids of one pair routed for every
/// objective; the others are drawn from `rng`), with constraints varied by `rng`, and checks
/// every found route.
pub fn check_routing(
    net: &Network,
    rng: &mut Rng,
    main: (&str, &str),
    year: Option<i32>,
    tally: &mut Tally,
) -> Result<(), Violation> {
    let n = net.nodes.len();
    if n < 2 {
        return Ok(());
    }
    // A network the loader or a scenario accepted must have weights the router accepts.
    let router = match Router::new(net) {
        Ok(r) => r,
        Err(e) => return Err(violation("router-refused", "weights", e.to_string())),
    };
    // The main pair under the network's defaults (and the scenario's year), for every
    // objective; two random pairs under randomly varied constraints.
    let mut plain = Constraints::defaults(net);
    if let Some(y) = year {
        plain.year = y;
    }
    let mut c = plain.clone();
    if rng.chance(1, 4) {
        c.year = *rng.pick(&[
            1800,
            2000,
            2025,
            2026,
            2028,
            2030,
            2035,
            2100,
            i32::MAX,
            i32::MIN,
        ]);
    }
    if rng.chance(1, 6) {
        let cs = net.countries();
        if !cs.is_empty() {
            c.avoid_countries.insert(rng.pick(&cs).clone());
        }
    }
    if rng.chance(1, 8) {
        let all: Vec<_> = c.modes.iter().copied().collect();
        c.modes.remove(rng.pick(&all));
    }
    if rng.chance(1, 8) {
        c.value_of_time = *rng.pick(&[0.0, 1.0, 100.0, 10_000.0]);
    }
    let mut pairs = Vec::new();
    if let (Some(a), Some(b)) = (net.node_index(main.0), net.node_index(main.1)) {
        for o in Objective::ALL {
            pairs.push((a, b, o, &plain));
        }
    }
    for _ in 0..2 {
        pairs.push((rng.below(n), rng.below(n), *rng.pick(&Objective::ALL), &c));
    }
    for (a, b, o, c) in pairs {
        tally.queries += 1;
        match router.route(a, b, o, c) {
            Ok(Outcome::Found(r)) => {
                tally.found += 1;
                check_route(net, &r, a, b)?;
                if rng.chance(1, 6) {
                    let f =
                        *rng.pick(&[Format::Table, Format::Json, Format::Csv, Format::Markdown]);
                    let _ = report::routes(net, &[r], f);
                }
            }
            Ok(Outcome::NoRoute(_)) => {}
            Err(e) if a == b => {
                if !matches!(e, Error::InvalidArgument(_)) {
                    return Err(violation("route-error", "same node", e.to_string()));
                }
            }
            // Constraints out of range (a year outside 1800–2100, a value of time outside
            // 0–10,000) are refused, not trusted: the correct answer is this error.
            Err(Error::InvalidArgument(_))
                if !(1800..=2100).contains(&c.year)
                    || !(0.0..=10_000.0).contains(&c.value_of_time) => {}
            Err(e) => {
                return Err(violation(
                    "route-error",
                    o.to_string(),
                    format!("{}→{}: {e}", net.nodes[a].id, net.nodes[b].id),
                ))
            }
        }
    }
    Ok(())
}

/// Runs a case and checks the invariant (a panic is left to the caller to catch).
pub fn execute(corpus: &Corpus, case: &mut Case) -> Result<Tally, Violation> {
    let mut tally = Tally {
        cases: 1,
        ..Tally::default()
    };
    let pristine = case.pristine;
    let rng = &mut case.rng;
    match &case.input {
        Input::Network { files, .. } => {
            let refs: Vec<&SourceFile> = files.iter().collect();
            match load::parse(files) {
                Err(e) => {
                    if pristine {
                        return Err(violation(
                            "pristine-rejected",
                            case.kind.clone(),
                            e.to_string(),
                        ));
                    }
                    tally.rejected += 1;
                    check_error(e, &refs)?;
                }
                Ok(net) => {
                    tally.accepted += 1;
                    let main = match files.first().map(|f| f.name.as_str()) {
                        Some(n) if n.ends_with("tiny.toml") => ("a", "q"),
                        Some(n) if n.contains("README") => ("west", "east"),
                        _ => ("xian", "duisburg"),
                    };
                    check_routing(&net, rng, main, None, &mut tally)?;
                }
            }
        }
        Input::Scenario { file, base, then } => {
            let net = corpus.base(*base);
            let mut refs = vec![file];
            let parsed = Scenario::parse(file).and_then(|s| match then {
                None => Ok(s),
                Some(t) => {
                    refs.push(t);
                    Ok(Scenario::combine(vec![s, Scenario::parse(t)?]))
                }
            });
            let applied = parsed.and_then(|s| {
                let year = s.year;
                scenario::apply(net, &s).map(|out| (out, year))
            });
            match applied {
                Err(e) => {
                    if pristine {
                        return Err(violation(
                            "pristine-rejected",
                            case.kind.clone(),
                            e.to_string(),
                        ));
                    }
                    tally.rejected += 1;
                    check_error(e, &refs)?;
                }
                Ok((out, year)) => {
                    tally.accepted += 1;
                    let main = match base {
                        Base::Tiny => ("a", "q"),
                        Base::Eurasia => ("xian", "duisburg"),
                    };
                    check_routing(&out, rng, main, year, &mut tally)?;
                }
            }
        }
    }
    Ok(tally)
}

// ---------------------------------------------------------------------------------------------
// Catching panics, hangs and runaway memory.

thread_local! {
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
}
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Installs (once) a panic hook that records panics inside cases instead of printing them, and
/// leaves every other panic to the previous hook.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_CASE.with(Cell::get) {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(non-string payload)".into());
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                if let Ok(mut slot) = LAST_PANIC.lock() {
                    *slot = Some(format!("{at}\t{msg}"));
                }
            } else {
                previous(info);
            }
        }));
    });
}

/// The engine: a corpus and options, shared with the worker thread.
#[derive(Debug)]
pub struct Engine {
    /// The corpus.
    pub corpus: Corpus,
    /// The options.
    pub opts: Options,
}

impl Engine {
    /// An engine with a freshly loaded corpus.
    pub fn new(opts: Options) -> Engine {
        Engine {
            corpus: Corpus::new(),
            opts,
        }
    }

    /// The case of a seed.
    pub fn case(&self, target: Target, seed: u64) -> Case {
        generate(&self.corpus, &self.opts, target, seed)
    }

    /// Generates and runs a case in this thread, catching panics.
    pub fn run(&self, target: Target, seed: u64) -> Result<Tally, Failure> {
        install_hook();
        IN_CASE.with(|c| c.set(true));
        let r = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut case = self.case(target, seed);
            let r = execute(&self.corpus, &mut case);
            (case.describe(), r)
        }));
        IN_CASE.with(|c| c.set(false));
        let fail = |violation: Violation, case: String| Failure {
            target,
            seed,
            violation,
            case,
        };
        match r {
            Ok((_, Ok(t))) => Ok(t),
            Ok((case, Err(v))) => Err(fail(v, case)),
            Err(_) => {
                let recorded = LAST_PANIC.lock().ok().and_then(|mut s| s.take());
                let (at, msg) = recorded
                    .as_deref()
                    .and_then(|s| s.split_once('\t'))
                    .map(|(a, m)| (a.to_string(), m.to_string()))
                    .unwrap_or_default();
                // The case again, outside the panic, for its description (generation itself
                // does not panic; if it did, that is the harness's own bug, reported as such).
                let case =
                    panic::catch_unwind(AssertUnwindSafe(|| self.case(target, seed).describe()))
                        .unwrap_or_else(|_| "(the harness panicked generating the case)".into());
                let short: String = msg
                    .chars()
                    .take(60)
                    .map(|c| if c.is_ascii_digit() { '#' } else { c })
                    .collect();
                Err(fail(
                    violation("panic", format!("{at} {short}"), format!("at {at}: {msg}")),
                    case,
                ))
            }
        }
    }
}

/// The process's resident memory in bytes (Linux; 0 elsewhere).
pub fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4096)
}

type Job = (Target, u64);
type Done = Result<Tally, Failure>;

struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Done>,
}

fn spawn_worker(engine: Arc<Engine>) -> Worker {
    let (jobs, job_rx) = mpsc::channel::<Job>();
    let (done_tx, done) = mpsc::channel::<Done>();
    std::thread::Builder::new()
        .name("fuzz-case".into())
        // The main thread's stack size, as the CLI has when it parses.
        .stack_size(8 << 20)
        .spawn(move || {
            for (target, seed) in job_rx {
                if done_tx.send(engine.run(target, seed)).is_err() {
                    break;
                }
            }
        })
        .expect("spawn the fuzz worker");
    Worker { jobs, done }
}

/// Runs cases one at a time on a worker thread, time-boxing each and watching memory.
pub struct Guard {
    engine: Arc<Engine>,
    worker: Worker,
    /// The longest a case may take.
    pub timeout: Duration,
    /// Resident memory above which a case counts as allocating without bound.
    pub memory_limit: u64,
    /// Worker threads abandoned in a hang (they keep running until the process ends).
    pub abandoned: usize,
    /// Set after a memory failure: the runaway thread cannot be stopped, so the process
    /// should stop soon.
    pub poisoned: bool,
}

impl Guard {
    /// A guard with its worker.
    pub fn new(engine: Arc<Engine>, timeout: Duration, memory_limit: u64) -> Guard {
        Guard {
            worker: spawn_worker(engine.clone()),
            engine,
            timeout,
            memory_limit,
            abandoned: 0,
            poisoned: false,
        }
    }

    /// Runs one case.
    pub fn run(&mut self, target: Target, seed: u64) -> Done {
        let start = Instant::now();
        let describe = |engine: &Engine| engine.case(target, seed).describe();
        if self.worker.jobs.send((target, seed)).is_err() {
            self.worker = spawn_worker(self.engine.clone());
            let _ = self.worker.jobs.send((target, seed));
        }
        loop {
            match self.worker.done.recv_timeout(Duration::from_millis(25)) {
                Ok(r) => {
                    if self.memory_limit > 0 && resident_bytes() > self.memory_limit {
                        self.poisoned = true;
                        return Err(Failure {
                            target,
                            seed,
                            violation: violation(
                                "memory",
                                "retained",
                                format!(
                                    "resident memory {} MiB after the case",
                                    resident_bytes() >> 20
                                ),
                            ),
                            case: describe(&self.engine),
                        });
                    }
                    return r;
                }
                Err(RecvTimeoutError::Timeout) => {
                    let rss = resident_bytes();
                    if self.memory_limit > 0 && rss > self.memory_limit {
                        self.poisoned = true;
                        return Err(Failure {
                            target,
                            seed,
                            violation: violation(
                                "memory",
                                "unbounded",
                                format!(
                                    "resident memory {} MiB after {:.1} s in one case",
                                    rss >> 20,
                                    start.elapsed().as_secs_f64()
                                ),
                            ),
                            case: describe(&self.engine),
                        });
                    }
                    if start.elapsed() > self.timeout {
                        self.abandoned += 1;
                        self.worker = spawn_worker(self.engine.clone());
                        return Err(Failure {
                            target,
                            seed,
                            violation: violation(
                                "hang",
                                "",
                                format!(
                                    "no result after {:.1} s (resident memory {} MiB)",
                                    self.timeout.as_secs_f64(),
                                    rss >> 20
                                ),
                            ),
                            case: describe(&self.engine),
                        });
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.worker = spawn_worker(self.engine.clone());
                    return Err(Failure {
                        target,
                        seed,
                        violation: violation("worker-died", "", "the worker thread ended"),
                        case: describe(&self.engine),
                    });
                }
            }
        }
    }
}

/// Line-based delta debugging of a failing case's mutated text: the smallest text (by dropping
/// chunks of lines) that still fails with the same class and signature. Only for failures
/// caught in-thread (panics and broken checks), not hangs or memory.
pub fn minimise(
    engine: &Engine,
    target: Target,
    seed: u64,
    key: &str,
    budget: usize,
) -> Option<String> {
    let base = engine.case(target, seed);
    let text = base.mutated_text()?.to_string();
    let fails = |t: &str| -> bool {
        install_hook();
        let mut c = base.clone();
        c.set_mutated_text(t.to_string());
        IN_CASE.with(|x| x.set(true));
        let r = panic::catch_unwind(AssertUnwindSafe(|| execute(&engine.corpus, &mut c)));
        IN_CASE.with(|x| x.set(false));
        match r {
            Ok(Ok(_)) => false,
            Ok(Err(v)) => format!("{} {}: {}", target.as_str(), v.class, v.signature) == key,
            Err(_) => {
                let rec = LAST_PANIC
                    .lock()
                    .ok()
                    .and_then(|mut s| s.take())
                    .unwrap_or_default();
                let at = rec.split('\t').next().unwrap_or("?");
                key.starts_with(&format!("{} panic: {at} ", target.as_str()))
            }
        }
    };
    if !fails(&text) {
        return None;
    }
    let mut lines = split_lines(&text);
    let mut chunk = lines.len().div_ceil(2).max(1);
    let mut tries = 0;
    while chunk >= 1 && tries < budget {
        let mut i = 0;
        let mut progressed = false;
        while i < lines.len() && tries < budget {
            let end = (i + chunk).min(lines.len());
            let candidate: String = lines[..i].concat() + &lines[end..].concat();
            tries += 1;
            if fails(&candidate) {
                lines.drain(i..end);
                progressed = true;
            } else {
                i += chunk;
            }
        }
        if !progressed {
            if chunk == 1 {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
    }
    Some(lines.concat())
}
