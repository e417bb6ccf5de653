//! The `--rank A,B` question: how far two candidate projects' benefit–cost ratios stand apart,
//! BCR(A) − BCR(B), each appraised alone against the do-minimum as `corridor invest` appraises
//! it ([`crate::studies::invest`]: the do-minimum and the cases built from the perturbed network,
//! the demand assigned at equilibrium, valued with the appraisal defaults). A sign
//! change means an estimate's range can reverse the two projects' order.
//!
//! The inputs screened are the network's: the projects' own capital and operating costs are
//! not network numbers, and `corridor invest` moves those itself (its robustness section).

use crate::error::{Error, Result};
use crate::network::Network;
use crate::studies::demand::{self, Demand};
use crate::studies::invest::{self, appraisal, shipped, Cases, Defaults, Engine, Project};

/// The unit of a ranking question's answer.
pub const UNIT: &str = "BCR points";

/// What the screening's notes say about the inputs a ranking question leaves out.
pub const NOT_SCREENED: &str = "the projects' own capital and operating costs are not network inputs and are not screened here: `corridor invest` moves them itself, with the value of time, CO2 price, reliability ratio and discount rate (its robustness section: an estimated capital ±50 %, a published one up to +45 %)";

/// A ranking question checked against the network: every candidate (the do-minimum closes what
/// any of them opens, as in `corridor invest`), the two compared, the demand and the defaults.
#[derive(Debug, Clone)]
pub struct Rank {
    projects: Vec<Project>,
    a: usize,
    b: usize,
    demand: Demand,
    defaults: Defaults,
}

/// The index of project `id` among `projects`, or an error naming the ids there are.
fn index(projects: &[Project], id: &str) -> Result<usize> {
    let ids: Vec<&str> = projects.iter().map(|p| p.id.as_str()).collect();
    ids.iter().position(|i| *i == id).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "--rank: no candidate project `{}`{} (they are: {})",
            crate::error::clip(id),
            crate::text::did_you_mean(id, &ids),
            ids.join(", ")
        ))
    })
}

impl Rank {
    /// Checks the two ids against the candidates of `projects` read against `net` (the
    /// question's scenario applied), resolves the demand and reads the appraisal defaults (a
    /// file, else the shipped ones).
    pub fn new(
        net: &Network,
        [a, b]: [&str; 2],
        demand: &str,
        projects: &str,
        defaults: Option<&str>,
    ) -> Result<Rank> {
        if a == b {
            return Err(Error::InvalidArgument(format!(
                "--rank {a},{b}: the same project twice; name two different candidates"
            )));
        }
        let projects = shipped::candidates(projects, net)?;
        let (ia, ib) = (index(&projects, a)?, index(&projects, b)?);
        Ok(Rank {
            a: ia,
            b: ib,
            demand: demand::resolve(demand, net)?,
            defaults: shipped::defaults_or(defaults.map(std::path::Path::new))?,
            projects,
        })
    }

    /// BCR(A) − BCR(B) on `net` (the perturbed network, the question's scenario applied), the
    /// cases assigned in `year` (none: the demand's); NaN when either has no BCR.
    pub fn value(&self, net: &Network, year: Option<i32>) -> Result<f64> {
        let cases = Cases::new(net, self.projects.clone())?;
        let mut req = invest::Request::new(net, self.demand.clone(), &self.defaults);
        req.opts.year = year;
        let mut engine = Engine::new(&cases, &req)?;
        let sets = [1u64 << self.a, 1u64 << self.b];
        let b = engine.benefits(&sets)?;
        let bcr = |i: usize, k: usize| {
            appraisal::single(&engine.outlay(i), &req.timeline, b[k].total_usd)
                .bcr
                .unwrap_or(f64::NAN)
        };
        Ok(bcr(self.a, 0) - bcr(self.b, 1))
    }
}
