//! The reliability chart of a study: each candidate route's transit-time distribution, titled
//! with the query, the sample count and the seed.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::fs::write_atomic;
use crate::network::Network;
use crate::render::chart::{render_cdf, CdfSeries};
use crate::render::figures::words::short_name;
use crate::render::style::FIGURE_WIDTH;
use crate::studies::reliability::{Candidate, Study};
use crate::text::thousands;

/// The reliability chart of a study as SVG text.
pub fn reliability_svg(net: &Network, study: &Study, candidates: &[Candidate]) -> String {
    let series: Vec<CdfSeries> = study
        .routes
        .iter()
        .map(|r| CdfSeries {
            label: r.label.clone(),
            cdf: r.cdf.clone(),
            p50: r.p50_days,
            p90: r.p90_days,
        })
        .collect();
    let head = candidates.first().map_or_else(String::new, |c| {
        format!(
            "{} → {} · {} · {}",
            short_name(net, &c.route.from),
            short_name(net, &c.route.to),
            c.route.year,
            c.route.scenario
        )
    });
    let t = format!(
        "{head} · transit days, {} samples, seed {}",
        thousands(study.samples as f64),
        study.seed
    );
    render_cdf(&t, &series, FIGURE_WIDTH)
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
