//! The cases of the data targets: a GeoJSON network (the fixture's or the shipped network's
//! export, one file, mutated by `json.rs` and now and then by `bytes.rs`),
//! a demand file and observation files (shipped or synthesised on the network's ids, mutated as
//! TOML by `mutations.rs`), and the CSV target's cases (a scenario case, or a small network whose
//! names hold what CSV must quote and guard).

use std::fmt::Write as _;

use corridor::load::SourceFile;
use corridor::Network;

use super::bytes;
use super::case::{Case, Input};
use super::corpus::{Base, Corpus, Options, Target};
use super::json::mutate_geojson;
use super::mutations::mutate;
use super::rng::Rng;
use super::structure::Ctx;

/// GeoJSON case kinds: the fixture's nodes and links as GeoJSON, or the shipped network's.
pub const GEOJSON_KINDS: [&str; 2] = ["small-geojson", "shipped-geojson"];

/// Demand case kinds: a shipped demand file, flows synthesised on the shipped network's ids,
/// flows synthesised on the fixture.
pub const DEMAND_KINDS: [&str; 3] = ["shipped-demand", "synthesised-demand", "fixture-demand"];

/// Observation case kinds: every shipped file (one mutated), one shipped file alone,
/// observations synthesised on the shipped network's ids.
pub const OBSERVED_KINDS: [&str; 3] = [
    "shipped-observations",
    "one-observation-file",
    "synthesised-observations",
];

/// CSV case kinds besides the scenario ones: the fixture with names CSV must quote or guard.
pub const CSV_KINDS: [&str; 1] = ["odd-names"];

fn weighted_kind<'k>(rng: &mut Rng, opts: &Options, kinds: &[&'k str], mix: &[u32]) -> &'k str {
    let w: Vec<u32> = kinds
        .iter()
        .zip(mix)
        .map(|(k, &w)| if opts.skips(k) { 0 } else { w })
        .collect();
    kinds[rng.weighted(&w)]
}

fn case(target: Target, seed: u64, kind: &str, ops: Vec<String>, input: Input, rng: Rng) -> Case {
    Case {
        target,
        seed,
        kind: kind.into(),
        pristine: ops.is_empty(),
        ops,
        input,
        must_refuse: None,
        heavy: false,
        rng,
    }
}

/// A GeoJSON network case.
pub(super) fn geojson_case(corpus: &Corpus, opts: &Options, seed: u64, mut rng: Rng) -> Case {
    let shipped = if opts.heavy { 1 } else { 0 };
    let kind = weighted_kind(&mut rng, opts, &GEOJSON_KINDS, &[5, shipped]);
    let (rest, geo, vocab) = if kind == "small-geojson" {
        (
            &corpus.tiny_geojson.0,
            &corpus.tiny_geojson.1,
            &corpus.tiny_vocab,
        )
    } else {
        (
            &corpus.eurasia_geojson.0,
            &corpus.eurasia_geojson.1,
            &corpus.eurasia_vocab,
        )
    };
    let mut files = rest.clone();
    let mut geo = geo.clone();
    let pristine = rng.chance(1, 48);
    let mut ops = Vec::new();
    let mut must_refuse = None;
    if !pristine {
        let skip = |k: &str| opts.skips(k);
        let (text, done, refuse) = mutate_geojson(&mut rng, &geo.text, vocab, &skip);
        geo.text = text;
        ops = done;
        must_refuse = refuse.map(String::from);
        // Now and then a byte-level edit after (never after a must-refuse one: a flipped byte
        // could make the file valid again).
        if must_refuse.is_none() && rng.chance(1, 4) {
            let k = *rng.pick(&bytes::KINDS);
            if !opts.skips(k) {
                if let Some(d) = bytes::mutate(&mut rng, k, &mut geo.text) {
                    ops.push(d);
                }
            }
        }
    }
    files.push(geo);
    let mutated = Some(files.len() - 1);
    let mut c = case(
        Target::Geojson,
        seed,
        kind,
        ops,
        Input::Network { files, mutated },
        rng,
    );
    c.must_refuse = must_refuse;
    c
}

/// Flows synthesised on a network's ids: odd volumes, modes, corridor tags, countries and groups.
fn demand_text(rng: &mut Rng, net: &Network) -> String {
    let mut s = format!(
        "[demand]\nname = \"fuzz\"\nyear = {}\nunit = \"teu\"\n",
        rng.pick(&[2024, 2025, 2030, 1900, 2100, 2026])
    );
    let tags: Vec<String> = net
        .links
        .iter()
        .flat_map(|l| l.corridors.iter().cloned())
        .collect();
    let countries = net.countries();
    for _ in 0..1 + rng.below(12) {
        let a = &net.nodes[rng.below(net.nodes.len())].id;
        let b = &net.nodes[rng.below(net.nodes.len())].id;
        let teu = *rng.pick(&["0", "1", "1000", "250000", "1e9", "0.5", "123456.789"]);
        let _ = write!(
            s,
            "\n[[flow]]\nfrom = \"{a}\"\nto = \"{b}\"\nteu_per_year = {teu}\n"
        );
        if rng.chance(1, 2) {
            let g = *rng.pick(&[
                "g",
                "middle-westbound",
                "=1+1",
                "a,b",
                "say \\\"x\\\"",
                "-5",
            ]);
            let _ = writeln!(s, "group = \"{g}\"");
        }
        if rng.chance(1, 3) {
            let m = *rng.pick(&["[\"rail\"]", "[\"rail\", \"sea\"]", "[\"road\"]", "[]"]);
            let _ = writeln!(s, "modes = {m}");
        }
        if rng.chance(1, 3) && !tags.is_empty() {
            let _ = writeln!(s, "avoid_tags = [\"{}\"]", rng.pick(&tags));
        }
        if rng.chance(1, 3) && !countries.is_empty() {
            let _ = writeln!(s, "avoid_countries = [\"{}\"]", rng.pick(&countries));
        }
        s.push_str("source = \"fuzz\"\n");
    }
    s
}

/// A demand case.
pub(super) fn demand_case(corpus: &Corpus, opts: &Options, seed: u64, mut rng: Rng) -> Case {
    let kind = weighted_kind(&mut rng, opts, &DEMAND_KINDS, &[6, 3, 3]);
    let (file, base) = match kind {
        "shipped-demand" => (rng.pick(&corpus.demand).clone(), Base::Eurasia),
        "synthesised-demand" => (
            SourceFile {
                name: "fuzz-demand.toml".into(),
                text: demand_text(&mut rng, &corpus.eurasia),
            },
            Base::Eurasia,
        ),
        _ => (
            SourceFile {
                name: "fuzz-demand.toml".into(),
                text: demand_text(&mut rng, &corpus.tiny),
            },
            Base::Tiny,
        ),
    };
    let mut file = file;
    let donors: Vec<&str> = corpus.demand.iter().map(|f| f.text.as_str()).collect();
    let ctx = Ctx {
        vocab: corpus.vocab(base),
        donors: &donors,
        scenario: false,
        cap_amounts: opts.cap_amounts,
    };
    let ops = if rng.chance(1, 24) {
        Vec::new()
    } else {
        mutate(&mut rng, &mut file.text, &ctx, opts)
    };
    let mut c = case(
        Target::Demand,
        seed,
        kind,
        ops,
        Input::Demand { file, base },
        rng,
    );
    c.pristine = c.pristine && kind == "shipped-demand";
    c
}

/// Observations synthesised on the shipped network's ids.
fn observed_text(rng: &mut Rng, net: &Network) -> String {
    let mut s = String::new();
    for i in 0..1 + rng.below(6) {
        let a = &net.nodes[rng.below(net.nodes.len())].id;
        let b = &net.nodes[rng.below(net.nodes.len())].id;
        let kind = *rng.pick(&["transit_days", "section_days", "cost_usd_per_feu"]);
        let _ = write!(
            s,
            "[[observation]]\nid = \"fuzz-{i}\"\nkind = \"{kind}\"\nyear = {}\nfrom = \"{a}\"\nto = \"{b}\"\n",
            rng.pick(&[2024, 2025, 2026, 1990, 2100])
        );
        if rng.chance(1, 3) {
            let f = &net.families;
            if !f.is_empty() {
                let _ = writeln!(s, "family = \"{}\"", rng.pick(f).id);
            }
        }
        if rng.chance(1, 2) {
            let _ = writeln!(
                s,
                "value = {}",
                rng.pick(&["0", "1", "13.5", "1e308", "-1"])
            );
        } else {
            let _ = writeln!(
                s,
                "low = {}\nhigh = {}",
                rng.pick(&["1", "0", "20"]),
                rng.pick(&["2", "1", "1e9"])
            );
        }
        s.push_str("product = \"=fuzz, \\\"quoted\\\"\"\nsource = \"fuzz\"\n\n");
    }
    s
}

/// An observation case.
pub(super) fn observed_case(corpus: &Corpus, opts: &Options, seed: u64, mut rng: Rng) -> Case {
    let kind = weighted_kind(&mut rng, opts, &OBSERVED_KINDS, &[2, 6, 3]);
    let mut files = match kind {
        "shipped-observations" => corpus.observed.clone(),
        "one-observation-file" => vec![rng.pick(&corpus.observed).clone()],
        _ => vec![SourceFile {
            name: "fuzz-observed.toml".into(),
            text: observed_text(&mut rng, &corpus.eurasia),
        }],
    };
    let m = rng.below(files.len());
    let donors: Vec<&str> = corpus.observed.iter().map(|f| f.text.as_str()).collect();
    let ctx = Ctx {
        vocab: &corpus.eurasia_vocab,
        donors: &donors,
        scenario: false,
        cap_amounts: opts.cap_amounts,
    };
    let ops = if rng.chance(1, 24) {
        Vec::new()
    } else {
        mutate(&mut rng, &mut files[m].text, &ctx, opts)
    };
    let real = kind != "synthesised-observations";
    let mut c = case(
        Target::Observed,
        seed,
        kind,
        ops,
        Input::Observed {
            files,
            mutated: Some(m),
        },
        rng,
    );
    c.pristine = c.pristine && real;
    c
}

/// The fixture with names CSV must quote or guard (commas, quotes, line breaks, formulas).
pub(super) fn odd_names_case(corpus: &Corpus, seed: u64, mut rng: Rng) -> Case {
    const ODD: &[&str] = &[
        "=1+1",
        "+33 port",
        "-A",
        "@home",
        "a,b",
        "say \\\"x\\\"",
        "line\\nbreak",
        "tab\\there",
        "  spaced  ",
        "<b>bold</b> & co",
        "Xi'an",
        "Ω≈ç√ 🚂",
        "1e5",
        "-34.6",
    ];
    let mut text = corpus.tiny_file.text.clone();
    let mut ops = Vec::new();
    for n in ["A", "G", "P", "Q"] {
        if rng.chance(1, 2) {
            let odd = *rng.pick(ODD);
            text = text.replacen(&format!("name = \"{n}\""), &format!("name = \"{odd}\""), 1);
            ops.push(format!("node {n} named {odd:?}"));
        }
    }
    if rng.chance(1, 2) {
        text = text.replacen("lat = 40\nlon = 80", "lat = -34.6\nlon = -58.4", 1);
        ops.push("node a in the southern and western hemispheres".into());
    }
    let files = vec![SourceFile {
        name: "tests/fixtures/tiny.toml".into(),
        text,
    }];
    case(
        Target::Csv,
        seed,
        "odd-names",
        ops,
        Input::Network {
            files,
            mutated: Some(0),
        },
        rng,
    )
}
