//! `corridor pareto`: the exact Pareto front over two or three criteria.

use anyhow::Result;

use corridor::network::Network;
use corridor::report;
use corridor::solve::{Objective, Router};

use crate::cli::args::{query, Criterion, FormatArg, ParetoArgs};
use crate::cli::exit::Exit;
use crate::cli::print::{notes, print};

/// Runs `corridor pareto`.
pub(crate) fn run(base: &Network, a: &ParetoArgs) -> Result<Exit> {
    let p = query(&a.from, &a.to, &[], a.scenario.as_deref(), &a.constraints).prepare(base)?;
    notes(&p.notes);
    let mut criteria: Vec<Objective> = Vec::new();
    for c in &a.criteria {
        let o = match c {
            Criterion::Time => Objective::Time,
            Criterion::Cost => Objective::Cost,
            Criterion::Co2 => Objective::Co2,
        };
        anyhow::ensure!(!criteria.contains(&o), "--criteria names `{o}` twice");
        criteria.push(o);
    }
    let router = Router::new(&p.network)?;
    let front = router.pareto(p.from, p.to, &criteria, &p.constraints, a.epsilon)?;
    if front.is_empty() {
        eprintln!("no route from {} to {}", a.from, a.to);
        return Ok(Exit::NoRoute);
    }
    if a.format == FormatArg::Geojson {
        print(&corridor::geojson::routes(&p.network, &front))?;
    } else {
        print(&report::pareto(&p.network, &front, a.format.text()?))?;
    }
    Ok(Exit::Ok)
}
