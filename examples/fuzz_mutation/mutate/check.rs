//! The invariant: what a case must do when run through the library (a located rejection, or
//! finite routes on what was accepted), checked case by case, with the tally of what happened.

use corridor::load::{self, SourceFile};
use corridor::output::{self, Format};
use corridor::routing::{Constraints, Objective, Outcome, Route, Router};
use corridor::scenario::{self, Scenario};
use corridor::{Error, Network, Problem};

use super::case::{Case, Input};
use super::corpus::{Base, Corpus, Target};
use super::rng::Rng;

/// What a case did, when it kept the invariant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cases run.
    pub cases: u64,
    /// Inputs rejected with located problems.
    pub rejected: u64,
    /// Inputs accepted (networks loaded, scenarios applied).
    pub accepted: u64,
    /// Route queries made.
    pub queries: u64,
    /// Routes found (and checked).
    pub found: u64,
}

impl Tally {
    /// Adds another tally.
    pub fn add(&mut self, o: &Tally) {
        self.cases += o.cases;
        self.rejected += o.rejected;
        self.accepted += o.accepted;
        self.queries += o.queries;
        self.found += o.found;
    }
}

/// A broken invariant.
#[derive(Debug, Clone)]
pub struct Violation {
    /// `panic`, `hang`, `memory`, `non-finite-route`, `problem-without-line`…
    pub class: String,
    /// What distinguishes this defect from others of the class (the panic's location, the
    /// field…): failures with the same class and signature are one finding.
    pub signature: String,
    /// The details.
    pub detail: String,
}

pub(super) fn violation(
    class: &str,
    signature: impl Into<String>,
    detail: impl Into<String>,
) -> Violation {
    Violation {
        class: class.into(),
        signature: signature.into(),
        detail: detail.into(),
    }
}

/// A failed case, with what is needed to reproduce and read it.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Target.
    pub target: Target,
    /// Seed.
    pub seed: u64,
    /// The broken invariant.
    pub violation: Violation,
    /// [`Case::describe`].
    pub case: String,
}

impl Failure {
    /// `target class: signature`, the key findings are grouped by.
    pub fn key(&self) -> String {
        format!(
            "{} {}: {}",
            self.target.as_str(),
            self.violation.class,
            self.violation.signature
        )
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} seed={} {}: {}\n    case: {}",
            self.target.as_str(),
            self.seed,
            self.key(),
            self.violation.detail,
            self.case
        )
    }
}

/// Checks the problems of a rejected input.
pub fn check_problems(problems: &[Problem], files: &[&SourceFile]) -> Result<(), Violation> {
    if problems.is_empty() {
        return Err(violation(
            "empty-problems",
            "",
            "an error with no problem in it",
        ));
    }
    // Each file's line count once: a rejection may list thousands of problems.
    let counts: Vec<usize> = files
        .iter()
        .map(|f| f.text.matches('\n').count() + 1)
        .collect();
    for p in problems {
        let Some(at) = files.iter().position(|f| f.name == p.file) else {
            return Err(violation(
                "problem-names-unknown-file",
                p.field.clone(),
                format!("{p:?}"),
            ));
        };
        let (f, lines) = (files[at], counts[at]);
        // A GeoJSON file's problems name the feature and property (`features[12].properties.km`)
        // in place of a line.
        let by_feature = f.name.to_ascii_lowercase().ends_with(".geojson");
        if p.line == 0 && p.field != "network" && !by_feature {
            return Err(violation(
                "problem-without-line",
                p.field.clone(),
                p.to_string(),
            ));
        }
        if p.line > lines {
            return Err(violation(
                "problem-line-out-of-range",
                p.field.clone(),
                format!("line {} of a {lines}-line file: {p}", p.line),
            ));
        }
        if p.field.trim().is_empty() {
            return Err(violation("problem-without-field", "", p.to_string()));
        }
        if p.message.trim().is_empty() {
            return Err(violation(
                "problem-without-message",
                p.field.clone(),
                p.to_string(),
            ));
        }
    }
    Ok(())
}

/// Checks an error from loading or applying: a network or scenario error whose problems are all
/// located in the given files.
pub fn check_error(e: Error, files: &[&SourceFile]) -> Result<(), Violation> {
    match e {
        Error::InvalidNetwork { problems }
        | Error::InvalidScenario { problems }
        | Error::InvalidDemand { problems }
        | Error::InvalidObservations { problems } => check_problems(&problems, files),
        // With no file at all there is no file or line to name: the error says so.
        Error::InvalidArgument(m) if files.is_empty() && m.contains("no network files") => Ok(()),
        other => Err(violation(
            "unlocated-error",
            format!("{other:?}")
                .split(['(', ' ', '{'])
                .next()
                .unwrap_or("")
                .to_string(),
            other.to_string(),
        )),
    }
}

/// A number for messages: exponent form when huge or tiny.
fn num(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Checks a found route: finite, non-negative totals and steps, the asked endpoints.
pub fn check_route(net: &Network, r: &Route, from: usize, to: usize) -> Result<(), Violation> {
    let t = &r.total;
    let bad: Vec<&str> = [
        ("km", t.km),
        ("hours", t.hours),
        ("days", t.days()),
        ("usd", t.usd),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_finite())
    .map(|(n, _)| n)
    .collect();
    let step = r.steps.iter().find(|s| {
        !(s.metrics.km.is_finite() && s.metrics.hours.is_finite() && s.metrics.usd.is_finite())
    });
    if !bad.is_empty() || step.is_some() {
        return Err(violation(
            "non-finite-route",
            // Grouped by where the first non-finite value sits: the step kind and its measure
            // (or finite steps whose sum overflows).
            match step {
                Some(s) => {
                    let what: Vec<&str> = [
                        ("km", s.metrics.km),
                        ("hours", s.metrics.hours),
                        ("usd", s.metrics.usd),
                    ]
                    .into_iter()
                    .filter(|(_, v)| !v.is_finite())
                    .map(|(n, v)| if v.is_nan() { "NaN" } else { n })
                    .collect();
                    format!("{} step {}", s.kind.as_str(), what.join(","))
                }
                None => format!("finite steps, total {} overflows", bad.join(",")),
            },
            format!(
                "{} route {}→{} found with total km={} hours={} usd={}{}",
                r.objective,
                r.from,
                r.to,
                num(t.km),
                num(t.hours),
                num(t.usd),
                step.map(|s| format!(
                    "; step {} {:?} km={} hours={} usd={}",
                    s.kind.as_str(),
                    s.link,
                    num(s.metrics.km),
                    num(s.metrics.hours),
                    num(s.metrics.usd)
                ))
                .unwrap_or_default()
            ),
        ));
    }
    let neg = [t.km, t.hours, t.usd].iter().any(|v| *v < 0.0)
        || r.steps
            .iter()
            .any(|s| s.metrics.km < 0.0 || s.metrics.hours < 0.0 || s.metrics.usd < 0.0);
    if neg {
        return Err(violation(
            "negative-route",
            r.objective.to_string(),
            format!(
                "total km={} hours={} usd={}",
                num(t.km),
                num(t.hours),
                num(t.usd)
            ),
        ));
    }
    if r.from != net.nodes[from].id || r.to != net.nodes[to].id {
        return Err(violation(
            "route-endpoints",
            "",
            format!(
                "asked {}→{}, got {}→{}",
                net.nodes[from].id, net.nodes[to].id, r.from, r.to
            ),
        ));
    }
    Ok(())
}

/// Routes a few pairs on an accepted network (`main`: the ids of one pair routed for every
/// objective; the others are drawn from `rng`), with constraints varied by `rng`, and checks
/// every found route.
pub fn check_routing(
    net: &Network,
    rng: &mut Rng,
    main: (&str, &str),
    year: Option<i32>,
    tally: &mut Tally,
) -> Result<(), Violation> {
    let n = net.nodes.len();
    if n < 2 {
        return Ok(());
    }
    // A network the loader or a scenario accepted must have weights the router accepts.
    let router = match Router::new(net) {
        Ok(r) => r,
        Err(e) => return Err(violation("router-refused", "weights", e.to_string())),
    };
    // The main pair under the network's defaults (and the scenario's year), for every
    // objective; two random pairs under randomly varied constraints.
    let mut plain = Constraints::defaults(net);
    if let Some(y) = year {
        plain.year = y;
    }
    let mut c = plain.clone();
    if rng.chance(1, 4) {
        c.year = *rng.pick(&[
            1800,
            2000,
            2025,
            2026,
            2028,
            2030,
            2035,
            2100,
            i32::MAX,
            i32::MIN,
        ]);
    }
    if rng.chance(1, 6) {
        let cs = net.countries();
        if !cs.is_empty() {
            c.avoid_countries.insert(rng.pick(&cs).clone());
        }
    }
    if rng.chance(1, 8) {
        let all: Vec<_> = c.modes.iter().copied().collect();
        c.modes.remove(rng.pick(&all));
    }
    if rng.chance(1, 8) {
        c.value_of_time = *rng.pick(&[0.0, 1.0, 100.0, 10_000.0]);
    }
    let mut pairs = Vec::new();
    if let (Some(a), Some(b)) = (net.node_index(main.0), net.node_index(main.1)) {
        for o in Objective::ALL {
            pairs.push((a, b, o, &plain));
        }
    }
    for _ in 0..2 {
        pairs.push((rng.below(n), rng.below(n), *rng.pick(&Objective::ALL), &c));
    }
    for (a, b, o, c) in pairs {
        tally.queries += 1;
        match router.route(a, b, o, c) {
            Ok(Outcome::Found(r)) => {
                tally.found += 1;
                check_route(net, &r, a, b)?;
                if rng.chance(1, 6) {
                    let f = *rng.pick(&[
                        Format::TABLE,
                        Format::Table { width: Some(60) },
                        Format::Json,
                        Format::Csv,
                        Format::Markdown,
                    ]);
                    let _ = output::route::routes(net, &[r], f);
                }
            }
            Ok(Outcome::NoRoute(_)) => {}
            Err(e) if a == b => {
                if !matches!(e, Error::InvalidArgument(_)) {
                    return Err(violation("route-error", "same node", e.to_string()));
                }
            }
            // Constraints out of range (a year outside 1800–2100, a value of time outside
            // 0–10,000) are refused, not trusted: the correct answer is this error.
            Err(Error::InvalidArgument(_))
                if !(1800..=2100).contains(&c.year)
                    || !(0.0..=10_000.0).contains(&c.value_of_time) => {}
            Err(e) => {
                return Err(violation(
                    "route-error",
                    o.to_string(),
                    format!("{}→{}: {e}", net.nodes[a].id, net.nodes[b].id),
                ))
            }
        }
    }
    Ok(())
}

/// Runs a case and checks the invariant (a panic is left to the caller to catch).
pub fn execute(corpus: &Corpus, case: &mut Case) -> Result<Tally, Violation> {
    let mut tally = Tally {
        cases: 1,
        ..Tally::default()
    };
    match case.target {
        Target::Demand => return super::check_data::execute_demand(corpus, case),
        Target::Observed => return super::check_data::execute_observed(corpus, case),
        Target::Csv => return super::check_data::execute_csv(corpus, case),
        _ => {}
    }
    let pristine = case.pristine;
    let rng = &mut case.rng;
    match &case.input {
        Input::Network { files, .. } => {
            let refs: Vec<&SourceFile> = files.iter().collect();
            match load::parse(files) {
                Err(e) => {
                    if pristine {
                        return Err(violation(
                            "pristine-rejected",
                            case.kind.clone(),
                            e.to_string(),
                        ));
                    }
                    tally.rejected += 1;
                    check_error(e, &refs)?;
                }
                Ok(net) => {
                    if let Some(kind) = &case.must_refuse {
                        return Err(violation(
                            "accepted-invalid",
                            kind.clone(),
                            format!("loaded after {kind}: {}", case.ops.join("; ")),
                        ));
                    }
                    tally.accepted += 1;
                    let main = match files.first().map(|f| f.name.as_str()) {
                        Some(n) if n.ends_with("tiny.toml") => ("a", "q"),
                        Some(n) if n.contains("README") => ("west", "east"),
                        _ => ("xian", "duisburg"),
                    };
                    check_routing(&net, rng, main, None, &mut tally)?;
                }
            }
        }
        Input::Demand { .. } | Input::Observed { .. } => {}
        Input::Scenario { file, base, then } => {
            let net = corpus.base(*base);
            let mut refs = vec![file];
            let parsed = Scenario::parse(file).and_then(|s| match then {
                None => Ok(s),
                Some(t) => {
                    refs.push(t);
                    Ok(Scenario::combine(vec![s, Scenario::parse(t)?]))
                }
            });
            let applied = parsed.and_then(|s| {
                let year = s.year;
                scenario::apply(net, &s).map(|out| (out, year))
            });
            match applied {
                Err(e) => {
                    if pristine {
                        return Err(violation(
                            "pristine-rejected",
                            case.kind.clone(),
                            e.to_string(),
                        ));
                    }
                    tally.rejected += 1;
                    check_error(e, &refs)?;
                }
                Ok((out, year)) => {
                    tally.accepted += 1;
                    let main = match base {
                        Base::Tiny => ("a", "q"),
                        Base::Eurasia => ("xian", "duisburg"),
                    };
                    check_routing(&out, rng, main, year, &mut tally)?;
                }
            }
        }
    }
    Ok(tally)
}
