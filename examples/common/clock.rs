//! What the benchmarks measure besides wall time, read from `/proc` (Linux): CPU time of this
//! thread, of every thread of this process, of this process and its waited-for children, and
//! resident memory, and the load average. Each benchmark uses some of them.
#![allow(dead_code)]

/// The first number of a `schedstat` file: nanoseconds on a processor.
fn schedstat_ns(path: &std::path::Path) -> Option<u64> {
    let s = std::fs::read_to_string(path).ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// This thread's CPU time, nanoseconds (`None` where the system does not report it).
pub fn thread_cpu_ns() -> Option<u64> {
    schedstat_ns(std::path::Path::new("/proc/thread-self/schedstat"))
}

/// This thread's CPU seconds so far (0 where the system does not report it).
pub fn thread_cpu() -> f64 {
    thread_cpu_ns().map_or(0.0, |ns| ns as f64 / 1e9)
}

/// CPU seconds of every thread of this process so far, to the nanosecond from each thread's
/// `schedstat`; where there is none, user + system time from `/proc/self/stat` (10 ms ticks).
pub fn process_cpu() -> f64 {
    let mut ns = 0u64;
    let mut found = false;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for t in tasks.flatten() {
            if let Some(x) = schedstat_ns(&t.path().join("schedstat")) {
                ns += x;
                found = true;
            }
        }
    }
    if found {
        ns as f64 * 1e-9
    } else {
        ticks().0
    }
}

/// CPU seconds (user + system) of this process and of its waited-for children, from
/// `/proc/self/stat` (clock ticks of 10 ms: sum them over many runs).
pub fn ticks() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    let get = |i: usize| f.get(i).copied().unwrap_or(0.0) / 100.0;
    // After the `)`: state is field 0, utime 11, stime 12, cutime 13, cstime 14.
    (get(11) + get(12), get(13) + get(14))
}

/// Resident and peak resident memory of this process in MB (NaN where not reported).
pub fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (get("VmRSS:"), get("VmHWM:"))
}

/// The load averages over 1, 5 and 15 minutes ("?" where not reported).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}
