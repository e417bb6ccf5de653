//! `corridor reliability`: Monte Carlo transit-time percentiles of the candidate routes, with a
//! progress bar on a terminal and the distributions' chart on request.

use anyhow::Result;

use corridor::output::reliability::reliability;
use corridor::render::figures;
use corridor::routing::Route;

use crate::cli::args::{query, ReliabilityArgs};
use crate::cli::exit::Exit;
use crate::cli::progress::counted;
use crate::cli::session::Session;

/// Runs `corridor reliability`.
pub(crate) fn run(s: &Session<'_>, a: &ReliabilityArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let base = bench.base();
    let (from, to) = a.ends.of(base)?;
    let q = query(&from, &to, &[], a.scenario.as_deref(), &a.constraints);
    let ans = s.with_progress(&|d, t| counted(d, t, "samples"), |progress| {
        let opts = corridor::studies::reliability::Options {
            samples: a.samples,
            seed: a.seed,
            month: a.month,
            within_days: a.within,
            progress: progress.clone(),
        };
        q.reliability(base, a.alternatives.into(), a.max_overlap, &opts)
    })?;
    s.notes(&ans.notes);
    let mut study = match ans.study {
        Ok(s) => s,
        Err(why) => return s.no_route(&why, a.format.is_json()),
    };
    if let Some(by) = a.by {
        study.order_by(by.into());
    }
    if a.format.is_geojson() {
        let routes: Vec<Route> = ans.candidates.iter().map(|c| c.route.clone()).collect();
        s.print(&a.format.geojson(&ans.network, &routes))?;
    } else {
        s.print(&reliability(
            &study,
            &ans.missing,
            a.format.text(s.width())?,
        ))?;
    }
    if let Some(dir) = &a.figures {
        let path =
            figures::write_reliability(&ans.network, &s.path(dir)?, &study, &ans.candidates)?;
        s.say(&format!("wrote {}", s.shown(&path)));
    }
    Ok(Exit::Ok)
}
