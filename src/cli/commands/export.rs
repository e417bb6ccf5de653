//! `corridor export`: the network (a scenario applied first) as GeoJSON: one loadable file (to a
//! file or standard output), a loadable folder of layers, or a flat view's folder.

use std::path::{is_separator, Path, PathBuf};

use anyhow::{bail, Result};

use corridor::output::geojson;

use crate::cli::args::ExportArgs;
use crate::cli::exit::Exit;
use crate::cli::inputs::with_scenario;
use crate::cli::session::Session;

/// The marker file of a folder `export` wrote (which the next export into it may replace).
const MARKER: &str = ".corridor-export";

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    File,
    Layers,
    Flat,
}

/// Runs `corridor export`.
pub(crate) fn run(s: &Session<'_>, a: &ExportArgs) -> Result<Exit> {
    let shape = shape(s, a)?;
    let output = a.output.clone().unwrap_or_else(|| {
        PathBuf::from(match shape {
            Shape::File => "output/network.geojson",
            Shape::Layers => "output/network",
            Shape::Flat => "output/network-flat",
        })
    });
    if shape != Shape::File {
        if output.as_os_str() == "-" {
            bail!("--layers and --flat write a folder of files, not standard output: give -o DIR");
        }
        let geojson = output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("geojson"));
        if geojson {
            bail!(
                "--layers and --flat write a folder of files (nodes.geojson, links.geojson, …): give -o a folder's name, not `{}`",
                output.display()
            );
        }
        corridor::fs::check_folder(&s.path(&output)?, MARKER)?;
    }
    let net = with_scenario(&*s.bench()?, a.scenario.as_deref())?;
    match shape {
        Shape::File => s.write_output(&output, geojson::network(net).as_bytes())?,
        Shape::Layers => folder(s, &output, &geojson::layers(net)?, "load it with --network")?,
        Shape::Flat => folder(
            s,
            &output,
            &geojson::flat(net),
            "a view for GIS display and Shapefile, not loadable",
        )?,
    }
    Ok(Exit::Ok)
}

/// The shape asked for: `--flat`, `--layers`, or an output that names a folder (ends in a
/// separator or is one); else one file.
fn shape(s: &Session<'_>, a: &ExportArgs) -> Result<Shape> {
    let resolved = match a.output.as_deref() {
        Some(p) if p.as_os_str() != "-" => Some(s.path(p)?),
        _ => None,
    };
    let names_folder = a.output.as_deref().is_some_and(|p| {
        p.as_os_str()
            .to_string_lossy()
            .chars()
            .last()
            .is_some_and(is_separator)
            || resolved.as_deref().is_some_and(Path::is_dir)
    });
    Ok(if a.flat {
        Shape::Flat
    } else if a.layers || names_folder {
        Shape::Layers
    } else {
        Shape::File
    })
}

/// Writes `files` as the whole folder `dir` and says so.
fn folder(s: &Session<'_>, shown: &Path, files: &[(&str, String)], what: &str) -> Result<()> {
    let dir = &s.path(shown)?;
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    corridor::fs::write_folder(
        dir,
        MARKER,
        "written by `corridor export`; the next export into this folder replaces it whole\n",
        &files,
    )?;
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    s.say(&format!(
        "wrote {} into {} ({what})",
        names.join(", "),
        shown.display()
    ));
    Ok(())
}
