//! Monte Carlo reliability against closed forms, on the hand-computed fixture
//! `tests/fixtures/reliability.toml` (see its header), and its determinism.

use corridor::load::{self, SourceFile};
use corridor::network::distribution::{Distribution, Purpose, Stream};
use corridor::network::{Component, Part};
use corridor::routing::{Constraints, Metrics, Objective, Outcome, Route, Router, Step, StepKind};
use corridor::studies::reliability::{self, Candidate, Options, Study};
use corridor::Network;

fn net() -> Network {
    load::load(std::path::Path::new("tests/fixtures/reliability.toml")).unwrap()
}

fn routes(net: &Network) -> (Route, Route) {
    let r = Router::new(net).unwrap();
    let c = Constraints::defaults(net);
    let (a, b) = (net.find("a").unwrap(), net.find("b").unwrap());
    let alts = r.alternatives(a, b, Objective::Time, &c, 2, 1.0).unwrap();
    assert_eq!(alts.len(), 2, "two routes from a to b");
    let _ = Outcome::Found(alts[0].clone());
    (alts[0].clone(), alts[1].clone())
}

fn candidates(rs: &[Route]) -> Vec<Candidate> {
    rs.iter()
        .enumerate()
        .map(|(i, r)| Candidate {
            label: format!("route {i}"),
            family: None,
            route: r.clone(),
        })
        .collect()
}

fn opts(samples: usize, seed: u64) -> Options {
    Options {
        samples,
        seed,
        ..Options::default()
    }
}

#[test]
fn fixture_routes_have_the_hand_computed_fixed_totals() {
    let net = net();
    let (fast, slow) = routes(&net);
    assert_eq!(fast.nodes, ["a", "m", "b"]);
    assert!(
        (fast.total.hours - 70.0).abs() < 1e-9,
        "{}",
        fast.total.hours
    );
    assert!(
        (slow.total.hours - 110.0).abs() < 1e-9,
        "{}",
        slow.total.hours
    );
}

#[test]
fn degenerate_distributions_give_the_fixed_total_at_every_percentile() {
    let mut net = net();
    for v in &mut net.variability {
        let loaded = match &v.applies[0] {
            Component::Link { loaded, .. } => loaded[0],
            Component::Transfer { loaded, .. } => *loaded,
        };
        v.distribution = v
            .distribution
            .as_ref()
            .map(|_| Distribution::Fixed { value: loaded });
        v.shock = None;
    }
    let (fast, slow) = routes(&net);
    let s = reliability::study(&net, &candidates(&[fast.clone(), slow]), &opts(1000, 3)).unwrap();
    let r = &s.routes[0];
    for p in [r.p10_days, r.p50_days, r.p90_days, r.p95_days, r.mean_days] {
        assert!(
            (p - fast.total.days()).abs() < 1e-9,
            "{p} vs {}",
            fast.total.days()
        );
    }
    assert!(r.spread_from.is_empty());
}

#[test]
fn mean_and_variance_match_the_closed_forms() {
    let net = net();
    let (fast, slow) = routes(&net);
    // Closed forms of the profile: 70 + 2 h, 16 + 1200/18 + 12 h².
    let p = reliability::profile(&net, &fast);
    assert!(
        (p.fixed_hours - 20.0).abs() < 1e-9,
        "running time only: {p:?}"
    );
    assert!((reliability::mean_hours(&net, &p, None) - 72.0).abs() < 1e-9);
    let var: f64 = reliability::variance_by_record(&net, &p, None)
        .iter()
        .map(|(_, v)| v)
        .sum();
    assert!((var - (16.0 + 1200.0 / 18.0 + 12.0)).abs() < 1e-9, "{var}");
    // The sampler, at a fixed seed, within four standard errors.
    let n = 200_000;
    let s = reliability::study(&net, &candidates(&[fast, slow]), &opts(n, 11)).unwrap();
    let mean_h = s.routes[0].mean_days * 24.0;
    let se = (var / n as f64).sqrt();
    assert!((mean_h - 72.0).abs() < 4.0 * se, "mean {mean_h} h, se {se}");
    // The variance from the percentiles' spread: for this near-normal sum, P90 − P10 ≈ 2·1.2816·σ.
    let spread_h = (s.routes[0].p90_days - s.routes[0].p10_days) * 24.0;
    let sigma = var.sqrt();
    assert!(
        (spread_h / (2.0 * 1.2816 * sigma) - 1.0).abs() < 0.05,
        "P90 − P10 = {spread_h} h against σ = {sigma}"
    );
    // The slow route has nothing random.
    assert_eq!(s.routes[1].p10_days, s.routes[1].p90_days);
}

#[test]
fn a_shock_shifts_the_mean_by_p_times_its_delay_in_its_months_only() {
    let mut net = net();
    let storm = net
        .variability
        .iter()
        .position(|v| v.id == "mb-storm")
        .unwrap();
    let (fast, slow) = routes(&net);
    let n = 100_000;
    let with = reliability::study(
        &net,
        &candidates(&[fast.clone(), slow.clone()]),
        &opts(n, 5),
    )
    .unwrap();
    net.variability[storm].shock.as_mut().unwrap().p = 0.0;
    let without = reliability::study(
        &net,
        &candidates(&[fast.clone(), slow.clone()]),
        &opts(n, 5),
    )
    .unwrap();
    // The same draws elsewhere (the shock consumes its numbers either way): the shift is the
    // shock's own sample mean, close to 0.25 × 8 h.
    let shift = (with.routes[0].mean_days - without.routes[0].mean_days) * 24.0;
    let se = (12.0 / n as f64).sqrt();
    assert!((shift - 2.0).abs() < 4.0 * se, "shift {shift} h");
    // Seasonal: a winter-only shock does nothing in July and applies fully in December.
    net.variability[storm].shock.as_mut().unwrap().p = 0.25;
    net.variability[storm].shock.as_mut().unwrap().months = vec![12, 1];
    let at = |m: u8| {
        let o = Options {
            month: Some(m),
            ..opts(n, 5)
        };
        reliability::study(&net, &candidates(&[fast.clone(), slow.clone()]), &o).unwrap()
    };
    assert_eq!(at(7).routes[0].mean_days, without.routes[0].mean_days);
    assert_eq!(at(12).routes[0].mean_days, with.routes[0].mean_days);
}

#[test]
fn p_fastest_sums_to_one_and_common_draws_make_a_dominated_route_never_win() {
    let net = net();
    let (fast, slow) = routes(&net);
    // The fast route plus one fixed hour: worse in every draw, but only if both see the same
    // draws (with independent draws it would win about half the time).
    let mut worse = fast.clone();
    worse.steps.push(Step {
        kind: StepKind::Transfer,
        metrics: Metrics {
            hours: 1.0,
            ..fast.steps[0].metrics
        },
        transfer: None,
        link: None,
        ..fast.steps[0].clone()
    });
    worse.total.hours += 1.0;
    let s = reliability::study(
        &net,
        &candidates(&[worse, fast, slow]),
        &Options {
            within_days: Some(3.0),
            ..opts(50_000, 2)
        },
    )
    .unwrap();
    let total: f64 = s.routes.iter().map(|r| r.p_fastest).sum();
    assert!((total - 1.0).abs() < 1e-12, "{total}");
    assert_eq!(s.routes[0].p_fastest, 0.0, "the dominated route never wins");
    assert!(s.routes[1].p_fastest > 0.99);
    // P(within 3 d = 72 h): the fast route's sum is near-normal around 72 h.
    let w = s.routes[1].p_within.unwrap();
    assert!((0.4..0.6).contains(&w), "{w}");
    assert!(s.routes[0].p_within.unwrap() < w);
    assert_eq!(
        s.routes[2].p_within,
        Some(0.0),
        "the 110 h road never arrives in 72 h"
    );
}

#[test]
fn a_scenario_that_halves_a_dwell_halves_its_spread() {
    let mut net = net();
    let mb = net.links.iter().position(|l| l.id == "mb").unwrap();
    net.links[mb].border.as_mut().unwrap().hours = [15.0, 15.0];
    let (fast, _) = routes(&net);
    let p = reliability::profile(&net, &fast);
    let border = net
        .variability
        .iter()
        .position(|v| v.id == "mb-border")
        .unwrap();
    let a = p.draws.iter().find(|(r, _)| *r == border).unwrap().1;
    assert!((a - 0.5).abs() < 1e-12, "coefficient {a}");
    assert!((reliability::mean_hours(&net, &p, None) - (72.0 - 15.0)).abs() < 1e-9);
}

fn study_json(s: &Study) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn same_seed_same_bytes_on_one_thread_and_many() {
    let net = net();
    let (fast, slow) = routes(&net);
    let c = candidates(&[fast, slow]);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| reliability::study(&net, &c, &opts(30_000, 9)).unwrap())
    };
    let one = study_json(&run(1));
    assert_eq!(one, study_json(&run(4)));
    assert_eq!(one, study_json(&run(3)));
    assert_ne!(
        one,
        study_json(&reliability::study(&net, &c, &opts(30_000, 10)).unwrap()),
        "another seed draws other numbers"
    );
}

/// Sample `i`'s hours of a route, one sample at a time from the public pieces, the way the
/// sampler before blocks added them: the profile's coefficients times each record's draw, then,
/// once, each record's shock and an added delay's draw.
fn reference_hours(
    net: &Network,
    p: &reliability::Profile,
    seed: u64,
    month: Option<u8>,
    i: u64,
) -> f64 {
    let draw = |r: usize| {
        let d = net.variability[r].distribution.as_ref();
        d.map_or(0.0, |d| d.draw_at(&Stream::new(seed, r, Purpose::Draw), i))
    };
    let mut h = p.fixed_hours;
    for &(r, a) in &p.draws {
        h += a * draw(r);
    }
    for &r in &p.once {
        let v = &net.variability[r];
        if let Some(s) = &v.shock {
            let (a, b) = (
                Stream::new(seed, r, Purpose::Strike),
                Stream::new(seed, r, Purpose::Delay),
            );
            h += s
                .strike_at(s.probability(month), [&a, &b], i)
                .unwrap_or(0.0);
        }
        let delay = v.applies.iter().any(|c| {
            matches!(
                c,
                Component::Link {
                    part: Part::Delay,
                    ..
                }
            )
        });
        if delay {
            h += draw(r);
        }
    }
    h
}

/// The study against every sample computed alone and sorted: mean, the 99 percentiles, the
/// fastest shares and P(within), on the fixture and on the shipped default study.
fn agrees_with_the_reference(net: &Network, c: &[Candidate], o: &Options) {
    let s = reliability::study(net, c, o).unwrap();
    let n = o.samples;
    let days: Vec<Vec<f64>> = c
        .iter()
        .map(|c| {
            let p = reliability::profile(net, &c.route);
            (0..n as u64)
                .map(|i| reference_hours(net, &p, o.seed, o.month, i) / 24.0)
                .collect()
        })
        .collect();
    // The fastest route of each sample (the first on a tie).
    let mut wins = vec![0usize; c.len()];
    (0..n).for_each(|i| {
        let best = (0..c.len())
            .reduce(|b, j| if days[j][i] < days[b][i] { j } else { b })
            .unwrap();
        wins[best] += 1;
    });
    for (j, r) in s.routes.iter().enumerate() {
        let mut sorted = days[j].clone();
        let mean = sorted.iter().sum::<f64>() / n as f64;
        assert!(
            (r.mean_days / mean - 1.0).abs() < 1e-12,
            "{}: mean",
            r.label
        );
        sorted.sort_by(f64::total_cmp);
        for (q, got) in (1..100).zip(&r.cdf) {
            let want = sorted[((q as f64 / 100.0 * n as f64).ceil() as usize).max(1) - 1];
            assert!(
                (got - want).abs() < 1e-9,
                "{}: P{q} {got} vs {want}",
                r.label
            );
        }
        assert_eq!(r.p90_days, r.cdf[89]);
        assert_eq!(r.p_fastest, wins[j] as f64 / n as f64, "{}", r.label);
        let within = o
            .within_days
            .map(|d| days[j].iter().filter(|&&x| x <= d).count() as f64 / n as f64);
        assert_eq!(r.p_within, within, "{}", r.label);
    }
}

#[test]
fn the_block_sampler_equals_each_sample_computed_alone() {
    let net = net();
    let (fast, slow) = routes(&net);
    let o = Options {
        within_days: Some(3.0),
        month: Some(12),
        ..opts(9_001, 13)
    };
    agrees_with_the_reference(&net, &candidates(&[fast, slow]), &o);
    let shipped = load::embedded().unwrap();
    let r = corridor::Query::new("xian", "duisburg")
        .reliability(&shipped, 0, 0.5, &opts(10, 1))
        .unwrap();
    let o = Options {
        within_days: Some(14.0),
        ..opts(6_007, 2)
    };
    agrees_with_the_reference(&r.network, &r.candidates, &o);
}

#[test]
fn the_sea_route_has_its_lateness_closed_form_mean_and_p90() {
    // Sea via Suez varies only by the North Europe lateness shock: with probability p an
    // exponential delay of mean m, once. So its mean is fixed + p·m, and its P90 is fixed + x
    // with p·e^(−x/m) = 0.1 (nearest rank, within sampling error: √(0.09/N) / f(x)).
    let net = load::embedded().unwrap();
    let rec = net
        .variability
        .iter()
        .find(|v| v.id == "sea-lateness-north-europe")
        .unwrap();
    let shock = rec.shock.as_ref().unwrap();
    let Distribution::Exponential { mean: m } = shock.delay else {
        panic!("{:?}", shock.delay)
    };
    let p = shock.probability(None);
    let n = 100_000;
    let r = corridor::Query::new("xian", "duisburg")
        .reliability(&net, 0, 0.5, &opts(n, 3))
        .unwrap();
    let s = r.study.unwrap();
    let j = s
        .routes
        .iter()
        .position(|x| x.family.as_deref() == Some("sea-suez"))
        .unwrap();
    let fixed = reliability::profile(&r.network, &r.candidates[j].route).fixed_hours;
    let var = p * 2.0 * m * m - (p * m).powi(2);
    let mean_h = s.routes[j].mean_days * 24.0;
    assert!(
        (mean_h - (fixed + p * m)).abs() < 4.5 * (var / n as f64).sqrt(),
        "mean {mean_h} h against {}",
        fixed + p * m
    );
    let x = m * (p / 0.1).ln();
    let se = (0.09 / n as f64).sqrt() / (0.1 / m);
    let p90_h = s.routes[j].p90_days * 24.0;
    assert!(
        (p90_h - (fixed + x)).abs() < 4.5 * se,
        "P90 {p90_h} h against {}",
        fixed + x
    );
    // The samples the shock misses (1 − p of them) sit at the fixed total: the percentiles
    // below 1 − p are it, exactly; those above, later.
    let below = ((1.0 - p) * 100.0).floor() as usize - 1;
    assert_eq!(s.routes[j].cdf[below], fixed / 24.0);
    assert!(s.routes[j].cdf[below + 2] > fixed / 24.0);
}

#[test]
fn bad_options_are_refused() {
    let net = net();
    let (fast, _) = routes(&net);
    let c = candidates(&[fast]);
    for o in [
        opts(0, 1),
        Options {
            month: Some(13),
            ..opts(10, 1)
        },
        Options {
            within_days: Some(f64::NAN),
            ..opts(10, 1)
        },
    ] {
        assert!(reliability::study(&net, &c, &o).is_err(), "{o:?}");
    }
    assert!(reliability::study(&net, &[], &opts(10, 1)).is_err());
}

fn load_with(record: &str) -> String {
    let base = std::fs::read_to_string("tests/fixtures/reliability.toml").unwrap();
    let files = vec![
        SourceFile {
            name: "base.toml".into(),
            text: base,
        },
        SourceFile {
            name: "extra.toml".into(),
            text: record.into(),
        },
    ];
    match load::parse(&files) {
        Ok(_) => "ok".into(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_records_name_file_line_and_field() {
    let cases = [
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"wiat\" }]\ndistribution = { kind = \"fixed\", value = 1.0 }\nsource = { distribution = \"t\" }\n",
            "unknown part `wiat`",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"nope\", part = \"run\" }]\ndistribution = { kind = \"fixed\", value = 1.0 }\nsource = { distribution = \"t\" }\n",
            "no link `nope`",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"wait\" }]\ndistribution = { kind = \"fixed\", value = 1.0 }\nsource = { distribution = \"t\" }\n",
            "no wait hours to vary",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"am\", part = \"wait\" }]\ndistribution = { kind = \"fixed\", value = 1.0 }\nsource = { distribution = \"t\" }\n",
            "already drawn by `am-wait`",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"run\" }]\ndistribution = { kind = \"lognormal\", median = 30.0, p90 = 10.0 }\nsource = { distribution = \"t\" }\n",
            "p90 10 a finite number ≥ the median",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"run\" }]\ndistribution = { kind = \"lognormal\", median = 30.0 }\nsource = { distribution = \"t\" }\n",
            "needs median, p90",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"run\" }]\ndistribution = { kind = \"gamma\", mean = 3.0 }\nsource = { distribution = \"t\" }\n",
            "unknown distribution `gamma`",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"run\" }, { link = \"ab\", part = \"delay\" }]\ndistribution = { kind = \"fixed\", value = 1.0 }\nsource = { distribution = \"t\" }\n",
            "mixes `delay` parts",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"run\" }]\ndistribution = { kind = \"fixed\", value = 1.0 }\n",
            "has no source",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"delay\" }]\nshock = { p = 1.5, delay = { kind = \"fixed\", value = 1.0 } }\nsource = { shock = \"t\" }\n",
            "must be a probability",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"delay\" }]\nshock = { p = 0.5, months = [13], delay = { kind = \"fixed\", value = 1.0 } }\nsource = { shock = \"t\" }\n",
            "months are distinct numbers 1–12",
        ),
        (
            "[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ node = \"a\", transfer = \"gauge\" }]\ndistribution = { kind = \"fixed\", value = 1.0 }\nsource = { distribution = \"t\" }\n",
            "node `a` has no gauge facility",
        ),
    ];
    for (record, want) in cases {
        let got = load_with(record);
        assert!(got.contains(want), "{want}: got {got}");
        assert!(got.contains("extra.toml:"), "names the file: {got}");
        assert!(got.contains("variability."), "names the field: {got}");
    }
    assert_eq!(
        load_with("[[variability]]\nid = \"x\"\nname = \"X\"\napplies = [{ link = \"ab\", part = \"run\" }]\ndistribution = { kind = \"uniform\", min = 90.0, max = 120.0 }\nsource = { distribution = \"t\" }\n"),
        "ok"
    );
}

#[test]
fn shipped_study_samples_every_corridor_with_its_own_bottlenecks() {
    let net = load::embedded().unwrap();
    assert!(
        net.variability.len() >= 8,
        "the shipped bottlenecks have records"
    );
    let q = corridor::Query::new("xian", "duisburg");
    let r = q.reliability(&net, 0, 0.5, &opts(20_000, 1)).unwrap();
    let s = r.study.unwrap();
    let by = |f: &str| {
        s.routes
            .iter()
            .find(|x| x.family.as_deref() == Some(f))
            .unwrap_or_else(|| panic!("{f} has a route"))
    };
    for x in &s.routes {
        assert!(x.p10_days <= x.p50_days && x.p50_days <= x.p90_days && x.p90_days <= x.p95_days);
        assert!(
            x.p90_days > x.fixed_days,
            "{}: every corridor has a random bottleneck",
            x.label
        );
    }
    let spread =
        |f: &str| -> Vec<String> { by(f).spread_from.iter().map(|c| c.id.clone()).collect() };
    assert!(spread("middle-turkiye").contains(&"caspian-crossing".to_string()));
    assert!(spread("northern").contains(&"brest-malaszewicze-border".to_string()));
    assert_eq!(spread("sea-suez"), ["sea-lateness-north-europe"]);
    assert!(!spread("northern").contains(&"caspian-crossing".to_string()));
    let total: f64 = s.routes.iter().map(|x| x.p_fastest).sum();
    assert!((total - 1.0).abs() < 1e-12);
    assert_eq!(
        r.missing.len(),
        1,
        "only Zangazur, not open in the data year: {:?}",
        r.missing
    );
}
