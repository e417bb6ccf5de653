//! `[[node]]` records: each checked on its own, in parallel, as the first pass reads it (its id,
//! name, country, coordinates, kind and transfer facilities), then the index of every node's id,
//! which finds the duplicates.

use std::collections::hash_map::Entry;

use super::check::{check_text, is_country, is_slug, At};
use super::gather::{check_records, first_and_rest, Checked, Outs};
use super::raw::{RawNode, RawTransfer, Shared};
use super::records::Span;
use super::source::Text;
use crate::error::Problem;
use crate::network::limits::{MAX_TRANSFER_HOURS, MAX_TRANSFER_USD};
use crate::network::{Node, NodeKind, Origin, Transfer, TransferKind};
use crate::text::{FastMap, Text as SharedText};

/// Reads and checks `[[node]]` records in parallel, keeping their order.
pub(super) fn check_nodes(text: &Text<'_>, spans: &[Span], file: &SharedText) -> Vec<Outs<Node>> {
    let mut out = Vec::new();
    check_records(text, spans, &mut out, |shared, s, raw, provenance| {
        let mut provenance = Some(provenance);
        first_and_rest(raw.node.into_iter().map(|mut rn| {
            let start = s.start + rn.span().start;
            let at = At {
                text,
                record: s.start,
                start,
            };
            let (node, problems) = check_node(rn.get_mut(), at, file, shared);
            Checked::Good {
                item: node,
                id_line: text.key_line(start, "id"),
                problems,
                provenance: provenance.take().unwrap_or_default(),
            }
        }))
    });
    out
}

/// Checks the node whose table is `at` in the file `file`, and makes it; with its problems.
fn check_node(
    n: &mut RawNode,
    at: At<'_, '_>,
    file: &SharedText,
    shared: &mut Shared,
) -> (Node, Vec<Problem>) {
    let mut problems = Vec::new();
    let origin = Origin {
        file: file.clone(),
        line: at.text.line_of(at.start),
    };
    let mut c = at.checker("node.", &mut problems);
    if !is_slug(&n.id) {
        c.problem(
            "id",
            format!("`{}` is not a lowercase ASCII slug ([a-z0-9_]+)", n.id),
        );
    }
    if n.name.trim().is_empty() {
        c.problem("name", "is empty");
    }
    check_text(&mut c, "name", &n.name);
    for tag in &n.corridors {
        check_text(&mut c, "corridors", tag);
    }
    if !is_country(&n.country) {
        c.problem(
            "country",
            format!("`{}` is not an ISO 3166-1 alpha-2 code", n.country),
        );
    }
    if !(n.lat.is_finite() && (-90.0..=90.0).contains(&n.lat)) {
        c.problem(
            "lat",
            format!("{} is out of range −90…90", crate::error::number(n.lat)),
        );
    }
    if !(n.lon.is_finite() && (-180.0..=180.0).contains(&n.lon)) {
        c.problem(
            "lon",
            format!("{} is out of range −180…180", crate::error::number(n.lon)),
        );
    }
    c.sourced("coords", &n.source);
    c.unused_sources(&n.source, &["coords"]);
    let kind = NodeKind::parse(&n.kind);
    if kind.is_none() {
        let all: Vec<_> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        c.problem(
            "kind",
            format!(
                "unknown kind `{}` (expected one of: {})",
                n.kind,
                all.join(", ")
            ),
        );
    }
    let transfers = check_transfers(&mut n.transfer, at, shared, &mut problems);
    let node = Node {
        id: std::mem::take(&mut n.id),
        name: std::mem::take(&mut n.name),
        country: shared.texts.intern(&n.country),
        lat: n.lat,
        lon: n.lon,
        kind: kind.unwrap_or(NodeKind::Junction),
        corridors: std::mem::take(&mut n.corridors).into(),
        transfers: transfers.into(),
        closed: false,
        origin,
        sources: shared.sources(
            n.source
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
        ),
    };
    (node, problems)
}

/// Checks a node's `[[node.transfer]]` facilities (in the record at `at`), and makes those whose
/// kind is known.
fn check_transfers(
    raw: &mut [serde_spanned::Spanned<RawTransfer>],
    at: At<'_, '_>,
    shared: &mut Shared,
    problems: &mut Vec<Problem>,
) -> Vec<Transfer> {
    let mut transfers = Vec::new();
    for rt in raw {
        let start = at.record + rt.span().start;
        let t = rt.get_mut();
        let mut c = At { start, ..at }.checker("node.transfer.", problems);
        let kind = TransferKind::parse(&t.kind);
        if kind.is_none() {
            let all: Vec<_> = TransferKind::ALL.iter().map(|k| k.as_str()).collect();
            c.problem(
                "kind",
                format!(
                    "unknown transfer `{}` (expected one of: {})",
                    t.kind,
                    all.join(", ")
                ),
            );
        }
        c.number("hours", t.hours, 0.0, MAX_TRANSFER_HOURS, &t.source);
        c.number("usd", t.usd, 0.0, MAX_TRANSFER_USD, &t.source);
        c.unused_sources(&t.source, &["hours", "usd"]);
        if let Some(kind) = kind {
            if transfers.iter().any(|x: &Transfer| x.kind == kind) {
                c.problem(
                    "kind",
                    format!("a second `{}` facility at this node", t.kind),
                );
            }
            transfers.push(Transfer {
                kind,
                hours: t.hours,
                usd: t.usd,
                sources: shared.sources(
                    t.source
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect(),
                ),
            });
        }
    }
    transfers
}

/// The index of the nodes' ids, and a problem for each new node (the ones from `base_nodes` on)
/// that repeats an earlier id. `id_lines` are the new nodes' id lines.
pub(super) fn index<'n>(
    nodes: &'n [Node],
    base_nodes: usize,
    id_lines: &[usize],
    problems: &mut Vec<Problem>,
) -> FastMap<&'n str, usize> {
    let mut index: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(nodes.len(), Default::default());
    for (i, n) in nodes.iter().enumerate() {
        match index.entry(n.id.as_str()) {
            Entry::Vacant(e) => {
                e.insert(i);
            }
            // (A base built with repeated ids is the caller's: only the new nodes are checked.)
            Entry::Occupied(e) if i >= base_nodes => {
                problems.push(Problem {
                    file: n.origin.file.to_string(),
                    line: id_lines[i - base_nodes],
                    field: "node.id".into(),
                    message: format!(
                        "duplicate node id `{}` (first defined at {})",
                        n.id,
                        nodes[*e.get()].origin
                    ),
                });
            }
            Entry::Occupied(_) => {}
        }
    }
    index
}
