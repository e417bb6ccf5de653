//! The figure policy: which routes a figure draws and how they are labelled and coloured, the
//! map specifications built from a network and its routes, and the figure files written.
//!
//! This module turns domain objects (a [`Network`](crate::Network), [`Route`](crate::Route)s, a
//! comparison, a reliability study, an assignment) into the plain drawing inputs of
//! [`crate::render::map`] and [`crate::render::chart`]; the renderers never see the network.
//! Files are written atomically ([`crate::fs::write_atomic`]), so a reader never sees half a
//! figure.
//!
//! - `words`: a node's short name and a figure's title; `credit`: the credit line of every
//!   figure ([`credit`]);
//! - `select`: which routes a comparison's figures show ([`Selection`]);
//! - `group`: identical routes merged into one entry, each inked in its corridor family's colour
//!   ([`group`], [`paint`], [`inks`]);
//! - `spec`: map specifications from a network and routes (its study's hubs labelled), with the
//!   regional panel of its study;
//! - `study`: the three figures of a set of routes ([`render`], [`FigureSet`]) and their files,
//!   and the two charts of routes on their own ([`tcd_chart`], [`breakdown_chart`]);
//! - `reliability`, `pareto`: the reliability chart and the Pareto chart;
//! - [`assign`]: the load map and utilisation chart of an assignment;
//! - `sensitivity`: the tornado chart of a sensitivity screening ([`tornado_svg`]);
//! - `invest`: the benefit–cost chart of an investment appraisal ([`benefit_cost_svg`]).
//!
//! Words about one network (the hubs every map labels, the regional panel's box, places and
//! title, route names) are the network's data ([`crate::network::Study`]), not this module's.

pub mod assign;
mod credit;
mod group;
mod invest;
mod pareto;
mod reliability;
mod select;
mod sensitivity;
mod spec;
mod study;
mod words;

pub use credit::{credit, credit_of};
pub use group::{bar_groups, bar_series, group, inks, paint, SameWhen};
pub use invest::{benefit_cost_svg, write_benefit_cost};
pub use pareto::{pareto_chart, pareto_points};
pub use reliability::{reliability_svg, write_reliability};
pub use select::{by_objective, comparison_selection, Selection};
pub use sensitivity::{tornado_svg, write_tornados};
pub use spec::{map_spec, panel_spec, route_points};
pub use study::{
    breakdown_chart, render, route_map, selection_figures, tcd_chart, write, write_selection,
    FigureSet, Figures,
};
pub use words::{short_name, title};
