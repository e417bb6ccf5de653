//! Tables fitted to the terminal's width: with `COLUMNS` set, no line of any command's table
//! output is wider than it, and the numbers are those of the whole (unfitted) table that a pipe
//! gets.

use crate::support::cmd::Cmd;

/// Every command that prints a table, as arguments after `corridor`.
const COMMANDS: &[&[&str]] = &[
    &["route", "--from", "xian", "--to", "duisburg"],
    &["route", "--from", "xian", "--to", "duisburg", "--by", "all"],
    &[
        "route",
        "--from",
        "xian",
        "--to",
        "duisburg",
        "--per-corridor",
    ],
    &["compare"],
    &["compare", "--reliability", "--samples", "500"],
    &["pareto"],
    &["reliability", "--samples", "2000"],
    &["assign"],
    &[
        "sweep",
        "--field",
        "wait_hours",
        "--where",
        "links=aktau-alat,kuryk-alat,turkmenbashi-alat",
        "--range",
        "0:480",
        "--steps",
        "12",
        "--avoid",
        "RU,BY",
    ],
    &["observed"],
    &["skim", "--by", "all"],
    &["nodes"],
    &["links"],
    &["scenarios"],
];

/// The numbers of a text, sorted: every whitespace-separated token that is a number once the
/// punctuation around it is stripped (`1,083`, `15*`, `-0.2`, `98.5`), as written.
fn numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| "(),;:$*%·".contains(c)))
        .filter(|t| {
            let digits = t.trim_start_matches(['-', '+']);
            !digits.is_empty()
                && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
        .map(String::from)
        .collect();
    out.sort();
    out
}

#[test]
fn every_table_fits_80_and_120_columns_with_the_same_numbers() {
    for args in COMMANDS {
        let whole = Cmd::new().args(*args).run().stdout;
        let widest = whole.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(
            widest > 80,
            "{args:?}: the unfitted table is {widest} wide, too narrow to test fitting"
        );
        for width in [80, 120] {
            let fitted = Cmd::new()
                .args(*args)
                .env("COLUMNS", width.to_string())
                .run()
                .stdout;
            for line in fitted.lines() {
                assert!(
                    line.chars().count() <= width,
                    "{args:?} at {width} columns: a line of {} characters:\n{line}\n\n{fitted}",
                    line.chars().count()
                );
            }
            assert_eq!(
                numbers(&fitted),
                numbers(&whole),
                "{args:?} at {width} columns: the numbers differ from the whole table's\n{fitted}"
            );
        }
    }
}

#[test]
fn a_pipe_gets_whole_tables_and_a_bad_columns_is_ignored() {
    let args = ["route", "--from", "xian", "--to", "duisburg"];
    let whole = Cmd::new().args(args).run().stdout;
    // One line per step: the step table's rows are not wrapped without a width.
    let steps = whole
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count();
    let json = Cmd::new().args(args).args(["--format", "json"]).json();
    assert_eq!(steps, json["steps"].as_array().unwrap().len());
    for bad in ["", "abc", "0", "-3"] {
        Cmd::new()
            .args(args)
            .env("COLUMNS", bad)
            .stdout(whole.clone())
            .run();
    }
    // Below the narrowest width fitted, the narrowest is used.
    let narrow = Cmd::new().args(args).env("COLUMNS", "10").run().stdout;
    let at_40 = Cmd::new().args(args).env("COLUMNS", "40").run().stdout;
    assert_eq!(narrow, at_40);
    assert!(at_40.lines().all(|l| l.chars().count() <= 40), "{at_40}");
}

#[test]
fn other_formats_are_never_fitted() {
    for format in ["json", "csv", "markdown"] {
        let args = ["compare", "--format", format];
        let whole = Cmd::new().args(args).run().stdout;
        Cmd::new()
            .args(args)
            .env("COLUMNS", "80")
            .stdout(whole)
            .run();
    }
}
