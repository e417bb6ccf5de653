//! `corridor nodes`: the network's nodes, filtered by country, corridor or kind, as a table,
//! CSV, Markdown or JSON.

use anyhow::Result;

use corridor::network::{Network, Node, NodeKind};
use corridor::report::{self, Format};

use crate::cli::args::NodesArgs;
use crate::cli::exit::Exit;
use crate::cli::print::print;

/// Runs `corridor nodes`.
pub(crate) fn run(net: &Network, a: &NodesArgs) -> Result<Exit> {
    let selected = select(net, a)?;
    let out = render(net, &selected, a.format.text()?);
    print(&out)?;
    Ok(Exit::Ok)
}

/// The nodes `--country`, `--corridor` and `--kind` keep, in the network's order.
fn select<'a>(net: &'a Network, a: &NodesArgs) -> Result<Vec<&'a Node>> {
    if let Some(k) = &a.kind {
        anyhow::ensure!(
            NodeKind::parse(k).is_some(),
            "--kind {k}: unknown kind (expected one of: {})",
            NodeKind::ALL.map(|k| k.as_str()).join(", ")
        );
    }
    let country = a.country.as_ref().map(|c| c.to_ascii_uppercase());
    let on_corridor = a.corridor.as_ref().map(|t| net.on_corridor(t));
    Ok(net
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| country.as_ref().is_none_or(|c| &n.country == c))
        .filter(|(_, n)| a.kind.as_ref().is_none_or(|k| n.kind.as_str() == k))
        .filter(|(i, _)| on_corridor.as_ref().is_none_or(|on| on[*i]))
        .map(|(_, n)| n)
        .collect())
}

/// The selected nodes in `format`.
fn render(net: &Network, selected: &[&Node], format: Format) -> String {
    let rows: Vec<[String; 7]> = selected
        .iter()
        .map(|n| {
            [
                n.id.clone(),
                n.name.clone(),
                n.country.clone(),
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
            report::json_list("nodes", "nodes", &v)
        }
        Format::Csv => {
            let mut s = head.join(",") + "\n";
            for r in &rows {
                let cells: Vec<String> = r.iter().map(|c| report::csv_field(c)).collect();
                s += &(cells.join(",") + "\n");
            }
            s
        }
        Format::Markdown => {
            let mut s = format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len()));
            for r in &rows {
                let cells: Vec<String> = r.iter().map(|c| report::md_cell(c)).collect();
                s += &format!("| {} |\n", cells.join(" | "));
            }
            s
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
            let s = report::align(&head, &rows, &[]).join("\n");
            s + &format!("\n{} of {} nodes\n", rows.len(), net.nodes.len())
        }
    }
}
