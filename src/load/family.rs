//! `[[family]]` records: named corridor families (routes through some corridor tags or
//! countries, avoiding others). Checked after the links, whose tags they name.

use super::check::{check_text, is_country, is_slug, Checker};
use super::raw::Kept;
use crate::error::Problem;
use crate::network::{Family, Link, Network};

/// The base's families, then the `[[family]]` records of every file, checked against `links`.
pub(super) fn families(
    kept: &Kept<'_>,
    base: Option<&Network>,
    links: &[Link],
    problems: &mut Vec<Problem>,
) -> Vec<Family> {
    let mut families: Vec<Family> = base.map_or_else(Vec::new, |b| b.families.clone());
    for (f, text, start, origin) in kept.each(|r| &r.family) {
        let mut c = Checker {
            text,
            start,
            prefix: "family.",
            problems,
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
    families
}
