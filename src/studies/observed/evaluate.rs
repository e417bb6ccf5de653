//! The model's value for each observation, and the verdict.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Kind, Observation, Place};
use crate::error::Result;
use crate::network::{Family, Network};
use crate::routing::{Constraints, Objective, Outcome, Router};
use crate::studies::assign::{self, Assignment, FlowResult, RouteShare};

/// How the model's value compares with the published range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// In the range.
    Inside,
    /// Above it.
    Above,
    /// Below it.
    Below,
    /// The model has no value for it.
    NoValue,
    /// The figure does not measure what the model gives (its `not_comparable` says why).
    NotComparable,
}

impl Verdict {
    /// In words.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Inside => "inside",
            Verdict::Above => "above",
            Verdict::Below => "below",
            Verdict::NoValue => "no value",
            Verdict::NotComparable => "not comparable",
        }
    }
}

/// One observation beside the model's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The observation.
    pub observation: Observation,
    /// The model's value, in the observation's unit.
    pub model: Option<f64>,
    /// The model's value over the observation's reference (its point value or the range's middle).
    pub ratio: Option<f64>,
    /// Inside, above or below the range.
    pub verdict: Verdict,
    /// How the model's value was found (the route's corridors, the assignment), or why there is
    /// none.
    pub note: String,
}

/// Compares each observation with the model's value in `net` (as shipped, or a scenario
/// applied by the caller). Volumes, shares and throughputs run the assignment of each year's
/// shipped demand once.
pub fn compare(net: &Network, observations: &[Observation]) -> Result<Vec<Comparison>> {
    let router = Router::new(net)?;
    let mut assignments: BTreeMap<i32, Assignment> = BTreeMap::new();
    let mut out = Vec::with_capacity(observations.len());
    for o in observations {
        let (model, note) = match &o.place {
            Place::Route { from, to, family } => {
                route_value(&router, net, o, from, to, family.as_deref())?
            }
            Place::Flows { .. } | Place::Element { .. } => {
                model_value(net, assignment_of(net, o.year, &mut assignments)?, o)
            }
        };
        let reference = o.reference();
        let verdict = match model {
            _ if o.not_comparable.is_some() => Verdict::NotComparable,
            None => Verdict::NoValue,
            Some(m) if m < o.low => Verdict::Below,
            Some(m) if m > o.high => Verdict::Above,
            Some(_) => Verdict::Inside,
        };
        out.push(Comparison {
            observation: o.clone(),
            // A reference so small that the ratio overflows has no ratio to show.
            ratio: model
                .filter(|_| reference > 0.0)
                .map(|m| m / reference)
                .filter(|r| r.is_finite()),
            model,
            verdict,
            note,
        });
    }
    Ok(out)
}

/// The model's value of an observation of the flows or of an element (volume, share,
/// throughput) in the assignment `a` (of the observation's year), and how it was found; none for
/// an observation of a route.
pub fn model_value(net: &Network, a: &Assignment, o: &Observation) -> (Option<f64>, String) {
    match &o.place {
        Place::Flows {
            family,
            from_countries,
            to_countries,
        } => {
            let fam = net.families.iter().find(|f| &f.id == family);
            flows_value(net, a, o.kind, fam, from_countries, to_countries)
        }
        Place::Element { element, direction } => element_value(a, element, direction.as_deref()),
        Place::Route { .. } => (None, "an observation of a route, not of flows".into()),
    }
}

/// The assignment of the shipped demand of `year`, run once.
fn assignment_of<'c>(
    net: &Network,
    year: i32,
    cache: &'c mut BTreeMap<i32, Assignment>,
) -> Result<&'c Assignment> {
    match cache.entry(year) {
        std::collections::btree_map::Entry::Occupied(e) => Ok(e.into_mut()),
        std::collections::btree_map::Entry::Vacant(e) => {
            let demand = crate::studies::demand::resolve(&year.to_string(), net)?;
            Ok(e.insert(assign::assign(net, &demand, &assign::Options::default())?))
        }
    }
}

/// The fastest (days) or cheapest (USD per FEU) route, in the family when one is named.
fn route_value(
    router: &Router<'_>,
    net: &Network,
    o: &Observation,
    from: &str,
    to: &str,
    family: Option<&str>,
) -> Result<(Option<f64>, String)> {
    let (Some(a), Some(b)) = (net.node_index(from), net.node_index(to)) else {
        return Ok((None, "a place is not in this network".into()));
    };
    let mut c = Constraints::defaults(net);
    c.year = o.year;
    let objective = if o.kind == Kind::CostUsdPerFeu {
        Objective::Cost
    } else {
        Objective::Time
    };
    let outcome = match family.and_then(|f| net.families.iter().find(|x| x.id == f)) {
        Some(f) => router.route_family(a, b, objective, &c, f)?,
        None if family.is_some() => {
            return Ok((None, "the family is not in this network".into()));
        }
        None => router.route(a, b, objective, &c)?,
    };
    Ok(match outcome {
        Outcome::Found(r) => {
            let value = if objective == Objective::Cost {
                r.total.usd
            } else {
                r.total.days()
            };
            let by = if objective == Objective::Cost {
                "cheapest"
            } else {
                "fastest"
            };
            let via: Vec<&str> = r.corridors.iter().map(|t| t.as_str()).collect();
            (
                Some(value),
                format!("{by} route in {}, via {}", o.year, via.join(", ")),
            )
        }
        Outcome::NoRoute(n) => (None, format!("no route: {}", n.reason)),
    })
}

/// Whether an assigned route belongs to `family`: it travels each of the family's tags, enters
/// each of its countries (read from the route's places) and none it avoids.
fn in_family(net: &Network, r: &RouteShare, f: &Family) -> bool {
    let countries: Vec<&str> = r
        .nodes
        .iter()
        .filter_map(|n| net.node_index(n.as_str()))
        .map(|i| net.nodes[i].country.as_str())
        .collect();
    let tag = |t: &String| r.corridors.iter().any(|c| c.as_str() == t);
    let country = |c: &String| countries.contains(&c.as_str());
    f.via_tags.iter().all(tag)
        && f.via_countries.iter().all(country)
        && !f.avoid_tags.iter().any(tag)
        && !f.avoid_countries.iter().any(country)
}

/// TEU a year on the family's routes (volume) or its share of the filtered flows (share).
fn flows_value(
    net: &Network,
    a: &Assignment,
    kind: Kind,
    family: Option<&Family>,
    from_countries: &[String],
    to_countries: &[String],
) -> (Option<f64>, String) {
    let Some(family) = family else {
        return (None, "the family is not in this network".into());
    };
    let country_of = |id: &str| net.node_index(id).map(|i| net.nodes[i].country.as_str());
    let passes = |f: &FlowResult| {
        let ok = |list: &[String], id: &str| {
            list.is_empty() || country_of(id).is_some_and(|c| list.iter().any(|x| x == c))
        };
        ok(from_countries, &f.from) && ok(to_countries, &f.to)
    };
    let (mut on, mut all) = (0.0, 0.0);
    for f in a.flows.iter().filter(|f| passes(f)) {
        all += f.teu;
        on += f
            .routes
            .iter()
            .filter(|r| in_family(net, r, family))
            .map(|r| r.teu)
            .sum::<f64>();
    }
    let note = format!("assignment of the {} demand ({})", a.demand, a.scenario);
    match kind {
        Kind::Share if all > 0.0 => (Some(on / all), note),
        Kind::Share => (None, "no demand flow passes the country filters".into()),
        _ => (Some(on), note),
    }
}

/// An element's load and background in the assignment, TEU a year.
fn element_value(a: &Assignment, element: &str, direction: Option<&str>) -> (Option<f64>, String) {
    let rows: Vec<_> = a
        .elements
        .iter()
        .filter(|e| e.id == element && direction.is_none_or(|d| e.direction == Some(d)))
        .collect();
    if rows.is_empty() {
        return (
            None,
            "no such element (or direction) in this network".into(),
        );
    }
    let teu: f64 = rows.iter().map(|e| e.load_teu + e.background_teu).sum();
    (
        Some(teu),
        format!(
            "load + background in the assignment of the {} demand",
            a.demand
        ),
    )
}
