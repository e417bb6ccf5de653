//! Loading a file from disk reads it a piece at a time (`load::load`); the answer, and every
//! problem with its file, line and field, must be what reading the whole text gives
//! (`load::parse`). The files here are larger than one piece (8 MiB), so records fall on both
//! sides of a cut.

use std::path::Path;

use corridor::error::{Error, Problem};
use corridor::load::{self, SourceFile};

use crate::support::net::Net;

/// A chain of `n` nodes with a link between neighbours, each node after a long comment (so the
/// file needs several pieces); `bad` spoils some records. Lines: six of `[network]`, then ten
/// per node (blank, comment, header, six keys, source) and ten per link (blank, header, seven
/// keys, source).
fn chain(n: usize, bad: bool) -> String {
    let mut net = Net::new("grid");
    for i in 0..n {
        let kind = if bad && i == 3 {
            "junktion"
        } else {
            "junction"
        };
        net = net
            .comment(&format!(
                "node {i}: a comment that makes the file long enough to need several pieces, \
                 padded out to be long"
            ))
            .node(&format!("n{i}"), "KZ", 40.0 + i as f64 * 0.0001, 60.0)
            .set("name", format!("Node {i}").as_str())
            .set("kind", kind);
    }
    for i in 1..n {
        // A duplicate id far from the first, and an unknown node at the very end.
        let id = if bad && i == n - 2 {
            "l1".to_string()
        } else {
            format!("l{i}")
        };
        let to = if bad && i == n - 1 {
            "nowhere".to_string()
        } else {
            format!("n{i}")
        };
        net = net
            .link(&id, &format!("n{}", i - 1), &to, "rail")
            .set("gauge", 1520)
            .sourced("speed_kmh", 50)
            .sourced("usd_per_km", 0.5);
    }
    net.build()
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
