//! The reliability chart ([`render_cdf`]): for each route the share of shipments arrived within
//! x days (its transit-time distribution from the 1st to the 99th percentile), P50 and P90
//! marked, and a legend below the plot with both numbers.

use plotters::style::text_anchor::{HPos, VPos};

use crate::render::chart::axis::Axis;
use crate::render::chart::frame::{render_message, DaysFrame, Sizes};
use crate::render::geom::Rect;
use crate::render::labels::shorten;
use crate::render::style::{
    canvas, draw_line, draw_text, fill_square, round_joins_and_halo, route_colour, text_style,
    to_i, INK,
};

/// One route's transit-time distribution on the reliability chart.
#[derive(Debug, Clone, PartialEq)]
pub struct CdfSeries {
    /// Legend label.
    pub label: String,
    /// Days at percentiles 1…99.
    pub cdf: Vec<f64>,
    /// Median days.
    pub p50: f64,
    /// 90th-percentile days.
    pub p90: f64,
}

/// The reliability chart: for each route the share of shipments arriving within x days (its
/// distribution function from the 1st to the 99th percentile), P50 and P90 marked, and a legend
/// with both numbers.
pub fn render_cdf(title: &str, series: &[CdfSeries], width_px: u32) -> String {
    if series.is_empty() || series.iter().any(|s| s.cdf.len() != 99) {
        return render_message(title, "no routes", width_px);
    }
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let plot_height = (0.55 * w).round();
    let line_h = sz.label_px * 1.6;
    // The legend sits below the plot, one line per route, so it never covers a curve.
    let height = (plot_height + line_h * series.len() as f64 + 12.0 * s).round();
    let title_h = (sz.title_px * 2.2).round();
    let left = (m + sz.axis_px * 1.6 + 40.0 * s).round();
    let right = w - m - 10.0 * s;
    let top = m + title_h + 10.0 * s;
    let bottom = plot_height - m - sz.tick_px * 1.6 - sz.axis_px * 1.8;
    let max_days = series
        .iter()
        .flat_map(|x| x.cdf.iter().copied())
        .fold(0.0, f64::max);
    let x_axis = Axis::nice(max_days, 6.0);
    let x = |d: f64| left + (right - left) * d / x_axis.max;
    let y = |p: f64| bottom - (bottom - top) * p / 100.0;
    let svg = canvas((width, height as u32), |area| {
        let y_ticks: Vec<(f64, String)> = [0.0, 25.0, 50.0, 75.0, 90.0, 100.0]
            .map(|p: f64| (y(p), format!("{p:.0} %")))
            .to_vec();
        let frame = DaysFrame {
            title,
            plot: Rect {
                x0: left,
                y0: top,
                x1: right,
                y1: bottom,
            },
            x_axis: &x_axis,
            y_ticks: &y_ticks,
            y_title: "shipments arrived",
            width: w,
            x_title_y: plot_height - m,
        };
        frame.draw(area, &sz);
        let r = (4.0 * s).max(2.5);
        let legend = text_style(sz.label_px, INK, false, HPos::Left, VPos::Center);
        for (i, c) in series.iter().enumerate() {
            let colour = route_colour(i);
            let pts: Vec<(i32, i32)> = c
                .cdf
                .iter()
                .enumerate()
                .map(|(k, &d)| to_i((x(d), y(k as f64 + 1.0))))
                .collect();
            draw_line(area, &pts, colour, 2.0 * s);
            for (d, p) in [(c.p50, 50.0), (c.p90, 90.0)] {
                fill_square(area, (x(d), y(p)), r, colour);
            }
            let ly = plot_height + 4.0 * s + line_h * (i as f64 + 0.5);
            draw_line(
                area,
                &[to_i((left + 10.0 * s, ly)), to_i((left + 30.0 * s, ly))],
                colour,
                2.5 * s,
            );
            let text = format!("{} · P50 {:.1} d · P90 {:.1} d", c.label, c.p50, c.p90);
            let text = shorten(&text, sz.label_px, right - left - 50.0 * s);
            draw_text(area, &text, (left + 36.0 * s, ly), &legend);
        }
    });
    round_joins_and_halo(&svg)
}
