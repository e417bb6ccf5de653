//! Queue models (`corridor::studies::queue`) against closed forms, hand-computed cases, an independent
//! truncated Markov chain for the batch model, saturation and input errors.

use corridor::studies::queue::{
    batch_wait, erlang_c, ggc_wait, md1_wait, mm1_wait, mmc_wait, seasonal_wait, Arrivals, Horizon,
    Queue, QueueError, Wait, MAX_SERVERS, UTILISATION_CAP,
};

/// Steady state at the default cap.
const STEADY: Horizon = Horizon::Steady {
    cap: UTILISATION_CAP,
};
use proptest::prelude::*;

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(1e-300)
}

#[track_caller]
fn assert_close(got: f64, want: f64, rel: f64) {
    assert!(close(got, want, rel), "got {got}, want {want} (rel {rel})");
}

// ---------------------------------------------------------------- M/M/1, M/D/1

#[test]
fn mm1_matches_hand_values() {
    // μ = 2 per hour; Wq = ρ/(μ − λ) by hand for each λ.
    for &(lambda, want) in &[
        (0.0, 0.0),
        (0.2, 0.1 / 1.8),
        (1.0, 0.5),   // ρ 0.5, μ − λ = 1
        (1.5, 1.5),   // ρ 0.75, μ − λ = 0.5
        (1.9, 9.5),   // ρ 0.95, μ − λ = 0.1
        (1.95, 19.5), // ρ 0.975, just under the cap
    ] {
        let w = mm1_wait(lambda, 2.0).unwrap();
        assert_close(w.hours, want, 1e-12);
        assert_close(w.utilisation, lambda / 2.0, 1e-15);
        assert!(!w.saturated);
    }
}

#[test]
fn md1_matches_pollaczek_khinchine() {
    // P–K: Wq = λ·E[S²]/(2(1 − ρ)); deterministic service: E[S²] = (1/μ)².
    for &mu in &[0.5, 1.0, 3.0] {
        for &rho in &[0.1, 0.5, 0.8, 0.95] {
            let lambda = rho * mu;
            let es2 = 1.0 / (mu * mu);
            let pk = lambda * es2 / (2.0 * (1.0 - rho));
            let w = md1_wait(lambda, mu).unwrap();
            assert_close(w.hours, pk, 1e-12);
            // And half the M/M/1 wait.
            assert_close(2.0 * w.hours, mm1_wait(lambda, mu).unwrap().hours, 1e-12);
        }
    }
}

// ---------------------------------------------------------------- Erlang C, M/M/c

#[test]
fn erlang_c_matches_exact_values() {
    // Exact values from C = (aᶜ/c!)(c/(c−a)) / (Σ_{k<c} aᵏ/k! + (aᶜ/c!)(c/(c−a))):
    //   c = 2, a = 1: (1/2)(2) / (1 + 1 + 1) = 1/3;
    //   c = 3, a = 2: 4 / (1 + 2 + 2 + 4) = 4/9;
    //   c = 5, a = 4: (128/3) / (103/3 + 128/3) = 128/231;
    //   c = 10, a = 8: 0.40918015079644354, the same sum in exact rational arithmetic
    //   (traffic tables print 0.4092);
    //   c = 1: C = ρ (M/M/1: an arrival waits iff the server is busy).
    assert_close(erlang_c(2, 1.0).unwrap(), 1.0 / 3.0, 1e-14);
    assert_close(erlang_c(3, 2.0).unwrap(), 4.0 / 9.0, 1e-14);
    assert_close(erlang_c(5, 4.0).unwrap(), 128.0 / 231.0, 1e-14);
    assert_close(erlang_c(10, 8.0).unwrap(), 0.409_180_150_796_443_54, 1e-13);
    assert_close(erlang_c(1, 0.3).unwrap(), 0.3, 1e-15);
    assert_eq!(erlang_c(4, 0.0).unwrap(), 0.0);
    assert_eq!(erlang_c(4, 4.0).unwrap(), 1.0, "a ≥ c: every arrival waits");
    assert_eq!(erlang_c(4, 9.0).unwrap(), 1.0);
}

/// Erlang C from its defining sum in log space (log-sum-exp), independent of the recursion.
fn erlang_c_direct(c: u32, a: f64) -> f64 {
    let ln_term = |k: u32| {
        let ln_fact: f64 = (1..=k).map(|i| f64::from(i).ln()).sum();
        f64::from(k) * a.ln() - ln_fact
    };
    let cf = f64::from(c);
    let ln_top = ln_term(c) + (cf / (cf - a)).ln();
    let logs: Vec<f64> = (0..c).map(ln_term).chain([ln_top]).collect();
    let max = logs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let total: f64 = logs.iter().map(|l| (l - max).exp()).sum();
    (ln_top - max).exp() / total
}

#[test]
fn erlang_c_is_stable_for_hundreds_of_servers() {
    for &(c, a) in &[
        (10u32, 8.0),
        (50, 45.0),
        (300, 285.0),
        (500, 400.0),
        (800, 790.0),
    ] {
        let got = erlang_c(c, a).unwrap();
        let want = erlang_c_direct(c, a);
        assert!(got > 0.0 && got < 1.0, "c {c} a {a}: {got}");
        assert_close(got, want, 1e-9);
    }
}

#[test]
fn mmc_wait_is_erlang_c_over_spare_capacity() {
    // c = 2, λ = 1, μ = 1: C = 1/3, cμ − λ = 1: Wq = 1/3 h.
    assert_close(mmc_wait(1.0, 1.0, 2).unwrap().hours, 1.0 / 3.0, 1e-14);
    // c = 10, λ = 8, μ = 1: Wq = 0.40918…/2.
    assert_close(
        mmc_wait(8.0, 1.0, 10).unwrap().hours,
        0.409_180_150_796_443_54 / 2.0,
        1e-13,
    );
    // One server is M/M/1.
    for &lambda in &[0.1, 0.6, 0.9] {
        assert_close(
            mmc_wait(lambda, 1.0, 1).unwrap().hours,
            mm1_wait(lambda, 1.0).unwrap().hours,
            1e-13,
        );
    }
    assert_close(mmc_wait(8.0, 1.0, 10).unwrap().utilisation, 0.8, 1e-15);
}

// ---------------------------------------------------------------- G/G/c

#[test]
fn sakasegawa_with_one_server_is_kingman() {
    // Kingman: Wq ≈ ((ca² + cs²)/2)·(ρ/(1 − ρ))·E[S].
    for &(ca2, cs2) in &[(1.0, 1.0), (0.5, 0.2), (2.0, 0.0), (0.0, 0.0), (3.0, 1.5)] {
        for &es in &[0.5, 2.0, 10.0] {
            for &rho in &[0.05, 0.5, 0.9, 0.97] {
                let lambda = rho / es;
                let kingman = (ca2 + cs2) / 2.0 * (rho / (1.0 - rho)) * es;
                let w = ggc_wait(lambda, es, 1, ca2, cs2).unwrap();
                assert_close(w.hours, kingman, 1e-13);
            }
        }
    }
}

#[test]
fn ggc_with_one_server_is_exactly_mm1_and_md1() {
    for &rho in &[0.1, 0.5, 0.9] {
        let (mu, lambda) = (2.0, rho * 2.0);
        let mm1 = mm1_wait(lambda, mu).unwrap().hours;
        let md1 = md1_wait(lambda, mu).unwrap().hours;
        assert_close(
            ggc_wait(lambda, 1.0 / mu, 1, 1.0, 1.0).unwrap().hours,
            mm1,
            1e-13,
        );
        assert_close(
            ggc_wait(lambda, 1.0 / mu, 1, 1.0, 0.0).unwrap().hours,
            md1,
            1e-13,
        );
    }
}

#[test]
fn sakasegawa_approximates_mmc_within_its_known_error() {
    // Exponential arrivals and service (ca² = cs² = 1), E[S] = 1 h. Stated bounds (module docs):
    // absolute error ≤ 0.034·E[S] everywhere; relative error ≤ 2 % for ρ ≥ 0.9 and c ≤ 20.
    let mut worst_abs: f64 = 0.0;
    for c in 1..=50u32 {
        for i in 1..=98 {
            let rho = f64::from(i) / 100.0;
            let lambda = rho * f64::from(c);
            let exact = mmc_wait(lambda, 1.0, c).unwrap().hours;
            let approx = ggc_wait(lambda, 1.0, c, 1.0, 1.0).unwrap().hours;
            worst_abs = worst_abs.max((approx - exact).abs());
            if rho >= 0.9 && c <= 20 {
                assert!(
                    close(approx, exact, 0.02),
                    "c {c} ρ {rho}: Sakasegawa {approx} vs Erlang C {exact}"
                );
            }
        }
    }
    assert!(worst_abs <= 0.034, "worst absolute error {worst_abs}");
    assert!(
        worst_abs > 0.03,
        "the bound is tight, not loose: {worst_abs}"
    );
    // The known weakness: light load with many servers (relative error well over 100 %).
    let exact = mmc_wait(5.0, 1.0, 10).unwrap().hours;
    let approx = ggc_wait(5.0, 1.0, 10, 1.0, 1.0).unwrap().hours;
    assert!(approx > 2.0 * exact, "c 10 ρ 0.5: {approx} vs {exact}");
}

// ---------------------------------------------------------------- batch departures

/// E[Q] of Q' = max(0, Q + A − b), A ~ Poisson(m), by iterating the distribution on a truncated
/// state space until it stops changing: the chain itself, not the generating function.
fn chain_mean(m: f64, b: usize) -> f64 {
    // The tail of Q decays like e^{−θx} with θ ≈ 2(b − m)/m (heavy traffic): the bound leaves
    // less than e^{−40} beyond it.
    let kmax = (m + 12.0 * m.sqrt() + 30.0) as usize;
    let n = b + kmax + (20.0 * (m + 1.0) / (b as f64 - m)) as usize;
    let mut a = vec![(-m).exp()];
    for k in 1..=kmax {
        let prev = a[k - 1];
        a.push(prev * m / k as f64);
    }
    let mut p = vec![0.0; n + 1];
    p[0] = 1.0;
    for _ in 0..200_000 {
        let mut q = vec![0.0; n + 1];
        for (i, &pi) in p.iter().enumerate() {
            if pi < 1e-300 {
                continue;
            }
            for (k, &ak) in a.iter().enumerate() {
                let j = (i + k).saturating_sub(b).min(n);
                q[j] += pi * ak;
            }
        }
        let diff: f64 = p.iter().zip(&q).map(|(x, y)| (x - y).abs()).sum();
        p = q;
        if diff < 1e-15 {
            break;
        }
    }
    p.iter().enumerate().map(|(i, x)| i as f64 * x).sum()
}

#[test]
fn batch_wait_is_half_the_headway_at_near_zero_load() {
    // With b = 1 the excess is h·m/(2(1 − m)) (see the hand-computed case below), so of order
    // m = λh; with b ≥ 2 it is of order m^b: nothing at m = 2.4e-5.
    for &(b, h, rel) in &[
        (1u32, 24.0, 3e-5),
        (2, 24.0, 1e-9),
        (10, 24.0, 1e-13),
        (60, 168.0, 1e-13),
    ] {
        let w = batch_wait(1e-6, b, h, Arrivals::Poisson).unwrap();
        assert_close(w.hours, h / 2.0, rel);
        assert!(w.hours >= h / 2.0 && !w.saturated);
        assert_eq!(
            batch_wait(0.0, b, h, Arrivals::Poisson).unwrap().hours,
            h / 2.0
        );
    }
}

#[test]
fn batch_wait_hand_computed_single_slot() {
    // b = 1: the generating function Q(z) = (1 − m)(z − 1)/(z − e^{m(z−1)}) gives
    // E[Q] = m²/(2(1 − m)). A departure of 1 unit every 24 h, λ = 1/48 per hour: m = 1/2,
    // E[Q] = (1/4)/(2·1/2) = 1/4, W = 24/2 + (1/4)/(1/48) = 12 + 12 = 24 h.
    let w = batch_wait(1.0 / 48.0, 1, 24.0, Arrivals::Poisson).unwrap();
    assert_close(w.hours, 24.0, 1e-12);
    assert_close(w.utilisation, 0.5, 1e-15);
}

#[test]
fn batch_wait_hand_computed_light_load() {
    // b = 2, m = λh = 0.01. Left behind: almost only from an empty start, (A − 2)⁺ with
    // P(A = 3) + 2P(A = 4) = e^{−m}(m³/6 + m⁴/12) = 1.65833e-7 (higher states add O(m⁵)). So
    // W = h/2 + E[Q]/λ = 5 + 1.65833e-7/0.001 h with h = 10, λ = 0.001.
    let m: f64 = 0.01;
    let eq = (-m).exp() * (m.powi(3) / 6.0 + m.powi(4) / 12.0);
    let w = batch_wait(0.001, 2, 10.0, Arrivals::Poisson).unwrap();
    let extra = w.hours - 5.0;
    assert_close(extra, eq / 0.001, 2e-4);
}

#[test]
fn batch_wait_matches_the_iterated_chain() {
    for &(m, b) in &[
        (0.5, 1usize),
        (0.9, 1),
        (0.5, 2),
        (1.5, 2),
        (2.0, 3),
        (5.0, 10),
        (8.0, 10),
        (9.0, 10),
        (30.0, 40),
        (90.0, 100),
    ] {
        let h = 24.0;
        let lambda = m / h;
        let w = batch_wait(lambda, b as u32, h, Arrivals::Poisson).unwrap();
        let want = h / 2.0 + chain_mean(m, b) / lambda;
        assert!(!w.saturated);
        assert_close(w.hours, want, 1e-8);
    }
}

#[test]
fn batch_wait_rolls_units_over_when_demand_nears_capacity() {
    // 10 units every 24 h; 9 per headway on average: E[Q] = 3.1012…, W ≈ 12 + 8.27 h.
    let w = batch_wait(9.0 / 24.0, 10, 24.0, Arrivals::Poisson).unwrap();
    assert!(w.hours > 20.0 && w.hours < 20.6, "{w:?}");
    // A smooth flow of the same volume fits every departure.
    assert_eq!(
        batch_wait(9.0 / 24.0, 10, 24.0, Arrivals::Smooth)
            .unwrap()
            .hours,
        12.0
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn batch_wait_is_monotone_in_lambda(
        b in 1u32..=60,
        h in 1.0f64..200.0,
        rho1 in 0.0f64..1.2,
        drho in 0.0f64..0.3,
    ) {
        let cap = f64::from(b) / h;
        let w1 = batch_wait(rho1 * cap, b, h, Arrivals::Poisson).unwrap();
        let w2 = batch_wait((rho1 + drho) * cap, b, h, Arrivals::Poisson).unwrap();
        prop_assert!(w1.hours.is_finite() && w2.hours.is_finite());
        prop_assert!(w1.hours >= h / 2.0 * (1.0 - 1e-12));
        prop_assert!(w1.hours <= w2.hours + 1e-9 * w2.hours, "{w1:?} then {w2:?}");
        prop_assert_eq!(w2.saturated, w2.utilisation >= UTILISATION_CAP);
    }

    #[test]
    fn every_model_is_finite_and_flags_saturation(
        rho in 0.0f64..3.0,
        c in 1u32..=40,
        es in 0.01f64..100.0,
        ca2 in 0.0f64..4.0,
        cs2 in 0.0f64..4.0,
    ) {
        let mu = 1.0 / es;
        let cf = f64::from(c);
        for q in [
            Queue::Mm1 { lambda: rho * mu, mu },
            Queue::Md1 { lambda: rho * mu, mu },
            Queue::Mmc { lambda: rho * cf * mu, mu, servers: c },
            Queue::Ggc { lambda: rho * cf / es, mean_service: es, servers: c, ca2, cs2 },
            Queue::Batch { lambda: rho * cf / es, capacity: c, headway: es, arrivals: Arrivals::Poisson },
        ] {
            let w = q.wait().unwrap();
            prop_assert!(w.hours.is_finite() && w.hours >= 0.0, "{q:?}: {w:?}");
            prop_assert_eq!(w.saturated, w.utilisation >= UTILISATION_CAP, "{:?}", q);
        }
    }

    /// Over a planning period every model is finite, at least the fluid backlog
    /// W₀ + max(0, ρ − 1)·T/2, at most the steady state below capacity, and grows with the load
    /// and with the period.
    #[test]
    fn over_a_period_every_model_grows_with_load_and_period_between_its_bounds(
        rho in 0.0f64..4.0,
        drho in 0.0f64..0.5,
        c in 1u32..=30,
        es in 0.05f64..50.0,
        ca2 in 0.0f64..3.0,
        cs2 in 0.0f64..3.0,
        t in 1.0f64..20_000.0,
        dt in 1.0f64..3.0,
    ) {
        let cf = f64::from(c);
        let make = |r: f64| [
            Queue::Mm1 { lambda: r / es, mu: 1.0 / es },
            Queue::Md1 { lambda: r / es, mu: 1.0 / es },
            Queue::Mmc { lambda: r * cf / es, mu: 1.0 / es, servers: c },
            Queue::Ggc { lambda: r * cf / es, mean_service: es, servers: c, ca2, cs2 },
            Queue::Batch { lambda: r * cf / es, capacity: c, headway: es, arrivals: Arrivals::Poisson },
        ];
        for ((q, q2), w0) in make(rho).into_iter().zip(make(rho + drho)).zip([0.0, 0.0, 0.0, 0.0, es / 2.0]) {
            let w = q.wait_over(t).unwrap();
            prop_assert!(w.hours.is_finite(), "{q:?}: {w:?}");
            prop_assert_eq!(w.saturated, rho >= 1.0);
            let fluid = w0 + (rho - 1.0).max(0.0) * t / 2.0;
            prop_assert!(w.hours >= fluid * (1.0 - 1e-9) - 1e-9, "{q:?} T {t}: {} < fluid {fluid}", w.hours);
            if rho < 0.97 {
                let steady = q.wait_capped(0.98).unwrap().hours;
                prop_assert!(w.hours <= steady * (1.0 + 1e-9) + 1e-9, "{q:?}: {} > steady {steady}", w.hours);
            }
            let more = q2.wait_over(t).unwrap().hours;
            prop_assert!(more >= w.hours * (1.0 - 1e-9) - 1e-9, "{q:?}: {} then {more}", w.hours);
            let longer = q.wait_over(t * dt).unwrap().hours;
            prop_assert!(longer >= w.hours * (1.0 - 1e-9) - 1e-9, "{q:?}: {} then {longer}", w.hours);
        }
    }
}

// ---------------------------------------------------------------- saturation

#[test]
fn saturation_is_flagged_and_evaluated_at_the_cap() {
    // M/M/1, μ = 1, at the cap 0.98: Wq = 0.98/0.02 = 49 h, whatever the demand above it.
    for &lambda in &[0.98, 1.0, 1.5, 40.0] {
        let w = mm1_wait(lambda, 1.0).unwrap();
        assert!(w.saturated, "{w:?}");
        assert_close(w.hours, 49.0, 1e-9);
        assert_close(w.utilisation, lambda, 1e-15);
    }
    // Just under the cap: not flagged, and below the capped value.
    let under = mm1_wait(0.97, 1.0).unwrap();
    assert!(!under.saturated && under.hours < 49.0);
    // M/D/1 at the cap: 49/2; M/M/c and G/G/c finite and flagged.
    assert_close(md1_wait(2.0, 1.0).unwrap().hours, 24.5, 1e-9);
    for w in [
        mmc_wait(30.0, 1.0, 20).unwrap(),
        ggc_wait(30.0, 1.0, 20, 1.0, 1.0).unwrap(),
        batch_wait(30.0, 20, 1.0, Arrivals::Poisson).unwrap(),
        batch_wait(30.0, 20, 1.0, Arrivals::Smooth).unwrap(),
    ] {
        assert!(w.saturated && w.hours.is_finite() && w.hours > 0.0, "{w:?}");
        assert_close(w.utilisation, 1.5, 1e-15);
    }
    // The batch wait at the cap is the wait at λ = cap·b/h.
    let at = batch_wait(0.98 * 20.0, 20, 1.0, Arrivals::Poisson).unwrap();
    let over = batch_wait(30.0, 20, 1.0, Arrivals::Poisson).unwrap();
    assert_close(over.hours, at.hours, 1e-12);
    assert!(at.saturated, "ρ = cap counts as saturated");
}

#[test]
fn a_custom_cap_is_honoured() {
    // M/M/1, μ = 1, cap 0.9: Wq = 0.9/0.1 = 9 h.
    let q = Queue::Mm1 {
        lambda: 1.5,
        mu: 1.0,
    };
    let w = q.wait_capped(0.9).unwrap();
    assert!(w.saturated);
    assert_close(w.hours, 9.0, 1e-12);
    let below = Queue::Mm1 {
        lambda: 0.95,
        mu: 1.0,
    };
    assert!(below.wait_capped(0.9).unwrap().saturated);
    assert!(!below.wait_capped(0.99).unwrap().saturated);
    assert_close(below.wait_capped(0.99).unwrap().hours, 0.95 / 0.05, 1e-12);
}

// ---------------------------------------------------------------- errors

#[test]
fn bad_inputs_are_errors_with_clear_messages() {
    let msg = |e: QueueError| e.to_string();
    assert_eq!(
        msg(mm1_wait(f64::NAN, 1.0).unwrap_err()),
        "arrival rate λ is NaN: it must be a finite number ≥ 0"
    );
    assert_eq!(
        msg(mm1_wait(-1.0, 1.0).unwrap_err()),
        "arrival rate λ is -1: it must be a finite number ≥ 0"
    );
    assert_eq!(
        msg(md1_wait(1.0, 0.0).unwrap_err()),
        "service rate μ is 0: it must be a finite number > 0"
    );
    assert!(mm1_wait(1.0, f64::INFINITY).is_err());
    assert!(mm1_wait(f64::INFINITY, 1.0).is_err());
    assert_eq!(
        msg(mmc_wait(1.0, 1.0, 0).unwrap_err()),
        "number of servers c is 0: it must be at least 1"
    );
    assert!(matches!(
        mmc_wait(1.0, 1.0, MAX_SERVERS + 1).unwrap_err(),
        QueueError::TooLarge { .. }
    ));
    assert!(ggc_wait(1.0, 1.0, 2, -0.1, 1.0).is_err());
    assert!(ggc_wait(1.0, 1.0, 2, 1.0, f64::NAN).is_err());
    assert!(ggc_wait(1.0, 0.0, 2, 1.0, 1.0).is_err());
    assert_eq!(
        msg(batch_wait(1.0, 0, 24.0, Arrivals::Poisson).unwrap_err()),
        "capacity per departure b is 0: it must be at least 1"
    );
    assert!(batch_wait(1.0, 10, 0.0, Arrivals::Poisson).is_err());
    assert!(batch_wait(1.0, 10, -24.0, Arrivals::Smooth).is_err());
    assert!(erlang_c(0, 1.0).is_err());
    assert!(erlang_c(2, -1.0).is_err());
    assert!(erlang_c(2, f64::NAN).is_err());
    let q = Queue::Mm1 {
        lambda: 0.5,
        mu: 1.0,
    };
    for cap in [0.0, 1.0, 1.5, -0.2, f64::NAN] {
        assert!(q.wait_capped(cap).is_err(), "cap {cap}");
    }
    assert_eq!(
        msg(q.wait_capped(1.0).unwrap_err()),
        "utilisation cap is 1: it must be a number strictly between 0 and 1"
    );
    // Valid but absurd: ρ overflows.
    assert_eq!(mm1_wait(1e300, 1e-10).unwrap_err(), QueueError::Overflow);
    // Converted for the CLI.
    let e: corridor::Error = mm1_wait(-1.0, 1.0).unwrap_err().into();
    assert!(e.to_string().contains("arrival rate λ is -1"));
}

// ---------------------------------------------------------------- seasons

#[test]
fn seasonal_wait_hand_computed() {
    // M/M/1, λ = 1, μ = 2: Wq = 0.5 h. Winter (Dec, Jan, Feb) at capacity × 0.8: μ = 1.6,
    // ρ = 0.625, Wq = 0.625/0.6 = 1.041 666… h. Mean = (9·0.5 + 3·1.041 666…)/12 = 0.635 416 6… h.
    let q = Queue::Mm1 {
        lambda: 1.0,
        mu: 2.0,
    };
    let s = seasonal_wait(&q, &[12, 1, 2], 0.8, STEADY).unwrap();
    assert_close(s.mean_hours, (4.5 + 3.125) / 12.0, 1e-12);
    assert_close(s.months[0].hours, 0.625 / 0.6, 1e-12);
    assert_close(s.months[5].hours, 0.5, 1e-12);
    assert!(s.saturated_months().is_empty());
    // Winter at capacity × 0.5: μ = 1, ρ = 1 ≥ cap: 0.98/0.02 = 49 h, flagged.
    // Mean = (9·0.5 + 3·49)/12 = 12.625 h. Repeats and order of months do not matter.
    let s = seasonal_wait(&q, &[2, 1, 12, 1], 0.5, STEADY).unwrap();
    assert_close(s.mean_hours, 12.625, 1e-9);
    assert_eq!(s.saturated_months(), vec![1, 2, 12]);
    // No winter months: the plain wait.
    let s = seasonal_wait(&q, &[], 0.5, STEADY).unwrap();
    assert_close(s.mean_hours, 0.5, 1e-12);
}

#[test]
fn seasonal_batch_scales_the_headway() {
    // A ferry of 10 units every 24 h carrying 6 per headway; in winter (factor 0.5) it sails
    // every 48 h, so 12 arrive per sailing: over the cap.
    let q = Queue::Batch {
        lambda: 0.25,
        capacity: 10,
        headway: 24.0,
        arrivals: Arrivals::Poisson,
    };
    let s = seasonal_wait(&q, &[1, 2, 3], 0.5, STEADY).unwrap();
    let summer: Wait = q.wait().unwrap();
    let winter = batch_wait(0.25, 10, 48.0, Arrivals::Poisson).unwrap();
    assert!(winter.saturated && winter.hours > 24.0);
    assert_eq!(s.months[0], winter);
    assert_eq!(s.months[6], summer);
    assert_close(
        s.mean_hours,
        (3.0 * winter.hours + 9.0 * summer.hours) / 12.0,
        1e-12,
    );
    assert_eq!(s.saturated_months(), vec![1, 2, 3]);
}

#[test]
fn seasonal_bad_inputs() {
    let q = Queue::Mm1 {
        lambda: 1.0,
        mu: 2.0,
    };
    assert_eq!(
        seasonal_wait(&q, &[13], 0.5, STEADY)
            .unwrap_err()
            .to_string(),
        "month 13 does not exist: months are numbered 1 (January) to 12 (December)"
    );
    assert_eq!(
        seasonal_wait(&q, &[0], 0.5, STEADY).unwrap_err(),
        QueueError::Month(0)
    );
    assert!(seasonal_wait(&q, &[1], 0.0, STEADY).is_err());
    assert!(seasonal_wait(&q, &[1], f64::NAN, STEADY).is_err());
    assert!(seasonal_wait(&q, &[1], 0.5, Horizon::Steady { cap: 1.0 }).is_err());
}
