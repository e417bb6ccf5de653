//! The points of the Pareto chart: the front, and each corridor family's fastest route for
//! context.

use crate::describe::corridor_words;
use crate::error::Result;
use crate::query::Prepared;
use crate::render::chart::ParetoPoint;
use crate::routing::{Objective, Outcome, Route, Router};

/// The points of the Pareto chart: every route of `front` (on the front), then, for context,
/// each corridor family's fastest route where the front does not have it (labelled by family).
pub fn pareto_points(
    router: &Router<'_>,
    p: &Prepared,
    front: &[Route],
) -> Result<Vec<ParetoPoint>> {
    let net = &p.network;
    let point = |r: &Route, on_front: bool| ParetoPoint {
        label: corridor_words(net, r),
        days: r.total.days(),
        usd: r.total.usd,
        on_front,
    };
    let mut points: Vec<ParetoPoint> = front.iter().map(|r| point(r, true)).collect();
    let sigs: Vec<String> = front.iter().map(Route::signature).collect();
    for f in &net.families {
        if let Outcome::Found(r) =
            router.route_family(p.from, p.to, Objective::Time, &p.constraints, f)?
        {
            if !sigs.contains(&r.signature()) {
                points.push(ParetoPoint {
                    label: f.id.clone(),
                    ..point(&r, false)
                });
            }
        }
    }
    Ok(points)
}
