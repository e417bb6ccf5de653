//! `corridor export`: the network (a scenario applied first) as GeoJSON, to a file or standard
//! output.

use std::path::Path;

use anyhow::Result;

use corridor::network::Network;

use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::print::write_output;

/// Runs `corridor export`.
pub(crate) fn run(base: Network, scenario: Option<&str>, output: &Path) -> Result<Exit> {
    let net = with_scenario(base, scenario)?;
    write_output(output, corridor::output::geojson::network(&net).as_bytes())?;
    Ok(Exit::Ok)
}
