//! A Pareto front as text: one row per non-dominated route.

use super::route::generalized_note;
use super::{csv_field, grid, json_list, Format};
use crate::describe::{key_nodes, summary};
use crate::network::Network;
use crate::routing::Route;
use crate::text::thousands;

/// A Pareto front: one row per non-dominated route (JSON: the routes).
pub fn pareto(net: &Network, front: &[Route], format: Format) -> String {
    let head = ["#", "km", "days", "USD", "gen. USD", "t CO2e", "via"];
    let cells: Vec<Vec<String>> = front
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                thousands(r.total.km),
                format!("{:.1}", r.total.days()),
                thousands(r.total.usd),
                thousands(r.generalized_usd()),
                format!("{:.2}", r.total.co2_kg / 1000.0),
                summary(net, r),
            ]
        })
        .collect();
    match format {
        Format::Json => json_list("pareto", "routes", front),
        Format::Csv => {
            let mut s = String::from("rank,km,days,usd,co2_kg,countries,via,generalized_usd\n");
            for (i, r) in front.iter().enumerate() {
                s.push_str(&format!(
                    "{},{:.1},{:.3},{:.2},{:.1},{},{},{:.2}\n",
                    i + 1,
                    r.total.km,
                    r.total.days(),
                    r.total.usd,
                    r.total.co2_kg,
                    csv_field(&r.countries.join("-")),
                    csv_field(&key_nodes(net, r).join("; ")),
                    r.generalized_usd()
                ));
            }
            s
        }
        Format::Markdown | Format::Table { .. } => {
            let mut s = grid(
                &head,
                &cells,
                &[true, true, true, true, true, true, false],
                format,
            );
            s.push_str(&generalized_note(front, format));
            s
        }
    }
}
