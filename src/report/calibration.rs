//! The report's "Calibrated route choice" section: the shipped fitted parameters
//! (`networks/calibration/route-choice.toml`, with the command that fitted them), and each
//! observed year's corridor volumes and shares beside the calibrated and the deterministic
//! choice, the calibration year apart from the held-out ones. No fit runs here: the shipped
//! values are assigned once per year.

use std::fmt::Write as _;

use super::html_parts::{esc, table};
use crate::network::Network;
use crate::output::calibrate::{median_line, observations, value};
use crate::output::{grid, md_text, Format};
use crate::studies::assign::Choice;
use crate::studies::calibrate::{self, params, YearFit};
use crate::studies::observed::{self, Kind};

/// What the section shows.
pub(super) struct Section {
    /// The shipped parameters and their record.
    record: params::Record,
    /// The year they were fitted to, then the held-out years.
    years: Vec<YearFit>,
}

/// The section's heading.
pub(super) const HEADING: &str = "Calibrated route choice";

/// What the section is, in both documents.
const INTRO: &str = "The assignment's default route choice is deterministic (every box on its cheapest route by USD + value of time × hours). `corridor calibrate` fits a path-size logit choice instead (θ: how sharply shippers prefer the cheaper route, per USD/FEU; value of time; λ: the weight of P90 − P50 hours) to one year's observed corridor volumes and shares, by weighted least squares on ln(model/observed), and checks it on the other years, never used in the fit. The parameters below are the shipped fit (networks/calibration/route-choice.toml), not network inputs; `corridor assign --choice calibrated` uses them.";

/// The shipped parameters assigned to each year with volume or share observations; why not,
/// for a network the shipped demand or observations do not fit.
pub(super) fn gather(base: &Network) -> std::result::Result<Section, String> {
    let go = || -> crate::error::Result<Section> {
        let record = params::shipped_record()?;
        let list = observed::resolve(None, base)?;
        let kinds = [Kind::VolumeTeu, Kind::Share];
        let mut years: Vec<i32> = list
            .iter()
            .filter(|o| kinds.contains(&o.kind))
            .map(|o| o.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        // The calibration year first (the one the shipped file records), then the others.
        let fitted = fitted_year(&record).unwrap_or(2024);
        years.sort_by_key(|&y| (y != fitted, y));
        let opts = calibrate::Options::new(base).assign;
        let jobs = crate::studies::batch::jobs_available();
        let run = calibrate::evaluate(base, &list, &record.choice, (&kinds, &years), &opts, jobs);
        if let Some(f) = run.failed.first() {
            return Err(crate::error::Error::InvalidArgument(format!(
                "{}: {}",
                f.id,
                f.error.as_deref().unwrap_or("failed")
            )));
        }
        let years = run.results.into_iter().flatten().collect();
        Ok(Section { record, years })
    };
    go().map_err(|e| e.to_string())
}

/// The year in the record's command (`--year Y`), else none (the default, 2024).
fn fitted_year(r: &params::Record) -> Option<i32> {
    let words: Vec<&str> = r.command.as_deref()?.split_whitespace().collect();
    let i = words.iter().position(|w| *w == "--year")?;
    words.get(i + 1)?.parse().ok()
}

/// The parameters as (head, cells, right-aligned).
fn parameters(s: &Section) -> ([&'static str; 4], Vec<Vec<String>>, [bool; 4]) {
    let c: &Choice = &s.record.choice;
    let cells = calibrate::PARAMS
        .iter()
        .map(|&p| {
            let se = s
                .record
                .standard_errors
                .iter()
                .find(|(q, _)| *q == p)
                .map(|(_, v)| value(p, *v))
                .unwrap_or_else(|| "fixed".into());
            let range = s
                .record
                .ranges
                .iter()
                .find(|(q, _, _)| *q == p)
                .map(|(_, a, b)| format!("{}–{}", value(p, *a), value(p, *b)))
                .unwrap_or_default();
            vec![
                format!("{} ({})", p.key(), p.unit()),
                value(p, params::value(c, p)),
                se,
                range,
            ]
        })
        .collect();
    (
        ["parameter", "value", "std. error", "95 % profile range"],
        cells,
        [false, true, true, true],
    )
}

/// A year's sub-heading.
fn year_heading(i: usize, y: &YearFit) -> String {
    if i == 0 {
        format!("{}: the calibration year", y.year)
    } else {
        format!("{}: held out, never used in the fit", y.year)
    }
}

/// The section in Markdown.
pub(super) fn markdown(s: &std::result::Result<Section, String>) -> String {
    let mut md = format!("\n## {HEADING}\n\n{}\n\n", md_text(INTRO));
    let s = match s {
        Ok(s) => s,
        Err(why) => {
            writeln!(md, "Not computed for this network: {}", md_text(why)).unwrap();
            return md;
        }
    };
    let (h, cells, right) = parameters(s);
    md.push_str(&grid(&h, &cells, &right, Format::Markdown));
    if let Some(cmd) = &s.record.command {
        writeln!(md, "\nFitted by `{}`.", cmd.replace('`', "'")).unwrap();
    }
    for (i, y) in s.years.iter().enumerate() {
        writeln!(md, "\n### {}\n", year_heading(i, y)).unwrap();
        let (h, cells, right) = observations(y);
        md.push_str(&grid(&h, &cells, &right, Format::Markdown));
        writeln!(md, "\n{}", md_text(&median_line(y))).unwrap();
    }
    md
}

/// The section in HTML (inside its `<section>`).
pub(super) fn html(s: &std::result::Result<Section, String>) -> String {
    let mut h = format!("<p>{}</p>\n", esc(INTRO));
    let s = match s {
        Ok(s) => s,
        Err(why) => {
            writeln!(h, "<p>Not computed for this network: {}</p>", esc(why)).unwrap();
            return h;
        }
    };
    let (head, cells, right) = parameters(s);
    h.push_str(&table(
        "The shipped route-choice parameters",
        &head,
        &cells,
        &right,
    ));
    if let Some(cmd) = &s.record.command {
        writeln!(h, "<p>Fitted by <code>{}</code>.</p>", esc(cmd)).unwrap();
    }
    for (i, y) in s.years.iter().enumerate() {
        let (head, cells, right) = observations(y);
        h.push_str(&table(&year_heading(i, y), &head, &cells, &right));
        writeln!(h, "<p>{}</p>", esc(&median_line(y))).unwrap();
    }
    h
}
