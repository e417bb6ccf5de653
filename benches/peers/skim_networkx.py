#!/usr/bin/env python3
"""The skim benchmark's peer: the same skim with networkx.

Reads the search graph `examples/skim_bench.rs` writes (states and open moves with their km,
hours, USD and kg CO2e, each place's start and end state, the places, the objectives and the
value of time), and for every origin and objective runs networkx's single-source Dijkstra on the
objective's value, then sums the four measures along the path to every other place: the same
cells `corridor skim` gives (km, hours, USD, generalized USD, kg CO2e per ordered pair and
objective, or none). Parallel moves between two states are reduced to the cheapest by the
objective once per objective, so the graph is a plain DiGraph, networkx's fastest case.

Usage: skim_networkx.py GRAPH.json OUT.json
Prints the seconds spent building the graphs and searching (after reading the JSON) on stdout.
"""

import json
import sys
import time

import networkx as nx


def main():
    graph_path, out_path = sys.argv[1], sys.argv[2]
    with open(graph_path) as f:
        g = json.load(f)
    t0 = time.perf_counter()
    vot = g["value_of_time"]
    value = {
        "distance": lambda km, h, usd, co2: km,
        "time": lambda km, h, usd, co2: h,
        "cost": lambda km, h, usd, co2: usd,
        "generalized": lambda km, h, usd, co2: usd + vot * h,
        "co2": lambda km, h, usd, co2: co2,
    }
    places = g["places"]
    start = [g["start"][p] for p in places]
    end = [g["end"][p] for p in places]
    cells = []
    for objective in g["objectives"]:
        w = value[objective]
        G = nx.DiGraph()
        G.add_nodes_from(range(g["states"]))
        for tail, head, km, h, usd, co2 in g["moves"]:
            x = w(km, h, usd, co2)
            old = G.get_edge_data(tail, head)
            if old is None or x < old["w"]:
                G.add_edge(tail, head, w=x, m=(km, h, usd, co2))
        for i, s in enumerate(start):
            dist, paths = nx.single_source_dijkstra(G, s, weight="w")
            for j, e in enumerate(end):
                if i == j:
                    cells.append([0.0, 0.0, 0.0, 0.0, 0.0])
                elif e not in dist:
                    cells.append(None)
                else:
                    km = h = usd = co2 = 0.0
                    path = paths[e]
                    for a, b in zip(path, path[1:]):
                        m = G[a][b]["m"]
                        km += m[0]
                        h += m[1]
                        usd += m[2]
                        co2 += m[3]
                    cells.append([km, h, usd, usd + vot * h, co2])
    spent = time.perf_counter() - t0
    with open(out_path, "w") as f:
        json.dump(cells, f)
    print(f"{spent:.6f}")


if __name__ == "__main__":
    main()
