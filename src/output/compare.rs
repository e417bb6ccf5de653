//! A comparison as text: one row per scenario and objective (or corridor family) with its
//! changes against the first scenario, then each scenario's description and edits with their
//! rationale and source. [`table`] and [`rationale_lines`] give the same cells and words to other
//! front ends, such as the report's HTML.

use std::fmt::Write as _;

use super::fit::{fit_text, lay_out};
use super::route::generalized_note;
use super::{csv_field, json_list, md_cell, md_text, Format};
use crate::studies::compare::{Comparison, Delta, Percentiles, Row};
use crate::text::thousands;

fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{:+.*}", decimals, v);
    if s.trim_start_matches(['+', '-'])
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        format!("{:.*}", decimals, 0.0)
    } else {
        s
    }
}

fn signed_thousands(v: f64) -> String {
    if v.round() == 0.0 {
        "0".into()
    } else if v > 0.0 {
        format!("+{}", thousands(v))
    } else {
        thousands(v)
    }
}

fn delta_cells(d: &Option<Delta>) -> [String; 2] {
    match d {
        None => ["".into(), "".into()],
        Some(d) => {
            let p = |x: Option<f64>| x.map_or(String::new(), |x| format!(" ({}%)", signed(x, 1)));
            [
                format!("{}{}", signed(d.days, 1), p(d.days_pct)),
                format!("{}{}", signed_thousands(d.usd), p(d.usd_pct)),
            ]
        }
    }
}

const HEAD: [&str; 10] = [
    "scenario", "by", "route", "km", "days", "USD", "gen. USD", "t CO2e", "Δ days", "Δ USD",
];

/// The comparison as a table: its header and one row of cells per row (for other front ends,
/// such as the report's HTML).
pub fn table(c: &Comparison) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let rel = c.rows.iter().any(|r| r.reliability.is_some());
    (head(rel), c.rows.iter().map(|r| cells(r, rel)).collect())
}

/// Each scenario's description and edits (rationale, source), for other front ends.
pub fn rationale_lines(c: &Comparison) -> Vec<(String, String, Vec<String>)> {
    c.scenarios
        .iter()
        .map(|sc| {
            let edits = sc
                .edits
                .iter()
                .map(|e| {
                    let src = e
                        .source
                        .as_deref()
                        .map_or(String::new(), |x| format!(" [{x}]"));
                    format!("{}: {}{}", e.describe(), e.rationale, src)
                })
                .collect();
            (sc.name.clone(), sc.description.clone(), edits)
        })
        .collect()
}

/// A row's cells, with P50 and P90 columns when `reliability`.
fn cells(row: &Row, reliability: bool) -> Vec<String> {
    let mut c = base_cells(row).to_vec();
    if reliability {
        match row.reliability {
            Some(p) => {
                c.push(format!("{:.1}", p.p50_days));
                c.push(format!("{:.1}", p.p90_days));
            }
            None => c.extend([String::new(), String::new()]),
        }
    }
    c
}

fn head(reliability: bool) -> Vec<&'static str> {
    let mut h = HEAD.to_vec();
    if reliability {
        h.extend(["P50 d", "P90 d"]);
    }
    h
}

fn base_cells(row: &Row) -> [String; 10] {
    let [dd, du] = delta_cells(&row.delta);
    match &row.route {
        Some(r) => [
            row.scenario.clone(),
            row.objective.to_string(),
            row.summary.clone(),
            thousands(r.total.km),
            format!("{:.1}", r.total.days()),
            thousands(r.total.usd),
            thousands(r.generalized_usd()),
            format!("{:.2}", r.total.co2_kg / 1000.0),
            dd,
            du,
        ],
        None => [
            row.scenario.clone(),
            row.objective.to_string(),
            match &row.family {
                Some(f) => format!("{f}: none — {}", row.no_route.as_deref().unwrap_or("")),
                None => format!("no route: {}", row.no_route.as_deref().unwrap_or("")),
            },
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
    }
}

/// Renders a comparison.
pub fn render(c: &Comparison, format: Format) -> String {
    let rel = c.rows.iter().any(|r| r.reliability.is_some());
    match format {
        Format::Json => json_list("compare", "rows", &c.rows),
        Format::Csv => {
            let mut s = String::from("position,scenario,objective,summary,km,days,usd,co2_kg,delta_km,delta_days,delta_usd,delta_co2_kg,delta_km_pct,delta_days_pct,delta_usd_pct,delta_co2_pct,no_route");
            s.push_str(",generalized_usd");
            s.push_str(if rel { ",p50_days,p90_days\n" } else { "\n" });
            for row in &c.rows {
                let (km, days, usd, co2, gen) =
                    row.route.as_ref().map_or(Default::default(), |r| {
                        (
                            format!("{:.1}", r.total.km),
                            format!("{:.3}", r.total.days()),
                            format!("{:.2}", r.total.usd),
                            format!("{:.1}", r.total.co2_kg),
                            format!("{:.2}", r.generalized_usd()),
                        )
                    });
                let o = |x: Option<f64>, d: usize| x.map_or(String::new(), |x| format!("{x:.d$}"));
                let d = row.delta;
                writeln!(
                    s,
                    "{},{},{},{},{km},{days},{usd},{co2},{},{},{},{},{},{},{},{},{},{gen}",
                    row.position,
                    csv_field(&row.scenario),
                    row.objective,
                    csv_field(&row.summary),
                    o(d.map(|d| d.km), 1),
                    o(d.map(|d| d.days), 3),
                    o(d.map(|d| d.usd), 2),
                    o(d.map(|d| d.co2_kg), 1),
                    o(d.and_then(|d| d.km_pct), 2),
                    o(d.and_then(|d| d.days_pct), 2),
                    o(d.and_then(|d| d.usd_pct), 2),
                    o(d.and_then(|d| d.co2_pct), 2),
                    csv_field(row.no_route.as_deref().unwrap_or("")),
                )
                .unwrap();
                if rel {
                    s.pop();
                    let p = |f: fn(&Percentiles) -> f64| {
                        row.reliability
                            .as_ref()
                            .map_or(String::new(), |x| format!("{:.3}", f(x)))
                    };
                    writeln!(s, ",{},{}", p(|x| x.p50_days), p(|x| x.p90_days)).unwrap();
                }
            }
            s
        }
        Format::Markdown => {
            let rule = if rel { "--:|--:|" } else { "" };
            let mut s = format!(
                "| {} |\n|---|---|---|--:|--:|--:|--:|--:|--:|--:|{rule}\n",
                head(rel).join(" | ")
            );
            for row in &c.rows {
                let cells: Vec<String> = cells(row, rel).iter().map(|c| md_cell(c)).collect();
                writeln!(s, "| {} |", cells.join(" | ")).unwrap();
            }
            s.push_str(&generalized_note(routes(c), format));
            s.push('\n');
            s.push_str(&rationales(c, true));
            s
        }
        Format::Table { width } => {
            let rows: Vec<Vec<String>> = c.rows.iter().map(|r| cells(r, rel)).collect();
            let mut right = vec![
                false, false, false, true, true, true, true, true, true, true,
            ];
            if rel {
                right.extend([true, true]);
            }
            let laid = lay_out(&head(rel), &rows, &right, width);
            let mut s: String = laid.head.iter().map(|l| format!("{l}\n")).collect();
            let mut last = None;
            let grouped = laid.blocks || c.rows.iter().filter(|r| r.position == 0).count() > 1;
            for (row, lines) in c.rows.iter().zip(&laid.rows) {
                if grouped && last.is_some_and(|p| laid.blocks || p != row.position) {
                    s.push('\n');
                }
                last = Some(row.position);
                for line in lines {
                    s.push_str(line);
                    s.push('\n');
                }
            }
            s.push_str(&generalized_note(routes(c), format));
            s.push('\n');
            s.push_str(&fit_text(&rationales(c, false), width));
            s
        }
    }
}

/// The routes of the comparison's rows.
fn routes(c: &Comparison) -> impl Iterator<Item = &crate::routing::Route> {
    c.rows.iter().filter_map(|r| r.route.as_ref())
}

/// Each scenario's description and its edits with their rationale and source.
fn rationales(c: &Comparison, markdown: bool) -> String {
    let mut s = String::new();
    for sc in &c.scenarios {
        if markdown {
            writeln!(
                s,
                "- **{}**: {}",
                md_text(&sc.name),
                md_text(&sc.description)
            )
            .unwrap();
        } else {
            writeln!(s, "{}: {}", sc.name, sc.description).unwrap();
        }
        for e in &sc.edits {
            let src = e
                .source
                .as_deref()
                .map_or(String::new(), |x| format!(" [{x}]"));
            if markdown {
                let line = format!("{}: {}{}", e.describe(), e.rationale, src);
                writeln!(s, "  - {}", md_text(&line)).unwrap();
            } else {
                writeln!(s, "    · {}: {}{}", e.describe(), e.rationale, src).unwrap();
            }
        }
    }
    s
}
