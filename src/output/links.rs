//! The links of a network as text (`corridor links`); which links to list is
//! [`crate::scenario::Listing`]'s.

use super::{csv_field, grid, json_list, Format};
use crate::network::Network;
use crate::text::thousands;

/// The links of `net` at `indices`: id, ends, mode, gauge, km, running hours, wait, border dwell,
/// status and corridor tags (for writing selections and sweeps without reading the TOML).
pub fn links(net: &Network, indices: &[usize], format: Format) -> String {
    let head = [
        "id",
        "from",
        "to",
        "mode",
        "gauge",
        "km",
        "hours",
        "wait h",
        "border h",
        "status",
        "corridors",
    ];
    let cells: Vec<Vec<String>> = indices
        .iter()
        .map(|&i| {
            let l = &net.links[i];
            vec![
                l.id.clone(),
                net.nodes[l.from].id.clone(),
                net.nodes[l.to].id.clone(),
                l.mode.as_str().to_string(),
                l.gauge.map_or(String::new(), |g| g.mm().to_string()),
                format!(
                    "{}{}",
                    thousands(l.km),
                    if l.km_estimated { "*" } else { "" }
                ),
                format!("{:.1}", l.haul_hours()),
                format!("{:.1}", l.wait_hours[0]),
                l.border
                    .as_ref()
                    .map_or(String::new(), |b| format!("{:.1}", b.hours[0])),
                match l.available_from {
                    Some(y) if l.status != crate::network::Status::Operating => {
                        format!("{} ({y})", l.status.as_str())
                    }
                    _ => l.status.as_str().to_string(),
                },
                l.corridors.join(" "),
            ]
        })
        .collect();
    match format {
        Format::Json => {
            let v: Vec<serde_json::Value> = indices
                .iter()
                .map(|&i| {
                    let l = &net.links[i];
                    serde_json::json!({
                        "id": l.id, "from": net.nodes[l.from].id, "to": net.nodes[l.to].id,
                        "mode": l.mode.as_str(), "gauge": l.gauge.map(|g| g.mm()),
                        "km": l.km, "km_estimated": l.km_estimated, "hours": l.haul_hours(),
                        "wait_hours": l.wait_hours, "border_hours": l.border.as_ref().map(|b| b.hours),
                        "status": l.status.as_str(), "available_from": l.available_from,
                        "corridors": l.corridors, "transit_countries": l.transit_countries,
                    })
                })
                .collect();
            json_list("links", "links", &v)
        }
        Format::Csv => {
            let mut s = String::from(
                "id,from,to,mode,gauge_mm,km,km_estimated,hours,wait_hours,border_hours,status,available_from,corridors\n",
            );
            for &i in indices {
                let l = &net.links[i];
                s.push_str(&format!(
                    "{},{},{},{},{},{:.1},{},{:.3},{:.3},{},{},{},{}\n",
                    csv_field(&l.id),
                    csv_field(&net.nodes[l.from].id),
                    csv_field(&net.nodes[l.to].id),
                    l.mode.as_str(),
                    l.gauge.map_or(String::new(), |g| g.mm().to_string()),
                    l.km,
                    l.km_estimated,
                    l.haul_hours(),
                    l.wait_hours[0],
                    l.border
                        .as_ref()
                        .map_or(String::new(), |b| format!("{:.3}", b.hours[0])),
                    l.status.as_str(),
                    l.available_from.map_or(String::new(), |y| y.to_string()),
                    csv_field(&l.corridors.join(" ")),
                ));
            }
            s
        }
        Format::Markdown | Format::Table { .. } => grid(
            &head,
            &cells,
            &[
                false, false, false, false, true, true, true, true, true, false, false,
            ],
            format,
        ),
    }
}
