//! The tornado chart of a sensitivity screening (`corridor sensitivity --figures`): one
//! horizontal bar per input, largest first, its length the input's μ* (the mean absolute change
//! of the answer across its range), a whisker of ± σ around the bar's end, red when the input's
//! range can flip the answer's sign; each bar labelled with its input (wrapped, never cut) and
//! its μ* and σ.

use plotters::style::text_anchor::{HPos, VPos};

use crate::render::caption::Caption;
use crate::render::chart::bar_rows::{BarRows, ValueAxis};
use crate::render::chart::frame::{Sizes, Words};
use crate::render::style::{
    canvas, draw_line, draw_text, fill_rect, round_joins_and_halo, text_style, INK, LOAD, SATURATED,
};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// The input ("kuryk-alat.wait_hours").
    pub label: String,
    /// Its μ*.
    pub mu_star: f64,
    /// Its σ.
    pub sigma: f64,
    /// Whether its range can flip the answer's sign.
    pub flips: bool,
    /// The text after the bar ("μ* 1.23 · σ 0.10").
    pub note: String,
}

/// Renders the chart: the caption's title above, the bars in the given order on an axis of the
/// answer's `unit` from 0 to the largest μ* + σ, the credit below.
pub fn render_tornado(caption: &Caption, bars: &[TornadoBar], unit: &str, width_px: u32) -> String {
    let width = width_px.max(500);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = f64::from(width);
    let words = Words::fit(caption, &sz, w);
    let (r, height) = BarRows::on_value_axis(
        &sz,
        &words,
        w,
        bars.iter().map(|b| b.label.as_str()),
        bars.iter().map(|b| b.note.clone()),
    );
    let (x0, x1, axis_y, small) = (r.x0, r.x1, r.axis_y, r.small);
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let axis = ValueAxis::new(
        bars.iter()
            .map(|b| finite(b.mu_star) + finite(b.sigma))
            .fold(0.0_f64, f64::max),
    );
    let x = |v: f64| r.x(&axis, v);
    let svg = canvas((width, height as u32), |area| {
        words.draw_title(area, &sz);
        words.draw_credit(area, &sz, height);
        let tick = text_style(small, INK, false, HPos::Center, VPos::Top);
        r.draw_ticks(area, &axis);
        let axis_label = format!("μ* (mean absolute change across the range), {unit}; whisker ± σ");
        draw_text(
            area,
            &axis_label,
            ((x0 + x1) / 2.0, axis_y + 26.0 * s),
            &tick,
        );
        r.draw(area, |area, i, mid| {
            let b = &bars[i];
            fill_rect(
                area,
                r.bar(mid, x(b.mu_star)),
                if b.flips { SATURATED } else { LOAD },
            );
            if finite(b.sigma) > 0.0 {
                let (a, c) = (
                    x(b.mu_star - b.sigma).round() as i32,
                    x(b.mu_star + b.sigma).round() as i32,
                );
                let (m, t) = (mid.round() as i32, (r.bar_h() / 3.0).round() as i32);
                let stroke = (1.5 * s).max(1.0);
                draw_line(area, &[(a, m), (c, m)], INK, stroke);
                draw_line(area, &[(a, m - t), (a, m + t)], INK, stroke);
                draw_line(area, &[(c, m - t), (c, m + t)], INK, stroke);
            }
            b.note.clone()
        });
    });
    round_joins_and_halo(&svg)
}
