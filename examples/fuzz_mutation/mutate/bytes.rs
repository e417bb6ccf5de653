//! Byte-level mutations: edits of the raw text that know nothing of its lines or records —
//! truncation, control characters and non-characters (U+FFFE, U+FFFF…), flipped bytes, unbalanced
//! quotes and brackets, other line endings, a byte-order mark, an empty text, the whole text
//! twice. (Very long strings and multi-line strings holding header-like lines replace a value,
//! so they are in `structure.rs`.)

use super::lines::{ensure_newline, floor_boundary};
use super::rng::Rng;
use super::words::{CONTROL, UNBALANCED};

/// The byte-level mutation kinds, by name (see [`super::mutations::MUTATIONS`]).
pub(super) const KINDS: [&str; 8] = [
    "truncate",
    "control-char",
    "unbalanced",
    "byte-flip",
    "line-endings",
    "bom",
    "empty",
    "dup-file-text",
];

/// Applies the byte-level mutation `name` (one of [`KINDS`]) to `text`; returns its
/// description, or `None` when it found nothing to work on.
pub(super) fn mutate(rng: &mut Rng, name: &str, text: &mut String) -> Option<String> {
    match name {
        "truncate" => {
            if text.is_empty() {
                return None;
            }
            let at = floor_boundary(text, rng.below(text.len()));
            text.truncate(at);
            Some(format!("{name}: cut at byte {at}"))
        }
        "control-char" | "unbalanced" => {
            let at = floor_boundary(text, rng.below(text.len() + 1));
            let ins: String = if name == "control-char" {
                rng.pick(CONTROL).to_string()
            } else {
                rng.pick(UNBALANCED).to_string()
            };
            let line = text[..at].matches('\n').count() + 1;
            text.insert_str(at, &ins);
            Some(format!(
                "{name}: line {line}: inserted {ins:?} at byte {at}"
            ))
        }
        "byte-flip" => {
            if text.is_empty() {
                return None;
            }
            let mut bytes = std::mem::take(text).into_bytes();
            let i = rng.below(bytes.len());
            let old = bytes[i];
            bytes[i] = if rng.chance(1, 2) {
                old ^ (1 << rng.below(8))
            } else {
                rng.next_u64() as u8
            };
            let new = bytes[i];
            *text = String::from_utf8_lossy(&bytes).into_owned();
            let line = text[..floor_boundary(text, i)].matches('\n').count() + 1;
            Some(format!(
                "{name}: line {line}: byte {i} {old:#04x} → {new:#04x} (UTF-8 lossy)"
            ))
        }
        "line-endings" => {
            let (what, new) = match rng.below(3) {
                0 => ("\\n → \\r\\n", text.replace('\n', "\r\n")),
                1 => ("\\n → \\r", text.replace('\n', "\r")),
                _ => (
                    "trailing newline removed",
                    text.trim_end_matches('\n').to_string(),
                ),
            };
            *text = new;
            Some(format!("{name}: {what}"))
        }
        "bom" => {
            text.insert(0, '\u{FEFF}');
            Some(format!("{name}: U+FEFF prepended"))
        }
        "empty" => {
            *text = rng
                .pick(&["", "\n", "   \n\t\n", "# only a comment\n", "\u{FEFF}"])
                .to_string();
            Some(format!("{name}: text replaced by {text:?}"))
        }
        "dup-file-text" => {
            if text.len() > 200_000 {
                return None;
            }
            let copy = text.clone();
            ensure_newline(text);
            text.push_str(&copy);
            Some(format!("{name}: the whole text repeated"))
        }
        _ => unreachable!("{name} is not a byte-level mutation"),
    }
}
