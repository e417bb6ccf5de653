//! Files: reading inputs and writing outputs, with the rules that keep a pipeline safe.
//!
//! - **Inputs** must be regular files (a FIFO would block forever, `/dev/zero` would be read until
//!   memory runs out) of at most [`MAX_INPUT_BYTES`], and UTF-8.
//! - **Outputs** are written atomically: a temporary file created with `O_EXCL` under a random name
//!   in the target's folder, filled, flushed to disk (`fsync`), then renamed over the target, and the
//!   folder synced. A reader sees the old file or the new one, never half of one. The target must
//!   be a regular file or not exist yet: a symbolic link, a device (`/dev/full`), a FIFO or a folder
//!   is refused rather than replaced. A replaced file keeps its permissions. Temporary files that a
//!   killed run left behind (named `.corridor-*.tmp`, older than an hour) are removed by the next
//!   write into the same folder.
//!
//! A folder of outputs written as a whole (the report) is [`write_folder`]'s: built beside the target
//! and swapped in, never mixed with an earlier run's files.
//!
//! Atomic replacement gives the target a new inode, so a hard link to the old file keeps the old
//! contents: the price of never exposing a half-written file.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};

mod folder;
pub use folder::{check_folder, write_folder};

/// The largest input file read, bytes (256 MiB).
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

const TEMP_PREFIX: &str = ".corridor-";
const TEMP_SUFFIX: &str = ".tmp";
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// The largest network file read a piece at a time (by [`crate::load::load`]), bytes
/// (16 GiB): loading needs memory for the network it describes, not for its text.
pub const MAX_NETWORK_BYTES: u64 = 16 << 30;

/// The size and modification time of an input when it was opened.
pub type Stamp = (u64, Option<SystemTime>);

/// Opens an input for reading: a regular file of at most `limit` bytes.
pub(crate) fn open_input(path: &Path, limit: u64) -> Result<(std::fs::File, Stamp)> {
    let io = |reason| Error::Io {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(input_error(
            path,
            "not a regular file (a folder, a FIFO or a device); give a file",
        ));
    }
    if meta.len() > limit {
        return Err(input_error(
            path,
            &format!("larger than the {} MiB an input may have", limit >> 20),
        ));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    Ok((file, stamp_of(&meta)))
}

/// An input's size and modification time now.
pub(crate) fn stamp(path: &Path) -> Result<Stamp> {
    std::fs::metadata(path)
        .map(|m| stamp_of(&m))
        .map_err(|reason| Error::Io {
            path: path.to_path_buf(),
            reason,
        })
}

fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    (meta.len(), meta.modified().ok())
}

/// An input refused, with the reason.
pub(crate) fn input_error(path: &Path, message: &str) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        reason: std::io::Error::new(std::io::ErrorKind::InvalidInput, message.to_string()),
    }
}

/// Reads a UTF-8 text input: a regular file of at most [`MAX_INPUT_BYTES`].
pub fn read_text(path: &Path) -> Result<String> {
    let io = |reason| Error::Io {
        path: path.to_path_buf(),
        reason,
    };
    let (file, (len, _)) = open_input(path, MAX_INPUT_BYTES)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(input_error(
            path,
            "grew beyond the input size limit while read",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        input_error(
            path,
            &format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn write_error(path: &Path, message: &str) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        reason: std::io::Error::new(std::io::ErrorKind::InvalidInput, message.to_string()),
    }
}

/// Writes `bytes` to `path` atomically (see the module documentation); creates the folder if
/// needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |reason| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    let name_ok = path.file_name().is_some_and(|n| n != "." && n != "..")
        && !path.as_os_str().to_string_lossy().ends_with('/');
    if !name_ok {
        return Err(write_error(path, "names a folder, not a file"));
    }
    let mut keep_permissions = None;
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(write_error(
                path,
                "is a symbolic link; refusing to replace it (name the file it points to)",
            ))
        }
        Ok(meta) if meta.is_dir() => return Err(write_error(path, "is a folder")),
        Ok(meta) if !meta.is_file() => {
            return Err(write_error(
                path,
                "is not a regular file (a device or a FIFO); refusing to replace it",
            ))
        }
        Ok(meta) => keep_permissions = Some(meta.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(err(e)),
    }
    let dir: PathBuf = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(err)?;
    remove_stale_temporaries(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    if let Some(permissions) = keep_permissions.or_else(default_permissions) {
        tmp.as_file().set_permissions(permissions).map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The mode of a new output file: rw-r--r-- (the temporary file was created owner-only).
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Removes `.corridor-*.tmp` files older than an hour: left by a run that was killed mid-write.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let stale = e
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.svg");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
            write_atomic(&p, b"two").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn refuses_links_folders_and_devices() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.txt");
        std::fs::write(&target, b"keep").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.svg");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            let e = write_atomic(&link, b"x").unwrap_err().to_string();
            assert!(e.contains("symbolic link"), "{e}");
            assert_eq!(std::fs::read(&target).unwrap(), b"keep");
            if Path::new("/dev/null").exists() {
                let e = write_atomic(Path::new("/dev/null"), b"x")
                    .unwrap_err()
                    .to_string();
                assert!(e.contains("not a regular file"), "{e}");
            }
        }
        let e = write_atomic(&dir.path().join("."), b"x")
            .unwrap_err()
            .to_string();
        assert!(e.contains("folder"), "{e}");
        let e = write_atomic(dir.path(), b"x").unwrap_err().to_string();
        assert!(e.contains("folder"), "{e}");
    }

    #[test]
    fn a_long_valid_name_is_not_broken_by_the_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(format!("{}.svg", "n".repeat(246)));
        write_atomic(&p, b"x").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"x");
    }

    #[test]
    fn stale_temporaries_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".corridor-old.tmp");
        let fresh = dir.path().join(".corridor-new.tmp");
        std::fs::write(&stale, b"").unwrap();
        std::fs::write(&fresh, b"").unwrap();
        let old = SystemTime::now() - Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_atomic(&dir.path().join("x.svg"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
    }

    #[test]
    fn inputs_must_be_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(dir.path()).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        #[cfg(unix)]
        if Path::new("/dev/zero").exists() {
            let e = read_text(Path::new("/dev/zero")).unwrap_err().to_string();
            assert!(e.contains("not a regular file"), "{e}");
        }
        let p = dir.path().join("bad.toml");
        std::fs::write(&p, [0x66, 0xff, 0x66]).unwrap();
        let e = read_text(&p).unwrap_err().to_string();
        assert!(e.contains("not UTF-8"), "{e}");
    }
}
