//! A sensitivity screening printed: per question, its answer at the inputs' values, the inputs
//! ranked by μ* (with σ, file, record and field, value, range and where it came from, source
//! flag, whether the range can flip the answer's sign), the Sobol indices when computed, and what
//! to measure next; CSV one row per question and input, JSON everything.
//!
//! It only formats a [`Screening`]; the numbers are [`crate::studies::sensitivity`]'s.

use std::fmt::Write as _;

use super::{csv_field, grid, json_object, md_text, Format};
use crate::studies::sensitivity::{Row, Screening, Study};
use crate::text::grouped;

/// The CSV's header: one row per question and input, in μ* order within each question; the
/// Sobol columns are empty for an input outside the top ones (or without `--sobol`).
pub const CSV_HEAD: &str = "question,unit,answer,rank,input,kind,record,field,file,source,value,low,high,range_from,mu_star,mu,sigma,effects,at_low,at_high,flips,sobol_first,sobol_first_low,sobol_first_high,sobol_total,sobol_total_low,sobol_total_high";

/// Renders a screening; a table or Markdown shows the first `show` inputs of each question (all
/// when `None`).
pub fn render(s: &Screening, format: Format, show: Option<usize>) -> String {
    match format {
        Format::Json => json_object("sensitivity", s),
        Format::Csv => csv(s),
        Format::Table { .. } | Format::Markdown => {
            let mut out = String::new();
            for (i, st) in s.studies.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&study(s, st, format, show));
            }
            out
        }
    }
}

/// A number in a few significant digits, grouped: "1,234", "12.3", "0.0456", "0".
pub fn sig(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    if a < 1e-9 {
        // Rounding noise of sums that cancel, not a figure.
        return "0".into();
    }
    let decimals = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        (2 - a.log10().floor() as i64).clamp(2, 9) as usize
    };
    grouped(v, decimals)
}

/// "no", "yes, alone", "yes, with others", or "" for an answer that is not a difference.
pub fn flips(r: &Row) -> &'static str {
    r.flips.map_or("", |f| f.words())
}

/// The table's head and cells for one question's inputs.
pub fn rows_table(
    st: &Study,
    show: Option<usize>,
) -> (Vec<&'static str>, Vec<Vec<String>>, Vec<bool>) {
    let mut head = vec![
        "#",
        "input",
        "file",
        "source",
        "value",
        "range",
        "range from",
        "μ*",
        "σ",
    ];
    let mut right = vec![true, false, false, false, true, true, false, true, true];
    if st.signed {
        head.push("flips");
        right.push(false);
    }
    let cells = st
        .rows
        .iter()
        .take(show.unwrap_or(usize::MAX))
        .enumerate()
        .map(|(i, r)| {
            let mut c = vec![
                (i + 1).to_string(),
                r.input.key.clone(),
                r.input.file.clone(),
                if r.input.estimate {
                    "estimate"
                } else {
                    "sourced"
                }
                .to_string(),
                sig(r.input.value),
                format!("{}–{}", sig(r.input.range.0), sig(r.input.range.1)),
                r.input.range_kind.words(),
                sig(r.morris.mu_star),
                sig(r.morris.sigma),
            ];
            if st.signed {
                c.push(flips(r).into());
            }
            c
        })
        .collect();
    (head, cells, right)
}

/// One question: its head line, the inputs, the Sobol indices, what to measure next, notes.
fn study(s: &Screening, st: &Study, format: Format, show: Option<usize>) -> String {
    let md = format == Format::Markdown;
    let mut out = String::new();
    let title = if md {
        format!("### {}\n\n", md_text(&st.question))
    } else {
        format!("{}\n", st.question)
    };
    out.push_str(&title);
    let families = if st.families.is_empty() {
        String::new()
    } else {
        format!(" ({})", st.families.join(" vs "))
    };
    let flips = st
        .rows
        .iter()
        .filter(|r| r.flips.is_some_and(|f| f.yes()))
        .count();
    writeln!(
        out,
        "answer at the inputs' values: {} {}{families}; Morris r = {}, p = {}, seed {}: {} inputs, {} evaluations{}{}",
        sig(st.value),
        st.unit,
        s.trajectories,
        s.levels,
        s.seed,
        st.rows.len(),
        grouped(st.evaluations as f64, 0),
        if st.missing > 0 { format!(", {} without an answer", st.missing) } else { String::new() },
        if st.signed {
            format!("; inputs whose range can flip its sign: {flips}")
        } else {
            String::new()
        }
    )
    .unwrap();
    if md {
        out.push('\n');
    }
    let (head, cells, right) = rows_table(st, show);
    out.push_str(&grid(&head, &cells, &right, format));
    if st.rows.len() > cells.len() {
        writeln!(
            out,
            "… {} more inputs (all with --show all, or --format csv/json)",
            st.rows.len() - cells.len()
        )
        .unwrap();
    }
    if let Some(sb) = &st.sobol {
        let line = format!(
            "Sobol indices (Saltelli first-order, Jansen total; 95 % bootstrap intervals), N = {}, {} rows used, variance {} {}²:",
            grouped(sb.samples as f64, 0),
            grouped(sb.rows_used as f64, 0),
            sig(sb.variance),
            st.unit
        );
        out.push_str(if md { "\n" } else { "" });
        writeln!(out, "{line}").unwrap();
        out.push_str(if md { "\n" } else { "" });
        let cells: Vec<Vec<String>> = sb
            .indices
            .iter()
            .map(|(k, ix)| {
                vec![
                    k.clone(),
                    format!(
                        "{:.3} ({:.3}…{:.3})",
                        ix.first.value, ix.first.low, ix.first.high
                    ),
                    format!(
                        "{:.3} ({:.3}…{:.3})",
                        ix.total.value, ix.total.low, ix.total.high
                    ),
                ]
            })
            .collect();
        out.push_str(&grid(
            &["input", "first-order", "total"],
            &cells,
            &[false, true, true],
            format,
        ));
    }
    out.push_str(if md { "\n" } else { "" });
    writeln!(out, "What to measure next (estimates, by {}):", st.next_by).unwrap();
    out.push_str(if md { "\n" } else { "" });
    for (i, n) in st.next.iter().enumerate() {
        let what = match n.reduction {
            Some((lo, hi)) => format!(
                "total index {:.3}: knowing it exactly removes {}–{} {}² of the variance",
                n.share,
                sig(lo),
                sig(hi),
                st.unit
            ),
            None => format!("{} % of Σ μ*²", sig(100.0 * n.share)),
        };
        let line = format!("{}. {} ({}): {what}", i + 1, n.key, n.file);
        writeln!(
            out,
            "{}",
            if md {
                md_text(&line)
            } else {
                format!("  {line}")
            }
        )
        .unwrap();
    }
    if st.next.is_empty() {
        writeln!(out, "  no estimate moves the answer").unwrap();
    }
    for note in &st.notes {
        writeln!(
            out,
            "{}note: {}",
            if md { "\n" } else { "" },
            if md { md_text(note) } else { note.clone() }
        )
        .unwrap();
    }
    out
}

/// Every question's inputs in one table.
fn csv(s: &Screening) -> String {
    let mut out = format!("{CSV_HEAD}\n");
    let num = |v: f64| {
        if v.is_finite() {
            format!("{v}")
        } else {
            String::new()
        }
    };
    for st in &s.studies {
        for (i, r) in st.rows.iter().enumerate() {
            let ix = st
                .sobol
                .as_ref()
                .and_then(|sb| sb.indices.iter().find(|(k, _)| *k == r.input.key))
                .map(|(_, ix)| ix);
            let sobol = ix.map_or(",,,,,".to_string(), |ix| {
                [
                    ix.first.value,
                    ix.first.low,
                    ix.first.high,
                    ix.total.value,
                    ix.total.low,
                    ix.total.high,
                ]
                .map(num)
                .join(",")
            });
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{sobol}",
                csv_field(&st.question),
                st.unit,
                num(st.value),
                i + 1,
                csv_field(&r.input.key),
                serde_json::to_value(r.input.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                csv_field(&r.input.record),
                csv_field(&r.input.field),
                csv_field(&r.input.file),
                if r.input.estimate {
                    "estimate"
                } else {
                    "sourced"
                },
                num(r.input.value),
                num(r.input.range.0),
                num(r.input.range.1),
                csv_field(&r.input.range_kind.words()),
                num(r.morris.mu_star),
                num(r.morris.mu),
                num(r.morris.sigma),
                r.morris.n,
                num(r.at_low),
                num(r.at_high),
                r.flips.map_or("", |f| match f {
                    crate::studies::sensitivity::Flip::No => "no",
                    crate::studies::sensitivity::Flip::Alone => "alone",
                    crate::studies::sensitivity::Flip::WithOthers => "with_others",
                }),
            )
            .unwrap();
        }
    }
    out
}
