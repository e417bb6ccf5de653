//! Snapshot tests of small outputs on the hand-drawn fixture network: the step table, the
//! Markdown and CSV forms, the JSON contract, and the comparison table. A change in any output
//! shows up as a snapshot diff (`cargo insta review`, or `INSTA_UPDATE=always cargo test`); under
//! CI (`CI=true`) a mismatch fails.

use crate::support::cmd::{Cmd, TINY};

/// The standard output of `corridor ARGS`, which must succeed.
fn run(cmd: Cmd) -> String {
    cmd.run().stdout
}

#[test]
fn route_table() {
    insta::assert_snapshot!(run(Cmd::tiny("route").args(["--by", "all"])));
}

#[test]
fn route_markdown_and_csv() {
    let cost = || Cmd::tiny("route").args(["--by", "cost"]);
    insta::assert_snapshot!(run(cost().args(["--format", "markdown"])));
    insta::assert_snapshot!(run(cost().args(["--format", "csv"])));
}

#[test]
fn route_json() {
    insta::assert_snapshot!(run(
        Cmd::tiny("route").args(["--by", "cost", "--format", "json"])
    ));
}

#[test]
fn compare_table() {
    insta::assert_snapshot!(run(Cmd::tiny("compare").args([
        "--scenario",
        "tests/fixtures/no-road.toml",
        "--scenario",
        "tests/fixtures/slow-gate.toml",
        "--by",
        "all",
    ])));
}

fn svg(kind: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.svg");
    Cmd::new()
        .args(["chart", kind])
        .network(TINY)
        .between("a", "q")
        .args(["--by", "all", "-o"])
        .arg(&path)
        .run();
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn tcd_chart_svg() {
    insta::assert_snapshot!(svg("tcd"));
}

#[test]
fn breakdown_chart_svg() {
    insta::assert_snapshot!(svg("compare"));
}
