//! Skims: every cell of `Router::skim` (one search per origin) equals what `Router::route`
//! answers for that pair, on the shipped network under several constraints; the command's
//! outputs, names and no-route cells.

use corridor::load;
use corridor::network::Network;
use corridor::routing::{Constraints, Objective, Outcome, Reach, Router};

use crate::support::cmd::{Cmd, TINY};
use crate::support::required::REQUIRED;

fn net() -> Network {
    load::embedded().expect("the shipped network loads")
}

/// Every ordered pair of `places` by each objective: the skim's cell against `route`'s answer,
/// bit for bit (km, hours, USD, CO2), or the same reason when there is no route.
fn same_as_route(net: &Network, places: &[usize], objectives: &[Objective], c: &Constraints) {
    let router = Router::new(net).unwrap();
    let skim = router
        .skim(places, objectives, c, &Default::default())
        .unwrap();
    let n = places.len();
    let mut found = 0;
    for (k, &o) in objectives.iter().enumerate() {
        for (i, &a) in places.iter().enumerate() {
            for (j, &b) in places.iter().enumerate() {
                let cell: &Reach = &skim[k][i * n + j];
                if a == b {
                    continue;
                }
                let what = format!("{} → {} by {o}", net.nodes[a].id, net.nodes[b].id);
                match (router.route(a, b, o, c).unwrap(), cell) {
                    (Outcome::Found(r), Ok(m)) => {
                        let bits = |m: &corridor::routing::Metrics| {
                            [m.km, m.hours, m.usd, m.co2_kg].map(f64::to_bits)
                        };
                        assert_eq!(bits(&r.total), bits(m), "{what}: {:?} vs {m:?}", r.total);
                        found += 1;
                    }
                    (Outcome::NoRoute(why), Err(no)) => assert_eq!(&why, no, "{what}"),
                    (r, cell) => panic!("{what}: route {r:?}, skim {cell:?}"),
                }
            }
        }
    }
    assert!(found > 0);
}

fn required(net: &Network) -> Vec<usize> {
    REQUIRED.iter().map(|id| net.find(id).unwrap()).collect()
}

#[test]
fn every_required_pair_by_every_objective_is_what_route_answers() {
    let net = net();
    same_as_route(
        &net,
        &required(&net),
        &Objective::ALL,
        &Constraints::defaults(&net),
    );
}

#[test]
fn the_shipped_required_places_are_the_promised_33() {
    let net = net();
    assert_eq!(net.study.required, REQUIRED);
}

/// The study's cells against the front door's `Query::run`, pair by pair, under a scenario that
/// closes links (the Northern corridor), a later year, avoided countries and a place, fewer modes,
/// another value of time and payload: the whole chain from the user's words.
#[test]
fn under_a_scenario_and_constraints_every_cell_is_what_a_query_answers() {
    use corridor::studies::skim::{skim, Places, Request};
    let base = net();
    let names = [
        "xian",
        "almaty",
        "aktau",
        "Port of Baku (Alat)",
        "poti",
        "kars",
        "meghri",
        "brest",
        "duisburg",
        "shanghai",
    ];
    let mut req = Request::new(Places::Named(names.map(String::from).to_vec()));
    req.objectives = Objective::ALL.to_vec();
    req.scenario = Some("northern-closed".into());
    req.year = Some(2030);
    req.avoid = vec!["BG".into(), "alat".into()];
    req.modes = [corridor::network::Mode::Rail, corridor::network::Mode::Sea].into();
    req.value_of_time = Some(40.0);
    req.payload_t = Some(12.0);
    let s = skim(&base, &req).unwrap();
    assert_eq!((s.year, s.scenario.as_str()), (2030, "northern-closed"));
    assert_eq!(s.avoid, ["BG", "alat"]);
    let (mut found, mut none) = (0, 0);
    for (i, a) in names.iter().enumerate() {
        for (j, b) in names.iter().enumerate() {
            for (k, &o) in req.objectives.iter().enumerate() {
                let cell = s.cell(k, i, j);
                if i == j {
                    let want = match *a {
                        "Port of Baku (Alat)" => Err("alat itself is avoided".to_string()),
                        "brest" => Err("brest is closed by the scenario".to_string()),
                        _ => Ok(Default::default()),
                    };
                    assert_eq!(cell, &want, "{a} to itself");
                    continue;
                }
                let q = corridor::Query {
                    from: a.to_string(),
                    to: b.to_string(),
                    objectives: vec![o],
                    scenario: req.scenario.clone(),
                    year: req.year,
                    avoid: req.avoid.clone(),
                    modes: req.modes.clone(),
                    value_of_time: req.value_of_time,
                    payload_t: req.payload_t,
                };
                match (q.run(&base).unwrap().outcome, cell) {
                    (Ok(r), Ok(m)) => {
                        assert_eq!(&r[0].total, m, "{a} → {b} by {o}");
                        assert_eq!(r[0].generalized_usd(), s.generalized_usd(m));
                        found += 1;
                    }
                    (Err(why), Err(reason)) => {
                        assert_eq!(&why.reason, reason, "{a} → {b}");
                        none += 1;
                    }
                    (r, cell) => panic!("{a} → {b} by {o}: query {r:?}, skim {cell:?}"),
                }
            }
        }
    }
    // Alat is avoided and Brest closed: their rows and columns say so; the rest route.
    assert!(found > 200 && none >= (2 * 2 * 9 - 2) * 5, "{found} {none}");
    assert_eq!(
        s.cell(0, 3, 0),
        &Err("alat itself is avoided".to_string()),
        "Port of Baku is `alat`"
    );
}

#[test]
fn a_place_to_itself_is_zero_and_a_pair_without_a_route_is_null_with_the_reason() {
    let doc = Cmd::new()
        .args([
            "skim",
            "--nodes",
            "xian,meghri,duisburg",
            "--by",
            "time,cost",
        ])
        .args(["--format", "json"])
        .json();
    assert_eq!(doc["schema"], "corridor.skim/1");
    assert_eq!(doc["year"], 2026);
    let pairs = doc["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 2 * 3 * 3);
    let pair = |from: &str, to: &str, by: &str| {
        pairs
            .iter()
            .find(|p| p["from"] == from && p["to"] == to && p["by"] == by)
            .unwrap_or_else(|| panic!("{from} {to} {by}"))
    };
    for p in ["xian", "meghri", "duisburg"] {
        for m in ["km", "hours", "usd", "generalized_usd", "co2_kg"] {
            assert_eq!(pair(p, p, "cost")[m], 0.0, "{p} {m}");
        }
        assert!(pair(p, p, "cost").get("no_route").is_none());
    }
    // Meghri opens in 2028: no route in 2026, with route's words for why.
    let none = pair("xian", "meghri", "time");
    for m in ["km", "hours", "usd", "generalized_usd", "co2_kg"] {
        assert!(none[m].is_null(), "{m}: {none}");
    }
    let why = Cmd::new()
        .args(["route", "--from", "xian", "--to", "meghri"])
        .status(1)
        .run()
        .stderr;
    let reason = none["no_route"].as_str().unwrap();
    assert!(
        reason.contains("try --year 2028") && why.contains(reason),
        "{reason} / {why}"
    );
    // The rounded totals are those of `route --format json`, pair by pair.
    let r = Cmd::new()
        .args(["route", "--from", "duisburg", "--to", "xian"])
        .args(["--by", "cost", "--format", "json"])
        .json();
    for m in ["km", "hours", "usd", "generalized_usd", "co2_kg"] {
        assert_eq!(pair("duisburg", "xian", "cost")[m], r["total"][m], "{m}");
    }
}

#[test]
fn unknown_repeated_or_too_few_places_are_refused_with_the_closest_names() {
    Cmd::new()
        .args(["skim", "--nodes", "xian,meghr,duisburg"])
        .status(2)
        .stderr_has("--nodes meghr: unknown node `meghr`; did you mean meghri?")
        .run();
    Cmd::new()
        .args(["skim", "--nodes", "xian,duisburg,Xi'an"])
        .status(2)
        .stderr_has("--nodes names `xian` twice (`xian` and `Xi'an`)")
        .run();
    Cmd::new()
        .args(["skim", "--nodes", "xian"])
        .status(2)
        .stderr_has("a skim is between 2 and 1000 places, not 1")
        .run();
    let many = vec!["xian"; 1001].join(",");
    Cmd::new()
        .args(["skim", "--nodes", &many])
        .status(2)
        .stderr_has("a skim is between 2 and 1000 places, not 1001")
        .run();
    Cmd::new()
        .args(["skim", "--nodes", "xian,duisburg", "--required"])
        .status(2)
        .stderr_has("cannot be used with")
        .run();
    Cmd::new()
        .args(["skim", "--by", "p90"])
        .status(2)
        .stderr_has("`skim --by` takes distance, time, cost, generalized, co2 or all")
        .run();
    // A network that names no required places needs --nodes; with them it answers.
    Cmd::new()
        .arg("skim")
        .network(TINY)
        .status(2)
        .stderr_has("the network names no required places")
        .run();
    Cmd::new()
        .arg("skim")
        .network(TINY)
        .args(["--nodes", "a,q", "--by", "cost"])
        .stdout_has("\na              0  1,150\nq          1,150      0\n")
        .run();
}

/// The default is the network's required places, by time and cost: 33 rows in each matrix, the
/// no-route pairs of the Zangazur places listed once with their reason; the CSV holds every pair
/// and objective; a table written with -o is the whole table, whatever the terminal.
#[test]
fn the_required_places_as_matrices_csv_and_a_file() {
    let out = Cmd::new().arg("skim").run().stdout;
    assert!(
        out.starts_with("skim of 33 places · year 2026 · baseline\n"),
        "{out}"
    );
    assert!(out.contains("\ntime: days of the fastest route\n"));
    assert!(out.contains("\ncost: USD per FEU of the cheapest route\n"));
    let rows = out.lines().filter(|l| l.starts_with("kuryk ")).count();
    assert_eq!(rows, 2, "{out}");
    assert!(out.contains("— no route, "), "{out}");
    let csv = Cmd::new()
        .args(["skim", "--required", "--by", "all", "--format", "csv"])
        .run()
        .stdout;
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("scenario,year,from,to,by,km,hours,usd,generalized_usd,co2_kg,no_route")
    );
    assert_eq!(lines.count(), 5 * 33 * 33);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("skim.txt");
    Cmd::new()
        .args(["skim", "-o"])
        .arg(&file)
        .env("COLUMNS", "80")
        .stdout("")
        .run();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), out);
}
