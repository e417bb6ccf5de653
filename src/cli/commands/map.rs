//! `corridor map`: an SVG map of the network with each scenario's chosen routes highlighted.

use anyhow::{Context, Result};

use corridor::network::Network;
use corridor::render::basemap;
use corridor::render::figures;
use corridor::render::map::render_map;
use corridor::routing::Route;

use crate::cli::args::{check_by, query, MapArgs};
use crate::cli::exit::Exit;
use crate::cli::inputs::solve;
use crate::cli::session::Session;

/// Runs `corridor map`.
pub(crate) fn run(s: &Session<'_>, a: &MapArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let base = bench.base();
    check_by(&a.by, "map")?;
    let (from, to) = a.ends.of(base)?;
    let names: Vec<Option<&str>> = if a.scenario.is_empty() {
        vec![None]
    } else {
        a.scenario.iter().map(|s| Some(s.as_str())).collect()
    };
    let mut drawn: Option<Network> = None;
    let mut chosen: Vec<(String, Route)> = Vec::new();
    let mut first: Option<Route> = None;
    for name in &names {
        match solve(s, &query(&from, &to, &a.by, *name, &a.constraints))? {
            Ok((net, found)) => {
                let several = names.len() > 1;
                for (who, r) in figures::by_objective(&found) {
                    let who = if several {
                        format!("{} {who}", r.scenario)
                    } else {
                        who
                    };
                    chosen.push((who, r));
                }
                first.get_or_insert_with(|| found[0].clone());
                drawn.get_or_insert(net.into_owned());
            }
            Err(why) => s.say(&format!(
                "{}{why}",
                name.map_or(String::new(), |n| format!("{n}: "))
            )),
        }
    }
    let (Some(net), Some(first)) = (drawn, first) else {
        return Ok(Exit::NoRoute);
    };
    let title = figures::title(&net, &first, names.len() == 1);
    let extent = a.view.extent()?;
    let countries = basemap::countries().context("reading the embedded base map")?;
    let spec = figures::route_map(&net, &title, chosen, extent);
    s.write_output(&a.output, render_map(&spec, &countries).as_bytes())?;
    Ok(Exit::Ok)
}
