//! Snapshot tests of small outputs on the hand-drawn fixture network: the step table, the
//! Markdown and CSV forms, the JSON contract, and the comparison table. A change in any output
//! shows up as a snapshot diff (`cargo insta review`, or `INSTA_UPDATE=always cargo test`); under
//! CI (`CI=true`) a mismatch fails.

use assert_cmd::Command;

const TINY: &str = "tests/fixtures/tiny.toml";

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("corridor")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn route_table() {
    insta::assert_snapshot!(run(&[
        "route",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "all"
    ]));
}

#[test]
fn route_markdown_and_csv() {
    insta::assert_snapshot!(run(&[
        "route",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "cost",
        "--format",
        "markdown"
    ]));
    insta::assert_snapshot!(run(&[
        "route",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "cost",
        "--format",
        "csv"
    ]));
}

#[test]
fn route_json() {
    insta::assert_snapshot!(run(&[
        "route",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "cost",
        "--format",
        "json"
    ]));
}

#[test]
fn compare_table() {
    insta::assert_snapshot!(run(&[
        "compare",
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--scenario",
        "tests/fixtures/no-road.toml",
        "--scenario",
        "tests/fixtures/slow-gate.toml",
        "--by",
        "all",
    ]));
}

fn svg(kind: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.svg");
    run(&[
        "chart",
        kind,
        "--network",
        TINY,
        "--from",
        "a",
        "--to",
        "q",
        "--by",
        "all",
        "-o",
        path.to_str().unwrap(),
    ]);
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
