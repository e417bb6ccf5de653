//! Figures for reports: the SVG route map and load map, and the charts of routes and studies.
//!
//! - [`figures`] owns the figure policy: which routes a figure draws, how they are labelled and
//!   coloured, the map specifications built from a network, and the figure files written; below
//!   it, the renderers take plain drawing inputs and never see the network;
//! - [`basemap`] owns the embedded Natural Earth country polygons (`assets/countries.json`), the
//!   land/sea test [`basemap::is_on_land`] and [`basemap::polyline_land_fraction`];
//! - [`projection`] owns the spherical Lambert conformal conic projection;
//! - [`geom`] owns the small planar and spherical helpers (great-circle densification, distances,
//!   Sutherland–Hodgman and Liang–Barsky clipping, point-in-ring);
//! - [`labels`] owns text-size estimation and the greedy label placement; [`caption`] a
//!   figure's title and credit line, wrapped at spaces (no word is ever cut);
//! - [`ink`] owns how a route is inked: its corridor family's colour, the grey of a route in no
//!   family, and the dashes that tell routes of one family apart;
//! - [`style`] owns the widths, the shared palette and the drawing primitives;
//!   [`format`](mod@format) how numbers read on figures;
//! - [`map`] owns the map specification types, [`map::render_map`] and [`map::render_load_map`];
//! - [`chart`] owns the charts: the UNESCAP time/cost-distance chart ([`chart::render_tcd`]),
//!   the stacked breakdown of line haul, border, transfer and waiting
//!   ([`chart::render_breakdown`]), the Pareto chart ([`chart::render_pareto`]), the reliability
//!   chart ([`chart::render_cdf`]) and an assignment's utilisation chart
//!   ([`chart::render_utilisation`]).
//!
//! Renderers return SVG text; the caller writes files. Everything is deterministic: same input,
//! same SVG bytes. Only plotters' SVG backend is used (no font or system libraries).

pub mod basemap;
pub mod caption;
pub mod chart;
pub mod figures;
pub mod format;
pub mod geom;
pub mod ink;
pub mod labels;
pub mod map;
pub mod projection;
pub mod style;

pub use style::{halo_text, FIGURE_WIDTH, REFERENCE_WIDTH};
