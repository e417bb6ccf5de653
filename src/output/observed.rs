//! The model against what was observed, as text (`corridor observed`): one row per observation
//! (the published range, the model's value, the ratio and the verdict), then the count of
//! verdicts by kind.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::fit::fit_text;
use super::{csv_field, grid, json_list, Format};
use crate::studies::observed::{Comparison, Kind, Verdict};
use crate::text::thousands;

/// A value in the unit of its kind: days to one decimal, shares in per cent, the rest grouped.
fn shown(kind: Kind, v: f64) -> String {
    match kind {
        Kind::TransitDays | Kind::SectionDays => format!("{v:.1}"),
        Kind::Share => format!("{:.0} %", 100.0 * v),
        Kind::CostUsdPerFeu | Kind::VolumeTeu | Kind::ThroughputTeu => thousands(v),
    }
}

/// The published figure: `12.0–18.0`, or a point value with its tolerance `15.0 ± 10 %`.
fn observed(c: &Comparison) -> String {
    let o = &c.observation;
    match o.value {
        Some(v) => {
            let t = if v > 0.0 { (o.high - v) / v } else { 0.0 };
            format!("{} ± {:.0} %", shown(o.kind, v), 100.0 * t)
        }
        None => format!("{}–{}", shown(o.kind, o.low), shown(o.kind, o.high)),
    }
}

/// Renders the comparisons.
pub fn render(rows: &[Comparison], format: Format) -> String {
    match format {
        Format::Json => json_list("observed", "observations", rows),
        Format::Csv => csv(rows),
        _ => text(rows, format),
    }
}

fn csv(rows: &[Comparison]) -> String {
    let mut s = String::from(
        "id,kind,year,where,low,high,value,model,ratio,verdict,product,source,note,file,line\n",
    );
    let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    for c in rows {
        let o = &c.observation;
        writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            csv_field(&o.id),
            o.kind.as_str(),
            o.year,
            csv_field(&o.place.describe()),
            o.low,
            o.high,
            num(o.value),
            num(c.model),
            num(c.ratio),
            c.verdict.as_str(),
            csv_field(&o.product),
            csv_field(&o.source),
            csv_field(&c.note),
            csv_field(&o.file),
            o.line
        )
        .unwrap();
    }
    s
}

/// The table's head, cells and right-aligned columns (the report's HTML uses them too).
pub fn table(rows: &[Comparison]) -> ([&'static str; 8], Vec<Vec<String>>, [bool; 8]) {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            let o = &c.observation;
            vec![
                o.id.clone(),
                o.kind.unit().into(),
                o.year.to_string(),
                o.place.describe(),
                observed(c),
                c.model.map(|m| shown(o.kind, m)).unwrap_or_default(),
                c.ratio.map(|r| format!("{r:.2}")).unwrap_or_default(),
                c.verdict.as_str().into(),
            ]
        })
        .collect();
    (
        [
            "observation",
            "unit",
            "year",
            "where",
            "observed",
            "model",
            "ratio",
            "verdict",
        ],
        cells,
        [false, false, true, false, true, true, true, false],
    )
}

fn text(rows: &[Comparison], format: Format) -> String {
    let (head, cells, right) = table(rows);
    let mut s = grid(&head, &cells, &right, format);
    s.push('\n');
    s.push_str(&fit_text(&summary(rows), format.width()));
    s
}

/// `41 observations: 20 inside, 12 above, 9 below` and the same by kind.
pub fn summary(rows: &[Comparison]) -> String {
    let count = |rs: &[&Comparison]| {
        let mut by: BTreeMap<Verdict, usize> = BTreeMap::new();
        for c in rs {
            *by.entry(c.verdict).or_default() += 1;
        }
        by.iter()
            .map(|(v, n)| format!("{n} {}", v.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all: Vec<&Comparison> = rows.iter().collect();
    let mut s = format!("{} observations: {}\n", rows.len(), count(&all));
    for k in Kind::ALL {
        let of: Vec<&Comparison> = rows.iter().filter(|c| c.observation.kind == k).collect();
        if !of.is_empty() {
            writeln!(s, "  {} ({}): {}", k.as_str(), of.len(), count(&of)).unwrap();
        }
    }
    s
}
