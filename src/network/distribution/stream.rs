//! Counter-based random streams for sampling in blocks, and the fast standard normal (a
//! ziggurat) and exponential function the block samplers use.
//!
//! A [`Stream`] is keyed by the study's seed, a record and a purpose; its number `i` is wyrand's
//! output (Wang Yi's generator: one 64 × 64 → 128-bit product, folded) at state
//! `key + (i + 1)·P`, which is what wyrand would give as its (i + 1)-th number started at `key`.
//! Any sample's number is computed on its own, so a block of samples is a loop with no state
//! carried from one sample to the next, and sample `i` draws the same numbers whatever block or
//! thread computes it. Streams of distinct keys are the same sequence at random offsets: they
//! overlap within ten million samples with probability about 10⁻¹². The keys are mixed with
//! SplitMix64.
//!
//! The normal is Marsaglia and Tsang's ziggurat with 256 layers (Doornik's ZIGNOR layout): one
//! 64-bit number gives the layer (low 8 bits) and a signed uniform (top 52 bits), accepted at once
//! about 99 % of the time; the rest (wedges, the tail beyond R) draw more numbers from a
//! [`Rng`] of the sample's own. [`exp`] is 2^(j/128) from a table times a polynomial of degree 5
//! on the reduced argument, within 2 ulp of the library's `exp`, with no branch, so that a block
//! of lognormal draws vectorises.

use std::sync::OnceLock;

use super::Rng;

/// SplitMix64's increment (the golden ratio in 64 bits).
pub(super) const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function: a bijection on 64 bits that mixes every input bit into every
/// output bit.
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Uniform on [0, 1) from the top 52 bits of `b` (exact: a float in [1, 2) less 1).
#[inline]
pub(super) fn unit(b: u64) -> f64 {
    f64::from_bits(0x3ff0_0000_0000_0000 | (b >> 12)) - 1.0
}

/// What a stream's numbers are for (part of its key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A record's distribution draw.
    Draw,
    /// Whether a record's shock strikes.
    Strike,
    /// The delay of a record's shock where it strikes.
    Delay,
}

/// One record's numbers for one purpose in a study: number `i` belongs to sample `i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stream {
    key: u64,
}

impl Stream {
    /// The stream of record `record` for `purpose` in a study seeded with `seed`.
    pub fn new(seed: u64, record: usize, purpose: Purpose) -> Stream {
        let p = match purpose {
            Purpose::Draw => 1,
            Purpose::Strike => 2,
            Purpose::Delay => 3,
        };
        let s = mix(seed ^ 0x5851_f42d_4c95_7f2d);
        let r = mix((record as u64)
            .wrapping_mul(4)
            .wrapping_add(p)
            .wrapping_mul(GAMMA));
        Stream { key: mix(s ^ r) }
    }

    /// Sample `i`'s 64 bits.
    #[inline]
    pub fn bits(&self, i: u64) -> u64 {
        const P0: u64 = 0xa076_1d64_78bd_642f;
        const P1: u64 = 0xe703_7ed1_a0b4_28db;
        let s = self.key.wrapping_add(i.wrapping_add(1).wrapping_mul(P0));
        let t = u128::from(s) * u128::from(s ^ P1);
        (t as u64) ^ ((t >> 64) as u64)
    }

    /// Sample `i`'s uniform on [0, 1).
    #[inline]
    pub fn uniform(&self, i: u64) -> f64 {
        unit(self.bits(i))
    }

    /// A sequential generator of sample `i`'s own, for a draw that needs more than one number
    /// (started at a mixed state, so it shares no run of numbers with the stream).
    pub fn rng(&self, i: u64) -> Rng {
        Rng::from_state(mix(self.bits(i) ^ 0x2545_f491_4f6c_dd1d))
    }
}

/// Layers of the ziggurat.
const LAYERS: usize = 256;
/// Where the tail starts.
const R: f64 = 3.654_152_885_361_009;
/// Area of each layer under exp(−x²/2).
const V: f64 = 0.004_928_673_233_99;

/// The ziggurat's tables: `x[i]` the right edge of layer i (x[0] the base's equivalent width,
/// x[1] = R, x[256] = 0), `ratio[i] = x[i+1] / x[i]`, `f[i] = exp(−x[i]²/2)`.
pub(super) struct Tables {
    x: [f64; LAYERS + 1],
    ratio: [f64; LAYERS],
    f: [f64; LAYERS + 1],
}

/// The tables, computed once.
pub(super) fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let pdf = |x: f64| (-0.5 * x * x).exp();
        let mut x = [0.0; LAYERS + 1];
        x[0] = V / pdf(R);
        x[1] = R;
        for i in 2..LAYERS {
            x[i] = (-2.0 * (V / x[i - 1] + pdf(x[i - 1])).ln()).sqrt();
        }
        x[LAYERS] = 0.0;
        let mut ratio = [0.0; LAYERS];
        for i in 0..LAYERS {
            ratio[i] = x[i + 1] / x[i];
        }
        let mut f = [0.0; LAYERS + 1];
        for i in 0..=LAYERS {
            f[i] = pdf(x[i]);
        }
        Tables { x, ratio, f }
    })
}

/// A standard normal from one 64-bit number `b`, or `None` when `b` falls outside the layers'
/// rectangles (about 1 % of the time) and [`normal_slow`] must finish the draw.
#[inline]
pub(super) fn normal_fast(t: &Tables, b: u64) -> Result<f64, (usize, f64)> {
    let layer = (b & 0xff) as usize;
    let u = 2.0 * unit(b) - 1.0;
    if u.abs() < t.ratio[layer] {
        Ok(u * t.x[layer])
    } else {
        Err((layer, u))
    }
}

/// Finishes a ziggurat draw that left the rectangles in `layer` at signed uniform `u`: the wedge
/// test, the tail, or a new try, with numbers from `rng`.
#[cold]
pub(super) fn normal_slow(t: &Tables, layer: usize, u: f64, rng: &mut Rng) -> f64 {
    let (mut layer, mut u) = (layer, u);
    loop {
        if layer == 0 {
            return tail(u < 0.0, rng);
        }
        let x = u * t.x[layer];
        let y = t.f[layer] + rng.uniform() * (t.f[layer + 1] - t.f[layer]);
        if y < (-0.5 * x * x).exp() {
            return x;
        }
        match normal_fast(t, rng.next_u64()) {
            Ok(z) => return z,
            Err((l, v)) => (layer, u) = (l, v),
        }
    }
}

/// A draw of the normal beyond ±R (Marsaglia 1964).
fn tail(negative: bool, rng: &mut Rng) -> f64 {
    loop {
        let x = (1.0 - rng.uniform()).ln() / R;
        let y = (1.0 - rng.uniform()).ln();
        if -2.0 * y >= x * x {
            return if negative { x - R } else { R - x };
        }
    }
}

/// A standard normal from a sequential generator (the ziggurat, as the blocks draw it).
pub(super) fn normal(rng: &mut Rng) -> f64 {
    let t = tables();
    match normal_fast(t, rng.next_u64()) {
        Ok(z) => z,
        Err((layer, u)) => normal_slow(t, layer, u, rng),
    }
}

/// Entries of the table of 2^(j/N) in [`exp`].
const EXP_N: usize = 128;

/// 2^(j/128) for j = 0…127, computed once.
pub(super) fn exp_table() -> &'static [f64; EXP_N] {
    static T: OnceLock<[f64; EXP_N]> = OnceLock::new();
    T.get_or_init(|| std::array::from_fn(|j| (j as f64 / EXP_N as f64).exp2()))
}

/// Where [`exp`] computes e^x; below it gives 0, above infinity.
pub(super) const EXP_RANGE: (f64, f64) = (-708.0, 709.78);

/// e^x, within 2 ulp of `f64::exp` where the result is a normal number (below about e^−708 it is
/// 0, above about e^709.78 infinity, NaN stays NaN).
pub fn exp(x: f64) -> f64 {
    if x < EXP_RANGE.0 {
        0.0
    } else if x > EXP_RANGE.1 {
        f64::INFINITY
    } else {
        exp_in_range(exp_table(), x)
    }
}

/// [`exp`] for `x` in [`EXP_RANGE`] (outside it, the value at the nearer end), with its table at
/// hand: no branch, so a loop of it vectorises.
#[inline]
pub(super) fn exp_in_range(table: &[f64; EXP_N], x: f64) -> f64 {
    const N_LOG2E: f64 = EXP_N as f64 * std::f64::consts::LOG2_E;
    // ln 2 / 128 in two parts, the first with 24 zero bits at its end so that k × it is exact.
    const STEP_HI: f64 = 5.415_212_333_900_854e-3;
    const STEP_LO: f64 = 1.422_371_873_831_364_2e-11;
    // 1.5·2⁵²: adding it rounds to an integer held in the low bits.
    const SHIFT: f64 = 6_755_399_441_055_744.0;
    let c = x.clamp(EXP_RANGE.0, EXP_RANGE.1);
    // x = k·ln2/128 + r, |r| ≤ ln 2/256; k = 128·e + j.
    let t = c * N_LOG2E + SHIFT;
    let k = t - SHIFT;
    let r = (c - k * STEP_HI) - k * STEP_LO;
    // e^r − 1 to degree 5 (truncation below 10⁻¹⁸), by Estrin's scheme for a short chain; the 1
    // is added after the table's factor, for the last bit.
    let r2 = r * r;
    let q = r + r2 * ((0.5 + r * (1.0 / 6.0)) + r2 * (1.0 / 24.0 + r * (1.0 / 120.0)));
    let bits = t.to_bits();
    let two_j = table[(bits & (EXP_N as u64 - 1)) as usize];
    // e (−1022…1024) from k's bits in t (1.5·2⁵² + k, whose top bits are a multiple of 2⁷), as
    // E = e + 2048 > 0; then 2^e as 2^a · 2^b with a = ⌊e/2⌋ and b = e − a, both normal numbers,
    // so that the products are exact down to e^−708 and finite up to e^709.78. Integer adds and
    // shifts only: they vectorise.
    let big_e = (bits >> 7)
        .wrapping_sub(0x0086_7000_0000_0000)
        .wrapping_add(2048);
    let half = big_e >> 1;
    let two_a = f64::from_bits((half.wrapping_sub(1) & 0x7ff) << 52);
    let two_b = f64::from_bits((big_e.wrapping_sub(half).wrapping_sub(1) & 0x7ff) << 52);
    (two_j + two_j * q) * two_a * two_b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Φ of the standard normal at a few points (tables).
    const PHI: [(f64, f64); 9] = [
        (-3.0, 0.001_349_898_031_630_1),
        (-2.0, 0.022_750_131_948_179_2),
        (-1.0, 0.158_655_253_931_457_1),
        (-0.5, 0.308_537_538_725_986_9),
        (0.0, 0.5),
        (0.5, 0.691_462_461_274_013_1),
        (1.0, 0.841_344_746_068_542_9),
        (2.0, 0.977_249_868_051_820_8),
        (3.0, 0.998_650_101_968_369_9),
    ];

    /// ∫ from `a` to 40 of the standard normal density (Simpson's rule).
    fn upper_tail(a: f64) -> f64 {
        let pdf = |x: f64| (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let h = 1e-4;
        let mut q = 0.0;
        let mut x = a;
        while x < 40.0 {
            q += h * (pdf(x) + 4.0 * pdf(x + h / 2.0) + pdf(x + h)) / 6.0;
            x += h;
        }
        q
    }

    #[test]
    fn ziggurat_layers_hold_equal_areas() {
        let t = tables();
        let pdf = |x: f64| (-0.5 * x * x).exp();
        // The base: a rectangle up to R and the tail beyond it.
        let tail = upper_tail(R) * (2.0 * std::f64::consts::PI).sqrt();
        assert!(((R * pdf(R) + tail) / V - 1.0).abs() < 1e-9);
        assert!((t.x[0] * t.f[1] - V).abs() < 1e-15);
        // Every layer, the top one included (the recursion closes).
        for i in 1..LAYERS {
            let area = t.x[i] * (t.f[i + 1] - t.f[i]);
            assert!((area / V - 1.0).abs() < 1e-8, "layer {i}: {area}");
            assert!(t.x[i + 1] < t.x[i]);
        }
    }

    fn normals(n: u64) -> Vec<f64> {
        let t = tables();
        let s = Stream::new(3, 1, Purpose::Draw);
        (0..n)
            .map(|i| match normal_fast(t, s.bits(i)) {
                Ok(z) => z,
                Err((layer, u)) => normal_slow(t, layer, u, &mut s.rng(i)),
            })
            .collect()
    }

    #[test]
    fn the_ziggurat_draws_the_standard_normal() {
        let n = 400_000;
        let z = normals(n);
        let nf = n as f64;
        let within = |got: f64, want: f64, var: f64| (got - want).abs() < 4.5 * (var / nf).sqrt();
        let m1 = z.iter().sum::<f64>() / nf;
        let m2 = z.iter().map(|x| x * x).sum::<f64>() / nf;
        let m4 = z.iter().map(|x| x.powi(4)).sum::<f64>() / nf;
        assert!(within(m1, 0.0, 1.0), "mean {m1}");
        assert!(within(m2, 1.0, 2.0), "E z² {m2}");
        assert!(within(m4, 3.0, 96.0), "E z⁴ {m4}");
        for (x, p) in PHI {
            let f = z.iter().filter(|&&v| v <= x).count() as f64 / nf;
            assert!(within(f, p, p * (1.0 - p)), "Φ({x}) = {p}, sampled {f}");
        }
        // The tail beyond ±R, drawn by the slow path.
        let q = 2.0 * upper_tail(R);
        let f = z.iter().filter(|v| v.abs() > R).count() as f64 / nf;
        assert!(within(f, q, q * (1.0 - q)), "P(|z| > R) = {q}, sampled {f}");
    }

    #[test]
    fn the_tail_beyond_r_has_its_truncated_mean() {
        let mut rng = Rng::for_sample(9, 9);
        let n = 100_000;
        let xs: Vec<f64> = (0..n).map(|_| tail(false, &mut rng)).collect();
        assert!(xs.iter().all(|&x| x >= R));
        assert!(tail(true, &mut rng) <= -R);
        // E[Z | Z > R] = φ(R) / Q(R); Var = 1 + Rλ − λ².
        let phi = (-0.5 * R * R).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let lambda = phi / upper_tail(R);
        let var = 1.0 + R * lambda - lambda * lambda;
        let mean = xs.iter().sum::<f64>() / n as f64;
        assert!(
            (mean - lambda).abs() < 4.5 * (var / n as f64).sqrt(),
            "{mean} vs {lambda}"
        );
    }

    #[test]
    fn exp_is_within_two_ulp_of_the_library_and_keeps_its_limits() {
        let ulps = |x: f64| {
            let (a, b) = (exp(x), x.exp());
            (a.to_bits() as i64 - b.to_bits() as i64).abs()
        };
        let n = 200_000;
        let (lo, hi) = EXP_RANGE;
        let worst = (0..=n)
            .map(|i| lo + (hi - lo) * i as f64 / n as f64)
            .chain((0..n).map(|i| -12.0 + 30.0 * i as f64 / n as f64 + 1e-9))
            .map(ulps)
            .max()
            .unwrap();
        assert!(worst <= 2, "{worst} ulp");
        assert_eq!(exp(0.0), 1.0);
        assert!((exp(1.0) / std::f64::consts::E - 1.0).abs() <= f64::EPSILON);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(-1000.0), 0.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert!(exp(hi).is_finite() && ulps(hi) <= 2);
        assert!(exp(lo) > 0.0 && ulps(lo) <= 2);
    }

    #[test]
    fn streams_are_reproducible_distinct_and_uniform() {
        let s = Stream::new(7, 2, Purpose::Draw);
        assert_eq!(s.bits(12), Stream::new(7, 2, Purpose::Draw).bits(12));
        for other in [
            Stream::new(8, 2, Purpose::Draw),
            Stream::new(7, 3, Purpose::Draw),
            Stream::new(7, 2, Purpose::Strike),
            Stream::new(7, 2, Purpose::Delay),
        ] {
            assert_ne!(other, s);
            assert!((0..100).all(|i| other.bits(i) != s.bits(i)));
        }
        assert_ne!(s.bits(0), s.bits(1));
        let n = 100_000;
        let u: Vec<f64> = (0..n).map(|i| s.uniform(i)).collect();
        assert!(u.iter().all(|&x| (0.0..1.0).contains(&x)));
        let mean = u.iter().sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 4.5 * (1.0 / 12.0 / n as f64).sqrt());
        // A generator of a sample's own starts elsewhere for every sample.
        assert_ne!(s.rng(5).next_u64(), s.rng(6).next_u64());
        assert_eq!(unit(0), 0.0);
        assert!(unit(u64::MAX) < 1.0);
    }
}
