//! Each selection and edit rule, pinned: a change to a rule fails one of these.

use super::*;
use crate::load::{parse, SourceFile};
use crate::network::Network;

const NET: &str = include_str!("../../tests/fixtures/tiny.toml");

fn net() -> Network {
    parse(&[SourceFile {
        name: "t.toml".into(),
        text: NET.into(),
    }])
    .unwrap()
}

fn scenario(edits: &str) -> Result<Scenario> {
    Scenario::parse(&SourceFile {
        name: "s.toml".into(),
        text: format!("[scenario]\nname = \"s\"\ndescription = \"test\"\n\n{edits}"),
    })
}

fn edit(action: &str, select: &str, rest: &str) -> String {
    format!("[[edit]]\naction = \"{action}\"\nselect = {select}\n{rest}\nrationale = \"test\"\n")
}

fn apply_to(net: &Network, edits: &str) -> Result<Network> {
    apply(net, &scenario(edits)?)
}

fn link<'n>(n: &'n Network, id: &str) -> &'n crate::network::Link {
    n.link(id).unwrap()
}

fn changed_lengths(before: &Network, after: &Network) -> Vec<String> {
    before
        .links
        .iter()
        .zip(&after.links)
        .filter(|(b, a)| b.km != a.km)
        .map(|(b, _)| b.id.clone())
        .collect()
}

#[test]
fn a_node_kind_in_a_link_edit_selects_the_links_touching_such_nodes() {
    let n = net();
    let s = apply_to(
        &n,
        &edit(
            "scale",
            "{ kind = \"sea_port\" }",
            "field = \"km\"\nfactor = 2.0",
        ),
    )
    .unwrap();
    // a-g touches no sea port; g-p, p-q and a-q each touch one.
    assert_eq!(changed_lengths(&n, &s), ["g-p", "p-q", "a-q"]);
}

#[test]
fn a_node_kind_in_close_closes_those_nodes() {
    let n = net();
    let s = apply_to(&n, &edit("close", "{ kind = \"sea_port\" }", "")).unwrap();
    let closed: Vec<&str> = s
        .nodes
        .iter()
        .filter(|x| x.closed)
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(closed, ["p", "q"]);
    assert!(s.links.iter().all(|l| !l.closed));
}

#[test]
fn a_malformed_border_is_rejected_not_everything() {
    for bad in ["CN", "CN>", ">KZ", "CN>CN", "XX>KZ", "cn-kz-az"] {
        let e = scenario(&edit(
            "scale",
            &format!("{{ border = \"{bad}\" }}"),
            "field = \"border.hours\"\nfactor = 0.5",
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("AA>BB"), "{bad}: {e}");
        let e = Selection::parse_criteria(&[format!("border={bad}")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("'border=CN>KZ'"), "{bad}: {e}");
    }
    assert!(Selection::parse_criteria(&["border=cn>kz".into()]).is_ok());
}

#[test]
fn country_selects_links_with_an_end_there_or_crossing_it() {
    let mut n = net();
    n.links
        .iter_mut()
        .find(|l| l.id == "a-q")
        .unwrap()
        .transit_countries = vec!["KZ".into()].into();
    let s = apply_to(
        &n,
        &edit(
            "scale",
            "{ country = \"KZ\" }",
            "field = \"km\"\nfactor = 2.0",
        ),
    )
    .unwrap();
    assert_eq!(changed_lengths(&n, &s), ["a-g", "g-p", "p-q", "a-q"]);
    let s = apply_to(
        &n,
        &edit(
            "scale",
            "{ country = \"CN\" }",
            "field = \"km\"\nfactor = 2.0",
        ),
    )
    .unwrap();
    assert_eq!(changed_lengths(&n, &s), ["a-g", "a-q"]);
}

#[test]
fn a_directed_border_edit_on_a_link_stored_the_other_way_edits_that_direction_only() {
    let n = net();
    // a-g is stored CN → KZ with dwell [30 forward, 7 reverse].
    let s = apply_to(
        &n,
        &edit(
            "set",
            "{ border = \"KZ>CN\" }",
            "field = \"border.hours\"\nvalue = 1.0",
        ),
    )
    .unwrap();
    assert_eq!(link(&s, "a-g").border.as_ref().unwrap().hours, [30.0, 1.0]);
    let s = apply_to(
        &n,
        &edit(
            "set",
            "{ border = \"CN>KZ\" }",
            "field = \"border.hours\"\nvalue = 1.0",
        ),
    )
    .unwrap();
    assert_eq!(link(&s, "a-g").border.as_ref().unwrap().hours, [1.0, 7.0]);
    let s = apply_to(
        &n,
        &edit(
            "set",
            "{ border = \"KZ-CN\" }",
            "field = \"border.hours\"\nvalue = 1.0",
        ),
    )
    .unwrap();
    assert_eq!(link(&s, "a-g").border.as_ref().unwrap().hours, [1.0, 1.0]);
    // A directed wait edit follows the same rule.
    let s = apply_to(
        &n,
        &edit(
            "set",
            "{ border = \"AZ>KZ\" }",
            "field = \"wait_hours\"\nvalue = 5.0",
        ),
    )
    .unwrap();
    assert_eq!(link(&s, "p-q").wait_hours, [20.0, 5.0]);
}

#[test]
fn open_opens_a_planned_link_whatever_the_year() {
    let mut n = net();
    let l = n.links.iter_mut().find(|l| l.id == "a-q").unwrap();
    l.status = crate::network::Status::Planned;
    l.available_from = Some(2099);
    let s = apply_to(&n, &edit("open", "{ links = [\"a-q\"] }", "")).unwrap();
    let l = link(&s, "a-q");
    assert!(l.open_in(1900) && !l.closed);
}

#[test]
fn a_node_is_on_a_corridor_when_tagged_or_touched_by_a_tagged_link() {
    let mut n = net();
    n.nodes[0].corridors = vec!["middle".into()].into(); // a: tagged
    n.links
        .iter_mut()
        .find(|l| l.id == "g-p")
        .unwrap()
        .corridors = vec!["middle".into()].into();
    let sel = Selection {
        corridor: Some("middle".into()),
        ..Selection::default()
    };
    let ids: Vec<&str> = sel
        .nodes(&n)
        .unwrap()
        .into_iter()
        .map(|i| n.nodes[i].id.as_str())
        .collect();
    assert_eq!(ids, ["a", "g", "p"]);
}

#[test]
fn a_selection_gives_its_links_with_their_directions_and_says_why_it_cannot() {
    let n = net();
    let ids = |sel: &Selection| -> Vec<(String, Dirs)> {
        sel.links(&n)
            .unwrap()
            .into_iter()
            .map(|(i, d)| (n.links[i].id.clone(), d))
            .collect()
    };
    // a-g is stored CN → KZ: the direction KZ → CN is its reverse.
    let one_way = Selection::parse_criteria(&["border=KZ>CN".into()]).unwrap();
    assert_eq!(ids(&one_way), [("a-g".to_string(), [false, true])]);
    let both = Selection::parse_criteria(&["border=KZ-AZ".into()]).unwrap();
    assert_eq!(
        ids(&both),
        [("p-q".to_string(), [true, true])],
        "p-q joins KZ and AZ"
    );
    let unknown = Selection::parse_criteria(&["links=nope".into()]).unwrap();
    assert_eq!(
        unknown.links(&n),
        Err(SelectionError::UnknownLink("nope".into()))
    );
    assert_eq!(unknown.nodes(&n), Err(SelectionError::LinkCriterion));
    assert!(!unknown.is_of_nodes());
    let kind = Selection::parse_criteria(&["kind=sea_port".into()]).unwrap();
    assert!(kind.is_of_nodes());
    assert_eq!(kind.nodes(&n).unwrap(), [2, 3]);
    assert!(matches!(
        Selection::default().links(&n),
        Err(SelectionError::Criteria(p)) if p.contains("selection is empty")
    ));
}

#[test]
fn an_edit_must_say_what_it_applies_to_and_all_is_explicit() {
    let e = scenario(&edit("scale", "{}", "field = \"km\"\nfactor = 2.0"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("selection is empty"), "{e}");
    let mut n = net();
    let bare = Edit {
        kind: EditKind::Scale(Change {
            select: Selection::default(),
            field: Field::UsdPerKm,
            field_name: "usd_per_km".into(),
            amount: 2.0,
        }),
        rationale: "t".into(),
        source: None,
        origin: Default::default(),
    };
    assert!(apply_edit(&mut n, &bare)
        .unwrap_err()
        .message
        .contains("selection is empty"));
    let n = net();
    let s = apply_to(
        &n,
        &edit("scale", "{ all = true }", "field = \"km\"\nfactor = 2.0"),
    )
    .unwrap();
    assert_eq!(changed_lengths(&n, &s), ["a-g", "g-p", "p-q", "a-q"]);
    assert!(scenario(&edit(
        "scale",
        "{ all = true, mode = \"rail\" }",
        "field = \"km\"\nfactor = 2.0"
    ))
    .is_err());
}

#[test]
fn scaling_the_speed_of_a_link_given_in_hours_scales_its_speed() {
    let n = net();
    // a-g: 100 km in 2 h (50 km/h); twice the speed takes 1 h.
    let s = apply_to(
        &n,
        &edit(
            "scale",
            "{ links = [\"a-g\"] }",
            "field = \"speed_kmh\"\nfactor = 2.0",
        ),
    )
    .unwrap();
    assert_eq!(
        link(&s, "a-g").running,
        crate::network::Running::SpeedKmh(100.0)
    );
    assert!((link(&s, "a-g").haul_hours() - 1.0).abs() < 1e-12);
    // Scaling `hours` instead keeps a fixed time.
    let s = apply_to(
        &n,
        &edit(
            "scale",
            "{ links = [\"a-g\"] }",
            "field = \"hours\"\nfactor = 2.0",
        ),
    )
    .unwrap();
    assert_eq!(link(&s, "a-g").running, crate::network::Running::Hours(4.0));
}

#[test]
fn results_must_stay_plausible() {
    let n = net();
    let huge = edit(
        "scale",
        "{ links = [\"a-g\"] }",
        "field = \"speed_kmh\"\nfactor = 1e308",
    );
    let e = apply_to(&n, &format!("{huge}\n{huge}"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("implausible"), "{e}");
    let e = apply_to(
        &n,
        &edit(
            "scale",
            "{ links = [\"a-g\"] }",
            "field = \"km\"\nfactor = 1e308",
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("implausible"), "{e}");
    let e = apply_to(
        &n,
        &edit(
            "set",
            "{ links = [\"a-q\"] }",
            "field = \"available_from\"\nvalue = 1e308",
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("implausible"), "{e}");
    let e = apply_to(
        &n,
        &edit(
            "scale",
            "{ links = [\"a-g\"] }",
            "field = \"km\"\nfactor = 1e-320",
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("implausible"), "{e}");
}

#[test]
fn a_scenario_repeated_in_a_combination_is_refused() {
    let e = resolve("baseline+baseline").unwrap_err().to_string();
    assert!(e.contains("appears twice"), "{e}");
    assert!(resolve("baseline+northern-closed").is_ok());
}

#[test]
fn service_selects_the_links_a_service_sails() {
    let mut n = net();
    n.links.iter_mut().find(|l| l.id == "p-q").unwrap().services = vec!["feeder".into()].into();
    let s = apply_to(
        &n,
        &edit(
            "set",
            "{ service = \"feeder\" }",
            "field = \"wait_hours\"\nvalue = 5.0",
        ),
    )
    .unwrap();
    assert_eq!(link(&s, "p-q").wait_hours, [5.0, 5.0]);
    let e = apply_to(
        &n,
        &edit(
            "set",
            "{ service = \"feedr\" }",
            "field = \"wait_hours\"\nvalue = 5.0",
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("unknown service"), "{e}");
}
