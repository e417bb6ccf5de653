//! `corridor nodes`: the network's nodes, filtered by country, corridor or kind, as a table,
//! CSV, Markdown or JSON.

use anyhow::Result;

use corridor::network::Network;
use corridor::output::nodes::nodes;
use corridor::scenario::Listing;

use crate::cli::args::NodesArgs;
use crate::cli::exit::Exit;
use crate::cli::print::print;

/// Runs `corridor nodes`.
pub(crate) fn run(net: &Network, a: &NodesArgs) -> Result<Exit> {
    let listing = Listing {
        corridor: a.corridor.clone(),
        country: a.country.clone(),
        kind: a.kind.clone(),
        ..Listing::default()
    };
    let picked = listing.nodes(net)?;
    print(&nodes(net, &picked, a.format.text()?))?;
    Ok(Exit::Ok)
}
