//! The network's default study (`[network.study]`): the shipped one, the checks of a written one,
//! and what the front ends do with a network that has none.

use corridor::load::{self, SourceFile};
use corridor::{Error, Network, Problem};

use crate::support::cmd::{Cmd, TINY};
use crate::support::net::Net;

/// A small network (a–b–c by rail, a–b tagged `east`) whose `[network]` table is followed by
/// `study`.
fn with_study(study: &str) -> String {
    let text = Net::new("study")
        .node("a", "KZ", 43.0, 60.0)
        .node("b", "KZ", 43.0, 61.0)
        .node("c", "KZ", 43.0, 62.0)
        .link("a-b", "a", "b", "rail")
        .set("gauge", 1520)
        .set("corridors", "east")
        .sourced("km", 80)
        .sourced("speed_kmh", 40)
        .sourced("usd_per_km", 1)
        .link("b-c", "b", "c", "rail")
        .set("gauge", 1520)
        .sourced("km", 80)
        .sourced("speed_kmh", 40)
        .sourced("usd_per_km", 1)
        .build()
        // `corridors` is a list in the format; the builder writes strings only.
        .replace("corridors = \"east\"", "corridors = [\"east\"]");
    let at = text.find("\n[[node]]").expect("a node record");
    format!("{}\n{study}{}", &text[..at], &text[at..])
}

fn load(text: &str) -> Result<Network, Vec<Problem>> {
    load::parse(&[SourceFile {
        name: "study.toml".into(),
        text: text.into(),
    }])
    .map_err(|e| match e {
        Error::InvalidNetwork { problems } => problems,
        other => panic!("{other}"),
    })
}

#[test]
fn the_shipped_study_names_its_ends_hubs_panel_and_corridors() {
    let net = load::embedded().unwrap();
    let s = &net.study;
    assert_eq!(s.ends, Some(("xian".to_string(), "duisburg".to_string())));
    assert_eq!(s.hubs.len(), 18);
    let panel = s.panel.as_ref().expect("a regional panel");
    assert_eq!(panel.bbox, [39.0, 37.4, 52.0, 43.6]);
    assert!(panel.places.iter().all(|p| net.node(p).is_some()));
    let tags: Vec<&str> = s.corridors.iter().map(|c| c.tag.as_str()).collect();
    assert_eq!(tags, ["northern", "middle", "maritime"]);
}

#[test]
fn a_written_study_loads_and_names_routes_by_its_corridors() {
    let text = with_study(
        "[network.study]\nfrom = \"a\"\nto = \"c\"\nhubs = [\"b\"]\n\n\
         [[network.study.corridor]]\ntag = \"east\"\nname = \"East line\"\n",
    );
    let net = load(&text).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
    assert_eq!(net.study.ends, Some(("a".into(), "c".into())));
    assert_eq!(net.study.hubs, ["b"]);
    assert!(net.study.panel.is_none());
    let ans = corridor::Query::new("a", "c").run(&net).unwrap();
    let r = ans.outcome.unwrap().remove(0);
    assert_eq!(corridor::describe::corridor_words(&net, &r), "East line");
}

#[test]
fn a_study_naming_what_the_network_lacks_is_refused_field_by_field() {
    let text = with_study(
        "[network.study]\nfrom = \"a\"\nhubs = [\"b\", \"nowhere\"]\n\n\
         [network.study.panel]\ntitle = \"P\"\nbbox = [62.0, 42.0, 60.0, 44.0]\nplaces = [\"zz\"]\n\n\
         [[network.study.corridor]]\ntag = \"east\"\nname = \"East\"\n\n\
         [[network.study.corridor]]\ntag = \"west\"\nname = \"West\"\n\
         branches = [{ tag = \"east\", name = \"x\" }, { tag = \"Bad\", name = \"y\" }]\n",
    );
    let problems = load(&text).expect_err("a broken study");
    let got: Vec<(usize, &str, &str)> = problems
        .iter()
        .map(|p| (p.line, p.field.as_str(), p.message.as_str()))
        .collect();
    let line = |key: &str, nth: usize| {
        1 + text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(key))
            .nth(nth)
            .unwrap_or_else(|| panic!("{key}\n{text}"))
            .0
    };
    for want in [
        (
            line("from =", 0),
            "network.study.from",
            "a study origin needs a destination: add `to`",
        ),
        (
            line("hubs =", 0),
            "network.study.hubs",
            "no node `nowhere` in the network",
        ),
        (
            line("bbox =", 0),
            "network.study.panel.bbox",
            "west must be less than east and south less than north",
        ),
        (
            line("places =", 0),
            "network.study.panel.places",
            "no node `zz` in the network",
        ),
        (
            line("tag = \"west\"", 0),
            "network.study.corridor.tag",
            "no link carries the tag `west`",
        ),
        (
            line("branches =", 0),
            "network.study.corridor.branches",
            "`Bad` is not a lowercase slug",
        ),
    ] {
        assert!(got.contains(&want), "{want:?} not among {got:#?}\n{text}");
    }
    assert_eq!(got.len(), 6, "{got:#?}");
}

#[test]
fn a_network_without_a_study_asks_for_both_ends() {
    Cmd::new()
        .arg("compare")
        .network(TINY)
        .status(2)
        .stderr_has("no origin or destination given, and the network names no default study")
        .run();
    Cmd::new()
        .arg("pareto")
        .network(TINY)
        .args(["--from", "a"])
        .status(2)
        .stderr_has("no destination given")
        .run();
}

#[test]
fn without_a_study_routes_are_named_by_their_modes_and_maps_have_no_panel() {
    let dir = tempfile::tempdir().unwrap();
    let figures = dir.path().join("figures");
    Cmd::tiny("compare")
        .args(["--scenario", "baseline", "--overall"])
        .args(["--by", "time,cost", "--figures"])
        .arg(&figures)
        .stdout_has("baseline  time  road ")
        .stdout_has("baseline  cost  rail–sea: G, P")
        .run();
    let map = std::fs::read_to_string(figures.join("compare-a-q-map.svg")).unwrap();
    assert_eq!(map.matches("<svg").count(), 1, "no regional panel");
    assert!(!map.contains("Regional panel"));
}

#[test]
fn the_required_places_are_nodes_each_named_once() {
    let net = load(&with_study("[network.study]\nrequired = [\"c\", \"a\"]\n")).unwrap();
    assert_eq!(net.study.required, ["c", "a"]);
    let text = with_study("[network.study]\nrequired = [\"a\", \"zz\", \"a\"]\n");
    let problems = load(&text).expect_err("a broken list");
    let mut got: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("network.study.required", "`a` is named twice"),
            ("network.study.required", "no node `zz` in the network"),
        ]
    );
}
