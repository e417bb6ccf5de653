//! A progress bar on standard error for long sampling runs.
//!
//! It appears only when standard error is a terminal and the work has taken more than a second,
//! and it erases itself when the work ends: logs and pipes stay byte-for-byte clean.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use corridor::text::thousands;

/// Runs `work`, showing on stderr how many of `total` samples `done` counts once it has taken
/// more than a second, when stderr is a terminal (nothing otherwise: logs and pipes stay clean).
pub(crate) fn with_progress<T>(
    done: &AtomicUsize,
    total: usize,
    work: impl FnOnce() -> T + Send,
) -> T
where
    T: Send,
{
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let start = Instant::now();
            let mut shown = false;
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                if start.elapsed() < Duration::from_secs(1) {
                    continue;
                }
                let n = done.load(Ordering::Relaxed).min(total);
                let width = 30;
                let filled = n * width / total.max(1);
                eprint!(
                    "\r[{}{}] {:>3} % {} / {} samples",
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    n * 100 / total.max(1),
                    thousands(n as f64),
                    thousands(total as f64)
                );
                shown = true;
            }
            if shown {
                eprint!("\r{}\r", " ".repeat(72));
            }
        });
        let out = work();
        finished.store(true, Ordering::Relaxed);
        out
    })
}
