//! End-to-end tests of the charts on routes from the real router (tiny fixture network).

use std::path::Path;

use crate::support::inspect::*;
use crate::support::raster::*;

use corridor::render::chart::{
    component_sums, cumulative, render_breakdown, render_tcd, tcd_jump_labels, tint, BarGroup,
    JumpLabel, Panel, Series, COMPONENTS, LEADER, LEGEND_KEY,
};
use corridor::render::style::ROUTE_COLOURS;
use corridor::routing::{Constraints, Objective, Outcome, Route, Router, StepKind};
use corridor::Network;

fn network() -> Network {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.toml");
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
            ink: None,
            totals_in_label: false,
        },
        Series {
            label: "fastest".into(),
            route: route(net, Objective::Time),
            ink: None,
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
            ink: None,
        })
        .collect()
}

/// A caption of `title` with a credit line.
fn cap(title: &str) -> corridor::render::caption::Caption {
    corridor::render::caption::Caption::new(title, "corridor test · credit")
}

fn names(net: &Network) -> impl Fn(&str) -> String + '_ {
    |id: &str| {
        net.node(id)
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    }
}

#[test]
fn fixture_gives_two_different_routes() {
    let net = network();
    let s = series(&net);
    assert_ne!(s[0].route.steps, s[1].route.steps);
    assert!(s[0].route.steps.iter().any(|x| x.metrics.km == 0.0));
}

#[test]
fn tcd_renders_with_series_colours() {
    let net = network();
    let svg = render_tcd(&cap("Test TCD"), &series(&net), &names(&net), 1400);
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
        render_tcd(&cap("T"), &series(&net), &names(&net), 1400),
        render_breakdown(&cap("B"), &groups(&net), 1400),
        render_tcd(&cap("T"), &series(&net), &names(&net), 600),
        render_breakdown(&cap("B"), &groups(&net), 600),
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
        render_tcd(&cap("T"), &s, &names(&net), 1400),
        render_tcd(&cap("T"), &series(&net), &names(&net), 1400)
    );
    assert_eq!(
        render_breakdown(&cap("B"), &groups(&net), 1400),
        render_breakdown(&cap("B"), &groups(&net), 1400)
    );
}

#[test]
fn every_zero_km_step_is_a_vertical_segment() {
    let net = network();
    let s = series(&net);
    let svg = render_tcd(&cap("T"), &s, &names(&net), 1400);
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
                if step.metrics.km == 0.0 {
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
            .filter(|st| st.metrics.km == 0.0 && st.metrics.hours > 0.0)
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
        assert!((cum[n].days() - sr.route.total.days()).abs() < 1e-6);
        assert!((cum[n].usd - sr.route.total.usd).abs() < 1e-6);
    }
}

/// The size of a label's jump in its panel's unit (hours or USD).
fn jump_size(s: &[Series], l: &JumpLabel) -> f64 {
    let st = &s[l.series].route.steps[l.step];
    assert_eq!(st.metrics.km, 0.0, "{}: a zero-km step", l.text);
    match l.panel {
        Panel::Time => st.metrics.hours,
        Panel::Cost => st.metrics.usd,
    }
}

/// The jumps of a series in a panel: (step, size).
fn jumps(sr: &Series, panel: Panel) -> Vec<(usize, f64)> {
    sr.route
        .steps
        .iter()
        .enumerate()
        .filter(|(_, st)| st.metrics.km == 0.0)
        .map(|(j, st)| match panel {
            Panel::Time => (j, st.metrics.hours),
            Panel::Cost => (j, st.metrics.usd),
        })
        .filter(|(_, v)| *v > 0.0)
        .collect()
}

#[test]
fn jump_labels_do_not_overlap_and_name_places() {
    let net = network();
    let s = series(&net);
    let labels = tcd_jump_labels(&cap("T"), &s, &names(&net), 1400);
    let svg = render_tcd(&cap("T"), &s, &names(&net), 1400);
    check_tcd_labels(&svg, &s, &labels);
    for panel in [Panel::Time, Panel::Cost] {
        let ls: Vec<_> = labels.iter().filter(|l| l.panel == panel).collect();
        assert!(!ls.is_empty() && ls.len() <= 8);
        // The panel's largest jump and each series' largest are labelled.
        let largest = s
            .iter()
            .flat_map(|sr| jumps(sr, panel).into_iter().map(|(_, v)| v))
            .fold(0.0, f64::max);
        assert!(ls.iter().any(|l| jump_size(&s, l) == largest), "{panel:?}");
        for (i, sr) in s.iter().enumerate() {
            let top = jumps(sr, panel)
                .into_iter()
                .map(|(_, v)| v)
                .fold(0.0, f64::max);
            assert!(
                ls.iter().any(|l| l.series == i && jump_size(&s, l) == top),
                "series {i}'s largest {panel:?} jump is labelled: {ls:?}"
            );
        }
    }
    // One unit per axis: days on the time panel, dollars on the cost panel.
    for l in &labels {
        match l.panel {
            Panel::Time => assert!(
                l.text.ends_with(" d") && !l.text.contains(" h"),
                "{}",
                l.text
            ),
            Panel::Cost => assert!(l.text.contains(" $"), "{}", l.text),
        }
    }
    assert!(
        labels.iter().any(|l| l.text == "A border 1.2 d"),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.text == "G gauge change $300"),
        "{labels:?}"
    );
    // Many labels in a crowded chart still never overlap, and the leaders of those moved away
    // from their jumps start at them and end at the jumps.
    let crowded: Vec<Series> = (0..6)
        .map(|i| Series {
            label: format!("s{i}"),
            route: s[i % 2].route.clone(),
            ink: None,
            totals_in_label: false,
        })
        .collect();
    for width in [700, 1000] {
        let labels = tcd_jump_labels(&cap("T"), &crowded, &names(&net), width);
        assert!(labels.len() >= 4, "{labels:?}");
        check_tcd_labels(
            &render_tcd(&cap("T"), &crowded, &names(&net), width),
            &crowded,
            &labels,
        );
    }
}

#[test]
fn moved_labels_get_leader_lines_and_near_ones_none() {
    let net = network();
    let s = series(&net);
    // Narrow enough that some labels must move away from their jumps.
    let mut moved = 0;
    for width in [400, 500, 700, 1000, 1400] {
        let labels = tcd_jump_labels(&cap("T"), &s, &names(&net), width);
        let svg = render_tcd(&cap("T"), &s, &names(&net), width);
        check_tcd_labels(&svg, &s, &labels);
        for l in &labels {
            let near = l.rect.nearest_point(l.anchor);
            let d = (near.0 - l.anchor.0).hypot(near.1 - l.anchor.1);
            match l.leader {
                Some(_) => moved += 1,
                // A label without a leader sits right at its jump.
                None => assert!(d < 30.0 * (width as f64 / 1000.0).max(1.0), "{l:?}"),
            }
        }
        assert_eq!(
            svg.matches(&format!("stroke=\"{}\"", hex(LEADER))).count(),
            labels.iter().filter(|l| l.leader.is_some()).count()
        );
    }
    assert!(moved > 0, "some label was moved and joined by a leader");
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
                .map(|s| s.metrics.hours)
                .sum();
            let u: f64 = g
                .route
                .steps
                .iter()
                .filter(|s| s.kind == *kind)
                .map(|s| s.metrics.usd)
                .sum();
            assert_eq!((c.hours[i], c.usd[i]), (h, u));
        }
    }
    // The cheapest route of the fixture has all four components.
    let c = component_sums(&route(&net, Objective::Cost));
    assert!(c.hours.iter().all(|h| *h > 0.0), "{c:?}");
    assert_eq!(COMPONENTS[0], StepKind::Haul);
}

/// Two numbers and a colour of a `<rect>`.
type RectInfo = (f64, f64, String);

/// `(x, width, fill)` of every filled rectangle, and `(x, y, stroke)` of every outline.
fn rects(svg: &str) -> (Vec<RectInfo>, Vec<RectInfo>) {
    let (mut filled, mut outlines) = (Vec::new(), Vec::new());
    for part in svg.split("<rect ").skip(1) {
        let el = &format!(" {}", &part[..part.find("/>").unwrap()]);
        let num = |n: &str| -> f64 { attr(el, n).unwrap().parse().unwrap() };
        let fill = attr(el, "fill").unwrap_or_default();
        if fill == "none" {
            outlines.push((num("x"), num("y"), attr(el, "stroke").unwrap()));
        } else {
            filled.push((num("x"), num("width"), fill));
        }
    }
    (filled, outlines)
}

#[test]
fn breakdown_bars_are_proportional_and_in_route_colours() {
    let net = network();
    let mut g = groups(&net);
    // The second bar takes the palette's fourth colour, as a study would give it.
    g[1].ink = Some(corridor::render::ink::RouteInk {
        colour: ROUTE_COLOURS[3],
        variant: 0,
        in_family: true,
    });
    let svg = render_breakdown(&cap("Breakdown"), &g, 1400);
    let colours = [ROUTE_COLOURS[0], ROUTE_COLOURS[3]];
    let (filled, outlines) = rects(&svg);
    // The line haul (first, solid) piece of each bar: days panel then USD panel.
    let haul: Vec<Vec<f64>> = colours
        .iter()
        .map(|c| {
            filled
                .iter()
                .filter(|r| r.2 == hex(*c))
                .map(|r| r.1)
                .collect()
        })
        .collect();
    assert!(haul.iter().all(|w| w.len() == 2), "{haul:?}");
    let sums: Vec<_> = g.iter().map(|x| component_sums(&x.route)).collect();
    let ratio = |a: f64, b: f64| a / b;
    let (d0, d1) = (haul[0][0], haul[1][0]);
    let (u0, u1) = (haul[0][1], haul[1][1]);
    assert!((ratio(d0, d1) - ratio(sums[0].hours[0], sums[1].hours[0])).abs() < 0.05);
    assert!((ratio(u0, u1) - ratio(sums[0].usd[0], sums[1].usd[0])).abs() < 0.05);
    // Each bar is outlined in its route's colour, in both panels, in order; the legend keys
    // are grey.
    let bar_outlines: Vec<&String> = outlines
        .iter()
        .filter(|o| o.2 != hex(LEGEND_KEY))
        .map(|o| &o.2)
        .collect();
    assert_eq!(
        bar_outlines,
        [
            hex(colours[0]),
            hex(colours[1]),
            hex(colours[0]),
            hex(colours[1])
        ]
        .iter()
        .collect::<Vec<_>>()
    );
    assert_eq!(
        outlines.iter().filter(|o| o.2 == hex(LEGEND_KEY)).count(),
        4,
        "one grey key per component"
    );
    // The fixture's cheapest route has transfers: tinted pieces in its colour.
    assert!(filled.iter().any(|r| r.2 == hex(tint(colours[0]))));
    // Borders are striped: short diagonal lines in the route's colour.
    let stripes = polylines(&svg)
        .into_iter()
        .filter(|(c, p)| *c == hex(colours[0]) && p.len() == 2 && p[0].0 != p[1].0)
        .count();
    assert!(stripes > 0, "striped border piece");
    let px = rasterise(&svg);
    assert!(non_white(&px) > 10_000);
    for c in colours {
        assert!(
            count_colour(&px, (c.0, c.1, c.2)) > 100,
            "route colour {c:?}"
        );
    }
    for t in [
        "line haul",
        "border",
        "transfer",
        "waiting",
        "bars in corridor colours",
        "$1,150",
        "$2,100",
        "2.3 d",
    ] {
        assert!(svg.contains(t), "missing `{t}`");
    }
    // Without colours, by position.
    let svg = render_breakdown(&cap("Breakdown"), &groups(&net), 1400);
    let (_, outlines) = rects(&svg);
    assert!(outlines.iter().any(|o| o.2 == hex(ROUTE_COLOURS[1])));
}

#[test]
fn empty_input_says_no_routes() {
    for svg in [
        render_breakdown(&cap("Nothing"), &[], 1400),
        render_tcd(&cap("Nothing"), &[], &|s: &str| s.to_string(), 1400),
    ] {
        assert!(svg.contains("no routes"));
        let px = rasterise(&svg);
        assert!(non_white(&px) > 100);
    }
}
