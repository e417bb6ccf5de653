//! `report.md`: the report as Markdown, the figures linked from the folder.

use std::fmt::Write as _;

use super::contents::Contents;
use crate::output::compare::render;
use crate::output::reliability::reliability;
use crate::output::{md_cell, md_text, Format};

/// The text of `report.md`.
pub(super) fn document(c: &Contents) -> String {
    let mut md = format!("# {}\n\n", md_text(&c.title));
    for f in &c.facts {
        writeln!(md, "- {}", md_text(f)).unwrap();
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
            md_text(c.first.as_deref().unwrap_or("the base network"))
        )
        .unwrap();
        md.push_str(&reliability(s, &c.no_route, Format::Markdown));
        md.push_str("\n![reliability](reliability.svg)\n");
    }
    md.push_str(&observed_section(c));
    md.push_str("\n## Data: estimates among the random components\n\n");
    for g in &c.gaps {
        writeln!(md, "- {}", md_cell(g)).unwrap();
    }
    md.push_str("\nFiles: compare.csv, compare.json, reliability.csv, reliability.json, observed.csv, observed.json, routes.geojson, routes-steps.geojson, map.svg, tcd.svg, breakdown.svg, reliability.svg.\n");
    md
}

/// The model against the shipped observations: the table and the count of verdicts, or why the
/// observations do not apply.
fn observed_section(c: &Contents) -> String {
    let mut md = String::from("\n## How the model compares with what was observed\n\n");
    md.push_str(OBSERVED_INTRO);
    md.push_str("\n\n");
    match &c.observed {
        Ok(rows) => md.push_str(&crate::output::observed::render(rows, Format::Markdown)),
        Err(why) => writeln!(
            md,
            "The shipped observations do not apply to this network: {}",
            md_cell(why)
        )
        .unwrap(),
    }
    md
}

/// What the observations section is, in both documents.
pub(super) const OBSERVED_INTRO: &str = "Published figures (networks/observed/) beside the model's own value for the same quantity, in the base network: transit and section days of the fastest route, USD per FEU of the cheapest, volumes and throughputs of the assignment of that year's demand. An observation is never an input: no leg was changed to fit one. The ratio is the model over the published value (or the middle of its range).";
