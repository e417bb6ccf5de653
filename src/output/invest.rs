//! An investment appraisal printed: the assumptions with their sources, a table per project
//! (capital, opening, PV benefits split as users' benefits + residual value, PV costs, NPV, BCR,
//! first-year return, payback, TEU-hours, transit-time spread and CO2 a year saved, and the
//! spread's value), then the portfolio (budget, chosen set, its NPV against the sum of the
//! parts, build order); under several scenarios, each scenario's and the rank changes. CSV one
//! row per project (and scenario); JSON everything.
//!
//! It only formats a [`Study`]; the numbers are [`crate::studies::invest`]'s.

use serde::Serialize;

use super::{csv_field, grid, json_object, Format};
use crate::studies::invest::across::Across;
use crate::studies::invest::robustness::Robustness;
use crate::studies::invest::{Defaults, Study};
use crate::text::{fixed, grouped};

/// The CSV's header, one row per scenario and project.
pub const CSV_HEAD: &str = "scenario,rank,id,name,capital_usd,opens,last_year,pv_benefits_usd,pv_user_benefits_usd,pv_residual_usd,pv_costs_usd,npv_usd,bcr,first_year_return,payback_years,benefit_usd_per_year,teu_hours_saved_per_year,usd_saved_per_year,co2_t_avoided_per_year,spread_feu_hours_saved_per_year,reliability_usd_per_year,in_portfolio";

#[derive(Serialize)]
struct Doc<'a, T: Serialize> {
    defaults: &'a Defaults,
    #[serde(flatten)]
    body: &'a T,
}

/// Renders one appraisal.
pub fn render(st: &Study, d: &Defaults, format: Format) -> String {
    match format {
        Format::Json => json_object(
            "invest",
            &Doc {
                defaults: d,
                body: st,
            },
        ),
        Format::Csv => format!("{CSV_HEAD}\n{}", csv_rows(st)),
        Format::Table { .. } | Format::Markdown => {
            format!("{}\n{}", assumptions(st, d, format), study(st, format))
        }
    }
}

/// Renders the appraisals under several scenarios and the rank changes.
pub fn render_across(a: &Across, d: &Defaults, format: Format) -> String {
    match format {
        Format::Json => json_object(
            "invest-across",
            &Doc {
                defaults: d,
                body: a,
            },
        ),
        Format::Csv => {
            let rows: String = a.studies.iter().map(csv_rows).collect();
            format!("{CSV_HEAD}\n{rows}")
        }
        Format::Table { .. } | Format::Markdown => {
            let mut out = String::new();
            if let Some(first) = a.studies.first() {
                out.push_str(&assumptions(first, d, format));
            }
            for st in &a.studies {
                out.push_str(&format!(
                    "\n{}\n\n  {} equilibrium assignments, {} not converged to the gap\n\n",
                    heading(&format!("Under {}", st.scenario), format),
                    st.cases_run,
                    st.cases_unconverged
                ));
                out.push_str(&study(st, format));
            }
            out.push_str(&format!(
                "\n{}\n\n",
                heading("Rank by BCR under each scenario", format)
            ));
            let mut head = vec!["project"];
            head.extend(a.studies.iter().map(|s| s.scenario.as_str()));
            head.push("changes");
            let cells: Vec<Vec<String>> = a
                .ranks
                .iter()
                .map(|r| {
                    let mut c = vec![r.id.clone()];
                    c.extend(r.ranks.iter().map(|k| k.to_string()));
                    c.push(if r.changes { "yes" } else { "" }.into());
                    c
                })
                .collect();
            let mut right = vec![false];
            right.extend(a.studies.iter().map(|_| true));
            right.push(false);
            out.push_str(&grid(&head, &cells, &right, format));
            out
        }
    }
}

fn heading(s: &str, format: Format) -> String {
    if format == Format::Markdown {
        format!("### {s}")
    } else {
        s.to_string()
    }
}

/// USD in millions: "12.3 M".
pub fn musd(v: f64) -> String {
    format!("{} M", grouped(v / 1e6, 1))
}

/// The assumptions and where they come from.
fn assumptions(st: &Study, d: &Defaults, format: Format) -> String {
    let t = &st.timeline;
    let lines = [
        format!("demand {} assigned in {} (scenario {}); benefits held at that year's value from each project's opening to the end of its life or of the horizon", st.demand, st.year, st.scenario),
        format!("base year {} (prices and discounting; {})", t.base_year, d.base_year_source),
        format!("discount rate {} % real ({})", grouped(t.rate * 100.0, 1), d.discount_rate_source),
        format!("horizon {} years, {}–{} ({})", t.horizon_years, t.base_year, t.base_year + t.horizon_years as i32 - 1, d.horizon_source),
        format!("value of time USD {} per FEU-hour (the network's value_of_time_usd_per_hour unless --value-of-time)", grouped(st.prices.value_of_time, 2)),
        format!("CO2 USD {} per tonne ({})", grouped(st.prices.co2_usd_per_tonne, 1), d.co2_source),
        format!("reliability ratio {}: an hour of P90 − P50 spread saved valued at that × the value of time ({})", grouped(st.prices.reliability_ratio, 2), ratio_source(st, d)),
        st.reliability.clone(),
        "PV benefits = PV users' benefits (time, money, CO2 and spread saved) + PV residual (straight-line value of the life left at the horizon's end, an inflow in its last year as in the EU CBA guide 2014); BCR = PV benefits / PV costs".to_string(),
        format!("{} equilibrium assignments, {} not converged to the gap; {} distinct routes' spread studied", st.cases_run, st.cases_unconverged, st.spread_routes),
    ];
    let mut out = heading("Assumptions", format);
    out.push_str("\n\n");
    for l in lines {
        if format == Format::Markdown {
            out.push_str(&format!("- {l}\n"));
        } else {
            out.push_str(&format!("  {l}\n"));
        }
    }
    out
}

/// Where the reliability ratio comes from: the defaults file's source, or the flag.
fn ratio_source(st: &Study, d: &Defaults) -> String {
    if st.prices.reliability_ratio == d.reliability_ratio {
        d.reliability_ratio_source.clone()
    } else {
        "--reliability-ratio".into()
    }
}

/// The project table: head, cells (best BCR first) and which columns are right-aligned.
pub fn projects_table(st: &Study) -> ([&'static str; 15], Vec<Vec<String>>, [bool; 15]) {
    let head = [
        "#",
        "project",
        "capital",
        "opens",
        "PV users",
        "PV residual",
        "PV costs",
        "NPV",
        "BCR",
        "FYRR",
        "payback",
        "TEU-h/yr saved",
        "spread FEU-h/yr saved",
        "reliability/yr",
        "t CO2/yr avoided",
    ];
    let mut right = [true; 15];
    right[1] = false;
    let cells: Vec<Vec<String>> = st
        .projects
        .iter()
        .map(|p| {
            vec![
                p.rank.to_string(),
                p.id.clone(),
                format!(
                    "{}{}",
                    musd(p.capital_usd),
                    if p.capital_estimate { " (est.)" } else { "" }
                ),
                p.opens.to_string(),
                musd(p.money.pv_users),
                musd(p.money.pv_residual),
                musd(p.money.pv_costs),
                musd(p.money.npv),
                p.money.bcr.map_or("–".into(), |b| grouped(b, 2)),
                format!("{} %", grouped(p.first_year_return * 100.0, 1)),
                p.payback_years
                    .map_or("never".into(), |y| format!("{y} yr")),
                grouped(p.benefit.teu_hours_saved, 0),
                grouped(p.benefit.spread_feu_hours_saved, 0),
                musd(p.benefit.reliability_usd),
                grouped(p.benefit.co2_t_avoided, 0),
            ]
        })
        .collect();
    (head, cells, right)
}

/// The project table and the portfolio.
fn study(st: &Study, format: Format) -> String {
    let (head, cells, right) = projects_table(st);
    let mut out = grid(&head, &cells, &right, format);
    if let Some(r) = &st.robustness {
        out.push('\n');
        out.push_str(&robustness(r, format));
    }
    if let Some(p) = &st.portfolio {
        out.push('\n');
        out.push_str(&heading("Portfolio", format));
        out.push_str("\n\n");
        let chosen = if p.chosen.is_empty() {
            "none (no set within the budget has a positive NPV)".to_string()
        } else {
            p.chosen.join(", ")
        };
        let lines =
            [
                format!(
                    "budget USD {} of capital; {}",
                    musd(p.budget_usd),
                    p.method_words
                ),
                format!("chosen: {chosen} (capital USD {})", musd(p.capital_usd)),
                format!(
                "NPV USD {} together against USD {} as the sum of the parts alone ({} {}), BCR {}",
                musd(p.money.npv),
                musd(p.sum_of_parts_npv),
                if p.money.npv >= p.sum_of_parts_npv { "+" } else { "−" },
                musd((p.money.npv - p.sum_of_parts_npv).abs()),
                p.money.bcr.map_or("–".into(), |b| grouped(b, 2))
            ),
            ];
        for l in lines {
            out.push_str(&format!("  {l}\n"));
        }
        if !p.order.is_empty() {
            out.push('\n');
            let cells: Vec<Vec<String>> = p
                .order
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    vec![
                        (i + 1).to_string(),
                        s.id.clone(),
                        musd(s.marginal_usd),
                        grouped(s.per_dollar, 3),
                    ]
                })
                .collect();
            out.push_str(&grid(
                &[
                    "build",
                    "project",
                    "benefit/yr given those before",
                    "per USD of capital",
                ],
                &cells,
                &[true, false, true, true],
                format,
            ));
        }
    }
    out
}

/// The CSV of one appraisal, with its header.
pub fn csv(st: &Study) -> String {
    format!("{CSV_HEAD}\n{}", csv_rows(st))
}

/// Could the order of the two best change: each input's range and the BCR gap at its ends.
fn robustness(r: &Robustness, format: Format) -> String {
    let mut out = heading(
        &format!("Could {} and {} change places?", r.first, r.second),
        format,
    );
    let flips: Vec<&str> = r
        .swings
        .iter()
        .filter(|s| s.flips)
        .map(|s| s.input.as_str())
        .collect();
    out.push_str(&format!(
        "\n\n  BCR gap {} at the values; {}; {}\n\n",
        grouped(r.gap, 2),
        if flips.is_empty() {
            "no input alone reverses the order over its range".to_string()
        } else {
            format!("reversed by: {}", flips.join(", "))
        },
        r.note
    ));
    let cells: Vec<Vec<String>> = r
        .swings
        .iter()
        .map(|s| {
            vec![
                s.input.clone(),
                s.range.clone(),
                grouped(s.gap_low, 2),
                grouped(s.gap_high, 2),
                if s.flips { "yes" } else { "no" }.into(),
            ]
        })
        .collect();
    out.push_str(&grid(
        &["input", "range", "BCR gap at low", "at high", "reverses"],
        &cells,
        &[false, false, true, true, false],
        format,
    ));
    out
}

/// One CSV row per project.
fn csv_rows(st: &Study) -> String {
    let mut out = String::new();
    let chosen = |id: &str| {
        st.portfolio
            .as_ref()
            .is_some_and(|p| p.chosen.iter().any(|c| c == id))
    };
    for p in &st.projects {
        let cells = [
            csv_field(&st.scenario),
            p.rank.to_string(),
            csv_field(&p.id),
            csv_field(&p.name),
            fixed(p.capital_usd, 0),
            p.opens.to_string(),
            p.last_year.to_string(),
            fixed(p.money.pv_benefits, 0),
            fixed(p.money.pv_users, 0),
            fixed(p.money.pv_residual, 0),
            fixed(p.money.pv_costs, 0),
            fixed(p.money.npv, 0),
            p.money.bcr.map_or(String::new(), |b| fixed(b, 4)),
            fixed(p.first_year_return, 4),
            p.payback_years.map_or(String::new(), |y| y.to_string()),
            fixed(p.benefit.total_usd, 0),
            fixed(p.benefit.teu_hours_saved, 0),
            fixed(p.benefit.usd_saved, 0),
            fixed(p.benefit.co2_t_avoided, 1),
            fixed(p.benefit.spread_feu_hours_saved, 0),
            fixed(p.benefit.reliability_usd, 0),
            chosen(&p.id).to_string(),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
