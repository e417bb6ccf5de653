//! Errors of the library, and the `Problem` record that data validation collects.
//!
//! Data problems are collected, not thrown one at a time: `validate` reports every problem in a
//! network or scenario at once, each naming its file, line and field. A missing route is not an
//! error at all (see [`crate::routing::Outcome`]).

use std::fmt;
use std::path::PathBuf;

/// One problem found in a data file: where it is, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, as given by the user (or `<embedded>/NAME` for the shipped data).
    pub file: String,
    /// 1-based line number; 0 when the problem concerns the file or network as a whole.
    pub line: usize,
    /// The field concerned, dotted for nested ones (`border.hours`), or a record label.
    pub field: String,
    /// What is wrong, lower-case, ideally with the fix.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}: {}: {}",
                self.file, self.line, self.field, self.message
            )
        } else {
            write!(f, "{}: {}: {}", self.file, self.field, self.message)
        }
    }
}

/// Formats a list of problems one per line.
fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every error the library returns. All of them mean bad input or an unreadable file; the CLI maps
/// them to exit code 2.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {reason}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The operating system's reason.
        reason: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {reason}")]
    Write {
        /// The path that failed.
        path: PathBuf,
        /// The operating system's reason.
        reason: std::io::Error,
    },
    /// The network data has problems; all of them are listed.
    #[error("{} problem{} in network data:\n{}", problems.len(), plural(problems.len()), list(problems))]
    InvalidNetwork {
        /// Every problem found, in file and line order.
        problems: Vec<Problem>,
    },
    /// A scenario file has problems; all of them are listed and nothing was applied.
    #[error("{} problem{} in scenario:\n{}", problems.len(), plural(problems.len()), list(problems))]
    InvalidScenario {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// A demand file has problems; all of them are listed.
    #[error("{} problem{} in demand file:\n{}", problems.len(), plural(problems.len()), list(problems))]
    InvalidDemand {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// Observation files have problems; all of them are listed.
    #[error("{} problem{} in observations:\n{}", problems.len(), plural(problems.len()), list(problems))]
    InvalidObservations {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// A node name or id given on the command line matches no node.
    #[error("unknown node `{}`{}", clip(query), suggest(suggestions))]
    UnknownNode {
        /// What the user typed.
        query: String,
        /// The closest ids, best first.
        suggestions: Vec<String>,
    },
    /// A node query that matches several nodes.
    #[error("`{}` matches {} nodes: {}; give an id or a longer name", clip(query), candidates.len(), candidates.join(", "))]
    AmbiguousNode {
        /// What was asked for.
        query: String,
        /// The matching nodes, as "id (name)".
        candidates: Vec<String>,
    },
    /// A request argument is invalid (an unknown country code, a bad range…).
    #[error("{0}")]
    InvalidArgument(String),
}

/// A number as shown in a message: exponent form when huge or tiny (1e308, not 309 digits).
pub(crate) fn number(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A user's text as echoed in a message: at most 60 characters.
pub(crate) fn clip(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        None => s.to_string(),
        Some((i, _)) => format!("{}… ({} characters)", &s[..i], s.chars().count()),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::from(" (see `corridor nodes` for the list)")
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
