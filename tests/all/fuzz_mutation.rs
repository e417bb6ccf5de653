//! The seeded mutation fuzzer of `examples/fuzz_mutation/mutate/` in the normal suite: a fixed set of
//! seeds for each target (network, scenario, GeoJSON, demand and observation files, CSV
//! outputs), each case time-boxed and checked against the invariant (no panic, hang or runaway
//! memory; every rejection located by file, line and field; found routes finite; what is
//! accepted sane; every CSV output readable with its numbers as numbers). Long runs:
//! `cargo run --release --example fuzz_mutation`.

#[path = "../../examples/fuzz_mutation/mutate/mod.rs"]
pub(crate) mod mutate;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use mutate::{Engine, Failure, Guard, Options, Tally, Target};

/// Mutation kinds and case kinds (names from `mutate::MUTATIONS`, `NETWORK_KINDS`,
/// `SCENARIO_KINDS`) to skip here. Empty: the defects the first long run found (`parse(&[])`
/// panicking; compounding scale and set edits overflowing weights to ∞ or NaN, found routes with
/// infinite totals and NaN weights hanging the search) are fixed, and every kind runs.
const KNOWN_BAD_KINDS: &[&str] = &[];

/// Keeps scenario edit amounts within 1e-3…1e3 when set; off: any amount must give a located
/// error or a finite answer.
const KNOWN_BAD_CAP_AMOUNTS: bool = false;

/// Kinds skipped in the data targets' cases. Empty: GeoJSON loading is linear, so a file of
/// thousands of features is no hang.
const KNOWN_BAD_DATA_KINDS: &[&str] = &[];

/// Failures (`target class: signature` prefixes) of the data targets tolerated. Empty: GeoJSON
/// `null`, duplicate keys and out-of-range coordinates, and control characters in demand texts,
/// are refused.
const KNOWN_BAD_FINDINGS: &[&str] = &[];

const SEED: u64 = 1_000_000;
// Sized for CI (about 20 s of CPU for the six targets in a debug build, from 57 s at 1,500,
// 2,500, 600, 1,000, 1,000 and 600 cases); `the_suites_seeds_draw_every_case_kind_and_every_mutation`
// checks that these seeds still try every case kind and mutation. The long release campaigns
// (`cargo run --release --example fuzz_mutation`) run millions.
const NETWORK_CASES: u64 = 600;
const SCENARIO_CASES: u64 = 1_000;
const GEOJSON_CASES: u64 = 250;
const DEMAND_CASES: u64 = 300;
const OBSERVED_CASES: u64 = 400;
const CSV_CASES: u64 = 250;

fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let mut opts = Options::quick();
            opts.skip = KNOWN_BAD_KINDS.iter().map(|s| s.to_string()).collect();
            opts.cap_amounts = KNOWN_BAD_CAP_AMOUNTS;
            Arc::new(Engine::new(opts))
        })
        .clone()
}

/// The engine of the data targets (GeoJSON, demand, observations, CSV).
fn data_engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let mut opts = Options::quick();
            opts.skip = KNOWN_BAD_KINDS
                .iter()
                .chain(KNOWN_BAD_DATA_KINDS)
                .map(|s| s.to_string())
                .collect();
            Arc::new(Engine::new(opts))
        })
        .clone()
}

fn run(target: Target, count: u64) -> Tally {
    let engine = match target {
        Target::Network | Target::Scenario => engine(),
        _ => data_engine(),
    };
    // The time box counts the case thread's CPU time (see `mutate::guard`), so other work on the
    // machine does not turn a slow case into a "hang". Generous for a debug build: a release case
    // takes well under 10 ms, but a demand case runs an assignment (60 ms in release, seconds in
    // debug) and the slowest scenario case (a malformed file whose every problem is located,
    // 0.34 s in release) takes about 6 s in debug. The guard is there to catch hangs; the long
    // release campaigns hold every case to 2 s.
    let limit = 30;
    let mut guard = Guard::new(engine, Duration::from_secs(limit), 3 << 30);
    let mut tally = Tally::default();
    let mut failures: Vec<Failure> = Vec::new();
    for i in 0..count {
        match guard.run(target, SEED + i) {
            Ok(t) => tally.add(&t),
            Err(f) if KNOWN_BAD_FINDINGS.iter().any(|k| f.key().starts_with(k)) => {
                tally.cases += 1;
            }
            Err(f) => {
                failures.push(f);
                if guard.poisoned || guard.abandoned >= 3 || failures.len() >= 20 {
                    break;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s); reproduce one with `cargo run --release --example fuzz_mutation -- --show --target {} --seed SEED`:\n{}",
        failures.len(),
        target.as_str(),
        failures
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    tally
}

#[test]
fn mutated_networks_are_rejected_with_located_problems_or_route_finitely() {
    let t = run(Target::Network, NETWORK_CASES);
    assert_eq!(t.cases, NETWORK_CASES);
    // The mutations must not be so crude that nothing loads, nor so mild that nothing fails.
    assert!(t.accepted > NETWORK_CASES / 20, "{t:?}");
    assert!(t.rejected > NETWORK_CASES / 2, "{t:?}");
    assert!(t.found > 0, "{t:?}");
}

#[test]
fn mutated_scenarios_are_rejected_with_located_problems_or_route_finitely() {
    let t = run(Target::Scenario, SCENARIO_CASES);
    assert_eq!(t.cases, SCENARIO_CASES);
    assert!(t.accepted > SCENARIO_CASES / 10, "{t:?}");
    assert!(t.rejected > SCENARIO_CASES / 4, "{t:?}");
    // Most accepted cases route several queries; the capacity-only scenario routes none.
    assert!(t.found > SCENARIO_CASES * 4 / 5, "{t:?}");
}

#[test]
fn mutated_geojson_networks_are_rejected_with_located_problems_or_route_finitely() {
    let t = run(Target::Geojson, GEOJSON_CASES);
    assert_eq!(t.cases, GEOJSON_CASES);
    assert!(t.accepted > GEOJSON_CASES / 20, "{t:?}");
    assert!(t.rejected > GEOJSON_CASES / 2, "{t:?}");
    assert!(t.found > 0, "{t:?}");
}

#[test]
fn mutated_demand_files_are_rejected_with_located_problems_or_assigned_keeping_every_teu() {
    let t = run(Target::Demand, DEMAND_CASES);
    assert_eq!(t.cases, DEMAND_CASES);
    assert!(t.accepted > DEMAND_CASES / 20, "{t:?}");
    assert!(t.rejected > DEMAND_CASES / 2, "{t:?}");
    assert!(t.found > 0, "assignments ran: {t:?}");
}

#[test]
fn mutated_observation_files_are_rejected_with_located_problems_or_compared_finitely() {
    let t = run(Target::Observed, OBSERVED_CASES);
    assert_eq!(t.cases, OBSERVED_CASES);
    assert!(t.accepted > OBSERVED_CASES / 20, "{t:?}");
    assert!(t.rejected > OBSERVED_CASES / 2, "{t:?}");
    assert!(t.found > 0, "comparisons ran: {t:?}");
}

#[test]
fn every_csv_output_on_mutated_inputs_reads_back_with_numbers_as_numbers() {
    let t = run(Target::Csv, CSV_CASES);
    assert_eq!(t.cases, CSV_CASES);
    assert!(t.accepted > CSV_CASES / 10, "{t:?}");
    // Nodes and links at least for every accepted case, the studies' CSV on many.
    assert!(t.found > 2 * t.accepted, "{t:?}");
}

#[test]
fn the_csv_check_finds_numbers_written_as_text_and_unguarded_formulas() {
    let good = "id,name,lat,km_estimated\na,'-A,-34.6,true\n";
    let c = mutate::check_csv("t", good).unwrap();
    assert_eq!((c.rows, c.numbers, c.negatives), (1, 1, 1));
    for bad in [
        "id,lat\na,'-34.600\n",
        "id,lat\na,inf\n",
        "id,name\na,-A\n",
        "id,km_estimated\na,yes\n",
        "id,lat\na,1,2\n",
        "id,colour\na,red\n",
        "id,lat\na,1",
    ] {
        assert!(mutate::check_csv("t", bad).is_err(), "{bad:?}");
    }
}

#[test]
fn a_seed_is_a_complete_case() {
    let e = engine();
    for target in Target::ALL {
        for seed in [0, 1, 77, u64::MAX] {
            let (a, b) = (e.case(target, seed), e.case(target, seed));
            assert_eq!(a.describe(), b.describe());
            assert_eq!(a.mutated_text(), b.mutated_text());
        }
        let texts: std::collections::BTreeSet<String> =
            (0..50).map(|s| e.case(target, s).describe()).collect();
        assert!(texts.len() > 40, "seeds give different cases");
    }
}

#[test]
fn the_generator_is_xorshift_and_deterministic() {
    let mut a = mutate::Rng::new(42);
    let mut b = mutate::Rng::new(42);
    let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
    let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
    assert_eq!(xs, ys);
    assert_ne!(mutate::Rng::new(43).next_u64(), xs[0]);
    assert!((0..1000).all(|_| a.below(7) < 7));
}

/// The seeds this suite runs for a target.
fn seeds(target: Target) -> std::ops::Range<u64> {
    let count = match target {
        Target::Network => NETWORK_CASES,
        Target::Scenario => SCENARIO_CASES,
        Target::Geojson => GEOJSON_CASES,
        Target::Demand => DEMAND_CASES,
        Target::Observed => OBSERVED_CASES,
        Target::Csv => CSV_CASES,
    };
    SEED..SEED + count
}

/// The suite runs a few hundred cases a target, sized for CI; the long release campaigns run
/// millions. So that the short run still tries everything, its seeds must draw every case kind
/// of each target and every mutation kind that applies to it (text mutations for TOML inputs,
/// JSON ones for GeoJSON).
#[test]
fn the_suites_seeds_draw_every_case_kind_and_every_mutation() {
    use std::collections::BTreeSet;
    let e = engine();
    let d = data_engine();
    for target in Target::ALL {
        let engine = match target {
            Target::Network | Target::Scenario => &e,
            _ => &d,
        };
        // The quick mix never loads the whole shipped network (about 100 ms each in debug), as
        // TOML or as GeoJSON, and the edit mutations apply to scenario texts only.
        let text_mutations: Vec<&str> = mutate::MUTATIONS
            .iter()
            .copied()
            .filter(|m| target == Target::Scenario || !matches!(*m, "synth-edit" | "dup-edit"))
            .collect();
        let network_kinds: Vec<&str> = mutate::NETWORK_KINDS
            .iter()
            .copied()
            .filter(|k| *k != "shipped-network")
            .collect();
        let (kinds, mutations): (&[&str], &[&str]) = match target {
            Target::Network => (&network_kinds, &text_mutations),
            Target::Scenario => (&mutate::SCENARIO_KINDS, &text_mutations),
            Target::Geojson => (&mutate::GEOJSON_KINDS[..1], &mutate::JSON_MUTATIONS),
            Target::Demand => (&mutate::DEMAND_KINDS, &text_mutations),
            Target::Observed => (&mutate::OBSERVED_KINDS, &text_mutations),
            Target::Csv => (&mutate::CSV_KINDS, &[]),
        };
        let mut seen_kinds = BTreeSet::new();
        let mut seen_ops = BTreeSet::new();
        for seed in seeds(target) {
            let case = engine.case(target, seed);
            seen_kinds.insert(case.kind.clone());
            for op in &case.ops {
                seen_ops.insert(op.split(':').next().unwrap_or("").to_string());
            }
        }
        let missing_kinds: Vec<&&str> =
            kinds.iter().filter(|k| !seen_kinds.contains(**k)).collect();
        let missing_ops: Vec<&&str> = mutations
            .iter()
            .filter(|m| !seen_ops.contains(**m))
            .collect();
        assert!(
            missing_kinds.is_empty() && missing_ops.is_empty(),
            "{}: {} seeds never draw the case kinds {missing_kinds:?} nor the mutations {missing_ops:?}",
            target.as_str(),
            seeds(target).count()
        );
    }
}
