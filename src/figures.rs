//! Old path of [`crate::render::figures`] (and of [`crate::fs::write_atomic`]), kept while the
//! layout moves; use those modules.

pub use crate::fs::write_atomic;
pub use crate::render::figures::{
    bar_groups, bar_series, by_objective, caucasus_spec, comparison_selection, group, map_spec,
    paint, pareto_points, reliability_svg, render, route_points, selection_figures, short_name,
    title, write, write_reliability, write_selection, FigureSet, Figures, SameWhen, Selection,
    CAUCASUS, CAUCASUS_PLACES,
};
