//! The nodes of a network as text (`corridor nodes`); which nodes to list is
//! [`crate::scenario::Listing`]'s.

use super::fit::lay_out;
use super::{csv_field, json_list, md_cell, Format};
use crate::network::{Network, Node};

/// The nodes of `net` at `indices`: id, name, country, kind, transfer facilities and position,
/// in `format` (JSON adds each node's corridor tags and its facilities' hours and USD).
pub fn nodes(net: &Network, indices: &[usize], format: Format) -> String {
    let selected: Vec<&Node> = indices.iter().map(|&i| &net.nodes[i]).collect();
    let rows: Vec<[String; 7]> = selected
        .iter()
        .map(|n| {
            [
                n.id.clone(),
                n.name.clone(),
                n.country.to_string(),
                n.kind.as_str().to_string(),
                n.transfers
                    .iter()
                    .map(|t| t.kind.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                format!("{:.3}", n.lat),
                format!("{:.3}", n.lon),
            ]
        })
        .collect();
    let head = ["id", "name", "country", "kind", "transfers", "lat", "lon"];
    match format {
        Format::Json => {
            let v: Vec<_> = selected
                .iter()
                .map(|n| {
                    serde_json::json!({
                        "id": n.id, "name": n.name, "country": n.country, "kind": n.kind,
                        "lat": n.lat, "lon": n.lon, "corridors": n.corridors,
                        "transfers": n.transfers.iter().map(|t| serde_json::json!({
                            "kind": t.kind, "hours": t.hours, "usd": t.usd })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json_list("nodes", "nodes", &v)
        }
        Format::Csv => {
            let mut s = head.join(",") + "\n";
            // Text cells are quoted and guarded; the last two (lat, lon) are numbers and are
            // written as they are, a negative one too.
            for r in &rows {
                let (text, numbers) = r.split_at(5);
                let cells: Vec<String> = text
                    .iter()
                    .map(|c| csv_field(c))
                    .chain(numbers.iter().cloned())
                    .collect();
                s += &(cells.join(",") + "\n");
            }
            s
        }
        Format::Markdown => {
            let mut s = format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len()));
            for r in &rows {
                let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
                s += &format!("| {} |\n", cells.join(" | "));
            }
            s
        }
        Format::Table { width } => {
            let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
            // lat and lon are numbers: right-aligned, never wrapped.
            let numbers = [false, false, false, false, false, true, true];
            let s = lay_out(&head, &rows, &numbers, width).lines().join("\n");
            s + &format!("\n{} of {} nodes\n", rows.len(), net.nodes.len())
        }
    }
}
