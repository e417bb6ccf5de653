//! What a screening measures: a [`Question`] in the user's words (a route's days or USD, the
//! difference between two corridor families, a scenario's effect, an element's wait in an
//! assignment), checked and prepared once against the network ([`Prepared`]), then evaluated on
//! any number of perturbed copies of it ([`Prepared::value`]): the question's scenario applied to
//! the perturbed network, a router built, the routes found, one number out (NaN when a route is
//! missing).

use super::inputs::Moves;
use super::rank::{self, Rank};
use crate::error::{Error, Result};
use crate::network::{Family, Network};
use crate::query::Query;
use crate::routing::{Constraints, Detached, Objective, Outcome, Router};
use crate::scenario::{self, Scenario};
use crate::studies::assign::{self, Options};
use crate::studies::demand::{self, Demand};

/// What is asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// The best route's measure (of one family, when given).
    Route {
        /// A family id, or none for the best route of all.
        family: Option<String>,
    },
    /// The first family's best route less the second's.
    Compare(String, String),
    /// A scenario's effect: its value less the value without it, on a family (given, or the one
    /// the scenario changes most at the inputs' values).
    Effect {
        /// The scenario (shipped name or file).
        scenario: String,
        /// The family measured.
        family: Option<String>,
    },
    /// A capacitated element's queue wait in an assignment of a demand (the larger of its
    /// directions' waits), hours.
    Element {
        /// The capacity record's id.
        id: String,
        /// The demand (shipped name or file).
        demand: String,
    },
    /// The first candidate project's benefit–cost ratio less the second's, each appraised alone
    /// against the do-minimum in an assignment of a demand, as `corridor invest` appraises them.
    Rank {
        /// The first project's id.
        a: String,
        /// The second project's id.
        b: String,
        /// The demand (shipped name or file).
        demand: String,
        /// The candidates: `shipped`, or a folder of project files.
        projects: String,
        /// The appraisal defaults file (none: the shipped one).
        defaults: Option<String>,
    },
}

/// A question in the user's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// What is asked.
    pub ask: Ask,
    /// Origin and destination (node ids or names).
    pub from: String,
    /// Destination.
    pub to: String,
    /// What a route minimises and the question measures.
    pub by: Objective,
    /// The scenario the question is asked under.
    pub scenario: Option<String>,
    /// The query year [default: the scenario's, else the data year].
    pub year: Option<i32>,
    /// The question in words, when the network's data give them.
    pub words: Option<String>,
}

/// The unit of a measure.
pub fn unit(by: Objective) -> &'static str {
    match by {
        Objective::Time => "days",
        Objective::Cost | Objective::Generalized => "USD",
        Objective::Co2 => "t CO2e",
        Objective::Distance => "km",
    }
}

impl Question {
    /// The question in words: the data's, else one made from it.
    pub fn title(&self) -> String {
        if let Some(w) = &self.words {
            return w.clone();
        }
        let under = self
            .scenario
            .as_ref()
            .map_or(String::new(), |s| format!(" under {s}"));
        let what = match &self.ask {
            Ask::Route { family: None } => format!("the best route's {}", unit(self.by)),
            Ask::Route { family: Some(f) } => format!("{f}'s {}", unit(self.by)),
            Ask::Compare(a, b) => format!("{a} less {b}, {}", unit(self.by)),
            Ask::Effect { scenario, family } => format!(
                "the effect of {scenario} on {}, {}",
                family.as_deref().unwrap_or("the family it changes most"),
                unit(self.by)
            ),
            Ask::Element { id, demand } => {
                format!("the wait at {id} in the {demand} assignment, hours")
            }
            Ask::Rank { a, b, demand, .. } => {
                return format!(
                    "BCR of {a} less BCR of {b}, each alone against the do-minimum in the {demand} assignment, {}{under}",
                    rank::UNIT
                )
            }
        };
        format!("{} → {}: {what}{under}", self.from, self.to)
    }

    /// Whether the answer is a difference, whose sign can flip.
    pub fn signed(&self) -> bool {
        matches!(
            self.ask,
            Ask::Compare(..) | Ask::Effect { .. } | Ask::Rank { .. }
        )
    }

    /// Whether an input that moves `m` can move the answer.
    pub(super) fn takes(&self, m: Moves) -> bool {
        if let Ask::Element { .. } | Ask::Rank { .. } = self.ask {
            return true;
        }
        match (self.by, m) {
            (_, Moves::Length) => true,
            (_, Moves::Queue) => false,
            (Objective::Time, Moves::Hours) => true,
            (Objective::Cost, Moves::Usd) => true,
            (Objective::Generalized, Moves::Hours | Moves::Usd) => true,
            (Objective::Co2, Moves::Co2) => true,
            _ => false,
        }
    }
}

/// One side of a question: a scenario, and the ends and constraints on the network it gives.
#[derive(Debug, Clone)]
struct Side {
    scenario: Option<Scenario>,
    from: usize,
    to: usize,
    constraints: Constraints,
}

impl Side {
    fn new(base: &Network, q: &Question, scenarios: &[&Scenario]) -> Result<Side> {
        let (s, applied) = Side::applied(base, scenarios)?;
        let query = Query {
            year: q.year.or(s.as_ref().and_then(|s| s.year)),
            ..Query::new(&q.from, &q.to)
        };
        let p = query.prepare(&applied)?;
        Ok(Side {
            scenario: s,
            from: p.from,
            to: p.to,
            constraints: p.constraints,
        })
    }

    /// The scenarios combined and applied to `base`.
    fn applied(base: &Network, scenarios: &[&Scenario]) -> Result<(Option<Scenario>, Network)> {
        let s = (!scenarios.is_empty())
            .then(|| Scenario::combine(scenarios.iter().map(|s| (*s).clone()).collect()));
        let applied = match &s {
            Some(s) => scenario::apply(base, s)?,
            None => base.clone(),
        };
        Ok((s, applied))
    }

    /// A side with no route: the scenario only (a ranking question's), and the network it gives.
    fn without_ends(base: &Network, scenarios: &[&Scenario]) -> Result<(Side, Network)> {
        let (scenario, applied) = Side::applied(base, scenarios)?;
        let side = Side {
            scenario,
            from: 0,
            to: 0,
            constraints: Constraints::defaults(&applied),
        };
        Ok((side, applied))
    }
}

/// The routers of a question's sides, kept between evaluations on networks of one structure.
#[derive(Debug, Default)]
pub struct Routers([Option<Detached>; 2]);

/// A question checked against the network and ready to evaluate.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The question.
    pub question: Question,
    side: Side,
    /// The effect's scenario side.
    effect: Option<Side>,
    families: Vec<Family>,
    demand: Option<Demand>,
    rank: Option<Rank>,
}

/// A family of the network by id, or an error with the ids it has.
fn family(net: &Network, id: &str, flag: &str) -> Result<Family> {
    let ids: Vec<&str> = net.families.iter().map(|f| f.id.as_str()).collect();
    net.families
        .iter()
        .find(|f| f.id == id)
        .cloned()
        .ok_or_else(|| {
            Error::InvalidArgument(format!(
                "{flag}: no corridor family `{}`{} (the network has {})",
                crate::error::clip(id),
                crate::text::did_you_mean(id, &ids),
                if ids.is_empty() {
                    "none".into()
                } else {
                    ids.join(", ")
                }
            ))
        })
}

impl Prepared {
    /// Checks the question's names (families, scenarios, element, demand) and prepares its sides.
    pub fn new(base: &Network, q: &Question) -> Result<Prepared> {
        let own = q.scenario.as_deref().map(scenario::resolve).transpose()?;
        let own_list: Vec<&Scenario> = own.iter().collect();
        if let Ask::Rank {
            a,
            b,
            demand,
            projects,
            defaults,
        } = &q.ask
        {
            let (side, applied) = Side::without_ends(base, &own_list)?;
            return Ok(Prepared {
                question: q.clone(),
                side,
                effect: None,
                families: Vec::new(),
                demand: None,
                rank: Some(Rank::new(
                    &applied,
                    [a, b],
                    demand,
                    projects,
                    defaults.as_deref(),
                )?),
            });
        }
        let side = Side::new(base, q, &own_list)?;
        let mut families = Vec::new();
        let mut effect = None;
        let mut demand = None;
        match &q.ask {
            Ask::Route { family: Some(f) } => families.push(family(base, f, "--family")?),
            Ask::Route { family: None } => {}
            Ask::Compare(a, b) => {
                if a == b {
                    return Err(Error::InvalidArgument(format!(
                        "--compare {a},{b}: the same family twice; name two different families"
                    )));
                }
                families.push(family(base, a, "--compare")?);
                families.push(family(base, b, "--compare")?);
            }
            Ask::Effect {
                scenario: name,
                family: f,
            } => {
                let s = scenario::resolve(name)?;
                let mut list = own_list.clone();
                list.push(&s);
                effect = Some(Side::new(base, q, &list)?);
                if let Some(f) = f {
                    families.push(family(base, f, "--family")?);
                }
            }
            Ask::Element { id, demand: d } => {
                let ids: Vec<&str> = base.capacity.iter().map(|c| c.id.as_str()).collect();
                if !ids.contains(&id.as_str()) {
                    return Err(Error::InvalidArgument(format!(
                        "--element: no capacitated element `{}`{} (the network has {})",
                        crate::error::clip(id),
                        crate::text::did_you_mean(id, &ids),
                        ids.join(", ")
                    )));
                }
                demand = Some(demand::resolve(d, base)?);
            }
            // Prepared above.
            Ask::Rank { .. } => {}
        }
        let mut p = Prepared {
            question: q.clone(),
            side,
            effect,
            families,
            demand,
            rank: None,
        };
        if let (Ask::Effect { family: None, .. }, true) = (&q.ask, !base.families.is_empty()) {
            p.families = vec![p.most_changed(base)?];
        }
        Ok(p)
    }

    /// The family the effect's scenario changes most at the inputs' values (the first of equals).
    fn most_changed(&self, base: &Network) -> Result<Family> {
        let mut best: Option<(f64, &Family)> = None;
        for f in &base.families {
            let d = self.effect_on(base, Some(f), &mut Routers::default())?;
            if d.is_finite() && best.is_none_or(|(b, _)| d.abs() > b) {
                best = Some((d.abs(), f));
            }
        }
        best.map(|(_, f)| f.clone()).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "{}: no corridor family has a route both with and without the scenario",
                self.question.title()
            ))
        })
    }

    /// The family the question measures, for words: the chosen one of an effect, the one given.
    pub fn family_words(&self) -> Vec<String> {
        self.families.iter().map(|f| f.id.clone()).collect()
    }

    /// The answer on a (perturbed) base network; NaN where a route or an answer is missing.
    pub fn value(&self, net: &Network) -> Result<f64> {
        self.value_with(net, &mut Routers::default())
    }

    /// [`Prepared::value`], reusing the routers of the earlier evaluations on networks of the
    /// same structure (their weights recomputed: see [`Detached::attach`]).
    pub fn value_with(&self, net: &Network, routers: &mut Routers) -> Result<f64> {
        match &self.question.ask {
            Ask::Route { .. } => self.measure(0, net, self.families.first(), routers),
            Ask::Compare(..) => {
                let fs = [&self.families[0], &self.families[1]];
                let v = self.measures(0, net, &fs, routers)?;
                Ok(v[0] - v[1])
            }
            Ask::Effect { .. } => self.effect_on(net, self.families.first(), routers),
            Ask::Element { id, .. } => self.wait(net, id),
            Ask::Rank { .. } => match applied(&self.side, net) {
                Some(n) => self
                    .rank
                    .as_ref()
                    .expect("a ranking question has its candidates")
                    .value(&n, self.question.year),
                None => Ok(f64::NAN),
            },
        }
    }

    /// The effect's scenario value less the value without it, on `family`.
    fn effect_on(
        &self,
        net: &Network,
        family: Option<&Family>,
        routers: &mut Routers,
    ) -> Result<f64> {
        Ok(self.measure(1, net, family, routers)? - self.measure(0, net, family, routers)?)
    }

    /// The measures of the families' best routes on side `i` (0: the question's, 1: the
    /// effect's), on one router.
    fn measures(
        &self,
        i: usize,
        net: &Network,
        families: &[&Family],
        routers: &mut Routers,
    ) -> Result<Vec<f64>> {
        let side = if i == 0 {
            &self.side
        } else {
            self.effect.as_ref().expect("an effect has its side")
        };
        let Some(applied) = applied(side, net) else {
            return Ok(vec![f64::NAN; families.len().max(1)]);
        };
        let router = match routers.0[i].take() {
            Some(d) => d.attach(&applied)?,
            None => Router::new(&applied)?,
        };
        let out = if families.is_empty() {
            vec![self.route_value(&router, side, None)?]
        } else {
            families
                .iter()
                .map(|f| self.route_value(&router, side, Some(f)))
                .collect::<Result<Vec<f64>>>()?
        };
        routers.0[i] = Some(router.detach());
        Ok(out)
    }

    /// One route's measure on side `i`.
    fn measure(
        &self,
        i: usize,
        net: &Network,
        family: Option<&Family>,
        routers: &mut Routers,
    ) -> Result<f64> {
        let fs: Vec<&Family> = family.into_iter().collect();
        Ok(self.measures(i, net, &fs, routers)?[0])
    }

    fn route_value(
        &self,
        router: &Router<'_>,
        side: &Side,
        family: Option<&Family>,
    ) -> Result<f64> {
        let by = self.question.by;
        let c = &side.constraints;
        let outcome = match family {
            Some(f) => router.route_family(side.from, side.to, by, c, f)?,
            None => router.route(side.from, side.to, by, c)?,
        };
        Ok(match outcome {
            Outcome::Found(r) => match by {
                Objective::Time => r.total.days(),
                Objective::Co2 => r.total.co2_kg / 1000.0,
                _ => r.total.value(by, c.value_of_time),
            },
            Outcome::NoRoute(_) => f64::NAN,
        })
    }

    /// The element's queue wait (the larger of its directions'), hours.
    fn wait(&self, net: &Network, id: &str) -> Result<f64> {
        let Some(applied) = applied(&self.side, net) else {
            return Ok(f64::NAN);
        };
        let opts = Options {
            year: self
                .question
                .year
                .or(self.side.scenario.as_ref().and_then(|s| s.year)),
            ..Options::default()
        };
        let a = assign::assign(
            &applied,
            self.demand.as_ref().expect("an element has a demand"),
            &opts,
        )?;
        Ok(a.elements
            .iter()
            .filter(|e| e.id == id)
            .map(|e| e.queue_hours)
            .fold(f64::NAN, f64::max))
    }
}

/// The side's network for a perturbed base: the base itself, or the scenario applied to it
/// (none when the scenario cannot apply to it).
fn applied<'n>(side: &Side, net: &'n Network) -> Option<std::borrow::Cow<'n, Network>> {
    match &side.scenario {
        None => Some(std::borrow::Cow::Borrowed(net)),
        Some(s) => scenario::apply(net, s).ok().map(std::borrow::Cow::Owned),
    }
}
