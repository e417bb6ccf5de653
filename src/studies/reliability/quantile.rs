//! Nearest-rank percentiles by selection, not by sorting, from 32-bit order keys: the values at a
//! few ranks of a large sample in two passes over four bytes a sample.
//!
//! The sampler keeps, per sample, not its hours but a key: the hours rounded to `f32`, its bits
//! mapped so that unsigned order is `f32::total_cmp`'s. Rounding is monotone, so a smaller key
//! means smaller hours, and the samples of one key hold consecutive places of the sorted sample.
//! The keys between the least and the greatest are cut into at most 2¹⁶ buckets of equal width
//! (the key is close to a logarithm, so a long right tail costs no resolution). One pass counts
//! the samples per bucket; the counts say which bucket holds each wanted rank; a second pass
//! gathers the indices of those buckets' samples (without a branch: one would be mispredicted as
//! often as a bucket is wanted); `select_nth_unstable` finds the rank's key in its bucket; and
//! the samples of that key (usually one) are drawn again, exactly, to give the rank's hours. So
//! the answer is exactly the sorted sample's value at that rank.
//!
//! The least value and how many samples take it are known beforehand: ranks among them need no
//! search, and a route whose only spread is a shock, with most of its samples at its least, is
//! never gathered there.

/// The order key of `x`: `key32(a) < key32(b)` exactly when `a.total_cmp(&b)` is `Less`.
#[inline]
pub(super) fn key32(x: f32) -> u32 {
    let b = x.to_bits();
    b ^ ((((b as i32) >> 31) as u32) | (1 << 31))
}

/// The most bits of bucket index (2¹⁶ buckets: the tables stay in the L2 cache).
const BUCKET_BITS: u32 = 16;

/// One route's sample as the sampler leaves it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column<'a> {
    /// The key of every sample, in sample order.
    pub keys: &'a [u32],
    /// The least and greatest key.
    pub range: (u32, u32),
    /// The least value, and how many samples take it.
    pub least: (f64, usize),
}

/// The values at the 0-based `ranks` (ascending, each below the sample's size) of the sample
/// ordered by `f64::total_cmp`; `exact(i)` is sample `i`'s value.
pub(super) fn select(col: &Column, ranks: &[usize], exact: &dyn Fn(usize) -> f64) -> Vec<f64> {
    debug_assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    let keys = col.keys;
    let mut out = vec![col.least.0; ranks.len()];
    let first = ranks.partition_point(|&r| r < col.least.1);
    if first == ranks.len() {
        return out;
    }
    let (lo, hi) = col.range;
    let span = hi.saturating_sub(lo);
    // About one bucket per sample, 2⁸ to 2¹⁶ of them; a key outside the range (there is none)
    // would go to an end bucket, and the answer would stay exact.
    let bits = (usize::BITS - keys.len().leading_zeros()).clamp(8, BUCKET_BITS);
    let shift = (32 - span.leading_zeros()).saturating_sub(bits);
    let last = (span >> shift) as usize;
    let bucket = |k: u32| ((k.saturating_sub(lo) >> shift) as usize).min(last);
    let mut counts = vec![0u32; last + 1];
    for &k in keys {
        counts[bucket(k)] += 1;
    }
    // Each rank's bucket and its place there; one walk, as the ranks ascend.
    const NONE: u32 = u32::MAX;
    let mut slot = vec![NONE; counts.len()];
    let mut lists: Vec<Vec<u32>> = Vec::new();
    let mut wanted: Vec<(usize, usize)> = Vec::with_capacity(ranks.len() - first);
    let (mut b, mut below) = (0usize, 0usize);
    for &r in &ranks[first..] {
        while below + counts[b] as usize <= r {
            below += counts[b] as usize;
            b += 1;
        }
        if slot[b] == NONE {
            slot[b] = lists.len() as u32;
            lists.push(Vec::with_capacity(counts[b] as usize));
        }
        wanted.push((slot[b] as usize, r - below));
    }
    // Which buckets to gather from, a bit each (the map stays in the L1 cache).
    let mut needed = vec![0u64; counts.len().div_ceil(64)];
    let mut total = 0;
    for (b, &s) in slot.iter().enumerate() {
        if s != NONE {
            needed[b / 64] |= 1 << (b % 64);
            total += counts[b] as usize;
        }
    }
    // Every index is written at the end of `kept`, which grows by the wanted ones only.
    let mut kept = vec![0u32; total + 1];
    let mut m = 0;
    for (i, &k) in keys.iter().enumerate() {
        let b = bucket(k);
        kept[m] = i as u32;
        m += ((needed[b / 64] >> (b % 64)) & 1) as usize;
    }
    for &i in &kept[..m] {
        lists[slot[bucket(keys[i as usize])] as usize].push(i);
    }
    // In its bucket, the rank's key; then the samples of that key, drawn again (once a key).
    let mut drawn: Option<(usize, u32, Vec<f64>)> = None;
    for (o, &(s, place)) in out[first..].iter_mut().zip(&wanted) {
        let list = &lists[s];
        let mut ks: Vec<u32> = list.iter().map(|&i| keys[i as usize]).collect();
        let w = *ks.select_nth_unstable(place).1;
        let before = ks.iter().filter(|&&k| k < w).count();
        if !matches!(&drawn, Some((ds, dw, _)) if *ds == s && *dw == w) {
            let values = list
                .iter()
                .filter(|&&i| keys[i as usize] == w)
                .map(|&i| exact(i as usize))
                .collect();
            drawn = Some((s, w, values));
        }
        if let Some((_, _, values)) = &mut drawn {
            *o = *values
                .select_nth_unstable_by(place - before, f64::total_cmp)
                .1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The column of `values` as the sampler would leave it, and the answers by sorting.
    fn check(values: &[f64], ranks: &[usize]) {
        let keys: Vec<u32> = values.iter().map(|&x| key32(x as f32)).collect();
        let least = values.iter().copied().fold(f64::INFINITY, f64::min);
        let col = Column {
            keys: &keys,
            range: (*keys.iter().min().unwrap(), *keys.iter().max().unwrap()),
            least: (least, values.iter().filter(|&&x| x == least).count()),
        };
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let want: Vec<f64> = ranks.iter().map(|&r| sorted[r]).collect();
        let got = select(&col, ranks, &|i| values[i]);
        assert_eq!(got, want, "{:?}", &values[..values.len().min(4)]);
    }

    fn percentile_ranks(n: usize) -> Vec<usize> {
        let mut r: Vec<usize> = (1..100)
            .map(|p| ((p as f64 / 100.0 * n as f64).ceil() as usize).clamp(1, n) - 1)
            .collect();
        r.extend([0, n - 1]);
        r.sort();
        r
    }

    #[test]
    fn keys_order_as_total_cmp() {
        let xs = [
            f32::NEG_INFINITY,
            -3.5,
            -0.0,
            0.0,
            1e-30,
            2.0,
            2.000_000_2,
            f32::INFINITY,
        ];
        for w in xs.windows(2) {
            assert!(key32(w[0]) < key32(w[1]), "{} {}", w[0], w[1]);
        }
    }

    #[test]
    fn selection_equals_the_sorted_sample_at_every_rank() {
        let mut rng = crate::network::distribution::Rng::for_sample(5, 5);
        let n = 30_011;
        // A long right tail; a point mass at the least (a shock) and one above it (a fixed
        // delay); values that share a key but differ; exact ties; negative values.
        let tail: Vec<f64> = (0..n).map(|_| 14.0 + (3.0 * rng.normal()).exp()).collect();
        let shocks: Vec<f64> = (0..n)
            .map(|i| match i % 10 {
                0..=5 => 20.0,
                6 | 7 => 28.0,
                _ => 20.0 + 30.0 * rng.uniform(),
            })
            .collect();
        let shared: Vec<f64> = (0..n).map(|i| 1.0 + (i % 5) as f64 * 1e-12).collect();
        let ties: Vec<f64> = (0..n).map(|i| (i % 7) as f64 - 3.0).collect();
        for values in [&tail, &shocks, &shared, &ties] {
            check(values, &percentile_ranks(n));
        }
        check(&[7.5], &[0, 0]);
        check(&[2.0, 2.0, 2.0], &percentile_ranks(3));
        check(&[3.0, 1.0], &[]);
    }
}
