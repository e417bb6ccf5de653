//! The fit: the options checked, the observations of the year chosen, the objective minimised,
//! the standard errors, and every year's observations beside the model.

use std::collections::BTreeSet;

use super::optimise::nelder_mead;
use super::params::{value, with};
use super::spread::spread;
use super::{median, Calibration, Estimate, Options, Param, Row, YearFit};
use crate::error::{Error, Result};
use crate::network::Network;
use crate::studies::assign::{self, Assignment, Choice, Logit};
use crate::studies::batch::{self, Evaluated};
use crate::studies::observed::{model_value, Kind, Observation};

/// The kinds a calibration can use: those the assignment gives a value for.
pub const KINDS: [Kind; 3] = [Kind::VolumeTeu, Kind::Share, Kind::ThroughputTeu];

/// Fits the route choice to the observations of `opts.year` and checks it on the held-out
/// years (see the module's documentation). Errors: a kind the assignment does not give, a
/// parameter named twice, bounds the wrong way round or outside [`Param::bounds`], a year with
/// no observation of the kinds, a held-out year that is the calibration year.
pub fn calibrate(
    net: &Network,
    observations: &[Observation],
    opts: &Options,
) -> Result<Calibration> {
    let bounds = check(opts)?;
    let usable: Vec<&Observation> = observations
        .iter()
        .filter(|o| opts.kinds.contains(&o.kind))
        .collect();
    let years: BTreeSet<i32> = usable.iter().map(|o| o.year).collect();
    let observed_in = |y: i32| -> Result<Vec<&Observation>> {
        let of: Vec<&Observation> = usable.iter().copied().filter(|o| o.year == y).collect();
        if of.is_empty() {
            let list: Vec<String> = years.iter().map(|y| y.to_string()).collect();
            let kinds: Vec<&str> = opts.kinds.iter().map(|k| k.as_str()).collect();
            return Err(Error::InvalidArgument(format!(
                "no {} observation of {y} (years observed: {})",
                kinds.join(" or "),
                if list.is_empty() {
                    "none".into()
                } else {
                    list.join(", ")
                }
            )));
        }
        Ok(of)
    };
    let fitted = observed_in(opts.year)?;
    // A figure that does not measure what the model gives is shown, never fitted.
    let fitted: Vec<&Observation> = fitted
        .into_iter()
        .filter(|o| o.not_comparable.is_none())
        .collect();
    if fitted.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "every observation of {} is marked not comparable: nothing to fit",
            opts.year
        )));
    }
    let held_years: Vec<i32> = match &opts.held_out {
        Some(ys) => {
            if ys.contains(&opts.year) {
                return Err(Error::InvalidArgument(format!(
                    "--held-out {}: the calibration year cannot be held out",
                    opts.year
                )));
            }
            ys.clone()
        }
        None => years.iter().copied().filter(|&y| y != opts.year).collect(),
    };
    let held: Vec<(i32, Vec<&Observation>)> = held_years
        .iter()
        .map(|&y| observed_in(y).map(|o| (y, o)))
        .collect::<Result<_>>()?;

    let demand = crate::studies::demand::resolve(&opts.year.to_string(), net)?;
    let logit = Logit::new(net, &demand, &opts.assign)?;
    let (lower, upper): (Vec<f64>, Vec<f64>) = bounds.iter().map(|&(_, lo, hi)| (lo, hi)).unzip();
    let choice_at = |x: &[f64]| -> Choice {
        bounds
            .iter()
            .zip(x)
            .fold(opts.start, |c, (&(p, _, _), &v)| with(c, p, natural(p, v)))
    };
    let residuals_with = |l: &Logit<'_>, x: &[f64]| -> Result<Vec<f64>> {
        let a = l.assign(&choice_at(x))?;
        Ok(weighted(net, &a, &fitted))
    };
    let objective_with = |l: &Logit<'_>, x: &[f64]| -> Result<f64> {
        Ok(residuals_with(l, x)?.iter().map(|r| r * r).sum())
    };
    // A job of the batch runner other than the first prepares its own model.
    let prepare = || Logit::new(net, &demand, &opts.assign);
    let start: Vec<f64> = bounds
        .iter()
        .map(|&(p, lo, hi)| coordinate(p, value(&opts.start, p)).clamp(lo, hi))
        .collect();
    let steps: Vec<f64> = bounds.iter().map(|(p, _, _)| p.steps().0).collect();
    // Nelder–Mead's points follow one another; what does not (the Jacobian's points and the
    // profiles' ends, then the held-out years) runs through the batch runner, `opts.jobs` at once.
    let best = nelder_mead(
        &mut |x: &[f64]| objective_with(&logit, x),
        &start,
        (&lower, &upper),
        &steps,
        (1e-9, 1e-4),
        opts.max_evaluations,
    )?;
    let choice = choice_at(&best.x);
    let at_fit = logit.assign(&choice)?;
    let residuals = |l: &Logit<'_>, x: &[f64]| residuals_with(l, x);
    let spread = spread(
        logit,
        &prepare,
        &residuals,
        (&best.x, best.value),
        &bounds,
        opts.jobs,
    );
    let mut failed = spread.failed;
    let mut parameters = estimates(&bounds, &best.x, spread.covariance.as_deref(), &choice);
    for (&(p, _, _), range) in bounds.iter().zip(&spread.ranges) {
        if let (Some((lo, hi)), Some(e)) = (range, parameters.iter_mut().find(|e| e.parameter == p))
        {
            e.range = Some((natural(p, *lo), natural(p, *hi)));
        }
    }

    let wardrop = assign::assign(net, &demand, &assign::Options::default())?;
    let shown = observed_in(opts.year)?;
    let fit = year_fit(net, opts.year, &shown, &at_fit, &wardrop);
    // The held-out years, with the fitted choice only.
    let held_years: Vec<i32> = held.iter().map(|(y, _)| *y).collect();
    let held = evaluate(
        net,
        observations,
        &choice,
        (&opts.kinds, &held_years),
        &opts.assign,
        opts.jobs,
    );
    failed.extend(held.failed);
    Ok(Calibration {
        method: method(opts),
        choice,
        parameters,
        objective: best.value,
        evaluations: best.evaluations,
        converged: best.converged,
        fit,
        held_out: held.results.into_iter().flatten().collect(),
        kinds: opts.kinds.clone(),
        failed,
    })
}

/// The observations of `kinds` of each of `years` beside the logit model at `choice` and the
/// deterministic one (no fit: what `assign --choice calibrated` gives), each year's shipped
/// demand assigned with `opts`; the years run through the batch runner, `jobs` at once, a year
/// that cannot be assigned recorded with its error ("year Y") while the others go on.
pub fn evaluate(
    net: &Network,
    observations: &[Observation],
    choice: &Choice,
    (kinds, years): (&[Kind], &[i32]),
    opts: &assign::Options,
    jobs: usize,
) -> Evaluated<YearFit> {
    let id = |i: usize| format!("year {}", years[i]);
    batch::evaluate(years, jobs, &id, &|&y: &i32| {
        let obs: Vec<&Observation> = observations
            .iter()
            .filter(|o| o.year == y && kinds.contains(&o.kind))
            .collect();
        let d = crate::studies::demand::resolve(&y.to_string(), net)?;
        let a = Logit::new(net, &d, opts)?.assign(choice)?;
        let w = assign::assign(net, &d, &assign::Options::default())?;
        Ok(year_fit(net, y, &obs, &a, &w))
    })
}

/// The options checked: the bounds of each free parameter (in the fit's coordinates).
fn check(opts: &Options) -> Result<Vec<(Param, f64, f64)>> {
    let bad = |m: String| Err(Error::InvalidArgument(m));
    if opts.kinds.is_empty() {
        return bad("give at least one kind of observation to fit".into());
    }
    if let Some(k) = opts.kinds.iter().find(|k| !KINDS.contains(k)) {
        let names: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
        return bad(format!(
            "--kind {}: the assignment gives no value for it (kinds: {})",
            k.as_str(),
            names.join(", ")
        ));
    }
    if opts.free.is_empty() {
        return bad("give at least one parameter to fit (--free)".into());
    }
    if !(1..=10_000).contains(&opts.max_evaluations) {
        return bad(format!(
            "--max-evaluations {}: give 1 to 10,000",
            opts.max_evaluations
        ));
    }
    opts.start.check()?;
    for (p, lo, hi) in &opts.bounds {
        let (min, max) = p.bounds();
        if !(lo.is_finite() && hi.is_finite()) || lo >= hi {
            return bad(format!(
                "bounds of {}: {lo}–{hi} is the wrong way round (give low:high, low below high)",
                p.key()
            ));
        }
        if *lo < min || *hi > max {
            return bad(format!(
                "bounds of {}: {lo}–{hi} is outside {min}–{max} ({})",
                p.key(),
                p.unit()
            ));
        }
        if opts.bounds.iter().filter(|b| b.0 == *p).count() > 1 {
            return bad(format!("bounds of {} given twice", p.key()));
        }
    }
    let mut out = Vec::with_capacity(opts.free.len());
    for (i, &p) in opts.free.iter().enumerate() {
        if opts.free[..i].contains(&p) {
            return bad(format!("--free: {} named twice", p.key()));
        }
        let (lo, hi) = opts
            .bounds
            .iter()
            .find(|b| b.0 == p)
            .map_or(p.bounds(), |b| (b.1, b.2));
        // θ's lower bound is positive, so its logarithm is finite.
        out.push((p, coordinate(p, lo), coordinate(p, hi)));
    }
    Ok(out)
}

/// The fit's coordinate of a value of `p` (ln θ; the others as they are), and back.
fn coordinate(p: Param, v: f64) -> f64 {
    if p.logarithmic() {
        v.ln()
    } else {
        v
    }
}

fn natural(p: Param, x: f64) -> f64 {
    if p.logarithmic() {
        x.exp()
    } else {
        x
    }
}

/// σ of ln observed: half the log-width of the published range (its ± tolerance).
fn sigma(o: &Observation) -> f64 {
    if o.low > 0.0 && o.high > o.low {
        0.5 * (o.high / o.low).ln()
    } else {
        0.1
    }
}

/// (ln model − ln observed) / σ of each observation in `a` (0 where the model has no value, the
/// model held at 10⁻⁹ of the observation at least).
fn weighted(net: &Network, a: &Assignment, obs: &[&Observation]) -> Vec<f64> {
    obs.iter()
        .map(|o| {
            let r = o.reference();
            match model_value(net, a, o).0 {
                Some(m) if r > 0.0 => (m.max(1e-9 * r) / r).ln() / sigma(o),
                _ => 0.0,
            }
        })
        .collect()
}

/// Every parameter's estimate: value and standard error of the free ones (their range is the
/// profile's, set by the caller).
fn estimates(
    bounds: &[(Param, f64, f64)],
    x: &[f64],
    cov: Option<&[Vec<f64>]>,
    choice: &Choice,
) -> Vec<Estimate> {
    super::PARAMS
        .iter()
        .map(|&p| {
            let v = value(choice, p);
            let Some(i) = bounds.iter().position(|b| b.0 == p) else {
                return Estimate {
                    parameter: p,
                    unit: p.unit(),
                    value: v,
                    fitted: false,
                    standard_error: None,
                    range: None,
                    bounds: p.bounds(),
                    at_bound: false,
                };
            };
            let (lo, hi) = (bounds[i].1, bounds[i].2);
            let se = cov
                .map(|c| c[i][i])
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(f64::sqrt);
            let width = (hi - lo).abs();
            Estimate {
                parameter: p,
                unit: p.unit(),
                value: v,
                fitted: true,
                // The delta method for θ: se(θ) = θ se(ln θ).
                standard_error: se.map(|s| if p.logarithmic() { v * s } else { s }),
                range: None,
                bounds: (natural(p, lo), natural(p, hi)),
                at_bound: (x[i] - lo).abs() < 1e-6 * width || (hi - x[i]).abs() < 1e-6 * width,
            }
        })
        .collect()
}

/// The observations of `year` beside the calibrated (`a`) and deterministic (`w`) models.
fn year_fit(
    net: &Network,
    year: i32,
    obs: &[&Observation],
    a: &Assignment,
    w: &Assignment,
) -> YearFit {
    let rows: Vec<Row> = obs
        .iter()
        .map(|o| {
            let r = o.reference();
            let ratio = |v: Option<f64>| v.filter(|_| r > 0.0).map(|m| m / r);
            let model = model_value(net, a, o).0;
            Row {
                id: o.id.clone(),
                kind: o.kind,
                year: o.year,
                place: o.place.describe(),
                observed: r,
                low: o.low,
                high: o.high,
                sigma: sigma(o),
                model,
                ratio: ratio(model),
                wardrop_ratio: ratio(model_value(net, w, o).0),
                source: o.source.clone(),
                not_comparable: o.not_comparable.clone(),
                at: format!("{}:{}", o.file, o.line),
            }
        })
        .collect();
    let errors = |f: fn(&Row) -> Option<f64>| -> Vec<f64> {
        rows.iter()
            .filter(|r| r.not_comparable.is_none())
            .filter_map(f)
            .map(|r| (r - 1.0).abs())
            .collect()
    };
    YearFit {
        year,
        median_abs_error: median(&errors(|r| r.ratio)),
        wardrop_median_abs_error: median(&errors(|r| r.wardrop_ratio)),
        equilibrium_gap: a.gap,
        rows,
    }
}

/// The method, in words.
fn method(opts: &Options) -> String {
    let free: Vec<&str> = opts.free.iter().map(|p| p.key()).collect();
    let kinds: Vec<&str> = opts.kinds.iter().map(|k| k.as_str()).collect();
    format!(
        "path-size logit route choice (stochastic user equilibrium) fitted by weighted least squares on ln(model/observed), σ = half the log-width of each published range; Nelder–Mead over {}; standard errors from (JᵀJ)⁻¹; observations: {} of {}",
        free.join(", "),
        kinds.join(", "),
        opts.year
    )
}
