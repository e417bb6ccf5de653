//! A calibration as text (`corridor calibrate`): the parameters (value, standard error, 95 %
//! range, fitted or fixed), the calibration year's observations beside the calibrated and the
//! deterministic model, the held-out years' likewise, and the median |model / observed − 1| of
//! each. CSV is one row per observation carrying the parameters; JSON is the whole answer.

use std::fmt::Write as _;

use super::fit::fit_text;
use super::{csv_field, grid, json_object, Format};
use crate::studies::calibrate::{Calibration, Estimate, Param, Row, YearFit};
use crate::studies::observed::Kind;
use crate::text::thousands;

/// Renders the calibration.
pub fn render(c: &Calibration, format: Format) -> String {
    match format {
        Format::Json => json_object("calibration", c),
        Format::Csv => csv(c),
        _ => text(c, format),
    }
}

/// A parameter's value: θ in scientific notation, the others to two decimals.
pub fn value(p: Param, v: f64) -> String {
    match p {
        Param::Theta => format!("{v:.3e}"),
        _ => format!("{v:.2}"),
    }
}

/// A value in its kind's unit: shares in per cent, volumes grouped.
fn shown(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Share => format!("{:.1} %", 100.0 * v),
        _ => thousands(v),
    }
}

/// `s` cut to `n` characters with an ellipsis.
fn clipped(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The parameters' table: head, cells, right-aligned columns (the report uses it too).
pub fn parameters(c: &Calibration) -> ([&'static str; 6], Vec<Vec<String>>, [bool; 6]) {
    let cells = c
        .parameters
        .iter()
        .map(|e: &Estimate| {
            let p = e.parameter;
            vec![
                p.key().to_string(),
                value(p, e.value),
                e.standard_error.map(|s| value(p, s)).unwrap_or_else(|| {
                    if e.fitted {
                        "not determined".into()
                    } else {
                        String::new()
                    }
                }),
                e.range
                    .map(|(a, b)| format!("{}–{}", value(p, a), value(p, b)))
                    .unwrap_or_default(),
                match (e.fitted, e.at_bound) {
                    (false, _) => "fixed".to_string(),
                    (true, false) => "fitted".to_string(),
                    (true, true) => "fitted, at its bound".to_string(),
                },
                e.unit.to_string(),
            ]
        })
        .collect();
    (
        [
            "parameter",
            "value",
            "std. error",
            "95 % profile range",
            "how",
            "unit",
        ],
        cells,
        [false, true, true, true, false, false],
    )
}

/// One year's observations: head, cells, right-aligned columns (the report uses it too).
pub fn observations(y: &YearFit) -> ([&'static str; 7], Vec<Vec<String>>, [bool; 7]) {
    let ratio = |r: Option<f64>| r.map(|r| format!("{r:.3}")).unwrap_or_default();
    let cells = y
        .rows
        .iter()
        .map(|r: &Row| {
            vec![
                r.id.clone(),
                r.place.clone(),
                shown(r.kind, r.observed),
                r.model.map(|m| shown(r.kind, m)).unwrap_or_default(),
                ratio(r.ratio),
                ratio(r.wardrop_ratio),
                clipped(&r.source, 60),
            ]
        })
        .collect();
    (
        [
            "observation",
            "where",
            "observed",
            "model",
            "ratio",
            "deterministic",
            "source",
        ],
        cells,
        [false, false, true, true, true, true, false],
    )
}

/// `median |model/observed − 1|: 0.195 (deterministic choice 0.197), 3 observations`, then
/// each observation left out as not comparable, with why.
pub fn median_line(y: &YearFit) -> String {
    let m = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.3}"));
    let apart: Vec<&Row> = y
        .rows
        .iter()
        .filter(|r| r.not_comparable.is_some())
        .collect();
    let n = y.rows.len() - apart.len();
    let mut s = format!(
        "median |model/observed − 1|: {} (deterministic choice {}), {n} observation{}",
        m(y.median_abs_error),
        m(y.wardrop_median_abs_error),
        if n == 1 { "" } else { "s" }
    );
    if !apart.is_empty() {
        write!(
            s,
            "; {} not comparable, shown and left out of the fit and the median:",
            apart.len()
        )
        .unwrap();
        for r in apart {
            write!(
                s,
                "\n  {}: {}",
                r.id,
                r.not_comparable.as_deref().unwrap_or("")
            )
            .unwrap();
        }
    }
    s
}

fn text(c: &Calibration, format: Format) -> String {
    let md = format == Format::Markdown;
    let heading = |s: &mut String, t: &str| {
        if md {
            write!(s, "\n### {t}\n\n").unwrap();
        } else {
            write!(s, "\n{t}\n").unwrap();
        }
    };
    let mut s = String::new();
    let (h, cells, right) = parameters(c);
    heading(&mut s, "Route-choice parameters");
    s.push_str(&grid(&h, &cells, &right, format));
    let fit_words = format!(
        "{}. Weighted sum of squares {:.3} after {} evaluations{}.",
        c.method,
        c.objective,
        c.evaluations,
        if c.converged { "" } else { " (not converged)" }
    );
    s.push('\n');
    s.push_str(&fit_text(&fit_words, format.width()));
    s.push('\n');
    let years = std::iter::once((&c.fit, "calibration year")).chain(
        c.held_out
            .iter()
            .map(|y| (y, "held out, never used in the fit")),
    );
    for (y, what) in years {
        heading(&mut s, &format!("{}, {what}", y.year));
        let (h, cells, right) = observations(y);
        s.push_str(&grid(&h, &cells, &right, format));
        s.push('\n');
        s.push_str(&fit_text(&median_line(y), format.width()));
        s.push('\n');
    }
    s
}

fn csv(c: &Calibration) -> String {
    let mut s = String::from(
        "set,year,id,kind,where,observed,low,high,sigma,model,ratio,deterministic_ratio,theta,value_of_time,reliability,source,at\n",
    );
    let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    let years = std::iter::once((&c.fit, "fit")).chain(c.held_out.iter().map(|y| (y, "held-out")));
    for (y, set) in years {
        for r in &y.rows {
            writeln!(
                s,
                "{set},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                y.year,
                csv_field(&r.id),
                r.kind.as_str(),
                csv_field(&r.place),
                r.observed,
                r.low,
                r.high,
                r.sigma,
                num(r.model),
                num(r.ratio),
                num(r.wardrop_ratio),
                c.choice.theta,
                c.choice.value_of_time,
                c.choice.reliability,
                csv_field(&r.source),
                csv_field(&r.at),
            )
            .unwrap();
        }
    }
    s
}
