//! The filters of a listing (`corridor links`, `corridor nodes`, or any front end listing part of
//! a network): a mode, a corridor tag, a country, a status and a node kind, each optional. They
//! pick links and nodes by the one rule of [`Selection`], so a listing shows exactly what a
//! scenario edit with the same criteria would change. Unlike an edit's selection, no filter at
//! all means everything, and every filter given must match something in the network, so a typo
//! is an error rather than an empty or complete list.

use crate::error::{Error, Result};
use crate::network::{Mode, Network, NodeKind, Status};
use crate::scenario::select::Selection;

/// Which links or nodes a listing shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// Only links of this mode.
    pub mode: Option<Mode>,
    /// Only links carrying this corridor tag; only nodes carrying it or touched by a link that
    /// does.
    pub corridor: Option<String>,
    /// Only links with an end in, or transiting, this country; only nodes there (ISO code, any
    /// case).
    pub country: Option<String>,
    /// Only links of this status (`operating`, `under_construction`, `planned`).
    pub status: Option<String>,
    /// Only nodes of this kind.
    pub kind: Option<String>,
}

impl Listing {
    /// The selection these filters amount to (no criterion: everything, by the matching rule).
    fn selection(&self) -> Selection {
        Selection {
            corridor: self.corridor.clone(),
            country: self.country.as_ref().map(|c| c.to_ascii_uppercase()),
            mode: self.mode.map(|m| m.as_str().to_string()),
            kind: self.kind.clone(),
            ..Selection::default()
        }
    }

    /// The indices of the links of `net` that pass, in definition order. An error names the
    /// filter that matches nothing (`--corridor`, `--country`) or is not a known word
    /// (`--status`).
    pub fn links(&self, net: &Network) -> Result<Vec<usize>> {
        let bad = |m: String| Err(Error::InvalidArgument(m));
        if let Some(t) = &self.corridor {
            if !net.links.iter().any(|l| l.has_corridor(t)) {
                return bad(format!("--corridor {t}: no link carries this tag"));
            }
        }
        let sel = self.selection();
        if let Some(c) = &sel.country {
            if !net.nodes.iter().any(|n| &n.country == c)
                && !net.links.iter().any(|l| l.transit_countries.contains(c))
            {
                return bad(format!(
                    "--country {c}: no node or link of the network is there"
                ));
            }
        }
        if let Some(s) = &self.status {
            if !Status::ALL.iter().any(|x| x.as_str() == s) {
                return bad(format!(
                    "--status {s}: unknown status (expected one of: {})",
                    Status::ALL.map(|x| x.as_str()).join(", ")
                ));
            }
        }
        Ok(sel
            .matching_links(net)
            .into_iter()
            .map(|(i, _)| i)
            .filter(|&i| {
                let l = &net.links[i];
                self.status.as_ref().is_none_or(|s| l.status.as_str() == s)
            })
            .collect())
    }

    /// The indices of the nodes of `net` that pass, in definition order. An error when the kind
    /// is not a node kind.
    pub fn nodes(&self, net: &Network) -> Result<Vec<usize>> {
        if let Some(k) = &self.kind {
            if NodeKind::parse(k).is_none() {
                return Err(Error::InvalidArgument(format!(
                    "--kind {k}: unknown kind (expected one of: {})",
                    NodeKind::ALL.map(|k| k.as_str()).join(", ")
                )));
            }
        }
        Ok(self.selection().matching_nodes(net))
    }
}
