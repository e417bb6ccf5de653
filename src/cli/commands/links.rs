//! `corridor links`: the network's links (a scenario applied first), filtered by mode, corridor,
//! country or status, for writing scenario selections and sweeps.

use anyhow::Result;

use corridor::network::Mode;
use corridor::output::links::links;
use corridor::scenario::Listing;

use crate::cli::args::LinksArgs;
use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::session::Session;

/// Runs `corridor links`.
pub(crate) fn run(s: &Session<'_>, a: &LinksArgs) -> Result<Exit> {
    let net = with_scenario(&*s.bench()?, a.scenario.as_deref())?;
    let listing = Listing {
        mode: a.mode.map(Mode::from),
        corridor: a.corridor.clone(),
        country: a.country.clone(),
        status: a.status.clone(),
        kind: None,
    };
    let format = a.format.text(s.width())?;
    let picked = listing.links(net)?;
    s.print(&links(net, &picked, format))?;
    Ok(Exit::Ok)
}
