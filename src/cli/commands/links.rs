//! `corridor links`: the network's links (a scenario applied first), filtered by mode, corridor,
//! country or status, for writing scenario selections and sweeps.

use anyhow::Result;

use corridor::network::{Mode, Network};
use corridor::output::links::links;
use corridor::scenario::Listing;

use crate::cli::args::LinksArgs;
use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::print::print;

/// Runs `corridor links`.
pub(crate) fn run(base: Network, a: &LinksArgs) -> Result<Exit> {
    let net = with_scenario(base, a.scenario.as_deref())?;
    let listing = Listing {
        mode: a.mode.map(Mode::from),
        corridor: a.corridor.clone(),
        country: a.country.clone(),
        status: a.status.clone(),
        kind: None,
    };
    let format = a.format.text()?;
    let picked = listing.links(&net)?;
    print(&links(&net, &picked, format))?;
    Ok(Exit::Ok)
}
