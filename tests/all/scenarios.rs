//! Scenario edits and sweeps on the hand-drawn network of `tests/fixtures/tiny.toml`:
//!
//! ```text
//!   a ==1435== g ==1520== p ~~sea~~ q        a–q road: 900 km, 15 h + 40 h border, $2,100
//!    \                             /         a–g–p–q rail+sea: 600 km, 82 h, $1,150
//!     `-----------road------------'
//! ```

use corridor::load;
use corridor::routing::{Constraints, Objective, Outcome, Route, Router};
use corridor::scenario::{self, Scenario, Selection};
use corridor::studies::sweep;
use corridor::{Error, Network};

fn tiny() -> Network {
    load::load(std::path::Path::new("tests/fixtures/tiny.toml")).unwrap()
}

fn scenario(text: &str) -> corridor::Result<Scenario> {
    Scenario::parse(&load::SourceFile {
        name: "s.toml".into(),
        text: text.into(),
    })
}

fn best(net: &Network, objective: Objective) -> Route {
    let r = Router::new(net).unwrap();
    match r
        .route(0, 3, objective, &Constraints::defaults(net))
        .unwrap()
    {
        Outcome::Found(r) => r,
        Outcome::NoRoute(n) => panic!("{n}"),
    }
}

const HEAD: &str = "[scenario]\nname = \"t\"\ndescription = \"t\"\n\n";

#[test]
fn scale_border_on_a_directed_pair_changes_only_that_direction() {
    let net = tiny();
    let s = scenario(&format!(
        "{HEAD}[[edit]]\naction = \"scale\"\nselect = {{ border = \"CN>KZ\" }}\nfield = \"border.hours\"\nfactor = 0.5\nrationale = \"r\"\n"
    ))
    .unwrap();
    let out = scenario::apply(&net, &s).unwrap();
    let l = out.link("a-g").unwrap();
    assert_eq!(l.border.as_ref().unwrap().hours, [15.0, 7.0]);
    // The base network is untouched.
    assert_eq!(
        net.link("a-g").unwrap().border.as_ref().unwrap().hours,
        [30.0, 7.0]
    );
    assert!((best(&out, Objective::Cost).total.hours - 67.0).abs() < 1e-9);
}

#[test]
fn closing_the_road_leaves_rail_and_sea() {
    let net = tiny();
    let s = scenario(&format!(
        "{HEAD}[[edit]]\naction = \"close\"\nselect = {{ mode = \"road\" }}\nrationale = \"r\"\n"
    ))
    .unwrap();
    let out = scenario::apply(&net, &s).unwrap();
    assert_eq!(best(&out, Objective::Time).nodes, ["a", "g", "p", "q"]);
}

#[test]
fn avoid_closes_a_country_and_explains() {
    let net = tiny();
    let s = scenario(&format!(
        "{HEAD}[[edit]]\naction = \"avoid\"\ncountries = [\"KZ\"]\nrationale = \"r\"\n"
    ))
    .unwrap();
    let out = scenario::apply(&net, &s).unwrap();
    let r = best(&out, Objective::Cost);
    assert_eq!(r.nodes, ["a", "q"]);
    assert!(!r.countries.iter().any(|x| x == "KZ"));
}

#[test]
fn set_transfer_and_wait_fields() {
    let net = tiny();
    let s = scenario(&format!(
        "{HEAD}[[edit]]\naction = \"set\"\nselect = {{ nodes = [\"g\"] }}\nfield = \"transfer.gauge.hours\"\nvalue = 0\nrationale = \"r\"\n\n[[edit]]\naction = \"set\"\nselect = {{ links = [\"p-q\"] }}\nfield = \"wait_hours\"\nvalue = 0\nrationale = \"r\"\n"
    ))
    .unwrap();
    let out = scenario::apply(&net, &s).unwrap();
    // 82 h − 5 h transfer − 20 h wait.
    assert!((best(&out, Objective::Cost).total.hours - 57.0).abs() < 1e-9);
}

#[test]
fn added_nodes_and_links_are_routable() {
    let net = tiny();
    let s = scenario(&format!(
        "{HEAD}[[link]]\nid = \"shortcut\"\nfrom = \"g\"\nto = \"q\"\nmode = \"road\"\nkm = 100\nhours = 1\nusd_fixed = 1\nsource = {{ km = \"x\", hours = \"x\", usd_fixed = \"x\" }}\n[link.border]\nhours = 0\nusd = 0\nsource = {{ hours = \"x\", usd = \"x\" }}\n\n[[edit]]\naction = \"set\"\nselect = {{ links = [\"shortcut\"] }}\nfield = \"hours\"\nvalue = 2\nrationale = \"edits may target added links\"\n"
    ))
    .unwrap();
    let out = scenario::apply(&net, &s).unwrap();
    assert_eq!(out.links.len(), net.links.len() + 1);
    assert_eq!(out.link("shortcut").unwrap().haul_hours(), 2.0);
}

fn problems(e: Error) -> Vec<String> {
    match e {
        Error::InvalidScenario { problems } => problems.iter().map(|p| p.to_string()).collect(),
        other => panic!("expected scenario problems, got {other}"),
    }
}

#[test]
fn bad_scenarios_are_rejected_whole_with_file_and_line() {
    // Parse-time problems: factor ≤ 0, unknown field, missing rationale.
    let e = scenario(&format!(
        "{HEAD}[[edit]]\naction = \"scale\"\nselect = {{ mode = \"sea\" }}\nfield = \"border.hours\"\nfactor = 0\nrationale = \"r\"\n\n[[edit]]\naction = \"set\"\nselect = {{ mode = \"sea\" }}\nfield = \"colour\"\nvalue = 1\n"
    ))
    .unwrap_err();
    let ps = problems(e);
    assert!(
        ps.iter()
            .any(|p| p.starts_with("s.toml:9: edit.factor: scale factor 0 must be greater than 0")),
        "{ps:#?}"
    );
    assert!(
        ps.iter()
            .any(|p| p.starts_with("s.toml:15: edit.field: unknown field `colour`")),
        "{ps:#?}"
    );
    assert!(
        ps.iter().any(|p| p.contains("edit.rationale: missing")),
        "{ps:#?}"
    );

    // Apply-time problems: a selection that matches nothing, an unknown link; nothing applied.
    let s = scenario(&format!(
        "{HEAD}[[edit]]\naction = \"close\"\nselect = {{ links = [\"nope\"] }}\nrationale = \"r\"\n\n[[edit]]\naction = \"scale\"\nselect = {{ corridor = \"atlantis\" }}\nfield = \"km\"\nfactor = 2\nrationale = \"r\"\n"
    ))
    .unwrap();
    let ps = problems(scenario::apply(&tiny(), &s).unwrap_err());
    assert!(
        ps.iter()
            .any(|p| p.contains("s.toml:5: edit: selection names unknown link `nope`")),
        "{ps:#?}"
    );
    assert!(
        ps.iter()
            .any(|p| p
                .contains("s.toml:10: edit: the selection (corridor atlantis) matches nothing")),
        "{ps:#?}"
    );

    // An unknown key in one edit does not hide a problem in the next.
    let ps = problems(
        scenario(&format!(
            "{HEAD}[[edit]]\naction = \"close\"\nselect = {{ links = [\"a-g\"] }}\nrationale = \"r\"\nwhy = \"typo\"\n\n[[edit]]\naction = \"explode\"\nrationale = \"r\"\n"
        ))
        .unwrap_err(),
    );
    assert!(
        ps.iter()
            .any(|p| p.starts_with("s.toml:9: toml: unknown field `why`")),
        "{ps:#?}"
    );
    assert!(
        ps.iter()
            .any(|p| p.starts_with("s.toml:12: edit.action: unknown action `explode`")),
        "{ps:#?}"
    );

    // Syntax.
    let ps = problems(scenario(&format!("{HEAD}[[edit]\n")).unwrap_err());
    assert!(ps[0].starts_with("s.toml:5: toml:"), "{ps:#?}");
}

#[test]
fn sweep_finds_switch_points_by_bisection() {
    // Raising the road's border dwell from 0 to 100 h: the fastest route leaves the road when
    // road hours (15 + x) exceed rail+sea hours (82), i.e. at x = 67.
    let net = tiny();
    let req = sweep::Request {
        from: 0,
        to: 3,
        objective: Objective::Time,
        field: "border.hours".into(),
        select: Selection::parse_criteria(&["mode=road".into()]).unwrap(),
        set: true,
        lo: 0.0,
        hi: 100.0,
        steps: 7,
        tolerance: 0.001,
        constraints: Constraints::defaults(&net),
        progress: Default::default(),
    };
    let s = sweep::sweep(&net, &req).unwrap();
    assert_eq!(s.points.len(), 8);
    assert_eq!(s.switches.len(), 1, "{:#?}", s.switches);
    let sw = &s.switches[0];
    assert!(sw.above - sw.below <= 0.001);
    assert!(sw.below <= 67.0 && 67.0 <= sw.above, "{sw:?}");
    // Direct evaluation on both sides of the switch point.
    for (value, nodes) in [
        (sw.below - 0.01, vec!["a", "q"]),
        (sw.above + 0.01, vec!["a", "g", "p", "q"]),
    ] {
        let mut n = net.clone();
        for l in n
            .links
            .iter_mut()
            .filter(|l| l.mode == corridor::network::Mode::Road)
        {
            l.border.as_mut().unwrap().hours = [value, value];
        }
        assert_eq!(best(&n, Objective::Time).nodes, nodes, "at {value}");
    }
}

#[test]
fn sweep_rejects_bad_requests() {
    let net = tiny();
    let mut req = sweep::Request {
        from: 0,
        to: 3,
        objective: Objective::Time,
        field: "border.colour".into(),
        select: Selection::default(),
        set: true,
        lo: 0.0,
        hi: 1.0,
        steps: 2,
        tolerance: 0.1,
        constraints: Constraints::defaults(&net),
        progress: Default::default(),
    };
    assert!(sweep::sweep(&net, &req)
        .unwrap_err()
        .to_string()
        .contains("unknown field"));
    req.field = "km".into();
    req.select = Selection::parse_criteria(&["corridor=atlantis".into()]).unwrap();
    assert!(sweep::sweep(&net, &req)
        .unwrap_err()
        .to_string()
        .contains("matches nothing"));
    req.lo = 2.0;
    assert!(sweep::sweep(&net, &req)
        .unwrap_err()
        .to_string()
        .contains("range"));
}
