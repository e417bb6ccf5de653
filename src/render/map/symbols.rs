//! The map's symbols: how each thing is drawn, on the map and in its legend alike.
//!
//! This file owns the map's own colours (sea, land, borders, links by mode and status, the
//! sea-port marker), the line [`Pattern`]s with [`link_style`], the routes' nested widths
//! ([`route_widths`]), the patterned line and the node markers. Colours every figure shares
//! (ink, the route palette) are in [`crate::render::style`].

use plotters::element::{Circle, DashedPathElement, DottedPathElement, Polygon, Rectangle};
use plotters::style::{Color, RGBColor, WHITE};

use crate::network::{Mode, NodeKind, Status};
use crate::render::style::{draw_polyline, Area, INK, MUTED};

/// The sea (the map's background).
pub(crate) const SEA: RGBColor = RGBColor(0xD4, 0xE6, 0xF4);
/// Land.
pub(crate) const LAND: RGBColor = RGBColor(0xF1, 0xED, 0xE4);
/// Coasts and borders.
pub(crate) const BORDER: RGBColor = RGBColor(0xB4, 0xAC, 0x9E);
/// The frame around the map.
pub(crate) const FRAME: RGBColor = RGBColor(0x66, 0x66, 0x66);
/// Operating rail links.
const RAIL: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
/// Operating road links.
const ROAD: RGBColor = RGBColor(0x8C, 0x6D, 0x46);
/// Operating sea links.
const SEA_LINK: RGBColor = RGBColor(0x2F, 0x5F, 0x95);
/// Links under construction, any mode.
const UNDER_CONSTRUCTION: RGBColor = RGBColor(0x76, 0x2A, 0x83);
/// Planned links, any mode.
const PLANNED: RGBColor = RGBColor(0xA3, 0x7F, 0xBF);
/// The sea-port marker.
const SEA_PORT: RGBColor = RGBColor(0x1F, 0x4E, 0x79);

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Pattern {
    /// A continuous line.
    Solid,
    /// Dash length and gap, pixels.
    Dashed(f64, f64),
    /// Dot radius and spacing, pixels.
    Dotted(i32, f64),
}

/// Colour, width and pattern of a network link.
pub(crate) fn link_style(mode: Mode, status: Status, s: f64) -> (RGBColor, u32, Pattern) {
    let w = (2.0 * s).round().max(1.0) as u32;
    match status {
        Status::UnderConstruction => (UNDER_CONSTRUCTION, w, Pattern::Dashed(10.0 * s, 5.0 * s)),
        Status::Planned => (PLANNED, w, Pattern::Dashed(4.0 * s, 5.0 * s)),
        Status::Operating => match mode {
            Mode::Rail => (RAIL, w, Pattern::Solid),
            Mode::Road => (ROAD, w, Pattern::Dashed(7.0 * s, 4.0 * s)),
            Mode::Sea => (
                SEA_LINK,
                w,
                Pattern::Dotted((1.6 * s).round().max(1.0) as i32, 6.0 * s),
            ),
        },
    }
}

/// Line widths of the routes, most important (first) widest, so that routes sharing a track
/// show as nested stripes.
pub(crate) fn route_widths(n: usize, s: f64) -> Vec<f64> {
    let base = 4.0 * s;
    let step = if n > 1 {
        (3.5 * s).min(9.0 * s / (n - 1) as f64)
    } else {
        0.0
    };
    (0..n).map(|i| base + step * (n - 1 - i) as f64).collect()
}

/// The line width, pixels, of a load that is `share` (0–1) of the widest: up to 24 pixels at
/// the reference width, never below 1.5.
pub(crate) fn load_width_px(share: f64, s: f64) -> f64 {
    (share.clamp(0.0, 1.0) * 24.0 * s).max(1.5 * s).round()
}

/// Draws a polyline in a pattern. Drawing into a `String` cannot fail, so errors are ignored.
pub(crate) fn draw_patterned(
    area: &Area,
    pts: &[(i32, i32)],
    colour: RGBColor,
    width: u32,
    pattern: Pattern,
) {
    if pts.len() < 2 {
        return;
    }
    match pattern {
        Pattern::Solid => draw_polyline(area, pts, colour, width),
        Pattern::Dashed(dash, gap) => {
            let _ = area.draw(&DashedPathElement::new(
                pts.to_vec(),
                dash.max(1.0),
                gap.max(1.0),
                colour.stroke_width(width),
            ));
        }
        Pattern::Dotted(r, spacing) => {
            let fill = colour.filled();
            let _ = area.draw(&DottedPathElement::new(
                pts.to_vec(),
                0.0,
                spacing.max(2.0),
                move |c| Circle::new(c, r, fill),
            ));
        }
    }
}

/// Draws a node marker centred on `c` with radius `r`, with a white halo.
pub(crate) fn draw_marker(area: &Area, kind: NodeKind, c: (i32, i32), r: f64) {
    let ri = r.round().max(2.0) as i32;
    let (x, y) = c;
    let square = |h: i32| [(x - h, y - h), (x + h, y + h)];
    let diamond = |h: i32| vec![(x, y - h), (x + h, y), (x, y + h), (x - h, y)];
    let triangle = |h: i32| {
        vec![
            (x, y - h - h / 3),
            (x + h, y + h - h / 4),
            (x - h, y + h - h / 4),
        ]
    };
    let halo = WHITE.filled();
    let ink = INK.filled();
    let _ = match kind {
        NodeKind::City => area
            .draw(&Circle::new(c, ri + 2, halo))
            .and_then(|_| area.draw(&Circle::new(c, ri, ink))),
        NodeKind::RailTerminal => area
            .draw(&Rectangle::new(square(ri + 1), halo))
            .and_then(|_| area.draw(&Rectangle::new(square(ri - 1), ink))),
        NodeKind::DryPort => area
            .draw(&Rectangle::new(square(ri + 1), halo))
            .and_then(|_| area.draw(&Rectangle::new(square(ri - 1), INK.stroke_width(2)))),
        NodeKind::SeaPort => area
            .draw(&Polygon::new(diamond(ri + 3), halo))
            .and_then(|_| area.draw(&Polygon::new(diamond(ri + 1), SEA_PORT.filled()))),
        NodeKind::BorderStation => area
            .draw(&Polygon::new(triangle(ri + 2), halo))
            .and_then(|_| area.draw(&Polygon::new(triangle(ri), ink))),
        NodeKind::Junction => {
            let rj = (ri - 1).max(2);
            area.draw(&Circle::new(c, rj + 1, halo))
                .and_then(|_| area.draw(&Circle::new(c, rj, MUTED.stroke_width(1))))
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_widths_decrease() {
        let w = route_widths(3, 1.0);
        assert!(w[0] > w[1] && w[1] > w[2] && w[2] >= 4.0);
    }
}
