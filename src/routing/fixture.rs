//! Test fixtures of the routing folder: the tiny hand-drawn network and a helper that unwraps a
//! found route.

use crate::load::{parse, SourceFile};
use crate::network::Network;
use crate::routing::route::{Outcome, Route};

/// A hand-drawn network with a gauge break and a port (drawn in the fixture's header):
/// a–g 100 km, 2 h; gauge change at g 5 h $300; g–p 200 km 4 h; rail↔sea at p 10 h $100;
/// p–q sea 300 km 10 h + 20 h wait; a–q road 900 km 15 h $2000.
const NET: &str = include_str!("../../tests/fixtures/tiny.toml");

/// The tiny network, parsed.
pub(crate) fn net() -> Network {
    parse(&[SourceFile {
        name: "t.toml".into(),
        text: NET.into(),
    }])
    .unwrap()
}

/// The route of an outcome; panics with the reason when there is none.
pub(crate) fn found(o: Outcome) -> Route {
    match o {
        Outcome::Found(r) => r,
        Outcome::NoRoute(n) => panic!("{n}"),
    }
}
