#!/usr/bin/env python3
"""Peer of `examples/pareto_bench.rs`: bi-criteria (time, cost) label setting on the same generated
rail grid, in plain Python with heapq (the algorithm a transport analyst would write).

The grid is the bench's: side x side junctions 0.01 degrees apart, a link of 1.1 km to the right
and one down from every junction, both directions; with `varied`, h = (r*31 + c*17 + r2*7) % 5
gives speed 30 + 10h km/h and tariff 0.3 + 0.1(4 - h) USD/km, else 50 km/h and 0.5 USD/km.

Label setting (Martins) with the two prunings the Rust search uses: a label is dropped when a label
already at its node, or a settled label at the destination, covers it (no worse on both criteria).
Prints: CPU milliseconds of the query (best of three; graph built beforehand), front size, labels settled.

Usage: pareto_labels.py SIDE VARIED(0|1) FROM_R FROM_C TO_R TO_C
"""
import heapq
import sys
import time


def grid(side, varied):
    adj = [[] for _ in range(side * side)]
    for r in range(side):
        for c in range(side):
            for r2, c2 in ((r, c + 1), (r + 1, c)):
                if r2 >= side or c2 >= side:
                    continue
                h = (r * 31 + c * 17 + r2 * 7) % 5
                speed, usd = (30.0 + 10.0 * h, 0.3 + 0.1 * (4 - h)) if varied else (50.0, 0.5)
                t, k = 1.1 / speed, 1.1 * usd
                a, b = r * side + c, r2 * side + c2
                adj[a].append((b, t, k))
                adj[b].append((a, t, k))
    return adj


def covered(labels, t, k):
    return any(lt <= t and lk <= k for lt, lk in labels)


def pareto(adj, s, d):
    settled = [[] for _ in adj]  # permanent labels per node
    heap = [(0.0, 0.0, s)]
    count = 0
    while heap:
        t, k, v = heapq.heappop(heap)
        if covered(settled[v], t, k) or (v != d and covered(settled[d], t, k)):
            continue
        settled[v].append((t, k))
        count += 1
        if v == d:
            continue
        for w, dt, dk in adj[v]:
            nt, nk = t + dt, k + dk
            if not covered(settled[w], nt, nk) and not covered(settled[d], nt, nk):
                heapq.heappush(heap, (nt, nk, w))
    return settled[d], count


def main():
    side, varied, fr, fc, tr, tc = (int(x) for x in sys.argv[1:7])
    adj = grid(side, varied == 1)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        front, labels = pareto(adj, fr * side + fc, tr * side + tc)
        best = min(best, time.process_time() - start)
    ms = best * 1e3
    print(f"{ms:.2f} {len(front)} {labels}")


main()
