//! `corridor report`: the study written as a folder (HTML, Markdown, CSV, JSON, GeoJSON, SVG).

use anyhow::Result;

use corridor::network::Network;
use corridor::routing::Objective;
use corridor::Query;

use crate::cli::args::ReportArgs;
use crate::cli::exit::Exit;
use crate::cli::inputs::study_scenarios;

/// Runs `corridor report`.
pub(crate) fn run(net: &Network, a: &ReportArgs) -> Result<Exit> {
    let (from, to) = a.ends.of(net)?;
    let scenarios = study_scenarios(net, &a.scenario)?;
    let req = corridor::report::Request {
        query: Query {
            objectives: vec![Objective::Time, Objective::Cost],
            ..Query::new(&from, &to)
        },
        scenarios,
        reliability: corridor::studies::reliability::Options {
            samples: a.samples,
            seed: a.seed,
            ..Default::default()
        },
    };
    let w = corridor::report::write(net, &req, &a.output)?;
    eprintln!(
        "wrote {} files into {} (open index.html)",
        w.files.len(),
        a.output.display()
    );
    Ok(Exit::Ok)
}
