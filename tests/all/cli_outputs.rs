//! What the command line's outputs say beyond the steps: a `no_route` JSON document where there
//! is no route, the generalized cost (USD + value of time × hours) in tables and JSON, and the
//! switch points of a sweep in its CSV.

use serde_json::Value;

use crate::support::cmd::Cmd;

/// A number of a JSON value.
fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn a_query_without_a_route_prints_a_no_route_document_in_json() {
    // Road alone cannot reach Duisburg from Xi'an.
    let road = ["--modes", "road", "--format", "json"];
    for args in [
        &["route", "--from", "xian", "--to", "duisburg"][..],
        &[
            "route",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--alternatives",
            "2",
        ],
        &["route", "--from", "xian", "--to", "duisburg", "--by", "p90"],
        &["pareto", "--from", "xian", "--to", "duisburg"],
        &[
            "reliability",
            "--from",
            "xian",
            "--to",
            "duisburg",
            "--samples",
            "10",
        ],
    ] {
        let out = Cmd::new().args(args).args(road).status(1).run();
        let v = out.json();
        assert_eq!(v["schema"], "corridor.no_route/1", "{args:?}");
        let why = &v["no_route"];
        assert_eq!(
            (why["from"].as_str(), why["to"].as_str()),
            (Some("xian"), Some("duisburg"))
        );
        let reason = why["reason"].as_str().unwrap();
        assert!(reason.contains("road"), "{args:?}: {reason}");
        // The same words as on standard error.
        assert!(out.stderr.contains(reason), "{args:?}: {}", out.stderr);
    }
    // A table keeps standard output empty: the reason is on standard error.
    Cmd::route()
        .args(["--modes", "road"])
        .status(1)
        .stdout("")
        .stderr_has("no route from xian to duisburg")
        .run();
}

/// The generalized cost of a route document: its `total.generalized_usd`, checked to equal USD +
/// value of time × hours.
fn generalized(route: &Value, vot: f64) -> f64 {
    assert_eq!(num(&route["value_of_time_usd_per_hour"]), vot, "{route}");
    let t = &route["total"];
    let g = num(&t["generalized_usd"]);
    let expected = num(&t["usd"]) + vot * num(&t["hours"]);
    // Each of the three is rounded to three decimals in the JSON.
    let rounding = 0.0005 * (2.0 + vot);
    assert!((g - expected).abs() <= rounding, "{g} against {expected}");
    g
}

/// `13,975`: a number as the tables group it.
fn grouped(v: f64) -> String {
    let digits = format!("{:.0}", v);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_generalized_cost_is_usd_plus_value_of_time_times_hours_everywhere() {
    // The network's value of time (12 USD per FEU-hour), then one given on the command line.
    for (vot, extra) in [(12.0, &[][..]), (30.0, &["--value-of-time", "30"][..])] {
        let v = Cmd::route()
            .args(["--by", "all", "--format", "json"])
            .args(extra)
            .json();
        for r in v["routes"].as_array().unwrap() {
            generalized(r, vot);
        }
        let json = Cmd::route().args(["--format", "json"]).args(extra).json();
        let g = generalized(&json, vot);
        Cmd::route()
            .args(extra)
            .stdout_has(format!(
                "generalized ${} (USD + {vot} USD/h × hours)",
                grouped(g)
            ))
            .run();
        let front = Cmd::new()
            .arg("pareto")
            .args(["--format", "json"])
            .args(extra)
            .json();
        let table = Cmd::new().arg("pareto").args(extra).run().stdout;
        for (i, r) in front["routes"].as_array().unwrap().iter().enumerate() {
            let g = grouped(generalized(r, vot));
            let row = table.lines().nth(i + 1).unwrap();
            assert!(
                row.contains(&format!("  {g}  ")),
                "{g} in row {row}\n{table}"
            );
        }
        assert!(
            table.contains(&format!("at {vot} USD per FEU-hour")),
            "{table}"
        );
    }
    let rows = Cmd::new()
        .args(["compare", "--by", "time", "--format", "json"])
        .json();
    let table = Cmd::new().args(["compare", "--by", "time"]).run().stdout;
    assert!(
        table.lines().next().unwrap().contains("gen. USD"),
        "{table}"
    );
    let mut seen = 0;
    for row in rows["rows"].as_array().unwrap() {
        if row["route"].is_object() {
            let g = grouped(generalized(&row["route"], 12.0));
            assert!(table.contains(&format!("  {g}  ")), "{g}\n{table}");
            seen += 1;
        }
    }
    assert!(seen > 10, "{seen} routes in the comparison");
}

#[test]
fn the_sweep_csv_holds_the_switch_points_of_the_json() {
    let args = [
        "sweep",
        "--field",
        "wait_hours",
        "--where",
        "links=aktau-alat,kuryk-alat,turkmenbashi-alat",
        "--range",
        "0:480",
        "--steps",
        "6",
        "--avoid",
        "RU,BY",
    ];
    let json = Cmd::new().args(args).args(["--format", "json"]).json();
    let csv = Cmd::new().args(args).args(["--format", "csv"]).run().stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let (grid, switches): (Vec<_>, Vec<_>) =
        records.iter().partition(|r| &r[col("kind")] == "grid");
    assert!(switches.iter().all(|r| &r[col("kind")] == "switch"));
    assert_eq!(grid.len(), 7);
    let expected = json["switches"].as_array().unwrap();
    assert!(!expected.is_empty(), "the Caspian sweep switches: {json}");
    assert_eq!(switches.len(), expected.len());
    for (r, s) in switches.iter().zip(expected) {
        let f = |name: &str| r[col(name)].parse::<f64>().unwrap();
        assert_eq!(f("switch_below"), num(&s["below"]));
        assert_eq!(f("switch_above"), num(&s["above"]));
        assert_eq!(&r[col("summary_before")], s["before"].as_str().unwrap());
        assert_eq!(&r[col("summary")], s["after"].as_str().unwrap());
    }
    // In order of value: each switch row sits between the grid values around it.
    let mut last = f64::NEG_INFINITY;
    for r in &records {
        let v: f64 = match &r[col("kind")] {
            "grid" => r[col("value")].parse().unwrap(),
            _ => r[col("switch_below")].parse().unwrap(),
        };
        assert!(v >= last, "{csv}");
        last = v;
    }
    // The table says the same switches, to four decimals.
    let table = Cmd::new().args(args).run().stdout;
    let short = |v: f64| {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    for s in expected {
        let at = format!(
            "switch at wait_hours = {}…{}",
            short(num(&s["below"])),
            short(num(&s["above"]))
        );
        assert!(table.contains(&at), "{at}\n{table}");
    }
}
