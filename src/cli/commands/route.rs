//! `corridor route`: the best route(s) between two nodes, in one of four modes — the best P90
//! route (`--by p90`), K dissimilar alternatives, the best route of each corridor family, or one
//! best route per objective (with its figures on request).

use anyhow::Result;

use corridor::describe::corridor_words;
use corridor::output::corridors::corridors;
use corridor::output::route::routes;
use corridor::output::{json_list, Format};
use corridor::render::figures;
use corridor::render::map::Extent;
use corridor::routing::Route;
use corridor::text::thousands;

use crate::cli::args::{query, By, RouteArgs};
use crate::cli::exit::Exit;
use crate::cli::inputs::{solve, why_none};
use crate::cli::session::Session;

/// Runs `corridor route`.
pub(crate) fn run(s: &Session<'_>, a: &RouteArgs) -> Result<Exit> {
    if a.by.contains(&By::P90) {
        return best_p90(s, a);
    }
    if let Some(k) = a.alternatives {
        return alternatives(s, a, k as usize);
    }
    if a.per_corridor {
        return per_corridor(s, a);
    }
    best(s, a)
}

/// `--by p90`: the route with the best 90th-percentile days among the reliability candidates.
fn best_p90(s: &Session<'_>, a: &RouteArgs) -> Result<Exit> {
    anyhow::ensure!(
        a.by.len() == 1 && a.alternatives.is_none() && !a.per_corridor,
        "--by p90 stands alone (no other objective, --alternatives or --per-corridor); `corridor reliability` shows every route's percentiles"
    );
    let q = query(&a.from, &a.to, &[], a.scenario.as_deref(), &a.constraints);
    let ans = q.reliability(
        s.bench()?.base(),
        3,
        0.5,
        &corridor::studies::reliability::Options::default(),
    )?;
    s.notes(&ans.notes);
    let study = match &ans.study {
        Ok(study) => study,
        Err(why) => return s.no_route(why, a.format.is_json()),
    };
    let i = study.best_p90().expect("a study has routes");
    let (c, r) = (&ans.candidates[i], &study.routes[i]);
    s.say(&format!(
        "note: chosen by the best P90 of {} routes: {} — P50 {:.1} d, P90 {:.1} d ({} samples, seed {})",
        study.routes.len(),
        c.label,
        r.p50_days,
        r.p90_days,
        thousands(study.samples as f64),
        study.seed
    ));
    s.print(&routes(
        &ans.network,
        std::slice::from_ref(&c.route),
        a.format.text(s.width())?,
    ))?;
    Ok(Exit::Ok)
}

/// `--alternatives K`: up to K dissimilar routes per objective.
fn alternatives(s: &Session<'_>, a: &RouteArgs, k: usize) -> Result<Exit> {
    let q = query(&a.from, &a.to, &a.by, a.scenario.as_deref(), &a.constraints);
    let bench = s.bench()?;
    let p = q.prepare_on(&bench)?;
    s.notes(&p.notes);
    let (_, _, router) = bench.router(q.scenario.as_deref(), q.payload_t)?;
    let mut found = Vec::new();
    for &o in &q.objectives {
        found.extend(router.alternatives(p.from, p.to, o, &p.constraints, k, a.max_overlap)?);
    }
    if found.is_empty() {
        let why = why_none(&router, &p, q.objectives[0])?;
        return s.no_route(&why, a.format.is_json());
    }
    if a.format.is_geojson() {
        s.print(&a.format.geojson(&p.network, &found))?;
    } else {
        s.print(&routes(&p.network, &found, a.format.text(s.width())?))?;
    }
    Ok(Exit::Ok)
}

/// `--per-corridor`: the best route of every corridor family, or why a family has none.
fn per_corridor(s: &Session<'_>, a: &RouteArgs) -> Result<Exit> {
    let q = query(&a.from, &a.to, &a.by, a.scenario.as_deref(), &a.constraints);
    let pc = q.per_corridor_on(&*s.bench()?)?;
    s.notes(&pc.notes);
    if a.format.is_geojson() {
        let found: Vec<Route> = pc
            .rows
            .iter()
            .filter_map(|row| {
                let mut r = row.outcome.as_ref().ok()?.clone();
                r.family = Some(row.family.clone());
                Some(r)
            })
            .collect();
        s.print(&a.format.geojson(&pc.network, &found))?;
    } else {
        s.print(&corridors(&pc.network, &pc.rows, a.format.text(s.width())?))?;
    }
    Ok(if pc.rows.iter().any(|r| r.outcome.is_ok()) {
        Exit::Ok
    } else {
        Exit::NoRoute
    })
}

/// The best route per objective, and its map and charts with `--figures`.
fn best(s: &Session<'_>, a: &RouteArgs) -> Result<Exit> {
    let q = query(&a.from, &a.to, &a.by, a.scenario.as_deref(), &a.constraints);
    let (net, found) = match solve(s, &q)? {
        Ok(x) => x,
        Err(why) => return s.no_route(&why, a.format.is_json()),
    };
    let net = &net;
    if a.format.is_geojson() {
        s.print(&a.format.geojson(net, &found))?;
        return Ok(Exit::Ok);
    }
    let format: Format = a.format.text(s.width())?;
    if found.len() > 1 && format == Format::Json {
        // Several objectives (`--by all`) give a list of routes.
        s.print(&json_list("routes", "routes", &found))?;
    } else {
        s.print(&routes(net, &found, format))?;
    }
    if let Some(dir) = &a.figures {
        let chosen = figures::by_objective(&found);
        let sel = figures::Selection {
            title: figures::title(net, &found[0], true),
            stem: format!("route-{}-{}", found[0].from, found[0].to),
            bars: chosen.clone(),
            chosen,
            extent: Extent::FitRoutes,
        };
        let dir = s.path(dir)?;
        let written = figures::write_selection(net, &dir, &sel, &|r| corridor_words(net, r))?;
        s.say(&format!("wrote {}", s.paths(&written)));
    }
    Ok(Exit::Ok)
}
