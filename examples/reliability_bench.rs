//! Reliability throughput against numpy: the default study (Xi'an → Duisburg on the shipped
//! network, the best route of each corridor family) sampled 1,000,000 times by the library, then
//! the same routes and distributions by a vectorised numpy script in the same run, with both CPU
//! times and their ratio, and whether the two answers agree within sampling error.
//!
//! Ours: `studies::reliability::study` (the sampling, the fastest route per sample, mean, 99
//! percentiles), on all threads and on one, best of RUNS; CPU time is every thread's time on the
//! processor (Linux `/proc/self/task/*/schedstat`), wall time beside it. The whole query
//! (routing included) is timed too. The peer: `benches/peers/reliability_numpy.py` reads the
//! study exported as JSON (each record's distribution and shock, each route's fixed hours and
//! terms) and times its own sampling and statistics with `time.process_time` (import and file
//! read excluded), best of RUNS.
//!
//! Agreement: per route, the mean, P50 and P90 days of the two differ by less than four standard
//! errors of the difference (a percentile's from the density the sample's own P(q ± 2 %) give:
//! √(q(1−q)/N) / f; the mean's from the closed-form variance; a share's from the two pooled),
//! and P(fastest) likewise.
//!
//! `cargo run --release --example reliability_bench [SAMPLES] [--runs R] [--no-peer]
//! [--model FILE]` (`--model` keeps the exported study in FILE).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use corridor::network::distribution::{Distribution, Shock};
use corridor::studies::reliability::{self, Candidate, Options, Study};
use corridor::{Network, Query};
use serde_json::{json, Value};

#[path = "common/clock.rs"]
mod clock;
use clock::process_cpu;

/// Times of `runs` calls of `f`.
struct Timed<T> {
    /// Best CPU and wall seconds.
    cpu: f64,
    wall: f64,
    /// CPU seconds of the first call (memory not yet mapped: what one command pays).
    first: f64,
    /// The last answer.
    answer: T,
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Timed<T> {
    let (mut cpu, mut wall, mut first) = (f64::INFINITY, f64::INFINITY, None);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let (c, w) = (process_cpu(), Instant::now());
        last = Some(f());
        let used = process_cpu() - c;
        first.get_or_insert(used);
        cpu = cpu.min(used);
        wall = wall.min(w.elapsed().as_secs_f64());
    }
    Timed {
        cpu,
        wall,
        first: first.unwrap_or(f64::NAN),
        answer: last.expect("at least one run"),
    }
}

fn distribution_json(d: &Distribution) -> Value {
    match d {
        Distribution::Fixed { value } => json!({"kind": "fixed", "value": value}),
        Distribution::Normal { mean, sd } => json!({"kind": "normal", "mean": mean, "sd": sd}),
        Distribution::Lognormal { median, p90 } => {
            json!({"kind": "lognormal", "median": median, "p90": p90})
        }
        Distribution::Triangular { min, mode, max } => {
            json!({"kind": "triangular", "min": min, "mode": mode, "max": max})
        }
        Distribution::Uniform { min, max } => json!({"kind": "uniform", "min": min, "max": max}),
        Distribution::Exponential { mean } => json!({"kind": "exponential", "mean": mean}),
        Distribution::Empirical { values } => json!({"kind": "empirical", "values": values}),
    }
}

fn shock_json(s: &Shock, month: Option<u8>) -> Value {
    json!({"p": s.probability(month), "delay": distribution_json(&s.delay)})
}

/// The study as the peer samples it: records, and each route's fixed hours and terms.
fn model(net: &Network, candidates: &[Candidate], opts: &Options) -> Value {
    let records: Vec<Value> = net
        .variability
        .iter()
        .map(|v| {
            json!({
                "id": v.id,
                "distribution": v.distribution.as_ref().map(distribution_json),
                "shock": v.shock.as_ref().map(|s| shock_json(s, opts.month)),
            })
        })
        .collect();
    let routes: Vec<Value> = candidates
        .iter()
        .map(|c| {
            let p = reliability::profile(net, &c.route);
            json!({
                "label": c.label,
                "fixed_hours": p.fixed_hours,
                "terms": reliability::terms(net, &p),
            })
        })
        .collect();
    json!({
        "samples": opts.samples,
        "seed": opts.seed,
        "within_days": opts.within_days,
        "records": records,
        "routes": routes,
    })
}

/// The standard error of percentile `q` (0–1) of a sample of `n` whose CDF is `cdf` (1…99 %).
fn percentile_se(cdf: &[f64], q: usize, n: usize) -> f64 {
    let p = q as f64 / 100.0;
    let density = 0.04 / (cdf[q + 1] - cdf[q - 3]).max(1e-12);
    (p * (1.0 - p) / n as f64).sqrt() / density
}

/// Prints ours against the peer's answer, route by route; whether all agree.
fn agreement(net: &Network, candidates: &[Candidate], ours: &Study, peer: &Value) -> bool {
    let n = ours.samples;
    let mut all = true;
    println!(
        "{:<34} {:>17} {:>17} {:>17} {:>15}",
        "route", "mean days", "P50 days", "P90 days", "P(fastest)"
    );
    for (j, r) in ours.routes.iter().enumerate() {
        let theirs = &peer["routes"][j];
        let f = |k: &str| theirs[k].as_f64().unwrap_or(f64::NAN);
        let p = reliability::profile(net, &candidates[j].route);
        let var: f64 = reliability::variance_by_record(net, &p, ours.month)
            .iter()
            .map(|(_, v)| v)
            .sum();
        let mean_se = (var / n as f64).sqrt() / 24.0;
        // A share's from the two pooled, at least one sample's worth.
        let pooled = (r.p_fastest + f("p_fastest")) / 2.0;
        let fastest_se = (pooled * (1.0 - pooled) / n as f64)
            .sqrt()
            .max(1.0 / n as f64);
        let cells = [
            (r.mean_days, f("mean_days"), mean_se),
            (r.p50_days, f("p50_days"), percentile_se(&r.cdf, 50, n)),
            (r.p90_days, f("p90_days"), percentile_se(&r.cdf, 90, n)),
            (r.p_fastest, f("p_fastest"), fastest_se),
        ];
        let mut line = format!("{:<34}", r.label.chars().take(34).collect::<String>());
        for (k, (a, b, se)) in cells.iter().enumerate() {
            let z = (a - b) / (se * std::f64::consts::SQRT_2);
            all &= z.abs() < 4.0;
            let w = if k == 3 { 15 } else { 17 };
            let cell = format!("{a:.3}/{b:.3} {z:+.1}σ");
            line.push_str(&format!(" {cell:>w$}"));
        }
        println!("{line}");
    }
    all
}

fn main() {
    let mut samples = 1_000_000usize;
    let mut runs = 5usize;
    let mut peer = true;
    let mut keep: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|s| s.parse().ok()).expect("--runs R"),
            "--no-peer" => peer = false,
            "--model" => keep = Some(args.next().expect("--model FILE").into()),
            s => samples = s.parse().expect("SAMPLES is a number"),
        }
    }
    let net = corridor::load::embedded().expect("the shipped network loads");
    let q = Query::new("xian", "duisburg");
    let opts = Options {
        samples,
        ..Options::default()
    };
    let r = q.reliability(&net, 0, 0.5, &opts).expect("the study runs");
    let (network, candidates) = (r.network.as_ref(), &r.candidates);
    let threads = rayon::current_num_threads();
    let all = best(runs, || {
        reliability::study(network, candidates, &opts).expect("the study runs")
    });
    let (cpu, wall, ours) = (all.cpu, all.wall, &all.answer);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread");
    let single = best(runs, || {
        one.install(|| reliability::study(network, candidates, &opts).expect("the study runs"))
    });
    let (cpu1, wall1) = (single.cpu, single.wall);
    let query = best(runs, || q.reliability(&net, 0, 0.5, &opts).expect("runs"));
    let (qcpu, qwall) = (query.cpu, query.wall);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{samples} samples × {} routes ({} records), best of {runs}; load average {}",
        ours.routes.len(),
        network.variability.len(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "ours, study:            {cpu:.4} s CPU, {wall:.4} s wall on {threads} threads \
         (first run {:.4} s CPU)",
        all.first
    );
    println!("ours, study:            {cpu1:.4} s CPU, {wall1:.4} s wall on 1 thread");
    println!("ours, query (routing):  {qcpu:.4} s CPU, {qwall:.4} s wall on {threads} threads");
    if !peer {
        return;
    }
    let path: PathBuf = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!(
            "corridor-reliability-model-{}.json",
            std::process::id()
        ))
    });
    std::fs::write(&path, model(network, candidates, &opts).to_string()).expect("model written");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/peers/reliability_numpy.py"
    );
    let out = Command::new("python3")
        .arg(script)
        .arg(&path)
        .arg(runs.to_string())
        .output();
    if keep.is_none() {
        let _ = std::fs::remove_file(&path);
    }
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            eprintln!(
                "the numpy peer failed (pip install --user numpy?): {}",
                String::from_utf8_lossy(&o.stderr)
            );
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("python3 did not run: {e}");
            std::process::exit(1);
        }
    };
    let theirs: Value = serde_json::from_slice(&out.stdout).expect("the peer prints JSON");
    let (pcpu, pwall) = (
        theirs["cpu_s"].as_f64().unwrap_or(f64::NAN),
        theirs["wall_s"].as_f64().unwrap_or(f64::NAN),
    );
    println!(
        "numpy {}, study:   {pcpu:.4} s CPU, {pwall:.4} s wall",
        theirs["numpy"].as_str().unwrap_or("?")
    );
    println!(
        "ratio numpy / ours:     {:.1}× CPU ({:.1}× against ours on 1 thread, {:.1}× against \
         our first run), {:.1}× wall",
        pcpu / cpu,
        pcpu / cpu1,
        pcpu / all.first,
        pwall / wall
    );
    println!("agreement (ours/numpy, difference in standard errors of the difference):");
    let ok = agreement(network, candidates, ours, &theirs);
    println!(
        "{}",
        if ok {
            "agree within sampling error (every difference under 4σ)"
        } else {
            "DISAGREE: a difference of 4σ or more"
        }
    );
    if !ok {
        std::process::exit(1);
    }
}
