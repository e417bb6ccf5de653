//! The invariant of the data targets: a demand or observation file is refused with located
//! problems, or accepted with sane contents (finite volumes and ranges, no control or bidi
//! characters in what reaches a terminal or a table) and studies that run to finite answers; a
//! CSV the tool writes on an accepted input parses, each column holding what its name says
//! (`csv_out.rs`).

use corridor::load::{self, SourceFile};
use corridor::output::{self, Format};
use corridor::routing::{Constraints, Objective, Router};
use corridor::scenario::{self, Scenario, Selection};
use corridor::studies::{assign, compare, demand, observed, reliability, sweep};
use corridor::{Network, Query};

use super::case::{Case, Input};
use super::check::{check_error, violation, Tally, Violation};
use super::corpus::{Base, Corpus};
use super::csv_out::check_csv;
use super::rng::Rng;

const FORMATS: [Format; 4] = [Format::TABLE, Format::Json, Format::Csv, Format::Markdown];

/// A text the tool accepted must hold no control, bidi or non-character (`multi_line`: line
/// breaks and tabs allowed).
fn safe_text(what: &str, s: &str, multi_line: bool) -> Result<(), Violation> {
    match load::unsafe_char(s, multi_line) {
        None => Ok(()),
        Some(c) => Err(violation(
            "accepted-unsafe-text",
            what.to_string(),
            format!("U+{:04X} in {what}: {s:?}", c as u32),
        )),
    }
}

fn finite(what: &str, v: f64) -> Result<(), Violation> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(violation(
            "non-finite-answer",
            what.to_string(),
            format!("{what} = {v}"),
        ))
    }
}

/// A rejection of a pristine input is a failure; any other is checked for located problems.
fn rejected(
    e: corridor::Error,
    files: &[&SourceFile],
    case: &Case,
    tally: &mut Tally,
) -> Result<(), Violation> {
    if case.pristine {
        return Err(violation(
            "pristine-rejected",
            case.kind.clone(),
            e.to_string(),
        ));
    }
    tally.rejected += 1;
    check_error(e, files)
}

/// A demand case: refused with located problems, or accepted with sane flows whose assignment
/// keeps every TEU (routed plus unrouted is the demand) and prints in every format.
pub(super) fn execute_demand(corpus: &Corpus, case: &mut Case) -> Result<Tally, Violation> {
    let mut tally = Tally {
        cases: 1,
        ..Tally::default()
    };
    let Input::Demand { file, base } = &case.input else {
        return Ok(tally);
    };
    let net = corpus.base(*base);
    let d = match demand::parse(file, net) {
        Err(e) => {
            rejected(e, &[file], case, &mut tally)?;
            return Ok(tally);
        }
        Ok(d) => d,
    };
    tally.accepted += 1;
    safe_text("demand.name", &d.name, false)?;
    let mut total = 0.0;
    for f in &d.flows {
        if let Some(g) = &f.group {
            safe_text("flow.group", g, false)?;
        }
        if !(f.teu_per_year.is_finite() && f.teu_per_year >= 0.0)
            || f.from >= net.nodes.len()
            || f.to >= net.nodes.len()
        {
            return Err(violation("accepted-invalid", "flow", format!("{f:?}")));
        }
        total += f.teu_per_year;
    }
    // The shipped network's assignment takes milliseconds: one accepted case in eight runs it.
    if *base == Base::Eurasia && !(case.heavy && case.rng.chance(1, 8)) {
        return Ok(tally);
    }
    let opts = assign::Options {
        max_iterations: 40,
        ..Default::default()
    };
    let a = match assign::assign(net, &d, &opts) {
        Ok(a) => a,
        // Refused with a message (a year the network cannot answer, say): not a wrong answer.
        Err(e) if !e.to_string().trim().is_empty() => return Ok(tally),
        Err(e) => return Err(violation("assign-error", "empty message", format!("{e:?}"))),
    };
    tally.queries += 1;
    finite("routed_teu", a.routed_teu)?;
    finite("unrouted_teu", a.unrouted_teu)?;
    if a.routed_teu > 0.0 {
        finite("mean_days", a.mean_days)?;
    }
    let kept = a.routed_teu + a.unrouted_teu;
    if (kept - total).abs() > 1e-6 * total.max(1.0) {
        return Err(violation(
            "assign-loses-teu",
            "",
            format!(
                "demand {total} TEU, routed {} + unrouted {}",
                a.routed_teu, a.unrouted_teu
            ),
        ));
    }
    for e in &a.elements {
        for (what, v) in [
            ("load_teu", e.load_teu),
            ("hours", e.hours),
            ("utilisation", e.utilisation),
        ] {
            finite(what, v)?;
        }
    }
    for f in FORMATS {
        let text = output::assign::render(&a, f);
        if f == Format::Csv {
            check_csv("assign", &text)?;
        }
    }
    tally.found += 1;
    Ok(tally)
}

/// An observation case: refused with located problems, or accepted with sane observations
/// (finite ranges, low ≤ high, unique ids, safe text) compared with the model in finite ratios,
/// printed in every format.
pub(super) fn execute_observed(corpus: &Corpus, case: &mut Case) -> Result<Tally, Violation> {
    let mut tally = Tally {
        cases: 1,
        ..Tally::default()
    };
    let Input::Observed { files, .. } = &case.input else {
        return Ok(tally);
    };
    let net = &corpus.eurasia;
    let refs: Vec<&SourceFile> = files.iter().collect();
    let list = match observed::parse(files, net) {
        Err(e) => {
            rejected(e, &refs, case, &mut tally)?;
            return Ok(tally);
        }
        Ok(l) => l,
    };
    tally.accepted += 1;
    let mut ids = std::collections::HashSet::new();
    for o in &list {
        let sane = o.low.is_finite() && o.high.is_finite() && o.low <= o.high;
        if !sane || !ids.insert(o.id.clone()) {
            return Err(violation(
                "accepted-invalid",
                "observation",
                format!("{o:?}"),
            ));
        }
        safe_text("observation.id", &o.id, false)?;
        safe_text("observation.product", &o.product, true)?;
        safe_text("observation.source", &o.source, true)?;
    }
    // Volumes and throughputs need assignments (tens of milliseconds): one case in ten.
    let heavy = list.iter().any(|o| {
        matches!(
            o.kind,
            observed::Kind::VolumeTeu | observed::Kind::ThroughputTeu | observed::Kind::Share
        )
    });
    if heavy && !(case.heavy && case.rng.chance(1, 10)) {
        return Ok(tally);
    }
    let rows = match observed::compare(net, &list) {
        Ok(r) => r,
        Err(e) if !e.to_string().trim().is_empty() => return Ok(tally),
        Err(e) => {
            return Err(violation(
                "observed-error",
                "empty message",
                format!("{e:?}"),
            ))
        }
    };
    tally.queries += 1;
    for r in &rows {
        if let Some(m) = r.model {
            finite("model", m)?;
        }
        if let Some(x) = r.ratio {
            finite("ratio", x)?;
        }
    }
    for f in FORMATS {
        let text = output::observed::render(&rows, f);
        if f == Format::Csv {
            check_csv("observed", &text)?;
        }
    }
    tally.found += 1;
    Ok(tally)
}

/// A CSV case: the input (a scenario on its network, or a network with odd names) refused with
/// located problems, or every CSV output on it read back.
pub(super) fn execute_csv(corpus: &Corpus, case: &mut Case) -> Result<Tally, Violation> {
    let mut tally = Tally {
        cases: 1,
        ..Tally::default()
    };
    let (net, scenario, base) = match &case.input {
        Input::Network { files, .. } => {
            let refs: Vec<&SourceFile> = files.iter().collect();
            match load::parse(files) {
                Ok(n) => (n, None, None),
                Err(e) => {
                    rejected(e, &refs, case, &mut tally)?;
                    return Ok(tally);
                }
            }
        }
        Input::Scenario { file, base, then } => {
            let mut refs = vec![file];
            let parsed = Scenario::parse(file).and_then(|s| match then {
                None => Ok(s),
                Some(t) => {
                    refs.push(t);
                    Ok(Scenario::combine(vec![s, Scenario::parse(t)?]))
                }
            });
            let applied =
                parsed.and_then(|s| scenario::apply(corpus.base(*base), &s).map(|n| (n, s)));
            match applied {
                Ok((n, s)) => (n, Some(s), Some(corpus.base(*base))),
                Err(e) => {
                    rejected(e, &refs, case, &mut tally)?;
                    return Ok(tally);
                }
            }
        }
        _ => return Ok(tally),
    };
    tally.accepted += 1;
    let pair = if net.node_index("xian").is_some() {
        ("xian", "duisburg")
    } else {
        ("a", "q")
    };
    // On the shipped network in the debug suite, the cheap outputs only.
    let studies = case.heavy || pair.0 == "a";
    csv_outputs(
        &net,
        pair,
        scenario.zip(base).filter(|_| studies),
        studies,
        &mut case.rng,
        &mut tally,
    )?;
    Ok(tally)
}

/// Every CSV output on an accepted network: nodes, links and the route of `pair` always; two
/// of per corridor, Pareto, compare (against the base), reliability and sweep.
fn csv_outputs(
    net: &Network,
    pair: (&str, &str),
    scenario: Option<(Scenario, &Network)>,
    studies: bool,
    rng: &mut Rng,
    tally: &mut Tally,
) -> Result<(), Violation> {
    let all: Vec<usize> = (0..net.nodes.len()).collect();
    let counted = |what: &str, text: String, tally: &mut Tally| -> Result<(), Violation> {
        check_csv(what, &text)?;
        tally.found += 1;
        Ok(())
    };
    counted("nodes", output::nodes::nodes(net, &all, Format::Csv), tally)?;
    let links: Vec<usize> = (0..net.links.len()).collect();
    counted(
        "links",
        output::links::links(net, &links, Format::Csv),
        tally,
    )?;
    let (Some(a), Some(b)) = (net.node_index(pair.0), net.node_index(pair.1)) else {
        return Ok(());
    };
    let Ok(router) = Router::new(net) else {
        return Ok(());
    };
    let c = Constraints::defaults(net);
    let o = *rng.pick(&Objective::ALL);
    tally.queries += 1;
    if let Ok(corridor::routing::Outcome::Found(r)) = router.route(a, b, o, &c) {
        counted(
            "route",
            output::route::routes(net, &[r], Format::Csv),
            tally,
        )?;
    }
    let query = Query::new(pair.0, pair.1);
    for _ in 0..if studies { 2 } else { 0 } {
        tally.queries += 1;
        match rng.below(5) {
            0 => {
                if let Ok(p) = query.per_corridor(net) {
                    counted(
                        "corridors",
                        output::corridors::corridors(&p.network, &p.rows, Format::Csv),
                        tally,
                    )?;
                }
            }
            1 => {
                let eps = *rng.pick(&[0.0, 0.01]);
                if let Ok(front) = router.pareto(a, b, &[Objective::Time, Objective::Cost], &c, eps)
                {
                    counted(
                        "pareto",
                        output::pareto::pareto(net, &front, Format::Csv),
                        tally,
                    )?;
                }
            }
            2 => {
                let Some((s, base)) = &scenario else { continue };
                let req = compare::Request::study(query.clone(), base);
                let baseline = Scenario::parse(&SourceFile {
                    name: "baseline.toml".into(),
                    text: "[scenario]\nname = \"baseline\"\ndescription = \"as shipped\"\n".into(),
                });
                let Ok(baseline) = baseline else { continue };
                if let Ok(cmp) = compare::compare(base, vec![baseline, s.clone()], &req) {
                    counted("compare", output::compare::render(&cmp, Format::Csv), tally)?;
                }
            }
            3 => {
                let opts = reliability::Options {
                    samples: 200,
                    seed: rng.next_u64(),
                    ..Default::default()
                };
                if let Ok(rel) = query.reliability(net, 0, 0.5, &opts) {
                    if let Ok(study) = &rel.study {
                        counted(
                            "reliability",
                            output::reliability::reliability(study, &rel.missing, Format::Csv),
                            tally,
                        )?;
                    }
                }
            }
            _ => {
                if net.links.is_empty() {
                    continue;
                }
                let link = &net.links[rng.below(net.links.len())].id;
                let Ok(select) = Selection::parse_criteria(&[format!("links={link}")]) else {
                    continue;
                };
                let req = sweep::Request {
                    from: a,
                    to: b,
                    objective: Objective::Time,
                    field: "wait_hours".into(),
                    select,
                    set: true,
                    lo: 0.0,
                    hi: *rng.pick(&[10.0, 480.0, 1e6]),
                    steps: 4,
                    tolerance: 0.5,
                    constraints: c.clone(),
                    progress: Default::default(),
                };
                if let Ok(s) = sweep::sweep(net, &req) {
                    counted("sweep", output::sweep::render(&s, Format::Csv), tally)?;
                }
            }
        }
    }
    Ok(())
}
