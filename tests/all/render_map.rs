//! End-to-end tests of the renderer: rasterised output, determinism, link styles and labels.

use crate::support::demo_map;
use crate::support::raster::*;

use corridor::network::{Mode, NodeKind, Status};
use corridor::render::basemap::countries;
use corridor::render::map::{render_map, Extent, MapLink, MapNode, MapRoute, MapSpec};
use corridor::render::style::ROUTE_COLOURS;

fn small_spec() -> MapSpec {
    let n = |name: &str, lon, lat, kind, major| MapNode {
        id: name.to_lowercase(),
        name: name.into(),
        lon,
        lat,
        kind,
        major,
        endpoint: false,
    };
    MapSpec {
        title: "Test map".into(),
        nodes: vec![
            n("Almaty", 76.95, 43.24, NodeKind::City, true),
            n("Aktau", 51.2, 43.6, NodeKind::SeaPort, true),
            n("Baku", 49.87, 40.41, NodeKind::SeaPort, true),
            n("Tbilisi", 44.79, 41.72, NodeKind::City, true),
            n("Beyneu", 55.2, 45.3, NodeKind::Junction, false),
        ],
        links: vec![
            MapLink {
                points: vec![(76.95, 43.24), (55.2, 45.3), (51.2, 43.6)],
                mode: Mode::Rail,
                status: Status::Operating,
            },
            MapLink {
                points: vec![(51.2, 43.6), (49.87, 40.41)],
                mode: Mode::Sea,
                status: Status::Operating,
            },
            MapLink {
                points: vec![(49.87, 40.41), (44.79, 41.72)],
                mode: Mode::Rail,
                status: Status::Planned,
            },
        ],
        routes: vec![MapRoute {
            label: "fastest".into(),
            points: vec![
                (76.95, 43.24),
                (55.2, 45.3),
                (51.2, 43.6),
                (49.87, 40.41),
                (44.79, 41.72),
            ],
            days: 18.44,
            usd: 6120.0,
            co2_kg: 0.0,
            ink: None,
            totals_in_label: false,
        }],
        extent: Extent::FitRoutes,
        width_px: 900,
        legend: true,
        credit: String::new(),
    }
}

#[test]
fn renders_something_with_land_sea_and_route_colour() {
    let c = countries().unwrap();
    let svg = render_map(&small_spec(), &c);
    assert!(svg.starts_with("<svg"));
    let p = rasterise(&svg);
    assert_eq!(p.width(), 900);
    let route = ROUTE_COLOURS[0];
    let n_route = count_colour(&p, (route.0, route.1, route.2));
    let n_sea = count_colour(&p, (0xD4, 0xE6, 0xF4));
    let n_land = count_colour(&p, (0xF1, 0xED, 0xE4));
    let total = (p.width() * p.height()) as usize;
    assert!(n_route > 500, "route pixels: {n_route}");
    // The Caspian is in view and must be water; Kazakhstan is land.
    assert!(n_sea > total / 50, "sea pixels: {n_sea}");
    assert!(n_land > total / 5, "land pixels: {n_land}");
    let t = texts(&svg);
    assert!(t.iter().any(|x| x == "fastest — 18.4 d, $6,120"), "{t:?}");
    assert!(t
        .iter()
        .any(|x| x == "Base map: Natural Earth (public domain). Boundaries illustrative."));
    // Major nodes in view are labelled.
    for name in ["Almaty", "Aktau", "Tbilisi"] {
        assert!(t.iter().any(|x| x == name), "{name} not labelled: {t:?}");
    }
}

#[test]
fn same_input_same_bytes() {
    let c = countries().unwrap();
    let spec = demo_map::full_spec(1400);
    let a = render_map(&spec, &c);
    let b = render_map(&spec.clone(), &c);
    assert_eq!(a, b);
}

/// The trimmed contents of the `<text>` elements.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|el| {
            let start = el.find('>')? + 1;
            let end = el.find("</text>")?;
            Some(el[start..end].trim().to_string())
        })
        .collect()
}

/// The stroke colours of the polylines in an SVG.
fn strokes(svg: &str) -> std::collections::BTreeSet<String> {
    svg.split("<polyline ")
        .skip(1)
        .filter_map(|el| {
            let i = el.find("stroke=\"")? + 8;
            Some(el[i..i + el[i..].find('"')?].to_string())
        })
        .collect()
}

#[test]
fn planned_link_has_its_own_stroke() {
    let c = countries().unwrap();
    let mut spec = small_spec();
    spec.routes.clear();
    spec.extent = Extent::FitNetwork;
    let with_planned = render_map(&spec, &c);
    spec.links[2].status = Status::Operating;
    let all_operating = render_map(&spec, &c);
    let extra: Vec<String> = strokes(&with_planned)
        .difference(&strokes(&all_operating))
        .cloned()
        .collect();
    assert_eq!(
        extra.len(),
        1,
        "planned adds exactly one stroke colour: {extra:?}"
    );
    // Dashed: drawn as several short polylines in that colour.
    let dashes = with_planned
        .matches(&format!("stroke=\"{}\"", extra[0]))
        .count();
    assert!(dashes >= 2 * 2, "dashes: {dashes}");
    // And the legend says so.
    assert!(texts(&with_planned).iter().any(|t| t == "Planned"));
    assert!(!texts(&all_operating).iter().any(|t| t == "Planned"));
}

#[test]
fn text_is_at_least_11_px_at_1400() {
    let c = countries().unwrap();
    let svg = render_map(&demo_map::full_spec(1400), &c);
    let sizes: Vec<f64> = svg
        .split("font-size=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert!(sizes.len() > 20);
    assert!(sizes.iter().all(|&s| s >= 11.0), "{sizes:?}");
}

#[test]
fn full_extent_reaches_the_cape_and_corridor_extent_does_not() {
    let c = countries().unwrap();
    let full = render_map(&demo_map::full_spec(1400), &c);
    let corridor = render_map(&demo_map::corridor_spec(1400), &c);
    let has = |svg: &str, t: &str| texts(svg).iter().any(|x| x == t);
    assert!(has(&full, "Cape of Good Hope"));
    assert!(!has(&corridor, "Cape of Good Hope"));
    assert!(has(&corridor, "Almaty") && has(&corridor, "Duisburg"));
}
