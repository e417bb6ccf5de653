//! The sampler: every route's hours for every sample, drawn in blocks of [`BLOCK`] samples.
//!
//! A route is a sum of terms (see [`super::terms`]). For each record some route uses, a block
//! fills one slice with the record's draws and adds it, times each route's coefficient, into
//! that route's slice of the block; a shock lists the samples it strikes and adds their delays to
//! its routes. Then the block is summed up: per sample the fastest route; per route the sum, the
//! count within the days asked for, the least value and how many take it; and each sample's
//! 32-bit order key (see [`super::quantile`]), the only thing kept of it. Every loop runs over a
//! block's samples with the record fixed (structure of arrays), and nothing is allocated per
//! sample. [`Plan::hours_at`] gives one sample's hours, the same bytes, for the percentiles.
//!
//! Sample `i` draws number `i` of each record's streams, whatever block or thread computes it;
//! the sums that span blocks add block totals in block order. So the same seed gives the same
//! bytes on any number of threads.

use rayon::prelude::*;

use super::quantile::key32;
use super::Term;
use crate::network::distribution::{Distribution, Purpose, Shock, Stream, Strikes};
use crate::network::Network;
use crate::progress::Progress;

/// Samples in a block (a block's hours, one slice per route, stay in the L2 cache).
pub(super) const BLOCK: usize = 2048;

/// A record's draw as the study takes it: its distribution, its stream, and the routes it
/// enters (route, coefficient).
struct Draw<'a> {
    distribution: &'a Distribution,
    stream: Stream,
    routes: Vec<(usize, f64)>,
}

/// A record's shock as the study takes it: the shock, its probability, its streams (strike,
/// delay) and the routes it enters.
struct Strike<'a> {
    shock: &'a Shock,
    p: f64,
    streams: [Stream; 2],
    routes: Vec<usize>,
}

/// How a study's samples are made: each route's fixed hours, then its records in index order.
pub(super) struct Plan<'a> {
    fixed: Vec<f64>,
    records: Vec<(Option<Draw<'a>>, Option<Strike<'a>>)>,
}

impl<'a> Plan<'a> {
    /// The plan for routes with these fixed hours and terms, in `net`, seeded with `seed`, with
    /// shocks at their probability for `month`.
    pub(super) fn new(
        net: &'a Network,
        routes: &[(f64, Vec<Term>)],
        seed: u64,
        month: Option<u8>,
    ) -> Plan<'a> {
        let mut records = Vec::new();
        for (r, v) in net.variability.iter().enumerate() {
            let mut draw_routes = Vec::new();
            let mut shock_routes = Vec::new();
            for (j, (_, terms)) in routes.iter().enumerate() {
                for t in terms.iter().filter(|t| t.record == r) {
                    if t.draw != 0.0 {
                        draw_routes.push((j, t.draw));
                    }
                    if t.shock {
                        shock_routes.push(j);
                    }
                }
            }
            let draw = match &v.distribution {
                Some(d) if !draw_routes.is_empty() => Some(Draw {
                    distribution: d,
                    stream: Stream::new(seed, r, Purpose::Draw),
                    routes: draw_routes,
                }),
                _ => None,
            };
            let p = v.shock.as_ref().map_or(0.0, |s| s.probability(month));
            let strike = match &v.shock {
                Some(s) if !shock_routes.is_empty() && p > 0.0 => Some(Strike {
                    shock: s,
                    p,
                    streams: [
                        Stream::new(seed, r, Purpose::Strike),
                        Stream::new(seed, r, Purpose::Delay),
                    ],
                    routes: shock_routes,
                }),
                _ => None,
            };
            if draw.is_some() || strike.is_some() {
                records.push((draw, strike));
            }
        }
        Plan {
            fixed: routes.iter().map(|(f, _)| *f).collect(),
            records,
        }
    }

    /// Fills `hours` (route after route, `len` each) with the routes' hours for samples
    /// `first`, `first + 1`, ….
    fn block(&self, first: u64, len: usize, hours: &mut [f64], scratch: &mut Scratch) {
        for (o, &f) in hours.chunks_exact_mut(len).zip(&self.fixed) {
            o.fill(f);
        }
        let buf = &mut scratch.draws[..len];
        for (draw, strike) in &self.records {
            if let Some(d) = draw {
                d.distribution.fill(&d.stream, first, buf);
                for &(j, a) in &d.routes {
                    for (h, x) in hours[j * len..(j + 1) * len].iter_mut().zip(buf.iter()) {
                        *h += a * x;
                    }
                }
            }
            if let Some(s) = strike {
                let [a, b] = &s.streams;
                s.shock
                    .strikes(s.p, [a, b], first, len, &mut scratch.strikes);
                let st = &scratch.strikes;
                for &j in &s.routes {
                    let o = &mut hours[j * len..(j + 1) * len];
                    for (&k, &delay) in st.at.iter().zip(&st.delay) {
                        o[k as usize] += delay;
                    }
                }
            }
        }
    }

    /// Route `j`'s hours in sample `i`: what [`Plan::block`] gives, the same operations in the
    /// same order, for one sample.
    pub(super) fn hours_at(&self, j: usize, i: u64) -> f64 {
        let mut h = self.fixed[j];
        for (draw, strike) in &self.records {
            if let Some(d) = draw {
                if let Some(&(_, a)) = d.routes.iter().find(|(r, _)| *r == j) {
                    h += a * d.distribution.draw_at(&d.stream, i);
                }
            }
            if let Some(s) = strike {
                if s.routes.contains(&j) {
                    let [a, b] = &s.streams;
                    if let Some(delay) = s.shock.strike_at(s.p, [a, b], i) {
                        h += delay;
                    }
                }
            }
        }
        h
    }
}

/// Buffers a worker reuses from block to block.
struct Scratch {
    hours: Vec<f64>,
    draws: Vec<f64>,
    strikes: Strikes,
    best: Vec<f64>,
}

impl Scratch {
    fn new(routes: usize) -> Scratch {
        Scratch {
            hours: vec![0.0; routes * BLOCK],
            draws: vec![0.0; BLOCK],
            strikes: Strikes::default(),
            best: vec![0.0; BLOCK],
        }
    }
}

/// What the samples give, per route.
pub(super) struct Sampled {
    /// The order key of every sample's hours, route after route.
    pub keys: Vec<u32>,
    /// Samples in which the route is the fastest (a tie goes to the route listed first).
    pub wins: Vec<u64>,
    /// The sum of the hours.
    pub sum: Vec<f64>,
    /// Samples of at most the `within` days asked for.
    pub within: Vec<u64>,
    /// The least hours, and in how many samples.
    pub least: Vec<(f64, u64)>,
    /// The least and greatest key.
    pub range: Vec<(u32, u32)>,
}

/// One block's share of [`Sampled`] (all but the keys, which it writes in place), per route.
struct BlockStats {
    wins: Vec<u64>,
    sum: Vec<f64>,
    within: Vec<u64>,
    least: Vec<(f64, u64)>,
    range: Vec<(u32, u32)>,
}

/// Draws `n` samples of the plan's routes on all threads, counting them into `progress` as
/// blocks finish; `within` is the days of P(within).
pub(super) fn run(plan: &Plan, n: usize, within: Option<f64>, progress: &Progress) -> Sampled {
    let k = plan.fixed.len();
    let limit = hours_within(within);
    let mut keys = vec![0u32; k * n];
    let blocks = n.div_ceil(BLOCK);
    let mut slices: Vec<Vec<&mut [u32]>> = (0..blocks).map(|_| Vec::with_capacity(k)).collect();
    for route in keys.chunks_mut(n.max(1)) {
        for (b, c) in route.chunks_mut(BLOCK).enumerate() {
            slices[b].push(c);
        }
    }
    let stats: Vec<BlockStats> = slices
        .into_par_iter()
        .enumerate()
        .map_init(
            || Scratch::new(k),
            |scratch, (b, mut out)| {
                let len = out.first().map_or(0, |o| o.len());
                let mut hours = std::mem::take(&mut scratch.hours);
                plan.block((b * BLOCK) as u64, len, &mut hours[..k * len], scratch);
                let s = summarise(&mut hours[..k * len], len, &mut out, limit, scratch);
                scratch.hours = hours;
                progress.advance(len as u64);
                s
            },
        )
        .collect();
    let mut all = Sampled {
        keys,
        wins: vec![0; k],
        sum: vec![0.0; k],
        within: vec![0; k],
        least: vec![(f64::INFINITY, 0); k],
        range: vec![(u32::MAX, 0); k],
    };
    for s in &stats {
        for j in 0..k {
            all.wins[j] += s.wins[j];
            all.sum[j] += s.sum[j];
            all.within[j] += s.within[j];
            let (a, b) = (all.least[j], s.least[j]);
            all.least[j] = match b.0.total_cmp(&a.0) {
                std::cmp::Ordering::Less => b,
                std::cmp::Ordering::Equal => (a.0, a.1 + b.1),
                std::cmp::Ordering::Greater => a,
            };
            all.range[j] = (
                all.range[j].0.min(s.range[j].0),
                all.range[j].1.max(s.range[j].1),
            );
        }
    }
    all
}

/// Sums up a block of hours (route after route, `len` each): the fastest route per sample; per
/// route the sum, the count up to `limit` hours, the least and how many take it, and the keys,
/// written to `keys`.
fn summarise(
    hours: &mut [f64],
    len: usize,
    keys: &mut [&mut [u32]],
    limit: f64,
    scratch: &mut Scratch,
) -> BlockStats {
    let k = keys.len();
    // The least hours of each sample; then, route by route in order, the samples where it
    // takes them, which are then marked taken (NaN equals nothing), so a tie goes to the route
    // listed first. Compares and blends only: the loops vectorise.
    let best = &mut scratch.best[..len];
    best.copy_from_slice(&hours[..len]);
    for o in hours.chunks_exact(len).skip(1) {
        for (b, &h) in best.iter_mut().zip(o) {
            *b = if h < *b { h } else { *b };
        }
    }
    let mut stats = BlockStats {
        wins: Vec::with_capacity(k),
        sum: Vec::with_capacity(k),
        within: Vec::with_capacity(k),
        least: Vec::with_capacity(k),
        range: Vec::with_capacity(k),
    };
    for o in hours.chunks_exact(len) {
        let mut n = 0u64;
        for (b, &h) in best.iter_mut().zip(o) {
            let takes = h == *b;
            n += u64::from(takes);
            *b = if takes { f64::NAN } else { *b };
        }
        stats.wins.push(n);
    }
    for (o, keys) in hours.chunks_exact(len).zip(keys.iter_mut()) {
        // The sum in four lanes, the count within, the least and greatest.
        let mut acc = [0.0; 4];
        let mut count = [0u64; 4];
        let (mut lo, mut hi) = ([f64::INFINITY; 4], [f64::NEG_INFINITY; 4]);
        let chunks = o.chunks_exact(4);
        for (l, &h) in chunks.remainder().iter().enumerate() {
            (acc[l], count[l]) = (h, u64::from(h <= limit));
            (lo[l], hi[l]) = (h, h);
        }
        for c in chunks {
            for l in 0..4 {
                acc[l] += c[l];
                count[l] += u64::from(c[l] <= limit);
                lo[l] = if c[l] < lo[l] { c[l] } else { lo[l] };
                hi[l] = if c[l] > hi[l] { c[l] } else { hi[l] };
            }
        }
        stats.sum.push((acc[0] + acc[2]) + (acc[1] + acc[3]));
        stats.within.push(count.iter().sum());
        let mut least = lo.iter().fold(f64::INFINITY, |a, &b| a.min(b));
        let mut most = hi.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        if least.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            // A zero, a negative or a NaN (all hours are positive in practice): by total order.
            least = *o.iter().min_by(|a, b| a.total_cmp(b)).unwrap_or(&0.0);
            most = *o.iter().max_by(|a, b| a.total_cmp(b)).unwrap_or(&0.0);
        }
        // The keys, and how many samples take the least (the same bits).
        let mut at_least = 0u64;
        for (key, &h) in keys.iter_mut().zip(o) {
            *key = key32(h as f32);
            at_least += u64::from(h.to_bits() == least.to_bits());
        }
        stats.least.push((least, at_least));
        stats.range.push((key32(least as f32), key32(most as f32)));
    }
    stats
}

/// The most hours `h` with `h / 24 ≤ days` (so that counting hours up to it counts the days up
/// to `days` exactly as dividing each would); −∞ for none.
pub(super) fn hours_within(days: Option<f64>) -> f64 {
    let Some(d) = days else {
        return f64::NEG_INFINITY;
    };
    let mut h = d * 24.0;
    while h / 24.0 > d {
        h = h.next_down();
    }
    while h.next_up() / 24.0 <= d {
        h = h.next_up();
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    #[test]
    fn a_block_gives_what_each_sample_gives_alone() {
        let net = crate::load::embedded().unwrap();
        let opts = super::super::Options {
            samples: 10,
            ..Default::default()
        };
        let r = Query::new("xian", "duisburg")
            .reliability(&net, 2, 0.5, &opts)
            .unwrap();
        let routes: Vec<(f64, Vec<Term>)> = r
            .candidates
            .iter()
            .map(|c| {
                let p = super::super::profile(&net, &c.route);
                (p.fixed_hours, super::super::terms(&net, &p))
            })
            .collect();
        let plan = Plan::new(&net, &routes, 21, None);
        let k = routes.len();
        assert!(
            k >= 5 && plan.records.len() >= 7,
            "{k} routes, {}",
            plan.records.len()
        );
        let mut scratch = Scratch::new(k);
        let mut hours = vec![0.0; k * BLOCK];
        for (b, len) in [(0u64, BLOCK), (7, 555)] {
            let first = b * BLOCK as u64;
            plan.block(first, len, &mut hours[..k * len], &mut scratch);
            for j in 0..k {
                for i in 0..len {
                    let alone = plan.hours_at(j, first + i as u64);
                    assert_eq!(hours[j * len + i].to_bits(), alone.to_bits(), "{j} {i}");
                }
            }
        }
    }

    #[test]
    fn hours_within_counts_as_days_divided_one_by_one() {
        assert_eq!(hours_within(None), f64::NEG_INFINITY);
        for d in [0.0, 1.0 / 3.0, 3.0, 14.7, 1e300] {
            let limit = hours_within(Some(d));
            assert!(limit / 24.0 <= d && limit.next_up() / 24.0 > d, "{d}");
            let mut h = limit;
            for _ in 0..4 {
                h = h.next_down();
            }
            for _ in 0..8 {
                assert_eq!(h / 24.0 <= d, h <= limit, "{d} {h}");
                h = h.next_up();
            }
        }
    }
}
