//! Every SVG the tool writes is rasterised by a real SVG renderer (resvg) to prove it draws; the
//! figures are deterministic; the default study's figures committed under `docs/` are current.

use std::path::Path;

use assert_cmd::Command;

fn corridor() -> Command {
    Command::cargo_bin("corridor").unwrap()
}

mod support;

/// Runs the default study with `--figures DIR`; returns the paths of its map, time/cost-distance
/// chart and breakdown chart.
fn study(dir: &Path) -> [std::path::PathBuf; 3] {
    corridor()
        .args(["compare", "--figures", &dir.display().to_string()])
        .assert()
        .success();
    ["map", "tcd", "breakdown"].map(|k| dir.join(format!("compare-xian-duisburg-{k}.svg")))
}

/// Rasterises an SVG file and returns (width, height, number of distinct colours seen).
fn draw(path: &Path) -> (u32, u32, usize) {
    let svg = std::fs::read_to_string(path).unwrap();
    let p = support::rasterise(&svg);
    (p.width(), p.height(), support::distinct_colours(&p))
}

fn assert_draws(path: &Path) {
    let (w, h, colours) = draw(path);
    assert!(w >= 600 && h >= 300, "{}: {w}×{h}", path.display());
    assert!(
        colours > 8,
        "{} draws almost nothing ({colours} colours)",
        path.display()
    );
}

#[test]
fn every_figure_the_tool_writes_draws() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let s = |p: &str| d.join(p).display().to_string();
    study(&d.join("study"));
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--by",
            "all",
            "--figures",
            &s("route"),
        ])
        .assert()
        .success();
    corridor()
        .args(["map", "--extent", "network", "-o", &s("net.svg")])
        .assert()
        .success();
    corridor()
        .args([
            "chart",
            "tcd",
            "--scenario",
            "baseline",
            "--scenario",
            "northern-closed",
            "-o",
            &s("tcd.svg"),
        ])
        .assert()
        .success();
    corridor()
        .args(["chart", "compare", "--by", "all", "-o", &s("bars.svg")])
        .assert()
        .success();
    let mut n = 0;
    for sub in ["study", "route", ""] {
        for entry in std::fs::read_dir(d.join(sub)).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "svg") {
                assert_draws(&p);
                n += 1;
            }
        }
    }
    assert_eq!(n, 3 + 3 + 3, "every written figure was checked");
    // Nothing half-written is left behind.
    for sub in ["study", "route", ""] {
        for entry in std::fs::read_dir(d.join(sub)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp"), "temporary file left: {name}");
        }
    }
}

#[test]
fn figures_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (fa, fb) in study(&a).iter().zip(study(&b).iter()) {
        assert_eq!(
            std::fs::read(fa).unwrap(),
            std::fs::read(fb).unwrap(),
            "{}",
            fa.display()
        );
    }
}

#[test]
fn planned_and_under_construction_links_are_drawn_differently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.svg");
    corridor()
        .args([
            "map",
            "--extent",
            "network",
            "-o",
            &path.display().to_string(),
        ])
        .assert()
        .success();
    let svg = std::fs::read_to_string(&path).unwrap();
    // The map's colours for operating rail, under construction and planned (render/map_svg.rs).
    for (what, colour) in [
        ("rail", "#4D4D4D"),
        ("under construction", "#762A83"),
        ("planned", "#A37FBF"),
    ] {
        assert!(
            svg.contains(&format!("stroke=\"{colour}\"")),
            "no {what} stroke {colour}"
        );
    }
}

#[test]
fn readme_figures_are_current() {
    let dir = tempfile::tempdir().unwrap();
    for fresh in study(dir.path()) {
        let f = fresh.file_name().unwrap().to_string_lossy().into_owned();
        let committed = std::fs::read(Path::new("docs").join(&f)).unwrap_or_default();
        assert!(
            std::fs::read(&fresh).unwrap() == committed,
            "docs/{f} is stale: run `cargo run --release -- compare --figures docs` and commit"
        );
    }
}

/// Text stays legible when a figure is printed at A4 width (180 mm of text width): every font
/// size, scaled to the printed width, is at least 6 pt (2.1 mm).
#[test]
fn text_is_legible_at_a4_width() {
    let dir = tempfile::tempdir().unwrap();
    for path in study(dir.path()) {
        let kind = path.display().to_string();
        let svg = std::fs::read_to_string(&path).unwrap();
        let attr = |s: &str, name: &str| -> Vec<f64> {
            s.split(&format!("{name}=\""))
                .skip(1)
                .filter_map(|r| r.split('"').next()?.parse().ok())
                .collect()
        };
        let width = attr(&svg, "width")[0];
        let smallest = attr(&svg, "font-size")
            .into_iter()
            .fold(f64::INFINITY, f64::min);
        let mm = smallest * 180.0 / width;
        assert!(
            mm >= 2.1,
            "{kind}: smallest text {smallest} px on {width} px prints at {mm:.2} mm"
        );
    }
}

#[test]
fn the_pareto_chart_draws_the_front_labelled_by_corridor() {
    let run = || {
        corridor()
            .args(["chart", "pareto", "-o", "-"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b, "same input, same bytes");
    let svg = String::from_utf8(a).unwrap();
    for label in [
        "Northern corridor (10.8 d",
        "sea via Suez (35.5 d",
        "middle-turkiye (",
    ] {
        assert!(svg.contains(label), "no label {label}");
    }
    let p = support::rasterise(&svg);
    assert!(support::non_white(&p) > 10_000);
    corridor()
        .args([
            "chart",
            "pareto",
            "--scenario",
            "baseline",
            "--scenario",
            "zangazur-open",
            "-o",
            "-",
        ])
        .assert()
        .code(2);
}

#[test]
fn a_route_has_one_colour_on_the_map_and_the_chart() {
    use corridor::figures::{self, SameWhen};
    let net = corridor::load::embedded().unwrap();
    let q = corridor::Query::new("xian", "duisburg");
    let scenarios = vec![
        corridor::scenario::resolve("baseline").unwrap(),
        corridor::scenario::resolve("red-sea-closed").unwrap(),
    ];
    let req = corridor::compare::Request {
        query: corridor::Query {
            objectives: vec![
                corridor::solve::Objective::Time,
                corridor::solve::Objective::Cost,
            ],
            ..q
        },
        per_corridor: false,
        reliability: None,
    };
    let c = corridor::compare::compare(&net, scenarios, &req).unwrap();
    let sel = figures::comparison_selection(&c).unwrap();
    let words = |r: &corridor::solve::Route| corridor::compare::corridor_words(&net, r);
    let on_map = figures::group(sel.chosen.clone(), SameWhen::SamePath, &words);
    let on_chart = figures::group(sel.chosen.clone(), SameWhen::SamePathAndTotals, &words);
    let (m, ch) = figures::paint(&on_map, &on_chart);
    assert!(m.len() >= 2, "several routes on the map");
    for s in &ch {
        let twin = m
            .iter()
            .find(|x| x.route.signature() == s.route.signature())
            .expect("every charted route is on the map");
        assert_eq!(s.colour, twin.colour, "{}", s.label);
    }
    let mut colours: Vec<usize> = m.iter().map(|s| s.colour.unwrap()).collect();
    colours.dedup();
    assert_eq!(colours.len(), m.len(), "different paths, different colours");
}

#[test]
fn the_study_map_has_a_regional_panel_naming_the_caucasus_places() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("corridor")
        .unwrap()
        .args(["compare", "--scenario", "zangazur-open", "--figures"])
        .arg(dir.path())
        .assert()
        .success();
    let net = corridor::load::embedded().unwrap();
    let svg = std::fs::read_to_string(dir.path().join("compare-xian-duisburg-map.svg")).unwrap();
    assert!(svg.contains("Regional panel"), "a regional panel");
    let panel_at = svg
        .match_indices("<svg")
        .nth(2)
        .expect("the panel's document")
        .0;
    let panel = &svg[panel_at..];
    for id in corridor::figures::CAUCASUS_PLACES {
        let name = corridor::figures::short_name(&net, id);
        assert!(
            panel.contains(&format!(">\n{name}\n<")),
            "{id}: `{name}` labelled in the panel"
        );
    }
    assert_eq!(
        svg.matches("<svg").count(),
        3,
        "one document holding the map and its panel"
    );
}

#[test]
fn a_merged_map_entry_gives_each_members_own_days_and_dollars() {
    use corridor::figures::{self, SameWhen};
    let net = corridor::load::embedded().unwrap();
    let ans = corridor::Query::new("xian", "duisburg").run(&net).unwrap();
    let r = ans.outcome.unwrap().remove(0);
    let mut slower = r.clone();
    slower.total.days += 1.0;
    slower.total.hours += 24.0;
    let words = |_: &corridor::solve::Route| "Northern".to_string();
    let pairs = vec![
        ("baseline".to_string(), r.clone()),
        ("congested".to_string(), slower),
    ];
    let map = figures::group(pairs.clone(), SameWhen::SamePath, &words);
    assert_eq!(map.len(), 1, "one line on the map");
    let label = &map[0].label;
    let d = r.total.days;
    assert!(label.contains(&format!("baseline {d:.1} d")), "{label}");
    assert!(
        label.contains(&format!("congested {:.1} d", d + 1.0)),
        "{label}"
    );
    assert!(map[0].totals_in_label);
    let spec = figures::map_spec(
        &net,
        "t",
        &map,
        corridor::render::map_svg::Extent::FitRoutes,
    );
    assert_eq!(
        corridor::render::map_svg::route_legend_text(&spec.routes[0]),
        *label
    );
    assert_eq!(
        figures::group(pairs, SameWhen::SamePathAndTotals, &words).len(),
        2
    );
    let same = vec![
        ("fastest".to_string(), r.clone()),
        ("cheapest".to_string(), r),
    ];
    let one = figures::group(same, SameWhen::SamePath, &words);
    assert_eq!(one[0].label, "Northern — fastest, cheapest");
    assert!(!one[0].totals_in_label);
}
