//! A run or an evaluation that failed, and the words every front end reports failures with: a
//! batch's runs, a screening's trajectories and samples, a calibration's evaluations.

use serde::Serialize;

/// A run of a batch, or an item of a study run through [`crate::studies::batch::evaluate`],
/// that did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// What failed: a run's id, or an item in words ("trajectory 3", "held-out year 2023").
    pub id: String,
    /// Its exit code as it alone would exit: 1 no route, 2 an error.
    pub exit: i32,
    /// Its error (or, for a run without one, the last line it said on standard error).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Failure {
    /// An item that failed with `error` (exit 2).
    pub fn error(id: impl Into<String>, error: impl std::fmt::Display) -> Failure {
        Failure {
            id: id.into(),
            exit: 2,
            error: Some(error.to_string()),
        }
    }
}

/// The lines that report `failed` among `held` items called `noun` (plural: "runs",
/// "evaluations"): "N of M runs failed:", then one line per failure, its id, exit code and the
/// first line of its error. Nothing when none failed.
pub fn report(failed: &[Failure], held: usize, noun: &str) -> Vec<String> {
    if failed.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "{} of {} {noun} failed:",
        crate::text::thousands(failed.len() as f64),
        crate::text::thousands(held as f64)
    )];
    for f in failed {
        let why = f.error.as_deref().unwrap_or("see its record");
        lines.push(format!(
            "  {} (exit {}): {}",
            f.id,
            f.exit,
            why.lines().next().unwrap_or("")
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_each_failure_with_its_first_line() {
        assert!(report(&[], 3, "runs").is_empty());
        let f = [
            Failure::error("trajectory 2", "no route\nmore"),
            Failure {
                id: "b".into(),
                exit: 1,
                error: None,
            },
        ];
        assert_eq!(
            report(&f, 1200, "evaluations"),
            [
                "2 of 1,200 evaluations failed:",
                "  trajectory 2 (exit 2): no route",
                "  b (exit 1): see its record"
            ]
        );
    }
}
