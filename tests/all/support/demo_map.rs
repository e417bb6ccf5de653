//! A demo China–Europe network and routes for the map renderer's tests. Coordinates are
//! approximate; statuses and figures are illustrative only.

use corridor::network::{Mode, NodeKind, Status};
use corridor::render::map::{Extent, MapLink, MapNode, MapRoute, MapSpec};

fn node(name: &str, lon: f64, lat: f64, kind: NodeKind, major: bool) -> MapNode {
    MapNode {
        id: name.to_lowercase().replace(' ', "_"),
        name: name.to_string(),
        lon,
        lat,
        kind,
        major,
        endpoint: false,
    }
}

fn link(points: &[(f64, f64)], mode: Mode, status: Status) -> MapLink {
    MapLink {
        points: points.to_vec(),
        mode,
        status,
    }
}

pub const XIAN: (f64, f64) = (108.94, 34.34);
pub const LANZHOU: (f64, f64) = (103.83, 36.06);
pub const URUMQI: (f64, f64) = (87.62, 43.83);
pub const KHORGOS: (f64, f64) = (80.42, 44.21);
pub const ALASHANKOU: (f64, f64) = (82.57, 45.17);
pub const ALMATY: (f64, f64) = (76.95, 43.24);
pub const SHYMKENT: (f64, f64) = (69.6, 42.3);
pub const KYZYLORDA: (f64, f64) = (65.5, 44.85);
pub const BEYNEU: (f64, f64) = (55.2, 45.3);
pub const AKTAU: (f64, f64) = (51.2, 43.6);
pub const ALAT: (f64, f64) = (49.41, 39.94);
pub const TBILISI: (f64, f64) = (44.79, 41.72);
pub const POTI: (f64, f64) = (41.67, 42.15);
pub const KARS: (f64, f64) = (43.1, 40.6);
pub const ANKARA: (f64, f64) = (32.85, 39.93);
pub const ISTANBUL: (f64, f64) = (28.98, 41.01);
pub const CONSTANTA: (f64, f64) = (28.65, 44.17);
pub const BUDAPEST: (f64, f64) = (19.04, 47.5);
pub const VIENNA: (f64, f64) = (16.37, 48.21);
pub const DUISBURG: (f64, f64) = (6.76, 51.43);
pub const ROTTERDAM: (f64, f64) = (4.1, 51.95);
pub const ASTANA: (f64, f64) = (71.43, 51.13);
pub const YEKATERINBURG: (f64, f64) = (60.6, 56.84);
pub const MOSCOW: (f64, f64) = (37.62, 55.75);
pub const BREST: (f64, f64) = (23.7, 52.1);
pub const WARSAW: (f64, f64) = (21.01, 52.23);
pub const SHANGHAI: (f64, f64) = (121.8, 30.9);
pub const SINGAPORE: (f64, f64) = (103.85, 1.2);
pub const COLOMBO: (f64, f64) = (79.8, 6.9);
pub const SUEZ: (f64, f64) = (32.55, 29.9);
pub const CAPE: (f64, f64) = (18.4, -34.9);
pub const KASHGAR: (f64, f64) = (75.99, 39.47);
pub const ANDIJAN: (f64, f64) = (72.34, 40.78);
pub const HORADIZ: (f64, f64) = (47.03, 39.45);
pub const NAKHCHIVAN: (f64, f64) = (45.41, 39.21);

/// Suez sea lane, Shanghai → Rotterdam.
pub fn suez_lane() -> Vec<(f64, f64)> {
    vec![
        SHANGHAI,
        (122.0, 28.0),
        (119.8, 24.2),
        (114.5, 18.0),
        (110.5, 9.0),
        (105.5, 3.0),
        SINGAPORE,
        (101.5, 2.6),
        (98.0, 5.3),
        (94.5, 6.3),
        (82.0, 5.6),
        COLOMBO,
        (62.0, 12.5),
        (51.0, 12.3),
        (43.4, 12.6),
        (38.5, 20.5),
        (34.5, 27.0),
        SUEZ,
        (32.3, 31.3),
        (25.0, 33.6),
        (11.5, 37.3),
        (3.0, 37.5),
        (-5.6, 35.95),
        (-9.6, 37.0),
        (-9.8, 43.6),
        (-5.5, 48.6),
        (1.4, 50.7),
        ROTTERDAM,
    ]
}

/// Cape lane, Colombo → Cape of Good Hope → English Channel.
pub fn cape_lane() -> Vec<(f64, f64)> {
    vec![
        COLOMBO,
        (60.0, -8.0),
        (45.0, -28.5),
        (31.0, -33.5),
        (20.0, -36.0),
        CAPE,
        (5.0, -15.0),
        (-10.0, 3.0),
        (-19.0, 15.0),
        (-17.0, 28.0),
        (-11.0, 37.0),
        (-9.8, 43.6),
        (-5.5, 48.6),
        (1.4, 50.7),
        ROTTERDAM,
    ]
}

pub fn nodes() -> Vec<MapNode> {
    use NodeKind::*;
    vec![
        node("Xi'an", XIAN.0, XIAN.1, RailTerminal, true),
        node("Lanzhou", LANZHOU.0, LANZHOU.1, City, false),
        node("Urumqi", URUMQI.0, URUMQI.1, City, true),
        node("Khorgos", KHORGOS.0, KHORGOS.1, BorderStation, true),
        node("Khorgos Gateway", 80.2, 44.15, DryPort, false),
        node(
            "Alashankou",
            ALASHANKOU.0,
            ALASHANKOU.1,
            BorderStation,
            true,
        ),
        node("Dostyk", 82.52, 45.25, BorderStation, false),
        node("Almaty", ALMATY.0, ALMATY.1, City, true),
        node("Shymkent", SHYMKENT.0, SHYMKENT.1, Junction, false),
        node("Kyzylorda", KYZYLORDA.0, KYZYLORDA.1, Junction, false),
        node("Beyneu", BEYNEU.0, BEYNEU.1, Junction, false),
        node("Aktau", AKTAU.0, AKTAU.1, SeaPort, true),
        node("Baku (Alat)", ALAT.0, ALAT.1, SeaPort, true),
        node("Tbilisi", TBILISI.0, TBILISI.1, City, true),
        node("Poti", POTI.0, POTI.1, SeaPort, true),
        node("Kars", KARS.0, KARS.1, BorderStation, true),
        node("Ankara", ANKARA.0, ANKARA.1, City, false),
        node("Istanbul", ISTANBUL.0, ISTANBUL.1, City, true),
        node("Constanta", CONSTANTA.0, CONSTANTA.1, SeaPort, true),
        node("Budapest", BUDAPEST.0, BUDAPEST.1, City, true),
        node("Vienna", VIENNA.0, VIENNA.1, City, false),
        node("Duisburg", DUISBURG.0, DUISBURG.1, RailTerminal, true),
        node("Rotterdam", ROTTERDAM.0, ROTTERDAM.1, SeaPort, true),
        node("Astana", ASTANA.0, ASTANA.1, City, true),
        node(
            "Yekaterinburg",
            YEKATERINBURG.0,
            YEKATERINBURG.1,
            City,
            false,
        ),
        node("Moscow", MOSCOW.0, MOSCOW.1, City, true),
        node("Brest", BREST.0, BREST.1, BorderStation, true),
        node("Warsaw", WARSAW.0, WARSAW.1, City, true),
        node("Shanghai", SHANGHAI.0, SHANGHAI.1, SeaPort, true),
        node("Singapore", SINGAPORE.0, SINGAPORE.1, SeaPort, true),
        node("Colombo", COLOMBO.0, COLOMBO.1, SeaPort, true),
        node("Suez Canal", SUEZ.0, SUEZ.1, Junction, true),
        node("Cape of Good Hope", CAPE.0, CAPE.1, Junction, true),
        node("Kashgar", KASHGAR.0, KASHGAR.1, City, true),
        node("Andijan", ANDIJAN.0, ANDIJAN.1, City, false),
        node("Nakhchivan", NAKHCHIVAN.0, NAKHCHIVAN.1, City, false),
    ]
}

pub fn links() -> Vec<MapLink> {
    use Mode::*;
    use Status::*;
    vec![
        link(
            &[
                XIAN,
                LANZHOU,
                (100.4, 38.9),
                (94.7, 40.1),
                (89.2, 42.9),
                URUMQI,
            ],
            Rail,
            Operating,
        ),
        link(&[URUMQI, (84.9, 44.4), KHORGOS], Rail, Operating),
        link(&[URUMQI, (84.9, 44.4), ALASHANKOU], Rail, Operating),
        link(&[KHORGOS, (78.4, 44.1), ALMATY], Rail, Operating),
        link(
            &[
                ALMATY,
                (73.4, 42.9),
                SHYMKENT,
                KYZYLORDA,
                (61.7, 46.8),
                BEYNEU,
                AKTAU,
            ],
            Rail,
            Operating,
        ),
        link(
            &[ALASHANKOU, (80.2, 47.1), (78.0, 49.8), (74.5, 50.5), ASTANA],
            Rail,
            Operating,
        ),
        link(
            &[ASTANA, (69.3, 54.9), (63.0, 55.4), YEKATERINBURG, MOSCOW],
            Rail,
            Operating,
        ),
        link(
            &[MOSCOW, (30.5, 54.5), (27.6, 53.9), BREST, WARSAW],
            Rail,
            Operating,
        ),
        link(
            &[
                WARSAW,
                (16.9, 52.4),
                (13.4, 52.5),
                (9.7, 52.4),
                DUISBURG,
                ROTTERDAM,
            ],
            Rail,
            Operating,
        ),
        link(&[AKTAU, (50.4, 42.0), ALAT], Sea, Operating),
        link(&[ALAT, (47.0, 40.7), TBILISI], Rail, Operating),
        link(&[TBILISI, (42.7, 42.1), POTI], Rail, Operating),
        link(&[TBILISI, (43.4, 41.2), KARS], Rail, Operating),
        link(
            &[KARS, (39.5, 39.8), (37.0, 39.7), ANKARA, ISTANBUL],
            Rail,
            Operating,
        ),
        link(&[POTI, (36.0, 43.3), CONSTANTA], Sea, Operating),
        link(
            &[CONSTANTA, (26.1, 44.4), (22.0, 46.0), BUDAPEST],
            Rail,
            Operating,
        ),
        link(
            &[ISTANBUL, (26.6, 41.7), (23.3, 42.7), (20.5, 44.8), BUDAPEST],
            Road,
            Operating,
        ),
        link(
            &[BUDAPEST, VIENNA, (13.0, 49.2), (9.9, 49.8), DUISBURG],
            Rail,
            Operating,
        ),
        link(&suez_lane(), Sea, Operating),
        link(&cape_lane(), Sea, Operating),
        link(
            &[KASHGAR, (75.2, 40.5), (73.5, 40.9), ANDIJAN],
            Rail,
            UnderConstruction,
        ),
        link(
            &[KASHGAR, (79.2, 41.2), (84.0, 42.2), URUMQI],
            Rail,
            Operating,
        ),
        link(&[HORADIZ, NAKHCHIVAN, (44.4, 39.9), KARS], Rail, Planned),
    ]
}

pub fn routes(with_sea: bool) -> Vec<MapRoute> {
    let mut r = vec![
        MapRoute {
            label: "fastest: Northern Corridor via Brest".into(),
            points: vec![
                XIAN,
                LANZHOU,
                (100.4, 38.9),
                (94.7, 40.1),
                (89.2, 42.9),
                URUMQI,
                (84.9, 44.4),
                ALASHANKOU,
                (80.2, 47.1),
                (78.0, 49.8),
                (74.5, 50.5),
                ASTANA,
                (69.3, 54.9),
                (63.0, 55.4),
                YEKATERINBURG,
                MOSCOW,
                (30.5, 54.5),
                (27.6, 53.9),
                BREST,
                WARSAW,
                (16.9, 52.4),
                (13.4, 52.5),
                (9.7, 52.4),
                DUISBURG,
            ],
            days: 16.5,
            usd: 7850.0,
            co2_kg: 0.0,
            ink: None,
            totals_in_label: false,
        },
        MapRoute {
            label: "sanctions-safe: Middle Corridor via Aktau".into(),
            points: vec![
                XIAN,
                LANZHOU,
                (100.4, 38.9),
                (94.7, 40.1),
                (89.2, 42.9),
                URUMQI,
                (84.9, 44.4),
                KHORGOS,
                (78.4, 44.1),
                ALMATY,
                (73.4, 42.9),
                SHYMKENT,
                KYZYLORDA,
                (61.7, 46.8),
                BEYNEU,
                AKTAU,
                (50.4, 42.0),
                ALAT,
                (47.0, 40.7),
                TBILISI,
                (43.4, 41.2),
                KARS,
                (39.5, 39.8),
                (37.0, 39.7),
                ANKARA,
                ISTANBUL,
                (26.6, 41.7),
                (23.3, 42.7),
                (20.5, 44.8),
                BUDAPEST,
                VIENNA,
                (13.0, 49.2),
                (9.9, 49.8),
                DUISBURG,
            ],
            days: 21.3,
            usd: 6120.0,
            co2_kg: 0.0,
            ink: None,
            totals_in_label: false,
        },
    ];
    if with_sea {
        r.push(MapRoute {
            label: "cheapest: sea via Suez".into(),
            points: suez_lane(),
            days: 34.0,
            usd: 2950.0,
            co2_kg: 0.0,
            ink: None,
            totals_in_label: false,
        });
        let mut cape = suez_lane()[..12].to_vec();
        cape.extend_from_slice(&cape_lane()[1..]);
        r.push(MapRoute {
            label: "Red Sea closed: via the Cape".into(),
            points: cape,
            days: 44.5,
            usd: 4310.0,
            co2_kg: 0.0,
            ink: None,
            totals_in_label: false,
        });
    }
    r
}

/// The full demo: network, land and sea routes, whole network extent.
pub fn full_spec(width_px: u32) -> MapSpec {
    MapSpec {
        title: "China–Europe container routes: rail corridors and sea lanes".into(),
        nodes: nodes(),
        links: links(),
        routes: routes(true),
        extent: Extent::FitNetwork,
        width_px,
        legend: true,
        credit: String::new(),
    }
}

/// The corridor demo: land routes only, fitted to them.
pub fn corridor_spec(width_px: u32) -> MapSpec {
    MapSpec {
        title: "Xi'an → Duisburg: Northern vs Middle Corridor".into(),
        nodes: nodes(),
        links: links(),
        routes: routes(false),
        extent: Extent::FitRoutes,
        width_px,
        legend: true,
        credit: String::new(),
    }
}
