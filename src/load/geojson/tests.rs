//! GeoJSON in: loading is linear in the features, and what the conversion would lose or change
//! (a key given twice, a `null`, a position that is not [lon, lat]) is refused with the feature.

use std::time::{Duration, Instant};

use crate::error::{Error, Problem};
use crate::load::{parse, SourceFile};

const META: &str = r#"[network]
name = "t"
data_year = 2025
value_of_time_usd_per_hour = 10
circuity = { rail = 1.3, road = 1.25, sea = 1.2 }
source = { data_year = "x", value_of_time_usd_per_hour = "x", circuity = "x" }
"#;

/// A node feature as `corridor export` writes it (pretty-printed: many lines a feature).
fn node(i: usize) -> String {
    format!(
        "{{\n  \"geometry\": {{\n    \"coordinates\": [\n      {},\n      40.0\n    ],\n    \"type\": \"Point\"\n  }},\n  \"properties\": {{\n    \"country\": \"KZ\",\n    \"feature\": \"node\",\n    \"id\": \"n{i}\",\n    \"kind\": \"junction\",\n    \"name\": \"N {i}\",\n    \"source\": {{\n      \"coords\": \"x\"\n    }}\n  }},\n  \"type\": \"Feature\"\n}}",
        60.0 + i as f64 * 0.001
    )
}

/// A link feature from node `i` to node `i + 1`, with `props` added to its properties and
/// `middle` as the positions between its ends.
fn link(i: usize, props: &str, middle: &str) -> String {
    let (a, b) = (60.0 + i as f64 * 0.001, 60.0 + (i + 1) as f64 * 0.001);
    format!(
        "{{\n  \"geometry\": {{\n    \"coordinates\": [[{a}, 40.0], {middle}[{b}, 40.0]],\n    \"type\": \"LineString\"\n  }},\n  \"properties\": {{\n    \"feature\": \"link\",\n    \"from\": \"n{i}\",\n    \"to\": \"n{}\",\n    \"mode\": \"rail\",\n    \"gauge\": 1520,\n    {props}\"speed_kmh\": 50.0,\n    \"usd_per_km\": 0.5,\n    \"source\": {{\n      \"km\": \"x\",\n      \"speed_kmh\": \"x\",\n      \"usd_per_km\": \"x\"\n    }}\n  }},\n  \"type\": \"Feature\"\n}}",
        i + 1
    )
}

/// A network of `n` nodes in a row joined by links, as a TOML file and a GeoJSON one.
fn files(n: usize, links: &[String]) -> Vec<SourceFile> {
    let mut features: Vec<String> = (0..n).map(node).collect();
    features.extend(links.iter().cloned());
    vec![
        SourceFile {
            name: "meta.toml".into(),
            text: META.into(),
        },
        SourceFile {
            name: "net.geojson".into(),
            text: format!(
                "{{\n\"features\": [\n{}\n],\n\"type\": \"FeatureCollection\"\n}}\n",
                features.join(",\n")
            ),
        },
    ]
}

fn chain(n: usize) -> Vec<SourceFile> {
    let links: Vec<String> = (0..n - 1)
        .map(|i| link(i, "\"km\": 1.1,\n    ", ""))
        .collect();
    files(n, &links)
}

fn problems(files: &[SourceFile]) -> Vec<Problem> {
    match parse(files) {
        Err(Error::InvalidNetwork { problems }) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

/// The time of the fastest of three loads.
fn best_of_three(files: &[SourceFile]) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let net = parse(files).unwrap();
            let took = start.elapsed();
            assert!(net.links.len() + 1 == net.nodes.len());
            took
        })
        .min()
        .unwrap()
}

/// Eight times the features take about eight times as long, not sixty-four (the converted
/// text's lines were once counted again for every feature, and each record's feature found by
/// a scan of all of them).
#[test]
fn loading_is_linear_in_the_features() {
    let small = chain(250);
    let large = chain(2000);
    let (s, l) = (best_of_three(&small), best_of_three(&large));
    let ratio = l.as_secs_f64() / s.as_secs_f64().max(1e-9);
    assert!(
        ratio < 24.0,
        "8× the features took {ratio:.1}× as long ({s:?} → {l:?}): not linear"
    );
}

#[test]
fn a_key_given_twice_is_refused_with_the_feature_and_property() {
    // "km": 1083 then "km": 1: a JSON reader keeps the last, 1 km.
    let twice = link(0, "\"km\": 1083,\n    \"km\": 1,\n    ", "");
    let p = problems(&files(2, &[twice]));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].field, "features[2].properties.km");
    assert!(p[0].message.contains("given twice"), "{p:?}");
    // In a nested table and in the geometry too.
    let nested = link(
        0,
        "\"km\": 1,\n    \"border\": {\"hours\": 1, \"hours\": 2},\n    ",
        "",
    );
    let p = problems(&files(2, &[nested]));
    assert_eq!(p[0].field, "features[2].properties.border.hours", "{p:?}");
    let text = files(2, &[link(0, "\"km\": 1,\n    ", "")]);
    let mut text = text;
    text[1].text = text[1].text.replacen(
        "\"type\": \"LineString\"",
        "\"type\": \"LineString\", \"type\": \"Point\"",
        1,
    );
    let p = problems(&text);
    assert_eq!(p[0].field, "features[2].geometry.type", "{p:?}");
}

/// GDAL writes `null` for every field of the layer an edited feature has no value in: such a
/// property is absent (a `km` of `null` is computed from the geometry, as one left out), while a
/// `null` inside a value (a list, a table) is refused.
#[test]
fn a_null_property_is_absent_and_a_null_inside_a_value_is_refused() {
    let with_null = parse(&files(
        2,
        &[link(0, "\"km\": null,\n    \"gauge_x\": null,\n    ", "")],
    ))
    .unwrap();
    let without = parse(&files(2, &[link(0, "", "")])).unwrap();
    assert!(with_null.links[0].km_estimated);
    assert_eq!(with_null.links[0].km, without.links[0].km);
    let p = problems(&files(
        2,
        &[link(
            0,
            "\"km\": 1,\n    \"corridors\": [\"a\", null],\n    ",
            "",
        )],
    ));
    assert_eq!(p[0].field, "features[2].properties.corridors[1]", "{p:?}");
    let p = problems(&files(
        2,
        &[link(
            0,
            "\"km\": 1,\n    \"border\": {\"hours\": null},\n    ",
            "",
        )],
    ));
    assert_eq!(p[0].field, "features[2].properties.border.hours", "{p:?}");
    // A key given twice is refused even when one of the two is a null.
    let p = problems(&files(
        2,
        &[link(0, "\"km\": 1,\n    \"km\": null,\n    ", "")],
    ));
    assert!(p[0].message.contains("given twice"), "{p:?}");
}

/// GeoPackage and Shapefile have no list fields, so an export writes lists as comma-separated
/// texts; they load as the lists they stand for, and an empty item is refused.
#[test]
fn a_list_may_be_a_comma_separated_text() {
    let net = parse(&files(
        2,
        &[link(
            0,
            "\"km\": 1,\n    \"corridors\": \"middle, btk\",\n    \"transit_countries\": \"\",\n    ",
            "",
        )],
    ))
    .unwrap();
    assert_eq!(net.links[0].corridors, ["middle", "btk"]);
    assert!(net.links[0].transit_countries.is_empty());
    let p = problems(&files(
        2,
        &[link(
            0,
            "\"km\": 1,\n    \"corridors\": \"a,,b\",\n    ",
            "",
        )],
    ));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].field, "features[2].properties.corridors", "{p:?}");
    assert!(p[0].message.contains("empty item"), "{p:?}");
}

#[test]
fn a_position_that_is_not_lon_lat_is_refused_not_dropped() {
    for (middle, field) in [
        (
            "[\"60.0005\", 40.0], ",
            "features[2].geometry.coordinates[1]",
        ),
        ("[60.0005], ", "features[2].geometry.coordinates[1]"),
        (
            "[60.0005, 40.0, 1, 2], ",
            "features[2].geometry.coordinates[1]",
        ),
        ("[60.0005, 95.0], ", "features[2].geometry.coordinates[1]"),
        ("null, ", "features[2].geometry.coordinates[1]"),
    ] {
        let p = problems(&files(2, &[link(0, "\"km\": 1,\n    ", middle)]));
        assert_eq!(p.len(), 1, "{middle}: {p:?}");
        assert_eq!(p[0].field, field, "{middle}: {p:?}");
    }
    // A waypoint with an altitude is a position.
    let ok = files(
        2,
        &[link(0, "\"km\": 1,\n    ", "[60.0005, 40.0, 120.5], ")],
    );
    assert_eq!(parse(&ok).unwrap().links[0].geometry.len(), 1);
    let mut bad_point = files(2, &[]);
    bad_point[1].text = bad_point[1].text.replacen("40.0\n", "\"40\"\n", 1);
    let p = problems(&bad_point);
    assert_eq!(p[0].field, "features[0].geometry.coordinates", "{p:?}");
}

/// The network table as a `corridor` member, with `extra` members after it.
fn member(extra: &str) -> String {
    format!(
        r#"{{"schema": "corridor.network/1", "network": {{"name": "t", "data_year": 2025, "value_of_time_usd_per_hour": 10, "circuity": {{"rail": 1.3, "road": 1.25, "sea": 1.2}}, "source": {{"data_year": "x", "value_of_time_usd_per_hour": "x", "circuity": "x"}}}}{extra}}}"#
    )
}

/// One GeoJSON file holding the whole network: two nodes, a link, and the `corridor` member.
fn whole(member: &str) -> Vec<SourceFile> {
    let mut f = files(2, &[link(0, "\"km\": 1.5,\n    ", "")]);
    let geo = f.remove(1);
    vec![SourceFile {
        text: geo.text.replacen(
            "\"features\"",
            &format!("\"corridor\": {member},\n\"features\""),
            1,
        ),
        ..geo
    }]
}

#[test]
fn the_corridor_member_carries_the_network_level_tables() {
    let fam = r#", "family": [{"id": "f", "name": "F", "via_countries": ["KZ"]}], "service": [{"id": "s", "name": "S"}]"#;
    let net = parse(&whole(&member(fam))).unwrap();
    assert_eq!(net.name, "t");
    assert_eq!(net.sources.get("circuity"), Some("x"));
    assert_eq!(net.families[0].via_countries, ["KZ"]);
    assert_eq!(net.services[0].name, "S");
    assert_eq!(
        net.families[0].origin.to_string(),
        "net.geojson corridor.family[0]"
    );
    assert_eq!(net.links[0].origin.to_string(), "net.geojson features[2]");
    // Without the member (and no TOML beside it), the message says where the table belongs.
    let mut alone = files(2, &[link(0, "\"km\": 1.5,\n    ", "")]);
    alone.remove(0);
    let p = problems(&alone);
    assert!(
        p.iter().any(|p| p.message.contains("`corridor` member")),
        "{p:?}"
    );
}

#[test]
fn the_corridor_member_is_read_strictly_and_its_problems_name_its_paths() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#", "family": [{"id": "f", "name": "F", "via_tagz": ["x"]}]"#,
            "corridor.family[0]",
            "via_tagz",
        ),
        (
            r#", "family": [{"id": "f", "name": "F"}, {"id": "g", "name": "G", "via_tags": ["nowhere"]}]"#,
            "corridor.family[1].via_tags",
            "nowhere",
        ),
        (r#", "families": []"#, "corridor.families", "unknown member"),
        (
            r#", "family": [{"id": "f", "name": null}]"#,
            "corridor.family[0].name",
            "null",
        ),
        (r#", "family": {"id": "f"}"#, "corridor.family", "a list"),
    ];
    for (extra, field, says) in cases {
        let p = problems(&whole(&member(extra)));
        assert!(
            p.iter()
                .any(|p| p.field == *field && p.message.contains(says)),
            "{extra}: {p:?}"
        );
    }
    // A key unknown to a sub-table is named with the sub-table.
    let bad = member("").replace(
        r#""data_year": 2025"#,
        r#""data_year": 2025, "emissions": {"payload_t": 20, "paylod": 1}"#,
    );
    let p = problems(&whole(&bad));
    assert!(
        p.iter()
            .any(|p| p.field == "corridor.network.emissions" && p.message.contains("paylod")),
        "{p:?}"
    );
    // The member's own shape and format.
    for (m, field, says) in [
        (
            r#"{"network": {}}"#.to_string(),
            "corridor.schema",
            "missing",
        ),
        (
            member("").replace("network/1", "network/2"),
            "corridor.schema",
            "does not read",
        ),
        ("[]".to_string(), "corridor", "an object"),
        (
            member("").replacen("\"schema\"", "\"network\": {}, \"schema\"", 1),
            "corridor.network",
            "given twice",
        ),
    ] {
        let p = problems(&whole(&m));
        assert!(
            p.iter()
                .any(|p| p.field == field && p.message.contains(says)),
            "{m}: {p:?}"
        );
    }
}

#[test]
fn a_flat_view_is_refused_as_a_whole() {
    let p = problems(&whole(r#"{"schema": "corridor.flat/1"}"#));
    assert_eq!(p.len(), 1, "one problem, not one per feature: {p:?}");
    assert_eq!(p[0].field, "corridor.schema");
    assert!(p[0].message.contains("--flat"), "{p:?}");
}
