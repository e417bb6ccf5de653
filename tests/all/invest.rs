//! `corridor invest`: the portfolio against brute-force enumeration on a hand-drawn network with
//! known interactions (two substitute upgrades of one ferry, a line and its ferry that only pay
//! together), the same answer on any number of threads, and every kind of bad project file.

use corridor::load::{self, SourceFile};
use corridor::studies::demand;
use corridor::studies::invest::{self, benefits, cases::Cases, defaults, project, Request};

use crate::support::cmd::{write, Cmd};

const DIR: &str = "tests/fixtures/invest";

fn net() -> corridor::network::Network {
    load::load(std::path::Path::new(&format!("{DIR}/network.toml"))).unwrap()
}

fn request(net: &corridor::network::Network, budget: f64) -> Request {
    let d = defaults::parse(&SourceFile {
        name: "defaults.toml".into(),
        text: std::fs::read_to_string(format!("{DIR}/defaults.toml")).unwrap(),
    })
    .unwrap();
    let demand = demand::resolve(&format!("{DIR}/demand.toml"), net).unwrap();
    let mut req = Request::new(net, demand, &d);
    req.budget = Some(budget);
    req.jobs = 2;
    req
}

fn projects(net: &corridor::network::Network) -> Vec<invest::Project> {
    let files = project::folder_files(std::path::Path::new(&format!("{DIR}/projects"))).unwrap();
    project::read_all(&files, net).unwrap()
}

#[test]
fn the_portfolio_is_the_best_set_by_brute_force_with_known_interactions() {
    let net = net();
    let budget = 30e6;
    let req = request(&net, budget);
    let ps = projects(&net);
    let ids: Vec<&str> = ps.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["east-ferry", "east-line", "north-double", "north-faster"]
    );
    let study = invest::appraise(&net, ps.clone(), &req).unwrap();
    // Brute force: every case assigned here, each set's NPV year by year.
    let cases = Cases::new(&net, ps.clone()).unwrap();
    let spreads = invest::spread::Spreads::new();
    let totals = |set: u64| {
        let n = cases.with(set).unwrap();
        benefits::case_totals(&n, &req.demand, &req.opts, None, &spreads).unwrap()
    };
    let none = totals(0);
    let b: Vec<f64> = (0..16u64)
        .map(|s| benefits::benefit(&none, &totals(s), &req.prices).total_usd)
        .collect();
    let (ef, el, nd, nf) = (1usize, 2usize, 4usize, 8usize);
    // Substitutes: the two north upgrades together gain less than the sum of each alone.
    assert!(b[nd | nf] < 0.8 * (b[nd] + b[nf]), "{b:?}");
    // Complements: the east line and its ferry together gain more than the sum.
    assert!(b[el | ef] > 1.5 * (b[el] + b[ef]), "{b:?}");
    assert!(
        b[ef].abs() < 1.0,
        "the ferry of a closed line gains nothing: {}",
        b[ef]
    );
    let t = req.timeline;
    let mut best = (0.0f64, 0u64);
    for set in 0..16u64 {
        let mine: Vec<&invest::Project> = (0..4)
            .filter(|i| set >> i & 1 == 1)
            .map(|i| &ps[i])
            .collect();
        if mine.iter().map(|p| p.capital_usd()).sum::<f64>() > budget {
            continue;
        }
        let mut npv = 0.0;
        for y in t.base_year..t.base_year + t.horizon_years as i32 {
            let d = (1.0 + t.rate).powi(-(y - t.base_year));
            let open = (0..4)
                .filter(|&i| set >> i & 1 == 1 && ps[i].in_service(y))
                .fold(0, |s, i| s | 1 << i);
            npv += b[open] * d;
        }
        for p in &mine {
            let cy = (p.opens - 1).max(t.base_year);
            npv -= p.capital_usd() * (1.0 + t.rate).powi(-(cy - t.base_year));
            let left = (p.last_year() - (t.base_year + t.horizon_years as i32 - 1)).max(0);
            npv += p.capital_usd() * left as f64 / p.lifetime_years as f64
                * (1.0 + t.rate).powi(-(t.horizon_years as i32 - 1));
        }
        if npv > best.0 + 1e-6 {
            best = (npv, set);
        }
    }
    let p = study.portfolio.as_ref().unwrap();
    let mut chosen = p.chosen.clone();
    chosen.sort();
    let expect: Vec<String> = (0..4)
        .filter(|i| best.1 >> i & 1 == 1)
        .map(|i| ids[i].to_string())
        .collect();
    assert_eq!(chosen, expect, "{p:?}");
    assert!(
        (p.money.npv - best.0).abs() <= 1e-6 * best.0.abs(),
        "{} vs {}",
        p.money.npv,
        best.0
    );
    // Not both substitutes, and the complement pair together.
    assert!(!(chosen.contains(&"north-double".into()) && chosen.contains(&"north-faster".into())));
    assert!(chosen.contains(&"east-line".into()) == chosen.contains(&"east-ferry".into()));
}

fn invest_cmd() -> Cmd {
    Cmd::new().network(format!("{DIR}/network.toml")).args([
        "invest",
        "--defaults",
        &format!("{DIR}/defaults.toml"),
        "--demand",
        &format!("{DIR}/demand.toml"),
    ])
}

#[test]
fn the_answer_does_not_depend_on_the_threads_and_a_budget_below_every_project_fits_nothing() {
    let projects = format!("{DIR}/projects");
    let one = invest_cmd()
        .args([
            "--projects",
            &projects,
            "--budget",
            "3e7",
            "--format",
            "json",
            "--jobs",
            "1",
        ])
        .run();
    let two = invest_cmd()
        .args([
            "--projects",
            &projects,
            "--budget",
            "3e7",
            "--format",
            "json",
            "--jobs",
            "2",
        ])
        .run();
    assert_eq!(one.stdout, two.stdout);
    let j = one.json();
    assert_eq!(j["projects"].as_array().unwrap().len(), 4);
    assert_eq!(j["projects"][0]["rank"], 1);
    invest_cmd()
        .args(["--projects", &projects, "--budget", "1e6"])
        .status(1)
        .stderr_has("nothing fits")
        .run();
}

const GOOD: &str = "[project]\nid = \"p\"\nname = \"P\"\ndescription = \"d\"\nopens = 2026\nopens_source = \"x\"\nlifetime_years = 30\nlifetime_source = \"x\"\ncapital = { amount = 1.0e6, currency = \"USD\", price_year = 2025, usd_per_unit = 1.0, source = \"x\" }\n\n[[edit]]\naction = \"set\"\nselect = { capacity = \"north_ferry\" }\nfield = \"per_departure\"\nvalue = 200\nrationale = \"x\"\n";

#[test]
fn bad_project_files_exit_2_with_file_line_and_field() {
    let cases: [(&str, String, &str); 8] = [
        (
            "a scenario head",
            format!("{GOOD}\n[scenario]\nname = \"s\"\ndescription = \"d\"\n"),
            "[scenario] table",
        ),
        (
            "no currency code",
            GOOD.replace("currency = \"USD\"", "currency = \"dollars\""),
            "project.capital.currency",
        ),
        (
            "unknown element",
            GOOD.replace("north_ferry", "nort_ferry"),
            "did you mean",
        ),
        (
            "cost without a source",
            GOOD.replace(", source = \"x\" }", " }"),
            "project.capital.source",
        ),
        (
            "non-positive lifetime",
            GOOD.replace("lifetime_years = 30", "lifetime_years = 0"),
            "project.lifetime_years",
        ),
        (
            "amount not positive",
            GOOD.replace("amount = 1.0e6", "amount = -5.0"),
            "project.capital.amount",
        ),
        (
            "id not the stem",
            GOOD.replace("id = \"p\"", "id = \"q\""),
            "file's name",
        ),
        (
            "unknown field",
            GOOD.replace("opens = 2026", "opens = 2026\nopening = 2026"),
            "opening",
        ),
    ];
    for (what, text, says) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(&dir, "p.toml", &text);
        let out = invest_cmd()
            .args(["--projects", &dir.path().display().to_string()])
            .status(2)
            .stderr_has(says)
            .run();
        assert!(out.stderr.contains("p.toml:"), "{what}: {}", out.stderr);
    }
    // Flags out of range, and a candidate the folder does not hold.
    let projects = format!("{DIR}/projects");
    for (flags, says) in [
        (vec!["--discount", "1.5"], "--discount"),
        (vec!["--budget", "-3"], "--budget"),
        (
            vec!["--only", "east-lin"],
            "no such candidate; did you mean east-line",
        ),
        (vec!["--jobs", "0"], "--jobs"),
    ] {
        invest_cmd()
            .args(["--projects", &projects])
            .args(flags)
            .status(2)
            .stderr_has(says)
            .run();
    }
}

#[test]
fn the_shipped_project_list_is_the_folder_s_files() {
    let mut files: Vec<String> = std::fs::read_dir("networks/projects")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let shipped: Vec<String> = invest::shipped::project_files()
        .into_iter()
        .map(|(stem, _)| format!("{stem}.toml"))
        .collect();
    assert_eq!(shipped, files);
}

#[test]
fn csv_markdown_across_and_the_chart() {
    let projects = format!("{DIR}/projects");
    let csv = invest_cmd()
        .args([
            "--projects",
            &projects,
            "--budget",
            "3e7",
            "--format",
            "csv",
        ])
        .run()
        .stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert_eq!(lines[0], invest_csv_head());
    // The best first; the portfolio's members marked.
    assert!(lines[1].starts_with("baseline,1,"), "{csv}");
    // A value that rounds to zero prints as zero, never "-0" (a saving of -0.3 USD is 0 in CSV).
    for line in &lines[1..] {
        assert!(
            !line
                .split(',')
                .any(|f| f.starts_with("-0") && f.trim_start_matches(['-', '0', '.']).is_empty()),
            "{line}"
        );
    }
    let chosen = lines.iter().filter(|l| l.ends_with(",true")).count();
    assert!(chosen >= 2, "{csv}");
    invest_cmd()
        .args(["--projects", &projects, "--format", "markdown"])
        .stdout_has("| # | project |")
        .stdout_has("- discount rate 5.0 % real")
        .stdout_has("### Could north-faster and east-line change places?")
        .stdout_has("| capital of north-faster | +0 to +45 %")
        .stdout_lacks("Portfolio")
        .run();
    // Across: the baseline and a scenario that slows the north ferry change the ranking.
    let dir = tempfile::tempdir().unwrap();
    let slow = write(
        &dir,
        "north-slow.toml",
        "[scenario]\nname = \"north-slow\"\ndescription = \"d\"\n\n[[edit]]\naction = \"set\"\nselect = { capacity = \"north_ferry\" }\nfield = \"headway_hours\"\nvalue = 96\nrationale = \"x\"\n",
    );
    let j = invest_cmd()
        .args(["--projects", &projects, "--format", "json", "--across"])
        .arg(format!("baseline,{slow}"))
        .run()
        .json();
    assert_eq!(j["studies"].as_array().unwrap().len(), 2);
    let ranks = j["ranks"].as_array().unwrap();
    assert_eq!(ranks.len(), 4);
    for r in ranks {
        let k = r["ranks"].as_array().unwrap();
        assert_eq!(r["changes"], k[0] != k[1], "{r}");
    }
    // The chart: a bar label per project, the portfolio marked, the BCR = 1 line named.
    let figs = tempfile::tempdir().unwrap();
    invest_cmd()
        .args(["--projects", &projects, "--budget", "3e7", "--figures"])
        .arg(figs.path())
        .run();
    let svg = std::fs::read_to_string(figs.path().join("invest-baseline.svg")).unwrap();
    for id in [
        "north-faster",
        "east-line",
        "north-double",
        "east-ferry",
        "BCR = 1",
        "chosen",
    ] {
        assert!(svg.contains(id), "{id} missing from the chart");
    }
}

fn invest_csv_head() -> &'static str {
    corridor::output::invest::CSV_HEAD
}

#[test]
fn the_committed_report_has_the_investments_section_with_every_shipped_project() {
    let md = std::fs::read_to_string("docs/report/report.md").unwrap();
    let at = md
        .find("\n## Investments\n")
        .expect("an Investments section");
    let section = &md[at..];
    for (stem, _) in invest::shipped::project_files() {
        assert!(section.contains(&format!("| {stem} |")), "{stem} missing");
    }
}

/// A batch run reads `--projects` and `--defaults` as named, as every input is read (only the
/// files a run writes go inside its folder); an absolute path was once refused there.
#[test]
fn a_batch_run_reads_its_projects_and_defaults_where_they_are_named() {
    let t = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(DIR).unwrap().display().to_string();
    let args = [
        "--network".to_string(),
        format!("{dir}/network.toml"),
        "invest".into(),
        "--defaults".into(),
        format!("{dir}/defaults.toml"),
        "--demand".into(),
        format!("{dir}/demand.toml"),
        "--projects".into(),
        format!("{dir}/projects"),
        "--format".into(),
        "csv".into(),
    ];
    let quoted: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
    let manifest = t.path().join("m.toml");
    std::fs::write(
        &manifest,
        format!("[[run]]\nid = \"inv\"\nargs = [{}]\n", quoted.join(", ")),
    )
    .unwrap();
    let out = t.path().join("out");
    Cmd::new()
        .args(["batch", &manifest.display().to_string(), "-o"])
        .arg(&out)
        .run();
    let alone = Cmd::new().args(&args).run().stdout;
    let ran = std::fs::read_to_string(out.join("runs/inv.out")).unwrap();
    assert_eq!(ran, alone);
    assert!(ran.starts_with("scenario,rank,"), "{ran}");
}
