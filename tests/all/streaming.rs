//! Loading a file from disk reads it a piece at a time (`load::load`); the answer, and every
//! problem with its file, line and field, must be what reading the whole text gives
//! (`load::parse`). The files here are larger than one piece (8 MiB), so records fall on both
//! sides of a cut.

use std::fmt::Write as _;
use std::path::Path;

use corridor::error::{Error, Problem};
use corridor::load::{self, SourceFile};

const META: &str = "[network]\nname = \"grid\"\ndata_year = 2025\nvalue_of_time_usd_per_hour = 10\ncircuity = { rail = 1.3, road = 1.25, sea = 1.2 }\nsource = { data_year = \"g\", value_of_time_usd_per_hour = \"g\", circuity = \"g\" }\n";

/// A chain of `n` nodes with a link between neighbours; `bad` spoils some records.
fn chain(n: usize, bad: bool) -> String {
    let mut t = String::from(META);
    for i in 0..n {
        let kind = if bad && i == 3 {
            "junktion"
        } else {
            "junction"
        };
        write!(
            t,
            "\n# node {i}: a comment that makes the file long enough to need several pieces, padded out to be long\n[[node]]\nid = \"n{i}\"\nname = \"Node {i}\"\ncountry = \"KZ\"\nlat = {:.4}\nlon = 60.0\nkind = \"{kind}\"\nsource = {{ coords = \"generated\" }}\n",
            40.0 + i as f64 * 0.0001
        )
        .unwrap();
    }
    for i in 1..n {
        // A duplicate id far from the first, and an unknown node at the very end.
        let id = if bad && i == n - 2 {
            "id = \"l1\"\n".to_string()
        } else {
            format!("id = \"l{i}\"\n")
        };
        let to = if bad && i == n - 1 {
            "nowhere".to_string()
        } else {
            format!("n{i}")
        };
        write!(
            t,
            "\n[[link]]\n{id}from = \"n{}\"\nto = \"{to}\"\nmode = \"rail\"\ngauge = 1520\nspeed_kmh = 50\nusd_per_km = 0.5\nsource = {{ speed_kmh = \"generated\", usd_per_km = \"generated\" }}\n",
            i - 1
        )
        .unwrap();
    }
    t
}

fn both(
    text: &str,
    dir: &Path,
) -> (
    corridor::error::Result<corridor::network::Network>,
    corridor::error::Result<corridor::network::Network>,
) {
    let path = dir.join("grid.toml");
    std::fs::write(&path, text).unwrap();
    assert!(
        text.len() > 9 << 20,
        "the file spans pieces: {} bytes",
        text.len()
    );
    let whole = load::parse(&[SourceFile {
        name: path.display().to_string(),
        text: text.to_string(),
    }]);
    (load::load(&path), whole)
}

fn problems(r: corridor::error::Result<corridor::network::Network>) -> Vec<Problem> {
    match r {
        Err(Error::InvalidNetwork { problems }) => problems,
        other => panic!("expected problems, got {:?}", other.map(|n| n.nodes.len())),
    }
}

#[test]
fn a_file_read_in_pieces_loads_as_its_whole_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let n = 30_000;
    let (streamed, whole) = both(&chain(n, false), dir.path());
    let (a, b) = (streamed.unwrap(), whole.unwrap());
    assert_eq!(a.nodes.len(), n);
    assert_eq!(a.links.len(), n - 1);
    assert_eq!(a.provenance, b.provenance);
    for (x, y) in a.nodes.iter().zip(&b.nodes) {
        assert_eq!((&x.id, &x.origin, x.lat), (&y.id, &y.origin, y.lat));
        assert!(x.sources.iter().eq(y.sources.iter()));
    }
    for (x, y) in a.links.iter().zip(&b.links) {
        assert_eq!(
            (&x.id, x.from, x.to, &x.origin),
            (&y.id, y.from, y.to, &y.origin)
        );
        assert_eq!(x.km.to_bits(), y.km.to_bits());
        assert!(x.sources.iter().eq(y.sources.iter()));
    }
    // The last node's record begins after the comment and blank line before it: line numbers
    // keep counting across pieces.
    let last = a.nodes.last().unwrap();
    assert_eq!(last.origin.line, 6 + (n - 1) * 10 + 3);
}

#[test]
fn problems_in_a_file_read_in_pieces_are_located_as_in_its_whole_text() {
    let dir = tempfile::tempdir().unwrap();
    let n = 30_000;
    let (streamed, whole) = both(&chain(n, true), dir.path());
    let (a, b) = (problems(streamed), problems(whole));
    assert_eq!(a, b);
    let fields: Vec<&str> = a.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["node.kind", "link.id", "link.to"], "{a:#?}");
    assert!(
        a[1].message
            .contains("duplicate link id `l1` (first defined at"),
        "{}",
        a[1].message
    );
    assert!(
        a[2].message.contains("unknown node `nowhere`"),
        "{}",
        a[2].message
    );
    // The kind is the sixth key after the header, which follows a blank line and a comment.
    assert_eq!(a[0].line, 6 + 3 * 10 + 3 + 6);
    // The duplicate's `id` is the line after its header; links start after the nodes.
    let header = 6 + n * 10 + (n - 3) * 10 + 2;
    assert_eq!(a[1].line, header + 1);
}
