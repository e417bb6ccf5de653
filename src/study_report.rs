//! `corridor report`: the default study (or any comparison) written as one folder a report
//! writer can use as it is: a self-contained `index.html` (tables, the map and charts inline,
//! each scenario's edits with rationale and source, the reliability study, the data's
//! provenance and gaps, the data year and the version), the same as `report.md`, every table as
//! CSV and JSON, the routes as GeoJSON, and the figures as SVG files. Every file is written
//! atomically; the same inputs give the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::compare::{self, Comparison};
use crate::error::Result;
use crate::figures;
use crate::network::Network;
use crate::query::Query;
use crate::reliability::Options;
use crate::report::{self, Format};
use crate::scenario::Scenario;

/// What the report covers.
#[derive(Debug, Clone)]
pub struct Request {
    /// The query asked under every scenario (objectives: the comparison's).
    pub query: Query,
    /// The scenarios, the first being the reference.
    pub scenarios: Vec<Scenario>,
    /// Reliability sampling (the comparison's P50/P90 and the first scenario's study).
    pub reliability: Options,
}

/// The files of a finished report, by name, in writing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// Paths written.
    pub files: Vec<PathBuf>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_table(head: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut s = String::from("<table>\n<thead><tr>");
    for (i, h) in head.iter().enumerate() {
        let class = if right.get(i).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        };
        write!(s, "<th{class}>{}</th>", esc(h)).unwrap();
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        s.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let class = if right.get(i).copied().unwrap_or(false) {
                " class=\"num\""
            } else {
                ""
            };
            write!(s, "<td{class}>{}</td>", esc(c)).unwrap();
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// An SVG document made inline: without its XML declaration.
fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

/// Writes the report into `dir` (created if missing).
pub fn write(base: &Network, req: &Request, dir: &Path) -> Result<Written> {
    let mut files = Vec::new();
    let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
        let p = dir.join(name);
        crate::fs::write_atomic(&p, bytes)?;
        files.push(p);
        Ok(())
    };
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::Write {
        path: dir.to_path_buf(),
        reason: e,
    })?;

    // The comparison, with every row's P50 and P90.
    let creq = compare::Request {
        query: req.query.clone(),
        per_corridor: !base.families.is_empty(),
        reliability: Some(req.reliability.clone()),
    };
    let c: Comparison = compare::compare(base, req.scenarios.clone(), &creq)?;
    // The first scenario's full reliability study.
    let first = req.scenarios.first().map(|s| s.name.clone());
    let applied = match req.scenarios.first() {
        Some(s) => crate::scenario::apply(base, s)?,
        None => base.clone(),
    };
    let rq = Query {
        scenario: None,
        year: req
            .query
            .year
            .or(req.scenarios.first().and_then(|s| s.year)),
        ..req.query.clone()
    };
    let rel = rq.reliability(&applied, 0, 0.5, &req.reliability)?;

    // Figures.
    let describe = |r: &crate::solve::Route| compare::corridor_words(&c.network, r);
    let figs = match figures::comparison_selection(&c) {
        Some(sel) => Some((
            sel.title.clone(),
            figures::selection_figures(&c.network, &sel, &describe)?,
        )),
        None => None,
    };
    let rel_svg = rel
        .study
        .as_ref()
        .ok()
        .map(|s| figures::reliability_svg(&rel.network, s, &rel.candidates));

    // Tables as CSV and JSON; routes as GeoJSON.
    put("compare.csv", compare::render(&c, Format::Csv).as_bytes())?;
    put("compare.json", compare::render(&c, Format::Json).as_bytes())?;
    if let Ok(s) = &rel.study {
        put(
            "reliability.csv",
            report::reliability(s, &rel.missing, Format::Csv).as_bytes(),
        )?;
        put(
            "reliability.json",
            report::reliability(s, &rel.missing, Format::Json).as_bytes(),
        )?;
    }
    let routes: Vec<crate::solve::Route> = c
        .rows
        .iter()
        .filter_map(|r| {
            let mut x = r.route.clone()?;
            x.family = r.family.clone();
            Some(x)
        })
        .collect();
    put(
        "routes.geojson",
        crate::geojson::routes(&c.network, &routes).as_bytes(),
    )?;
    if let Some((_, f)) = &figs {
        put("map.svg", f.map.as_bytes())?;
        put("tcd.svg", f.tcd.as_bytes())?;
        put("breakdown.svg", f.breakdown.as_bytes())?;
    }
    if let Some(svg) = &rel_svg {
        put("reliability.svg", svg.as_bytes())?;
    }

    // The words shared by both documents.
    let (from, to) = (
        figures::short_name(base, &req.query.from),
        figures::short_name(base, &req.query.to),
    );
    let title = format!("{from} → {to}: the corridors compared");
    let p = &base.provenance;
    let facts = [
        format!(
            "Network: {} ({} nodes, {} links, data year {}); corridor {} {}.",
            base.name,
            base.nodes.len(),
            base.links.len(),
            base.data_year,
            env!("CARGO_PKG_VERSION"),
            "(the tool's version)"
        ),
        format!(
            "Scenarios: {} (the first is the reference of every change).",
            req.scenarios
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "Reliability: {} samples per scenario, seed {}, shocks averaged over the year; {} random components ([[variability]]).",
            report::thousands(req.reliability.samples as f64),
            req.reliability.seed,
            base.variability.len()
        ),
        format!(
            "Provenance: {} source entries, {} of them estimates ({:.0} %); {} link lengths computed rather than measured.",
            p.sources,
            p.estimates,
            if p.sources > 0 { 100.0 * p.estimates as f64 / p.sources as f64 } else { 0.0 },
            base.links.iter().filter(|l| l.km_estimated).count()
        ),
        format!(
            "Value of time {} USD per FEU-hour; CO2 well-to-wheel per FEU at {} t of cargo.",
            base.value_of_time,
            base.emissions.as_ref().map_or("no".into(), |e| format!("{}", e.payload_t))
        ),
    ];
    let gaps: Vec<String> = base
        .variability
        .iter()
        .filter(|v| v.estimate)
        .map(|v| format!("{} ({}): an estimate", v.name, v.id))
        .collect();
    let rationales = compare::rationale_lines(&c);
    let (chead, crows) = compare::table(&c);
    let cright: Vec<bool> = chead.iter().enumerate().map(|(i, _)| i >= 3).collect();

    // report.md
    let mut md = format!("# {}\n\n", title);
    for f in &facts {
        writeln!(md, "- {f}").unwrap();
    }
    md.push_str("\n## Every corridor under every scenario\n\n");
    md.push_str(&compare::render(&c, Format::Markdown));
    if figs.is_some() {
        md.push_str(
            "\n![map](map.svg)\n\n![time/cost-distance](tcd.svg)\n\n![breakdown](breakdown.svg)\n",
        );
    }
    if let Ok(s) = &rel.study {
        writeln!(
            md,
            "\n## Reliability under {}\n",
            first.as_deref().unwrap_or("the base network")
        )
        .unwrap();
        md.push_str(&report::reliability(s, &rel.missing, Format::Markdown));
        md.push_str("\n![reliability](reliability.svg)\n");
    }
    md.push_str("\n## Data: estimates among the random components\n\n");
    for g in &gaps {
        writeln!(md, "- {}", report::md_cell(g)).unwrap();
    }
    md.push_str("\nFiles: compare.csv, compare.json, reliability.csv, reliability.json, routes.geojson, map.svg, tcd.svg, breakdown.svg, reliability.svg.\n");
    put("report.md", md.as_bytes())?;

    // index.html
    let mut h = String::new();
    write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}\ntable{{border-collapse:collapse;font-size:0.85em;margin:1em 0}}\nth,td{{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}}\n.num{{text-align:right;font-variant-numeric:tabular-nums}}\nfigure{{margin:1.5em 0}} figure svg{{max-width:100%;height:auto}}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n<ul>\n",
        esc(&title),
        esc(&title)
    )
    .unwrap();
    for f in &facts {
        writeln!(h, "<li>{}</li>", esc(f)).unwrap();
    }
    h.push_str("</ul>\n<h2>Every corridor under every scenario</h2>\n");
    h.push_str(&html_table(&chead, &crows, &cright));
    if let Some((t, f)) = &figs {
        writeln!(h, "<h2>{}</h2>", esc(t)).unwrap();
        for svg in [&f.map, &f.tcd, &f.breakdown] {
            writeln!(h, "<figure>{}</figure>", inline_svg(svg)).unwrap();
        }
    }
    if let Ok(s) = &rel.study {
        writeln!(
            h,
            "<h2>Reliability under {}</h2>",
            esc(first.as_deref().unwrap_or("the base network"))
        )
        .unwrap();
        let (rh, rr, right) = report::reliability_table(s);
        let rh: Vec<&str> = rh.iter().map(String::as_str).collect();
        h.push_str(&html_table(&rh, &rr, &right));
        for (f, why) in &rel.missing {
            writeln!(h, "<p>{}: no route ({})</p>", esc(f), esc(why)).unwrap();
        }
        if let Some(svg) = &rel_svg {
            writeln!(h, "<figure>{}</figure>", inline_svg(svg)).unwrap();
        }
    }
    h.push_str("<h2>Scenarios: what each assumes</h2>\n<dl>\n");
    for (name, description, edits) in &rationales {
        writeln!(h, "<dt><b>{}</b></dt><dd>{}", esc(name), esc(description)).unwrap();
        if !edits.is_empty() {
            h.push_str("<ul>");
            for e in edits {
                write!(h, "<li>{}</li>", esc(e)).unwrap();
            }
            h.push_str("</ul>");
        }
        h.push_str("</dd>\n");
    }
    h.push_str("</dl>\n<h2>Data: estimates among the random components</h2>\n<ul>\n");
    for g in &gaps {
        writeln!(h, "<li>{}</li>", esc(g)).unwrap();
    }
    h.push_str("</ul>\n<p>Tables as CSV and JSON, the routes as GeoJSON and the figures as SVG are in this folder.</p>\n</body>\n</html>\n");
    put("index.html", h.as_bytes())?;
    Ok(Written { files })
}
