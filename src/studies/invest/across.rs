//! The appraisal under several scenarios (`--across S1,S2,…`): each scenario's ranking and
//! portfolio, and the projects whose rank changes between them.

use serde::Serialize;

use super::Study;

/// One project's rank under each scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankRow {
    /// Its id.
    pub id: String,
    /// Its rank under each scenario, in the order given.
    pub ranks: Vec<usize>,
    /// Whether the rank differs between scenarios.
    pub changes: bool,
}

/// The studies under each scenario and the rank changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Across {
    /// The studies, in the order of the scenarios given.
    pub studies: Vec<Study>,
    /// Per project (in the first study's rank order), its ranks.
    pub ranks: Vec<RankRow>,
}

/// The rank table of `studies` (the same candidates in each).
pub fn across(studies: Vec<Study>) -> Across {
    let ranks = studies
        .first()
        .map(|first| {
            first
                .projects
                .iter()
                .map(|p| {
                    let ranks: Vec<usize> = studies
                        .iter()
                        .map(|s| {
                            s.projects
                                .iter()
                                .find(|q| q.id == p.id)
                                .map_or(0, |q| q.rank)
                        })
                        .collect();
                    let changes = ranks.iter().any(|&r| r != ranks[0]);
                    RankRow {
                        id: p.id.clone(),
                        ranks,
                        changes,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Across { studies, ranks }
}
