//! The tornado chart of a sensitivity screening's question: its first inputs by μ*, each bar
//! red where the input's range can flip the answer's sign, titled with the question, and the
//! files of every question's chart.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::fs::write_atomic;
use crate::network::Network;
use crate::render::caption::Caption;
use crate::render::chart::{render_tornado, TornadoBar};
use crate::render::figures::credit::credit;
use crate::render::style::FIGURE_WIDTH;
use crate::studies::sensitivity::{Screening, Study};
use crate::text::grouped;

/// The most bars a tornado chart draws.
pub const BARS: usize = 15;

/// A number for a bar's note: three significant digits.
fn short(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    let d = if a >= 100.0 || a == 0.0 {
        0
    } else {
        (2 - a.log10().floor() as i64).clamp(0, 9) as usize
    };
    grouped(v, d)
}

/// The chart of one question's screening: its first 15 inputs by μ* (`BARS`).
pub fn tornado_svg(net: &Network, s: &Screening, st: &Study) -> String {
    let bars: Vec<TornadoBar> = st
        .rows
        .iter()
        .take(BARS)
        .map(|r| TornadoBar {
            label: r.input.key.clone(),
            mu_star: r.morris.mu_star,
            sigma: r.morris.sigma,
            flips: r.flips.is_some_and(|f| f.yes()),
            note: format!(
                "μ* {} · σ {}",
                short(r.morris.mu_star),
                short(r.morris.sigma)
            ),
        })
        .collect();
    let flips = if st.signed {
        "; red: the range can flip the sign"
    } else {
        ""
    };
    let caption = Caption::new(
        format!(
            "What moves the answer · {} · Morris r = {}, seed {}{flips}",
            st.question, s.trajectories, s.seed
        ),
        credit(net, std::iter::empty::<&str>()),
    );
    render_tornado(&caption, &bars, st.unit, FIGURE_WIDTH)
}

/// Writes `sensitivity-1.svg`, `sensitivity-2.svg`, … (one per question) into `dir`; their paths.
pub fn write_tornados(net: &Network, s: &Screening, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for (i, st) in s.studies.iter().enumerate() {
        let path = dir.join(format!("sensitivity-{}.svg", i + 1));
        write_atomic(&path, tornado_svg(net, s, st).as_bytes())?;
        out.push(path);
    }
    Ok(out)
}
