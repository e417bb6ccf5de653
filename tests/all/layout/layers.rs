//! Data flows down: the crate's top-level modules in layers, each allowed to use only its own
//! layer and the layers above (the list in `src/lib.rs`'s documentation). A new top-level module
//! must be given a layer here, so that where it sits is a decision, not an accident.

use std::collections::{BTreeMap, BTreeSet};

/// The layers, from the bottom of the flow's source (shared basics) to the front end.
const LAYERS: [&[&str]; 9] = [
    &["error", "text", "fs", "progress", "testnet"],
    &["network"],
    &["load", "scenario"],
    &["routing"],
    &["describe", "query"],
    &["studies"],
    &["output", "render"],
    &["report"],
    &["cli"],
];

/// The layer of a module path (`routing::search` is in `routing`'s); `None` for one not listed.
fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next().unwrap_or(module);
    LAYERS.iter().position(|l| l.contains(&top))
}

/// Every use of a module in a lower layer (further down the flow), and every top-level module
/// without a layer, one line each.
pub(super) fn offences(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    let mut unplaced = BTreeSet::new();
    for (from, used) in graph {
        if from.is_empty() {
            continue; // lib.rs and main.rs: the roots declare every module
        }
        let Some(a) = layer(from) else {
            unplaced.insert(from.split("::").next().unwrap_or(from).to_string());
            continue;
        };
        for to in used {
            match layer(to) {
                Some(b) if b > a => out.push(format!(
                    "upward use: {from} (layer {}) uses {to} (layer {})",
                    a + 1,
                    b + 1
                )),
                Some(_) => {}
                None => {
                    unplaced.insert(to.split("::").next().unwrap_or(to).to_string());
                }
            }
        }
    }
    for m in unplaced {
        out.push(format!(
            "module `{m}` has no layer: add it to LAYERS in tests/all/layout/layers.rs"
        ));
    }
    out
}

#[test]
fn a_use_down_the_flow_passes_and_one_up_it_is_reported() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    assert!(offences(&graph(&[
        ("routing::search", "network"),
        ("cli::args", "query")
    ]))
    .is_empty());
    assert!(offences(&graph(&[
        ("load", "scenario"),
        ("scenario::edit", "load::check")
    ]))
    .is_empty());
    assert_eq!(
        offences(&graph(&[("network::facts", "studies::queue")])),
        ["upward use: network::facts (layer 2) uses studies::queue (layer 6)"]
    );
    assert_eq!(
        offences(&graph(&[("gadgets::x", "network")])),
        ["module `gadgets` has no layer: add it to LAYERS in tests/all/layout/layers.rs"]
    );
}
