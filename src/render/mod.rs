//! Figures for reports: the SVG route map and load map, and the charts of routes and studies.
//!
//! - [`basemap`] owns the embedded Natural Earth country polygons (`assets/countries.json`), the
//!   land/sea test [`basemap::is_on_land`] and [`basemap::polyline_land_fraction`];
//! - [`projection`] owns the spherical Lambert conformal conic projection;
//! - [`geom`] owns the small planar and spherical helpers (great-circle densification, distances,
//!   Sutherland–Hodgman and Liang–Barsky clipping, point-in-ring);
//! - [`labels`] owns text-size estimation and the greedy label placement;
//! - [`map_svg`] owns the map specification types, [`map_svg::render_map`] and
//!   [`map_svg::render_load_map`];
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
pub mod geom;
pub mod labels;
pub mod map_svg;
pub mod projection;
pub mod utilisation_svg;

/// The width at which the renderers' base sizes (text, lines, markers) apply. The smallest text
/// is 12 px, so at this width it prints at about 6 pt when the figure fills an A4 page's width
/// (180 mm): 12 px × 180 mm / 1000 px = 2.2 mm.
pub const REFERENCE_WIDTH: f64 = 1000.0;

/// The width of the figures the tool writes, in pixels.
pub const FIGURE_WIDTH: u32 = 1000;

/// Gives every `<text>` element of an SVG a white halo that needs no `paint-order` support: a
/// copy of the element stroked and filled in white is drawn first, the text itself on top, so
/// CairoSVG, librsvg, resvg and browsers all show the same legible labels over lines and land.
pub fn halo_text(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() * 2);
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        let Some(len) = rest[start..].find("</text>") else {
            break;
        };
        let end = start + len + "</text>".len();
        let element = &rest[start..end];
        out.push_str(&rest[..start]);
        // The halo: the same element, white, with a round-joined stroke.
        let open_end = element.find('>').unwrap_or(element.len());
        let (open, body) = element.split_at(open_end);
        let mut halo_open = String::from(
            "<text stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" aria-hidden=\"true\" ",
        );
        let attrs = &open["<text ".len()..];
        match attrs.find("fill=\"") {
            Some(i) => {
                let after = &attrs[i + "fill=\"".len()..];
                let close = after.find('"').unwrap_or(after.len());
                halo_open.push_str(&attrs[..i]);
                halo_open.push_str("fill=\"#FFFFFF\"");
                halo_open.push_str(&after[(close + 1).min(after.len())..]);
            }
            None => {
                halo_open.push_str(attrs);
                halo_open.push_str(" fill=\"#FFFFFF\"");
            }
        }
        out.push_str(&halo_open);
        out.push_str(body);
        out.push('\n');
        out.push_str(element);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::halo_text;

    #[test]
    fn each_text_gets_a_white_copy_underneath() {
        let svg = "<svg><line/><text x=\"1\" fill=\"#1F1F1F\" font-size=\"9\">\nAktau\n</text><text y=\"2\">B</text></svg>";
        let out = halo_text(svg);
        assert_eq!(out.matches("<text ").count(), 4);
        assert!(out.contains(
            "<text stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" aria-hidden=\"true\" x=\"1\" fill=\"#FFFFFF\" font-size=\"9\">\nAktau\n</text>\n<text x=\"1\" fill=\"#1F1F1F\" font-size=\"9\">\nAktau\n</text>"
        ), "{out}");
        assert!(
            out.contains("y=\"2\" fill=\"#FFFFFF\">B</text>\n<text y=\"2\">B</text></svg>"),
            "{out}"
        );
        assert!(!out.contains("paint-order"));
        assert_eq!(halo_text("<svg/>"), "<svg/>");
    }
}
