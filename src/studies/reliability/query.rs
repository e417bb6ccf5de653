//! The reliability study of a [`Query`]: the fastest route of every corridor family of the
//! query's network (and dissimilar alternatives of the fastest), sampled together with common
//! random numbers ([`Query::reliability`]).

use std::borrow::Cow;

use super::{study, Candidate, Options, Study};
use crate::error::{Error, Result};
use crate::network::Network;
use crate::query::Query;
use crate::routing::{NoRoute, Objective, Outcome, Router, MAX_ALTERNATIVES};

/// A reliability study's answer (see [`Query::reliability`]).
#[derive(Debug, Clone)]
pub struct Reliability<'a> {
    /// The network routed on.
    pub network: Cow<'a, Network>,
    /// The routes studied, in the study's order.
    pub candidates: Vec<Candidate>,
    /// Their distributions, or why there is no route at all.
    pub study: std::result::Result<Study, NoRoute>,
    /// Families without a route: (family id, why).
    pub missing: Vec<(String, String)>,
    /// Remarks worth showing the user.
    pub notes: Vec<String>,
}

impl Query {
    /// The transit-time distributions of the best route of every corridor family by time (and,
    /// with `alternatives` > 0, of that many dissimilar alternatives of the fastest route, each
    /// sharing at most `max_overlap` of its km with a better one), sampled together with common
    /// random numbers. Families without a route are listed with the reason. `alternatives` is 0
    /// to [`crate::routing::MAX_ALTERNATIVES`]. The samples drawn are counted into
    /// `opts.progress`.
    pub fn reliability<'a>(
        &self,
        base: &'a Network,
        alternatives: usize,
        max_overlap: f64,
        opts: &Options,
    ) -> Result<Reliability<'a>> {
        if alternatives > MAX_ALTERNATIVES {
            return Err(Error::InvalidArgument(format!(
                "--alternatives {alternatives}: give 0 to {MAX_ALTERNATIVES} (as `route \
                 --alternatives` takes 1 to {MAX_ALTERNATIVES})"
            )));
        }
        let mut p = self.prepare(base)?;
        if p.network.variability.is_empty() {
            p.notes.push(
                "the network gives no [[variability]] records: every percentile equals the fixed total".into(),
            );
        }
        let router = Router::new(&p.network)?;
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut missing = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for f in &p.network.families {
            match router.route_family(p.from, p.to, Objective::Time, &p.constraints, f)? {
                Outcome::Found(r) => {
                    seen.push(r.signature());
                    candidates.push(Candidate {
                        label: f.name.clone(),
                        family: Some(f.id.clone()),
                        route: r,
                    });
                }
                Outcome::NoRoute(n) => missing.push((f.id.clone(), n.reason)),
            }
        }
        if alternatives > 0 || p.network.families.is_empty() {
            let k = alternatives.max(1);
            let alts = router.alternatives(
                p.from,
                p.to,
                Objective::Time,
                &p.constraints,
                k,
                max_overlap,
            )?;
            for (i, r) in alts.into_iter().enumerate() {
                if seen.contains(&r.signature()) {
                    continue;
                }
                seen.push(r.signature());
                candidates.push(Candidate {
                    label: format!(
                        "alternative {} ({})",
                        i + 1,
                        crate::describe::corridor_words(&p.network, &r)
                    ),
                    family: None,
                    route: r,
                });
            }
        }
        let study = if candidates.is_empty() {
            Err(
                match router.route(p.from, p.to, Objective::Time, &p.constraints)? {
                    Outcome::NoRoute(n) => n,
                    Outcome::Found(_) => NoRoute {
                        from: p.network.nodes[p.from].id.clone(),
                        to: p.network.nodes[p.to].id.clone(),
                        reason: "no corridor family has a route".into(),
                    },
                },
            )
        } else {
            Ok(study(&p.network, &candidates, opts)?)
        };
        Ok(Reliability {
            network: p.network,
            candidates,
            study,
            missing,
            notes: p.notes,
        })
    }
}
