//! A router whose weights follow a network's numbers: [`Router::detach`] keeps the search graph
//! and its compact arrays without the network, and [`Detached::attach`] puts them on a network of
//! the same structure (the same nodes, links, facilities and services; only numbers changed, as
//! a scale or set edit changes them), recomputing what every haul, stay aboard and facility costs
//! and the checks of [`Router::new`]. For a study that perturbs numbers and routes after each change
//! (a sensitivity screening) this replaces a rebuild of the search graph by one pass over the
//! links and facilities; the answers are the same, move for move (a test holds them equal).

use crate::error::{Error, Result};
use crate::network::Network;
use crate::routing::budget::Budget;
use crate::routing::constraints::GateFacts;
use crate::routing::search::Compact;
use crate::routing::steps::Words;
use crate::routing::{check_weights, Router};

/// A router without its network (see [`Router::detach`]).
#[derive(Debug, Clone)]
pub struct Detached {
    words: Words,
    compact: Compact,
    budget: Budget,
    /// The counts the structure was built for: nodes, links, facilities, services.
    shape: [usize; 4],
}

/// The counts a router's structure depends on.
fn shape(net: &Network) -> [usize; 4] {
    [
        net.nodes.len(),
        net.links.len(),
        net.nodes.iter().map(|n| n.transfers.len()).sum(),
        net.services.len(),
    ]
}

impl Router<'_> {
    /// The router without its network, to be put on another network of the same structure by
    /// [`Detached::attach`].
    pub fn detach(self) -> Detached {
        Detached {
            shape: shape(self.net),
            words: self.words,
            compact: self.compact,
            budget: self.budget,
        }
    }
}

impl Detached {
    /// The router of `net`, a network of the same structure as the one this router was built on
    /// (numbers changed, nothing added, removed, closed or opened): every move's weights
    /// recomputed, the words of its steps forgotten, the weights checked as [`Router::new`]
    /// checks them. A network of another shape (other counts of nodes, links, facilities or
    /// services) gets a router built anew.
    pub fn attach(self, net: &Network) -> Result<Router<'_>> {
        if shape(net) != self.shape {
            return Ok(Router::new(net)?.with_budget(self.budget));
        }
        check_weights(net)?;
        let facts = GateFacts::new(net).map_err(Error::InvalidArgument)?;
        let Detached {
            mut words,
            mut compact,
            budget,
            ..
        } = self;
        if compact.graph_mut().reweigh(net).is_err() {
            return Ok(Router::new(net)?.with_budget(budget));
        }
        words.forget_steps();
        Ok(Router {
            net,
            words,
            compact,
            facts,
            budget,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::routing::fixture::net;
    use crate::routing::{Constraints, Objective, Outcome, Router};

    #[test]
    fn a_reattached_router_answers_as_a_new_one_after_numbers_change() {
        let base = net();
        let detached = Router::new(&base).unwrap().detach();
        let mut changed = base.clone();
        changed.links[0].wait_hours = [40.0, 40.0];
        changed.links[1].usd_per_km *= 3.0;
        changed.nodes[1].transfers[0].hours += 7.0;
        let fresh = Router::new(&changed).unwrap();
        let attached = detached.attach(&changed).unwrap();
        let c = Constraints::defaults(&changed);
        for o in [
            Objective::Time,
            Objective::Cost,
            Objective::Co2,
            Objective::Generalized,
        ] {
            let (a, b) = (
                fresh.route(0, 3, o, &c).unwrap(),
                attached.route(0, 3, o, &c).unwrap(),
            );
            match (a, b) {
                (Outcome::Found(a), Outcome::Found(b)) => assert_eq!(a, b, "{o}"),
                (a, b) => panic!("{o}: {a:?} / {b:?}"),
            }
        }
        // A weight the router refuses is refused on the way back too.
        let mut bad = changed.clone();
        bad.links[2].wait_hours[1] = f64::NAN;
        assert!(attached.detach().attach(&bad).is_err());
    }
}
