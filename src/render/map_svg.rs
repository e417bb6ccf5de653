//! Old path of [`crate::render::map`] (with the route palette of [`crate::render::style`] and the
//! number words of [`crate::render::format`]), kept while the layout moves; use those modules.

pub use crate::network::{Mode, NodeKind, Status};
pub use crate::render::format::{co2_words, format_usd};
pub use crate::render::map::{
    render_load_map, render_map, route_legend_text, stack, Extent, Legend, MapLink, MapLoad,
    MapNode, MapRoute, MapSpec, ATTRIBUTION,
};
pub use crate::render::style::ROUTE_COLOURS;
