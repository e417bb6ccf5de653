//! `[network.study]`: the network's default study (origin and destination, the question a report
//! answers, the names of routes by corridor, the hubs every map labels, the places it promises to
//! connect, a regional panel). Checked after the links, since it
//! names nodes and corridor tags. Definitions, not measurements: it takes no source. A scenario
//! cannot change it (it cannot hold a `[network]` table), so an extended network keeps its base's.

use super::check::{check_text, is_slug, At, Checker};
use super::meta::Meta;
use super::raw::{Kept, RawStudy};
use crate::error::Problem;
use crate::network::{CorridorName, Family, Headline, Link, Network, Panel, Study};
use crate::text::FastMap;

/// What the study's names are checked against.
pub(super) struct Known<'n> {
    /// Node ids.
    pub(super) nodes: &'n FastMap<&'n str, usize>,
    /// Every link, for its corridor tags.
    pub(super) links: &'n [Link],
    /// The corridor families, which headline questions name.
    pub(super) families: &'n [Family],
}

/// The study of the `[network]` table (taken out of it), checked against `known`; the base's when
/// extending one.
pub(super) fn study(
    meta: Option<&mut Meta>,
    kept: &Kept<'_>,
    base: Option<&Network>,
    known: &Known<'_>,
    problems: &mut Vec<Problem>,
) -> Study {
    let Some(meta) = meta else {
        return base.map(|b| b.study.clone()).unwrap_or_default();
    };
    let Some(raw) = meta.raw.study.take() else {
        return Study::default();
    };
    let (ti, record, header) = meta.at;
    let text = &kept.texts[ti];
    let start = text
        .next_header(header, "[network.study]", "network.")
        .unwrap_or(header);
    let at = At {
        text,
        record,
        start,
    };
    let mut c = at.checker("network.study.", problems);
    let ends = ends(&raw, known, &mut c);
    if let Some(q) = &raw.question {
        question(&mut c, q);
    }
    for hub in &raw.hubs {
        node(&mut c, "hubs", hub, known);
    }
    for (i, place) in raw.required.iter().enumerate() {
        node(&mut c, "required", place, known);
        if raw.required[..i].contains(place) {
            c.problem("required", format!("`{place}` is named twice"));
        }
    }
    let corridors = corridors(&raw, known, at, c.problems);
    let headlines = headlines(&raw, known, at, c.problems);
    let panel = raw.panel.map(|p| {
        let start = text
            .next_header(start, "[network.study.panel]", "network.")
            .unwrap_or(start);
        let mut c = At { start, ..at }.checker("network.study.panel.", problems);
        check_text(&mut c, "title", &p.title);
        let bbox = bbox(&mut c, &p.bbox);
        for place in &p.places {
            node(&mut c, "places", place, known);
        }
        Panel {
            title: p.title,
            bbox,
            places: p.places,
        }
    });
    Study {
        ends,
        question: raw.question,
        corridors,
        hubs: raw.hubs,
        required: raw.required,
        panel,
        headlines,
    }
}

/// The study's origin and destination: both or neither, each a node.
fn ends(raw: &RawStudy, known: &Known<'_>, c: &mut Checker<'_, '_>) -> Option<(String, String)> {
    match (&raw.from, &raw.to) {
        (Some(from), Some(to)) => {
            node(c, "from", from, known);
            node(c, "to", to, known);
            if from == to {
                c.problem("to", format!("the same node as `from` (`{to}`)"));
            }
            Some((from.clone(), to.clone()))
        }
        (None, None) => None,
        (Some(_), None) => {
            c.problem("from", "a study origin needs a destination: add `to`");
            None
        }
        (None, Some(_)) => {
            c.problem("to", "a study destination needs an origin: add `from`");
            None
        }
    }
}

/// The study's question: a name's characters, and no placeholder but `{from}` and `{to}`.
fn question(c: &mut Checker<'_, '_>, q: &str) {
    check_text(c, "question", q);
    let mut rest = q;
    while let Some(open) = rest.find('{') {
        let end = rest[open..].find('}').map_or(rest.len(), |e| open + e + 1);
        let p = &rest[open..end];
        if !crate::network::QUESTION_PLACEHOLDERS.contains(&p) {
            c.problem(
                "question",
                format!("`{p}` is not a placeholder: write {{from}} or {{to}}"),
            );
        }
        rest = &rest[end..];
    }
}

/// A node id named by `field`, which must be in the network.
fn node(c: &mut Checker<'_, '_>, field: &str, id: &str, known: &Known<'_>) {
    if !known.nodes.contains_key(id) {
        c.problem(field, format!("no node `{id}` in the network"));
    }
}

/// A corridor tag named by `field`: a slug some link carries.
fn tag(c: &mut Checker<'_, '_>, field: &str, t: &str, known: &Known<'_>) {
    if !is_slug(t) {
        c.problem(field, format!("`{t}` is not a lowercase slug"));
    } else if !known.links.iter().any(|l| l.has_corridor(t)) {
        c.problem(field, format!("no link carries the tag `{t}`"));
    }
}

/// The `[[network.study.corridor]]` names, each checked where it is.
fn corridors(
    raw: &RawStudy,
    known: &Known<'_>,
    at: At<'_, '_>,
    problems: &mut Vec<Problem>,
) -> Vec<CorridorName> {
    let mut out: Vec<CorridorName> = Vec::new();
    let mut from = at.start;
    for r in &raw.corridor {
        let mut c = at
            .next_in_study(&mut from, "[[network.study.corridor]]")
            .checker("network.study.corridor.", problems);
        tag(&mut c, "tag", &r.tag, known);
        if out.iter().any(|x| x.tag == r.tag) {
            c.problem("tag", format!("`{}` is named twice", r.tag));
        }
        check_text(&mut c, "name", &r.name);
        for b in &r.branches {
            tag(&mut c, "branches", &b.tag, known);
            check_text(&mut c, "branches", &b.name);
        }
        out.push(CorridorName {
            tag: r.tag.clone(),
            name: r.name.clone(),
            branches: r
                .branches
                .iter()
                .map(|b| (b.tag.clone(), b.name.clone()))
                .collect(),
        });
    }
    out
}

impl<'t, 'a> At<'t, 'a> {
    /// The next `header` of the `[network]` table after `*from` (this table when there is none),
    /// with `from` moved to it: the record of an array of tables, one after the other.
    fn next_in_study(self, from: &mut usize, header: &str) -> At<'t, 'a> {
        let start = self
            .text
            .next_header(*from, header, "network.")
            .unwrap_or(self.start);
        *from = start;
        At { start, ..self }
    }
}

/// The measures a headline question may be asked in (the objectives' names).
const MEASURES: [&str; 5] = ["time", "cost", "generalized", "co2", "distance"];

/// The `[[network.study.headline]]` questions, each checked where it is: one of `compare` (two
/// different families) and `effect_of` (a scenario's name), families the network declares, a
/// known measure. Scenario names are checked by the study that asks them.
fn headlines(
    raw: &RawStudy,
    known: &Known<'_>,
    at: At<'_, '_>,
    problems: &mut Vec<Problem>,
) -> Vec<Headline> {
    let mut out = Vec::new();
    let mut from = at.start;
    let ids: Vec<&str> = known.families.iter().map(|f| f.id.as_str()).collect();
    for r in &raw.headline {
        let mut c = at
            .next_in_study(&mut from, "[[network.study.headline]]")
            .checker("network.study.headline.", problems);
        let family = |c: &mut Checker<'_, '_>, field: &str, id: &str| {
            if !ids.contains(&id) {
                c.problem(
                    field,
                    format!(
                        "no corridor family `{id}`{}",
                        crate::text::did_you_mean(id, &ids)
                    ),
                );
            }
        };
        if let Some(q) = &r.question {
            check_text(&mut c, "question", q);
        }
        let compare = match r.compare.as_deref() {
            Some([a, b]) => {
                family(&mut c, "compare", a);
                family(&mut c, "compare", b);
                if a == b {
                    c.problem("compare", format!("compares `{a}` with itself"));
                }
                Some((a.clone(), b.clone()))
            }
            Some(other) => {
                c.problem(
                    "compare",
                    format!("names two families, not {}", other.len()),
                );
                None
            }
            None => None,
        };
        if r.compare.is_some() == r.effect_of.is_some() {
            c.problem(
                "compare",
                "a headline question gives one of `compare` (two families) and `effect_of` (a scenario)",
            );
        }
        if let Some(f) = &r.family {
            family(&mut c, "family", f);
        }
        if let Some(by) = &r.by {
            if !MEASURES.contains(&by.as_str()) {
                c.problem(
                    "by",
                    format!("unknown measure `{by}` (expected {})", MEASURES.join(", ")),
                );
            }
        }
        out.push(Headline {
            question: r.question.clone(),
            compare,
            effect_of: r.effect_of.clone(),
            family: r.family.clone(),
            scenario: r.scenario.clone(),
            by: r.by.clone(),
        });
    }
    out
}

/// A panel's box: west, south, east, north in degrees, each finite and in range, west of east and
/// south of north.
fn bbox(c: &mut Checker<'_, '_>, v: &[f64]) -> [f64; 4] {
    let [w, s, e, n] = match v {
        [w, s, e, n] => [*w, *s, *e, *n],
        _ => {
            c.problem(
                "bbox",
                format!(
                    "needs four numbers (west, south, east, north), not {}",
                    v.len()
                ),
            );
            return [0.0; 4];
        }
    };
    let lon = |x: f64| x.is_finite() && (-180.0..=180.0).contains(&x);
    let lat = |x: f64| x.is_finite() && (-90.0..=90.0).contains(&x);
    if !(lon(w) && lon(e) && lat(s) && lat(n)) {
        c.problem(
            "bbox",
            "longitudes must lie in -180…180 and latitudes in -90…90",
        );
    } else if !(w < e && s < n) {
        c.problem(
            "bbox",
            "west must be less than east and south less than north",
        );
    }
    [w, s, e, n]
}
