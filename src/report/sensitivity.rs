//! The report's sensitivity section: the network's headline questions screened (Morris, a small
//! number of trajectories so the report stays quick; `corridor sensitivity` screens with more),
//! each with its answer, the five inputs it hangs on most and whether their ranges can flip it,
//! and the estimates to measure next. Both documents take their words from here.

use std::fmt::Write as _;

use super::html_parts::{esc, table};
use crate::network::Network;
use crate::output::sensitivity::sig;
use crate::output::{md_cell, md_text};
use crate::progress::Progress;
use crate::query::Query;
use crate::studies::sensitivity::{self, RangeKind, Request, Screening, Study};

/// The report's Morris trajectories: few, so that the report stays fast (each adds one
/// evaluation per input and question).
pub(super) const TRAJECTORIES: usize = 4;

/// The inputs shown per question.
const SHOWN: usize = 5;

/// What introduces the section, in both documents.
const INTRO: &str = "Which of the network's estimates the study's headline questions hang on (the network's [[network.study.headline]]): every number whose source is marked as an estimate, varied over its stated range (a [[variability]] record's distribution, or a range its source gives) or else ±50 % of its value, screened by Morris elementary effects (μ*: the mean absolute change of the answer across an input's range; σ: how much that change depends on the other inputs). This report screens with few trajectories to stay quick; `corridor sensitivity` screens with more and adds Sobol indices.";

/// The screening of the headline questions, `None` when the network states none; an error in
/// words when they cannot be screened.
pub(super) fn gather(base: &Network, query: &Query) -> Option<Result<Screening, String>> {
    if base.study.headlines.is_empty() {
        return None;
    }
    let run = || {
        let questions = sensitivity::headline_questions(base, &query.from, &query.to, query.year)?;
        sensitivity::screen(
            base,
            &Request {
                questions,
                all: false,
                trajectories: TRAJECTORIES,
                seed: 1,
                sobol: None,
                top: 10,
                ranges: Vec::new(),
                only: Vec::new(),
                progress: Progress::default(),
                jobs: crate::studies::batch::jobs_available(),
            },
        )
    };
    Some(run().map_err(|e| e.to_string()))
}

/// One question's lead sentence: the answer, the inputs screened, and which ranges can flip a
/// difference's sign.
fn lead(st: &Study) -> String {
    let flips: Vec<String> = st
        .rows
        .iter()
        .filter(|r| r.flips.is_some_and(|f| f.yes()))
        .map(|r| format!("{} ({})", r.input.key, crate::output::sensitivity::flips(r)))
        .collect();
    let sign = if !st.signed {
        String::new()
    } else if flips.is_empty() {
        " No estimate's range flips its sign.".into()
    } else {
        let more = if flips.len() > 3 {
            format!(" and {} more", flips.len() - 3)
        } else {
            String::new()
        };
        format!(
            " Ranges that can flip its sign: {}{more}.",
            flips.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
        )
    };
    format!(
        "Answer at the data's values: {} {}{}; {} estimates screened.{sign}",
        sig(st.value),
        st.unit,
        if st.families.is_empty() {
            String::new()
        } else {
            format!(" ({})", st.families.join(" vs "))
        },
        st.rows.len()
    )
}

/// A file for a narrow column: its name and line, without its folder.
fn short_file(file: &str) -> &str {
    file.rsplit('/').next().unwrap_or(file)
}

/// The cells of one question's table.
fn cells(st: &Study) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let head = vec!["input", "file", "range", "from", "μ*", "σ", "flips"];
    let rows = st
        .rows
        .iter()
        .take(SHOWN)
        .map(|r| {
            vec![
                r.input.key.clone(),
                short_file(&r.input.file).to_string(),
                format!("{}–{}", sig(r.input.range.0), sig(r.input.range.1)),
                match r.input.range_kind {
                    RangeKind::Stated { .. } => "stated".into(),
                    ref k => k.words(),
                },
                sig(r.morris.mu_star),
                sig(r.morris.sigma),
                crate::output::sensitivity::flips(r).into(),
            ]
        })
        .collect();
    (head, rows)
}

/// "Measure next: a, b, c."
fn next(st: &Study) -> String {
    let keys: Vec<&str> = st.next.iter().take(3).map(|n| n.key.as_str()).collect();
    if keys.is_empty() {
        "No estimate moves this answer.".into()
    } else {
        format!("Measure next (by {}): {}.", st.next_by, keys.join(", "))
    }
}

/// The section in Markdown (heading included).
pub(super) fn markdown(s: &Option<Result<Screening, String>>) -> String {
    let Some(s) = s else { return String::new() };
    let mut md = format!("\n## {HEADING}\n\n{}\n", md_text(INTRO));
    match s {
        Err(why) => writeln!(
            md,
            "\nThe headline questions could not be screened: {}",
            md_text(why)
        )
        .unwrap(),
        Ok(s) => {
            for st in &s.studies {
                writeln!(
                    md,
                    "\n### {}\n\n{}\n",
                    md_text(&st.question),
                    md_text(&lead(st))
                )
                .unwrap();
                let (head, rows) = cells(st);
                writeln!(
                    md,
                    "| {} |\n|---|---|--:|---|--:|--:|---|",
                    head.join(" | ")
                )
                .unwrap();
                for r in rows {
                    let c: Vec<String> = r.iter().map(|x| md_cell(x)).collect();
                    writeln!(md, "| {} |", c.join(" | ")).unwrap();
                }
                writeln!(md, "\n{}", md_text(&next(st))).unwrap();
            }
        }
    }
    md
}

/// The section's body in HTML (the heading is the page's).
pub(super) fn html(s: &Option<Result<Screening, String>>) -> String {
    let Some(s) = s else { return String::new() };
    let mut h = format!("<p>{}</p>\n", esc(INTRO));
    match s {
        Err(why) => writeln!(
            h,
            "<p>The headline questions could not be screened: {}</p>",
            esc(why)
        )
        .unwrap(),
        Ok(s) => {
            for st in &s.studies {
                writeln!(
                    h,
                    "<h3>{}</h3>\n<p>{}</p>",
                    esc(&st.question),
                    esc(&lead(st))
                )
                .unwrap();
                let (head, rows) = cells(st);
                h.push_str(&table(
                    &st.question,
                    &head,
                    &rows,
                    &[false, false, true, false, true, true, false],
                ));
                writeln!(h, "<p>{}</p>", esc(&next(st))).unwrap();
            }
        }
    }
    h
}

/// The section's heading.
pub(super) const HEADING: &str = "How sure is the answer: the estimates it hangs on";
