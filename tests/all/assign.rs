//! The assignment (`corridor assign`): equilibria on a hand-drawn network, zero demand, the
//! shipped 2030 question, and bad input.

use corridor::load::{self, SourceFile};
use corridor::scenario;
use corridor::studies::assign::{self, Options};
use corridor::studies::demand::{self, Demand};
use corridor::studies::queue::Horizon;

use crate::support::cmd::Cmd;

fn toy() -> corridor::network::Network {
    load::load(std::path::Path::new("tests/fixtures/queues.toml")).unwrap()
}

fn toy_demand(net: &corridor::network::Network, teu: f64) -> Demand {
    demand::parse(
        &SourceFile {
            name: "toy.toml".into(),
            text: format!(
                "[demand]\nname = \"toy\"\nyear = 2025\nunit = \"teu\"\n\n[[flow]]\nfrom = \"a\"\nto = \"b\"\nteu_per_year = {teu}\nsource = \"x\"\n"
            ),
        },
        net,
    )
    .unwrap()
}

fn tight() -> Options {
    Options {
        gap: 1e-9,
        ..Options::default()
    }
}

#[test]
fn a_split_flow_equalises_the_costs_of_its_routes() {
    let net = toy();
    let a = assign::assign(&net, &toy_demand(&net, 60_000.0), &tight()).unwrap();
    assert!(a.converged, "{a:?}");
    let f = &a.flows[0];
    assert_eq!(f.routes.len(), 2, "{f:?}");
    // Wardrop: both used routes cost the same, within the gap.
    let (c0, c1) = (f.routes[0].cost, f.routes[1].cost);
    assert!((c0 - c1).abs() <= 1e-6 * c0.max(c1), "{c0} vs {c1}");
    let shares: f64 = f.routes.iter().map(|r| r.share).sum();
    assert!((shares - 1.0).abs() < 1e-9);
    // The north crossing is 4 h faster, so its ferry carries more and queues 4 h longer.
    let (n, s) = (&a.elements[0], &a.elements[1]);
    assert_eq!(
        (n.id.as_str(), s.id.as_str()),
        ("north_ferry", "south_ferry")
    );
    assert!(n.load_teu > s.load_teu);
    assert!(
        (n.hours - s.hours - 4.0).abs() < 1e-3,
        "{} {}",
        n.hours,
        s.hours
    );
    assert!((n.load_teu + s.load_teu - 60_000.0).abs() < 1e-6);
    // Each ferry's hours are its queue's: base 0 + the batch-service wait at its load over the
    // default 30-day period.
    let q = corridor::studies::queue::Queue::Batch {
        lambda: n.load_teu / 8760.0,
        capacity: 100,
        headway: 24.0,
        arrivals: corridor::studies::queue::Arrivals::Poisson,
    }
    .wait_over(720.0)
    .unwrap();
    assert!((n.hours - q.hours).abs() < 1e-9);
}

#[test]
fn a_small_flow_takes_one_route_and_the_unused_one_is_not_cheaper() {
    let net = toy();
    let a = assign::assign(&net, &toy_demand(&net, 1_000.0), &tight()).unwrap();
    let f = &a.flows[0];
    assert_eq!(f.routes.len(), 1, "{f:?}");
    assert_eq!(f.routes[0].elements, vec!["north_ferry".to_string()]);
    // The south route at its empty wait: 12 h + 24 h crossing, against north's 20 h + its wait.
    let vot = net.value_of_time;
    let south = 300.0 + vot * (a.elements[1].hours + 24.0);
    assert!(south >= f.routes[0].cost, "{south} < {}", f.routes[0].cost);
    assert!(a.elements[1].load_teu == 0.0);
    // Half a headway: the wait of a ferry nobody fills.
    assert!((a.elements[1].hours - 12.0).abs() < 1e-9);
}

#[test]
fn more_demand_never_shortens_the_waits_on_two_parallel_lines() {
    let net = toy();
    let mut last = 0.0;
    for teu in [0.0, 10_000.0, 30_000.0, 50_000.0, 65_000.0, 70_000.0] {
        let a = assign::assign(&net, &toy_demand(&net, teu), &tight()).unwrap();
        let w = a.elements[0].hours.max(a.elements[1].hours);
        assert!(w >= last - 1e-9, "{teu}: {w} < {last}");
        last = w;
    }
}

#[test]
fn past_capacity_the_element_is_saturated_and_the_wait_finite() {
    let net = toy();
    let a = assign::assign(&net, &toy_demand(&net, 100_000.0), &Options::default()).unwrap();
    assert!(a.elements.iter().all(|e| e.hours.is_finite()));
    assert!(a.elements.iter().any(|e| e.saturated), "{:?}", a.elements);
    assert!(a.elements.iter().any(|e| e.utilisation > 1.0));
}

/// Two parallel ferries of 100 TEU a day each: 73,000 TEU a year between them.
const TOY_CAPACITY: f64 = 73_000.0;

/// The north ferry's hours with the toy demand at `overload` × capacity over `days`.
fn overloaded(overload: f64, days: f64) -> assign::ElementLoad {
    let net = toy();
    let opts = Options {
        horizon: Horizon::Period { hours: days * 24.0 },
        ..tight()
    };
    let a = assign::assign(&net, &toy_demand(&net, overload * TOY_CAPACITY), &opts).unwrap();
    assert_eq!(a.period_days, Some(days));
    a.elements
        .iter()
        .find(|e| e.id == "north_ferry")
        .unwrap()
        .clone()
}

#[test]
fn beyond_capacity_the_wait_is_the_backlog_of_the_period_and_grows_with_the_overload() {
    // Both ferries carry half the flow (equal costs), so each runs at the overload.
    let (e110, e150) = (overloaded(1.1, 30.0), overloaded(1.5, 30.0));
    for e in [&e110, &e150] {
        // The north crossing is faster, so its ferry carries a little more than half.
        let x = e.utilisation;
        assert!(x > 1.0 && e.saturated, "{e:?}");
        // Excess over capacity, TEU a year: (x − 1) × 36,500.
        assert!((e.excess_teu - (x - 1.0) * 36_500.0).abs() < 1e-6, "{e:?}");
        // The fluid backlog of the period, h/2 + (x − 1)·T/2, is a lower bound; the Poisson
        // arrivals add at most a few headways.
        let fluid = 12.0 + (x - 1.0) * 720.0 / 2.0;
        assert!(
            e.hours >= fluid && e.hours <= fluid + 48.0,
            "{x}: {} h against the fluid {fluid} h",
            e.hours
        );
    }
    // 150 % waits far longer than 110 %.
    assert!(e150.hours > 3.0 * e110.hours, "{e110:?} {e150:?}");
    // Twice the period, about twice the backlog.
    let long = overloaded(1.5, 60.0);
    let ratio = (long.hours - 12.0) / (e150.hours - 12.0);
    assert!((ratio - 2.0).abs() < 0.1, "{ratio}");
}

#[test]
fn below_capacity_a_long_period_gives_the_steady_state() {
    let net = toy();
    let d = toy_demand(&net, 0.8 * TOY_CAPACITY);
    let steady = assign::assign(
        &net,
        &d,
        &Options {
            horizon: Horizon::Steady { cap: 0.98 },
            ..tight()
        },
    )
    .unwrap();
    let long = assign::assign(
        &net,
        &d,
        &Options {
            horizon: Horizon::Period { hours: 1e9 },
            ..tight()
        },
    )
    .unwrap();
    for (a, b) in steady.elements.iter().zip(&long.elements) {
        assert!((a.hours - b.hours).abs() < 1e-3, "{a:?} {b:?}");
    }
    let thirty = assign::assign(&net, &d, &tight()).unwrap();
    assert!(thirty.elements[0].hours <= long.elements[0].hours + 1e-9);
}

#[test]
fn zero_demand_gives_the_fixed_waits_where_nothing_else_loads_them() {
    let net = load::embedded().unwrap();
    let mut d = demand::resolve("2024", &net).unwrap();
    for f in &mut d.flows {
        f.teu_per_year = 0.0;
    }
    let a = assign::assign(&net, &d, &Options::default()).unwrap();
    let mut checked = 0;
    for e in a.elements.iter().filter(|e| e.background_teu == 0.0) {
        // base + the queue at no load is the data's fixed value (to the rounding of the data).
        assert!(
            (e.hours - e.fixed_hours).abs() < 0.5,
            "{}: {} h against {} h fixed",
            e.id,
            e.hours,
            e.fixed_hours
        );
        assert!(!e.saturated);
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn tripling_the_middle_corridor_saturates_the_caspian_crossing_and_the_shipped_capacity_relieves_it(
) {
    let net = load::embedded().unwrap();
    let d = demand::resolve("2030", &net).unwrap();
    let base = assign::assign(&net, &d, &Options::default()).unwrap();
    assert!(
        base.converged && base.gap < 1e-4,
        "{} {}",
        base.iterations,
        base.gap
    );
    let s = scenario::resolve("caspian-capacity-2027").unwrap();
    let more = scenario::apply(&net, &s).unwrap();
    let after = assign::assign(&more, &d, &Options::default()).unwrap();
    assert!(after.converged);
    let caspian = |a: &assign::Assignment| -> Vec<assign::ElementLoad> {
        a.elements
            .iter()
            .filter(|e| e.id == "aktau_alat_feeders" || e.id.ends_with("_alat_ferries"))
            .cloned()
            .collect()
    };
    let worst = |v: &[assign::ElementLoad]| v.iter().map(|e| e.hours).fold(0.0_f64, f64::max);
    // Tripled, the Caspian crossing binds: a line saturates at least in the winter months.
    let (c0, c1) = (caspian(&base), caspian(&after));
    assert!(
        c0.iter()
            .any(|e| e.saturated || !e.saturated_months.is_empty()),
        "{c0:?}"
    );
    // The 2027 fleet relieves it: nothing saturated, and the worst wait falls.
    assert!(
        c1.iter()
            .all(|e| !e.saturated && e.saturated_months.is_empty()),
        "{c1:?}"
    );
    assert!(worst(&c1) < worst(&c0), "{} {}", worst(&c1), worst(&c0));
    let find = |a: &assign::Assignment, id: &str| {
        a.elements
            .iter()
            .filter(|e| e.id == id)
            .map(|e| e.load_teu)
            .sum::<f64>()
    };
    // Only the boxes the feeders carry are lifted at Aktau and Alat: the rail ferries roll their
    // wagons on and off at the ferry terminal.
    let feeders = find(&base, "aktau_alat_feeders");
    assert!((find(&base, "alat_container_terminal") - feeders).abs() < 1.0);
    assert!((find(&base, "aktau_container_hub") - feeders).abs() < 1.0);
    // The 2024 demand leaves the Alat container terminal unsaturated.
    let y24 = assign::assign(
        &net,
        &demand::resolve("2024", &net).unwrap(),
        &Options::default(),
    )
    .unwrap();
    assert!(
        !y24.elements
            .iter()
            .find(|e| e.id == "alat_container_terminal")
            .unwrap()
            .saturated
    );
    // Every flow is routed, and its shares add up.
    for f in &base.flows {
        let total: f64 = f.routes.iter().map(|r| r.share).sum();
        assert!((total - 1.0).abs() < 1e-6, "{f:?}");
    }
}

#[test]
fn the_shipped_2025_demand_routes_every_flow() {
    let net = load::embedded().unwrap();
    let d = demand::resolve("2025", &net).unwrap();
    assert_eq!(d.year, 2025);
    let a = assign::assign(&net, &d, &Options::default()).unwrap();
    assert!(a.converged && a.gap < 1e-4, "{} {}", a.iterations, a.gap);
    assert_eq!(a.flows.len(), d.flows.len());
    for f in &a.flows {
        assert!(f.no_route.is_none() && !f.routes.is_empty(), "{f:?}");
        let total: f64 = f.routes.iter().map(|r| r.share).sum();
        assert!((total - 1.0).abs() < 1e-6, "{f:?}");
    }
    assert_eq!(a.unrouted_teu, 0.0);
    let teu: f64 = d.flows.iter().map(|f| f.teu_per_year).sum();
    assert!(
        (a.routed_teu - teu).abs() < 1e-6 * teu,
        "{} {teu}",
        a.routed_teu
    );
    // And from the command line, by its shipped name.
    let v = Cmd::new()
        .args(["assign", "--demand", "2025", "--format", "json"])
        .json();
    assert_eq!(v["converged"], true);
    assert_eq!(v["unrouted_teu"], 0.0);
    assert_eq!(v["year"], 2025);
}

#[test]
fn bad_capacity_records_and_demand_files_are_located() {
    let text = std::fs::read_to_string("tests/fixtures/queues.toml").unwrap();
    let bad = text
        .replace("per_departure = 100\nheadway_hours = 24\nbase_hours = 0\nsource = { applies = \"x\", per_departure = \"x\", headway_hours = \"x\", base_hours = \"x\" }\n\n[[capacity]]", "per_departure = 0\nheadway_hours = -1\nbase_hours = 0\nsource = { applies = \"x\", per_departure = \"x\", headway_hours = \"x\", base_hours = \"x\" }\n\n[[capacity]]")
        .replace("applies = [{ link = \"south\", part = \"wait\" }]", "applies = [{ link = \"nowhere\", part = \"wait\" }]");
    let err = load::parse(&[SourceFile {
        name: "q.toml".into(),
        text: bad,
    }])
    .unwrap_err()
    .to_string();
    for want in [
        "capacity.per_departure",
        "capacity.headway_hours",
        "capacity.applies.link",
        "no link `nowhere`",
    ] {
        assert!(err.contains(want), "{want} not in {err}");
    }
    let net = toy();
    let err = demand::parse(
        &SourceFile {
            name: "d.toml".into(),
            text: "[demand]\nname = \"x\"\nyear = 2025\nunit = \"teu\"\n\n[[flow]]\nfrom = \"a\"\nto = \"zz\"\nteu_per_year = -5\n".into(),
        },
        &net,
    )
    .unwrap_err()
    .to_string();
    for want in [
        "d.toml:6",
        "flow.to",
        "no node with id `zz`",
        "flow.teu_per_year",
        "flow.source",
    ] {
        assert!(err.contains(want), "{want} not in {err}");
    }
}

#[test]
fn the_command_answers_in_json_and_refuses_an_unknown_demand() {
    let v = Cmd::new()
        .args(["assign", "--demand", "2030", "--format", "json"])
        .json();
    assert_eq!(v["schema"], "corridor.assignment/1");
    assert_eq!(v["converged"], true);
    assert!(v["elements"].as_array().unwrap().len() >= 14);
    let csv = Cmd::new().args(["assign", "--format", "csv"]).run().stdout;
    assert!(csv.starts_with("id,component,direction,load_teu"), "{csv}");
    Cmd::new()
        .args(["assign", "--demand", "2031"])
        .status(2)
        .stderr_has("no shipped demand `2031`")
        .run();
}

#[test]
fn the_figures_show_loads_and_mark_the_saturated_elements() {
    let net = load::embedded().unwrap();
    let d = demand::resolve("2030", &net).unwrap();
    let a = assign::assign(&net, &d, &Options::default()).unwrap();
    let map = corridor::render::figures::assign::load_map(&net, &a).unwrap();
    assert!(map.starts_with("<svg"), "{}", &map[..40]);
    // Alat is saturated: it is ringed in red; loaded links are drawn in the load colour.
    assert!(a.elements.iter().any(|e| e.saturated));
    assert!(map.to_ascii_uppercase().contains("#C62828"));
    assert!(map.to_ascii_uppercase().contains("#1F4E9A"));
    let chart = corridor::render::figures::assign::utilisation_chart(&net, &a);
    // Each bar is named after its element (its name wrapped onto lines), never by its id.
    let words: String = chart
        .split("<text ")
        .skip(1)
        .filter(|t| !t.contains("aria-hidden"))
        .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string()))
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&apos;", "'")
        .replace("&gt;", ">");
    for e in &a.elements {
        assert!(words.contains(&e.name), "`{}` missing: {words}", e.name);
        assert!(!words.contains(&e.id), "the id `{}` shown", e.id);
    }
    // One red bar per saturated element, one blue per other.
    let red = chart.matches("fill=\"#C62828\"").count();
    let sat = a.elements.iter().filter(|e| e.saturated).count();
    assert!(red >= sat, "{red} red fills for {sat} saturated elements");
    // Same input, same bytes.
    assert_eq!(
        chart,
        corridor::render::figures::assign::utilisation_chart(&net, &a)
    );
    let dir = tempfile::tempdir().unwrap();
    let written = corridor::render::figures::assign::write(&net, &a, dir.path()).unwrap();
    assert_eq!(written.len(), 2);
    assert!(written.iter().all(|p| p.exists()));
    the_map_shows_where_and_how_much(&net, &a, &map);
}

/// The load map's finding: a width key whose round quantities are drawn at their widths (the
/// widest load 24 px), and under the map a regional panel around the saturated elements that
/// names them with their utilisation.
fn the_map_shows_where_and_how_much(
    net: &corridor::Network,
    a: &corridor::studies::assign::Assignment,
    map: &str,
) {
    use crate::support::inspect::attr;
    use crate::support::svgdoc::{documents, texts};
    let docs = documents(map);
    assert_eq!(docs.len(), 2, "the map and its regional panel");
    let widest = a.links.iter().map(|l| l.teu).fold(0.0, f64::max);
    let main = texts(&docs[0]);
    assert!(main
        .iter()
        .any(|t| t.text == "Traffic, TEU a year (line width)"));
    for (text, teu) in [("1,000,000", 1e6), ("500,000", 5e5), ("100,000", 1e5)] {
        let at = docs[0].body.find(&format!(">\n{text}\n<")).expect(text);
        let swatch = &docs[0].body[docs[0].body[..at].rfind("<polyline ").unwrap()..];
        let width: f64 = attr(swatch, "stroke-width").unwrap().parse().unwrap();
        assert_eq!(attr(swatch, "stroke").as_deref(), Some("#1F4E9A"), "{text}");
        let want = (teu / widest * 24.0).max(1.5).round();
        assert_eq!(
            width, want,
            "{text} TEU a year of {widest} drawn {width} px wide"
        );
    }
    let panel = texts(&docs[1]);
    assert!(panel
        .iter()
        .any(|t| t.text.starts_with("Regional panel: where the saturated")));
    for e in a.elements.iter().filter(|e| e.saturated) {
        let c = net.capacity.iter().find(|c| c.id == e.id).unwrap();
        let short = c.name.split(" (").next().unwrap();
        assert!(
            panel
                .iter()
                .any(|t| t.text.starts_with(short) && t.text.ends_with(" %")),
            "{short} labelled with its utilisation in the panel"
        );
    }
}
