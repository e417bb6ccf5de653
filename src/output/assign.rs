//! An assignment printed: the capacitated elements (load, capacity, utilisation, waits), then the
//! flows and their routes; CSV gives the elements, JSON everything.
//!
//! It only formats an [`Assignment`]; the equilibrium is computed in
//! [`crate::studies::assign`].

use std::fmt::Write as _;

use crate::output::fit::fit_text;
use crate::output::{csv_field, grid, json_object, md_text, Format};
use crate::studies::assign::{Assignment, ElementLoad};
use crate::text::thousands;

/// Renders an assignment: the elements (load, capacity, utilisation, waits), then the flows and
/// their routes; CSV gives the elements, JSON everything.
pub fn render(a: &Assignment, format: Format) -> String {
    if format == Format::Json {
        return json_object("assignment", a);
    }
    if format == Format::Csv {
        return csv(a);
    }
    let md = format == Format::Markdown;
    let mut s = String::new();
    let status = if a.converged {
        "converged"
    } else {
        "NOT converged"
    };
    let horizon = match (a.period_days, a.utilisation_cap) {
        (Some(d), _) => format!("queues over a {} period", days(d)),
        (None, Some(c)) => format!("queues in steady state, capped at {:.0} %", 100.0 * c),
        (None, None) => "queues in steady state".into(),
    };
    let head = format!(
        "assignment of {} · scenario {} · year {} · {horizon} · {} after {} iterations, relative gap {:.1e}",
        a.demand, a.scenario, a.year, status, a.iterations, a.gap
    );
    if md {
        writeln!(s, "**{}**\n", md_text(&head)).unwrap();
    } else {
        writeln!(s, "{}\n", fit_text(&head, format.width())).unwrap();
    }
    s.push_str(&elements_table(a, format));
    s.push('\n');
    s.push_str(&flows_table(a, format));
    let total = format!(
        "{} TEU a year routed (mean {:.1} days), {} without a route.",
        thousands(a.routed_teu),
        a.mean_days,
        thousands(a.unrouted_teu)
    );
    writeln!(s, "\n{}", fit_text(&total, format.width())).unwrap();
    s
}

/// A period in days, as `30-day` (or `7.5-day`).
fn days(d: f64) -> String {
    if (d - d.round()).abs() < 1e-9 {
        format!("{d:.0}-day")
    } else {
        format!("{d}-day")
    }
}

/// An element's direction in words (`both` for a node's facility or an undirected record).
fn dir(e: &ElementLoad) -> String {
    e.direction.unwrap_or("both").to_string()
}

/// The elements as CSV, one line each.
fn csv(a: &Assignment) -> String {
    let mut s = String::from("id,component,direction,load_teu,background_teu,capacity_teu,utilisation,excess_teu,fixed_hours,hours,queue_hours,saturated,saturated_months\n");
    for e in &a.elements {
        let months: Vec<String> = e.saturated_months.iter().map(u8::to_string).collect();
        writeln!(
            s,
            "{},{},{},{:.0},{:.0},{:.0},{:.4},{:.0},{:.2},{:.2},{:.2},{},{}",
            csv_field(&e.id),
            csv_field(&e.component),
            dir(e),
            e.load_teu,
            e.background_teu,
            e.capacity_teu,
            e.utilisation,
            e.excess_teu,
            e.fixed_hours,
            e.hours,
            e.queue_hours,
            e.saturated,
            months.join(" ")
        )
        .unwrap();
    }
    s
}

/// The elements' table: load, background, capacity, utilisation, hours and saturation.
fn elements_table(a: &Assignment, format: Format) -> String {
    let cells: Vec<Vec<String>> = a
        .elements
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                dir(e),
                thousands(e.load_teu),
                thousands(e.background_teu),
                thousands(e.capacity_teu),
                format!("{:.0} %", 100.0 * e.utilisation),
                if e.excess_teu > 0.0 {
                    thousands(e.excess_teu)
                } else {
                    String::new()
                },
                format!("{:.1}", e.fixed_hours),
                format!("{:.1}", e.hours),
                if e.saturated {
                    if e.saturated_months.len() == 12 {
                        "SATURATED".into()
                    } else {
                        let m: Vec<String> = e.saturated_months.iter().map(u8::to_string).collect();
                        format!("saturated in months {}", m.join(", "))
                    }
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    grid(
        &[
            "element",
            "direction",
            "load TEU/yr",
            "background",
            "capacity TEU/yr",
            "utilisation",
            "over capacity",
            "fixed h",
            "hours now",
            "",
        ],
        &cells,
        &[
            false, false, true, true, true, true, true, true, true, false,
        ],
        format,
    )
}

/// The flows' table: one line per route of a flow (its share, days and elements), or the reason
/// a flow has no route.
fn flows_table(a: &Assignment, format: Format) -> String {
    let mut cells = Vec::new();
    for f in &a.flows {
        if f.routes.is_empty() {
            cells.push(vec![
                format!("{} → {}", f.from, f.to),
                thousands(f.teu),
                String::new(),
                String::new(),
                format!("no route: {}", f.no_route.as_deref().unwrap_or("")),
            ]);
        }
        for (i, r) in f.routes.iter().enumerate() {
            cells.push(vec![
                if i == 0 {
                    format!("{} → {}", f.from, f.to)
                } else {
                    String::new()
                },
                if i == 0 {
                    thousands(f.teu)
                } else {
                    String::new()
                },
                format!("{:.0} %", 100.0 * r.share),
                format!("{:.1}", r.days),
                if r.elements.is_empty() {
                    "no capacitated element".into()
                } else {
                    r.elements.join(", ")
                },
            ]);
        }
    }
    grid(
        &["flow", "TEU/yr", "share", "days", "via"],
        &cells,
        &[false, true, true, true, false],
        format,
    )
}
