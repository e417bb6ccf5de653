//! Report charts for routes: the UNESCAP time/cost-distance chart, the component breakdown, the
//! Pareto chart of days against dollars and the reliability (transit-time distribution) chart.
//!
//! This file owns:
//!
//! - [`render_tcd`], the UNESCAP time/cost-distance (TCD) chart: one SVG with two panels, the
//!   cumulative days (top) and the cumulative USD per FEU (bottom) against the cumulative km.
//!   Each [`Series`] is one polyline through the cumulative points of its route's steps: a
//!   `haul` step is a diagonal, a `border`, `transfer` or `wait` step has 0 km and is a vertical
//!   segment (a bottleneck), drawn thicker. The vertical jumps of each panel are labelled in
//!   the panel's unit ("Dostyk border 1.3 d", "Aktau transfer $100"; days on the time axis, USD
//!   on the cost axis, km across): each series' largest jump first, then the others by size,
//!   greedily and overlap-free. A label sits next to its jump where there is room, else farther
//!   out joined to it by a thin leader line, its text aligned towards the jump; where the whole
//!   label finds no room, the place and size alone ("Dostyk 1.3 d"); the panel's largest jump is
//!   always labelled; [`tcd_jump_labels`] exposes that placement;
//! - [`render_breakdown`], the comparison chart: one stacked horizontal bar per [`BarGroup`] in
//!   its route's colour (the same as on the map and the time/cost-distance chart of a study),
//!   split into line haul, border, transfer and waiting told apart by their fill (solid,
//!   striped, tinted, hollow: [`COMPONENT_FILLS`], keyed in grey), in a days panel and a USD
//!   panel, with the totals at the bar ends; [`component_sums`] is the pure helper behind the
//!   bars;
//! - [`render_pareto`], days against USD per FEU: the non-dominated routes ([`ParetoPoint`])
//!   joined by the staircase of the front, dominated ones in grey;
//! - [`render_cdf`], the reliability chart: each route's share of shipments arrived within x
//!   days ([`CdfSeries`]), P50 and P90 marked;
//! - the chart layout (sizes scaled from the reference width, text never below 12 px), nice axis
//!   ticks and number formatting with thousands separators ([`crate::report::grouped`]).
//!
//! Drawing follows the map renderer: plotters' `SVGBackend::with_string` in pixel coordinates,
//! the Okabe–Ito palette [`ROUTE_COLOURS`](crate::render::style::ROUTE_COLOURS) for series and bars, plotters' naive text-size estimate (no
//! fonts needed; SVG text uses `font-family="sans-serif"`), and two attributes added by plain
//! text substitution: round joins/caps on polylines and a white halo behind text. Plotters writes
//! integer pixel coordinates and nothing here iterates a hash map, so the same input gives the
//! same bytes.

use crate::{
    network::TransferKind,
    render::format::{co2_words, format_usd},
    render::geom::{segments_cross, Rect},
    render::labels::{fit_title, shorten, text_size, LabelRequest, Position},
    render::style::{
        canvas, draw_line, draw_text, fill_rect, fill_square, outline_rect, round_joins_and_halo,
        route_colour, text_style, to_i, Area, INK, MUTED, REFERENCE_WIDTH,
    },
    solve::{Route, Step, StepKind},
};

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontTransform, RGBColor, WHITE};

// ---------------------------------------------------------------------------------------------
// Public types

/// One route of the time/cost-distance chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text, e.g. "Middle Corridor".
    pub label: String,
    /// The route; its steps are drawn in order.
    pub route: Route,
    /// Index into [`ROUTE_COLOURS`](crate::render::style::ROUTE_COLOURS) (the route's colour in every figure of a study); `None`: by
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
    /// Index into [`ROUTE_COLOURS`](crate::render::style::ROUTE_COLOURS) (the route's colour in every figure of a study, see
    /// [`crate::figures::paint`]); `None`: by position.
    pub colour: Option<usize>,
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

/// A leader line: from its label's box to its jump, pixels.
pub type Leader = ((f64, f64), (f64, f64));

/// A label of one of the largest vertical jumps, as placed on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpLabel {
    /// The panel it belongs to.
    pub panel: Panel,
    /// Index of the series.
    pub series: usize,
    /// Index of the step in the series' route.
    pub step: usize,
    /// The text, e.g. "Dostyk border 1.3 d" or "Aktau transfer $100" (in the panel's unit).
    pub text: String,
    /// Midpoint of the vertical segment, pixels.
    pub anchor: (f64, f64),
    /// The text box, pixels.
    pub rect: Rect,
    /// The leader line (start on the box's edge, end at `anchor`), pixels, when the box had to
    /// be moved away from its jump; `None` when it sits next to it.
    pub leader: Option<Leader>,
}

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

/// The colour of the breakdown legend's component swatches (the bars use the route colours).
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

const AXIS: RGBColor = RGBColor(0x66, 0x66, 0x66);
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
const LEGEND_BORDER: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// The stroke of the time/cost-distance chart's leader lines (1 px), a colour no other line of
/// the chart uses.
pub const LEADER: RGBColor = RGBColor(0x4A, 0x4A, 0x4A);

/// How many jump labels each TCD panel gets.
const JUMP_LABELS_PER_PANEL: usize = 8;

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
        let s = width as f64 / REFERENCE_WIDTH;
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

/// A chart with a title and a centred message, for empty input.
fn render_message(title: &str, message: &str, width_px: u32) -> String {
    let width = width_px.max(400);
    let sz = Sizes::new(width);
    let height = (200.0 * sz.s).max(120.0).round() as u32;
    let svg = canvas((width, height), |area| {
        let (title, px) = fit_title(title, sz.title_px, 15.0, width as f64 - 2.0 * sz.margin);
        let title_style = text_style(px, INK, true, HPos::Left, VPos::Top);
        draw_text(area, &title, (sz.margin, sz.margin), &title_style);
        let msg = text_style(sz.heading_px, MUTED, false, HPos::Center, VPos::Center);
        draw_text(
            area,
            message,
            (width as f64 / 2.0, height as f64 * 0.6),
            &msg,
        );
    });
    round_joins_and_halo(&svg)
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

/// Legend text of a series: "Middle Corridor — 10,234 km, 18.3 d, $7,420, 6.9 t CO2e".
fn series_legend_text(s: &Series) -> String {
    let t = &s.route.total;
    format!(
        "{} — {} km, {:.1} d, {}{}",
        s.label,
        crate::report::grouped(t.km, 0),
        t.days,
        format_usd(t.usd),
        co2_words(t.co2_kg)
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

/// A duration in days, the unit of the time axis: "1.3 d", "0.25 d" below a day (two decimals,
/// so that a few hours do not read "0.0 d").
fn format_days(hours: f64) -> String {
    let d = hours / 24.0;
    if d < 0.995 {
        format!("{d:.2} d")
    } else {
        format!("{d:.1} d")
    }
}

fn jump_text(step: &Step, panel: Panel, names: &dyn Fn(&str) -> String) -> String {
    let what = match step.kind {
        StepKind::Transfer => transfer_words(step),
        k => k.as_str(),
    };
    format!("{} {} {}", names(&step.from), what, jump_value(step, panel))
}

/// A jump's label without what happens there ("Alashankou 1.3 d"), for where the whole one
/// does not fit.
fn short_jump_text(step: &Step, panel: Panel, names: &dyn Fn(&str) -> String) -> String {
    format!("{} {}", names(&step.from), jump_value(step, panel))
}

/// The size of a jump, in the panel's unit.
fn jump_value(step: &Step, panel: Panel) -> String {
    match panel {
        Panel::Time => format_days(step.hours),
        Panel::Cost => format_usd(step.usd),
    }
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

/// The least space between two jump labels, pixels.
const LABEL_PAD: f64 = 2.0;

/// The distances, as multiples of the gap next to a segment, at which a label that does not fit
/// next to its jump is tried, nearest first: the short ones before a label may cross a line, the
/// long ones after.
const LEADER_SHORT: [f64; 3] = [2.2, 3.2, 4.5];
const LEADER_LONG: [f64; 3] = [6.5, 9.0, 12.5];

/// The order in which a panel's jumps are labelled: each series' largest jump first (largest
/// first), then every other jump by size; ties in series, then step order.
fn label_order(segs: &[(usize, usize, f64, f64, f64)], size: &dyn Fn(usize) -> f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..segs.len()).collect();
    // A stable sort: ties keep series, then step order.
    order.sort_by(|a, b| size(*b).total_cmp(&size(*a)));
    let mut firsts: Vec<usize> = Vec::new();
    for &k in &order {
        if !firsts.iter().any(|&f| segs[f].0 == segs[k].0) {
            firsts.push(k);
        }
    }
    let rest = order.iter().copied().filter(|k| !firsts.contains(k));
    firsts.iter().copied().chain(rest).collect()
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
        let size = |k: usize| {
            let (i, j, ..) = segs[k];
            let st = &series[i].route.steps[j];
            match p.panel {
                Panel::Time => st.hours,
                Panel::Cost => st.usd,
            }
        };
        let order = label_order(&segs, &size);
        // Diagonal candidates sit `gap / √2` to the side: keep them clear of the widest
        // segment at the anchor.
        let widest = lay.widths.iter().copied().fold(0.0f64, f64::max);
        let panel = PanelJumps {
            panel: p.panel,
            texts: segs
                .iter()
                .map(|&(i, j, ..)| jump_text(&series[i].route.steps[j], p.panel, names))
                .collect(),
            short_texts: segs
                .iter()
                .map(|&(i, j, ..)| short_jump_text(&series[i].route.steps[j], p.panel, names))
                .collect(),
            // Labels keep clear of every vertical segment (the bottlenecks themselves).
            obstacles: segs
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
                .collect(),
            jumps: segs
                .iter()
                .map(|&(_, _, x, y0, y1)| Rect {
                    x0: x,
                    y0: y1,
                    x1: x,
                    y1: y0,
                })
                .collect(),
            lines: line_obstacles(lay, p, series),
            bounds: p.plot.inflate(-3.0),
            gap: ((widest + extra) / 2.0 + 1.0) * std::f64::consts::SQRT_2 + 3.0 * lay.sz.s,
            label_px: lay.sz.label_px,
            limit: JUMP_LABELS_PER_PANEL.max(series.len()),
            segs,
        };
        if order.is_empty() {
            continue;
        }
        // Each series' largest jump leads the order; where the greedy pass leaves one of them
        // out, the pass is run again with that jump moved to the front, and the pass labelling
        // most of them (the first of equals) is kept, provided it labels the panel's largest.
        let firsts: Vec<usize> = {
            let mut seen: Vec<usize> = Vec::new();
            order
                .iter()
                .copied()
                .filter(|&k| {
                    let fresh = !seen.contains(&panel.segs[k].0);
                    seen.push(panel.segs[k].0);
                    fresh
                })
                .collect()
        };
        let mut best: Option<((usize, usize), Vec<JumpLabel>)> = None;
        for clear_first in [true, false] {
            let mut attempt = order.clone();
            for _ in 0..=firsts.len() {
                let (labels, covered) = panel.place(&attempt, attempt[0] == order[0], clear_first);
                // Series' largest jumps labelled, then series with a label at all.
                let mut with_label: Vec<usize> = labels.iter().map(|l| l.series).collect();
                with_label.extend(covered.iter().map(|&k| panel.segs[k].0));
                with_label.sort_unstable();
                with_label.dedup();
                let score = (
                    firsts.iter().filter(|k| covered.contains(k)).count(),
                    with_label.len(),
                );
                if covered.contains(&order[0]) && best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, labels));
                }
                match firsts.iter().find(|k| !covered.contains(k)) {
                    Some(&m) if attempt[0] != m => {
                        attempt.retain(|&k| k != m);
                        attempt.insert(0, m);
                    }
                    _ => break,
                }
            }
        }
        let mut labels = best.map(|(_, l)| l).unwrap_or_default();
        let rank = |l: &JumpLabel| {
            order
                .iter()
                .position(|&k| (panel.segs[k].0, panel.segs[k].1) == (l.series, l.step))
        };
        labels.sort_by_key(rank);
        out.extend(labels);
    }
    out
}

/// One panel's jumps and what their labels must keep clear of.
struct PanelJumps {
    panel: Panel,
    /// The vertical segments, as from [`vertical_segments`].
    segs: Vec<(usize, usize, f64, f64, f64)>,
    /// The label text of each segment.
    texts: Vec<String>,
    /// The same without what happens there, for where the whole text does not fit.
    short_texts: Vec<String>,
    /// The segments' boxes (line width included).
    obstacles: Vec<Rect>,
    /// The segments themselves (zero-width boxes).
    jumps: Vec<Rect>,
    /// Small boxes along the series lines.
    lines: Vec<Rect>,
    bounds: Rect,
    gap: f64,
    label_px: f64,
    limit: usize,
}

impl PanelJumps {
    /// One greedy pass over the segments in `order`: the labels placed and the segments they
    /// cover (a segment is covered by its own label or by the same text at the same place).
    /// With `first_always`, the first segment is labelled even where nothing is free.
    fn place(
        &self,
        order: &[usize],
        first_always: bool,
        clear_first: bool,
    ) -> (Vec<JumpLabel>, Vec<usize>) {
        let gap = self.gap;
        let mut chosen: Vec<JumpLabel> = Vec::new();
        let mut covered: Vec<usize> = Vec::new();
        for (n, &k) in order.iter().enumerate() {
            let (i, j, x, y0, y1) = self.segs[k];
            let (text, short) = (&self.texts[k], &self.short_texts[k]);
            let anchor = (x, ((y0 + y1) / 2.0).round());
            // The same event of two series drawn at the same place is labelled once.
            let dup = chosen.iter().any(|c| {
                (c.text == *text || c.text == *short)
                    && (c.anchor.0 - anchor.0).abs() < 4.0
                    && (c.anchor.1 - anchor.1).abs() < 4.0
            });
            if dup {
                covered.push(k);
                continue;
            }
            if chosen.len() == self.limit {
                continue;
            }
            let size = text_size(text, self.label_px);
            let place = |size| {
                place_jump_label(
                    anchor,
                    size,
                    gap,
                    self.bounds,
                    &self.obstacles,
                    &self.jumps,
                    &self.lines,
                    &chosen,
                    clear_first,
                )
            };
            let mut used = text;
            let placed = place(size)
                .or_else(|| {
                    // Where the whole text finds no room, the place and the size alone.
                    let found = place(text_size(short, self.label_px));
                    if found.is_some() {
                        used = short;
                    }
                    found
                })
                .or_else(|| {
                    // Where nothing is free, next to its jump, inside the panel.
                    (n == 0 && first_always).then(|| {
                        let req = LabelRequest { anchor, size, gap };
                        let r = Position::ALL
                            .iter()
                            .map(|q| q.rect(&req))
                            .find(|r| self.bounds.contains_rect(r))
                            .unwrap_or_else(|| {
                                let r = Position::East.rect(&req);
                                let b = self.bounds;
                                let dx = (b.x1 - r.x1).min(0.0).max(b.x0 - r.x0);
                                let dy = (b.y1 - r.y1).min(0.0).max(b.y0 - r.y0);
                                Rect::from_xywh(r.x0 + dx, r.y0 + dy, size.0, size.1)
                            });
                        (r, leader_from(r, anchor, gap))
                    })
                });
            if let Some((rect, leader)) = placed {
                covered.push(k);
                chosen.push(JumpLabel {
                    panel: self.panel,
                    series: i,
                    step: j,
                    text: used.clone(),
                    anchor,
                    rect,
                    leader,
                });
            }
        }
        (chosen, covered)
    }
}

/// The leader line of a label box placed away from its anchor: from [`leader_start`] to the
/// anchor; `None` when the box sits next to the anchor (no farther than the gap of
/// [`Position::rect`]).
fn leader_from(rect: Rect, anchor: (f64, f64), gap: f64) -> Option<Leader> {
    let near = rect.nearest_point(anchor);
    let d = (near.0 - anchor.0).hypot(near.1 - anchor.1);
    (d > gap * 1.05).then(|| (leader_start(rect, anchor), anchor))
}

/// Where a leader leaves its label's box, rounded to pixels: the middle of the side facing the
/// anchor when the anchor is beside the box, else the point of the top or bottom edge right
/// above or below the anchor (never a corner two stacked labels would share).
fn leader_start(rect: Rect, anchor: (f64, f64)) -> (f64, f64) {
    let p = if anchor.0 < rect.x0 || anchor.0 > rect.x1 {
        (rect.nearest_point(anchor).0, (rect.y0 + rect.y1) / 2.0)
    } else {
        rect.nearest_point(anchor)
    };
    (p.0.round(), p.1.round())
}

/// Finds a box for one jump label: next to its jump clear of the series lines; else a little
/// farther out, joined by a leader line; else next to it or a little farther across a line
/// (its halo keeps it legible); else far out, with a long leader. A box never overlaps a chosen
/// label, a leader line, a bottleneck segment or the panel's edge, and its leader never crosses
/// a chosen label or leader. `None` when nothing fits.
#[allow(clippy::too_many_arguments)]
fn place_jump_label(
    anchor: (f64, f64),
    size: (f64, f64),
    gap: f64,
    bounds: Rect,
    obstacles: &[Rect],
    jumps: &[Rect],
    lines: &[Rect],
    chosen: &[JumpLabel],
    clear_first: bool,
) -> Option<(Rect, Option<Leader>)> {
    let tiers: Vec<(&[f64], bool)> = if clear_first {
        vec![
            (&[1.0], true),
            (&LEADER_SHORT, true),
            (&[1.0], false),
            (&LEADER_SHORT, false),
            (&LEADER_LONG, true),
            (&LEADER_LONG, false),
        ]
    } else {
        vec![
            (&[1.0], false),
            (&LEADER_SHORT, false),
            (&LEADER_LONG, false),
        ]
    };
    let leaders: Vec<Leader> = chosen.iter().filter_map(|c| c.leader).collect();
    let fits = |r: &Rect, clear_of_lines: bool| {
        bounds.contains_rect(r)
            && !obstacles.iter().any(|o| o.overlaps(r))
            && !chosen.iter().any(|c| c.rect.inflate(LABEL_PAD).overlaps(r))
            && !leaders.iter().any(|&(a, b)| r.crosses_segment(a, b))
            && (!clear_of_lines || !lines.iter().any(|o| o.overlaps(r)))
    };
    for (factors, clear_of_lines) in tiers {
        for f in factors {
            // Of the boxes that fit at this distance, the first whose leader crosses (or runs
            // along) the fewest series lines.
            let mut best: Option<(usize, Rect, Option<Leader>)> = None;
            for r in candidate_boxes(anchor, size, gap * f) {
                if !fits(&r, clear_of_lines) {
                    continue;
                }
                let leader = leader_from(r, anchor, gap).or_else(|| {
                    // A box next to its jump but nearer another bottleneck still gets a
                    // (short) leader, so that it cannot be read as that one's.
                    let near = r.nearest_point(anchor);
                    let own = (near.0 - anchor.0).hypot(near.1 - anchor.1);
                    let nearer = jumps.iter().any(|j| {
                        let mid = (j.x0, ((j.y0 + j.y1) / 2.0).round());
                        mid != anchor && rect_distance(j, &r) < own
                    });
                    nearer.then(|| (leader_start(r, anchor), anchor))
                });
                let mut over_lines = 0;
                if let Some((a, b)) = leader {
                    // Within `gap` of the anchor the leader runs over its own jump and the
                    // steps joined to it; past that it must not cross another bottleneck.
                    let len = (a.0 - b.0).hypot(a.1 - b.1);
                    let t = (1.0 - gap / len).max(0.0);
                    let outer = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                    let crosses = chosen.iter().any(|c| c.rect.crosses_segment(a, b))
                        || leaders.iter().any(|&(c, d)| segments_cross(a, b, c, d))
                        || obstacles.iter().any(|o| o.crosses_segment(a, outer));
                    if crosses {
                        continue;
                    }
                    over_lines = lines.iter().filter(|o| o.crosses_segment(a, outer)).count();
                }
                if best.as_ref().is_none_or(|(n, ..)| over_lines < *n) {
                    best = Some((over_lines, r, leader));
                }
                if over_lines == 0 {
                    break;
                }
            }
            if let Some((_, r, leader)) = best {
                return Some((r, leader));
            }
        }
    }
    None
}

/// The distance between two rectangles (0 when they touch or overlap).
fn rect_distance(a: &Rect, b: &Rect) -> f64 {
    let dx = (a.x0 - b.x1).max(b.x0 - a.x1).max(0.0);
    let dy = (a.y0 - b.y1).max(b.y0 - a.y1).max(0.0);
    dx.hypot(dy)
}

/// The boxes of size `(w, h)` a label may take at distance `d` from its anchor, in order of
/// preference: the eight of [`Position`] (right, above right, below right, left, above left,
/// below left, above, below), then above and below reaching rightwards or leftwards from the
/// anchor (so that a jump near a panel's side can be labelled straight above or below it), then
/// eight directions between those.
fn candidate_boxes(anchor: (f64, f64), (w, h): (f64, f64), d: f64) -> Vec<Rect> {
    let req = LabelRequest {
        anchor,
        size: (w, h),
        gap: d,
    };
    let (ax, ay) = anchor;
    let reach = (w / 2.0 - 6.0).max(0.0);
    let mut out: Vec<Rect> = Position::ALL.iter().map(|q| q.rect(&req)).collect();
    for y in [ay - d - h, ay + d] {
        for x in [ax - w / 2.0 + reach, ax - w / 2.0 - reach] {
            out.push(Rect::from_xywh(x, y, w, h));
        }
    }
    // The directions between those (22.5° off each), the box touching the point at distance
    // `d` with its near corner.
    for deg in [22.5f64, -22.5, 67.5, -67.5, 157.5, -157.5, 112.5, -112.5] {
        let (sin, cos) = deg.to_radians().sin_cos();
        let (px, py) = (ax + d * cos, ay - d * sin);
        let x = if cos > 0.0 { px } else { px - w };
        let y = if sin > 0.0 { py - h } else { py };
        out.push(Rect::from_xywh(x, y, w, h));
    }
    out
}

/// How a jump label is aligned in its box: towards its anchor, so that the text's near end
/// sits at the box's near edge whatever the viewer's font makes of its width.
fn label_hpos(l: &JumpLabel) -> HPos {
    let third = l.rect.width() / 3.0;
    if l.anchor.0 < l.rect.x0 + third {
        HPos::Left
    } else if l.anchor.0 > l.rect.x1 - third {
        HPos::Right
    } else {
        HPos::Center
    }
}

/// The labels of the largest vertical jumps exactly as [`render_tcd`] places them, with their
/// boxes and leader lines in pixels: up to six per panel (or one per series, if more), each
/// series' largest jump first, then the others by size. A label sits next to its jump where
/// there is room and is otherwise moved away and joined to the jump by a leader line; a jump
/// whose label fits nowhere is passed over for the next, except the panel's largest, which is
/// always labelled. Boxes never overlap each other or a leader line and stay inside the panel;
/// leader lines never cross a box or each other; no box covers a vertical segment, except the
/// panel's largest jump's where no room was left at all.
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
    let svg = canvas((lay.width, lay.height), |area| {
        let (title, px) = fit_title(title, sz.title_px, 15.0, lay.width as f64 - 2.0 * sz.margin);
        let title_style = text_style(px, INK, true, HPos::Left, VPos::Top);
        draw_text(area, &title, (sz.margin, sz.margin), &title_style);
        draw_tcd_legend(area, &lay, series);

        let tick_style_x = text_style(sz.tick_px, MUTED, false, HPos::Center, VPos::Top);
        let tick_style_y = text_style(sz.tick_px, MUTED, false, HPos::Right, VPos::Center);
        let axis_style = text_style(sz.axis_px, INK, false, HPos::Center, VPos::Top);
        let heading_style = text_style(sz.heading_px, INK, true, HPos::Left, VPos::Bottom);
        let extra = jump_extra(s);
        for p in &lay.panels {
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

            // Series, first (widest) at the bottom; each line, then its vertical segments.
            for (i, sr) in series.iter().enumerate() {
                let c = route_colour(sr.colour.unwrap_or(i));
                let pts: Vec<(i32, i32)> = cumulative(&sr.route)
                    .iter()
                    .map(|q| to_i(p.px(&lay.x, q.km, p.value(q))))
                    .collect();
                draw_line(area, &pts, c, lay.widths[i]);
                for (j, step) in sr.route.steps.iter().enumerate() {
                    if step.km == 0.0 && pts[j] != pts[j + 1] {
                        draw_line(area, &[pts[j], pts[j + 1]], c, lay.widths[i] + extra);
                    }
                }
            }

            // Jump labels, each moved one joined to its jump by a thin leader line.
            let ours = || labels.iter().filter(|l| l.panel == p.panel);
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
    });
    round_joins_and_halo(&svg)
}

fn draw_tcd_legend(area: &Area, lay: &TcdLayout, series: &[Series]) {
    let lg = &lay.legend;
    let sz = &lay.sz;
    fill_rect(area, lg.rect, WHITE);
    outline_rect(area, lg.rect, LEGEND_BORDER, 1);
    let style = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Center);
    let extra = jump_extra(sz.s);
    for (i, sr) in series.iter().enumerate() {
        let (row, col) = (i / lg.cols, i % lg.cols);
        let x = lg.rect.x0 + lg.pad + col as f64 * lg.col_w;
        let mid = lg.rect.y0 + lg.pad + (row as f64 + 0.5) * lg.line_h;
        let c = route_colour(sr.colour.unwrap_or(i));
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

/// Renders the comparison chart as SVG text: one stacked horizontal bar per group, outlined and
/// filled in the group's route colour ([`BarGroup::colour`]), split into [`COMPONENTS`] (line
/// haul solid, border striped, transfer tinted, waiting hollow: [`COMPONENT_FILLS`]), in a days
/// panel (left) and a USD panel (right), with the totals at the bar ends and a legend of the
/// components in grey. Same input, same bytes. An empty `groups` gives a chart saying "no
/// routes".
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

    let svg = canvas((width, height), |area| {
        let (title, px) = fit_title(title, sz.title_px, 15.0, width as f64 - 2.0 * m);
        let title_style = text_style(px, INK, true, HPos::Left, VPos::Top);
        draw_text(area, &title, (m, m), &title_style);

        // Legend: a row of swatches in grey, each component's fill, then what the colours
        // mean when there is room for it.
        let legend_style = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Center);
        let mut x = x_days;
        for (fill, name) in COMPONENT_FILLS.iter().zip(COMPONENT_NAMES) {
            let key = Rect::from_xywh(x, (legend_y - sw / 2.0).round(), sw, sw);
            draw_component(area, key, *fill, LEGEND_KEY, s);
            outline_rect(area, key, LEGEND_KEY, 1);
            draw_text(area, name, (x + sw + 8.0 * s, legend_y), &legend_style);
            x += sw + 8.0 * s + text_size(name, sz.legend_px).0 + 26.0 * s;
        }
        // Left of the swatches, over the bar labels; else after them; else left out.
        let caption = "bars in route colours:";
        let caption_w = text_size(caption, sz.legend_px).0;
        if caption_w <= x_days - 10.0 * s - m {
            let muted = text_style(sz.legend_px, MUTED, false, HPos::Right, VPos::Center);
            draw_text(area, caption, (x_days - 10.0 * s, legend_y), &muted);
        } else if x + caption_w <= w - m {
            let muted = text_style(sz.legend_px, MUTED, false, HPos::Left, VPos::Center);
            draw_text(area, caption, (x, legend_y), &muted);
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
                draw_text(area, t, at, &group_style);
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
                    area,
                    &[(gx, plot.y0 as i32), (gx, plot.y1 as i32)],
                    GRID,
                    1.0,
                );
                draw_text(
                    area,
                    &axis.label(v),
                    (x0 + v * k, plot.y1 + 6.0 * s),
                    &tick_style,
                );
            }
            draw_text(area, heading, (x0, plot.y0 - 8.0 * s), &heading_style);
            draw_text(
                area,
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
                let colour = route_colour(groups[g].colour.unwrap_or(g));
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
                let total = if is_days {
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
            let (ax, ay0, ay1) = (x0 as i32, plot.y0 as i32, plot.y1 as i32);
            draw_line(
                area,
                &[(ax, ay0), (ax, ay1), ((x0 + panel_w) as i32, ay1)],
                AXIS,
                1.0,
            );
        }
    });
    round_joins_and_halo(&svg)
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
    fn durations_are_in_days() {
        assert_eq!(format_days(31.0), "1.3 d");
        assert_eq!(format_days(80.0), "3.3 d");
        assert_eq!(format_days(24.0), "1.0 d");
        assert_eq!(format_days(6.0), "0.25 d");
        assert_eq!(format_days(1.0), "0.04 d");
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
    let svg = canvas((width, height as u32), |area| {
        let y_ticks: Vec<(f64, String)> = y_axis
            .ticks()
            .into_iter()
            .map(|v| (y(v), format_usd(v)))
            .collect();
        draw_days_frame(
            area,
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
    let svg = canvas((width, height as u32), |area| {
        let y_ticks: Vec<(f64, String)> = [0.0, 25.0, 50.0, 75.0, 90.0, 100.0]
            .map(|p: f64| (y(p), format!("{p:.0} %")))
            .to_vec();
        draw_days_frame(
            area,
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
            let colour = route_colour(i);
            let pts: Vec<(i32, i32)> = c
                .cdf
                .iter()
                .enumerate()
                .map(|(k, &d)| to_i((x(d), y(k as f64 + 1.0))))
                .collect();
            draw_line(area, &pts, colour, 2.0 * s);
            for (d, p) in [(c.p50, 50.0), (c.p90, 90.0)] {
                fill_square(area, (x(d), y(p)), r, colour);
            }
            let ly = plot_height + 4.0 * s + line_h * (i as f64 + 0.5);
            draw_line(
                area,
                &[to_i((left + 10.0 * s, ly)), to_i((left + 30.0 * s, ly))],
                colour,
                2.5 * s,
            );
            let text = format!("{} · P50 {:.1} d · P90 {:.1} d", c.label, c.p50, c.p90);
            let text = shorten(&text, sz.label_px, right - left - 50.0 * s);
            draw_text(area, &text, (left + 36.0 * s, ly), &legend);
        }
    });
    round_joins_and_halo(&svg)
}
