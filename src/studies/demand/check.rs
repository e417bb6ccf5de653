//! A demand built in code checked as a file's is: what [`super::parse`] guarantees for a file
//! (nodes of the network, volumes in range, texts safe to print) holds for any [`Demand`] an
//! assignment is given, so that a NaN or an index past the nodes is an error, not a wrong answer
//! or a panic.

use super::{Demand, MAX_FLOWS, MAX_TEU};
use crate::error::{clip, number, Error, Problem, Result};
use crate::network::Network;
use crate::text::thousands;

impl Demand {
    /// Checks the demand against `net`: at most [`MAX_FLOWS`] flows, each between two different
    /// nodes of `net`, with a finite volume in 0…[`MAX_TEU`] TEU a year, at least one mode,
    /// countries given as ISO codes, and no text with a control, bidirectional or non-character.
    pub fn check(&self, net: &Network) -> Result<()> {
        let mut problems = Vec::new();
        let mut problem = |line: usize, field: String, message: String| {
            problems.push(Problem {
                file: self.file.clone(),
                line,
                field,
                message,
            })
        };
        if self.flows.len() > MAX_FLOWS {
            problem(
                0,
                "flows".into(),
                format!(
                    "{} flows: a demand holds at most {}",
                    thousands(self.flows.len() as f64),
                    thousands(MAX_FLOWS as f64)
                ),
            );
            return Err(Error::InvalidDemand { problems });
        }
        if !(1900..=2100).contains(&self.year) {
            problem(
                0,
                "year".into(),
                format!("{} is not a year in 1900…2100", self.year),
            );
        }
        if crate::load::unsafe_char(&self.name, false).is_some() {
            problem(0, "name".into(), unsafe_text());
        }
        let nodes = net.nodes.len();
        for (i, f) in self.flows.iter().enumerate() {
            let at = |k: &str| format!("flows[{i}].{k}");
            for (k, v) in [("from", f.from), ("to", f.to)] {
                if v >= nodes {
                    problem(
                        f.line,
                        at(k),
                        format!("node index {v} is past the network's {nodes} nodes"),
                    );
                }
            }
            if f.from == f.to {
                problem(
                    f.line,
                    at("to"),
                    "origin and destination are the same node".into(),
                );
            }
            if !(f.teu_per_year.is_finite() && (0.0..=MAX_TEU).contains(&f.teu_per_year)) {
                problem(
                    f.line,
                    at("teu_per_year"),
                    format!(
                        "{} must be a number in 0…{MAX_TEU:e}",
                        number(f.teu_per_year)
                    ),
                );
            }
            if f.modes.is_empty() {
                problem(
                    f.line,
                    at("modes"),
                    "no mode: give at least one of rail, road and sea".into(),
                );
            }
            for c in &f.avoid_countries {
                if !crate::load::is_country(c) {
                    problem(
                        f.line,
                        at("avoid_countries"),
                        format!("`{}` is not an ISO 3166-1 alpha-2 code", clip(c)),
                    );
                }
            }
            let unsafe_in = |texts: &[String]| {
                texts
                    .iter()
                    .any(|t| crate::load::unsafe_char(t, false).is_some())
            };
            if unsafe_in(f.group.as_slice()) {
                problem(f.line, at("group"), unsafe_text());
            }
            if unsafe_in(&f.avoid_tags) {
                problem(f.line, at("avoid_tags"), unsafe_text());
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::InvalidDemand { problems })
        }
    }
}

fn unsafe_text() -> String {
    "holds a control, bidirectional or non-character (it would reach a terminal or a figure)".into()
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::studies::assign::{assign, Options};
    use crate::studies::demand::resolve;

    /// A demand built or changed in code goes through the file's checks: a NaN volume was once
    /// routed as if it were a number, and a node index past the network panicked.
    #[test]
    fn a_flow_built_in_code_is_checked_as_a_file_would_be() {
        let net = crate::load::embedded().unwrap();
        let shipped = resolve("2024", &net).unwrap();
        let opts = Options {
            max_iterations: 1,
            ..Options::default()
        };
        let refused = |change: &dyn Fn(&mut crate::studies::demand::Demand), field: &str| {
            let mut d = shipped.clone();
            change(&mut d);
            match assign(&net, &d, &opts) {
                Err(Error::InvalidDemand { problems }) => {
                    assert!(problems.iter().any(|p| p.field == field), "{problems:?}")
                }
                other => panic!("{field}: expected a refusal, got {other:?}"),
            }
        };
        refused(
            &|d| d.flows[0].teu_per_year = f64::NAN,
            "flows[0].teu_per_year",
        );
        refused(&|d| d.flows[1].teu_per_year = -1.0, "flows[1].teu_per_year");
        refused(&|d| d.flows[0].to = net.nodes.len(), "flows[0].to");
        refused(&|d| d.flows[0].to = d.flows[0].from, "flows[0].to");
        refused(&|d| d.flows[0].modes.clear(), "flows[0].modes");
        refused(
            &|d| d.flows[0].group = Some("a\u{202E}b".into()),
            "flows[0].group",
        );
    }
}
