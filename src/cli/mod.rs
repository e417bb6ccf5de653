//! The command line: parsing, the dispatch of subcommands, and the exit code.
//!
//! This is the only module that knows clap. [`args`] holds the clap types and turns them into
//! library values; each subcommand lives in its own file under [`commands`] and returns an
//! [`Exit`]; errors bubble up as `anyhow` chains and are printed once, here. What the commands
//! share sits in leaf files beside them — [`inputs`] (the network, scenarios, a query run),
//! [`print`] (standard output, figures written atomically), [`progress`], [`width`] (how wide
//! tables are printed) and [`exit`] — so no
//! command imports this file. Nothing is global: [`main`] can run any number of times in one
//! process.

mod args;
mod commands;
mod exit;
mod inputs;
mod print;
mod progress;
mod session;
mod width;

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use args::{Cli, Command};
use commands as cmd;
use corridor::query::Shelf;
use exit::Exit;
use session::{Networks, Session};

/// Runs the command line and returns the process exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    let words = args
        .iter()
        .skip(1)
        .map(|w| w.to_string_lossy().into_owned())
        .collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let (bases, scenarios) = (Shelf::new(), Shelf::new());
    let networks = Networks::new(&bases, &scenarios);
    let session = Session::standard(cli.network.clone(), &networks, words);
    match run(&session, cli.command) {
        Ok(Exit::Ok) => ExitCode::SUCCESS,
        Ok(Exit::NoRoute | Exit::RunsFailed | Exit::NothingFits) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error is standard output closed under us (`corridor … | head`): a quiet success.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs one parsed command in a session (a command line's, or a batch run's): the session
/// gives the network the subcommand needs and takes its output.
fn run(s: &Session<'_>, command: Command) -> Result<Exit> {
    match command {
        Command::Route(a) => cmd::route::run(s, &a),
        Command::Nodes(a) => cmd::nodes::run(s, &a),
        Command::Links(a) => cmd::links::run(s, &a),
        Command::Completions { shell } => cmd::completions::completions(s, shell),
        Command::Man(a) => cmd::man::run(s, &a),
        Command::Compare(a) => cmd::compare::run(s, &a),
        Command::Skim(a) => cmd::skim::run(s, &a),
        Command::Sweep(a) => cmd::sweep::run(s, &a),
        Command::Assign(a) => cmd::assign::run(s, &a),
        Command::Invest(a) => cmd::invest::run(s, &a),
        Command::Observed(a) => cmd::observed::run(s, &a),
        Command::Calibrate(a) => cmd::calibrate::run(s, &a),
        Command::Sensitivity(a) => cmd::sensitivity::run(s, &a),
        Command::Map(a) => cmd::map::run(s, &a),
        Command::Chart { kind } => cmd::chart::run(s, &kind),
        Command::Pareto(a) => cmd::pareto::run(s, &a),
        Command::Reliability(a) => cmd::reliability::run(s, &a),
        Command::Export(a) => cmd::export::run(s, &a),
        Command::Report(a) => cmd::report::run(s, &a),
        Command::Scenarios => cmd::scenarios::run(s),
        Command::Validate {
            path: file,
            scenario,
        } => cmd::validate::run(s, file.as_deref().or(s.network_path()), &scenario),
        Command::Batch(a) => cmd::batch::run(s, &a, run),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nothing is global: the same command line gives the same exit code on every run.
    #[test]
    fn main_runs_twice_in_one_process() {
        for _ in 0..2 {
            let args = ["corridor", "validate", "/nonexistent/network"].map(OsString::from);
            assert_eq!(main(args), ExitCode::from(2));
        }
    }
}
