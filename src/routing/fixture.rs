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

/// A ladder of `stages` diamonds in one country, `j0` to `j{stages}`: at stage `i` a load takes
/// the slow branch (2^i/64 hours more) or the dear one (2^i USD more), so each of the 2^stages
/// choices is a point of the time–cost Pareto front.
pub(crate) fn ladder(stages: u32) -> Network {
    let mut net = crate::testnet::Net::new("ladder");
    for i in 0..=stages {
        net = net.node(&format!("j{i}"), "KZ", 40.0, 60.0 + f64::from(i) * 0.1);
        if i < stages {
            let lon = 60.05 + f64::from(i) * 0.1;
            net = net.node(&format!("f{i}"), "KZ", 40.02, lon).node(
                &format!("s{i}"),
                "KZ",
                39.98,
                lon,
            );
        }
    }
    for i in 0..stages {
        let w = f64::from(1u32 << i);
        let next = format!("j{}", i + 1);
        for (from, to, hours, usd) in [
            (format!("j{i}"), format!("f{i}"), 1.0 + w / 64.0, 1.0),
            (format!("f{i}"), next.clone(), 1.0, 1.0),
            (format!("j{i}"), format!("s{i}"), 1.0, 1.0 + w),
            (format!("s{i}"), next.clone(), 1.0, 1.0),
        ] {
            net = net
                .link(&format!("{from}-{to}"), &from, &to, "rail")
                .set("gauge", 1520)
                .sourced("km", 10.0)
                .sourced("hours", hours)
                .sourced("usd_fixed", usd);
        }
    }
    parse(&[SourceFile {
        name: "ladder.toml".into(),
        text: net.build(),
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
