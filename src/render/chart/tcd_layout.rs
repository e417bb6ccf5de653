//! The layout of the time/cost-distance chart: its two [`Panel`]s with their plot areas and
//! value axes, the legend's columns and the series' nested line widths.

use crate::render::caption::{wrap, Caption};
use crate::render::chart::axis::Axis;
use crate::render::chart::frame::{Sizes, Words};
use crate::render::chart::series::{cumulative, Series};
use crate::render::format::{co2_words, format_usd};
use crate::render::geom::Rect;
use crate::render::ink::{ink_or_position, needs_note, NO_FAMILY_NOTE};
use crate::render::labels::text_size;
use crate::routing::Metrics;

/// A panel of the time/cost-distance chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Panel {
    /// Cumulative days against cumulative km (top).
    Time,
    /// Cumulative USD per FEU against cumulative km (bottom).
    Cost,
}

/// Line widths of the series, first widest, so that shared stretches show as nested stripes.
pub(crate) fn series_widths(n: usize, s: f64) -> Vec<f64> {
    let base = (3.0 * s).max(2.0);
    let step = if n > 1 {
        (2.5 * s).min(7.0 * s / (n - 1) as f64)
    } else {
        0.0
    };
    (0..n).map(|i| base + step * (n - 1 - i) as f64).collect()
}

/// Extra width of the vertical (zero-km) segments.
pub(crate) fn jump_extra(s: f64) -> f64 {
    (5.0 * s).max(3.0)
}

/// Legend text of a series: "Middle Corridor — 10,234 km, 18.3 d, $7,420, 6.9 t CO2e".
pub(crate) fn series_legend_text(s: &Series) -> String {
    let t = &s.route.total;
    format!(
        "{} — {} km, {:.1} d, {}{}",
        s.label,
        crate::text::grouped(t.km, 0),
        t.days(),
        format_usd(t.usd),
        co2_words(t.co2_kg)
    )
}

/// One panel's plot area and value axis.
pub(crate) struct PanelLayout {
    pub panel: Panel,
    pub plot: Rect,
    pub y: Axis,
}

impl PanelLayout {
    pub(crate) fn px(&self, x: &Axis, km: f64, v: f64) -> (f64, f64) {
        (
            self.plot.x0 + km / x.max * self.plot.width(),
            self.plot.y1 - v / self.y.max * self.plot.height(),
        )
    }

    pub(crate) fn value(&self, p: &Metrics) -> f64 {
        match self.panel {
            Panel::Time => p.days(),
            Panel::Cost => p.usd,
        }
    }
}

/// Legend box and its columns: one entry per series (its text wrapped at spaces to the
/// column), then the note on the grey when a series is grey, row-major.
pub(crate) struct LegendLayout {
    pub rect: Rect,
    pub cols: usize,
    pub col_w: f64,
    pub line_h: f64,
    pub pad: f64,
    pub swatch_w: f64,
    /// Each entry's lines.
    pub entries: Vec<Vec<String>>,
    /// The top of each row of entries, from the box's top inside its padding.
    pub row_tops: Vec<f64>,
}

impl LegendLayout {
    /// The top left of entry `i`'s first line, pixels.
    pub fn entry_at(&self, i: usize) -> (f64, f64) {
        let (row, col) = (i / self.cols, i % self.cols);
        (
            self.rect.x0 + self.pad + col as f64 * self.col_w,
            self.rect.y0 + self.pad + self.row_tops[row],
        )
    }
}

pub(crate) struct TcdLayout {
    pub sz: Sizes,
    pub words: Words,
    pub width: u32,
    pub height: u32,
    pub legend: LegendLayout,
    pub x: Axis,
    pub panels: [PanelLayout; 2],
    pub widths: Vec<f64>,
}

pub(crate) fn tcd_layout(caption: &Caption, series: &[Series], width_px: u32) -> TcdLayout {
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let words = Words::fit(caption, &sz, w);
    let points: Vec<Vec<Metrics>> = series.iter().map(|x| cumulative(&x.route)).collect();
    let fold =
        |f: &dyn Fn(&Metrics) -> f64| points.iter().flatten().map(f).fold(0.0f64, |a, b| a.max(b));
    let x = Axis::nice(fold(&|p| p.km), (w / 140.0).clamp(4.0, 10.0));
    let y_time = Axis::nice(fold(&|p| p.days()), 8.0);
    let y_cost = Axis::nice(fold(&|p| p.usd), 8.0);

    // Legend: as many columns as fit, row-major; an entry wider than the chart wraps.
    let line_h = (sz.legend_px * 1.7).round();
    let pad = (10.0 * s).max(6.0);
    let swatch_w = (36.0 * s).max(24.0);
    let avail = w - 2.0 * m - 2.0 * pad;
    let text_room = avail - swatch_w - 10.0 * s - 24.0 * s;
    let mut entries: Vec<Vec<String>> = series
        .iter()
        .map(|x| wrap(&series_legend_text(x), sz.legend_px, text_room, false))
        .collect();
    let grey = needs_note(
        series
            .iter()
            .enumerate()
            .map(|(i, x)| ink_or_position(x.ink, i)),
    );
    if grey {
        entries.push(vec![NO_FAMILY_NOTE.to_string()]);
    }
    let entry_w = entries
        .iter()
        .flatten()
        .map(|l| text_size(l, sz.legend_px).0)
        .fold(0.0f64, f64::max)
        + swatch_w
        + 10.0 * s
        + 24.0 * s;
    let cols = ((avail / entry_w).floor() as usize).clamp(1, entries.len().max(1));
    let mut row_tops = Vec::new();
    let mut y_in = 0.0;
    for row in entries.chunks(cols) {
        row_tops.push(y_in);
        y_in += line_h * row.iter().map(Vec::len).max().unwrap_or(1) as f64;
    }
    let legend_rect = Rect::from_xywh(
        m,
        words.title_h(&sz),
        (cols as f64 * entry_w + 2.0 * pad).min(w - 2.0 * m).ceil(),
        (y_in + 2.0 * pad).ceil(),
    );

    // Plot areas: y tick labels and the rotated axis title on the left.
    let tick_w = [y_time, y_cost]
        .iter()
        .flat_map(|a| a.ticks().into_iter().map(|v| a.label(v)))
        .map(|t| text_size(&t, sz.tick_px).0)
        .fold(0.0f64, f64::max);
    let left = (m + sz.axis_px * 1.6 + tick_w + 10.0 * s).round();
    let last_x_label = text_size(&x.label(*x.ticks().last().unwrap_or(&0.0)), sz.tick_px).0;
    let right = (w - m - last_x_label / 2.0).round();
    let plot_h = (0.27 * w).max(160.0).round();
    let heading_h = (sz.heading_px * 2.0).round();
    let below_h = (sz.tick_px * 1.6 + sz.axis_px * 1.8 + 8.0 * s).round();
    let mut y = legend_rect.y1 + (14.0 * s).round();
    let mut panel = |p: Panel, a: Axis| {
        let plot = Rect::from_xywh(left, y + heading_h, right - left, plot_h);
        y = plot.y1 + below_h + (10.0 * s).round();
        PanelLayout {
            panel: p,
            plot,
            y: a,
        }
    };
    let panels = [panel(Panel::Time, y_time), panel(Panel::Cost, y_cost)];
    let height = (panels[1].plot.y1 + below_h + words.credit_h(&sz) + m / 2.0).round() as u32;
    TcdLayout {
        widths: series_widths(series.len(), s),
        sz,
        words,
        width,
        height,
        legend: LegendLayout {
            rect: legend_rect,
            cols,
            col_w: entry_w,
            line_h,
            pad,
            swatch_w,
            entries,
            row_tops,
        },
        x,
        panels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_decrease() {
        let w = series_widths(4, 1.0);
        assert!(w.windows(2).all(|p| p[0] > p[1]));
        assert!(w[3] >= 2.0);
        assert_eq!(series_widths(1, 1.0).len(), 1);
    }
}
