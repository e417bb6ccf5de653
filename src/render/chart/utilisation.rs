//! The utilisation chart of an assignment (`corridor assign --figures`): one horizontal bar per
//! capacitated element, labelled with its name (wrapped at spaces, never cut), its length the
//! utilisation (load with background over capacity), red when the element is saturated, with the
//! utilisation cap and 100 % marked and each bar labelled with its hours (fixed → now).

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use crate::render::caption::Caption;
use crate::render::chart::bar_rows::BarRows;
use crate::render::chart::frame::{Sizes, Words};
use crate::render::style::{
    canvas, draw_line, draw_text, fill_rect, round_joins_and_halo, text_style, INK, LOAD, SATURATED,
};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The row's label (the element's name and its direction).
    pub label: String,
    /// Utilisation (1 = capacity).
    pub utilisation: f64,
    /// Saturated in some month.
    pub saturated: bool,
    /// The text after the bar ("72 → 482.7 h").
    pub note: String,
}

const GRID: RGBColor = RGBColor(0xbb, 0xbb, 0xbb);

/// Renders the chart: the caption's title above, the bars in the given order, utilisation from 0
/// to the largest of 120 % and the largest bar (the axis is labelled in per cent), 100 % marked
/// and the utilisation cap too when there is one (queues in steady state), the credit below.
pub fn render_utilisation(
    caption: &Caption,
    bars: &[Bar],
    cap: Option<f64>,
    width_px: u32,
) -> String {
    let width = width_px.max(500);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = f64::from(width);
    let words = Words::fit(caption, &sz, w);
    // The labels' column: as wide as the longest label, at most a third of the chart; longer
    // labels wrap onto more lines (the row grows).
    let r = BarRows::new(
        &sz,
        &words,
        w,
        bars.iter().map(|b| b.label.as_str()),
        bars.iter().map(|b| note_text(b, 0.0)),
    );
    let (top, x0, x1, axis_y, small) = (r.top, r.x0, r.x1, r.axis_y, r.small);
    let height = (axis_y + 30.0 * s + words.credit_h(&sz) + sz.margin / 2.0).round();
    let max_u = bars
        .iter()
        .map(|b| b.utilisation)
        .fold(1.2_f64, f64::max)
        .min(10.0);
    let x = |u: f64| x0 + (x1 - x0) * (u.clamp(0.0, max_u) / max_u);
    let svg = canvas((width, height as u32), |area| {
        words.draw_title(area, &sz);
        words.draw_credit(area, &sz, height);
        // Grid at every 20 %, the cap and 100 % drawn stronger.
        let tick = text_style(small, INK, false, HPos::Center, VPos::Top);
        let mut u = 0.0;
        while u <= max_u + 1e-9 {
            let gx = x(u).round() as i32;
            draw_line(
                area,
                &[(gx, top as i32 - 4), (gx, axis_y as i32)],
                GRID,
                1.0,
            );
            let label = format!("{:.0} %", 100.0 * u);
            draw_text(area, &label, (x(u), axis_y + 6.0 * s), &tick);
            u += 0.2;
        }
        let marks = cap
            .map(|c| (c, format!("cap {:.0} %", 100.0 * c)))
            .into_iter()
            .chain([(1.0, "capacity".to_string())]);
        let red = text_style(small, SATURATED, false, HPos::Right, VPos::Bottom);
        for (v, label) in marks {
            let gx = x(v).round() as i32;
            draw_line(
                area,
                &[(gx, top as i32 - 10), (gx, axis_y as i32)],
                SATURATED,
                (2.0 * s).max(1.0),
            );
            draw_text(area, &label, (x(v) - 3.0 * s, top - 12.0 * s), &red);
        }
        r.draw(area, |area, i, mid| {
            let b = &bars[i];
            let colour = if b.saturated { SATURATED } else { LOAD };
            fill_rect(area, r.bar(mid, x(b.utilisation)), colour);
            note_text(b, max_u)
        });
    });
    round_joins_and_halo(&svg)
}

/// The text after a bar: "108 %  72.0 → 101.9 h", with "▸" when the bar runs past the axis.
fn note_text(b: &Bar, max_u: f64) -> String {
    let over = if b.utilisation > max_u { " ▸" } else { "" };
    format!("{:.0} %{over}  {}", 100.0 * b.utilisation, b.note)
}
