//! `corridor completions`: the shell completion scripts, generated from the clap types (the
//! manual pages are `man`'s).

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::args::Cli;
use crate::cli::exit::Exit;
use crate::cli::session::Session;

/// Runs `corridor completions SHELL`.
pub(crate) fn completions(s: &Session<'_>, shell: clap_complete::Shell) -> Result<Exit> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "corridor", &mut out);
    s.print(&String::from_utf8(out)?)?;
    Ok(Exit::Ok)
}
