//! A reliability study as text: per route its fixed days, mean and percentiles, the chance of
//! arriving in time and of being the fastest, and the records behind its spread.

use super::fit::fit_text;
use super::{csv_field, grid, json_object, md_text, Format};
use crate::text::thousands;

/// A reliability study's table: header, cells, and which columns are right-aligned.
pub fn reliability_table(
    study: &crate::studies::reliability::Study,
) -> (Vec<String>, Vec<Vec<String>>, Vec<bool>) {
    let pct = |x: f64| format!("{:.1} %", 100.0 * x);
    let spread = |r: &crate::studies::reliability::RouteStats| {
        r.spread_from
            .iter()
            .take(3)
            .map(|c| format!("{} {:.0} %", c.id, 100.0 * c.share))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let within = study.within_days.map(|d| format!("≤ {d} d"));
    let mut head: Vec<String> = ["route", "fixed d", "mean", "P10", "P50", "P90", "P95"]
        .map(String::from)
        .to_vec();
    if let Some(w) = &within {
        head.push(w.clone());
    }
    head.extend(["fastest", "USD", "spread from"].map(String::from));
    let cells: Vec<Vec<String>> = study
        .routes
        .iter()
        .map(|r| {
            let mut row = vec![
                r.label.clone(),
                format!("{:.1}", r.fixed_days),
                format!("{:.1}", r.mean_days),
                format!("{:.1}", r.p10_days),
                format!("{:.1}", r.p50_days),
                format!("{:.1}", r.p90_days),
                format!("{:.1}", r.p95_days),
            ];
            if within.is_some() {
                row.push(pct(r.p_within.unwrap_or(0.0)));
            }
            row.extend([pct(r.p_fastest), thousands(r.usd), spread(r)]);
            row
        })
        .collect();
    let mut right = vec![false, true, true, true, true, true, true];
    if within.is_some() {
        right.push(true);
    }
    right.extend([true, true, false]);
    (head, cells, right)
}

/// A reliability study as a table: per route its fixed days, mean and percentiles, P(within),
/// P(fastest), USD, and the records behind its spread; then the families without a route.
pub fn reliability(
    study: &crate::studies::reliability::Study,
    missing: &[(String, String)],
    format: Format,
) -> String {
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Out<'a> {
                #[serde(flatten)]
                study: &'a crate::studies::reliability::Study,
                no_route: Vec<serde_json::Value>,
            }
            let out = Out {
                study,
                no_route: missing
                    .iter()
                    .map(|(f, why)| serde_json::json!({"family": f, "reason": why}))
                    .collect(),
            };
            json_object("reliability", &out)
        }
        Format::Csv => {
            let mut s = String::from(
                "route,family,fixed_days,mean_days,p10_days,p50_days,p90_days,p95_days,p_within,p_fastest,usd,co2_kg,spread_from\n",
            );
            for r in &study.routes {
                s.push_str(&format!(
                    "{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{},{:.6},{:.2},{:.1},{}\n",
                    csv_field(&r.label),
                    csv_field(r.family.as_deref().unwrap_or("")),
                    r.fixed_days,
                    r.mean_days,
                    r.p10_days,
                    r.p50_days,
                    r.p90_days,
                    r.p95_days,
                    r.p_within.map_or(String::new(), |p| format!("{p:.6}")),
                    r.p_fastest,
                    r.usd,
                    r.co2_kg,
                    csv_field(
                        &r.spread_from
                            .iter()
                            .map(|c| format!("{}:{:.4}", c.id, c.share))
                            .collect::<Vec<_>>()
                            .join(";")
                    ),
                ));
            }
            s
        }
        Format::Markdown | Format::Table { .. } => {
            let (head, cells, right) = reliability_table(study);
            let head: Vec<&str> = head.iter().map(String::as_str).collect();
            let mut s = format!(
                "Transit days, {} samples, seed {}{} (percentiles nearest-rank; \"fastest\": share of samples in which the route is the quickest of these)\n\n",
                thousands(study.samples as f64),
                study.seed,
                study
                    .month
                    .map_or(" (shocks averaged over the year)".to_string(), |m| format!(", month {m}"))
            );
            s = fit_text(&s, format.width());
            s.push_str(&grid(&head, &cells, &right, format));
            for (f, why) in missing {
                let line = format!("{f}: no route ({why})");
                if format == Format::Markdown {
                    s.push_str(&format!("\n{}", md_text(&line)));
                } else {
                    s.push_str(&format!("\n{}", fit_text(&line, format.width())));
                }
            }
            if !missing.is_empty() {
                s.push('\n');
            }
            s
        }
    }
}
