//! The manifest: a TOML file of runs, each an id and a `corridor` command line without the
//! program name, with optional defaults for every run.
//!
//! ```toml
//! [batch]
//! network = "networks/big"          # --network for every run that gives none
//!
//! [[run]]
//! id = "xian-duisburg-time"
//! args = ["route", "--from", "Xi'an", "--to", "duisburg"]
//! ```
//!
//! Ids are unique, 1 to 100 characters of letters, digits, `-`, `_` and `.` (not first): each
//! names the run's files. Paths in `args` and `network` are read as on the command line (from
//! the folder the batch runs in). Unknown keys are refused with their line and the closest known
//! key.

use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::error::{Error, Problem, Result};
use crate::load::{SourceFile, Text};
use crate::text::did_you_mean;

/// The longest run id.
pub const MAX_ID_CHARS: usize = 100;

/// A manifest, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The manifest's text as read (copied into every results folder, so that a merge knows the
    /// runs and their order).
    pub text: String,
    /// The runs, in the manifest's order.
    pub runs: Vec<Run>,
}

/// One run of a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Its place in the manifest, from 0.
    pub index: usize,
    /// Its id (unique in the manifest; names its files).
    pub id: String,
    /// The command line without the program name, the manifest's defaults applied.
    pub args: Vec<String>,
    /// The line of its `[[run]]` in the manifest.
    pub line: usize,
}

impl Run {
    /// A fingerprint of what the run computes: the program's version and the run's arguments
    /// (FNV-1a, 64 bits, as 16 hexadecimal digits). A result with another fingerprint is stale.
    pub fn fingerprint(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(env!("CARGO_PKG_VERSION").as_bytes());
        for a in &self.args {
            eat(&[0]);
            eat(a.as_bytes());
        }
        format!("{h:016x}")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    batch: Option<Spanned<RawBatch>>,
    #[serde(default)]
    run: Vec<Spanned<RawRun>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBatch {
    network: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRun {
    id: String,
    args: Vec<String>,
}

/// The keys a manifest knows, for a "did you mean".
const KEYS: &[&str] = &["batch", "run", "network", "id", "args"];

impl Manifest {
    /// Reads and checks the manifest at `path`.
    pub fn load(path: &Path) -> Result<Manifest> {
        Manifest::parse(&path.display().to_string(), &crate::fs::read_text(path)?)
    }

    /// Parses and checks a manifest's text; `name` is the file named in its problems.
    pub fn parse(name: &str, text: &str) -> Result<Manifest> {
        let file = SourceFile {
            name: name.to_string(),
            text: text.to_string(),
        };
        let lines = Text::new(&file);
        let problem = |at: usize, field: &str, message: String| Problem {
            file: name.to_string(),
            line: lines.line_of(at),
            field: field.to_string(),
            message,
        };
        let raw: RawManifest = toml::from_str(text).map_err(|e| {
            let (field, message) = toml_problem(e.message());
            Error::InvalidManifest {
                problems: vec![problem(e.span().map_or(0, |s| s.start), &field, message)],
            }
        })?;
        let network = raw.batch.as_ref().and_then(|b| b.get_ref().network.clone());
        let mut problems = Vec::new();
        if let Some(n) = &network {
            if n.is_empty() {
                let at = raw.batch.as_ref().map_or(0, |b| b.span().start);
                problems.push(problem(
                    at,
                    "batch.network",
                    "is empty: give a network's path".into(),
                ));
            }
        }
        let mut runs: Vec<Run> = Vec::new();
        for (index, r) in raw.run.iter().enumerate() {
            let at = r.span().start;
            let line = lines.line_of(at);
            let mut bad = |field: &str, message: String| {
                problems.push(problem(at, &format!("run.{field}"), message))
            };
            let rr = r.get_ref();
            if let Some(why) = id_problem(&rr.id) {
                bad(
                    "id",
                    format!(
                        "`{}` (run {}): {why}",
                        crate::error::clip(&rr.id),
                        index + 1
                    ),
                );
            } else if let Some(first) = runs.iter().find(|p| p.id == rr.id) {
                bad("id", format!("`{}` (run {}) is also the id of run {} at line {}: ids name the runs' files and must be unique", rr.id, index + 1, first.index + 1, first.line));
            }
            if rr.args.is_empty() {
                bad("args", format!("run `{}` (run {}) has no arguments: give a command and its arguments, e.g. [\"route\", \"--from\", \"xian\", \"--to\", \"duisburg\"]", crate::error::clip(&rr.id), index + 1));
            }
            runs.push(Run {
                index,
                id: rr.id.clone(),
                args: with_defaults(&rr.args, network.as_deref()),
                line,
            });
        }
        if runs.is_empty() && problems.is_empty() {
            problems.push(problem(
                0,
                "run",
                "the manifest has no [[run]]: give at least one".into(),
            ));
        }
        if !problems.is_empty() {
            return Err(Error::InvalidManifest { problems });
        }
        Ok(Manifest {
            text: text.to_string(),
            runs,
        })
    }

    /// The run with id `id`.
    pub fn run(&self, id: &str) -> Option<&Run> {
        self.runs.iter().find(|r| r.id == id)
    }
}

/// A run's arguments with the manifest's `network` put first, unless the run names its own.
fn with_defaults(args: &[String], network: Option<&str>) -> Vec<String> {
    let own = args
        .iter()
        .any(|a| a == "--network" || a.starts_with("--network="));
    match network {
        Some(n) if !own => ["--network".to_string(), n.to_string()]
            .into_iter()
            .chain(args.iter().cloned())
            .collect(),
        _ => args.to_vec(),
    }
}

/// Why `id` cannot name a run's files, if it cannot.
fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
        return Some(format!("an id is 1 to {MAX_ID_CHARS} characters"));
    }
    if id.starts_with('.') {
        return Some("an id does not start with `.`".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Some(format!(
            "`{}` is not allowed in an id (it names the run's files): use letters, digits, `-`, `_` and `.`",
            c.escape_default()
        ));
    }
    None
}

/// The field and message of a TOML error: an unknown key named with the closest known one.
fn toml_problem(message: &str) -> (String, String) {
    let message = message.trim();
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(key, _)| key.to_string());
    match unknown {
        Some(key) => (
            key.clone(),
            format!(
                "unknown key `{}`: a manifest holds [batch] network and [[run]] id, args{}",
                crate::error::clip(&key),
                did_you_mean(&key, KEYS)
            ),
        ),
        None => ("toml".to_string(), message.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> String {
        Manifest::parse("m.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn runs_keep_their_order_and_get_the_default_network() {
        let m = Manifest::parse(
            "m.toml",
            "[batch]\nnetwork = \"n.toml\"\n\n[[run]]\nid = \"b\"\nargs = [\"nodes\"]\n\n[[run]]\nid = \"a\"\nargs = [\"--network\", \"x\", \"nodes\"]\n",
        )
        .unwrap();
        let ids: Vec<&str> = m.runs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(m.runs[0].args, ["--network", "n.toml", "nodes"]);
        assert_eq!(m.runs[1].args, ["--network", "x", "nodes"]);
        assert_eq!((m.runs[0].line, m.runs[1].line), (4, 8));
        assert_ne!(m.runs[0].fingerprint(), m.runs[1].fingerprint());
        assert_eq!(m.runs[0].fingerprint().len(), 16);
    }

    #[test]
    fn bad_manifests_name_the_file_line_and_field() {
        let p = problems("[[run]]\nid = \"a\"\nargz = [\"nodes\"]\n");
        assert!(
            p.contains("m.toml:3") && p.contains("did you mean args?"),
            "{p}"
        );
        let p = problems(
            "[[run]]\nid = \"a\"\nargs = [\"nodes\"]\n[[run]]\nid = \"a\"\nargs = [\"nodes\"]\n",
        );
        assert!(
            p.contains("m.toml:4") && p.contains("also the id of run 1 at line 1"),
            "{p}"
        );
        let p = problems("[[run]]\nid = \"a/b\"\nargs = [\"nodes\"]\n");
        assert!(p.contains("`/` is not allowed"), "{p}");
        let p = problems("[[run]]\nid = \"a\"\nargs = []\n");
        assert!(p.contains("has no arguments"), "{p}");
        assert!(problems("").contains("no [[run]]"));
        assert!(problems("[batchh]\n").contains("did you mean batch?"));
    }
}
