//! `corridor man`: the manual pages, generated from the clap types — corridor(1) and one page
//! per subcommand (corridor-route(1), …, corridor-chart-tcd(1)), each with its options, its
//! examples (the `--help` ones), the exit status and a SEE ALSO naming pages that exist.
//!
//! `corridor man [COMMAND…]` prints one page; `corridor man --dir DIR` writes them all, each
//! atomically, into a folder `man` reads (`~/.local/share/man/man1`, `/usr/local/share/man/man1`).

use std::path::Path;

use anyhow::{Context, Result};
use clap::{Command, CommandFactory};
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;

use crate::cli::args::{Cli, ManArgs};
use crate::cli::exit::Exit;
use crate::cli::session::Session;

/// Runs `corridor man`.
pub(crate) fn run(s: &Session<'_>, a: &ManArgs) -> Result<Exit> {
    let root = tree();
    if let Some(dir) = &a.dir {
        return write_all(s, &root, dir);
    }
    let mut cmd = &root;
    for word in &a.command {
        cmd = cmd.find_subcommand(word).with_context(|| {
            let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            format!(
                "no manual page for `{}`: the commands are {}",
                a.command.join(" "),
                known.join(", ")
            )
        })?;
    }
    s.print(&String::from_utf8(page(cmd, &root)?)?)?;
    Ok(Exit::Ok)
}

/// The command tree the pages describe: built (so each subcommand has its page's name,
/// `corridor-route`), without clap's `help` subcommand (it has no page).
fn tree() -> Command {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    root
}

/// Every command of the tree, the root first, depth first.
fn all(cmd: &Command) -> Vec<&Command> {
    let mut out = vec![cmd];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.extend(all(sub));
    }
    out
}

/// A command's page name: `corridor-route`.
fn name(cmd: &Command) -> &str {
    cmd.get_display_name().unwrap_or(cmd.get_name())
}

/// Writes every page into `dir` (created when missing).
fn write_all(s: &Session<'_>, root: &Command, shown: &Path) -> Result<Exit> {
    let dir = &s.path(shown)?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let pages = all(root);
    for cmd in &pages {
        let path = dir.join(format!("{}.1", name(cmd)));
        corridor::fs::write_atomic(&path, &page(cmd, root)?)?;
    }
    s.say(&format!(
        "wrote {} manual pages into {}",
        pages.len(),
        shown.display()
    ));
    Ok(Exit::Ok)
}

/// The page of `cmd`: title, name, synopsis, description, options, subcommands, examples, exit
/// status, see also, version.
fn page(cmd: &Command, root: &Command) -> Result<Vec<u8>> {
    let man = Man::new(cmd.clone())
        .source(format!("corridor {}", env!("CARGO_PKG_VERSION")))
        .manual("corridor manual");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    let mut roff = Roff::new();
    examples(cmd, &mut roff);
    roff.control("SH", ["EXIT STATUS"]).text([roman(
        "0 success; 1 no route exists under the constraints (the message says what cut it); \
         2 bad input or usage (never a panic).",
    )]);
    if std::ptr::eq(cmd, root) {
        roff.control("SH", ["ENVIRONMENT"])
            .control("TP", [])
            .text([bold("COLUMNS")])
            .text([roman(
                "The width tables are fitted to (text columns wrapped, numbers never cut). \
                 Unset: the terminal's width when standard output is one; piped or \
                 redirected, tables are printed whole.",
            )]);
    }
    see_also(cmd, root, &mut roff);
    roff.to_writer(&mut out)?;
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(out)
}

/// The EXAMPLES section from the `--help` examples: each comment as a paragraph, its command
/// (with its continuation lines) unfilled and indented; the lines after the examples (notes)
/// as a NOTES section.
fn examples(cmd: &Command, roff: &mut Roff) {
    let Some(text) = cmd.get_after_help().map(|h| h.to_string()) else {
        return;
    };
    let mut lines = text.lines().peekable();
    if lines.peek().is_some_and(|l| l.trim() == "Examples:") {
        lines.next();
        roff.control("SH", ["EXAMPLES"]);
        while let Some(line) = lines.next_if(|l| !l.trim().is_empty()) {
            match line.trim().strip_prefix("# ") {
                Some(comment) => {
                    roff.control("PP", []).text([roman(comment)]);
                }
                None => {
                    roff.control("RS", []).control("nf", []);
                    roff.text([roman(line.trim_start())]);
                    while let Some(more) = lines.next_if(|l| l.starts_with("    ")) {
                        roff.text([roman(&more[2..])]);
                    }
                    roff.control("fi", []).control("RE", []);
                }
            }
        }
    }
    let notes: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    if !notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for n in notes {
            roff.text([roman(n)]);
        }
    }
}

/// SEE ALSO: from corridor(1) every other page; from a subcommand's page, corridor(1), its
/// parent's and its own subcommands' pages. Only pages `--dir` writes are named.
fn see_also(cmd: &Command, root: &Command, roff: &mut Roff) {
    let mut names: Vec<String> = Vec::new();
    if std::ptr::eq(cmd, root) {
        names.extend(all(root).iter().skip(1).map(|c| name(c).to_string()));
    } else {
        for c in all(root) {
            let parent = c.get_subcommands().any(|s| std::ptr::eq(s, cmd));
            if parent {
                names.push(name(c).to_string());
            }
        }
        if !names.iter().any(|n| n == name(root)) {
            names.insert(0, name(root).to_string());
        }
        names.extend(cmd.get_subcommands().map(|c| name(c).to_string()));
    }
    let refs: Vec<String> = names.iter().map(|n| format!("{n}(1)")).collect();
    roff.control("SH", ["SEE ALSO"])
        .text([roman(refs.join(", "))]);
}
