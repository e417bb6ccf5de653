//! What a `[[variability]]` or `[[capacity]]` record is checked with ([`Record`]): its checker
//! and the nodes and links it may name; and the component it applies to (`{ link, part }` or
//! `{ node, transfer }`), checked against them.

use super::check::Checker;
use super::raw::{RawComponent, RawHours};
use crate::network::limits::MAX_LEG_HOURS;
use crate::network::{Component, Link, Node, Part, TransferKind};

/// A record being checked against the network: where its problems go, and the nodes and links
/// it may name.
pub(super) struct Record<'a, 'b, 'n> {
    /// The record's checker.
    pub(super) c: Checker<'a, 'b>,
    /// Every node.
    pub(super) nodes: &'n [Node],
    /// Every link.
    pub(super) links: &'n [Link],
}

impl Record<'_, '_, '_> {
    /// A `{ link, part }` or `{ node, transfer }` component of the record, checked against the
    /// network: the link or node exists, the part is one of `parts`, the node has the facility.
    /// Problems go under `field` (`applies[2].part`). The component's loaded hours are its
    /// current ones, or its `described_hours` when given (what an export of a scenario's network
    /// writes where the scenario changed the component).
    pub(super) fn component(
        &mut self,
        field: &str,
        a: &RawComponent,
        parts: &[Part],
    ) -> Option<Component> {
        let mut c = self.found(field, a, parts)?;
        let Some(given) = a.described_hours else {
            return Some(c);
        };
        let at = format!("{field}.described_hours");
        let hours: Vec<f64> = match (&mut c, given) {
            (Component::Link { loaded, .. }, RawHours::Two(h)) => {
                *loaded = h;
                h.to_vec()
            }
            (Component::Transfer { loaded, .. }, RawHours::One(h)) => {
                *loaded = h;
                vec![h]
            }
            (Component::Link { .. }, RawHours::One(_)) => {
                self.c.problem(
                    &at,
                    "a link's part is described per direction: [forward, reverse]",
                );
                return None;
            }
            (Component::Transfer { .. }, RawHours::Two(_)) => {
                self.c
                    .problem(&at, "a transfer is described by one number of hours");
                return None;
            }
        };
        if hours
            .iter()
            .any(|h| !(h.is_finite() && (0.0..=MAX_LEG_HOURS).contains(h)))
        {
            self.c.problem(
                &at,
                format!("hours lie in 0…{}", crate::error::number(MAX_LEG_HOURS)),
            );
            return None;
        }
        Some(c)
    }

    /// The component named, checked against the network, with its current hours.
    fn found(&mut self, field: &str, a: &RawComponent, parts: &[Part]) -> Option<Component> {
        match (&a.link, &a.part, &a.node, &a.transfer) {
            (Some(id), Some(part), None, None) => {
                let Some(l) = self.links.iter().find(|l| &l.id == id) else {
                    self.c
                        .problem(&format!("{field}.link"), format!("no link `{id}`"));
                    return None;
                };
                let Some(part) = Part::parse(part).filter(|p| parts.contains(p)) else {
                    let what = if Part::parse(part).is_some() {
                        "a part this record does not take"
                    } else {
                        "unknown part"
                    };
                    self.c.problem(
                        &format!("{field}.part"),
                        format!(
                            "{what} `{part}` (expected one of: {})",
                            parts
                                .iter()
                                .map(|p| p.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                    return None;
                };
                let loaded = match part {
                    Part::Wait => l.wait_hours,
                    Part::Call => l.call_hours,
                    Part::Run => [l.haul_hours(); 2],
                    Part::Border => l.border.as_ref().map_or([0.0; 2], |b| b.hours),
                    Part::Delay => [0.0; 2],
                };
                Some(Component::Link {
                    link: id.clone(),
                    part,
                    loaded,
                })
            }
            (None, None, Some(id), Some(kind)) => {
                let Some(n) = self.nodes.iter().find(|n| &n.id == id) else {
                    self.c
                        .problem(&format!("{field}.node"), format!("no node `{id}`"));
                    return None;
                };
                let Some(kind) = TransferKind::parse(kind) else {
                    self.c.problem(
                        &format!("{field}.transfer"),
                        format!("unknown transfer kind `{kind}`"),
                    );
                    return None;
                };
                let Some(t) = n.transfer(kind) else {
                    self.c.problem(
                        &format!("{field}.transfer"),
                        format!("node `{id}` has no {} facility", kind.as_str()),
                    );
                    return None;
                };
                Some(Component::Transfer {
                    node: id.clone(),
                    kind,
                    loaded: t.hours,
                })
            }
            _ => {
                self.c.problem(
                    field,
                    "give either `link` and `part`, or `node` and `transfer`",
                );
                None
            }
        }
    }
}
