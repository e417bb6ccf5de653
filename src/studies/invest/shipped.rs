//! The shipped candidate projects (`networks/projects/*.toml`) and appraisal defaults
//! (`networks/appraisal/defaults.toml`), embedded in the binary by the build script (one list,
//! [`crate::load::EMBEDDED_PROJECTS`], made from the folder's files).

use super::defaults::{self, Defaults};
use super::project::{self, Project};
use crate::error::{Error, Result};
use crate::load::{self, SourceFile};
use crate::network::Network;

/// The shipped project files, each with its stem, in name order.
pub fn project_files() -> Vec<(String, SourceFile)> {
    load::EMBEDDED_PROJECTS
        .iter()
        .map(|(f, text)| {
            (
                f.trim_end_matches(".toml").to_string(),
                SourceFile {
                    name: format!("<embedded>/networks/projects/{f}"),
                    text: (*text).to_string(),
                },
            )
        })
        .collect()
}

/// The shipped projects, checked against `net`, in id order.
pub fn projects(net: &Network) -> Result<Vec<Project>> {
    project::read_all(&project_files(), net)
}

/// The shipped appraisal defaults.
pub fn defaults() -> Result<Defaults> {
    let Some((f, text)) = load::EMBEDDED_APPRAISAL
        .iter()
        .find(|(f, _)| *f == "defaults.toml")
    else {
        return Err(Error::InvalidArgument(
            "no shipped appraisal defaults (networks/appraisal/defaults.toml): give --defaults FILE"
                .into(),
        ));
    };
    defaults::parse(&SourceFile {
        name: format!("<embedded>/networks/appraisal/{f}"),
        text: (*text).to_string(),
    })
}

/// The candidates `source` names, checked against `net`, in id order: `shipped`, or a folder of
/// project files (or one file), read as named.
pub fn candidates(source: &str, net: &Network) -> Result<Vec<Project>> {
    if source == "shipped" {
        projects(net)
    } else {
        project::read_all(&project::folder_files(std::path::Path::new(source))?, net)
    }
}

/// The appraisal defaults of `file`, or the shipped ones.
pub fn defaults_or(file: Option<&std::path::Path>) -> Result<Defaults> {
    match file {
        None => defaults(),
        Some(f) => defaults::parse(&SourceFile {
            name: f.display().to_string(),
            text: crate::fs::read_text(f)?,
        }),
    }
}

/// Of `projects`, those `only` names (all when it is empty); an id that is not among them is an
/// error with "did you mean" and the ids there are.
pub fn keep_only(mut projects: Vec<Project>, only: &[String]) -> Result<Vec<Project>> {
    if only.is_empty() {
        return Ok(projects);
    }
    let known: Vec<&str> = projects.iter().map(|p| p.id.as_str()).collect();
    if let Some(id) = only.iter().find(|id| !known.contains(&id.as_str())) {
        return Err(Error::InvalidArgument(format!(
            "--only {}: no such candidate{} (they are: {})",
            crate::error::clip(id),
            crate::text::did_you_mean(id, &known),
            known.join(", ")
        )));
    }
    projects.retain(|p| only.contains(&p.id));
    Ok(projects)
}
