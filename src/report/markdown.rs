//! `report.md`: the report as Markdown, in the order of `index.html` (the summary, the figures
//! linked from the folder with their captions as italic lines under them, the tables, the method
//! and sources, the model against what was observed).

use std::fmt::Write as _;

use super::captions::Figure;
use super::contents::Contents;
use super::summary::{Summary, CHANGES_HEAD};
use crate::output::compare::{rationale_lines, table};
use crate::output::reliability::reliability;
use crate::output::{md_cell, md_text, Format};

/// The text of `report.md`; `files` are the folder's data files.
pub(super) fn document(c: &Contents, figures: &[Figure<'_>], files: &[&str]) -> String {
    let mut md = format!("# {}\n\n{}\n\n", md_text(&c.title), md_text(&c.byline));
    md.push_str("## Summary\n\n");
    summary(&mut md, &c.summary);
    if !figures.is_empty() {
        md.push_str("\n## Figures\n");
        for (i, f) in figures.iter().enumerate() {
            let n = i + 1;
            write!(
                md,
                "\n![Figure {n}: {}]({})\n\n*Figure {n}. {}*\n",
                f.alt,
                f.file,
                md_text(&f.caption)
            )
            .unwrap();
        }
    }
    md.push_str("\n## Tables\n\n### Every corridor under every scenario\n\n");
    let (head, rows) = table(&c.comparison);
    md.push_str(&md_table(&head, &rows, |i| i >= 3));
    if let Some(s) = &c.reliability {
        writeln!(
            md,
            "\n### Reliability under {}\n",
            md_text(c.first.as_deref().unwrap_or("the base network"))
        )
        .unwrap();
        md.push_str(&reliability(s, &c.no_route, Format::Markdown));
    }
    md.push_str("\n## Method and sources\n\n");
    method(&mut md, c, files);
    md.push_str(&observed_section(c));
    md.push_str(&super::calibration::markdown(&c.calibration));
    md.push_str(&super::sensitivity::markdown(&c.sensitivity));
    md.push_str(&super::investments::markdown(
        &c.investments,
        figures.len() + 1,
    ));
    md
}

/// The summary: the question in bold, the answer, each scenario's changes, the table, its note.
fn summary(md: &mut String, s: &Summary) {
    writeln!(md, "**{}**\n", md_text(&s.question)).unwrap();
    writeln!(md, "{}\n", md_text(&s.answer.join(" "))).unwrap();
    if !s.changes.is_empty() {
        writeln!(md, "{}\n", md_text(&s.changes_intro)).unwrap();
        for line in &s.changes {
            writeln!(md, "- {}", md_text(line)).unwrap();
        }
        md.push('\n');
    }
    let mut head: Vec<&str> = s.head.to_vec();
    head.push(CHANGES_HEAD);
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.name.clone()];
            match &r.values {
                Ok(v) => cells.extend(v.iter().cloned()),
                Err(why) => {
                    cells.push(why.clone());
                    cells.extend([String::new(), String::new(), String::new()]);
                }
            }
            cells.push(r.changes.clone());
            cells
        })
        .collect();
    md.push_str(&md_table(&head, &rows, |i| (1..=4).contains(&i)));
    writeln!(md, "\n{}", md_text(&s.note)).unwrap();
}

/// A Markdown table; the columns where `right` holds are right-aligned.
fn md_table(head: &[&str], rows: &[Vec<String>], right: impl Fn(usize) -> bool) -> String {
    let rule: Vec<&str> = (0..head.len())
        .map(|i| if right(i) { "--:" } else { "---" })
        .collect();
    let mut s = format!("| {} |\n|{}|\n", head.join(" | "), rule.join("|"));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        writeln!(s, "| {} |", cells.join(" | ")).unwrap();
    }
    s
}

/// The method and sources: the facts, each scenario's edits with rationale and source, the
/// data's gaps, the files.
fn method(md: &mut String, c: &Contents, files: &[&str]) {
    for f in &c.facts {
        writeln!(md, "- {}", md_text(f)).unwrap();
    }
    md.push_str("\n### Scenarios: what each assumes, and its sources\n\n");
    for (name, description, edits) in &rationale_lines(&c.comparison) {
        writeln!(md, "- **{}**: {}", md_text(name), md_text(description)).unwrap();
        for e in edits {
            writeln!(md, "  - {}", md_text(e)).unwrap();
        }
    }
    md.push_str("\n### Data: estimates among the random components\n\n");
    for g in &c.gaps {
        writeln!(md, "- {}", md_cell(g)).unwrap();
    }
    writeln!(md, "\n{FILES} {}.", files.join(", ")).unwrap();
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

/// What introduces the folder's data files, in both documents.
pub(super) const FILES: &str =
    "The tables as CSV and JSON, the routes as GeoJSON and the figures as SVG are in this folder:";

/// What the observations section is, in both documents.
pub(super) const OBSERVED_INTRO: &str = "Published figures (networks/observed/) beside the model's own value for the same quantity, in the base network: transit and section days of the fastest route, USD per FEU of the cheapest, volumes and throughputs of the assignment of that year's demand. An observation is never an input: no leg was changed to fit one. The ratio is the model over the published value (or the middle of its range).";
