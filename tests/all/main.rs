//! The integration tests of `corridor`, in one binary: one link instead of one per file, and
//! every test free to run beside every other. Each module below is one group; the comment says
//! what it tests. Run one group with `cargo test --test all GROUP::`.
//!
//! The seeded mutation fuzzer runs here too. Its guard watches the resident memory of the whole
//! process (`/proc/self/statm`) against a 3 GiB limit, so the other tests running beside it
//! (at most a few hundred MiB, the streaming test's two 13 MB networks included) move that
//! measure by well under a tenth of the limit: not enough to turn a bounded case into a runaway
//! or hide one, so it needs no binary of its own.

// Helpers: the `Cmd` builder for runs of the binary, the `Net` builder for small networks'
// TOML, reading SVG text and rasterised pixels, the demo map and the shipped network's required
// ids.
mod support;

// The command line end to end: outputs, exit codes and error messages of every subcommand.
mod cli;
// `corridor batch`: shards, threads, resume and merge against each command alone; bad manifests.
mod batch;
// Tables fitted to `COLUMNS` (or the terminal): no line wider, the same numbers.
mod cli_width;
// `--help` examples that run, and a manual page per command.
mod cli_help;
// No-route JSON, the generalized cost in tables and JSON, the sweep CSV's switch points.
mod cli_outputs;
// The work the library counts for a progress display: loads, sweeps, samples, iterations.
mod progress;
// Inputs that once gave a silent wrong answer, hung, ate memory or wrote where they should not.
mod abuse;
// Byte snapshots (insta) of the step table, Markdown, CSV, JSON, the comparison and two charts.
mod snapshots;
// `corridor report`: the folder, its numbers against the JSON, reproducibility, the committed
// example, a browser rendering it.
mod report;
// GeoJSON out and back in: routes, the exported network, GDAL reading both.
mod geojson;

// Skims: every cell what `route` answers for the pair; the `skim` command's outputs.
mod skim;
// The shipped network and scenarios: they load, route, and each scenario does what it claims.
mod shipped;
// Scenario edits and sweeps on the hand-drawn fixture network.
mod scenarios;
// The network's default study: the shipped one, the checks of a written one, and the front ends
// without one.
mod study;
// CO2 per step and per route against a hand-computed fixture.
mod co2;
// Monte Carlo reliability against closed forms, and its determinism.
mod reliability;
// Sensitivity screening: Morris and Sobol against closed forms, sign flips, determinism.
mod sensitivity;
// `corridor sensitivity --rank`: the estimates that could reverse two candidate projects' order.
mod sensitivity_rank;
// Queue models against closed forms and an independent Markov chain.
mod queue;
// The assignment: equilibria, zero demand, the shipped 2030 question, bad input.
mod assign;
// `corridor invest`: the portfolio against brute force on a network with known interactions,
// threads, bad project files.
mod calibrate;
mod invest;
// `corridor invest`'s values: the spread saved (cached studies against a study per case) and
// the residual value shown apart from the users' benefits.
mod invest_value;
// `corridor observed`: the model's values against the shipped observations and hand-made ones,
// and every kind of bad observation file.
mod observed;
// The router against a brute-force oracle on random small networks (proptest).
mod oracle;
// A file read in pieces loads, and locates its problems, as its whole text does.
mod streaming;
// Mutated network and scenario files: located rejections or finite routes, never a panic, hang
// or runaway memory (the mutator lives in `examples/fuzz_mutation/mutate/`).
mod fuzz_mutation;

// The map renderer: rasterised output, determinism, link styles and labels.
mod render_map;
// The charts on routes from the real router.
mod render_charts;
// Every figure the tool writes draws, is deterministic, and matches the committed `docs/`.
mod figures;
// Every figure fits (no text cut or outside it), is credited, has a scale bar (maps) and a legend
// that covers nothing; the ends of a study are labelled.
mod figure_fit;
// Each corridor family has its data's colour in every figure of every command.
mod figure_colours;

// The repository's layout rules (file and function sizes, parameters, import circles, test
// binaries), checked from the sources with std alone.
mod layout;
