//! A figure's words around its drawing: the title above it and the credit line below it
//! ([`Caption`]), set so that no word is ever cut: [`wrap`] breaks a text at spaces into lines of
//! a width, [`TitleBlock`] shrinks a title a little and then wraps it, [`CreditBlock`] wraps the
//! credit in the muted small type every figure ends with.
//!
//! The credit says what a reader needs to cite or reproduce the figure: the tool and its version,
//! the network's data year, the scenario(s), and on maps the base map's source (added by the map,
//! which owns it). The figure policy ([`crate::render::figures`]) writes it.

use plotters::style::text_anchor::{HPos, VPos};

use crate::render::labels::text_size;
use crate::render::style::{draw_text, text_style, Area, INK, MUTED};

/// A figure's title and credit line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Caption {
    /// The title above the figure.
    pub title: String,
    /// The credit line below it: tool and version, data year, scenario(s).
    pub credit: String,
}

impl Caption {
    /// A caption of `title` and `credit`.
    pub fn new(title: impl Into<String>, credit: impl Into<String>) -> Caption {
        Caption {
            title: title.into(),
            credit: credit.into(),
        }
    }
}

/// Estimated width of `text` at `px`, bold text 15 % wider than plotters' regular estimate.
pub fn width_of(text: &str, px: f64, bold: bool) -> f64 {
    text_size(text, px).0 * if bold { 1.15 } else { 1.0 }
}

/// Breaks `text` into lines at most `max_w` pixels wide at `px` (bold or not), never inside a
/// word: at its " · " separators (the separator at a break is left out), within a part too wide
/// for a line at spaces, and at spaces alone when that takes fewer lines; a word wider than
/// `max_w` gets a line of its own. The lines are balanced: the narrowest width that needs no
/// more lines is used, so that no line holds a lone last word.
pub fn wrap(text: &str, px: f64, max_w: f64, bold: bool) -> Vec<String> {
    let lines = wrap_at(text, px, max_w, bold);
    if lines.len() < 2 {
        return lines;
    }
    // Breaks at separators alone when they need no more lines, then any breaks.
    let at_separators = |w: f64| {
        let parts = wrap_parts(text, px, w, bold);
        let whole = text.split(" · ").all(|p| width_of(p.trim(), px, bold) <= w);
        (whole && parts.len() <= lines.len()).then_some(parts)
    };
    let balanced = |attempt: &dyn Fn(f64) -> Option<Vec<String>>| {
        let mut w = width_of(text, px, bold) / lines.len() as f64;
        while w < max_w {
            if let Some(l) = attempt(w) {
                return Some(l);
            }
            w *= 1.03;
        }
        attempt(max_w)
    };
    if at_separators(max_w).is_some() {
        if let Some(l) = balanced(&at_separators) {
            return l;
        }
    }
    balanced(&|w| Some(wrap_at(text, px, w, bold)).filter(|l| l.len() <= lines.len()))
        .unwrap_or(lines)
}

/// [`wrap`] without the balancing.
fn wrap_at(text: &str, px: f64, max_w: f64, bold: bool) -> Vec<String> {
    let by_parts = wrap_parts(text, px, max_w, bold);
    let by_words: Vec<String> = wrap_words(text, px, max_w, bold)
        .into_iter()
        .map(|l| {
            l.trim_start_matches("· ")
                .trim_end_matches(" ·")
                .to_string()
        })
        .collect();
    if by_words.len() < by_parts.len() {
        by_words
    } else {
        by_parts
    }
}

/// Lines at spaces only.
fn wrap_words(text: &str, px: f64, max_w: f64, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || width_of(&candidate, px, bold) <= max_w {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lines at " · " separators first, then at spaces within a part too wide for a line.
fn wrap_parts(text: &str, px: f64, max_w: f64, bold: bool) -> Vec<String> {
    let fits = |t: &str| width_of(t, px, bold) <= max_w;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in text.split(" · ").map(str::trim).filter(|p| !p.is_empty()) {
        let joined = format!("{line} · {part}");
        if !line.is_empty() && fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if fits(part) {
            line = part.to_string();
            continue;
        }
        // A part too wide for a line: by words; its last line may take the next parts.
        for word in part.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || fits(&candidate) {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A title set to fit a width: at its size on one line when it fits; else at most a fifth
/// smaller (not below a floor) on one line; else at that size on as many lines as it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleBlock {
    /// The lines, top to bottom.
    pub lines: Vec<String>,
    /// The font size, pixels.
    pub px: f64,
}

impl TitleBlock {
    /// Fits bold `title` into `max_w` pixels, starting at `font_px`, never below `min_px`.
    pub fn fit(title: &str, font_px: f64, min_px: f64, max_w: f64) -> TitleBlock {
        let floor = (0.8 * font_px).max(min_px).min(font_px);
        let mut px = font_px;
        while px > floor && width_of(title, px, true) > max_w {
            px = (px - 0.5).max(floor);
        }
        TitleBlock {
            lines: wrap(title, px, max_w, true),
            px,
        }
    }

    /// The distance between two lines' tops.
    pub fn line_h(&self) -> f64 {
        (self.px * 1.3).round()
    }

    /// The height of the lines, pixels.
    pub fn height(&self) -> f64 {
        self.line_h() * self.lines.len().max(1) as f64
    }

    /// Draws the lines from `(x, y)`, the top left of the first.
    pub fn draw(&self, area: &Area, (x, y): (f64, f64)) {
        let style = text_style(self.px, INK, true, HPos::Left, VPos::Top);
        for (i, l) in self.lines.iter().enumerate() {
            draw_text(area, l, (x, y + i as f64 * self.line_h()), &style);
        }
    }
}

/// A credit line set to fit a width: wrapped at spaces, muted, small.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditBlock {
    /// The lines, top to bottom.
    pub lines: Vec<String>,
    /// The font size, pixels.
    pub px: f64,
}

impl CreditBlock {
    /// `credit` at `px` in `max_w` pixels (no lines for an empty credit).
    pub fn fit(credit: &str, px: f64, max_w: f64) -> CreditBlock {
        CreditBlock {
            lines: wrap(credit, px, max_w, false),
            px,
        }
    }

    /// The distance between two lines' tops.
    pub fn line_h(&self) -> f64 {
        (self.px * 1.35).round()
    }

    /// The height of the lines, pixels (0 for none).
    pub fn height(&self) -> f64 {
        self.line_h() * self.lines.len() as f64
    }

    /// Draws the lines from `(x, y)`, the top left of the first.
    pub fn draw(&self, area: &Area, (x, y): (f64, f64)) {
        let style = text_style(self.px, MUTED, false, HPos::Left, VPos::Top);
        for (i, l) in self.lines.iter().enumerate() {
            draw_text(area, l, (x, y + i as f64 * self.line_h()), &style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_never_cuts_a_word() {
        let t = "Where the days and dollars go · Xi'an International Port → Duisburg · 2026 · baseline · by corridor";
        for max_w in [200.0, 400.0, 700.0] {
            let lines = wrap(t, 15.0, max_w, true);
            let words = |x: &str| {
                x.split_whitespace()
                    .filter(|w| *w != "·")
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                words(&lines.join(" ")),
                words(t),
                "every word kept, in order"
            );
            assert!(
                lines
                    .iter()
                    .all(|l| !l.starts_with('·') && !l.ends_with('·')),
                "{lines:?}"
            );
            for l in &lines {
                assert!(
                    width_of(l, 15.0, true) <= max_w || !l.contains(' '),
                    "{l} in {max_w}"
                );
            }
        }
        let t = "Where the days go · Xi'an → Duisburg · 2026 · baseline";
        let room = width_of("Where the days go · Xi'an → Duisburg", 15.0, true) + 1.0;
        let lines = wrap(t, 15.0, room, true);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines.join(" · "), t, "breaks at separators: {lines:?}");
        assert_eq!(wrap("", 15.0, 100.0, false), Vec::<String>::new());
        assert_eq!(wrap("Supercalifragilistic", 15.0, 10.0, false).len(), 1);
    }

    #[test]
    fn a_long_title_shrinks_a_little_then_wraps() {
        let short = TitleBlock::fit("Short", 24.0, 15.0, 900.0);
        assert_eq!((short.lines.len(), short.px), (1, 24.0));
        let long = "Time/cost-distance · Xi'an International Port → Duisburg · 2026 · baseline · by corridor";
        let b = TitleBlock::fit(long, 24.0, 15.0, 700.0);
        assert!(b.px >= 19.2 - 1e-9, "at most a fifth smaller: {}", b.px);
        assert_eq!(b.lines.len(), 2, "{:?}", b.lines);
        assert!(b.lines.iter().all(|l| width_of(l, b.px, true) <= 700.0));
        assert!(!b.lines.concat().contains('…'));
        assert!(b.height() > TitleBlock::fit("x", 24.0, 15.0, 700.0).height());
    }
}
