//! Where a command's output goes: text to the session's standard output, figures to files
//! written atomically through the library's writer (or to standard output for `-`), notes and
//! messages to the session's standard error (see [`super::session`]).
//!
//! Standard output is flushed after each write, so a closed pipe shows up as an error here (and
//! [`crate::cli::main`] treats it as a quiet success).

use std::path::{Path, PathBuf};

use anyhow::Result;
use corridor::routing::NoRoute;

use super::exit::Exit;
use super::session::Session;

impl Session<'_> {
    /// Writes `s` to standard output.
    pub(crate) fn print(&self, s: &str) -> Result<()> {
        self.out_bytes(s.as_bytes())
    }

    /// Writes a figure to a file atomically (inside a batch run's folder), or to standard output
    /// for `-`.
    pub(crate) fn write_output(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        if path.as_os_str() == "-" {
            return self.out_bytes(bytes);
        }
        corridor::fs::write_atomic(&self.path(path)?, bytes)?;
        self.say(&format!("wrote {}", path.display()));
        Ok(())
    }

    /// Says why there is no route: on standard error, and with `--format json` (`json`) also as
    /// a `no_route` document on standard output, so that a script reading the JSON gets an
    /// answer. The exit code stays 1.
    pub(crate) fn no_route(&self, why: &NoRoute, json: bool) -> Result<Exit> {
        self.say(&why.to_string());
        if json {
            self.print(&corridor::output::route::no_route_json(why))?;
        }
        Ok(Exit::NoRoute)
    }

    /// Prints a query's notes on standard error, one `note:` line each.
    pub(crate) fn notes(&self, notes: &[String]) {
        for n in notes {
            self.say(&format!("note: {n}"));
        }
    }

    /// File names written, for a message: "a.svg, b.svg" (as the user named them).
    pub(crate) fn paths(&self, p: &[PathBuf]) -> String {
        p.iter()
            .map(|p| self.shown(p))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
