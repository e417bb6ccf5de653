//! `[[capacity]]` records: how much one component (a link's wait, call or border in a direction,
//! or a node's transfer facility) can handle, as scheduled departures or as servers, with its
//! base hours, background traffic and winter season. Checked after the links and nodes they
//! name; one capacity per component.

use super::check::{check_text, is_slug, Checker};
use super::component::Record;
use super::raw::{sources, Kept, RawCapacity, Sources};
use crate::error::Problem;
use crate::network::limits::MAX_LEG_HOURS;
use crate::network::{
    Capacity, CapacityDirection, CapacityModel, Component, Link, Node, Origin, Part,
};
use crate::text::Interner;

/// The base's capacities, then the `[[capacity]]` records of every file, checked against the
/// links and nodes.
pub(super) fn capacity_records(
    kept: &Kept<'_>,
    base: &[Capacity],
    nodes: &[Node],
    links: &[Link],
    problems: &mut Vec<Problem>,
) -> Vec<Capacity> {
    let mut out: Vec<Capacity> = base.to_vec();
    for (v, text, start, origin) in kept.each(|r| &r.capacity) {
        let mut r = Record {
            c: Checker {
                text,
                start,
                prefix: "capacity.",
                problems,
            },
            nodes,
            links,
        };
        if let Some(capacity) = capacity(&mut r, v, &out, origin) {
            out.push(capacity);
        }
    }
    out
}

/// Checks one record (`out` holds the capacities before it), and makes its capacity when it
/// can.
fn capacity(
    r: &mut Record<'_, '_, '_>,
    v: &RawCapacity,
    out: &[Capacity],
    origin: Origin,
) -> Option<Capacity> {
    let c = &mut r.c;
    if !is_slug(&v.id) {
        c.problem("id", format!("`{}` is not a lowercase slug", v.id));
    }
    if out.iter().any(|x| x.id == v.id) {
        c.problem("id", format!("duplicate capacity id `{}`", v.id));
    }
    check_text(c, "name", &v.name);
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
        return None;
    };
    let direction = direction(c, v);
    if a.described_hours.is_some() {
        c.problem(
            "applies.described_hours",
            "belongs to variability records: a capacity produces its component's hours",
        );
    }
    let applies = r.component("applies", a, &[Part::Wait, Part::Call, Part::Border])?;
    let c = &mut r.c;
    match &applies {
        Component::Link { link, part, .. } => {
            let l = r.links.iter().find(|l| &l.id == link);
            if *part == Part::Border && l.is_some_and(|l| l.border.is_none()) {
                c.problem("applies.part", format!("link `{link}` has no border"));
                return None;
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
    if let Some(other) = out.iter().find(|x| covers(x, &applies, dirs)) {
        c.problem(
            "applies",
            format!("the component already has a capacity: `{}`", other.id),
        );
    }
    let model = match v.model.as_str() {
        "departures" => departures(c, v),
        "servers" => servers(c, v),
        m => {
            c.problem(
                "model",
                format!("unknown model `{m}` (expected departures or servers)"),
            );
            None
        }
    };
    let (winter_factor, winter_months) = season(c, v);
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
    let model = model?;
    Some(Capacity {
        id: v.id.clone(),
        name: v.name.clone(),
        applies,
        direction: dirs,
        model,
        base_hours: v.base_hours,
        background_per_year: v.background_per_year,
        winter_factor,
        winter_months,
        estimate: v.estimate,
        sources: sources(&mut Interner::default(), v.source.clone()),
        origin,
    })
}

/// The direction, when given: `Some(None)` for an unknown one.
fn direction(c: &mut Checker<'_, '_>, v: &RawCapacity) -> Option<Option<CapacityDirection>> {
    v.direction.as_deref().map(|d| {
        let dir = CapacityDirection::ALL.into_iter().find(|x| x.as_str() == d);
        if dir.is_none() {
            c.problem(
                "direction",
                format!("unknown direction `{d}` (expected forward, reverse or each)"),
            );
        }
        dir
    })
}

/// Whether the capacity `x` already covers the component `applies` in the directions `dirs`.
fn covers(x: &Capacity, applies: &Component, dirs: Option<CapacityDirection>) -> bool {
    match (&x.applies, applies) {
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
    }
}

/// A positive number the model needs, at most `max`, with its source.
fn positive(
    c: &mut Checker<'_, '_>,
    field: &str,
    v: Option<f64>,
    max: f64,
    sources: &Sources,
) -> Option<f64> {
    match v {
        None => {
            c.problem(field, format!("missing: the {} model needs it", field));
            None
        }
        Some(x) => {
            c.number(field, x, f64::MIN_POSITIVE, max, sources);
            (x.is_finite() && x > 0.0 && x <= max).then_some(x)
        }
    }
}

/// A whole number the model needs, in 1…`max`, with its source.
fn count(
    c: &mut Checker<'_, '_>,
    field: &str,
    v: Option<i64>,
    max: i64,
    sources: &Sources,
) -> Option<u32> {
    match v {
        None => {
            c.problem(field, "missing: the model needs it");
            None
        }
        Some(x) if !(1..=max).contains(&x) => {
            c.problem(field, format!("{x} must be a whole number in 1…{max}"));
            None
        }
        Some(x) => {
            c.sourced(field, sources);
            Some(x as u32)
        }
    }
}

/// `model = "departures"`: so many TEU per departure, one every so many hours.
fn departures(c: &mut Checker<'_, '_>, v: &RawCapacity) -> Option<CapacityModel> {
    let b = count(c, "per_departure", v.per_departure, 1_000_000, &v.source);
    let h = positive(c, "headway_hours", v.headway_hours, 24.0 * 365.0, &v.source);
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

/// `model = "servers"`: so many servers, each taking so many hours per batch of TEU, with the
/// variability of service and arrivals.
fn servers(c: &mut Checker<'_, '_>, v: &RawCapacity) -> Option<CapacityModel> {
    let n = count(c, "servers", v.servers, 10_000, &v.source);
    let s = positive(c, "service_hours", v.service_hours, 24.0 * 60.0, &v.source);
    let b = positive(c, "batch", v.batch, 100_000.0, &v.source);
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
        (Some(servers), Some(service_hours), Some(batch), Some(service_cv), Some(arrival_cv)) => {
            Some(CapacityModel::Servers {
                servers,
                service_hours,
                batch,
                service_cv,
                arrival_cv,
            })
        }
        _ => None,
    }
}

/// The base hours, the background traffic, and the winter factor with its months.
fn season(c: &mut Checker<'_, '_>, v: &RawCapacity) -> (f64, Vec<u8>) {
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
    (winter_factor, months)
}
