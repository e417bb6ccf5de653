//! Text outputs of routes: the step table (the time/cost-distance breakdown in table form),
//! Markdown, CSV and JSON.
//!
//! Renderers return strings; the caller decides where they go. Output is deterministic: fixed
//! decimal places, no map iteration. Every JSON document is an object whose `schema` field names
//! its kind and version ([`json_object`], [`json_list`]).

use std::fmt::Write as _;

use crate::describe::node_name as name;
use crate::network::Network;
use crate::solve::Route;

/// Old paths of the route words, kept while the layout moves; use [`crate::describe`].
pub use crate::describe::{headline, key_nodes, summary};

/// Output formats for routes and comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned plain-text table.
    Table,
    /// JSON (the stable contract).
    Json,
    /// CSV, one row per step.
    Csv,
    /// Markdown tables.
    Markdown,
}

/// A number with thousands separators and `decimals` decimals: "12,345", "1,234.5", "-3". The one
/// thousands formatter of the crate (tables, charts, maps).
pub fn grouped(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.find('.') {
        Some(i) => s.split_at(i),
        None => (s.as_str(), ""),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(frac);
    let negative = v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

/// A whole number with thousands separators: "12,345".
pub fn thousands(v: f64) -> String {
    grouped(v, 0)
}

/// Aligns a plain-text table: columns two spaces apart, each as wide as its widest cell (counted
/// in characters), right-aligned where `right` says so; trailing spaces trimmed. Returns the
/// header line, then one line per row.
pub fn align(head: &[&str], rows: &[Vec<String>], right: &[bool]) -> Vec<String> {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(c.chars().count()));
            if i > 0 {
                s.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                s.push_str(&pad);
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&pad);
            }
        }
        s.trim_end().to_string()
    };
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    std::iter::once(line(&head))
        .chain(rows.iter().map(|r| line(r)))
        .collect()
}

/// The totals line: "10,234 km · 18.3 days · $7,420 · 1.93 t CO2e".
pub fn totals_words(r: &Route) -> String {
    format!(
        "{} km · {:.1} days · ${} · {:.2} t CO2e",
        thousands(r.total.km),
        r.total.days,
        thousands(r.total.usd),
        r.total.co2_kg / 1000.0
    )
}

/// The version of the JSON documents' shapes. A document's `schema` is `corridor.KIND/VERSION`
/// (`corridor.route/1`); the version grows when a field is renamed or removed, not when one is
/// added.
pub const SCHEMA_VERSION: u32 = 1;

fn schema(kind: &str) -> String {
    format!("corridor.{kind}/{SCHEMA_VERSION}")
}

/// A JSON document for one object: its fields, after `schema`.
pub fn json_object<T: serde::Serialize + ?Sized>(kind: &str, body: &T) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a, T: ?Sized> {
        schema: String,
        #[serde(flatten)]
        body: &'a T,
    }
    let mut s = serde_json::to_string_pretty(&Doc {
        schema: schema(kind),
        body,
    })
    .expect("a document serialises");
    s.push('\n');
    s
}

/// A JSON document for a list: `{"schema": …, KEY: [items]}`.
pub fn json_list<T: serde::Serialize>(kind: &str, key: &str, items: &[T]) -> String {
    let mut doc = serde_json::Map::new();
    doc.insert("schema".into(), serde_json::Value::String(schema(kind)));
    doc.insert(
        key.into(),
        serde_json::to_value(items).expect("a list serialises"),
    );
    let mut s = serde_json::to_string_pretty(&doc).expect("a document serialises");
    s.push('\n');
    s
}

/// Renders routes in a format. JSON is a `route` document for one route and a `routes` list for
/// several.
pub fn routes(net: &Network, rs: &[Route], format: Format) -> String {
    match format {
        Format::Table => rs
            .iter()
            .map(|r| table(net, r))
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

/// A table of cells as plain text (aligned, see [`align`]) or Markdown (cells escaped, the
/// alignment row following `right`); other formats are the caller's.
pub fn grid(head: &[&str], cells: &[Vec<String>], right: &[bool], format: Format) -> String {
    if format == Format::Markdown {
        let rule: String = right
            .iter()
            .map(|&r| if r { "--:|" } else { "---|" })
            .collect();
        let mut s = format!("| {} |\n|{rule}\n", head.join(" | "));
        for c in cells {
            let c: Vec<String> = c.iter().map(|x| md_cell(x)).collect();
            s.push_str(&format!("| {} |\n", c.join(" | ")));
        }
        s
    } else {
        let mut s = align(head, cells, right).join("\n");
        s.push('\n');
        s
    }
}

/// A Pareto front: one row per non-dominated route (JSON: the routes).
pub fn pareto(net: &Network, front: &[Route], format: Format) -> String {
    let head = ["#", "km", "days", "USD", "t CO2e", "via"];
    let cells: Vec<Vec<String>> = front
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                thousands(r.total.km),
                format!("{:.1}", r.total.days),
                thousands(r.total.usd),
                format!("{:.2}", r.total.co2_kg / 1000.0),
                summary(net, r),
            ]
        })
        .collect();
    match format {
        Format::Json => json_list("pareto", "routes", front),
        Format::Csv => {
            let mut s = String::from("rank,km,days,usd,co2_kg,countries,via\n");
            for (i, r) in front.iter().enumerate() {
                s.push_str(&format!(
                    "{},{:.1},{:.3},{:.2},{:.1},{},{}\n",
                    i + 1,
                    r.total.km,
                    r.total.days,
                    r.total.usd,
                    r.total.co2_kg,
                    csv_field(&r.countries.join("-")),
                    csv_field(&key_nodes(net, r).join("; "))
                ));
            }
            s
        }
        Format::Markdown | Format::Table => grid(
            &head,
            &cells,
            &[true, true, true, true, true, false],
            format,
        ),
    }
}

/// A reliability study's table: header, cells, and which columns are right-aligned.
pub fn reliability_table(
    study: &crate::reliability::Study,
) -> (Vec<String>, Vec<Vec<String>>, Vec<bool>) {
    let pct = |x: f64| format!("{:.1} %", 100.0 * x);
    let spread = |r: &crate::reliability::RouteStats| {
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
    study: &crate::reliability::Study,
    missing: &[(String, String)],
    format: Format,
) -> String {
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Out<'a> {
                #[serde(flatten)]
                study: &'a crate::reliability::Study,
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
        Format::Markdown | Format::Table => {
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
            s.push_str(&grid(&head, &cells, &right, format));
            for (f, why) in missing {
                s.push_str(&format!("\n{f}: no route ({why})"));
            }
            if !missing.is_empty() {
                s.push('\n');
            }
            s
        }
    }
}

/// Which links `corridor links` lists; every given filter must match something in the network,
/// so a typo is an error rather than an empty or complete list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkFilter {
    /// Only links of this mode.
    pub mode: Option<crate::network::Mode>,
    /// Only links carrying this corridor tag.
    pub corridor: Option<String>,
    /// Only links with an end in, or transiting, this country (ISO code).
    pub country: Option<String>,
    /// Only links of this status (`operating`, `under_construction`, `planned`).
    pub status: Option<String>,
}

impl LinkFilter {
    /// The indices of the links of `net` that pass, in definition order.
    pub fn select(&self, net: &Network) -> crate::Result<Vec<usize>> {
        use crate::network::Status;
        let bad = |m: String| Err(crate::Error::InvalidArgument(m));
        if let Some(t) = &self.corridor {
            if !net.links.iter().any(|l| l.has_corridor(t)) {
                return bad(format!("--corridor {t}: no link carries this tag"));
            }
        }
        let country = self.country.as_ref().map(|c| c.to_ascii_uppercase());
        if let Some(c) = &country {
            if !net.nodes.iter().any(|n| &n.country == c)
                && !net.links.iter().any(|l| l.transit_countries.contains(c))
            {
                return bad(format!(
                    "--country {c}: no node or link of the network is there"
                ));
            }
        }
        if let Some(s) = &self.status {
            if !Status::ALL.iter().any(|x| x.as_str() == s) {
                return bad(format!(
                    "--status {s}: unknown status (expected one of: {})",
                    Status::ALL.map(|x| x.as_str()).join(", ")
                ));
            }
        }
        Ok((0..net.links.len())
            .filter(|&i| {
                let l = &net.links[i];
                self.mode.is_none_or(|m| l.mode == m)
                    && self.corridor.as_ref().is_none_or(|t| l.has_corridor(t))
                    && self.status.as_ref().is_none_or(|s| l.status.as_str() == s)
                    && country.as_ref().is_none_or(|c| {
                        &net.nodes[l.from].country == c
                            || &net.nodes[l.to].country == c
                            || l.transit_countries.contains(c)
                    })
            })
            .collect())
    }
}

/// The links of `net` at `indices`: id, ends, mode, gauge, km, running hours, wait, border dwell,
/// status and corridor tags (for writing selections and sweeps without reading the TOML).
pub fn links(net: &Network, indices: &[usize], format: Format) -> String {
    let head = [
        "id",
        "from",
        "to",
        "mode",
        "gauge",
        "km",
        "hours",
        "wait h",
        "border h",
        "status",
        "corridors",
    ];
    let cells: Vec<Vec<String>> = indices
        .iter()
        .map(|&i| {
            let l = &net.links[i];
            vec![
                l.id.clone(),
                net.nodes[l.from].id.clone(),
                net.nodes[l.to].id.clone(),
                l.mode.as_str().to_string(),
                l.gauge.map_or(String::new(), |g| g.mm().to_string()),
                format!(
                    "{}{}",
                    thousands(l.km),
                    if l.km_estimated { "*" } else { "" }
                ),
                format!("{:.1}", l.haul_hours()),
                format!("{:.1}", l.wait_hours[0]),
                l.border
                    .as_ref()
                    .map_or(String::new(), |b| format!("{:.1}", b.hours[0])),
                match l.available_from {
                    Some(y) if l.status != crate::network::Status::Operating => {
                        format!("{} ({y})", l.status.as_str())
                    }
                    _ => l.status.as_str().to_string(),
                },
                l.corridors.join(" "),
            ]
        })
        .collect();
    match format {
        Format::Json => {
            let v: Vec<serde_json::Value> = indices
                .iter()
                .map(|&i| {
                    let l = &net.links[i];
                    serde_json::json!({
                        "id": l.id, "from": net.nodes[l.from].id, "to": net.nodes[l.to].id,
                        "mode": l.mode.as_str(), "gauge": l.gauge.map(|g| g.mm()),
                        "km": l.km, "km_estimated": l.km_estimated, "hours": l.haul_hours(),
                        "wait_hours": l.wait_hours, "border_hours": l.border.as_ref().map(|b| b.hours),
                        "status": l.status.as_str(), "available_from": l.available_from,
                        "corridors": l.corridors, "transit_countries": l.transit_countries,
                    })
                })
                .collect();
            json_list("links", "links", &v)
        }
        Format::Csv => {
            let mut s = String::from(
                "id,from,to,mode,gauge_mm,km,km_estimated,hours,wait_hours,border_hours,status,available_from,corridors\n",
            );
            for &i in indices {
                let l = &net.links[i];
                s.push_str(&format!(
                    "{},{},{},{},{},{:.1},{},{:.3},{:.3},{},{},{},{}\n",
                    csv_field(&l.id),
                    csv_field(&net.nodes[l.from].id),
                    csv_field(&net.nodes[l.to].id),
                    l.mode.as_str(),
                    l.gauge.map_or(String::new(), |g| g.mm().to_string()),
                    l.km,
                    l.km_estimated,
                    l.haul_hours(),
                    l.wait_hours[0],
                    l.border
                        .as_ref()
                        .map_or(String::new(), |b| format!("{:.3}", b.hours[0])),
                    l.status.as_str(),
                    l.available_from.map_or(String::new(), |y| y.to_string()),
                    csv_field(&l.corridors.join(" ")),
                ));
            }
            s
        }
        Format::Markdown | Format::Table => grid(
            &head,
            &cells,
            &[
                false, false, false, false, true, true, true, true, true, false, false,
            ],
            format,
        ),
    }
}

/// The best route of each corridor family, as a table (one row per family and objective).
pub fn corridors(net: &Network, rows: &[crate::query::FamilyRow], format: Format) -> String {
    let head = [
        "corridor",
        "by",
        "km",
        "days",
        "USD",
        "t CO2e",
        "via / why not",
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| match &row.outcome {
            Ok(r) => vec![
                row.name.clone(),
                row.objective.to_string(),
                thousands(r.total.km),
                format!("{:.1}", r.total.days),
                thousands(r.total.usd),
                format!("{:.2}", r.total.co2_kg / 1000.0),
                key_nodes(net, r).join(", "),
            ],
            Err(why) => vec![
                row.name.clone(),
                row.objective.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("none: {why}"),
            ],
        })
        .collect();
    match format {
        Format::Json => json_list("corridors", "rows", rows),
        Format::Csv => {
            let mut s = String::from("family,objective,km,days,usd,co2_kg,via,no_route\n");
            for row in rows {
                let line = match &row.outcome {
                    Ok(r) => format!(
                        "{},{},{:.1},{:.3},{:.2},{:.1},{},",
                        csv_field(&row.family),
                        row.objective,
                        r.total.km,
                        r.total.days,
                        r.total.usd,
                        r.total.co2_kg,
                        csv_field(&key_nodes(net, r).join("; "))
                    ),
                    Err(why) => format!(
                        "{},{},,,,,,{}",
                        csv_field(&row.family),
                        row.objective,
                        csv_field(why)
                    ),
                };
                s.push_str(&line);
                s.push('\n');
            }
            s
        }
        Format::Markdown | Format::Table => grid(
            &head,
            &cells,
            &[false, false, true, true, true, true, false],
            format,
        ),
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
            let km = if s.km == 0.0 {
                String::from("")
            } else if s.km_estimated {
                format!("{}*", thousands(s.km))
            } else {
                thousands(s.km)
            };
            Row {
                cells: vec![
                    (i + 1).to_string(),
                    s.kind.as_str().to_string(),
                    place,
                    s.detail.to_string(),
                    km,
                    format!("{:.1}", s.hours),
                    thousands(s.usd),
                    thousands(s.co2_kg),
                ],
            }
        })
        .collect()
}

const HEAD: [&str; 8] = [
    "#", "step", "where", "detail", "km", "hours", "USD", "kg CO2e",
];
const RIGHT: [bool; 8] = [true, false, false, false, true, true, true, true];

/// The plain-text step table of one route.
pub fn table(net: &Network, r: &Route) -> String {
    let rows: Vec<Vec<String>> = step_rows(net, r).into_iter().map(|r| r.cells).collect();
    let lines = align(&HEAD, &rows, &RIGHT);
    let mut out = String::new();
    writeln!(out, "{}", headline(net, r)).unwrap();
    for l in &lines {
        writeln!(out, "{l}").unwrap();
    }
    let total = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    writeln!(out, "{}", "─".repeat(total)).unwrap();
    writeln!(
        out,
        "total: {} ({:.0} h) · countries {}",
        totals_words(r),
        r.total.hours,
        r.countries.join("–")
    )
    .unwrap();
    if r.steps.iter().any(|s| s.km_estimated) {
        writeln!(
            out,
            "* length computed from geometry or great-circle × circuity, not measured"
        )
        .unwrap();
    }
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
        "\n**Total:** {} · countries {}",
        totals_words(r),
        r.countries.join("–")
    )
    .unwrap();
    out
}

/// A CSV cell: quoted when it holds a comma, a quote, a CR or an LF; a text that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a CR) gets a leading `'`.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A Markdown table cell: `|` escaped, line breaks as spaces.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// CSV with one row per step and cumulative columns (the time/cost-distance chart's data).
pub fn csv(rs: &[Route]) -> String {
    let mut out = String::from(
        "scenario,from,to,objective,seq,kind,step_from,step_to,mode,link,service,detail,km,hours,usd,co2_kg,cum_km,cum_hours,cum_usd,cum_co2_kg\n",
    );
    for r in rs {
        let (mut ck, mut ch, mut cu, mut cc) = (0.0, 0.0, 0.0, 0.0);
        for (i, s) in r.steps.iter().enumerate() {
            ck += s.km;
            ch += s.hours;
            cu += s.usd;
            cc += s.co2_kg;
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{:.3},{:.3},{:.2},{:.3},{:.3},{:.3},{:.2},{:.3}",
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
                s.km,
                s.hours,
                s.usd,
                s.co2_kg,
                ck,
                ch,
                cu,
                cc
            )
            .unwrap();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separates() {
        assert_eq!(thousands(0.4), "0");
        assert_eq!(thousands(999.5), "1,000");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(-4321.0), "-4,321");
    }

    #[test]
    fn csv_quotes_when_needed() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("a\rb"), "\"a\rb\"");
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }
}
