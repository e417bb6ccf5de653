//! Every SVG the tool writes is rasterised by a real SVG renderer (resvg) to prove it draws; the
//! figures are deterministic; the default study's figures committed under `docs/` are current.

use std::path::Path;

use crate::support::cmd::Cmd;
use crate::support::{inspect, raster};

/// Runs the default study with `--figures DIR`; returns the paths of its map, time/cost-distance
/// chart and breakdown chart.
fn study(dir: &Path) -> [std::path::PathBuf; 3] {
    Cmd::new().args(["compare", "--figures"]).arg(dir).run();
    ["map", "tcd", "breakdown"].map(|k| dir.join(format!("compare-xian-duisburg-{k}.svg")))
}

/// Rasterises an SVG file and returns (width, height, number of distinct colours seen).
fn draw(path: &Path) -> (u32, u32, usize) {
    let svg = std::fs::read_to_string(path).unwrap();
    let p = raster::rasterise(&svg);
    (p.width(), p.height(), raster::distinct_colours(&p))
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
    Cmd::route()
        .args(["--by", "all", "--figures", &s("route")])
        .run();
    Cmd::new()
        .args(["map", "--extent", "network", "-o", &s("net.svg")])
        .run();
    Cmd::new()
        .args(["chart", "tcd", "--scenario", "baseline"])
        .args(["--scenario", "northern-closed", "-o", &s("tcd.svg")])
        .run();
    Cmd::new()
        .args(["chart", "compare", "--by", "all", "-o", &s("bars.svg")])
        .run();
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
    Cmd::new()
        .args(["map", "--extent", "network", "-o"])
        .arg(&path)
        .run();
    let svg = std::fs::read_to_string(&path).unwrap();
    // The map's colours for operating rail, under construction and planned (render/map/symbols.rs).
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
    let run = || Cmd::new().args(["chart", "pareto", "-o", "-"]).run().stdout;
    let (a, b) = (run(), run());
    assert_eq!(a, b, "same input, same bytes");
    let svg = a;
    for label in [
        "Northern corridor (10.3 d",
        "sea via Suez (35.7 d",
        "Middle Corridor via Georgia and Türkiye (BTK) (21.7 d",
    ] {
        assert!(svg.contains(label), "no label {label}");
    }
    let p = raster::rasterise(&svg);
    assert!(raster::non_white(&p) > 10_000);
    Cmd::new()
        .args(["chart", "pareto", "--scenario", "baseline"])
        .args(["--scenario", "zangazur-open", "-o", "-"])
        .status(2)
        .run();
}

#[test]
fn a_route_has_one_colour_on_the_map_and_the_chart() {
    use corridor::render::figures::{self, SameWhen};
    let net = corridor::load::embedded().unwrap();
    let q = corridor::Query::new("xian", "duisburg");
    let scenarios = vec![
        corridor::scenario::resolve("baseline").unwrap(),
        corridor::scenario::resolve("red-sea-closed").unwrap(),
    ];
    let req = corridor::studies::compare::Request {
        query: corridor::Query {
            objectives: vec![
                corridor::routing::Objective::Time,
                corridor::routing::Objective::Cost,
            ],
            ..q
        },
        per_corridor: false,
        reliability: None,
    };
    let c = corridor::studies::compare::compare(&net, scenarios, &req).unwrap();
    let sel = figures::comparison_selection(&c).unwrap();
    let words = |r: &corridor::routing::Route| corridor::describe::corridor_words(&net, r);
    let on_map = figures::group(sel.chosen.clone(), SameWhen::SamePath, &words);
    let on_chart = figures::group(sel.chosen.clone(), SameWhen::SamePathAndTotals, &words);
    let (m, ch, _) = figures::paint(&net, &on_map, &on_chart, &[]);
    assert!(m.len() >= 2, "several routes on the map");
    for s in &ch {
        let twin = m
            .iter()
            .find(|x| x.route.signature() == s.route.signature())
            .expect("every charted route is on the map");
        assert_eq!(s.ink, twin.ink, "{}", s.label);
    }
    // Each path in its family's colour; paths of one family told apart by their variant.
    let mut inks: Vec<(String, usize)> = Vec::new();
    for s in &m {
        let ink = s.ink.unwrap();
        let family = corridor::routing::family_of(&net, &s.route)
            .map(|i| inspect::hex(corridor::render::ink::rgb(net.families[i].colour)));
        assert_eq!(
            family.unwrap_or(inspect::hex(corridor::render::ink::NO_FAMILY)),
            inspect::hex(ink.colour),
            "{}",
            s.label
        );
        inks.push((inspect::hex(ink.colour), ink.variant));
    }
    inks.sort();
    inks.dedup();
    assert_eq!(inks.len(), m.len(), "different paths, different inks");
}

#[test]
fn the_study_map_has_a_regional_panel_naming_the_caucasus_places() {
    let dir = tempfile::tempdir().unwrap();
    Cmd::new()
        .args(["compare", "--scenario", "zangazur-open", "--figures"])
        .arg(dir.path())
        .run();
    let net = corridor::load::embedded().unwrap();
    let svg = std::fs::read_to_string(dir.path().join("compare-xian-duisburg-map.svg")).unwrap();
    assert!(svg.contains("Regional panel"), "a regional panel");
    let panel_at = svg
        .match_indices("<svg")
        .nth(2)
        .expect("the panel's document")
        .0;
    let panel = &svg[panel_at..];
    let panel_places = &net.study.panel.as_ref().expect("a study panel").places;
    for id in panel_places {
        let name = corridor::render::figures::short_name(&net, id);
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
    use corridor::render::figures::{self, SameWhen};
    let net = corridor::load::embedded().unwrap();
    let ans = corridor::Query::new("xian", "duisburg").run(&net).unwrap();
    let r = ans.outcome.unwrap().remove(0);
    let mut slower = r.clone();
    slower.total.hours += 24.0;
    let words = |_: &corridor::routing::Route| "Northern".to_string();
    let pairs = vec![
        ("baseline".to_string(), r.clone()),
        ("congested".to_string(), slower),
    ];
    let map = figures::group(pairs.clone(), SameWhen::SamePath, &words);
    assert_eq!(map.len(), 1, "one line on the map");
    let label = &map[0].label;
    let d = r.total.days();
    assert!(label.contains(&format!("baseline {d:.1} d")), "{label}");
    assert!(
        label.contains(&format!("congested {:.1} d", d + 1.0)),
        "{label}"
    );
    assert!(map[0].totals_in_label);
    let spec = figures::map_spec(&net, "t", &map, corridor::render::map::Extent::FitRoutes);
    assert_eq!(
        corridor::render::map::route_legend_text(&spec.routes[0]),
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

/// The default study's figures as the library draws them, with what went into them: the
/// selection, the (painted) map and chart series and the bars. The same bytes as
/// `corridor compare --figures` writes (checked against `docs/`).
struct Study {
    net: corridor::Network,
    figures: corridor::render::figures::Figures,
    on_map: Vec<corridor::render::chart::Series>,
    on_chart: Vec<corridor::render::chart::Series>,
    bars: Vec<corridor::render::chart::Series>,
    /// The selection's title and the credit of its routes.
    title: String,
    credit: String,
}

/// The caption of a study's time/cost-distance chart, as the library words it.
fn tcd_caption(st: &Study) -> corridor::render::caption::Caption {
    corridor::render::caption::Caption::new(
        format!("Time/cost-distance · {}", st.title),
        st.credit.clone(),
    )
}

fn default_study() -> Study {
    // The figures of a study by corridor show its reference (first) scenario only.
    let st = study_of(&["baseline"], true);
    for (kind, svg) in [
        ("map", &st.figures.map),
        ("tcd", &st.figures.tcd),
        ("breakdown", &st.figures.breakdown),
    ] {
        let committed =
            std::fs::read_to_string(format!("docs/compare-xian-duisburg-{kind}.svg")).unwrap();
        assert!(
            *svg == committed,
            "the library's {kind} is the default study's (docs/ current)"
        );
    }
    st
}

/// A study of `scenarios`, fastest and cheapest, by corridor or overall, labelled as
/// `corridor compare --figures` labels it.
fn study_of(scenarios: &[&str], per_corridor: bool) -> Study {
    use corridor::render::figures::{self, SameWhen};
    let net = corridor::load::embedded().unwrap();
    let req = corridor::studies::compare::Request {
        query: corridor::Query {
            objectives: vec![
                corridor::routing::Objective::Time,
                corridor::routing::Objective::Cost,
            ],
            ..corridor::Query::new("xian", "duisburg")
        },
        per_corridor,
        reliability: None,
    };
    let scenarios = scenarios
        .iter()
        .map(|s| corridor::scenario::resolve(s).unwrap())
        .collect();
    let c = corridor::studies::compare::compare(&net, scenarios, &req).unwrap();
    let sel = figures::comparison_selection(&c).unwrap();
    let describe = |r: &corridor::routing::Route| {
        if per_corridor {
            r.objective.adjective().to_string()
        } else {
            format!(
                "{}, {}",
                corridor::describe::corridor_words(&net, r),
                r.objective.adjective()
            )
        }
    };
    let fig = figures::selection_figures(&net, &sel, &describe).unwrap();
    let on_map = figures::group(sel.chosen.clone(), SameWhen::SamePath, &describe);
    let on_chart = figures::group(sel.chosen.clone(), SameWhen::SamePathAndTotals, &describe);
    let bars = figures::bar_series(&sel);
    let (on_map, on_chart, bars) = figures::paint(&net, &on_map, &on_chart, &bars);
    let credit = figures::credit_of(&net, sel.chosen.iter().chain(&sel.bars).map(|(_, r)| r));
    Study {
        title: sel.title.clone(),
        credit,
        net,
        figures: fig,
        on_map,
        on_chart,
        bars,
    }
}

/// In the default study (one bar per corridor, in the map's order) and in an overall study of
/// two scenarios (one bar per scenario for its fastest route, the same path twice, while the map
/// and chart also draw the cheapest routes), each route has one colour on all three figures.
#[test]
fn a_route_has_one_colour_on_the_map_the_chart_and_the_breakdown() {
    let default = default_study();
    assert!(
        one_colour_per_route(&default, true) >= 5,
        "every corridor drawn"
    );
    let overall = study_of(&["baseline", "red-sea-closed"], false);
    let sigs: Vec<String> = overall.bars.iter().map(|b| b.route.signature()).collect();
    assert!(
        sigs.len() == 2 && sigs[0] == sigs[1],
        "both scenarios' fastest route is the same path: one colour for two bars"
    );
    assert!(one_colour_per_route(&overall, false) >= 2);
}

/// Checks that every route (by path) drawn in a study's figures has the same colour on the map
/// legend, the chart legend and the breakdown's bars (with `all_bars`, every route has a bar),
/// and different routes different colours; returns the number of routes.
fn one_colour_per_route(st: &Study, all_bars: bool) -> usize {
    let f = &st.figures;
    // The families' colours and the grey of a route in none.
    let mut palette: Vec<String> = st
        .net
        .families
        .iter()
        .map(|x| x.colour.to_string())
        .collect();
    palette.push(inspect::hex(corridor::render::ink::NO_FAMILY));
    // The colour of each route (by path) as each figure draws it.
    let mut seen: Vec<(String, [Option<String>; 3])> = Vec::new();
    let mut note = |sig: String, fig: usize, colour: String| {
        assert!(palette.contains(&colour), "{colour} is a route colour");
        match seen.iter_mut().find(|(s, _)| *s == sig) {
            Some((_, c)) => {
                if let Some(old) = &c[fig] {
                    assert_eq!(*old, colour, "one route, one colour within a figure");
                }
                c[fig] = Some(colour);
            }
            None => {
                let mut c = [None, None, None];
                c[fig] = Some(colour);
                seen.push((sig, c));
            }
        }
    };
    // The map's and the chart's legends: each entry's swatch.
    for (fig, svg, entries) in [(0, &f.map, &st.on_map), (1, &f.tcd, &st.on_chart)] {
        for s in entries {
            let c = inspect::legend_colour(svg, &s.label)
                .unwrap_or_else(|| panic!("legend entry `{}`", s.label));
            note(s.route.signature(), fig, c);
        }
    }
    // The breakdown: each bar's outline, days panel, top to bottom (then the USD panel, the
    // same order).
    let outlines: Vec<String> = f
        .breakdown
        .split("<rect ")
        .skip(1)
        .map(|p| format!(" {}", &p[..p.find("/>").unwrap()]))
        .filter(|el| inspect::attr(el, "fill").as_deref() == Some("none"))
        .filter_map(|el| inspect::attr(&el, "stroke"))
        .filter(|c| palette.contains(c))
        .collect();
    assert_eq!(outlines.len(), 2 * st.bars.len(), "{outlines:?}");
    for (k, b) in st.bars.iter().enumerate() {
        assert_eq!(outlines[k], outlines[k + st.bars.len()], "both panels");
        note(b.route.signature(), 2, outlines[k].clone());
    }
    for (sig, c) in &seen {
        // Every route is on the map and the chart; the bars are some of them (all of them in a
        // study by corridor).
        assert!(
            c[0].is_some() && c[1].is_some(),
            "{sig}: on the map and the chart: {c:?}"
        );
        assert!(c[2].is_some() || !all_bars, "{sig}: a bar: {c:?}");
        assert!(c[0] == c[1], "{sig}: {c:?}");
        assert!(c[2].is_none() || c[2] == c[0], "{sig}: {c:?}");
    }
    // Each route in its family's colour.
    for s in st.on_map.iter() {
        let want = corridor::routing::family_of(&st.net, &s.route).map_or_else(
            || inspect::hex(corridor::render::ink::NO_FAMILY),
            |i| st.net.families[i].colour.to_string(),
        );
        let got = seen.iter().find(|(sig, _)| *sig == s.route.signature());
        assert_eq!(
            got.and_then(|(_, c)| c[0].clone()),
            Some(want),
            "{}",
            s.label
        );
    }
    // The breakdown explains its colours.
    assert!(f.breakdown.contains("bars in corridor colours"));
    seen.len()
}

#[test]
fn the_study_chart_labels_its_jumps_with_leaders() {
    use corridor::render::chart::{tcd_jump_labels, Panel};
    let st = default_study();
    let names = |id: &str| corridor::render::figures::short_name(&st.net, id);
    let caption = tcd_caption(&st);
    let labels = tcd_jump_labels(
        &caption,
        &st.on_chart,
        &names,
        corridor::render::FIGURE_WIDTH,
    );
    inspect::check_tcd_labels(&st.figures.tcd, &st.on_chart, &labels);
    assert!(
        labels.iter().filter(|l| l.leader.is_some()).count() >= 3,
        "labels moved away from crowded jumps are joined to them: {labels:?}"
    );
    for panel in [Panel::Time, Panel::Cost] {
        let ls: Vec<_> = labels.iter().filter(|l| l.panel == panel).collect();
        let size = |i: usize, j: usize| {
            let s = &st.on_chart[i].route.steps[j];
            match panel {
                Panel::Time => s.metrics.hours,
                Panel::Cost => s.metrics.usd,
            }
        };
        // The panel's largest jump is labelled.
        let mut largest = (0.0, String::new());
        for (i, sr) in st.on_chart.iter().enumerate() {
            for (j, s) in sr.route.steps.iter().enumerate() {
                if s.metrics.km == 0.0 && size(i, j) > largest.0 {
                    largest = (size(i, j), format!("{i}/{j}"));
                }
            }
        }
        assert!(
            ls.iter().any(|l| size(l.series, l.step) == largest.0),
            "{panel:?}: the largest jump ({}) is labelled",
            largest.1
        );
        // Every corridor has a labelled jump (its own, or the same one of another corridor at
        // the same place).
        let km_before = |i: usize, j: usize| -> f64 {
            st.on_chart[i].route.steps[..j]
                .iter()
                .map(|s| s.metrics.km)
                .sum()
        };
        for (i, sr) in st.on_chart.iter().enumerate() {
            let covers = |l: &corridor::render::chart::JumpLabel| {
                let theirs = &st.on_chart[l.series].route.steps[l.step];
                l.series == i
                    || sr.route.steps.iter().enumerate().any(|(j, s)| {
                        s.metrics.km == 0.0
                            && s.from == theirs.from
                            && s.kind == theirs.kind
                            && size(i, j) == size(l.series, l.step)
                            && (km_before(i, j) - km_before(l.series, l.step)).abs() < 1.0
                    })
            };
            assert!(
                ls.iter().any(|l| covers(l)),
                "{panel:?}: `{}` has a label",
                sr.label
            );
        }
        // One unit per axis: days on the time panel, dollars on the cost panel.
        for l in &ls {
            let ok = match panel {
                Panel::Time => l.text.ends_with(" d") && !l.text.contains(" h"),
                Panel::Cost => l.text.contains(" $"),
            };
            assert!(ok, "{panel:?}: `{}`", l.text);
        }
    }
}
