//! `corridor report`: the study written as a folder (HTML, Markdown, CSV, JSON, GeoJSON, SVG).

use anyhow::Result;

use corridor::routing::Objective;
use corridor::Query;

use crate::cli::args::ReportArgs;
use crate::cli::exit::Exit;
use crate::cli::inputs::study_scenarios;
use crate::cli::progress::counted;
use crate::cli::session::Session;

/// Runs `corridor report`.
pub(crate) fn run(s: &Session<'_>, a: &ReportArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let net = bench.base();
    let (from, to) = a.ends.of(net)?;
    let scenarios = study_scenarios(net, &a.scenario)?;
    let output = s.path(&a.output)?;
    let w = s.with_progress(
        &|d, t| format!("report: {}", counted(d, t, "samples")),
        |p| {
            // The report samples every scenario's routes, then the first scenario's study: expected
            // up front so that the count's total does not grow at the last study (the studies
            // reserve their own samples, so a different count only moves the estimate).
            p.expect(a.samples as u64 * (scenarios.len() as u64 + 1));
            let req = corridor::report::Request {
                query: Query {
                    objectives: vec![Objective::Time, Objective::Cost],
                    ..Query::new(&from, &to)
                },
                scenarios,
                reliability: corridor::studies::reliability::Options {
                    samples: a.samples,
                    seed: a.seed,
                    progress: p.clone(),
                    ..Default::default()
                },
            };
            corridor::report::write(net, &req, &output)
        },
    )?;
    s.say(&format!(
        "wrote {} files into {} (open index.html)",
        w.files.len(),
        a.output.display()
    ));
    Ok(Exit::Ok)
}
