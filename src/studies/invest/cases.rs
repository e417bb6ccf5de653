//! The cases an appraisal compares: the do-minimum (the network, a scenario applied, with every
//! link or node some candidate opens closed: a project that opens a link owns it) and the case
//! "with a set P" (the do-minimum with the edits of P's projects, in id order).

use super::project::Project;
use crate::error::{Error, Result};
use crate::network::Network;
use crate::scenario::{self, apply_edit, Edit, EditKind, Scenario};

/// A set of candidates as a bit mask over the candidate list (bit i = the i-th project, in id
/// order): at most 63 candidates.
pub type Set = u64;

/// The most candidates an appraisal takes (a set is a 64-bit mask).
pub const MAX_CANDIDATES: usize = 63;

/// The do-minimum and the candidates whose edits make the other cases.
#[derive(Debug, Clone)]
pub struct Cases {
    /// The do-minimum network.
    pub without: Network,
    /// The candidates, in id order.
    pub projects: Vec<Project>,
}

impl Cases {
    /// The do-minimum of `net` (a scenario already applied) for `projects` (in id order).
    pub fn new(net: &Network, projects: Vec<Project>) -> Result<Cases> {
        if projects.len() > MAX_CANDIDATES {
            return Err(Error::InvalidArgument(format!(
                "{} candidate projects: an appraisal takes at most {MAX_CANDIDATES}",
                projects.len()
            )));
        }
        let mut without = net.clone();
        for p in &projects {
            for e in &p.changes.edits {
                let EditKind::Open { select } = &e.kind else {
                    continue;
                };
                // A selection of the project's own additions is not in the network: nothing
                // to close.
                let present = if select.is_of_nodes() {
                    select.nodes(&without).is_ok_and(|n| !n.is_empty())
                } else {
                    select.links(&without).is_ok_and(|l| !l.is_empty())
                };
                if present {
                    let close = Edit {
                        kind: EditKind::Close {
                            select: select.clone(),
                        },
                        ..e.clone()
                    };
                    apply_edit(&mut without, &close)
                        .map_err(|p| Error::InvalidProject { problems: vec![p] })?;
                }
            }
        }
        Ok(Cases { without, projects })
    }

    /// The network with the projects of `set` built (their edits applied to the do-minimum in
    /// id order); the do-minimum itself for the empty set.
    pub fn with(&self, set: Set) -> Result<Network> {
        if set == 0 {
            return Ok(self.without.clone());
        }
        let parts: Vec<Scenario> = self
            .members(set)
            .map(|i| self.projects[i].changes.clone())
            .collect();
        let mut net = scenario::apply(&self.without, &Scenario::combine(parts))?;
        net.scenario = self.without.scenario.clone();
        Ok(net)
    }

    /// The indices of the projects in `set`, in id order.
    pub fn members(&self, set: Set) -> impl Iterator<Item = usize> + '_ {
        (0..self.projects.len()).filter(move |i| set >> i & 1 == 1)
    }

    /// The set of every candidate.
    pub fn all(&self) -> Set {
        if self.projects.len() == 64 {
            u64::MAX
        } else {
            (1u64 << self.projects.len()) - 1
        }
    }

    /// The projects of `set` in service in `year`.
    pub fn open_in(&self, set: Set, year: i32) -> Set {
        self.members(set)
            .filter(|&i| self.projects[i].in_service(year))
            .fold(0, |s, i| s | 1 << i)
    }

    /// The capital of `set`, USD, undiscounted.
    pub fn capital(&self, set: Set) -> f64 {
        self.members(set)
            .map(|i| self.projects[i].capital_usd())
            .sum()
    }

    /// The ids of `set`, in id order.
    pub fn ids(&self, set: Set) -> Vec<String> {
        self.members(set)
            .map(|i| self.projects[i].id.clone())
            .collect()
    }
}
