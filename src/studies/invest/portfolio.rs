//! The best set of candidates under a capital budget (capital undiscounted, summed), maximising
//! NPV, where a set's benefit in a year comes from the case with the set's projects in service
//! that year together (two projects relieving the same bottleneck do not add up).
//!
//! Up to [`EXACT_UP_TO`] candidates every set is evaluated (all 2^n: each set's case is needed
//! anyway for the yearly sets of those containing it). Beyond, a heuristic: greedy by marginal
//! NPV per dollar of capital, re-evaluated after each pick (the cases it needs are cached), until
//! no candidate that fits adds NPV; not guaranteed optimal, and the output says so.
//!
//! The build order within the chosen set is greedy too: next the project with the largest
//! marginal yearly benefit per dollar given those already built.

use serde::Serialize;

use super::appraisal::{money, Money, Outlay, Timeline};
use super::cases::Set;
use crate::error::Result;

/// Exact enumeration up to this many candidates.
pub const EXACT_UP_TO: usize = 12;

/// What a portfolio is computed from: the candidates' outlays and the yearly benefit of any set
/// in service together.
pub trait Oracle {
    /// The candidates' outlays, in candidate order.
    fn outlays(&self) -> &[Outlay];
    /// The yearly benefit (USD) of each of `sets` in service together, against none.
    fn values(&mut self, sets: &[Set]) -> Result<Vec<f64>>;
}

/// How the set was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Every set evaluated: the best.
    Enumeration,
    /// Greedy by marginal NPV per dollar with re-evaluation: not guaranteed the best.
    Greedy,
}

impl Method {
    /// In words, for output.
    pub fn words(self) -> &'static str {
        match self {
            Method::Enumeration => "exact: every set of candidates evaluated",
            Method::Greedy => "heuristic (more than 12 candidates): greedy by marginal NPV per dollar, re-evaluated after each pick; not guaranteed the best",
        }
    }
}

/// One project of the build order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Step {
    /// Candidate index.
    pub index: usize,
    /// Its yearly benefit given those built before it, USD.
    pub marginal_usd: f64,
    /// marginal_usd / its capital.
    pub per_dollar: f64,
}

/// The chosen set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    /// The set.
    pub set: Set,
    /// Its money.
    pub money: Money,
    /// Its capital, undiscounted.
    pub capital: f64,
    /// How it was found.
    pub method: Method,
    /// How many sets were evaluated by money.
    pub sets_evaluated: usize,
}

/// The members of `set`.
fn members(set: Set, n: usize) -> impl Iterator<Item = usize> {
    (0..n).filter(move |i| set >> i & 1 == 1)
}

/// The sets in service in each year of the horizon.
fn yearly_sets(outlays: &[Outlay], set: Set, t: &Timeline) -> Vec<Set> {
    t.years()
        .map(|y| {
            members(set, outlays.len())
                .filter(|&i| (outlays[i].opens..=outlays[i].last_year()).contains(&y))
                .fold(0, |s, i| s | 1 << i)
        })
        .collect()
}

/// The money of `set`, its yearly benefits from `oracle`.
pub fn set_money(oracle: &mut dyn Oracle, set: Set, t: &Timeline) -> Result<Money> {
    let outlays: Vec<Outlay> = oracle.outlays().to_vec();
    let sets = yearly_sets(&outlays, set, t);
    let mut distinct = sets.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let values = oracle.values(&distinct)?;
    let value = |s: Set| {
        distinct
            .binary_search(&s)
            .map_or(0.0, |i| if s == 0 { 0.0 } else { values[i] })
    };
    let mine: Vec<Outlay> = members(set, outlays.len()).map(|i| outlays[i]).collect();
    let base = t.base_year;
    Ok(money(&mine, t, &|y| value(sets[(y - base) as usize])))
}

/// The capital of `set`.
pub fn capital(outlays: &[Outlay], set: Set) -> f64 {
    members(set, outlays.len())
        .map(|i| outlays[i].capital)
        .sum()
}

/// The best set whose capital is within `budget`: by enumeration up to [`EXACT_UP_TO`]
/// candidates, else greedily. Ties go to the smaller capital, then the smaller mask. `None`
/// when no single candidate fits.
pub fn best(oracle: &mut dyn Oracle, budget: f64, t: &Timeline) -> Result<Option<Pick>> {
    let outlays = oracle.outlays().to_vec();
    if !outlays.iter().any(|o| o.capital <= budget) {
        return Ok(None);
    }
    if outlays.len() <= EXACT_UP_TO {
        exact(oracle, budget, t).map(Some)
    } else {
        greedy(oracle, budget, t).map(Some)
    }
}

/// Every set within the budget evaluated.
fn exact(oracle: &mut dyn Oracle, budget: f64, t: &Timeline) -> Result<Pick> {
    let outlays = oracle.outlays().to_vec();
    let n = outlays.len();
    let all: Vec<Set> = (1..1u64 << n).collect();
    // One batch of every case, so that the runs spread over the threads at once.
    oracle.values(&all)?;
    let mut best = Pick {
        set: 0,
        money: money(&[], t, &|_| 0.0),
        capital: 0.0,
        method: Method::Enumeration,
        sets_evaluated: 1,
    };
    for set in all {
        let c = capital(&outlays, set);
        if c > budget {
            continue;
        }
        best.sets_evaluated += 1;
        let m = set_money(oracle, set, t)?;
        if better(m.npv, c, best.money.npv, best.capital) {
            best = Pick {
                set,
                money: m,
                capital: c,
                ..best
            };
        }
    }
    Ok(best)
}

/// Whether NPV `a` at capital `ca` beats `b` at `cb`: more NPV (beyond rounding), then less
/// capital.
fn better(a: f64, ca: f64, b: f64, cb: f64) -> bool {
    let tol = 1e-9 * a.abs().max(b.abs()).max(1.0);
    a > b + tol || ((a - b).abs() <= tol && ca < cb)
}

/// Greedy by marginal NPV per dollar, re-evaluated after each pick.
fn greedy(oracle: &mut dyn Oracle, budget: f64, t: &Timeline) -> Result<Pick> {
    let outlays = oracle.outlays().to_vec();
    let n = outlays.len();
    let (mut set, mut m) = (0, money(&[], t, &|_| 0.0));
    let mut evaluated = 1;
    loop {
        let left = budget - capital(&outlays, set);
        let fits: Vec<usize> = (0..n)
            .filter(|&i| set >> i & 1 == 0 && outlays[i].capital <= left)
            .collect();
        // Every case the candidates' sets need, in one batch.
        let needed: Vec<Set> = fits
            .iter()
            .flat_map(|&i| yearly_sets(&outlays, set | 1 << i, t))
            .filter(|&s| s != 0)
            .collect();
        oracle.values(&needed)?;
        let mut pick: Option<(usize, f64, Money)> = None;
        for &i in &fits {
            let mi = set_money(oracle, set | 1 << i, t)?;
            evaluated += 1;
            let gain = (mi.npv - m.npv) / outlays[i].capital;
            if gain > 0.0 && pick.as_ref().is_none_or(|p| gain > p.1) {
                pick = Some((i, gain, mi));
            }
        }
        let Some((i, _, mi)) = pick else { break };
        set |= 1 << i;
        m = mi;
    }
    Ok(Pick {
        set,
        money: m,
        capital: capital(&outlays, set),
        method: Method::Greedy,
        sets_evaluated: evaluated,
    })
}

/// The build order of `set`: next the project with the largest marginal yearly benefit (all in
/// service) per dollar given those built before it; ties to the lower index.
pub fn build_order(oracle: &mut dyn Oracle, set: Set) -> Result<Vec<Step>> {
    let outlays = oracle.outlays().to_vec();
    let n = outlays.len();
    let (mut built, mut value, mut steps) = (0, 0.0, Vec::new());
    while built != set {
        let next: Vec<usize> = members(set & !built, n).collect();
        let sets: Vec<Set> = next.iter().map(|&i| built | 1 << i).collect();
        let values = oracle.values(&sets)?;
        let mut pick: Option<Step> = None;
        for (k, &i) in next.iter().enumerate() {
            let marginal = values[k] - value;
            let per_dollar = marginal / outlays[i].capital;
            if pick.is_none_or(|p| per_dollar > p.per_dollar) {
                pick = Some(Step {
                    index: i,
                    marginal_usd: marginal,
                    per_dollar,
                });
            }
        }
        let p = pick.expect("a project left to build");
        built |= 1 << p.index;
        value += p.marginal_usd;
        steps.push(p);
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A table of yearly benefits by set.
    struct Table {
        outlays: Vec<Outlay>,
        value: Vec<f64>,
    }

    impl Oracle for Table {
        fn outlays(&self) -> &[Outlay] {
            &self.outlays
        }
        fn values(&mut self, sets: &[Set]) -> Result<Vec<f64>> {
            Ok(sets.iter().map(|&s| self.value[s as usize]).collect())
        }
    }

    fn timeline() -> Timeline {
        Timeline {
            base_year: 2026,
            horizon_years: 20,
            rate: 0.05,
        }
    }

    /// The best NPV by brute force, written out year by year without the module's helpers.
    fn brute(t: &Table, budget: f64, tl: &Timeline) -> f64 {
        let n = t.outlays.len();
        let mut best = 0.0f64;
        for set in 0..1usize << n {
            let mine: Vec<usize> = (0..n).filter(|i| set >> i & 1 == 1).collect();
            if mine.iter().map(|&i| t.outlays[i].capital).sum::<f64>() > budget {
                continue;
            }
            let mut npv = 0.0;
            for y in tl.base_year..tl.base_year + tl.horizon_years as i32 {
                let d = (1.0 + tl.rate).powi(-(y - tl.base_year));
                let open = mine
                    .iter()
                    .filter(|&&i| y >= t.outlays[i].opens && y <= t.outlays[i].last_year())
                    .fold(0, |s, &i| s | 1 << i);
                npv += t.value[open] * d;
            }
            for &i in &mine {
                let o = t.outlays[i];
                let cy = (o.opens - 1).max(tl.base_year);
                npv -= o.capital * (1.0 + tl.rate).powi(-(cy - tl.base_year));
                for y in o.opens..=o.last_year().min(tl.end_year()) {
                    npv -= o.operating * (1.0 + tl.rate).powi(-(y - tl.base_year));
                }
                let left = (o.last_year() - tl.end_year()).max(0);
                npv += o.capital * left as f64 / o.lifetime as f64
                    * (1.0 + tl.rate).powi(-(tl.end_year() - tl.base_year));
            }
            best = best.max(npv);
        }
        best
    }

    fn outlay(capital: f64, opens: i32) -> Outlay {
        Outlay {
            capital,
            operating: 0.0,
            opens,
            lifetime: 30,
        }
    }

    #[test]
    fn substitutes_are_not_both_built_and_a_complement_is() {
        // 0 and 1 relieve the same bottleneck (100 a year alone, 110 together); 2 is worth
        // nothing alone and 80 a year with 0.
        let value = vec![0.0, 100.0, 100.0, 110.0, 0.0, 180.0, 100.0, 190.0];
        let mut t = Table {
            outlays: vec![
                outlay(600.0, 2027),
                outlay(600.0, 2027),
                outlay(300.0, 2027),
            ],
            value,
        };
        let tl = timeline();
        let p = best(&mut t, 2000.0, &tl).unwrap().unwrap();
        assert_eq!(p.set, 0b101, "{p:?}");
        assert!((p.money.npv - brute(&t, 2000.0, &tl)).abs() < 1e-6);
        // Alone, project 2 has no benefit; the order builds 0 first.
        let order = build_order(&mut t, p.set).unwrap();
        assert_eq!(order.iter().map(|s| s.index).collect::<Vec<_>>(), [0, 2]);
        // Nothing fits a budget below every capital.
        assert!(best(&mut t, 100.0, &tl).unwrap().is_none());
    }

    /// Additive values: each candidate's own value, no interactions.
    fn additive(own: &[f64]) -> Vec<f64> {
        (0..1usize << own.len())
            .map(|s| {
                (0..own.len())
                    .filter(|i| s >> i & 1 == 1)
                    .map(|i| own[i])
                    .sum()
            })
            .collect()
    }

    #[test]
    fn beyond_twelve_the_greedy_stays_in_budget_and_no_candidate_left_adds_npv() {
        let own: Vec<f64> = (0..13).map(|i| 20.0 + 13.0 * f64::from(i % 5)).collect();
        let caps: Vec<f64> = (0..13).map(|i| 150.0 + 70.0 * f64::from(i % 4)).collect();
        let mut t = Table {
            outlays: caps.iter().map(|&c| outlay(c, 2027)).collect(),
            value: additive(&own),
        };
        let tl = timeline();
        let budget = 1000.0;
        let p = best(&mut t, budget, &tl).unwrap().unwrap();
        assert_eq!(p.method, Method::Greedy);
        assert!(p.capital <= budget && p.set != 0, "{p:?}");
        for (i, &c) in caps.iter().enumerate() {
            if p.set >> i & 1 == 0 && p.capital + c <= budget {
                let more = set_money(&mut t, p.set | 1 << i, &tl).unwrap();
                assert!(more.npv <= p.money.npv + 1e-9, "adding {i} gains");
            }
        }
        // With additive values the NPV is the sum of the parts.
        let parts: f64 = (0..13)
            .filter(|i| p.set >> i & 1 == 1)
            .map(|i| set_money(&mut t, 1 << i, &tl).unwrap().npv)
            .sum();
        assert!((parts - p.money.npv).abs() < 1e-6);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn enumeration_equals_brute_force(
            n in 1usize..6,
            seed in proptest::collection::vec(0.0f64..200.0, 64),
            caps in proptest::collection::vec(100.0f64..1500.0, 6),
            opens in proptest::collection::vec(2026i32..2040, 6),
            budget in 100.0f64..4000.0,
        ) {
            let mut value = vec![0.0; 1 << n];
            for (s, v) in value.iter_mut().enumerate().skip(1) {
                *v = seed[s % seed.len()];
            }
            let mut t = Table {
                outlays: (0..n).map(|i| outlay(caps[i], opens[i])).collect(),
                value,
            };
            let tl = timeline();
            match best(&mut t, budget, &tl).unwrap() {
                None => prop_assert!(caps[..n].iter().all(|&c| c > budget)),
                Some(p) => {
                    prop_assert!(p.capital <= budget);
                    let b = brute(&t, budget, &tl);
                    prop_assert!((p.money.npv - b).abs() <= 1e-6 * b.abs().max(1.0), "{} vs {}", p.money.npv, b);
                }
            }
        }
    }
}
