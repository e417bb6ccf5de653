//! Old path of [`crate::studies::reliability`], kept while the layout moves; use that module.

pub use crate::studies::reliability::{
    mean_hours, profile, study, study_counted, variance_by_record, Candidate, Contribution,
    Options, Order, Profile, RouteStats, Study, MAX_SAMPLES,
};
