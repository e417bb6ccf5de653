//! The route-choice parameters as a file: `[choice]` (the values `assign --choice calibrated`
//! uses) and `[fit]` (how they were found, for the reader), every problem reported with its file,
//! line and field. The shipped file is `networks/calibration/route-choice.toml`.

use serde::Deserialize;
use serde_spanned::Spanned;

use super::{Param, PARAMS};
use crate::error::{Error, Problem, Result};
use crate::load::SourceFile;
use crate::studies::assign::Choice;

/// The shipped fitted parameters (`networks/calibration/route-choice.toml`).
pub const SHIPPED: &str = include_str!("../../../networks/calibration/route-choice.toml");

/// The name the shipped file is reported under.
pub const SHIPPED_NAME: &str = "<embedded>/networks/calibration/route-choice.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    choice: Spanned<RawChoice>,
    #[serde(default)]
    fit: Option<Spanned<RawFit>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    theta: Spanned<f64>,
    value_of_time: Spanned<f64>,
    reliability: Spanned<f64>,
}

/// What a fit records beside its values (checked; the command and standard errors are shown).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawFit {
    command: Option<String>,
    year: Option<i64>,
    held_out: Option<Vec<i64>>,
    method: Option<String>,
    free: Option<Vec<String>>,
    observations: Option<Vec<String>>,
    median_abs_error: Option<f64>,
    median_abs_error_held_out: Option<f64>,
    standard_errors: Option<toml::Table>,
    ranges: Option<toml::Table>,
}

/// A parameters file as read: the values, and what its `[fit]` says of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The values.
    pub choice: Choice,
    /// The command that fitted them, when recorded.
    pub command: Option<String>,
    /// The standard errors recorded, by parameter.
    pub standard_errors: Vec<(Param, f64)>,
    /// The 95 % profile ranges recorded, by parameter.
    pub ranges: Vec<(Param, f64, f64)>,
}

/// The shipped parameters.
pub fn shipped() -> Result<Choice> {
    Ok(shipped_record()?.choice)
}

/// The shipped parameters with their record.
pub fn shipped_record() -> Result<Record> {
    record(&SourceFile {
        name: SHIPPED_NAME.into(),
        text: SHIPPED.into(),
    })
}

/// The parameters of the file at `path`.
pub fn read(path: &std::path::Path) -> Result<Choice> {
    parse(&SourceFile {
        name: path.display().to_string(),
        text: crate::fs::read_text(path)?,
    })
}

/// Parses a parameters file: unknown keys, missing values and values outside the bounds of
/// [`PARAMS`] are problems, all reported at once.
pub fn parse(file: &SourceFile) -> Result<Choice> {
    Ok(record(file)?.choice)
}

/// [`parse`] with the file's record of the fit.
pub fn record(file: &SourceFile) -> Result<Record> {
    let lines = crate::load::Text::new(file);
    let problem = |at: usize, field: &str, message: String| Problem {
        file: file.name.clone(),
        line: lines.line_of(at),
        field: field.into(),
        message,
    };
    let raw: RawFile = toml::from_str(&file.text).map_err(|e| {
        let p = problem(
            e.span().map_or(0, |s| s.start),
            "toml",
            e.message().trim().to_string(),
        );
        Error::InvalidArgument(format!("invalid route-choice parameters:\n  {p}"))
    })?;
    let c = raw.choice.get_ref();
    let values = [&c.theta, &c.value_of_time, &c.reliability];
    let mut problems = Vec::new();
    for (p, v) in PARAMS.iter().zip(values) {
        let (lo, hi) = p.bounds();
        let x = *v.get_ref();
        if !(x.is_finite() && (lo..=hi).contains(&x)) {
            problems.push(problem(
                v.span().start,
                &format!("choice.{}", p.key()),
                format!("{x} is outside {lo}–{hi} ({})", p.unit()),
            ));
        }
    }
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        return Err(Error::InvalidArgument(format!(
            "invalid route-choice parameters:\n{}",
            list.join("\n")
        )));
    }
    let fit = raw.fit.as_ref().map(|f| f.get_ref());
    let standard_errors = fit
        .and_then(|f| f.standard_errors.as_ref())
        .map(|t| {
            PARAMS
                .iter()
                .filter_map(|&p| t.get(p.key()).and_then(|v| v.as_float()).map(|v| (p, v)))
                .collect()
        })
        .unwrap_or_default();
    let ranges = fit
        .and_then(|f| f.ranges.as_ref())
        .map(|t| {
            PARAMS
                .iter()
                .filter_map(|&p| {
                    let a = t.get(p.key())?.as_array()?;
                    Some((p, a.first()?.as_float()?, a.get(1)?.as_float()?))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Record {
        choice: Choice {
            theta: *c.theta.get_ref(),
            value_of_time: *c.value_of_time.get_ref(),
            reliability: *c.reliability.get_ref(),
        },
        command: fit.and_then(|f| f.command.clone()),
        standard_errors,
        ranges,
    })
}

/// The value of `p` in `c`.
pub fn value(c: &Choice, p: Param) -> f64 {
    match p {
        Param::Theta => c.theta,
        Param::ValueOfTime => c.value_of_time,
        Param::Reliability => c.reliability,
    }
}

/// `c` with `p` set to `v`.
pub fn with(mut c: Choice, p: Param, v: f64) -> Choice {
    match p {
        Param::Theta => c.theta = v,
        Param::ValueOfTime => c.value_of_time = v,
        Param::Reliability => c.reliability = v,
    }
    c
}

/// A calibration as a parameters file that [`read`] takes back: `[choice]` with the values,
/// `[fit]` with how they were found (`command`: the command line that produced it).
pub fn to_toml(c: &super::Calibration, command: &str) -> String {
    use std::fmt::Write as _;
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut s = String::from(
        "# Route-choice parameters of `corridor assign --choice calibrated --params FILE`, fitted\n\
         # by `corridor calibrate` (the command below) to the observations listed: model\n\
         # parameters fitted openly, not network inputs.\n\n[choice]\n",
    );
    for p in super::PARAMS {
        writeln!(s, "{} = {:?}", p.key(), value(&c.choice, p)).unwrap();
    }
    let free: Vec<String> = c
        .parameters
        .iter()
        .filter(|e| e.fitted)
        .map(|e| q(e.parameter.key()))
        .collect();
    // The observations fitted: those marked not comparable were shown, not fitted.
    let ids: Vec<String> = c
        .fit
        .rows
        .iter()
        .filter(|r| r.not_comparable.is_none())
        .map(|r| q(&r.id))
        .collect();
    let held: Vec<String> = c.held_out.iter().map(|y| y.year.to_string()).collect();
    write!(
        s,
        "\n[fit]\ncommand = {}\nyear = {}\nheld_out = [{}]\nmethod = {}\nfree = [{}]\nobservations = [{}]\n",
        q(command),
        c.fit.year,
        held.join(", "),
        q(&c.method),
        free.join(", "),
        ids.join(", "),
    )
    .unwrap();
    if let Some(m) = c.fit.median_abs_error {
        writeln!(s, "median_abs_error = {m:?}").unwrap();
    }
    if let Some(m) = c.held_out.first().and_then(|y| y.median_abs_error) {
        writeln!(s, "median_abs_error_held_out = {m:?}").unwrap();
    }
    let ses: Vec<String> = c
        .parameters
        .iter()
        .filter_map(|e| {
            e.standard_error
                .map(|v| format!("{} = {v:?}", e.parameter.key()))
        })
        .collect();
    if !ses.is_empty() {
        write!(s, "\n[fit.standard_errors]\n{}\n", ses.join("\n")).unwrap();
    }
    let ranges: Vec<String> = c
        .parameters
        .iter()
        .filter_map(|e| {
            e.range
                .map(|(a, b)| format!("{} = [{a:?}, {b:?}]", e.parameter.key()))
        })
        .collect();
    if !ranges.is_empty() {
        write!(
            s,
            "\n# 95 % profile ranges: where the weighted sum of squares is within 3.84 of its minimum.\n[fit.ranges]\n{}\n",
            ranges.join("\n")
        )
        .unwrap();
    }
    s
}
