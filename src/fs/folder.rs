//! A folder of outputs written as a whole (the report): built in a fresh hidden folder beside the
//! target, then swapped in by renaming, so that the target holds exactly one complete set of
//! files: never two runs' files mixed, never half of one.
//!
//! - Every such folder holds a marker file (its name is the caller's, e.g. `.corridor-report`).
//!   The target must be missing, an empty folder, or a folder with that marker: a folder that
//!   holds anything else was not written by the tool and is refused, never emptied; a file, a
//!   symbolic link or a path without a folder name (`.`, `..`, `/`) is refused too.
//! - The new folder is filled (each file flushed to disk), then renamed onto the target. A target
//!   that is already there is first renamed aside (`.corridor-folder-*.old`) and removed only once
//!   the new folder is in place; between the two renames the target is briefly missing, never
//!   mixed. Two runs at once each swap in a complete folder; the last one stays.
//! - A run killed while writing leaves a hidden `.corridor-folder-*.tmp` (or `.old`) folder
//!   beside the target; the next run removes those older than an hour that hold the marker.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{write_atomic, write_error};
use crate::error::{Error, Result};

const PREFIX: &str = ".corridor-folder-";
const BUILDING: &str = ".tmp";
const ASIDE: &str = ".old";
const STALE_AFTER: Duration = Duration::from_secs(3600);
/// How often the swap is retried when another run swaps a folder in at the same moment.
const SWAP_ATTEMPTS: usize = 8;

/// What the target of a folder write is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Missing,
    Empty,
    Ours,
}

/// Checks that `dir` may receive a folder marked by `marker`: missing, empty, or holding the
/// marker. Callers check before a long computation, so that a wrong target fails at once.
pub fn check_folder(dir: &Path, marker: &str) -> Result<()> {
    target(dir, marker).map(|_| ())
}

fn target(dir: &Path, marker: &str) -> Result<Target> {
    if dir.file_name().is_none() {
        return Err(write_error(
            dir,
            "names no folder by name ('.', '..' or a root); give the folder's name, e.g. output/report",
        ));
    }
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(reason) => {
            return Err(Error::Write {
                path: dir.to_path_buf(),
                reason,
            })
        }
    };
    if meta.file_type().is_symlink() {
        return Err(write_error(
            dir,
            "is a symbolic link; it would be replaced by a folder: name the folder it points to",
        ));
    }
    if !meta.is_dir() {
        return Err(write_error(
            dir,
            "is an existing file, not a folder: the output is a folder of files; name a new folder (or one this tool wrote before)",
        ));
    }
    let io = |reason| Error::Write {
        path: dir.to_path_buf(),
        reason,
    };
    let mut empty = true;
    // Another run may move the folder aside between the look above and the listing here: then
    // it is missing, as if the look had come a moment later.
    let gone = |e: &std::io::Error| e.kind() == std::io::ErrorKind::NotFound;
    let entries = match std::fs::read_dir(dir) {
        Err(e) if gone(&e) => return Ok(Target::Missing),
        listing => listing.map_err(io)?,
    };
    for entry in entries {
        let entry = match entry {
            Err(e) if gone(&e) => return Ok(Target::Missing),
            entry => entry.map_err(io)?,
        };
        if entry.file_name() == marker {
            match entry.file_type() {
                Ok(t) if t.is_file() => return Ok(Target::Ours),
                Err(e) if gone(&e) => return Ok(Target::Missing),
                Err(reason) => return Err(io(reason)),
                Ok(_) => {}
            }
        }
        empty = false;
    }
    if empty {
        return Ok(Target::Empty);
    }
    Err(write_error(
        dir,
        &format!(
            "is a folder that holds other files and no `{marker}` marker, so this tool did not write it; refusing to replace it (its files would be lost): name a new or empty folder, or move this one away first"
        ),
    ))
}

/// A folder created beside the target, removed again unless kept.
struct Building {
    path: PathBuf,
    keep: bool,
}

impl Drop for Building {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// A fresh name beside the target: `PREFIX` + a number unique to this process and moment.
fn fresh(parent: &Path, suffix: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(
        "{PREFIX}{}-{nanos:x}-{n}{suffix}",
        std::process::id()
    ))
}

/// Creates a fresh folder beside the target (with the usual permissions, as `mkdir` gives).
fn create_building(parent: &Path) -> Result<Building> {
    for _ in 0..16 {
        let path = fresh(parent, BUILDING);
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(Building { path, keep: false }),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(reason) => return Err(Error::Write { path, reason }),
        }
    }
    Err(write_error(parent, "no fresh name for a temporary folder"))
}

/// Writes `files` (plain names, no folders) as the whole content of `dir`, with the marker file
/// `marker` holding `marker_text`; see the module documentation. Returns the paths written, in
/// the target folder.
pub fn write_folder(
    dir: &Path,
    marker: &str,
    marker_text: &str,
    files: &[(&str, &[u8])],
) -> Result<Vec<PathBuf>> {
    target(dir, marker)?;
    for (name, _) in files.iter().chain(std::iter::once(&(marker, &[][..]))) {
        let plain = Path::new(name).file_name().is_some_and(|n| n == *name);
        if !plain {
            return Err(write_error(
                &dir.join(name),
                "is not a plain file name inside the folder",
            ));
        }
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|reason| Error::Write {
        path: parent.clone(),
        reason,
    })?;
    remove_stale(&parent, marker);
    let mut building = create_building(&parent)?;
    write_atomic(&building.path.join(marker), marker_text.as_bytes())?;
    for (name, bytes) in files {
        write_atomic(&building.path.join(name), bytes)?;
    }
    sync(&building.path);
    let aside = swap_in(&building.path, dir, &parent, marker)?;
    building.keep = true;
    sync(&parent);
    for old in aside {
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(files.iter().map(|(name, _)| dir.join(name)).collect())
}

/// Renames `new` onto `dir`, moving a folder this tool wrote there aside first (and again, when
/// another run swapped one in meanwhile). Returns the folders moved aside.
fn swap_in(new: &Path, dir: &Path, parent: &Path, marker: &str) -> Result<Vec<PathBuf>> {
    let mut aside = Vec::new();
    let mut last = None;
    for _ in 0..SWAP_ATTEMPTS {
        match std::fs::rename(new, dir) {
            Ok(()) => return Ok(aside),
            Err(e) => last = Some(e),
        }
        match target(dir, marker)? {
            Target::Missing => {}
            Target::Empty => {
                let _ = std::fs::remove_dir(dir);
            }
            Target::Ours => {
                let old = fresh(parent, ASIDE);
                match std::fs::rename(dir, &old) {
                    Ok(()) => aside.push(old),
                    // Another run moved it first.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(reason) => {
                        return Err(Error::Write {
                            path: dir.to_path_buf(),
                            reason,
                        })
                    }
                }
            }
        }
    }
    for old in aside {
        let _ = std::fs::remove_dir_all(old);
    }
    Err(Error::Write {
        path: dir.to_path_buf(),
        reason: last.unwrap_or_else(|| std::io::Error::other("the folder could not be swapped in")),
    })
}

/// Flushes a folder's entries to disk (best effort: not every platform can open a folder).
fn sync(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the `.corridor-folder-*` folders beside the target that a killed run left (older than
/// an hour, holding the marker).
fn remove_stale(parent: &Path, marker: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(PREFIX) && (name.ends_with(BUILDING) || name.ends_with(ASIDE))) {
            continue;
        }
        let stale = e
            .metadata()
            .ok()
            .filter(|m| m.is_dir())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        let marked = std::fs::symlink_metadata(e.path().join(marker)).is_ok_and(|m| m.is_file());
        if stale && marked {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = ".marker";

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_second_write_replaces_the_whole_folder() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        write_folder(&dir, MARK, "x", &[("a.csv", b"1"), ("b.csv", b"2")]).unwrap();
        assert_eq!(names(&dir), [MARK, "a.csv", "b.csv"]);
        write_folder(&dir, MARK, "x", &[("c.csv", b"3")]).unwrap();
        assert_eq!(names(&dir), [MARK, "c.csv"]);
        assert_eq!(std::fs::read(dir.join("c.csv")).unwrap(), b"3");
        // Nothing is left beside it.
        assert_eq!(names(root.path()), ["out"]);
    }

    #[test]
    fn a_foreign_folder_a_file_and_a_link_are_refused_and_kept() {
        let root = tempfile::tempdir().unwrap();
        let foreign = root.path().join("mine");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.tex"), b"keep").unwrap();
        let e = write_folder(&foreign, MARK, "x", &[("a.csv", b"1")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("did not write it") && e.contains(MARK), "{e}");
        assert_eq!(names(&foreign), ["thesis.tex"]);
        let file = root.path().join("file");
        std::fs::write(&file, b"keep").unwrap();
        let e = write_folder(&file, MARK, "x", &[]).unwrap_err().to_string();
        assert!(e.contains("file") && e.contains("not a folder"), "{e}");
        assert_eq!(std::fs::read(&file).unwrap(), b"keep");
        #[cfg(unix)]
        {
            let link = root.path().join("link");
            std::os::unix::fs::symlink(&foreign, &link).unwrap();
            let e = write_folder(&link, MARK, "x", &[]).unwrap_err().to_string();
            assert!(e.contains("symbolic link"), "{e}");
        }
        let e = check_folder(Path::new("."), MARK).unwrap_err().to_string();
        assert!(e.contains("folder's name"), "{e}");
        // An empty folder is taken.
        let empty = root.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write_folder(&empty, MARK, "x", &[("a.csv", b"1")]).unwrap();
        assert_eq!(names(&empty), [MARK, "a.csv"]);
    }

    #[test]
    fn concurrent_writes_leave_one_complete_folder() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        std::thread::scope(|s| {
            for i in 0..4u8 {
                let dir = &dir;
                s.spawn(move || {
                    let name = format!("run{i}.csv");
                    for _ in 0..10 {
                        write_folder(dir, MARK, "x", &[(&name, &[i]), ("all.csv", &[i])]).unwrap();
                    }
                });
            }
        });
        let left = names(&dir);
        assert_eq!(left.len(), 3, "{left:?}");
        let run = left.iter().find(|n| n.starts_with("run")).unwrap();
        let i = run[3..4].parse::<u8>().unwrap();
        assert_eq!(std::fs::read(dir.join("all.csv")).unwrap(), [i]);
        assert_eq!(names(root.path()), ["out"]);
    }

    #[test]
    fn stale_folders_of_a_killed_run_are_removed_fresh_and_unmarked_ones_kept() {
        let root = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(7200);
        let mut made = Vec::new();
        for (name, marked, stale) in [
            (".corridor-folder-1.tmp", true, true),
            (".corridor-folder-2.old", true, false),
            (".corridor-folder-3.tmp", false, true),
        ] {
            let p = root.path().join(name);
            std::fs::create_dir(&p).unwrap();
            if marked {
                std::fs::write(p.join(MARK), b"x").unwrap();
            }
            if stale {
                std::fs::File::open(&p).unwrap().set_modified(old).unwrap();
            }
            made.push(p);
        }
        write_folder(&root.path().join("out"), MARK, "x", &[]).unwrap();
        assert!(!made[0].exists());
        assert!(made[1].exists() && made[2].exists());
    }
}
