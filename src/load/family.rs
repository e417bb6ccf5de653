//! `[[family]]` records: named corridor families (routes through some corridor tags or
//! countries, avoiding others). Checked after the links, whose tags they name.

use super::check::{check_text, is_country, is_slug, Checker};
use super::raw::Kept;
use crate::error::Problem;
use crate::network::{assign_default_colours, Colour, Family, Link, Network};

/// The base's families, then the `[[family]]` records of every file, checked against `links`;
/// a family without a `colour` takes a default one ([`assign_default_colours`]).
pub(super) fn families(
    kept: &Kept<'_>,
    base: Option<&Network>,
    links: &[Link],
    problems: &mut Vec<Problem>,
) -> Vec<Family> {
    let mut families: Vec<Family> = base.map_or_else(Vec::new, |b| b.families.clone());
    // The colour each family gives (the base's are settled).
    let mut given: Vec<Option<Colour>> = families.iter().map(|f| Some(f.colour)).collect();
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
        let colour = f.colour.as_deref().and_then(|s| match Colour::parse(s) {
            Ok(c) => Some(c),
            Err(e) => {
                c.problem("colour", e);
                None
            }
        });
        if let Some(col) = colour {
            if let Some(other) = given
                .iter()
                .position(|g| *g == Some(col))
                .map(|i| &families[i])
            {
                c.problem(
                    "colour",
                    format!(
                        "{col} is already family `{}`'s: each family needs a colour of its own to \
                         be told apart in figures",
                        other.id
                    ),
                );
            }
        }
        given.push(colour);
        families.push(Family {
            id: f.id.clone(),
            name: f.name.clone(),
            via_tags: f.via_tags.clone(),
            via_countries: f.via_countries.clone(),
            avoid_tags: f.avoid_tags.clone(),
            avoid_countries: f.avoid_countries.clone(),
            colour: Colour::default(),
            origin,
        });
    }
    for (f, colour) in families.iter_mut().zip(assign_default_colours(&given)) {
        f.colour = colour;
    }
    families
}
