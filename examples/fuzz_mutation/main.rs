//! Long runs of the seeded mutation fuzzer of `mutate/` beside this file (the normal suite runs a
//! fixed few thousand of its cases in `tests/all/fuzz_mutation.rs`).
//!
//! ```sh
//! cargo run --release --example fuzz_mutation -- --per-target 1000000 --seed 1
//! cargo run --release --example fuzz_mutation -- --target geojson,demand --cases 40000 --seed 7
//! cargo run --release --example fuzz_mutation -- --show --target scenario --seed 1234
//! cargo run --release --example fuzz_mutation -- --minimize --target network --seed 1234
//! ```
//!
//! The targets (`--target`, comma-separated, default `all`): `network` and `scenario` (TOML
//! network and scenario files), `geojson` (a network's nodes and links as GeoJSON), `demand`
//! (demand files and their assignment), `observed` (observation files and the model against
//! them), `csv` (every CSV output on a mutated scenario or odd names, read back by a CSV
//! reader). `--cases N` cases in all, split evenly between the targets, or `--per-target N`
//! each; a target's seeds are `S, S+1, …` from `--seed S`. The run is shared among `--jobs` child
//! processes (this same program with `--worker`), so that a case that hangs, exhausts memory or
//! aborts the process (a stack overflow) is reported with its seed and the run goes on from the
//! next seed. Prints the rate and every distinct failure with its seeds; exits 1 if any case
//! failed.

mod mutate;

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use mutate::{Engine, Guard, Options, Tally, Target};

#[derive(Debug, Parser)]
#[command(about = "Seeded mutation fuzzing of corridor's inputs and CSV outputs")]
struct Args {
    /// Cases in all, split evenly between the targets.
    #[arg(long, default_value_t = 10_000)]
    cases: u64,
    /// Cases for each target (instead of --cases).
    #[arg(long)]
    per_target: Option<u64>,
    /// First seed of each target.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Targets, comma-separated (network, scenario, geojson, demand, observed, csv), or all.
    #[arg(long, default_value = "all")]
    target: String,
    /// Child processes run at once (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// The longest one case may take, in milliseconds of its thread's CPU time (wall time where
    /// the system does not report it; a case is stopped after four times this of wall time).
    #[arg(long, default_value_t = 2_000)]
    timeout_ms: u64,
    /// Resident memory of a child above which a case counts as allocating without bound, MiB.
    #[arg(long, default_value_t = 4_096)]
    memory_mb: u64,
    /// Mutation or case kinds never drawn (comma-separated; see mutate/mutations.rs and mutate/corpus.rs).
    #[arg(long, value_delimiter = ',')]
    skip: Vec<String>,
    /// Keep scenario edit amounts within 1e-3…1e3 (no compounding overflow).
    #[arg(long)]
    cap_amounts: bool,
    /// The debug suite's mix of network cases (no whole-network loads).
    #[arg(long)]
    quick: bool,
    /// Print the case of `--seed` (one target) with its whole mutated input, then run it.
    #[arg(long)]
    show: bool,
    /// Shrink the failing case of `--seed` (one target) to fewer lines and print it.
    #[arg(long)]
    minimize: bool,
    /// Run in this process (no children): a hang or memory failure ends the run.
    #[arg(long)]
    in_process: bool,
    /// Cases per child process.
    #[arg(long, default_value_t = 20_000)]
    chunk: u64,
    /// Internal: run as a child.
    #[arg(long, hide = true)]
    worker: bool,
}

impl Args {
    fn targets(&self) -> Vec<Target> {
        if self.target == "all" {
            return Target::ALL.to_vec();
        }
        self.target
            .split(',')
            .map(|t| {
                Target::parse(t.trim()).unwrap_or_else(|| {
                    eprintln!(
                        "unknown target `{t}`: one of {} or all",
                        Target::ALL.map(|t| t.as_str()).join(", ")
                    );
                    std::process::exit(2)
                })
            })
            .collect()
    }

    /// Cases per target.
    fn per_target(&self) -> u64 {
        self.per_target
            .unwrap_or(self.cases / self.targets().len() as u64)
    }

    fn options(&self) -> Options {
        let mut o = if self.quick {
            Options::quick()
        } else {
            Options::release()
        };
        o.skip = self.skip.clone();
        o.cap_amounts = self.cap_amounts;
        o
    }

    fn guard(&self, engine: Arc<Engine>) -> Guard {
        Guard::new(
            engine,
            Duration::from_millis(self.timeout_ms),
            self.memory_mb << 20,
        )
    }
}

fn clean(s: &str) -> String {
    s.replace('\t', " ")
        .replace('\r', "\\r")
        .replace('\n', " ⏎ ")
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.worker {
        return worker(&args);
    }
    if args.show || args.minimize {
        return show(&args);
    }
    if args.in_process {
        return in_process(&args);
    }
    supervise(&args)
}

/// `--show` and `--minimize`.
fn show(args: &Args) -> ExitCode {
    let target = Target::parse(&args.target).unwrap_or(Target::Network);
    let engine = Arc::new(Engine::new(args.options()));
    let case = engine.case(target, args.seed);
    println!(
        "target {} seed {}: {}",
        target.as_str(),
        args.seed,
        case.describe()
    );
    if args.show {
        if let Some(t) = case.mutated_text() {
            println!("----- mutated input ({} bytes) -----", t.len());
            println!("{t}");
            println!("----- end -----");
        }
    }
    let mut guard = args.guard(engine.clone());
    match guard.run(target, args.seed) {
        Ok(t) => {
            println!("ok: {t:?}");
            ExitCode::SUCCESS
        }
        Err(f) => {
            println!("FAIL {f}");
            if args.minimize {
                match mutate::minimise(&engine, target, args.seed, &f.key(), 3_000) {
                    Some(t) => println!(
                        "----- minimised input ({} bytes) -----\n{t}\n----- end -----",
                        t.len()
                    ),
                    None => println!("(not minimisable: only failures caught in-thread are)"),
                }
            }
            std::process::exit(1);
        }
    }
}

/// `--in-process`: sequential, in this process.
fn in_process(args: &Args) -> ExitCode {
    let engine = Arc::new(Engine::new(args.options()));
    let mut guard = args.guard(engine);
    let start = Instant::now();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let targets = args.targets();
    let per = args.per_target();
    'outer: for t in &targets {
        for i in 0..per {
            match guard.run(*t, args.seed + i) {
                Ok(x) => tally.add(&x),
                Err(f) => {
                    println!("FAIL {f}");
                    tally.cases += 1;
                    failures.push(f);
                    if guard.poisoned {
                        break 'outer;
                    }
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} cases in {secs:.1} s: {:.0} cases/s; {tally:?}; {} failure(s)",
        tally.cases,
        tally.cases as f64 / secs,
        failures.len()
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `--worker`: runs `--cases` seeds of one target from `--seed`, printing `s SEED` as each
/// case starts, `f …` for a failure and `t …` (the tally) at the end. After a hang or memory
/// failure it stops with code 3 (the stuck thread cannot be stopped) and the parent resumes
/// after that seed.
fn worker(args: &Args) -> ExitCode {
    let target = Target::parse(&args.target).expect("a worker runs one target");
    let engine = Arc::new(Engine::new(args.options()));
    let mut guard = args.guard(engine);
    let mut tally = Tally::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut stop = false;
    for seed in args.seed..args.seed + args.cases {
        if writeln!(out, "s {seed}").and_then(|_| out.flush()).is_err() {
            // The parent is gone.
            std::process::exit(4);
        }
        match guard.run(target, seed) {
            Ok(t) => tally.add(&t),
            Err(f) => {
                tally.cases += 1;
                let v = &f.violation;
                let _ = writeln!(
                    out,
                    "f\t{}\t{}\t{}\t{}\t{}\t{}",
                    target.as_str(),
                    seed,
                    clean(&v.class),
                    clean(&v.signature),
                    clean(&v.detail),
                    clean(&f.case)
                );
                if guard.poisoned || guard.abandoned > 0 {
                    stop = true;
                }
            }
        }
        if stop {
            break;
        }
    }
    let _ = writeln!(
        out,
        "t {} {} {} {} {}",
        tally.cases, tally.rejected, tally.accepted, tally.queries, tally.found
    );
    let _ = out.flush();
    if stop {
        // Leave at once: a stuck or runaway thread is still running.
        std::process::exit(3);
    }
    ExitCode::SUCCESS
}

/// One finding: every failure with the same class and signature.
struct Finding {
    count: u64,
    seeds: Vec<(Target, u64)>,
    detail: String,
    case: String,
}

#[derive(Default)]
struct Totals {
    started: BTreeMap<&'static str, u64>,
    tally: BTreeMap<&'static str, Tally>,
    findings: BTreeMap<String, Finding>,
}

impl Totals {
    fn record(&mut self, target: Target, seed: u64, key: String, detail: String, case: String) {
        let f = self.findings.entry(key).or_insert_with(|| Finding {
            count: 0,
            seeds: Vec::new(),
            detail,
            case,
        });
        f.count += 1;
        if f.seeds.len() < 8 {
            f.seeds.push((target, seed));
        }
    }
}

enum Event {
    Line(usize, String),
    Eof(usize),
}

struct Slot {
    child: Child,
    target: Target,
    end: u64,
    last: Option<u64>,
    seen: Instant,
    stderr: Arc<Mutex<String>>,
}

fn spawn(
    args: &Args,
    id: usize,
    target: Target,
    from: u64,
    to: u64,
    tx: &mpsc::Sender<Event>,
) -> Slot {
    let exe = std::env::current_exe().expect("the path of this program");
    let mut cmd = Command::new(exe);
    cmd.args([
        "--worker",
        "--target",
        target.as_str(),
        "--seed",
        &from.to_string(),
        "--cases",
        &(to - from).to_string(),
        "--timeout-ms",
        &args.timeout_ms.to_string(),
        "--memory-mb",
        &args.memory_mb.to_string(),
    ]);
    if !args.skip.is_empty() {
        cmd.args(["--skip", &args.skip.join(",")]);
    }
    if args.cap_amounts {
        cmd.arg("--cap-amounts");
    }
    if args.quick {
        cmd.arg("--quick");
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a worker");
    let stdout = child.stdout.take().expect("piped stdout");
    let tx = tx.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            match line {
                Ok(l) => {
                    if tx.send(Event::Line(id, l)).is_err() {
                        return;
                    }
                }
                Err(_) => break,
            }
        }
        let _ = tx.send(Event::Eof(id));
    });
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut err = child.stderr.take().expect("piped stderr");
    let keep = stderr.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut s) = keep.lock() {
                s.push_str(&String::from_utf8_lossy(&buf[..n]));
                if s.len() > 8_000 {
                    let cut = s.len() - 4_000;
                    let cut = (cut..s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(0);
                    s.drain(..cut);
                }
            }
        }
    });
    Slot {
        child,
        target,
        end: to,
        last: None,
        seen: Instant::now(),
        stderr,
    }
}

fn supervise(args: &Args) -> ExitCode {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let targets = args.targets();
    let per = args.per_target();
    // Chunks of seeds, interleaving the targets so that both progress together.
    let mut queue: VecDeque<(Target, u64, u64)> = VecDeque::new();
    let chunk = args.chunk.max(1);
    let mut offset = 0;
    while offset < per {
        let end = (offset + chunk).min(per);
        for &t in &targets {
            queue.push_back((t, args.seed + offset, args.seed + end));
        }
        offset = end;
    }
    eprintln!(
        "fuzz_mutation: {} cases ({} per target: {}), seeds from {}, {jobs} worker process(es), {} ms per case at most",
        per * targets.len() as u64,
        per,
        targets.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "),
        args.seed,
        args.timeout_ms
    );
    let start = Instant::now();
    let (tx, rx) = mpsc::channel::<Event>();
    let mut slots: Vec<Option<Slot>> = (0..jobs).map(|_| None).collect();
    let mut totals = Totals::default();
    let mut last_report = Instant::now();
    // A child that prints nothing for this long is stuck beyond its own time box.
    let silent_limit = Duration::from_millis(args.timeout_ms * 5 + 30_000);
    loop {
        for (id, slot) in slots.iter_mut().enumerate() {
            if slot.is_none() {
                if let Some((t, a, b)) = queue.pop_front() {
                    *slot = Some(spawn(args, id, t, a, b, &tx));
                }
            }
        }
        if slots.iter().all(Option::is_none) {
            break;
        }
        match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(Event::Line(id, line)) => {
                let Some(s) = slots[id].as_mut() else {
                    continue;
                };
                s.seen = Instant::now();
                if let Some(seed) = line.strip_prefix("s ") {
                    s.last = seed.parse().ok();
                    *totals.started.entry(s.target.as_str()).or_default() += 1;
                } else if let Some(rest) = line.strip_prefix("f\t") {
                    let p: Vec<&str> = rest.splitn(6, '\t').collect();
                    if p.len() == 6 {
                        let target = Target::parse(p[0]).unwrap_or(s.target);
                        let seed = p[1].parse().unwrap_or(0);
                        let key = format!("{} {}: {}", target.as_str(), p[2], p[3]);
                        if !totals.findings.contains_key(&key) {
                            eprintln!("new failure: seed={seed} {key}: {}", p[4]);
                        }
                        totals.record(target, seed, key, p[4].to_string(), p[5].to_string());
                    }
                } else if let Some(rest) = line.strip_prefix("t ") {
                    let v: Vec<u64> = rest.split(' ').filter_map(|x| x.parse().ok()).collect();
                    if v.len() == 5 {
                        totals
                            .tally
                            .entry(s.target.as_str())
                            .or_default()
                            .add(&Tally {
                                cases: v[0],
                                rejected: v[1],
                                accepted: v[2],
                                queries: v[3],
                                found: v[4],
                            });
                    }
                }
            }
            Ok(Event::Eof(id)) => {
                let Some(mut s) = slots[id].take() else {
                    continue;
                };
                let status = s.child.wait().expect("wait for a worker");
                let resume = s.last.map_or(s.end, |l| l + 1);
                match status.code() {
                    Some(0) => {}
                    Some(3) => {
                        if resume < s.end {
                            queue.push_front((s.target, resume, s.end));
                        }
                    }
                    _ => {
                        // Killed by a signal or aborted: the case it had started is the culprit.
                        std::thread::sleep(Duration::from_millis(50));
                        let err = s.stderr.lock().map(|e| e.clone()).unwrap_or_default();
                        let last_line = err
                            .lines()
                            .rev()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or("")
                            .to_string();
                        let seed = s.last.unwrap_or(0);
                        let sig: String = last_line
                            .chars()
                            .take(60)
                            .map(|c| if c.is_ascii_digit() { '#' } else { c })
                            .collect();
                        let case = Engine::new(args.options()).case(s.target, seed).describe();
                        eprintln!(
                            "new failure: seed={seed} {} crash ({status}): {last_line}",
                            s.target.as_str()
                        );
                        totals.record(
                            s.target,
                            seed,
                            format!("{} crash: {sig}", s.target.as_str()),
                            format!("{status}; stderr: {}", clean(&err)),
                            case,
                        );
                        if resume < s.end {
                            queue.push_front((s.target, resume, s.end));
                        }
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        for s in slots.iter_mut().flatten() {
            if s.seen.elapsed() > silent_limit {
                eprintln!("worker silent for {:?}: killing it", s.seen.elapsed());
                let _ = s.child.kill();
                s.seen = Instant::now();
            }
        }
        if last_report.elapsed() > Duration::from_secs(20) {
            last_report = Instant::now();
            let n: u64 = totals.started.values().sum();
            eprintln!(
                "… {n} cases in {:.0} s ({:.0}/s), {} distinct failure(s)",
                start.elapsed().as_secs_f64(),
                n as f64 / start.elapsed().as_secs_f64(),
                totals.findings.len()
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n: u64 = totals.started.values().sum();
    println!(
        "{n} cases in {secs:.1} s: {:.0} cases/s ({} jobs)",
        n as f64 / secs,
        jobs
    );
    for (t, c) in &totals.started {
        let x = totals.tally.get(t).copied().unwrap_or_default();
        println!(
            "  {t}: {c} cases; {} rejected with located problems, {} accepted; {} route queries, {} routes found and checked",
            x.rejected, x.accepted, x.queries, x.found
        );
    }
    let failed: u64 = totals.findings.values().map(|f| f.count).sum();
    println!(
        "{} distinct failure(s) in {failed} failing case(s)",
        totals.findings.len()
    );
    for (i, (key, f)) in totals.findings.iter().enumerate() {
        let seeds: Vec<String> = f
            .seeds
            .iter()
            .map(|(t, s)| format!("{} {s}", t.as_str()))
            .collect();
        println!(
            "[{}] {key} — {} case(s); seeds: {}",
            i + 1,
            f.count,
            seeds.join(", ")
        );
        println!("    {}", f.detail.chars().take(600).collect::<String>());
        println!("    case: {}", f.case.chars().take(600).collect::<String>());
    }
    if totals.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
