//! Reading network files: TOML text → checked [`Network`], with every problem located.
//!
//! A network is one file or a folder of `*.toml` (and `*.geojson`) files merged in name order; the
//! shipped network is embedded in the binary ([`embedded`]). Loading never panics on bad data: each
//! problem becomes a [`Problem`] naming the file, line and field, and all of them are reported
//! together. The format is documented in `networks/README.md`; the checks here are the ones listed
//! there.
//!
//! Loading takes two passes over the files, which a TOML file on disk makes a piece at a time
//! (so its text is never all in memory): the first reads every record but the links, checking the
//! nodes as it goes; then the `[network]` table, the node index and the services are checked; the
//! second pass reads and checks the links, which need all of those. Nodes and links are read and
//! checked in parallel, each on its own, and what needs all of them (duplicate ids) is checked
//! after; the other records are few, and are checked once both passes are done.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use geo::{Distance, Geodesic, Point};
use serde::Deserialize;
use serde_spanned::Spanned;

mod chunks;
mod geojson;
mod records;
mod source;
mod toml_fast;

use crate::error::{Error, Problem, Result};
use crate::network::{
    Border, Circuity, Emissions, Family, Gauge, Link, Mode, Network, Node, NodeKind, Origin,
    Provenance, Running, Service, Status, Traction, Transfer, TransferKind,
};
use crate::text::{FastMap, Interner, Text as SharedText};
use chunks::Chunks;
use geojson::{from_geojson, is_geojson, located};
use records::{Kind, Span};
use source::Input;
pub use source::SourceFile;
pub(crate) use source::Text;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The embedded network's files as [`SourceFile`]s.
pub fn embedded_files() -> Vec<SourceFile> {
    EMBEDDED_NETWORK
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("<embedded>/networks/eurasia/{name}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// Loads the shipped network.
pub fn embedded() -> Result<Network> {
    parse(&embedded_files())
}

/// The files of a network path: the file itself, or every `*.toml` and `*.geojson` file of a
/// folder in name order.
fn network_paths(path: &Path) -> Result<Vec<PathBuf>> {
    let io = |reason| Error::Io {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.extension().is_some_and(|e| e == "toml" || e == "geojson") && p.is_file() {
            paths.push(p);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::InvalidNetwork {
            problems: vec![Problem {
                file: path.display().to_string(),
                line: 0,
                field: "folder".into(),
                message: "holds no .toml or .geojson files".into(),
            }],
        });
    }
    Ok(paths)
}

/// Reads a network file, or every `*.toml` and `*.geojson` file of a folder in name order.
pub fn read_files(path: &Path) -> Result<Vec<SourceFile>> {
    network_paths(path)?
        .into_iter()
        .map(|p| {
            let text = crate::fs::read_text(&p)?;
            Ok(SourceFile {
                name: p.display().to_string(),
                text,
            })
        })
        .collect()
}

/// Loads a network from a file or folder. TOML files are read a piece at a time, whole records
/// each, so a large network needs memory for itself, not for its text; GeoJSON
/// files are read whole.
pub fn load(path: &Path) -> Result<Network> {
    let paths = network_paths(path)?;
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut geojson = Vec::new();
    for (p, name) in paths.iter().zip(&names) {
        if is_geojson(name) {
            geojson.push(SourceFile {
                name: name.clone(),
                text: crate::fs::read_text(p)?,
            });
        }
    }
    let (converted, maps) = from_geojson(&geojson)?;
    let mut converted = converted.iter();
    let mut inputs = Vec::with_capacity(paths.len());
    for (p, name) in paths.iter().zip(&names) {
        match is_geojson(name).then(|| converted.next()).flatten() {
            Some(file) => inputs.push(Input::Memory(file)),
            None => inputs.push(Input::Disk { path: p, name }),
        }
    }
    located(parse_onto(None, &inputs), &maps)
}

// ---------------------------------------------------------------------------------------------
// Raw records, as they appear in the files.

type Sources = BTreeMap<String, String>;

/// A raw `source` table as the network keeps it, its texts shared.
fn sources(shared: &mut Interner, raw: Sources) -> crate::network::Sources {
    crate::network::Sources::from_pairs(
        raw.iter()
            .map(|(k, v)| (shared.intern(k), shared.intern(v))),
    )
}

/// Shares texts and whole `source` tables while records are read (one per worker thread).
#[derive(Default)]
struct Shared {
    texts: Interner,
    /// The last table made: consecutive records of a large file usually cite the same sources.
    last: crate::network::Sources,
}

impl Shared {
    /// The table of these (field, citation) pairs, sorted by field, shared with the last one
    /// made when equal.
    fn sources(&mut self, mut pairs: Vec<(&str, &str)>) -> crate::network::Sources {
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        pairs.dedup_by(|b, a| {
            // A later pair for the same field replaces an earlier one (as `from_pairs` does).
            let same = a.0 == b.0;
            if same {
                a.1 = b.1;
            }
            same
        });
        if self.last.len() == pairs.len() && self.last.iter().eq(pairs.iter().copied()) {
            return self.last.clone();
        }
        let texts = &mut self.texts;
        self.last = crate::network::Sources::from_pairs(
            pairs
                .into_iter()
                .map(|(k, v)| (texts.intern(k), texts.intern(v))),
        );
        self.last.clone()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    network: Option<Spanned<RawMeta>>,
    /// Only in scenario files; read by [`crate::scenario`].
    scenario: Option<Spanned<toml::Value>>,
    /// Only in scenario files; read by [`crate::scenario`].
    edit: Option<Spanned<toml::Value>>,
    #[serde(default)]
    node: Vec<Spanned<RawNode>>,
    #[serde(default)]
    link: Vec<Spanned<RawLink>>,
    #[serde(default)]
    service: Vec<Spanned<RawService>>,
    #[serde(default)]
    family: Vec<Spanned<RawFamily>>,
    #[serde(default)]
    variability: Vec<Spanned<RawVariability>>,
    #[serde(default)]
    capacity: Vec<Spanned<RawCapacity>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapacity {
    id: String,
    name: String,
    model: String,
    applies: Vec<RawComponent>,
    direction: Option<String>,
    unit: String,
    per_departure: Option<i64>,
    headway_hours: Option<f64>,
    servers: Option<i64>,
    service_hours: Option<f64>,
    batch: Option<f64>,
    service_cv: Option<f64>,
    arrival_cv: Option<f64>,
    base_hours: f64,
    #[serde(default)]
    background_per_year: f64,
    winter_factor: Option<f64>,
    #[serde(default)]
    winter_months: Vec<i64>,
    #[serde(default)]
    estimate: bool,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariability {
    id: String,
    name: String,
    applies: Vec<RawComponent>,
    distribution: Option<RawDistribution>,
    shock: Option<RawShock>,
    #[serde(default)]
    estimate: bool,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    link: Option<String>,
    part: Option<String>,
    node: Option<String>,
    transfer: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawDistribution {
    kind: String,
    value: Option<f64>,
    mean: Option<f64>,
    sd: Option<f64>,
    median: Option<f64>,
    p90: Option<f64>,
    min: Option<f64>,
    mode: Option<f64>,
    max: Option<f64>,
    values: Option<Vec<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShock {
    p: f64,
    #[serde(default)]
    months: Vec<i64>,
    delay: RawDistribution,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    id: String,
    name: String,
    #[serde(default)]
    via_tags: Vec<String>,
    #[serde(default)]
    via_countries: Vec<String>,
    #[serde(default)]
    avoid_tags: Vec<String>,
    #[serde(default)]
    avoid_countries: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    name: String,
    usd_per_km: Option<f64>,
    rate_date: Option<String>,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    name: String,
    data_year: i64,
    value_of_time_usd_per_hour: f64,
    circuity: RawCircuity,
    emissions: Option<RawEmissions>,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawEmissions {
    payload_t: f64,
    rail_diesel_g_per_tkm: f64,
    rail_electric_kwh_per_tkm: f64,
    road_g_per_tkm: f64,
    transfer_kg_per_feu: f64,
    #[serde(default)]
    grid_g_per_kwh: BTreeMap<String, f64>,
    #[serde(default)]
    vessel_g_per_tkm: BTreeMap<String, f64>,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct RawCircuity {
    rail: f64,
    road: f64,
    sea: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: String,
    name: String,
    country: String,
    lat: f64,
    lon: f64,
    kind: String,
    #[serde(default)]
    corridors: Vec<String>,
    #[serde(default)]
    transfer: Vec<Spanned<RawTransfer>>,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransfer {
    kind: String,
    hours: f64,
    usd: f64,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    id: Option<String>,
    from: String,
    to: String,
    mode: String,
    gauge: Option<i64>,
    km: Option<f64>,
    circuity: Option<f64>,
    #[serde(default)]
    geometry: Vec<[f64; 2]>,
    speed_kmh: Option<f64>,
    hours: Option<f64>,
    usd_per_km: Option<f64>,
    usd_fixed: Option<f64>,
    wait_hours: Option<f64>,
    wait_hours_reverse: Option<f64>,
    call_hours: Option<f64>,
    call_hours_reverse: Option<f64>,
    #[serde(default)]
    services: Vec<String>,
    traction: Option<String>,
    vessel: Option<String>,
    status: Option<String>,
    available_from: Option<i64>,
    #[serde(default)]
    oneway: bool,
    #[serde(default)]
    corridors: Vec<String>,
    #[serde(default)]
    transit_countries: Vec<String>,
    border: Option<RawBorder>,
    #[serde(default)]
    source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBorder {
    hours: f64,
    hours_reverse: Option<f64>,
    usd: f64,
    usd_reverse: Option<f64>,
    #[serde(default)]
    source: Sources,
}

/// How many `[[link]]` records are read at a time.
const LINK_BLOCK: usize = 16_384;

/// Records that deserialised, with their byte offsets, and a problem per record that did not.
pub(crate) type Parsed<T> = (Vec<(usize, T)>, Vec<Problem>);

/// Deserialises each record of a file (see [`records`]) as a `T` on its own, so that a bad field
/// in one record does not hide the problems of the others. Returns the records with their byte
/// offsets (add them to spans inside a record) and a problem per record that failed.
pub(crate) fn parse_records<T: serde::de::DeserializeOwned + Send>(text: &Text<'_>) -> Parsed<T> {
    parse_slices(text, text.spans())
}

/// Deserialises one record.
fn parse_one<T: serde::de::DeserializeOwned>(
    slice: &str,
) -> std::result::Result<T, toml::de::Error> {
    match toml_fast::from_str::<T>(slice) {
        Some(record) => Ok(record),
        None => toml::from_str::<T>(slice),
    }
}

/// The problem of a record that did not deserialise.
fn syntax_problem(text: &Text<'_>, offset: usize, e: &toml::de::Error) -> Problem {
    Problem {
        file: text.name.to_string(),
        line: text.line_of(offset + e.span().map_or(0, |s| s.start)),
        field: "toml".into(),
        message: e.message().trim().to_string(),
    }
}

/// Deserialises the given records of `text` in parallel, keeping their order.
fn parse_slices<T: serde::de::DeserializeOwned + Send>(
    text: &Text<'_>,
    spans: &[Span],
) -> Parsed<T> {
    use rayon::prelude::*;
    let parsed: Vec<_> = spans
        .par_iter()
        .map(|s| (s.start, parse_one::<T>(text.slice(s))))
        .collect();
    let mut ok = Vec::with_capacity(parsed.len());
    let mut problems = Vec::new();
    for (offset, record) in parsed {
        match record {
            Ok(record) => ok.push((offset, record)),
            Err(e) => problems.push(syntax_problem(text, offset, &e)),
        }
    }
    (ok, problems)
}

/// A name must be short and printable (see [`unsafe_char`]).
fn check_text(c: &mut Checker<'_, '_>, field: &str, s: &str) {
    if let Some(ch) = unsafe_char(s, false) {
        c.problem(
            field,
            format!(
                "contains the control or formatting character U+{:04X}",
                ch as u32
            ),
        );
    }
    let n = s.chars().count();
    if n > MAX_NAME_CHARS {
        c.problem(
            field,
            format!("{n} characters; a name has at most {MAX_NAME_CHARS}"),
        );
    }
}

/// Collects problems while checking one record.
struct Checker<'a, 'b> {
    text: &'b Text<'a>,
    start: usize,
    prefix: &'static str,
    problems: &'b mut Vec<Problem>,
}

impl Checker<'_, '_> {
    fn problem(&mut self, field: &str, message: impl Into<String>) {
        let key = field.rsplit('.').next().unwrap_or(field);
        let line = self.text.key_line(self.start, key);
        self.problems.push(Problem {
            file: self.text.name.to_string(),
            line,
            field: format!("{}{}", self.prefix, field),
            message: message.into(),
        });
    }

    /// Checks a number is finite and within `[min, max]`, and that it has a source.
    fn number(&mut self, field: &str, v: f64, min: f64, max: f64, sources: &Sources) {
        let n = crate::error::number;
        if !v.is_finite() {
            self.problem(field, format!("must be a finite number, not {v}"));
        } else if v < min {
            if min == f64::MIN_POSITIVE && v > 0.0 {
                self.problem(field, format!("{} is too small to compute with", n(v)));
            } else if min == f64::MIN_POSITIVE {
                self.problem(field, format!("{} must be greater than 0", n(v)));
            } else {
                self.problem(field, format!("{} is below the minimum {}", n(v), n(min)));
            }
        } else if v > max {
            self.problem(field, format!("{} is absurd (above {})", n(v), n(max)));
        }
        self.sourced(field, sources);
    }

    fn sourced(&mut self, field: &str, sources: &Sources) {
        let key = field.rsplit('.').next().unwrap_or(field);
        // A `_reverse` value shares the source of its forward twin.
        let key = key.strip_suffix("_reverse").unwrap_or(key);
        match sources.get(key) {
            Some(s) if !s.trim().is_empty() => {}
            _ => self.problem(
                field,
                format!("has no source: add `{key} = \"…\"` to its `source` table (start it with \"estimate:\" for an estimate)"),
            ),
        }
    }

    fn unused_sources(&mut self, sources: &Sources, allowed: &[&str]) {
        for key in sources.keys() {
            if !allowed.contains(&key.as_str()) {
                self.problem(
                    "source",
                    format!(
                        "source for `{key}`, which this record does not give (expected one of: {})",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Limits of plausibility: values beyond them are data errors.

use crate::network::limits::{
    max_speed, MAX_KM, MAX_LEG_HOURS, MAX_TRANSFER_HOURS, MAX_TRANSFER_USD, MAX_USD, MAX_USD_PER_KM,
};

/// ISO 3166-1 alpha-2 codes (officially assigned), plus XK (Kosovo, user-assigned but common).
const ISO_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// Whether `code` is an ISO 3166-1 alpha-2 country code.
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && ISO_ALPHA2.split(' ').any(|c| c == code)
}

/// The first character of a text that must not reach a terminal, an SVG or a table: a control
/// character (line breaks and tabs allowed where `multi_line`), a bidirectional override, or a
/// Unicode non-character (U+FFFE, U+FFFF, U+FDD0…U+FDEF; invalid in XML).
pub fn unsafe_char(s: &str, multi_line: bool) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && !(multi_line && matches!(c, '\n' | '\t')))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
            || matches!(c, '\u{FDD0}'..='\u{FDEF}')
            || (c as u32) & 0xFFFE == 0xFFFE
    })
}

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_slug_byte)
}

fn is_slug_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
}

// ---------------------------------------------------------------------------------------------

/// Parses and checks a network from its files; all problems are reported together.
pub fn parse(files: &[SourceFile]) -> Result<Network> {
    if files.is_empty() {
        return Err(Error::InvalidArgument(
            "no network files to parse: a network needs at least one file with a [network] table"
                .into(),
        ));
    }
    let (converted, maps) = from_geojson(files)?;
    let inputs: Vec<Input> = converted.iter().map(|f| Input::Memory(f)).collect();
    located(parse_onto(None, &inputs), &maps)
}

/// Parses the `[[node]]` and `[[link]]` tables of a scenario file and adds them to a copy of
/// `base` (links may refer to the base's nodes); `[scenario]` and `[[edit]]` are left to the caller.
pub fn extend(base: &Network, file: &SourceFile) -> std::result::Result<Network, Vec<Problem>> {
    parse_onto(Some(base), &[Input::Memory(file)]).map_err(|e| match e {
        Error::InvalidNetwork { problems } => problems,
        other => vec![Problem {
            file: file.name.clone(),
            line: 0,
            field: "file".into(),
            message: other.to_string(),
        }],
    })
}

/// What the first pass over the files keeps.
struct FirstPass<'a> {
    /// Texts that kept records refer to: whole in-memory files, and single records copied out of
    /// pieces read from disk.
    kept: Vec<Text<'a>>,
    /// Records other than nodes and links: (index in `kept`, byte offset there, record).
    parsed: Vec<(usize, usize, RawFile)>,
    /// New nodes.
    nodes: Gathered<Node>,
    /// Problems of the other records.
    problems: Vec<Problem>,
    provenance: Provenance,
    shared: Shared,
}

impl<'a> FirstPass<'a> {
    /// Reads the records of `text` other than links. `kept_as` is the index `text` will have in
    /// `kept` when the caller keeps it whole; otherwise each record read is copied there.
    fn read(&mut self, text: &Text<'a>, kept_as: Option<usize>) {
        let file = self.shared.texts.intern(text.name);
        let spans = text.spans();
        let nodes: Vec<Span> = spans
            .iter()
            .filter(|s| s.kind == Kind::Node)
            .copied()
            .collect();
        self.nodes.take(check_nodes(text, &nodes, &file));
        let other: Vec<Span> = spans
            .iter()
            .filter(|s| s.kind == Kind::Other)
            .copied()
            .collect();
        match kept_as {
            Some(ti) => self.keep(text, &other, ti),
            None => {
                for s in &other {
                    let copy =
                        Text::piece(text.name, Cow::Owned(text.slice(s).to_string()), s.line - 1);
                    let spans = copy.spans().to_vec();
                    self.keep(&copy, &spans, self.kept.len());
                    self.kept.push(copy);
                }
            }
        }
    }

    /// Parses records of `text`, which is or will be `kept[ti]`, and keeps them.
    fn keep(&mut self, text: &Text<'a>, spans: &[Span], ti: usize) {
        let (records, bad) = parse_slices::<RawFile>(text, spans);
        self.problems.extend(bad);
        for (offset, raw) in records {
            self.provenance.add(raw_provenance(&raw));
            self.parsed.push((ti, offset, raw));
        }
    }
}

/// A node or link read and checked, or the problems of one that could not be made.
enum Checked<T> {
    Good {
        item: T,
        /// The line of its `id` (its header's when the id is implied).
        id_line: usize,
        problems: Vec<Problem>,
        /// Of the record it came from (given with the record's first item only).
        provenance: Provenance,
    },
    /// Unreadable (a syntax or type error), or not a whole link (an unknown node, mode, …): the
    /// problems, and for a link its id, origin and id line, so that a duplicate of it is still
    /// reported.
    Bad {
        problems: Vec<Problem>,
        id: Option<(String, Origin, usize)>,
    },
}

/// A record read for checking, with its sources counted; or, when it cannot be read, its problem.
fn read_record<T>(
    text: &Text<'_>,
    s: &Span,
) -> std::result::Result<(RawFile, Provenance), Outs<T>> {
    match parse_one::<RawFile>(text.slice(s)) {
        Ok(raw) => {
            let provenance = raw_provenance(&raw);
            Ok((raw, provenance))
        }
        Err(e) => {
            let bad = Checked::Bad {
                problems: vec![syntax_problem(text, s.start, &e)],
                id: None,
            };
            Err((Some(bad), Vec::new()))
        }
    }
}

/// Reads records in parallel and checks each with `check` (given the worker's [`Shared`], the
/// record's span, the record and its provenance), writing what they give to `out` in order (its
/// memory reused).
fn check_records<T: Send>(
    text: &Text<'_>,
    spans: &[Span],
    out: &mut Vec<Outs<T>>,
    check: impl Fn(&mut Shared, &Span, RawFile, Provenance) -> Outs<T> + Sync + Send,
) {
    use rayon::prelude::*;
    spans
        .par_iter()
        .map_init(Shared::default, |shared, s| match read_record(text, s) {
            Ok((raw, provenance)) => check(shared, s, raw, provenance),
            Err(bad) => bad,
        })
        .collect_into_vec(out);
}

/// Reads and checks `[[node]]` records in parallel, keeping their order.
fn check_nodes(text: &Text<'_>, spans: &[Span], file: &SharedText) -> Vec<Outs<Node>> {
    let mut out = Vec::new();
    check_records(text, spans, &mut out, |shared, s, raw, provenance| {
        let mut provenance = Some(provenance);
        first_and_rest(raw.node.into_iter().map(|mut rn| {
            let start = s.start + rn.span().start;
            let mut problems = Vec::new();
            let node = check_node(
                rn.get_mut(),
                text,
                s.start,
                start,
                file,
                shared,
                &mut problems,
            );
            Checked::Good {
                item: node,
                id_line: text.key_line(start, "id"),
                problems,
                provenance: provenance.take().unwrap_or_default(),
            }
        }))
    });
    out
}

/// The context a link is checked in: the nodes and services it may name.
struct LinkContext<'n> {
    nodes: &'n [Node],
    index: &'n FastMap<&'n str, usize>,
    services: &'n [Service],
    circuity: RawCircuity,
}

/// What the link pass collects.
#[derive(Default)]
struct LinkPass {
    links: Gathered<Link>,
    /// The checked links of one block, kept between blocks for its memory.
    scratch: Vec<Outs<Link>>,
}

/// Checked nodes or links gathered in order.
struct Gathered<T> {
    items: Vec<T>,
    /// The line of each one's `id`.
    id_lines: Vec<usize>,
    /// Those that failed their checks: (id, origin, line of the id).
    failed: Vec<(String, Origin, usize)>,
    problems: Vec<Problem>,
    provenance: Provenance,
}

impl<T> Default for Gathered<T> {
    fn default() -> Gathered<T> {
        Gathered {
            items: Vec::new(),
            id_lines: Vec::new(),
            failed: Vec::new(),
            problems: Vec::new(),
            provenance: Provenance::default(),
        }
    }
}

impl<T> Gathered<T> {
    /// Adds what some records gave, in order.
    fn take(&mut self, outs: impl IntoIterator<Item = Outs<T>>) {
        for out in outs
            .into_iter()
            .flat_map(|(one, rest)| one.into_iter().chain(rest))
        {
            match out {
                Checked::Good {
                    item,
                    id_line,
                    problems,
                    provenance,
                } => {
                    self.items.push(item);
                    self.id_lines.push(id_line);
                    self.problems.extend(problems);
                    self.provenance.add(provenance);
                }
                Checked::Bad { problems, id } => {
                    self.problems.extend(problems);
                    self.failed.extend(id);
                }
            }
        }
    }
}

/// What one record gives: its first item and any others (a record holds one node or link, so
/// the rest is empty and costs nothing).
type Outs<T> = (Option<Checked<T>>, Vec<Checked<T>>);

/// The first item and the rest.
fn first_and_rest<T>(mut items: impl Iterator<Item = T>) -> (Option<T>, Vec<T>) {
    (items.next(), items.collect())
}

impl LinkPass {
    /// Reads and checks the `[[link]]` records of `text`, a block at a time in parallel.
    fn read(&mut self, text: &Text<'_>, cx: &LinkContext<'_>, file: &SharedText) {
        let spans: Vec<Span> = text
            .spans()
            .iter()
            .filter(|s| s.kind == Kind::Link)
            .copied()
            .collect();
        let mut outs = std::mem::take(&mut self.scratch);
        for block in spans.chunks(LINK_BLOCK) {
            check_records(text, block, &mut outs, |shared, s, raw, provenance| {
                let mut provenance = Some(provenance);
                first_and_rest(raw.link.iter().map(|rl| {
                    let start = s.start + rl.span().start;
                    let origin = Origin {
                        file: file.clone(),
                        line: text.line_of(start),
                    };
                    let l = rl.get_ref();
                    let mut problems = Vec::new();
                    let id_line = match l.id {
                        Some(_) => text.key_line(start, "id"),
                        None => origin.line,
                    };
                    match check_link(l, text, start, origin.clone(), cx, shared, &mut problems) {
                        Some(link) => Checked::Good {
                            item: link,
                            id_line,
                            problems,
                            provenance: provenance.take().unwrap_or_default(),
                        },
                        None => Checked::Bad {
                            problems,
                            id: Some((link_id(l), origin, id_line)),
                        },
                    }
                }))
            });
            self.links.take(outs.drain(..));
        }
        self.scratch = outs;
    }
}

/// The base's items followed by the new ones, and how many the base had (the new ones as they
/// are when there is no base: a large network's links are not copied).
fn after_base<T: Clone>(base: Option<&[T]>, new: Vec<T>) -> (Vec<T>, usize) {
    match base {
        None => (new, 0),
        Some(b) => {
            let mut all = Vec::with_capacity(b.len() + new.len());
            all.extend_from_slice(b);
            all.extend(new);
            (all, b.len())
        }
    }
}

/// A link's id: its own, or `from-to`.
fn link_id(l: &RawLink) -> String {
    l.id.clone()
        .unwrap_or_else(|| format!("{}-{}", l.from, l.to))
}

fn parse_onto(base: Option<&Network>, inputs: &[Input<'_>]) -> Result<Network> {
    // First pass: everything but the links (which need every node of every file).
    let mut first = FirstPass {
        kept: Vec::new(),
        parsed: Vec::new(),
        nodes: Gathered::default(),
        problems: Vec::new(),
        provenance: base.map_or_else(Provenance::default, |b| b.provenance),
        shared: Shared::default(),
    };
    // Where each in-memory file is in `kept`, and each disk file's identity when first read.
    let mut memory_texts = Vec::new();
    let mut stamps = Vec::new();
    for input in inputs {
        match input {
            Input::Memory(file) => {
                let text = Text::new(file);
                let ti = first.kept.len();
                first.read(&text, Some(ti));
                memory_texts.push(ti);
                first.kept.push(text);
            }
            Input::Disk { path, name } => {
                let mut chunks = Chunks::open(path, name)?;
                stamps.push(chunks.stamp());
                // The next piece is read while this one is checked.
                let mut next = chunks.next_piece()?;
                while let Some(piece) = next {
                    let (read, ()) =
                        rayon::join(|| chunks.next_piece(), || first.read(&piece, None));
                    chunks.recycle(piece);
                    next = read?;
                }
            }
        }
    }
    let FirstPass {
        kept,
        mut parsed,
        nodes: new_nodes,
        mut problems,
        mut provenance,
        mut shared,
    } = first;
    // A node record is one node; one that cannot be read is only its problems.
    let Gathered {
        items: new_nodes,
        id_lines,
        problems: node_problems,
        provenance: node_provenance,
        failed: _,
    } = new_nodes;
    problems.extend(node_problems);
    provenance.add(node_provenance);
    for (ti, offset, raw) in &parsed {
        let text = &kept[*ti];
        let problem = |line: usize, field: &str, message: String| Problem {
            file: text.name.to_string(),
            line,
            field: field.into(),
            message,
        };
        let stray = [("scenario", &raw.scenario), ("edit", &raw.edit)];
        for (key, v) in stray {
            if let (None, Some(v)) = (base, v) {
                problems.push(problem(
                    text.line_of(offset + v.span().start),
                    key,
                    "scenario tables do not belong in a network file".into(),
                ));
            }
        }
        if let (Some(_), Some(m)) = (base, &raw.network) {
            problems.push(problem(
                text.line_of(offset + m.span().start),
                "network",
                "a scenario cannot replace the [network] table; use edits".into(),
            ));
        }
    }

    // The [network] table: exactly one.
    let mut meta: Option<(RawMeta, Origin)> = None;
    for (ti, offset, raw) in &mut parsed {
        let text = &kept[*ti];
        if let Some(m) = raw.network.take() {
            let start = *offset + m.span().start;
            let origin = Origin {
                file: shared.texts.intern(text.name),
                line: text.line_of(start),
            };
            if let Some((_, first)) = &meta {
                problems.push(Problem {
                    file: text.name.to_string(),
                    line: origin.line,
                    field: "network".into(),
                    message: format!("a second [network] table (the first is at {first})"),
                });
                continue;
            }
            let m = m.into_inner();
            let mut c = Checker {
                text,
                start,
                prefix: "network.",
                problems: &mut problems,
            };
            check_text(&mut c, "name", &m.name);
            c.number("data_year", m.data_year as f64, 1900.0, 2100.0, &m.source);
            c.number(
                "value_of_time_usd_per_hour",
                m.value_of_time_usd_per_hour,
                0.0,
                10_000.0,
                &m.source,
            );
            for (mode, v) in [
                ("rail", m.circuity.rail),
                ("road", m.circuity.road),
                ("sea", m.circuity.sea),
            ] {
                if !(v.is_finite() && (1.0..=3.0).contains(&v)) {
                    c.problem("circuity", format!("{mode} circuity {v} must lie in 1…3"));
                }
            }
            c.sourced("circuity", &m.source);
            c.unused_sources(
                &m.source,
                &["data_year", "value_of_time_usd_per_hour", "circuity"],
            );
            if let Some(e) = &m.emissions {
                let start = text.subtable(start, "[network.emissions]").unwrap_or(start);
                let mut c = Checker {
                    text,
                    start,
                    prefix: "network.emissions.",
                    problems: &mut problems,
                };
                c.number("payload_t", e.payload_t, f64::MIN_POSITIVE, 40.0, &e.source);
                for (k, v, max) in [
                    ("rail_diesel_g_per_tkm", e.rail_diesel_g_per_tkm, 1_000.0),
                    (
                        "rail_electric_kwh_per_tkm",
                        e.rail_electric_kwh_per_tkm,
                        1.0,
                    ),
                    ("road_g_per_tkm", e.road_g_per_tkm, 1_000.0),
                    ("transfer_kg_per_feu", e.transfer_kg_per_feu, 1_000.0),
                ] {
                    c.number(k, v, 0.0, max, &e.source);
                }
                for (cc, v) in &e.grid_g_per_kwh {
                    if !is_country(cc) {
                        c.problem(
                            "grid_g_per_kwh",
                            format!("`{cc}` is not an ISO 3166-1 alpha-2 code"),
                        );
                    }
                    if !(v.is_finite() && (0.0..=2_000.0).contains(v)) {
                        c.problem(
                            "grid_g_per_kwh",
                            format!("{cc} = {v} is outside 0…2000 g per kWh"),
                        );
                    }
                }
                for (class, v) in &e.vessel_g_per_tkm {
                    if !is_slug(class) {
                        c.problem(
                            "vessel_g_per_tkm",
                            format!("`{class}` is not a lowercase slug"),
                        );
                    }
                    if !(v.is_finite() && (0.0..=1_000.0).contains(v)) {
                        c.problem(
                            "vessel_g_per_tkm",
                            format!("{class} = {v} is outside 0…1000 g per tonne-km"),
                        );
                    }
                }
                if !e.grid_g_per_kwh.is_empty() {
                    c.sourced("grid_g_per_kwh", &e.source);
                }
                if !e.vessel_g_per_tkm.is_empty() {
                    c.sourced("vessel_g_per_tkm", &e.source);
                }
                c.unused_sources(
                    &e.source,
                    &[
                        "payload_t",
                        "rail_diesel_g_per_tkm",
                        "rail_electric_kwh_per_tkm",
                        "road_g_per_tkm",
                        "transfer_kg_per_feu",
                        "grid_g_per_kwh",
                        "vessel_g_per_tkm",
                    ],
                );
            }
            meta = Some((m, origin));
        }
    }
    if base.is_none() && meta.is_none() && problems.is_empty() {
        problems.push(Problem {
            file: inputs
                .first()
                .map_or_else(|| "(no files)".to_string(), |i| i.name().to_string()),
            line: 0,
            field: "network".into(),
            message: "no [network] table (name, data_year, value_of_time_usd_per_hour, circuity) in any file".into(),
        });
    }
    let circuity = match (&meta, base) {
        (Some((m, _)), _) => m.circuity,
        (None, Some(b)) => RawCircuity {
            rail: b.circuity.rail,
            road: b.circuity.road,
            sea: b.circuity.sea,
        },
        (None, None) => RawCircuity {
            rail: 1.3,
            road: 1.25,
            sea: 1.2,
        },
    };

    // Nodes (after the base's, when extending one), and the index of their ids.
    let (nodes, base_nodes) = after_base(base.map(|b| &b.nodes[..]), new_nodes);
    let mut index: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(nodes.len(), Default::default());
    for (i, n) in nodes.iter().enumerate() {
        match index.entry(n.id.as_str()) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
            }
            // (A base built with repeated ids is the caller's: only the new nodes are checked.)
            std::collections::hash_map::Entry::Occupied(e) if i >= base_nodes => {
                problems.push(Problem {
                    file: n.origin.file.to_string(),
                    line: id_lines[i - base_nodes],
                    field: "node.id".into(),
                    message: format!(
                        "duplicate node id `{}` (first defined at {})",
                        n.id,
                        nodes[*e.get()].origin
                    ),
                });
            }
            std::collections::hash_map::Entry::Occupied(_) => {}
        }
    }

    // Services (before the links that name them).
    let mut services: Vec<Service> = base.map_or_else(Vec::new, |b| b.services.clone());
    for (v, text, start, origin) in each_record(&kept, &parsed, |r| &r.service) {
        let mut c = Checker {
            text,
            start,
            prefix: "service.",
            problems: &mut problems,
        };
        if !is_slug(&v.id) {
            c.problem(
                "id",
                format!("`{}` is not a lowercase ASCII slug ([a-z0-9_]+)", v.id),
            );
        }
        if let Some(first) = services.iter().find(|s| s.id == v.id) {
            c.problem(
                "id",
                format!(
                    "duplicate service id `{}` (first defined at {})",
                    v.id, first.origin
                ),
            );
        }
        if v.name.trim().is_empty() {
            c.problem("name", "is empty");
        }
        check_text(&mut c, "name", &v.name);
        if let Some(r) = v.usd_per_km {
            c.number("usd_per_km", r, 0.0, MAX_USD_PER_KM, &v.source);
            if v.rate_date.as_deref().is_none_or(|d| d.trim().is_empty()) {
                c.problem(
                    "rate_date",
                    "missing: a freight rate needs the date it was quoted (e.g. \"2025-04\")",
                );
            }
        } else if v.rate_date.is_some() {
            c.problem("rate_date", "a date without a `usd_per_km` rate");
        }
        c.unused_sources(&v.source, &["usd_per_km"]);
        services.push(Service {
            id: v.id.clone(),
            name: v.name.clone(),
            usd_per_km: v.usd_per_km,
            rate_date: v.rate_date.clone(),
            origin,
        });
    }

    // Links: the second pass.
    let cx = LinkContext {
        nodes: &nodes,
        index: &index,
        services: &services,
        circuity,
    };
    let mut pass = LinkPass::default();
    let mut memory_texts = memory_texts.into_iter();
    let mut stamps = stamps.into_iter();
    for input in inputs {
        match input {
            Input::Memory(_) => {
                if let Some(text) = memory_texts.next().and_then(|ti| kept.get(ti)) {
                    let file = shared.texts.intern(text.name);
                    pass.read(text, &cx, &file);
                }
            }
            Input::Disk { path, name } => {
                let file = shared.texts.intern(name);
                let mut chunks = Chunks::open(path, name)?;
                let changed = || {
                    crate::fs::input_error(
                        path,
                        "changed while it was read; load it again when it is complete",
                    )
                };
                if Some(chunks.stamp()) != stamps.next() {
                    return Err(changed());
                }
                let mut next = chunks.next_piece()?;
                while let Some(piece) = next {
                    let (read, ()) =
                        rayon::join(|| chunks.next_piece(), || pass.read(&piece, &cx, &file));
                    chunks.recycle(piece);
                    next = read?;
                }
                if crate::fs::stamp(path)? != chunks.stamp() {
                    return Err(changed());
                }
            }
        }
    }
    let Gathered {
        items: new_links,
        id_lines: link_id_lines,
        failed,
        problems: link_problems,
        provenance: link_provenance,
    } = pass.links;
    problems.extend(link_problems);
    provenance.add(link_provenance);
    let (links, base_links) = after_base(base.map(|b| &b.links[..]), new_links);
    problems.extend(duplicate_link_ids(
        &links,
        base_links,
        &link_id_lines,
        &failed,
    ));

    // Corridor families (after the links, whose tags they name).
    let mut families: Vec<Family> = base.map_or_else(Vec::new, |b| b.families.clone());
    for (f, text, start, origin) in each_record(&kept, &parsed, |r| &r.family) {
        let mut c = Checker {
            text,
            start,
            prefix: "family.",
            problems: &mut problems,
        };
        if !is_slug(&f.id.replace('-', "_")) {
            c.problem("id", format!("`{}` is not a lowercase slug", f.id));
        }
        if families.iter().any(|x| x.id == f.id) {
            c.problem("id", format!("duplicate family id `{}`", f.id));
        }
        check_text(&mut c, "name", &f.name);
        for (field, tags) in [("via_tags", &f.via_tags), ("avoid_tags", &f.avoid_tags)] {
            for t in tags {
                if !links.iter().any(|l| l.has_corridor(t)) {
                    c.problem(field, format!("no link carries the tag `{t}`"));
                }
            }
        }
        for (field, cs) in [
            ("via_countries", &f.via_countries),
            ("avoid_countries", &f.avoid_countries),
        ] {
            for cc in cs {
                if !is_country(cc) {
                    c.problem(field, format!("`{cc}` is not an ISO 3166-1 alpha-2 code"));
                }
            }
        }
        if f.via_tags.len() + f.via_countries.len() > 8 {
            c.problem(
                "via_tags",
                "at most 8 requirements (via_tags and via_countries together)",
            );
        }
        families.push(Family {
            id: f.id.clone(),
            name: f.name.clone(),
            via_tags: f.via_tags.clone(),
            via_countries: f.via_countries.clone(),
            avoid_tags: f.avoid_tags.clone(),
            avoid_countries: f.avoid_countries.clone(),
            origin,
        });
    }

    let variability = variability_records(
        &kept,
        &parsed,
        base.map_or(&[][..], |b| &b.variability[..]),
        &nodes,
        &links,
        &mut problems,
    );
    let capacity = capacity_records(
        &kept,
        &parsed,
        base.map_or(&[][..], |b| &b.capacity[..]),
        &nodes,
        &links,
        &mut problems,
    );

    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Error::InvalidNetwork { problems });
    }
    if let Some(b) = base {
        let mut net = b.clone();
        net.nodes = nodes;
        net.links = links;
        net.services = services;
        net.families = families;
        net.variability = variability;
        net.capacity = capacity;
        net.provenance = provenance;
        net.reindex();
        if let Some(p) = emission_gaps(&net).into_iter().next() {
            return Err(Error::InvalidNetwork { problems: vec![p] });
        }
        return Ok(net);
    }
    let Some((meta, _)) = meta else {
        // Reported above; kept as a plain error so that no input can reach a panic here.
        return Err(Error::InvalidNetwork { problems });
    };
    let mut net = Network::new(
        meta.name,
        meta.data_year as i32,
        meta.value_of_time_usd_per_hour,
        nodes,
        links,
    );
    net.circuity = Circuity {
        rail: meta.circuity.rail,
        road: meta.circuity.road,
        sea: meta.circuity.sea,
    };
    net.services = services;
    net.families = families;
    net.variability = variability;
    net.capacity = capacity;
    net.emissions = meta.emissions.map(|e| Emissions {
        payload_t: e.payload_t,
        rail_diesel_g_per_tkm: e.rail_diesel_g_per_tkm,
        rail_electric_kwh_per_tkm: e.rail_electric_kwh_per_tkm,
        road_g_per_tkm: e.road_g_per_tkm,
        transfer_kg_per_feu: e.transfer_kg_per_feu,
        grid_g_per_kwh: e.grid_g_per_kwh,
        vessel_g_per_tkm: e.vessel_g_per_tkm,
    });
    net.provenance = provenance;
    if let Some(p) = emission_gaps(&net).into_iter().next() {
        return Err(Error::InvalidNetwork { problems: vec![p] });
    }
    Ok(net)
}

/// Links whose ids repeat an earlier one's (one of the base's, when extending), including the
/// ids of links that failed their other checks (taken as coming after all the others). The ids
/// are hashed and sorted in parallel, and only ids with equal hashes compared, so that millions
/// of links need no map of their ids.
fn duplicate_link_ids(
    links: &[Link],
    base: usize,
    id_lines: &[usize],
    failed: &[(String, Origin, usize)],
) -> Vec<Problem> {
    use rayon::prelude::*;
    let n = links.len();
    // Entry i: links[i] for i < n, failed[i - n] after.
    let id = |i: usize| match i.checked_sub(n) {
        None => links[i].id.as_str(),
        Some(j) => failed[j].0.as_str(),
    };
    let origin = |i: usize| match i.checked_sub(n) {
        None => &links[i].origin,
        Some(j) => &failed[j].1,
    };
    let mut keys: Vec<(u64, usize)> = (0..n + failed.len())
        .into_par_iter()
        .map(|i| (crate::text::fast_hash(id(i)), i))
        .collect();
    keys.par_sort_unstable();
    let mut problems = Vec::new();
    for group in keys.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (k, &(_, i)) in group.iter().enumerate() {
            // The base's own links were checked when it loaded.
            if i < base {
                continue;
            }
            let Some(&(_, first)) = group[..k].iter().find(|&&(_, j)| id(j) == id(i)) else {
                continue;
            };
            let line = match i.checked_sub(n) {
                None => id_lines[i - base],
                Some(j) => failed[j].2,
            };
            problems.push(Problem {
                file: origin(i).file.to_string(),
                line,
                field: "link.id".into(),
                message: format!(
                    "duplicate link id `{}` (first defined at {}); give one of them an explicit `id`",
                    id(i),
                    origin(first)
                ),
            });
        }
    }
    problems
}

/// Checks a node whose table starts at `start` of `text`, in the record at `offset`, and makes it.
fn check_node(
    n: &mut RawNode,
    text: &Text<'_>,
    offset: usize,
    start: usize,
    file: &SharedText,
    shared: &mut Shared,
    problems: &mut Vec<Problem>,
) -> Node {
    let origin = Origin {
        file: file.clone(),
        line: text.line_of(start),
    };
    let mut c = Checker {
        text,
        start,
        prefix: "node.",
        problems,
    };
    if !is_slug(&n.id) {
        c.problem(
            "id",
            format!("`{}` is not a lowercase ASCII slug ([a-z0-9_]+)", n.id),
        );
    }
    if n.name.trim().is_empty() {
        c.problem("name", "is empty");
    }
    check_text(&mut c, "name", &n.name);
    for tag in &n.corridors {
        check_text(&mut c, "corridors", tag);
    }
    if !is_country(&n.country) {
        c.problem(
            "country",
            format!("`{}` is not an ISO 3166-1 alpha-2 code", n.country),
        );
    }
    if !(n.lat.is_finite() && (-90.0..=90.0).contains(&n.lat)) {
        c.problem("lat", format!("{} is out of range −90…90", n.lat));
    }
    if !(n.lon.is_finite() && (-180.0..=180.0).contains(&n.lon)) {
        c.problem("lon", format!("{} is out of range −180…180", n.lon));
    }
    c.sourced("coords", &n.source);
    c.unused_sources(&n.source, &["coords"]);
    let kind = NodeKind::parse(&n.kind);
    if kind.is_none() {
        let all: Vec<_> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        c.problem(
            "kind",
            format!(
                "unknown kind `{}` (expected one of: {})",
                n.kind,
                all.join(", ")
            ),
        );
    }
    let mut transfers = Vec::new();
    for rt in &mut n.transfer {
        let start = offset + rt.span().start;
        let t = rt.get_mut();
        let mut c = Checker {
            text,
            start,
            prefix: "node.transfer.",
            problems,
        };
        let kind = TransferKind::parse(&t.kind);
        if kind.is_none() {
            let all: Vec<_> = TransferKind::ALL.iter().map(|k| k.as_str()).collect();
            c.problem(
                "kind",
                format!(
                    "unknown transfer `{}` (expected one of: {})",
                    t.kind,
                    all.join(", ")
                ),
            );
        }
        c.number("hours", t.hours, 0.0, MAX_TRANSFER_HOURS, &t.source);
        c.number("usd", t.usd, 0.0, MAX_TRANSFER_USD, &t.source);
        c.unused_sources(&t.source, &["hours", "usd"]);
        if let Some(kind) = kind {
            if transfers.iter().any(|x: &Transfer| x.kind == kind) {
                c.problem(
                    "kind",
                    format!("a second `{}` facility at this node", t.kind),
                );
            }
            transfers.push(Transfer {
                kind,
                hours: t.hours,
                usd: t.usd,
                sources: shared.sources(
                    t.source
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect(),
                ),
            });
        }
    }
    Node {
        id: std::mem::take(&mut n.id),
        name: std::mem::take(&mut n.name),
        country: std::mem::take(&mut n.country),
        lat: n.lat,
        lon: n.lon,
        kind: kind.unwrap_or(NodeKind::Junction),
        corridors: std::mem::take(&mut n.corridors),
        transfers,
        closed: false,
        origin,
        sources: shared.sources(
            n.source
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
        ),
    }
}

/// With emission factors given, every link must have one: an electric line's country needs a
/// grid intensity, a sea link's vessel class a factor.
fn emission_gaps(net: &Network) -> Vec<Problem> {
    let Some(e) = &net.emissions else {
        return Vec::new();
    };
    net.links
        .iter()
        .filter(|l| e.g_per_tkm(net, l).is_none())
        .map(|l| Problem {
            file: l.origin.file.to_string(),
            line: l.origin.line,
            field: if l.mode == Mode::Sea {
                "link.vessel".into()
            } else {
                "link.traction".into()
            },
            message: match l.mode {
                Mode::Sea => format!(
                    "vessel class `{}` has no factor in [network.emissions] vessel_g_per_tkm (known: {})",
                    l.vessel.as_deref().unwrap_or("(none given)"),
                    e.vessel_g_per_tkm.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
                _ => format!(
                    "an electric line in {} needs grid_g_per_kwh.{} in [network.emissions]",
                    net.nodes[l.from].country, net.nodes[l.from].country
                ),
            },
        })
        .collect()
}

/// The sources and estimates of every `source` table in a record.
fn raw_provenance(raw: &RawFile) -> Provenance {
    let mut p = Provenance::default();
    let mut count = |s: &Sources| {
        p.sources += s.len();
        p.estimates += s
            .values()
            .filter(|v| {
                v.trim_start()
                    .get(..8)
                    .is_some_and(|w| w.eq_ignore_ascii_case("estimate"))
            })
            .count();
    };
    if let Some(m) = &raw.network {
        count(&m.get_ref().source);
    }
    for n in &raw.node {
        count(&n.get_ref().source);
        for t in &n.get_ref().transfer {
            count(&t.get_ref().source);
        }
    }
    for v in &raw.service {
        count(&v.get_ref().source);
    }
    for l in &raw.link {
        count(&l.get_ref().source);
        if let Some(b) = &l.get_ref().border {
            count(&b.source);
        }
    }
    for v in &raw.variability {
        count(&v.get_ref().source);
    }
    for v in &raw.capacity {
        count(&v.get_ref().source);
    }
    p
}

fn raw_distribution(
    c: &mut Checker<'_, '_>,
    field: &str,
    d: &RawDistribution,
) -> Option<crate::distribution::Distribution> {
    use crate::distribution::Distribution as D;
    let given: [(&str, bool); 10] = [
        ("value", d.value.is_some()),
        ("mean", d.mean.is_some()),
        ("sd", d.sd.is_some()),
        ("median", d.median.is_some()),
        ("p90", d.p90.is_some()),
        ("min", d.min.is_some()),
        ("mode", d.mode.is_some()),
        ("max", d.max.is_some()),
        ("values", d.values.is_some()),
        ("kind", true),
    ];
    let wants: &[&str] = match d.kind.as_str() {
        "fixed" => &["value"],
        "normal" => &["mean", "sd"],
        "lognormal" => &["median", "p90"],
        "triangular" => &["min", "mode", "max"],
        "uniform" => &["min", "max"],
        "exponential" => &["mean"],
        "empirical" => &["values"],
        k => {
            c.problem(
                &format!("{field}.kind"),
                format!("unknown distribution `{k}` (expected one of: fixed, normal, lognormal, triangular, uniform, exponential, empirical)"),
            );
            return None;
        }
    };
    let mut ok = true;
    for (name, has) in given {
        if name == "kind" {
            continue;
        }
        if has && !wants.contains(&name) {
            c.problem(
                &format!("{field}.{name}"),
                format!("a {} distribution takes {} only", d.kind, wants.join(", ")),
            );
            ok = false;
        } else if !has && wants.contains(&name) {
            c.problem(
                &format!("{field}.{name}"),
                format!("a {} distribution needs {}", d.kind, wants.join(", ")),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let g = |x: Option<f64>| x.unwrap_or(0.0);
    let out = match d.kind.as_str() {
        "fixed" => D::Fixed { value: g(d.value) },
        "normal" => D::Normal {
            mean: g(d.mean),
            sd: g(d.sd),
        },
        "lognormal" => D::Lognormal {
            median: g(d.median),
            p90: g(d.p90),
        },
        "triangular" => D::Triangular {
            min: g(d.min),
            mode: g(d.mode),
            max: g(d.max),
        },
        "uniform" => D::Uniform {
            min: g(d.min),
            max: g(d.max),
        },
        "exponential" => D::Exponential { mean: g(d.mean) },
        _ => D::Empirical {
            values: d.values.clone().unwrap_or_default(),
        },
    };
    let too_big = |x: f64| x > MAX_LEG_HOURS;
    let big = match &out {
        D::Empirical { values } => values.iter().any(|&v| too_big(v)),
        other => too_big(other.mean() + 3.0 * other.variance().sqrt()),
    };
    if let Some(why) = out.problem() {
        c.problem(field, why);
        None
    } else if big {
        c.problem(
            field,
            format!(
                "implausibly long: hours beyond {} (a data error?)",
                crate::error::number(MAX_LEG_HOURS)
            ),
        );
        None
    } else {
        Some(out)
    }
}

/// A `{ link, part }` or `{ node, transfer }` component of a variability or capacity record,
/// checked against the network: the link or node exists, the part is one of `parts`, the node has
/// the facility. Problems go under `field` (`applies[2].part`). The component's loaded hours are
/// its current ones.
fn component(
    c: &mut Checker<'_, '_>,
    field: &str,
    a: &RawComponent,
    nodes: &[Node],
    links: &[Link],
    parts: &[crate::network::Part],
) -> Option<crate::network::Component> {
    use crate::network::{Component, Part};
    match (&a.link, &a.part, &a.node, &a.transfer) {
        (Some(id), Some(part), None, None) => {
            let Some(l) = links.iter().find(|l| &l.id == id) else {
                c.problem(&format!("{field}.link"), format!("no link `{id}`"));
                return None;
            };
            let Some(part) = Part::parse(part).filter(|p| parts.contains(p)) else {
                let what = if Part::parse(part).is_some() {
                    "a part this record does not take"
                } else {
                    "unknown part"
                };
                c.problem(
                    &format!("{field}.part"),
                    format!(
                        "{what} `{part}` (expected one of: {})",
                        parts
                            .iter()
                            .map(|p| p.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                return None;
            };
            let loaded = match part {
                Part::Wait => l.wait_hours,
                Part::Call => l.call_hours,
                Part::Run => [l.haul_hours(); 2],
                Part::Border => l.border.as_ref().map_or([0.0; 2], |b| b.hours),
                Part::Delay => [0.0; 2],
            };
            Some(Component::Link {
                link: id.clone(),
                part,
                loaded,
            })
        }
        (None, None, Some(id), Some(kind)) => {
            let Some(n) = nodes.iter().find(|n| &n.id == id) else {
                c.problem(&format!("{field}.node"), format!("no node `{id}`"));
                return None;
            };
            let Some(kind) = TransferKind::parse(kind) else {
                c.problem(
                    &format!("{field}.transfer"),
                    format!("unknown transfer kind `{kind}`"),
                );
                return None;
            };
            let Some(t) = n.transfer(kind) else {
                c.problem(
                    &format!("{field}.transfer"),
                    format!("node `{id}` has no {} facility", kind.as_str()),
                );
                return None;
            };
            Some(Component::Transfer {
                node: id.clone(),
                kind,
                loaded: t.hours,
            })
        }
        _ => {
            c.problem(
                field,
                "give either `link` and `part`, or `node` and `transfer`",
            );
            None
        }
    }
}

/// Each record of one kind among the kept records, in order: the record, its text, where its
/// table starts there, and where it was defined.
fn each_record<'p, 'a, T: 'p>(
    texts: &'p [Text<'a>],
    parsed: &'p [(usize, usize, RawFile)],
    pick: impl Fn(&'p RawFile) -> &'p [Spanned<T>] + 'p,
) -> impl Iterator<Item = (&'p T, &'p Text<'a>, usize, Origin)> + 'p {
    parsed.iter().flat_map(move |(ti, offset, raw)| {
        let text = &texts[*ti];
        pick(raw).iter().map(move |r| {
            let start = offset + r.span().start;
            let origin = Origin {
                file: text.name.into(),
                line: text.line_of(start),
            };
            (r.get_ref(), text, start, origin)
        })
    })
}

/// The `[[capacity]]` records of every file, checked against the links and nodes.
fn capacity_records(
    texts: &[Text<'_>],
    parsed: &[(usize, usize, RawFile)],
    base: &[crate::network::Capacity],
    nodes: &[Node],
    links: &[Link],
    problems: &mut Vec<Problem>,
) -> Vec<crate::network::Capacity> {
    use crate::network::{Capacity, CapacityDirection, CapacityModel, Component, Part};
    let mut out: Vec<Capacity> = base.to_vec();
    for (v, text, start, origin) in each_record(texts, parsed, |r| &r.capacity) {
        // The record's sources, for loops below that shadow `v`.
        let record_sources = &v.source;
        let mut c = Checker {
            text,
            start,
            prefix: "capacity.",
            problems,
        };
        if !is_slug(&v.id) {
            c.problem("id", format!("`{}` is not a lowercase slug", v.id));
        }
        if out.iter().any(|x| x.id == v.id) {
            c.problem("id", format!("duplicate capacity id `{}`", v.id));
        }
        check_text(&mut c, "name", &v.name);
        if v.unit != "teu" {
            c.problem(
                "unit",
                format!("`{}`: capacities are counted in \"teu\"", v.unit),
            );
        }
        c.sourced("applies", &v.source);
        let [a] = &v.applies[..] else {
            c.problem(
                "applies",
                "a capacity produces exactly one component: give one",
            );
            continue;
        };
        let direction = v.direction.as_deref().map(|d| {
            let dir = CapacityDirection::ALL.into_iter().find(|x| x.as_str() == d);
            if dir.is_none() {
                c.problem(
                    "direction",
                    format!("unknown direction `{d}` (expected forward, reverse or each)"),
                );
            }
            dir
        });
        let Some(applies) = component(
            &mut c,
            "applies",
            a,
            nodes,
            links,
            &[Part::Wait, Part::Call, Part::Border],
        ) else {
            continue;
        };
        match &applies {
            Component::Link { link, part, .. } => {
                let l = links.iter().find(|l| &l.id == link);
                if *part == Part::Border && l.is_some_and(|l| l.border.is_none()) {
                    c.problem("applies.part", format!("link `{link}` has no border"));
                    continue;
                }
                if direction.is_none() {
                    c.problem(
                        "direction",
                        "a link's capacity needs `direction` (forward, reverse or each)",
                    );
                }
            }
            Component::Transfer { .. } => {
                if direction.is_some() {
                    c.problem(
                        "direction",
                        "a node's facility pools both directions: no `direction`",
                    );
                }
            }
        }
        let dirs = direction.flatten();
        let covers = |x: &Capacity| match (&x.applies, &applies) {
            (
                Component::Link {
                    link: a, part: p, ..
                },
                Component::Link {
                    link: b, part: q, ..
                },
            ) => {
                a == b
                    && p == q
                    && x.direction
                        .zip(dirs)
                        .is_some_and(|(d, e)| d.dirs().iter().any(|i| e.dirs().contains(i)))
            }
            (
                Component::Transfer {
                    node: a, kind: k, ..
                },
                Component::Transfer {
                    node: b, kind: l, ..
                },
            ) => a == b && k == l,
            _ => false,
        };
        if let Some(other) = out.iter().find(|x| covers(x)) {
            c.problem(
                "applies",
                format!("the component already has a capacity: `{}`", other.id),
            );
        }
        let positive = |c: &mut Checker<'_, '_>, field: &str, v: Option<f64>, max: f64| match v {
            None => {
                c.problem(field, format!("missing: the {} model needs it", field));
                None
            }
            Some(x) => {
                c.number(field, x, f64::MIN_POSITIVE, max, record_sources);
                (x.is_finite() && x > 0.0 && x <= max).then_some(x)
            }
        };
        let count = |c: &mut Checker<'_, '_>, field: &str, v: Option<i64>, max: i64| match v {
            None => {
                c.problem(field, "missing: the model needs it");
                None
            }
            Some(x) if !(1..=max).contains(&x) => {
                c.problem(field, format!("{x} must be a whole number in 1…{max}"));
                None
            }
            Some(x) => {
                c.sourced(field, record_sources);
                Some(x as u32)
            }
        };
        let model = match v.model.as_str() {
            "departures" => {
                let b = count(&mut c, "per_departure", v.per_departure, 1_000_000);
                let h = positive(&mut c, "headway_hours", v.headway_hours, 24.0 * 365.0);
                for f in [
                    "servers",
                    "service_hours",
                    "batch",
                    "service_cv",
                    "arrival_cv",
                ] {
                    let given = match f {
                        "servers" => v.servers.is_some(),
                        "service_hours" => v.service_hours.is_some(),
                        "batch" => v.batch.is_some(),
                        "service_cv" => v.service_cv.is_some(),
                        _ => v.arrival_cv.is_some(),
                    };
                    if given {
                        c.problem(f, "belongs to model = \"servers\", not departures");
                    }
                }
                b.zip(h)
                    .map(|(per_departure, headway_hours)| CapacityModel::Departures {
                        per_departure,
                        headway_hours,
                    })
            }
            "servers" => {
                let n = count(&mut c, "servers", v.servers, 10_000);
                let s = positive(&mut c, "service_hours", v.service_hours, 24.0 * 60.0);
                let b = positive(&mut c, "batch", v.batch, 100_000.0);
                let mut cv = |f: &str, x: Option<f64>| match x {
                    None => {
                        c.problem(f, "missing: the servers model needs it");
                        None
                    }
                    Some(x) => {
                        c.number(f, x, 0.0, 10.0, &v.source);
                        (x.is_finite() && (0.0..=10.0).contains(&x)).then_some(x)
                    }
                };
                let scv = cv("service_cv", v.service_cv);
                let acv = cv("arrival_cv", v.arrival_cv);
                for (f, given) in [
                    ("per_departure", v.per_departure.is_some()),
                    ("headway_hours", v.headway_hours.is_some()),
                ] {
                    if given {
                        c.problem(f, "belongs to model = \"departures\", not servers");
                    }
                }
                match (n, s, b, scv, acv) {
                    (
                        Some(servers),
                        Some(service_hours),
                        Some(batch),
                        Some(service_cv),
                        Some(arrival_cv),
                    ) => Some(CapacityModel::Servers {
                        servers,
                        service_hours,
                        batch,
                        service_cv,
                        arrival_cv,
                    }),
                    _ => None,
                }
            }
            m => {
                c.problem(
                    "model",
                    format!("unknown model `{m}` (expected departures or servers)"),
                );
                None
            }
        };
        c.number("base_hours", v.base_hours, 0.0, MAX_LEG_HOURS, &v.source);
        if v.background_per_year != 0.0 {
            c.number(
                "background_per_year",
                v.background_per_year,
                0.0,
                1e9,
                &v.source,
            );
        }
        let winter_factor = match v.winter_factor {
            Some(f) => {
                c.number("winter_factor", f, f64::MIN_POSITIVE, 1.0, &v.source);
                if v.winter_months.is_empty() {
                    c.problem("winter_months", "a winter factor needs its months");
                }
                f
            }
            None => {
                if !v.winter_months.is_empty() {
                    c.problem("winter_factor", "winter months without a winter factor");
                }
                1.0
            }
        };
        let mut months = Vec::new();
        for &m in &v.winter_months {
            if !(1..=12).contains(&m) || months.contains(&(m as u8)) {
                c.problem("winter_months", format!("{m} is not a new month 1…12"));
            } else {
                months.push(m as u8);
            }
        }
        c.unused_sources(
            &v.source,
            &[
                "applies",
                "per_departure",
                "headway_hours",
                "servers",
                "service_hours",
                "batch",
                "service_cv",
                "arrival_cv",
                "base_hours",
                "background_per_year",
                "winter_factor",
                "winter_months",
            ],
        );
        let Some(model) = model else {
            continue;
        };
        out.push(Capacity {
            id: v.id.clone(),
            name: v.name.clone(),
            applies,
            direction: dirs,
            model,
            base_hours: v.base_hours,
            background_per_year: v.background_per_year,
            winter_factor,
            winter_months: months,
            estimate: v.estimate,
            sources: sources(&mut Interner::default(), v.source.clone()),
            origin,
        });
    }
    out
}

/// The `[[variability]]` records of every file, checked against the links and nodes.
fn variability_records(
    texts: &[Text<'_>],
    parsed: &[(usize, usize, RawFile)],
    base: &[crate::network::Variability],
    nodes: &[Node],
    links: &[Link],
    problems: &mut Vec<Problem>,
) -> Vec<crate::network::Variability> {
    use crate::distribution::Shock;
    use crate::network::{Component, Part, Variability};
    let mut out: Vec<Variability> = base.to_vec();
    for (v, text, start, origin) in each_record(texts, parsed, |r| &r.variability) {
        let mut c = Checker {
            text,
            start,
            prefix: "variability.",
            problems,
        };
        if !is_slug(&v.id.replace('-', "_")) {
            c.problem("id", format!("`{}` is not a lowercase slug", v.id));
        }
        if out.iter().any(|x| x.id == v.id) {
            c.problem("id", format!("duplicate variability id `{}`", v.id));
        }
        check_text(&mut c, "name", &v.name);
        if v.applies.is_empty() {
            c.problem("applies", "lists no component");
        }
        let mut applies = Vec::new();
        for (i, a) in v.applies.iter().enumerate() {
            let f = format!("applies[{i}]");
            let Some(comp) = component(&mut c, &f, a, nodes, links, &Part::ALL) else {
                continue;
            };
            // A component with no fixed hours has nothing to vary (a delay adds its own).
            match &comp {
                Component::Link { link, part, loaded }
                    if *part != Part::Delay && loaded.iter().all(|&h| h <= 0.0) =>
                {
                    c.problem(
                        &format!("{f}.part"),
                        format!(
                            "link `{link}` has no {} hours to vary (for an added delay use part = \"delay\")",
                            part.as_str()
                        ),
                    );
                    continue;
                }
                Component::Transfer { node, kind, loaded } if *loaded <= 0.0 => {
                    c.problem(
                        &format!("{f}.transfer"),
                        format!(
                            "the {} facility at `{node}` takes no hours to vary",
                            kind.as_str()
                        ),
                    );
                    continue;
                }
                _ => applies.push(comp),
            }
        }
        let same = |a: &Component, b: &Component| match (a, b) {
            (
                Component::Link { link, part, .. },
                Component::Link {
                    link: l2, part: p2, ..
                },
            ) => link == l2 && part == p2,
            (
                Component::Transfer { node, kind, .. },
                Component::Transfer {
                    node: n2, kind: k2, ..
                },
            ) => node == n2 && kind == k2,
            _ => false,
        };
        for (i, a) in applies.iter().enumerate() {
            let twice = applies[..i].iter().any(|b| same(a, b));
            let elsewhere = out.iter().find(|x| x.applies.iter().any(|b| same(a, b)));
            if twice {
                c.problem("applies", format!("lists {a:?} twice"));
            } else if let Some(x) = elsewhere {
                c.problem(
                    "applies",
                    format!(
                        "a component of `{}` is already drawn by `{}` ({}): one record per component",
                        v.id, x.id, x.origin
                    ),
                );
            }
        }
        let delays = applies
            .iter()
            .filter(|a| {
                matches!(
                    a,
                    Component::Link {
                        part: Part::Delay,
                        ..
                    }
                )
            })
            .count();
        if delays > 0 && delays < applies.len() {
            c.problem(
                "applies",
                "mixes `delay` parts (an added delay, once per route) with other parts (each component's own hours): make two records",
            );
        }
        let distribution = v
            .distribution
            .as_ref()
            .and_then(|d| raw_distribution(&mut c, "distribution", d));
        if v.distribution.is_some() {
            c.sourced("distribution", &v.source);
        }
        let shock = v.shock.as_ref().and_then(|s| {
            let mut ok = true;
            if !(s.p.is_finite() && (0.0..=1.0).contains(&s.p)) {
                c.problem("shock.p", format!("{} must be a probability in 0…1", s.p));
                ok = false;
            }
            let mut months: Vec<u8> = Vec::new();
            for &m in &s.months {
                if !(1..=12).contains(&m) || months.contains(&(m as u8)) {
                    c.problem(
                        "shock.months",
                        format!("{m}: months are distinct numbers 1–12"),
                    );
                    ok = false;
                } else {
                    months.push(m as u8);
                }
            }
            let delay = raw_distribution(&mut c, "shock.delay", &s.delay);
            c.sourced("shock", &v.source);
            Some(Shock {
                p: s.p,
                months,
                delay: delay?,
            })
            .filter(|_| ok)
        });
        if v.distribution.is_none() && v.shock.is_none() {
            c.problem("distribution", "give a distribution, a shock or both");
        }
        c.unused_sources(&v.source, &["distribution", "shock", "applies"]);
        out.push(Variability {
            id: v.id.clone(),
            name: v.name.clone(),
            applies,
            distribution,
            shock,
            estimate: v.estimate,
            sources: sources(&mut Interner::default(), v.source.clone()),
            origin,
        });
    }
    out
}

#[allow(clippy::too_many_arguments)]
/// Checks a `[[link]]` record whose header starts at `start` of `text`, and makes its link when
/// its ends, mode and numbers allow one. Duplicate ids are found later, across all links.
fn check_link(
    l: &RawLink,
    text: &Text<'_>,
    start: usize,
    origin: Origin,
    cx: &LinkContext<'_>,
    shared: &mut Shared,
    problems: &mut Vec<Problem>,
) -> Option<Link> {
    let LinkContext {
        nodes,
        index,
        services,
        circuity,
    } = *cx;
    let mut c = Checker {
        text,
        start,
        prefix: "link.",
        problems,
    };
    let id = link_id(l);
    if l.id.is_some() && !id.bytes().all(|b| b == b'-' || is_slug_byte(b)) {
        c.problem(
            "id",
            format!("`{id}` is not a lowercase ASCII slug ([a-z0-9_-]+)"),
        );
    }
    let from = index.get(l.from.as_str()).copied();
    let to = index.get(l.to.as_str()).copied();
    for (field, v, i) in [("from", &l.from, from), ("to", &l.to, to)] {
        if i.is_none() {
            c.problem(field, format!("unknown node `{v}`"));
        }
    }
    if l.from == l.to {
        c.problem(
            "to",
            format!("self-loop: `from` and `to` are both `{}`", l.to),
        );
    }
    for tag in &l.corridors {
        check_text(&mut c, "corridors", tag);
    }
    let mode = Mode::parse(&l.mode);
    if mode.is_none() {
        c.problem(
            "mode",
            format!("unknown mode `{}` (expected rail, road or sea)", l.mode),
        );
    }
    let gauge = match (mode, l.gauge) {
        (Some(Mode::Rail), None) => {
            c.problem("mode", "a rail link needs `gauge = 1435` or `gauge = 1520`");
            None
        }
        (Some(Mode::Rail), Some(g)) => {
            let gauge = Gauge::from_mm(g);
            if gauge.is_none() {
                c.problem(
                    "gauge",
                    format!("unknown gauge {g} (expected 1435 or 1520)"),
                );
            }
            gauge
        }
        (Some(m), Some(_)) => {
            c.problem("gauge", format!("a {m} link has no gauge"));
            None
        }
        _ => None,
    };
    let mode_for_limits = mode.unwrap_or(Mode::Rail);

    for (i, p) in l.geometry.iter().enumerate() {
        let lon_ok = p[0].is_finite() && (-180.0..=180.0).contains(&p[0]);
        let lat_ok = p[1].is_finite() && (-90.0..=90.0).contains(&p[1]);
        if !(lon_ok && lat_ok) {
            c.problem(
                "geometry",
                format!(
                    "waypoint {} [{}, {}] is not a [lon, lat] pair in range",
                    i + 1,
                    p[0],
                    p[1]
                ),
            );
        }
    }

    // Length.
    let (km, km_estimated) = match (l.km, from, to) {
        (Some(km), _, _) => {
            c.number("km", km, f64::MIN_POSITIVE, MAX_KM, &l.source);
            (km, false)
        }
        (None, Some(a), Some(b)) => {
            let mut pts = vec![(nodes[a].lon, nodes[a].lat)];
            pts.extend(l.geometry.iter().map(|p| (p[0], p[1])));
            pts.push((nodes[b].lon, nodes[b].lat));
            let metres: f64 = pts
                .windows(2)
                .map(|w| Geodesic.distance(Point::new(w[0].0, w[0].1), Point::new(w[1].0, w[1].1)))
                .sum();
            let factor = if l.geometry.is_empty() {
                match l.circuity {
                    Some(f) => {
                        if !(f.is_finite() && (1.0..=3.0).contains(&f)) {
                            c.problem("circuity", format!("{f} must lie in 1…3"));
                        }
                        f
                    }
                    None => match mode_for_limits {
                        Mode::Rail => circuity.rail,
                        Mode::Road => circuity.road,
                        Mode::Sea => circuity.sea,
                    },
                }
            } else {
                1.0
            };
            let km = metres / 1000.0 * factor;
            if a != b && !(km > 0.0 && km <= MAX_KM) {
                c.problem("km", format!("computed length {km:.1} km is not plausible"));
            }
            (km, true)
        }
        _ => (1.0, true),
    };

    let running = match (l.speed_kmh, l.hours) {
        (Some(v), None) => {
            c.number(
                "speed_kmh",
                v,
                f64::MIN_POSITIVE,
                max_speed(mode_for_limits),
                &l.source,
            );
            Running::SpeedKmh(v)
        }
        (None, Some(h)) => {
            c.number("hours", h, 0.0, MAX_LEG_HOURS, &l.source);
            Running::Hours(h)
        }
        (Some(_), Some(_)) => {
            c.problem("hours", "give either `speed_kmh` or `hours`, not both");
            Running::Hours(0.0)
        }
        (None, None) => {
            c.problem("speed_kmh", "missing: give `speed_kmh` or `hours`");
            Running::Hours(0.0)
        }
    };
    if let Running::SpeedKmh(v) = running {
        let h = km / v;
        if v > 0.0 && !(h.is_finite() && h <= MAX_LEG_HOURS) {
            c.problem(
                "speed_kmh",
                format!("{km:.0} km at {v} km/h takes {h:.3e} h, more than a leg may (60 days)"),
            );
        }
    }
    if let (Running::Hours(h), Some(m)) = (running, mode) {
        if h > 0.0 && km / h > max_speed(m) {
            c.problem(
                "hours",
                format!("{h} h for {km:.0} km is {:.0} km/h, absurd for {m}", km / h),
            );
        }
    }
    // Sea services: each named one must be declared; a sea link without a tariff of its own
    // takes its services' rate (they must agree).
    let mut service_rates = Vec::new();
    if !l.services.is_empty() && mode.is_some_and(|m| m != Mode::Sea) {
        c.problem("services", "only sea links belong to services");
    }
    for name in &l.services {
        match services.iter().find(|s| &s.id == name) {
            Some(s) => service_rates.push(s.usd_per_km),
            None => {
                let known: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
                c.problem(
                    "services",
                    format!(
                        "unknown service `{name}` (declare it in a [[service]] table; known: {})",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ),
                );
            }
        }
    }
    let inherited = match service_rates.split_first() {
        Some((first, rest)) if first.is_some() && rest.iter().all(|r| r == first) => *first,
        _ => None,
    };
    if l.usd_per_km.is_none() && l.usd_fixed.is_none() && inherited.is_none() {
        c.problem(
            "usd_per_km",
            if service_rates.iter().any(Option::is_some) {
                "missing: its services' rates differ, so give the link its own `usd_per_km` and/or `usd_fixed`"
            } else {
                "missing: give `usd_per_km` and/or `usd_fixed` (or a rate on its service)"
            },
        );
    }
    for (field, v) in [
        ("call_hours", l.call_hours),
        ("call_hours_reverse", l.call_hours_reverse),
    ] {
        if let Some(v) = v {
            c.number(field, v, 0.0, MAX_LEG_HOURS, &l.source);
            if mode.is_some_and(|m| m != Mode::Sea) {
                c.problem(field, "only sea links have port calls");
            }
        }
    }
    if l.oneway && l.call_hours_reverse.is_some() {
        c.problem(
            "call_hours_reverse",
            "a one-way link has no reverse direction",
        );
    }
    if let Some(v) = l.usd_per_km {
        c.number("usd_per_km", v, 0.0, MAX_USD_PER_KM, &l.source);
    }
    if let Some(v) = l.usd_fixed {
        c.number("usd_fixed", v, 0.0, MAX_USD, &l.source);
    }
    if let Some(v) = l.wait_hours {
        c.number("wait_hours", v, 0.0, MAX_LEG_HOURS, &l.source);
    }
    if let Some(v) = l.wait_hours_reverse {
        c.number("wait_hours_reverse", v, 0.0, MAX_LEG_HOURS, &l.source);
        c.sourced("wait_hours", &l.source);
    }
    let status = match &l.status {
        None => Status::Operating,
        Some(s) => Status::parse(s).unwrap_or_else(|| {
            c.problem(
                "status",
                format!("unknown status `{s}` (expected operating, under_construction or planned)"),
            );
            Status::Operating
        }),
    };
    let available_from = l.available_from.map(|y| {
        c.number("available_from", y as f64, 1800.0, 2100.0, &l.source);
        y as i32
    });
    if status != Status::Operating && available_from.is_none() {
        c.problem(
            "available_from",
            format!(
                "missing: a link that is {} needs the year it opens",
                status.as_str()
            ),
        );
    }
    for cc in &l.transit_countries {
        if !is_country(cc) {
            c.problem(
                "transit_countries",
                format!("`{cc}` is not an ISO 3166-1 alpha-2 code"),
            );
        }
    }
    c.unused_sources(
        &l.source,
        &[
            "km",
            "speed_kmh",
            "hours",
            "usd_per_km",
            "usd_fixed",
            "wait_hours",
            "call_hours",
            "available_from",
            "traction",
            "vessel",
        ],
    );
    if l.oneway && l.wait_hours_reverse.is_some() {
        c.problem(
            "wait_hours_reverse",
            "a one-way link has no reverse direction",
        );
    }

    let traction = match (&l.traction, mode) {
        (None, _) => None,
        (Some(t), Some(Mode::Rail)) => {
            let t2 = Traction::parse(t);
            if t2.is_none() {
                c.problem(
                    "traction",
                    format!("unknown traction `{t}` (expected electric or diesel)"),
                );
            }
            t2
        }
        (Some(_), _) => {
            c.problem("traction", "only rail links have a traction");
            None
        }
    };
    if l.vessel.is_some() && mode.is_some_and(|m| m != Mode::Sea) {
        c.problem("vessel", "only sea links have a vessel class");
    }
    // Border.
    let cross_border = match (from, to) {
        (Some(a), Some(b)) => nodes[a].country != nodes[b].country,
        _ => false,
    };
    let border = match &l.border {
        Some(b) => {
            let bstart = text.subtable(start, "[link.border]").unwrap_or(start);
            let mut c = Checker {
                text,
                start: bstart,
                prefix: "link.border.",
                problems,
            };
            if !cross_border && from.is_some() && to.is_some() {
                c.problem(
                    "hours",
                    "a [link.border] on a link whose ends lie in the same country",
                );
            }
            c.number("hours", b.hours, 0.0, MAX_LEG_HOURS, &b.source);
            c.number("usd", b.usd, 0.0, MAX_USD, &b.source);
            if let Some(v) = b.hours_reverse {
                c.number("hours_reverse", v, 0.0, MAX_LEG_HOURS, &b.source);
            }
            if let Some(v) = b.usd_reverse {
                c.number("usd_reverse", v, 0.0, MAX_USD, &b.source);
            }
            c.unused_sources(&b.source, &["hours", "usd"]);
            Some(Border {
                hours: [b.hours, b.hours_reverse.unwrap_or(b.hours)],
                usd: [b.usd, b.usd_reverse.unwrap_or(b.usd)],
            })
        }
        None => {
            // Sea cargo clears customs at the port of discharge (in its rail_sea handling), not
            // on the water, so a sea link may omit the table; land links may not.
            if cross_border && mode != Some(Mode::Sea) {
                let mut c = Checker {
                    text,
                    start,
                    prefix: "link.",
                    problems,
                };
                c.problem(
                    "border",
                    format!(
                        "the ends lie in {} and {}: a cross-border link needs a [link.border] table with dwell hours and fees",
                        nodes[from.unwrap()].country,
                        nodes[to.unwrap()].country
                    ),
                );
            }
            None
        }
    };

    let (from, to, mode) = (from?, to?, mode?);
    let wait = l.wait_hours.unwrap_or(0.0);
    let call = l.call_hours.unwrap_or(0.0);
    Some(Link {
        id,
        from,
        to,
        mode,
        gauge,
        km,
        km_estimated,
        running,
        usd_per_km: l
            .usd_per_km
            .or(if l.usd_fixed.is_none() {
                inherited
            } else {
                None
            })
            .unwrap_or(0.0),
        usd_fixed: l.usd_fixed.unwrap_or(0.0),
        wait_hours: [wait, l.wait_hours_reverse.unwrap_or(wait)],
        call_hours: [call, l.call_hours_reverse.unwrap_or(call)],
        services: l.services.clone(),
        traction,
        vessel: l.vessel.clone(),
        border,
        status,
        available_from,
        oneway: l.oneway,
        corridors: l.corridors.clone(),
        transit_countries: l.transit_countries.clone(),
        geometry: l.geometry.iter().map(|p| (p[0], p[1])).collect(),
        circuity: l.circuity,
        closed: false,
        sources: {
            let border: Vec<(String, &str)> = l
                .border
                .iter()
                .flat_map(|b| &b.source)
                .map(|(k, v)| (format!("border.{k}"), v.as_str()))
                .collect();
            let pairs = l
                .source
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .chain(border.iter().map(|(k, v)| (k.as_str(), *v)))
                .collect();
            shared.sources(pairs)
        },
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Vec<SourceFile> {
        vec![SourceFile {
            name: "t.toml".into(),
            text: text.into(),
        }]
    }

    const META: &str = r#"[network]
name = "t"
data_year = 2025
value_of_time_usd_per_hour = 10
circuity = { rail = 1.3, road = 1.25, sea = 1.2 }
source = { data_year = "x", value_of_time_usd_per_hour = "x", circuity = "x" }
"#;

    fn node(id: &str, country: &str, lon: f64) -> String {
        format!(
            "[[node]]\nid = \"{id}\"\nname = \"{id}\"\ncountry = \"{country}\"\nlat = 40.0\nlon = {lon}\nkind = \"city\"\nsource = {{ coords = \"x\" }}\n\n"
        )
    }

    fn problems(text: &str) -> Vec<Problem> {
        match parse(&file(text)) {
            Err(Error::InvalidNetwork { problems }) => problems,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    /// Extending checks the new records against the base, including a base a caller built with
    /// a repeated id (which is not the new file's problem, and must not upset the check).
    #[test]
    fn extending_reports_new_duplicates_only() {
        let mut base = parse(&file(&format!(
            "{META}{}{}",
            node("a", "TR", 30.0),
            node("b", "TR", 31.0)
        )))
        .unwrap();
        base.nodes[1].id = "a".into();
        let extra = |id: &str| SourceFile {
            name: "s.toml".into(),
            text: node(id, "TR", 32.0),
        };
        let net = extend(&base, &extra("c")).unwrap();
        assert_eq!(net.nodes.len(), 3);
        let problems = extend(&base, &extra("a")).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].file.as_str(), problems[0].line), ("s.toml", 2));
        assert!(problems[0]
            .message
            .starts_with("duplicate node id `a` (first defined at t.toml:"));
    }

    #[test]
    fn loads_a_valid_network_and_computes_lengths() {
        let text = format!(
            "{META}{}{}[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"rail\"\ngauge = 1435\nspeed_kmh = 50\nusd_per_km = 1\nsource = {{ speed_kmh = \"x\", usd_per_km = \"x\" }}\n",
            node("a", "TR", 30.0),
            node("b", "TR", 31.0)
        );
        let net = parse(&file(&text)).unwrap();
        let l = &net.links[0];
        assert!(l.km_estimated);
        // One degree of longitude at 40°N is ≈85.4 km on the ellipsoid; × rail circuity 1.3.
        assert!((l.km - 85.4 * 1.3).abs() < 1.0, "{}", l.km);
        assert!((l.haul_hours() - l.km / 50.0).abs() < 1e-9);
    }

    #[test]
    fn reports_every_problem_with_line_and_field() {
        let text = format!(
            "{META}{}{}[[link]]\nfrom = \"a\"\nto = \"zz\"\nmode = \"boat\"\nkm = -5\nspeed_kmh = nan\nusd_per_km = 1\nsource = {{ km = \"x\", speed_kmh = \"x\" }}\n",
            node("a", "TR", 30.0),
            node("a", "XX", 31.0)
        );
        let ps = problems(&text);
        let has = |line: usize, field: &str, what: &str| {
            assert!(
                ps.iter()
                    .any(|p| p.line == line && p.field == field && p.message.contains(what)),
                "missing {line} {field} {what}: {ps:#?}"
            )
        };
        has(17, "node.id", "duplicate node id `a`");
        has(19, "node.country", "`XX` is not an ISO");
        has(27, "link.to", "unknown node `zz`");
        has(28, "link.mode", "unknown mode `boat`");
        has(29, "link.km", "must be greater than 0");
        has(30, "link.speed_kmh", "finite");
        has(31, "link.usd_per_km", "has no source");
    }

    #[test]
    fn a_bad_field_in_one_record_does_not_hide_the_others() {
        let text = format!(
            "{META}{}[[node]]\nid = \"b\"\nname = \"b\"\ncountry = \"TR\"\nlat = \"north\"\nlon = 31\nkind = \"city\"\ncolour = \"red\"\nsource = {{ coords = \"x\" }}\n\n[[link]]\nfrom = \"a\"\nto = \"a2\"\nmode = \"rail\"\ngauge = 1000\nhours = 1\nusd_fixed = 1\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n",
            node("a", "TR", 30.0)
        );
        let ps = problems(&text);
        // The node's first error (an unknown field) is reported on its line; the link's problems
        // are still found.
        assert!(
            ps.iter()
                .any(|p| p.line == 23 && p.message.contains("unknown field `colour`")),
            "{ps:#?}"
        );
        assert!(
            ps.iter()
                .any(|p| p.field == "link.to" && p.message.contains("unknown node `a2`")),
            "{ps:#?}"
        );
        assert!(
            ps.iter()
                .any(|p| p.field == "link.gauge" && p.message.contains("unknown gauge 1000")),
            "{ps:#?}"
        );
    }

    #[test]
    fn provenance_counts_sources_and_estimates() {
        let text = format!(
            "{META}{}",
            node("a", "TR", 30.0).replace("coords = \"x\"", "coords = \"Estimate: from a map\"")
        );
        let net = parse(&file(&text)).unwrap();
        assert_eq!(net.provenance.sources, 4);
        assert_eq!(net.provenance.estimates, 1);
    }

    #[test]
    fn syntax_error_names_the_line() {
        let ps = problems(&format!("{META}[[node]]\nid = \"a\nname = 3\n"));
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].line, 8);
        assert_eq!(ps[0].field, "toml");
    }

    #[test]
    fn cross_border_link_needs_border_table_and_self_loop_is_rejected() {
        let text = format!(
            "{META}{}{}[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"road\"\nhours = 5\nusd_fixed = 1\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n\n[[link]]\nfrom = \"a\"\nto = \"a\"\nmode = \"road\"\nhours = 5\nusd_fixed = 1\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n",
            node("a", "TR", 30.0),
            node("b", "GE", 31.0)
        );
        let ps = problems(&text);
        assert!(
            ps.iter().any(|p| p.field == "link.border" && p.line == 25),
            "{ps:#?}"
        );
        assert!(
            ps.iter()
                .any(|p| p.message.contains("self-loop") && p.line == 35),
            "{ps:#?}"
        );
    }
}

/// The fast TOML reader ([`toml_fast`]) against the toml crate: wherever the fast reader
/// gives a record, it is the record the toml crate gives, spans included.
#[cfg(test)]
mod fast_toml_tests {
    use super::*;
    use crate::load::records::records;
    use proptest::prelude::*;

    /// `Some(same)` when the fast reader took the record, `None` when it left it to the crate.
    fn agree(slice: &str) -> Option<bool> {
        let fast = toml_fast::from_str::<RawFile>(slice)?;
        let slow = toml::from_str::<RawFile>(slice);
        let slow = slow.unwrap_or_else(|e| panic!("fast took what toml rejects ({e}):\n{slice}"));
        // Spans are compared explicitly: `Spanned`'s Debug shows only the value.
        let spans = |r: &RawFile| {
            let mut v: Vec<std::ops::Range<usize>> = Vec::new();
            v.extend(r.network.iter().map(|m| m.span()));
            v.extend(r.scenario.iter().map(|m| m.span()));
            v.extend(r.edit.iter().map(|m| m.span()));
            for n in &r.node {
                v.push(n.span());
                v.extend(n.get_ref().transfer.iter().map(|t| t.span()));
            }
            v.extend(r.link.iter().map(|m| m.span()));
            v.extend(r.service.iter().map(|m| m.span()));
            v.extend(r.family.iter().map(|m| m.span()));
            v.extend(r.variability.iter().map(|m| m.span()));
            v
        };
        assert_eq!(spans(&fast), spans(&slow), "spans differ:\n{slice}");
        assert_eq!(
            format!("{fast:?}"),
            format!("{slow:?}"),
            "records differ:\n{slice}"
        );
        Some(true)
    }

    #[test]
    fn the_shipped_files_read_the_same_and_mostly_fast() {
        let mut files = embedded_files();
        for dir in ["networks/scenarios", "tests/fixtures"] {
            let d = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            files.extend(read_files(&d).unwrap());
        }
        let (mut fast, mut all) = (0, 0);
        for f in &files {
            for (_, slice) in records(&f.text) {
                all += 1;
                fast += usize::from(agree(slice).is_some());
            }
        }
        // Records with multi-line strings or datetimes go to the crate; nearly all others are fast.
        assert!(
            fast * 10 >= all * 9,
            "only {fast} of {all} records were read fast"
        );
    }

    #[test]
    fn sub_tables_and_arrays_of_tables_as_the_toml_crate_writes_them() {
        let text = "[[node]]\nid = \"a\"\nname = \"A\"\ncountry = \"KZ\"\nlat = 40.0\nlon = 60\nkind = \"port\"\n\n[[node.transfer]]\nkind = \"rail_ship\"\nhours = 6.0\nusd = 100.0\n\n[node.transfer.source]\nhours = \"x\"\n\n[[node.transfer]]\nkind = \"rail_road\"\nhours = 1e1\nusd = 0\n\n[node.source]\ncoords = \"y\"\n";
        assert_eq!(agree(text), Some(true));
        let border = "[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"rail\"\ngauge = 1520\n\n[link.border]\nhours = 3.5\nusd = 10\n\n[link.border.source]\nhours = 'lit #'\n";
        assert_eq!(agree(border), Some(true));
    }

    #[test]
    fn left_to_the_crate() {
        for text in [
            "[[node]]\nid = \"\"\"a\"\"\"\n",       // multi-line string
            "[[node]]\nsource.coords = \"a\"\n",    // dotted key
            "[[link]]\nkm = 1_000\n",               // underscore
            "[[link]]\nkm = inf\n",                 // special float
            "[[link]]\nkm = 01\n",                  // leading zero (an error)
            "[[link]]\nkm = 1.\n",                  // bad float
            "[[link]]\nkm = 1\nkm = 2\n",           // duplicate key
            "[[link]]\nsource = { a = \"b\", }\n",  // trailing comma in an inline table
            "[[link]]\nsource = { a = \"b\"\n }\n", // a line break in an inline table
            "[[link]]\nfrom = \"a\\e\"\n",          // TOML 1.1 escape
            "[[link]]\nfrom = \"a\tb\u{1}\"\n",     // control character
            "[[link]]\nfrom = \"a\" x\n",           // junk after a value
            "[[link]]\n[link.border]\nhours = 1\n[link.border]\nusd = 1\n", // a table twice
            "[[link]]\nfrom = \"a\"\r",             // a lone carriage return
            "[[link]]\nwhen = 2025-01-01\n",        // a date
            "[[link]]\ngeometry = [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]\n", // deep nesting
            "[[link]]\nmode = \"rail\"\nunknown = 1\n", // unknown field: the crate's message
            "[[link]]\nkm = \"12\"\n",              // a type mismatch: the crate's message
        ] {
            assert!(
                toml_fast::from_str::<RawFile>(text).is_none(),
                "fast took {text:?}"
            );
        }
    }

    fn spelled_string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("a".to_string()),
            Just("Ä".to_string()),
            Just(" ".to_string()),
            Just("#".to_string()),
            Just("'".to_string()),
            Just("\\\"".to_string()),
            Just("\\\\".to_string()),
            Just("\\n".to_string()),
            Just("\\u00e9".to_string()),
            Just("\\U0001F600".to_string()),
            Just("\t".to_string()),
        ];
        prop::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
    }

    fn spelled_number() -> impl Strategy<Value = String> {
        prop_oneof![
            (-1000i64..1000).prop_map(|i| i.to_string()),
            (-1000i64..1000).prop_map(|i| format!("+{}", i.abs())),
            (-1e4f64..1e4).prop_map(|f| format!("{f}")),
            (-1e4f64..1e4).prop_map(|f| format!("{f:e}")),
            (0u32..99).prop_map(|e| format!("1.5E-{e}")),
            Just("0".to_string()),
            Just("-0.0".to_string()),
            Just("1_0".to_string()),
            Just("nan".to_string()),
            Just("007".to_string()),
        ]
    }

    fn spelled_record() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            Just("km"),
            Just("hours"),
            Just("lat"),
            Just("from"),
            Just("name"),
            Just("gauge"),
            Just("oneway"),
            Just("geometry"),
            Just("source"),
            Just("corridors"),
            Just("bogus"),
        ];
        let value = prop_oneof![
            spelled_string(),
            spelled_number(),
            Just("true".to_string()),
            Just("false".to_string()),
            prop::collection::vec(spelled_number(), 0..3)
                .prop_map(|v| format!("[[{}], [1, 2],\n  # c\n ]", v.join(", "))),
            prop::collection::vec(spelled_string(), 0..3)
                .prop_map(|v| format!("[ {} ]", v.join(","))),
            (spelled_string(), spelled_string())
                .prop_map(|(a, b)| format!("{{ km = {a}, \"hours\" = {b} }}")),
        ];
        let header = prop_oneof![
            Just("[[link]]"),
            Just("[[node]]"),
            Just("[ [link] ]"),
            Just("[network]"),
            Just("[[edit]]"),
        ];
        let sep = prop_oneof![Just("\n"), Just("\r\n"), Just(" # note\n"), Just("\n\n")];
        (
            header,
            prop::collection::vec((key, any::<bool>(), value, sep), 0..8),
        )
            .prop_map(|(h, lines)| {
                let mut t = format!("# before\n{h}\n");
                for (k, quoted, v, sep) in lines {
                    if quoted {
                        t.push_str(&format!("\"{k}\" = {v}{sep}"));
                    } else {
                        t.push_str(&format!("{k}={v}{sep}"));
                    }
                }
                t
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn generated_records_read_the_same(text in spelled_record(), cut in 0usize..400, junk in prop::sample::select(vec!["", "\"", "[", "=", "\n", "]", "{", "'", "#", ",", "."])) {
            // Whatever the fast reader accepts, the crate reads the same.
            agree(&text);
            // And with a character of junk somewhere.
            let mut at = cut.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mutated = format!("{}{junk}{}", &text[..at], &text[at..]);
            agree(&mutated);
        }
    }

    #[test]
    fn a_canonical_record_is_read_fast() {
        let text = "[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"rail\"\ngauge = 1520\nkm = 1.1\nspeed_kmh = 50\nusd_per_km = 0.5\ngeometry = [[60.0, 40.5], [60.1, 40.6]]\ncorridors = [\"middle\"]\nsource = { km = \"generated\", speed_kmh = \"generated\", usd_per_km = \"g \\\"q\\\"\" }\n";
        assert_eq!(agree(text), Some(true));
    }
}
