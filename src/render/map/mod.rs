//! The SVG map: network, chosen routes or loads, legend and labels over the base map.
//!
//! - `spec`: what a map shows ([`MapSpec`], [`MapNode`], [`MapLink`], [`MapRoute`],
//!   [`MapLoad`], [`Extent`]), plain inputs built by the figure policy;
//! - `view`: the pixel sizes, the content a view must hold and the fitted projection;
//! - `symbols`: how links, routes and nodes are drawn (colours, patterns, markers);
//! - `layers`: one drawing step per layer over a small drawing context;
//! - `legend`: what the legend lists ([`Legend`], [`route_legend_text`]) and how it is drawn;
//!   `legend_place`: what it must keep clear of and where it goes;
//! - `frame`: the title band, the frame and the footer (credit, [`ATTRIBUTION`], projection);
//!   `scale`: the footer's scale bar ([`ScaleBar`]);
//! - this file: the front doors [`render_map`] and [`render_load_map`], which run the layers in
//!   order, and [`stack`], which puts a regional panel under a map.
//!
//! Lon/lat are projected with a fitted Lambert conformal conic and drawn with plotters' SVG
//! backend in integer pixels, so the output is byte-for-byte deterministic for the same input.
//! Round joins on polylines and a white halo behind text are added afterwards
//! ([`crate::render::style::halo_text`], so no renderer needs `paint-order`), and the projection is
//! written into the file's metadata for a GIS user.

mod frame;
mod layers;
mod legend;
mod legend_place;
mod scale;
mod spec;
mod symbols;
mod view;

pub use frame::ATTRIBUTION;
pub use legend::{route_legend_text, Legend};
pub use scale::{ScaleBar, SCALE_BAR};
pub use spec::{Extent, LoadLayer, MapLink, MapLoad, MapNode, MapRoute, MapSpec};

use crate::render::basemap::Country;
use crate::render::projection::{Lcc, EARTH_RADIUS_KM};
use crate::render::style::{canvas, round_joins_and_halo};
use frame::MapWords;
use layers::MapCanvas;
use legend::MapLegend;
use symbols::route_widths;
use view::{make_view, Sizes};

/// Two SVG documents one above the other in one document of the wider width: the study map and
/// its regional panel.
pub fn stack(top: &str, bottom: &str) -> String {
    /// A document's width, height, and text from its root `<svg`.
    fn root(svg: &str) -> Option<(f64, f64, &str)> {
        let doc = &svg[svg.find("<svg")?..];
        let tag = &doc[..doc.find('>')?];
        let num = |k: &str| -> Option<f64> {
            let key = format!(" {k}=\"");
            let i = tag.find(&key)? + key.len();
            tag[i..].split('"').next()?.parse().ok()
        };
        Some((num("width")?, num("height")?, doc))
    }
    let (Some((w1, h1, d1)), Some((w2, h2, d2))) = (root(top), root(bottom)) else {
        return top.to_string();
    };
    let (w, h) = (w1.max(w2), h1 + h2);
    format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n<svg x=\"0\" y=\"0\"{}\n<svg x=\"0\" y=\"{h1}\"{}\n</svg>\n",
        d1[4..].trim_end(),
        d2[4..].trim_end()
    )
}

/// Renders the map as SVG text. Same input, same bytes.
///
/// Layers, bottom to top: sea, land (clipped to the view), network links by status, routes
/// (white casing, then widest first, each in its ink), nodes, labels (origin and destination
/// first), legend (in a corner where it covers nothing, else in a band below), title band and
/// footer (scale bar, projection, credit and attribution).
pub fn render_map(spec: &MapSpec, countries: &[Country]) -> String {
    render_map_with(spec, &LoadLayer::default(), countries)
}

/// A map of loads: the network, then each load as a line whose width follows its traffic (up to
/// about twelve times a route's line) and each saturated element in red (a ringed place, a red
/// line, its label beside it); the spec's routes, if any, on top. The legend's width key draws
/// round quantities of the layer's unit at their widths.
pub fn render_load_map(spec: &MapSpec, loads: &LoadLayer, countries: &[Country]) -> String {
    render_map_with(spec, loads, countries)
}

/// Draws the layers of a map in order, bottom to top, then adds the projection's metadata and
/// the round joins and halos.
fn render_map_with(spec: &MapSpec, loads: &LoadLayer, countries: &[Country]) -> String {
    let sz = Sizes::new(spec.width_px.max(400));
    let words = MapWords::fit(spec, &sz, f64::from(spec.width_px.max(400)));
    let view = make_view(spec, words.title_h());
    let widths = route_widths(spec.routes.len(), sz.s);
    // The legend is placed before anything is drawn (the canvas' height depends on it), so that
    // labels avoid it; it is drawn after them.
    let legend = MapLegend::new(spec, loads, &view, &sz, &widths);
    let height = (view.rect.y1 + legend.band + words.footer_h(&sz)).round() as u32;
    let width = view.rect.x1.round() as u32;
    let svg = canvas((width, height), |area| {
        let m = MapCanvas::new(area, &view, &sz);
        m.sea();
        m.land(countries);
        m.links(&spec.links);
        m.loads(&loads.loads);
        m.routes(&spec.routes, &widths);
        let visible = m.nodes(&spec.nodes);
        m.labels((&spec.routes, &loads.loads), &visible, legend.rect);
        legend.draw(area, &sz);
        words.draw(area, &sz, &view, legend.band);
    });
    round_joins_and_halo(&with_projection(svg, &view.proj))
}

/// The projection in the file's metadata (PROJ syntax, spherical as drawn), for a GIS user:
/// inserted right after the root `<svg …>` tag.
fn with_projection(svg: String, proj: &Lcc) -> String {
    let proj_def = format!(
        "<metadata><projection xmlns=\"https://proj.org\">+proj=lcc +lat_1={} +lat_2={} +lat_0={} +lon_0={} +R={} +units=m +no_defs</projection></metadata>",
        proj.lat1,
        proj.lat2,
        proj.lat0,
        proj.lon0,
        EARTH_RADIUS_KM * 1000.0
    );
    match svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
    {
        Some(k) => format!("{}{}{}", &svg[..k], proj_def, &svg[k..]),
        None => svg,
    }
}
