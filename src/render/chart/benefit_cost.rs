//! The benefit–cost chart of an investment appraisal (`corridor invest --figures`): one
//! horizontal bar per project, best first, its length the benefit–cost ratio, a dashed line at
//! BCR = 1 (the bars reaching past it return more than they cost), the projects of the chosen
//! portfolio in the load colour and the others grey; each bar labelled with its project and a
//! note (BCR, NPV).

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use crate::render::caption::Caption;
use crate::render::chart::bar_rows::{BarRows, ValueAxis};
use crate::render::chart::frame::{Sizes, Words};
use crate::render::style::{
    canvas, draw_line, draw_text, fill_rect, round_joins_and_halo, text_style, INK, LOAD,
};

/// One project's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BcrBar {
    /// The project's label.
    pub label: String,
    /// Its benefit–cost ratio (0 when it has no cost in the horizon).
    pub bcr: f64,
    /// Whether it is drawn in the load colour (in the chosen portfolio, or every bar when there
    /// is none), else grey.
    pub chosen: bool,
    /// The text after the bar ("BCR 6.96 · NPV USD 246 M").
    pub note: String,
}

/// A project outside the portfolio.
const OTHER: RGBColor = RGBColor(0x9e, 0x9e, 0x9e);

/// Renders the chart: the caption's title above, the bars in the given order on an axis of BCR
/// from 0 to the largest (at least 1), the BCR = 1 line dashed, the credit below.
pub fn render_benefit_cost(caption: &Caption, bars: &[BcrBar], width_px: u32) -> String {
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
    let (top, x0, x1, axis_y, small) = (r.top, r.x0, r.x1, r.axis_y, r.small);
    let finite = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    // At least to BCR 1, so that the line at 1 is always on the axis.
    let axis = ValueAxis::new(bars.iter().map(|b| finite(b.bcr)).fold(1.0_f64, f64::max));
    let x = |v: f64| r.x(&axis, v);
    let svg = canvas((width, height as u32), |area| {
        words.draw_title(area, &sz);
        words.draw_credit(area, &sz, height);
        let tick = text_style(small, INK, false, HPos::Center, VPos::Top);
        r.draw_ticks(area, &axis);
        draw_text(
            area,
            "benefit–cost ratio (PV benefits / PV costs); dashed: BCR = 1",
            ((x0 + x1) / 2.0, axis_y + 26.0 * s),
            &tick,
        );
        r.draw(area, |area, i, mid| {
            let b = &bars[i];
            fill_rect(
                area,
                r.bar(mid, x(b.bcr)),
                if b.chosen { LOAD } else { OTHER },
            );
            b.note.clone()
        });
        // BCR = 1, dashed, over the bars.
        let one = x(1.0).round() as i32;
        let dash = (6.0 * s).max(3.0) as i32;
        let mut y = top as i32 - 4;
        while y < axis_y as i32 {
            let end = (y + dash).min(axis_y as i32);
            draw_line(area, &[(one, y), (one, end)], INK, (1.5 * s).max(1.0));
            y += 2 * dash;
        }
    });
    round_joins_and_halo(&svg)
}
