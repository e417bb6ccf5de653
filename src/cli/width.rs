//! How wide the tables are printed: the rule, in one place.
//!
//! 1. `COLUMNS`, when it is set to a whole number: the tables are fitted to it, whatever
//!    standard output is (a terminal, a pipe, a file) — so `COLUMNS=100 corridor … | less` works;
//! 2. else the width of the terminal standard output is, when it is one;
//! 3. else (a pipe or a file) no fitting: every table is printed whole, one line per row, as
//!    scripts that parse the columns expect.
//!
//! A width below [`corridor::output::fit::MIN_WIDTH`] is taken as that minimum. How a table is fitted
//! (text columns wrapped, numbers never touched) is the library's
//! ([`corridor::output::fit`]); the terminal is asked through `terminal_size` (pure Rust).

use std::io::IsTerminal;

/// The width tables are fitted to, by the rule above; `None` for no fitting.
pub(crate) fn table_width() -> Option<usize> {
    from_columns(std::env::var("COLUMNS").ok().as_deref()).or_else(|| {
        std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))
            .flatten()
            .map(|(w, _)| w.0 as usize)
    })
}

/// The width of the terminal standard error is, if it is one (for the progress line).
pub(crate) fn stderr_columns() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stderr()).map(|(w, _)| w.0 as usize)
}

/// `COLUMNS` as a width: a whole number ≥ 1 (spaces around it allowed); anything else (empty,
/// `abc`, `0`, `-5`) is ignored, as if unset.
fn from_columns(value: Option<&str>) -> Option<usize> {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_is_a_positive_whole_number_or_ignored() {
        assert_eq!(from_columns(Some("80")), Some(80));
        assert_eq!(from_columns(Some(" 120 ")), Some(120));
        for bad in ["", "abc", "0", "-5", "80.5"] {
            assert_eq!(from_columns(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(from_columns(None), None);
    }
}
