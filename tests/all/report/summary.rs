//! The report's summary and captions against the numbers of the same run (its `compare.json` and
//! `reliability.json`): which corridor is fastest, cheapest and lowest in CO2 and by how much,
//! the P90, what a scenario changes, each figure's finding; the question and the corridors'
//! names from the network's data; and the summary one text in both documents.

use std::collections::BTreeMap;
use std::path::Path;

use super::tools::{default_report, unescape};
use crate::support::cmd::Cmd;

/// A family's best values under one scenario: (days, P90, USD, kg CO2e, km of the fastest).
type Best = (f64, f64, f64, f64, f64);

/// Each family's best values under the scenario at `position`, from `compare.json` (the
/// lowest of its routes for each measure), and the families without a route.
fn best(json: &serde_json::Value, position: u64) -> BTreeMap<String, Best> {
    let mut out: BTreeMap<String, Best> = BTreeMap::new();
    for r in json["rows"].as_array().unwrap() {
        if r["position"] != position || r["route"].is_null() {
            continue;
        }
        let t = &r["route"]["total"];
        let f = |v: &serde_json::Value| v.as_f64().unwrap();
        let now = (
            f(&t["hours"]) / 24.0,
            f(&r["reliability"]["p90_days"]),
            f(&t["usd"]),
            f(&t["co2_kg"]),
            f(&t["km"]),
        );
        let e = out
            .entry(r["family"].as_str().unwrap().into())
            .or_insert(now);
        if now.0 < e.0 {
            e.4 = now.4;
        }
        *e = (
            e.0.min(now.0),
            e.1.min(now.1),
            e.2.min(now.2),
            e.3.min(now.3),
            e.4,
        );
    }
    out
}

/// The family ids by a measure, lowest first.
fn by(b: &BTreeMap<String, Best>, key: fn(&Best) -> f64) -> Vec<String> {
    let mut v: Vec<(&String, f64)> = b.iter().map(|(k, x)| (k, key(x))).collect();
    v.sort_by(|a, b| a.1.total_cmp(&b.1));
    v.into_iter().map(|(k, _)| k.clone()).collect()
}

/// A family's name in a sentence: the network's name without its parenthesis.
fn name(id: &str) -> String {
    let net = corridor::load::embedded().unwrap();
    let n = &net.families.iter().find(|f| f.id == id).unwrap().name;
    n.split(" (").next().unwrap().to_string()
}

fn thousands(v: f64) -> String {
    let s = format!("{:.0}", v.round());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn read(dir: &Path, f: &str) -> String {
    std::fs::read_to_string(dir.join(f)).unwrap()
}

fn json(dir: &Path, f: &str) -> serde_json::Value {
    serde_json::from_str(&read(dir, f)).unwrap()
}

/// The text of the first element `<tag class="class">` of `html`, unescaped.
fn element(html: &str, open: &str, close: &str) -> String {
    let at = html.find(open).unwrap_or_else(|| panic!("{open}")) + open.len();
    unescape(&html[at..at + html[at..].find(close).unwrap()])
}

/// The summary's answer in `dir`'s report, checked to be the same in both documents, as are its
/// question and its lines on the scenarios.
fn answer(dir: &Path) -> String {
    let (html, md) = (read(dir, "index.html"), read(dir, "report.md"));
    let md_of = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let a = element(&html, "<p class=\"answer\">", "</p>");
    assert!(md.contains(&format!("\n{}\n", md_of(&a))), "{a}");
    let q = element(&html, "<p class=\"question\">", "</p>");
    assert!(md.contains(&format!("\n**{}**\n", md_of(&q))), "{q}");
    let summary = &md[md.find("## Summary").unwrap()..md.find("| Corridor |").unwrap()];
    let md_lines: Vec<&str> = summary
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect();
    let html_lines: Vec<String> = match html.find("<ul class=\"changes\">") {
        Some(at) => html[at..at + html[at..].find("</ul>").unwrap()]
            .split("<li>")
            .skip(1)
            .map(|l| md_of(&unescape(l.split("</li>").next().unwrap())))
            .collect(),
        None => Vec::new(),
    };
    assert_eq!(md_lines, html_lines, "the scenarios' lines differ");
    a
}

#[test]
fn the_summary_answers_the_question_from_the_numbers_of_the_run() {
    let dir = default_report();
    let c = json(dir, "compare.json");
    let b = best(&c, 0);
    let t = by(&b, |x| x.0);
    let (a, a2) = (&t[0], &t[1]);
    let a_text = answer(dir);
    let first = format!(
        "{} is the fastest: {:.1} days door to door, {:.1} days ahead of {} ({:.1} days).",
        name(a),
        b[a].0,
        b[a2].0 - b[a].0,
        name(a2),
        b[a2].0
    );
    assert!(
        a_text.starts_with(&format!("Under baseline (2026), {first}")),
        "{a_text}"
    );
    let u = by(&b, |x| x.2);
    assert!(
        a_text.contains(&format!(
            "{} is the cheapest at USD {} per FEU, USD {} less than {}",
            name(&u[0]),
            thousands(b[&u[0]].2),
            thousands(b[&u[1]].2 - b[&u[0]].2),
            name(&u[1])
        )),
        "{a_text}"
    );
    let e = by(&b, |x| x.3);
    assert!(
        a_text.contains(&format!(
            "{} emits the least CO2, {:.2} t CO2e per FEU",
            name(&e[0]),
            b[&e[0]].3 / 1000.0
        )),
        "{a_text}"
    );
    assert!(
        a_text.contains(&format!(
            "on {} arrive within {:.1} days (its P90)",
            name(a),
            b[a].1
        )),
        "{a_text}"
    );
    // The table: each corridor under the reference, as the JSON has it.
    let html = read(dir, "index.html");
    let net = corridor::load::embedded().unwrap();
    for (id, x) in &b {
        let full = &net.families.iter().find(|f| &f.id == id).unwrap().name;
        let row = format!(
            "<tr class=\"corridor\"><td>{full}</td><td class=\"num\">{:.1}</td><td class=\"num\">{:.1}</td><td class=\"num\">{}</td><td class=\"num\">{:.2}</td>",
            x.0,
            x.1,
            thousands(x.2),
            x.3 / 1000.0
        );
        assert!(html.contains(&row), "{row}");
    }
    // What a scenario changes: closing a corridor hands the lead to the next fastest.
    let scenarios: Vec<&str> = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["objective"] == "time" && r["family"] == "northern")
        .map(|r| r["scenario"].as_str().unwrap())
        .collect();
    let closed = scenarios
        .iter()
        .position(|s| *s == "northern-closed")
        .unwrap();
    let bc = best(&c, closed as u64);
    let lead = &by(&bc, |x| x.0)[0];
    let line = format!(
        "<li>northern-closed: {} becomes the fastest ({:.1} days); {} has no route",
        name(lead),
        bc[lead].0,
        name("northern")
    );
    assert!(html.contains(&line), "{line}");
    // Congestion: the corridor whose days move most, and its P90, which moves far more.
    let at = scenarios
        .iter()
        .position(|s| *s == "border-congestion")
        .unwrap();
    let bs = best(&c, at as u64);
    let moved = b
        .keys()
        .filter(|k| bs.contains_key(*k))
        .max_by(|x, y| {
            (bs[*x].0 - b[*x].0)
                .abs()
                .total_cmp(&(bs[*y].0 - b[*y].0).abs())
        })
        .unwrap();
    let (dd, dp) = (bs[moved].0 - b[moved].0, bs[moved].1 - b[moved].1);
    assert!(
        dp.abs() > dd.abs() + 1.0,
        "the shipped congestion widens the spread"
    );
    let line = format!(
        "<li>border-congestion: {} +{dd:.1} days, to {:.1}, its P90 +{dp:.1}, to {:.1}",
        name(moved),
        bs[moved].0,
        bs[moved].1
    );
    assert!(html.contains(&line), "{line}");
}

#[test]
fn the_summary_follows_the_reference_scenario_the_run_gives() {
    let dir = tempfile::tempdir().unwrap();
    Cmd::new()
        .args(["report", "--samples", "300", "-o"])
        .arg(dir.path())
        .args(["--scenario", "northern-closed", "--scenario", "baseline"])
        .run();
    let c = json(dir.path(), "compare.json");
    let b = best(&c, 0);
    let a = &by(&b, |x| x.0)[0];
    assert_ne!(a, "northern");
    let text = answer(dir.path());
    assert!(
        text.starts_with(&format!(
            "Under northern-closed (2026), {} is the fastest: {:.1} days",
            name(a),
            b[a].0
        )),
        "{text}"
    );
    assert!(text.contains("Northern corridor has no route under northern-closed"));
    // Against that reference, the baseline opens the Northern corridor.
    let north = best(&c, 1)["northern"].0;
    let html = read(dir.path(), "index.html");
    let line = format!(
        "<li>baseline: Northern corridor becomes the fastest ({north:.1} days); Northern corridor opens at {north:.1} days"
    );
    assert!(html.contains(&line), "{line}");
}

#[test]
fn each_caption_states_what_its_figure_shows_from_the_numbers() {
    let dir = default_report();
    let html = read(dir, "index.html");
    let caption = |n: usize| element(&html, &format!("<b>Figure {n}.</b> "), "</figcaption>");
    let c = json(dir, "compare.json");
    // The figures draw each family's fastest route under the reference.
    let drawn: Vec<(String, f64, f64)> = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["position"] == 0 && r["objective"] == "time" && !r["route"].is_null())
        .map(|r| {
            let t = &r["route"]["total"];
            (
                name(r["family"].as_str().unwrap()),
                t["km"].as_f64().unwrap(),
                t["hours"].as_f64().unwrap() / 24.0,
            )
        })
        .collect();
    let shortest = drawn.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    let longest = drawn.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    let map = caption(1);
    assert!(
        map.contains(&format!(
            "{} is the shortest at {} km, {} the longest at {} km",
            shortest.0,
            thousands(shortest.1),
            longest.0,
            thousands(longest.1)
        )),
        "{map}"
    );
    assert!(
        map.contains("the Caucasus and the Caspian"),
        "the panel, in the data's words: {map}"
    );
    let fastest = drawn.iter().min_by(|a, b| a.2.total_cmp(&b.2)).unwrap();
    let tcd = caption(2);
    assert!(
        tcd.contains(&format!(
            "{} arrives first, after {:.1} days",
            fastest.0, fastest.2
        )),
        "{tcd}"
    );
    let rel = json(dir, "reliability.json");
    let routes = rel["routes"].as_array().unwrap();
    let p50 = |r: &serde_json::Value| r["p50_days"].as_f64().unwrap();
    let first = routes
        .iter()
        .min_by(|a, b| p50(a).total_cmp(&p50(b)))
        .unwrap();
    let chart = caption(4);
    let label = first["label"].as_str().unwrap().split(" (").next().unwrap();
    assert!(
        chart.contains(&format!(
            "{label} has the lowest median, {:.1} days, and a P90 of {:.1} days",
            p50(first),
            first["p90_days"].as_f64().unwrap()
        )),
        "{chart}"
    );
    assert!(chart.contains("from 2,000 samples (seed 1)"), "{chart}");
}

#[test]
fn the_question_and_the_corridor_names_are_the_network_s_words() {
    let net = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir("networks/eurasia").unwrap() {
        let f = f.unwrap().path();
        let mut text = std::fs::read_to_string(&f).unwrap();
        if f.ends_with("00-network.toml") {
            let q = text.find("question = ").unwrap();
            let end = q + text[q..].find('\n').unwrap();
            text.replace_range(q..end, "question = \"Is {to} nearer than {from} thinks?\"");
            text = text.replace(
                "name = \"Northern corridor (Kazakhstan – Russia – Belarus)\"",
                "name = \"Steppe line (test)\"",
            );
        }
        std::fs::write(net.path().join(f.file_name().unwrap()), text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    Cmd::new()
        .args([
            "report",
            "--samples",
            "200",
            "--scenario",
            "baseline",
            "--network",
        ])
        .arg(net.path())
        .arg("-o")
        .arg(out.path())
        .run();
    let html = read(out.path(), "index.html");
    assert!(
        html.contains(
            "<p class=\"question\">Is Duisburg nearer than Xi&#x27;an International Port thinks?</p>"
        ) || html.contains(
            "<p class=\"question\">Is Duisburg nearer than Xi'an International Port thinks?</p>"
        ),
        "the network's question, its ends filled in"
    );
    assert!(answer(out.path()).contains("Steppe line is the fastest"));
    // A placeholder the question cannot fill is refused where it is written.
    let bad = std::fs::read_to_string(net.path().join("00-network.toml"))
        .unwrap()
        .replace("nearer than {from}", "nearer via {via}");
    std::fs::write(net.path().join("00-network.toml"), bad).unwrap();
    Cmd::new()
        .args(["report", "--scenario", "baseline", "--network"])
        .arg(net.path())
        .arg("-o")
        .arg(out.path())
        .status(2)
        .stderr_has("question")
        .stderr_has("`{via}` is not a placeholder")
        .run();
}

#[test]
fn without_corridor_families_the_summary_tells_each_objective_s_route() {
    let dir = tempfile::tempdir().unwrap();
    Cmd::tiny("report")
        .args(["--scenario", "baseline", "--samples", "200", "-o"])
        .arg(dir.path())
        .run();
    let c = json(dir.path(), "compare.json");
    let text = answer(dir.path());
    let rows = c["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "the fastest and the cheapest route");
    for r in rows {
        let t = &r["route"]["total"];
        let adjective = if r["objective"] == "time" {
            "fastest"
        } else {
            "cheapest"
        };
        let words = format!(
            "the {adjective} route ({}) takes {:.1} days door to door, USD {} and {:.2} t CO2e per FEU",
            r["summary"].as_str().unwrap(),
            t["hours"].as_f64().unwrap() / 24.0,
            thousands(t["usd"].as_f64().unwrap()),
            t["co2_kg"].as_f64().unwrap() / 1000.0
        );
        assert!(text.contains(&words), "{words} in {text}");
    }
    // Two different routes: the chart's caption tells them apart.
    let html = read(dir.path(), "index.html");
    let tcd = element(&html, "<b>Figure 2.</b> ", "</figcaption>");
    assert!(
        tcd.contains("The fastest route under baseline arrives first")
            && tcd.contains("the cheapest route under baseline costs the least"),
        "{tcd}"
    );
}
