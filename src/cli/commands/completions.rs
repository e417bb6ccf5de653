//! `corridor completions` and `corridor man`: the shell completion scripts and the manual page,
//! both generated from the clap types.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::args::Cli;
use crate::cli::exit::Exit;
use crate::cli::print::print;

/// Runs `corridor completions SHELL`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Result<Exit> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "corridor", &mut out);
    print(&String::from_utf8(out)?)?;
    Ok(Exit::Ok)
}

/// Runs `corridor man`.
pub(crate) fn man() -> Result<Exit> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    print(&String::from_utf8(out)?)?;
    Ok(Exit::Ok)
}
