//! `[[service]]` records: the sea services links name (an id, a name, and optionally a freight
//! rate with the date it was quoted). Checked before the links, which take a service's rate.

use super::check::{check_text, is_slug, Checker};
use super::raw::{sources, Kept};
use crate::error::Problem;
use crate::network::limits::MAX_USD_PER_KM;
use crate::network::{Network, Service};
use crate::text::Interner;

/// The base's services, then the `[[service]]` records of every file, checked.
pub(super) fn services(
    kept: &Kept<'_>,
    base: Option<&Network>,
    problems: &mut Vec<Problem>,
) -> Vec<Service> {
    let mut services: Vec<Service> = base.map_or_else(Vec::new, |b| b.services.clone());
    for (v, text, start, origin) in kept.each(|r| &r.service) {
        let mut c = Checker {
            text,
            start,
            prefix: "service.",
            problems,
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
            sources: sources(&mut Interner::default(), v.source.clone()),
            origin,
        });
    }
    services
}
