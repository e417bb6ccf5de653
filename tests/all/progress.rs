//! The work the library counts for a progress display (`corridor::progress::Progress`): a load
//! counts both passes over every byte, a sweep every route it computes, a reliability study or a
//! comparison every sample, an assignment every iteration, a skim every search; each count reaches the total it
//! announced (the drawing itself is the command line's, and only on a terminal).

use std::path::Path;

use corridor::load;
use corridor::progress::Progress;
use corridor::routing::{Constraints, Objective};
use corridor::scenario::{self, Selection};
use corridor::studies::{assign, compare, demand, reliability, sweep};
use corridor::Query;

use crate::support::net::Net;

#[test]
fn a_load_counts_every_byte_twice() {
    let mut net = Net::new("line");
    for i in 0..200 {
        net = net.node(&format!("n{i}"), "KZ", 40.0, 60.0 + 0.01 * i as f64);
    }
    for i in 1..200 {
        net = net
            .link(
                &format!("l{i}"),
                &format!("n{}", i - 1),
                &format!("n{i}"),
                "road",
            )
            .sourced("km", 10)
            .sourced("hours", 1)
            .sourced("usd_per_km", 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.toml");
    std::fs::write(&path, net.build()).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    let p = Progress::counting();
    let loaded = load::load_with_progress(&path, &p).unwrap();
    assert_eq!(loaded.nodes.len(), 200);
    assert_eq!((p.done(), p.total()), (2 * bytes, 2 * bytes));
    // A folder of files counts them all.
    std::fs::write(dir.path().join("extra.toml"), "# nothing but a comment\n").unwrap();
    let p = Progress::counting();
    load::load_with_progress(dir.path(), &p).unwrap();
    let all = bytes + "# nothing but a comment\n".len() as u64;
    assert_eq!((p.done(), p.total()), (2 * all, 2 * all));
}

#[test]
fn a_sweep_counts_its_grid_and_each_refinement() {
    // The tiny network's road leaves the fastest route once its border takes 67 h: one switch.
    let net = load::load(Path::new("tests/fixtures/tiny.toml")).unwrap();
    let p = Progress::counting();
    let (steps, tolerance) = (7, 0.001);
    let s = sweep::sweep(
        &net,
        &sweep::Request {
            from: 0,
            to: 3,
            objective: Objective::Time,
            field: "border.hours".into(),
            select: Selection::parse_criteria(&["mode=road".into()]).unwrap(),
            set: true,
            lo: 0.0,
            hi: 100.0,
            steps,
            tolerance,
            constraints: Constraints::defaults(&net),
            progress: p.clone(),
        },
    )
    .unwrap();
    assert_eq!(s.switches.len(), 1);
    // The grid's 8 routes, then the bracket of 100/7 halved down to 0.001: 14 routes.
    let halvings = ((100.0 / 7.0) / tolerance).log2().ceil() as u64;
    assert_eq!(halvings, 14);
    assert_eq!((p.done(), p.total()), (8 + halvings, 8 + halvings));
}

#[test]
fn a_reliability_study_and_a_comparison_count_every_sample() {
    let net = load::embedded().unwrap();
    let p = Progress::counting();
    let opts = reliability::Options {
        samples: 3_000,
        progress: p.clone(),
        ..Default::default()
    };
    let r = Query::new("xian", "duisburg")
        .reliability(&net, 1, 0.5, &opts)
        .unwrap();
    assert!(r.study.is_ok());
    assert_eq!((p.done(), p.total()), (3_000, 3_000));

    // A comparison announces every scenario's samples before the first is drawn.
    let p = Progress::counting();
    let scenarios: Vec<_> = ["baseline", "zangazur-open", "red-sea-closed"]
        .iter()
        .map(|n| scenario::resolve(n).unwrap())
        .collect();
    let req = compare::Request {
        reliability: Some(reliability::Options {
            samples: 1_000,
            progress: p.clone(),
            ..Default::default()
        }),
        ..compare::Request::study(Query::new("xian", "duisburg"), &net)
    };
    compare::compare(&net, scenarios, &req).unwrap();
    assert_eq!((p.done(), p.total()), (3_000, 3_000));
}

#[test]
fn an_assignment_counts_its_iterations() {
    let net = load::embedded().unwrap();
    let d = demand::resolve("2030", &net).unwrap();
    let p = Progress::counting();
    let a = assign::assign(
        &net,
        &d,
        &assign::Options {
            progress: p.clone(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(a.iterations > 1);
    assert_eq!(p.done(), a.iterations as u64);
}

#[test]
fn a_skim_counts_one_search_per_origin_and_objective() {
    use corridor::studies::skim::{skim, Places, Request};
    let net = load::embedded().unwrap();
    let p = Progress::counting();
    let mut req = Request::new(Places::Required);
    req.objectives = vec![Objective::Time, Objective::Cost, Objective::Co2];
    req.progress = p.clone();
    let s = skim(&net, &req).unwrap();
    assert_eq!(s.places.len(), 33);
    assert_eq!((p.done(), p.total()), (33 * 3, 33 * 3));
}
