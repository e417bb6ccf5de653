//! A seeded mutation fuzzer for corridor's inputs (network, scenario, GeoJSON network, demand
//! and observation files) and its CSV outputs, on stable Rust (its one dependency, the `csv`
//! crate, reads the CSV back as an independent reader).
//!
//! One `(target, seed)` pair is one complete case: a small xorshift generator seeded from it
//! picks a real input (a shipped network file, the whole shipped network, a shipped scenario,
//! demand or observation file, a test fixture, a network exported as GeoJSON, or a scenario,
//! demand or observations synthesised from the network's own ids), then applies one to a few
//! mutations to it, both structure-aware (drop, duplicate or swap lines and records, numbers
//! replaced by edge values, ids swapped for unknown ones, table headers inserted, very long
//! strings and multi-line strings holding header-like lines, edits duplicated so that their
//! factors compound; for GeoJSON: features and properties dropped, duplicated, set to `null`,
//! to edge numbers or other types, duplicate keys, broken geometries) and byte-level
//! (truncation, control characters, U+FFFE, flipped bytes, unbalanced quotes and brackets). The
//! case is then run through the library and checked against the invariant:
//!
//! - nothing panics, hangs (each case is time-boxed) or allocates without bound (the process's
//!   resident memory is watched while a case runs);
//! - a bad input gives `Err(InvalidNetwork)`, `Err(InvalidScenario)`, `Err(InvalidDemand)` or
//!   `Err(InvalidObservations)` with at least one problem, each naming a file that was given, a
//!   line inside it (0 only for the whole-network "no `[network]` table" problem, and for a
//!   GeoJSON file, whose problems name the feature and property), a field and a message;
//! - an input the format forbids whatever else the case did (a GeoJSON `null`, duplicate key or
//!   out-of-range coordinate) is refused, not loaded;
//! - when the input is accepted, what it holds is sane (no control or bidi character in a name,
//!   finite volumes and ranges), routing on it never panics, a route reported as found has
//!   finite, non-negative totals and steps, an assignment keeps every TEU of the demand (routed
//!   plus unrouted), the model's values against observations are finite;
//! - every CSV written on an accepted input reads back with a CSV reader, each number column
//!   holding numbers (negative ones too), each text cell that a spreadsheet would run guarded.
//!
//! The files, in the order a case flows through them:
//!
//! - `rng.rs`: the generator; `corpus.rs`: targets, real inputs and their ids, options;
//! - `case.rs`: the case of a seed (`case_data.rs` for the GeoJSON, demand, observation and CSV
//!   targets); `mutations.rs`: the mutation kinds and how many are drawn, applied by
//!   `structure.rs` (lines, records, keys, values; its words in `words.rs`, its reading of the
//!   text in `lines.rs`) or `bytes.rs` (the raw text); `json.rs`: the GeoJSON mutations;
//! - `check.rs`: the invariant (`check_data.rs` for demand, observations and CSV; `csv_out.rs`:
//!   the CSV reading and its column kinds); `guard.rs`: the runner (panics, hangs, memory) and the
//!   shrinker.
//!
//! Used by `examples/fuzz_mutation/main.rs` (long runs, release mode) and by the test suite
//! (`tests/all/fuzz_mutation.rs`, a fixed few thousand cases), which includes this folder with
//! `#[path]`. It is not part of the library.

// Each of its users (the example, the test suite, the cargo-fuzz targets) takes a part of it.
#![allow(dead_code, unused_imports)]

mod bytes;
mod case;
mod case_data;
mod check;
mod check_data;
mod corpus;
mod csv_out;
mod guard;
mod json;
mod lines;
mod mutations;
mod rng;
mod structure;
mod words;

pub use case::{generate, Case, Input};
pub use case_data::{CSV_KINDS, DEMAND_KINDS, GEOJSON_KINDS, OBSERVED_KINDS};
pub use check::{
    check_error, check_problems, check_route, check_routing, execute, Failure, Tally, Violation,
};
pub use corpus::{
    Base, Corpus, Options, ScenarioSeed, Target, Vocab, NETWORK_KINDS, SCENARIO_KINDS,
};
pub use csv_out::{check_csv, CsvCounts, BOOL_COLUMNS, NUMBER_COLUMNS, TEXT_COLUMNS};
pub use guard::{minimise, resident_bytes, Engine, Guard};
pub use json::{JSON_MUTATIONS, MUST_REFUSE};
pub use mutations::MUTATIONS;
pub use rng::Rng;
