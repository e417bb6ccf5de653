//! Which links or nodes an edit applies to: a [`Selection`] of criteria, its checks in words, and
//! the rule that picks the matching links (with the directions concerned) and nodes of a network.

use std::fmt;
use std::ops::Not as _;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::load;
use crate::network::{Mode, Network, NodeKind};

/// Which links or nodes an edit applies to; every given criterion must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Link ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Node ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<String>,
    /// A corridor tag (of the link, or of the node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corridor: Option<String>,
    /// A country: links with an end there, nodes there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// A border: `"KZ>AZ"` (that direction of travel) or `"KZ-AZ"` (both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border: Option<String>,
    /// A mode (links).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// A sea service (links it sails).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// A node kind: the nodes of that kind, or the links touching one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Everything: every link (or node, for node fields). Must be said explicitly; an empty
    /// selection is an error, never "everything".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
    /// One capacity record, by id (for its fields only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<String>,
}

impl Selection {
    /// Parses `key=value` criteria as given on the command line (`corridor=middle`,
    /// `links=a-b,c-d`, `border=KZ>AZ`).
    pub fn parse_criteria(items: &[String]) -> Result<Selection> {
        let mut s = Selection::default();
        for item in items {
            let (k, v) = item.split_once('=').ok_or_else(|| {
                Error::InvalidArgument(format!("selection `{item}` is not key=value"))
            })?;
            let list = || v.split(',').map(|x| x.trim().to_string()).collect();
            match k.trim() {
                "links" | "link" => s.links = list(),
                "nodes" | "node" => s.nodes = list(),
                "corridor" => s.corridor = Some(v.into()),
                "country" => s.country = Some(v.to_ascii_uppercase()),
                "border" => s.border = Some(v.to_ascii_uppercase()),
                "mode" => s.mode = Some(v.into()),
                "service" => s.service = Some(v.into()),
                "kind" => s.kind = Some(v.into()),
                "all" => {
                    s.all = match v.trim() {
                        "true" => true,
                        other => {
                            return Err(Error::InvalidArgument(format!(
                                "selection `all={other}`: the only value is `all=true`"
                            )))
                        }
                    }
                }
                other => {
                    return Err(Error::InvalidArgument(format!(
                        "unknown selection key `{other}`{} (expected links, nodes, corridor, country, border, mode, service, kind, all)",
                        crate::text::did_you_mean(other, &["links", "nodes", "corridor", "country", "border", "mode", "service", "kind", "all"])
                    )))
                }
            }
        }
        if let Some(p) = s.problems().into_iter().next() {
            return Err(Error::InvalidArgument(p));
        }
        Ok(s)
    }

    /// What is wrong with the selection's criteria, in words: a border that is not `"AA>BB"` or
    /// `"AA-BB"` with ISO country codes, an unknown mode or node kind, a country that is not an
    /// ISO code, nothing selected, or `all` together with a criterion.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let words = [
            &self.corridor,
            &self.country,
            &self.border,
            &self.mode,
            &self.service,
            &self.kind,
            &self.capacity,
        ];
        let mut texts = self
            .links
            .iter()
            .chain(&self.nodes)
            .chain(words.into_iter().flatten());
        if texts.any(|t| load::unsafe_char(t, false).is_some()) {
            out.push(
                "holds a control, bidirectional or non-character: ids and words are plain text"
                    .into(),
            );
            return out;
        }
        if let Some(b) = &self.border {
            if self.border_pair().is_none() {
                out.push(format!(
                    "border `{b}` is not a pair of ISO country codes `AA>BB` (that direction of travel) or `AA-BB` (both); quote it on the command line: --where 'border=CN>KZ'"
                ));
            }
        }
        if let Some(m) = &self.mode {
            if Mode::parse(m).is_none() {
                out.push(format!(
                    "unknown mode `{m}`{} (expected rail, road or sea)",
                    crate::text::did_you_mean(m, &["rail", "road", "sea"])
                ));
            }
        }
        if let Some(k) = &self.kind {
            if NodeKind::parse(k).is_none() {
                let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
                out.push(format!(
                    "unknown node kind `{k}`{} (expected one of: {})",
                    crate::text::did_you_mean(k, &all),
                    all.join(", ")
                ));
            }
        }
        if let Some(c) = &self.country {
            if !load::is_country(c) {
                out.push(format!("`{c}` is not an ISO 3166-1 alpha-2 country code"));
            }
        }
        if self.capacity.is_some()
            && (Selection {
                capacity: None,
                ..self.clone()
            })
            .is_empty()
            .not()
        {
            out.push(
                "`capacity` names one capacity record: give no other criterion with it".into(),
            );
        }
        let criteria = Selection {
            all: false,
            ..self.clone()
        };
        if self.all && !criteria.is_empty() {
            out.push("`all = true` selects everything: give no other criterion with it".into());
        }
        if self.is_empty() {
            out.push("the selection is empty: name what the edit applies to, or `all = true` for everything".into());
        }
        out
    }

    pub(crate) fn is_empty(&self) -> bool {
        *self == Selection::default()
    }

    /// The border criterion as (from country, to country, one direction only); `None` unless it
    /// is two ISO codes joined by `>` or `-`.
    fn border_pair(&self) -> Option<(String, String, bool)> {
        let b = self.border.as_ref()?;
        let (a, c, one_way) = match b.split_once('>') {
            Some((a, c)) => (a, c, true),
            None => {
                let (a, c) = b.split_once('-')?;
                (a, c, false)
            }
        };
        let (a, c) = (a.trim(), c.trim());
        (load::is_country(a) && load::is_country(c) && a != c)
            .then(|| (a.to_string(), c.to_string(), one_way))
    }
}

impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.links.is_empty() {
            parts.push(format!("links {}", self.links.join(",")));
        }
        if !self.nodes.is_empty() {
            parts.push(format!("nodes {}", self.nodes.join(",")));
        }
        for (k, v) in [
            ("corridor", &self.corridor),
            ("country", &self.country),
            ("border", &self.border),
            ("mode", &self.mode),
            ("service", &self.service),
            ("kind", &self.kind),
            ("capacity", &self.capacity),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k} {v}"));
            }
        }
        if self.all {
            f.write_str("everything")
        } else if parts.is_empty() {
            f.write_str("nothing")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Directions of a link a selection concerns: `[forward, reverse]`.
pub type Dirs = [bool; 2];

/// Why a selection cannot be applied to a network. Its words are those a scenario problem shows;
/// a front end with flags of its own can match the variant and say it in its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    /// The criteria are wrong whatever the network: the first of [`Selection::problems`].
    #[error("{0}")]
    Criteria(String),
    /// A link id the network does not have.
    #[error("selection names unknown link `{0}`")]
    UnknownLink(String),
    /// A node id the network does not have.
    #[error("selection names unknown node `{0}`")]
    UnknownNode(String),
    /// A service no link of the network sails and the network does not declare.
    #[error("selection names unknown service `{0}`")]
    UnknownService(String),
    /// A criterion only links have (`links`, `border`, `mode`, `service`) in a node selection.
    #[error("links, border, mode and service select links, not nodes")]
    LinkCriterion,
}

impl From<SelectionError> for Error {
    fn from(e: SelectionError) -> Error {
        Error::InvalidArgument(e.to_string())
    }
}

/// The one selection rule: which links and which nodes of a network a selection matches. Scenario
/// edits and sweeps use it; every criterion given must hold.
impl Selection {
    /// Whether the selection is of nodes rather than links, for closing and opening: it names
    /// nodes (ids or a kind) and no criterion only links have (`links`, `mode`, `border`,
    /// `service`).
    pub fn is_of_nodes(&self) -> bool {
        self.links.is_empty()
            && self.mode.is_none()
            && self.border.is_none()
            && self.service.is_none()
            && (!self.nodes.is_empty() || self.kind.is_some())
    }

    /// The links of `net` the selection matches, in definition order, each with the directions it
    /// concerns (both, unless a one-way border `AA>BB` picks the direction of travel). An error
    /// when the criteria are wrong or name a link, node or service the network does not have.
    pub fn links(&self, net: &Network) -> std::result::Result<Vec<(usize, Dirs)>, SelectionError> {
        if let Some(p) = self.problems().into_iter().next() {
            return Err(SelectionError::Criteria(p));
        }
        for id in &self.links {
            if net.link(id).is_none() {
                return Err(SelectionError::UnknownLink(id.clone()));
            }
        }
        for id in &self.nodes {
            if net.node(id).is_none() {
                return Err(SelectionError::UnknownNode(id.clone()));
            }
        }
        if let Some(v) = &self.service {
            let known = net.services.iter().any(|x| &x.id == v)
                || net
                    .links
                    .iter()
                    .any(|l| l.service_names().contains(&v.as_str()));
            if !known {
                return Err(SelectionError::UnknownService(v.clone()));
            }
        }
        Ok(self.matching_links(net))
    }

    /// The rule alone, for criteria already checked: the links of `net` every criterion holds
    /// for, with the directions concerned. A mode or kind that does not parse restricts nothing
    /// (the checks in [`Selection::links`] refuse it first).
    pub(crate) fn matching_links(&self, net: &Network) -> Vec<(usize, Dirs)> {
        let mode = self.mode.as_deref().and_then(Mode::parse);
        let border = self.border_pair();
        let kind = self.kind.as_deref().and_then(NodeKind::parse);
        net.links
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let (ca, cb) = (&net.nodes[l.from].country, &net.nodes[l.to].country);
                let ok = (self.links.is_empty() || self.links.contains(&l.id))
                    && (self.nodes.is_empty()
                        || self.nodes.contains(&net.nodes[l.from].id)
                        || self.nodes.contains(&net.nodes[l.to].id))
                    && self.corridor.as_ref().is_none_or(|t| l.has_corridor(t))
                    && self
                        .country
                        .as_ref()
                        .is_none_or(|c| ca == c || cb == c || l.transit_countries.contains(c))
                    && mode.is_none_or(|m| l.mode == m)
                    && kind
                        .is_none_or(|k| net.nodes[l.from].kind == k || net.nodes[l.to].kind == k)
                    && self
                        .service
                        .as_ref()
                        .is_none_or(|v| l.service_names().contains(&v.as_str()));
                if !ok {
                    return None;
                }
                match &border {
                    None => Some((i, [true, true])),
                    Some((a, b, one_way)) => {
                        let fwd = ca == a && cb == b;
                        let rev = ca == b && cb == a;
                        if *one_way {
                            (fwd || rev).then_some((i, [fwd, rev]))
                        } else {
                            (fwd || rev).then_some((i, [true, true]))
                        }
                    }
                }
            })
            .collect()
    }

    /// The nodes of `net` the selection matches, in definition order. An error when the criteria
    /// are wrong, name a node the network does not have, or include one only links have.
    pub fn nodes(&self, net: &Network) -> std::result::Result<Vec<usize>, SelectionError> {
        if let Some(p) = self.problems().into_iter().next() {
            return Err(SelectionError::Criteria(p));
        }
        for id in &self.nodes {
            if net.node(id).is_none() {
                return Err(SelectionError::UnknownNode(id.clone()));
            }
        }
        if !self.links.is_empty()
            || self.border.is_some()
            || self.mode.is_some()
            || self.service.is_some()
        {
            return Err(SelectionError::LinkCriterion);
        }
        Ok(self.matching_nodes(net))
    }

    /// The rule alone, for criteria already checked: the nodes of `net` every node criterion
    /// holds for. A node is on a corridor when it carries the tag or a link carrying it touches
    /// the node.
    pub(crate) fn matching_nodes(&self, net: &Network) -> Vec<usize> {
        let on_corridor = self.corridor.as_ref().map(|t| net.on_corridor(t));
        net.nodes
            .iter()
            .enumerate()
            .filter(|(i, n)| {
                (self.nodes.is_empty() || self.nodes.contains(&n.id))
                    && self.country.as_ref().is_none_or(|c| &n.country == c)
                    && self.kind.as_ref().is_none_or(|k| n.kind.as_str() == k)
                    && on_corridor.as_ref().is_none_or(|on| on[*i])
            })
            .map(|(i, _)| i)
            .collect()
    }
}
