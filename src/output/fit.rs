//! Plain-text tables and lines fitted to a width (a terminal's), by one rule:
//!
//! 1. A table that fits is printed as it is: every column as wide as its widest cell.
//! 2. Otherwise its **text columns** (the left-aligned ones: routes, names, details, ids) are
//!    narrowed, the widest first, but none below 10 characters, its header, or its longest word
//!    (up to 24 characters), and their cells wrap onto continuation lines at spaces (a word
//!    longer than 24 characters breaks after a `-`, `/` or `,` inside it, else inside it). **Number columns** (right-aligned) keep their width and every
//!    digit; a row's numbers stay on its first line.
//! 3. When that is still too wide, each row is printed as a block: its first cell on a line of
//!    its own, then its other non-empty cells as `column: value` pairs joined by ` · ` and
//!    wrapped under it, indented by two spaces. Nothing is left out.
//!
//! Lines of prose (headlines, totals, rationales) wrap at spaces, continuation lines indented two
//! spaces past the line's own indentation. Widths are counted in characters, as [`super::align`]
//! counts them. A width below [`MIN_WIDTH`] is taken as [`MIN_WIDTH`]; no width (`None`) means no
//! fitting.

/// The narrowest width fitted to: a narrower one is taken as this.
pub const MIN_WIDTH: usize = 40;

/// A text column is never narrowed below this (or below its header, or past its natural width).
const MIN_COLUMN: usize = 10;

/// A word up to this long is kept whole when the table can afford it.
const LONG_WORD: usize = 24;

/// A table laid out: its header and each row's lines (see the module's rule).
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    /// The header line (none in the block layout).
    pub head: Vec<String>,
    /// Each row's lines: one when nothing wrapped.
    pub rows: Vec<Vec<String>>,
    /// Whether the rows are blocks of `column: value` pairs (the rule's third case).
    pub blocks: bool,
}

impl Laid {
    /// Every line: the header, then the rows (blocks separated by an empty line).
    pub fn lines(&self) -> Vec<String> {
        let mut out = self.head.clone();
        for (i, row) in self.rows.iter().enumerate() {
            if self.blocks && i > 0 {
                out.push(String::new());
            }
            out.extend(row.iter().cloned());
        }
        out
    }

    /// The widest line, in characters.
    pub fn width(&self) -> usize {
        self.head
            .iter()
            .chain(self.rows.iter().flatten())
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Lays a table out: columns two spaces apart, right-aligned where `right` says so (numbers),
/// trailing spaces trimmed; fitted to `width` by the module's rule when one is given.
pub fn lay_out(head: &[&str], rows: &[Vec<String>], right: &[bool], width: Option<usize>) -> Laid {
    let n = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut natural: Vec<usize> = (0..n)
        .map(|i| head.get(i).map_or(0, |h| chars(h)))
        .collect();
    for row in rows {
        for (w, c) in natural.iter_mut().zip(row) {
            *w = (*w).max(chars(c));
        }
    }
    let is_right = |i: usize| right.get(i).copied().unwrap_or(false);
    let total = natural.iter().sum::<usize>() + 2 * n.saturating_sub(1);
    let widths = match width.map(|w| w.max(MIN_WIDTH)) {
        Some(w) if total > w => {
            let words = longest_words(rows, n);
            let whole = |i: usize| MIN_COLUMN.max(words[i].min(LONG_WORD));
            match narrowed(head, &natural, &is_right, w, &whole) {
                Some(widths) => widths,
                None => return blocks(head, rows, w),
            }
        }
        _ => natural,
    };
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(chars(c)));
            if i > 0 {
                s.push_str("  ");
            }
            if is_right(i) {
                s.push_str(&pad);
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&pad);
            }
        }
        s.trim_end().to_string()
    };
    let head_cells: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    let laid_rows = rows
        .iter()
        .map(|row| {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if is_right(i) || chars(c) <= widths[i] {
                        vec![c.clone()]
                    } else {
                        wrap(c, widths[i])
                    }
                })
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            (0..height)
                .map(|k| {
                    let cells: Vec<String> = wrapped
                        .iter()
                        .map(|w| w.get(k).cloned().unwrap_or_default())
                        .collect();
                    line(&cells)
                })
                .collect()
        })
        .collect();
    Laid {
        head: vec![line(&head_cells)],
        rows: laid_rows,
        blocks: false,
    }
}

/// The longest word (run without a space) of each column, in characters.
fn longest_words(rows: &[Vec<String>], n: usize) -> Vec<usize> {
    let mut w = vec![0; n];
    for row in rows {
        for (w, c) in w.iter_mut().zip(row) {
            *w = (*w).max(c.split(' ').map(chars).max().unwrap_or(0));
        }
    }
    w
}

/// The column widths that fit `width` with only the text columns narrowed (the widest first,
/// none below its header, `least` of it, or its natural width), or `None` when none do.
fn narrowed(
    head: &[&str],
    natural: &[usize],
    is_right: &dyn Fn(usize) -> bool,
    width: usize,
    least: &dyn Fn(usize) -> usize,
) -> Option<Vec<usize>> {
    let n = natural.len();
    let fixed: usize = (0..n).filter(|&i| is_right(i)).map(|i| natural[i]).sum();
    let budget = width.checked_sub(fixed + 2 * n.saturating_sub(1))?;
    let floor = |i: usize| {
        let h = head.get(i).map_or(0, |h| chars(h));
        natural[i].min(h.max(least(i)))
    };
    let text: Vec<usize> = (0..n).filter(|&i| !is_right(i)).collect();
    let used = |cap: usize| -> usize {
        text.iter()
            .map(|&i| natural[i].min(floor(i).max(cap)))
            .sum()
    };
    if used(0) > budget {
        return None;
    }
    // The largest cap that fits, then what is left over given to the capped columns in order.
    let (mut lo, mut hi) = (0, natural.iter().copied().max().unwrap_or(0));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if used(mid) <= budget {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<usize> = (0..n)
        .map(|i| {
            if is_right(i) {
                natural[i]
            } else {
                natural[i].min(floor(i).max(lo))
            }
        })
        .collect();
    let mut spare = budget - used(lo);
    for &i in &text {
        if spare == 0 {
            break;
        }
        if widths[i] < natural[i] {
            widths[i] += 1;
            spare -= 1;
        }
    }
    Some(widths)
}

/// The block layout: per row, its first cell, then `column: value` pairs wrapped under it.
fn blocks(head: &[&str], rows: &[Vec<String>], width: usize) -> Laid {
    let laid = rows
        .iter()
        .map(|row| {
            let mut lines = Vec::new();
            if let Some(first) = row.first().filter(|c| !c.is_empty()) {
                lines.extend(wrap(first, width));
            }
            let pairs: Vec<String> = row
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| match head.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => format!("{h}: {c}"),
                    None => c.clone(),
                })
                .collect();
            lines.extend(
                pack(&pairs, " · ", width - 2)
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
            lines
        })
        .collect();
    Laid {
        head: Vec::new(),
        rows: laid,
        blocks: true,
    }
}

/// Units joined by `sep` into lines of at most `width` characters; a unit is split (by
/// [`wrap`]) only when it is longer than a line.
fn pack(units: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for u in units {
        if cur.is_empty() {
        } else if chars(&cur) + chars(sep) + chars(u) <= width {
            cur.push_str(sep);
            cur.push_str(u);
            continue;
        } else {
            lines.push(std::mem::take(&mut cur));
        }
        let mut parts = wrap(u, width);
        cur = parts.pop().unwrap_or_default();
        lines.extend(parts);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// `text` in lines of at most `width` characters (at least 1): broken at spaces; a word longer
/// than a line after its last `-`, `/` or `,` that fits and is not followed by a digit, else at
/// the width.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let room = if cur.is_empty() {
            width
        } else {
            width.saturating_sub(chars(&cur) + 1)
        };
        if chars(word) <= room {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        let word: Vec<char> = word.chars().collect();
        let mut start = 0;
        while word.len() - start > width {
            let rest = &word[start..];
            // After a `-`, `/` or `,` that is not followed by a digit (no number is cut off
            // its word: `erai-2024` stays whole).
            let cut = (1..width)
                .rev()
                .find(|&p| matches!(rest[p - 1], '-' | '/' | ',') && !rest[p].is_ascii_digit())
                .unwrap_or(width);
            lines.push(rest[..cut].iter().collect());
            start += cut;
        }
        cur = word[start..].iter().collect();
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// A line of prose fitted to `width`: wrapped at spaces, continuation lines indented two spaces
/// past the line's own indentation; unchanged without a width or when it fits.
pub fn fit_line(line: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width.map(|w| w.max(MIN_WIDTH)) else {
        return vec![line.to_string()];
    };
    if chars(line) <= width {
        return vec![line.to_string()];
    }
    let body = line.trim_start_matches(' ');
    // An indentation of more than half the width keeps only half.
    let lead = " ".repeat((chars(line) - chars(body)).min(width / 2));
    let hang = format!("{lead}  ");
    let mut out = Vec::new();
    let first = wrap(body, width - chars(&lead));
    let rest = first[1..].join(" ");
    out.push(format!("{lead}{}", first[0]));
    if !rest.is_empty() {
        out.extend(
            wrap(&rest, width - chars(&hang))
                .into_iter()
                .map(|l| format!("{hang}{l}")),
        );
    }
    out
}

/// Every line of `text` fitted by [`fit_line`] (a final line break kept).
pub fn fit_text(text: &str, width: Option<usize>) -> String {
    if width.is_none() {
        return text.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        out.extend(fit_line(line, width));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_table_that_fits_is_left_alone() {
        let rows = cells(&[&["a b", "1"], &["c", "1,234"]]);
        let natural = lay_out(&["name", "km"], &rows, &[false, true], None);
        assert_eq!(
            natural.lines(),
            ["name     km", "a b       1", "c     1,234"]
        );
        assert_eq!(
            lay_out(&["name", "km"], &rows, &[false, true], Some(80)),
            natural
        );
    }

    #[test]
    fn text_columns_wrap_and_numbers_stay_whole() {
        let long = "Xi'an International Port → Lanzhou via Ürümqi and Alashankou to Dostyk";
        let rows = cells(&[&[long, "12,180", "21.7"], &["Aktau", "504", "22.0"]]);
        let laid = lay_out(
            &["where", "km", "hours"],
            &rows,
            &[false, true, true],
            Some(40),
        );
        assert!(!laid.blocks);
        assert!(laid.width() <= 40, "{:#?}", laid.lines());
        // The numbers are on the row's first line, whole; the text is all there.
        assert!(
            laid.rows[0][0].ends_with("12,180   21.7"),
            "{:?}",
            laid.rows[0]
        );
        let text: Vec<&str> = laid.rows[0]
            .iter()
            .flat_map(|l| l.split_whitespace())
            .filter(|w| !["12,180", "21.7"].contains(w))
            .collect();
        assert_eq!(text.join(" "), long);
        // A row that fits its column stays one line, its numbers aligned under the first's.
        assert_eq!(laid.rows[1].len(), 1);
        assert!(laid.rows[1][0].starts_with("Aktau "));
        assert_eq!(
            laid.rows[1][0].chars().count(),
            laid.rows[0][0].chars().count()
        );
    }

    #[test]
    fn too_many_columns_become_blocks_with_every_cell() {
        let head = [
            "id",
            "from",
            "to",
            "mode",
            "km",
            "hours",
            "wait h",
            "status",
            "corridors",
        ];
        let rows = cells(&[&[
            "lianyungang-xian-rail",
            "lianyungang",
            "xian",
            "rail",
            "1,083",
            "18.5",
            "",
            "under_construction (2030)",
            "middle northern",
        ]]);
        let right = [false, false, false, false, true, true, true, false, false];
        let laid = lay_out(&head, &rows, &right, Some(40));
        assert!(laid.blocks);
        assert!(laid.width() <= 40, "{:#?}", laid.lines());
        let all = laid.lines().join("\n");
        assert!(
            all.starts_with("lianyungang-xian-rail\n  from: lianyungang · "),
            "{all}"
        );
        for piece in [
            "km: 1,083",
            "hours: 18.5",
            "mode: rail",
            "corridors: middle northern",
        ] {
            assert!(all.contains(piece), "{piece} in {all}");
        }
        assert!(!all.contains("wait h"), "an empty cell is left out: {all}");
    }

    #[test]
    fn words_break_at_spaces_then_hyphens_then_anywhere() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(
            wrap("middle-corridor-customs", 10),
            ["middle-", "corridor-", "customs"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("sea-wci-2024", 9), ["sea-", "wci-2024"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn prose_wraps_with_a_hanging_indent() {
        let line = format!("    · {}", "word ".repeat(20).trim_end());
        let fitted = fit_line(&line, Some(40));
        assert!(
            fitted.iter().all(|l| l.chars().count() <= 40),
            "{fitted:#?}"
        );
        assert!(fitted[0].starts_with("    · word"));
        assert!(fitted[1].starts_with("      word"));
        assert_eq!(fit_line(&line, None), vec![line.clone()]);
        assert_eq!(fit_text("a\nb\n", Some(50)), "a\nb\n");
        // Whatever the line, every piece fits: a long indentation, a long word.
        let odd = format!("{}{}", " ".repeat(300), "x".repeat(5_000));
        assert!(fit_line(&odd, Some(40))
            .iter()
            .all(|l| l.chars().count() <= 40));
    }
}
