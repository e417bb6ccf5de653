//! What every chart shares around its plot: the pixel sizes, the axis and grid colours, the
//! chart that only says why it is empty, and the frame of the charts with days across (the
//! Pareto and reliability charts).

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontTransform, RGBColor};

use crate::render::chart::axis::Axis;
use crate::render::geom::Rect;
use crate::render::labels::fit_title;
use crate::render::style::{
    canvas, draw_line, draw_text, round_joins_and_halo, text_style, to_i, Area, INK, MUTED,
    REFERENCE_WIDTH,
};

/// Axis lines.
pub(crate) const AXIS: RGBColor = RGBColor(0x66, 0x66, 0x66);
/// Grid lines.
pub(crate) const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);

/// Pixel sizes derived from the width (scale 1 at the reference width; text never below 12 px).
pub(crate) struct Sizes {
    pub s: f64,
    pub margin: f64,
    pub title_px: f64,
    pub heading_px: f64,
    pub axis_px: f64,
    pub tick_px: f64,
    pub legend_px: f64,
    pub label_px: f64,
}

impl Sizes {
    pub(crate) fn new(width: u32) -> Sizes {
        let s = width as f64 / REFERENCE_WIDTH;
        Sizes {
            s,
            margin: (20.0 * s).max(8.0),
            title_px: (24.0 * s).max(15.0),
            heading_px: (16.0 * s).max(12.0),
            axis_px: (15.0 * s).max(12.0),
            tick_px: (14.0 * s).max(12.0),
            legend_px: (15.0 * s).max(12.0),
            label_px: (14.0 * s).max(12.0),
        }
    }
}

/// A chart with a title and a centred message, for empty input.
pub(crate) fn render_message(title: &str, message: &str, width_px: u32) -> String {
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let height = (200.0 * sz.s).max(120.0).round() as u32;
    let svg = canvas((width, height), |area| {
        draw_title(area, &sz, title, width as f64);
        let msg = text_style(sz.heading_px, MUTED, false, HPos::Center, VPos::Center);
        draw_text(
            area,
            message,
            (width as f64 / 2.0, height as f64 * 0.6),
            &msg,
        );
    });
    round_joins_and_halo(&svg)
}

/// Draws a chart's title at the top left, shrunk, then shortened, to fit the chart's `width`.
pub(crate) fn draw_title(area: &Area, sz: &Sizes, title: &str, width: f64) {
    let m = sz.margin;
    let (t, px) = fit_title(title, sz.title_px, 15.0, width - 2.0 * m);
    draw_text(
        area,
        &t,
        (m, m),
        &text_style(px, INK, true, HPos::Left, VPos::Top),
    );
}

/// The frame the Pareto and reliability charts share: the title, a grid line and label per
/// x tick (days, from `x_axis`) and per y tick (`y_ticks`), the two axes, "door-to-door days"
/// under the plot and `y_title` beside it.
pub(crate) struct DaysFrame<'a> {
    /// The chart's title.
    pub title: &'a str,
    /// The plot area, pixels.
    pub plot: Rect,
    /// The days axis.
    pub x_axis: &'a Axis,
    /// The y ticks: pixel y and label.
    pub y_ticks: &'a [(f64, String)],
    /// The y axis' title.
    pub y_title: &'a str,
    /// The chart's width, pixels.
    pub width: f64,
    /// The baseline of "door-to-door days" under the plot, pixels.
    pub x_title_y: f64,
}

impl DaysFrame<'_> {
    /// Draws the frame.
    pub fn draw(&self, area: &Area, sz: &Sizes) {
        let Rect {
            x0: left,
            y0: top,
            x1: right,
            y1: bottom,
        } = self.plot;
        let (x_axis, x_title_y) = (self.x_axis, self.x_title_y);
        let (s, m) = (sz.s, sz.margin);
        let x = |d: f64| left + (right - left) * d / x_axis.max;
        draw_title(area, sz, self.title, self.width);
        let tick = text_style(sz.tick_px, MUTED, false, HPos::Center, VPos::Top);
        for v in x_axis.ticks() {
            draw_line(area, &[to_i((x(v), top)), to_i((x(v), bottom))], GRID, 1.0);
            draw_text(area, &x_axis.label(v), (x(v), bottom + 6.0 * s), &tick);
        }
        let ytick = text_style(sz.tick_px, MUTED, false, HPos::Right, VPos::Center);
        for (py, label) in self.y_ticks {
            draw_line(area, &[to_i((left, *py)), to_i((right, *py))], GRID, 1.0);
            draw_text(area, label, (left - 6.0 * s, *py), &ytick);
        }
        draw_line(
            area,
            &[to_i((left, bottom)), to_i((right, bottom))],
            AXIS,
            1.0,
        );
        draw_line(area, &[to_i((left, top)), to_i((left, bottom))], AXIS, 1.0);
        let axis_title = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Bottom);
        draw_text(
            area,
            "door-to-door days",
            ((left + right) / 2.0, x_title_y),
            &axis_title,
        );
        let y_style = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Top)
            .transform(FontTransform::Rotate270);
        draw_text(area, self.y_title, (m, (top + bottom) / 2.0), &y_style);
    }
}
