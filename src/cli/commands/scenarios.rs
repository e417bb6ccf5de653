//! `corridor scenarios`: the shipped scenarios, each with its year, description and edits.

use anyhow::Result;

use corridor::output::fit::fit_text;
use corridor::scenario;

use crate::cli::exit::Exit;
use crate::cli::session::Session;

/// Runs `corridor scenarios`.
pub(crate) fn run(s: &Session<'_>) -> Result<Exit> {
    let mut out = String::new();
    for name in scenario::embedded_names() {
        let sc = scenario::resolve(name)?;
        let year = sc.year.map_or(String::new(), |y| format!(" (year {y})"));
        out += &format!("{name}{year}: {}\n", sc.description);
        for e in &sc.edits {
            out += &format!("    · {}: {}\n", e.describe(), e.rationale);
        }
    }
    s.print(&fit_text(&out, s.width()))?;
    Ok(Exit::Ok)
}
