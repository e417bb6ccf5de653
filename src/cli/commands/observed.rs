//! `corridor observed`: the shipped (or given) observations beside the model's values.

use anyhow::Result;

use corridor::studies::observed::{self, Kind};

use crate::cli::args::ObservedArgs;
use crate::cli::exit::Exit;
use crate::cli::session::Session;

/// Runs `corridor observed`.
pub(crate) fn run(s: &Session<'_>, a: &ObservedArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let net = bench.base();
    let kinds = a
        .kind
        .iter()
        .map(|k| Kind::named(k).map_err(anyhow::Error::msg))
        .collect::<Result<Vec<Kind>>>()?;
    let format = a.format.text(s.width())?;
    let mut list = observed::resolve(a.observations.as_deref(), net)?;
    if !kinds.is_empty() {
        list.retain(|o| kinds.contains(&o.kind));
    }
    let rows = observed::compare(net, &list)?;
    s.print(&corridor::output::observed::render(&rows, format))?;
    Ok(Exit::Ok)
}
