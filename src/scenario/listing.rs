//! The filters of a listing (`corridor links`, `corridor nodes`, or any front end listing part of
//! a network): a mode, a corridor tag, a country, a status and a node kind, each optional. They
//! pick links and nodes by the one rule of [`Selection`], so a listing shows exactly what a
//! scenario edit with the same criteria would change. Unlike an edit's selection, no filter at
//! all means everything, and every filter given must match something in the network, so a typo
//! is an error rather than an empty or complete list.

use crate::error::{clip, Error, Result};
use crate::network::{Mode, Network, NodeKind, Status};
use crate::scenario::select::Selection;
use crate::text::did_you_mean;

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

    /// Every filter given must name something of `net`, or a known word: an error names the
    /// first that does not (`--corridor`, `--country`, `--status`, `--kind`), with the known words
    /// closest to it. The one rule of `links` and `nodes`.
    fn check(&self, net: &Network) -> Result<()> {
        let bad = |m: String| Err(Error::InvalidArgument(m));
        if let Some(t) = &self.corridor {
            if !net.links.iter().any(|l| l.has_corridor(t))
                && !net.nodes.iter().any(|n| n.corridors.iter().any(|c| c == t))
            {
                let tags = net.corridor_tags();
                return bad(format!(
                    "--corridor {}: no link or node of the network carries this tag{}",
                    clip(t),
                    did_you_mean(t, &tags)
                ));
            }
        }
        if let Some(c) = self.country.as_ref().map(|c| c.to_ascii_uppercase()) {
            if !net.nodes.iter().any(|n| n.country == c)
                && !net.links.iter().any(|l| l.transit_countries.contains(&c))
            {
                return bad(format!(
                    "--country {}: no node or link of the network is there (its countries: {})",
                    clip(&c),
                    net.countries().join(", ")
                ));
            }
        }
        if let Some(s) = &self.status {
            if !Status::ALL.iter().any(|x| x.as_str() == s) {
                let known = Status::ALL.map(|x| x.as_str());
                return bad(format!(
                    "--status {}: unknown status{} (expected one of: {})",
                    clip(s),
                    did_you_mean(s, &known),
                    known.join(", ")
                ));
            }
        }
        if let Some(k) = &self.kind {
            if NodeKind::parse(k).is_none() {
                let known = NodeKind::ALL.map(|k| k.as_str());
                return bad(format!(
                    "--kind {}: unknown kind{} (expected one of: {})",
                    clip(k),
                    did_you_mean(k, &known),
                    known.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The indices of the links of `net` that pass, in definition order. An error names the
    /// filter that matches nothing (`--corridor`, `--country`) or is not a known word
    /// (`--status`, `--kind`).
    pub fn links(&self, net: &Network) -> Result<Vec<usize>> {
        self.check(net)?;
        let sel = self.selection();
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

    /// The indices of the nodes of `net` that pass, in definition order. An error names the
    /// filter that matches nothing or is not a known word, as for [`Listing::links`].
    pub fn nodes(&self, net: &Network) -> Result<Vec<usize>> {
        self.check(net)?;
        Ok(self.selection().matching_nodes(net))
    }
}
