//! A screening's request, its answer, and the steps between: the questions checked, the inputs
//! found and given their ranges, the ends, the Morris runs, the flips, the Sobol indices and what
//! to measure next.

use serde::Serialize;

use super::inputs::{self, Input, RangeKind};
use super::morris::{self, Effects, Trajectory};
use super::question::{unit, Ask, Prepared, Question};
use super::sobol::{self, Indices};
use super::{points, ranges, MAX_SOBOL, MAX_TOP, MAX_TRAJECTORIES, MIN_SOBOL, MIN_TRAJECTORIES};
use crate::error::{Error, Result};
use crate::network::Network;
use crate::progress::Progress;
use crate::routing::Objective;
use crate::studies::batch::Failure;

/// What to screen.
#[derive(Debug, Clone)]
pub struct Request {
    /// The questions, each screened on its own.
    pub questions: Vec<Question>,
    /// Every numeric input, not only the estimates.
    pub all: bool,
    /// Morris trajectories (r).
    pub trajectories: usize,
    /// Seed of the trajectories and samples.
    pub seed: u64,
    /// Sobol base samples (N), when wanted.
    pub sobol: Option<usize>,
    /// How many inputs (the first by μ*) the Sobol indices are computed for.
    pub top: usize,
    /// Ranges given by the user: (input key, low, high), in the input's units.
    pub ranges: Vec<(String, f64, f64)>,
    /// Only the inputs whose key or file holds one of these texts (all when empty).
    pub only: Vec<String>,
    /// Counts the evaluations, for a progress display.
    pub progress: Progress,
    /// How many trajectories or samples are evaluated at once (the batch runner's jobs; the
    /// answer is the same on any number).
    pub jobs: usize,
}

/// One input's screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The input.
    #[serde(flatten)]
    pub input: Input,
    /// Its Morris statistics.
    pub morris: Effects,
    /// The answer at the range's low end, the others at their values.
    pub at_low: f64,
    /// At its high end.
    pub at_high: f64,
    /// For a difference or an effect: whether the range can flip the answer's sign.
    pub flips: Option<Flip>,
}

/// Whether an input's range can flip the sign of a difference or an effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flip {
    /// Nowhere it was evaluated.
    No,
    /// At an end of its range, the other inputs at their values.
    Alone,
    /// Only across one of its moves in the Morris runs, with other inputs away from their
    /// values.
    WithOthers,
}

impl Flip {
    /// Whether it flips at all.
    pub fn yes(self) -> bool {
        self != Flip::No
    }

    /// In words: "no", "yes, alone", "yes, with others".
    pub fn words(self) -> &'static str {
        match self {
            Flip::No => "no",
            Flip::Alone => "yes, alone",
            Flip::WithOthers => "yes, with others",
        }
    }
}

/// The Sobol part of a screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolPart {
    /// Base samples (N).
    pub samples: usize,
    /// Rows with an answer at every point.
    pub rows_used: usize,
    /// The answer's variance over the top inputs' ranges (the others at their values).
    pub variance: f64,
    /// Each top input's key and indices, in μ* order.
    pub indices: Vec<(String, Indices)>,
}

/// An estimate worth measuring better.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Next {
    /// The input's key.
    pub key: String,
    /// Its file.
    pub file: String,
    /// Its total index (with Sobol), else its share of Σ μ*².
    pub share: f64,
    /// With Sobol: the variance of the answer knowing it exactly would remove, at least (its
    /// first-order index × the variance) and at most (its total index × the variance), in the
    /// answer's unit squared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reduction: Option<(f64, f64)>,
}

/// One question's screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Study {
    /// The question in words.
    pub question: String,
    /// The answer's unit.
    pub unit: &'static str,
    /// The families measured (an effect's, chosen when not given).
    pub families: Vec<String>,
    /// Whether the answer is a difference (its sign can flip).
    pub signed: bool,
    /// The answer at the inputs' values.
    pub value: f64,
    /// The inputs, by μ* (largest first).
    pub rows: Vec<Row>,
    /// The Sobol indices of the top inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sobol: Option<SobolPart>,
    /// What to measure next, most useful first.
    pub next: Vec<Next>,
    /// How `next` is ranked: "Sobol total index" or "μ*²".
    pub next_by: &'static str,
    /// Points evaluated.
    pub evaluations: usize,
    /// Points without an answer (a family without a route there).
    pub missing: usize,
    /// What was left out, and why.
    pub notes: Vec<String>,
    /// The trajectories and Sobol rows whose evaluation failed (the statistics are those of the
    /// others), reported as a batch reports its failed runs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<Failure>,
}

/// A finished screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Screening {
    /// Morris trajectories.
    pub trajectories: usize,
    /// Levels of the Morris grid.
    pub levels: usize,
    /// The seed.
    pub seed: u64,
    /// Every numeric input, or the estimates.
    pub all: bool,
    /// Sobol base samples, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sobol: Option<usize>,
    /// One per question.
    pub studies: Vec<Study>,
}

/// The network's headline questions (`[[network.study.headline]]`) between the study's ends (or
/// the ones given), in the year given.
pub fn headline_questions(
    net: &Network,
    from: &str,
    to: &str,
    year: Option<i32>,
) -> Result<Vec<Question>> {
    if net.study.headlines.is_empty() {
        return Err(Error::InvalidArgument(
            "the network states no headline questions ([[network.study.headline]]): ask one with --from/--to, --compare, --scenario-effect or --element".into(),
        ));
    }
    net.study
        .headlines
        .iter()
        .map(|h| {
            let by =
                h.by.as_deref()
                    .map_or(Some(Objective::Time), Objective::parse);
            let ask = match (&h.compare, &h.effect_of) {
                (Some((a, b)), _) => Ask::Compare(a.clone(), b.clone()),
                (None, Some(s)) => Ask::Effect {
                    scenario: s.clone(),
                    family: h.family.clone(),
                },
                (None, None) => {
                    return Err(Error::InvalidArgument(
                        "a headline question asks nothing".into(),
                    ))
                }
            };
            Ok(Question {
                ask,
                from: from.to_string(),
                to: to.to_string(),
                by: by.ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "unknown measure `{}`",
                        h.by.as_deref().unwrap_or("")
                    ))
                })?,
                scenario: h.scenario.clone(),
                year,
                words: h.question.clone(),
            })
        })
        .collect()
}

/// Checks the request's numbers.
fn check(req: &Request) -> Result<()> {
    let bad = |m: String| Err(Error::InvalidArgument(m));
    if !(MIN_TRAJECTORIES..=MAX_TRAJECTORIES).contains(&req.trajectories) {
        return bad(format!(
            "-r {}: the number of Morris trajectories lies in {MIN_TRAJECTORIES}…{}",
            req.trajectories,
            crate::text::thousands(MAX_TRAJECTORIES as f64)
        ));
    }
    if let Some(n) = req.sobol {
        if !(MIN_SOBOL..=MAX_SOBOL).contains(&n) {
            return bad(format!(
                "--sobol {n}: the number of Sobol base samples lies in {MIN_SOBOL}…{}",
                crate::text::thousands(MAX_SOBOL as f64)
            ));
        }
    }
    if !(1..=MAX_TOP).contains(&req.top) {
        return bad(format!(
            "--top {}: give 1…{MAX_TOP} inputs for the Sobol indices",
            req.top
        ));
    }
    if req.questions.is_empty() {
        return bad("no question to screen".into());
    }
    if req.jobs == 0 {
        return bad("--jobs 0: give 1 or more evaluations at once".into());
    }
    Ok(())
}

/// Runs the screening of every question.
pub fn screen(net: &Network, req: &Request) -> Result<Screening> {
    check(req)?;
    let mut every = inputs::candidates(net, true);
    ranges::assign(net, &mut every);
    give_ranges(&mut every, &req.ranges)?;
    let prepared: Vec<Prepared> = req
        .questions
        .iter()
        .map(|q| Prepared::new(net, q))
        .collect::<Result<_>>()?;
    let mut studies = Vec::new();
    for p in &prepared {
        studies.push(one(net, p, &every, req)?);
    }
    Ok(Screening {
        trajectories: req.trajectories,
        levels: morris::LEVELS,
        seed: req.seed,
        all: req.all,
        sobol: req.sobol,
        studies,
    })
}

/// Puts the user's ranges on their inputs: a key the network does not have, or a range the wrong
/// way round, is refused.
fn give_ranges(every: &mut [Input], given: &[(String, f64, f64)]) -> Result<()> {
    for (key, lo, hi) in given {
        let Some(i) = every.iter_mut().find(|i| &i.key == key) else {
            let keys: Vec<&str> = every.iter().map(|i| i.key.as_str()).collect();
            return Err(Error::InvalidArgument(format!(
                "--range {}: no input `{}`{} (an input is RECORD.FIELD, as the screening lists them)",
                crate::error::clip(key),
                crate::error::clip(key),
                crate::text::did_you_mean(key, &keys)
            )));
        };
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(Error::InvalidArgument(format!(
                "--range {key}={lo}:{hi}: the range is the wrong way round or empty; give LOW:HIGH with LOW < HIGH"
            )));
        }
        if *lo <= 0.0 {
            return Err(Error::InvalidArgument(format!(
                "--range {key}={lo}:{hi}: an input is scaled within its range, so its low end must be above 0"
            )));
        }
        i.range = (*lo, *hi);
        i.range_kind = RangeKind::Given;
    }
    Ok(())
}

/// The inputs a question screens: the estimates (every input with `all`, and any the user gave a
/// range) that can move its measure and are not 0; and notes on the rest.
fn chosen(p: &Prepared, every: &[Input], req: &Request) -> (Vec<Input>, Vec<String>) {
    let q = &p.question;
    let wanted = |i: &Input| {
        (req.all || i.estimate || i.range_kind == RangeKind::Given)
            && (req.only.is_empty()
                || req
                    .only
                    .iter()
                    .any(|t| i.key.contains(t.as_str()) || i.file.contains(t.as_str())))
    };
    let (mut cannot, mut zero) = (0, 0);
    let mut out = Vec::new();
    for i in every.iter().filter(|i| wanted(i)) {
        if !q.takes(i.moves) {
            cannot += i.estimate as usize;
        } else if i.value == 0.0 || i.range.0 <= 0.0 {
            zero += 1;
        } else {
            out.push(i.clone());
        }
    }
    let mut notes = Vec::new();
    if cannot > 0 {
        notes.push(format!(
            "{cannot} estimates cannot move this question's measure ({}) and are not screened",
            match q.ask {
                Ask::Element { .. } => "none".to_string(),
                Ask::Rank { .. } => "none".to_string(),
                _ => unit(q.by).to_string(),
            }
        ));
    }
    if let Ask::Rank { .. } = q.ask {
        notes.push(super::rank::NOT_SCREENED.to_string());
    }
    if zero > 0 {
        notes.push(format!(
            "{zero} inputs at 0 (or with a range reaching 0) are not screened: a scale cannot move them"
        ));
    }
    (out, notes)
}

/// One question's screening.
fn one(net: &Network, p: &Prepared, every: &[Input], req: &Request) -> Result<Study> {
    let q = &p.question;
    let value = p.value(net)?;
    if !value.is_finite() {
        return Err(Error::InvalidArgument(format!(
            "{}: no answer at the inputs' values (a family has no route; try --year or --scenario)",
            q.title()
        )));
    }
    let (mut inputs, mut notes) = chosen(p, every, req);
    let k0 = inputs.len();
    let r = req.trajectories;
    req.progress.reserve((2 * k0 + r * (k0 + 1)) as u64);
    // The ends, one at a time; an input whose range the edits refuse is left out.
    let ends = points::ends(&points::Points {
        base: net,
        q: p,
        inputs: &inputs,
        progress: &req.progress,
        jobs: req.jobs,
    });
    let mut kept = Vec::new();
    let mut lows = Vec::new();
    for (input, e) in inputs.drain(..).zip(ends) {
        match e {
            Ok((lo, hi)) => {
                kept.push(input);
                lows.push((lo, hi));
            }
            Err(why) => notes.push(format!("left out: {why}")),
        }
    }
    let inputs = kept;
    let k = inputs.len();
    if k == 0 {
        return Err(Error::InvalidArgument(format!(
            "{}: no input to screen",
            q.title()
        )));
    }
    let trajectories: Vec<Trajectory> = (0..r as u64)
        .map(|t| Trajectory::new(k, req.seed, t))
        .collect();
    let at = points::Points {
        base: net,
        q: p,
        inputs: &inputs,
        progress: &req.progress,
        jobs: req.jobs,
    };
    let run = points::morris(&at, &trajectories);
    let mut failed = run.failed;
    let (trajectories, outputs): (Vec<Trajectory>, Vec<Vec<f64>>) = trajectories
        .into_iter()
        .zip(run.results)
        .filter_map(|(t, y)| Some((t, y?)))
        .unzip();
    if outputs.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{}: every Morris trajectory failed; the first: {}",
            q.title(),
            failed[0].error.as_deref().unwrap_or("")
        )));
    }
    let effects = morris::statistics(k, &trajectories, &outputs);
    let flips_in_runs = flips_in_runs(k, value, &trajectories, &outputs);
    let mut rows: Vec<Row> = inputs
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let (at_low, at_high) = lows[i];
            let flips = q.signed().then(|| {
                if sign(at_low) != sign(value) || sign(at_high) != sign(value) {
                    Flip::Alone
                } else if flips_in_runs[i] {
                    Flip::WithOthers
                } else {
                    Flip::No
                }
            });
            Row {
                input,
                morris: effects[i],
                at_low,
                at_high,
                flips,
            }
        })
        .collect();
    rows.sort_by(|a, b| order(b.morris.mu_star).total_cmp(&order(a.morris.mu_star)));
    let missing = outputs.iter().flatten().filter(|y| !y.is_finite()).count()
        + lows
            .iter()
            .filter(|(a, b)| !(a.is_finite() && b.is_finite()))
            .count();
    let mut evaluations = 1 + 2 * k + r * (k + 1);
    let sobol = match req.sobol {
        Some(n) => {
            let part = sobol_part(net, p, &rows, n, req, &mut failed);
            evaluations += part
                .as_ref()
                .map_or(0, |s| s.samples * (s.indices.len() + 2));
            part
        }
        None => None,
    };
    let (next, next_by) = next(&rows, sobol.as_ref());
    Ok(Study {
        question: q.title(),
        unit: match q.ask {
            Ask::Element { .. } => "hours",
            Ask::Rank { .. } => super::rank::UNIT,
            _ => unit(q.by),
        },
        families: p.family_words(),
        signed: q.signed(),
        value,
        rows,
        sobol,
        next,
        next_by,
        evaluations,
        missing,
        notes,
        failed,
    })
}

/// μ* for ranking: an input without effects last.
fn order(mu_star: f64) -> f64 {
    if mu_star.is_finite() {
        mu_star
    } else {
        -1.0
    }
}

/// −1, 0 or 1 (NaN: 0, never a flip by itself).
fn sign(x: f64) -> i8 {
    if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }
}

/// Per input: whether one of its moves in the Morris runs changed the answer's sign.
fn flips_in_runs(
    k: usize,
    _value: f64,
    trajectories: &[Trajectory],
    outputs: &[Vec<f64>],
) -> Vec<bool> {
    let mut out = vec![false; k];
    for (t, y) in trajectories.iter().zip(outputs) {
        for (s, &i) in t.order.iter().enumerate() {
            let (a, b) = (y[s], y[s + 1]);
            if a.is_finite() && b.is_finite() && sign(a) != sign(b) {
                out[i] = true;
            }
        }
    }
    out
}

/// The Sobol indices of the first `top` inputs by μ* (those with an effect).
fn sobol_part(
    net: &Network,
    p: &Prepared,
    rows: &[Row],
    n: usize,
    req: &Request,
    failed: &mut Vec<Failure>,
) -> Option<SobolPart> {
    let top: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].morris.mu_star > 0.0)
        .take(req.top)
        .collect();
    if top.is_empty() {
        return None;
    }
    let inputs: Vec<Input> = rows.iter().map(|r| r.input.clone()).collect();
    req.progress.reserve((n * (top.len() + 2)) as u64);
    let at = points::Points {
        base: net,
        q: p,
        inputs: &inputs,
        progress: &req.progress,
        jobs: req.jobs,
    };
    let run = points::sobol_rows(&at, &top, n, req.seed);
    failed.extend(run.failed);
    let out: Vec<_> = run.results.into_iter().flatten().collect();
    let used = out
        .iter()
        .filter(|r| r.a.is_finite() && r.b.is_finite() && r.ab.iter().all(|x| x.is_finite()))
        .count();
    sobol::indices(top.len(), &out, req.seed).map(|(variance, ix)| SobolPart {
        samples: n,
        rows_used: used,
        variance,
        indices: top
            .iter()
            .map(|&i| rows[i].input.key.clone())
            .zip(ix)
            .collect(),
    })
}

/// What to measure next: the estimates by total index (with Sobol), else by μ*².
fn next(rows: &[Row], sobol: Option<&SobolPart>) -> (Vec<Next>, &'static str) {
    const SHOWN: usize = 10;
    let file = |key: &str| {
        rows.iter()
            .find(|r| r.input.key == key)
            .map(|r| r.input.file.clone())
            .unwrap_or_default()
    };
    let estimate = |key: &str| rows.iter().any(|r| r.input.key == key && r.input.estimate);
    if let Some(s) = sobol {
        let mut v: Vec<Next> = s
            .indices
            .iter()
            .filter(|(k, _)| estimate(k))
            .map(|(k, ix)| Next {
                key: k.clone(),
                file: file(k),
                share: ix.total.value,
                reduction: Some({
                    let (a, b) = (ix.first.value.max(0.0), ix.total.value.max(0.0));
                    (a.min(b) * s.variance, a.max(b) * s.variance)
                }),
            })
            .collect();
        v.sort_by(|a, b| b.share.total_cmp(&a.share));
        v.truncate(SHOWN);
        return (v, "Sobol total index");
    }
    let sum: f64 = rows
        .iter()
        .filter(|r| r.morris.mu_star.is_finite())
        .map(|r| r.morris.mu_star.powi(2))
        .sum();
    let v = rows
        .iter()
        .filter(|r| r.input.estimate && r.morris.mu_star > 0.0)
        .take(SHOWN)
        .map(|r| Next {
            key: r.input.key.clone(),
            file: r.input.file.clone(),
            share: if sum > 0.0 {
                r.morris.mu_star.powi(2) / sum
            } else {
                0.0
            },
            reduction: None,
        })
        .collect();
    (v, "μ*²")
}
