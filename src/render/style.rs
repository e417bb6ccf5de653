//! How figures look: the widths, the palette and the drawing primitives over plotters' SVG
//! backend that the map and the charts share.
//!
//! What more than one figure uses lives here (ink, the fallback route palette, the load and saturation
//! colours of an assignment's two figures, lines, text, rectangles); a colour or size one figure
//! alone uses stays in that figure's file (the map's land and link colours, a chart's grid, the
//! utilisation chart's own ink). Drawing goes through plotters' `SVGBackend::with_string` in
//! pixel coordinates and writes integer pixels; errors are ignored because drawing into a
//! `String` cannot fail. Two attributes plotters cannot express are added afterwards by plain
//! text substitution (`round_joins_and_halo`): round joins and caps on polylines and a white
//! halo behind text ([`halo_text`]).

use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, IntoFont, RGBColor, TextStyle, WHITE};

use crate::render::geom::Rect;
use crate::render::labels::FONT_SCALE;

/// The width at which the renderers' base sizes (text, lines, markers) apply. The smallest text
/// is 12 px, so at this width it prints at about 6 pt when the figure fills an A4 page's width
/// (180 mm): 12 px × 180 mm / 1000 px = 2.2 mm.
pub const REFERENCE_WIDTH: f64 = 1000.0;

/// The width of the figures the tool writes, in pixels.
pub const FIGURE_WIDTH: u32 = 1000;

/// Okabe–Ito colour-blind-safe palette: the colours of routes given without an ink (by position,
/// see [`crate::render::ink::ink_or_position`]); the figures of the tool ink each route in its
/// corridor family's colour instead.
pub const ROUTE_COLOURS: [RGBColor; 7] = [
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

/// Text and markers.
pub(crate) const INK: RGBColor = RGBColor(0x1F, 0x1F, 0x1F);
/// Secondary text (ticks, captions, the map's footer) and dominated points.
pub(crate) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Loads on a load map and the bars of the utilisation chart.
pub(crate) const LOAD: RGBColor = RGBColor(0x1f, 0x4e, 0x9a);
/// Saturated elements on a load map and on the utilisation chart.
pub(crate) const SATURATED: RGBColor = RGBColor(0xc6, 0x28, 0x28);

/// The drawing area of one SVG document.
pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Draws one SVG document of `size` pixels: a white background, then `draw`. Returns plotters'
/// text as written, before any post-processing.
pub(crate) fn canvas(size: (u32, u32), draw: impl FnOnce(&Area)) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = area.fill(&WHITE);
        draw(&area);
        let _ = area.present();
    }
    svg
}

/// A point rounded to whole pixels.
pub(crate) fn to_i(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// Sans-serif text of `px` pixels (as it appears in the SVG), bold or regular, anchored at `h`
/// and `v`.
pub(crate) fn text_style(
    px: f64,
    colour: RGBColor,
    bold: bool,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    let font = ("sans-serif", px * FONT_SCALE).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    font.color(&colour).pos(Pos::new(h, v))
}

/// Draws text at `at` (rounded to pixels).
pub(crate) fn draw_text(area: &Area, text: &str, at: (f64, f64), style: &TextStyle) {
    let _ = area.draw(&Text::new(text.to_string(), to_i(at), style.clone()));
}

/// Draws a solid polyline `width` pixels wide; fewer than two points draw nothing.
pub(crate) fn draw_polyline(area: &Area, pts: &[(i32, i32)], colour: RGBColor, width: u32) {
    if pts.len() >= 2 {
        let _ = area.draw(&PathElement::new(pts.to_vec(), colour.stroke_width(width)));
    }
}

/// [`draw_polyline`] with a width in fractional pixels, rounded, at least 1.
pub(crate) fn draw_line(area: &Area, pts: &[(i32, i32)], colour: RGBColor, width: f64) {
    draw_polyline(area, pts, colour, width.round().max(1.0) as u32);
}

/// Fills a rectangle (corners rounded to pixels).
pub(crate) fn fill_rect<C: Color>(area: &Area, r: Rect, colour: C) {
    let _ = area.draw(&Rectangle::new(
        [to_i((r.x0, r.y0)), to_i((r.x1, r.y1))],
        colour.filled(),
    ));
}

/// Outlines a rectangle with a `width`-pixel stroke (corners rounded to pixels).
pub(crate) fn outline_rect(area: &Area, r: Rect, colour: RGBColor, width: u32) {
    let _ = area.draw(&Rectangle::new(
        [to_i((r.x0, r.y0)), to_i((r.x1, r.y1))],
        colour.stroke_width(width),
    ));
}

/// A filled square marker of half-side `r` centred on `c`.
pub(crate) fn fill_square(area: &Area, c: (f64, f64), r: f64, colour: RGBColor) {
    fill_rect(
        area,
        Rect {
            x0: c.0 - r,
            y0: c.1 - r,
            x1: c.0 + r,
            y1: c.1 + r,
        },
        colour,
    );
}

/// Round joins and caps on every polyline, then [`halo_text`].
pub(crate) fn round_joins_and_halo(svg: &str) -> String {
    halo_text(&svg.replace(
        "<polyline ",
        "<polyline stroke-linejoin=\"round\" stroke-linecap=\"round\" ",
    ))
}

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
