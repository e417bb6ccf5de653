//! Seasons: a queue whose capacity is multiplied by a factor in some months (winter storms on
//! the Caspian, ice on the Baltic), averaged over the year month by month, each month on its
//! own (in steady state or over a planning period).

use serde::Serialize;

use super::model::Queue;
use super::period::Horizon;
use super::roots::Workspace;
use super::wait::{QueueError, Wait};

/// The result of [`seasonal_wait`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonalWait {
    /// The mean of the twelve monthly waits, hours.
    pub mean_hours: f64,
    /// The wait in each month, January first.
    pub months: [Wait; 12],
}

impl SeasonalWait {
    /// The months (1–12) whose wait is saturated.
    pub fn saturated_months(&self) -> Vec<u8> {
        (1..=12u8)
            .filter(|&m| self.months[usize::from(m - 1)].saturated)
            .collect()
    }
}

/// The month-weighted mean wait over a year in which capacity is multiplied by `factor` in the
/// `winter` months (numbered 1–12; repeats and order do not matter) and is as given in the
/// others (see [`Queue::with_capacity_factor`] for what "capacity" is in each model). Each
/// month is evaluated over `horizon` (in steady state, or over a planning period starting
/// empty) and weighs 1/12.
pub fn seasonal_wait(
    queue: &Queue,
    winter: &[u8],
    factor: f64,
    horizon: Horizon,
) -> Result<SeasonalWait, QueueError> {
    seasonal_wait_with(queue, winter, factor, horizon, &mut Workspace::new())
}

/// [`seasonal_wait`], reusing `ws` (the same answer, faster when many waits of the same
/// capacity are evaluated).
pub fn seasonal_wait_with(
    queue: &Queue,
    winter: &[u8],
    factor: f64,
    horizon: Horizon,
    ws: &mut Workspace,
) -> Result<SeasonalWait, QueueError> {
    if let Some(&m) = winter.iter().find(|m| !(1..=12).contains(*m)) {
        return Err(QueueError::Month(m));
    }
    let normal = queue.wait_in_with(horizon, ws)?;
    let cold = queue
        .with_capacity_factor(factor)?
        .wait_in_with(horizon, ws)?;
    let mut months = [normal; 12];
    for &m in winter {
        months[usize::from(m - 1)] = cold;
    }
    let mean_hours = months.iter().map(|w| w.hours).sum::<f64>() / 12.0;
    Ok(SeasonalWait { mean_hours, months })
}
