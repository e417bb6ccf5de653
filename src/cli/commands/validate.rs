//! `corridor validate`: a network (and scenarios against it) checked, every problem reported, or
//! a one-paragraph summary when all is well.

use std::path::Path;

use anyhow::{Context, Result};

use corridor::{load, scenario};

use crate::cli::exit::Exit;
use crate::cli::session::Session;

/// Runs `corridor validate` on `path` (the embedded network when `None`).
pub(crate) fn run(s: &Session<'_>, path: Option<&Path>, scenarios: &[String]) -> Result<Exit> {
    let (what, result) = match path {
        Some(p) => (p.display().to_string(), load::load(p)),
        None => ("the embedded network".to_string(), load::embedded()),
    };
    let net = result.with_context(|| format!("validating {what}"))?;
    let mut problems = Vec::new();
    for name in scenarios {
        match scenario::resolve_onto(&net, name) {
            Ok(_) => {}
            Err(e) => problems.push(format!("{e}")),
        }
    }
    anyhow::ensure!(problems.is_empty(), "{}", problems.join("\n"));
    let estimated = net.links.iter().filter(|l| l.km_estimated).count();
    let p = net.provenance;
    s.print(&format!(
        "{what}: ok — {} nodes, {} links ({} with computed lengths), {} countries, data year {}\n\
         sources: {} entries, {} of them estimates ({:.0} %)\n",
        net.nodes.len(),
        net.links.len(),
        estimated,
        net.countries().len(),
        net.data_year,
        p.sources,
        p.estimates,
        100.0 * p.estimates as f64 / p.sources.max(1) as f64
    ))?;
    Ok(Exit::Ok)
}
