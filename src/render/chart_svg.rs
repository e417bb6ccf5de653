//! Report charts for routes: the UNESCAP time/cost-distance chart and the component breakdown.
//!
//! This file owns:
//!
//! - [`render_tcd`], the UNESCAP time/cost-distance (TCD) chart: one SVG with two panels, the
//!   cumulative days (top) and the cumulative USD per FEU (bottom) against the cumulative km.
//!   Each [`Series`] is one polyline through the cumulative points of its route's steps: a
//!   `haul` step is a diagonal, a `border`, `transfer` or `wait` step has 0 km and is a vertical
//!   segment (a bottleneck), drawn thicker. The largest vertical jumps of each panel are
//!   labelled ("Dostyk border 30 h") by the greedy overlap-free placement of
//!   [`place_labels`]; [`tcd_jump_labels`] exposes that placement;
//! - [`render_breakdown`], the comparison chart: one stacked horizontal bar per [`BarGroup`],
//!   split into line haul, border, transfer and waiting, in a days panel and a USD panel, with
//!   the totals at the bar ends; [`component_sums`] is the pure helper behind the bars;
//! - the chart layout (sizes scaled from the reference width, text never below 12 px), nice axis
//!   ticks and number formatting with thousands separators ([`crate::report::grouped`]).
//!
//! Drawing follows the map renderer: plotters' `SVGBackend::with_string` in pixel coordinates,
//! the Okabe–Ito palette [`ROUTE_COLOURS`] for series, plotters' naive text-size estimate (no
//! fonts needed; SVG text uses `font-family="sans-serif"`), and two attributes added by plain
//! text substitution: round joins/caps on polylines and a white halo behind text. Plotters writes
//! integer pixel coordinates and nothing here iterates a hash map, so the same input gives the
//! same bytes.

use crate::{
    network::TransferKind,
    render::geom::Rect,
    render::labels::{fit_title, place_labels, shorten, text_size, LabelRequest, FONT_SCALE},
    render::map_svg::{format_usd, ROUTE_COLOURS},
    solve::{Route, Step, StepKind},
};

use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, FontTransform, IntoFont, RGBColor, TextStyle, WHITE};

// ---------------------------------------------------------------------------------------------
// Public types

/// One route of the time/cost-distance chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text, e.g. "Middle Corridor".
    pub label: String,
    /// The route; its steps are drawn in order.
    pub route: Route,
    /// Index into [`ROUTE_COLOURS`] (the route's colour in every figure of a study); `None`: by
    /// position.
    pub colour: Option<usize>,
    /// The label already gives the days and USD of each merged member (see
    /// [`crate::figures::group`]).
    pub totals_in_label: bool,
}

/// One bar of the breakdown chart (a scenario or a route).
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    /// Text left of the bar, e.g. "baseline" or "fastest".
    pub label: String,
    /// The route whose steps are summed.
    pub route: Route,
}

/// A panel of the time/cost-distance chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Panel {
    /// Cumulative days against cumulative km (top).
    Time,
    /// Cumulative USD per FEU against cumulative km (bottom).
    Cost,
}

/// A point of a route's time/cost-distance line.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CumPoint {
    /// Cumulative kilometres.
    pub km: f64,
    /// Cumulative days.
    pub days: f64,
    /// Cumulative USD per FEU.
    pub usd: f64,
}

/// A label of one of the largest vertical jumps, as placed on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpLabel {
    /// The panel it belongs to.
    pub panel: Panel,
    /// Index of the series.
    pub series: usize,
    /// Index of the step in the series' route.
    pub step: usize,
    /// The text, e.g. "Dostyk border 30 h" or "Aktau transfer $100".
    pub text: String,
    /// Midpoint of the vertical segment, pixels.
    pub anchor: (f64, f64),
    /// The text box, pixels.
    pub rect: Rect,
}

/// The four components of a route, in the order they are stacked.
pub const COMPONENTS: [StepKind; 4] = [
    StepKind::Haul,
    StepKind::Border,
    StepKind::Transfer,
    StepKind::Wait,
];

/// Colours of [`COMPONENTS`]: Okabe–Ito blue, vermillion, bluish green and orange.
pub const COMPONENT_COLOURS: [RGBColor; 4] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xE6, 0x9F, 0x00),
];

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
        out.hours[i] += step.hours;
        out.usd[i] += step.usd;
    }
    out
}

/// The cumulative points of a route: the origin, then one point after each step.
pub fn cumulative(route: &Route) -> Vec<CumPoint> {
    let mut p = CumPoint::default();
    let mut out = Vec::with_capacity(route.steps.len() + 1);
    out.push(p);
    for s in &route.steps {
        p.km += s.km;
        p.days += s.hours / 24.0;
        p.usd += s.usd;
        out.push(p);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Style and sizes

const INK: RGBColor = RGBColor(0x1F, 0x1F, 0x1F);
const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
const AXIS: RGBColor = RGBColor(0x66, 0x66, 0x66);
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
const LEGEND_BORDER: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// How many jump labels each TCD panel gets.
const JUMP_LABELS_PER_PANEL: usize = 6;

/// Pixel sizes derived from the width (scale 1 at the reference width; text never below 12 px).
struct Sizes {
    s: f64,
    margin: f64,
    title_px: f64,
    heading_px: f64,
    axis_px: f64,
    tick_px: f64,
    legend_px: f64,
    label_px: f64,
}

impl Sizes {
    fn new(width: u32) -> Sizes {
        let s = width as f64 / crate::render::REFERENCE_WIDTH;
        Sizes {
            s,
            margin: (20.0 * s).max(8.0),
            title_px: (24.0 * s).max(15.0),
            heading_px: (16.0 * s).max(12.0),
            axis_px: (15.0 * s).max(12.0),
            tick_px: (14.0 * s).max(12.0),
            legend_px: (15.0 * s).max(12.0),
            label_px: (14.0 * s).max(12.0),
        }
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

fn to_i(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

fn text_style(px: f64, colour: RGBColor, bold: bool, h: HPos, v: VPos) -> TextStyle<'static> {
    let font = ("sans-serif", px * FONT_SCALE).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    font.color(&colour).pos(Pos::new(h, v))
}

/// Draws text; drawing into a `String` cannot fail, so errors are ignored.
fn draw_text(area: &Area, text: &str, at: (f64, f64), style: &TextStyle) {
    let _ = area.draw(&Text::new(text.to_string(), to_i(at), style.clone()));
}

fn draw_line(area: &Area, pts: &[(i32, i32)], colour: RGBColor, width: f64) {
    if pts.len() >= 2 {
        let w = width.round().max(1.0) as u32;
        let _ = area.draw(&PathElement::new(pts.to_vec(), colour.stroke_width(w)));
    }
}

fn fill_rect(area: &Area, r: Rect, colour: RGBColor) {
    let _ = area.draw(&Rectangle::new(
        [to_i((r.x0, r.y0)), to_i((r.x1, r.y1))],
        colour.filled(),
    ));
}

fn stroke_rect(area: &Area, r: Rect, colour: RGBColor) {
    let _ = area.draw(&Rectangle::new(
        [to_i((r.x0, r.y0)), to_i((r.x1, r.y1))],
        colour.stroke_width(1),
    ));
}

/// Round joins and caps on polylines, and a white halo behind text.
fn post_process(svg: String) -> String {
    crate::render::halo_text(&svg.replace(
        "<polyline ",
        "<polyline stroke-linejoin=\"round\" stroke-linecap=\"round\" ",
    ))
}

/// A chart with a title and a centred message, for empty input.
fn render_message(title: &str, message: &str, width_px: u32) -> String {
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let height = (200.0 * sz.s).max(120.0).round() as u32;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = area.fill(&WHITE);
        let (title, px) = fit_title(title, sz.title_px, 15.0, width as f64 - 2.0 * sz.margin);
        let title_style = text_style(px, INK, true, HPos::Left, VPos::Top);
        draw_text(&area, &title, (sz.margin, sz.margin), &title_style);
        let msg = text_style(sz.heading_px, MUTED, false, HPos::Center, VPos::Center);
        draw_text(
            &area,
            message,
            (width as f64 / 2.0, height as f64 * 0.6),
            &msg,
        );
        let _ = area.present();
    }
    post_process(svg)
}

// ---------------------------------------------------------------------------------------------
// Axes

/// A linear axis from 0 to `max` with ticks every `step`.
#[derive(Debug, Clone, Copy)]
struct Axis {
    max: f64,
    step: f64,
    decimals: usize,
}

impl Axis {
    /// At most `target` intervals covering `0..=data_max` with a little headroom.
    fn nice(data_max: f64, target: f64) -> Axis {
        let data_max = if data_max.is_finite() && data_max > 0.0 {
            data_max
        } else {
            1.0
        };
        let top = data_max * 1.04;
        let step = nice_step(top / target);
        let max = (top / step).ceil() * step;
        Axis::with_step(max, step)
    }

    /// An axis ending at `max` (not necessarily on a tick), with about `target` ticks.
    fn open(max: f64, target: f64) -> Axis {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        Axis::with_step(max, nice_step(max / target))
    }

    fn with_step(max: f64, step: f64) -> Axis {
        let decimals = (0..4)
            .find(|d| {
                let v = step * 10f64.powi(*d as i32);
                (v - v.round()).abs() < 1e-6 * v.max(1.0)
            })
            .unwrap_or(3);
        Axis {
            max,
            step,
            decimals,
        }
    }

    fn ticks(&self) -> Vec<f64> {
        let n = (self.max / self.step + 1e-9).floor() as usize;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }

    fn label(&self, v: f64) -> String {
        crate::report::grouped(v, self.decimals)
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ `raw`.
fn nice_step(raw: f64) -> f64 {
    let raw = raw.max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|v| *v >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag)
}

// ---------------------------------------------------------------------------------------------
// Time/cost-distance chart

/// Line widths of the series, first widest, so that shared stretches show as nested stripes.
fn series_widths(n: usize, s: f64) -> Vec<f64> {
    let base = (3.0 * s).max(2.0);
    let step = if n > 1 {
        (2.5 * s).min(7.0 * s / (n - 1) as f64)
    } else {
        0.0
    };
    (0..n).map(|i| base + step * (n - 1 - i) as f64).collect()
}

/// Extra width of the vertical (zero-km) segments.
fn jump_extra(s: f64) -> f64 {
    (5.0 * s).max(3.0)
}

fn series_colour(i: usize) -> RGBColor {
    ROUTE_COLOURS[i % ROUTE_COLOURS.len()]
}

/// Legend text of a series: "Middle Corridor — 10,234 km, 18.3 d, $7,420, 6.9 t CO2e".
fn series_legend_text(s: &Series) -> String {
    let t = &s.route.total;
    format!(
        "{} — {} km, {:.1} d, {}{}",
        s.label,
        crate::report::grouped(t.km, 0),
        t.days,
        format_usd(t.usd),
        crate::render::map_svg::co2_words(t.co2_kg)
    )
}

/// One panel's plot area and value axis.
struct PanelLayout {
    panel: Panel,
    plot: Rect,
    y: Axis,
}

impl PanelLayout {
    fn px(&self, x: &Axis, km: f64, v: f64) -> (f64, f64) {
        (
            self.plot.x0 + km / x.max * self.plot.width(),
            self.plot.y1 - v / self.y.max * self.plot.height(),
        )
    }

    fn value(&self, p: &CumPoint) -> f64 {
        match self.panel {
            Panel::Time => p.days,
            Panel::Cost => p.usd,
        }
    }
}

/// Legend box and its columns.
struct LegendLayout {
    rect: Rect,
    cols: usize,
    col_w: f64,
    line_h: f64,
    pad: f64,
    swatch_w: f64,
}

struct TcdLayout {
    sz: Sizes,
    width: u32,
    height: u32,
    legend: LegendLayout,
    x: Axis,
    panels: [PanelLayout; 2],
    widths: Vec<f64>,
}

fn tcd_layout(series: &[Series], width_px: u32) -> TcdLayout {
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let points: Vec<Vec<CumPoint>> = series.iter().map(|x| cumulative(&x.route)).collect();
    let fold =
        |f: &dyn Fn(&CumPoint) -> f64| points.iter().flatten().map(f).fold(0.0f64, |a, b| a.max(b));
    let x = Axis::nice(fold(&|p| p.km), (w / 140.0).clamp(4.0, 10.0));
    let y_time = Axis::nice(fold(&|p| p.days), 8.0);
    let y_cost = Axis::nice(fold(&|p| p.usd), 8.0);

    // Legend: as many columns as fit, row-major.
    let title_h = (sz.title_px * 2.0).round();
    let line_h = (sz.legend_px * 1.7).round();
    let pad = (10.0 * s).max(6.0);
    let swatch_w = (36.0 * s).max(24.0);
    let entry_w = series
        .iter()
        .map(|x| text_size(&series_legend_text(x), sz.legend_px).0)
        .fold(0.0f64, f64::max)
        + swatch_w
        + 10.0 * s
        + 24.0 * s;
    let avail = w - 2.0 * m - 2.0 * pad;
    let cols = ((avail / entry_w).floor() as usize).clamp(1, series.len().max(1));
    let rows = series.len().div_ceil(cols);
    let legend_rect = Rect::from_xywh(
        m,
        m + title_h,
        (cols as f64 * entry_w + 2.0 * pad).min(w - 2.0 * m).ceil(),
        (rows as f64 * line_h + 2.0 * pad).ceil(),
    );

    // Plot areas: y tick labels and the rotated axis title on the left.
    let tick_w = [y_time, y_cost]
        .iter()
        .flat_map(|a| a.ticks().into_iter().map(|v| a.label(v)))
        .map(|t| text_size(&t, sz.tick_px).0)
        .fold(0.0f64, f64::max);
    let left = (m + sz.axis_px * 1.6 + tick_w + 10.0 * s).round();
    let last_x_label = text_size(&x.label(*x.ticks().last().unwrap_or(&0.0)), sz.tick_px).0;
    let right = (w - m - last_x_label / 2.0).round();
    let plot_h = (0.27 * w).max(160.0).round();
    let heading_h = (sz.heading_px * 2.0).round();
    let below_h = (sz.tick_px * 1.6 + sz.axis_px * 1.8 + 8.0 * s).round();
    let mut y = legend_rect.y1 + (14.0 * s).round();
    let mut panel = |p: Panel, a: Axis| {
        let plot = Rect::from_xywh(left, y + heading_h, right - left, plot_h);
        y = plot.y1 + below_h + (10.0 * s).round();
        PanelLayout {
            panel: p,
            plot,
            y: a,
        }
    };
    let panels = [panel(Panel::Time, y_time), panel(Panel::Cost, y_cost)];
    let height = (panels[1].plot.y1 + below_h + m / 2.0).round() as u32;
    TcdLayout {
        widths: series_widths(series.len(), s),
        sz,
        width,
        height,
        legend: LegendLayout {
            rect: legend_rect,
            cols,
            col_w: entry_w,
            line_h,
            pad,
            swatch_w,
        },
        x,
        panels,
    }
}

/// What a transfer step is called on a chart: "gauge change", "transhipment" or "transfer".
fn transfer_words(step: &Step) -> &'static str {
    match step.transfer {
        Some(TransferKind::Gauge) => "gauge change",
        Some(TransferKind::Transship) => "transhipment",
        _ => "transfer",
    }
}

/// "30 h" below three days, "3.4 d" from three days on.
fn format_duration(hours: f64) -> String {
    if hours < 72.0 {
        format!("{:.0} h", hours)
    } else {
        format!("{:.1} d", hours / 24.0)
    }
}

fn jump_text(step: &Step, panel: Panel, names: &dyn Fn(&str) -> String) -> String {
    let what = match step.kind {
        StepKind::Transfer => transfer_words(step),
        k => k.as_str(),
    };
    let value = match panel {
        Panel::Time => format_duration(step.hours),
        Panel::Cost => format_usd(step.usd),
    };
    format!("{} {} {}", names(&step.from), what, value)
}

/// The vertical segments of a panel: (series, step, pixel x, pixel y0, pixel y1), y0 ≥ y1.
fn vertical_segments(
    lay: &TcdLayout,
    p: &PanelLayout,
    series: &[Series],
) -> Vec<(usize, usize, f64, f64, f64)> {
    let mut out = Vec::new();
    for (i, sr) in series.iter().enumerate() {
        let pts = cumulative(&sr.route);
        for (j, step) in sr.route.steps.iter().enumerate() {
            if step.km == 0.0 && p.value(&pts[j + 1]) > p.value(&pts[j]) {
                let (x, y0) = p.px(&lay.x, pts[j].km, p.value(&pts[j]));
                let (_, y1) = p.px(&lay.x, pts[j + 1].km, p.value(&pts[j + 1]));
                out.push((i, j, x.round(), y0.round(), y1.round()));
            }
        }
    }
    out
}

/// Small boxes along every series line of a panel, for labels to keep clear of.
fn line_obstacles(lay: &TcdLayout, p: &PanelLayout, series: &[Series]) -> Vec<Rect> {
    let mut out = Vec::new();
    for (i, sr) in series.iter().enumerate() {
        let half = lay.widths[i] / 2.0 + 1.0;
        let pts: Vec<(f64, f64)> = cumulative(&sr.route)
            .iter()
            .map(|q| p.px(&lay.x, q.km, p.value(q)))
            .collect();
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let n = (len / 4.0).ceil().max(1.0) as usize;
            for k in 0..=n {
                let t = k as f64 / n as f64;
                let c = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                out.push(Rect::from_xywh(
                    c.0 - half,
                    c.1 - half,
                    2.0 * half,
                    2.0 * half,
                ));
            }
        }
    }
    out
}

fn jump_labels(
    lay: &TcdLayout,
    series: &[Series],
    names: &dyn Fn(&str) -> String,
) -> Vec<JumpLabel> {
    let extra = jump_extra(lay.sz.s);
    let mut out = Vec::new();
    for p in &lay.panels {
        let segs = vertical_segments(lay, p, series);
        // Largest jumps first; ties in series, then step order (a stable sort).
        let mut order: Vec<usize> = (0..segs.len()).collect();
        let size = |k: usize| {
            let (i, j, ..) = segs[k];
            let st = &series[i].route.steps[j];
            match p.panel {
                Panel::Time => st.hours,
                Panel::Cost => st.usd,
            }
        };
        order.sort_by(|a, b| size(*b).total_cmp(&size(*a)));
        // Labels keep clear of every vertical segment (the bottlenecks themselves).
        let obstacles: Vec<Rect> = segs
            .iter()
            .map(|&(i, _, x, y0, y1)| {
                let half = (lay.widths[i] + extra) / 2.0 + 1.0;
                Rect {
                    x0: x - half,
                    y0: y1 - half,
                    x1: x + half,
                    y1: y0 + half,
                }
            })
            .collect();
        let lines = line_obstacles(lay, p, series);
        let bounds = p.plot.inflate(-3.0);
        // Diagonal candidates sit `gap / √2` to the side: keep them clear of the widest
        // segment at the anchor.
        let widest = lay.widths.iter().copied().fold(0.0f64, f64::max);
        let gap = ((widest + extra) / 2.0 + 1.0) * std::f64::consts::SQRT_2 + 3.0 * lay.sz.s;
        let mut chosen: Vec<JumpLabel> = Vec::new();
        for k in order {
            if chosen.len() == JUMP_LABELS_PER_PANEL {
                break;
            }
            let (i, j, x, y0, y1) = segs[k];
            let text = jump_text(&series[i].route.steps[j], p.panel, names);
            let anchor = (x, (y0 + y1) / 2.0);
            // The same event of two series drawn at the same place is labelled once.
            let dup = chosen.iter().any(|c| {
                c.text == text
                    && (c.anchor.0 - anchor.0).abs() < 4.0
                    && (c.anchor.1 - anchor.1).abs() < 4.0
            });
            if dup {
                continue;
            }
            // Prefer a box clear of the lines, next to the segment, then a little farther
            // out; failing that it may cross a line (its halo keeps it legible), but never
            // another label or a bottleneck segment. A label that fits nowhere gives way to
            // the next largest jump.
            let near = LabelRequest {
                anchor,
                size: text_size(&text, lay.sz.label_px),
                gap,
            };
            let far = LabelRequest {
                gap: near.gap * 2.2,
                ..near.clone()
            };
            let mut relaxed = obstacles.clone();
            relaxed.extend(chosen.iter().map(|c| c.rect));
            let mut strict = relaxed.clone();
            strict.extend(lines.iter().copied());
            let rect = [(&near, &strict), (&far, &strict), (&near, &relaxed)]
                .into_iter()
                .find_map(|(r, obs)| place_labels(std::slice::from_ref(r), bounds, obs)[0]);
            if let Some(rect) = rect {
                chosen.push(JumpLabel {
                    panel: p.panel,
                    series: i,
                    step: j,
                    text,
                    anchor,
                    rect,
                });
            }
        }
        out.extend(chosen);
    }
    out
}

/// The labels of the largest vertical jumps exactly as [`render_tcd`] places them: up to six
/// per panel, largest first, with their boxes in pixels. A jump whose label fits nowhere is
/// passed over for the next largest. Boxes never overlap each other, the vertical segments or
/// the panel's edges.
pub fn tcd_jump_labels(
    series: &[Series],
    names: &dyn Fn(&str) -> String,
    width_px: u32,
) -> Vec<JumpLabel> {
    let lay = tcd_layout(series, width_px);
    jump_labels(&lay, series, names)
}

/// Renders the UNESCAP time/cost-distance chart of `series` as SVG text. Same input, same
/// bytes.
///
/// Top panel: cumulative days against cumulative km; bottom panel: cumulative USD per FEU
/// against cumulative km; both panels use the same scales for all series. Each series is one
/// polyline through [`cumulative`] (steps in order, the origin first), so a zero-km step
/// (border, transfer, wait) is a vertical segment; these are redrawn thicker. `names` turns a
/// node id into the place name used in the jump labels. `width_px` is the SVG width (≥ 400;
/// [`crate::render::FIGURE_WIDTH`] suits an A4 page). An empty `series` gives a chart saying "no routes".
pub fn render_tcd(
    title: &str,
    series: &[Series],
    names: &dyn Fn(&str) -> String,
    width_px: u32,
) -> String {
    if series.is_empty() {
        return render_message(title, "no routes", width_px);
    }
    let lay = tcd_layout(series, width_px);
    let labels = jump_labels(&lay, series, names);
    let sz = &lay.sz;
    let s = sz.s;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (lay.width, lay.height)).into_drawing_area();
        let _ = area.fill(&WHITE);
        let (title, px) = fit_title(title, sz.title_px, 15.0, lay.width as f64 - 2.0 * sz.margin);
        let title_style = text_style(px, INK, true, HPos::Left, VPos::Top);
        draw_text(&area, &title, (sz.margin, sz.margin), &title_style);
        draw_tcd_legend(&area, &lay, series);

        let tick_style_x = text_style(sz.tick_px, MUTED, false, HPos::Center, VPos::Top);
        let tick_style_y = text_style(sz.tick_px, MUTED, false, HPos::Right, VPos::Center);
        let axis_style = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Top);
        let heading_style = text_style(sz.heading_px, INK, true, HPos::Left, VPos::Bottom);
        let label_style = text_style(sz.label_px, INK, false, HPos::Left, VPos::Top);
        let extra = jump_extra(s);
        for p in &lay.panels {
            let r = p.plot;
            // Grid and ticks.
            for v in lay.x.ticks() {
                let (x, _) = p.px(&lay.x, v, 0.0);
                let gx = x.round() as i32;
                draw_line(&area, &[(gx, r.y0 as i32), (gx, r.y1 as i32)], GRID, 1.0);
                draw_text(&area, &lay.x.label(v), (x, r.y1 + 6.0 * s), &tick_style_x);
            }
            for v in p.y.ticks() {
                let (_, y) = p.px(&lay.x, 0.0, v);
                let gy = y.round() as i32;
                draw_line(&area, &[(r.x0 as i32, gy), (r.x1 as i32, gy)], GRID, 1.0);
                draw_text(&area, &p.y.label(v), (r.x0 - 7.0 * s, y), &tick_style_y);
            }
            // Axes.
            let (x0, y0, x1, y1) = (r.x0 as i32, r.y0 as i32, r.x1 as i32, r.y1 as i32);
            draw_line(&area, &[(x0, y0), (x0, y1), (x1, y1)], AXIS, 1.0);
            // Axis titles and heading.
            let (heading, y_title) = match p.panel {
                Panel::Time => ("Time–distance", "cumulative time (days)"),
                Panel::Cost => ("Cost–distance", "cumulative cost (USD per FEU)"),
            };
            draw_text(&area, heading, (r.x0, r.y0 - 8.0 * s), &heading_style);
            draw_text(
                &area,
                "cumulative distance (km)",
                ((r.x0 + r.x1) / 2.0, r.y1 + 6.0 * s + sz.tick_px * 1.5),
                &axis_style,
            );
            let rotated = axis_style.transform(FontTransform::Rotate270);
            draw_text(&area, y_title, (sz.margin, (r.y0 + r.y1) / 2.0), &rotated);

            // Series, first (widest) at the bottom; each line, then its vertical segments.
            for (i, sr) in series.iter().enumerate() {
                let c = series_colour(sr.colour.unwrap_or(i));
                let pts: Vec<(i32, i32)> = cumulative(&sr.route)
                    .iter()
                    .map(|q| to_i(p.px(&lay.x, q.km, p.value(q))))
                    .collect();
                draw_line(&area, &pts, c, lay.widths[i]);
                for (j, step) in sr.route.steps.iter().enumerate() {
                    if step.km == 0.0 && pts[j] != pts[j + 1] {
                        draw_line(&area, &[pts[j], pts[j + 1]], c, lay.widths[i] + extra);
                    }
                }
            }

            // Jump labels, with a tick from the segment to the box.
            for l in labels.iter().filter(|l| l.panel == p.panel) {
                let b = l.rect;
                draw_text(&area, &l.text, (b.x0 + 1.0, b.y0 + 1.0), &label_style);
            }
        }
        let _ = area.present();
    }
    post_process(svg)
}

fn draw_tcd_legend(area: &Area, lay: &TcdLayout, series: &[Series]) {
    let lg = &lay.legend;
    let sz = &lay.sz;
    fill_rect(area, lg.rect, WHITE);
    stroke_rect(area, lg.rect, LEGEND_BORDER);
    let style = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Center);
    let extra = jump_extra(sz.s);
    for (i, sr) in series.iter().enumerate() {
        let (row, col) = (i / lg.cols, i % lg.cols);
        let x = lg.rect.x0 + lg.pad + col as f64 * lg.col_w;
        let mid = lg.rect.y0 + lg.pad + (row as f64 + 0.5) * lg.line_h;
        let c = series_colour(sr.colour.unwrap_or(i));
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
        draw_line(area, &pts, c, lay.widths[i]);
        draw_line(area, &pts[1..3], c, lay.widths[i] + extra);
        draw_text(
            area,
            &series_legend_text(sr),
            (sx1 + 10.0 * sz.s, mid),
            &style,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Breakdown chart

/// Estimated width of bold text: plotters' estimate is for regular weight.
fn bold_width(text: &str, px: f64) -> f64 {
    text_size(text, px).0 * 1.15
}

/// Breaks `text` at spaces into at most `max_lines` lines of at most `max_w` pixels; the last
/// line is shortened with "…" if the text does not fit.
fn wrap_text(text: &str, px: f64, max_w: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        if lines.len() == max_lines {
            break;
        }
        let mut line = word.to_string();
        while let Some(next) = words.peek() {
            let candidate = format!("{line} {next}");
            if text_size(&candidate, px).0 > max_w {
                break;
            }
            line = candidate;
            words.next();
        }
        if lines.len() + 1 == max_lines {
            // The last line takes the rest.
            let rest: Vec<&str> = words.by_ref().collect();
            if !rest.is_empty() {
                line = format!("{line} {}", rest.join(" "));
            }
        }
        lines.push(shorten(&line, px, max_w));
    }
    lines
}

/// Renders the comparison chart as SVG text: one stacked horizontal bar per group, split into
/// [`COMPONENTS`] (line haul, border, transfer, waiting), in a days panel (left) and a USD
/// panel (right), with the totals at the bar ends and a legend of the components. Same input,
/// same bytes. An empty `groups` gives a chart saying "no routes".
pub fn render_breakdown(title: &str, groups: &[BarGroup], width_px: u32) -> String {
    if groups.is_empty() {
        return render_message(title, "no routes", width_px);
    }
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let s = sz.s;
    let w = width as f64;
    let m = sz.margin;
    let sums: Vec<ComponentSums> = groups.iter().map(|g| component_sums(&g.route)).collect();

    // Legend row under the title.
    let title_h = (sz.title_px * 2.0).round();
    let sw = (sz.legend_px * 1.1).round();
    let legend_y = m + title_h + sw / 2.0;
    let legend_h = (sz.legend_px * 2.0).round();

    // Columns: group labels, days panel, USD panel.
    let label_w = groups
        .iter()
        .map(|g| text_size(&g.label, sz.legend_px).0)
        .fold(0.0f64, f64::max)
        .min(0.22 * w);
    let panel_gap = (48.0 * s).round();
    let x_days = (m + label_w + 12.0 * s).round();
    let panel_w = ((w - m - x_days - panel_gap) / 2.0).floor();
    let x_usd = x_days + panel_w + panel_gap;
    let row_h = (46.0 * s).max(sz.legend_px * 2.9).round();
    let bar_h = (row_h * 0.62).round();
    let heading_h = (sz.heading_px * 2.0).round();
    let top = (m + title_h + legend_h + heading_h).round();
    let plot_h = row_h * groups.len() as f64;
    let below_h = (sz.tick_px * 1.6 + sz.axis_px * 1.8 + 8.0 * s).round();
    let height = (top + plot_h + below_h + m / 2.0).round() as u32;

    // Value scales leave room for the total at the end of the longest bar.
    let days: Vec<f64> = sums.iter().map(|x| x.total_hours() / 24.0).collect();
    let usd: Vec<f64> = sums.iter().map(|x| x.total_usd()).collect();
    let day_text = |v: f64| format!("{v:.1} d");
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

    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = area.fill(&WHITE);
        let (title, px) = fit_title(title, sz.title_px, 15.0, width as f64 - 2.0 * m);
        let title_style = text_style(px, INK, true, HPos::Left, VPos::Top);
        draw_text(&area, &title, (m, m), &title_style);

        // Legend: a row of swatches.
        let legend_style = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Center);
        let mut x = x_days;
        for (c, name) in COMPONENT_COLOURS.iter().zip(COMPONENT_NAMES) {
            fill_rect(&area, Rect::from_xywh(x, legend_y - sw / 2.0, sw, sw), *c);
            draw_text(&area, name, (x + sw + 8.0 * s, legend_y), &legend_style);
            x += sw + 8.0 * s + text_size(name, sz.legend_px).0 + 26.0 * s;
        }

        // Group labels, right-aligned against the days panel.
        let group_style = text_style(sz.legend_px, INK, false, HPos::Right, VPos::Center);
        for (k, g) in groups.iter().enumerate() {
            let cy = top + (k as f64 + 0.5) * row_h;
            let lines = wrap_text(&g.label, sz.legend_px, label_w, 2);
            let line_h = sz.legend_px * 1.25;
            let y0 = cy - (lines.len() as f64 - 1.0) * line_h / 2.0;
            for (i, t) in lines.iter().enumerate() {
                let at = (x_days - 10.0 * s, y0 + i as f64 * line_h);
                draw_text(&area, t, at, &group_style);
            }
        }

        let tick_style = text_style(sz.tick_px, MUTED, false, HPos::Center, VPos::Top);
        let axis_style = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Top);
        let heading_style = text_style(sz.heading_px, INK, true, HPos::Left, VPos::Bottom);
        let value_style = text_style(sz.label_px, INK, true, HPos::Left, VPos::Center);
        let panels: [(f64, &Axis, &str, &str, bool); 2] = [
            (x_days, &day_axis, "Door-to-door time", "time (days)", true),
            (
                x_usd,
                &usd_axis,
                "Door-to-door cost",
                "cost (USD per FEU)",
                false,
            ),
        ];
        for (x0, axis, heading, axis_title, is_days) in panels {
            let plot = Rect::from_xywh(x0, top, panel_w, plot_h);
            let k = panel_w / axis.max;
            for v in axis.ticks() {
                let gx = (x0 + v * k).round() as i32;
                draw_line(
                    &area,
                    &[(gx, plot.y0 as i32), (gx, plot.y1 as i32)],
                    GRID,
                    1.0,
                );
                draw_text(
                    &area,
                    &axis.label(v),
                    (x0 + v * k, plot.y1 + 6.0 * s),
                    &tick_style,
                );
            }
            draw_text(&area, heading, (x0, plot.y0 - 8.0 * s), &heading_style);
            draw_text(
                &area,
                axis_title,
                (x0 + panel_w / 2.0, plot.y1 + 6.0 * s + sz.tick_px * 1.5),
                &axis_style,
            );
            for (g, sum) in sums.iter().enumerate() {
                let vals: [f64; 4] = if is_days {
                    sum.hours.map(|h| h / 24.0)
                } else {
                    sum.usd
                };
                let yc = top + (g as f64 + 0.5) * row_h;
                let (by0, by1) = ((yc - bar_h / 2.0).round(), (yc + bar_h / 2.0).round());
                let mut cum = 0.0;
                let mut edges = Vec::new();
                for (c, v) in COMPONENT_COLOURS.iter().zip(vals) {
                    let (a, b) = ((x0 + cum * k).round(), (x0 + (cum + v) * k).round());
                    cum += v;
                    if b > a {
                        fill_rect(
                            &area,
                            Rect {
                                x0: a,
                                y0: by0,
                                x1: b,
                                y1: by1,
                            },
                            *c,
                        );
                        edges.push(a);
                    }
                }
                // White hairlines between components.
                for e in edges.iter().skip(1) {
                    let ex = *e as i32;
                    draw_line(&area, &[(ex, by0 as i32), (ex, by1 as i32 - 1)], WHITE, 1.0);
                }
                let total = if is_days {
                    day_text(cum)
                } else {
                    format_usd(cum)
                };
                draw_text(
                    &area,
                    &total,
                    ((x0 + cum * k).round() + 7.0 * s, yc),
                    &value_style,
                );
            }
            let (ax, ay0, ay1) = (x0 as i32, plot.y0 as i32, plot.y1 as i32);
            draw_line(
                &area,
                &[(ax, ay0), (ax, ay1), ((x0 + panel_w) as i32, ay1)],
                AXIS,
                1.0,
            );
        }
        let _ = area.present();
    }
    post_process(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(crate::report::grouped(10234.4, 0), "10,234");
        assert_eq!(crate::report::grouped(999.0, 0), "999");
        assert_eq!(crate::report::grouped(1234567.891, 1), "1,234,567.9");
        assert_eq!(crate::report::grouped(-1500.0, 0), "-1,500");
        assert_eq!(crate::report::grouped(-0.2, 0), "0");
        assert_eq!(crate::report::grouped(2.5, 1), "2.5");
    }

    #[test]
    fn nice_axes() {
        assert_eq!(nice_step(0.9), 1.0);
        assert_eq!(nice_step(1.1), 2.0);
        assert_eq!(nice_step(2.2), 2.5);
        assert_eq!(nice_step(1300.0), 2000.0);
        let a = Axis::nice(10234.0, 8.0);
        assert_eq!(a.step, 2000.0);
        assert_eq!(a.max, 12000.0);
        assert_eq!(a.label(10000.0), "10,000");
        let b = Axis::nice(3.4, 6.0);
        assert_eq!((b.step, b.decimals), (1.0, 0));
        let c = Axis::nice(2.4, 6.0);
        assert_eq!((c.step, c.decimals), (0.5, 1));
        assert_eq!(c.label(1.5), "1.5");
        let d = Axis::nice(0.0, 6.0);
        assert!(d.max > 0.0);
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(30.0), "30 h");
        assert_eq!(format_duration(80.0), "3.3 d");
    }

    #[test]
    fn widths_decrease() {
        let w = series_widths(4, 1.0);
        assert!(w.windows(2).all(|p| p[0] > p[1]));
        assert!(w[3] >= 2.0);
        assert_eq!(series_widths(1, 1.0).len(), 1);
    }

    #[test]
    fn fit_text_shortens() {
        let long = "A very long scenario name that will not fit in the column";
        let t = shorten(long, 14.0, 120.0);
        assert!(t.ends_with('…') && text_size(&t, 14.0).0 <= 120.0);
        assert_eq!(shorten("short", 14.0, 120.0), "short");
    }

    #[test]
    fn wrap_text_uses_two_lines() {
        let w = wrap_text("fastest avoiding Russia: Middle Corridor", 14.0, 200.0, 2);
        assert_eq!(w.len(), 2);
        assert!(w.iter().all(|l| text_size(l, 14.0).0 <= 200.0));
        assert_eq!(
            wrap_text("short", 14.0, 200.0, 2),
            vec!["short".to_string()]
        );
        let long = "one two three four five six seven eight nine ten eleven twelve";
        let w = wrap_text(long, 14.0, 100.0, 2);
        assert_eq!(w.len(), 2);
        assert!(w[1].ends_with('…'));
    }
}

// ---------------------------------------------------------------------------------------------
// Pareto chart

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
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height as u32)).into_drawing_area();
        let _ = area.fill(&WHITE);
        let y_ticks: Vec<(f64, String)> = y_axis
            .ticks()
            .into_iter()
            .map(|v| (y(v), format_usd(v)))
            .collect();
        draw_days_frame(
            &area,
            &sz,
            title,
            (left, right, top, bottom),
            &x_axis,
            &y_ticks,
            "USD per FEU",
            (w, height - m),
        );
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
        draw_line(&area, &stairs, series_colour(0), 2.0 * s);
        let label = text_style(sz.label_px, INK, false, HPos::Left, VPos::Bottom);
        let r = (5.0 * s).max(3.0);
        for p in points {
            let (cx, cy) = (x(p.days), y(p.usd));
            let colour = if p.on_front { series_colour(0) } else { MUTED };
            fill_rect(
                &area,
                Rect {
                    x0: cx - r,
                    y0: cy - r,
                    x1: cx + r,
                    y1: cy + r,
                },
                colour,
            );
            let text = format!("{} ({:.1} d, {})", p.label, p.days, format_usd(p.usd));
            // Right of the point, or left of it where the right side has no room.
            let room_right = right - cx - 2.0 * r;
            if text_size(&text, sz.label_px).0 <= room_right || room_right >= cx - left {
                let text = shorten(&text, sz.label_px, room_right.max(60.0 * s));
                draw_text(&area, &text, (cx + 2.0 * r, cy - r), &label);
            } else {
                let text = shorten(&text, sz.label_px, (cx - left - 2.0 * r).max(60.0 * s));
                let left_label = text_style(sz.label_px, INK, false, HPos::Right, VPos::Bottom);
                draw_text(&area, &text, (cx - 2.0 * r, cy - r), &left_label);
            }
        }
        let _ = area.present();
    }
    post_process(svg)
}

/// The frame the Pareto and reliability charts share: the title, a grid line and label per
/// x tick (days, from `x_axis`) and per y tick (`y_ticks`: pixel y and label), the two axes,
/// "door-to-door days" under the plot (its baseline at `x_title_y`; `w` the chart's width) and
/// `y_title` beside it.
#[allow(clippy::too_many_arguments)]
fn draw_days_frame(
    area: &Area,
    sz: &Sizes,
    title: &str,
    (left, right, top, bottom): (f64, f64, f64, f64),
    x_axis: &Axis,
    y_ticks: &[(f64, String)],
    y_title: &str,
    (w, x_title_y): (f64, f64),
) {
    let (s, m) = (sz.s, sz.margin);
    let x = |d: f64| left + (right - left) * d / x_axis.max;
    let (t, px) = fit_title(title, sz.title_px, 15.0, w - 2.0 * m);
    draw_text(
        area,
        &t,
        (m, m),
        &text_style(px, INK, true, HPos::Left, VPos::Top),
    );
    let tick = text_style(sz.tick_px, MUTED, false, HPos::Center, VPos::Top);
    for v in x_axis.ticks() {
        draw_line(area, &[to_i((x(v), top)), to_i((x(v), bottom))], GRID, 1.0);
        draw_text(area, &x_axis.label(v), (x(v), bottom + 6.0 * s), &tick);
    }
    let ytick = text_style(sz.tick_px, MUTED, false, HPos::Right, VPos::Center);
    for (py, label) in y_ticks {
        draw_line(area, &[to_i((left, *py)), to_i((right, *py))], GRID, 1.0);
        draw_text(area, label, (left - 6.0 * s, *py), &ytick);
    }
    draw_line(
        area,
        &[to_i((left, bottom)), to_i((right, bottom))],
        AXIS,
        1.0,
    );
    draw_line(area, &[to_i((left, top)), to_i((left, bottom))], AXIS, 1.0);
    let axis_title = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Bottom);
    draw_text(
        area,
        "door-to-door days",
        ((left + right) / 2.0, x_title_y),
        &axis_title,
    );
    let y_style = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Top)
        .transform(FontTransform::Rotate270);
    draw_text(area, y_title, (m, (top + bottom) / 2.0), &y_style);
}

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
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height as u32)).into_drawing_area();
        let _ = area.fill(&WHITE);
        let y_ticks: Vec<(f64, String)> = [0.0, 25.0, 50.0, 75.0, 90.0, 100.0]
            .map(|p: f64| (y(p), format!("{p:.0} %")))
            .to_vec();
        draw_days_frame(
            &area,
            &sz,
            title,
            (left, right, top, bottom),
            &x_axis,
            &y_ticks,
            "shipments arrived",
            (w, plot_height - m),
        );
        let r = (4.0 * s).max(2.5);
        let legend = text_style(sz.label_px, INK, false, HPos::Left, VPos::Center);
        for (i, c) in series.iter().enumerate() {
            let colour = series_colour(i);
            let pts: Vec<(i32, i32)> = c
                .cdf
                .iter()
                .enumerate()
                .map(|(k, &d)| to_i((x(d), y(k as f64 + 1.0))))
                .collect();
            draw_line(&area, &pts, colour, 2.0 * s);
            for (d, p) in [(c.p50, 50.0), (c.p90, 90.0)] {
                let (cx, cy) = (x(d), y(p));
                fill_rect(
                    &area,
                    Rect {
                        x0: cx - r,
                        y0: cy - r,
                        x1: cx + r,
                        y1: cy + r,
                    },
                    colour,
                );
            }
            let ly = plot_height + 4.0 * s + line_h * (i as f64 + 0.5);
            draw_line(
                &area,
                &[to_i((left + 10.0 * s, ly)), to_i((left + 30.0 * s, ly))],
                colour,
                2.5 * s,
            );
            let text = format!("{} · P50 {:.1} d · P90 {:.1} d", c.label, c.p50, c.p90);
            let text = shorten(&text, sz.label_px, right - left - 50.0 * s);
            draw_text(&area, &text, (left + 36.0 * s, ly), &legend);
        }
        let _ = area.present();
    }
    post_process(svg)
}
