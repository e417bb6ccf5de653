//! The cases assigned and cached: each set's benefit against the do-minimum, the missing ones of
//! a batch assigned on threads through the batch runner, in set order, so that the answer is
//! the same whatever the number of threads.

use std::collections::HashMap;

use super::appraisal::Outlay;
use super::benefits::{self, Benefit, CaseTotals};
use super::cases::{Cases, Set};
use super::portfolio::{self, Oracle};
use super::spread::Spreads;
use super::{Appraised, BuildStep, Portfolio, Request};
use crate::error::{Error, Result};
use crate::studies::batch::runner::execute;

/// Assigns and remembers the cases of an appraisal.
pub struct Engine<'a> {
    cases: &'a Cases,
    req: &'a Request,
    without: CaseTotals,
    outlays: Vec<Outlay>,
    cache: HashMap<Set, Benefit>,
    spreads: Spreads,
    unconverged: usize,
}

impl<'a> Engine<'a> {
    /// The engine of `cases`, the do-minimum assigned.
    pub fn new(cases: &'a Cases, req: &'a Request) -> Result<Engine<'a>> {
        let spreads = Spreads::new();
        let without = benefits::case_totals(
            &cases.without,
            &req.demand,
            &req.opts,
            req.choice.as_ref(),
            &spreads,
        )?;
        let outlays = cases
            .projects
            .iter()
            .map(|p| Outlay {
                capital: p.capital_usd(),
                operating: p.operating_usd(),
                opens: p.opens,
                lifetime: p.lifetime_years,
            })
            .collect();
        Ok(Engine {
            cases,
            req,
            unconverged: usize::from(!without.converged),
            without,
            outlays,
            cache: HashMap::new(),
            spreads,
        })
    }

    /// The outlay of candidate `i`.
    pub fn outlay(&self, i: usize) -> Outlay {
        self.outlays[i]
    }

    /// Equilibrium assignments run so far (the do-minimum's included).
    pub fn cases_run(&self) -> usize {
        self.cache.len() + 1
    }

    /// Distinct routes whose spread was studied, and the reliability studies run.
    pub fn spreads_studied(&self) -> (usize, usize) {
        (self.spreads.known(), self.spreads.studies())
    }

    /// Of which not converged.
    pub fn unconverged(&self) -> usize {
        self.unconverged
    }

    /// The yearly benefit of each of `sets` against the do-minimum (the empty set's is 0).
    pub fn benefits(&mut self, sets: &[Set]) -> Result<Vec<Benefit>> {
        let mut missing: Vec<Set> = sets
            .iter()
            .copied()
            .filter(|s| *s != 0 && !self.cache.contains_key(s))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let (cases, req, spreads) = (self.cases, self.req, &self.spreads);
        req.progress.reserve(missing.len() as u64);
        let run = |set: &Set| -> Result<CaseTotals> {
            let net = cases.with(*set)?;
            let t =
                benefits::case_totals(&net, &req.demand, &req.opts, req.choice.as_ref(), spreads);
            req.progress.advance(1);
            t
        };
        let done = execute(&missing, req.jobs, &run);
        for (set, totals) in missing.into_iter().zip(done) {
            let totals = totals.map_err(|e| match e {
                Error::InvalidArgument(m) => Error::InvalidArgument(format!(
                    "the case with {}: {m}",
                    cases.ids(set).join(" + ")
                )),
                e => e,
            })?;
            self.unconverged += usize::from(!totals.converged);
            let b = benefits::benefit(&self.without, &totals, &req.prices);
            self.cache.insert(set, b);
        }
        Ok(sets
            .iter()
            .map(|s| self.cache.get(s).copied().unwrap_or_default())
            .collect())
    }

    /// The portfolio under `budget` and its build order; `projects` are the candidates
    /// appraised alone (for the sum of the parts).
    pub fn portfolio(&mut self, budget: f64, projects: &[Appraised]) -> Result<Portfolio> {
        let t = self.req.timeline;
        let Some(pick) = portfolio::best(self, budget, &t)? else {
            let cheapest = self
                .outlays
                .iter()
                .map(|o| o.capital)
                .fold(f64::INFINITY, f64::min);
            return Err(Error::InvalidArgument(
                super::NothingFits { budget, cheapest }.to_string(),
            ));
        };
        let steps = portfolio::build_order(self, pick.set)?;
        let id = |i: usize| self.cases.projects[i].id.clone();
        let sum_of_parts_npv = self
            .cases
            .members(pick.set)
            .map(|i| {
                projects
                    .iter()
                    .find(|p| p.id == id(i))
                    .map_or(0.0, |p| p.money.npv)
            })
            .sum();
        Ok(Portfolio {
            budget_usd: budget,
            chosen: steps.iter().map(|s| id(s.index)).collect(),
            capital_usd: pick.capital,
            money: pick.money,
            sum_of_parts_npv,
            order: steps
                .iter()
                .map(|s| BuildStep {
                    id: id(s.index),
                    marginal_usd: s.marginal_usd,
                    per_dollar: s.per_dollar,
                })
                .collect(),
            method: pick.method,
            method_words: pick.method.words(),
            sets_evaluated: pick.sets_evaluated,
        })
    }
}

impl Oracle for Engine<'_> {
    fn outlays(&self) -> &[Outlay] {
        &self.outlays
    }

    fn values(&mut self, sets: &[Set]) -> Result<Vec<f64>> {
        Ok(self.benefits(sets)?.iter().map(|b| b.total_usd).collect())
    }
}
