//! `index.html`: the report as one self-contained page (tables, the map and charts inline, each
//! scenario's edits with rationale and source, the data's gaps).

use std::fmt::Write as _;

use super::contents::Contents;
use crate::output::compare::{rationale_lines, table};
use crate::output::reliability::reliability_table;

/// The text of `index.html`.
pub(super) fn document(c: &Contents) -> String {
    let mut h = head(&c.title);
    for f in &c.facts {
        writeln!(h, "<li>{}</li>", esc(f)).unwrap();
    }
    h.push_str("</ul>\n<h2>Every corridor under every scenario</h2>\n");
    let (chead, crows) = table(&c.comparison);
    let cright: Vec<bool> = chead.iter().enumerate().map(|(i, _)| i >= 3).collect();
    h.push_str(&html_table(&chead, &crows, &cright));
    if let Some((t, f)) = &c.figures {
        writeln!(h, "<h2>{}</h2>", esc(t)).unwrap();
        for svg in [&f.map, &f.tcd, &f.breakdown] {
            writeln!(h, "<figure>{}</figure>", inline_svg(svg)).unwrap();
        }
    }
    reliability(&mut h, c);
    scenarios(&mut h, c);
    observed(&mut h, c);
    h.push_str("<h2>Data: estimates among the random components</h2>\n<ul>\n");
    for g in &c.gaps {
        writeln!(h, "<li>{}</li>", esc(g)).unwrap();
    }
    h.push_str("</ul>\n<p>Tables as CSV and JSON, the routes as GeoJSON and the figures as SVG are in this folder.</p>\n</body>\n</html>\n");
    h
}

/// The page up to the opening of the facts' list: the style sheet, the title and the heading.
fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}\ntable{{border-collapse:collapse;font-size:0.85em;margin:1em 0}}\nth,td{{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}}\n.num{{text-align:right;font-variant-numeric:tabular-nums}}\nfigure{{margin:1.5em 0}} figure svg{{max-width:100%;height:auto}}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n<ul>\n",
        esc(title),
        esc(title)
    )
}

/// The first scenario's reliability study: its table, the families without a route, its chart.
fn reliability(h: &mut String, c: &Contents) {
    let Some(s) = &c.reliability else { return };
    writeln!(
        h,
        "<h2>Reliability under {}</h2>",
        esc(c.first.as_deref().unwrap_or("the base network"))
    )
    .unwrap();
    let (rh, rr, right) = reliability_table(s);
    let rh: Vec<&str> = rh.iter().map(String::as_str).collect();
    h.push_str(&html_table(&rh, &rr, &right));
    for (f, why) in &c.no_route {
        writeln!(h, "<p>{}: no route ({})</p>", esc(f), esc(why)).unwrap();
    }
    if let Some(svg) = &c.reliability_svg {
        writeln!(h, "<figure>{}</figure>", inline_svg(svg)).unwrap();
    }
}

/// The model against the shipped observations, or why they do not apply.
fn observed(h: &mut String, c: &Contents) {
    h.push_str("<h2>How the model compares with what was observed</h2>\n");
    writeln!(h, "<p>{}</p>", esc(super::markdown::OBSERVED_INTRO)).unwrap();
    match &c.observed {
        Ok(rows) => {
            let (head, cells, right) = crate::output::observed::table(rows);
            h.push_str(&html_table(&head, &cells, &right));
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

/// Each scenario's description and its edits with rationale and source, as a definition list.
fn scenarios(h: &mut String, c: &Contents) {
    h.push_str("<h2>Scenarios: what each assumes</h2>\n<dl>\n");
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
    h.push_str("</dl>\n");
}

/// Text escaped for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A table with a header row; numeric columns (`right`) get the `num` class.
fn html_table(head: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut s = String::from("<table>\n<thead><tr>");
    for (i, h) in head.iter().enumerate() {
        let class = if right.get(i).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        };
        write!(s, "<th{class}>{}</th>", esc(h)).unwrap();
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        s.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let class = if right.get(i).copied().unwrap_or(false) {
                " class=\"num\""
            } else {
                ""
            };
            write!(s, "<td{class}>{}</td>", esc(c)).unwrap();
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// An SVG document made inline: without its XML declaration.
fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}
