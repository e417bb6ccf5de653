//! A large GeoJSON network (larger than the 8 MiB piece the loader reads at a time, so features
//! fall on both sides of a cut) loads a piece at a time to the network its TOML gives, from disk
//! and from memory, in one file and as layers; a problem deep in it is named by feature index and
//! property; JSON broken in the middle, a truncated file, a member given twice are errors with
//! their line and column (exit 2), never a panic or a hang.

use std::path::Path;

use corridor::error::{Error, Problem};
use corridor::load::{self, SourceFile};
use corridor::Network;

use super::without_origins;
use crate::support::cmd::Cmd;

/// A rail grid of `side` × `side` nodes (every number sourced) as network TOML.
fn grid(side: usize) -> String {
    let mut t = String::from("[network]\nname = \"grid\"\ndata_year = 2025\nvalue_of_time_usd_per_hour = 10\ncircuity = { rail = 1.3, road = 1.25, sea = 1.2 }\nsource = { data_year = \"g\", value_of_time_usd_per_hour = \"g\", circuity = \"g\" }\n");
    for r in 0..side {
        for c in 0..side {
            t += &format!("\n[[node]]\nid = \"n{r}_{c}\"\nname = \"N {r} {c}\"\ncountry = \"KZ\"\nlat = {:.4}\nlon = {:.4}\nkind = \"junction\"\nsource = {{ coords = \"g\" }}\n", 40.0 + r as f64 * 0.01, 60.0 + c as f64 * 0.01);
        }
    }
    for r in 0..side {
        for c in 0..side {
            for (r2, c2) in [(r, c + 1), (r + 1, c)] {
                if r2 < side && c2 < side {
                    t += &format!("\n[[link]]\nfrom = \"n{r}_{c}\"\nto = \"n{r2}_{c2}\"\nmode = \"rail\"\ngauge = 1520\nkm = 1.1\nspeed_kmh = {}\nusd_per_km = 0.5\nsource = {{ km = \"g\", speed_kmh = \"g\", usd_per_km = \"g\" }}\n", 40 + (r + c) % 7);
                }
            }
        }
    }
    t
}

/// The grid's network, and its export as one GeoJSON file (about 11 MB).
fn big() -> (Network, String) {
    let net = load::parse(&[SourceFile {
        name: "grid.toml".into(),
        text: grid(75),
    }])
    .unwrap();
    let geo = corridor::output::geojson::network(&net);
    assert!(geo.len() > 9 << 20, "spans pieces: {} bytes", geo.len());
    (net, geo)
}

/// The file loaded from disk (a piece at a time) and from memory; both must agree.
fn load_both(dir: &Path, text: &str) -> corridor::error::Result<Network> {
    let path = dir.join("net.geojson");
    std::fs::write(&path, text).unwrap();
    let name = path.display().to_string();
    let disk = load::load(&path);
    let memory = load::parse(&[SourceFile {
        name,
        text: text.to_string(),
    }]);
    match (&disk, &memory) {
        (Ok(a), Ok(b)) => assert!(a == b, "disk and memory give different networks"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        _ => panic!("disk: {disk:?}\nmemory: {memory:?}"),
    }
    disk
}

fn problems(r: corridor::error::Result<Network>) -> Vec<Problem> {
    match r {
        Err(Error::InvalidNetwork { problems }) => problems,
        other => panic!("expected problems, got {:?}", other.map(|n| n.nodes.len())),
    }
}

/// The 1-based line and column of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = at - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[test]
fn a_big_geojson_network_loads_as_its_toml_does_in_one_file_and_as_layers() {
    let dir = tempfile::tempdir().unwrap();
    let (net, geo) = big();
    let loaded = load_both(dir.path(), &geo).unwrap();
    assert_eq!(loaded.nodes.len(), 75 * 75);
    assert!(without_origins(loaded.clone()) == without_origins(net.clone()));
    // Origins name the feature, counted over the whole file.
    let last = loaded.links.last().unwrap();
    let i = loaded.nodes.len() + loaded.links.len() - 1;
    assert!(last
        .origin
        .to_string()
        .ends_with(&format!("net.geojson features[{i}]")));
    // As layers: nodes, links and the network table in a folder.
    let layers = dir.path().join("layers");
    std::fs::create_dir(&layers).unwrap();
    for (name, text) in corridor::output::geojson::layers(&net).unwrap() {
        std::fs::write(layers.join(name), text).unwrap();
    }
    let from_layers = load::load(&layers).unwrap();
    assert!(without_origins(from_layers) == without_origins(net));
}

#[test]
fn problems_deep_in_a_big_file_are_named_by_feature_and_property() {
    let dir = tempfile::tempdir().unwrap();
    let (net, geo) = big();
    let mut v: serde_json::Value = serde_json::from_str(&geo).unwrap();
    let nodes = net.nodes.len();
    let f = v["features"].as_array_mut().unwrap();
    let (node, link, extra, dup) = (nodes - 7, nodes + 9_000, nodes + 9_500, nodes + 10_500);
    f[node]["properties"]["kind"] = "junktion".into();
    f[link]["properties"]["speed_kmh"] = (-5.0).into();
    f[extra]["properties"]["bogus_key"] = 1.into();
    f[dup]["properties"]["id"] = f[nodes + 3]["properties"]["id"].clone();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let p = problems(load_both(dir.path(), &text));
    let got: Vec<(&str, &str)> = p
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(p.len(), 4, "{got:#?}");
    assert!(p
        .iter()
        .all(|p| p.line == 0 && p.file.ends_with("net.geojson")));
    assert_eq!(got[0].0, format!("features[{node}].properties.kind"));
    assert_eq!(got[1].0, format!("features[{link}].properties.speed_kmh"));
    assert_eq!(got[2].0, format!("features[{extra}].properties"));
    assert!(got[2].1.contains("bogus_key"), "{got:?}");
    assert_eq!(got[3].0, format!("features[{dup}].properties.id"));
    // The first definition is named by its feature, not by a line of the converted text.
    assert!(
        got[3].1.contains(&format!(
            "(first defined at {} features[{}])",
            p[3].file,
            nodes + 3
        )),
        "{}",
        got[3].1
    );
    // A problem of the conversion (a key given twice) is the file's only problem.
    let twice = text.replacen(
        "\"id\": \"n70_3\",",
        "\"id\": \"n70_3\",\n        \"id\": \"n70_4\",",
        1,
    );
    let p = problems(load_both(dir.path(), &twice));
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(
        p[0].field,
        format!("features[{}].properties.id", 70 * 75 + 3)
    );
    assert!(p[0].message.contains("given twice"), "{p:?}");
}

#[test]
fn json_broken_in_a_big_file_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let (_, geo) = big();
    // Between two features deep in the file; inside one; a feature cut short; the file cut
    // short; a member given twice after the features.
    let between = geo.match_indices("\n    },\n    {").nth(9_000).unwrap().0 + 6;
    let inside = geo
        .match_indices("\"kind\": \"junction\"")
        .nth(4_000)
        .unwrap()
        .0
        + 8;
    let unclosed = geo.match_indices("\"source\": {").nth(12_000).unwrap().0 + 11;
    let cases: Vec<(String, usize, &str)> = vec![
        (
            format!("{}x{}", &geo[..between], &geo[between + 1..]),
            between,
            "expected `,` or `]`",
        ),
        (
            format!("{}@{}", &geo[..inside], &geo[inside..]),
            inside,
            "expected value",
        ),
        (
            format!(
                "{}{}",
                &geo[..unclosed],
                &geo[unclosed..].replacen('}', "", 1)
            ),
            0,
            "key must be a string",
        ),
        (geo[..geo.len() * 3 / 5].to_string(), 0, "EOF while parsing"),
        (
            format!(
                "{},\n\"type\": \"x\"}}\n",
                geo.trim_end().strip_suffix('}').unwrap()
            ),
            0,
            "`type` is given twice",
        ),
    ];
    for (text, at, says) in cases {
        let p = problems(load_both(dir.path(), &text));
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].field, "json");
        assert!(p[0].message.contains(says), "{says}: {}", p[0].message);
        if at > 0 {
            let (line, column) = line_column(&text, at);
            assert_eq!(p[0].line, line, "{}", p[0].message);
            assert!(
                p[0].message
                    .ends_with(&format!("at line {line} column {column}")),
                "{}",
                p[0].message
            );
        }
        if says == "expected `,` or `]`" {
            // From the command line: the message, exit 2.
            let path = dir.path().join("net.geojson");
            Cmd::new()
                .network(&path)
                .arg("validate")
                .status(2)
                .stderr_has("net.geojson")
                .stderr_has(says)
                .run();
        }
    }
}

/// A file is read a piece at a time, so its size is limited as a TOML network's is, not as an
/// input read whole (256 MiB): a 300 MB file that is not JSON from its first byte is refused at
/// once for that (it was once refused for its size). A byte that is not UTF-8 deep in a file is
/// refused with its offset.
#[test]
fn a_geojson_file_is_not_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.geojson");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(300 << 20).unwrap();
    drop(f);
    let e = load::load(&path).unwrap_err().to_string();
    assert!(
        e.contains("not valid JSON: expected value at line 1 column 1"),
        "{e}"
    );
    // Not UTF-8 in the middle of a feature.
    let (_, geo) = big();
    let geo_junction = |b: &[u8], n: usize| {
        let text = std::str::from_utf8(b).unwrap();
        text.match_indices("junction").nth(n).unwrap().0
    };
    let mut bytes = geo.into_bytes();
    let at = geo_junction(&bytes, 3_000);
    bytes[at] = 0xff;
    std::fs::write(&path, &bytes).unwrap();
    let e = load::load(&path).unwrap_err().to_string();
    assert!(e.contains("not UTF-8"), "{e}");
}
