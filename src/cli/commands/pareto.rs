//! `corridor pareto`: the exact Pareto front over two or three criteria.

use std::time::Duration;

use anyhow::Result;

use corridor::output;
use corridor::routing::{Budget, Objective, Router};

use crate::cli::args::{query, ParetoArgs};
use crate::cli::exit::Exit;
use crate::cli::inputs::why_none;
use crate::cli::session::Session;

/// Runs `corridor pareto`.
pub(crate) fn run(s: &Session<'_>, a: &ParetoArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let base = bench.base();
    let (from, to) = a.ends.of(base)?;
    let p = query(&from, &to, &[], a.scenario.as_deref(), &a.constraints).prepare(base)?;
    s.notes(&p.notes);
    let mut criteria: Vec<Objective> = Vec::new();
    for c in &a.criteria {
        let o = Objective::from(*c);
        anyhow::ensure!(!criteria.contains(&o), "--criteria names `{o}` twice");
        criteria.push(o);
    }
    let router = Router::new(&p.network)?.with_budget(Budget {
        time: Duration::from_secs_f64(a.time_limit),
        ..Budget::default()
    });
    let front = router.pareto(p.from, p.to, &criteria, &p.constraints, a.epsilon)?;
    if front.is_empty() {
        return s.no_route(&why_none(&router, &p, criteria[0])?, a.format.is_json());
    }
    if a.format.is_geojson() {
        s.print(&a.format.geojson(&p.network, &front))?;
    } else {
        s.print(&output::pareto::pareto(
            &p.network,
            &front,
            a.format.text(s.width())?,
        ))?;
    }
    Ok(Exit::Ok)
}
