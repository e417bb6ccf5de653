//! How a route is inked in every figure ([`RouteInk`]): the colour of its corridor family (the
//! network's data) or, for a route in no family, a neutral grey ([`NO_FAMILY`]) that the legends
//! explain ([`NO_FAMILY_NOTE`]); and, among the routes of one family in one figure, a variant:
//! the first solid, the others dashed ([`draw_route_line`]), so that routes of one family are
//! told apart by their dashes, never by another family's colour.
//!
//! Inputs built without a family (a renderer's own tests, a library caller) fall back to
//! [`ROUTE_COLOURS`] by position ([`ink_or_position`]).

use plotters::element::DashedPathElement;
use plotters::style::{Color, RGBColor, WHITE};

use crate::network::Colour;
use crate::render::style::{draw_line, Area, ROUTE_COLOURS};

/// The colour of a route in no corridor family.
pub const NO_FAMILY: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// What a legend says of [`NO_FAMILY`]'s grey.
pub const NO_FAMILY_NOTE: &str = "grey: a route in no corridor family";

/// How one route is drawn, the same in every figure of a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInk {
    /// Its family's colour, or [`NO_FAMILY`].
    pub colour: RGBColor,
    /// Its rank among the figure's routes of the same family (0: solid; then dashed).
    pub variant: usize,
    /// Whether it is in a family (else the legend explains the grey).
    pub in_family: bool,
}

impl RouteInk {
    /// The ink of a route of a family of colour `c`, `variant`-th of that family.
    pub fn family(c: Colour, variant: usize) -> RouteInk {
        RouteInk {
            colour: rgb(c),
            variant,
            in_family: true,
        }
    }

    /// The ink of a route in no family, `variant`-th of those.
    pub fn no_family(variant: usize) -> RouteInk {
        RouteInk {
            colour: NO_FAMILY,
            variant,
            in_family: false,
        }
    }
}

/// A network colour as plotters' colour.
pub fn rgb(c: Colour) -> RGBColor {
    RGBColor(c.r, c.g, c.b)
}

/// The ink given, or the position's colour of [`ROUTE_COLOURS`] (solid) when none was.
pub fn ink_or_position(ink: Option<RouteInk>, i: usize) -> RouteInk {
    ink.unwrap_or(RouteInk {
        colour: ROUTE_COLOURS[i % ROUTE_COLOURS.len()],
        variant: 0,
        in_family: true,
    })
}

/// Whether a legend of these inks must explain the grey.
pub fn needs_note(inks: impl IntoIterator<Item = RouteInk>) -> bool {
    inks.into_iter().any(|k| !k.in_family)
}

/// Dash and gap, pixels, of variant `v` (≥ 1) on a line `w` pixels wide. Round caps lengthen a
/// dash by `w` and shorten the gap as much, so gaps are at least `w` plus a few pixels.
fn dashes(v: usize, w: f64) -> (f64, f64) {
    match (v - 1) % 3 {
        0 => (2.5 * w + 4.0, w + 6.0),
        1 => (1.0, w + 5.0),
        _ => (5.0 * w + 8.0, w + 5.0),
    }
}

/// Draws a route's line `width` pixels wide in its ink: solid for variant 0; otherwise a white
/// core (so that the dashes show even over a wider line of the same family) and the family's
/// colour in dashes of the variant.
pub fn draw_route_line(area: &Area, pts: &[(i32, i32)], ink: RouteInk, width: f64) {
    if pts.len() < 2 {
        return;
    }
    if ink.variant == 0 {
        draw_line(area, pts, ink.colour, width);
        return;
    }
    let w = width.round().max(1.0);
    draw_line(area, pts, WHITE, w);
    let (dash, gap) = dashes(ink.variant, w);
    let _ = area.draw(&DashedPathElement::new(
        pts.to_vec(),
        dash,
        gap,
        ink.colour.stroke_width(w as u32),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_differ_in_dashes_and_keep_their_colour() {
        let c = Colour::rgb(0, 0x72, 0xB2);
        let svg = crate::render::style::canvas((200, 40), |area| {
            draw_route_line(area, &[(10, 10), (190, 10)], RouteInk::family(c, 0), 4.0);
            draw_route_line(area, &[(10, 30), (190, 30)], RouteInk::family(c, 1), 4.0);
        });
        let blue = svg.matches("stroke=\"#0072B2\"").count();
        assert!(blue > 3, "a solid line and several dashes: {svg}");
        assert!(
            svg.contains("stroke=\"#FFFFFF\""),
            "the dashed variant's white core"
        );
        assert_ne!(dashes(1, 4.0), dashes(2, 4.0));
        assert_ne!(dashes(2, 4.0), dashes(3, 4.0));
        assert!(dashes(1, 10.0).1 > 10.0, "gaps wider than the round caps");
        assert!(needs_note([RouteInk::family(c, 0), RouteInk::no_family(0)]));
        assert!(!needs_note([RouteInk::family(c, 0)]));
    }
}
