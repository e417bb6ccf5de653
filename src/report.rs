//! Old path of the output items now in [`crate::output`] and of the route words now in
//! [`crate::describe`], kept while the layout moves; use those modules.

pub use crate::describe::{headline, key_nodes, summary};
pub use crate::output::corridors::corridors;
pub use crate::output::links::{links, LinkFilter};
pub use crate::output::pareto::pareto;
pub use crate::output::reliability::{reliability, reliability_table};
pub use crate::output::route::{csv, markdown, routes, table, totals_words};
pub use crate::output::{
    align, csv_field, grid, grouped, json_list, json_object, md_cell, thousands, Format,
    SCHEMA_VERSION,
};
