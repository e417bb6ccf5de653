//! Every figure of the default study, the report and each command fits and is credited: no text
//! leaves its document or is cut with "…", each ends with the credit line (tool and version,
//! data year, scenario; on maps the base map), each map has a scale bar and a legend that covers
//! no drawn line and no label and lists only routes in view, and the study's origin and
//! destination are labelled.

use std::path::{Path, PathBuf};

use corridor::render::geom::Rect;

use crate::support::cmd::Cmd;
use crate::support::inspect::{hex, polylines};
use crate::support::svgdoc::{documents, legend_box, svg_files, texts};

/// Writes the figures of the default study, the report and every figure command into `d`;
/// returns the SVG files (the maps among them flagged).
fn write_all(d: &Path) -> Vec<(PathBuf, bool)> {
    let s = |p: &str| d.join(p).display().to_string();
    Cmd::new().args(["compare", "--figures", &s("study")]).run();
    crate::report::tools::copy_default_report(&d.join("report"));
    Cmd::route()
        .args(["--by", "all", "--figures", &s("route")])
        .run();
    for (name, args) in [
        ("map.svg", vec!["map"]),
        ("network.svg", vec!["map", "--extent", "network"]),
        ("bbox.svg", vec!["map", "--bbox", "38,36,52,44"]),
        (
            "scenarios.svg",
            vec![
                "map",
                "--scenario",
                "baseline",
                "--scenario",
                "zangazur-open",
            ],
        ),
        // A box where the Zangazur line under construction runs along the bottom.
        (
            "zangazur.svg",
            vec![
                "map",
                "--scenario",
                "baseline",
                "--scenario",
                "zangazur-open",
                "--bbox",
                "42,38.8,48,42",
            ],
        ),
        ("tcd.svg", vec!["chart", "tcd", "--scenario", "baseline"]),
        ("bars.svg", vec!["chart", "compare", "--by", "all"]),
        ("pareto.svg", vec!["chart", "pareto"]),
    ] {
        Cmd::new().args(args).args(["-o", &s(name)]).run();
    }
    Cmd::new().args(["assign", "--figures", &s("assign")]).run();
    Cmd::new()
        .args(["reliability", "--samples", "2000", "--figures", &s("rel")])
        .run();
    let mut out = Vec::new();
    for sub in ["study", "report", "route", "", "assign", "rel"] {
        for p in svg_files(&d.join(sub)) {
            let svg = std::fs::read_to_string(&p).unwrap();
            out.push((p, svg.contains("+proj=lcc")));
        }
    }
    assert!(out.len() >= 20, "{out:?}");
    out
}

/// The maps' texts, legends and polylines, and every figure's texts, checked at once (the
/// commands run once).
#[test]
fn every_figure_fits_is_credited_and_its_legend_covers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(dir.path());
    let version = format!("corridor {}", env!("CARGO_PKG_VERSION"));
    let mut problems: Vec<String> = Vec::new();
    for (path, is_map) in &files {
        let name = path.display().to_string();
        let svg = std::fs::read_to_string(path).unwrap();
        let docs = documents(&svg);
        // The credit line, once per file.
        let all: Vec<String> = docs
            .iter()
            .flat_map(|d| texts(d).into_iter().map(|t| t.text))
            .collect();
        let credit = all.iter().find(|t| t.starts_with(&version));
        match credit {
            Some(c) if c.contains("data year") && all.iter().any(|t| t.contains("scenario")) => {}
            _ => problems.push(format!("{name}: no credit line: {all:?}")),
        }
        if *is_map && !all.iter().any(|t| t.starts_with("Base map: Natural Earth")) {
            problems.push(format!("{name}: no base map source"));
        }
        for doc in &docs {
            let page = Rect::from_xywh(0.0, 0.0, doc.width, doc.height).inflate(1.0);
            for t in texts(doc) {
                if t.text.contains('…') {
                    problems.push(format!("{name}: `{}` is cut", t.text));
                }
                if !page.contains_rect(&t.rect()) {
                    problems.push(format!(
                        "{name}: `{}` leaves the {}×{} figure: {:?}",
                        t.text,
                        doc.width,
                        doc.height,
                        t.rect()
                    ));
                }
            }
            if *is_map {
                check_map(&name, doc, &mut problems);
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A map document: a scale bar ("N km" and its line), and a legend (when it has one) that no
/// line drawn outside it crosses and no text outside it overlaps.
fn check_map(name: &str, doc: &crate::support::svgdoc::Doc, problems: &mut Vec<String>) {
    let ts = texts(doc);
    let scale = hex(corridor::render::map::SCALE_BAR);
    let lines = polylines(doc.body);
    if !ts.iter().any(|t| t.text.ends_with(" km")) || !lines.iter().any(|(c, _)| *c == scale) {
        problems.push(format!("{name}: no scale bar"));
    }
    let Some(legend) = legend_box(doc) else {
        return;
    };
    let inside = |p: &(i32, i32)| legend.contains((p.0 as f64, p.1 as f64));
    // Coasts and borders (the base map's #B4AC9E) may run under the legend; nothing else.
    for (colour, pts) in lines.iter().filter(|(c, _)| c != "#B4AC9E") {
        if pts.iter().all(inside) {
            continue; // a swatch
        }
        let f = |p: (i32, i32)| (p.0 as f64, p.1 as f64);
        let hit = pts.iter().any(inside)
            || pts
                .windows(2)
                .any(|w| legend.crosses_segment(f(w[0]), f(w[1])));
        if hit {
            problems.push(format!(
                "{name}: the legend {legend:?} covers a {colour} line"
            ));
        }
    }
    for t in &ts {
        let r = t.rect();
        if !legend.contains_rect(&r) && legend.overlaps(&r) {
            problems.push(format!("{name}: the legend covers `{}`", t.text));
        }
    }
}

/// The study map labels its origin and destination (in bold); a zoomed map lists only the
/// routes in view; the map of two scenarios credits both.
#[test]
fn ends_are_labelled_and_legends_list_what_is_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    Cmd::new().args(["compare", "--figures"]).arg(d).run();
    let svg = std::fs::read_to_string(d.join("compare-xian-duisburg-map.svg")).unwrap();
    let main = &documents(&svg)[0];
    for end in ["Xi'an International Port", "Duisburg"] {
        assert!(
            texts(main).iter().any(|t| t.text == end && t.bold),
            "{end} labelled in bold"
        );
    }
    let bbox = d.join("bbox.svg");
    Cmd::new()
        .args(["map", "--bbox", "38,36,52,44", "-o"])
        .arg(&bbox)
        .run();
    let svg = std::fs::read_to_string(&bbox).unwrap();
    let shown: Vec<String> = texts(&documents(&svg)[0])
        .into_iter()
        .map(|t| t.text)
        .collect();
    // Neither the Northern corridor nor the sea passes the Caucasus box: not in its legend.
    for absent in ["Northern corridor", "sea via Suez"] {
        assert!(
            !shown.iter().any(|t| t.starts_with(absent)),
            "{absent} listed: {shown:?}"
        );
    }
    for place in ["Meghri", "Kars", "Tbilisi"] {
        assert!(shown.iter().any(|t| t == place), "{place}: {shown:?}");
    }
    let two = d.join("two.svg");
    Cmd::new()
        .args([
            "map",
            "--scenario",
            "baseline",
            "--scenario",
            "zangazur-open",
            "-o",
        ])
        .arg(&two)
        .run();
    let svg = std::fs::read_to_string(&two).unwrap();
    assert!(
        svg.contains("scenarios baseline, zangazur-open"),
        "both scenarios credited"
    );
}
