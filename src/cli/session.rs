//! What a command runs in: where its output goes and where its inputs come from.
//!
//! A [`Session`] is standard output and error and the current folder for one command line
//! (`corridor route …`), or — for a run of `corridor batch` — buffers that become the run's
//! files, and the run's own folder for the files it writes. Either way the networks come from
//! one [`Networks`]: each `--network` loaded once, with the scenario networks and routers built
//! from it shared (a [`Workbench`] per network), so a batch of a thousand routes on two
//! scenarios builds two routers. The commands are the same code in both cases.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};

use corridor::load as loader;
use corridor::network::Network;
use corridor::progress::Progress;
use corridor::query::{Shelf, Workbench};
use corridor::text::thousands;

use super::progress::{with_progress, Words};

/// A network's place in [`Networks`]: empty until loaded.
type Slot<'s> = Arc<Mutex<Option<Arc<Workbench<'s>>>>>;

/// Where a stream goes: the process's own, or a buffer.
#[derive(Debug)]
enum Sink {
    Std,
    Buffer(Mutex<Vec<u8>>),
}

/// The networks of a process, each loaded once (by `--network` path, `None` for the embedded
/// one), with the workbench that shares its scenario networks and routers.
pub(crate) struct Networks<'s> {
    bases: &'s Shelf<Network>,
    scenarios: &'s Shelf<Network>,
    loaded: Mutex<HashMap<Option<PathBuf>, Slot<'s>>>,
}

impl<'s> Networks<'s> {
    /// Networks kept on these shelves (which outlive them).
    pub(crate) fn new(bases: &'s Shelf<Network>, scenarios: &'s Shelf<Network>) -> Networks<'s> {
        Networks {
            bases,
            scenarios,
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// The workbench of the network at `path` (the embedded network for `None`), loading it the
    /// first time. A network that fails to load is tried again by the next run that names it.
    fn bench(&self, path: Option<&Path>, session: &Session<'_>) -> Result<Arc<Workbench<'s>>> {
        let slot = {
            let mut loaded = self.loaded.lock().expect("networks lock");
            loaded
                .entry(path.map(Path::to_path_buf))
                .or_default()
                .clone()
        };
        let mut slot = slot.lock().expect("network slot");
        if let Some(b) = &*slot {
            return Ok(b.clone());
        }
        let net = self.bases.put(load(path, session)?);
        let bench = Arc::new(Workbench::new(net, self.scenarios));
        *slot = Some(bench.clone());
        Ok(bench)
    }
}

/// Where one command line's output goes and its inputs come from.
pub(crate) struct Session<'s> {
    /// This command line's `--network`.
    network: Option<PathBuf>,
    networks: &'s Networks<'s>,
    out: Sink,
    err: Sink,
    /// A batch run's folder: where the files it writes go (`None`: the current folder).
    folder: Option<PathBuf>,
    /// The command line's words after the program name (a batch run's own, not the batch's).
    words: Vec<String>,
}

impl<'s> Session<'s> {
    /// A command line of its own: standard output and error, files where they are named.
    pub(crate) fn standard(
        network: Option<PathBuf>,
        networks: &'s Networks<'s>,
        words: Vec<String>,
    ) -> Session<'s> {
        Session {
            network,
            networks,
            out: Sink::Std,
            err: Sink::Std,
            folder: None,
            words,
        }
    }

    /// A run of a batch: both streams kept, files written inside `folder`.
    pub(crate) fn captured(
        network: Option<PathBuf>,
        networks: &'s Networks<'s>,
        folder: PathBuf,
        words: Vec<String>,
    ) -> Session<'s> {
        Session {
            network,
            networks,
            out: Sink::Buffer(Mutex::default()),
            err: Sink::Buffer(Mutex::default()),
            folder: Some(folder),
            words,
        }
    }

    /// This command line as a reader would type it again (`corridor` and its words, line breaks
    /// made spaces): for a batch run its own line, not the batch's.
    pub(crate) fn command_line(&self) -> String {
        let mut line = String::from("corridor");
        for w in &self.words {
            line.push(' ');
            line.push_str(&w.replace(['\n', '\r'], " "));
        }
        line
    }

    /// The networks this session takes its inputs from (a batch's runs share them).
    pub(crate) fn networks(&self) -> &'s Networks<'s> {
        self.networks
    }

    /// Whether this is a run of a batch.
    pub(crate) fn in_batch(&self) -> bool {
        self.folder.is_some()
    }

    /// This command line's `--network`.
    pub(crate) fn network_path(&self) -> Option<&Path> {
        self.network.as_deref()
    }

    /// The workbench of this command line's network (loaded once per process).
    pub(crate) fn bench(&self) -> Result<Arc<Workbench<'s>>> {
        self.networks.bench(self.network.as_deref(), self)
    }

    /// What was written to standard output and error (empty for a standard session).
    pub(crate) fn into_streams(self) -> (Vec<u8>, String) {
        let take = |s: Sink| match s {
            Sink::Std => Vec::new(),
            Sink::Buffer(b) => b.into_inner().expect("stream lock"),
        };
        let err = String::from_utf8_lossy(&take(self.err)).into_owned();
        (take(self.out), err)
    }

    /// Writes bytes to the session's standard output.
    pub(crate) fn out_bytes(&self, bytes: &[u8]) -> Result<()> {
        write_to(&self.out, bytes, false)
    }

    /// Writes a line to the session's standard error.
    pub(crate) fn say(&self, line: &str) {
        let _ = write_to(&self.err, format!("{line}\n").as_bytes(), true);
    }

    /// The width tables are fitted to: the terminal's or `COLUMNS` for a command line (see
    /// [`super::width`]); none in a batch, whose output is a file and must not depend on where
    /// the batch ran.
    pub(crate) fn width(&self) -> Option<usize> {
        if self.in_batch() {
            None
        } else {
            super::width::table_width()
        }
    }

    /// Runs `work` with a progress line on a terminal (none in a batch, whose runs go at once).
    pub(crate) fn with_progress<T: Send>(
        &self,
        words: Words<'_>,
        work: impl FnOnce(&Progress) -> T + Send,
    ) -> T {
        if self.in_batch() {
            work(&Progress::default())
        } else {
            with_progress(words, work)
        }
    }

    /// Where a file the user named is written: as named, or in a batch inside the run's folder
    /// (a path that would leave it, absolute or with `..`, is refused).
    pub(crate) fn path(&self, p: &Path) -> Result<PathBuf> {
        let Some(folder) = &self.folder else {
            return Ok(p.to_path_buf());
        };
        let leaves = p
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        if leaves {
            bail!(
                "{}: a run of a batch writes its files inside its own folder (DIR/runs/ID/): give a relative path without `..`",
                p.display()
            );
        }
        Ok(folder.join(p))
    }

    /// A path written, as the user named it (inside a batch run's folder: relative to it, so
    /// that the messages do not depend on where the results went).
    pub(crate) fn shown(&self, p: &Path) -> String {
        match &self.folder {
            Some(f) => p.strip_prefix(f).unwrap_or(p).display().to_string(),
            None => p.display().to_string(),
        }
    }
}

/// Loads `--network` (with a progress line on a terminal when it takes a while), or the
/// embedded network. [`Networks`] loads each once.
fn load(path: Option<&Path>, s: &Session<'_>) -> Result<Network> {
    Ok(match path {
        Some(p) => {
            let words = |d: u64, t: u64| {
                let mb = |b: u64| thousands(b as f64 / 1e6);
                format!("loading {}: {} of {} MB", p.display(), mb(d), mb(t))
            };
            s.with_progress(&words, |progress| loader::load_with_progress(p, progress))
                .with_context(|| format!("loading network {}", p.display()))?
        }
        None => loader::embedded().context("loading the embedded network")?,
    })
}

/// Writes to a sink, flushing the process's streams so a closed pipe shows up at once.
fn write_to(sink: &Sink, bytes: &[u8], stderr: bool) -> Result<()> {
    use std::io::Write;
    match sink {
        Sink::Buffer(b) => b.lock().expect("stream lock").extend_from_slice(bytes),
        Sink::Std if stderr => {
            let mut e = std::io::stderr().lock();
            e.write_all(bytes)?;
            e.flush()?;
        }
        Sink::Std => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}
