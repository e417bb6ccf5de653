//! The Pareto chart ([`render_pareto`]): door-to-door days against USD per FEU, the
//! non-dominated routes joined by the staircase of the front, each point in its corridor
//! family's colour (filled on the front, hollow off it), with a key under the title.

use plotters::style::text_anchor::{HPos, VPos};

use crate::render::caption::{wrap, Caption};
use crate::render::chart::axis::Axis;
use crate::render::chart::frame::{render_message, DaysFrame, Sizes, Words};
use crate::render::format::format_usd;
use crate::render::geom::Rect;
use crate::render::ink::{ink_or_position, needs_note, RouteInk, NO_FAMILY_NOTE};
use crate::render::labels::{place_labels, text_size, LabelRequest};
use crate::render::style::{
    canvas, draw_line, draw_text, fill_square, outline_rect, round_joins_and_halo, text_style,
    to_i, Area, INK, MUTED,
};

/// One route on a Pareto chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoPoint {
    /// What it is ("Northern corridor", "Sea via Suez").
    pub label: String,
    /// Door-to-door days.
    pub days: f64,
    /// USD per FEU.
    pub usd: f64,
    /// On the front (filled, joined by the staircase) or dominated (hollow).
    pub on_front: bool,
    /// Its corridor family's colour; `None`: by position.
    pub ink: Option<RouteInk>,
}

/// Days against USD per FEU: the non-dominated routes joined by the staircase of the front, each
/// point labelled (on up to two lines, never cut) in its family's colour, filled on the front and
/// hollow off it, and a key saying so. An empty input gives a chart saying "no routes".
pub fn render_pareto(caption: &Caption, points: &[ParetoPoint], width_px: u32) -> String {
    if points.is_empty() {
        return render_message(caption, "no routes", width_px);
    }
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let words = Words::fit(caption, &sz, w);
    let key_y = words.title_h(&sz) + sz.legend_px * 0.6;
    let top = (key_y + sz.legend_px * 2.4).round();
    let plot_h = (0.46 * w).round();
    let bottom = top + plot_h;
    let x_title_y = (bottom + sz.tick_px * 1.6 + sz.axis_px * 1.8).round();
    let height = (x_title_y + 6.0 * s + words.credit_h(&sz) + m / 2.0).round();
    let left = (m + sz.axis_px * 1.6 + 70.0 * s).round();
    let right = w - m - 10.0 * s;
    let x_axis = Axis::nice(points.iter().map(|p| p.days).fold(0.0, f64::max), 6.0);
    let y_axis = Axis::nice(points.iter().map(|p| p.usd).fold(0.0, f64::max), 5.0);
    let x = |d: f64| left + (right - left) * d / x_axis.max;
    let y = |u: f64| bottom - (bottom - top) * u / y_axis.max;
    let inks: Vec<RouteInk> = points
        .iter()
        .enumerate()
        .map(|(i, p)| ink_or_position(p.ink, i))
        .collect();
    let svg = canvas((width, height as u32), |area| {
        let y_ticks: Vec<(f64, String)> = y_axis
            .ticks()
            .into_iter()
            .map(|v| (y(v), format_usd(v)))
            .collect();
        let plot = Rect {
            x0: left,
            y0: top,
            x1: right,
            y1: bottom,
        };
        let frame = DaysFrame {
            words: &words,
            plot,
            x_axis: &x_axis,
            y_ticks: &y_ticks,
            y_title: "USD per FEU",
            height,
            x_title_y,
        };
        frame.draw(area, &sz);
        draw_key(area, &sz, (left, key_y), needs_note(inks.iter().copied()));
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
        draw_line(area, &stairs, MUTED, 1.5 * s);
        let r = (5.0 * s).max(3.0);
        let centres: Vec<(f64, f64)> = points.iter().map(|p| (x(p.days), y(p.usd))).collect();
        for ((p, c), ink) in points.iter().zip(&centres).zip(&inks) {
            draw_point(area, *c, r, p.on_front, ink);
        }
        let lines: Vec<Rect> = stairs
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                Rect {
                    x0: f64::from(a.0.min(b.0)),
                    y0: f64::from(a.1.min(b.1)),
                    x1: f64::from(a.0.max(b.0)),
                    y1: f64::from(a.1.max(b.1)),
                }
                .inflate(2.0 * s)
            })
            .collect();
        draw_labels(area, &sz, points, (&centres, &lines), plot, r);
    });
    round_joins_and_halo(&svg)
}

/// A point: a filled square on the front, a hollow one (2 px outline) off it.
fn draw_point(area: &Area, c: (f64, f64), r: f64, on_front: bool, ink: &RouteInk) {
    if on_front {
        fill_square(area, c, r, ink.colour);
    } else {
        let b = Rect::from_xywh(c.0 - r, c.1 - r, 2.0 * r, 2.0 * r);
        fill_square(area, c, r, plotters::style::WHITE);
        outline_rect(area, b, ink.colour, 2);
    }
}

/// The key under the title: filled squares are on the front, hollow ones a corridor's fastest
/// route off it, colours the corridor families' (and the grey, when drawn).
fn draw_key(area: &Area, sz: &Sizes, (x0, y): (f64, f64), grey: bool) {
    let s = sz.s;
    let r = (5.0 * s).max(3.0);
    let style = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Center);
    let ink = RouteInk {
        colour: MUTED,
        variant: 0,
        in_family: true,
    };
    let mut x = x0;
    for (on_front, text) in [
        (true, "on the time–cost front (joined by its staircase)"),
        (false, "a corridor's fastest route, off the front"),
    ] {
        draw_point(area, (x + r, y), r, on_front, &ink);
        draw_text(area, text, (x + 2.0 * r + 6.0 * s, y), &style);
        x += 2.0 * r + 6.0 * s + text_size(text, sz.legend_px).0 + 20.0 * s;
    }
    let colours = if grey {
        format!("colours: corridor families ({NO_FAMILY_NOTE})")
    } else {
        "colours: corridor families".to_string()
    };
    let muted = text_style(sz.legend_px, MUTED, false, HPos::Left, VPos::Center);
    draw_text(area, &colours, (x0, y + sz.legend_px * 1.4), &muted);
}

/// Each point's label, "name (days, USD)", beside its point where it overlaps no other label,
/// point or the staircase's `lines` and stays in the plot: on one line, else on two; a label that
/// fits nowhere is drawn to the point's right inside the plot.
fn draw_labels(
    area: &Area,
    sz: &Sizes,
    points: &[ParetoPoint],
    (centres, lines): (&[(f64, f64)], &[Rect]),
    plot: Rect,
    r: f64,
) {
    let px = sz.label_px;
    let line_h = (px * 1.25).round();
    let bounds = plot.inflate(-2.0);
    let markers: Vec<Rect> = centres
        .iter()
        .map(|c| Rect::from_xywh(c.0 - r, c.1 - r, 2.0 * r, 2.0 * r).inflate(1.0))
        .chain(lines.iter().copied())
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    let style = text_style(px, INK, false, HPos::Left, VPos::Top);
    for (p, c) in points.iter().zip(centres) {
        let text = format!("{} ({:.1} d, {})", p.label, p.days, format_usd(p.usd));
        let one = vec![text.clone()];
        let two = wrap(&text, px, text_size(&text, px).0 * 0.6, false);
        let mut chosen = None;
        for text_lines in [&one, &two] {
            let w = text_lines
                .iter()
                .map(|l| text_size(l, px).0)
                .fold(0.0, f64::max);
            let req = LabelRequest {
                anchor: *c,
                size: (w, line_h * text_lines.len() as f64 + 2.0),
                gap: r + 3.0,
            };
            let mut obstacles = placed.clone();
            obstacles.extend(markers.iter().copied());
            if let Some(Some(b)) = place_labels(&[req], bounds, &obstacles).first() {
                chosen = Some((text_lines.clone(), *b));
                break;
            }
        }
        let (text_lines, b) = chosen.unwrap_or_else(|| {
            let w = two.iter().map(|l| text_size(l, px).0).fold(0.0, f64::max);
            let x = (c.0 + r + 3.0).min(bounds.x1 - w).max(bounds.x0);
            (
                two.clone(),
                Rect::from_xywh(x, c.1 - r - line_h * 2.0, w, line_h * 2.0),
            )
        });
        for (i, l) in text_lines.iter().enumerate() {
            draw_text(
                area,
                l,
                (b.x0 + 1.0, b.y0 + 1.0 + i as f64 * line_h),
                &style,
            );
        }
        placed.push(b);
    }
}
