//! Structure-aware mutations: edits that know lines, records, keys and values — lines and
//! records dropped, duplicated, swapped, moved or spliced in from another file; table headers,
//! keys and deep nesting inserted; numbers replaced by edge and limit values; strings replaced by
//! other words, unknown ids, very long strings or multi-line strings holding header-like lines;
//! scenario edits synthesised on the network's ids or repeated so that their factors compound.

use std::fmt::Write as _;

use super::corpus::Vocab;
use super::lines::{
    ensure_newline, excerpt, header_name, key_of, key_span, number_spans, record_ranges,
    record_starts, split_lines, string_spans,
};
use super::rng::Rng;
use super::words::{
    limit_numbers, AMOUNTS, EDGE_NUMBERS, HEADERS, KEYS, SAFE_NUMBERS, STRINGS, VALUES,
};

/// The context a mutation works in.
pub(super) struct Ctx<'a> {
    /// The ids of the network the text belongs to.
    pub(super) vocab: &'a Vocab,
    /// Texts to splice records from.
    pub(super) donors: &'a [&'a str],
    /// Whether the text is a scenario.
    pub(super) scenario: bool,
    /// Keep scenario amounts within 1e-3…1e3 (`Options::cap_amounts`).
    pub(super) cap_amounts: bool,
}

fn pick_number(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    if ctx.scenario && ctx.cap_amounts {
        rng.pick(SAFE_NUMBERS).to_string()
    } else if rng.chance(1, 8) {
        // A random value of a random magnitude.
        let exp = rng.below(700) as i32 - 350;
        let sign = if rng.chance(1, 4) { "-" } else { "" };
        format!("{sign}{}e{exp}", 1 + rng.below(9))
    } else {
        rng.pick(EDGE_NUMBERS).to_string()
    }
}

fn pick_string(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    match rng.below(4) {
        0 | 1 => rng.pick(STRINGS).to_string(),
        2 => ctx.vocab.any_id(rng),
        _ => {
            let id = ctx.vocab.any_id(rng);
            match rng.below(4) {
                0 => id.to_uppercase(),
                1 => format!("{id}_zz"),
                2 => format!(" {id}"),
                _ => id.chars().rev().collect(),
            }
        }
    }
}

/// A synthesised `[[edit]]` on a network's ids.
pub(super) fn synth_edit(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let v = ctx.vocab;
    let mut s = String::from("\n[[edit]]\n");
    let action = *rng.pick(&[
        "scale", "scale", "scale", "set", "set", "close", "open", "avoid",
    ]);
    let _ = writeln!(s, "action = \"{action}\"");
    let id_or_unknown = |rng: &mut Rng, list: &[String]| -> String {
        if list.is_empty() || rng.chance(1, 10) {
            "zz_unknown".into()
        } else {
            rng.pick(list).clone()
        }
    };
    let mut crit = Vec::new();
    for _ in 0..1 + rng.below(2) {
        crit.push(match rng.below(9) {
            0 | 1 => {
                let n = 1 + rng.below(3);
                let ids: Vec<String> = (0..n)
                    .map(|_| format!("{:?}", id_or_unknown(rng, &v.links)))
                    .collect();
                format!("links = [{}]", ids.join(", "))
            }
            2 => format!("nodes = [{:?}]", id_or_unknown(rng, &v.nodes)),
            3 => format!("corridor = {:?}", id_or_unknown(rng, &v.corridors)),
            4 => format!("country = {:?}", id_or_unknown(rng, &v.countries)),
            5 => {
                let b = id_or_unknown(rng, &v.borders);
                let b = if rng.chance(1, 3) {
                    b.replace('>', "-")
                } else {
                    b
                };
                format!("border = {b:?}")
            }
            6 => format!("mode = {:?}", rng.pick(&["rail", "road", "sea", "air"])),
            7 => format!("service = {:?}", id_or_unknown(rng, &v.services)),
            _ => format!(
                "kind = {:?}",
                rng.pick(&[
                    "sea_port",
                    "border_station",
                    "city",
                    "dry_port",
                    "moon_base"
                ])
            ),
        });
    }
    crit.sort();
    crit.dedup_by(|a, b| a.split('=').next() == b.split('=').next());
    let _ = writeln!(s, "select = {{ {} }}", crit.join(", "));
    let field = *rng.pick(&[
        "km",
        "speed_kmh",
        "speed_kmh",
        "hours",
        "usd_per_km",
        "usd_fixed",
        "wait_hours",
        "call_hours",
        "border.hours",
        "border.usd",
        "available_from",
        "transfer.hours",
        "transfer.usd",
        "transfer.gauge.hours",
        "transfer.rail_sea.usd",
        "transfer.transship.hours",
        "colour",
    ]);
    let amount = if ctx.cap_amounts {
        rng.pick(SAFE_NUMBERS).to_string()
    } else {
        rng.pick(AMOUNTS).to_string()
    };
    match action {
        "scale" => {
            let _ = writeln!(s, "field = \"{field}\"\nfactor = {amount}");
        }
        "set" => {
            let _ = writeln!(s, "field = \"{field}\"\nvalue = {amount}");
        }
        "avoid" => {
            let c = id_or_unknown(rng, &v.countries);
            let _ = writeln!(s, "countries = [{c:?}]");
        }
        _ => {}
    }
    s.push_str("rationale = \"fuzz\"\n");
    s
}

/// Applies the structure-aware mutation `name` (any kind not in [`super::bytes::KINDS`]) to the
/// text's lines; returns its description (without the kind's name), or `None` when it found
/// nothing to work on.
pub(super) fn mutate(
    rng: &mut Rng,
    name: &str,
    lines: &mut Vec<String>,
    ctx: &Ctx<'_>,
) -> Option<String> {
    match name {
        "drop-line" | "dup-line" | "swap-lines" | "insert-header" | "deep-nesting"
        | "blank-lines" => line_edit(rng, name, lines),
        "dup-record" | "drop-record" | "move-record" | "splice" | "synth-edit" | "dup-edit" => {
            record_edit(rng, name, lines, ctx)
        }
        _ => value_edit(rng, name, lines, ctx),
    }
}

/// Whole lines: dropped, duplicated, swapped; a table header, a deeply nested value or
/// thousands of blank lines inserted.
fn line_edit(rng: &mut Rng, name: &str, lines: &mut Vec<String>) -> Option<String> {
    let n = lines.len();
    let desc: String = match name {
        "drop-line" => {
            if n == 0 {
                return None;
            }
            let i = rng.below(n);
            let l = lines.remove(i);
            format!("line {}: dropped {}", i + 1, excerpt(&l))
        }
        "dup-line" => {
            if n == 0 {
                return None;
            }
            let i = rng.below(n);
            let mut l = lines[i].clone();
            ensure_newline(&mut l);
            ensure_newline(&mut lines[i]);
            lines.insert(i + 1, l.clone());
            format!("line {}: duplicated {}", i + 1, excerpt(&l))
        }
        "swap-lines" => {
            if n < 2 {
                return None;
            }
            let (i, j) = (rng.below(n), rng.below(n));
            ensure_newline(&mut lines[i]);
            ensure_newline(&mut lines[j]);
            lines.swap(i, j);
            format!("lines {} and {} swapped", i + 1, j + 1)
        }
        "insert-header" => {
            let h = *rng.pick(HEADERS);
            let i = rng.below(n + 1);
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            lines.insert(i, format!("{h}\n"));
            format!("line {}: inserted {h:?}", i + 1)
        }
        "deep-nesting" => {
            let depth = *rng.pick(&[64usize, 200, 5_000, 50_000]);
            let line = match rng.below(4) {
                0 => format!("x = {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
                1 => format!("x = {}1{}\n", "{ a = ".repeat(depth), " }".repeat(depth)),
                2 => format!("{} = 1\n", vec!["a"; depth].join(".")),
                _ => format!("[{}]\n", vec!["a"; depth].join(".")),
            };
            let i = rng.below(n + 1);
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            lines.insert(i, line);
            format!("line {}: inserted nesting {depth} deep", i + 1)
        }
        "blank-lines" => {
            let count = *rng.pick(&[1_000usize, 20_000]);
            let unit = *rng.pick(&["\n", "# c\n", "   \n", "\r\n"]);
            let i = rng.below(n + 1);
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            lines.insert(i, unit.repeat(count));
            format!("line {}: inserted {count} × {unit:?}", i + 1)
        }
        _ => unreachable!("{name} is not handled here"),
    };
    Some(desc)
}

/// Whole records: duplicated, dropped, moved, spliced in from another file; an edit
/// synthesised on the network's ids appended, or an edit repeated so that it compounds.
fn record_edit(
    rng: &mut Rng,
    name: &str,
    lines: &mut Vec<String>,
    ctx: &Ctx<'_>,
) -> Option<String> {
    let desc: String = match name {
        "dup-record" | "drop-record" | "move-record" => {
            let rs = record_ranges(lines);
            if rs.is_empty() {
                return None;
            }
            let (a, b) = *rng.pick(&rs);
            let head = excerpt(&lines[a]);
            let mut block: Vec<String> = lines[a..b].to_vec();
            if let Some(l) = block.last_mut() {
                ensure_newline(l);
            }
            match name {
                "dup-record" => {
                    let times = if rng.chance(1, 4) {
                        1 + rng.below(4)
                    } else {
                        1
                    };
                    for _ in 0..times {
                        lines.splice(b..b, block.iter().cloned());
                    }
                    format!("record at line {} {head} duplicated ×{times}", a + 1)
                }
                "drop-record" => {
                    lines.drain(a..b);
                    format!("record at line {} {head} dropped", a + 1)
                }
                _ => {
                    lines.drain(a..b);
                    let starts = record_starts(lines);
                    let to = if starts.is_empty() || rng.chance(1, 4) {
                        lines.len()
                    } else {
                        *rng.pick(&starts)
                    };
                    if to > 0 {
                        ensure_newline(&mut lines[to - 1]);
                    }
                    lines.splice(to..to, block);
                    format!("record at line {} {head} moved to line {}", a + 1, to + 1)
                }
            }
        }
        "splice" => {
            if ctx.donors.is_empty() {
                return None;
            }
            let donor: &&str = rng.pick(ctx.donors);
            let donor = split_lines(donor);
            let rs = record_ranges(&donor);
            if rs.is_empty() {
                return None;
            }
            let (a, b) = *rng.pick(&rs);
            let mut block: Vec<String> = donor[a..b].to_vec();
            if let Some(l) = block.last_mut() {
                ensure_newline(l);
            }
            let starts = record_starts(lines);
            let to = if starts.is_empty() || rng.chance(1, 3) {
                lines.len()
            } else {
                *rng.pick(&starts)
            };
            if to > 0 {
                ensure_newline(&mut lines[to - 1]);
            }
            let head = excerpt(&block[0]);
            lines.splice(to..to, block);
            format!(
                "line {}: spliced in the record {head} of another file",
                to + 1
            )
        }
        "synth-edit" => {
            let e = synth_edit(rng, ctx);
            let d = format!("appended {}", excerpt(&e.replace('\n', " ")));
            if let Some(l) = lines.last_mut() {
                ensure_newline(l);
            }
            lines.push(e);
            d
        }
        "dup-edit" => {
            let rs: Vec<(usize, usize)> = record_ranges(lines)
                .into_iter()
                .filter(|&(a, _)| header_name(&lines[a]) == Some("edit"))
                .collect();
            if rs.is_empty() {
                return None;
            }
            let (a, b) = *rng.pick(&rs);
            let mut block: Vec<String> = lines[a..b].to_vec();
            if let Some(l) = block.last_mut() {
                ensure_newline(l);
            }
            let times = 1 + rng.below(4);
            for _ in 0..times {
                lines.splice(b..b, block.iter().cloned());
            }
            format!("edit at line {} repeated ×{times}", a + 1)
        }
        _ => unreachable!("{name} is not handled here"),
    };
    Some(desc)
}

/// Keys and values: a number replaced by an edge or limit value, a key inserted or renamed,
/// a string replaced (by another word, an unknown id, a very long string, or a multi-line
/// string holding header-like lines).
fn value_edit(rng: &mut Rng, name: &str, lines: &mut Vec<String>, ctx: &Ctx<'_>) -> Option<String> {
    let n = lines.len();
    let desc: String = match name {
        "edge-number" => {
            let spans: Vec<(usize, (usize, usize))> = lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| number_spans(l).into_iter().map(move |s| (i, s)))
                .collect();
            if spans.is_empty() {
                return None;
            }
            let (i, (a, b)) = *rng.pick(&spans);
            let limits = key_of(&lines[i]).map_or(&[][..], limit_numbers);
            let new = if !(limits.is_empty() || ctx.scenario && ctx.cap_amounts) && rng.chance(1, 2)
            {
                rng.pick(limits).to_string()
            } else {
                pick_number(rng, ctx)
            };
            let old = lines[i][a..b].to_string();
            lines[i].replace_range(a..b, &new);
            format!(
                "line {}: number {old} → {new} in {}",
                i + 1,
                excerpt(&lines[i])
            )
        }
        "insert-key" => {
            let key = *rng.pick(KEYS);
            let value = if rng.chance(1, 2) {
                pick_number(rng, ctx)
            } else {
                rng.pick(VALUES).to_string()
            };
            // Right after a header (inside a record) most of the time.
            let starts: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| header_name(l).is_some())
                .map(|(i, _)| i + 1)
                .collect();
            let i = if !starts.is_empty() && rng.chance(3, 4) {
                *rng.pick(&starts)
            } else {
                rng.below(n + 1)
            };
            if i > 0 {
                ensure_newline(&mut lines[i - 1]);
            }
            let line = format!("{key} = {value}\n");
            let d = format!("line {}: inserted {}", i + 1, excerpt(&line));
            lines.insert(i, line);
            d
        }
        "replace-string" | "swap-id" | "long-string" | "multiline-header" => {
            string_edit(rng, name, lines, ctx)?
        }
        "rename-key" => {
            let spans: Vec<(usize, (usize, usize))> = lines
                .iter()
                .enumerate()
                .filter_map(|(i, l)| key_span(l).map(|s| (i, s)))
                .collect();
            if spans.is_empty() {
                return None;
            }
            let (i, (a, b)) = *rng.pick(&spans);
            let old = lines[i][a..b].to_string();
            let new = *rng.pick(KEYS);
            lines[i].replace_range(a..b, new);
            format!("line {}: key {old} → {new:?}", i + 1)
        }
        _ => unreachable!("{name} is not handled here"),
    };
    Some(desc)
}

/// A string value replaced: by another word (`replace-string`), by an id of the network or an
/// unknown one (`swap-id`, on id keys only), by a very long string (`long-string`), or by a
/// multi-line string holding header-like lines (`multiline-header`).
fn string_edit(rng: &mut Rng, name: &str, lines: &mut [String], ctx: &Ctx<'_>) -> Option<String> {
    let id_keys = [
        "id",
        "from",
        "to",
        "links",
        "nodes",
        "services",
        "service",
        "corridor",
        "corridors",
        "country",
        "countries",
        "transit_countries",
        "border",
        "kind",
        "mode",
        "select",
        "field",
        "action",
    ];
    let spans: Vec<(usize, (usize, usize))> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| name != "swap-id" || key_of(l).is_some_and(|k| id_keys.contains(&k)))
        .flat_map(|(i, l)| string_spans(l).into_iter().map(move |s| (i, s)))
        .collect();
    if spans.is_empty() {
        return None;
    }
    let (i, (a, b)) = *rng.pick(&spans);
    let old = lines[i][a..b].to_string();
    let desc = match name {
        "long-string" => {
            let len = *rng.pick(&[300usize, 5_000, 70_000, 300_000]);
            let unit = *rng.pick(&["x", "é", "\u{FFFE}", "[[link]]", "\\\\", " "]);
            let s = unit.repeat(len / unit.len().max(1));
            lines[i].replace_range(a..b, &s);
            format!(
                "line {}: string {:?}… replaced by {len} bytes of {unit:?}",
                i + 1,
                excerpt(&old)
            )
        }
        "multiline-header" => {
            // Replace the whole quoted value by a multi-line string holding header-like
            // lines (which `load::records` may take for record boundaries).
            let q = *rng.pick(&["\"\"\"", "'''"]);
            let mut body = String::new();
            for _ in 0..1 + rng.below(3) {
                let h: &&str = rng.pick(HEADERS);
                body.push_str(h);
                body.push('\n');
                if rng.chance(1, 2) {
                    let _ = writeln!(body, "{} = {}", rng.pick(KEYS), rng.pick(VALUES));
                }
            }
            let close = if rng.chance(1, 6) { "" } else { q };
            let new = format!("{q}\n{body}{close}");
            lines[i].replace_range(a - 1..b + 1, &new);
            format!(
                "line {}: string {} → multi-line {}",
                i + 1,
                excerpt(&old),
                excerpt(&new)
            )
        }
        _ => {
            let new = if name == "swap-id" {
                if rng.chance(1, 2) {
                    ctx.vocab.any_id(rng)
                } else {
                    format!("zz_{}", rng.below(1000))
                }
            } else {
                pick_string(rng, ctx)
            };
            lines[i].replace_range(a..b, &new);
            format!("line {}: string {} → {new:?}", i + 1, excerpt(&old))
        }
    };
    Some(desc)
}
