//! `index.html`: the report as one self-contained page, in the order a reader meets it: the
//! summary (the question, its answer, what each scenario changes, the small table), the figures
//! with numbered captions, the tables, the method and sources, and the model against what was
//! observed. The style sheet (`style.css`) makes it readable on a phone and printable on A4.

use std::fmt::Write as _;

use super::captions::Figure;
use super::contents::Contents;
use super::html_parts::{esc, inline_svg, table};
use super::summary::{Summary, CHANGES_HEAD};
use crate::output::compare::{rationale_lines, table as compare_table};
use crate::output::reliability::reliability_table;

/// The style sheet, inlined.
const STYLE: &str = include_str!("style.css");

/// The sections, in order: (id, heading, its link in the list of sections).
const SECTIONS: [(&str, &str, &str); 8] = [
    ("summary", "Summary", "Summary"),
    ("figures", "Figures", "Figures"),
    ("tables", "Tables", "Tables"),
    ("method", "Method and sources", "Method"),
    (
        "observed",
        "How the model compares with what was observed",
        "Observed",
    ),
    ("calibration", super::calibration::HEADING, "Calibration"),
    ("sensitivity", super::sensitivity::HEADING, "Sensitivity"),
    ("investments", super::investments::HEADING, "Investments"),
];

/// The text of `index.html`; `files` are the folder's data files.
pub(super) fn document(c: &Contents, figures: &[Figure<'_>], files: &[&str]) -> String {
    let mut h = head(c, !figures.is_empty());
    section(&mut h, 0);
    summary(&mut h, &c.summary);
    if !figures.is_empty() {
        h.push_str("</section>\n");
        section(&mut h, 1);
        for (i, f) in figures.iter().enumerate() {
            writeln!(
                h,
                "<figure id=\"figure-{n}\"{class}>\n{}\n<figcaption><b>Figure {n}.</b> {}</figcaption>\n</figure>",
                inline_svg(f.svg),
                esc(&f.caption),
                n = i + 1,
                class = if f.page { " class=\"page\"" } else { "" },
            )
            .unwrap();
        }
    }
    h.push_str("</section>\n");
    section(&mut h, 2);
    tables(&mut h, c);
    h.push_str("</section>\n");
    section(&mut h, 3);
    method(&mut h, c, files);
    h.push_str("</section>\n");
    section(&mut h, 4);
    observed(&mut h, c);
    h.push_str("</section>\n");
    section(&mut h, 5);
    h.push_str(&super::calibration::html(&c.calibration));
    h.push_str("</section>\n");
    if c.sensitivity.is_some() {
        section(&mut h, 6);
        h.push_str(&super::sensitivity::html(&c.sensitivity));
        h.push_str("</section>\n");
    }
    section(&mut h, 7);
    h.push_str(&super::investments::html(&c.investments, figures.len() + 1));
    h.push_str("</section>\n");
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The page up to the main content: the head with its viewport and style sheet, the title, the
/// byline and the list of sections (the figures' only when there are some).
fn head(c: &Contents, figures: bool) -> String {
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{t}</h1>\n<p class=\"byline\">{}</p>\n<nav class=\"contents\">",
        esc(&c.byline),
        t = esc(&c.title),
    );
    for (id, _, link) in SECTIONS {
        if (id == "figures" && !figures) || (id == "sensitivity" && c.sensitivity.is_none()) {
            continue;
        }
        write!(h, "<a href=\"#{id}\">{link}</a>").unwrap();
    }
    h.push_str("</nav>\n</header>\n<main>\n");
    h
}

/// Opens section `i` with its heading.
fn section(h: &mut String, i: usize) {
    let (id, title, _) = SECTIONS[i];
    writeln!(h, "<section id=\"{id}\">\n<h2>{}</h2>", esc(title)).unwrap();
}

/// The summary: the question, the answer, each scenario's changes, the small table and its note.
fn summary(h: &mut String, s: &Summary) {
    writeln!(h, "<p class=\"question\">{}</p>", esc(&s.question)).unwrap();
    writeln!(h, "<p class=\"answer\">{}</p>", esc(&s.answer.join(" "))).unwrap();
    if !s.changes.is_empty() {
        writeln!(
            h,
            "<p>{}</p>\n<ul class=\"changes\">",
            esc(&s.changes_intro)
        )
        .unwrap();
        for line in &s.changes {
            writeln!(h, "<li>{}</li>", esc(line)).unwrap();
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<div class=\"table-wrap\" role=\"region\" aria-label=\"Summary by corridor\" tabindex=\"0\">\n<table class=\"summary\">\n<thead><tr>");
    for (i, col) in s.head.iter().enumerate() {
        let class = if i > 0 { " class=\"num\"" } else { "" };
        write!(h, "<th{class}>{}</th>", esc(col)).unwrap();
    }
    h.push_str("</tr></thead>\n");
    // Each corridor's row and its changes in a body of their own, which a page never splits.
    for r in &s.rows {
        write!(
            h,
            "<tbody>\n<tr class=\"corridor\"><td>{}</td>",
            esc(&r.name)
        )
        .unwrap();
        match &r.values {
            Ok(v) => {
                for x in v {
                    write!(h, "<td class=\"num\">{}</td>", esc(x)).unwrap();
                }
            }
            Err(why) => write!(h, "<td colspan=\"4\">{}</td>", esc(why)).unwrap(),
        }
        writeln!(
            h,
            "</tr>\n<tr class=\"changes\"><td colspan=\"5\"><span class=\"label\">{}:</span> {}</td></tr>\n</tbody>",
            esc(CHANGES_HEAD),
            esc(&r.changes)
        )
        .unwrap();
    }
    h.push_str("</table>\n</div>\n");
    writeln!(h, "<p class=\"note\">{}</p>", esc(&s.note)).unwrap();
}

/// The tables: every corridor under every scenario, then the first scenario's reliability study.
fn tables(h: &mut String, c: &Contents) {
    h.push_str("<h3>Every corridor under every scenario</h3>\n");
    let (chead, crows) = compare_table(&c.comparison);
    let cright: Vec<bool> = (0..chead.len()).map(|i| i >= 3).collect();
    h.push_str(&table(
        "Every corridor under every scenario",
        &chead,
        &crows,
        &cright,
    ));
    let Some(s) = &c.reliability else { return };
    let title = format!(
        "Reliability under {}",
        c.first.as_deref().unwrap_or("the base network")
    );
    writeln!(h, "<h3>{}</h3>", esc(&title)).unwrap();
    let (rh, rr, right) = reliability_table(s);
    let rh: Vec<&str> = rh.iter().map(String::as_str).collect();
    h.push_str(&table(&title, &rh, &rr, &right));
    for (f, why) in &c.no_route {
        writeln!(h, "<p>{}: no route ({})</p>", esc(f), esc(why)).unwrap();
    }
}

/// The method and sources: the facts, each scenario's edits with rationale and source, the
/// data's gaps, the files.
fn method(h: &mut String, c: &Contents, files: &[&str]) {
    h.push_str("<ul>\n");
    for f in &c.facts {
        writeln!(h, "<li>{}</li>", esc(f)).unwrap();
    }
    h.push_str("</ul>\n<h3>Scenarios: what each assumes, and its sources</h3>\n<dl>\n");
    for (name, description, edits) in &rationale_lines(&c.comparison) {
        writeln!(h, "<dt><b>{}</b></dt><dd>{}", esc(name), esc(description)).unwrap();
        if !edits.is_empty() {
            h.push_str("<ul>");
            for e in edits {
                write!(h, "<li>{}</li>", esc(e)).unwrap();
            }
            h.push_str("</ul>");
        }
        h.push_str("</dd>\n");
    }
    h.push_str("</dl>\n<h3>Data: estimates among the random components</h3>\n<ul>\n");
    for g in &c.gaps {
        writeln!(h, "<li>{}</li>", esc(g)).unwrap();
    }
    writeln!(
        h,
        "</ul>\n<p>{} {}.</p>",
        esc(super::markdown::FILES),
        esc(&files.join(", "))
    )
    .unwrap();
}

/// The model against the shipped observations, or why they do not apply.
fn observed(h: &mut String, c: &Contents) {
    writeln!(h, "<p>{}</p>", esc(super::markdown::OBSERVED_INTRO)).unwrap();
    match &c.observed {
        Ok(rows) => {
            let (head, cells, right) = crate::output::observed::table(rows);
            h.push_str(&table(
                "The model against the observations",
                &head,
                &cells,
                &right,
            ));
            writeln!(
                h,
                "<pre>{}</pre>",
                esc(&crate::output::observed::summary(rows))
            )
            .unwrap();
        }
        Err(why) => writeln!(
            h,
            "<p>The shipped observations do not apply to this network: {}</p>",
            esc(why)
        )
        .unwrap(),
    }
}
