//! The Pareto chart of a query ([`pareto_chart`]): its points ([`pareto_points`]: the front,
//! and each corridor family's fastest route for context), each in its family's colour, with the
//! title and credit.

use crate::describe::corridor_words;
use crate::error::Result;
use crate::query::Prepared;
use crate::render::caption::Caption;
use crate::render::chart::{render_pareto, ParetoPoint};
use crate::render::figures::credit::credit_of;
use crate::render::figures::group::inks;
use crate::render::figures::words::title;
use crate::render::style::FIGURE_WIDTH;
use crate::routing::{Objective, Outcome, Route, Router};

/// The points of the Pareto chart: every route of `front` (on the front, named by its
/// corridor), then, for context, each corridor family's fastest route where the front does not
/// have it (named by its family); each in its family's colour ([`inks`]).
pub fn pareto_points(
    router: &Router<'_>,
    p: &Prepared,
    front: &[Route],
) -> Result<Vec<ParetoPoint>> {
    let net = &p.network;
    let mut routes: Vec<(String, bool, Route)> = front
        .iter()
        .map(|r| (corridor_words(net, r), true, r.clone()))
        .collect();
    let sigs: Vec<String> = front.iter().map(Route::signature).collect();
    for f in &net.families {
        if let Outcome::Found(r) =
            router.route_family(p.from, p.to, Objective::Time, &p.constraints, f)?
        {
            if !sigs.contains(&r.signature()) {
                routes.push((f.name.clone(), false, r));
            }
        }
    }
    let all: Vec<&Route> = routes.iter().map(|(_, _, r)| r).collect();
    let inked = inks(net, &all);
    Ok(routes
        .iter()
        .zip(inked)
        .map(|((label, on_front, r), ink)| ParetoPoint {
            label: label.clone(),
            days: r.total.days(),
            usd: r.total.usd,
            on_front: *on_front,
            ink: Some(ink),
        })
        .collect())
}

/// The Pareto chart of time and cost of a prepared query whose front is `front` (non-empty):
/// "Days and dollars · Xi'an → Duisburg · 2026 · baseline", its points and its credit.
pub fn pareto_chart(router: &Router<'_>, p: &Prepared, front: &[Route]) -> Result<String> {
    let points = pareto_points(router, p, front)?;
    let head = front.first().map_or_else(String::new, |r| {
        format!(" · {}", title(&p.network, r, true))
    });
    let caption = Caption::new(
        format!("Days and dollars{head}"),
        credit_of(&p.network, front.iter().take(1)),
    );
    Ok(render_pareto(&caption, &points, FIGURE_WIDTH))
}
