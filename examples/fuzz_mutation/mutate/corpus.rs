//! What cases start from and how they are drawn: the targets, the corpus of real inputs (the
//! shipped network, scenarios, demand and observation files, the test fixtures, the format page's
//! examples, each network exported as GeoJSON) with the vocabulary of their ids, and the options
//! weighting the case kinds.

use corridor::load::{self, SourceFile};
use corridor::Network;

use super::rng::Rng;

/// What a case feeds the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Network files → `load::parse` → routing.
    Network,
    /// A scenario file → `Scenario::parse` → `scenario::apply` → routing.
    Scenario,
    /// A network exported as one GeoJSON file (nodes, links and the `corridor` member's tables)
    /// → `load::parse` → routing.
    Geojson,
    /// A demand file → `demand::parse` → the assignment.
    Demand,
    /// Observation files → `observed::parse` → the model against them.
    Observed,
    /// A scenario → every CSV output on it (nodes, links, route, per corridor, Pareto, compare,
    /// reliability, sweep), each read back by a CSV reader.
    Csv,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 6] = [
        Target::Network,
        Target::Scenario,
        Target::Geojson,
        Target::Demand,
        Target::Observed,
        Target::Csv,
    ];

    /// The name used on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Network => "network",
            Target::Scenario => "scenario",
            Target::Geojson => "geojson",
            Target::Demand => "demand",
            Target::Observed => "observed",
            Target::Csv => "csv",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub(super) fn salt(self) -> u64 {
        match self {
            Target::Network => 0x6E65_7477_6F72_6B00,
            Target::Scenario => 0x7363_656E_6172_696F,
            Target::Geojson => 0x6765_6F6A_736F_6E00,
            Target::Demand => 0x6465_6D61_6E64_0000,
            Target::Observed => 0x6F62_7365_7276_6564,
            Target::Csv => 0x6373_7600_0000_0001,
        }
    }
}

/// The network a scenario is applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The shipped network.
    Eurasia,
    /// `tests/fixtures/tiny.toml`.
    Tiny,
}

/// Ids and names of one network, for structure-aware replacements.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Node ids.
    pub nodes: Vec<String>,
    /// Link ids.
    pub links: Vec<String>,
    /// Service ids.
    pub services: Vec<String>,
    /// Corridor tags.
    pub corridors: Vec<String>,
    /// Country codes present.
    pub countries: Vec<String>,
    /// Borders present, as `AA>BB`.
    pub borders: Vec<String>,
}

impl Vocab {
    pub(super) fn of(net: &Network) -> Vocab {
        let mut corridors: Vec<String> = net
            .links
            .iter()
            .flat_map(|l| l.corridors.iter().cloned())
            .chain(net.nodes.iter().flat_map(|n| n.corridors.iter().cloned()))
            .collect();
        corridors.sort();
        corridors.dedup();
        let mut borders: Vec<String> = net
            .links
            .iter()
            .filter(|l| l.border.is_some())
            .map(|l| format!("{}>{}", net.nodes[l.from].country, net.nodes[l.to].country))
            .collect();
        borders.sort();
        borders.dedup();
        Vocab {
            nodes: net.nodes.iter().map(|n| n.id.clone()).collect(),
            links: net.links.iter().map(|l| l.id.clone()).collect(),
            services: net.services.iter().map(|s| s.id.clone()).collect(),
            corridors,
            countries: net.countries(),
            borders,
        }
    }

    pub(super) fn any_id(&self, rng: &mut Rng) -> String {
        let lists = [
            &self.nodes,
            &self.links,
            &self.services,
            &self.corridors,
            &self.countries,
            &self.borders,
        ];
        let l = lists[rng.below(lists.len())];
        if l.is_empty() {
            "zz_unknown".into()
        } else {
            rng.pick(l).clone()
        }
    }
}

/// A scenario of the corpus and the network it belongs to.
#[derive(Debug, Clone)]
pub struct ScenarioSeed {
    /// The file.
    pub file: SourceFile,
    /// Its network.
    pub base: Base,
}

/// The real inputs every case starts from.
#[derive(Debug)]
pub struct Corpus {
    /// The shipped network's files, in load order.
    pub eurasia_files: Vec<SourceFile>,
    /// The shipped network, loaded.
    pub eurasia: Network,
    /// Its ids.
    pub eurasia_vocab: Vocab,
    /// `tests/fixtures/tiny.toml`.
    pub tiny_file: SourceFile,
    /// The fixture network, loaded.
    pub tiny: Network,
    /// The complete small example of `networks/README.md`, when the page still has one.
    pub readme_file: Option<SourceFile>,
    /// Its ids.
    pub tiny_vocab: Vocab,
    /// The shipped scenarios (on Eurasia) and the fixture scenarios (on tiny).
    pub scenarios: Vec<ScenarioSeed>,
    /// Each network as GeoJSON: the files beside it (none: the export carries every table), and
    /// the one exported GeoJSON file.
    pub eurasia_geojson: (Vec<SourceFile>, SourceFile),
    /// The fixture the same way.
    pub tiny_geojson: (Vec<SourceFile>, SourceFile),
    /// The shipped demand files (on Eurasia).
    pub demand: Vec<SourceFile>,
    /// The shipped observation files (on Eurasia).
    pub observed: Vec<SourceFile>,
}

/// A network as the one GeoJSON file `corridor export` writes (nodes, links, and the
/// network-level tables in its `corridor` member), which `--network FILE` reads alone: no other
/// file beside it.
fn as_geojson(net: &Network) -> (Vec<SourceFile>, SourceFile) {
    let geo = SourceFile {
        name: "zz-network.geojson".into(),
        text: corridor::output::geojson::network(net),
    };
    (Vec::new(), geo)
}

fn shipped(folder: &str, files: &[(&str, &str)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(n, t)| SourceFile {
            name: format!("<embedded>/networks/{folder}/{n}"),
            text: (*t).to_string(),
        })
        .collect()
}

const TINY: &str = include_str!("../../../tests/fixtures/tiny.toml");
const FORMAT_PAGE: &str = include_str!("../../../networks/README.md");

/// The first TOML block after a heading of `networks/README.md`.
fn page_example(heading: &str) -> Option<String> {
    let rest = &FORMAT_PAGE[FORMAT_PAGE.find(heading)?..];
    let start = rest.find("```toml\n")? + "```toml\n".len();
    let len = rest[start..].find("```")?;
    Some(rest[start..start + len].to_string())
}
const FIXTURE_SCENARIOS: [(&str, &str); 2] = [
    (
        "tests/fixtures/no-road.toml",
        include_str!("../../../tests/fixtures/no-road.toml"),
    ),
    (
        "tests/fixtures/slow-gate.toml",
        include_str!("../../../tests/fixtures/slow-gate.toml"),
    ),
];

impl Corpus {
    /// Loads the corpus; panics if the shipped data or the fixtures do not load (every other
    /// test would fail too).
    pub fn new() -> Corpus {
        let eurasia_files = load::embedded_files();
        let eurasia = load::parse(&eurasia_files).expect("the shipped network loads");
        let tiny_file = SourceFile {
            name: "tests/fixtures/tiny.toml".into(),
            text: TINY.into(),
        };
        let tiny = load::parse(std::slice::from_ref(&tiny_file)).expect("the fixture loads");
        let mut scenarios: Vec<ScenarioSeed> = load::EMBEDDED_SCENARIOS
            .iter()
            .map(|(name, text)| ScenarioSeed {
                file: SourceFile {
                    name: format!("<embedded>/networks/scenarios/{name}"),
                    text: (*text).to_string(),
                },
                base: Base::Eurasia,
            })
            .collect();
        scenarios.extend(FIXTURE_SCENARIOS.iter().map(|(name, text)| ScenarioSeed {
            file: SourceFile {
                name: (*name).into(),
                text: (*text).into(),
            },
            base: Base::Tiny,
        }));
        // The format page's examples: a whole network, and a scenario on the shipped one.
        let readme_file = page_example("## A complete small example").map(|text| SourceFile {
            name: "networks/README.md#network-example".into(),
            text,
        });
        if let Some(text) = page_example("## Scenario files") {
            scenarios.push(ScenarioSeed {
                file: SourceFile {
                    name: "networks/README.md#scenario-example".into(),
                    text,
                },
                base: Base::Eurasia,
            });
        }
        let demand: Vec<(&str, &str)> = corridor::studies::demand::SHIPPED
            .iter()
            .map(|(n, t)| (*n, *t))
            .collect();
        Corpus {
            eurasia_vocab: Vocab::of(&eurasia),
            tiny_vocab: Vocab::of(&tiny),
            eurasia_geojson: as_geojson(&eurasia),
            tiny_geojson: as_geojson(&tiny),
            demand: shipped("demand", &demand)
                .into_iter()
                .map(|mut f| {
                    f.name.push_str(".toml");
                    f
                })
                .collect(),
            observed: shipped("observed", corridor::studies::observed::SHIPPED),
            eurasia_files,
            eurasia,
            tiny_file,
            tiny,
            readme_file,
            scenarios,
        }
    }

    /// The network of a base.
    pub fn base(&self, b: Base) -> &Network {
        match b {
            Base::Eurasia => &self.eurasia,
            Base::Tiny => &self.tiny,
        }
    }

    pub(super) fn vocab(&self, b: Base) -> &Vocab {
        match b {
            Base::Eurasia => &self.eurasia_vocab,
            Base::Tiny => &self.tiny_vocab,
        }
    }
}

impl Default for Corpus {
    fn default() -> Corpus {
        Corpus::new()
    }
}

/// How cases are drawn.
#[derive(Debug, Clone)]
pub struct Options {
    /// Weights of the network case kinds, in [`NETWORK_KINDS`] order.
    pub network_mix: [u32; 6],
    /// Mutation kinds (see [`super::MUTATIONS`]) and case kinds (see [`NETWORK_KINDS`],
    /// [`SCENARIO_KINDS`]) never drawn: known defects, skipped so the rest still runs.
    pub skip: Vec<String>,
    /// Keep the amounts of scenario edits (synthesised edits and numbers replaced in scenario
    /// files) within 1e-3…1e3, so that no compounding of factors can overflow.
    pub cap_amounts: bool,
    /// Run the costly parts of the data targets (the shipped network as GeoJSON, its
    /// assignment, the observations that need one, compare, reliability and sweep on it) now
    /// and then; off in the debug suite, where each takes a second.
    pub heavy: bool,
}

/// Network case kinds: a small whole network (the fixture, or the format page's example); one
/// shipped file with the `[network]` file; the first
/// two to four shipped files; the whole shipped network; odd file lists (the same file twice,
/// two copies under two names, a scenario read as a network, an empty file); no file at all.
pub const NETWORK_KINDS: [&str; 6] = [
    "small-network",
    "one-shipped-file",
    "shipped-prefix",
    "shipped-network",
    "odd-file-list",
    "no-files",
];

/// Scenario case kinds: a shipped scenario, a fixture scenario, one adding a node and links,
/// synthesised edits on the network's ids, edits compounding huge or tiny factors on one broad
/// selection, and a shipped scenario combined with another.
pub const SCENARIO_KINDS: [&str; 6] = [
    "shipped-scenario",
    "fixture-scenario",
    "additions",
    "synthesised",
    "compound",
    "combined",
];

impl Options {
    /// The mix for long release runs: mostly cheap inputs, the whole shipped network now and
    /// then (it takes ~6 ms to load in release).
    pub fn release() -> Options {
        Options {
            network_mix: [400, 300, 160, 40, 30, 2],
            skip: Vec::new(),
            cap_amounts: false,
            heavy: true,
        }
    }

    /// The mix for the normal (debug) test suite: no whole-network loads (~100 ms each there).
    pub fn quick() -> Options {
        Options {
            network_mix: [550, 300, 80, 0, 30, 10],
            heavy: false,
            ..Options::release()
        }
    }

    pub(super) fn skips(&self, kind: &str) -> bool {
        self.skip.iter().any(|s| s == kind)
    }
}
