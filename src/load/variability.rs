//! `[[variability]]` records: how the hours of some components (a link's run, wait, call or
//! border, a node's transfer, or an added delay) vary, as a distribution, a shock in some months,
//! or both. Checked after the links and nodes they name; a component is drawn by one record only.

use super::check::{check_text, is_slug, Checker};
use super::component::Record;
use super::raw::{sources, Kept, RawDistribution, RawVariability};
use crate::error::Problem;
use crate::network::distribution::Shock;
use crate::network::limits::MAX_LEG_HOURS;
use crate::network::{Component, Link, Node, Origin, Part, Variability};
use crate::text::Interner;

/// The base's variability records, then the `[[variability]]` records of every file, checked
/// against the links and nodes.
pub(super) fn variability_records(
    kept: &Kept<'_>,
    base: &[Variability],
    nodes: &[Node],
    links: &[Link],
    problems: &mut Vec<Problem>,
) -> Vec<Variability> {
    let mut out: Vec<Variability> = base.to_vec();
    for (v, text, start, origin) in kept.each(|r| &r.variability) {
        let mut r = Record {
            c: Checker {
                text,
                start,
                prefix: "variability.",
                problems,
            },
            nodes,
            links,
        };
        let variability = variability(&mut r, v, &out, origin);
        out.push(variability);
    }
    out
}

/// Checks one record (`out` holds the records before it), and makes it.
fn variability(
    r: &mut Record<'_, '_, '_>,
    v: &RawVariability,
    out: &[Variability],
    origin: Origin,
) -> Variability {
    let c = &mut r.c;
    if !is_slug(&v.id.replace('-', "_")) {
        c.problem("id", format!("`{}` is not a lowercase slug", v.id));
    }
    if out.iter().any(|x| x.id == v.id) {
        c.problem("id", format!("duplicate variability id `{}`", v.id));
    }
    check_text(c, "name", &v.name);
    if v.applies.is_empty() {
        c.problem("applies", "lists no component");
    }
    let applies = components(r, v);
    let c = &mut r.c;
    overlaps(c, v, &applies, out);
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
        .and_then(|d| raw_distribution(c, "distribution", d));
    if v.distribution.is_some() {
        c.sourced("distribution", &v.source);
    }
    let shock = shock(c, v);
    if v.distribution.is_none() && v.shock.is_none() {
        c.problem("distribution", "give a distribution, a shock or both");
    }
    c.unused_sources(&v.source, &["distribution", "shock", "applies"]);
    Variability {
        id: v.id.clone(),
        name: v.name.clone(),
        applies,
        distribution,
        shock,
        estimate: v.estimate,
        sources: sources(&mut Interner::default(), v.source.clone()),
        origin,
    }
}

/// The components the record applies to, each with hours to vary (a delay adds its own).
fn components(r: &mut Record<'_, '_, '_>, v: &RawVariability) -> Vec<Component> {
    let mut applies = Vec::new();
    for (i, a) in v.applies.iter().enumerate() {
        let f = format!("applies[{i}]");
        let Some(comp) = r.component(&f, a, &Part::ALL) else {
            continue;
        };
        // A component with no fixed hours has nothing to vary (a delay adds its own).
        match &comp {
            Component::Link { link, part, loaded }
                if *part != Part::Delay && loaded.iter().all(|&h| h <= 0.0) =>
            {
                r.c.problem(
                    &format!("{f}.part"),
                    format!(
                        "link `{link}` has no {} hours to vary (for an added delay use part = \"delay\")",
                        part.as_str()
                    ),
                );
                continue;
            }
            Component::Transfer { node, kind, loaded } if *loaded <= 0.0 => {
                r.c.problem(
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
    applies
}

/// Whether two components are the same part of the same link or facility.
fn same(a: &Component, b: &Component) -> bool {
    match (a, b) {
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
    }
}

/// A component listed twice, or already drawn by an earlier record.
fn overlaps(
    c: &mut Checker<'_, '_>,
    v: &RawVariability,
    applies: &[Component],
    out: &[Variability],
) {
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
}

/// The record's shock, when it gives one, checked: its probability, months and delay.
fn shock(c: &mut Checker<'_, '_>, v: &RawVariability) -> Option<Shock> {
    let s = v.shock.as_ref()?;
    let mut ok = true;
    if !(s.p.is_finite() && (0.0..=1.0).contains(&s.p)) {
        c.problem(
            "shock.p",
            format!("{} must be a probability in 0…1", crate::error::number(s.p)),
        );
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
    let delay = raw_distribution(c, "shock.delay", &s.delay);
    c.sourced("shock", &v.source);
    Some(Shock {
        p: s.p,
        months,
        delay: delay?,
    })
    .filter(|_| ok)
}

/// A distribution of hours, checked: the parameters its kind takes (and no others), a valid
/// distribution, and a plausible length.
fn raw_distribution(
    c: &mut Checker<'_, '_>,
    field: &str,
    d: &RawDistribution,
) -> Option<crate::network::distribution::Distribution> {
    use crate::network::distribution::Distribution as D;
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
