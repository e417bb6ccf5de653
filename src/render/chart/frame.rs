//! What every chart shares around its plot: the pixel sizes, the axis and grid colours, the
//! title and credit line ([`Words`]), the chart that only says why it is empty, and the frame of
//! the charts with days across (the Pareto and reliability charts).

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontTransform, RGBColor};

use crate::render::caption::{Caption, CreditBlock, TitleBlock};
use crate::render::chart::axis::Axis;
use crate::render::geom::Rect;
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
    pub credit_px: f64,
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
            credit_px: (12.0 * s).max(12.0),
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

/// A chart's title, set at the top left, and its credit line, at the bottom left, each
/// wrapped to the chart's width (no word cut).
pub(crate) struct Words {
    pub title: TitleBlock,
    pub credit: CreditBlock,
}

impl Words {
    /// The words of `caption` on a chart `width` pixels wide.
    pub fn fit(caption: &Caption, sz: &Sizes, width: f64) -> Words {
        let room = width - 2.0 * sz.margin;
        Words {
            title: TitleBlock::fit(&caption.title, sz.title_px, 15.0, room),
            credit: CreditBlock::fit(&caption.credit, sz.credit_px, room),
        }
    }

    /// The height of the title band from the chart's top (margin and a gap below included).
    pub fn title_h(&self, sz: &Sizes) -> f64 {
        (sz.margin + self.title.height() + 0.6 * self.title.px).round()
    }

    /// The height of the credit band at the chart's bottom (a gap above included).
    pub fn credit_h(&self, sz: &Sizes) -> f64 {
        if self.credit.lines.is_empty() {
            0.0
        } else {
            (self.credit.height() + 8.0 * sz.s).round()
        }
    }

    /// Draws the title at the top left.
    pub fn draw_title(&self, area: &Area, sz: &Sizes) {
        self.title.draw(area, (sz.margin, sz.margin));
    }

    /// Draws the credit so that it ends `sz.margin / 2` above `height`, the chart's bottom.
    pub fn draw_credit(&self, area: &Area, sz: &Sizes, height: f64) {
        let y = height - sz.margin / 2.0 - self.credit.height();
        self.credit.draw(area, (sz.margin, y));
    }
}

/// A chart with a title, a centred message and the credit, for empty input.
pub(crate) fn render_message(caption: &Caption, message: &str, width_px: u32) -> String {
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let words = Words::fit(caption, &sz, width as f64);
    let height = (words.title_h(&sz) + (120.0 * sz.s).max(80.0) + words.credit_h(&sz)).round();
    let svg = canvas((width, height as u32), |area| {
        words.draw_title(area, &sz);
        let msg = text_style(sz.heading_px, MUTED, false, HPos::Center, VPos::Center);
        let mid = (words.title_h(&sz) + height - words.credit_h(&sz)) / 2.0;
        draw_text(area, message, (width as f64 / 2.0, mid), &msg);
        words.draw_credit(area, &sz, height);
    });
    round_joins_and_halo(&svg)
}

/// The frame the Pareto and reliability charts share: the title and credit, a grid line and label per
/// x tick (days, from `x_axis`) and per y tick (`y_ticks`), the two axes, "door-to-door days"
/// under the plot and `y_title` beside it.
pub(crate) struct DaysFrame<'a> {
    /// The chart's title and credit.
    pub words: &'a Words,
    /// The plot area, pixels.
    pub plot: Rect,
    /// The days axis.
    pub x_axis: &'a Axis,
    /// The y ticks: pixel y and label.
    pub y_ticks: &'a [(f64, String)],
    /// The y axis' title.
    pub y_title: &'a str,
    /// The chart's height, pixels (the credit ends above it).
    pub height: f64,
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
        self.words.draw_title(area, sz);
        self.words.draw_credit(area, sz, self.height);
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
