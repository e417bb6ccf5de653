//! The front doors on small networks written inline: a valid network loads, every problem is
//! reported with its line and field, one bad record does not hide the others, and extending a
//! base checks only what is new.

use super::*;

fn file(text: &str) -> Vec<SourceFile> {
    vec![SourceFile {
        name: "t.toml".into(),
        text: text.into(),
    }]
}

const META: &str = r#"[network]
name = "t"
data_year = 2025
value_of_time_usd_per_hour = 10
circuity = { rail = 1.3, road = 1.25, sea = 1.2 }
source = { data_year = "x", value_of_time_usd_per_hour = "x", circuity = "x" }
"#;

fn node(id: &str, country: &str, lon: f64) -> String {
    format!(
        "[[node]]\nid = \"{id}\"\nname = \"{id}\"\ncountry = \"{country}\"\nlat = 40.0\nlon = {lon}\nkind = \"city\"\nsource = {{ coords = \"x\" }}\n\n"
    )
}

fn problems(text: &str) -> Vec<Problem> {
    match parse(&file(text)) {
        Err(Error::InvalidNetwork { problems }) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

/// Extending checks the new records against the base, including a base a caller built with
/// a repeated id (which is not the new file's problem, and must not upset the check).
#[test]
fn extending_reports_new_duplicates_only() {
    let mut base = parse(&file(&format!(
        "{META}{}{}",
        node("a", "TR", 30.0),
        node("b", "TR", 31.0)
    )))
    .unwrap();
    base.nodes[1].id = "a".into();
    let extra = |id: &str| SourceFile {
        name: "s.toml".into(),
        text: node(id, "TR", 32.0),
    };
    let net = extend(&base, &extra("c")).unwrap();
    assert_eq!(net.nodes.len(), 3);
    let problems = extend(&base, &extra("a")).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].file.as_str(), problems[0].line), ("s.toml", 2));
    assert!(problems[0]
        .message
        .starts_with("duplicate node id `a` (first defined at t.toml:"));
}

#[test]
fn loads_a_valid_network_and_computes_lengths() {
    let text = format!(
        "{META}{}{}[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"rail\"\ngauge = 1435\nspeed_kmh = 50\nusd_per_km = 1\nsource = {{ speed_kmh = \"x\", usd_per_km = \"x\" }}\n",
        node("a", "TR", 30.0),
        node("b", "TR", 31.0)
    );
    let net = parse(&file(&text)).unwrap();
    let l = &net.links[0];
    assert!(l.km_estimated);
    // One degree of longitude at 40°N is ≈85.4 km on the ellipsoid; × rail circuity 1.3.
    assert!((l.km - 85.4 * 1.3).abs() < 1.0, "{}", l.km);
    assert!((l.haul_hours() - l.km / 50.0).abs() < 1e-9);
}

#[test]
fn reports_every_problem_with_line_and_field() {
    let text = format!(
        "{META}{}{}[[link]]\nfrom = \"a\"\nto = \"zz\"\nmode = \"boat\"\nkm = -5\nspeed_kmh = nan\nusd_per_km = 1\nsource = {{ km = \"x\", speed_kmh = \"x\" }}\n",
        node("a", "TR", 30.0),
        node("a", "XX", 31.0)
    );
    let ps = problems(&text);
    let has = |line: usize, field: &str, what: &str| {
        assert!(
            ps.iter()
                .any(|p| p.line == line && p.field == field && p.message.contains(what)),
            "missing {line} {field} {what}: {ps:#?}"
        )
    };
    has(17, "node.id", "duplicate node id `a`");
    has(19, "node.country", "`XX` is not an ISO");
    has(27, "link.to", "unknown node `zz`");
    has(28, "link.mode", "unknown mode `boat`");
    has(29, "link.km", "must be greater than 0");
    has(30, "link.speed_kmh", "finite");
    has(31, "link.usd_per_km", "has no source");
}

#[test]
fn a_bad_field_in_one_record_does_not_hide_the_others() {
    let text = format!(
        "{META}{}[[node]]\nid = \"b\"\nname = \"b\"\ncountry = \"TR\"\nlat = \"north\"\nlon = 31\nkind = \"city\"\ncolour = \"red\"\nsource = {{ coords = \"x\" }}\n\n[[link]]\nfrom = \"a\"\nto = \"a2\"\nmode = \"rail\"\ngauge = 1000\nhours = 1\nusd_fixed = 1\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n",
        node("a", "TR", 30.0)
    );
    let ps = problems(&text);
    // The node's first error (an unknown field) is reported on its line; the link's problems
    // are still found.
    assert!(
        ps.iter()
            .any(|p| p.line == 23 && p.message.contains("unknown field `colour`")),
        "{ps:#?}"
    );
    assert!(
        ps.iter()
            .any(|p| p.field == "link.to" && p.message.contains("unknown node `a2`")),
        "{ps:#?}"
    );
    assert!(
        ps.iter()
            .any(|p| p.field == "link.gauge" && p.message.contains("unknown gauge 1000")),
        "{ps:#?}"
    );
}

#[test]
fn provenance_counts_sources_and_estimates() {
    let text = format!(
        "{META}{}",
        node("a", "TR", 30.0).replace("coords = \"x\"", "coords = \"Estimate: from a map\"")
    );
    let net = parse(&file(&text)).unwrap();
    assert_eq!(net.provenance.sources, 4);
    assert_eq!(net.provenance.estimates, 1);
}

#[test]
fn syntax_error_names_the_line() {
    let ps = problems(&format!("{META}[[node]]\nid = \"a\nname = 3\n"));
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].line, 8);
    assert_eq!(ps[0].field, "toml");
}

#[test]
fn cross_border_link_needs_border_table_and_self_loop_is_rejected() {
    let text = format!(
        "{META}{}{}[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"road\"\nhours = 5\nusd_fixed = 1\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n\n[[link]]\nfrom = \"a\"\nto = \"a\"\nmode = \"road\"\nhours = 5\nusd_fixed = 1\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n",
        node("a", "TR", 30.0),
        node("b", "GE", 31.0)
    );
    let ps = problems(&text);
    assert!(
        ps.iter().any(|p| p.field == "link.border" && p.line == 25),
        "{ps:#?}"
    );
    assert!(
        ps.iter()
            .any(|p| p.message.contains("self-loop") && p.line == 35),
        "{ps:#?}"
    );
}

/// A table of more than `MAX_KEYS` keys is refused as one problem at the first key over the
/// limit, whichever reader takes the record; duplicate keys were once found by a scan of the
/// keys before, so a record of 80,000 keys took 26 s.
#[test]
fn a_table_of_too_many_keys_is_refused_once() {
    let keys: String = (0..=MAX_KEYS).map(|i| format!("k{i} = \"x\"\n")).collect();
    // As a `source` table (every key valid for it) and as the node's own keys.
    let sub = format!("{META}[[node]]\nid = \"a\"\nname = \"A\"\ncountry = \"TR\"\nlat = 40\nlon = 30\nkind = \"city\"\n[node.source]\ncoords = \"x\"\n{keys}");
    let own = format!("{META}[[node]]\nid = \"a\"\nname = \"A\"\ncountry = \"TR\"\nlat = 40\nlon = 30\nkind = \"city\"\nsource = {{ coords = \"x\" }}\n{keys}");
    // Outside the fast reader's subset (a multi-line string): the toml crate reads it.
    let slow = sub.replace("name = \"A\"", "name = \"\"\"A\"\"\"");
    // The line of the 1,001st key (after `coords` and k0…k998; after the node's seven keys and
    // k0…k992), or the record's header (the crate's reader gives no key).
    for (text, line) in [(&sub, 15 + MAX_KEYS), (&own, 8 + MAX_KEYS), (&slow, 7)] {
        let ps = problems(text);
        assert_eq!(ps.len(), 1, "{ps:#?}");
        assert_eq!(
            (ps[0].line, ps[0].field.as_str()),
            (line, "toml"),
            "{ps:#?}"
        );
        assert!(
            ps[0].message.contains("a table with more than 1,000 keys"),
            "{ps:#?}"
        );
    }
    // At the limit, the record is read.
    let at_limit: String = (1..MAX_KEYS).map(|i| format!("k{i} = \"x\"\n")).collect();
    let ps = problems(&format!("{META}[[node]]\nid = \"a\"\nname = \"A\"\ncountry = \"TR\"\nlat = 40\nlon = 30\nkind = \"city\"\n[node.source]\ncoords = \"x\"\n{at_limit}"));
    assert_eq!(ps.len(), MAX_KEYS - 1, "one unused source a key");
}

/// `described_hours` (what an export of a scenario's network writes) sets the hours a
/// variability record's distribution describes; a wrong shape, or one on a capacity, is refused.
#[test]
fn described_hours_say_what_a_distribution_describes() {
    let net = |applies: &str, extra: &str| {
        format!(
            "{META}{}{}[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"rail\"\ngauge = 1520\nkm = 100.0\nspeed_kmh = 50.0\nusd_per_km = 1.0\nwait_hours = 10.0\nsource = {{ km = \"x\", speed_kmh = \"x\", usd_per_km = \"x\", wait_hours = \"x\" }}\n\n[[variability]]\nid = \"w\"\nname = \"w\"\napplies = [{applies}]\ndistribution = {{ kind = \"uniform\", min = 0.0, max = 20.0 }}\nsource = {{ distribution = \"x\" }}\n{extra}",
            node("a", "KZ", 60.0),
            node("b", "KZ", 61.0)
        )
    };
    let loaded = |text: &str| match &parse(&file(text)).unwrap().variability[0].applies[0] {
        crate::network::Component::Link { loaded, .. } => *loaded,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        loaded(&net("{ link = \"a-b\", part = \"wait\" }", "")),
        [10.0, 10.0]
    );
    assert_eq!(
        loaded(&net(
            "{ link = \"a-b\", part = \"wait\", described_hours = [20.0, 5.0] }",
            ""
        )),
        [20.0, 5.0]
    );
    let p = problems(&net(
        "{ link = \"a-b\", part = \"wait\", described_hours = 20.0 }",
        "",
    ));
    assert_eq!(
        p[0].field, "variability.applies[0].described_hours",
        "{p:?}"
    );
    let capacity = "\n[[capacity]]\nid = \"c\"\nname = \"c\"\nmodel = \"departures\"\napplies = [{ link = \"a-b\", part = \"wait\", described_hours = [1.0, 1.0] }]\ndirection = \"each\"\nunit = \"teu\"\nper_departure = 10\nheadway_hours = 10.0\nbase_hours = 5.0\nsource = { applies = \"x\", per_departure = \"x\", headway_hours = \"x\", base_hours = \"x\" }\n";
    let p = problems(&net("{ link = \"a-b\", part = \"wait\" }", capacity));
    assert!(
        p.iter()
            .any(|p| p.field == "capacity.applies.described_hours"),
        "{p:?}"
    );
}
