//! Where a command's output goes: text to standard output, figures to files written atomically
//! through the library's writer (or to standard output for `-`), notes and messages to standard
//! error.
//!
//! Standard output is flushed after each write, so a closed pipe shows up as an error here (and
//! [`crate::cli::main`] treats it as a quiet success).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use corridor::routing::NoRoute;

use super::exit::Exit;

/// Writes `s` to standard output.
pub(crate) fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a figure to a file atomically, or to standard output for `-`.
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(());
    }
    corridor::fs::write_atomic(path, bytes)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Says why there is no route: on standard error, and with `--format json` (`json`) also as a
/// `no_route` document on standard output, so that a script reading the JSON gets an answer.
/// The exit code stays 1.
pub(crate) fn no_route(why: &NoRoute, json: bool) -> Result<Exit> {
    eprintln!("{why}");
    if json {
        print(&corridor::output::route::no_route_json(why))?;
    }
    Ok(Exit::NoRoute)
}

/// Prints a query's notes on standard error, one `note:` line each.
pub(crate) fn notes(notes: &[String]) {
    for n in notes {
        eprintln!("note: {n}");
    }
}

/// File names for a message: "a.svg, b.svg".
pub(crate) fn paths(p: &[PathBuf]) -> String {
    p.iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
