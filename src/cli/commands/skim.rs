//! `corridor skim`: the origin–destination matrix between a set of places, by each objective.

use anyhow::Result;

use corridor::output::{self, Format};
use corridor::studies::skim::{self, Places, Request};

use crate::cli::args::{check_by, modes, objectives, SkimArgs};
use crate::cli::exit::Exit;
use crate::cli::progress::counted;
use crate::cli::session::Session;

/// Runs `corridor skim`.
pub(crate) fn run(s: &Session<'_>, a: &SkimArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let base = bench.base();
    check_by(&a.by, "skim")?;
    let to_file = a.output.as_ref().filter(|p| p.as_os_str() != "-");
    let format = match a.format.text(s.width())? {
        // A table written to a file is not fitted to the terminal.
        Format::Table { .. } if to_file.is_some() => Format::TABLE,
        f => f,
    };
    let c = &a.constraints;
    let req = Request {
        places: if a.nodes.is_empty() {
            Places::default()
        } else {
            Places::Named(a.nodes.clone())
        },
        objectives: objectives(&a.by),
        scenario: a.scenario.clone(),
        year: c.year,
        avoid: c.avoid.clone(),
        modes: modes(&c.modes),
        value_of_time: c.value_of_time,
        payload_t: c.payload_t,
        progress: Default::default(),
    };
    let skim = s.with_progress(
        &|d, t| format!("skim: {}", counted(d, t, "searches")),
        |p| {
            skim::skim(
                base,
                &Request {
                    progress: p.clone(),
                    ..req
                },
            )
        },
    )?;
    s.notes(&skim.notes);
    let text = output::skim::skim(&skim, format);
    match to_file {
        Some(path) => s.write_output(path, text.as_bytes())?,
        None => s.print(&text)?,
    }
    Ok(Exit::Ok)
}
