//! What the report is made of, computed once before any file is written: the comparison (every
//! row with its P50 and P90), the first scenario's reliability study, the figures, and the words
//! both documents share (title, byline, summary, facts, data gaps).

use super::summary::{summary, Summary};
use crate::describe::corridor_words;
use crate::error::Result;
use crate::network::Network;
use crate::query::Query;
use crate::render::figures::{self, Figures, Selection};
use crate::scenario::{self, Scenario};
use crate::studies::compare::{self, Comparison};
use crate::studies::observed;
use crate::studies::reliability::{Options, Study};
use crate::studies::standings::Standings;
use crate::text::thousands;

/// What the report covers.
#[derive(Debug, Clone)]
pub struct Request {
    /// The query asked under every scenario (objectives: the comparison's).
    pub query: Query,
    /// The scenarios, the first being the reference.
    pub scenarios: Vec<Scenario>,
    /// Reliability sampling (the comparison's P50/P90 and the first scenario's study).
    pub reliability: Options,
}

/// Everything the report's files are made from.
pub(super) struct Contents {
    /// Every corridor (or the best route) under every scenario, with P50 and P90.
    pub comparison: Comparison,
    /// The first scenario's name, when there is one.
    pub first: Option<String>,
    /// The first scenario's reliability study, unless no route exists at all.
    pub reliability: Option<Study>,
    /// The families without a route in that study: (family id, why).
    pub no_route: Vec<(String, String)>,
    /// The comparison's figures and the routes they draw, unless no scenario has a route.
    pub figures: Option<(Selection, Figures)>,
    /// The reliability study's chart.
    pub reliability_svg: Option<String>,
    /// The documents' title.
    pub title: String,
    /// The line under it: the network, its data year, the scenarios, the tool's version.
    pub byline: String,
    /// The summary: the question, its answer, what each scenario changes, the small table.
    pub summary: Summary,
    /// The network, scenarios, sampling, provenance and units, one sentence each.
    pub facts: [String; 5],
    /// The random components whose figures are estimates.
    pub gaps: Vec<String>,
    /// The shipped observations beside the model's values, or why they do not apply (another
    /// network than the shipped one).
    pub observed: std::result::Result<Vec<observed::Comparison>, String>,
    /// The shipped calibrated route choice against each observed year, or why not.
    pub calibration: std::result::Result<super::calibration::Section, String>,
    /// The shipped candidate projects appraised, or why not.
    pub investments: std::result::Result<super::investments::Section, String>,
    /// The headline questions' sensitivity screening, when the network states some.
    pub sensitivity: Option<std::result::Result<crate::studies::sensitivity::Screening, String>>,
}

/// The first scenario's reliability study, the families it has no route for, and its chart.
type FirstStudy = (Option<Study>, Vec<(String, String)>, Option<String>);

impl Contents {
    /// Runs the comparison and the reliability study and draws the figures.
    pub(super) fn gather(base: &Network, req: &Request) -> Result<Contents> {
        let comparison = comparison(base, req)?;
        let (reliability, no_route, reliability_svg) = first_study(base, req)?;
        let figures = match figures::comparison_selection(&comparison) {
            Some(sel) => {
                let describe = |r: &crate::routing::Route| corridor_words(&comparison.network, r);
                let f = figures::selection_figures(&comparison.network, &sel, &describe)?;
                Some((sel, f))
            }
            None => None,
        };
        let (from, to) = (
            figures::short_name(base, &req.query.from),
            figures::short_name(base, &req.query.to),
        );
        let summary = summary(
            &Standings::of(&comparison),
            &from,
            &to,
            base.study.question_for(&from, &to),
        );
        Ok(Contents {
            first: req.scenarios.first().map(|s| s.name.clone()),
            title: format!("{from} → {to}: the corridors compared"),
            byline: byline(base, req),
            summary,
            facts: facts(base, req),
            gaps: gaps(base),
            observed: observed::resolve(None, base)
                .and_then(|list| observed::compare(base, &list))
                .map_err(|e| e.to_string()),
            calibration: super::calibration::gather(base),
            sensitivity: super::sensitivity::gather(base, &req.query),
            investments: super::investments::gather(base),
            comparison,
            reliability,
            no_route,
            figures,
            reliability_svg,
        })
    }
}

/// The comparison, per corridor family when the network declares some, with every row's P50
/// and P90.
fn comparison(base: &Network, req: &Request) -> Result<Comparison> {
    let creq = compare::Request {
        reliability: Some(req.reliability.clone()),
        ..compare::Request::study(req.query.clone(), base)
    };
    compare::compare(base, req.scenarios.clone(), &creq)
}

/// The first scenario's full reliability study (the query's year, else the scenario's).
fn first_study(base: &Network, req: &Request) -> Result<FirstStudy> {
    let applied = match req.scenarios.first() {
        Some(s) => scenario::apply(base, s)?,
        None => base.clone(),
    };
    let rq = Query {
        scenario: None,
        year: req
            .query
            .year
            .or(req.scenarios.first().and_then(|s| s.year)),
        ..req.query.clone()
    };
    let rel = rq.reliability(&applied, 0, 0.5, &req.reliability)?;
    let svg = rel
        .study
        .as_ref()
        .ok()
        .map(|s| figures::reliability_svg(&rel.network, s, &rel.candidates));
    Ok((rel.study.ok(), rel.missing, svg))
}

/// "Eurasian freight corridors (China to Europe) · data year 2026 · 11 scenarios, baseline the
/// reference · corridor 0.1.0".
fn byline(base: &Network, req: &Request) -> String {
    let n = req.scenarios.len();
    let scenarios = match req.scenarios.first() {
        Some(s) if n > 1 => format!("{n} scenarios, {} the reference", s.name),
        Some(s) => format!("scenario {}", s.name),
        None => "no scenario".into(),
    };
    format!(
        "{} · data year {} · {scenarios} · corridor {}",
        base.name,
        base.data_year,
        env!("CARGO_PKG_VERSION")
    )
}

/// The network and the tool's version, the scenarios, the sampling, the data's provenance and
/// the units.
fn facts(base: &Network, req: &Request) -> [String; 5] {
    let p = &base.provenance;
    [
        format!(
            "Network: {} ({} nodes, {} links, data year {}); corridor {} {}.",
            base.name,
            base.nodes.len(),
            base.links.len(),
            base.data_year,
            env!("CARGO_PKG_VERSION"),
            "(the tool's version)"
        ),
        format!(
            "Scenarios: {} (the first is the reference of every change).",
            req.scenarios
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "Reliability: {} samples per scenario, seed {}, shocks averaged over the year; {} random components ([[variability]]).",
            thousands(req.reliability.samples as f64),
            req.reliability.seed,
            base.variability.len()
        ),
        format!(
            "Provenance: {} source entries, {} of them estimates ({:.0} %); {} link lengths computed rather than measured.",
            p.sources,
            p.estimates,
            if p.sources > 0 { 100.0 * p.estimates as f64 / p.sources as f64 } else { 0.0 },
            base.links.iter().filter(|l| l.km_estimated).count()
        ),
        format!(
            "Value of time {} USD per FEU-hour; CO2 well-to-wheel per FEU at {} t of cargo.",
            base.value_of_time,
            base.emissions.as_ref().map_or("no".into(), |e| format!("{}", e.payload_t))
        ),
    ]
}

/// The random components whose figures are estimates: "Name (id): an estimate".
fn gaps(base: &Network) -> Vec<String> {
    base.variability
        .iter()
        .filter(|v| v.estimate)
        .map(|v| format!("{} ({}): an estimate", v.name, v.id))
        .collect()
}
