//! The front door every front end shares (the CLI today; a report or a service tomorrow): a
//! [`Query`] holds what a user asks, in the user's words (node names, country codes, a scenario
//! name); [`Query::run`] makes the decisions a front end must not make on its own:
//!
//! - the scenario: a shipped name, a file, or `a+b`, applied to the base network;
//! - the year: an explicit year, else the scenario's, else the year the data describe; never a
//!   year before the one the data describe ([`check_year`]);
//! - `avoid`: a two-letter ISO code that is not a node id avoids a country, anything else names a
//!   node (by id or name, ambiguity being an error);
//! - the value of time, checked against its limits; the modes allowed;
//! - one route per objective, or the reason there is none.
//!
//! Besides [`Query::run`], a query answers with the best route of each corridor family
//! ([`Query::per_corridor`]), and gives its network and constraints without its ends to studies
//! of many pairs ([`Query::conditions`], for a skim); the reliability study of a query is
//! [`crate::studies::reliability`]'s ([`Query::reliability`]). It prints nothing: the words about a route are [`crate::describe`]'s,
//! the tables [`crate::output`]'s.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::network::{limits, Mode, Network};
use crate::routing::{Constraints, NoRoute, Objective, Outcome, Route, Router};
use crate::scenario;

mod shared;

pub use shared::{Shelf, Workbench};

/// What a user asks: between two places, by some objectives, under a scenario and constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// Origin: node id or name.
    pub from: String,
    /// Destination: node id or name.
    pub to: String,
    /// One route per objective, in this order.
    pub objectives: Vec<Objective>,
    /// A shipped scenario's name, a scenario file, or several joined by `+`; none for the base.
    pub scenario: Option<String>,
    /// An explicit query year, overriding the scenario's.
    pub year: Option<i32>,
    /// Country codes and node ids or names to keep out of the route.
    pub avoid: Vec<String>,
    /// The modes a route may use.
    pub modes: BTreeSet<Mode>,
    /// Value of time, USD per FEU-hour [default: the network's].
    pub value_of_time: Option<f64>,
    /// Tonnes of cargo per FEU for CO2 [default: the network's].
    pub payload_t: Option<f64>,
}

impl Query {
    /// A query by time with every mode, no scenario and nothing avoided.
    pub fn new(from: &str, to: &str) -> Query {
        Query {
            from: from.to_string(),
            to: to.to_string(),
            objectives: vec![Objective::Time],
            scenario: None,
            year: None,
            avoid: Vec::new(),
            modes: Mode::ALL.into_iter().collect(),
            value_of_time: None,
            payload_t: None,
        }
    }

    /// Applies the scenario, resolves the names and builds the constraints, without routing (for
    /// studies that route many times, such as a sweep).
    pub fn prepare<'a>(&self, base: &'a Network) -> Result<Prepared<'a>> {
        let (network, scenario_year) = self.network(base)?;
        self.prepared(network, scenario_year)
    }

    /// [`Query::prepare`] on a workbench's shared scenario network.
    pub fn prepare_on<'s>(&self, bench: &Workbench<'s>) -> Result<Prepared<'s>> {
        let (network, year) = bench.network(self.scenario.as_deref(), self.payload_t)?;
        self.prepared(std::borrow::Cow::Borrowed(network), year)
    }

    /// The names resolved and the constraints built on the scenario's network.
    fn prepared<'a>(
        &self,
        network: std::borrow::Cow<'a, Network>,
        scenario_year: Option<i32>,
    ) -> Result<Prepared<'a>> {
        let from = network
            .find(&self.from)
            .map_err(|e| in_context("--from", e))?;
        let to = network.find(&self.to).map_err(|e| in_context("--to", e))?;
        let mut notes = Vec::new();
        let constraints = self.constraints(&network, scenario_year, &mut notes)?;
        Ok(Prepared {
            network,
            from,
            to,
            constraints,
            notes,
        })
    }

    /// Applies the scenario and builds the constraints, leaving the ends aside (`from` and `to`
    /// are not read): for studies of many pairs, such as a skim.
    pub fn conditions<'a>(&self, base: &'a Network) -> Result<Conditions<'a>> {
        let (network, scenario_year) = self.network(base)?;
        let mut notes = Vec::new();
        let constraints = self.constraints(&network, scenario_year, &mut notes)?;
        Ok(Conditions {
            network,
            constraints,
            notes,
        })
    }

    /// The base network with the scenario and the payload applied, and the scenario's year.
    fn network<'a>(
        &self,
        base: &'a Network,
    ) -> Result<(std::borrow::Cow<'a, Network>, Option<i32>)> {
        scenario_network(base, self.scenario.as_deref(), self.payload_t)
    }

    /// Applies the scenario, resolves the names, builds the constraints and routes each
    /// objective.
    pub fn run<'a>(&self, base: &'a Network) -> Result<Answer<'a>> {
        self.check_objectives()?;
        let mut p = self.prepare(base)?;
        self.co2_note(&mut p);
        let outcome = self.routes(&p, &Router::new(&p.network)?)?;
        Ok(answer(p, outcome))
    }

    /// [`Query::run`] on a workbench: its scenario network and router, shared with every other
    /// query of the workbench, built only if none asked for them before.
    pub fn run_on<'s>(&self, bench: &Workbench<'s>) -> Result<Answer<'s>> {
        self.check_objectives()?;
        let mut p = self.prepare_on(bench)?;
        self.co2_note(&mut p);
        let (_, _, router) = bench.router(self.scenario.as_deref(), self.payload_t)?;
        let outcome = self.routes(&p, &router)?;
        Ok(answer(p, outcome))
    }

    /// A note when CO2 is asked for on a network without emission factors.
    fn co2_note(&self, p: &mut Prepared<'_>) {
        if p.network.emissions.is_none() && self.objectives.contains(&Objective::Co2) {
            p.notes.push(
                "the network gives no emission factors ([network.emissions]): CO2 is 0 everywhere and the co2 objective says nothing".into(),
            );
        }
    }

    /// The route of each objective on the prepared query, or why there is none.
    fn routes(
        &self,
        p: &Prepared<'_>,
        router: &Router<'_>,
    ) -> Result<std::result::Result<Vec<Route>, NoRoute>> {
        let mut routes = Vec::with_capacity(self.objectives.len());
        let mut no_route = None;
        for &o in &self.objectives {
            match router.route(p.from, p.to, o, &p.constraints)? {
                Outcome::Found(r) => routes.push(r),
                Outcome::NoRoute(why) => {
                    no_route = Some(why);
                    break;
                }
            }
        }
        Ok(match no_route {
            None => Ok(routes),
            Some(why) => Err(why),
        })
    }

    /// The best route of every corridor family the network declares, for each objective: one
    /// row per (family, objective), with the route or the reason the family has none.
    pub fn per_corridor<'a>(&self, base: &'a Network) -> Result<PerCorridor<'a>> {
        self.check_objectives()?;
        let p = self.prepare(base)?;
        has_families(&p.network)?;
        let rows = self.families(&p, &Router::new(&p.network)?)?;
        Ok(PerCorridor {
            network: p.network,
            rows,
            notes: p.notes,
        })
    }

    /// [`Query::per_corridor`] on a workbench's shared scenario network and router.
    pub fn per_corridor_on<'s>(&self, bench: &Workbench<'s>) -> Result<PerCorridor<'s>> {
        self.check_objectives()?;
        let p = self.prepare_on(bench)?;
        has_families(&p.network)?;
        let (_, _, router) = bench.router(self.scenario.as_deref(), self.payload_t)?;
        let rows = self.families(&p, &router)?;
        Ok(PerCorridor {
            network: p.network,
            rows,
            notes: p.notes,
        })
    }

    /// The best route of each family and objective on the prepared query.
    fn families(&self, p: &Prepared<'_>, router: &Router<'_>) -> Result<Vec<FamilyRow>> {
        let mut rows = Vec::new();
        for f in &p.network.families {
            for &o in &self.objectives {
                let outcome = router.route_family(p.from, p.to, o, &p.constraints, f)?;
                rows.push(FamilyRow {
                    family: f.id.clone(),
                    name: f.name.clone(),
                    objective: o,
                    outcome: match outcome {
                        Outcome::Found(r) => Ok(r),
                        Outcome::NoRoute(n) => Err(n.reason),
                    },
                });
            }
        }
        Ok(rows)
    }

    /// An answer per objective needs at least one objective: none would be an empty answer
    /// that looks like success.
    pub fn check_objectives(&self) -> Result<()> {
        if self.objectives.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "no objective given: give one or more of {}",
                Objective::ALL.map(|o| o.as_str()).join(", ")
            )));
        }
        Ok(())
    }

    /// The constraints on `net` (the scenario's network), with the scenario's year.
    fn constraints(
        &self,
        net: &Network,
        scenario_year: Option<i32>,
        notes: &mut Vec<String>,
    ) -> Result<Constraints> {
        let mut c = Constraints::defaults(net);
        c.year = year(self.year, scenario_year, net);
        check_year(c.year, net)?;
        c.modes = self.modes.clone();
        if c.modes.is_empty() {
            return Err(Error::InvalidArgument(
                "no mode allowed: give at least one of rail, road, sea".into(),
            ));
        }
        if let Some(v) = self.value_of_time {
            if !(v.is_finite() && (0.0..=limits::MAX_VALUE_OF_TIME).contains(&v)) {
                return Err(Error::InvalidArgument(format!(
                    "--value-of-time must be a number in 0…{} USD per FEU-hour, not {}",
                    limits::MAX_VALUE_OF_TIME,
                    crate::error::number(v)
                )));
            }
            c.value_of_time = v;
        }
        avoid(net, &self.avoid, &mut c, notes)?;
        Ok(c)
    }
}

/// A query made ready to route: the scenario's network, the two node indices, the constraints.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The base network with the scenario applied: borrowed when the query changes nothing.
    pub network: std::borrow::Cow<'a, Network>,
    /// Origin node index.
    pub from: usize,
    /// Destination node index.
    pub to: usize,
    /// The constraints.
    pub constraints: Constraints,
    /// Remarks worth showing the user.
    pub notes: Vec<String>,
}

/// A query's network and constraints without its ends ([`Query::conditions`]).
#[derive(Debug, Clone)]
pub struct Conditions<'a> {
    /// The base network with the scenario applied: borrowed when the query changes nothing.
    pub network: std::borrow::Cow<'a, Network>,
    /// The constraints.
    pub constraints: Constraints,
    /// Remarks worth showing the user.
    pub notes: Vec<String>,
}

/// The best route of each corridor family.
#[derive(Debug, Clone)]
pub struct PerCorridor<'a> {
    /// The network routed on.
    pub network: std::borrow::Cow<'a, Network>,
    /// One row per family and objective, in the network's family order.
    pub rows: Vec<FamilyRow>,
    /// Remarks worth showing the user.
    pub notes: Vec<String>,
}

/// One corridor family's best route for one objective, or why it has none.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FamilyRow {
    /// Family id.
    pub family: String,
    /// Family name.
    pub name: String,
    /// The objective.
    pub objective: Objective,
    /// The route, or the reason there is none.
    #[serde(flatten, serialize_with = "outcome")]
    pub outcome: std::result::Result<Route, String>,
}

fn outcome<S: serde::Serializer>(
    o: &std::result::Result<Route, String>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(1))?;
    match o {
        Ok(r) => m.serialize_entry("route", r)?,
        Err(why) => m.serialize_entry("no_route", why)?,
    }
    m.end()
}

/// What a query found: the network it ran on (the scenario applied), its constraints, the routes
/// (one per objective) or why there are none, and notes worth showing the user.
#[derive(Debug, Clone)]
pub struct Answer<'a> {
    /// The network routed on: the base with the scenario applied.
    pub network: std::borrow::Cow<'a, Network>,
    /// The constraints the routes obey.
    pub constraints: Constraints,
    /// The routes in the order of the objectives, or why there is none.
    pub outcome: std::result::Result<Vec<Route>, NoRoute>,
    /// Remarks such as "no node of the network lies in XX; avoiding it changes nothing".
    pub notes: Vec<String>,
}

/// The answer of a prepared query with its routes or why there is none.
fn answer(p: Prepared<'_>, outcome: std::result::Result<Vec<Route>, NoRoute>) -> Answer<'_> {
    Answer {
        outcome,
        network: p.network,
        constraints: p.constraints,
        notes: p.notes,
    }
}

/// A network without corridor families has no best route per family.
fn has_families(net: &Network) -> Result<()> {
    if net.families.is_empty() {
        return Err(Error::InvalidArgument(
            "the network declares no corridor families ([[family]] tables)".into(),
        ));
    }
    Ok(())
}

/// The base network with a scenario (a name, a file, or several joined by `+`) and a payload
/// applied (borrowed when neither changes it), and the scenario's year.
fn scenario_network<'a>(
    base: &'a Network,
    scenario: Option<&str>,
    payload_t: Option<f64>,
) -> Result<(std::borrow::Cow<'a, Network>, Option<i32>)> {
    use std::borrow::Cow;
    let (mut network, scenario_year) = match scenario {
        None => (Cow::Borrowed(base), None),
        Some(name) => {
            let (s, net) = scenario::resolve_onto(base, name)
                .map_err(|e| in_context(&format!("scenario {name}"), e))?;
            (Cow::Owned(net), s.year)
        }
    };
    if let Some(t) = payload_t {
        set_payload(network.to_mut(), t)?;
    }
    Ok((network, scenario_year))
}

/// Sets the tonnes of cargo per FEU that CO2 is computed for (0 < t ≤ 40).
pub fn set_payload(net: &mut Network, t: f64) -> Result<()> {
    if !(t.is_finite() && t > 0.0 && t <= 40.0) {
        return Err(Error::InvalidArgument(format!(
            "--payload-t must be a number of tonnes in (0, 40], not {}",
            crate::error::number(t)
        )));
    }
    match net.emissions.as_mut() {
        Some(e) => {
            e.payload_t = t;
            Ok(())
        }
        None => Err(Error::InvalidArgument(
            "--payload-t: the network gives no emission factors ([network.emissions])".into(),
        )),
    }
}

/// The origin and destination of a study: the ones given, else the network's default study's
/// (`[network.study]` `from` and `to`). An error when one is missing and the network names none.
pub fn study_ends(net: &Network, from: Option<&str>, to: Option<&str>) -> Result<(String, String)> {
    let study = net.study.ends.as_ref();
    match (from, to) {
        (Some(f), Some(t)) => Ok((f.to_string(), t.to_string())),
        (f, t) => match study {
            Some((sf, st)) => Ok((
                f.unwrap_or(sf.as_str()).to_string(),
                t.unwrap_or(st.as_str()).to_string(),
            )),
            None => Err(Error::InvalidArgument(format!(
                "no {} given, and the network names no default study (`from` and `to` in `[network.study]`): give both ends",
                if f.is_none() && t.is_none() {
                    "origin or destination"
                } else if f.is_none() {
                    "origin"
                } else {
                    "destination"
                }
            ))),
        },
    }
}

/// The query year: an explicit one, else the scenario's, else the year the data describe.
pub fn year(explicit: Option<i32>, scenario: Option<i32>, net: &Network) -> i32 {
    explicit.or(scenario).unwrap_or(net.data_year)
}

/// Refuses a query year before the year the network's data describe (`data_year`): a link built
/// since is in the network as operating, with no year, so the network cannot say what was open
/// then, and answering would give that year today's network under another name. Later years are
/// answered for themselves (links under construction or planned open in their `available_from`
/// year).
pub fn check_year(year: i32, net: &Network) -> Result<()> {
    if year < net.data_year {
        return Err(Error::InvalidArgument(format!(
            "year {year} is before {}, the year this network's data describe: the network does \
             not record which of its links were open in {year}, so it cannot answer for it; give \
             {} or later",
            net.data_year, net.data_year
        )));
    }
    Ok(())
}

/// Reads `avoid` items into the constraints: a two-letter ISO code that is not a node id avoids
/// that country (with a note when nothing of the network lies there), anything else names a node.
pub fn avoid(
    net: &Network,
    items: &[String],
    c: &mut Constraints,
    notes: &mut Vec<String>,
) -> Result<()> {
    let countries: BTreeSet<String> = net.countries().into_iter().collect();
    for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let upper = item.to_ascii_uppercase();
        if item.len() == 2 && net.node(item).is_none() && crate::load::is_country(&upper) {
            if !countries.contains(&upper) {
                notes.push(format!(
                    "no node or link of the network lies in {upper}; avoiding it changes nothing"
                ));
            }
            c.avoid_countries.insert(upper);
        } else {
            let i = net
                .find(item)
                .map_err(|e| in_context(&format!("--avoid {item}"), e))?;
            c.avoid_nodes.insert(i);
        }
    }
    Ok(())
}

fn in_context(what: &str, e: Error) -> Error {
    Error::InvalidArgument(format!("{what}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_year_beats_the_scenario_which_beats_the_data() {
        let net = crate::load::embedded().unwrap();
        assert_eq!(year(Some(2031), Some(2030), &net), 2031);
        assert_eq!(year(None, Some(2030), &net), 2030);
        assert_eq!(year(None, None, &net), net.data_year);
        let mut q = Query::new("xian", "duisburg");
        q.scenario = Some("corridor-2030".into());
        assert_eq!(q.run(&net).unwrap().constraints.year, 2030);
        q.year = Some(2026);
        assert_eq!(q.run(&net).unwrap().constraints.year, 2026);
    }

    #[test]
    fn a_year_before_the_data_year_is_refused() {
        let net = crate::load::embedded().unwrap();
        let mut q = Query::new("xian", "duisburg");
        q.year = Some(net.data_year - 1);
        let e = q.run(&net).unwrap_err().to_string();
        assert!(
            e.contains(&format!(
                "year {} is before {}",
                net.data_year - 1,
                net.data_year
            )),
            "{e}"
        );
        q.year = Some(net.data_year);
        assert!(q.run(&net).is_ok());
    }

    #[test]
    fn avoid_reads_countries_and_nodes_and_notes_absent_countries() {
        let net = crate::load::embedded().unwrap();
        let mut q = Query::new("xian", "duisburg");
        q.avoid = vec!["ru".into(), "BY".into(), "Aktau".into(), "JP".into()];
        let a = q.run(&net).unwrap();
        assert_eq!(
            a.constraints.avoid_countries,
            ["BY", "JP", "RU"].map(String::from).into()
        );
        assert_eq!(
            a.constraints.avoid_nodes,
            [net.node_index("aktau").unwrap()].into()
        );
        assert_eq!(a.notes.len(), 1, "{:?}", a.notes);
        let routes = a.outcome.unwrap();
        assert!(!routes[0].countries.iter().any(|x| x == "RU"));
        q.avoid = vec!["port".into()];
        assert!(q
            .run(&net)
            .unwrap_err()
            .to_string()
            .contains("--avoid port"));
    }
}
