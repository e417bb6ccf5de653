//! End-to-end tests of the charts on routes from the real router (tiny fixture network).

use std::path::Path;

mod support;
use support::*;

use corridor::render::chart_svg::{
    component_sums, cumulative, render_breakdown, render_tcd, tcd_jump_labels, BarGroup, Panel,
    Series, COMPONENTS, COMPONENT_COLOURS,
};
use corridor::render::map_svg::ROUTE_COLOURS;
use corridor::solve::{Constraints, Objective, Outcome, Route, Router, StepKind};
use corridor::Network;

fn network() -> Network {
    // In the main crate the fixture is under its own manifest directory.
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.toml");
    let path = if own.exists() {
        own
    } else {
        Path::new("/work/main/tests/fixtures/tiny.toml").to_path_buf()
    };
    corridor::load::load(&path).expect("fixture loads")
}

fn route(net: &Network, objective: Objective) -> Route {
    let router = Router::new(net).unwrap();
    match router
        .route(0, 3, objective, &Constraints::defaults(net))
        .unwrap()
    {
        Outcome::Found(r) => r,
        Outcome::NoRoute(why) => panic!("{why}"),
    }
}

fn series(net: &Network) -> Vec<Series> {
    vec![
        Series {
            label: "cheapest".into(),
            route: route(net, Objective::Cost),
            colour: None,
            totals_in_label: false,
        },
        Series {
            label: "fastest".into(),
            route: route(net, Objective::Time),
            colour: None,
            totals_in_label: false,
        },
    ]
}

fn groups(net: &Network) -> Vec<BarGroup> {
    series(net)
        .into_iter()
        .map(|s| BarGroup {
            label: s.label,
            route: s.route,
        })
        .collect()
}

fn names(net: &Network) -> impl Fn(&str) -> String + '_ {
    |id: &str| {
        net.node(id)
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    }
}

/// `(stroke colour, points)` of every polyline in the SVG.
fn polylines(svg: &str) -> Vec<(String, Vec<(i32, i32)>)> {
    let attr = |el: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let i = el.find(&key)? + key.len();
        Some(el[i..i + el[i..].find('"')?].to_string())
    };
    svg.split("<polyline ")
        .skip(1)
        .map(|rest| {
            let el = &rest[..rest.find("/>").unwrap()];
            let pts = attr(el, "points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            (attr(el, "stroke").unwrap_or_default(), pts)
        })
        .collect()
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[test]
fn fixture_gives_two_different_routes() {
    let net = network();
    let s = series(&net);
    assert_ne!(s[0].route.steps, s[1].route.steps);
    assert!(s[0].route.steps.iter().any(|x| x.km == 0.0));
}

#[test]
fn tcd_renders_with_series_colours() {
    let net = network();
    let svg = render_tcd("Test TCD", &series(&net), &names(&net), 1400);
    assert!(svg.starts_with("<svg"));
    let px = rasterise(&svg);
    assert_eq!(px.width(), 1400);
    assert!(non_white(&px) > 10_000, "chart is nearly blank");
    for c in &ROUTE_COLOURS[..2] {
        let n = count_colour(&px, (c.0, c.1, c.2));
        assert!(n > 500, "colour {c:?} has {n} pixels");
    }
    for t in [
        "cumulative distance (km)",
        "cumulative time (days)",
        "cumulative cost (USD per FEU)",
        "cheapest — 600 km",
        "fastest — 900 km, 2.3 d, $2,100",
    ] {
        assert!(svg.contains(t), "missing text `{t}`");
    }
}

#[test]
fn text_is_at_least_11_px() {
    let net = network();
    let svgs = [
        render_tcd("T", &series(&net), &names(&net), 1400),
        render_breakdown("B", &groups(&net), 1400),
        render_tcd("T", &series(&net), &names(&net), 600),
        render_breakdown("B", &groups(&net), 600),
    ];
    for svg in svgs {
        for part in svg.split("font-size=\"").skip(1) {
            let v: f64 = part[..part.find('"').unwrap()].parse().unwrap();
            assert!(v >= 10.99, "font-size {v}");
        }
    }
}

#[test]
fn charts_are_deterministic() {
    let net = network();
    let s = series(&net);
    assert_eq!(
        render_tcd("T", &s, &names(&net), 1400),
        render_tcd("T", &series(&net), &names(&net), 1400)
    );
    assert_eq!(
        render_breakdown("B", &groups(&net), 1400),
        render_breakdown("B", &groups(&net), 1400)
    );
}

#[test]
fn every_zero_km_step_is_a_vertical_segment() {
    let net = network();
    let s = series(&net);
    let svg = render_tcd("T", &s, &names(&net), 1400);
    let lines = polylines(&svg);
    for (i, sr) in s.iter().enumerate() {
        let colour = hex(ROUTE_COLOURS[i]);
        let n = sr.route.steps.len();
        // The series' main lines: one per panel, one point per step plus the origin.
        let mains: Vec<&Vec<(i32, i32)>> = lines
            .iter()
            .filter(|(c, p)| *c == colour && p.len() == n + 1)
            .map(|(_, p)| p)
            .collect();
        assert_eq!(mains.len(), 2, "series {i}: one line per panel");
        let cum = cumulative(&sr.route);
        for pts in mains {
            // Starts at the origin (bottom-left of the panel) and ends highest and rightmost.
            assert!(pts[n].0 > pts[0].0 && pts[n].1 < pts[0].1);
            for (j, step) in sr.route.steps.iter().enumerate() {
                if step.km == 0.0 {
                    assert_eq!(pts[j].0, pts[j + 1].0, "series {i} step {j} is vertical");
                    assert!(pts[j + 1].1 <= pts[j].1, "going up");
                } else {
                    assert!(pts[j + 1].0 > pts[j].0, "haul advances km");
                }
            }
        }
        // The highlighted (thicker) vertical segments: one per zero-km step with a jump.
        let jumps = sr
            .route
            .steps
            .iter()
            .filter(|st| st.km == 0.0 && st.hours > 0.0)
            .count();
        let vertical_2pt = lines
            .iter()
            .filter(|(c, p)| *c == colour && p.len() == 2 && p[0].0 == p[1].0)
            .count();
        assert!(
            vertical_2pt >= jumps,
            "{vertical_2pt} highlights < {jumps} jumps"
        );
        assert!((cum[n].km - sr.route.total.km).abs() < 1e-6);
        assert!((cum[n].days - sr.route.total.days).abs() < 1e-6);
        assert!((cum[n].usd - sr.route.total.usd).abs() < 1e-6);
    }
}

#[test]
fn jump_labels_do_not_overlap_and_name_places() {
    let net = network();
    let s = series(&net);
    let labels = tcd_jump_labels(&s, &names(&net), 1400);
    let svg = render_tcd("T", &s, &names(&net), 1400);
    for panel in [Panel::Time, Panel::Cost] {
        let ls: Vec<_> = labels.iter().filter(|l| l.panel == panel).collect();
        assert!(!ls.is_empty() && ls.len() <= 6);
        // Largest first.
        let size = |l: &&corridor::render::chart_svg::JumpLabel| {
            let st = &s[l.series].route.steps[l.step];
            assert_eq!(st.km, 0.0);
            if panel == Panel::Time {
                st.hours
            } else {
                st.usd
            }
        };
        assert!(ls.windows(2).all(|w| size(&w[0]) >= size(&w[1])));
        let boxes: Vec<_> = ls.iter().map(|l| l.rect).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
        for l in &ls {
            assert!(svg.contains(&l.text), "label `{}` drawn", l.text);
        }
    }
    assert!(
        labels.iter().any(|l| l.text == "A border 30 h"),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.text == "G gauge change $300"),
        "{labels:?}"
    );
    // Many labels in a crowded chart still never overlap.
    let crowded: Vec<Series> = (0..6)
        .map(|i| Series {
            label: format!("s{i}"),
            route: s[i % 2].route.clone(),
            colour: None,
            totals_in_label: false,
        })
        .collect();
    let labels = tcd_jump_labels(&crowded, &names(&net), 700);
    assert!(labels.len() >= 4, "{labels:?}");
    let boxes: Vec<_> = labels.iter().map(|l| l.rect).collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn component_sums_add_up_to_totals() {
    let net = network();
    for g in groups(&net) {
        let c = component_sums(&g.route);
        assert!((c.total_hours() - g.route.total.hours).abs() < 1e-6);
        assert!((c.total_usd() - g.route.total.usd).abs() < 1e-6);
        for (i, kind) in COMPONENTS.iter().enumerate() {
            let h: f64 = g
                .route
                .steps
                .iter()
                .filter(|s| s.kind == *kind)
                .map(|s| s.hours)
                .sum();
            let u: f64 = g
                .route
                .steps
                .iter()
                .filter(|s| s.kind == *kind)
                .map(|s| s.usd)
                .sum();
            assert_eq!((c.hours[i], c.usd[i]), (h, u));
        }
    }
    // The cheapest route of the fixture has all four components.
    let c = component_sums(&route(&net, Objective::Cost));
    assert!(c.hours.iter().all(|h| *h > 0.0), "{c:?}");
    assert_eq!(COMPONENTS[0], StepKind::Haul);
}

#[test]
fn breakdown_bars_are_proportional() {
    let net = network();
    let g = groups(&net);
    let svg = render_breakdown("Breakdown", &g, 1400);
    // Widths of the haul (first) rectangles: days panel then USD panel, group by group.
    let haul = hex(COMPONENT_COLOURS[0]);
    let mut widths: Vec<f64> = Vec::new();
    for part in svg.split("<rect ").skip(1) {
        let el = &part[..part.find("/>").unwrap()];
        if el.contains(&format!("fill=\"{haul}\"")) {
            let i = el.find(" width=\"").unwrap() + 8;
            widths.push(el[i..i + el[i..].find('"').unwrap()].parse().unwrap());
        }
    }
    // Legend swatch + 2 groups × 2 panels.
    assert_eq!(widths.len(), 5, "{widths:?}");
    let sums: Vec<_> = g.iter().map(|x| component_sums(&x.route)).collect();
    let (d0, d1) = (widths[1], widths[2]);
    let (u0, u1) = (widths[3], widths[4]);
    let ratio = |a: f64, b: f64| a / b;
    assert!((ratio(d0, d1) - ratio(sums[0].hours[0], sums[1].hours[0])).abs() < 0.05);
    assert!((ratio(u0, u1) - ratio(sums[0].usd[0], sums[1].usd[0])).abs() < 0.05);
    let px = rasterise(&svg);
    assert!(non_white(&px) > 10_000);
    for c in COMPONENT_COLOURS {
        assert!(
            count_colour(&px, (c.0, c.1, c.2)) > 100,
            "component colour {c:?}"
        );
    }
    for t in [
        "line haul",
        "border",
        "transfer",
        "waiting",
        "$1,150",
        "$2,100",
        "2.3 d",
    ] {
        assert!(svg.contains(t), "missing `{t}`");
    }
}

#[test]
fn empty_input_says_no_routes() {
    for svg in [
        render_breakdown("Nothing", &[], 1400),
        render_tcd("Nothing", &[], &|s: &str| s.to_string(), 1400),
    ] {
        assert!(svg.contains("no routes"));
        let px = rasterise(&svg);
        assert!(non_white(&px) > 100);
    }
}
