"""The reliability study in vectorised numpy: the peer of `examples/reliability_bench.rs`.

Reads the study the bench exported (every record's distribution and shock, and each route's
fixed hours and terms: hours = fixed + sum of coefficient x draw + the shocks it takes) and
samples it the way a numpy user would: one array of draws per record, added into every route
that uses it; shocks drawn only where they strike; days; the fastest route per sample by argmin;
mean, nearest-rank percentiles 1..99 (np.quantile, method "inverted_cdf", which partitions
rather than sorts). Prints JSON: best CPU (process_time) and wall seconds of the sampling and
statistics over the runs (the file read and numpy import excluded), and the last run's answer.

    python3 benches/peers/reliability_numpy.py MODEL.json [RUNS]
"""

import json
import math
import sys
import time

import numpy as np

Z90 = 1.2815515655446004


def draw(rng, d, n):
    kind = d["kind"]
    if kind == "fixed":
        return np.full(n, d["value"])
    if kind == "normal":
        return np.maximum(rng.normal(d["mean"], d["sd"], n), 0.0)
    if kind == "lognormal":
        mu = math.log(d["median"])
        sigma = math.log(d["p90"] / d["median"]) / Z90
        return rng.lognormal(mu, sigma, n)
    if kind == "triangular":
        if d["max"] == d["min"]:
            return np.full(n, d["min"])
        return rng.triangular(d["min"], d["mode"], d["max"], n)
    if kind == "uniform":
        return rng.uniform(d["min"], d["max"], n)
    if kind == "exponential":
        return rng.exponential(d["mean"], n)
    if kind == "empirical":
        values = np.asarray(d["values"], dtype=float)
        return values[rng.integers(0, len(values), n)]
    raise ValueError(f"unknown distribution {kind}")


def study(model, rng):
    n = model["samples"]
    routes = model["routes"]
    k = len(routes)
    hours = np.empty((k, n))
    for j, route in enumerate(routes):
        hours[j] = route["fixed_hours"]
    tmp = np.empty(n)
    for r, rec in enumerate(model["records"]):
        uses = [(j, t) for j, route in enumerate(routes) for t in route["terms"] if t["record"] == r]
        draws = [(j, t["draw"]) for j, t in uses if t["draw"] != 0.0]
        shocks = [j for j, t in uses if t["shock"]]
        if rec["distribution"] is not None and draws:
            x = draw(rng, rec["distribution"], n)
            for j, a in draws:
                if a == 1.0:
                    hours[j] += x
                else:
                    np.multiply(x, a, out=tmp)
                    hours[j] += tmp
        shock = rec["shock"]
        if shock is not None and shocks and shock["p"] > 0.0:
            struck = np.flatnonzero(rng.random(n) < shock["p"])
            delay = draw(rng, shock["delay"], struck.size)
            for j in shocks:
                hours[j, struck] += delay
    fastest = np.bincount(np.argmin(hours, axis=0), minlength=k)
    hours /= 24.0
    days = hours
    mean = days.mean(axis=1)
    within = model.get("within_days")
    p_within = (days <= within).mean(axis=1) if within is not None else None
    cdf = np.quantile(days, np.arange(1, 100) / 100.0, axis=1, method="inverted_cdf")
    out = []
    for j, route in enumerate(routes):
        out.append(
            {
                "label": route["label"],
                "mean_days": float(mean[j]),
                "p50_days": float(cdf[49, j]),
                "p90_days": float(cdf[89, j]),
                "p_fastest": float(fastest[j] / n),
                "p_within": None if p_within is None else float(p_within[j]),
                "cdf": [float(c) for c in cdf[:, j]],
            }
        )
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        model = json.load(f)
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best_cpu = best_wall = math.inf
    answer = None
    for run in range(runs):
        rng = np.random.default_rng(model["seed"] + run)
        c0, w0 = time.process_time(), time.perf_counter()
        answer = study(model, rng)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    json.dump(
        {"numpy": np.__version__, "cpu_s": best_cpu, "wall_s": best_wall, "routes": answer},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
