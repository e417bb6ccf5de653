//! The data files of a folder, listed the one way every loader lists them: the path itself when it
//! is a file, else every file of the folder with one of the given extensions (in any case), in
//! name order. Anything in the folder that is neither a regular file nor a folder (a FIFO, a
//! socket, a device) is a problem naming it, and so is a data-named entry that is not a regular
//! file: none is opened (opening a FIFO would block), none is skipped without a word.

use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};

/// What a folder is searched for: the extensions of its data files and the words for them.
pub struct Wanted<'a> {
    /// Extensions without the dot, compared in any case (`["toml", "geojson"]`).
    pub extensions: &'a [&'a str],
    /// What the files hold, for messages ("network", "observation").
    pub what: &'a str,
}

impl Wanted<'_> {
    /// Whether `p` is named as one of the data files.
    pub fn names(&self, p: &Path) -> bool {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|w| e.eq_ignore_ascii_case(w)))
    }

    /// The extensions as a reader reads them: ".toml or .geojson".
    fn listed(&self) -> String {
        let dotted: Vec<String> = self.extensions.iter().map(|e| format!(".{e}")).collect();
        dotted.join(" or ")
    }
}

/// The data files of `path` (see the module), or the problems found; an empty folder is a
/// problem. An error reading the folder itself is [`Error::Io`].
pub fn data_paths(
    path: &Path,
    wanted: &Wanted<'_>,
) -> Result<std::result::Result<Vec<PathBuf>, Vec<Problem>>> {
    let io = |reason| Error::Io {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(Ok(vec![path.to_path_buf()]));
    }
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let p = entry.map_err(io)?.path();
        // `metadata` follows a symbolic link and opens nothing.
        let kind = std::fs::metadata(&p).map(|m| (m.is_file(), m.is_dir()));
        let refuse = |message: String| Problem {
            file: p.display().to_string(),
            line: 0,
            field: "file".into(),
            message,
        };
        match (wanted.names(&p), kind) {
            (true, Ok((true, _))) => paths.push(p),
            (true, Ok(_)) => problems.push(refuse(format!(
                "not a regular file (a folder, a FIFO or a device): the {} entries of a folder of {} files are files",
                wanted.listed(),
                wanted.what
            ))),
            (true, Err(e)) => problems.push(refuse(format!("cannot be read: {e}"))),
            (false, Ok((false, false))) => problems.push(refuse(format!(
                "neither a file nor a folder (a FIFO, a socket or a device): it does not belong in a folder of {} files; move it out",
                wanted.what
            ))),
            // Other files and folders (a README), and dangling links (an editor's lock), are
            // not data.
            (false, _) => {}
        }
    }
    paths.sort();
    if problems.is_empty() && paths.is_empty() {
        problems.push(Problem {
            file: path.display().to_string(),
            line: 0,
            field: "folder".into(),
            message: format!("holds no {} files", wanted.listed()),
        });
    }
    if problems.is_empty() {
        Ok(Ok(paths))
    } else {
        problems.sort();
        Ok(Err(problems))
    }
}
