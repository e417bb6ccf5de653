//! The network builder of the tests, `Net`, from the library's own file (`src/testnet.rs`), and
//! its test.

#[path = "../../../src/testnet.rs"]
mod imp;

pub use imp::*;

#[test]
fn a_built_network_loads_and_routes() {
    use corridor::load::{self, SourceFile};
    use corridor::routing::{Constraints, Objective, Outcome, Router};
    let text = Net::new("line")
        .value_of_time(12.5)
        .node("a", "KZ", 40.0, 60.0)
        .comment("the port")
        .node("b", "AZ", 40.0, 61.5)
        .set("kind", "sea_port")
        .set("name", "Port \"B\"")
        .link("a-b", "a", "b", "road")
        .sourced("km", 130)
        .sourced("hours", 2)
        .sourced("usd_fixed", 400.5)
        .border(12.0, 80.0)
        .build();
    let net = load::parse(&[SourceFile {
        name: "line.toml".into(),
        text: text.clone(),
    }])
    .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(net.nodes.len(), 2);
    assert_eq!(net.value_of_time, 12.5);
    assert_eq!(net.links.len(), 1);
    assert_eq!(net.nodes[1].name, "Port \"B\"");
    // Six lines of `[network]`; then a blank line, the comment and the header of node b.
    let b = net.find("b").unwrap();
    assert_eq!(net.nodes[b].origin.line, 6 + 9 + 3, "{text}");
    let router = Router::new(&net).unwrap();
    let c = Constraints::defaults(&net);
    match router.route(0, b, Objective::Cost, &c).unwrap() {
        Outcome::Found(r) => assert_eq!((r.from.as_str(), r.nodes.len()), ("a", 2)),
        Outcome::NoRoute(why) => panic!("{why}\n{text}"),
    }
}
