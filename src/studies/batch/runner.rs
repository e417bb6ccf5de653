//! Running a manifest: the runs of a shard, `jobs` at once on threads, each result written to the
//! results folder as it finishes, finished runs skipped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::failure::Failure;
use super::manifest::{Manifest, Run};
use super::record::{self, Outcome};
use super::shard::Shard;
use crate::error::{Error, Result};
use crate::progress::Progress;

/// How to run a manifest.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which runs.
    pub shard: Shard,
    /// How many runs at once (≥ 1).
    pub jobs: usize,
    /// The results folder.
    pub dir: PathBuf,
    /// The runs of the shard, counted as they finish (skipped ones too).
    pub progress: Progress,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The shard run.
    pub shard: Shard,
    /// How many runs the manifest holds.
    pub total: usize,
    /// The ids of the shard's runs that ran now.
    pub ran: Vec<String>,
    /// The ids of those skipped, having finished before.
    pub skipped: Vec<String>,
    /// The shard's runs that did not exit 0 (run now or before): id, exit code, and the error
    /// (or, without one, the last line the run said on standard error: why there is no route).
    pub failed: Vec<Failure>,
}

/// Runs `f` on every item, `jobs` at once on threads (the calling thread alone for 1), and returns
/// the results in the items' order: the same results whatever `jobs` is, when `f` depends on its
/// item alone. The unit of a library front end that runs a manifest's runs without a folder.
pub fn execute<T: Sync, R: Send>(items: &[T], jobs: usize, f: &(dyn Fn(&T) -> R + Sync)) -> Vec<R> {
    execute_with(items, jobs, &|| (), &|_: &mut (), item: &T| f(item))
}

/// [`execute`] with a working state per job: `init` makes one on each thread before its first
/// item (a model prepared once, a working copy of a network, caches that are not shared between
/// threads), and `f` is given it with each item. The results must depend on the item alone, not
/// on which items the state saw before, for them to be the same on any `jobs`.
pub fn execute_with<T: Sync, S, R: Send>(
    items: &[T],
    jobs: usize,
    init: &(dyn Fn() -> S + Sync),
    f: &(dyn Fn(&mut S, &T) -> R + Sync),
) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        let mut state = init();
        return items.iter().map(|item| f(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| {
                let mut state = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(state.get_or_insert_with(init), item);
                    *slots[i].lock().expect("result slot") = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .expect("result slot")
                .expect("every item ran")
        })
        .collect()
}

/// How many jobs at once when none is asked: the cores available (1 when unknown).
pub fn jobs_available() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What [`evaluate`] gives: each item's result in the items' order (`None` where it failed),
/// and the failures, in the items' order too.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated<R> {
    /// One per item.
    pub results: Vec<Option<R>>,
    /// The items that failed: `id` of the item and its error.
    pub failed: Vec<Failure>,
}

/// Runs `f` on every item through [`execute`] (`jobs` at once, results in the items' order,
/// the same on any `jobs`), as a batch runs its runs: an item that fails is recorded with its
/// id (`id` of its index) and its error, and the others go on. The unit of a study that runs
/// its own evaluations (a screening's trajectories, a calibration's held-out years).
pub fn evaluate<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    id: &(dyn Fn(usize) -> String + Sync),
    f: &(dyn Fn(&T) -> Result<R> + Sync),
) -> Evaluated<R> {
    evaluate_with(items, jobs, id, &|| Ok(()), &|_: &mut (), item: &T| f(item))
}

/// [`evaluate`] with a working state per job, as [`execute_with`]; a state that cannot be made
/// fails the items of its job with its error.
pub fn evaluate_with<T: Sync, S, R: Send>(
    items: &[T],
    jobs: usize,
    id: &(dyn Fn(usize) -> String + Sync),
    init: &(dyn Fn() -> Result<S> + Sync),
    f: &(dyn Fn(&mut S, &T) -> Result<R> + Sync),
) -> Evaluated<R> {
    let mut failed = Vec::new();
    let run = |state: &mut Result<S>, item: &T| match state {
        Ok(s) => f(s, item),
        Err(e) => Err(Error::InvalidArgument(e.to_string())),
    };
    let results = execute_with(items, jobs, init, &run)
        .into_iter()
        .enumerate()
        .map(|(i, r)| match r {
            Ok(v) => Some(v),
            Err(e) => {
                failed.push(Failure::error(id(i), e));
                None
            }
        })
        .collect();
    Evaluated { results, failed }
}

/// Runs the shard's runs of `manifest` with `exec` (given the run and the folder its files go
/// into), writing each result into `opts.dir` as it finishes and skipping runs finished before
/// (see [`record::finished`]). A run that fails is recorded and the others go on; a result that
/// cannot be written stops the batch with that error.
pub fn run(
    manifest: &Manifest,
    opts: &Options,
    exec: &(dyn Fn(&Run, &Path) -> Outcome + Sync),
) -> Result<Summary> {
    if opts.jobs == 0 {
        return Err(Error::InvalidArgument(
            "--jobs 0: give 1 or more runs at once".into(),
        ));
    }
    crate::fs::write_atomic(&opts.dir.join(record::MANIFEST), manifest.text.as_bytes())?;
    let held: Vec<&Run> = manifest
        .runs
        .iter()
        .filter(|r| opts.shard.holds(r.index))
        .collect();
    opts.progress.expect(held.len() as u64);
    let stop: Mutex<Option<Error>> = Mutex::new(None);
    let did = execute(&held, opts.jobs, &|run: &&Run| -> Option<bool> {
        if stop.lock().expect("stop").is_some() {
            return None;
        }
        let skipped = record::finished(&opts.dir, run);
        if !skipped {
            let outcome = exec(run, &record::run_folder(&opts.dir, &run.id));
            if let Err(e) = record::write(&opts.dir, run, &outcome) {
                stop.lock().expect("stop").get_or_insert(e);
                return None;
            }
        }
        opts.progress.advance(1);
        Some(skipped)
    });
    if let Some(e) = stop.into_inner().expect("stop") {
        return Err(e);
    }
    let mut summary = Summary {
        shard: opts.shard,
        total: manifest.runs.len(),
        ran: Vec::new(),
        skipped: Vec::new(),
        failed: Vec::new(),
    };
    for (run, skipped) in held.iter().zip(did) {
        let list = if skipped == Some(true) {
            &mut summary.skipped
        } else {
            &mut summary.ran
        };
        list.push(run.id.clone());
        if let Some((r, _)) = record::read(&opts.dir, run) {
            if r.exit != 0 {
                let why = r
                    .error
                    .or_else(|| r.stderr.lines().last().map(str::to_string));
                summary.failed.push(Failure {
                    id: r.id,
                    exit: r.exit,
                    error: why,
                });
            }
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..100).collect();
        let f = |x: &u64| x * x;
        let one = execute(&items, 1, &f);
        assert_eq!(one, execute(&items, 4, &f));
        assert_eq!(one[99], 9801);
        assert!(execute(&Vec::<u64>::new(), 3, &f).is_empty());
    }

    #[test]
    fn a_failed_item_is_recorded_and_the_others_go_on_on_any_threads() {
        let items: Vec<u64> = (0..40).collect();
        let f = |x: &u64| -> Result<u64> {
            if x % 13 == 5 {
                Err(Error::InvalidArgument(format!("{x} refused")))
            } else {
                Ok(x + 1)
            }
        };
        let id = |i: usize| format!("item {}", i + 1);
        let one = evaluate(&items, 1, &id, &f);
        assert_eq!(one, evaluate(&items, 3, &id, &f));
        assert_eq!((one.results[0], one.results[5]), (Some(1), None));
        assert_eq!(one.results.iter().flatten().count(), 37);
        let ids: Vec<&str> = one.failed.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["item 6", "item 19", "item 32"]);
        assert_eq!(one.failed[1].exit, 2);
        assert!(one.failed[1]
            .error
            .as_deref()
            .unwrap()
            .contains("18 refused"));
    }

    #[test]
    fn a_finished_run_is_skipped_and_a_changed_one_redone() {
        let dir = tempfile::tempdir().unwrap();
        let text = "[[run]]\nid = \"a\"\nargs = [\"x\"]\n[[run]]\nid = \"b\"\nargs = [\"y\"]\n";
        let m = Manifest::parse("m.toml", text).unwrap();
        let opts = Options {
            shard: Shard::ALL,
            jobs: 2,
            dir: dir.path().to_path_buf(),
            progress: Progress::default(),
        };
        let calls = AtomicUsize::new(0);
        let exec = |r: &Run, _: &Path| {
            calls.fetch_add(1, Ordering::Relaxed);
            Outcome {
                exit: i32::from(r.id == "b"),
                stdout: r.args.join(" ").into_bytes(),
                ..Outcome::default()
            }
        };
        let s = run(&m, &opts, &exec).unwrap();
        assert_eq!(
            (s.ran.len(), s.skipped.len(), calls.load(Ordering::Relaxed)),
            (2, 0, 2)
        );
        assert_eq!(
            s.failed,
            [Failure {
                id: "b".into(),
                exit: 1,
                error: None
            }]
        );
        let s = run(&m, &opts, &exec).unwrap();
        assert_eq!(
            (s.ran.len(), s.skipped.len(), calls.load(Ordering::Relaxed)),
            (0, 2, 2)
        );
        let changed = Manifest::parse("m.toml", &text.replace("\"y\"", "\"z\"")).unwrap();
        let s = run(&changed, &opts, &exec).unwrap();
        assert_eq!(s.ran, ["b"]);
        assert_eq!(s.skipped, ["a"]);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
    }
}
