//! A sweep printed: the best route at each grid value, then the switch points; CSV gives the
//! grid points, JSON everything.
//!
//! It only formats a [`Sweep`]; the values and switch points are computed in
//! [`crate::studies::sweep`].

use std::fmt::Write as _;

use super::{csv_field, json_object, md_cell, md_text, Format};
use crate::studies::sweep::Sweep;
use crate::text::thousands;

/// Renders a sweep.
pub fn render(s: &Sweep, format: Format) -> String {
    match format {
        Format::Json => json_object("sweep", s),
        Format::Csv => {
            let mut out = String::from("value,summary,km,days,usd,objective_value\n");
            for p in &s.points {
                let (km, days, usd) =
                    p.route
                        .as_ref()
                        .map_or((String::new(), String::new(), String::new()), |r| {
                            (
                                format!("{:.1}", r.total.km),
                                format!("{:.3}", r.total.days()),
                                format!("{:.2}", r.total.usd),
                            )
                        });
                writeln!(
                    out,
                    "{},{},{km},{days},{usd},{}",
                    p.value,
                    csv_field(&p.summary),
                    p.objective_value
                        .map_or(String::new(), |v| format!("{v:.3}"))
                )
                .unwrap();
            }
            out
        }
        Format::Table | Format::Markdown => {
            let md = format == Format::Markdown;
            let mut out = String::new();
            let verb = if s.action == "set" { "=" } else { "×" };
            if md {
                writeln!(
                    out,
                    "| {} {verb} | best route ({}) | km | days | USD |\n|--:|---|--:|--:|--:|",
                    md_cell(&s.field),
                    s.objective
                )
                .unwrap();
            } else {
                writeln!(
                    out,
                    "sweep of {} {verb} value on {} · best route by {}",
                    s.field, s.selection, s.objective
                )
                .unwrap();
            }
            let w = s
                .points
                .iter()
                .map(|p| p.summary.chars().count())
                .max()
                .unwrap_or(10)
                .max(10);
            for p in &s.points {
                let (km, days, usd) =
                    p.route
                        .as_ref()
                        .map_or((String::new(), String::new(), String::new()), |r| {
                            (
                                thousands(r.total.km),
                                format!("{:.1}", r.total.days()),
                                thousands(r.total.usd),
                            )
                        });
                if md {
                    writeln!(
                        out,
                        "| {} | {} | {km} | {days} | {usd} |",
                        trim(p.value),
                        md_cell(&p.summary)
                    )
                    .unwrap();
                } else {
                    let pad = " ".repeat(w - p.summary.chars().count());
                    writeln!(
                        out,
                        "{:>12}  {}{pad}  {km:>7} km  {days:>6} d  ${usd:>7}",
                        trim(p.value),
                        p.summary
                    )
                    .unwrap();
                }
            }
            writeln!(out).unwrap();
            if s.switches.is_empty() {
                writeln!(
                    out,
                    "no switch point: the best route is the same over the whole range"
                )
                .unwrap();
            }
            for sw in &s.switches {
                let line = format!(
                    "switch at {} {verb} {}…{} (tolerance {}): {} → {}",
                    s.field,
                    trim(sw.below),
                    trim(sw.above),
                    trim(s.tolerance),
                    sw.before,
                    sw.after
                );
                if md {
                    writeln!(out, "- {}", md_text(&line)).unwrap();
                } else {
                    writeln!(out, "{line}").unwrap();
                }
            }
            out
        }
    }
}

/// A number without trailing zeros, at most 4 decimals.
fn trim(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}
