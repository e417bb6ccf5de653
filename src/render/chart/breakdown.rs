//! The breakdown chart ([`render_breakdown`]): where the days and dollars of each route go, one
//! stacked horizontal bar per [`BarGroup`] in its route's colour, split into line haul, border,
//! transfer and waiting told apart by their fill ([`COMPONENT_FILLS`], keyed in grey), in a days
//! panel and a USD panel with the totals at the bar ends; [`component_sums`] is the pure helper
//! behind the bars.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use crate::render::caption::{wrap, Caption};
use crate::render::chart::axis::Axis;
use crate::render::chart::frame::{render_message, Sizes, Words, AXIS, GRID};
use crate::render::chart::series::BarGroup;
use crate::render::format::format_usd;
use crate::render::geom::Rect;
use crate::render::ink::{ink_or_position, needs_note, NO_FAMILY_NOTE};
use crate::render::labels::text_size;
use crate::render::style::{
    canvas, draw_line, draw_text, fill_rect, outline_rect, round_joins_and_halo, text_style, Area,
    INK, MUTED,
};
use crate::routing::{Route, StepKind};

/// The four components of a route, in the order they are stacked.
pub const COMPONENTS: [StepKind; 4] = [
    StepKind::Haul,
    StepKind::Border,
    StepKind::Transfer,
    StepKind::Wait,
];

/// How a component of a bar is filled, in its route's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentFill {
    /// The route's colour.
    Solid,
    /// Diagonal stripes of the route's colour on white.
    Striped,
    /// A light tint of the route's colour ([`tint`]).
    Tint,
    /// White inside the bar's outline.
    Hollow,
}

/// Fills of [`COMPONENTS`]: line haul solid, border striped, transfer tinted, waiting hollow.
pub const COMPONENT_FILLS: [ComponentFill; 4] = [
    ComponentFill::Solid,
    ComponentFill::Striped,
    ComponentFill::Tint,
    ComponentFill::Hollow,
];

/// The colour of the breakdown legend's component swatches (the bars use their families' colours).
pub const LEGEND_KEY: RGBColor = RGBColor(0x55, 0x55, 0x55);

/// A light tint of `c`: 30 % of it on white.
pub fn tint(c: RGBColor) -> RGBColor {
    let mix = |v: u8| (255.0 - 0.3 * (255.0 - v as f64)).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Legend text of [`COMPONENTS`].
pub const COMPONENT_NAMES: [&str; 4] = ["line haul", "border", "transfer", "waiting"];

/// Hours and USD of a route per component, indexed like [`COMPONENTS`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ComponentSums {
    /// Hours per component.
    pub hours: [f64; 4],
    /// USD per FEU per component.
    pub usd: [f64; 4],
}

impl ComponentSums {
    /// Total hours (equals the route's `total.hours`).
    pub fn total_hours(&self) -> f64 {
        self.hours.iter().sum()
    }

    /// Total USD (equals the route's `total.usd`).
    pub fn total_usd(&self) -> f64 {
        self.usd.iter().sum()
    }
}

/// Sums each step kind's hours and USD over a route.
pub fn component_sums(route: &Route) -> ComponentSums {
    let mut out = ComponentSums::default();
    for step in &route.steps {
        let i = COMPONENTS
            .iter()
            .position(|k| *k == step.kind)
            .expect("every step kind is a component");
        out.hours[i] += step.metrics.hours;
        out.usd[i] += step.metrics.usd;
    }
    out
}

/// Fills one component of a breakdown bar (or a legend key) in `colour` as `fill` says; the
/// stripes of [`ComponentFill::Striped`] are "/" lines on a fixed grid (so that they line up
/// from bar to bar), kept a pixel inside the box.
fn draw_component(area: &Area, r: Rect, fill: ComponentFill, colour: RGBColor, s: f64) {
    match fill {
        ComponentFill::Solid => fill_rect(area, r, colour),
        ComponentFill::Tint => fill_rect(area, r, tint(colour)),
        ComponentFill::Hollow => {}
        ComponentFill::Striped => {
            let sp = (7.0 * s).round().max(5.0) as i32;
            let (x0, y0) = (r.x0.round() as i32 + 1, r.y0.round() as i32 + 1);
            let (x1, y1) = (r.x1.round() as i32 - 1, r.y1.round() as i32 - 1);
            if x1 <= x0 || y1 <= y0 {
                return;
            }
            let mut c = (x0 + y0).div_euclid(sp) * sp;
            while c <= x1 + y1 {
                let (xa, xb) = (x0.max(c - y1), x1.min(c - y0));
                if xb > xa {
                    draw_line(area, &[(xa, c - xa), (xb, c - xb)], colour, 2.0);
                }
                c += sp;
            }
        }
    }
}

/// Estimated width of bold text: plotters' estimate is for regular weight.
fn bold_width(text: &str, px: f64) -> f64 {
    text_size(text, px).0 * 1.15
}

/// Renders the comparison chart as SVG text: one stacked horizontal bar per group, outlined and
/// filled in the colour of the group's family ([`BarGroup::ink`]), split into [`COMPONENTS`] (line
/// haul solid, border striped, transfer tinted, waiting hollow: [`COMPONENT_FILLS`]), in a days
/// panel (left) and a USD panel (right), with the totals at the bar ends and a legend of the
/// components in grey. Group labels wrap at spaces (never cut). Same input, same bytes. An empty
/// `groups` gives a chart saying "no routes".
pub fn render_breakdown(caption: &Caption, groups: &[BarGroup], width_px: u32) -> String {
    if groups.is_empty() {
        return render_message(caption, "no routes", width_px);
    }
    let sums: Vec<ComponentSums> = groups.iter().map(|g| component_sums(&g.route)).collect();
    let lay = breakdown_layout(caption, groups, &sums, width_px);
    let svg = canvas((lay.width, lay.height), |area| {
        lay.words.draw_title(area, &lay.sz);
        lay.words.draw_credit(area, &lay.sz, lay.height as f64);
        draw_key(area, &lay);
        draw_group_labels(area, &lay);
        for panel in lay.panels() {
            panel.draw(area, &lay, groups, &sums);
        }
    });
    round_joins_and_halo(&svg)
}

/// Where everything of a breakdown chart goes: the legend row under the title, the column of
/// group labels, the days and USD panels with one row per group, and the panels' axes.
struct BreakdownLayout {
    sz: Sizes,
    words: Words,
    /// The legend's second row ([`second_row`]).
    second_row: Option<String>,
    /// Each group's label, wrapped to the labels' column.
    labels: Vec<Vec<String>>,
    width: u32,
    height: u32,
    /// The middle of the legend row, pixels.
    legend_y: f64,
    /// The side of a legend swatch.
    sw: f64,
    /// The left edges of the days and USD panels.
    x_days: f64,
    x_usd: f64,
    /// The width of each panel.
    panel_w: f64,
    /// A group's row and its bar's height.
    row_h: f64,
    bar_h: f64,
    /// The top of the plot and its height.
    top: f64,
    plot_h: f64,
    day_axis: Axis,
    usd_axis: Axis,
}

/// A total in days at a bar's end: "18.3 d".
fn day_text(v: f64) -> String {
    format!("{v:.1} d")
}

fn breakdown_layout(
    caption: &Caption,
    groups: &[BarGroup],
    sums: &[ComponentSums],
    width_px: u32,
) -> BreakdownLayout {
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let words = Words::fit(caption, &sz, w);

    // Legend row under the title (and the note on the grey under it, when drawn).
    let title_h = words.title_h(&sz);
    let sw = (sz.legend_px * 1.1).round();
    let legend_y = title_h + sw / 2.0;
    let grey = needs_note(
        groups
            .iter()
            .enumerate()
            .map(|(i, g)| ink_or_position(g.ink, i)),
    );

    // Columns: group labels (wrapped at spaces, never cut), days panel, USD panel.
    let widest = groups
        .iter()
        .map(|g| text_size(&g.label, sz.legend_px).0)
        .fold(0.0f64, f64::max);
    let label_w = widest.min(0.24 * w);
    let labels: Vec<Vec<String>> = groups
        .iter()
        .map(|g| wrap(&g.label, sz.legend_px, label_w, false))
        .collect();
    let label_w = labels
        .iter()
        .flatten()
        .map(|l| text_size(l, sz.legend_px).0)
        .fold(0.0f64, f64::max);
    let most_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let panel_gap = (48.0 * s).round();
    let x_days = (m + label_w + 12.0 * s).round();
    let fits_left = fits_left_of(sz.legend_px, x_days - 10.0 * s - m);
    let second_row = second_row(fits_left, grey);
    let legend_h = (sz.legend_px * if second_row.is_some() { 3.4 } else { 2.0 }).round();
    let panel_w = ((w - m - x_days - panel_gap) / 2.0).floor();
    let x_usd = x_days + panel_w + panel_gap;
    let row_h = (46.0 * s)
        .max(sz.legend_px * 2.9)
        .max(most_lines * sz.legend_px * 1.25 + 10.0 * s)
        .round();
    let bar_h = ((46.0 * s).max(sz.legend_px * 2.9) * 0.62).round();
    let heading_h = (sz.heading_px * 2.0).round();
    let top = (title_h + legend_h + heading_h).round();
    let plot_h = row_h * groups.len() as f64;
    let below_h = (sz.tick_px * 1.6 + sz.axis_px * 1.8 + 8.0 * s).round();
    let height = (top + plot_h + below_h + words.credit_h(&sz) + m / 2.0).round() as u32;

    // Value scales leave room for the total at the end of the longest bar.
    let days: Vec<f64> = sums.iter().map(|x| x.total_hours() / 24.0).collect();
    let usd: Vec<f64> = sums.iter().map(|x| x.total_usd()).collect();
    let scale = |vals: &[f64], txt: &dyn Fn(f64) -> String| {
        let max = vals.iter().copied().fold(0.0f64, f64::max).max(1e-9);
        let text_w = vals
            .iter()
            .map(|v| bold_width(&txt(*v), sz.label_px))
            .fold(0.0f64, f64::max);
        let usable = (panel_w - text_w - 14.0 * s).max(panel_w * 0.5);
        Axis::open(max * panel_w / usable, 5.0)
    };
    let day_axis = scale(&days, &day_text);
    let usd_axis = scale(&usd, &|v| format_usd(v));
    BreakdownLayout {
        sz,
        words,
        second_row,
        labels,
        width,
        height,
        legend_y,
        sw,
        x_days,
        x_usd,
        panel_w,
        row_h,
        bar_h,
        top,
        plot_h,
        day_axis,
        usd_axis,
    }
}

impl BreakdownLayout {
    /// The days panel (left), then the USD panel (right).
    fn panels(&self) -> [ValuePanel<'_>; 2] {
        [
            ValuePanel {
                x0: self.x_days,
                axis: &self.day_axis,
                heading: "Door-to-door time",
                axis_title: "time (days)",
                is_days: true,
            },
            ValuePanel {
                x0: self.x_usd,
                axis: &self.usd_axis,
                heading: "Door-to-door cost",
                axis_title: "cost (USD per FEU)",
                is_days: false,
            },
        ]
    }
}

/// The legend: a row of swatches in grey, each component's fill, and what the bars' colours
/// mean: left of the swatches where there is room, else on a second row, with what the grey
/// means when a bar is grey.
fn draw_key(area: &Area, lay: &BreakdownLayout) {
    let (sz, sw, legend_y, x_days) = (&lay.sz, lay.sw, lay.legend_y, lay.x_days);
    let s = sz.s;
    let legend_style = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Center);
    let mut x = x_days;
    for (fill, name) in COMPONENT_FILLS.iter().zip(COMPONENT_NAMES) {
        let key = Rect::from_xywh(x, (legend_y - sw / 2.0).round(), sw, sw);
        draw_component(area, key, *fill, LEGEND_KEY, s);
        outline_rect(area, key, LEGEND_KEY, 1);
        draw_text(area, name, (x + sw + 8.0 * s, legend_y), &legend_style);
        x += sw + 8.0 * s + text_size(name, sz.legend_px).0 + 26.0 * s;
    }
    if key_fits_left(lay) {
        let muted = text_style(sz.legend_px, MUTED, false, HPos::Right, VPos::Center);
        draw_text(area, COLOURS_KEY, (x_days - 10.0 * s, legend_y), &muted);
    }
    if let Some(t) = &lay.second_row {
        let muted = text_style(sz.legend_px, MUTED, false, HPos::Left, VPos::Center);
        draw_text(area, t, (x_days, legend_y + sz.legend_px * 1.5), &muted);
    }
}

/// What the bars' colours mean.
const COLOURS_KEY: &str = "bars in corridor colours:";

/// Whether [`COLOURS_KEY`] fits in `room` pixels at `px`.
fn fits_left_of(px: f64, room: f64) -> bool {
    text_size(COLOURS_KEY, px).0 <= room
}

/// Whether [`COLOURS_KEY`] fits left of the legend's swatches.
fn key_fits_left(lay: &BreakdownLayout) -> bool {
    let sz = &lay.sz;
    fits_left_of(sz.legend_px, lay.x_days - 10.0 * sz.s - sz.margin)
}

/// The legend's second row: the colours' meaning when it does not fit left of the swatches, and
/// the grey's when a bar is grey; `None` when neither is needed.
fn second_row(fits_left: bool, grey: bool) -> Option<String> {
    match (fits_left, grey) {
        (true, false) => None,
        (true, true) => Some(NO_FAMILY_NOTE.to_string()),
        (false, false) => Some("bars in corridor colours".to_string()),
        (false, true) => Some(format!("bars in corridor colours; {NO_FAMILY_NOTE}")),
    }
}

/// The group labels, right-aligned against the days panel, on as many lines as they need.
fn draw_group_labels(area: &Area, lay: &BreakdownLayout) {
    let (sz, s) = (&lay.sz, lay.sz.s);
    let group_style = text_style(sz.legend_px, INK, false, HPos::Right, VPos::Center);
    for (k, lines) in lay.labels.iter().enumerate() {
        let cy = lay.top + (k as f64 + 0.5) * lay.row_h;
        let line_h = sz.legend_px * 1.25;
        let y0 = cy - (lines.len() as f64 - 1.0) * line_h / 2.0;
        for (i, t) in lines.iter().enumerate() {
            let at = (lay.x_days - 10.0 * s, y0 + i as f64 * line_h);
            draw_text(area, t, at, &group_style);
        }
    }
}

/// One of the two value panels: days or USD per FEU.
struct ValuePanel<'a> {
    /// The panel's left edge, pixels.
    x0: f64,
    axis: &'a Axis,
    heading: &'static str,
    axis_title: &'static str,
    /// Days (else USD).
    is_days: bool,
}

impl ValuePanel<'_> {
    /// The grid with its tick labels, the heading and axis title, one bar per group, then the
    /// axes.
    fn draw(
        &self,
        area: &Area,
        lay: &BreakdownLayout,
        groups: &[BarGroup],
        sums: &[ComponentSums],
    ) {
        let (sz, s, x0, panel_w) = (&lay.sz, lay.sz.s, self.x0, lay.panel_w);
        let tick_style = text_style(sz.tick_px, MUTED, false, HPos::Center, VPos::Top);
        let axis_style = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Top);
        let heading_style = text_style(sz.heading_px, INK, true, HPos::Left, VPos::Bottom);
        let plot = Rect::from_xywh(x0, lay.top, panel_w, lay.plot_h);
        let k = panel_w / self.axis.max;
        for v in self.axis.ticks() {
            let gx = (x0 + v * k).round() as i32;
            draw_line(
                area,
                &[(gx, plot.y0 as i32), (gx, plot.y1 as i32)],
                GRID,
                1.0,
            );
            draw_text(
                area,
                &self.axis.label(v),
                (x0 + v * k, plot.y1 + 6.0 * s),
                &tick_style,
            );
        }
        draw_text(area, self.heading, (x0, plot.y0 - 8.0 * s), &heading_style);
        draw_text(
            area,
            self.axis_title,
            (x0 + panel_w / 2.0, plot.y1 + 6.0 * s + sz.tick_px * 1.5),
            &axis_style,
        );
        for (g, sum) in sums.iter().enumerate() {
            let colour = ink_or_position(groups[g].ink, g).colour;
            self.draw_bar(area, lay, sum, colour, g);
        }
        let (ax, ay0, ay1) = (x0 as i32, plot.y0 as i32, plot.y1 as i32);
        draw_line(
            area,
            &[(ax, ay0), (ax, ay1), ((x0 + panel_w) as i32, ay1)],
            AXIS,
            1.0,
        );
    }

    /// The bar of the group in row `g`: its components side by side, hairlines between them and
    /// the bar's outline in the route's colour, and the total at its end.
    fn draw_bar(
        &self,
        area: &Area,
        lay: &BreakdownLayout,
        sum: &ComponentSums,
        colour: RGBColor,
        g: usize,
    ) {
        let (s, x0) = (lay.sz.s, self.x0);
        let k = lay.panel_w / self.axis.max;
        let value_style = text_style(lay.sz.label_px, INK, true, HPos::Left, VPos::Center);
        let vals: [f64; 4] = if self.is_days {
            sum.hours.map(|h| h / 24.0)
        } else {
            sum.usd
        };
        let yc = lay.top + (g as f64 + 0.5) * lay.row_h;
        let (by0, by1) = (
            (yc - lay.bar_h / 2.0).round(),
            (yc + lay.bar_h / 2.0).round(),
        );
        let mut cum = 0.0;
        let mut edges = Vec::new();
        for (fill, v) in COMPONENT_FILLS.iter().zip(vals) {
            let (a, b) = ((x0 + cum * k).round(), (x0 + (cum + v) * k).round());
            cum += v;
            if b > a {
                let r = Rect {
                    x0: a,
                    y0: by0,
                    x1: b,
                    y1: by1,
                };
                draw_component(area, r, *fill, colour, s);
                edges.push(a);
            }
        }
        // Hairlines between components and the bar's outline, in the route's colour.
        for e in edges.iter().skip(1) {
            let ex = *e as i32;
            draw_line(area, &[(ex, by0 as i32), (ex, by1 as i32)], colour, 1.0);
        }
        let end = (x0 + cum * k).round();
        if end > x0 {
            let bar = Rect {
                x0,
                y0: by0,
                x1: end,
                y1: by1,
            };
            outline_rect(area, bar, colour, 2);
        }
        let total = if self.is_days {
            day_text(cum)
        } else {
            format_usd(cum)
        };
        draw_text(
            area,
            &total,
            ((x0 + cum * k).round() + 7.0 * s, yc),
            &value_style,
        );
    }
}
