//! Skims: the origin–destination matrix between a set of places, by one or more objectives. For
//! each ordered pair and objective, the km, hours, USD, generalized cost and CO2 of the best route
//! by that objective, or why there is none; from a place to itself, zeros.
//!
//! The places are named as a user names them (ids or names, each resolved as `route` resolves
//! `--from`, with "did you mean" for an unknown one), or are the network's required places (the
//! ones it promises to connect, `required` in `[network.study]`). The scenario, year, avoided
//! places, modes, value of time and payload are a [`Query`]'s, resolved by
//! [`Query::conditions`]; the searches are [`Router::skim`]'s (one per origin and objective), so
//! every cell is what `corridor route --by OBJECTIVE` answers for the pair.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::network::{Mode, Network};
use crate::progress::Progress;
use crate::query::Query;
use crate::routing::{Metrics, Objective, Router};

/// The most places a skim takes (a million ordered pairs per objective).
pub const MAX_PLACES: usize = 1_000;

/// Which places a skim is between: by default, the network's required places.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Places {
    /// The network's required places (`required` in `[network.study]`), in its order.
    #[default]
    Required,
    /// Node ids or names, in the order given (rows and columns follow it).
    Named(Vec<String>),
}

/// What a skim asks: the places, the objectives, and the conditions of every pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The places: rows and columns of every matrix, in this order.
    pub places: Places,
    /// One matrix per objective, in this order.
    pub objectives: Vec<Objective>,
    /// A shipped scenario's name, a scenario file, or several joined by `+`; none for the base.
    pub scenario: Option<String>,
    /// An explicit year, overriding the scenario's.
    pub year: Option<i32>,
    /// Country codes and node ids or names no route may use.
    pub avoid: Vec<String>,
    /// The modes a route may use.
    pub modes: std::collections::BTreeSet<Mode>,
    /// Value of time, USD per FEU-hour [default: the network's].
    pub value_of_time: Option<f64>,
    /// Tonnes of cargo per FEU for CO2 [default: the network's].
    pub payload_t: Option<f64>,
    /// Counts the searches (places × objectives), for a progress display.
    pub progress: Progress,
}

impl Request {
    /// A skim of `places` by time, with every mode, no scenario and nothing avoided.
    pub fn new(places: Places) -> Request {
        Request {
            places,
            objectives: vec![Objective::Time],
            scenario: None,
            year: None,
            avoid: Vec::new(),
            modes: Mode::ALL.into_iter().collect(),
            value_of_time: None,
            payload_t: None,
            progress: Progress::default(),
        }
    }

    /// The query whose conditions every pair shares (its ends are not read).
    fn query(&self) -> Query {
        Query {
            objectives: self.objectives.clone(),
            scenario: self.scenario.clone(),
            year: self.year,
            avoid: self.avoid.clone(),
            modes: self.modes.clone(),
            value_of_time: self.value_of_time,
            payload_t: self.payload_t,
            ..Query::new("", "")
        }
    }
}

/// A place of a skim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Node id.
    pub id: String,
    /// Node name.
    pub name: String,
}

/// One ordered pair by one objective: the totals of the best route, or why there is none.
pub type Cell = std::result::Result<Metrics, String>;

/// A finished skim.
#[derive(Debug, Clone, PartialEq)]
pub struct Skim {
    /// The scenario routed under ("baseline" for none).
    pub scenario: String,
    /// The year routed in.
    pub year: i32,
    /// The value of time of the generalized cost, USD per FEU-hour.
    pub value_of_time: f64,
    /// The countries (ISO codes) and places (node ids) every route was kept out of.
    pub avoid: Vec<String>,
    /// The modes routes were limited to, when not every mode.
    pub modes: Option<Vec<Mode>>,
    /// The places, rows and columns of every matrix.
    pub places: Vec<Place>,
    /// The objectives, one matrix each.
    pub objectives: Vec<Objective>,
    /// Per objective, the cells row by row: `cells[k][i * n + j]` from place `i` to place `j`.
    pub cells: Vec<Vec<Cell>>,
    /// Remarks worth showing the user.
    pub notes: Vec<String>,
}

impl Skim {
    /// The cell from place `i` to place `j` by the `k`-th objective.
    pub fn cell(&self, k: usize, i: usize, j: usize) -> &Cell {
        &self.cells[k][i * self.places.len() + j]
    }

    /// A route's generalized cost from its totals: USD + value of time × hours.
    pub fn generalized_usd(&self, m: &Metrics) -> f64 {
        m.value(Objective::Generalized, self.value_of_time)
    }
}

/// Runs a skim on `base` (the scenario applied first).
pub fn skim(base: &Network, req: &Request) -> Result<Skim> {
    let q = req.query();
    q.check_objectives()?;
    let mut conditions = q.conditions(base)?;
    let net: &Network = &conditions.network;
    let indices = places(net, &req.places)?;
    if net.emissions.is_none() && req.objectives.contains(&Objective::Co2) {
        conditions.notes.push(
            "the network gives no emission factors ([network.emissions]): CO2 is 0 everywhere and the co2 objective says nothing".into(),
        );
    }
    let c = &conditions.constraints;
    let router = Router::new(net)?;
    let mut avoid: Vec<String> = c.avoid_countries.iter().cloned().collect();
    avoid.extend(c.avoid_nodes.iter().map(|&i| net.nodes[i].id.clone()));
    let cells = router
        .skim(&indices, &req.objectives, c, &req.progress)?
        .into_iter()
        .map(|m| m.into_iter().map(|x| x.map_err(|n| n.reason)).collect())
        .collect();
    Ok(Skim {
        scenario: net.scenario.clone().unwrap_or_else(|| "baseline".into()),
        year: c.year,
        value_of_time: c.value_of_time,
        avoid,
        modes: c
            .restricts_modes()
            .then(|| c.modes.iter().copied().collect()),
        places: indices
            .iter()
            .map(|&i| Place {
                id: net.nodes[i].id.clone(),
                name: net.nodes[i].name.clone(),
            })
            .collect(),
        objectives: req.objectives.clone(),
        cells,
        notes: conditions.notes,
    })
}

/// The node indices of the places: each name resolved (an unknown or ambiguous one is an error
/// naming it), none twice, at least two, at most [`MAX_PLACES`].
fn places(net: &Network, places: &Places) -> Result<Vec<usize>> {
    let names: Vec<String> = match places {
        Places::Named(v) => v
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Places::Required if net.study.required.is_empty() => {
            return Err(Error::InvalidArgument(
                "the network names no required places (`required` in [network.study]): give the places with --nodes".into(),
            ))
        }
        Places::Required => net.study.required.clone(),
    };
    if names.len() > MAX_PLACES {
        return Err(Error::InvalidArgument(format!(
            "a skim is between 2 and {MAX_PLACES} places, not {}",
            names.len()
        )));
    }
    let mut out: Vec<usize> = Vec::with_capacity(names.len());
    for name in &names {
        let i = net
            .find(name)
            .map_err(|e| Error::InvalidArgument(format!("--nodes {name}: {e}")))?;
        if let Some(k) = out.iter().position(|&x| x == i) {
            return Err(Error::InvalidArgument(format!(
                "--nodes names `{}` twice (`{}` and `{name}`)",
                net.nodes[i].id, names[k]
            )));
        }
        out.push(i);
    }
    if out.len() < 2 {
        return Err(Error::InvalidArgument(format!(
            "a skim is between 2 and {MAX_PLACES} places, not {}",
            out.len()
        )));
    }
    Ok(out)
}
