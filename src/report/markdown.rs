//! `report.md`: the report as Markdown, the figures linked from the folder.

use std::fmt::Write as _;

use super::contents::Contents;
use crate::output::compare::render;
use crate::output::reliability::reliability;
use crate::output::{md_cell, Format};

/// The text of `report.md`.
pub(super) fn document(c: &Contents) -> String {
    let mut md = format!("# {}\n\n", c.title);
    for f in &c.facts {
        writeln!(md, "- {f}").unwrap();
    }
    md.push_str("\n## Every corridor under every scenario\n\n");
    md.push_str(&render(&c.comparison, Format::Markdown));
    if c.figures.is_some() {
        md.push_str(
            "\n![map](map.svg)\n\n![time/cost-distance](tcd.svg)\n\n![breakdown](breakdown.svg)\n",
        );
    }
    if let Some(s) = &c.reliability {
        writeln!(
            md,
            "\n## Reliability under {}\n",
            c.first.as_deref().unwrap_or("the base network")
        )
        .unwrap();
        md.push_str(&reliability(s, &c.no_route, Format::Markdown));
        md.push_str("\n![reliability](reliability.svg)\n");
    }
    md.push_str("\n## Data: estimates among the random components\n\n");
    for g in &c.gaps {
        writeln!(md, "- {}", md_cell(g)).unwrap();
    }
    md.push_str("\nFiles: compare.csv, compare.json, reliability.csv, reliability.json, routes.geojson, map.svg, tcd.svg, breakdown.svg, reliability.svg.\n");
    md
}
