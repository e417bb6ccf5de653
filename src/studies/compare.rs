//! Comparisons: the same query across scenarios, side by side, with changes against the first.
//!
//! The base network is loaded once by the caller; each scenario is applied to it (a pure function)
//! and routed with its own search graph. Rows come out in scenario order, then objective order.

use std::fmt::Write as _;

use serde::Serialize;

use crate::describe::{corridor_label, key_nodes};
use crate::error::Result;
use crate::network::Network;
use crate::query::Query;
use crate::report::{self, thousands, Format};
use crate::scenario::{self, Scenario};
use crate::solve::{Objective, Outcome, Route, Router};

/// Change of a row against the first scenario's row for the same objective.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Delta {
    /// Kilometres.
    pub km: f64,
    /// Days.
    pub days: f64,
    /// USD.
    pub usd: f64,
    /// kg CO2e.
    pub co2_kg: f64,
    /// Kilometres, % of the reference.
    pub km_pct: Option<f64>,
    /// Days, % of the reference.
    pub days_pct: Option<f64>,
    /// USD, % of the reference.
    pub usd_pct: Option<f64>,
    /// kg CO2e, % of the reference.
    pub co2_pct: Option<f64>,
}

/// One scenario × objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Position of the scenario in the request (0 is the reference).
    pub position: usize,
    /// Scenario name.
    pub scenario: String,
    /// The corridor family, when the comparison is by corridor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Objective.
    pub objective: Objective,
    /// The route (the `route` command's contract), if one exists.
    pub route: Option<Route>,
    /// Why there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_route: Option<String>,
    /// The route's corridor and key nodes, in words.
    pub summary: String,
    /// Change against the first scenario (none on the first scenario's own rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<Delta>,
    /// The route's median and 90th-percentile days (`compare --reliability`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Percentiles>,
}

/// A route's median and 90th-percentile days from a reliability study.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    /// Median days.
    pub p50_days: f64,
    /// 90th-percentile days.
    pub p90_days: f64,
}

/// A comparison's request: the query asked under every scenario (its own `scenario` is not
/// used: each scenario of the comparison takes its place, and the query's year, when it gives
/// one, overrides the scenarios' years), and whether to answer per corridor family.
#[derive(Debug, Clone)]
pub struct Request {
    /// What is asked.
    pub query: Query,
    /// One row per corridor family (the network's `[[family]]`s) rather than one best route.
    pub per_corridor: bool,
    /// Also sample every row's route (each scenario's routes together, common random numbers).
    pub reliability: Option<crate::reliability::Options>,
}

/// A finished comparison: the scenarios (for their rationales) and the rows.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The scenarios in order.
    pub scenarios: Vec<Scenario>,
    /// The rows.
    pub rows: Vec<Row>,
    /// The base network (for names in outputs).
    pub network: Network,
}

fn pct(d: f64, base: f64) -> Option<f64> {
    (base.abs() > 1e-9).then(|| 100.0 * d / base)
}

/// Runs a comparison: each scenario applied to `base`, each objective routed.
pub fn compare(base: &Network, scenarios: Vec<Scenario>, req: &Request) -> Result<Comparison> {
    let mut rows = Vec::new();
    for (position, s) in scenarios.iter().enumerate() {
        let applied = scenario::apply(base, s)?;
        let q = Query {
            scenario: None,
            year: req.query.year.or(s.year),
            ..req.query.clone()
        };
        let p = q.prepare(&applied)?;
        let (net, from, to, c) = (p.network, p.from, p.to, p.constraints);
        let router = Router::new(&net)?;
        let families: Vec<Option<&crate::network::Family>> = if req.per_corridor {
            if net.families.is_empty() {
                return Err(crate::Error::InvalidArgument(
                    "the network declares no corridor families ([[family]] tables)".into(),
                ));
            }
            net.families.iter().map(Some).collect()
        } else {
            vec![None]
        };
        for family in families {
            for &objective in &req.query.objectives {
                let outcome = match family {
                    Some(f) => router.route_family(from, to, objective, &c, f)?,
                    None => router.route(from, to, objective, &c)?,
                };
                let row = match outcome {
                    Outcome::Found(r) => Row {
                        position,
                        scenario: s.name.clone(),
                        family: family.map(|f| f.id.clone()),
                        objective,
                        summary: match family {
                            Some(f) => format!("{}: {}", f.id, key_nodes(&net, &r).join(", ")),
                            None => corridor_label(&net, &r),
                        },
                        route: Some(r),
                        no_route: None,
                        delta: None,
                        reliability: None,
                    },
                    Outcome::NoRoute(why) => Row {
                        position,
                        scenario: s.name.clone(),
                        family: family.map(|f| f.id.clone()),
                        objective,
                        summary: match family {
                            Some(f) => format!("{}: none", f.id),
                            None => "no route".into(),
                        },
                        route: None,
                        no_route: Some(why.reason),
                        delta: None,
                        reliability: None,
                    },
                };
                rows.push(row);
            }
        }
        if let Some(opts) = &req.reliability {
            let mine: Vec<usize> = (0..rows.len())
                .filter(|&i| rows[i].position == position && rows[i].route.is_some())
                .collect();
            let candidates: Vec<crate::reliability::Candidate> = mine
                .iter()
                .map(|&i| crate::reliability::Candidate {
                    label: rows[i].summary.clone(),
                    family: rows[i].family.clone(),
                    route: rows[i].route.clone().expect("filtered on routes"),
                })
                .collect();
            if !candidates.is_empty() {
                let study = crate::reliability::study(&net, &candidates, opts)?;
                for (&i, r) in mine.iter().zip(&study.routes) {
                    rows[i].reliability = Some(Percentiles {
                        p50_days: r.p50_days,
                        p90_days: r.p90_days,
                    });
                }
            }
        }
    }
    // Deltas against the first scenario's row of the same objective (by position: two files may
    // carry the same name).
    let reference: Vec<(Option<String>, Objective, Route)> = rows
        .iter()
        .filter(|r| r.position == 0)
        .filter_map(|r| r.route.clone().map(|x| (r.family.clone(), r.objective, x)))
        .collect();
    for row in rows.iter_mut().filter(|r| r.position != 0) {
        let Some(route) = &row.route else { continue };
        let Some((_, _, base)) = reference
            .iter()
            .find(|(f, o, _)| *o == row.objective && *f == row.family)
        else {
            continue;
        };
        let (dk, dd, du, dc) = (
            route.total.km - base.total.km,
            route.total.days - base.total.days,
            route.total.usd - base.total.usd,
            route.total.co2_kg - base.total.co2_kg,
        );
        row.delta = Some(Delta {
            km: dk,
            days: dd,
            usd: du,
            co2_kg: dc,
            km_pct: pct(dk, base.total.km),
            days_pct: pct(dd, base.total.days),
            usd_pct: pct(du, base.total.usd),
            co2_pct: pct(dc, base.total.co2_kg),
        });
    }
    Ok(Comparison {
        scenarios,
        rows,
        network: base.clone(),
    })
}

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

const HEAD: [&str; 9] = [
    "scenario", "by", "route", "km", "days", "USD", "t CO2e", "Δ days", "Δ USD",
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

fn base_cells(row: &Row) -> [String; 9] {
    let [dd, du] = delta_cells(&row.delta);
    match &row.route {
        Some(r) => [
            row.scenario.clone(),
            row.objective.to_string(),
            row.summary.clone(),
            thousands(r.total.km),
            format!("{:.1}", r.total.days),
            thousands(r.total.usd),
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
        ],
    }
}

/// Renders a comparison.
pub fn render(c: &Comparison, format: Format) -> String {
    let rel = c.rows.iter().any(|r| r.reliability.is_some());
    match format {
        Format::Json => crate::report::json_list("compare", "rows", &c.rows),
        Format::Csv => {
            let mut s = String::from("position,scenario,objective,summary,km,days,usd,co2_kg,delta_km,delta_days,delta_usd,delta_co2_kg,delta_km_pct,delta_days_pct,delta_usd_pct,delta_co2_pct,no_route");
            s.push_str(if rel { ",p50_days,p90_days\n" } else { "\n" });
            for row in &c.rows {
                let (km, days, usd, co2) = row.route.as_ref().map_or(
                    (String::new(), String::new(), String::new(), String::new()),
                    |r| {
                        (
                            format!("{:.1}", r.total.km),
                            format!("{:.3}", r.total.days),
                            format!("{:.2}", r.total.usd),
                            format!("{:.1}", r.total.co2_kg),
                        )
                    },
                );
                let o = |x: Option<f64>, d: usize| x.map_or(String::new(), |x| format!("{x:.d$}"));
                let d = row.delta;
                writeln!(
                    s,
                    "{},{},{},{},{km},{days},{usd},{co2},{},{},{},{},{},{},{},{},{}",
                    row.position,
                    report::csv_field(&row.scenario),
                    row.objective,
                    report::csv_field(&row.summary),
                    o(d.map(|d| d.km), 1),
                    o(d.map(|d| d.days), 3),
                    o(d.map(|d| d.usd), 2),
                    o(d.map(|d| d.co2_kg), 1),
                    o(d.and_then(|d| d.km_pct), 2),
                    o(d.and_then(|d| d.days_pct), 2),
                    o(d.and_then(|d| d.usd_pct), 2),
                    o(d.and_then(|d| d.co2_pct), 2),
                    report::csv_field(row.no_route.as_deref().unwrap_or("")),
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
                "| {} |\n|---|---|---|--:|--:|--:|--:|--:|--:|{rule}\n",
                head(rel).join(" | ")
            );
            for row in &c.rows {
                let cells: Vec<String> =
                    cells(row, rel).iter().map(|c| report::md_cell(c)).collect();
                writeln!(s, "| {} |", cells.join(" | ")).unwrap();
            }
            s.push('\n');
            s.push_str(&rationales(c, true));
            s
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = c.rows.iter().map(|r| cells(r, rel)).collect();
            let mut right = vec![false, false, false, true, true, true, true, true, true];
            if rel {
                right.extend([true, true]);
            }
            let lines = report::align(&head(rel), &rows, &right);
            let mut s = format!("{}\n", lines[0]);
            let mut last = None;
            let grouped = c.rows.iter().filter(|r| r.position == 0).count() > 1;
            for (row, line) in c.rows.iter().zip(&lines[1..]) {
                if grouped && last.is_some_and(|p| p != row.position) {
                    s.push('\n');
                }
                last = Some(row.position);
                s.push_str(line);
                s.push('\n');
            }
            s.push('\n');
            s.push_str(&rationales(c, false));
            s
        }
    }
}

/// Each scenario's description and its edits with their rationale and source.
fn rationales(c: &Comparison, markdown: bool) -> String {
    let mut s = String::new();
    for sc in &c.scenarios {
        if markdown {
            writeln!(s, "- **{}**: {}", sc.name, sc.description).unwrap();
        } else {
            writeln!(s, "{}: {}", sc.name, sc.description).unwrap();
        }
        for e in &sc.edits {
            let src = e
                .source
                .as_deref()
                .map_or(String::new(), |x| format!(" [{x}]"));
            if markdown {
                writeln!(s, "  - {}: {}{}", e.describe(), e.rationale, src).unwrap();
            } else {
                writeln!(s, "    · {}: {}{}", e.describe(), e.rationale, src).unwrap();
            }
        }
    }
    s
}
