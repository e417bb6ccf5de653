//! The links of a network as text (`corridor links`), and [`LinkFilter`], the flags that pick
//! them. The filter is a selection rule, not printing: it stays here only until the scenarios'
//! link selection ([`crate::scenario`]) serves `corridor links` too.

use super::{csv_field, grid, json_list, thousands, Format};
use crate::network::Network;

/// Which links `corridor links` lists; every given filter must match something in the network,
/// so a typo is an error rather than an empty or complete list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkFilter {
    /// Only links of this mode.
    pub mode: Option<crate::network::Mode>,
    /// Only links carrying this corridor tag.
    pub corridor: Option<String>,
    /// Only links with an end in, or transiting, this country (ISO code).
    pub country: Option<String>,
    /// Only links of this status (`operating`, `under_construction`, `planned`).
    pub status: Option<String>,
}

impl LinkFilter {
    /// The indices of the links of `net` that pass, in definition order.
    pub fn select(&self, net: &Network) -> crate::Result<Vec<usize>> {
        use crate::network::Status;
        let bad = |m: String| Err(crate::Error::InvalidArgument(m));
        if let Some(t) = &self.corridor {
            if !net.links.iter().any(|l| l.has_corridor(t)) {
                return bad(format!("--corridor {t}: no link carries this tag"));
            }
        }
        let country = self.country.as_ref().map(|c| c.to_ascii_uppercase());
        if let Some(c) = &country {
            if !net.nodes.iter().any(|n| &n.country == c)
                && !net.links.iter().any(|l| l.transit_countries.contains(c))
            {
                return bad(format!(
                    "--country {c}: no node or link of the network is there"
                ));
            }
        }
        if let Some(s) = &self.status {
            if !Status::ALL.iter().any(|x| x.as_str() == s) {
                return bad(format!(
                    "--status {s}: unknown status (expected one of: {})",
                    Status::ALL.map(|x| x.as_str()).join(", ")
                ));
            }
        }
        Ok((0..net.links.len())
            .filter(|&i| {
                let l = &net.links[i];
                self.mode.is_none_or(|m| l.mode == m)
                    && self.corridor.as_ref().is_none_or(|t| l.has_corridor(t))
                    && self.status.as_ref().is_none_or(|s| l.status.as_str() == s)
                    && country.as_ref().is_none_or(|c| {
                        &net.nodes[l.from].country == c
                            || &net.nodes[l.to].country == c
                            || l.transit_countries.contains(c)
                    })
            })
            .collect())
    }
}

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
        Format::Markdown | Format::Table => grid(
            &head,
            &cells,
            &[
                false, false, false, false, true, true, true, true, true, false, false,
            ],
            format,
        ),
    }
}
