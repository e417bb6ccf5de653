//! The reliability chart of a study: each candidate route's transit-time distribution in its
//! corridor family's ink, titled with the query, the sample count and the seed, and credited.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::fs::write_atomic;
use crate::network::Network;
use crate::render::caption::Caption;
use crate::render::chart::{render_cdf, CdfSeries};
use crate::render::figures::credit::credit_of;
use crate::render::figures::group::inks;
use crate::render::figures::words::short_name;
use crate::render::style::FIGURE_WIDTH;
use crate::routing::Route;
use crate::studies::reliability::{Candidate, Study};
use crate::text::thousands;

/// The reliability chart of a study as SVG text: each route in the ink of its candidate's route
/// (found by label; in the candidate's family when it is a family's best), in the study's order.
pub fn reliability_svg(net: &Network, study: &Study, candidates: &[Candidate]) -> String {
    let routes: Vec<Option<Route>> = study
        .routes
        .iter()
        .map(|r| {
            let c = candidates.iter().find(|c| c.label == r.label)?;
            let mut route = c.route.clone();
            route.family = c.family.clone().or(route.family);
            Some(route)
        })
        .collect();
    let found: Vec<&Route> = routes.iter().flatten().collect();
    let mut inked = inks(net, &found).into_iter();
    let series: Vec<CdfSeries> = study
        .routes
        .iter()
        .zip(&routes)
        .map(|(r, route)| CdfSeries {
            label: r.label.clone(),
            cdf: r.cdf.clone(),
            p50: r.p50_days,
            p90: r.p90_days,
            ink: route.as_ref().and_then(|_| inked.next()),
        })
        .collect();
    let head = candidates.first().map_or_else(String::new, |c| {
        format!(
            "{} → {} · {} · {} · ",
            short_name(net, &c.route.from),
            short_name(net, &c.route.to),
            c.route.year,
            c.route.scenario
        )
    });
    let title = format!(
        "{head}transit days, {} samples, seed {}",
        thousands(study.samples as f64),
        study.seed
    );
    let caption = Caption::new(title, credit_of(net, candidates.iter().map(|c| &c.route)));
    render_cdf(&caption, &series, FIGURE_WIDTH)
}

/// Writes the reliability chart (`reliability.svg`) of a study into `dir`; its path.
pub fn write_reliability(
    net: &Network,
    dir: &Path,
    study: &Study,
    candidates: &[Candidate],
) -> Result<PathBuf> {
    let path = dir.join("reliability.svg");
    write_atomic(&path, reliability_svg(net, study, candidates).as_bytes())?;
    Ok(path)
}
