//! Old path of [`crate::render::chart`], kept while the layout moves; use that module.

pub use crate::render::chart::{
    component_sums, cumulative, render_breakdown, render_cdf, render_pareto, render_tcd,
    tcd_jump_labels, tint, BarGroup, CdfSeries, ComponentFill, ComponentSums, CumPoint, JumpLabel,
    Leader, Panel, ParetoPoint, Series, COMPONENTS, COMPONENT_FILLS, COMPONENT_NAMES, LEADER,
    LEGEND_KEY,
};
