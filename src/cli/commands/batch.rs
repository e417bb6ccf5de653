//! `corridor batch`: a manifest's runs in this process, each parsed as a command line and run
//! by the same dispatch as one typed at the prompt, in a session that keeps its output for the
//! run's files and writes its figures inside the run's folder; the networks, scenario networks
//! and routers are the process's, shared by every run. `corridor batch merge`: the results
//! folders of a manifest's shards as one file.
//!
//! The manifest, the shards, the records, the resume and the merge are the library's
//! ([`corridor::studies::batch`]); what is here is what only the binary can do: run its own
//! commands.

use std::ffi::OsString;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Parser;

use corridor::studies::batch::{self, Manifest, Outcome, Run, Shard};
use corridor::text::thousands;

use crate::cli::args::{BatchArgs, Cli, Command};
use crate::cli::exit::Exit;
use crate::cli::progress::counted;
use crate::cli::session::Session;

/// The dispatch of a parsed command in a session (the binary's own, passed down so that this
/// file need not import it).
pub(crate) type Dispatch = fn(&Session<'_>, Command) -> Result<Exit>;

/// Runs `corridor batch`.
pub(crate) fn run(s: &Session<'_>, a: &BatchArgs, dispatch: Dispatch) -> Result<Exit> {
    anyhow::ensure!(
        !s.in_batch(),
        "a run of a batch cannot be a batch itself: list its runs in the manifest"
    );
    if a.inputs[0].as_os_str() == "merge" {
        return merge(s, a);
    }
    anyhow::ensure!(
        a.inputs.len() == 1,
        "give one manifest (or `merge DIR…` to merge results folders), not {}",
        a.inputs.len()
    );
    let path = &a.inputs[0];
    let manifest = Manifest::load(path)?;
    let shard: Shard = match &a.shard {
        Some(text) => text.parse()?,
        None => Shard::ALL,
    };
    let jobs = match a.jobs {
        Some(0) => bail!("--jobs 0: give 1 or more runs at once"),
        Some(j) => j,
        None => batch::jobs_available(),
    };
    check_runs(&manifest, path)?;
    let dir = s.path(&a.output)?;
    let exec = |run: &Run, folder: &Path| execute(s, dispatch, run, folder);
    let summary = s.with_progress(&|d, t| format!("batch: {}", counted(d, t, "runs")), |p| {
        let opts = batch::Options {
            shard,
            jobs,
            dir: dir.clone(),
            progress: p.clone(),
        };
        batch::run(&manifest, &opts, &exec)
    })?;
    let held = summary.ran.len() + summary.skipped.len();
    s.say(&format!(
        "batch {}: shard {shard} holds {} of {} runs: {} run, {} finished before; results in {}",
        path.display(),
        thousands(held as f64),
        thousands(summary.total as f64),
        thousands(summary.ran.len() as f64),
        thousands(summary.skipped.len() as f64),
        a.output.display()
    ));
    if summary.failed.is_empty() {
        return Ok(Exit::Ok);
    }
    for line in batch::report(&summary.failed, held, "runs") {
        s.say(&line);
    }
    Ok(Exit::RunsFailed)
}

/// The command line of a run, as clap parses it.
fn parse(run: &Run) -> std::result::Result<Cli, clap::Error> {
    let args =
        std::iter::once(OsString::from("corridor")).chain(run.args.iter().map(OsString::from));
    Cli::try_parse_from(args)
}

/// Every run's arguments checked before any run starts: a run that clap refuses (an unknown
/// command or flag, a bad value), asks for help, or is a batch itself, is named with its index
/// and the manifest's line.
fn check_runs(manifest: &Manifest, path: &Path) -> Result<()> {
    let mut problems = Vec::new();
    for run in &manifest.runs {
        let why = match parse(run) {
            Ok(cli) if matches!(cli.command, Command::Batch(_)) => {
                Some("a run cannot be a batch itself".to_string())
            }
            Ok(_) => None,
            Err(e) => Some(match e.kind() {
                clap::error::ErrorKind::DisplayHelp
                | clap::error::ErrorKind::DisplayVersion
                | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    "asks for help or the version, which is no run".to_string()
                }
                _ => first_line(&e.to_string())
                    .trim_start_matches("error: ")
                    .to_string(),
            }),
        };
        if let Some(why) = why {
            problems.push(format!(
                "{}:{}: run `{}` (run {} of {}): {why}",
                path.display(),
                run.line,
                run.id,
                run.index + 1,
                manifest.runs.len()
            ));
        }
    }
    if !problems.is_empty() {
        bail!(
            "{} run{} of the manifest cannot run; nothing was run:\n{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            problems.join("\n")
        );
    }
    Ok(())
}

/// One run in a session of its own: its exit code as the command alone would give, what it
/// printed, and its error.
fn execute(s: &Session<'_>, dispatch: Dispatch, run: &Run, folder: &Path) -> Outcome {
    let cli = match parse(run) {
        Ok(cli) => cli,
        Err(e) => {
            return Outcome {
                exit: 2,
                error: Some(first_line(&e.to_string()).to_string()),
                ..Outcome::default()
            }
        }
    };
    let session = Session::captured(
        cli.network.clone(),
        s.networks(),
        folder.to_path_buf(),
        run.args.clone(),
    );
    let result = catch_unwind(AssertUnwindSafe(|| dispatch(&session, cli.command)));
    let (stdout, stderr) = session.into_streams();
    let (exit, error) = match result {
        Ok(Ok(Exit::Ok)) => (0, None),
        Ok(Ok(Exit::NoRoute | Exit::RunsFailed | Exit::NothingFits)) => (1, None),
        Ok(Err(e)) => (2, Some(format!("{e:#}"))),
        Err(_) => (
            2,
            Some("the run panicked (a bug: please report it with its arguments)".into()),
        ),
    };
    Outcome {
        exit,
        stdout,
        stderr,
        error,
    }
}

/// `corridor batch merge DIR… -o FILE`.
fn merge(s: &Session<'_>, a: &BatchArgs) -> Result<Exit> {
    anyhow::ensure!(
        a.shard.is_none() && a.jobs.is_none(),
        "--shard and --jobs are for running a manifest, not for `batch merge`"
    );
    let dirs: Vec<PathBuf> = a.inputs[1..].to_vec();
    anyhow::ensure!(
        !dirs.is_empty(),
        "`batch merge` needs one or more results folders: corridor batch merge DIR… -o FILE"
    );
    let bytes = batch::merge(&dirs)?;
    let runs = bytes
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        .saturating_sub(2);
    corridor::fs::write_atomic(&s.path(&a.output)?, &bytes)
        .with_context(|| format!("writing {}", a.output.display()))?;
    s.say(&format!(
        "merged {} runs from {} folder{} into {}",
        thousands(runs as f64),
        dirs.len(),
        if dirs.len() == 1 { "" } else { "s" },
        a.output.display()
    ));
    Ok(Exit::Ok)
}

/// The first line of a message.
fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}
