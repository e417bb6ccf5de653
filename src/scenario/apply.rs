//! Applying a scenario: its additions, then its edits in order, on a copy of the network, with
//! every problem found in one pass, each reported against its own record.

use std::collections::HashSet;

use serde::Deserialize;

use super::edit::{apply_edit, Edit, EditKind};
use super::Scenario;
use crate::error::{Error, Problem, Result};
use crate::load::{self, SourceFile, Text};
use crate::network::Network;

/// Applies a scenario to a copy of `net`: additions first, then the edits in order. Any problem
/// fails the whole scenario; every problem is reported, each against its own edit (a refused
/// edit changes nothing, so the edits after it meet the network they would have met).
pub fn apply(net: &Network, s: &Scenario) -> Result<Network> {
    let (out, problems) = apply_all(net, s);
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::InvalidScenario { problems })
    }
}

/// A copy of `net` with the scenario's additions and edits, and every problem found. When a
/// file's additions fail, the edits still apply to the network without them; the problem of an
/// edit that names something the network lacks but the failed additions define is not reported
/// (it is the additions' problem, already reported, not the edit's).
pub(super) fn apply_all(net: &Network, s: &Scenario) -> (Network, Vec<Problem>) {
    let mut out = net.clone();
    out.scenario = Some(s.name.clone());
    let mut problems = Vec::new();
    let mut pending = Pending::default();
    for file in &s.additions {
        match load::extend(&out, file) {
            Ok(extended) => out = extended,
            Err(p) => {
                problems.extend(p);
                pending.add(file);
            }
        }
    }
    for e in &s.edits {
        if let Err(p) = apply_edit(&mut out, e) {
            if !pending.explains(&out, e) {
                problems.push(p);
            }
        }
    }
    (out, problems)
}

/// What additions that failed to load would have added: node and link ids, corridor tags and
/// services, as written.
#[derive(Default)]
struct Pending {
    words: HashSet<String>,
}

/// The ids and words of a `[[node]]` or `[[link]]` record, whatever else it holds.
#[derive(Deserialize)]
struct Added {
    #[serde(default)]
    node: Vec<toml::Table>,
    #[serde(default)]
    link: Vec<toml::Table>,
}

impl Pending {
    /// The records of `file` that would have been added.
    fn add(&mut self, file: &SourceFile) {
        let text = Text::new(file);
        let (records, _) = load::parse_records::<Added>(&text);
        let word = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(String::from);
        for (_, r) in records {
            for t in r.node.iter().chain(&r.link) {
                self.words.extend(word(t, "id"));
                for k in ["corridors", "services"] {
                    let list = t.get(k).and_then(|v| v.as_array());
                    let words = list.into_iter().flatten().filter_map(|v| v.as_str());
                    self.words.extend(words.map(String::from));
                }
            }
            for t in &r.link {
                if let (Some(a), Some(b)) = (word(t, "from"), word(t, "to")) {
                    self.words.insert(format!("{a}-{b}"));
                }
            }
        }
    }

    /// Whether the edit's selection names a link, node, corridor tag or service that `net`
    /// lacks and the failed additions define.
    fn explains(&self, net: &Network, e: &Edit) -> bool {
        let select = match &e.kind {
            EditKind::Close { select } | EditKind::Open { select } => select,
            EditKind::Set(c) | EditKind::Scale(c) => &c.select,
            EditKind::Avoid { .. } => return false,
        };
        let pending = |w: &String| self.words.contains(w);
        select
            .links
            .iter()
            .any(|id| net.link(id).is_none() && pending(id))
            || select
                .nodes
                .iter()
                .any(|id| net.node_index(id).is_none() && pending(id))
            || select.corridor.as_ref().is_some_and(|t| {
                pending(t)
                    && !net.links.iter().any(|l| l.has_corridor(t))
                    && !net.nodes.iter().any(|n| n.corridors.contains(t))
            })
            || select
                .service
                .as_ref()
                .is_some_and(|v| pending(v) && !net.services.iter().any(|x| x.id == *v))
    }
}
