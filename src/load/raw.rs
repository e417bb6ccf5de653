//! The records as they appear in the files: the serde `Raw*` types (one per table of the format
//! in `networks/README.md`, unknown fields refused), what a record's `source` tables count and
//! become, and the records kept after the first pass ([`Kept`]). Nothing here checks a value.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_spanned::Spanned;

use super::source::Text;
use crate::network::{Origin, Provenance};
use crate::text::Interner;

/// A record's `source` table as written: field → citation.
pub(super) type Sources = BTreeMap<String, String>;

/// A raw `source` table as the network keeps it, its texts shared.
pub(super) fn sources(shared: &mut Interner, raw: Sources) -> crate::network::Sources {
    crate::network::Sources::from_pairs(
        raw.iter()
            .map(|(k, v)| (shared.intern(k), shared.intern(v))),
    )
}

/// Shares texts and whole `source` tables while records are read (one per worker thread).
#[derive(Default)]
pub(super) struct Shared {
    /// Ids, names, file names and citations.
    pub(super) texts: Interner,
    /// The last table made: consecutive records of a large file usually cite the same sources.
    last: crate::network::Sources,
}

impl Shared {
    /// The table of these (field, citation) pairs, sorted by field, shared with the last one
    /// made when equal.
    pub(super) fn sources(&mut self, mut pairs: Vec<(&str, &str)>) -> crate::network::Sources {
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

/// The tables of one record, deserialised (a record is one table with its sub-tables, so all but
/// one of these are empty).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) network: Option<Spanned<RawMeta>>,
    /// Only in scenario files; read by [`crate::scenario`].
    pub(super) scenario: Option<Spanned<toml::Value>>,
    /// Only in scenario files; read by [`crate::scenario`].
    pub(super) edit: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub(super) node: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub(super) link: Vec<Spanned<RawLink>>,
    #[serde(default)]
    pub(super) service: Vec<Spanned<RawService>>,
    #[serde(default)]
    pub(super) family: Vec<Spanned<RawFamily>>,
    #[serde(default)]
    pub(super) variability: Vec<Spanned<RawVariability>>,
    #[serde(default)]
    pub(super) capacity: Vec<Spanned<RawCapacity>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCapacity {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) model: String,
    pub(super) applies: Vec<RawComponent>,
    pub(super) direction: Option<String>,
    pub(super) unit: String,
    pub(super) per_departure: Option<i64>,
    pub(super) headway_hours: Option<f64>,
    pub(super) servers: Option<i64>,
    pub(super) service_hours: Option<f64>,
    pub(super) batch: Option<f64>,
    pub(super) service_cv: Option<f64>,
    pub(super) arrival_cv: Option<f64>,
    pub(super) base_hours: f64,
    #[serde(default)]
    pub(super) background_per_year: f64,
    pub(super) winter_factor: Option<f64>,
    #[serde(default)]
    pub(super) winter_months: Vec<i64>,
    #[serde(default)]
    pub(super) estimate: bool,
    #[serde(default)]
    pub(super) source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVariability {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) applies: Vec<RawComponent>,
    pub(super) distribution: Option<RawDistribution>,
    pub(super) shock: Option<RawShock>,
    #[serde(default)]
    pub(super) estimate: bool,
    #[serde(default)]
    pub(super) source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawComponent {
    pub(super) link: Option<String>,
    pub(super) part: Option<String>,
    pub(super) node: Option<String>,
    pub(super) transfer: Option<String>,
    /// The hours a variability record's distribution describes, when not the component's own.
    pub(super) described_hours: Option<RawHours>,
}

/// Hours given per direction (`[forward, reverse]`, a link's part) or as one number (a
/// transfer).
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(untagged)]
pub(super) enum RawHours {
    One(f64),
    Two([f64; 2]),
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDistribution {
    pub(super) kind: String,
    pub(super) value: Option<f64>,
    pub(super) mean: Option<f64>,
    pub(super) sd: Option<f64>,
    pub(super) median: Option<f64>,
    pub(super) p90: Option<f64>,
    pub(super) min: Option<f64>,
    pub(super) mode: Option<f64>,
    pub(super) max: Option<f64>,
    pub(super) values: Option<Vec<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawShock {
    pub(super) p: f64,
    #[serde(default)]
    pub(super) months: Vec<i64>,
    pub(super) delay: RawDistribution,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFamily {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) via_tags: Vec<String>,
    #[serde(default)]
    pub(super) via_countries: Vec<String>,
    #[serde(default)]
    pub(super) avoid_tags: Vec<String>,
    #[serde(default)]
    pub(super) avoid_countries: Vec<String>,
    pub(super) colour: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawService {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) usd_per_km: Option<f64>,
    pub(super) rate_date: Option<String>,
    #[serde(default)]
    pub(super) source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub(super) name: String,
    pub(super) data_year: i64,
    pub(super) value_of_time_usd_per_hour: f64,
    pub(super) circuity: RawCircuity,
    pub(super) emissions: Option<RawEmissions>,
    pub(super) study: Option<RawStudy>,
    #[serde(default)]
    pub(super) source: Sources,
}

/// `[network.study]`: the default study's words and views. Definitions, not measurements: they
/// take no source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStudy {
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) question: Option<String>,
    #[serde(default)]
    pub(super) hubs: Vec<String>,
    #[serde(default)]
    pub(super) required: Vec<String>,
    pub(super) panel: Option<RawPanel>,
    #[serde(default)]
    pub(super) corridor: Vec<RawCorridorName>,
    #[serde(default)]
    pub(super) headline: Vec<RawHeadline>,
}

/// `[[network.study.headline]]`: one of the study's headline questions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeadline {
    pub(super) question: Option<String>,
    pub(super) compare: Option<Vec<String>>,
    pub(super) effect_of: Option<String>,
    pub(super) family: Option<String>,
    pub(super) scenario: Option<String>,
    pub(super) by: Option<String>,
}

/// `[network.study.panel]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPanel {
    pub(super) title: String,
    pub(super) bbox: Vec<f64>,
    #[serde(default)]
    pub(super) places: Vec<String>,
}

/// `[[network.study.corridor]]`: how routes on one corridor are named.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCorridorName {
    pub(super) tag: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) branches: Vec<RawBranch>,
}

/// A branch of a corridor: its tag and the name of a route that travels it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBranch {
    pub(super) tag: String,
    pub(super) name: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEmissions {
    pub(super) payload_t: f64,
    pub(super) rail_diesel_g_per_tkm: f64,
    pub(super) rail_electric_kwh_per_tkm: f64,
    pub(super) road_g_per_tkm: f64,
    pub(super) transfer_kg_per_feu: f64,
    #[serde(default)]
    pub(super) grid_g_per_kwh: BTreeMap<String, f64>,
    #[serde(default)]
    pub(super) vessel_g_per_tkm: BTreeMap<String, f64>,
    #[serde(default)]
    pub(super) source: Sources,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCircuity {
    pub(super) rail: f64,
    pub(super) road: f64,
    pub(super) sea: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNode {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) country: String,
    pub(super) lat: f64,
    pub(super) lon: f64,
    pub(super) kind: String,
    #[serde(default)]
    pub(super) corridors: Vec<String>,
    #[serde(default)]
    pub(super) transfer: Vec<Spanned<RawTransfer>>,
    #[serde(default)]
    pub(super) source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTransfer {
    pub(super) kind: String,
    pub(super) hours: f64,
    pub(super) usd: f64,
    #[serde(default)]
    pub(super) source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLink {
    pub(super) id: Option<String>,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) mode: String,
    pub(super) gauge: Option<i64>,
    pub(super) km: Option<f64>,
    pub(super) circuity: Option<f64>,
    #[serde(default)]
    pub(super) geometry: Vec<[f64; 2]>,
    pub(super) speed_kmh: Option<f64>,
    pub(super) hours: Option<f64>,
    pub(super) usd_per_km: Option<f64>,
    pub(super) usd_fixed: Option<f64>,
    pub(super) wait_hours: Option<f64>,
    pub(super) wait_hours_reverse: Option<f64>,
    pub(super) call_hours: Option<f64>,
    pub(super) call_hours_reverse: Option<f64>,
    #[serde(default)]
    pub(super) services: Vec<String>,
    pub(super) traction: Option<String>,
    pub(super) vessel: Option<String>,
    pub(super) status: Option<String>,
    pub(super) available_from: Option<i64>,
    #[serde(default)]
    pub(super) oneway: bool,
    #[serde(default)]
    pub(super) corridors: Vec<String>,
    #[serde(default)]
    pub(super) transit_countries: Vec<String>,
    pub(super) border: Option<RawBorder>,
    #[serde(default)]
    pub(super) source: Sources,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBorder {
    pub(super) hours: f64,
    pub(super) hours_reverse: Option<f64>,
    pub(super) usd: f64,
    pub(super) usd_reverse: Option<f64>,
    #[serde(default)]
    pub(super) source: Sources,
}

impl RawFile {
    /// The sources and estimates of every `source` table in the record.
    pub(super) fn provenance(&self) -> Provenance {
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
        if let Some(m) = &self.network {
            count(&m.get_ref().source);
        }
        for n in &self.node {
            count(&n.get_ref().source);
            for t in &n.get_ref().transfer {
                count(&t.get_ref().source);
            }
        }
        for v in &self.service {
            count(&v.get_ref().source);
        }
        for l in &self.link {
            count(&l.get_ref().source);
            if let Some(b) = &l.get_ref().border {
                count(&b.source);
            }
        }
        for v in &self.variability {
            count(&v.get_ref().source);
        }
        for v in &self.capacity {
            count(&v.get_ref().source);
        }
        p
    }
}

/// A link's id: its own, or `from-to`.
pub(super) fn link_id(l: &RawLink) -> String {
    l.id.clone()
        .unwrap_or_else(|| format!("{}-{}", l.from, l.to))
}

/// The records other than nodes and links, kept after the first pass for the checks that come
/// after it, with the texts they are in.
#[derive(Default)]
pub(super) struct Kept<'a> {
    /// Texts that kept records refer to: whole in-memory files, and single records copied out of
    /// pieces read from disk.
    pub(super) texts: Vec<Text<'a>>,
    /// The records: (index in `texts`, byte offset there, record).
    pub(super) parsed: Vec<(usize, usize, RawFile)>,
}

impl<'a> Kept<'a> {
    /// Each record of one kind, in order: the record, its text, where its table starts there,
    /// and where it was defined.
    pub(super) fn each<'p, T: 'p>(
        &'p self,
        pick: impl Fn(&'p RawFile) -> &'p [Spanned<T>] + 'p,
    ) -> impl Iterator<Item = (&'p T, &'p Text<'a>, usize, Origin)> + 'p {
        let texts = &self.texts;
        self.parsed.iter().flat_map(move |(ti, offset, raw)| {
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
}
