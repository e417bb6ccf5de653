//! Reading network files: TOML text → checked [`Network`], with every problem located.
//!
//! A network is one file or a folder of `*.toml` (and `*.geojson`) files merged in name order; the
//! shipped network is embedded in the binary ([`embedded`]). Loading never panics on bad data: each
//! problem becomes a [`Problem`] naming the file, line and field, and all of them are reported
//! together. The format is documented in `networks/README.md`; the checks here are the ones listed
//! there.
//!
//! Loading takes two passes over the files, which a TOML file on disk makes a piece at a time
//! (so its text is never all in memory): the first reads every record but the links, checking the
//! nodes as it goes; then the `[network]` table, the node index and the services are checked; the
//! second pass reads and checks the links, which need all of those. Nodes and links are read and
//! checked in parallel, each on its own, and what needs all of them (duplicate ids) is checked
//! after; the other records are few, and are checked once both passes are done.
//!
//! This file holds the front doors and the driver (`parse_onto`), one named step per phase.
//! Below it, from the leaves up: `records` (a text split into records), `source` (files and their
//! located text), `chunks` (a file read in pieces), `toml_fast` and `read` (records deserialised),
//! `input` (where a file's text comes from), `raw` (the records as written), `check` (the checker and small validators), `gather` (nodes and
//! links checked in parallel, duplicate ids), one file per record kind (`meta`, `node`, `link`,
//! `service`, `family`, `study`, `component`, `capacity`, `variability`), `passes` (the two passes and
//! the state the phases share), `json` (JSON read strictly) and `geojson`
//! (GeoJSON files converted on the way in). A record is at most [`MAX_RECORD_BYTES`] long and a
//! table has at most [`MAX_KEYS`] keys, whatever the format.

mod capacity;
mod check;
mod chunks;
mod component;
mod family;
pub mod folder;
mod gather;
mod geojson;
mod input;
mod json;
mod link;
mod meta;
mod node;
mod passes;
mod raw;
mod read;
mod records;
mod service;
mod source;
mod study;
mod toml_fast;
mod variability;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use self::capacity::capacity_records;
use self::gather::duplicate_link_ids;
use self::geojson::{is_geojson, GeoFile};
use self::input::Input;
use self::link::LinkContext;
use self::meta::emission_gaps;
use self::meta::Meta;
use self::passes::Loading;
use self::variability::variability_records;
use crate::error::{Error, Problem, Result};
use crate::network::{
    Capacity, Family, Link, Network, Node, Provenance, Service, Study, Variability,
};
use crate::progress::Progress;

pub use self::check::{is_country, unsafe_char, MAX_NAME_CHARS};
pub(crate) use self::read::parse_records;
pub(crate) use self::records::starts_with_header;
pub use self::records::{MAX_KEYS, MAX_RECORD_BYTES};
pub use self::source::SourceFile;
pub(crate) use self::source::Text;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The embedded network's files as [`SourceFile`]s.
pub fn embedded_files() -> Vec<SourceFile> {
    EMBEDDED_NETWORK
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("<embedded>/networks/eurasia/{name}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// Loads the shipped network.
pub fn embedded() -> Result<Network> {
    parse(&embedded_files())
}

/// What a network folder holds.
const NETWORK_FILES: folder::Wanted<'static> = folder::Wanted {
    extensions: &["toml", "geojson"],
    what: "network",
};

/// The files of a network path: the file itself, or every `*.toml` and `*.geojson` file of a
/// folder in name order ([`folder::data_paths`]).
fn network_paths(path: &Path) -> Result<Vec<PathBuf>> {
    folder::data_paths(path, &NETWORK_FILES)?.map_err(|problems| Error::InvalidNetwork { problems })
}

/// Reads a network file, or every `*.toml` and `*.geojson` file of a folder in name order.
pub fn read_files(path: &Path) -> Result<Vec<SourceFile>> {
    network_paths(path)?
        .into_iter()
        .map(|p| {
            let text = crate::fs::read_text(&p)?;
            Ok(SourceFile {
                name: p.display().to_string(),
                text,
            })
        })
        .collect()
}

/// Loads a network from a file or folder. TOML and GeoJSON files are read a piece at a time,
/// whole records (features) each, so a large network needs memory for itself, not for its text.
pub fn load(path: &Path) -> Result<Network> {
    load_with_progress(path, &Progress::default())
}

/// [`load`], counting into `progress` the bytes read and checked: every file's size is reserved
/// twice as loading starts (two passes), and counted as each piece is checked.
pub fn load_with_progress(path: &Path, progress: &Progress) -> Result<Network> {
    let paths = network_paths(path)?;
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let geo_files: Vec<GeoFile> = paths
        .iter()
        .zip(&names)
        .filter(|(_, name)| is_geojson(name))
        .map(|(p, name)| GeoFile::disk(p, name))
        .collect();
    let mut geo = geo_files.iter();
    let inputs: Vec<Input> = paths
        .iter()
        .zip(&names)
        .map(
            |(p, name)| match is_geojson(name).then(|| geo.next()).flatten() {
                Some(g) => Input::Geo(g),
                None => Input::Disk { path: p, name },
            },
        )
        .collect();
    geojson::finish(parse_onto(None, &inputs, progress), &geo_files)
}

/// Parses and checks a network from its files; all problems are reported together.
pub fn parse(files: &[SourceFile]) -> Result<Network> {
    if files.is_empty() {
        return Err(Error::InvalidArgument(
            "no network files to parse: a network needs at least one file with a [network] table"
                .into(),
        ));
    }
    let geo_files: Vec<GeoFile> = files
        .iter()
        .filter(|f| is_geojson(&f.name))
        .map(|f| GeoFile::memory(&f.name, &f.text))
        .collect();
    let mut geo = geo_files.iter();
    let inputs: Vec<Input> = files
        .iter()
        .map(
            |f| match is_geojson(&f.name).then(|| geo.next()).flatten() {
                Some(g) => Input::Geo(g),
                None => Input::Memory(f),
            },
        )
        .collect();
    geojson::finish(parse_onto(None, &inputs, &Progress::default()), &geo_files)
}

/// One network text parsed (for unit tests); panics with the problems and the text when it does
/// not load.
#[cfg(test)]
pub(crate) fn parse_text(text: &str) -> Network {
    parse(&[SourceFile {
        name: "test.toml".into(),
        text: text.into(),
    }])
    .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Parses the `[[node]]` and `[[link]]` tables of a scenario file and adds them to a copy of
/// `base` (links may refer to the base's nodes); `[scenario]` and `[[edit]]` are left to the caller.
pub fn extend(base: &Network, file: &SourceFile) -> std::result::Result<Network, Vec<Problem>> {
    parse_onto(Some(base), &[Input::Memory(file)], &Progress::default()).map_err(|e| match e {
        Error::InvalidNetwork { problems } => problems,
        other => vec![Problem {
            file: file.name.clone(),
            line: 0,
            field: "file".into(),
            message: other.to_string(),
        }],
    })
}

/// The base's items followed by the new ones, and how many the base had (the new ones as they
/// are when there is no base: a large network's links are not copied).
fn after_base<T: Clone>(base: Option<&[T]>, new: Vec<T>) -> (Vec<T>, usize) {
    match base {
        None => (new, 0),
        Some(b) => {
            let mut all = Vec::with_capacity(b.len() + new.len());
            all.extend_from_slice(b);
            all.extend(new);
            (all, b.len())
        }
    }
}

/// Parses `inputs` onto `base` (a scenario's nodes and links added to a network), or as a new
/// network, phase by phase, counting the bytes read into `progress`.
fn parse_onto(
    base: Option<&Network>,
    inputs: &[Input<'_>],
    progress: &Progress,
) -> Result<Network> {
    // Both passes read every file.
    progress.reserve(2 * inputs.iter().map(Input::bytes).sum::<u64>());
    // First pass: everything but the links (which need every node of every file).
    let mut st = Loading::first_pass(base, inputs, progress)?;
    // A node record is one node; one that cannot be read is only its problems.
    let new_nodes = st.take_nodes();
    meta::stray_tables(base, &st.kept, &mut st.problems);

    // The [network] table: exactly one.
    let mut meta = meta::network_table(&mut st.kept, &mut st.shared, &mut st.problems);
    meta::require_table(base, meta.as_ref(), inputs, &mut st.problems);
    let circuity = meta::circuity(meta.as_ref(), base);

    // Nodes (after the base's, when extending one), and the index of their ids.
    let (nodes, base_nodes) = after_base(base.map(|b| &b.nodes[..]), new_nodes.items);
    let index = node::index(&nodes, base_nodes, &new_nodes.id_lines, &mut st.problems);

    // Services (before the links that name them).
    let services = service::services(&st.kept, base, &mut st.problems);

    // Links: the second pass.
    let cx = LinkContext {
        nodes: &nodes,
        index: &index,
        services: &services,
        circuity,
    };
    let new_links = st.link_pass(inputs, &cx)?;
    let (links, base_links) = after_base(base.map(|b| &b.links[..]), new_links.items);
    st.problems.extend(duplicate_link_ids(
        &links,
        base_links,
        &new_links.id_lines,
        &new_links.failed,
    ));

    // Corridor families and the default study (after the links, whose tags they name), then
    // variability and capacity.
    let families = family::families(&st.kept, base, &links, &mut st.problems);
    let known = study::Known {
        nodes: &index,
        links: &links,
        families: &families,
    };
    let study = study::study(meta.as_mut(), &st.kept, base, &known, &mut st.problems);
    let variability = variability_records(
        &st.kept,
        base.map_or(&[][..], |b| &b.variability[..]),
        &nodes,
        &links,
        &mut st.problems,
    );
    let capacity = capacity_records(
        &st.kept,
        base.map_or(&[][..], |b| &b.capacity[..]),
        &nodes,
        &links,
        &mut st.problems,
    );
    // The loader's index of node ids is freed before the network builds its own.
    drop(index);
    let made = Made {
        nodes,
        links,
        services,
        families,
        study,
        variability,
        capacity,
    };
    finish(base, meta, made, st.problems, st.provenance)
}

/// The records the phases made, for the network.
struct Made {
    nodes: Vec<Node>,
    links: Vec<Link>,
    services: Vec<Service>,
    families: Vec<Family>,
    study: Study,
    variability: Vec<Variability>,
    capacity: Vec<Capacity>,
}

/// Every problem found, sorted and each once; or the network: the base with the records made,
/// or a new one from its `[network]` table. Either must then have the emission factor each of
/// its links needs.
fn finish(
    base: Option<&Network>,
    meta: Option<Meta>,
    made: Made,
    mut problems: Vec<Problem>,
    provenance: Provenance,
) -> Result<Network> {
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Error::InvalidNetwork { problems });
    }
    let Made {
        nodes,
        links,
        services,
        families,
        study,
        variability,
        capacity,
    } = made;
    let net = if let Some(b) = base {
        let mut net = b.clone();
        net.nodes = nodes;
        net.links = links;
        net.services = services;
        net.families = families;
        net.study = study;
        net.variability = variability;
        net.capacity = capacity;
        net.provenance = provenance;
        net.reindex();
        net
    } else {
        let Some(Meta { raw: meta, .. }) = meta else {
            // Reported above; kept as a plain error so that no input can reach a panic here.
            return Err(Error::InvalidNetwork { problems });
        };
        let mut net = Network::new(
            meta.name,
            meta.data_year as i32,
            meta.value_of_time_usd_per_hour,
            nodes,
            links,
        );
        net.circuity = meta.circuity.into();
        net.sources = raw::sources(&mut crate::text::Interner::default(), meta.source);
        net.services = services;
        net.families = families;
        net.study = study;
        net.variability = variability;
        net.capacity = capacity;
        net.emissions = meta.emissions.map(Into::into);
        net.provenance = provenance;
        net
    };
    if let Some(p) = emission_gaps(&net).into_iter().next() {
        return Err(Error::InvalidNetwork { problems: vec![p] });
    }
    Ok(net)
}
