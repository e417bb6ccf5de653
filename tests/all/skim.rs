//! Skims: every cell of `Router::skim` (one search per origin) equals what `Router::route`
//! answers for that pair, on the shipped network under several constraints; the command's
//! outputs, names and no-route cells.

use corridor::load;
use corridor::network::Network;
use corridor::routing::{Constraints, Objective, Outcome, Reach, Router};

use crate::support::required::REQUIRED;

fn net() -> Network {
    load::embedded().expect("the shipped network loads")
}

/// Every ordered pair of `places` by each objective: the skim's cell against `route`'s answer,
/// bit for bit (km, hours, USD, CO2), or the same reason when there is no route.
fn same_as_route(net: &Network, places: &[usize], objectives: &[Objective], c: &Constraints) {
    let router = Router::new(net).unwrap();
    let skim = router.skim(places, objectives, c).unwrap();
    let n = places.len();
    let mut found = 0;
    for (k, &o) in objectives.iter().enumerate() {
        for (i, &a) in places.iter().enumerate() {
            for (j, &b) in places.iter().enumerate() {
                let cell: &Reach = &skim[k][i * n + j];
                if a == b {
                    continue;
                }
                let what = format!("{} → {} by {o}", net.nodes[a].id, net.nodes[b].id);
                match (router.route(a, b, o, c).unwrap(), cell) {
                    (Outcome::Found(r), Ok(m)) => {
                        let bits = |m: &corridor::routing::Metrics| {
                            [m.km, m.hours, m.usd, m.co2_kg].map(f64::to_bits)
                        };
                        assert_eq!(bits(&r.total), bits(m), "{what}: {:?} vs {m:?}", r.total);
                        found += 1;
                    }
                    (Outcome::NoRoute(why), Err(no)) => assert_eq!(&why, no, "{what}"),
                    (r, cell) => panic!("{what}: route {r:?}, skim {cell:?}"),
                }
            }
        }
    }
    assert!(found > 0);
}

fn required(net: &Network) -> Vec<usize> {
    REQUIRED.iter().map(|id| net.find(id).unwrap()).collect()
}

#[test]
fn every_required_pair_by_every_objective_is_what_route_answers() {
    let net = net();
    same_as_route(
        &net,
        &required(&net),
        &Objective::ALL,
        &Constraints::defaults(&net),
    );
}
