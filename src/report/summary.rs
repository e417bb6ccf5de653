//! The report's summary, the first thing a reader meets: the study's question (the network's
//! words), its answer in a few sentences made from the numbers (which corridor is fastest,
//! cheapest and lowest in CO2 under the reference scenario, by how much, how reliably), one line
//! per other scenario saying what it changes, and one small table (per corridor: days, P90 days,
//! USD, t CO2e, and the changes under the other scenarios). Both documents render this one
//! [`Summary`]; neither adds a word of its own.

use super::words::{
    and_list, capitalised, days, reason, short, shows, signed, signed_usd, tonnes, usd,
};
use crate::studies::standings::{Measure, Standings};

/// The summary: sentences and a table, as plain text (each renderer escapes it).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Summary {
    /// The question the study answers.
    pub question: String,
    /// The answer under the reference scenario, one sentence each.
    pub answer: Vec<String>,
    /// What introduces the scenarios' lines ("Against baseline, each scenario changes:").
    pub changes_intro: String,
    /// One line per later scenario (scenarios that change nothing share one).
    pub changes: Vec<String>,
    /// The table's header: the corridor, then the measures.
    pub head: [&'static str; 5],
    /// The table's rows.
    pub rows: Vec<Row>,
    /// What the table's numbers are.
    pub note: String,
}

/// A corridor in the summary's table.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    /// Its name.
    pub name: String,
    /// Days, P90 days, USD, t CO2e under the reference; or why it has no route there.
    pub values: Result<[String; 4], String>,
    /// What the other scenarios change for it ("border-congestion: +4.9 d, P90 55.5 d; …").
    pub changes: String,
}

/// The header of the summary's table; the changes come under it as a fifth column (Markdown) or
/// a line under each row (HTML).
pub(super) const HEAD: [&str; 5] = [
    "Corridor",
    "Days",
    "P90 days",
    "USD per FEU",
    "t CO2e per FEU",
];

/// The changes' column header.
pub(super) const CHANGES_HEAD: &str = "Under the other scenarios";

/// The question used when the network asks none.
const DEFAULT_QUESTION: &str = "Which corridor takes a container from {from} to {to} fastest, cheapest and with the least CO2?";

/// The summary of `st` for a study from `from` to `to` (names), asking `question` (the
/// network's, with `{from}` and `{to}` filled in; the default when `None`).
pub(super) fn summary(st: &Standings, from: &str, to: &str, question: Option<String>) -> Summary {
    let question =
        question.unwrap_or_else(|| DEFAULT_QUESTION.replace("{from}", from).replace("{to}", to));
    let reference = st.scenarios.first().cloned().unwrap_or_default();
    let mut changes = Vec::new();
    let mut unchanged = Vec::new();
    for s in 1..st.scenarios.len() {
        let clauses = scenario_clauses(st, s);
        let name = scenario_name(st, s);
        if clauses.is_empty() {
            unchanged.push(name);
        } else {
            changes.push(format!("{name}: {}.", clauses.join("; ")));
        }
    }
    if !unchanged.is_empty() {
        changes.push(format!(
            "{}: no corridor's days, P90, cost or CO2 changes.",
            and_list(&unchanged)
        ));
    }
    Summary {
        question,
        answer: answer(st, from, to),
        changes_intro: format!("Against {reference}, each scenario changes:"),
        changes,
        head: HEAD,
        rows: rows(st),
        note: format!(
            "Under {reference}. Each figure is the corridor's best route for that measure (its fastest for days, its cheapest for USD); P90: nine shipments in ten arrive within it. Changes are against {reference}."
        ),
    }
}

/// A scenario's name, with its year when it differs from the reference's.
fn scenario_name(st: &Standings, s: usize) -> String {
    match (st.years.get(s).copied().flatten(), st.years[0]) {
        (Some(y), Some(r)) if y != r => format!("{} (year {y})", st.scenarios[s]),
        _ => st.scenarios[s].clone(),
    }
}

/// The answer under the reference scenario: fastest, cheapest, lowest CO2, reliability, and the
/// corridors without a route.
fn answer(st: &Standings, from: &str, to: &str) -> Vec<String> {
    let mut out = if st.by_family {
        corridors_answer(st, from, to)
    } else {
        routes_answer(st, from, to)
    };
    if let Some(&a) = st.ranked(0, Measure::Days).first() {
        out.extend(reliability(st, a));
    }
    for (i, e) in st.entries.iter().enumerate() {
        if let Err(why) = &e.cells[0] {
            out.push(format!(
                "{} has no route under {}: {}.",
                subject(st, i),
                st.scenarios[0],
                reason(why)
            ));
        }
    }
    out.into_iter().map(|x| capitalised(&x)).collect()
}

/// How sentences name entry `e`: a corridor by its name without its parenthesis, an
/// objective's best route as "the fastest route".
fn subject(st: &Standings, e: usize) -> String {
    if st.by_family {
        short(&st.entries[e].name).to_string()
    } else {
        format!("the {}", st.entries[e].name)
    }
}

/// The answer of a comparison without corridor families: each objective's best route, its
/// corridor and key nodes, days, cost and CO2.
fn routes_answer(st: &Standings, from: &str, to: &str) -> Vec<String> {
    let r = &st.scenarios[0];
    let routes: Vec<String> = (0..st.entries.len())
        .filter_map(|e| {
            let b = st.best(e, 0)?;
            Some(format!(
                "{} ({}) takes {} days door to door, USD {} and {} t CO2e per FEU",
                subject(st, e),
                b.label,
                days(b.days),
                usd(b.usd),
                tonnes(b.co2_kg)
            ))
        })
        .collect();
    if routes.is_empty() {
        return vec![format!("No route from {from} to {to} under {r}.")];
    }
    vec![format!("Under {r}{}, {}.", year(st, 0), routes.join("; "))]
}

/// The answer of a comparison by corridor family: the fastest, the cheapest and the lowest in
/// CO2, each against the next.
fn corridors_answer(st: &Standings, from: &str, to: &str) -> Vec<String> {
    let r = &st.scenarios[0];
    let name = |e: usize| subject(st, e);
    let best = |e: usize| st.best(e, 0).expect("ranked entries have a route");
    let by_days = st.ranked(0, Measure::Days);
    let mut out = Vec::new();
    match by_days.as_slice() {
        [] => out.push(format!(
            "No corridor has a route from {from} to {to} under {r}."
        )),
        [only] => out.push(format!(
            "Under {r}{}, {} is the only corridor with a route: {} days door to door, USD {} and {} t CO2e per FEU.",
            year(st, 0),
            name(*only),
            days(best(*only).days),
            usd(best(*only).usd),
            tonnes(best(*only).co2_kg)
        )),
        [a, b, ..] => {
            let (a, b) = (*a, *b);
            out.push(format!(
                "Under {r}{}, {} is the fastest: {} days door to door, {} days ahead of {} ({} days).",
                year(st, 0),
                name(a),
                days(best(a).days),
                days(best(b).days - best(a).days),
                name(b),
                days(best(b).days)
            ));
            let by_usd = st.ranked(0, Measure::Usd);
            let (c, c2) = (by_usd[0], by_usd[1]);
            let cheaper = usd(best(c2).usd - best(c).usd);
            out.push(if c == a {
                format!(
                    "It is also the cheapest, USD {} per FEU, USD {cheaper} less than {}.",
                    usd(best(c).usd),
                    name(c2)
                )
            } else {
                format!(
                    "{} is the cheapest at USD {} per FEU, USD {cheaper} less than {}, but takes {} days, {} more than {}.",
                    name(c),
                    usd(best(c).usd),
                    name(c2),
                    days(best(c).days),
                    days(best(c).days - best(a).days),
                    name(a)
                )
            });
            let by_co2 = st.ranked(0, Measure::Co2);
            let (e, e2) = (by_co2[0], by_co2[1]);
            out.push(format!(
                "{} emits the least CO2, {} t CO2e per FEU, {:.0} % less than {} ({} t).",
                name(e),
                tonnes(best(e).co2_kg),
                100.0 * (1.0 - best(e).co2_kg / best(e2).co2_kg),
                name(e2),
                tonnes(best(e2).co2_kg)
            ));
        }
    }
    out
}

/// The fastest corridor's P90 and, when another's is lower, that one's.
fn reliability(st: &Standings, fastest: usize) -> Option<String> {
    let b = st.best(fastest, 0)?;
    let p90 = b.p90_days?;
    let mut s = format!(
        "Nine shipments in ten on {} arrive within {} days (its P90), {} days more than planned",
        subject(st, fastest),
        days(p90),
        days(p90 - b.days)
    );
    match st.leader(0, Measure::P90) {
        Some(l) if l != fastest => {
            let lp = st.best(l, 0)?.p90_days?;
            s.push_str(&format!(
                "; {} has the lowest P90, {} days.",
                subject(st, l),
                days(lp)
            ));
        }
        _ if st.by_family => s.push_str("; no corridor has a lower P90."),
        _ => s.push('.'),
    }
    Some(s)
}

/// " (2026)", or nothing when the scenario has no route.
fn year(st: &Standings, s: usize) -> String {
    st.years
        .get(s)
        .copied()
        .flatten()
        .map_or(String::new(), |y| format!(" ({y})"))
}

/// What scenario `s` changes against the reference: new leaders, corridors that open or close,
/// and the largest change of days, P90, cost and CO2; empty when nothing changes.
fn scenario_clauses(st: &Standings, s: usize) -> Vec<String> {
    let name = |e: usize| subject(st, e);
    let mut out = Vec::new();
    let mut leads: Vec<(usize, Vec<String>)> = Vec::new();
    for (m, word) in [
        (Measure::Days, "the fastest"),
        (Measure::Usd, "the cheapest"),
        (Measure::Co2, "the lowest in CO2"),
    ] {
        let (now, before) = (st.leader(s, m), st.leader(0, m));
        // Without families the entries are the objectives' best routes, which lead by definition.
        if now == before || !st.by_family {
            continue;
        }
        match now {
            Some(l) => {
                let what = format!(
                    "{word} ({})",
                    value(st.best(l, s).expect("a leader has a route"), m)
                );
                match leads.iter_mut().find(|(e, _)| *e == l) {
                    Some((_, v)) => v.push(what),
                    None => leads.push((l, vec![what])),
                }
            }
            None if m == Measure::Days => out.push("no corridor has a route".into()),
            None => {}
        }
    }
    for (l, what) in leads {
        out.push(format!("{} becomes {}", name(l), and_list(&what)));
    }
    for e in 0..st.entries.len() {
        match (&st.entries[e].cells[0], &st.entries[e].cells[s]) {
            (Err(_), Ok(b)) => out.push(opens(st, s, e, b.days)),
            (Ok(_), Err(why)) if st.by_family => {
                out.push(format!("{} has no route ({})", name(e), reason(why)))
            }
            (Ok(_), Err(why)) => {
                let no = format!("no route ({})", reason(why));
                if !out.contains(&no) {
                    out.push(no);
                }
            }
            _ => {}
        }
    }
    // The largest change of each measure, those of one corridor together: "Northern corridor
    // +4.9 days, to 15.3, its P90 +42.0, to 56.5 (2 other corridors change too)".
    let mut changes: Vec<(usize, Vec<String>, usize)> = Vec::new();
    for m in [Measure::Days, Measure::P90, Measure::Usd, Measure::Co2] {
        let Some((e, what, others)) = largest_change(st, s, m) else {
            continue;
        };
        match changes.last_mut() {
            Some((last, parts, _)) if *last == e => parts.push(what),
            _ => changes.push((e, vec![what], others)),
        }
    }
    for (e, parts, others) in changes {
        let too = match others {
            0 => String::new(),
            1 => " (1 other corridor changes too)".into(),
            n => format!(" ({n} other corridors change too)"),
        };
        out.push(format!("{} {}{too}", name(e), parts.join(", its ")));
    }
    out
}

/// A corridor that has a route under scenario `s` but none under the reference, set against the
/// corridor nearest to it in days.
fn opens(st: &Standings, s: usize, e: usize, d: f64) -> String {
    let near = st
        .ranked(s, Measure::Days)
        .into_iter()
        .filter(|&o| o != e)
        .min_by(|&a, &b| {
            let da = (st.best(a, s).map_or(f64::MAX, |x| x.days) - d).abs();
            let db = (st.best(b, s).map_or(f64::MAX, |x| x.days) - d).abs();
            da.total_cmp(&db)
        });
    let name = subject(st, e);
    match near.and_then(|o| Some((o, st.best(o, s)?.days))) {
        Some((o, od)) => format!(
            "{name} opens at {} days, {} days {} than {} ({} days)",
            days(d),
            days((od - d).abs()),
            if d <= od { "faster" } else { "slower" },
            subject(st, o),
            days(od)
        ),
        None => format!("{name} opens at {} days", days(d)),
    }
}

/// The largest change of `m` among corridors with a route under both the reference and `s`: the
/// corridor, the change ("+4.9 days, to 15.3") and how many other corridors change. P90 is told
/// only where it moves by a day more than the days do.
fn largest_change(st: &Standings, s: usize, m: Measure) -> Option<(usize, String, usize)> {
    let decimals = match m {
        Measure::Usd => 0,
        Measure::Co2 => -1, // kg: a hundredth of a tonne is ten kilograms
        Measure::Days | Measure::P90 => 1,
    };
    let mut changed: Vec<(usize, f64, f64)> = Vec::new();
    for e in 0..st.entries.len() {
        let (Some(a), Some(b)) = (st.best(e, 0), st.best(e, s)) else {
            continue;
        };
        let (Some(va), Some(vb)) = (a.get(m), b.get(m)) else {
            continue;
        };
        let d = vb - va;
        if !shows(d, decimals) {
            continue;
        }
        if m == Measure::P90 && (d.abs() - (b.days - a.days).abs()) < 1.0 {
            continue;
        }
        changed.push((e, d, vb));
    }
    let &(e, d, v) = changed
        .iter()
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()).then(b.0.cmp(&a.0)))?;
    let what = match m {
        Measure::Days => format!("{} days, to {}", signed(d, 1), days(v)),
        Measure::P90 => format!("P90 {}, to {}", signed(d, 1), days(v)),
        Measure::Usd => format!("{}, to USD {}", signed_usd(d), usd(v)),
        Measure::Co2 => format!("{} t CO2e, to {} t", signed(d / 1000.0, 2), tonnes(v)),
    };
    Some((e, what, changed.len() - 1))
}

/// A measure's value in words: "10.3 days", "USD 5,522", "4.28 t CO2e".
fn value(b: &crate::studies::standings::Best, m: Measure) -> String {
    match m {
        Measure::Days => format!("{} days", days(b.days)),
        Measure::P90 => format!("P90 {} days", days(b.p90_days.unwrap_or(f64::NAN))),
        Measure::Usd => format!("USD {}", usd(b.usd)),
        Measure::Co2 => format!("{} t CO2e", tonnes(b.co2_kg)),
    }
}

/// The table's rows: each corridor under the reference and what each other scenario changes.
fn rows(st: &Standings) -> Vec<Row> {
    st.entries
        .iter()
        .enumerate()
        .map(|(e, entry)| Row {
            name: capitalised(&entry.name),
            values: match &entry.cells[0] {
                Ok(b) => Ok([
                    days(b.days),
                    b.p90_days.map_or(String::new(), days),
                    usd(b.usd),
                    tonnes(b.co2_kg),
                ]),
                Err(why) => Err(format!("no route: {}", reason(why))),
            },
            changes: row_changes(st, e),
        })
        .collect()
}

/// What each later scenario changes for corridor `e`, "; "-separated; "none" when nothing does.
fn row_changes(st: &Standings, e: usize) -> String {
    let mut out = Vec::new();
    for s in 1..st.scenarios.len() {
        let name = &st.scenarios[s];
        match (st.best(e, 0), &st.entries[e].cells[s]) {
            (Some(a), Ok(b)) => {
                let mut parts = Vec::new();
                if shows(b.days - a.days, 1) {
                    parts.push(format!("{} d", signed(b.days - a.days, 1)));
                }
                if let (Some(pa), Some(pb)) = (a.p90_days, b.p90_days) {
                    if shows(pb - pa, 1) {
                        parts.push(format!("P90 {} d", days(pb)));
                    }
                }
                if shows(b.usd - a.usd, 0) {
                    parts.push(signed_usd(b.usd - a.usd));
                }
                if shows(b.co2_kg - a.co2_kg, -1) {
                    parts.push(format!("{} t", signed((b.co2_kg - a.co2_kg) / 1000.0, 2)));
                }
                if !parts.is_empty() {
                    out.push(format!("{name}: {}", parts.join(", ")));
                }
            }
            (Some(_), Err(why)) => out.push(format!("{name}: no route ({})", reason(why))),
            (None, Ok(b)) => out.push(format!(
                "{name}: {} d{}, USD {}, {} t",
                days(b.days),
                b.p90_days
                    .map_or(String::new(), |p| format!(" (P90 {})", days(p))),
                usd(b.usd),
                tonnes(b.co2_kg)
            )),
            (None, Err(_)) => {}
        }
    }
    if out.is_empty() {
        "no change".into()
    } else {
        out.join("; ")
    }
}
