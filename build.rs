//! Embeds the shipped network and scenario files: writes `$OUT_DIR/embedded.rs` with one
//! `(file name, include_str!(…))` pair per `*.toml` file of `networks/eurasia/`,
//! `networks/scenarios/`, `networks/projects/` and
//! `networks/appraisal/`, in name order, so that adding a data file needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn list(dir: &str) -> String {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // A folder not there yet is watched through its parent, which changes when it is made
    // (watching a missing path would rerun this script on every build).
    let watched = if Path::new(&root).join(dir).is_dir() {
        dir
    } else {
        dir.rsplit_once('/').map_or(dir, |(parent, _)| parent)
    };
    println!("cargo:rerun-if-changed={watched}");
    let mut files: Vec<_> = std::fs::read_dir(Path::new(&root).join(dir))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    for p in files {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 file name");
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    out
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let code = format!(
        "/// The shipped network's files: (file name, text), in name order.\npub const EMBEDDED_NETWORK: &[(&str, &str)] = {};\n/// The shipped scenarios' files: (file name, text), in name order.\npub const EMBEDDED_SCENARIOS: &[(&str, &str)] = {};\n/// The shipped candidate projects' files (`networks/projects/`): (file name, text), in name order.\npub const EMBEDDED_PROJECTS: &[(&str, &str)] = {};\n/// The shipped appraisal defaults' files (`networks/appraisal/`): (file name, text), in name order.\npub const EMBEDDED_APPRAISAL: &[(&str, &str)] = {};\n",
        list("networks/eurasia"),
        list("networks/scenarios"),
        list("networks/projects"),
        list("networks/appraisal")
    );
    std::fs::write(Path::new(&out).join("embedded.rs"), code).expect("write embedded.rs");
}
