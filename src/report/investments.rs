//! The report's "Investments" section: the shipped candidate projects (`networks/projects/`)
//! appraised one by one against the do-minimum with the shipped 2030 demand and the shipped
//! appraisal defaults (`networks/appraisal/defaults.toml`), ranked by benefit–cost ratio, with
//! the benefit–cost chart. No portfolio is chosen here (it needs an assignment per set of
//! candidates: `corridor invest --budget` runs it); the section says so.

use std::fmt::Write as _;

use super::html_parts::{esc, table};
use crate::network::Network;
use crate::output::invest::{musd, projects_table};
use crate::output::{grid, md_text, Format};
use crate::studies::invest::{self, shipped, Defaults, Request, Study};
use crate::text::grouped;

/// The section's heading.
pub(super) const HEADING: &str = "Investments";

/// The demand the section appraises against.
const DEMAND: &str = "2030";

/// What the section shows.
pub(super) struct Section {
    /// The appraisal.
    pub(super) study: Study,
    /// The defaults it used.
    defaults: Defaults,
    /// The benefit–cost chart.
    pub(super) svg: String,
}

/// The shipped candidates appraised on `base`, or why not (another network than the shipped
/// one, or none shipped).
pub(super) fn gather(base: &Network) -> std::result::Result<Section, String> {
    let go = || -> crate::error::Result<Section> {
        let defaults = shipped::defaults()?;
        let projects = shipped::projects(base)?;
        let demand = crate::studies::demand::resolve(DEMAND, base)?;
        let req = Request::new(base, demand, &defaults);
        let study = invest::appraise(base, projects, &req)?;
        let svg = crate::render::figures::benefit_cost_svg(base, &study);
        Ok(Section {
            study,
            defaults,
            svg,
        })
    };
    go().map_err(|e| e.to_string())
}

/// The words before the table: what was done, with the assumptions and their sources.
fn intro(s: &Section) -> Vec<String> {
    let (st, d, t) = (&s.study, &s.defaults, &s.study.timeline);
    let mut lines = vec![format!(
        "Each candidate project (networks/projects/) appraised alone against the do-minimum (the network without any candidate: a link a project opens is closed without it): the demand \"{}\" assigned to an equilibrium in {} with and without the project, the users' gain valued at USD {} per FEU-hour (the network's value of time) plus USD saved plus CO2 avoided at USD {} per tonne plus the transit-time spread (P90 − P50) saved at {} × the value of time; held at that year's value from the project's opening to the end of its life or of the {}-year horizon, discounted at {} % to {}. Capital falls in the year before opening; the life left after the horizon counts as residual value, an inflow in the horizon's last year (EU CBA guide 2014), shown apart from the users' benefits: PV benefits = PV users + PV residual, so a project whose users gain nothing still shows a small BCR from its residual alone.",
        st.demand,
        st.year,
        grouped(st.prices.value_of_time, 2),
        grouped(st.prices.co2_usd_per_tonne, 1),
        grouped(st.prices.reliability_ratio, 2),
        t.horizon_years,
        grouped(t.rate * 100.0, 1),
        t.base_year
    )];
    lines.push(format!(
        "Sources: discount rate: {}; horizon: {}; CO2 price: {}; reliability ratio: {}.",
        d.discount_rate_source, d.horizon_source, d.co2_source, d.reliability_ratio_source
    ));
    if let Some(best) = st.projects.first() {
        lines.push(format!(
            "Most return per dollar: {} (BCR {}, NPV USD {}). {} of {} candidates return more than they cost alone. Projects that only pay together (sections of one line) or that relieve the same bottleneck are not seen apart: `corridor invest --budget USD` chooses the best set with the projects run together, and the order to build them. Each project's first-year return and payback are in invest.csv.",
            best.name,
            best.money.bcr.map_or("–".into(), |b| grouped(b, 2)),
            musd(best.money.npv),
            st.projects.iter().filter(|p| p.money.bcr.is_some_and(|b| b > 1.0)).count(),
            st.projects.len()
        ));
    }
    let mut note = st.reliability.clone();
    if let Some(first) = note.get(..1) {
        note = format!("{}{}.", first.to_uppercase(), &note[1..]);
    }
    lines.push(note);
    lines
}

/// The columns of `corridor invest`'s project table the report leaves to its CSV (invest.csv),
/// so that the table fits a desktop screen.
const LEFT_TO_CSV: [&str; 2] = ["FYRR", "payback"];

/// The project table as the report shows it: head, cells, right-aligned.
fn report_table(st: &Study) -> (Vec<&'static str>, Vec<Vec<String>>, Vec<bool>) {
    let (head, cells, right) = projects_table(st);
    let keep: Vec<usize> = (0..head.len())
        .filter(|&i| !LEFT_TO_CSV.contains(&head[i]))
        .collect();
    (
        keep.iter().map(|&i| head[i]).collect(),
        cells
            .iter()
            .map(|row| keep.iter().map(|&i| row[i].clone()).collect())
            .collect(),
        keep.iter().map(|&i| right[i]).collect(),
    )
}

/// The chart's caption (what it shows and what to see), in both documents.
fn caption(s: &Section) -> String {
    format!(
        "Benefit–cost ratio of each candidate project alone against the do-minimum (the {} demand in {}, discounted at {} % to {}); a bar past the dashed line (BCR = 1) returns more than it costs. Projects that pay only together, such as the sections of one line, show little alone.",
        s.study.demand,
        s.study.year,
        grouped(s.study.timeline.rate * 100.0, 1),
        s.study.timeline.base_year
    )
}

/// The chart's short text (an image's alternative).
const ALT: &str = "Benefit–cost ratio by candidate project";

/// The section in Markdown; its chart is figure `n`.
pub(super) fn markdown(s: &std::result::Result<Section, String>, n: usize) -> String {
    let mut md = format!("\n## {HEADING}\n\n");
    let s = match s {
        Ok(s) => s,
        Err(why) => {
            writeln!(md, "Not computed for this network: {}", md_text(why)).unwrap();
            return md;
        }
    };
    for l in intro(s) {
        writeln!(md, "{}\n", md_text(&l)).unwrap();
    }
    let (head, cells, right) = report_table(&s.study);
    md.push_str(&grid(&head, &cells, &right, Format::Markdown));
    write!(
        md,
        "\n![Figure {n}: {ALT}](invest.svg)\n\n*Figure {n}. {}*\n",
        md_text(&caption(s))
    )
    .unwrap();
    md
}

/// The section in HTML (inside its `<section>`); its chart is figure `n`.
pub(super) fn html(s: &std::result::Result<Section, String>, n: usize) -> String {
    let mut h = String::new();
    let s = match s {
        Ok(s) => s,
        Err(why) => {
            writeln!(h, "<p>Not computed for this network: {}</p>", esc(why)).unwrap();
            return h;
        }
    };
    for l in intro(s) {
        writeln!(h, "<p>{}</p>", esc(&l)).unwrap();
    }
    let (head, cells, right) = report_table(&s.study);
    h.push_str(&table(
        "The candidates appraised alone, most return per dollar first",
        &head,
        &cells,
        &right,
    ));
    writeln!(
        h,
        "<figure id=\"figure-{n}\">\n{}\n<figcaption><b>Figure {n}.</b> {}</figcaption>\n</figure>",
        s.svg,
        esc(&caption(s))
    )
    .unwrap();
    h
}
