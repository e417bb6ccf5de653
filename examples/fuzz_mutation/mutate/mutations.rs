//! The mutation kinds and how many are drawn: one to six per case, weighted, each applied by
//! `bytes.rs` (raw text) or `structure.rs` (lines, records, keys and values).

use super::bytes;
use super::corpus::Options;
use super::lines::{floor_boundary, split_lines};
use super::rng::Rng;
use super::structure::{self, Ctx};

/// Mutation kinds, by name (for descriptions and `Options::skip`).
pub const MUTATIONS: [&str; 27] = [
    "drop-line",
    "dup-line",
    "swap-lines",
    "dup-record",
    "drop-record",
    "move-record",
    "truncate",
    "insert-header",
    "edge-number",
    "insert-key",
    "replace-string",
    "swap-id",
    "rename-key",
    "control-char",
    "byte-flip",
    "unbalanced",
    "multiline-header",
    "long-string",
    "line-endings",
    "splice",
    "deep-nesting",
    "synth-edit",
    "dup-edit",
    "bom",
    "empty",
    "dup-file-text",
    "blank-lines",
];

const MUTATION_WEIGHTS: [u32; 27] = [
    8, 6, 5, 5, 4, 3, 4, 6, 14, 8, 8, 10, 4, 4, 4, 4, 3, 2, 2, 4, 1, 6, 5, 1, 1, 1, 1,
];

/// Applies one mutation of kind `MUTATIONS[kind]`; returns its description, or `None` when it
/// found nothing to work on.
fn mutate_once(rng: &mut Rng, kind: usize, text: &mut String, ctx: &Ctx<'_>) -> Option<String> {
    let name = MUTATIONS[kind];
    if bytes::KINDS.contains(&name) {
        return bytes::mutate(rng, name, text);
    }
    let mut lines = split_lines(text);
    let desc = structure::mutate(rng, name, &mut lines, ctx)?;
    *text = lines.concat();
    Some(format!("{name}: {desc}"))
}

/// Applies 1–6 random mutations (fewer to scenario texts with edits, so that they still parse
/// often); returns their descriptions.
pub(super) fn mutate(
    rng: &mut Rng,
    text: &mut String,
    ctx: &Ctx<'_>,
    opts: &Options,
) -> Vec<String> {
    let count = match rng.below(16) {
        0..=6 => 1,
        7..=10 => 2,
        11..=13 => 3,
        14 => 4,
        _ => 6,
    };
    let mut weights = MUTATION_WEIGHTS;
    for (i, name) in MUTATIONS.iter().enumerate() {
        let scenario_only = matches!(*name, "synth-edit" | "dup-edit");
        if opts.skips(name) || (scenario_only && !ctx.scenario) {
            weights[i] = 0;
        }
        if ctx.scenario && scenario_only {
            weights[i] *= 2;
        }
    }
    let mut done = Vec::new();
    let mut tries = 0;
    while done.len() < count && tries < 20 {
        tries += 1;
        let kind = rng.weighted(&weights);
        if weights[kind] == 0 {
            break;
        }
        if let Some(d) = mutate_once(rng, kind, text, ctx) {
            done.push(d);
        }
        // Keep inputs bounded: a case never grows past a few megabytes.
        if text.len() > 4_000_000 {
            let at = floor_boundary(text, 4_000_000);
            text.truncate(at);
            done.push(format!("(input capped at {at} bytes)"));
            break;
        }
    }
    done
}
