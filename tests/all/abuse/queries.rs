//! Queries that once ran without end or answered wrongly with exit 0: searches bounded in time and
//! size, counts bounded on both sides, typos refused with the known words, a year the network
//! cannot answer for refused, and corridor families that do not describe a pair saying so.

use std::time::Duration;

use crate::support::cmd::{write, Cmd};
use crate::support::net::Net;

/// `corridor`, killed (and failed) after a minute: these inputs once hung the tool.
fn corridor() -> Cmd {
    Cmd::new().timeout(Duration::from_secs(60))
}

/// A ladder of `stages` diamonds in one country: at stage `i` a load takes the slow branch
/// (1 + 2^i/64 hours more) or the dear one (2^i USD more), so each of the 2^stages choices is a
/// point of the time–cost Pareto front.
pub(crate) fn ladder(stages: u32) -> String {
    let mut net = Net::new("ladder");
    for i in 0..=stages {
        net = net.node(&format!("j{i}"), "KZ", 40.0, 60.0 + i as f64 * 0.1);
        if i < stages {
            let lon = 60.05 + i as f64 * 0.1;
            net = net.node(&format!("f{i}"), "KZ", 40.02, lon).node(
                &format!("s{i}"),
                "KZ",
                39.98,
                lon,
            );
        }
    }
    for i in 0..stages {
        let w = f64::from(1u32 << i);
        for (id, from, to, hours, usd) in [
            (
                format!("jf{i}"),
                format!("j{i}"),
                format!("f{i}"),
                1.0 + w / 64.0,
                1.0,
            ),
            (
                format!("fj{i}"),
                format!("f{i}"),
                format!("j{}", i + 1),
                1.0,
                1.0,
            ),
            (
                format!("js{i}"),
                format!("j{i}"),
                format!("s{i}"),
                1.0,
                1.0 + w,
            ),
            (
                format!("sj{i}"),
                format!("s{i}"),
                format!("j{}", i + 1),
                1.0,
                1.0,
            ),
        ] {
            net = net
                .link(&id, &from, &to, "rail")
                .set("gauge", 1520)
                .sourced("km", 10.0)
                .sourced("hours", hours)
                .sourced("usd_fixed", usd);
        }
    }
    net.build()
}

#[test]
fn a_pareto_front_too_large_to_list_is_refused_quickly_and_epsilon_narrows_it() {
    let dir = tempfile::tempdir().unwrap();
    // (A ladder of 16, 65,536 points, once ran for ten minutes; 14 shows the same in a second.)
    let net = write(&dir, "ladder.toml", &ladder(14));
    let pareto = || {
        corridor()
            .network(&net)
            .args(["pareto", "--from", "j0", "--to", "j14"])
    };
    // 16,384 points: more than a front lists; the message names the limit and the way out.
    pareto()
        .status(2)
        .stderr_has("16,384 points")
        .stderr_has("10,000")
        .stderr_has("--epsilon")
        .run();
    let out = pareto()
        .args(["--epsilon", "0.05", "--format", "json"])
        .json();
    let n = out["routes"].as_array().unwrap().len();
    assert!((10..1_000).contains(&n), "{n} points");
}

#[test]
fn a_pareto_search_stops_at_the_time_limit_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let net = write(&dir, "ladder.toml", &ladder(14));
    let pareto = |limit: &str| {
        corridor().network(&net).args([
            "pareto",
            "--from",
            "j0",
            "--to",
            "j14",
            "--time-limit",
            limit,
        ])
    };
    // 16,384 points take far longer than a millisecond: the search stops, names the limit it
    // was given and how to allow more.
    pareto("0.001")
        .status(2)
        .stderr_has("time limit of 1 ms")
        .stderr_has("--time-limit SECONDS")
        .run();
    for bad in ["0", "-1", "3601", "soon"] {
        pareto(bad).status(2).stderr_has("--time-limit").run();
    }
}

#[test]
fn alternatives_are_bounded_in_reliability_as_in_route() {
    corridor()
        .args([
            "reliability",
            "--alternatives",
            "1000000",
            "--samples",
            "10",
        ])
        .status(2)
        .stderr_has("20")
        .run();
    corridor()
        .args(["reliability", "--alternatives", "21", "--samples", "10"])
        .status(2)
        .run();
    corridor()
        .args(["reliability", "--alternatives", "2", "--samples", "10"])
        .stdout_has("alternative 2")
        .run();
}

#[test]
fn assign_iterations_are_bounded_and_zero_is_not_one() {
    for n in ["0", "1000000000"] {
        corridor()
            .args(["assign", "--max-iterations", n])
            .status(2)
            .stderr_has("--max-iterations")
            .run();
    }
}

#[test]
fn compare_by_p90_says_where_p90_is_meaningful() {
    corridor()
        .args(["compare", "--by", "p90"])
        .status(2)
        .stderr_has("route --by p90")
        .stderr_has("reliability")
        .run();
    corridor()
        .args(["map", "--by", "p90", "-o", "-"])
        .status(2)
        .stderr_has("route --by p90")
        .run();
}

#[test]
fn a_corridor_tag_nothing_carries_is_an_error_with_the_known_tags() {
    for command in ["nodes", "links"] {
        corridor()
            .args([command, "--corridor", "midle"])
            .status(2)
            .stderr_has("--corridor midle")
            .stderr_has("did you mean middle")
            .run();
    }
    corridor()
        .args(["nodes", "--country", "XX"])
        .status(2)
        .stderr_has("--country XX")
        .run();
    corridor()
        .args(["nodes", "--corridor", "middle"])
        .stdout_has("aktau")
        .run();
}

#[test]
fn typos_of_known_words_get_a_did_you_mean() {
    corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--scenario",
            "baselin",
        ])
        .status(2)
        .stderr_has("did you mean baseline")
        .run();
    corridor()
        .args(["route", "--from", "xian", "--to", "duisburg"])
        .args(["--scenario", "baseline+zangazur-opn"])
        .status(2)
        .stderr_has("did you mean zangazur-open")
        .run();
    corridor()
        .args(["nodes", "--kind", "citty"])
        .status(2)
        .stderr_has("did you mean city")
        .run();
    corridor()
        .args(["links", "--status", "operatin"])
        .status(2)
        .stderr_has("did you mean operating")
        .run();
    corridor()
        .args([
            "sweep",
            "--field",
            "wait_hour",
            "--where",
            "links=aktau-alat",
        ])
        .args(["--range", "0:10"])
        .status(2)
        .stderr_has("did you mean wait_hours")
        .run();
    corridor()
        .args(["assign", "--demand", "2031"])
        .status(2)
        .stderr_has("did you mean 2030")
        .run();
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        &dir,
        "typo.toml",
        "[scenario]\nname = \"typo\"\ndescription = \"x\"\n\n[[edit]]\naction = \"scal\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"wait_hours\"\nfactor = 2.0\nrationale = \"x\"\n\n[[edit]]\naction = \"scale\"\nselect = { links = [\"aktau-alat\"] }\nfield = \"wait_hour\"\nfactor = 2.0\nrationale = \"x\"\n",
    );
    corridor()
        .args(["validate", "--scenario", &s])
        .status(2)
        .stderr_has("did you mean scale")
        .stderr_has("did you mean wait_hours")
        .run();
}

#[test]
fn a_year_before_the_data_year_is_refused_not_answered_for_another() {
    Cmd::route()
        .timeout(Duration::from_secs(60))
        .args(["--year", "1990"])
        .status(2)
        .stderr_has("1990")
        .stderr_has("2026")
        .run();
    corridor()
        .args(["compare", "--year", "2000", "--by", "time"])
        .status(2)
        .stderr_has("2026")
        .run();
    corridor()
        .args(["assign", "--year", "1990"])
        .status(2)
        .stderr_has("2026")
        .run();
    // The data year and later are answered, each for its own year.
    Cmd::route()
        .args(["--year", "2030"])
        .stdout_has("year 2030")
        .run();
}

#[test]
fn a_family_that_would_backtrack_is_not_a_route_of_that_family() {
    let out = corridor()
        .args(["route", "--from", "xian", "--to", "baku", "--per-corridor"])
        .args(["--format", "json"])
        .json();
    let rows = out["rows"].as_array().unwrap();
    let row = |family: &str| {
        rows.iter()
            .find(|r| r["family"] == family)
            .unwrap_or_else(|| panic!("no row for {family}"))
    };
    for family in ["middle-turkiye", "middle-blacksea"] {
        let why = row(family)["no_route"]
            .as_str()
            .unwrap_or_else(|| panic!("{family} still shows a route"));
        assert!(
            why.contains("not a route of this family for this pair")
                && why.contains("leave Azerbaijan and come back"),
            "{family}: {why}"
        );
    }
    assert!(row("northern")["route"].is_object());
    corridor()
        .args(["reliability", "--to", "baku", "--samples", "100"])
        .stdout_has("not a route of this family for this pair")
        .run();
    // The study's own pair keeps every family that is open.
    let out = corridor()
        .args([
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--per-corridor",
        ])
        .args(["--format", "json"])
        .json();
    for r in out["rows"].as_array().unwrap() {
        if r["family"] != "zangazur" {
            assert!(r["route"].is_object(), "{r}");
        }
    }
}
