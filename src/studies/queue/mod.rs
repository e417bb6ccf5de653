//! Queue models: mean waits that follow from volume and capacity.
//!
//! This module owns the closed forms and numerical models that turn a flow (units per hour) and
//! a capacity (a service rate, a number of servers, a vessel or train of `b` units every `h`
//! hours) into a mean wait in hours. It is pure arithmetic on `f64` hours: it knows nothing of
//! the network, and every function returns its answer (a [`Wait`], a probability) or a
//! [`QueueError`], never a panic, an infinity or a NaN.
//!
//! # Models
//!
//! With arrival rate λ, service rate μ (mean service time E\[S\] = 1/μ), `c` servers,
//! utilisation ρ and Wq the mean wait in queue (service time excluded):
//!
//! - **M/M/1** ([`mm1_wait`]): Wq = ρ/(μ − λ), ρ = λ/μ.
//! - **M/D/1** ([`md1_wait`]): the Pollaczek–Khinchine formula Wq = λE\[S²\]/(2(1 − ρ)) with
//!   E\[S²\] = 1/μ², i.e. Wq = ρ/(2μ(1 − ρ)): half the M/M/1 wait.
//! - **Erlang C** ([`erlang_c`]): the probability that an arrival waits in M/M/c with offered
//!   load a = λ/μ, from the Erlang B recursion B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)), then
//!   C = B/(1 − ρ(1 − B)) with ρ = a/c. Every step stays in \[0, 1\], so it is stable for any
//!   number of servers (no factorials or powers of `a`).
//! - **M/M/c** ([`mmc_wait`]): Wq = C(c, a)/(cμ − λ).
//! - **G/G/c** ([`ggc_wait`]), Kingman's heavy-traffic formula (J. F. C. Kingman, "The single
//!   server queue in heavy traffic", Proc. Cambridge Phil. Soc. 57, 1961) extended to `c`
//!   servers by Sakasegawa (H. Sakasegawa, "An approximation formula Lq ≃ α·ρ^β/(1−ρ)", Annals
//!   of the Institute of Statistical Mathematics 29, 1977), as in Hopp & Spearman's *Factory
//!   Physics*: Wq ≈ ((ca² + cs²)/2) · (ρ^(√(2(c+1)) − 1)/(c(1 − ρ))) · E\[S\], ρ = λE\[S\]/c,
//!   where ca² and cs² are the squared coefficients of variation of interarrival and service
//!   times. For c = 1 the exponent is 1 and this *is* Kingman's formula; with ca² = cs² = 1 it
//!   is then exactly M/M/1, and with ca² = 1, cs² = 0 exactly M/D/1. For c > 1 with
//!   ca² = cs² = 1 it approximates M/M/c: measured against Erlang C on ρ ∈ (0, 0.98],
//!   c ≤ 500, the absolute error is at most 0.034·E\[S\] (worst at c = 2, ρ ≈ 0.6); the
//!   relative error is at most 2 % for ρ ≥ 0.9 and c ≤ 20 but grows at light load with many
//!   servers, where the wait itself is a tiny fraction of E\[S\] (7 % at c = 10, ρ = 0.8;
//!   over 100 % at c = 10, ρ = 0.5). `tests/all/queue.rs` checks these bounds for c ≤ 50.
//! - **Scheduled batch departures** ([`batch_wait`]): see below.
//!
//! # Batch service: scheduled vessels and trains
//!
//! A departure of capacity `b` units leaves every `h` hours (a deterministic headway); units
//! arrive at λ per hour and wait from arrival to the departure that carries them. Let A_n be the
//! arrivals during headway n (mean m = λh) and Q_n the units left behind by departure n, which
//! takes up to `b` of the units present (first come, first served). Then
//! Q_{n+1} = max(0, Q_n + A_n − b): a discrete-time bulk-service queue (N. T. J. Bailey, "On
//! queueing processes with bulk service", J. Royal Statistical Society B 16, 1954). Each unit
//! waits for the rest of the headway it arrives in, h/2 on average (arrivals spread uniformly
//! over the headway), plus one more headway for every departure it is left behind by. The
//! left-behind units add h·Q_n unit-hours per headway against m arrivals, so by Little's law
//!
//! > W = h/2 + h·E\[Q\]/(λh) = h/2 + E\[Q\]/λ
//!
//! exactly for this model, whatever the order in which units board. Arrivals ([`Arrivals`]):
//!
//! - [`Arrivals::Poisson`]: A_n ~ Poisson(λh). E\[Q\] is computed exactly, with no truncation
//!   of the state space, from the chain's generating function
//!   Q(z) = (b − m)(z − 1)/(z^b − e^{m(z−1)}) · Π_{k=1}^{b−1} (z − z_k)/(1 − z_k), where
//!   z_1 … z_{b−1} are the roots of z^b = e^{m(z−1)} inside the unit disk other than 1. Then
//!   E\[Q\] = Q′(1) = (m² − b(b−1))/(2(b − m)) + Σ_k 1/(1 − z_k). Root k is the unique fixed
//!   point in the disk of z ↦ ω^k·e^{m(z−1)/b} (ω = e^{2πi/b}), a contraction with factor
//!   ≤ ρ; it is found by Newton's method, falling back on the contraction step if a Newton step
//!   leaves the disk, until the error after a step is below rounding. The sum is rewritten as
//!   m(m − b + 1)/(2(b − m)) + Σ_k (z_k − ω^k)/((1 − z_k)(1 − ω^k)), using
//!   Σ_k 1/(1 − ω^k) = (b − 1)/2, so that no two large terms cancel at light load; its
//!   derivative in m follows from the roots' (dz_k/dr = z(z − 1)/(1 − rz), r = m/b) at no extra
//!   search. Cost: O(b) complex exponentials, one or two per root when Newton's method starts
//!   from the roots at a nearby r (a [`Workspace`] keeps them, see below); `tests/all/queue.rs`
//!   checks the result against the chain iterated on a truncated state space and against
//!   hand-computed cases.
//! - [`Arrivals::Smooth`]: exactly λh units arrive in each headway (a fluid flow). Below
//!   capacity nothing is ever left behind, so W = h/2; at or above the cap the result is the
//!   flagged value at the cap, still h/2 (a smooth flow has no queue until it exceeds capacity,
//!   then a queue that grows without bound).
//!
//! Assumptions of the batch model: the schedule is kept (no cancelled or late departures),
//! capacity is the same every departure, the arrival stream is stationary, and the answer is
//! the steady-state mean (the chain started long ago), not the wait after a disruption.
//!
//! # Saturation and the planning period
//!
//! Every model has a utilisation ρ (λ over capacity) and a steady state only for ρ < 1, where
//! the waits grow like 1/(1 − ρ). Two [`Horizon`]s say what is asked:
//!
//! - [`Horizon::Steady`]: the steady-state mean. At or above a utilisation cap (default
//!   [`UTILISATION_CAP`], or any cap in (0, 1) through [`Queue::wait_capped`]) the wait is the
//!   formula evaluated at ρ = cap, flagged [`Wait::saturated`]: a lower bound on a queue that in
//!   steady state has none, the same whatever the overload. Use it for the formulas themselves.
//! - [`Horizon::Period`] ([`Queue::wait_over`]): the mean wait of the units arriving over a
//!   planning period of T hours that starts with an empty queue while demand stays at its rate,
//!   by the **coordinate transformation** of the steady-state curve onto the deterministic
//!   (fluid) queue (R. M. Kimber and E. M. Hollis, "Traffic queues and delays at road junctions",
//!   TRRL Laboratory Report 909, 1979; R. Akçelik, "Travel time functions for transport planning
//!   purposes: Davidson's function, its time-dependent form and an alternative travel time
//!   function", Australian Road Research 21(3), 1991). Over the period a fluid queue with
//!   ρ > 1 grows at λ − capacity, so an arrival at time t waits W₀ + (ρ − 1)t and the mean over
//!   the period is W₀ + (ρ − 1)T/2, where W₀ is the wait at no load (h/2 for a scheduled
//!   departure, 0 for servers). The transformation keeps, at every wait W, the distance between
//!   the steady-state curve W_s(ρ) and its asymptote ρ = 1: the wait at ρ is W_s(x) with
//!   x ∈ [0, 1) the root of x + 2(W_s(x) − W₀)/T = ρ (found by Newton's method on a model of the
//!   curve with its pole, A + C/(1 − x), fitted to the steady-state wait and its slope at each
//!   point: two steady-state evaluations for most queues). For W_s = C·ρ/(1 − ρ) (M/M/1, C = 1/μ; Kingman with one server) this is
//!   Akçelik's closed form W = ½[(aT/2 − C) + √((aT/2 − C)² + 2CρT)], a = ρ − 1. It is finite for
//!   every ρ, increases with ρ and with T, tends to the steady state as T → ∞ for ρ < 1 and to the
//!   fluid wait for ρ > 1; it treats servers and scheduled departures alike (for departures the
//!   backlog is the boxes left behind, growing by (ρ − 1) departures' worth per headway).
//!   `saturated` is then ρ ≥ 1: demand exceeds capacity and a backlog grows over the period.
//!   The period is the time over which the overload lasts before operators add capacity or
//!   shippers rebook: [`DEFAULT_PERIOD_HOURS`] (30 days) unless the caller gives another, and
//!   the wait beyond capacity scales with it.
//!
//! # Seasons
//!
//! [`seasonal_wait`] multiplies capacity by a factor in given months (winter storms on the
//! Caspian, ice on the Baltic) and returns the month-weighted mean wait: each of the twelve
//! months weighs 1/12 (the difference in days between months is ignored) and each is evaluated
//! on its own over the horizon, as if its conditions lasted (no carry-over of a queue between
//! months).
//!
//! # Many evaluations
//!
//! A [`Workspace`], passed to [`Queue::wait_in_with`], [`Queue::wait_over_with`],
//! [`Queue::wait_capped_with`] or [`seasonal_wait_with`], keeps what evaluations of queues with
//! the same capacity per departure reuse: the roots of unity and, at a grid of utilisations, the
//! roots of the characteristic equation as starting points. The answer is the same, bit for
//! bit, with a new workspace or a used one; only the time changes (the assignment evaluates each
//! element's wait at hundreds of loads and keeps one workspace per capacity).
//!
//! # Example
//!
//! ```
//! use corridor::studies::queue::{batch_wait, mm1_wait, Arrivals};
//!
//! // 1 unit per hour at a server of 2 per hour: ρ = 0.5, Wq = 0.5/(2 − 1) h.
//! let w = mm1_wait(1.0, 2.0).unwrap();
//! assert!((w.hours - 0.5).abs() < 1e-12 && !w.saturated);
//!
//! // A ferry of 40 FEU every 24 h, 0.5 FEU per hour offered: λh = 12, far below 40: h/2.
//! let w = batch_wait(0.5, 40, 24.0, Arrivals::Poisson).unwrap();
//! assert!((w.hours - 12.0).abs() < 1e-6);
//!
//! // Demand beyond capacity: in steady state, a finite wait at the cap, flagged.
//! let w = mm1_wait(3.0, 2.0).unwrap();
//! assert!(w.saturated && w.hours.is_finite() && w.utilisation == 1.5);
//!
//! // Over a 30-day period the same overload builds a backlog: about (1.5 − 1) × 720 h / 2.
//! let w = corridor::studies::queue::Queue::Mm1 { lambda: 3.0, mu: 2.0 }.wait_over(720.0).unwrap();
//! assert!(w.saturated && (w.hours - 180.0).abs() < 1.0);
//! ```
//!
//! # Files
//!
//! [`Queue`] (one model and its parameters; saturation at the cap; the front-door functions
//! such as [`mm1_wait`]) dispatches to the closed forms of M/M/1, M/D/1, M/M/c and G/G/c and to
//! the batch-service model (its roots found in complex arithmetic, kept in a [`Workspace`]);
//! [`Horizon`] and [`Queue::wait_over`] look at a queue over a planning period; [`seasonal_wait`]
//! averages a queue over the months; [`Wait`] and [`QueueError`] are what they all return. The
//! computation the roots' starting points and the period solver replaced (roots from ω^k on
//! every evaluation, regula falsi) is kept as a test oracle the fast path must match to 10⁻⁹.

mod batch;
mod closed;
mod complex;
mod model;
mod period;
#[cfg(test)]
mod reference;
mod roots;
mod season;
mod wait;

pub use batch::Arrivals;
pub use closed::erlang_c;
pub use model::{batch_wait, ggc_wait, md1_wait, mm1_wait, mmc_wait, Queue};
pub use period::{Horizon, DEFAULT_PERIOD_HOURS};
pub use roots::Workspace;
pub use season::{seasonal_wait, seasonal_wait_with, SeasonalWait};
pub use wait::{QueueError, Wait, MAX_BATCH, MAX_SERVERS, UTILISATION_CAP};
