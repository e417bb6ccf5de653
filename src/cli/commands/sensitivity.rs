//! `corridor sensitivity`: the question from the flags (or the network's headline questions),
//! the screening with a progress bar on a terminal, the tables, and the tornado charts on
//! request.

use anyhow::{anyhow, Result};

use corridor::query::study_ends;
use corridor::routing::Objective;
use corridor::studies::batch;
use corridor::studies::sensitivity::{self, Ask, Question, Request};

use crate::cli::args::{key_range, SensitivityArgs};
use crate::cli::exit::Exit;
use crate::cli::progress::counted;
use crate::cli::session::Session;

/// The question the flags ask, or none (then the headline questions).
fn asked(a: &SensitivityArgs, projects: &str, defaults: &Option<String>) -> Result<Option<Ask>> {
    Ok(if let Some(c) = &a.compare {
        match c.as_slice() {
            [x, y] => Some(Ask::Compare(x.clone(), y.clone())),
            _ => {
                return Err(anyhow!(
                    "--compare takes two corridor families, A,B (got {})",
                    c.len()
                ))
            }
        }
    } else if let Some(s) = &a.scenario_effect {
        Some(Ask::Effect {
            scenario: s.clone(),
            family: a.family.clone(),
        })
    } else if let Some(r) = &a.rank {
        match r.as_slice() {
            [x, y] => Some(Ask::Rank {
                a: x.clone(),
                b: y.clone(),
                demand: a.demand.clone(),
                projects: projects.to_string(),
                defaults: defaults.clone(),
            }),
            _ => {
                return Err(anyhow!(
                    "--rank takes two candidate projects, A,B (got {})",
                    r.len()
                ))
            }
        }
    } else if let Some(id) = &a.element {
        Some(Ask::Element {
            id: id.clone(),
            demand: a.demand.clone(),
        })
    } else if a.from.is_some() || a.to.is_some() || a.family.is_some() {
        Some(Ask::Route {
            family: a.family.clone(),
        })
    } else {
        None
    })
}

/// Runs `corridor sensitivity`.
pub(crate) fn run(s: &Session<'_>, a: &SensitivityArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let base = bench.base();
    let projects = match a.projects.as_str() {
        "shipped" => "shipped".to_string(),
        dir => s.path(std::path::Path::new(dir))?.display().to_string(),
    };
    let defaults = match &a.defaults {
        Some(f) => Some(s.path(f)?.display().to_string()),
        None => None,
    };
    let ask = asked(a, &projects, &defaults)?;
    // A ranking question routes nothing: its ends are the study's when the network has them.
    let (from, to) = match (&ask, study_ends(base, a.from.as_deref(), a.to.as_deref())) {
        (Some(Ask::Rank { .. }), Err(_)) => (String::new(), String::new()),
        (_, ends) => ends?,
    };
    let by: Objective = a.by.into();
    let questions = match ask {
        Some(ask) => vec![Question {
            ask,
            from,
            to,
            by,
            scenario: a.scenario.clone(),
            year: a.year,
            words: None,
        }],
        None => {
            let mut qs = sensitivity::headline_questions(base, &from, &to, a.year)?;
            if a.scenario.is_some() {
                for q in &mut qs {
                    q.scenario = a.scenario.clone();
                    q.words = None;
                }
            }
            qs
        }
    };
    let show = match a.show.as_str() {
        "all" => None,
        n => Some(
            n.parse::<usize>()
                .map_err(|_| anyhow!("--show `{n}`: give a number or `all`"))?,
        ),
    };
    let ranges = a
        .range
        .iter()
        .map(|r| key_range("--range", "KEY", r, "kuryk-alat.wait_hours=36:120"))
        .collect::<Result<Vec<_>>>()?;
    let format = a.format.text(s.width())?;
    let screening = s.with_progress(&|d, t| counted(d, t, "evaluations"), |progress| {
        let req = Request {
            questions,
            all: a.all,
            trajectories: a.trajectories,
            seed: a.seed,
            sobol: a.sobol,
            top: a.top,
            ranges,
            only: a.only.clone(),
            progress: progress.clone(),
            jobs: a.jobs.unwrap_or_else(batch::jobs_available),
        };
        sensitivity::screen(base, &req)
    })?;
    s.print(&corridor::output::sensitivity::render(
        &screening, format, show,
    ))?;
    if let Some(dir) = &a.figures {
        let written = corridor::render::figures::write_tornados(base, &screening, &s.path(dir)?)?;
        s.say(&format!("wrote {}", s.paths(&written)));
    }
    if let (Some(path), Some(first)) = (&a.output, screening.studies.first()) {
        let svg = corridor::render::figures::tornado_svg(base, &screening, first);
        s.write_output(path, svg.as_bytes())?;
    }
    // Failed trajectories or rows, reported and exited on as a batch's failed runs.
    let failed: Vec<batch::Failure> = screening
        .studies
        .iter()
        .flat_map(|st| st.failed.iter().cloned())
        .collect();
    let held = screening.studies.len() * (screening.trajectories + screening.sobol.unwrap_or(0));
    for line in batch::report(&failed, held, "trajectories and Sobol rows") {
        s.say(&line);
    }
    Ok(if failed.is_empty() {
        Exit::Ok
    } else {
        Exit::RunsFailed
    })
}
