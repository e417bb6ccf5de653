//! A progress line on standard error for work that takes a while: loading a large network, a
//! sweep, a reliability study, an assignment, a report.
//!
//! The library counts the work into a [`Progress`]; this draws it. The line appears only when
//! standard error is a terminal and the work has taken more than a second, is redrawn ten times
//! a second, and erases itself when the work ends: logs and pipes stay byte-for-byte clean, and a
//! short run never flickers.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use corridor::progress::Progress;
use corridor::text::thousands;

/// How long the work runs before the line appears.
const QUIET: Duration = Duration::from_secs(1);

/// The width of the bar, in characters.
const BAR: usize = 24;

/// What the line says after its bar: the units done and announced (0 when none was).
pub(crate) type Words<'a> = &'a (dyn Fn(u64, u64) -> String + Sync);

/// Runs `work` with a fresh [`Progress`] counting, and shows it on stderr once it has taken more
/// than a second, when stderr is a terminal (nothing otherwise).
pub(crate) fn with_progress<T: Send>(
    words: Words<'_>,
    work: impl FnOnce(&Progress) -> T + Send,
) -> T {
    let progress = Progress::counting();
    if !std::io::stderr().is_terminal() {
        return work(&progress);
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| draw(&progress, words, &finished));
        let out = work(&progress);
        finished.store(true, Ordering::Relaxed);
        out
    })
}

/// Redraws the line until `finished`, then erases it (if it was ever drawn).
fn draw(progress: &Progress, words: Words<'_>, finished: &AtomicBool) {
    let start = Instant::now();
    let mut drawn: usize = 0;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if start.elapsed() < QUIET || finished.load(Ordering::Relaxed) {
            continue;
        }
        let width = crate::cli::width::stderr_columns().unwrap_or(80);
        let text = line(progress.done(), progress.total(), words, width);
        let n = text.chars().count();
        eprint!("\r{text}{}", " ".repeat(drawn.saturating_sub(n)));
        drawn = n;
    }
    if drawn > 0 {
        eprint!("\r{}\r", " ".repeat(drawn));
    }
}

/// The progress line: a bar and a percentage when a total is known, then the words; at most
/// `width - 1` characters (the last column is left free, so no terminal wraps it).
pub(crate) fn line(done: u64, total: u64, words: Words<'_>, width: usize) -> String {
    let mut s = String::new();
    if total > 0 {
        let done = done.min(total);
        let filled = (done as u128 * BAR as u128 / total as u128) as usize;
        s.push_str(&format!(
            "[{}{}] {:>3} % ",
            "#".repeat(filled),
            "-".repeat(BAR - filled),
            done as u128 * 100 / total as u128
        ));
    }
    s.push_str(&words(done, total));
    s.chars().take(width.saturating_sub(1)).collect()
}

/// `12 of 40 samples` (`12 samples` when no total is known), numbers grouped.
pub(crate) fn counted(done: u64, total: u64, unit: &str) -> String {
    if total == 0 {
        format!("{} {unit}", thousands(done as f64))
    } else {
        format!(
            "{} of {} {unit}",
            thousands(done.min(total) as f64),
            thousands(total as f64)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_the_share_done_and_fits_the_width() {
        let words = |d, t| counted(d, t, "samples");
        assert_eq!(
            line(25, 100, &words, 80),
            "[######------------------]  25 % 25 of 100 samples"
        );
        // Counted past an estimate: the bar stops full.
        assert!(line(120, 100, &words, 80).starts_with("[########################] 100 %"));
        assert_eq!(line(7, 0, &words, 80), "7 samples");
        assert_eq!(line(25, 100, &words, 20).chars().count(), 19);
    }
}
