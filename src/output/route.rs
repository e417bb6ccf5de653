//! Routes as text: the step table of one route (the time/cost-distance breakdown in table form),
//! its Markdown, the CSV of every step with cumulative columns, and [`routes`], which picks one of
//! them by [`Format`] (JSON: a `route` document for one route, a `routes` list for several).

use std::fmt::Write as _;

use super::fit::{fit_line, lay_out};
use super::{csv_field, json_list, json_object, md_cell, Format};
use crate::describe::{headline, node_name as name};
use crate::network::Network;
use crate::routing::{NoRoute, Route};
use crate::text::thousands;

/// The totals line: "10,234 km · 18.3 days · $7,420 · 1.93 t CO2e".
pub fn totals_words(r: &Route) -> String {
    format!(
        "{} km · {:.1} days · ${} · {:.2} t CO2e",
        thousands(r.total.km),
        r.total.days(),
        thousands(r.total.usd),
        r.total.co2_kg / 1000.0
    )
}

/// The generalized cost in words: "generalized $13,975 (USD + 12 USD/h × hours)".
pub fn generalized_words(r: &Route) -> String {
    format!(
        "generalized ${} (USD + {} USD/h × hours)",
        thousands(r.generalized_usd()),
        r.value_of_time
    )
}

/// The line under a table with a `gen. USD` column (after an empty line): what the generalized
/// cost is, at which value of time (the routes' own, when they differ); nothing without routes.
pub fn generalized_note<'a>(routes: impl IntoIterator<Item = &'a Route>, format: Format) -> String {
    let mut vots: Vec<f64> = routes.into_iter().map(|r| r.value_of_time).collect();
    vots.dedup();
    let at = match vots.as_slice() {
        [] => return String::new(),
        [v] => format!("at {v} USD per FEU-hour"),
        _ => "at each route's value of time".to_string(),
    };
    let note = format!("gen. USD: generalized cost, USD + value of time × hours, {at}");
    format!("\n{}\n", fit_line(&note, format.width()).join("\n"))
}

/// Why there is no route, as the JSON document `--format json` prints in place of a route:
/// `{"schema": "corridor.no_route/1", "no_route": {"from", "to", "reason"}}` (node ids, and the
/// reason in words).
pub fn no_route_json(why: &NoRoute) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        no_route: Why<'a>,
    }
    #[derive(serde::Serialize)]
    struct Why<'a> {
        from: &'a str,
        to: &'a str,
        reason: &'a str,
    }
    json_object(
        "no_route",
        &Doc {
            no_route: Why {
                from: &why.from,
                to: &why.to,
                reason: &why.reason,
            },
        },
    )
}

/// Renders routes in a format. JSON is a `route` document for one route and a `routes` list for
/// several.
pub fn routes(net: &Network, rs: &[Route], format: Format) -> String {
    match format {
        Format::Table { width } => rs
            .iter()
            .map(|r| table(net, r, width))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Markdown => rs
            .iter()
            .map(|r| markdown(net, r))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Csv => csv(rs),
        Format::Json => {
            if rs.len() == 1 {
                json_object("route", &rs[0])
            } else {
                json_list("routes", "routes", rs)
            }
        }
    }
}

struct Row {
    cells: Vec<String>,
}

fn step_rows(net: &Network, r: &Route) -> Vec<Row> {
    r.steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let place = if s.from == s.to {
                name(net, &s.from).to_string()
            } else {
                format!("{} → {}", name(net, &s.from), name(net, &s.to))
            };
            let km = if s.metrics.km == 0.0 {
                String::from("")
            } else if s.km_estimated {
                format!("{}*", thousands(s.metrics.km))
            } else {
                thousands(s.metrics.km)
            };
            Row {
                cells: vec![
                    (i + 1).to_string(),
                    s.kind.as_str().to_string(),
                    place,
                    s.detail.to_string(),
                    km,
                    format!("{:.1}", s.metrics.hours),
                    thousands(s.metrics.usd),
                    thousands(s.metrics.co2_kg),
                ],
            }
        })
        .collect()
}

const HEAD: [&str; 8] = [
    "#", "step", "where", "detail", "km", "hours", "USD", "kg CO2e",
];
const RIGHT: [bool; 8] = [true, false, false, false, true, true, true, true];

/// The plain-text step table of one route, fitted to `width` when one is given (see
/// [`super::fit`]).
pub fn table(net: &Network, r: &Route, width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = step_rows(net, r).into_iter().map(|r| r.cells).collect();
    let laid = lay_out(&HEAD, &rows, &RIGHT, width);
    let mut lines = fit_line(&headline(net, r), width);
    lines.extend(laid.lines());
    let rule = laid
        .width()
        .min(width.map_or(usize::MAX, |w| w.max(super::fit::MIN_WIDTH)));
    lines.push("─".repeat(rule));
    let total = format!(
        "total: {} ({:.0} h) · {} · countries {}",
        totals_words(r),
        r.total.hours,
        generalized_words(r),
        r.countries.join("–")
    );
    lines.extend(fit_line(&total, width));
    if r.steps.iter().any(|s| s.km_estimated) {
        lines.extend(fit_line(
            "* length computed from geometry or great-circle × circuity, not measured",
            width,
        ));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The Markdown table of one route.
pub fn markdown(net: &Network, r: &Route) -> String {
    let mut out = String::new();
    writeln!(out, "### {}\n", md_cell(&headline(net, r))).unwrap();
    writeln!(
        out,
        "| # | step | where | detail | km | hours | USD | kg CO2e |"
    )
    .unwrap();
    writeln!(out, "|--:|---|---|---|--:|--:|--:|--:|").unwrap();
    for row in step_rows(net, r) {
        let cells: Vec<String> = row.cells.iter().map(|c| md_cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | ")).unwrap();
    }
    writeln!(
        out,
        "\n**Total:** {} · {} · countries {}",
        totals_words(r),
        generalized_words(r),
        r.countries.join("–")
    )
    .unwrap();
    out
}

/// CSV with one row per step and cumulative columns (the time/cost-distance chart's data).
pub fn csv(rs: &[Route]) -> String {
    let mut out = String::from(
        "scenario,from,to,objective,seq,kind,step_from,step_to,mode,link,service,detail,km,hours,usd,co2_kg,cum_km,cum_hours,cum_usd,cum_co2_kg,value_of_time,cum_generalized_usd\n",
    );
    for r in rs {
        let (mut ck, mut ch, mut cu, mut cc) = (0.0, 0.0, 0.0, 0.0);
        for (i, s) in r.steps.iter().enumerate() {
            ck += s.metrics.km;
            ch += s.metrics.hours;
            cu += s.metrics.usd;
            cc += s.metrics.co2_kg;
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{:.3},{:.3},{:.2},{:.3},{:.3},{:.3},{:.2},{:.3},{},{:.2}",
                csv_field(&r.scenario),
                r.from,
                r.to,
                r.objective,
                i + 1,
                s.kind.as_str(),
                s.from,
                s.to,
                s.mode,
                csv_field(s.link.as_deref().unwrap_or("")),
                csv_field(s.service.as_deref().unwrap_or("")),
                csv_field(&s.detail),
                s.metrics.km,
                s.metrics.hours,
                s.metrics.usd,
                s.metrics.co2_kg,
                ck,
                ch,
                cu,
                cc,
                r.value_of_time,
                cu + r.value_of_time * ch
            )
            .unwrap();
        }
    }
    out
}
