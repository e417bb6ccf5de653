//! What every queue model returns and how it fails: the mean [`Wait`], the [`QueueError`], the
//! default utilisation cap and the largest counts accepted, and the parameter checks that raise
//! the errors.

use serde::Serialize;

use crate::error::number;

/// Default utilisation cap: at or above it a wait is evaluated at the cap and flagged saturated.
pub const UTILISATION_CAP: f64 = 0.98;

/// Most servers [`erlang_c`](super::erlang_c), [`mmc_wait`](super::mmc_wait) and
/// [`ggc_wait`](super::ggc_wait) accept.
pub const MAX_SERVERS: u32 = 1_000_000;

/// Largest capacity per departure [`batch_wait`](super::batch_wait) accepts (units).
pub const MAX_BATCH: u32 = 1_000_000;

/// A mean wait and the load that caused it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Wait {
    /// Mean wait in hours (in queue, service excluded; for batch departures, arrival to
    /// departure). Always finite and ≥ 0.
    pub hours: f64,
    /// Offered utilisation ρ (demand over capacity); may be ≥ 1 when saturated.
    pub utilisation: f64,
    /// Whether ρ reached the cap, so that `hours` is the wait evaluated at the cap.
    pub saturated: bool,
}

/// Why a queue cannot be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// A number outside its domain (negative, zero where a rate is needed, NaN or infinite).
    #[error("{what} is {}: it must be {need}", number(*.value))]
    Invalid {
        /// The parameter, in words ("arrival rate λ").
        what: &'static str,
        /// The value given.
        value: f64,
        /// What it must be ("a finite number ≥ 0").
        need: &'static str,
    },
    /// A count that must be at least 1 is 0 (servers, capacity per departure).
    #[error("{what} is 0: it must be at least 1")]
    Zero {
        /// The parameter, in words.
        what: &'static str,
    },
    /// A count beyond what the solver accepts.
    #[error("{what} is {value}: at most {max} is supported")]
    TooLarge {
        /// The parameter, in words.
        what: &'static str,
        /// The value given.
        value: u32,
        /// The largest accepted.
        max: u32,
    },
    /// A month number outside 1–12.
    #[error("month {0} does not exist: months are numbered 1 (January) to 12 (December)")]
    Month(u8),
    /// The inputs are valid but so extreme that the wait does not fit in an `f64`.
    #[error(
        "the rates and times are beyond any plausible range: the wait does not fit in a 64-bit float"
    )]
    Overflow,
}

impl From<QueueError> for crate::Error {
    fn from(e: QueueError) -> crate::Error {
        crate::Error::InvalidArgument(e.to_string())
    }
}

/// A finite number ≥ 0 (`positive`: > 0).
pub(super) fn rate(what: &'static str, v: f64, positive: bool) -> Result<f64, QueueError> {
    let ok = v.is_finite() && if positive { v > 0.0 } else { v >= 0.0 };
    if ok {
        Ok(v)
    } else {
        Err(QueueError::Invalid {
            what,
            value: v,
            need: if positive {
                "a finite number > 0"
            } else {
                "a finite number ≥ 0"
            },
        })
    }
}

/// A count in 1…`max`.
pub(super) fn count(what: &'static str, v: u32, max: u32) -> Result<u32, QueueError> {
    match v {
        0 => Err(QueueError::Zero { what }),
        v if v > max => Err(QueueError::TooLarge {
            what,
            value: v,
            max,
        }),
        v => Ok(v),
    }
}

/// A number of servers in 1…[`MAX_SERVERS`].
pub(super) fn servers(c: u32) -> Result<u32, QueueError> {
    count("number of servers c", c, MAX_SERVERS)
}

/// A utilisation cap strictly between 0 and 1.
pub(super) fn check_cap(cap: f64) -> Result<f64, QueueError> {
    if cap > 0.0 && cap < 1.0 {
        Ok(cap)
    } else {
        Err(QueueError::Invalid {
            what: "utilisation cap",
            value: cap,
            need: "a number strictly between 0 and 1",
        })
    }
}
