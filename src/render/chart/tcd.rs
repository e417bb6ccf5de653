//! The UNESCAP time/cost-distance chart ([`render_tcd`]): cumulative days (top panel) and
//! cumulative USD per FEU (bottom panel) against cumulative km, one line per route, its zero-km
//! steps (borders, transfers, waits) drawn as thicker vertical jumps and the largest labelled.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontTransform, RGBColor, WHITE};

use crate::render::caption::Caption;
use crate::render::chart::frame::{render_message, Sizes, AXIS, GRID};
use crate::render::chart::series::{cumulative, Series};
use crate::render::chart::tcd_labels::{jump_labels, label_hpos, JumpLabel};
use crate::render::chart::tcd_layout::{jump_extra, tcd_layout, Panel, PanelLayout, TcdLayout};
use crate::render::ink::{draw_route_line, ink_or_position};
use crate::render::style::{
    canvas, draw_line, draw_text, fill_rect, outline_rect, round_joins_and_halo, text_style, to_i,
    Area, INK, MUTED,
};

/// The stroke of the time/cost-distance chart's leader lines (1 px), a colour no other line of
/// the chart uses.
pub const LEADER: RGBColor = RGBColor(0x4A, 0x4A, 0x4A);

/// The legend's border.
const LEGEND_BORDER: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// Renders the UNESCAP time/cost-distance chart of `series` as SVG text. Same input, same
/// bytes.
///
/// Top panel: cumulative days against cumulative km; bottom panel: cumulative USD per FEU
/// against cumulative km; both panels use the same scales for all series. Each series is one
/// polyline through [`cumulative`] (steps in order, the origin first), so a zero-km step
/// (border, transfer, wait) is a vertical segment; these are redrawn thicker. `names` turns a
/// node id into the place name used in the jump labels. `width_px` is the SVG width (≥ 400;
/// [`FIGURE_WIDTH`](crate::render::style::FIGURE_WIDTH) suits an A4 page). Each series is drawn
/// in its ink (a family's colour; routes of one family dashed after the first). An empty
/// `series` gives a chart saying "no routes".
pub fn render_tcd(
    caption: &Caption,
    series: &[Series],
    names: &dyn Fn(&str) -> String,
    width_px: u32,
) -> String {
    if series.is_empty() {
        return render_message(caption, "no routes", width_px);
    }
    let lay = tcd_layout(caption, series, width_px);
    let labels = jump_labels(&lay, series, names);
    let svg = canvas((lay.width, lay.height), |area| {
        lay.words.draw_title(area, &lay.sz);
        lay.words.draw_credit(area, &lay.sz, lay.height as f64);
        draw_tcd_legend(area, &lay, series);
        for p in &lay.panels {
            draw_panel_frame(area, &lay, p);
            draw_series(area, &lay, p, series);
            draw_jump_labels(area, &lay.sz, p.panel, &labels);
        }
    });
    round_joins_and_halo(&svg)
}

/// The legend: each series' swatch and its text (on as many lines as it wrapped to), then the
/// note on the grey when a series is grey.
fn draw_tcd_legend(area: &Area, lay: &TcdLayout, series: &[Series]) {
    let lg = &lay.legend;
    let sz = &lay.sz;
    fill_rect(area, lg.rect, WHITE);
    outline_rect(area, lg.rect, LEGEND_BORDER, 1);
    let style = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Center);
    let extra = jump_extra(sz.s);
    for (i, lines) in lg.entries.iter().enumerate() {
        let (x, y) = lg.entry_at(i);
        let mid = y + 0.5 * lg.line_h;
        let text_x = x + lg.swatch_w + 10.0 * sz.s;
        let Some(sr) = series.get(i) else {
            // The note on the grey, muted, without a swatch.
            let muted = text_style(sz.legend_px, MUTED, false, HPos::Left, VPos::Center);
            draw_text(area, &lines.join(" "), (text_x, mid), &muted);
            continue;
        };
        let ink = ink_or_position(sr.ink, i);
        // A swatch in the chart's grammar: a rising line with a vertical jump.
        let (sx0, sx1) = (x, x + lg.swatch_w);
        let h = lg.line_h * 0.28;
        let xm = (sx0 + sx1) / 2.0;
        let pts = [
            to_i((sx0, mid + h)),
            to_i((xm, mid + h * 0.2)),
            to_i((xm, mid - h * 0.6)),
            to_i((sx1, mid - h)),
        ];
        draw_route_line(area, &pts, ink, lay.widths[i]);
        draw_line(area, &pts[1..3], ink.colour, lay.widths[i] + extra);
        for (k, l) in lines.iter().enumerate() {
            draw_text(area, l, (text_x, mid + k as f64 * lg.line_h), &style);
        }
    }
}

/// A panel's grid and ticks, its axes, and its heading and axis titles.
fn draw_panel_frame(area: &Area, lay: &TcdLayout, p: &PanelLayout) {
    let sz = &lay.sz;
    let s = sz.s;
    let tick_style_x = text_style(sz.tick_px, MUTED, false, HPos::Center, VPos::Top);
    let tick_style_y = text_style(sz.tick_px, MUTED, false, HPos::Right, VPos::Center);
    let axis_style = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Top);
    let heading_style = text_style(sz.heading_px, INK, true, HPos::Left, VPos::Bottom);
    let r = p.plot;
    // Grid and ticks.
    for v in lay.x.ticks() {
        let (x, _) = p.px(&lay.x, v, 0.0);
        let gx = x.round() as i32;
        draw_line(area, &[(gx, r.y0 as i32), (gx, r.y1 as i32)], GRID, 1.0);
        draw_text(area, &lay.x.label(v), (x, r.y1 + 6.0 * s), &tick_style_x);
    }
    for v in p.y.ticks() {
        let (_, y) = p.px(&lay.x, 0.0, v);
        let gy = y.round() as i32;
        draw_line(area, &[(r.x0 as i32, gy), (r.x1 as i32, gy)], GRID, 1.0);
        draw_text(area, &p.y.label(v), (r.x0 - 7.0 * s, y), &tick_style_y);
    }
    // Axes.
    let (x0, y0, x1, y1) = (r.x0 as i32, r.y0 as i32, r.x1 as i32, r.y1 as i32);
    draw_line(area, &[(x0, y0), (x0, y1), (x1, y1)], AXIS, 1.0);
    // Axis titles and heading.
    let (heading, y_title) = match p.panel {
        Panel::Time => ("Time–distance", "cumulative time (days)"),
        Panel::Cost => ("Cost–distance", "cumulative cost (USD per FEU)"),
    };
    draw_text(area, heading, (r.x0, r.y0 - 8.0 * s), &heading_style);
    draw_text(
        area,
        "cumulative distance (km)",
        ((r.x0 + r.x1) / 2.0, r.y1 + 6.0 * s + sz.tick_px * 1.5),
        &axis_style,
    );
    let rotated = axis_style.transform(FontTransform::Rotate270);
    draw_text(area, y_title, (sz.margin, (r.y0 + r.y1) / 2.0), &rotated);
}

/// The series of a panel, first (widest) at the bottom; each line, then its vertical segments
/// drawn thicker.
fn draw_series(area: &Area, lay: &TcdLayout, p: &PanelLayout, series: &[Series]) {
    let extra = jump_extra(lay.sz.s);
    for (i, sr) in series.iter().enumerate() {
        let ink = ink_or_position(sr.ink, i);
        let pts: Vec<(i32, i32)> = cumulative(&sr.route)
            .iter()
            .map(|q| to_i(p.px(&lay.x, q.km, p.value(q))))
            .collect();
        draw_route_line(area, &pts, ink, lay.widths[i]);
        for (j, step) in sr.route.steps.iter().enumerate() {
            if step.metrics.km == 0.0 && pts[j] != pts[j + 1] {
                draw_line(
                    area,
                    &[pts[j], pts[j + 1]],
                    ink.colour,
                    lay.widths[i] + extra,
                );
            }
        }
    }
}

/// The jump labels of `panel`: the leader lines first, then each text aligned towards its jump.
fn draw_jump_labels(area: &Area, sz: &Sizes, panel: Panel, labels: &[JumpLabel]) {
    let ours = || labels.iter().filter(|l| l.panel == panel);
    for (a, b) in ours().filter_map(|l| l.leader) {
        draw_line(area, &[to_i(a), to_i(b)], LEADER, 1.0);
    }
    for l in ours() {
        let b = l.rect;
        let h = label_hpos(l);
        let x = match h {
            HPos::Left => b.x0 + 1.0,
            HPos::Right => b.x1 - 1.0,
            HPos::Center => (b.x0 + b.x1) / 2.0,
        };
        let style = text_style(sz.label_px, INK, false, h, VPos::Top);
        draw_text(area, &l.text, (x, b.y0 + 1.0), &style);
    }
}
