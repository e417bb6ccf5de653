//! `corridor report`: the folder is complete, its HTML carries the same numbers as the JSON of
//! the same run, the output is reproducible, and the committed example is current; the report
//! reads in order (a summary answering the study's question from the numbers, numbered figures
//! with captions stating findings, the tables, the method, the observations), in both documents
//! alike; and in a browser it fits a desktop, a phone and an A4 page (`screen`, `print`).

mod print;
mod screen;
mod summary;
pub(crate) mod tools;

use crate::support::cmd::Cmd;

fn run(dir: &std::path::Path, extra: &[&str]) {
    Cmd::new()
        .args(["report", "--samples", "2000", "-o"])
        .arg(dir)
        .args(extra)
        .run();
}

#[test]
fn the_report_folder_is_complete_and_its_tables_match_the_json() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        &["--scenario", "baseline", "--scenario", "corridor-2030"],
    );
    for f in [
        "index.html",
        "report.md",
        "compare.csv",
        "compare.json",
        "reliability.csv",
        "reliability.json",
        "routes.geojson",
        "routes-steps.geojson",
        "map.svg",
        "tcd.svg",
        "breakdown.svg",
        "reliability.svg",
    ] {
        let p = dir.path().join(f);
        assert!(p.metadata().map(|m| m.len() > 100).unwrap_or(false), "{f}");
    }
    let html = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(
        html.matches("<figure id=\"figure-").count(),
        5,
        "map, two charts, the reliability chart and the investments' chart inline"
    );
    assert!(
        !html.contains("<?xml"),
        "inline SVG carries no XML declaration"
    );
    assert!(
        !html.contains("src=\"http"),
        "self-contained: nothing fetched"
    );
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("compare.json")).unwrap())
            .unwrap();
    let mut checked = 0;
    assert_eq!(rows["schema"], "corridor.compare/1");
    for r in rows["rows"].as_array().unwrap() {
        let Some(route) = r["route"].as_object() else {
            continue;
        };
        let days = format!(
            "<td class=\"num\">{:.1}</td>",
            route["total"]["days"].as_f64().unwrap()
        );
        assert!(html.contains(&days), "{days}");
        let p90 = format!(
            "<td class=\"num\">{:.1}</td>",
            r["reliability"]["p90_days"].as_f64().unwrap()
        );
        assert!(html.contains(&p90), "{p90}");
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
    let rel: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("reliability.json")).unwrap(),
    )
    .unwrap();
    for r in rel["routes"].as_array().unwrap() {
        let label = r["label"].as_str().unwrap().replace('&', "&amp;");
        assert!(html.contains(&format!("<td>{label}</td>")), "{label}");
    }
    assert!(
        html.contains("corridor-2030") && html.contains("World Bank"),
        "scenario rationale"
    );
}

#[test]
fn the_report_reads_summary_figures_tables_method_then_observations_in_both_documents() {
    let dir = tools::default_report();
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
        "a viewport for phones"
    );
    let order = |text: &str, marks: &[&str]| {
        let at: Vec<usize> = marks
            .iter()
            .map(|m| text.find(m).unwrap_or_else(|| panic!("{m} missing")))
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "out of order: {marks:?} at {at:?}"
        );
    };
    order(
        &html,
        &[
            "<section id=\"summary\">",
            "<p class=\"question\">",
            "<p class=\"answer\">",
            "<table class=\"summary\">",
            "<figure id=\"figure-1\"",
            "<figure id=\"figure-4\"",
            "<section id=\"tables\">",
            "aria-label=\"Every corridor under every scenario\"",
            "<section id=\"method\">",
            "<section id=\"observed\">",
            "<section id=\"calibration\">",
            "<section id=\"investments\">",
            "<figure id=\"figure-5\"",
        ],
    );
    order(
        &md,
        &[
            "## Summary",
            "| Corridor | Days | P90 days |",
            "## Figures",
            "![Figure 1: ",
            "![Figure 4: ",
            "## Tables",
            "### Every corridor under every scenario",
            "## Method and sources",
            "## How the model compares with what was observed",
            "## Calibrated route choice",
            "### 2024: the calibration year",
            "### 2025: held out, never used in the fit",
            "## Investments",
            "![Figure 5: ",
        ],
    );
    // The shipped fitted θ, as `corridor calibrate` prints it.
    let theta = corridor::studies::calibrate::params::shipped()
        .unwrap()
        .theta;
    let shown =
        corridor::output::calibrate::value(corridor::studies::calibrate::Param::Theta, theta);
    assert!(
        md.contains(&format!("| theta (per USD/FEU) | {shown} |")),
        "{shown}"
    );
    assert!(html.contains(&shown));
    // Numbered captions, the same words in both, under each figure.
    for n in 1..=5 {
        let open = format!("<figcaption><b>Figure {n}.</b> ");
        let at = html.find(&open).expect("a numbered caption") + open.len();
        let caption = tools::unescape(&html[at..at + html[at..].find("</figcaption>").unwrap()]);
        assert!(caption.len() > 80, "figure {n}: {caption}");
        let fig = &html[html.find(&format!("<figure id=\"figure-{n}\"")).unwrap()..at];
        assert!(
            fig.contains("<svg"),
            "figure {n}'s caption is under its figure"
        );
        let italic = format!("*Figure {n}. {}*", caption.replace('&', "&amp;"));
        let image = md.find(&format!("![Figure {n}: ")).unwrap();
        let line = md[image..].lines().nth(2).unwrap();
        assert_eq!(
            line, italic,
            "figure {n}: the caption as an italic line under its image"
        );
    }
    assert_eq!(html.matches("<figcaption>").count(), 5);
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(a.path(), &["--scenario", "baseline"]);
    run(b.path(), &["--scenario", "baseline"]);
    for f in [
        "index.html",
        "report.md",
        "compare.json",
        "reliability.json",
        "routes.geojson",
        "routes-steps.geojson",
    ] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn the_committed_example_is_current() {
    let dir = tempfile::tempdir().unwrap();
    Cmd::new().args(["report", "-o"]).arg(dir.path()).run();
    for f in ["index.html", "report.md"] {
        let fresh = std::fs::read_to_string(dir.path().join(f)).unwrap();
        let committed = std::fs::read_to_string(format!("docs/report/{f}")).unwrap_or_default();
        assert!(
            fresh == committed,
            "docs/report/{f} is stale: run `cargo run --release -- report -o docs/report`"
        );
    }
    // The marker that lets that command replace the folder.
    assert!(std::path::Path::new("docs/report/.corridor-report").is_file());
}

/// Headless Chromium (installed by `.ci/run`; CORRIDOR_REQUIRE_CHROMIUM=1 there makes its absence
/// a failure) renders the report: no console message, and a screenshot that is not blank.
#[test]
fn chromium_renders_the_report_without_console_errors() {
    let Some(browser) = tools::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["--scenario", "baseline"]);
    let shot = dir.path().join("shot.png");
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,1600",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!(
            "file://{}",
            dir.path().join("index.html").display()
        ))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        !log.lines().any(|l| l.contains(":CONSOLE")),
        "console messages: {log}"
    );
    let png = resvg::tiny_skia::Pixmap::load_png(&shot).expect("a screenshot");
    let ink = png
        .pixels()
        .iter()
        .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
        .count();
    assert!(
        ink * 100 > png.pixels().len(),
        "the screenshot is blank: {ink} dark pixels of {}",
        png.pixels().len()
    );
}
