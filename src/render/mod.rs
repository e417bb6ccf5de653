//! Figures for reports: the SVG route map and the time/cost-distance and comparison charts.
//!
//! - [`basemap`] owns the embedded Natural Earth country polygons (`assets/countries.json`), the
//!   land/sea test [`basemap::is_on_land`] and [`basemap::polyline_land_fraction`];
//! - [`projection`] owns the spherical Lambert conformal conic projection;
//! - [`geom`] owns the small planar and spherical helpers (great-circle densification, distances,
//!   Sutherland–Hodgman clipping, point-in-ring);
//! - [`labels`] owns text-size estimation and the greedy label placement;
//! - [`map_svg`] owns the map specification types and [`map_svg::render_map`];
//! - [`chart_svg`] owns the UNESCAP time/cost-distance chart ([`chart_svg::render_tcd`]) and the
//!   stacked breakdown chart of line haul, border, transfer and waiting
//!   ([`chart_svg::render_breakdown`]).
//!
//! Renderers return SVG text; the caller writes files. Everything is deterministic: same input,
//! same SVG bytes. Only plotters' SVG backend is used (no font or system libraries).

pub mod basemap;
pub mod chart_svg;
pub mod geom;
pub mod labels;
pub mod map_svg;
pub mod projection;

/// The width at which the renderers' base sizes (text, lines, markers) apply. The smallest text
/// is 12 px, so at this width it prints at about 6 pt when the figure fills an A4 page's width
/// (180 mm): 12 px × 180 mm / 1000 px = 2.2 mm.
pub const REFERENCE_WIDTH: f64 = 1000.0;

/// The width of the figures the tool writes, in pixels.
pub const FIGURE_WIDTH: u32 = 1000;
