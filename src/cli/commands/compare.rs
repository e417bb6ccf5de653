//! `corridor compare`: one query across scenarios side by side, with the study's figures on
//! request.

use anyhow::Result;

use corridor::describe::corridor_words;
use corridor::output::compare::render;
use corridor::render::figures;
use corridor::routing::Route;
use corridor::studies::compare::{compare, Request};
use corridor::Query;

use crate::cli::args::{check_by, modes, objectives, CompareArgs};
use crate::cli::exit::Exit;
use crate::cli::inputs::study_scenarios;
use crate::cli::progress::counted;
use crate::cli::session::Session;

/// Runs `corridor compare`.
pub(crate) fn run(s: &Session<'_>, a: &CompareArgs) -> Result<Exit> {
    let bench = s.bench()?;
    let net = bench.base();
    check_by(&a.by, "compare")?;
    let (from, to) = a.ends.of(net)?;
    let scenarios = study_scenarios(net, &a.scenario)?;
    let query = Query {
        from,
        to,
        objectives: objectives(&a.by),
        scenario: None,
        year: a.year,
        avoid: Vec::new(),
        modes: modes(&a.modes),
        value_of_time: a.value_of_time,
        payload_t: a.payload_t,
    };
    let mut req = Request::study(query, net);
    req.per_corridor &= !a.overall;
    // Only --reliability samples are counted; without it the line just says what runs.
    let words = |d, t| match t {
        0 => "comparing the scenarios".to_string(),
        _ => format!("compare: {}", counted(d, t, "samples")),
    };
    let c = s.with_progress(&words, |progress| {
        req.reliability = a
            .reliability
            .then(|| corridor::studies::reliability::Options {
                samples: a.samples,
                seed: a.seed,
                progress: progress.clone(),
                ..Default::default()
            });
        compare(net, scenarios, &req)
    })?;
    s.print(&render(&c, a.format.text(s.width())?))?;
    if let Some(dir) = &a.figures {
        let Some(mut sel) = figures::comparison_selection(&c) else {
            s.say("no route in any scenario: no figures written");
            return Ok(Exit::NoRoute);
        };
        sel.extent = a.view.extent()?;
        let describe = |r: &Route| {
            if req.per_corridor {
                r.objective.adjective().to_string()
            } else {
                format!("{}, {}", corridor_words(net, r), r.objective.adjective())
            }
        };
        let written = figures::write_selection(net, &s.path(dir)?, &sel, &describe)?;
        s.say(&format!("wrote {}", s.paths(&written)));
    }
    Ok(Exit::Ok)
}
