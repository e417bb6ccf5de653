//! `corridor sensitivity --rank A,B`: two candidate projects' benefit–cost ratios apart on the
//! investment fixture (tests/fixtures/invest/), the answer at the inputs' values equal to what
//! `corridor invest` reports, the ferry capacity that decides their order ranked first, the
//! capacity whose range reverses the order found, the question under a scenario and a defaults
//! file as `invest --scenario/--defaults` answers it, and bad project ids refused with exit 2.

use crate::support::cmd::{write, Cmd};

const DIR: &str = "tests/fixtures/invest";

/// The fixture's network with the south ferry's capacity and headway and the north link's cost
/// marked as estimates (the numbers unchanged).
fn network(dir: &tempfile::TempDir) -> String {
    let text = std::fs::read_to_string(format!("{DIR}/network.toml")).unwrap();
    let (head, tail) = text.split_once("id = \"south_ferry\"").unwrap();
    let plain = "per_departure = \"x\", headway_hours = \"x\"";
    assert!(tail.contains(plain));
    let tail = tail.replacen(
        plain,
        "per_departure = \"estimate: a test's\", headway_hours = \"estimate: a test's\"",
        1,
    );
    let head = head.replacen(
        "usd_per_km = \"x\"",
        "usd_per_km = \"estimate: a test's\"",
        1,
    );
    write(
        dir,
        "network.toml",
        &format!("{head}id = \"south_ferry\"{tail}"),
    )
}

/// BCR(A) − BCR(B) as `corridor invest` reports it on `net` (with `args`).
fn invest_difference(net: &str, a: &str, b: &str, args: &[&str]) -> f64 {
    let invest = Cmd::new()
        .network(net)
        .args(["invest", "--projects", &format!("{DIR}/projects")])
        .args([
            "--demand",
            &format!("{DIR}/demand.toml"),
            "--format",
            "json",
        ])
        .args(args)
        .json();
    let bcr = |id: &str| {
        invest["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["money"]["bcr"]
            .as_f64()
            .unwrap()
    };
    bcr(a) - bcr(b)
}

fn rank(net: &str, ids: &str) -> Cmd {
    Cmd::new().network(net).args([
        "sensitivity",
        "--rank",
        ids,
        "--demand",
        &format!("{DIR}/demand.toml"),
        "--projects",
        &format!("{DIR}/projects"),
        "-r",
        "2",
    ])
}

#[test]
fn the_answer_is_invests_bcr_difference_and_the_deciding_capacity_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    let net = network(&dir);
    let want = invest_difference(&net, "east-line", "north-faster", &[]);
    assert!(want.abs() > 1.0, "{want}");
    let doc = rank(&net, "east-line,north-faster")
        .args(["--format", "json"])
        .json();
    let st = &doc["studies"][0];
    assert_eq!(st["unit"], "BCR points");
    assert_eq!(st["signed"], true);
    let got = st["value"].as_f64().unwrap();
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{got} vs {want}"
    );
    let rows = st["rows"].as_array().unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r["key"].as_str().unwrap()).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "north.usd_per_km",
            "south_ferry.headway_hours",
            "south_ferry.per_departure"
        ],
        "{rows:?}"
    );
    assert_eq!(keys[0], "south_ferry.per_departure", "{rows:?}");
    // Halving the south ferry's capacity sends traffic north: north-faster's BCR grows.
    let first = &rows[0];
    assert!(first["at_low"].as_f64().unwrap() < got - 1.0, "{first}");
    assert!(
        first["morris"]["mu_star"].as_f64().unwrap() > 1.0,
        "{first}"
    );
    // A daily south ferry twice as often relieves the north: east-line then returns more.
    let headway = rows
        .iter()
        .find(|r| r["key"] == "south_ferry.headway_hours")
        .unwrap();
    assert!(headway["at_low"].as_f64().unwrap() > 0.0, "{headway}");
    assert_eq!(headway["flips"], "alone", "{headway}");
    // The words say what is not screened.
    rank(&net, "east-line,north-faster")
        .stdout_has("BCR of east-line less BCR of north-faster")
        .stdout_has("not network inputs")
        .stdout_has("`corridor invest` moves them itself")
        .run();
}

#[test]
fn the_question_is_asked_under_its_scenario_and_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let net = network(&dir);
    // The south line twice as slow: the north upgrade's relief is worth less than the east line.
    let scenario = write(
        &dir,
        "slower.toml",
        "[scenario]\nname = \"south-slower\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"south\"] }\nfield = \"hours\"\nfactor = 2.0\nrationale = \"x\"\n",
    );
    let want = invest_difference(
        &net,
        "east-line",
        "north-faster",
        &["--scenario", &scenario],
    );
    let baseline = invest_difference(&net, "east-line", "north-faster", &[]);
    assert!(want > 0.5 && baseline < -0.5, "{want} {baseline}");
    let doc = rank(&net, "east-line,north-faster")
        .args(["--scenario", &scenario, "--format", "json"])
        .json();
    let got = doc["studies"][0]["value"].as_f64().unwrap();
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{got} vs {want}"
    );
    // The appraisal's own defaults file, as `invest --defaults` reads it (another base year: a
    // different answer).
    let file = format!("{DIR}/defaults.toml");
    let want = invest_difference(&net, "east-line", "north-faster", &["--defaults", &file]);
    assert!((want - baseline).abs() > 0.1, "{want} {baseline}");
    let doc = rank(&net, "east-line,north-faster")
        .args(["--defaults", &file, "--format", "json"])
        .json();
    let got = doc["studies"][0]["value"].as_f64().unwrap();
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{got} vs {want}"
    );
}

#[test]
fn bad_project_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let net = network(&dir);
    rank(&net, "east-lin,north-faster")
        .status(2)
        .stderr_has("no candidate project `east-lin`; did you mean east-line")
        .run();
    rank(&net, "east-line,east-line")
        .status(2)
        .stderr_has("the same project twice")
        .run();
    rank(&net, "east-line")
        .status(2)
        .stderr_has("--rank takes two candidate projects")
        .run();
    Cmd::new()
        .network(&net)
        .args(["sensitivity", "--from", "a", "--to", "b", "--projects", DIR])
        .status(2)
        .stderr_has("--rank")
        .run();
}
