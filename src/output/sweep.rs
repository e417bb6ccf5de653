//! A sweep printed: the best route at each grid value, then the switch points; CSV gives both
//! in one table (a `kind` column tells a grid row from a switch row), JSON everything.
//!
//! It only formats a [`Sweep`]; the values and switch points are computed in
//! [`crate::studies::sweep`].

use std::fmt::Write as _;

use super::fit::{fit_line, fit_text};
use super::{csv_field, grid, json_object, md_text, Format};
use crate::studies::sweep::{Point, Sweep, Switch};
use crate::text::thousands;

/// The CSV's header. One row per grid value (`kind` = `grid`: the `value`, the best route there
/// in words, `summary`, and its measures), and, in order of value among them, one row per switch
/// point (`kind` = `switch`: `switch_below`, the last value giving the route `summary_before`,
/// and `switch_above`, the first value giving the route `summary`; no value or measures). Values
/// are written in full (shortest round-trip decimals), as the JSON has them. The first six
/// columns are those of the grid-only CSV of earlier versions.
pub const CSV_HEAD: &str =
    "value,summary,km,days,usd,objective_value,kind,switch_below,switch_above,summary_before";

/// Renders a sweep.
pub fn render(s: &Sweep, format: Format) -> String {
    match format {
        Format::Json => json_object("sweep", s),
        Format::Csv => csv(s),
        Format::Table { .. } | Format::Markdown => text(s, format),
    }
}

/// The grid rows and the switch rows in one table, ordered by value (a switch after the grid
/// values at or below its `switch_below`).
fn csv(s: &Sweep) -> String {
    let mut out = format!("{CSV_HEAD}\n");
    let mut switches = s.switches.iter().peekable();
    for p in &s.points {
        while let Some(sw) = switches.next_if(|sw| sw.below < p.value) {
            switch_row(&mut out, sw);
        }
        let (km, days, usd) = p.route.as_ref().map_or(Default::default(), |r| {
            (
                format!("{:.1}", r.total.km),
                format!("{:.3}", r.total.days()),
                format!("{:.2}", r.total.usd),
            )
        });
        writeln!(
            out,
            "{},{},{km},{days},{usd},{},grid,,,",
            p.value,
            csv_field(&p.summary),
            p.objective_value
                .map_or(String::new(), |v| format!("{v:.3}"))
        )
        .unwrap();
    }
    for sw in switches {
        switch_row(&mut out, sw);
    }
    out
}

/// A switch point's CSV row: the route after it, the values either side, the route before it.
fn switch_row(out: &mut String, sw: &Switch) {
    writeln!(
        out,
        ",{},,,,,switch,{},{},{}",
        csv_field(&sw.after),
        sw.below,
        sw.above,
        csv_field(&sw.before)
    )
    .unwrap();
}

/// A grid point's cells: value, route, km, days, USD.
fn cells(p: &Point) -> Vec<String> {
    let (km, days, usd) = p.route.as_ref().map_or(Default::default(), |r| {
        (
            thousands(r.total.km),
            format!("{:.1}", r.total.days()),
            thousands(r.total.usd),
        )
    });
    vec![trim(p.value), p.summary.clone(), km, days, usd]
}

/// The table (or Markdown): a line saying what was swept, the grid, then the switch points.
fn text(s: &Sweep, format: Format) -> String {
    let md = format == Format::Markdown;
    let width = format.width();
    let verb = if s.action == "set" { "=" } else { "×" };
    let mut out = String::new();
    if !md {
        let what = format!(
            "sweep of {} {verb} value on {} · best route by {}",
            s.field, s.selection, s.objective
        );
        writeln!(out, "{}", fit_line(&what, width).join("\n")).unwrap();
    }
    let value_head = format!("{} {verb}", s.field);
    let route_head = format!("best route ({})", s.objective);
    let rows: Vec<Vec<String>> = s.points.iter().map(cells).collect();
    out.push_str(&grid(
        &[&value_head, &route_head, "km", "days", "USD"],
        &rows,
        &[true, false, true, true, true],
        format,
    ));
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
            writeln!(out, "{}", fit_text(&line, width)).unwrap();
        }
    }
    out
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
