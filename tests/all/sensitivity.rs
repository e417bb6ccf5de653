//! `corridor sensitivity`: Morris and Sobol against closed forms on a hand-drawn two-route
//! network (tests/fixtures/sensitivity.toml), the sign flip found where the drawing says, the
//! same bytes on any number of threads, the shipped network's headline questions ranked by real
//! inputs with their files, and bad input refused with exit code 2.

use corridor::load;
use corridor::progress::Progress;
use corridor::routing::Objective;
use corridor::studies::sensitivity::{self, Ask, Flip, Question, Request, Screening};

use crate::support::cmd::Cmd;

const FIXTURE: &str = "tests/fixtures/sensitivity.toml";

fn fixture() -> corridor::Network {
    load::load(std::path::Path::new(FIXTURE)).unwrap()
}

fn question(ask: Ask) -> Question {
    Question {
        ask,
        from: "a".into(),
        to: "b".into(),
        by: Objective::Time,
        scenario: None,
        year: None,
        words: None,
    }
}

fn request(q: Question, r: usize, sobol: Option<usize>) -> Request {
    Request {
        questions: vec![q],
        all: false,
        trajectories: r,
        seed: 7,
        sobol,
        top: 10,
        ranges: Vec::new(),
        only: Vec::new(),
        progress: Progress::default(),
        jobs: 2,
    }
}

fn row<'s>(s: &'s Screening, key: &str) -> &'s sensitivity::Row {
    s.studies[0]
        .rows
        .iter()
        .find(|r| r.input.key == key)
        .unwrap_or_else(|| panic!("no {key} in {:?}", s.studies[0].rows))
}

#[test]
fn morris_on_a_linear_route_time_gives_the_coefficient_times_the_range() {
    let net = fixture();
    let q = question(Ask::Compare("north".into(), "south".into()));
    let s = sensitivity::screen(&net, &request(q, 12, None)).unwrap();
    let st = &s.studies[0];
    assert!((st.value - 3.0 / 24.0).abs() < 1e-12, "{}", st.value);
    // Only the two waits: the USD estimate cannot move days, the sourced hours are not estimates.
    assert_eq!(st.rows.len(), 2, "{:?}", st.rows);
    let (n, s_) = (row(&s, "a-n.wait_hours"), row(&s, "a-s.wait_hours"));
    assert!(
        (n.morris.mu_star - 10.0 / 24.0).abs() < 1e-9,
        "{:?}",
        n.morris
    );
    assert!((n.morris.mu - 10.0 / 24.0).abs() < 1e-9);
    assert!(
        (s_.morris.mu_star - 2.0 / 24.0).abs() < 1e-9,
        "{:?}",
        s_.morris
    );
    assert!(
        (s_.morris.mu + 2.0 / 24.0).abs() < 1e-9,
        "the south wait lowers the difference"
    );
    assert!(n.morris.sigma < 1e-9 && s_.morris.sigma < 1e-9);
    assert_eq!(st.rows[0].input.key, "a-n.wait_hours", "ranked by μ*");
    assert_eq!((n.input.range.0, n.input.range.1), (5.0, 15.0));
    assert!(
        st.notes
            .iter()
            .any(|x| x.contains("1 estimates cannot move")),
        "{:?}",
        st.notes
    );
    // The ends, one at a time.
    assert!((n.at_low - (-2.0 / 24.0)).abs() < 1e-12 && (n.at_high - 8.0 / 24.0).abs() < 1e-12);
}

#[test]
fn the_range_that_can_flip_the_winner_is_found_and_the_other_is_not() {
    let net = fixture();
    let q = question(Ask::Compare("north".into(), "south".into()));
    let s = sensitivity::screen(&net, &request(q, 4, None)).unwrap();
    assert_eq!(row(&s, "a-n.wait_hours").flips, Some(Flip::Alone));
    assert_eq!(row(&s, "a-s.wait_hours").flips, Some(Flip::No));
    // A route's days are not a difference: no flip is claimed either way.
    let q = question(Ask::Route {
        family: Some("north".into()),
    });
    let s = sensitivity::screen(&net, &request(q, 4, None)).unwrap();
    assert_eq!(row(&s, "a-n.wait_hours").flips, None);
    assert!((row(&s, "a-n.wait_hours").morris.mu_star - 10.0 / 24.0).abs() < 1e-9);
    // The south wait is not on the north route: it moves nothing.
    assert_eq!(row(&s, "a-s.wait_hours").morris.mu_star, 0.0);
}

#[test]
fn sobol_indices_of_the_additive_difference_are_its_variance_shares() {
    let net = fixture();
    let q = question(Ask::Compare("north".into(), "south".into()));
    let s = sensitivity::screen(&net, &request(q, 4, Some(4096))).unwrap();
    let sb = s.studies[0].sobol.as_ref().expect("Sobol indices");
    // Uniform waits over widths 10 h and 2 h: variances 100/12 and 4/12 (h²), shares 100:4.
    let v = (100.0 + 4.0) / 12.0 / 576.0;
    assert!((sb.variance - v).abs() / v < 0.05, "{} vs {v}", sb.variance);
    for (key, share) in [
        ("a-n.wait_hours", 100.0 / 104.0),
        ("a-s.wait_hours", 4.0 / 104.0),
    ] {
        let ix = &sb.indices.iter().find(|(k, _)| k == key).unwrap().1;
        for i in [ix.first, ix.total] {
            assert!((i.value - share).abs() < 0.06, "{key} {ix:?}");
        }
        let t = ix.total;
        assert!(
            t.low <= share && share <= t.high,
            "{key}: {share} outside {t:?}"
        );
    }
    let next = &s.studies[0].next;
    assert_eq!(s.studies[0].next_by, "Sobol total index");
    assert_eq!(next[0].key, "a-n.wait_hours");
}

#[test]
fn the_same_seed_gives_the_same_answer_on_one_thread_or_many() {
    let net = load::embedded().unwrap();
    let (from, to) = net.study.ends.clone().unwrap();
    let mut qs = sensitivity::headline_questions(&net, &from, &to, None).unwrap();
    qs.truncate(1);
    let req = Request {
        questions: qs,
        ..request(question(Ask::Route { family: None }), 2, Some(16))
    };
    let run = |jobs: usize| {
        let s = sensitivity::screen(
            &net,
            &Request {
                jobs,
                ..req.clone()
            },
        )
        .unwrap();
        corridor::output::sensitivity::render(&s, corridor::output::Format::Json, None)
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    let other = Request {
        seed: 8,
        ..req.clone()
    };
    let s = sensitivity::screen(&net, &other).unwrap();
    assert_ne!(
        one,
        corridor::output::sensitivity::render(&s, corridor::output::Format::Json, None)
    );
}

#[test]
fn the_default_screens_the_shipped_headline_questions_and_names_real_files() {
    let out = Cmd::new()
        .args([
            "sensitivity",
            "-r",
            "2",
            "--format",
            "json",
            "--show",
            "all",
        ])
        .run();
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "corridor.sensitivity/1");
    let studies = doc["studies"].as_array().unwrap();
    assert_eq!(
        studies.len(),
        3,
        "the three [[network.study.headline]] questions"
    );
    assert_eq!(
        studies[1]["question"],
        "Does the Zangazur corridor beat the route through Georgia in 2030?"
    );
    // Zangazur is faster than the route through Georgia in 2030 (negative difference).
    assert!(studies[1]["value"].as_f64().unwrap() < 0.0);
    // The customs scenario's effect is measured on the Middle Corridor through Türkiye, and shortens it.
    assert_eq!(studies[2]["families"][0], "middle-turkiye");
    assert!(studies[2]["value"].as_f64().unwrap() < 0.0);
    for st in studies {
        let rows = st["rows"].as_array().unwrap();
        assert!(rows.len() > 20, "{}", rows.len());
        let first = &rows[0];
        assert!(first["morris"]["mu_star"].as_f64().unwrap() > 0.0);
        assert_eq!(first["estimate"], true);
        assert!(
            first["file"]
                .as_str()
                .unwrap()
                .contains("networks/eurasia/"),
            "{first}"
        );
        let mu: Vec<f64> = rows
            .iter()
            .map(|r| r["morris"]["mu_star"].as_f64().unwrap_or(-1.0))
            .collect();
        assert!(mu.windows(2).all(|w| w[0] >= w[1]), "ranked by μ*");
    }
}

#[test]
fn tables_csv_markdown_and_the_tornado_chart_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("t.svg");
    // The fixture's two routes compared, four trajectories.
    let compare = || {
        Cmd::new().network(FIXTURE).args([
            "sensitivity",
            "--compare",
            "north,south",
            "--from",
            "a",
            "--to",
            "b",
            "-r",
            "4",
        ])
    };
    let out = compare().arg("-o").arg(&svg).run();
    assert!(
        out.stdout.contains("a-n.wait_hours") && out.stdout.contains("flips"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("What to measure next (estimates, by μ*²)"),
        "{}",
        out.stdout
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("a-n.wait_hours"));
    let csv = compare().args(["--format", "csv"]).run().stdout;
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(corridor::output::sensitivity::CSV_HEAD));
    let first = lines.next().unwrap();
    assert!(
        first.contains(",1,a-n.wait_hours,link,a-n,wait_hours,") && first.ends_with(",alone,,,,,,"),
        "{first}"
    );
    let md = Cmd::new()
        .network(FIXTURE)
        .args([
            "sensitivity",
            "--family",
            "north",
            "--from",
            "a",
            "--to",
            "b",
            "-r",
            "2",
            "--format",
            "markdown",
        ])
        .run()
        .stdout;
    assert!(
        md.starts_with("### a → b: north's days") && md.contains("| 1 | a-n.wait_hours |"),
        "{md}"
    );
}

#[test]
fn bad_input_is_refused_naming_it() {
    let fx = |args: &[&str]| {
        Cmd::new()
            .network(FIXTURE)
            .args(["sensitivity", "--from", "a", "--to", "b"])
            .args(args)
            .status(2)
    };
    fx(&["--compare", "nort,south"])
        .stderr_has("no corridor family `nort`; did you mean north?")
        .run();
    fx(&["--jobs", "0"]).stderr_has("--jobs 0").run();
    fx(&["--compare", "north"])
        .stderr_has("--compare takes two corridor families")
        .run();
    fx(&["--compare", "north,north"])
        .stderr_has("the same family twice")
        .run();
    fx(&["--family", "sout"])
        .stderr_has("did you mean south?")
        .run();
    fx(&["-r", "1"]).stderr_has("lies in 2…1,000").run();
    fx(&["-r", "1001"]).stderr_has("lies in 2…1,000").run();
    fx(&["--sobol", "8"])
        .stderr_has("--sobol 8: the number of Sobol base samples lies in 16…100,000")
        .run();
    fx(&["--top", "0"]).stderr_has("--top 0").run();
    fx(&["--range", "a-n.wait_hours=15:5"])
        .stderr_has("the wrong way round")
        .run();
    fx(&["--range", "a-n.wait_hour=5:15"])
        .stderr_has("no input `a-n.wait_hour`; did you mean a-n.wait_hours")
        .run();
    fx(&["--range", "a-n.wait_hours"])
        .stderr_has("write KEY=LOW:HIGH")
        .run();
    fx(&["--by", "speed"])
        .stderr_has("invalid value 'speed'")
        .run();
    fx(&["--scenario-effect", "nosuch"])
        .stderr_has("unknown scenario `nosuch`")
        .run();
    fx(&["--show", "many"]).stderr_has("--show `many`").run();
    Cmd::new()
        .args(["sensitivity", "--element", "aktau_alat_feeder", "-r", "2"])
        .status(2)
        .stderr_has("no capacitated element `aktau_alat_feeder`; did you mean aktau_alat_feeders?")
        .run();
    // A network without headline questions asks for one.
    let e = sensitivity::headline_questions(&fixture(), "a", "b", None).unwrap_err();
    assert!(
        e.to_string().contains("states no headline questions"),
        "{e}"
    );
}

#[test]
fn a_given_range_replaces_the_stated_one() {
    let net = fixture();
    let q = question(Ask::Compare("north".into(), "south".into()));
    let mut req = request(q, 4, None);
    req.ranges = vec![("a-n.wait_hours".into(), 9.0, 12.0)];
    let s = sensitivity::screen(&net, &req).unwrap();
    let n = row(&s, "a-n.wait_hours");
    assert!(
        (n.morris.mu_star - 3.0 / 24.0).abs() < 1e-9,
        "{:?}",
        n.morris
    );
    assert_eq!(n.input.range_kind, sensitivity::RangeKind::Given);
    assert_eq!(n.flips, Some(Flip::No), "9–12 h keeps north slower");
    // Wider, the south wait flips the sign only with the north wait away from its value: at
    // 4.5 h and the north wait at 10 h the north is still slower (+0.5 h), at 8.3 h it is not.
    req.trajectories = 12;
    req.ranges = vec![("a-s.wait_hours".into(), 1.0, 4.5)];
    let s = sensitivity::screen(&net, &req).unwrap();
    assert_eq!(row(&s, "a-s.wait_hours").flips, Some(Flip::WithOthers));
    assert_eq!(row(&s, "a-n.wait_hours").flips, Some(Flip::Alone));
    // A range for a sourced input adds it to the screening.
    req.ranges = vec![("n-b.hours".into(), 5.0, 15.0)];
    let s = sensitivity::screen(&net, &req).unwrap();
    assert!((row(&s, "n-b.hours").morris.mu_star - 10.0 / 24.0).abs() < 1e-9);
    assert!(!row(&s, "n-b.hours").input.estimate);
}

#[test]
fn routers_reused_from_point_to_point_answer_as_routers_built_anew() {
    let net = load::embedded().unwrap();
    let (from, to) = net.study.ends.clone().unwrap();
    for q in sensitivity::headline_questions(&net, &from, &to, None).unwrap() {
        let p = sensitivity::Prepared::new(&net, &q).unwrap();
        let mut routers = sensitivity::Routers::default();
        let mut n = net.clone();
        for (step, i) in [3usize, 40, 77, 101, 130].into_iter().enumerate() {
            let f = 0.4 + 0.5 * step as f64;
            let l = &mut n.links[i];
            l.wait_hours = l.wait_hours.map(|w| w * f + 1.0);
            l.usd_fixed *= f;
            if let Some(b) = l.border.as_mut() {
                b.hours = b.hours.map(|h| h * f);
            }
            let fresh = p.value(&n).unwrap();
            let reused = p.value_with(&n, &mut routers).unwrap();
            assert_eq!(
                fresh.to_bits(),
                reused.to_bits(),
                "{}: step {step}",
                q.title()
            );
        }
    }
}

#[test]
fn headline_questions_in_the_data_are_checked_where_they_are() {
    let base = std::fs::read_to_string(FIXTURE).unwrap();
    let with = |study: &str| {
        let text = base.replacen("[[family]]", &format!("{study}\n[[family]]"), 1);
        load::parse(&[load::SourceFile {
            name: "h.toml".into(),
            text,
        }])
    };
    let net = with("[network.study]\nfrom = \"a\"\nto = \"b\"\n[[network.study.headline]]\ncompare = [\"north\", \"south\"]\nquestion = \"Is north slower?\"\n").unwrap();
    let qs = sensitivity::headline_questions(&net, "a", "b", None).unwrap();
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].ask, Ask::Compare("north".into(), "south".into()));
    assert_eq!(qs[0].title(), "Is north slower?");
    let e = with("[network.study]\n[[network.study.headline]]\ncompare = [\"nort\", \"south\"]\nby = \"speed\"\n[[network.study.headline]]\ncompare = [\"north\", \"south\"]\neffect_of = \"x\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("no corridor family `nort`; did you mean north?"),
        "{e}"
    );
    assert!(e.contains("unknown measure `speed`"), "{e}");
    assert!(
        e.contains("gives one of `compare` (two families) and `effect_of`"),
        "{e}"
    );
}

#[test]
fn an_element_wait_in_the_assignment_is_screened_over_its_own_inputs() {
    let doc = Cmd::new()
        .args([
            "sensitivity",
            "--element",
            "aktau_alat_feeders",
            "--only",
            "aktau_alat_feeders.",
            "-r",
            "2",
            "--format",
            "json",
        ])
        .run()
        .json();
    let st = &doc["studies"][0];
    assert_eq!(st["unit"], "hours");
    let rows = st["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["record"] == "aktau_alat_feeders"),
        "{rows:?}"
    );
    // More hours between departures, a longer wait: the headway moves it, upward.
    let h = rows
        .iter()
        .find(|r| r["field"] == "headway_hours")
        .expect("the headway is an estimate");
    assert!(h["morris"]["mu"].as_f64().unwrap() > 0.0, "{h}");
}
