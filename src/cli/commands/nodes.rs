//! `corridor nodes`: the network's nodes, filtered by country, corridor or kind, as a table,
//! CSV, Markdown or JSON.

use anyhow::Result;

use corridor::output::nodes::nodes;
use corridor::scenario::Listing;

use crate::cli::args::NodesArgs;
use crate::cli::exit::Exit;
use crate::cli::session::Session;

/// Runs `corridor nodes`.
pub(crate) fn run(s: &Session<'_>, a: &NodesArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let net = bench.base();
    let listing = Listing {
        corridor: a.corridor.clone(),
        country: a.country.clone(),
        kind: a.kind.clone(),
        ..Listing::default()
    };
    let picked = listing.nodes(net)?;
    s.print(&nodes(net, &picked, a.format.text(s.width())?))?;
    Ok(Exit::Ok)
}
