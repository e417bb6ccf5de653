//! Figures for reports: the SVG route map and load map, and the charts of routes and studies.
//!
//! - [`basemap`] owns the embedded Natural Earth country polygons (`assets/countries.json`), the
//!   land/sea test [`basemap::is_on_land`] and [`basemap::polyline_land_fraction`];
//! - [`projection`] owns the spherical Lambert conformal conic projection;
//! - [`geom`] owns the small planar and spherical helpers (great-circle densification, distances,
//!   Sutherland–Hodgman and Liang–Barsky clipping, point-in-ring);
//! - [`labels`] owns text-size estimation and the greedy label placement;
//! - [`style`] owns the widths, the shared palette and the drawing primitives, [`format`](mod@format) how
//!   numbers read on figures;
//! - [`map`] owns the map specification types, [`map::render_map`] and [`map::render_load_map`]
//!   ([`map_svg`] is its old path);
//! - [`chart_svg`] owns the UNESCAP time/cost-distance chart ([`chart_svg::render_tcd`]), the
//!   stacked breakdown chart of line haul, border, transfer and waiting
//!   ([`chart_svg::render_breakdown`]), the Pareto chart ([`chart_svg::render_pareto`]) and the
//!   reliability chart ([`chart_svg::render_cdf`]);
//! - [`utilisation_svg`] owns the utilisation chart of an assignment.
//!
//! Renderers return SVG text; the caller writes files. Everything is deterministic: same input,
//! same SVG bytes. Only plotters' SVG backend is used (no font or system libraries).

pub mod basemap;
pub mod chart_svg;
pub mod format;
pub mod geom;
pub mod labels;
pub mod map;
pub mod map_svg;
pub mod projection;
pub mod style;
pub mod utilisation_svg;

pub use style::{halo_text, FIGURE_WIDTH, REFERENCE_WIDTH};
