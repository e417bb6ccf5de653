//! The Pareto chart ([`render_pareto`]): door-to-door days against USD per FEU, the
//! non-dominated routes joined by the staircase of the front, dominated ones in grey.

use plotters::style::text_anchor::{HPos, VPos};

use crate::render::chart::axis::Axis;
use crate::render::chart::frame::{render_message, DaysFrame, Sizes};
use crate::render::format::format_usd;
use crate::render::geom::Rect;
use crate::render::labels::{shorten, text_size};
use crate::render::style::{
    canvas, draw_line, draw_text, fill_square, round_joins_and_halo, route_colour, text_style,
    to_i, INK, MUTED,
};

/// One route on a Pareto chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoPoint {
    /// What it is ("Northern corridor", "sea via Suez").
    pub label: String,
    /// Door-to-door days.
    pub days: f64,
    /// USD per FEU.
    pub usd: f64,
    /// On the front (drawn in colour and joined by the staircase) or dominated (grey).
    pub on_front: bool,
}

/// Days against USD per FEU: the non-dominated routes joined by the staircase of the front, each
/// point labelled, dominated routes for context in grey. An empty input gives a chart saying "no
/// routes".
pub fn render_pareto(title: &str, points: &[ParetoPoint], width_px: u32) -> String {
    if points.is_empty() {
        return render_message(title, "no routes", width_px);
    }
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let height = (0.62 * w).round();
    let title_h = (sz.title_px * 2.2).round();
    let left = (m + sz.axis_px * 1.6 + 70.0 * s).round();
    let right = w - m - 10.0 * s;
    let top = m + title_h + 10.0 * s;
    let bottom = height - m - sz.tick_px * 1.6 - sz.axis_px * 1.8;
    let x_axis = Axis::nice(points.iter().map(|p| p.days).fold(0.0, f64::max), 6.0);
    let y_axis = Axis::nice(points.iter().map(|p| p.usd).fold(0.0, f64::max), 5.0);
    let x = |d: f64| left + (right - left) * d / x_axis.max;
    let y = |u: f64| bottom - (bottom - top) * u / y_axis.max;
    let svg = canvas((width, height as u32), |area| {
        let y_ticks: Vec<(f64, String)> = y_axis
            .ticks()
            .into_iter()
            .map(|v| (y(v), format_usd(v)))
            .collect();
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
            y_title: "USD per FEU",
            width: w,
            x_title_y: height - m,
        };
        frame.draw(area, &sz);
        // The front's staircase: from each point right to the next one's days, then down.
        let mut front: Vec<&ParetoPoint> = points.iter().filter(|p| p.on_front).collect();
        front.sort_by(|a, b| a.days.total_cmp(&b.days));
        let mut stairs = Vec::new();
        for (i, p) in front.iter().enumerate() {
            stairs.push(to_i((x(p.days), y(p.usd))));
            if let Some(n) = front.get(i + 1) {
                stairs.push(to_i((x(n.days), y(p.usd))));
            }
        }
        draw_line(area, &stairs, route_colour(0), 2.0 * s);
        let label = text_style(sz.label_px, INK, false, HPos::Left, VPos::Bottom);
        let r = (5.0 * s).max(3.0);
        for p in points {
            let (cx, cy) = (x(p.days), y(p.usd));
            let colour = if p.on_front { route_colour(0) } else { MUTED };
            fill_square(area, (cx, cy), r, colour);
            let text = format!("{} ({:.1} d, {})", p.label, p.days, format_usd(p.usd));
            // Right of the point, or left of it where the right side has no room.
            let room_right = right - cx - 2.0 * r;
            if text_size(&text, sz.label_px).0 <= room_right || room_right >= cx - left {
                let text = shorten(&text, sz.label_px, room_right.max(60.0 * s));
                draw_text(area, &text, (cx + 2.0 * r, cy - r), &label);
            } else {
                let text = shorten(&text, sz.label_px, (cx - left - 2.0 * r).max(60.0 * s));
                let left_label = text_style(sz.label_px, INK, false, HPos::Right, VPos::Bottom);
                draw_text(area, &text, (cx - 2.0 * r, cy - r), &left_label);
            }
        }
    });
    round_joins_and_halo(&svg)
}
