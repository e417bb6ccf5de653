//! Old path of [`crate::studies::queue`], kept while the layout moves; use that module.

pub use crate::studies::queue::{
    batch_wait, erlang_c, ggc_wait, md1_wait, mm1_wait, mmc_wait, seasonal_wait, Arrivals, Queue,
    QueueError, SeasonalWait, Wait, MAX_BATCH, MAX_SERVERS, UTILISATION_CAP,
};
