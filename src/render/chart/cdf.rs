//! The reliability chart ([`render_cdf`]): for each route the share of shipments arrived within
//! x days (its transit-time distribution from the 1st to the 99th percentile), P50 and P90
//! marked, and a legend below the plot with both numbers, each route in its corridor family's
//! colour (routes of one family told apart by their dashes).

use plotters::style::text_anchor::{HPos, VPos};

use crate::render::caption::{wrap, Caption};
use crate::render::chart::axis::Axis;
use crate::render::chart::frame::{render_message, DaysFrame, Sizes, Words};
use crate::render::geom::Rect;
use crate::render::ink::{draw_route_line, ink_or_position, needs_note, RouteInk, NO_FAMILY_NOTE};
use crate::render::style::{
    canvas, draw_text, fill_square, round_joins_and_halo, text_style, to_i, INK, MUTED,
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
    /// Its corridor family's colour and variant; `None`: by position.
    pub ink: Option<RouteInk>,
}

/// The reliability chart: for each route the share of shipments arriving within x days (its
/// distribution function from the 1st to the 99th percentile), P50 and P90 marked, and a legend
/// with both numbers, its entries wrapped (never cut) to the plot's width.
pub fn render_cdf(caption: &Caption, series: &[CdfSeries], width_px: u32) -> String {
    if series.is_empty() || series.iter().any(|s| s.cdf.len() != 99) {
        return render_message(caption, "no routes", width_px);
    }
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let words = Words::fit(caption, &sz, w);
    let line_h = (sz.label_px * 1.35).round();
    let left = (m + sz.axis_px * 1.6 + 40.0 * s).round();
    let right = w - m - 10.0 * s;
    let inks: Vec<RouteInk> = series
        .iter()
        .enumerate()
        .map(|(i, c)| ink_or_position(c.ink, i))
        .collect();
    // The legend sits below the plot, one entry per route, so it never covers a curve.
    let text_w = right - left - 50.0 * s;
    let mut entries: Vec<Vec<String>> = series
        .iter()
        .map(|c| {
            let text = format!("{} · P50 {:.1} d · P90 {:.1} d", c.label, c.p50, c.p90);
            wrap(&text, sz.label_px, text_w, false)
        })
        .collect();
    if needs_note(inks.iter().copied()) {
        entries.push(vec![NO_FAMILY_NOTE.to_string()]);
    }
    let legend_lines: usize = entries.iter().map(Vec::len).sum();
    let top = (words.title_h(&sz) + 10.0 * s).round();
    let bottom = (top + 0.36 * w).round();
    let x_title_y = (bottom + sz.tick_px * 1.6 + sz.axis_px * 1.8).round();
    let legend_top = x_title_y + 10.0 * s;
    let height = (legend_top
        + line_h * legend_lines as f64
        + 4.0 * s * entries.len() as f64
        + words.credit_h(&sz)
        + m / 2.0)
        .round();
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
            words: &words,
            plot: Rect {
                x0: left,
                y0: top,
                x1: right,
                y1: bottom,
            },
            x_axis: &x_axis,
            y_ticks: &y_ticks,
            y_title: "shipments arrived",
            height,
            x_title_y,
        };
        frame.draw(area, &sz);
        let r = (4.0 * s).max(2.5);
        for (c, ink) in series.iter().zip(&inks) {
            let pts: Vec<(i32, i32)> = c
                .cdf
                .iter()
                .enumerate()
                .map(|(k, &d)| to_i((x(d), y(k as f64 + 1.0))))
                .collect();
            draw_route_line(area, &pts, *ink, 2.5 * s);
            for (d, p) in [(c.p50, 50.0), (c.p90, 90.0)] {
                fill_square(area, (x(d), y(p)), r, ink.colour);
            }
        }
        let mut ly = legend_top;
        for (i, lines) in entries.iter().enumerate() {
            let mid = ly + line_h / 2.0;
            // A route's entry has its swatch; the note on the grey has none.
            let colour = match inks.get(i) {
                Some(ink) => {
                    let swatch = [to_i((left + 10.0 * s, mid)), to_i((left + 40.0 * s, mid))];
                    draw_route_line(area, &swatch, *ink, 2.5 * s);
                    INK
                }
                None => MUTED,
            };
            let text = text_style(sz.label_px, colour, false, HPos::Left, VPos::Center);
            for (k, l) in lines.iter().enumerate() {
                let at = (left + 46.0 * s, mid + k as f64 * line_h);
                draw_text(area, l, at, &text);
            }
            ly += line_h * lines.len() as f64 + 4.0 * s;
        }
    });
    round_joins_and_halo(&svg)
}
