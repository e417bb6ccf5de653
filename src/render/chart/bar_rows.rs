//! The layout the horizontal bar charts share (utilisation, tornado, benefit–cost): a column of
//! labels wrapped at spaces (never cut) as wide as the longest, at most a third of the chart; one
//! row per bar, tall enough for its label's lines; the bars between the labels and a column of
//! notes; each row drawn as its label, its bar, and its note after the bar; and the value axis
//! from 0 under the bars ([`ValueAxis`]), its grid lines and ticks.

use plotters::style::text_anchor::{HPos, VPos};

use plotters::style::RGBColor;

use crate::render::caption::wrap;
use crate::render::chart::axis::nice_step;
use crate::render::chart::frame::{Sizes, Words};
use crate::render::geom::Rect;
use crate::render::labels::text_size;
use crate::render::style::{draw_line, draw_text, text_style, Area, INK};
use crate::text::grouped;

/// The grid lines of a value axis.
const GRID: RGBColor = RGBColor(0xbb, 0xbb, 0xbb);

/// A value axis from 0: its end, its step (about five) and the decimals its ticks need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ValueAxis {
    /// The axis's end, a whole number of steps.
    pub max: f64,
    /// Between ticks.
    pub step: f64,
    /// As many decimals as the step needs (2.5 needs one).
    pub decimals: usize,
}

impl ValueAxis {
    /// An axis from 0 reaching at least `largest` (1 when it is not a positive number).
    pub fn new(largest: f64) -> ValueAxis {
        let largest = if largest.is_finite() && largest > 0.0 {
            largest
        } else {
            1.0
        };
        let step = nice_step(largest / 5.0);
        let decimals = (0..4)
            .find(|&d| {
                let v = step * 10f64.powi(d);
                (v - v.round()).abs() < 1e-9
            })
            .unwrap_or(3) as usize;
        ValueAxis {
            max: (largest / step).ceil() * step,
            step,
            decimals,
        }
    }
}

/// Where the rows, the bars and the notes go.
pub(super) struct BarRows {
    /// Label text size, px.
    pub px: f64,
    /// The height of a label line.
    pub line_h: f64,
    /// Note and tick text size, px.
    pub small: f64,
    /// Each row's label, wrapped.
    pub lines: Vec<Vec<String>>,
    /// Each row's height.
    pub rows: Vec<f64>,
    /// The top of the first row.
    pub top: f64,
    /// Where the bars start (value 0).
    pub x0: f64,
    /// Where the bars may end (the largest value), before the notes.
    pub x1: f64,
    /// The bottom of the last row, where the axis is.
    pub axis_y: f64,
    /// The scale (chart width over the reference width).
    s: f64,
}

impl BarRows {
    /// The rows of these labels, with room after the bars for the widest of these notes.
    pub fn new<'a>(
        sz: &Sizes,
        words: &Words,
        w: f64,
        labels: impl Iterator<Item = &'a str> + Clone,
        notes: impl Iterator<Item = String>,
    ) -> BarRows {
        let s = sz.s;
        let px = sz.label_px;
        let line_h = (px * 1.2).round();
        let label_w = labels
            .clone()
            .map(|l| text_size(l, px).0)
            .fold(80.0 * s, f64::max)
            .min(0.34 * w);
        let lines: Vec<Vec<String>> = labels.map(|l| wrap(l, px, label_w, false)).collect();
        let rows: Vec<f64> = lines
            .iter()
            .map(|l| (26.0 * s).max(l.len() as f64 * line_h + 6.0 * s).round())
            .collect();
        let small = (13.0 * s).max(12.0);
        let notes_w = notes.map(|n| text_size(&n, small).0).fold(0.0, f64::max);
        let top = (words.title_h(sz) + 30.0 * s).round();
        let axis_y = top + rows.iter().sum::<f64>();
        BarRows {
            px,
            line_h,
            small,
            top,
            x0: (sz.margin + label_w + 10.0 * s).round(),
            x1: (w - sz.margin - notes_w - 8.0 * s).round(),
            axis_y,
            lines,
            rows,
            s,
        }
    }

    /// The bar of a row whose middle is `mid`, from value 0 to `end` (at least a pixel wide).
    pub fn bar(&self, mid: f64, end: f64) -> Rect {
        let bar_h = self.bar_h();
        Rect {
            x0: self.x0,
            y0: (mid - bar_h / 2.0).round(),
            x1: end.round().max(self.x0 + 1.0),
            y1: (mid + bar_h / 2.0).round(),
        }
    }

    /// A bar's height.
    pub fn bar_h(&self) -> f64 {
        (26.0 * self.s - 8.0 * self.s).round()
    }

    /// Draws each row: its label, then `bar(area, row, mid)` (which draws the bar and returns
    /// the note), then the note after the bars.
    pub fn draw(&self, area: &Area, mut bar: impl FnMut(&Area, usize, f64) -> String) {
        let s = self.s;
        let label_style = text_style(self.px, INK, false, HPos::Right, VPos::Center);
        let note_style = text_style(self.small, INK, false, HPos::Left, VPos::Center);
        let mut y = self.top;
        for (i, (lines, row)) in self.lines.iter().zip(&self.rows).enumerate() {
            let mid = y + row / 2.0;
            let first = mid - (lines.len() as f64 - 1.0) * self.line_h / 2.0;
            for (k, l) in lines.iter().enumerate() {
                let at = (self.x0 - 10.0 * s, first + k as f64 * self.line_h);
                draw_text(area, l, at, &label_style);
            }
            let note = bar(area, i, mid);
            draw_text(area, &note, (self.x1 + 8.0 * s, mid), &note_style);
            y += row;
        }
    }

    /// The rows of a chart with a [`ValueAxis`] under its bars and a line for the axis's name
    /// below the ticks: as [`BarRows::new`], the bars at least 50 px long, and the chart's height
    /// with the credit.
    pub fn on_value_axis<'a>(
        sz: &Sizes,
        words: &Words,
        w: f64,
        labels: impl Iterator<Item = &'a str> + Clone,
        notes: impl Iterator<Item = String>,
    ) -> (BarRows, f64) {
        let mut r = BarRows::new(sz, words, w, labels, notes);
        r.x1 = r.x1.max(r.x0 + 50.0);
        let height = (r.axis_y + 48.0 * sz.s + words.credit_h(sz) + sz.margin / 2.0).round();
        (r, height)
    }

    /// Where value `v` falls on `axis` (clamped to it; 0 when not a number).
    pub fn x(&self, axis: &ValueAxis, v: f64) -> f64 {
        let v = if v.is_finite() {
            v.clamp(0.0, axis.max)
        } else {
            0.0
        };
        self.x0 + (self.x1 - self.x0) * v / axis.max
    }

    /// Draws the axis's grid lines over the rows and its tick labels under them.
    pub fn draw_ticks(&self, area: &Area, axis: &ValueAxis) {
        let tick = text_style(self.small, INK, false, HPos::Center, VPos::Top);
        let mut k = 0.0;
        while k * axis.step <= axis.max + axis.step * 1e-6 {
            let v = k * axis.step;
            let gx = self.x(axis, v).round() as i32;
            draw_line(
                area,
                &[(gx, self.top as i32 - 4), (gx, self.axis_y as i32)],
                GRID,
                1.0,
            );
            let at = (self.x(axis, v), self.axis_y + 6.0 * self.s);
            draw_text(area, &grouped(v, axis.decimals), at, &tick);
            k += 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ValueAxis;

    #[test]
    fn a_value_axis_ends_on_a_step_and_gives_its_ticks_the_decimals_they_need() {
        // A step of 2.5 needs one decimal (the tornado once printed it as "2").
        let a = ValueAxis::new(11.0);
        assert_eq!((a.step, a.max, a.decimals), (2.5, 12.5, 1));
        let a = ValueAxis::new(1.1);
        assert_eq!((a.step, a.decimals), (0.25, 2));
        assert!((a.max - 1.25).abs() < 1e-12);
        let a = ValueAxis::new(40.0);
        assert_eq!((a.step, a.max, a.decimals), (10.0, 40.0, 0));
        // Nothing to show: an axis to 1.
        assert_eq!(ValueAxis::new(0.0), ValueAxis::new(1.0));
        assert_eq!(ValueAxis::new(f64::NAN), ValueAxis::new(1.0));
    }
}
