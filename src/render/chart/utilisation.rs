//! The utilisation chart of an assignment (`corridor assign --figures`): one horizontal bar per
//! capacitated element, its length the utilisation (load with background over capacity), red when
//! the element is saturated, with the utilisation cap and 100 % marked and each bar labelled with
//! its hours (fixed → now).

use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, TextStyle};

use crate::render::style::{canvas, halo_text, LOAD, SATURATED};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The row's label (the element and its direction).
    pub label: String,
    /// Utilisation (1 = capacity).
    pub utilisation: f64,
    /// Saturated in some month.
    pub saturated: bool,
    /// The text after the bar ("72 → 482.7 h").
    pub note: String,
}

/// The text of this chart (a shade lighter than the other figures' ink).
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID: RGBColor = RGBColor(0xbb, 0xbb, 0xbb);

/// Renders the chart: `title` above, the bars in the given order, utilisation from 0 to the
/// largest of 120 % and the largest bar (the axis is labelled in per cent), 100 % marked and the
/// utilisation cap too when there is one (queues in steady state).
pub fn render_utilisation(title: &str, bars: &[Bar], cap: Option<f64>, width_px: u32) -> String {
    let width = width_px.max(500);
    let s = f64::from(width) / 1000.0;
    let row = (26.0 * s).round();
    let top = (70.0 * s).round();
    let label_w = (300.0 * s).round();
    let note_w = (190.0 * s).round();
    let bottom = (50.0 * s).round();
    let height = (top + row * bars.len() as f64 + bottom).round() as u32;
    let x0 = label_w;
    let x1 = f64::from(width) - note_w;
    let max_u = bars
        .iter()
        .map(|b| b.utilisation)
        .fold(1.2_f64, f64::max)
        .min(10.0);
    let x = |u: f64| x0 + (x1 - x0) * (u.clamp(0.0, max_u) / max_u);
    let style = |px: f64, c: RGBColor, h: HPos| -> TextStyle<'static> {
        ("sans-serif", px * s)
            .into_font()
            .color(&c)
            .pos(Pos::new(h, VPos::Center))
    };
    let svg = canvas((width, height), |area| {
        let _ = area.draw(&Text::new(
            title.to_string(),
            ((20.0 * s) as i32, (28.0 * s) as i32),
            style(22.0, INK, HPos::Left),
        ));
        let axis_y = top + row * bars.len() as f64;
        // Grid at every 20 %, the cap and 100 % drawn stronger.
        let mut u = 0.0;
        while u <= max_u + 1e-9 {
            let gx = x(u).round() as i32;
            let _ = area.draw(&PathElement::new(
                vec![(gx, top as i32 - 4), (gx, axis_y as i32)],
                GRID.stroke_width(1),
            ));
            let _ = area.draw(&Text::new(
                format!("{:.0} %", 100.0 * u),
                (gx, (axis_y + 16.0 * s) as i32),
                style(13.0, INK, HPos::Center),
            ));
            u += 0.2;
        }
        let marks = cap
            .map(|c| (c, format!("cap {:.0} %", 100.0 * c)))
            .into_iter()
            .chain([(1.0, "capacity".to_string())]);
        for (v, label) in marks {
            let gx = x(v).round() as i32;
            let _ = area.draw(&PathElement::new(
                vec![(gx, top as i32 - 10), (gx, axis_y as i32)],
                SATURATED.stroke_width((2.0 * s).round().max(1.0) as u32),
            ));
            if !label.is_empty() {
                let _ = area.draw(&Text::new(
                    label,
                    (gx, (top - 20.0 * s) as i32),
                    style(13.0, SATURATED, HPos::Right),
                ));
            }
        }
        for (i, b) in bars.iter().enumerate() {
            let y = top + row * i as f64;
            let mid = (y + row / 2.0) as i32;
            let _ = area.draw(&Text::new(
                b.label.clone(),
                ((label_w - 10.0 * s) as i32, mid),
                style(14.0, INK, HPos::Right),
            ));
            let colour = if b.saturated { SATURATED } else { LOAD };
            let _ = area.draw(&Rectangle::new(
                [
                    (x0.round() as i32, (y + 4.0 * s) as i32),
                    (
                        x(b.utilisation).round().max(x0 + 1.0) as i32,
                        (y + row - 4.0 * s) as i32,
                    ),
                ],
                colour.filled(),
            ));
            let over = if b.utilisation > max_u { " ▸" } else { "" };
            let _ = area.draw(&Text::new(
                format!("{:.0} %{over}  {}", 100.0 * b.utilisation, b.note),
                ((x1 + 8.0 * s) as i32, mid),
                style(13.0, INK, HPos::Left),
            ));
        }
    });
    halo_text(&svg)
}
