//! What `corridor invest` values: the transit-time spread of the routes each case uses (the
//! remembered studies give exactly what a study of every route of each case gives), the
//! reliability ratio from the flag or the defaults, and the residual value shown apart from the
//! users' benefits.

use corridor::load::{self, SourceFile};
use corridor::studies::invest::{self, cases::Cases, defaults, project, spread};
use corridor::studies::{assign, demand};

use crate::support::cmd::Cmd;

const DIR: &str = "tests/fixtures/invest";

fn net() -> corridor::network::Network {
    load::load(std::path::Path::new(&format!("{DIR}/network.toml"))).unwrap()
}

fn invest_cmd() -> Cmd {
    Cmd::new().network(format!("{DIR}/network.toml")).args([
        "invest",
        "--defaults",
        &format!("{DIR}/defaults.toml"),
        "--demand",
        &format!("{DIR}/demand.toml"),
        "--projects",
        &format!("{DIR}/projects"),
    ])
}

#[test]
fn remembered_spreads_equal_a_study_of_every_route_of_each_case() {
    let net = net();
    assert!(!net.variability.is_empty());
    let files = project::folder_files(std::path::Path::new(&format!("{DIR}/projects"))).unwrap();
    let cases = Cases::new(&net, project::read_all(&files, &net).unwrap()).unwrap();
    let demand = demand::resolve(&format!("{DIR}/demand.toml"), &net).unwrap();
    let opts = assign::Options::default();
    let cached = spread::Spreads::new();
    let mut seen: Vec<Vec<f64>> = Vec::new();
    // Every case, in an order unlike the set order, so that cases reuse what others studied.
    for set in [5u64, 0, 15, 4, 8, 12, 1, 2, 3, 6, 7, 9, 10, 11, 13, 14] {
        let n = cases.with(set).unwrap();
        assert_eq!(n.variability, cases.without.variability, "set {set}");
        let a = assign::assign(&n, &demand, &opts).unwrap();
        let mine = cached.per_flow(&n, &a).unwrap();
        let reference = spread::uncached(&n, &a).unwrap();
        assert_eq!(mine, reference, "set {set}");
        seen.push(mine);
    }
    // The spreads are there and differ between cases (the north ferry's upgrades shorten its
    // wait, so its spread), and the cache saved studies.
    assert!(seen.iter().all(|s| s[0] > 0.0), "{seen:?}");
    assert!(seen.iter().any(|s| s[0] != seen[1][0]), "{seen:?}");
    assert!(cached.studies() < 16, "{} studies", cached.studies());
    assert!(cached.known() >= 2);
}

#[test]
fn no_shipped_candidate_changes_a_variability_record() {
    let net = load::embedded().unwrap();
    let cases = Cases::new(&net, invest::shipped::projects(&net).unwrap()).unwrap();
    assert_eq!(cases.without.variability, net.variability);
    let all = cases.with(cases.all()).unwrap();
    assert_eq!(all.variability, net.variability);
    for i in 0..cases.projects.len() {
        let with = cases.with(1 << i).unwrap();
        assert_eq!(
            with.variability, net.variability,
            "{}",
            cases.projects[i].id
        );
    }
}

fn project<'a>(j: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    j["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

fn num(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn the_spread_saved_is_valued_at_the_ratio_given() {
    let at = |r: &str| {
        invest_cmd()
            .args(["--format", "json", "--reliability-ratio", r])
            .run()
            .json()
    };
    let (none, two) = (at("0"), at("2"));
    let d = defaults::parse(&SourceFile {
        name: "defaults.toml".into(),
        text: std::fs::read_to_string(format!("{DIR}/defaults.toml")).unwrap(),
    })
    .unwrap();
    let default = invest_cmd().args(["--format", "json"]).run().json();
    assert_eq!(
        num(&default["prices"]["reliability_ratio"]),
        d.reliability_ratio
    );
    let vot = num(&default["prices"]["value_of_time"]);
    // Doubling the north ferry draws traffic from the south line (whose wait does not vary) to
    // its own, whose wait does: more spread, a negative saving, valued as such.
    let b = &project(&default, "north-double")["benefit"];
    let spread = num(&b["spread_feu_hours_saved"]);
    assert!(spread < 0.0, "{b}");
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    assert!(
        close(
            num(&b["reliability_usd"]),
            spread * d.reliability_ratio * vot
        ),
        "{b}"
    );
    let parts = num(&b["time_usd"]) + num(&b["usd_saved"]) + num(&b["co2_usd"]);
    assert!(
        close(num(&b["total_usd"]), parts + num(&b["reliability_usd"])),
        "{b}"
    );
    // The same quantities at every ratio; only their value moves.
    for (j, r) in [(&none, 0.0), (&two, 2.0)] {
        let b2 = &project(j, "north-double")["benefit"];
        assert_eq!(num(&b2["spread_feu_hours_saved"]), spread);
        assert!(close(num(&b2["reliability_usd"]), spread * r * vot), "{b2}");
    }
    // The words say the ratio and where it comes from.
    invest_cmd()
        .stdout_has("reliability ratio 0.80")
        .stdout_has("(x)")
        .stdout_has("spread FEU-h/yr saved")
        .run();
    invest_cmd()
        .args(["--reliability-ratio", "1.5"])
        .stdout_has("reliability ratio 1.50")
        .stdout_has("(--reliability-ratio)")
        .run();
    invest_cmd()
        .args(["--reliability-ratio", "-1"])
        .status(2)
        .stderr_has("--reliability-ratio")
        .run();
}

#[test]
fn a_project_its_users_gain_nothing_from_shows_a_bcr_of_its_residual_alone() {
    let j = invest_cmd().args(["--format", "json"]).run().json();
    // The ferry of a line the do-minimum lacks changes nothing any flow uses.
    let p = project(&j, "east-ferry");
    let m = &p["money"];
    assert_eq!(num(&m["pv_users"]), 0.0, "{p}");
    assert_eq!(num(&m["pv_benefits"]), num(&m["pv_residual"]), "{p}");
    // Capital 5 M in 2025 (the base year), 30 years 2026–2055, horizon 2025–2044: 11 years
    // left, valued in 2044.
    let bcr = 11.0 / 30.0 * 1.05f64.powi(-19);
    assert!(
        (num(&m["bcr"]) - bcr).abs() < 1e-12,
        "{} vs {bcr}",
        m["bcr"]
    );
    // The residual is its own column in the table and the CSV.
    invest_cmd()
        .stdout_has("PV users")
        .stdout_has("PV residual")
        .stdout_has("PV benefits = PV users' benefits")
        .run();
    let csv = invest_cmd().args(["--format", "csv"]).run().stdout;
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv
        .lines()
        .find(|l| l.contains(",east-ferry,"))
        .unwrap()
        .split(',')
        .collect();
    let col = |name: &str| row[head.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("pv_user_benefits_usd"), "0");
    assert_eq!(col("pv_residual_usd"), col("pv_benefits_usd"));
    assert_ne!(col("pv_residual_usd"), "0");
}
