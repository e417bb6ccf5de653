//! The benefit–cost chart of an investment appraisal: every project by BCR, best first, the
//! chosen portfolio's projects marked, titled with the demand, scenario and budget; and its file.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::fs::write_atomic;
use crate::network::Network;
use crate::render::caption::Caption;
use crate::render::chart::{render_benefit_cost, BcrBar};
use crate::render::figures::credit::credit;
use crate::render::style::FIGURE_WIDTH;
use crate::studies::invest::Study;
use crate::text::grouped;

/// The chart of a study.
pub fn benefit_cost_svg(net: &Network, st: &Study) -> String {
    let chosen = |id: &str| {
        st.portfolio
            .as_ref()
            .is_some_and(|p| p.chosen.iter().any(|c| c == id))
    };
    let bars: Vec<BcrBar> = st
        .projects
        .iter()
        .map(|p| BcrBar {
            label: p.name.clone(),
            bcr: p.money.bcr.unwrap_or(0.0),
            // Without a portfolio every bar is in the load colour.
            chosen: st.portfolio.is_none() || chosen(&p.id),
            note: format!(
                "BCR {} · NPV USD {} M{}",
                p.money.bcr.map_or("–".into(), |b| grouped(b, 2)),
                grouped(p.money.npv / 1e6, 0),
                if chosen(&p.id) { " · chosen" } else { "" }
            ),
        })
        .collect();
    let portfolio = st.portfolio.as_ref().map_or(String::new(), |p| {
        format!(
            " · blue: the best set for USD {} M of capital",
            grouped(p.budget_usd / 1e6, 0)
        )
    });
    let caption = Caption::new(
        format!(
            "Benefit–cost ratio by project · demand {} in {} · {}{portfolio}",
            st.demand, st.year, st.scenario
        ),
        credit(net, [st.scenario.as_str()]),
    );
    render_benefit_cost(&caption, &bars, FIGURE_WIDTH)
}

/// Writes `invest-<scenario>.svg` into `dir`; its path.
pub fn write_benefit_cost(net: &Network, st: &Study, dir: &Path) -> Result<PathBuf> {
    let path = dir.join(format!("invest-{}.svg", file_word(&st.scenario)));
    write_atomic(&path, benefit_cost_svg(net, st).as_bytes())?;
    Ok(path)
}

/// A scenario's name as a piece of a file name: letters, digits, `-`, `_` and `+` kept, anything
/// else (a path's `/` and `.`) made `-`.
fn file_word(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+') {
                c
            } else {
                '-'
            }
        })
        .collect()
}
