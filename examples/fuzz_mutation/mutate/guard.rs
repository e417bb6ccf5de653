//! The runner: cases run one at a time on a worker thread that catches panics, with each case
//! time-boxed and the process's resident memory watched; a failing case's text shrunk line by
//! line.
//!
//! The time box counts the worker thread's CPU time where the system reports it (Linux's
//! `/proc/thread-self`), so a case on a machine busy with other work is not taken for a hang; a
//! case that waits without computing (blocked, or on threads of its own) is stopped at
//! [`WALL_FACTOR`] times the box of wall time.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use super::case::{generate, Case};
use super::check::{execute, violation, Failure, Tally, Violation};
use super::corpus::{Corpus, Options, Target};
use super::lines::split_lines;

thread_local! {
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
}
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Installs (once) a panic hook that records panics inside cases instead of printing them, and
/// leaves every other panic to the previous hook.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_CASE.with(Cell::get) {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(non-string payload)".into());
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                if let Ok(mut slot) = LAST_PANIC.lock() {
                    *slot = Some(format!("{at}\t{msg}"));
                }
            } else {
                previous(info);
            }
        }));
    });
}

/// The engine: a corpus and options, shared with the worker thread.
#[derive(Debug)]
pub struct Engine {
    /// The corpus.
    pub corpus: Corpus,
    /// The options.
    pub opts: Options,
}

impl Engine {
    /// An engine with a freshly loaded corpus.
    pub fn new(opts: Options) -> Engine {
        Engine {
            corpus: Corpus::new(),
            opts,
        }
    }

    /// The case of a seed.
    pub fn case(&self, target: Target, seed: u64) -> Case {
        generate(&self.corpus, &self.opts, target, seed)
    }

    /// Generates and runs a case in this thread, catching panics.
    pub fn run(&self, target: Target, seed: u64) -> Result<Tally, Failure> {
        install_hook();
        IN_CASE.with(|c| c.set(true));
        let r = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut case = self.case(target, seed);
            let r = execute(&self.corpus, &mut case);
            (case.describe(), r)
        }));
        IN_CASE.with(|c| c.set(false));
        let fail = |violation: Violation, case: String| Failure {
            target,
            seed,
            violation,
            case,
        };
        match r {
            Ok((_, Ok(t))) => Ok(t),
            Ok((case, Err(v))) => Err(fail(v, case)),
            Err(_) => {
                let recorded = LAST_PANIC.lock().ok().and_then(|mut s| s.take());
                let (at, msg) = recorded
                    .as_deref()
                    .and_then(|s| s.split_once('\t'))
                    .map(|(a, m)| (a.to_string(), m.to_string()))
                    .unwrap_or_default();
                // The case again, outside the panic, for its description (generation itself
                // does not panic; if it did, that is the harness's own bug, reported as such).
                let case =
                    panic::catch_unwind(AssertUnwindSafe(|| self.case(target, seed).describe()))
                        .unwrap_or_else(|_| "(the harness panicked generating the case)".into());
                let short: String = msg
                    .chars()
                    .take(60)
                    .map(|c| if c.is_ascii_digit() { '#' } else { c })
                    .collect();
                Err(fail(
                    violation("panic", format!("{at} {short}"), format!("at {at}: {msg}")),
                    case,
                ))
            }
        }
    }
}

/// The process's resident memory in bytes (Linux; 0 elsewhere).
pub fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4096)
}

/// A case may take this many times its time box of wall time before it counts as a hang, however
/// little CPU time its own thread used.
pub const WALL_FACTOR: u32 = 4;

/// The CPU time a thread has used, from its `schedstat` file (nanoseconds on the processor).
fn thread_cpu(schedstat: &std::path::Path) -> Option<Duration> {
    let s = std::fs::read_to_string(schedstat).ok()?;
    let ns = s.split_whitespace().next()?.parse::<u64>().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The calling thread's `schedstat` file, by a path that other threads can read (Linux only).
fn own_schedstat() -> Option<std::path::PathBuf> {
    let task = std::fs::read_link("/proc/thread-self").ok()?;
    let path = std::path::Path::new("/proc").join(task).join("schedstat");
    thread_cpu(&path).map(|_| path)
}

type Job = (Target, u64);
type Done = Result<Tally, Failure>;

struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Done>,
    /// The worker thread's `schedstat` file, when the system has one.
    cpu: Option<std::path::PathBuf>,
}

fn spawn_worker(engine: Arc<Engine>) -> Worker {
    let (jobs, job_rx) = mpsc::channel::<Job>();
    let (done_tx, done) = mpsc::channel::<Done>();
    let (cpu_tx, cpu_rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("fuzz-case".into())
        // The main thread's stack size, as the CLI has when it parses.
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = cpu_tx.send(own_schedstat());
            for (target, seed) in job_rx {
                if done_tx.send(engine.run(target, seed)).is_err() {
                    break;
                }
            }
        })
        .expect("spawn the fuzz worker");
    let cpu = cpu_rx.recv().ok().flatten();
    Worker { jobs, done, cpu }
}

/// Runs cases one at a time on a worker thread, time-boxing each and watching memory.
pub struct Guard {
    engine: Arc<Engine>,
    worker: Worker,
    /// The longest a case may take: CPU time of the worker thread where the system reports it,
    /// else wall time.
    pub timeout: Duration,
    /// Resident memory above which a case counts as allocating without bound.
    pub memory_limit: u64,
    /// Worker threads abandoned in a hang (they keep running until the process ends).
    pub abandoned: usize,
    /// Set after a memory failure: the runaway thread cannot be stopped, so the process
    /// should stop soon.
    pub poisoned: bool,
}

impl Guard {
    /// A guard with its worker.
    pub fn new(engine: Arc<Engine>, timeout: Duration, memory_limit: u64) -> Guard {
        Guard {
            worker: spawn_worker(engine.clone()),
            engine,
            timeout,
            memory_limit,
            abandoned: 0,
            poisoned: false,
        }
    }

    /// Runs one case.
    pub fn run(&mut self, target: Target, seed: u64) -> Done {
        let describe = |engine: &Engine| engine.case(target, seed).describe();
        if self.worker.jobs.send((target, seed)).is_err() {
            self.worker = spawn_worker(self.engine.clone());
            let _ = self.worker.jobs.send((target, seed));
        }
        let start = Instant::now();
        let cpu = |w: &Worker| w.cpu.as_deref().and_then(thread_cpu);
        let cpu_start = cpu(&self.worker);
        loop {
            match self.worker.done.recv_timeout(Duration::from_millis(25)) {
                Ok(r) => {
                    if self.memory_limit > 0 && resident_bytes() > self.memory_limit {
                        self.poisoned = true;
                        return Err(Failure {
                            target,
                            seed,
                            violation: violation(
                                "memory",
                                "retained",
                                format!(
                                    "resident memory {} MiB after the case",
                                    resident_bytes() >> 20
                                ),
                            ),
                            case: describe(&self.engine),
                        });
                    }
                    return r;
                }
                Err(RecvTimeoutError::Timeout) => {
                    let rss = resident_bytes();
                    if self.memory_limit > 0 && rss > self.memory_limit {
                        self.poisoned = true;
                        return Err(Failure {
                            target,
                            seed,
                            violation: violation(
                                "memory",
                                "unbounded",
                                format!(
                                    "resident memory {} MiB after {:.1} s in one case",
                                    rss >> 20,
                                    start.elapsed().as_secs_f64()
                                ),
                            ),
                            case: describe(&self.engine),
                        });
                    }
                    let used = match (cpu_start, cpu(&self.worker)) {
                        (Some(a), Some(b)) => b.saturating_sub(a),
                        _ => start.elapsed(),
                    };
                    if used > self.timeout || start.elapsed() > self.timeout * WALL_FACTOR {
                        self.abandoned += 1;
                        self.worker = spawn_worker(self.engine.clone());
                        return Err(Failure {
                            target,
                            seed,
                            violation: violation(
                                "hang",
                                "",
                                format!(
                                    "no result after {:.1} s of the case's time ({:.1} s of wall time; resident memory {} MiB)",
                                    used.as_secs_f64(),
                                    start.elapsed().as_secs_f64(),
                                    rss >> 20
                                ),
                            ),
                            case: describe(&self.engine),
                        });
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.worker = spawn_worker(self.engine.clone());
                    return Err(Failure {
                        target,
                        seed,
                        violation: violation("worker-died", "", "the worker thread ended"),
                        case: describe(&self.engine),
                    });
                }
            }
        }
    }
}

/// Line-based delta debugging of a failing case's mutated text: the smallest text (by dropping
/// chunks of lines) that still fails with the same class and signature. Only for failures
/// caught in-thread (panics and broken checks), not hangs or memory.
pub fn minimise(
    engine: &Engine,
    target: Target,
    seed: u64,
    key: &str,
    budget: usize,
) -> Option<String> {
    let base = engine.case(target, seed);
    let text = base.mutated_text()?.to_string();
    let fails = |t: &str| -> bool {
        install_hook();
        let mut c = base.clone();
        c.set_mutated_text(t.to_string());
        IN_CASE.with(|x| x.set(true));
        let r = panic::catch_unwind(AssertUnwindSafe(|| execute(&engine.corpus, &mut c)));
        IN_CASE.with(|x| x.set(false));
        match r {
            Ok(Ok(_)) => false,
            Ok(Err(v)) => format!("{} {}: {}", target.as_str(), v.class, v.signature) == key,
            Err(_) => {
                let rec = LAST_PANIC
                    .lock()
                    .ok()
                    .and_then(|mut s| s.take())
                    .unwrap_or_default();
                let at = rec.split('\t').next().unwrap_or("?");
                key.starts_with(&format!("{} panic: {at} ", target.as_str()))
            }
        }
    };
    if !fails(&text) {
        return None;
    }
    let mut lines = split_lines(&text);
    let mut chunk = lines.len().div_ceil(2).max(1);
    let mut tries = 0;
    while chunk >= 1 && tries < budget {
        let mut i = 0;
        let mut progressed = false;
        while i < lines.len() && tries < budget {
            let end = (i + chunk).min(lines.len());
            let candidate: String = lines[..i].concat() + &lines[end..].concat();
            tries += 1;
            if fails(&candidate) {
                lines.drain(i..end);
                progressed = true;
            } else {
                i += chunk;
            }
        }
        if !progressed {
            if chunk == 1 {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
    }
    Some(lines.concat())
}
