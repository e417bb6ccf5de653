//! The `[network]` table (exactly one per network, none in a scenario): its name, year, value of
//! time and circuity factors, and its `[network.emissions]` factors; the tables that do not
//! belong in a network or a scenario file; and, once the network is made, the emission factors
//! each link needs.

use super::check::{check_text, is_country, is_slug, At};
use super::input::Input;
use super::raw::{Kept, RawCircuity, RawEmissions, RawMeta, Shared};
use crate::error::{number, Problem};
use crate::network::{Circuity, Emissions, Mode, Network, Origin};

/// Scenario tables in a network file, and a `[network]` table in a scenario (when extending
/// `base`).
pub(super) fn stray_tables(base: Option<&Network>, kept: &Kept<'_>, problems: &mut Vec<Problem>) {
    for (ti, offset, raw) in &kept.parsed {
        let text = &kept.texts[*ti];
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
}

/// The `[network]` table and where it is.
pub(super) struct Meta {
    /// The table.
    pub(super) raw: RawMeta,
    /// Its file and line.
    pub(super) origin: Origin,
    /// Its text's index among the kept texts, and the byte offsets there of its record and its
    /// header (for locating its fields in later checks).
    pub(super) at: (usize, usize, usize),
}

/// The `[network]` table, checked, and where it is: the first one of the files (a second is a
/// problem), taken out of its record.
pub(super) fn network_table(
    kept: &mut Kept<'_>,
    shared: &mut Shared,
    problems: &mut Vec<Problem>,
) -> Option<Meta> {
    let mut meta: Option<Meta> = None;
    for (ti, offset, raw) in &mut kept.parsed {
        let text = &kept.texts[*ti];
        if let Some(m) = raw.network.take() {
            let start = *offset + m.span().start;
            let origin = Origin {
                file: shared.texts.intern(text.name),
                line: text.line_of(start),
            };
            if let Some(Meta { origin: first, .. }) = &meta {
                problems.push(Problem {
                    file: text.name.to_string(),
                    line: origin.line,
                    field: "network".into(),
                    message: format!("a second [network] table (the first is at {first})"),
                });
                continue;
            }
            let m = m.into_inner();
            let at = At {
                text,
                record: *offset,
                start,
            };
            check_meta(&m, at, problems);
            meta = Some(Meta {
                raw: m,
                origin,
                at: (*ti, *offset, start),
            });
        }
    }
    meta
}

/// Checks a `[network]` table at `at`, and its emission factors.
fn check_meta(m: &RawMeta, at: At<'_, '_>, problems: &mut Vec<Problem>) {
    let mut c = at.checker("network.", problems);
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
            c.problem(
                "circuity",
                format!("{mode} circuity {} must lie in 1…3", number(v)),
            );
        }
    }
    c.sourced("circuity", &m.source);
    c.unused_sources(
        &m.source,
        &["data_year", "value_of_time_usd_per_hour", "circuity"],
    );
    if let Some(e) = &m.emissions {
        let start = at
            .text
            .subtable(at.start, "[network.emissions]")
            .unwrap_or(at.start);
        check_emissions(e, At { start, ..at }, problems);
    }
}

/// Checks a `[network.emissions]` table at `at`.
fn check_emissions(e: &RawEmissions, at: At<'_, '_>, problems: &mut Vec<Problem>) {
    let mut c = at.checker("network.emissions.", problems);
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
                format!("{cc} = {} is outside 0…2000 g per kWh", number(*v)),
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
                format!("{class} = {} is outside 0…1000 g per tonne-km", number(*v)),
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

/// A network needs a `[network]` table (a scenario extending `base` does not): a problem when no
/// file has one, unless others were found (a broken one, say).
pub(super) fn require_table(
    base: Option<&Network>,
    meta: Option<&Meta>,
    inputs: &[Input<'_>],
    problems: &mut Vec<Problem>,
) {
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
}

/// The circuity factors links are computed with: the table's, the base's, or (when neither is
/// there, and a problem says so) the usual ones.
pub(super) fn circuity(meta: Option<&Meta>, base: Option<&Network>) -> RawCircuity {
    match (meta, base) {
        (Some(m), _) => m.raw.circuity,
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
    }
}

impl From<RawCircuity> for Circuity {
    fn from(c: RawCircuity) -> Circuity {
        Circuity {
            rail: c.rail,
            road: c.road,
            sea: c.sea,
        }
    }
}

impl From<RawEmissions> for Emissions {
    fn from(e: RawEmissions) -> Emissions {
        Emissions {
            payload_t: e.payload_t,
            rail_diesel_g_per_tkm: e.rail_diesel_g_per_tkm,
            rail_electric_kwh_per_tkm: e.rail_electric_kwh_per_tkm,
            road_g_per_tkm: e.road_g_per_tkm,
            transfer_kg_per_feu: e.transfer_kg_per_feu,
            grid_g_per_kwh: e.grid_g_per_kwh,
            vessel_g_per_tkm: e.vessel_g_per_tkm,
            sources: super::raw::sources(&mut crate::text::Interner::default(), e.source),
        }
    }
}

/// With emission factors given, every link must have one: an electric line's country needs a
/// grid intensity, a sea link's vessel class a factor.
pub(super) fn emission_gaps(net: &Network) -> Vec<Problem> {
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
