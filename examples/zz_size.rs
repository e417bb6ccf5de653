fn main() {
    let net = corridor::load::embedded().unwrap();
    let g = corridor::graph::SearchGraph::build(&net);
    println!(
        "states {} moves {}",
        g.graph.node_count(),
        g.graph.edge_count()
    );
}
