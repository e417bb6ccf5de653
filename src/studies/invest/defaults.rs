//! The appraisal's defaults (`networks/appraisal/defaults.toml`): the base year, discount rate,
//! horizon, CO2 price and reliability ratio, each with its source. The value of time is not
//! here: it is the network's (`value_of_time_usd_per_hour`, USD per FEU-hour).

use serde::{Deserialize, Serialize};
use serde_spanned::Spanned;

use crate::error::{number, Error, Problem, Result};
use crate::load::{self, SourceFile, Text};

/// The appraisal's numbers, each with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Defaults {
    /// The year costs and benefits are discounted to, and the price year.
    pub base_year: i32,
    /// Where the base year comes from.
    pub base_year_source: String,
    /// The real discount rate per year.
    pub discount_rate: f64,
    /// Its source.
    pub discount_rate_source: String,
    /// The appraisal period from the base year, years.
    pub horizon_years: u32,
    /// Its source.
    pub horizon_source: String,
    /// USD per tonne of CO2.
    pub co2_usd_per_tonne: f64,
    /// Its source.
    pub co2_source: String,
    /// The value of an hour of (P90 − P50) spread relative to an hour of mean time.
    pub reliability_ratio: f64,
    /// Its source.
    pub reliability_ratio_source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    appraisal: Option<Spanned<RawDefaults>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    base_year: i64,
    base_year_source: String,
    discount_rate: f64,
    discount_rate_source: String,
    horizon_years: i64,
    horizon_source: String,
    co2_usd_per_tonne: f64,
    co2_source: String,
    reliability_ratio: f64,
    reliability_ratio_source: String,
}

/// Reads a defaults file: every problem with file, line and field.
pub fn parse(file: &SourceFile) -> Result<Defaults> {
    let text = Text::new(file);
    let (records, mut problems) = load::parse_records::<RawFile>(&text);
    let mut head = None;
    for (offset, r) in records {
        if let Some(h) = r.appraisal {
            head.get_or_insert((offset + h.span().start, h.into_inner()));
        }
    }
    let mut p = |line: usize, field: &str, message: String| {
        problems.push(Problem {
            file: file.name.clone(),
            line,
            field: format!("appraisal.{field}"),
            message,
        })
    };
    let Some((at, r)) = head else {
        p(1, "", "missing: an [appraisal] table".into());
        return Err(Error::InvalidArgument(problems_text(&problems)));
    };
    let line = |key: &str| text.key_line(at, key);
    if !(1900..=2100).contains(&r.base_year) {
        p(
            line("base_year"),
            "base_year",
            format!("{} is not a plausible year", r.base_year),
        );
    }
    if !(r.discount_rate.is_finite() && (0.0..1.0).contains(&r.discount_rate)) {
        p(
            line("discount_rate"),
            "discount_rate",
            format!("{}: give a rate from 0 to 1", number(r.discount_rate)),
        );
    }
    if !(1..=200).contains(&r.horizon_years) {
        p(
            line("horizon_years"),
            "horizon_years",
            format!("{}: give 1 to 200 years", r.horizon_years),
        );
    }
    for (key, v) in [
        ("co2_usd_per_tonne", r.co2_usd_per_tonne),
        ("reliability_ratio", r.reliability_ratio),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            p(line(key), key, format!("{}: give 0 or more", number(v)));
        }
    }
    for (key, s) in [
        ("base_year_source", &r.base_year_source),
        ("discount_rate_source", &r.discount_rate_source),
        ("horizon_source", &r.horizon_source),
        ("co2_source", &r.co2_source),
        ("reliability_ratio_source", &r.reliability_ratio_source),
    ] {
        if s.trim().is_empty() {
            p(
                line(key),
                key,
                "missing: every default names its source".into(),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::InvalidArgument(problems_text(&problems)));
    }
    Ok(Defaults {
        base_year: r.base_year as i32,
        base_year_source: r.base_year_source,
        discount_rate: r.discount_rate,
        discount_rate_source: r.discount_rate_source,
        horizon_years: r.horizon_years as u32,
        horizon_source: r.horizon_source,
        co2_usd_per_tonne: r.co2_usd_per_tonne,
        co2_source: r.co2_source,
        reliability_ratio: r.reliability_ratio,
        reliability_ratio_source: r.reliability_ratio_source,
    })
}

/// The problems of a defaults file as one message.
fn problems_text(problems: &[Problem]) -> String {
    let mut lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    lines.sort();
    format!("problems in appraisal defaults:\n{}", lines.join("\n"))
}
