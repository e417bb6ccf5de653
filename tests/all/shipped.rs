//! The shipped network and scenarios: they load, route between every pair of major nodes, and
//! each scenario does what it claims.

use std::collections::BTreeSet;

use corridor::load;
use corridor::network::Network;
use corridor::routing::{Constraints, Objective, Outcome, Route, Router};
use corridor::scenario::{self, Scenario};

use crate::support::required::REQUIRED;

/// Zangazur nodes, reachable only once their sections open.
const ZANGAZUR: [&str; 5] = ["meghri", "julfa", "nakhchivan", "igdir", "aghband"];

fn net() -> Network {
    load::embedded().expect("the shipped network loads")
}

fn route(net: &Network, from: &str, to: &str, o: Objective, c: &Constraints) -> Option<Route> {
    let r = Router::new(net).unwrap();
    match r
        .route(net.find(from).unwrap(), net.find(to).unwrap(), o, c)
        .unwrap()
    {
        Outcome::Found(r) => Some(r),
        Outcome::NoRoute(_) => None,
    }
}

fn apply(net: &Network, name: &str) -> (Network, Constraints) {
    let s = scenario::resolve(name).unwrap();
    let applied = scenario::apply(net, &s).unwrap();
    let mut c = Constraints::defaults(&applied);
    if let Some(y) = s.year {
        c.year = y;
    }
    (applied, c)
}

#[test]
fn the_disk_folder_and_the_embedded_copy_agree() {
    let disk = load::load(std::path::Path::new("networks/eurasia")).unwrap();
    let embedded = net();
    let key = |n: &Network| -> Vec<(String, String, u64, u64)> {
        n.nodes
            .iter()
            .map(|x| {
                (
                    x.id.clone(),
                    x.name.clone(),
                    x.lat.to_bits(),
                    x.lon.to_bits(),
                )
            })
            .collect()
    };
    assert_eq!(key(&disk), key(&embedded));
    let links = |n: &Network| -> Vec<(String, u64)> {
        n.links
            .iter()
            .map(|l| (l.id.clone(), l.km.to_bits()))
            .collect()
    };
    assert_eq!(links(&disk), links(&embedded));
}

#[test]
fn every_required_node_exists_with_real_names() {
    let net = net();
    for id in REQUIRED {
        assert!(net.node(id).is_some(), "missing node {id}");
    }
    assert_eq!(net.node("constanta").unwrap().name, "Constanța (port)");
    assert_eq!(
        net.find("Constanța").unwrap(),
        net.find("constanta").unwrap()
    );
    assert_eq!(net.find("IĞDIR").unwrap(), net.find("igdir").unwrap());
}

#[test]
fn every_pair_of_major_nodes_routes() {
    let net = net();
    let router = Router::new(&net).unwrap();
    let today = Constraints::defaults(&net);
    let later = Constraints {
        year: 2030,
        ..today.clone()
    };
    for a in REQUIRED {
        for b in REQUIRED {
            if a == b {
                continue;
            }
            let c = if ZANGAZUR.contains(&a) || ZANGAZUR.contains(&b) {
                &later
            } else {
                &today
            };
            let (i, j) = (net.find(a).unwrap(), net.find(b).unwrap());
            match router.route(i, j, Objective::Time, c).unwrap() {
                Outcome::Found(r) => {
                    assert!(r.total.hours > 0.0 && r.total.km > 0.0, "{a}->{b}");
                    assert_eq!(r.nodes.first().map(|t| t.as_str()), Some(a));
                }
                Outcome::NoRoute(n) => panic!("{n} (year {})", c.year),
            }
        }
    }
}

#[test]
fn meghri_opens_only_with_its_year() {
    let net = net();
    let c = Constraints::defaults(&net);
    assert!(route(&net, "alat", "meghri", Objective::Time, &c).is_none());
    let (z, cz) = apply(&net, "zangazur-open");
    let r = route(&z, "alat", "meghri", Objective::Time, &cz).expect("Zangazur open in 2030");
    assert!(r.nodes.iter().any(|x| x == "horadiz"), "{:?}", r.nodes);
    // With Georgia avoided, Alat → Kars must take the Zangazur corridor through Meghri.
    let mut avoid_ge = cz.clone();
    avoid_ge.avoid_countries.insert("GE".into());
    let r = route(&z, "alat", "kars", Objective::Time, &avoid_ge).unwrap();
    assert!(r.nodes.iter().any(|x| x == "meghri"), "{:?}", r.nodes);
    assert!(r.countries.iter().any(|x| x == "AM"));
}

#[test]
fn northern_closed_keeps_every_route_out_of_russia_and_belarus() {
    let net = net();
    let (n, c) = apply(&net, "northern-closed");
    for (a, b) in [
        ("xian", "duisburg"),
        ("urumqi", "warsaw"),
        ("almaty", "hamburg"),
        ("dostyk", "brest"),
    ] {
        for o in Objective::ALL {
            if let Some(r) = route(&n, a, b, o, &c) {
                assert!(
                    !r.countries.iter().any(|c| c == "RU" || c == "BY"),
                    "{a}->{b} {o}: {:?}",
                    r.countries
                );
            }
        }
    }
    // The baseline fastest Xi'an → Duisburg does cross Russia: the scenario changes something.
    let base = route(
        &net,
        "xian",
        "duisburg",
        Objective::Time,
        &Constraints::defaults(&net),
    )
    .unwrap();
    assert!(base.countries.iter().any(|x| x == "RU"));
    assert!(route(&n, "xian", "duisburg", Objective::Time, &c).is_some());
}

/// The links whose border dwell a scenario changed, with the factor per direction.
fn border_changes(net: &Network, s: &Network) -> Vec<(String, [f64; 2])> {
    net.links
        .iter()
        .zip(&s.links)
        .filter_map(|(b, a)| {
            let (bb, ab) = (b.border.as_ref()?, a.border.as_ref()?);
            assert_eq!(ab.usd, bb.usd, "{}: fees unchanged", b.id);
            (ab.hours != bb.hours).then(|| {
                (
                    b.id.clone(),
                    [ab.hours[0] / bb.hours[0], ab.hours[1] / bb.hours[1]],
                )
            })
        })
        .collect()
}

/// The fastest Xi'an → Duisburg route with Russia and Belarus avoided: the Middle Corridor.
fn middle_corridor(net: &Network, c: &Constraints) -> Route {
    let mut avoid = c.clone();
    avoid
        .avoid_countries
        .extend(["RU".to_string(), "BY".to_string()]);
    route(net, "xian", "duisburg", Objective::Time, &avoid).unwrap()
}

#[test]
fn customs_simplification_acts_on_the_kazakhstan_azerbaijan_crossing_only() {
    let net = net();
    let (s, c) = apply(&net, "customs-simplification");
    // The agreements cover the Caspian crossing between Kazakhstan and Azerbaijan.
    assert_eq!(
        border_changes(&net, &s),
        [
            ("aktau-alat".to_string(), [0.5, 0.5]),
            ("kuryk-alat".to_string(), [0.5, 0.5])
        ]
    );
    // Nothing else moves: the Northern route is unchanged, the Middle Corridor gets faster.
    let base_c = Constraints::defaults(&net);
    let north =
        |n: &Network, c: &Constraints| route(n, "xian", "duisburg", Objective::Time, c).unwrap();
    let (before, after) = (north(&net, &base_c), north(&s, &c));
    assert!(before.countries.iter().any(|x| x == "RU"));
    assert_eq!(before.total, after.total);
    let (before, after) = (middle_corridor(&net, &base_c), middle_corridor(&s, &c));
    assert!(after.countries.iter().any(|x| x == "AZ"));
    assert!(
        after.total.hours < before.total.hours,
        "{} vs {}",
        after.total.hours,
        before.total.hours
    );
}

#[test]
fn middle_corridor_customs_leaves_the_shared_china_kazakhstan_border_alone() {
    let net = net();
    let (s, c) = apply(&net, "middle-corridor-customs");
    let changed = border_changes(&net, &s);
    assert!(changed.len() >= 5, "{changed:?}");
    for (id, f) in &changed {
        let l = net.link(id).unwrap();
        let countries = [&net.nodes[l.from].country, &net.nodes[l.to].country];
        assert!(
            !countries.iter().any(|c| c.as_str() == "CN"),
            "{id} is shared with the Northern route"
        );
        assert_eq!(*f, [0.5, 0.5], "{id}");
    }
    let base_c = Constraints::defaults(&net);
    let north =
        |n: &Network, c: &Constraints| route(n, "xian", "duisburg", Objective::Time, c).unwrap();
    assert_eq!(north(&net, &base_c).total, north(&s, &c).total);
    let (cs, cc) = apply(&net, "customs-simplification");
    assert!(middle_corridor(&s, &c).total.hours < middle_corridor(&cs, &cc).total.hours);
}

#[test]
fn zangazur_open_does_not_depend_on_the_year() {
    let net = net();
    let (z, mut cz) = apply(&net, "zangazur-open");
    assert_eq!(cz.year, net.data_year, "the scenario sets no year");
    cz.year = 2026;
    cz.avoid_countries.insert("GE".into());
    let r = route(&z, "alat", "kars", Objective::Time, &cz).expect("open in any year");
    assert!(r.nodes.iter().any(|x| x == "meghri"), "{:?}", r.nodes);
    // It opens only the Zangazur sections.
    for (b, a) in net.links.iter().zip(&z.links) {
        if b.status != a.status {
            assert!(b.has_corridor("zangazur"), "{} opened", b.id);
        }
    }
}

#[test]
fn border_congestion_restores_the_all_traffic_and_peak_dwell() {
    let net = net();
    let (s, _) = apply(&net, "border-congestion");
    let changed: Vec<String> = border_changes(&net, &s)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        changed,
        [
            "alashankou-dostyk",
            "khorgos-altynkol",
            "brest-malaszewicze"
        ]
    );
    let dwell = |id: &str| s.link(id).unwrap().border.as_ref().unwrap().hours;
    assert_eq!(dwell("alashankou-dostyk")[0], 90.4);
    assert_eq!(dwell("khorgos-altynkol")[0], 92.2);
}

#[test]
fn malaszewicze_to_budapest_runs_through_central_europe() {
    let net = net();
    let c = Constraints::defaults(&net);
    for o in [Objective::Distance, Objective::Time] {
        let r = route(&net, "malaszewicze", "budapest", o, &c).unwrap();
        assert!(r.total.km < 1_300.0, "{o}: {} km", r.total.km);
        assert!(
            !r.countries.iter().any(|x| x == "DE"),
            "{o}: {:?}",
            r.countries
        );
    }
    let r = route(&net, "xian", "istanbul", Objective::Time, &c).unwrap();
    assert!(!r.countries.iter().any(|x| x == "DE"), "{:?}", r.countries);
    assert!(route(&net, "xian", "prague", Objective::Time, &c).is_some());
}

/// Checks a route's sea legs: a load changes ship only by a transhipment in a port that has the
/// facility, and every sea haul names its service.
fn assert_ships_change_only_in_ports(net: &Network, r: &Route) {
    use corridor::network::{Mode, NodeKind, TransferKind};
    use corridor::routing::StepKind;
    let mut on: Option<&str> = None;
    for s in &r.steps {
        match s.kind {
            StepKind::Haul if s.mode == Mode::Sea => {
                let svc = s.service.as_deref().expect("a sea haul names its service");
                if let Some(prev) = on {
                    assert_eq!(
                        prev, svc,
                        "{} → {}: changed ship without a transhipment",
                        r.from, r.to
                    );
                }
                on = Some(svc);
            }
            StepKind::Haul => on = None,
            StepKind::Transfer => {
                let n = net.node(&s.from).unwrap();
                if s.transfer == Some(TransferKind::Transship) {
                    assert_eq!(n.kind, NodeKind::SeaPort, "transhipment at {}", n.id);
                    assert!(n.transfer(TransferKind::Transship).is_some());
                }
                on = s.service.as_deref();
            }
            _ => {}
        }
    }
}

#[test]
fn no_load_changes_ship_outside_a_port() {
    let net = net();
    let c = Constraints::defaults(&net);
    let ports: Vec<&str> = net
        .nodes
        .iter()
        .filter(|n| n.kind == corridor::network::NodeKind::SeaPort)
        .map(|n| n.id.as_str())
        .collect();
    let mut transhipments = 0;
    for &a in &ports {
        for &b in &ports {
            if a == b {
                continue;
            }
            for o in [Objective::Time, Objective::Cost] {
                if let Some(r) = route(&net, a, b, o, &c) {
                    assert_ships_change_only_in_ports(&net, &r);
                    transhipments += r
                        .steps
                        .iter()
                        .filter(|s| s.transfer == Some(corridor::network::TransferKind::Transship))
                        .count();
                }
            }
        }
    }
    // Port pairs on different services exist (Shanghai → Constanța changes at Piraeus).
    assert!(transhipments > 0);
    let r = route(&net, "shanghai", "constanta", Objective::Cost, &c).unwrap();
    assert!(
        r.steps
            .iter()
            .any(|s| s.from == "piraeus" && s.transfer.is_some()),
        "{:?}",
        r.nodes
    );
}

#[test]
fn rail_only_from_alat_to_poti_uses_rail() {
    let net = net();
    let mut c = Constraints::defaults(&net);
    let any = route(&net, "alat", "poti", Objective::Time, &c).unwrap();
    c.modes = [corridor::network::Mode::Rail].into();
    let rail = route(&net, "alat", "poti", Objective::Time, &c).unwrap();
    assert!(
        rail.steps
            .iter()
            .all(|s| s.mode == corridor::network::Mode::Rail),
        "{:?}",
        rail.steps
    );
    assert_eq!(rail.modes, Some(vec![corridor::network::Mode::Rail]));
    assert!(rail.total.hours >= any.total.hours);
}

#[test]
fn caspian_congestion_slows_the_caspian_crossing() {
    let net = net();
    let (s, c) = apply(&net, "caspian-congestion");
    for id in ["aktau-alat", "kuryk-alat", "turkmenbashi-alat"] {
        assert_eq!(s.link(id).unwrap().wait_hours, [240.0, 240.0]);
    }
    // A route forced over the Caspian (Aktau to Baku with Russia avoided: the Samur - Yalama rail
    // crossing is the way round it) gets slower by exactly the added wait.
    let mut no_ru = Constraints::defaults(&net);
    no_ru.avoid_countries.insert("RU".to_string());
    let base = route(&net, "aktau", "baku", Objective::Time, &no_ru).unwrap();
    assert!(
        base.countries.iter().all(|x| x == "KZ" || x == "AZ"),
        "{:?}",
        base.countries
    );
    let mut c = c;
    c.avoid_countries.insert("RU".to_string());
    let congested = route(&s, "aktau", "baku", Objective::Time, &c).unwrap();
    let old_wait = net.link("aktau-alat").unwrap().wait_hours[0];
    if congested.nodes == base.nodes {
        assert!((congested.total.hours - base.total.hours - (240.0 - old_wait)).abs() < 1e-6);
    } else {
        assert!(congested.total.hours > base.total.hours);
    }
}

#[test]
fn red_sea_closed_sends_ships_round_the_cape() {
    let net = net();
    let (s, c) = apply(&net, "red-sea-closed");
    let r = route(&s, "shanghai", "rotterdam", Objective::Cost, &c).unwrap();
    let uses = |r: &Route, tag: &str| r.corridors.iter().any(|t| t == tag);
    assert!(!uses(&r, "suez") && uses(&r, "cape"), "{:?}", r.corridors);
    let base = route(
        &net,
        "shanghai",
        "rotterdam",
        Objective::Cost,
        &Constraints::defaults(&net),
    )
    .unwrap();
    assert!(uses(&base, "suez"));
    assert!(r.total.km > base.total.km + 5_000.0);
}

#[test]
fn corridor_2030_speeds_up_the_middle_corridor() {
    let net = net();
    let (s, mut c) = apply(&net, "corridor-2030");
    c.avoid_countries
        .extend(["RU".to_string(), "BY".to_string()]);
    let mut base_c = Constraints::defaults(&net);
    base_c.avoid_countries = c.avoid_countries.clone();
    let before = route(&net, "xian", "duisburg", Objective::Time, &base_c).unwrap();
    let after = route(&s, "xian", "duisburg", Objective::Time, &c).unwrap();
    assert!(after.total.hours < before.total.hours);
}

#[test]
fn shipped_scenarios_are_named_after_their_files_and_baseline_comes_first() {
    let names = scenario::embedded_names();
    assert_eq!(names[0], "baseline");
    let expected: BTreeSet<&str> = [
        "baseline",
        "customs-simplification",
        "zangazur-open",
        "northern-closed",
        "caspian-congestion",
        "red-sea-closed",
        "corridor-2030",
        "border-congestion",
        "border-closure-poland",
        "middle-corridor-customs",
        "sea-emissions-beis",
        "caspian-capacity-2027",
        "alat-phase-2",
    ]
    .into();
    assert_eq!(names.iter().copied().collect::<BTreeSet<_>>(), expected);
    for n in names {
        let s: Scenario = scenario::resolve(n).unwrap();
        assert_eq!(s.name, n);
        assert!(!s.description.is_empty());
        for e in &s.edits {
            assert!(!e.rationale.is_empty());
        }
    }
}

#[test]
fn sea_links_keep_off_land() {
    use corridor::render::basemap::{countries, polyline_land_fraction};
    let net = net();
    let world = countries().unwrap();
    for l in net
        .links
        .iter()
        .filter(|l| l.mode == corridor::network::Mode::Sea)
    {
        let (a, b) = (&net.nodes[l.from], &net.nodes[l.to]);
        let mut pts = vec![(a.lon, a.lat)];
        pts.extend(l.geometry.iter().copied());
        pts.push((b.lon, b.lat));
        let f = polyline_land_fraction(&world, &pts, 10.0);
        // The Suez Canal itself is land at the base map's resolution (Egypt is one polygon);
        // every other sea link must stay on water (ports touch the coast: the ends are exempt).
        if l.id == "suez-port_said" {
            continue;
        }
        let limit = 0.01;
        assert!(
            f <= limit,
            "{} crosses land: {:.1} % of its samples",
            l.id,
            100.0 * f
        );
    }
}

#[test]
fn routes_are_deterministic_and_fast_enough_to_build_once() {
    let net = net();
    let c = Constraints::defaults(&net);
    let a = route(&net, "xian", "duisburg", Objective::Generalized, &c).unwrap();
    let b = route(&net, "xian", "duisburg", Objective::Generalized, &c).unwrap();
    assert_eq!(a, b);
}

#[test]
fn combined_scenarios_apply_both_in_order() {
    let net = net();
    let both = scenario::resolve("corridor-2030+northern-closed").unwrap();
    assert_eq!(both.name, "corridor-2030+northern-closed");
    assert_eq!(both.year, Some(2030));
    let a = scenario::resolve("corridor-2030").unwrap();
    let b = scenario::resolve("northern-closed").unwrap();
    let mut sequential = scenario::apply(&scenario::apply(&net, &a).unwrap(), &b).unwrap();
    let combined = scenario::apply(&net, &both).unwrap();
    // The applied network records which scenario it is; everything else must be equal.
    assert_eq!(
        combined.scenario.as_deref(),
        Some("corridor-2030+northern-closed")
    );
    assert_eq!(sequential.scenario.as_deref(), Some("northern-closed"));
    sequential.scenario = combined.scenario.clone();
    assert_eq!(combined, sequential);
    let mut c = Constraints::defaults(&combined);
    c.year = 2030;
    let r = route(&combined, "xian", "duisburg", Objective::Time, &c).unwrap();
    assert!(
        !r.countries.iter().any(|c| c == "RU" || c == "BY"),
        "{:?}",
        r.countries
    );
    assert!(scenario::resolve("baseline+no-such-study").is_err());
}

#[test]
fn every_corridor_family_gives_a_route_that_belongs_to_it() {
    let net = net();
    let (z, cz) = apply(&net, "zangazur-open");
    let r = Router::new(&z).unwrap();
    let (from, to) = (z.find("xian").unwrap(), z.find("duisburg").unwrap());
    assert_eq!(z.families.len(), 6);
    for f in &z.families {
        for o in [Objective::Time, Objective::Cost, Objective::Co2] {
            let route = match r.route_family(from, to, o, &cz, f).unwrap() {
                Outcome::Found(x) => x,
                Outcome::NoRoute(n) => panic!("{}: {n}", f.id),
            };
            let links: Vec<&corridor::network::Link> = route
                .steps
                .iter()
                .filter(|s| s.kind == corridor::routing::StepKind::Haul)
                .map(|s| z.link(s.link.as_deref().unwrap()).unwrap())
                .collect();
            for t in &f.via_tags {
                assert!(
                    links.iter().any(|l| l.has_corridor(t)),
                    "{} {o}: no {t} link",
                    f.id
                );
            }
            for t in &f.avoid_tags {
                assert!(
                    !links.iter().any(|l| l.has_corridor(t)),
                    "{} {o}: uses {t}",
                    f.id
                );
            }
            for c in &f.via_countries {
                assert!(
                    route.countries.iter().any(|x| x == c)
                        || links.iter().any(|l| z.nodes[l.to].country == *c),
                    "{} {o}: not via {c}",
                    f.id
                );
            }
            for c in &f.avoid_countries {
                assert!(
                    !route.countries.iter().any(|x| x == c),
                    "{} {o}: enters {c}",
                    f.id
                );
            }
            let mut seen = BTreeSet::new();
            assert!(
                route.nodes.iter().all(|n| seen.insert(n.clone())),
                "{} {o}: revisits a place: {:?}",
                f.id,
                route.nodes
            );
        }
    }
    // Without the Zangazur sections open, its family says why it has none.
    let base = Router::new(&net).unwrap();
    let zf = net.families.iter().find(|f| f.id == "zangazur").unwrap();
    match base
        .route_family(from, to, Objective::Time, &Constraints::defaults(&net), zf)
        .unwrap()
    {
        Outcome::NoRoute(n) => assert!(n.reason.contains("not open until"), "{}", n.reason),
        Outcome::Found(r) => panic!("{:?}", r.nodes),
    }
}

#[test]
fn sea_emissions_beis_changes_only_the_mainliner_factor() {
    let net = net();
    let (s, c) = apply(&net, "sea-emissions-beis");
    let (a, b) = (
        net.emissions.as_ref().unwrap(),
        s.emissions.as_ref().unwrap(),
    );
    assert_eq!(b.vessel_g_per_tkm["mainliner"], 15.5);
    let mut b2 = b.clone();
    b2.vessel_g_per_tkm
        .insert("mainliner".into(), a.vessel_g_per_tkm["mainliner"]);
    assert_eq!(&b2, a, "nothing but the mainliner factor moves");
    assert_eq!(s.links, net.links);
    let sea = |n: &Network, c: &Constraints| {
        route(n, "shanghai", "rotterdam", Objective::Cost, c).unwrap()
    };
    let (before, after) = (sea(&net, &Constraints::defaults(&net)), sea(&s, &c));
    assert_eq!(
        (before.total.hours, before.total.usd),
        (after.total.hours, after.total.usd)
    );
    assert!(after.total.co2_kg > 2.5 * before.total.co2_kg);
}

#[test]
fn alternatives_are_ordered_dissimilar_and_start_with_the_optimum() {
    let net = net();
    let r = Router::new(&net).unwrap();
    let c = Constraints::defaults(&net);
    let (from, to) = (net.find("xian").unwrap(), net.find("duisburg").unwrap());
    for (o, f) in [
        (Objective::Time, 0.5),
        (Objective::Cost, 0.5),
        (Objective::Time, 0.2),
    ] {
        let alts = r.alternatives(from, to, o, &c, 4, f).unwrap();
        assert!(alts.len() >= 3, "{o}: {} alternatives", alts.len());
        let best = route(&net, "xian", "duisburg", o, &c).unwrap();
        assert_eq!(alts[0].signature(), best.signature());
        let value = |x: &Route| x.total.value(o, c.value_of_time);
        for w in alts.windows(2) {
            assert!(value(&w[0]) <= value(&w[1]) + 1e-9);
        }
        let links = |x: &Route| -> Vec<(String, f64)> {
            x.steps
                .iter()
                .filter(|s| s.kind == corridor::routing::StepKind::Haul)
                .map(|s| (s.link.as_deref().unwrap().to_string(), s.metrics.km))
                .collect()
        };
        for (i, a) in alts.iter().enumerate() {
            let own = links(a);
            let total: f64 = own.iter().map(|(_, km)| km).sum();
            for b in &alts[..i] {
                let other: Vec<String> = links(b).into_iter().map(|(l, _)| l).collect();
                let shared: f64 = own
                    .iter()
                    .filter(|(l, _)| other.contains(l))
                    .map(|(_, km)| km)
                    .sum();
                assert!(
                    shared / total <= f + 1e-9,
                    "{o} F={f}: alternative {} shares {:.2}",
                    i + 1,
                    shared / total
                );
            }
        }
    }
}
