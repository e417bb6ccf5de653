//! The best route of each corridor family as text (`corridor route --per-corridor`).

use super::route::generalized_note;
use super::{csv_field, grid, json_list, Format};
use crate::describe::key_nodes;
use crate::network::Network;
use crate::text::thousands;

/// The best route of each corridor family, as a table (one row per family and objective).
pub fn corridors(net: &Network, rows: &[crate::query::FamilyRow], format: Format) -> String {
    let head = [
        "corridor",
        "by",
        "km",
        "days",
        "USD",
        "gen. USD",
        "t CO2e",
        "via / why not",
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| match &row.outcome {
            Ok(r) => vec![
                row.name.clone(),
                row.objective.to_string(),
                thousands(r.total.km),
                format!("{:.1}", r.total.days()),
                thousands(r.total.usd),
                thousands(r.generalized_usd()),
                format!("{:.2}", r.total.co2_kg / 1000.0),
                key_nodes(net, r).join(", "),
            ],
            Err(why) => vec![
                row.name.clone(),
                row.objective.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("none: {why}"),
            ],
        })
        .collect();
    match format {
        Format::Json => json_list("corridors", "rows", rows),
        Format::Csv => {
            let mut s =
                String::from("family,objective,km,days,usd,co2_kg,via,no_route,generalized_usd\n");
            for row in rows {
                let line = match &row.outcome {
                    Ok(r) => format!(
                        "{},{},{:.1},{:.3},{:.2},{:.1},{},,{:.2}",
                        csv_field(&row.family),
                        row.objective,
                        r.total.km,
                        r.total.days(),
                        r.total.usd,
                        r.total.co2_kg,
                        csv_field(&key_nodes(net, r).join("; ")),
                        r.generalized_usd()
                    ),
                    Err(why) => format!(
                        "{},{},,,,,,{},",
                        csv_field(&row.family),
                        row.objective,
                        csv_field(why)
                    ),
                };
                s.push_str(&line);
                s.push('\n');
            }
            s
        }
        Format::Markdown | Format::Table { .. } => {
            let mut s = grid(
                &head,
                &cells,
                &[false, false, true, true, true, true, true, false],
                format,
            );
            let found = rows.iter().filter_map(|r| r.outcome.as_ref().ok());
            s.push_str(&generalized_note(found, format));
            s
        }
    }
}
