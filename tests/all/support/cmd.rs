//! `Cmd`: one run of the `corridor` binary, with what it must print and the code it must exit
//! with, checked all at once (in the style of just's `Test`).
//!
//! ```ignore
//! Cmd::tiny("route")
//!     .args(["--by", "cost"])
//!     .stdout_has("total: 600 km · 3.4 days · $1,150")
//!     .run();
//! Cmd::route().args(["--modes", "rail,bus"]).status(2).stderr_has("invalid value 'bus'").run();
//! ```
//!
//! A `Cmd` expects exit code 0 unless told otherwise. `run` compares everything it was told and,
//! on any mismatch, panics once with the command line, the exit code, both outputs and every
//! expectation that failed. It returns the outputs for the checks a test makes itself. The binary
//! runs in the package root (so `tests/fixtures/…` paths work from anywhere), with no standard
//! input and without the caller's `COLUMNS` (tables are whole unless a test sets a width with
//! [`Cmd::env`]), and is killed after a time limit (a hang is a failure, not a stuck suite).

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The hand-drawn network of four nodes, `a`–`g`–`p`–`q` (see its header).
pub const TINY: &str = "tests/fixtures/tiny.toml";

/// The hand-computed reliability network, two routes from `a` to `b` (see its header).
pub const RELIABILITY: &str = "tests/fixtures/reliability.toml";

/// How long a run may take unless told otherwise (debug builds of whole-network studies take
/// seconds; a minute more is a hang).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// Outputs longer than this are cut in a failure message (the start and the length are shown).
const SHOWN_BYTES: usize = 64 * 1024;

/// One expectation on an output stream.
#[derive(Debug, Clone)]
enum Expect {
    /// The whole output.
    Is(String),
    /// A piece of it.
    Has(String),
    /// A piece it must not hold.
    Lacks(String),
    /// At least one of these pieces.
    HasAny(Vec<String>),
}

impl Expect {
    /// Whether `text` meets the expectation.
    fn met_by(&self, text: &str) -> bool {
        match self {
            Expect::Is(s) => text == s,
            Expect::Has(s) => text.contains(s.as_str()),
            Expect::Lacks(s) => !text.contains(s.as_str()),
            Expect::HasAny(v) => v.iter().any(|s| text.contains(s.as_str())),
        }
    }

    /// The expectation in words, for a failure message.
    fn describe(&self, stream: &str) -> String {
        match self {
            Expect::Is(s) => format!("{stream} is exactly {s:?}"),
            Expect::Has(s) => format!("{stream} contains {s:?}"),
            Expect::Lacks(s) => format!("{stream} does not contain {s:?}"),
            Expect::HasAny(v) => format!("{stream} contains one of {v:?}"),
        }
    }
}

/// One run of `corridor`, built by method calls and checked by [`Cmd::run`].
#[must_use = "a Cmd does nothing until `run`"]
#[derive(Debug, Clone)]
pub struct Cmd {
    args: Vec<OsString>,
    current_dir: PathBuf,
    status: i32,
    stdout: Vec<Expect>,
    stderr: Vec<Expect>,
    timeout: Duration,
    env: Vec<(OsString, OsString)>,
}

/// What a run printed (checked to be UTF-8).
#[derive(Debug, Clone)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Output {
    /// Standard output parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", shown(&self.stdout)))
    }
}

impl Default for Cmd {
    fn default() -> Self {
        Cmd::new()
    }
}

impl Cmd {
    /// `corridor` with no arguments yet, expected to exit 0.
    pub fn new() -> Cmd {
        Cmd {
            args: Vec::new(),
            current_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            status: 0,
            stdout: Vec::new(),
            stderr: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            env: Vec::new(),
        }
    }

    /// `corridor route --from xian --to duisburg`: the shipped network's main question.
    pub fn route() -> Cmd {
        Cmd::new().arg("route").between("xian", "duisburg")
    }

    /// `corridor COMMAND --network tests/fixtures/tiny.toml --from a --to q`.
    pub fn tiny(command: &str) -> Cmd {
        Cmd::new().arg(command).network(TINY).between("a", "q")
    }

    /// `corridor COMMAND --network tests/fixtures/reliability.toml --from a --to b`.
    pub fn reliability(command: &str) -> Cmd {
        Cmd::new()
            .arg(command)
            .network(RELIABILITY)
            .between("a", "b")
    }

    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Cmd {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// More arguments.
    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// `--network PATH`.
    pub fn network(self, path: impl AsRef<OsStr>) -> Cmd {
        self.arg("--network").arg(path)
    }

    /// `--from FROM --to TO`.
    pub fn between(self, from: &str, to: &str) -> Cmd {
        self.args(["--from", from, "--to", to])
    }

    /// Runs in `dir` instead of the package root.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Cmd {
        self.current_dir = dir.as_ref().to_path_buf();
        self
    }

    /// Sets an environment variable for the run (`COLUMNS`, say).
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Cmd {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Kills the run, and fails, after `limit`.
    pub fn timeout(mut self, limit: Duration) -> Cmd {
        self.timeout = limit;
        self
    }

    /// The exit code expected (0 unless told).
    pub fn status(mut self, code: i32) -> Cmd {
        self.status = code;
        self
    }

    /// Standard output must be exactly `text`.
    pub fn stdout(mut self, text: impl Into<String>) -> Cmd {
        self.stdout.push(Expect::Is(text.into()));
        self
    }

    /// Standard output must contain `piece`.
    pub fn stdout_has(mut self, piece: impl Into<String>) -> Cmd {
        self.stdout.push(Expect::Has(piece.into()));
        self
    }

    /// Standard output must not contain `piece`.
    pub fn stdout_lacks(mut self, piece: impl Into<String>) -> Cmd {
        self.stdout.push(Expect::Lacks(piece.into()));
        self
    }

    /// Standard output must contain at least one of `pieces`.
    pub fn stdout_has_any(mut self, pieces: &[&str]) -> Cmd {
        let pieces = pieces.iter().map(|s| s.to_string()).collect();
        self.stdout.push(Expect::HasAny(pieces));
        self
    }

    /// Standard error must be exactly `text`.
    pub fn stderr(mut self, text: impl Into<String>) -> Cmd {
        self.stderr.push(Expect::Is(text.into()));
        self
    }

    /// Standard error must contain `piece`.
    pub fn stderr_has(mut self, piece: impl Into<String>) -> Cmd {
        self.stderr.push(Expect::Has(piece.into()));
        self
    }

    /// Standard error must not contain `piece`.
    pub fn stderr_lacks(mut self, piece: impl Into<String>) -> Cmd {
        self.stderr.push(Expect::Lacks(piece.into()));
        self
    }

    /// Runs the binary and checks the exit code and every expectation; panics once, with
    /// everything, on any mismatch. Returns the outputs.
    #[track_caller]
    pub fn run(self) -> Output {
        let started = Instant::now();
        let child = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .env_remove("COLUMNS")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .args(&self.args)
            .current_dir(&self.current_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.command_line()));
        let (code, stdout, stderr) = self.wait(child);
        let mut wrong: Vec<String> = Vec::new();
        let text = |bytes: Vec<u8>, stream: &str, wrong: &mut Vec<String>| {
            String::from_utf8(bytes).unwrap_or_else(|e| {
                wrong.push(format!("{stream} is not UTF-8"));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            })
        };
        let stdout = text(stdout, "stdout", &mut wrong);
        let stderr = text(stderr, "stderr", &mut wrong);
        let status = match code {
            Some(c) => c,
            None => {
                wrong.push(format!(
                    "no exit code: killed after {:.1} s (limit {:?}) or by a signal",
                    started.elapsed().as_secs_f64(),
                    self.timeout
                ));
                -1
            }
        };
        if code.is_some() && status != self.status {
            wrong.push(format!("exit code {status}, expected {}", self.status));
        }
        for (stream, text, expects) in [
            ("stdout", &stdout, &self.stdout),
            ("stderr", &stderr, &self.stderr),
        ] {
            for e in expects.iter().filter(|e| !e.met_by(text)) {
                wrong.push(format!("expected {}", e.describe(stream)));
            }
        }
        if !wrong.is_empty() {
            panic!(
                "{}\n\ncommand: {}\n   (in {})\nexpected: exit code {}{}\nexit code: {status}\n\
                 --- stdout ---\n{}\n--- stderr ---\n{}\n--- end ---",
                wrong
                    .iter()
                    .map(|w| format!("mismatch: {w}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                self.command_line(),
                self.current_dir.display(),
                self.status,
                self.stdout
                    .iter()
                    .map(|e| e.describe("stdout"))
                    .chain(self.stderr.iter().map(|e| e.describe("stderr")))
                    .map(|d| format!("; {d}"))
                    .collect::<String>(),
                shown(&stdout),
                shown(&stderr),
            );
        }
        Output { stdout, stderr }
    }

    /// Runs (see [`Cmd::run`]) and parses standard output as JSON.
    #[track_caller]
    pub fn json(self) -> serde_json::Value {
        self.run().json()
    }

    /// `[KEY=VALUE…] corridor ARGS…`, each argument quoted when it is not plain.
    fn command_line(&self) -> String {
        let mut line: String = self
            .env
            .iter()
            .map(|(k, v)| format!("{}={} ", k.to_string_lossy(), v.to_string_lossy()))
            .collect();
        line.push_str("corridor");
        for a in &self.args {
            let a = a.to_string_lossy();
            let plain = !a.is_empty()
                && a.chars()
                    .all(|c| c.is_alphanumeric() || "-_./=:,+@%".contains(c));
            line.push(' ');
            if plain {
                line.push_str(&a);
            } else {
                line.push_str(&format!("{a:?}"));
            }
        }
        line
    }

    /// Waits for the child within the time limit, reading both outputs meanwhile; kills it when
    /// the limit passes. The exit code is `None` when it was killed or ended by a signal.
    fn wait(&self, mut child: Child) -> (Option<i32>, Vec<u8>, Vec<u8>) {
        let drain = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = pipe.read_to_end(&mut buf);
                buf
            })
        };
        let out = drain(Box::new(child.stdout.take().expect("piped stdout")));
        let err = drain(Box::new(child.stderr.take().expect("piped stderr")));
        let deadline = Instant::now() + self.timeout;
        let mut nap = Duration::from_millis(1);
        let status = loop {
            match child.try_wait().expect("wait for corridor") {
                Some(status) => break status.code(),
                None if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                None => {
                    std::thread::sleep(nap);
                    nap = (nap * 2).min(Duration::from_millis(20));
                }
            }
        };
        let join = |h: std::thread::JoinHandle<Vec<u8>>| h.join().expect("read an output");
        (status, join(out), join(err))
    }
}

/// An output for a failure message: whole, or its first [`SHOWN_BYTES`] and its length.
fn shown(text: &str) -> String {
    if text.len() <= SHOWN_BYTES {
        return text.to_string();
    }
    let mut end = SHOWN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n… ({} bytes in all)", &text[..end], text.len())
}

/// Writes `text` to `name` in `dir` and returns the path, for a command to read.
pub fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}
