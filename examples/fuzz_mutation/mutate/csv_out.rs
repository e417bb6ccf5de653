//! The CSV-output check: a CSV the tool writes parses with an independent CSV reader (the `csv`
//! crate, strict: every record as long as the header), and each column holds what its name
//! says. Every column of every CSV output is classified here: a number column holds finite
//! numbers or nothing (a negative one written as `-34.6`, never guarded as text), a yes/no column
//! `true` or `false`, a text column anything, but never a cell a spreadsheet would run as a
//! formula (`=`, `+`, `-`, `@` first: those get a leading `'`). A column this file does not
//! know is a failure too, so that a new column is classified when it is added.

use super::check::{violation, Violation};

/// The text columns of the tool's CSV outputs (nodes, links, route, compare, reliability, sweep,
/// assign, observed, pareto, per-corridor).
pub const TEXT_COLUMNS: &[&str] = &[
    "id",
    "name",
    "country",
    "kind",
    "transfers",
    "from",
    "to",
    "mode",
    "status",
    "corridors",
    "scenario",
    "objective",
    "step_from",
    "step_to",
    "link",
    "service",
    "detail",
    "summary",
    "no_route",
    "route",
    "family",
    "spread_from",
    "component",
    "direction",
    "saturated_months",
    "where",
    "verdict",
    "product",
    "source",
    "note",
    "file",
    "countries",
    "via",
    "summary_before",
];

/// The yes/no columns.
pub const BOOL_COLUMNS: &[&str] = &["km_estimated", "saturated"];

/// The number columns.
pub const NUMBER_COLUMNS: &[&str] = &[
    "lat",
    "lon",
    "gauge_mm",
    "km",
    "hours",
    "wait_hours",
    "border_hours",
    "available_from",
    "seq",
    "usd",
    "co2_kg",
    "cum_km",
    "cum_hours",
    "cum_usd",
    "cum_co2_kg",
    "position",
    "days",
    "delta_km",
    "delta_days",
    "delta_usd",
    "delta_co2_kg",
    "delta_km_pct",
    "delta_days_pct",
    "delta_usd_pct",
    "delta_co2_pct",
    "p50_days",
    "p90_days",
    "fixed_days",
    "mean_days",
    "p10_days",
    "p95_days",
    "p_within",
    "p_fastest",
    "value",
    "objective_value",
    "load_teu",
    "background_teu",
    "capacity_teu",
    "utilisation",
    "excess_teu",
    "fixed_hours",
    "queue_hours",
    "year",
    "low",
    "high",
    "model",
    "ratio",
    "line",
    "rank",
    "value_of_time",
    "generalized_usd",
    "cum_generalized_usd",
    "switch_below",
    "switch_above",
];

/// What a CSV held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvCounts {
    /// Data rows.
    pub rows: usize,
    /// Number cells that were not empty.
    pub numbers: usize,
    /// Of them, negative ones.
    pub negatives: usize,
}

/// Checks one CSV output (`what` names it in a failure): it parses, and every cell is what its
/// column says.
pub fn check_csv(what: &str, text: &str) -> Result<CsvCounts, Violation> {
    let bad =
        |sig: &str, detail: String| Err(violation("csv-output", format!("{what} {sig}"), detail));
    if !text.is_empty() && !text.ends_with('\n') {
        return bad("no final line break", excerpt(text));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let head: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => return bad("header does not parse", e.to_string()),
    };
    for (i, h) in head.iter().enumerate() {
        if head[..i].contains(h) {
            return bad("column named twice", h.clone());
        }
        let known = [TEXT_COLUMNS, BOOL_COLUMNS, NUMBER_COLUMNS]
            .iter()
            .any(|l| l.contains(&h.as_str()));
        if !known {
            return bad("unclassified column", h.clone());
        }
    }
    let mut counts = CsvCounts::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => return bad("does not parse", e.to_string()),
        };
        counts.rows += 1;
        for (h, cell) in head.iter().zip(record.iter()) {
            let h = h.as_str();
            if NUMBER_COLUMNS.contains(&h) {
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<f64>() {
                    Ok(v) if v.is_finite() && !cell.starts_with(['+', 'i', 'I', 'n', 'N']) => {
                        counts.numbers += 1;
                        if v < 0.0 {
                            counts.negatives += 1;
                        }
                    }
                    _ => {
                        return bad(
                            &format!("column {h} not a finite number"),
                            format!("row {}: {cell:?}", counts.rows),
                        )
                    }
                }
            } else if BOOL_COLUMNS.contains(&h) {
                if !matches!(cell, "true" | "false") {
                    return bad(
                        &format!("column {h} not true/false"),
                        format!("row {}: {cell:?}", counts.rows),
                    );
                }
            } else if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                return bad(
                    &format!("column {h} holds an unguarded formula"),
                    format!("row {}: {cell:?}", counts.rows),
                );
            }
        }
    }
    Ok(counts)
}

fn excerpt(s: &str) -> String {
    let tail: String = s
        .chars()
        .rev()
        .take(80)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("…{tail:?}")
}
