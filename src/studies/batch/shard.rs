//! Shards: `K/N` is the K-th of N shards, K counted from 1 (1 ≤ K ≤ N), holding the runs whose
//! index in the manifest (from 0) is K − 1 modulo N. Every run is in exactly one shard of N, and
//! the shards are as even as they can be (sizes differ by at most one); a scheduler's task index
//! counted from 0 (Slurm's `SLURM_ARRAY_TASK_ID` from 0, Kubernetes' `JOB_COMPLETION_INDEX`) is
//! K − 1.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// The K-th of N shards (1 ≤ K ≤ N).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub k: usize,
    /// How many shards.
    pub n: usize,
}

impl Shard {
    /// The whole manifest: shard 1 of 1.
    pub const ALL: Shard = Shard { k: 1, n: 1 };

    /// Whether the run at `index` (from 0) belongs to this shard.
    pub fn holds(&self, index: usize) -> bool {
        index % self.n == self.k - 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

impl FromStr for Shard {
    type Err = Error;

    fn from_str(s: &str) -> Result<Shard> {
        let rule = "a shard is K/N with whole numbers 1 ≤ K ≤ N (K counted from 1: --shard 1/3, 2/3, 3/3 cover a manifest)";
        let bad = |why: String| {
            Error::InvalidArgument(format!("--shard {}: {why}; {rule}", crate::error::clip(s)))
        };
        let Some((k, n)) = s.split_once('/') else {
            return Err(bad("no `/`".into()));
        };
        let num = |t: &str, what: &str| {
            t.trim().parse::<usize>().map_err(|_| {
                bad(format!(
                    "{what} `{}` is not a whole number",
                    crate::error::clip(t)
                ))
            })
        };
        let (k, n) = (num(k, "K")?, num(n, "N")?);
        if n == 0 {
            return Err(bad("N is 0".into()));
        }
        if k == 0 {
            return Err(bad("K is 0, and shards are counted from 1".into()));
        }
        if k > n {
            return Err(bad(format!("K = {k} is more than N = {n}")));
        }
        Ok(Shard { k, n })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_is_in_exactly_one_shard() {
        for n in 1..6 {
            for index in 0..20 {
                let holding: Vec<usize> =
                    (1..=n).filter(|&k| Shard { k, n }.holds(index)).collect();
                assert_eq!(holding, [index % n + 1]);
            }
        }
        assert_eq!("2/3".parse::<Shard>().unwrap(), Shard { k: 2, n: 3 });
        assert_eq!(Shard { k: 2, n: 3 }.to_string(), "2/3");
    }

    #[test]
    fn bad_shards_say_the_rule() {
        for (s, why) in [
            ("0/3", "counted from 1"),
            ("4/3", "K = 4 is more than N = 3"),
            ("3", "no `/`"),
            ("a/b", "`a` is not a whole number"),
            ("1/0", "N is 0"),
            ("-1/3", "not a whole number"),
        ] {
            let e = s.parse::<Shard>().unwrap_err().to_string();
            assert!(e.contains(why) && e.contains("1 ≤ K ≤ N"), "{s}: {e}");
        }
    }
}
