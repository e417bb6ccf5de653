//! `corridor scenarios`: the shipped scenarios, each with its year, description and edits.

use anyhow::Result;

use corridor::output::fit::fit_text;
use corridor::scenario;

use crate::cli::exit::Exit;
use crate::cli::print::print;
use crate::cli::width::table_width;

/// Runs `corridor scenarios`.
pub(crate) fn run() -> Result<Exit> {
    let mut out = String::new();
    for name in scenario::embedded_names() {
        let s = scenario::resolve(name)?;
        let year = s.year.map_or(String::new(), |y| format!(" (year {y})"));
        out += &format!("{name}{year}: {}\n", s.description);
        for e in &s.edits {
            out += &format!("    · {}: {}\n", e.describe(), e.rationale);
        }
    }
    print(&fit_text(&out, table_width()))?;
    Ok(Exit::Ok)
}
