//! Appraisal of corridor investments: candidate projects (`networks/projects/`, [`project`])
//! appraised against a do-minimum ([`cases`]) by their users' benefits at the equilibrium of a
//! year's demand ([`benefits`]), discounted over a horizon ([`appraisal`]); the best set under a
//! budget with the projects' interactions ([`portfolio`]); and the ranking under several
//! scenarios ([`across`]). The shipped projects and defaults are [`shipped`]'s.
//!
//! Each project is appraised alone against the do-minimum; a set's benefit comes from the case
//! with its projects together. The cases are assigned on `jobs` threads through the batch runner
//! ([`crate::studies::batch::runner::execute`]), so the answer does not depend on `jobs`; the
//! transit-time spread of the routes each case uses is studied once per route ([`spread`]).

pub mod across;
pub mod appraisal;
pub mod benefits;
pub mod cases;
pub mod defaults;
mod engine;
pub mod portfolio;
pub mod project;
pub mod robustness;
pub mod shipped;
pub mod spread;

use serde::Serialize;

pub use appraisal::{Money, Outlay, Timeline};
pub use benefits::{Benefit, Prices};
pub use cases::{Cases, Set};
pub use defaults::Defaults;
pub use engine::Engine;
pub use portfolio::{Method, Step};
pub use project::Project;

use crate::error::Result;
use crate::network::Network;
use crate::studies::assign::{Choice, Options};
use crate::studies::demand::Demand;

/// How reliability is valued, in words.
pub fn reliability_words() -> String {
    format!(
        "reliability: each route's P90 − P50 transit time from the network's variability records (Monte Carlo, {} samples, seed {}, common random numbers) × its FEU a year; the spread saved valued at the reliability ratio × the value of time",
        crate::text::thousands(spread::SAMPLES as f64),
        spread::SEED
    )
}

/// What an appraisal is asked.
#[derive(Debug, Clone)]
pub struct Request {
    /// The demand assigned in every case.
    pub demand: Demand,
    /// How it is assigned (the year: the appraisal year).
    pub opts: Options,
    /// The logit choice, when asked for (else the deterministic equilibrium).
    pub choice: Option<Choice>,
    /// What benefits are valued at.
    pub prices: Prices,
    /// The appraisal period and rate.
    pub timeline: Timeline,
    /// A capital budget for the portfolio (none: no portfolio).
    pub budget: Option<f64>,
    /// Cases assigned at once.
    pub jobs: usize,
    /// Counts the equilibrium assignments (cases) as they finish, for a progress display.
    pub progress: crate::progress::Progress,
}

impl Request {
    /// The request of the defaults `d` for `demand` on `net`: its value of time, the defaults'
    /// CO2 price, base year, horizon and rate, the demand's year, the deterministic choice, no
    /// budget, one case at a time.
    pub fn new(net: &Network, demand: Demand, d: &Defaults) -> Request {
        Request {
            demand,
            opts: Options::default(),
            choice: None,
            prices: Prices {
                value_of_time: net.value_of_time,
                co2_usd_per_tonne: d.co2_usd_per_tonne,
                reliability_ratio: d.reliability_ratio,
            },
            timeline: Timeline {
                base_year: d.base_year,
                horizon_years: d.horizon_years,
                rate: d.discount_rate,
            },
            budget: None,
            jobs: 1,
            progress: crate::progress::Progress::default(),
        }
    }
}

/// One project appraised alone against the do-minimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Appraised {
    /// Its id.
    pub id: String,
    /// Its label.
    pub name: String,
    /// Capital, USD.
    pub capital_usd: f64,
    /// Whether the capital is an estimate.
    pub capital_estimate: bool,
    /// Operating cost a year, USD.
    pub operating_usd: f64,
    /// First year of service.
    pub opens: i32,
    /// Last year of service.
    pub last_year: i32,
    /// Its yearly benefit at the demand year.
    pub benefit: Benefit,
    /// Its money over the horizon.
    pub money: Money,
    /// First-year rate of return.
    pub first_year_return: f64,
    /// Years of service to pay back the capital (none within its life).
    pub payback_years: Option<u32>,
    /// Rank by BCR (1 = most return per dollar).
    pub rank: usize,
}

/// The chosen portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolio {
    /// The budget, USD of capital.
    pub budget_usd: f64,
    /// The chosen projects' ids, in build order.
    pub chosen: Vec<String>,
    /// Their capital, USD.
    pub capital_usd: f64,
    /// The set's money, from the cases with its projects together.
    pub money: Money,
    /// The sum of the chosen projects' NPVs alone.
    pub sum_of_parts_npv: f64,
    /// The build order with each project's marginal yearly benefit.
    pub order: Vec<BuildStep>,
    /// How the set was found.
    pub method: Method,
    /// In words.
    pub method_words: &'static str,
    /// Sets whose money was evaluated.
    pub sets_evaluated: usize,
}

/// One project of the build order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuildStep {
    /// Its id.
    pub id: String,
    /// Its yearly benefit given those built before, USD.
    pub marginal_usd: f64,
    /// That per dollar of capital.
    pub per_dollar: f64,
}

/// An appraisal's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Study {
    /// The scenario the cases are built on.
    pub scenario: String,
    /// The demand's name.
    pub demand: String,
    /// The year its cases are assigned in.
    pub year: i32,
    /// Prices.
    pub prices: Prices,
    /// Period and rate.
    pub timeline: Timeline,
    /// How reliability is valued.
    pub reliability: String,
    /// The projects, best BCR first.
    pub projects: Vec<Appraised>,
    /// The portfolio, when a budget was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<Portfolio>,
    /// What could reverse the order of the two best (none with fewer than two).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robustness: Option<robustness::Robustness>,
    /// Equilibrium assignments run.
    pub cases_run: usize,
    /// Of which not converged to the gap.
    pub cases_unconverged: usize,
    /// Distinct routes whose transit-time spread was studied (each once, see [`spread`]).
    pub spread_routes: usize,
}

/// The appraisal of `projects` on `net` (a scenario applied; its value of time is the one the
/// users choose by and the benefits are valued at): each alone, and the portfolio under the
/// budget. `Ok(None)` in `portfolio` cannot happen: a budget below every project is an error
/// the caller maps ([`NothingFits`]).
pub fn appraise(net: &Network, projects: Vec<Project>, req: &Request) -> Result<Study> {
    let cases = Cases::new(net, projects)?;
    let mut engine = Engine::new(&cases, req)?;
    let n = cases.projects.len();
    let singles: Vec<Set> = (0..n).map(|i| 1 << i).collect();
    let values = engine.benefits(&singles)?;
    let t = &req.timeline;
    let mut projects: Vec<Appraised> = Vec::with_capacity(n);
    for (i, p) in cases.projects.iter().enumerate() {
        let o = engine.outlay(i);
        let b = values[i];
        projects.push(Appraised {
            id: p.id.clone(),
            name: p.name.clone(),
            capital_usd: o.capital,
            capital_estimate: p.capital.is_estimate(),
            operating_usd: o.operating,
            opens: p.opens,
            last_year: p.last_year(),
            benefit: b,
            money: appraisal::single(&o, t, b.total_usd),
            first_year_return: appraisal::first_year_return(&o, b.total_usd),
            payback_years: appraisal::payback(&o, b.total_usd),
            rank: 0,
        });
    }
    rank(&mut projects);
    let portfolio = match req.budget {
        None => None,
        Some(budget) => Some(engine.portfolio(budget, &projects)?),
    };
    projects.sort_by_key(|p| p.rank);
    let mut study = Study {
        scenario: net.scenario.clone().unwrap_or_else(|| "baseline".into()),
        demand: req.demand.name.clone(),
        year: req.opts.year.unwrap_or(req.demand.year),
        prices: req.prices,
        timeline: *t,
        reliability: reliability_words(),
        projects,
        portfolio,
        robustness: None,
        cases_run: engine.cases_run(),
        cases_unconverged: engine.unconverged(),
        spread_routes: engine.spreads_studied().0,
    };
    study.robustness = robustness::robustness(&study);
    Ok(study)
}

/// Ranks by BCR (none last), then NPV, then id.
fn rank(projects: &mut [Appraised]) {
    let mut order: Vec<usize> = (0..projects.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&projects[a], &projects[b]);
        let ba = pa.money.bcr.unwrap_or(f64::NEG_INFINITY);
        let bb = pb.money.bcr.unwrap_or(f64::NEG_INFINITY);
        bb.total_cmp(&ba)
            .then(pb.money.npv.total_cmp(&pa.money.npv))
            .then(pa.id.cmp(&pb.id))
    });
    for (r, &i) in order.iter().enumerate() {
        projects[i].rank = r + 1;
    }
}

/// The error of a budget below every candidate's capital: the front end exits 1 with it.
#[derive(Debug, Clone, PartialEq)]
pub struct NothingFits {
    /// The budget, USD.
    pub budget: f64,
    /// The smallest capital, USD.
    pub cheapest: f64,
}

impl std::fmt::Display for NothingFits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "nothing fits: the budget of USD {} is below every candidate's capital (the cheapest costs USD {})",
            crate::text::thousands(self.budget),
            crate::text::thousands(self.cheapest)
        )
    }
}

/// Whether a budget fits none of the candidates: the smallest capital then.
pub fn nothing_fits(projects: &[Project], budget: f64) -> Option<NothingFits> {
    let cheapest = projects
        .iter()
        .map(Project::capital_usd)
        .fold(f64::INFINITY, f64::min);
    (cheapest.is_finite() && cheapest > budget).then_some(NothingFits { budget, cheapest })
}
