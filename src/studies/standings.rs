//! The standings of a comparison: for each corridor family (or, in a comparison without
//! families, each objective's best route), its best days, 90th-percentile days, USD and CO2 under
//! every scenario, and which one leads each measure. It is the comparison's answer in numbers; a
//! front end puts it into words (the report's summary) without deciding anything of its own.
//!
//! Each measure is the best of the entry's routes for that measure: a family asked for its
//! fastest and its cheapest route shows the days of the first and the USD of the second (most
//! families take one route for both).

use crate::routing::Route;
use crate::studies::compare::Comparison;

/// What a standing is measured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Door-to-door days.
    Days,
    /// 90th-percentile days (when the comparison sampled its routes).
    P90,
    /// USD per FEU.
    Usd,
    /// kg CO2e per FEU.
    Co2,
}

/// An entry's best values under one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Best {
    /// The fewest days of its routes.
    pub days: f64,
    /// The lowest 90th-percentile days of its routes, when they were sampled.
    pub p90_days: Option<f64>,
    /// The lowest USD per FEU.
    pub usd: f64,
    /// The lowest kg CO2e per FEU.
    pub co2_kg: f64,
    /// The fastest route itself.
    pub fastest: Route,
    /// The fastest route in words (its row's summary: corridor and key nodes).
    pub label: String,
}

impl Best {
    /// The value of `m` (none for P90 when the routes were not sampled).
    pub fn get(&self, m: Measure) -> Option<f64> {
        match m {
            Measure::Days => Some(self.days),
            Measure::P90 => self.p90_days,
            Measure::Usd => Some(self.usd),
            Measure::Co2 => Some(self.co2_kg),
        }
    }
}

/// One corridor family (or objective) across the scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The family id (or the objective's name).
    pub id: String,
    /// The family's name (or "fastest route", "cheapest route", …).
    pub name: String,
    /// Per scenario, in the comparison's order: its best values, or why it has no route.
    pub cells: Vec<Result<Best, String>>,
}

/// The standings of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Standings {
    /// Whether the entries are corridor families (else the objectives' best routes).
    pub by_family: bool,
    /// The scenarios' names, the first being the reference.
    pub scenarios: Vec<String>,
    /// Each scenario's year (that of its routes; none when it has no route at all).
    pub years: Vec<Option<i32>>,
    /// The entries, in the network's family order (or the objectives' order).
    pub entries: Vec<Entry>,
}

impl Standings {
    /// The standings of `c`: by family when its rows carry families, else by objective.
    pub fn of(c: &Comparison) -> Standings {
        let n = c.scenarios.len();
        let by_family = c.rows.iter().any(|r| r.family.is_some());
        let mut entries: Vec<Entry> = Vec::new();
        for row in &c.rows {
            let (id, name) = match &row.family {
                Some(f) if by_family => (
                    f.clone(),
                    c.network
                        .families
                        .iter()
                        .find(|x| &x.id == f)
                        .map_or_else(|| f.clone(), |x| x.name.clone()),
                ),
                _ => (
                    row.objective.to_string(),
                    format!("{} route", row.objective.adjective()),
                ),
            };
            let at = match entries.iter().position(|e| e.id == id) {
                Some(i) => i,
                None => {
                    entries.push(Entry {
                        id,
                        name,
                        cells: vec![Err(String::new()); n],
                    });
                    entries.len() - 1
                }
            };
            let cell = &mut entries[at].cells[row.position];
            match (&row.route, cell.as_mut()) {
                (Some(r), Ok(b)) => {
                    let p90 = row.reliability.map(|p| p.p90_days);
                    if r.total.days() < b.days {
                        b.days = r.total.days();
                        b.fastest = r.clone();
                        b.label = row.summary.clone();
                    }
                    b.usd = b.usd.min(r.total.usd);
                    b.co2_kg = b.co2_kg.min(r.total.co2_kg);
                    b.p90_days = match (b.p90_days, p90) {
                        (Some(a), Some(x)) => Some(a.min(x)),
                        (a, x) => a.or(x),
                    };
                }
                (Some(r), Err(_)) => {
                    *cell = Ok(Best {
                        days: r.total.days(),
                        p90_days: row.reliability.map(|p| p.p90_days),
                        usd: r.total.usd,
                        co2_kg: r.total.co2_kg,
                        fastest: r.clone(),
                        label: row.summary.clone(),
                    })
                }
                (None, Err(why)) if why.is_empty() => {
                    *why = row.no_route.clone().unwrap_or_else(|| "no route".into())
                }
                (None, _) => {}
            }
        }
        let years = (0..n)
            .map(|i| {
                c.rows
                    .iter()
                    .filter(|r| r.position == i)
                    .find_map(|r| r.route.as_ref().map(|x| x.year))
            })
            .collect();
        Standings {
            by_family,
            scenarios: c.scenarios.iter().map(|s| s.name.clone()).collect(),
            years,
            entries,
        }
    }

    /// The entries with a value of `m` under scenario `s`, best first (the entries' order on a
    /// tie).
    pub fn ranked(&self, s: usize, m: Measure) -> Vec<usize> {
        let mut v: Vec<(usize, f64)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e.cells.get(s)?.as_ref().ok()?.get(m)?)))
            .collect();
        v.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|(i, _)| i).collect()
    }

    /// The entry leading `m` under scenario `s`.
    pub fn leader(&self, s: usize, m: Measure) -> Option<usize> {
        self.ranked(s, m).first().copied()
    }

    /// Entry `e`'s best values under scenario `s`, if it has a route there.
    pub fn best(&self, e: usize, s: usize) -> Option<&Best> {
        self.entries.get(e)?.cells.get(s)?.as_ref().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{Measure, Standings};
    use crate::query::Query;
    use crate::routing::Objective;
    use crate::scenario::Scenario;
    use crate::studies::compare::{compare, Request};
    use crate::studies::reliability::Options;

    /// The shipped network's comparison of the default study under two scenarios: the base and
    /// one closing the Northern corridor (RU).
    fn standings() -> Standings {
        let net = crate::load::embedded().unwrap();
        let (from, to) = net.study.ends.clone().unwrap();
        let mut q = Query::new(&from, &to);
        q.objectives = vec![Objective::Time, Objective::Cost];
        let closed = crate::scenario::resolve("northern-closed").unwrap();
        let req = Request {
            reliability: Some(Options {
                samples: 200,
                ..Options::default()
            }),
            ..Request::study(q, &net)
        };
        let c = compare(&net, vec![Scenario::baseline(), closed], &req).unwrap();
        Standings::of(&c)
    }

    #[test]
    fn each_family_takes_its_best_route_per_measure_and_the_leaders_follow() {
        let s = standings();
        assert_eq!(s.scenarios.len(), 2);
        let ids: Vec<&str> = s.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids[0], "northern");
        // The Black Sea family's fastest and cheapest routes differ: days of the one, USD of the
        // other.
        let bs = ids.iter().position(|i| *i == "middle-blacksea").unwrap();
        let b = s.best(bs, 0).unwrap();
        assert!(b.days < b.fastest.total.days() + 1e-9);
        assert!(
            b.usd < b.fastest.total.usd,
            "{} {}",
            b.usd,
            b.fastest.total.usd
        );
        assert_eq!(s.leader(0, Measure::Days), Some(0));
        assert!(s.best(0, 0).unwrap().p90_days.unwrap() > s.best(0, 0).unwrap().days);
        // Closing the Northern corridor: no route for it, another family leads on time.
        assert!(s.entries[0].cells[1].is_err());
        let l = s.leader(1, Measure::Days).unwrap();
        assert_ne!(l, 0);
        let days: Vec<f64> = s
            .ranked(1, Measure::Days)
            .iter()
            .map(|&e| s.best(e, 1).unwrap().days)
            .collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
        assert_eq!(s.years, vec![Some(2026), Some(2026)]);
        assert!(s.by_family && s.best(0, 0).unwrap().label.starts_with("northern: "));
    }
}
