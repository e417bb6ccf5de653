//! The charts of routes and studies, one file per chart over a few shared pieces.
//!
//! - [`render_tcd`] (`tcd.rs`): the UNESCAP time/cost-distance chart, cumulative days and USD
//!   per FEU against cumulative km, its bottlenecks labelled (`tcd_labels.rs`: the jump labels
//!   and their leader lines, [`tcd_jump_labels`]; `tcd_layout.rs`: its panels and legend);
//! - [`render_breakdown`] (`breakdown.rs`): one stacked bar per route of line haul, border,
//!   transfer and waiting, in days and in USD;
//! - [`render_pareto`] (`pareto.rs`): days against USD, the non-dominated routes joined by the
//!   front's staircase;
//! - [`render_cdf`] (`cdf.rs`): the reliability chart, each route's transit-time distribution;
//! - [`render_utilisation`] (`utilisation.rs`): an assignment's utilisation per capacitated
//!   element;
//! - [`render_benefit_cost`] (`benefit_cost.rs`): an investment appraisal's BCR per project,
//!   the portfolio's marked;
//! - [`render_tornado`] (`tornado.rs`): a sensitivity screening's μ* per input, with σ;
//! - shared: the layout of the horizontal bar charts' rows in `bar_rows.rs`, the route inputs ([`Series`], [`BarGroup`], [`cumulative`]) in `series.rs`, the
//!   value axes in `axis.rs`, the sizes, axis colours, empty chart and days frame in `frame.rs`.
//!
//! Every chart is drawn with the primitives and palette of [`crate::render::style`] (the route
//! colours the same as on the map), sizes scaled from the reference width with text never below
//! 12 px, and plotters' naive text-size estimate (no fonts needed; SVG text uses
//! `font-family="sans-serif"`). Plotters writes integer pixel coordinates and nothing here
//! iterates a hash map, so the same input gives the same bytes. An empty input gives a chart
//! saying "no routes".

mod axis;
mod bar_rows;
mod benefit_cost;
mod breakdown;
mod cdf;
mod frame;
mod pareto;
mod series;
mod tcd;
mod tcd_labels;
mod tcd_layout;
mod tornado;
mod utilisation;

pub use benefit_cost::{render_benefit_cost, BcrBar};
pub use breakdown::{
    component_sums, render_breakdown, tint, ComponentFill, ComponentSums, COMPONENTS,
    COMPONENT_FILLS, COMPONENT_NAMES, LEGEND_KEY,
};
pub use cdf::{render_cdf, CdfSeries};
pub use pareto::{render_pareto, ParetoPoint};
pub use series::{cumulative, BarGroup, Series};
pub use tcd::{render_tcd, LEADER};
pub use tcd_labels::{tcd_jump_labels, JumpLabel, Leader};
pub use tcd_layout::Panel;
pub use tornado::{render_tornado, TornadoBar};
pub use utilisation::{render_utilisation, Bar};
