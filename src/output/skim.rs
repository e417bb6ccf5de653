//! A skim as text: per objective, a matrix (rows the origins, columns the destinations, by node
//! id) of that objective's value for the best route by it, then the pairs without a route and
//! why; as CSV and JSON, the long form, one record per ordered pair and objective with every
//! measure (`from, to, by, km, hours, usd, generalized_usd, co2_kg`), empty or `null` with the
//! reason where there is no route.
//!
//! A matrix wider than the table's width is printed in panels of whole columns, each with the
//! row labels again, so numbers stay in a grid and none is cut (the other tables' rule would make
//! each row a block of `column: value` pairs); Markdown and piped tables are printed whole.

use std::fmt::Write;

use serde::Serialize;

use super::fit::{fit_line, lay_out, MIN_WIDTH};
use super::{csv_field, grid, json_object, Format};
use crate::routing::{Metrics, Objective};
use crate::studies::skim::{Place, Skim};
use crate::text::{grouped, round3, thousands};

/// The skim in `format`.
pub fn skim(s: &Skim, format: Format) -> String {
    match format {
        Format::Csv => csv(s),
        Format::Json => json(s),
        Format::Markdown | Format::Table { .. } => matrices(s, format),
    }
}

/// What a matrix of `o` shows.
fn title(s: &Skim, o: Objective) -> String {
    match o {
        Objective::Distance => "km of the shortest route".into(),
        Objective::Time => "days of the fastest route".into(),
        Objective::Cost => "USD per FEU of the cheapest route".into(),
        Objective::Generalized => format!(
            "USD + {} USD/h × hours of the best route by generalized cost",
            grouped(
                s.value_of_time,
                if s.value_of_time.fract() == 0.0 { 0 } else { 2 }
            )
        ),
        Objective::Co2 => "t CO2e per FEU of the lowest-CO2 route".into(),
    }
}

/// A cell of a matrix of `o`: the route's value in the matrix's unit.
fn value(s: &Skim, o: Objective, m: &Metrics) -> String {
    match o {
        Objective::Distance => thousands(m.km),
        Objective::Time => format!("{:.1}", m.days()),
        Objective::Cost => thousands(m.usd),
        Objective::Generalized => thousands(s.generalized_usd(m)),
        Objective::Co2 => format!("{:.2}", m.co2_kg / 1000.0),
    }
}

/// The corner of a matrix: rows are origins, columns destinations.
const CORNER: &str = "from \\ to";

/// Every objective's matrix, then the pairs without a route.
fn matrices(s: &Skim, format: Format) -> String {
    let md = format == Format::Markdown;
    let width = format.width();
    let mut out = String::new();
    let head = format!(
        "skim of {} places · year {} · {}",
        s.places.len(),
        s.year,
        s.scenario
    );
    if md {
        writeln!(out, "## {}", super::md_cell(&head)).unwrap();
    } else {
        out.push_str(&fit_line(&head, width).join("\n"));
        out.push('\n');
    }
    let ids: Vec<&str> = s.places.iter().map(|p| p.id.as_str()).collect();
    for (k, &o) in s.objectives.iter().enumerate() {
        let title = title(s, o);
        let rows: Vec<Vec<String>> = (0..ids.len())
            .map(|i| {
                let mut row = vec![ids[i].to_string()];
                row.extend((0..ids.len()).map(|j| match s.cell(k, i, j) {
                    Ok(m) => value(s, o, m),
                    Err(_) => "—".into(),
                }));
                row
            })
            .collect();
        let title = format!("{o}: {title}");
        if md {
            writeln!(out, "\n### {}\n", super::md_cell(&title)).unwrap();
            let mut head = vec![CORNER];
            head.extend(&ids);
            let mut right = vec![true; head.len()];
            right[0] = false;
            out.push_str(&grid(&head, &rows, &right, format));
        } else {
            out.push('\n');
            out.push_str(&fit_line(&title, width).join("\n"));
            out.push('\n');
            for line in panels(&ids, &rows, width) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    out.push_str(&missing(s, format));
    out
}

/// A matrix laid out whole, or when wider than `width`, in panels of as many whole columns as
/// fit (at least one), each with the row labels, separated by an empty line.
fn panels(ids: &[&str], rows: &[Vec<String>], width: Option<usize>) -> Vec<String> {
    let chars = |s: &str| s.chars().count();
    let label = rows
        .iter()
        .map(|r| chars(&r[0]))
        .chain([chars(CORNER)])
        .max()
        .unwrap_or(0);
    let column = |j: usize| {
        rows.iter()
            .map(|r| chars(&r[j + 1]))
            .chain([chars(ids[j])])
            .max()
            .unwrap_or(0)
    };
    let room = width.map_or(usize::MAX, |w| w.max(MIN_WIDTH));
    let mut out = Vec::new();
    let mut first = 0;
    while first < ids.len() {
        let mut last = first + 1;
        let mut used = label + 2 + column(first);
        while last < ids.len() && used + 2 + column(last) <= room {
            used += 2 + column(last);
            last += 1;
        }
        if first > 0 {
            out.push(String::new());
        }
        let mut head = vec![CORNER];
        head.extend(&ids[first..last]);
        let part: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut row = vec![r[0].clone()];
                row.extend(r[first + 1..last + 1].iter().cloned());
                row
            })
            .collect();
        let mut right = vec![true; head.len()];
        right[0] = false;
        out.extend(lay_out(&head, &part, &right, None).lines());
        first = last;
    }
    out
}

/// The pairs without a route, grouped by reason (the same for every objective): each reason
/// with how many pairs it cuts and the first few of them.
fn missing(s: &Skim, format: Format) -> String {
    const SHOWN: usize = 4;
    let n = s.places.len();
    let mut reasons: Vec<(&str, Vec<String>)> = Vec::new();
    for i in 0..n {
        for j in 0..n {
            let why = s
                .objectives
                .iter()
                .enumerate()
                .find_map(|(k, _)| s.cell(k, i, j).as_ref().err());
            let Some(why) = why else { continue };
            let pair = format!("{} → {}", s.places[i].id, s.places[j].id);
            match reasons.iter_mut().find(|(r, _)| r == why) {
                Some((_, pairs)) => pairs.push(pair),
                None => reasons.push((why, vec![pair])),
            }
        }
    }
    let mut out = String::new();
    for (why, pairs) in &reasons {
        let mut shown = pairs[..pairs.len().min(SHOWN)].join(", ");
        if pairs.len() > SHOWN {
            write!(shown, " and {} more", pairs.len() - SHOWN).unwrap();
        }
        let plural = if pairs.len() == 1 { "" } else { "s" };
        let line = format!("— no route, {} pair{plural} ({shown}): {why}", pairs.len());
        if format == Format::Markdown {
            writeln!(out, "\n{}", super::md_text(&line)).unwrap();
        } else {
            if out.is_empty() {
                out.push('\n');
            }
            out.push_str(&fit_line(&line, format.width()).join("\n"));
            out.push('\n');
        }
    }
    out
}

/// The long form as CSV: a row per objective, origin and destination, in that order.
fn csv(s: &Skim) -> String {
    let mut out =
        String::from("scenario,year,from,to,by,km,hours,usd,generalized_usd,co2_kg,no_route\n");
    for (k, o) in s.objectives.iter().enumerate() {
        for (i, a) in s.places.iter().enumerate() {
            for (j, b) in s.places.iter().enumerate() {
                let (values, why) = match s.cell(k, i, j) {
                    Ok(m) => (
                        format!(
                            "{:.3},{:.3},{:.2},{:.2},{:.3}",
                            m.km,
                            m.hours,
                            m.usd,
                            s.generalized_usd(m),
                            m.co2_kg
                        ),
                        String::new(),
                    ),
                    Err(why) => (",,,,".to_string(), csv_field(why)),
                };
                writeln!(
                    out,
                    "{},{},{},{},{o},{values},{why}",
                    csv_field(&s.scenario),
                    s.year,
                    csv_field(&a.id),
                    csv_field(&b.id)
                )
                .unwrap();
            }
        }
    }
    out
}

/// One record of the long form.
#[derive(Serialize)]
struct Pair<'a> {
    from: &'a str,
    to: &'a str,
    by: Objective,
    km: Option<f64>,
    hours: Option<f64>,
    usd: Option<f64>,
    generalized_usd: Option<f64>,
    co2_kg: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    no_route: Option<&'a str>,
}

/// The JSON document, `corridor.skim/1`.
#[derive(Serialize)]
struct Doc<'a> {
    scenario: &'a str,
    year: i32,
    value_of_time_usd_per_hour: f64,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    avoid: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    modes: Option<&'a [crate::network::Mode]>,
    objectives: &'a [Objective],
    places: &'a [Place],
    pairs: Vec<Pair<'a>>,
}

/// The long form as JSON: the conditions, the places, then a record per objective, origin and
/// destination, in that order (numbers rounded to three decimals, as a route's totals are).
fn json(s: &Skim) -> String {
    let mut pairs = Vec::with_capacity(s.objectives.len() * s.places.len().pow(2));
    for (k, &by) in s.objectives.iter().enumerate() {
        for (i, a) in s.places.iter().enumerate() {
            for (j, b) in s.places.iter().enumerate() {
                let cell = s.cell(k, i, j);
                let m = cell.as_ref().ok();
                let get = |f: &dyn Fn(&Metrics) -> f64| m.map(|m| round3(f(m)));
                pairs.push(Pair {
                    from: &a.id,
                    to: &b.id,
                    by,
                    km: get(&|m| m.km),
                    hours: get(&|m| m.hours),
                    usd: get(&|m| m.usd),
                    generalized_usd: get(&|m| s.generalized_usd(m)),
                    co2_kg: get(&|m| m.co2_kg),
                    no_route: cell.as_ref().err().map(String::as_str),
                });
            }
        }
    }
    json_object(
        "skim",
        &Doc {
            scenario: &s.scenario,
            year: s.year,
            value_of_time_usd_per_hour: round3(s.value_of_time),
            avoid: &s.avoid,
            modes: s.modes.as_deref(),
            objectives: &s.objectives,
            places: &s.places,
            pairs,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::panels;

    /// Wider than the width: panels of whole columns, each line within it, the row labels in
    /// every panel, every column once and in order.
    #[test]
    fn a_wide_matrix_splits_into_panels_of_whole_columns() {
        let ids: Vec<String> = (0..9).map(|i| format!("place{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = ids
            .iter()
            .map(|id| {
                let mut row = vec![id.to_string()];
                row.extend((0..9).map(|j| format!("{},{:03}", j + 1, j * 7)));
                row
            })
            .collect();
        let whole = panels(&ids, &rows, None);
        assert_eq!(whole.len(), 10);
        let laid = panels(&ids, &rows, Some(40));
        assert!(laid.iter().all(|l| l.chars().count() <= 40), "{laid:#?}");
        let heads: Vec<&String> = laid.iter().filter(|l| l.starts_with("from")).collect();
        assert_eq!(heads.len(), 3, "{laid:#?}");
        let columns: Vec<&str> = heads
            .iter()
            .flat_map(|h| h.split_whitespace().skip(3))
            .collect();
        assert_eq!(columns, ids);
        assert_eq!(laid.iter().filter(|l| l.starts_with("place8 ")).count(), 3);
        assert!(laid.iter().any(|l| l.ends_with("9,056")));
    }
}
