//! The case generator: from a `(target, seed)` pair, the input a case runs — which real input,
//! or which synthesised scenario, and the mutations applied to it — and its description.

use std::fmt::Write as _;

use corridor::load::SourceFile;
use corridor::Network;

use super::case_data;
use super::corpus::{Base, Corpus, Options, ScenarioSeed, Target, NETWORK_KINDS, SCENARIO_KINDS};
use super::mutations::mutate;
use super::rng::Rng;
use super::structure::{synth_edit, Ctx};

/// What a case runs.
#[derive(Debug, Clone)]
pub enum Input {
    /// Network files for `load::parse`; `mutated` is the index of the mutated one.
    Network {
        /// The files.
        files: Vec<SourceFile>,
        /// Which one was mutated.
        mutated: Option<usize>,
    },
    /// A scenario file, the network it goes with, and maybe a shipped scenario combined after it.
    Scenario {
        /// The mutated file.
        file: SourceFile,
        /// Its network.
        base: Base,
        /// Combined after it with [`Scenario::combine`].
        then: Option<SourceFile>,
    },
    /// A demand file and the network it goes with.
    Demand {
        /// The mutated file.
        file: SourceFile,
        /// Its network.
        base: Base,
    },
    /// Observation files (on the shipped network); `mutated` is the index of the mutated one.
    Observed {
        /// The files.
        files: Vec<SourceFile>,
        /// Which one was mutated.
        mutated: Option<usize>,
    },
}

/// One complete case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Which target.
    pub target: Target,
    /// Its seed.
    pub seed: u64,
    /// The case kind (see [`NETWORK_KINDS`], [`SCENARIO_KINDS`]).
    pub kind: String,
    /// The mutations applied, in order.
    pub ops: Vec<String>,
    /// The input.
    pub input: Input,
    /// Whether no mutation was applied to a real input (which must then be accepted).
    pub pristine: bool,
    /// A mutation applied that makes the input invalid whatever else was done (see
    /// `json::MUST_REFUSE`): the input must then be refused.
    pub must_refuse: Option<String>,
    /// Whether the costly parts of a study may run (`Options::heavy`).
    pub heavy: bool,
    /// Random state left for the run (pairs, constraints).
    pub(super) rng: Rng,
}

impl Case {
    /// A one-line description: kind, files and mutations.
    pub fn describe(&self) -> String {
        let what = match &self.input {
            Input::Network { files, mutated } | Input::Observed { files, mutated } => {
                let names: Vec<String> = files
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let short = f.name.rsplit('/').next().unwrap_or(&f.name);
                        if Some(i) == *mutated {
                            format!("{short}*")
                        } else {
                            short.to_string()
                        }
                    })
                    .collect();
                format!("files [{}]", names.join(", "))
            }
            Input::Scenario { file, base, then } => format!(
                "{}* on {base:?}{}",
                file.name.rsplit('/').next().unwrap_or(&file.name),
                then.as_ref()
                    .map(|t| format!(" + {}", t.name.rsplit('/').next().unwrap_or(&t.name)))
                    .unwrap_or_default()
            ),
            Input::Demand { file, base } => format!(
                "{}* on {base:?}",
                file.name.rsplit('/').next().unwrap_or(&file.name)
            ),
        };
        format!("{} {what}; {}", self.kind, self.ops.join("; "))
    }

    /// The mutated text (for `--show`).
    pub fn mutated_text(&self) -> Option<&str> {
        match &self.input {
            Input::Network { files, mutated } | Input::Observed { files, mutated } => {
                mutated.map(|i| files[i].text.as_str())
            }
            Input::Scenario { file, .. } | Input::Demand { file, .. } => Some(&file.text),
        }
    }

    /// Replaces the mutated text (for minimising).
    pub fn set_mutated_text(&mut self, text: String) {
        match &mut self.input {
            Input::Network { files, mutated } | Input::Observed { files, mutated } => {
                if let Some(i) = mutated {
                    files[*i].text = text;
                }
            }
            Input::Scenario { file, .. } | Input::Demand { file, .. } => file.text = text,
        }
    }
}

fn scenario_head(name: &str) -> String {
    format!("[scenario]\nname = \"{name}\"\ndescription = \"fuzz\"\n")
}

/// A scenario adding a node and one or two links to a base network, with an edit on them.
fn additions_text(rng: &mut Rng, net: &Network) -> String {
    let a = &net.nodes[rng.below(net.nodes.len())];
    let b = &net.nodes[rng.below(net.nodes.len())];
    let mut s = scenario_head("fuzz-additions");
    let _ = write!(
        s,
        "\n[[node]]\nid = \"fz_new\"\nname = \"Fz\"\ncountry = \"{}\"\nlat = {:.3}\nlon = {:.3}\nkind = \"rail_terminal\"\nsource = {{ coords = \"x\" }}\n[[node.transfer]]\nkind = \"rail_road\"\nhours = 4\nusd = 80\nsource = {{ hours = \"x\", usd = \"x\" }}\n",
        a.country,
        (a.lat + 0.3).clamp(-90.0, 90.0),
        (a.lon + 0.3).clamp(-180.0, 180.0)
    );
    let _ = write!(
        s,
        "\n[[link]]\nid = \"fz-road\"\nfrom = \"{}\"\nto = \"fz_new\"\nmode = \"road\"\nhours = 3\nusd_fixed = 90\nsource = {{ hours = \"x\", usd_fixed = \"x\" }}\n",
        a.id
    );
    let _ = write!(
        s,
        "\n[[link]]\nid = \"fz-rail\"\nfrom = \"fz_new\"\nto = \"{}\"\nmode = \"rail\"\ngauge = 1520\nspeed_kmh = 45\nusd_per_km = 0.8\nsource = {{ speed_kmh = \"x\", usd_per_km = \"x\" }}\n",
        b.id
    );
    if b.country != a.country {
        s.push_str(
            "[link.border]\nhours = 12\nusd = 100\nsource = { hours = \"x\", usd = \"x\" }\n",
        );
    }
    s.push_str("\n[[edit]]\naction = \"scale\"\nselect = { links = [\"fz-rail\"] }\nfield = \"speed_kmh\"\nfactor = 2\nrationale = \"edits may target added links\"\n");
    s
}

/// Two to six set or scale edits on one broad selection, with huge, tiny and zero amounts, so
/// that they compound (1e308 × 1e308, ∞ / ∞, 0 × ∞).
fn compound_text(rng: &mut Rng, cap: bool) -> String {
    let select = *rng.pick(&[
        "{ mode = \"rail\" }",
        "{ mode = \"sea\" }",
        "{ mode = \"road\" }",
        "{ country = \"KZ\" }",
        "{ corridor = \"middle\" }",
        "{ country = \"AZ\" }",
    ]);
    let fields = [
        "km",
        "speed_kmh",
        "hours",
        "usd_per_km",
        "usd_fixed",
        "wait_hours",
        "call_hours",
        "border.hours",
        "border.usd",
        "transfer.hours",
        "transfer.usd",
    ];
    let huge = [
        "1e308",
        "1.7976931348623157e308",
        "1e154",
        "1e200",
        "1e-320",
        "5e-324",
        "1e-308",
    ];
    let mut s = scenario_head("fuzz-compound");
    for _ in 0..2 + rng.below(5) {
        let field = *rng.pick(&fields);
        let (action, key, amount) = if rng.chance(1, 4) {
            (
                "set",
                "value",
                if cap {
                    "0"
                } else {
                    *rng.pick(&["0", "1e308", "5e-324"])
                },
            )
        } else {
            (
                "scale",
                "factor",
                if cap {
                    *rng.pick(&["0.5", "2", "1000"])
                } else {
                    *rng.pick(&huge)
                },
            )
        };
        let select = if field.starts_with("transfer.") {
            "{ kind = \"sea_port\" }"
        } else {
            select
        };
        let _ = write!(
            s,
            "\n[[edit]]\naction = \"{action}\"\nselect = {select}\nfield = \"{field}\"\n{key} = {amount}\nrationale = \"fuzz: compounding\"\n"
        );
    }
    s
}

/// Draws the case of a seed.
pub fn generate(corpus: &Corpus, opts: &Options, target: Target, seed: u64) -> Case {
    let mut rng = Rng::new(seed ^ target.salt());
    // One case in 48 runs a real input unmutated (it must be accepted).
    let pristine = rng.chance(1, 48);
    let donors_all: Vec<&str> = corpus
        .eurasia_files
        .iter()
        .map(|f| f.text.as_str())
        .chain(std::iter::once(corpus.tiny_file.text.as_str()))
        .chain(corpus.scenarios.iter().map(|s| s.file.text.as_str()))
        .collect();
    let draw = Draw {
        corpus,
        opts,
        seed,
        pristine,
        donors_all: &donors_all,
    };
    let mut case = match target {
        Target::Network => network_case(draw, rng),
        Target::Scenario => scenario_case(draw, rng),
        Target::Geojson => case_data::geojson_case(corpus, opts, seed, rng),
        Target::Demand => case_data::demand_case(corpus, opts, seed, rng),
        Target::Observed => case_data::observed_case(corpus, opts, seed, rng),
        Target::Csv => {
            if !opts.skips("odd-names") && rng.chance(1, 4) {
                case_data::odd_names_case(corpus, seed, rng)
            } else {
                let mut c = scenario_case(draw, rng);
                c.target = Target::Csv;
                c
            }
        }
    };
    case.heavy = opts.heavy;
    case
}

/// What every case of a seed is drawn with.
#[derive(Clone, Copy)]
struct Draw<'a> {
    corpus: &'a Corpus,
    opts: &'a Options,
    seed: u64,
    /// Whether to leave the input unmutated.
    pristine: bool,
    /// Texts to splice records from: every file of the corpus.
    donors_all: &'a [&'a str],
}

/// The case of a network seed, drawn on from `rng`.
fn network_case(draw: Draw<'_>, mut rng: Rng) -> Case {
    let Draw {
        corpus,
        opts,
        seed,
        pristine,
        donors_all,
    } = draw;
    let target = Target::Network;

    let mut mix = opts.network_mix;
    for (i, k) in NETWORK_KINDS.iter().enumerate() {
        if opts.skips(k) {
            mix[i] = 0;
        }
    }
    let kind = NETWORK_KINDS[rng.weighted(&mix)];
    let ef = &corpus.eurasia_files;
    let (mut files, mutated, vocab) = match kind {
        "small-network" => {
            let f = match &corpus.readme_file {
                Some(r) if rng.chance(1, 3) => r.clone(),
                _ => corpus.tiny_file.clone(),
            };
            (vec![f], Some(0), &corpus.tiny_vocab)
        }
        "one-shipped-file" => {
            let i = rng.below(ef.len());
            if i == 0 {
                (vec![ef[0].clone()], Some(0), &corpus.eurasia_vocab)
            } else {
                (
                    vec![ef[0].clone(), ef[i].clone()],
                    Some(1),
                    &corpus.eurasia_vocab,
                )
            }
        }
        "shipped-prefix" => {
            let k = 2 + rng.below(3);
            let m = rng.below(k);
            (ef[..k].to_vec(), Some(m), &corpus.eurasia_vocab)
        }
        "shipped-network" => {
            let m = rng.below(ef.len());
            (ef.clone(), Some(m), &corpus.eurasia_vocab)
        }
        _ => {
            // Odd lists of files: none, the same file twice, two copies under different
            // names, a scenario read as a network, an empty file.
            let t = corpus.tiny_file.clone();
            let sub = if kind == "no-files" {
                0
            } else {
                1 + rng.below(4)
            };
            let ops = vec![format!(
                "odd list: {}",
                [
                    "no files",
                    "same file twice",
                    "two copies, two names",
                    "a scenario as a network",
                    "an empty file with the fixture"
                ][sub]
            )];
            let files = match sub {
                0 => vec![],
                1 => vec![t.clone(), t],
                2 => {
                    let mut u = t.clone();
                    u.name = "copy.toml".into();
                    vec![t, u]
                }
                3 => vec![corpus.scenarios[rng.below(corpus.scenarios.len())]
                    .file
                    .clone()],
                _ => vec![
                    SourceFile {
                        name: "empty.toml".into(),
                        text: String::new(),
                    },
                    t,
                ],
            };
            return Case {
                target,
                seed,
                kind: kind.into(),
                ops,
                input: Input::Network {
                    files,
                    mutated: None,
                },
                pristine: false,
                must_refuse: None,
                heavy: false,
                rng,
            };
        }
    };
    let mut ops = Vec::new();
    if let (false, Some(m)) = (pristine, mutated) {
        let ctx = Ctx {
            vocab,
            donors: donors_all,
            scenario: false,
            cap_amounts: opts.cap_amounts,
        };
        ops = mutate(&mut rng, &mut files[m].text, &ctx, opts);
    }
    // Only whole networks must load unmutated (a shipped file alone names nodes of others).
    let whole = matches!(kind, "small-network" | "shipped-network");
    Case {
        target,
        seed,
        kind: kind.into(),
        pristine: whole && ops.is_empty(),
        ops,
        input: Input::Network { files, mutated },
        must_refuse: None,
        heavy: false,
        rng,
    }
}

/// The case of a scenario seed, drawn on from `rng`.
fn scenario_case(draw: Draw<'_>, mut rng: Rng) -> Case {
    let Draw {
        corpus,
        opts,
        seed,
        pristine,
        donors_all,
    } = draw;
    let target = Target::Scenario;
    let mut mix = [40u32, 12, 15, 22, 5, 6];
    for (i, k) in SCENARIO_KINDS.iter().enumerate() {
        if opts.skips(k) {
            mix[i] = 0;
        }
    }
    let kind = SCENARIO_KINDS[rng.weighted(&mix)];
    let shipped: Vec<&ScenarioSeed> = corpus
        .scenarios
        .iter()
        .filter(|s| s.base == Base::Eurasia)
        .collect();
    let fixtures: Vec<&ScenarioSeed> = corpus
        .scenarios
        .iter()
        .filter(|s| s.base == Base::Tiny)
        .collect();
    let mut then = None;
    let mut real = true;
    let (mut file, base) = match kind {
        "shipped-scenario" | "combined" => {
            let s = rng.pick(&shipped);
            if kind == "combined" {
                then = Some(rng.pick(&shipped).file.clone());
            }
            (s.file.clone(), Base::Eurasia)
        }
        "fixture-scenario" => {
            let s = rng.pick(&fixtures);
            (s.file.clone(), Base::Tiny)
        }
        "additions" => {
            let base = if rng.chance(1, 2) {
                Base::Tiny
            } else {
                Base::Eurasia
            };
            let text = additions_text(&mut rng, corpus.base(base));
            (
                SourceFile {
                    name: "fuzz-additions.toml".into(),
                    text,
                },
                base,
            )
        }
        "compound" => {
            real = false;
            let base = if rng.chance(1, 3) {
                Base::Tiny
            } else {
                Base::Eurasia
            };
            (
                SourceFile {
                    name: "fuzz-compound.toml".into(),
                    text: compound_text(&mut rng, opts.cap_amounts),
                },
                base,
            )
        }
        _ => {
            real = false;
            let base = if rng.chance(1, 3) {
                Base::Tiny
            } else {
                Base::Eurasia
            };
            let ctx = Ctx {
                vocab: corpus.vocab(base),
                donors: &[],
                scenario: true,
                cap_amounts: opts.cap_amounts,
            };
            (
                SourceFile {
                    name: "fuzz-synthesised.toml".into(),
                    text: synthesised_text(&mut rng, &ctx),
                },
                base,
            )
        }
    };
    let ctx = Ctx {
        vocab: corpus.vocab(base),
        donors: donors_all,
        scenario: true,
        cap_amounts: opts.cap_amounts,
    };
    // Synthesised scenarios are already odd: mutate only half of them further.
    let ops = if pristine || (!real && rng.chance(1, 2)) {
        Vec::new()
    } else {
        mutate(&mut rng, &mut file.text, &ctx, opts)
    };
    let mut ops_all = Vec::new();
    if !real {
        ops_all.push("synthesised edits".to_string());
    }
    let pristine = real && ops.is_empty();
    ops_all.extend(ops);
    Case {
        target,
        seed,
        kind: kind.into(),
        ops: ops_all,
        input: Input::Scenario { file, base, then },
        pristine,
        must_refuse: None,
        heavy: false,
        rng,
    }
}

/// A scenario of one to five edits synthesised on the network's ids.
fn synthesised_text(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let mut text = scenario_head("fuzz-synthesised");
    // A third of them reuse one selection for every edit, so that set and scale edits compound
    // on the same links.
    let compound = rng.chance(1, 3);
    let mut select: Option<String> = None;
    for _ in 0..1 + rng.below(5) {
        let e = synth_edit(rng, ctx);
        let line = e
            .lines()
            .find(|l| l.starts_with("select ="))
            .map(String::from);
        match (&select, line) {
            (Some(sel), Some(l)) if compound => {
                text.push_str(&e.replace(&l, sel));
            }
            (_, l) => {
                if select.is_none() {
                    select = l;
                }
                text.push_str(&e);
            }
        }
    }
    text
}
