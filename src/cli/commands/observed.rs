//! `corridor observed`: the shipped (or given) observations beside the model's values.

use anyhow::Result;

use corridor::network::Network;
use corridor::studies::observed::{self, Kind};

use crate::cli::args::ObservedArgs;
use crate::cli::exit::Exit;
use crate::cli::print::print;

/// Runs `corridor observed`.
pub(crate) fn run(net: &Network, a: &ObservedArgs) -> Result<Exit> {
    let kinds = a
        .kind
        .iter()
        .map(|k| Kind::named(k).map_err(anyhow::Error::msg))
        .collect::<Result<Vec<Kind>>>()?;
    let format = a.format.text()?;
    let mut list = observed::resolve(a.observations.as_deref(), net)?;
    if !kinds.is_empty() {
        list.retain(|o| kinds.contains(&o.kind));
    }
    let rows = observed::compare(net, &list)?;
    print(&corridor::output::observed::render(&rows, format))?;
    Ok(Exit::Ok)
}
