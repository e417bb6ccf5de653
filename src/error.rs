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
        let file = printable(std::borrow::Cow::Borrowed(&self.file));
        let field = printable(clip_to(&self.field, 200));
        let message = printable(clip_to(&self.message, 1000));
        if self.line > 0 {
            write!(f, "{file}:{}: {field}: {message}", self.line)
        } else {
            write!(f, "{file}: {field}: {message}")
        }
    }
}

/// The most problems listed for one file; the others are counted ("… and 12,345 more problems
/// in this file"), so that a large bad input gives a screenful, not megabytes.
pub const MAX_PROBLEMS_SHOWN: usize = 100;

/// Formats a list of problems one per line, at most [`MAX_PROBLEMS_SHOWN`] for each file (the
/// files in the order of their first problem).
fn list(problems: &[Problem]) -> String {
    let mut files: Vec<(&str, Vec<String>, usize)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in problems {
        let i = *at.entry(p.file.as_str()).or_insert_with(|| {
            files.push((p.file.as_str(), Vec::new(), 0));
            files.len() - 1
        });
        let (_, shown, more) = &mut files[i];
        if shown.len() < MAX_PROBLEMS_SHOWN {
            shown.push(format!("  {p}"));
        } else {
            *more += 1;
        }
    }
    let mut lines = Vec::new();
    for (file, shown, more) in files {
        lines.extend(shown);
        if more > 0 {
            lines.push(format!(
                "  {file}: … and {} more problem{} in this file",
                crate::text::thousands(more as f64),
                plural(more)
            ));
        }
    }
    lines.join("\n")
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
    /// Candidate project files have problems; all of them are listed.
    #[error("{} problem{} in project files:\n{}", problems.len(), plural(problems.len()), list(problems))]
    InvalidProject {
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
    /// A batch manifest has problems; all of them are listed and no run was started.
    #[error("{} problem{} in batch manifest:\n{}", problems.len(), plural(problems.len()), list(problems))]
    InvalidManifest {
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

/// A text with every character that must not reach a terminal as it is (a control, a
/// bidirectional override: a file's text echoed in a message) written as `\u{…}`.
fn printable(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(crate::text::is_unsafe_char) {
        return s;
    }
    s.chars()
        .map(|c| {
            if crate::text::is_unsafe_char(c) {
                format!("\\u{{{:04X}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// A user's text as echoed in a message: at most 60 characters.
pub(crate) fn clip(s: &str) -> String {
    clip_to(s, 60).into_owned()
}

/// A text of at most `max` characters, and the length of a longer one.
fn clip_to(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some((i, _)) => format!("{}… ({} characters)", &s[..i], s.chars().count()).into(),
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
