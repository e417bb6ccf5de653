//! The SVG map renderer: network, chosen routes, legend and labels over the base map.
//!
//! This file owns the map specification types ([`MapSpec`], [`MapNode`], [`MapLink`],
//! [`MapRoute`] and their enums), the styling (colours, line patterns, marker shapes), the
//! layout (extent, projection fit, title band, legend box, footer) and [`render_map`].
//!
//! Drawing is done with plotters' `SVGBackend::with_string` in pixel coordinates: lon/lat are
//! projected with a fitted Lambert conformal conic ([`Lcc::fit`]) and scaled with one factor for
//! x and y, so the pixel aspect equals the projected aspect and shapes stay conformal. Land is
//! clipped to the view in pixel space (Sutherland–Hodgman); links and routes are densified along
//! great circles and clipped (Liang–Barsky). Plotters writes integer pixel coordinates, so the
//! output is byte-for-byte deterministic for the same input.
//!
//! Two attributes plotters cannot express are added to its output by plain text substitution:
//! round joins/caps on polylines and a white halo behind text (a white copy drawn first, see
//! [`crate::render::halo_text`], so no renderer needs `paint-order`).

use plotters::element::{Circle, DashedPathElement, DottedPathElement, Polygon, Rectangle};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, WHITE};

use crate::render::basemap::Country;
use crate::render::geom::{
    clip_polygon, clip_polyline, densify_great_circle, densify_linear, Rect,
};
use crate::render::labels::{fit_title, place_labels, text_size, LabelRequest};
use crate::render::projection::Lcc;
pub use crate::render::style::ROUTE_COLOURS;
use crate::render::style::{
    canvas, draw_polyline, draw_text, fill_rect, outline_rect, round_joins_and_halo, route_colour,
    text_style, to_i, Area, INK, LOAD, MUTED, REFERENCE_WIDTH, SATURATED,
};

pub use crate::network::{Mode, NodeKind, Status};

/// Legend text of a styled category (node kind, mode, status).
pub trait Legend {
    /// The text shown in the legend.
    fn legend(self) -> &'static str;
}

impl Legend for NodeKind {
    fn legend(self) -> &'static str {
        match self {
            NodeKind::City => "City",
            NodeKind::RailTerminal => "Rail terminal",
            NodeKind::DryPort => "Dry port",
            NodeKind::SeaPort => "Sea port",
            NodeKind::BorderStation => "Border station",
            NodeKind::Junction => "Junction",
        }
    }
}

impl Legend for Mode {
    fn legend(self) -> &'static str {
        match self {
            Mode::Rail => "Rail",
            Mode::Road => "Road",
            Mode::Sea => "Sea",
        }
    }
}

impl Legend for Status {
    fn legend(self) -> &'static str {
        match self {
            Status::Operating => "Operating",
            Status::UnderConstruction => "Under construction",
            Status::Planned => "Planned",
        }
    }
}

/// Two SVG documents one above the other in one document of the wider width: the study map and
/// its regional panel.
pub fn stack(top: &str, bottom: &str) -> String {
    /// A document's width, height, and text from its root `<svg`.
    fn root(svg: &str) -> Option<(f64, f64, &str)> {
        let doc = &svg[svg.find("<svg")?..];
        let tag = &doc[..doc.find('>')?];
        let num = |k: &str| -> Option<f64> {
            let key = format!(" {k}=\"");
            let i = tag.find(&key)? + key.len();
            tag[i..].split('"').next()?.parse().ok()
        };
        Some((num("width")?, num("height")?, doc))
    }
    let (Some((w1, h1, d1)), Some((w2, h2, d2))) = (root(top), root(bottom)) else {
        return top.to_string();
    };
    let (w, h) = (w1.max(w2), h1 + h2);
    format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n<svg x=\"0\" y=\"0\"{}\n<svg x=\"0\" y=\"{h1}\"{}\n</svg>\n",
        d1[4..].trim_end(),
        d2[4..].trim_end()
    )
}

/// Which part of the world the map shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Extent {
    /// The routes' points with a margin (all links if there are no routes).
    FitRoutes,
    /// All links and nodes with a margin.
    FitNetwork,
    /// A lon/lat box (west, south, east, north), e.g. to zoom on the Caucasus.
    Bounds(f64, f64, f64, f64),
}

impl Extent {
    /// A lon/lat box from `[west, south, east, north]` in degrees, checked: four numbers,
    /// longitudes in −180…180, latitudes in −85…85 (the Web Mercator limit), west < east and
    /// south < north. The error says what was expected.
    pub fn bounds(b: &[f64]) -> std::result::Result<Extent, String> {
        let [w, s, e, n] = b else {
            return Err(format!(
                "--bbox takes four numbers WEST,SOUTH,EAST,NORTH (got {})",
                b.len()
            ));
        };
        let (w, s, e, n) = (*w, *s, *e, *n);
        let lon = |x: f64| (-180.0..=180.0).contains(&x);
        let lat = |x: f64| (-85.0..=85.0).contains(&x);
        if lon(w) && lon(e) && lat(s) && lat(n) && w < e && s < n {
            Ok(Extent::Bounds(w, s, e, n))
        } else {
            Err(format!(
                "--bbox {w},{s},{e},{n}: expected WEST,SOUTH,EAST,NORTH in degrees with WEST < EAST and SOUTH < NORTH"
            ))
        }
    }
}

/// A node of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// Stable identifier (not drawn).
    pub id: String,
    /// Label text.
    pub name: String,
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Marker shape.
    pub kind: NodeKind,
    /// Whether the node gets a label.
    pub major: bool,
}

/// A link of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLink {
    /// (lon, lat) from one end to the other, both ends included; legs are drawn as great circles.
    pub points: Vec<(f64, f64)>,
    /// Line pattern for operating links.
    pub mode: Mode,
    /// Operating, under construction or planned.
    pub status: Status,
}

/// A chosen route, highlighted on top of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRoute {
    /// Legend text, e.g. "fastest: Middle Corridor via Aktau".
    pub label: String,
    /// (lon, lat) from origin to destination.
    pub points: Vec<(f64, f64)>,
    /// Door-to-door days.
    pub days: f64,
    /// Door-to-door cost, USD.
    pub usd: f64,
    /// Door-to-door kg CO2e (0 when the network gives no factors).
    pub co2_kg: f64,
    /// Index into [`ROUTE_COLOURS`] (the route's colour in every figure of a study); `None`: by
    /// position.
    pub colour: Option<usize>,
    /// The label already gives the days and USD (of each merged member): the legend adds none.
    pub totals_in_label: bool,
}

/// A load on a load map (`corridor assign --figures`): a link drawn with a width proportional to
/// its traffic, or a saturated place ringed.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLoad {
    /// (lon, lat) along the link; one point for a place.
    pub points: Vec<(f64, f64)>,
    /// Width as a share of the widest load (0–1]; places ignore it.
    pub width: f64,
    /// Saturated: drawn in red.
    pub saturated: bool,
}

/// Everything the map shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSpec {
    /// Title above the map.
    pub title: String,
    /// Nodes (all are drawn if inside the view; `major` ones are labelled).
    pub nodes: Vec<MapNode>,
    /// Network links.
    pub links: Vec<MapLink>,
    /// Highlighted routes, most important first (at most 7 distinct colours).
    pub routes: Vec<MapRoute>,
    /// The part of the world shown.
    pub extent: Extent,
    /// Width of the SVG in pixels (≥ 400; [`crate::render::FIGURE_WIDTH`] suits an A4 page).
    pub width_px: u32,
    /// Whether to draw the legend (a regional panel under a study map has none of its own).
    pub legend: bool,
}

// ---------------------------------------------------------------------------------------------
// Style

const SEA: RGBColor = RGBColor(0xD4, 0xE6, 0xF4);
const LAND: RGBColor = RGBColor(0xF1, 0xED, 0xE4);
const BORDER: RGBColor = RGBColor(0xB4, 0xAC, 0x9E);
const FRAME: RGBColor = RGBColor(0x66, 0x66, 0x66);
const RAIL: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
const ROAD: RGBColor = RGBColor(0x8C, 0x6D, 0x46);
const SEA_LINK: RGBColor = RGBColor(0x2F, 0x5F, 0x95);
const UNDER_CONSTRUCTION: RGBColor = RGBColor(0x76, 0x2A, 0x83);
const PLANNED: RGBColor = RGBColor(0xA3, 0x7F, 0xBF);
const SEA_PORT: RGBColor = RGBColor(0x1F, 0x4E, 0x79);
const LEGEND_BORDER: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// The attribution printed under every map.
pub const ATTRIBUTION: &str = "Base map: Natural Earth (public domain). Boundaries illustrative.";

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pattern {
    Solid,
    /// Dash length and gap, pixels.
    Dashed(f64, f64),
    /// Dot radius and spacing, pixels.
    Dotted(i32, f64),
}

/// Colour, width and pattern of a network link.
fn link_style(mode: Mode, status: Status, s: f64) -> (RGBColor, u32, Pattern) {
    let w = (2.0 * s).round().max(1.0) as u32;
    match status {
        Status::UnderConstruction => (UNDER_CONSTRUCTION, w, Pattern::Dashed(10.0 * s, 5.0 * s)),
        Status::Planned => (PLANNED, w, Pattern::Dashed(4.0 * s, 5.0 * s)),
        Status::Operating => match mode {
            Mode::Rail => (RAIL, w, Pattern::Solid),
            Mode::Road => (ROAD, w, Pattern::Dashed(7.0 * s, 4.0 * s)),
            Mode::Sea => (
                SEA_LINK,
                w,
                Pattern::Dotted((1.6 * s).round().max(1.0) as i32, 6.0 * s),
            ),
        },
    }
}

/// `"$6,120"`: whole dollars with thousands separators.
pub fn format_usd(usd: f64) -> String {
    let v = usd.round();
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}${}", crate::report::grouped(v.abs(), 0))
}

/// Legend text of a route: `"fastest — 18.4 d, $6,120, 4.3 t CO2e"` (without CO2 when it is 0).
pub fn route_legend_text(route: &MapRoute) -> String {
    if route.totals_in_label {
        return route.label.clone();
    }
    format!(
        "{} — {:.1} d, {}{}",
        route.label,
        route.days,
        format_usd(route.usd),
        co2_words(route.co2_kg)
    )
}

/// ", 4.3 t CO2e", or nothing when there is no CO2 to show.
pub fn co2_words(kg: f64) -> String {
    if kg > 0.0 {
        format!(", {:.1} t CO2e", kg / 1000.0)
    } else {
        String::new()
    }
}

/// Line widths of the routes, most important (first) widest, so that routes sharing a track
/// show as nested stripes.
fn route_widths(n: usize, s: f64) -> Vec<f64> {
    let base = 4.0 * s;
    let step = if n > 1 {
        (3.5 * s).min(9.0 * s / (n - 1) as f64)
    } else {
        0.0
    };
    (0..n).map(|i| base + step * (n - 1 - i) as f64).collect()
}

// ---------------------------------------------------------------------------------------------
// Layout

/// Pixel sizes derived from the width.
struct Sizes {
    /// Scale relative to [`REFERENCE_WIDTH`].
    s: f64,
    title_px: f64,
    label_px: f64,
    legend_px: f64,
    attribution_px: f64,
}

impl Sizes {
    fn new(width: u32) -> Sizes {
        let s = width as f64 / REFERENCE_WIDTH;
        Sizes {
            s,
            title_px: (24.0 * s).max(15.0),
            label_px: (14.0 * s).max(12.0),
            legend_px: (13.5 * s).max(12.0),
            attribution_px: (12.0 * s).max(12.0),
        }
    }
}

/// Projection and pixel transform of one map.
struct View {
    proj: Lcc,
    /// Projected x of the left edge and y of the top edge, km.
    ex0: f64,
    ey1: f64,
    /// Pixels per km.
    k: f64,
    /// The map area on the canvas.
    rect: Rect,
}

impl View {
    fn px(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        let (x, y) = self.proj.fwd(lon, lat);
        (
            self.rect.x0 + (x - self.ex0) * self.k,
            self.rect.y0 + (self.ey1 - y) * self.k,
        )
    }
}

/// Lon/lat points whose box the map must show.
fn content_points(spec: &MapSpec) -> Vec<(f64, f64)> {
    let from_links = || -> Vec<(f64, f64)> {
        let mut v: Vec<(f64, f64)> = spec
            .links
            .iter()
            .flat_map(|l| densify_great_circle(&l.points, 200.0))
            .collect();
        v.extend(spec.nodes.iter().map(|n| (n.lon, n.lat)));
        v
    };
    let pts = match spec.extent {
        Extent::Bounds(w, s, e, n) => {
            // The box's edges, densified so the conic's curved parallels are inside the view.
            let steps = 16;
            (0..=steps)
                .flat_map(|i| {
                    let f = i as f64 / steps as f64;
                    let lon = w + (e - w) * f;
                    let lat = s + (n - s) * f;
                    [(lon, s), (lon, n), (w, lat), (e, lat)]
                })
                .collect()
        }
        Extent::FitRoutes if !spec.routes.is_empty() => spec
            .routes
            .iter()
            .flat_map(|r| densify_great_circle(&r.points, 200.0))
            .collect(),
        _ => from_links(),
    };
    let pts: Vec<(f64, f64)> = pts
        .into_iter()
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    if pts.is_empty() {
        // Nothing to fit: Europe to China.
        vec![(-10.0, 20.0), (125.0, 60.0)]
    } else {
        pts
    }
}

/// Fits the projection and the canvas to the content; returns the view and canvas height.
fn make_view(spec: &MapSpec, title_h: f64, footer_h: f64) -> (View, u32) {
    let pts = content_points(spec);
    let (mut lo0, mut lo1, mut la0, mut la1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &pts {
        lo0 = lo0.min(x);
        lo1 = lo1.max(x);
        la0 = la0.min(y);
        la1 = la1.max(y);
    }
    let proj = Lcc::fit(lo0, lo1, la0, la1);
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &p in &pts {
        let (x, y) = proj.fwd(p.0, p.1);
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    // Margin, then a minimum size (300 km) and an aspect between 0.55 and 1.1 (h / w).
    let span = (x1 - x0).max(y1 - y0).max(300.0);
    let pad = 0.07 * span;
    let (mut w, mut h) = (x1 - x0 + 2.0 * pad, y1 - y0 + 2.0 * pad);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    w = w.max(300.0);
    h = h.max(300.0);
    if h / w < 0.55 {
        h = 0.55 * w;
    } else if h / w > 1.1 {
        w = h / 1.1;
    }
    let width = spec.width_px.max(400) as f64;
    let k = width / w;
    let map_h = (h * k).round();
    let rect = Rect::from_xywh(0.0, title_h, width, map_h);
    let view = View {
        proj,
        ex0: cx - w / 2.0,
        ey1: cy + h / 2.0,
        k,
        rect,
    };
    (view, (title_h + map_h + footer_h).round() as u32)
}

/// Extent of the base-map asset (see `tools/basemap/make_basemap.py`).
const ASSET_EXTENT: [f64; 4] = [-30.0, 150.0, -45.0, 75.0];

/// Splits a ring into the polylines that are real coast or border, dropping edges that run
/// along the asset's extent (artefacts of its clipping).
fn split_at_extent_edges(ring: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let on_edge = |a: (f64, f64), b: (f64, f64)| {
        let [x0, x1, y0, y1] = ASSET_EXTENT;
        (a.0 == x0 && b.0 == x0)
            || (a.0 == x1 && b.0 == x1)
            || (a.1 == y0 && b.1 == y0)
            || (a.1 == y1 && b.1 == y1)
    };
    let mut parts = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in ring.windows(2) {
        if on_edge(w[0], w[1]) {
            if cur.len() > 1 {
                parts.push(std::mem::take(&mut cur));
            }
            cur.clear();
        } else {
            if cur.is_empty() {
                cur.push(w[0]);
            }
            cur.push(w[1]);
        }
    }
    if cur.len() > 1 {
        parts.push(cur);
    }
    parts
}

/// Rounds to pixels and removes repeated points.
fn to_pixels(pts: &[(f64, f64)]) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(pts.len());
    for &p in pts {
        let q = to_i(p);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    out
}

/// Draws a polyline in a pattern. Drawing into a `String` cannot fail, so errors are ignored.
fn draw_line(area: &Area, pts: &[(i32, i32)], colour: RGBColor, width: u32, pattern: Pattern) {
    if pts.len() < 2 {
        return;
    }
    match pattern {
        Pattern::Solid => draw_polyline(area, pts, colour, width),
        Pattern::Dashed(dash, gap) => {
            let _ = area.draw(&DashedPathElement::new(
                pts.to_vec(),
                dash.max(1.0),
                gap.max(1.0),
                colour.stroke_width(width),
            ));
        }
        Pattern::Dotted(r, spacing) => {
            let fill = colour.filled();
            let _ = area.draw(&DottedPathElement::new(
                pts.to_vec(),
                0.0,
                spacing.max(2.0),
                move |c| Circle::new(c, r, fill),
            ));
        }
    }
}

/// Draws a node marker centred on `c` with radius `r`, with a white halo.
fn draw_marker(area: &Area, kind: NodeKind, c: (i32, i32), r: f64) {
    let ri = r.round().max(2.0) as i32;
    let (x, y) = c;
    let square = |h: i32| [(x - h, y - h), (x + h, y + h)];
    let diamond = |h: i32| vec![(x, y - h), (x + h, y), (x, y + h), (x - h, y)];
    let triangle = |h: i32| {
        vec![
            (x, y - h - h / 3),
            (x + h, y + h - h / 4),
            (x - h, y + h - h / 4),
        ]
    };
    let halo = WHITE.filled();
    let ink = INK.filled();
    let _ = match kind {
        NodeKind::City => area
            .draw(&Circle::new(c, ri + 2, halo))
            .and_then(|_| area.draw(&Circle::new(c, ri, ink))),
        NodeKind::RailTerminal => area
            .draw(&Rectangle::new(square(ri + 1), halo))
            .and_then(|_| area.draw(&Rectangle::new(square(ri - 1), ink))),
        NodeKind::DryPort => area
            .draw(&Rectangle::new(square(ri + 1), halo))
            .and_then(|_| area.draw(&Rectangle::new(square(ri - 1), INK.stroke_width(2)))),
        NodeKind::SeaPort => area
            .draw(&Polygon::new(diamond(ri + 3), halo))
            .and_then(|_| area.draw(&Polygon::new(diamond(ri + 1), SEA_PORT.filled()))),
        NodeKind::BorderStation => area
            .draw(&Polygon::new(triangle(ri + 2), halo))
            .and_then(|_| area.draw(&Polygon::new(triangle(ri), ink))),
        NodeKind::Junction => {
            let rj = (ri - 1).max(2);
            area.draw(&Circle::new(c, rj + 1, halo))
                .and_then(|_| area.draw(&Circle::new(c, rj, MUTED.stroke_width(1))))
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Legend

enum LegendEntry {
    Header(&'static str),
    Route(usize, usize, String),
    Link(RGBColor, u32, Pattern, &'static str),
    Node(NodeKind),
}

/// Builds the legend's two parts: routes (full width) and two columns (network | nodes).
fn legend_entries(
    spec: &MapSpec,
    s: f64,
) -> (Vec<LegendEntry>, Vec<LegendEntry>, Vec<LegendEntry>) {
    let mut top = Vec::new();
    if !spec.routes.is_empty() {
        top.push(LegendEntry::Header("Routes"));
        for (i, r) in spec.routes.iter().enumerate() {
            top.push(LegendEntry::Route(
                i,
                r.colour.unwrap_or(i),
                route_legend_text(r),
            ));
        }
    }
    let mut left = Vec::new();
    let modes: Vec<Mode> = Mode::ALL
        .into_iter()
        .filter(|m| {
            spec.links
                .iter()
                .any(|l| l.mode == *m && l.status == Status::Operating)
        })
        .collect();
    let statuses: Vec<Status> = [Status::UnderConstruction, Status::Planned]
        .into_iter()
        .filter(|st| spec.links.iter().any(|l| l.status == *st))
        .collect();
    if !modes.is_empty() || !statuses.is_empty() {
        left.push(LegendEntry::Header("Network"));
        for m in modes {
            let (c, w, p) = link_style(m, Status::Operating, s);
            left.push(LegendEntry::Link(c, w, p, m.legend()));
        }
        for st in statuses {
            let (c, w, p) = link_style(Mode::Rail, st, s);
            left.push(LegendEntry::Link(c, w, p, st.legend()));
        }
    }
    let mut right = Vec::new();
    let kinds: Vec<NodeKind> = NodeKind::ALL
        .into_iter()
        .filter(|k| spec.nodes.iter().any(|n| n.kind == *k))
        .collect();
    if !kinds.is_empty() {
        right.push(LegendEntry::Header("Nodes"));
        right.extend(kinds.into_iter().map(LegendEntry::Node));
    }
    (top, left, right)
}

fn entry_text(e: &LegendEntry) -> &str {
    match e {
        LegendEntry::Header(t) => t,
        LegendEntry::Route(_, _, t) => t,
        LegendEntry::Link(_, _, _, t) => t,
        LegendEntry::Node(k) => k.legend(),
    }
}

struct LegendLayout {
    rect: Rect,
    line_h: f64,
    swatch_w: f64,
    pad: f64,
    col_w: f64,
}

fn legend_layout(
    parts: &(Vec<LegendEntry>, Vec<LegendEntry>, Vec<LegendEntry>),
    sz: &Sizes,
) -> Option<LegendLayout> {
    let (top, left, right) = parts;
    if top.is_empty() && left.is_empty() && right.is_empty() {
        return None;
    }
    let s = sz.s;
    let line_h = (sz.legend_px * 1.55).round();
    let swatch_w = (34.0 * s).max(26.0);
    let pad = (10.0 * s).max(7.0);
    let width_of = |es: &[LegendEntry]| {
        es.iter()
            .map(|e| text_size(entry_text(e), sz.legend_px).0 + swatch_w + 8.0)
            .fold(0.0f64, f64::max)
    };
    let col_w = width_of(left).max(width_of(right));
    let w = (width_of(top).max(2.0 * col_w + pad)) + 2.0 * pad;
    let rows = top.len() + left.len().max(right.len());
    let h = rows as f64 * line_h + 2.0 * pad;
    Some(LegendLayout {
        rect: Rect::from_xywh(0.0, 0.0, w.ceil(), h.ceil()),
        line_h,
        swatch_w,
        pad,
        col_w,
    })
}

/// Chooses the map corner where the legend covers the fewest `routes` points, and among those
/// the fewest `content` points (links, nodes).
fn place_legend(
    size: Rect,
    map: &Rect,
    routes: &[(f64, f64)],
    content: &[(f64, f64)],
    inset: f64,
) -> Rect {
    let (w, h) = (size.width(), size.height());
    let corners = [
        (map.x0 + inset, map.y1 - inset - h),     // bottom-left
        (map.x0 + inset, map.y0 + inset),         // top-left
        (map.x1 - inset - w, map.y1 - inset - h), // bottom-right
        (map.x1 - inset - w, map.y0 + inset),     // top-right
    ];
    let hits = |r: &Rect, pts: &[(f64, f64)]| {
        pts.iter()
            .filter(|p| r.inflate(inset).contains(**p))
            .count()
    };
    corners
        .into_iter()
        .map(|(x, y)| Rect::from_xywh(x, y, w, h))
        .min_by_key(|r| (hits(r, routes), hits(r, content)))
        .expect("four corners")
}

fn draw_legend(
    area: &Area,
    parts: &(Vec<LegendEntry>, Vec<LegendEntry>, Vec<LegendEntry>),
    lay: &LegendLayout,
    sz: &Sizes,
    widths: &[f64],
) {
    let r = lay.rect;
    fill_rect(area, r, WHITE.mix(0.93));
    outline_rect(area, r, LEGEND_BORDER, 1);
    let normal = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Top);
    let bold = text_style(sz.legend_px, INK, true, HPos::Left, VPos::Top);
    let draw_entry = |e: &LegendEntry, x: f64, y: f64| {
        let mid = y + lay.line_h / 2.0;
        let text_y = mid - sz.legend_px * 0.55;
        let sw = (x, x + lay.swatch_w);
        match e {
            LegendEntry::Header(t) => draw_text(area, t, (x, text_y), &bold),
            LegendEntry::Route(i, colour, t) => {
                let c = route_colour(*colour);
                let w = widths[*i].min(10.0 * sz.s).round().max(2.0) as u32;
                let pts = [to_i((sw.0, mid)), to_i((sw.1, mid))];
                draw_line(area, &pts, c, w, Pattern::Solid);
                draw_text(area, t, (x + lay.swatch_w + 8.0, text_y), &normal);
            }
            LegendEntry::Link(c, w, p, t) => {
                let pts = [to_i((sw.0, mid)), to_i((sw.1, mid))];
                draw_line(area, &pts, *c, *w, *p);
                draw_text(area, t, (x + lay.swatch_w + 8.0, text_y), &normal);
            }
            LegendEntry::Node(k) => {
                draw_marker(area, *k, to_i(((sw.0 + sw.1) / 2.0, mid)), 4.5 * sz.s);
                draw_text(area, k.legend(), (x + lay.swatch_w + 8.0, text_y), &normal);
            }
        }
    };
    let (top, left, right) = parts;
    let x = r.x0 + lay.pad;
    let mut y = r.y0 + lay.pad;
    for e in top {
        draw_entry(e, x, y);
        y += lay.line_h;
    }
    for (i, e) in left.iter().enumerate() {
        draw_entry(e, x, y + i as f64 * lay.line_h);
    }
    for (i, e) in right.iter().enumerate() {
        draw_entry(e, x + lay.col_w + lay.pad, y + i as f64 * lay.line_h);
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// Renders the map as SVG text. Same input, same bytes.
///
/// Layers, bottom to top: sea, land (clipped to the view), network links by status, routes
/// (white casing, then widest first), nodes, labels of `major` nodes, legend, title band and
/// attribution footer.
pub fn render_map(spec: &MapSpec, countries: &[Country]) -> String {
    render_map_with(spec, &[], countries)
}

/// A map of loads: the network, then each load as a line whose width follows its traffic (up to
/// about twelve times a route's line) and each saturated element in red (a ringed place, a red
/// line); the spec's routes, if any, on top.
pub fn render_load_map(spec: &MapSpec, loads: &[MapLoad], countries: &[Country]) -> String {
    render_map_with(spec, loads, countries)
}

fn render_map_with(spec: &MapSpec, loads: &[MapLoad], countries: &[Country]) -> String {
    let sz = Sizes::new(spec.width_px.max(400));
    let s = sz.s;
    let title_h = (sz.title_px * 2.1).round();
    let footer_h = (sz.attribution_px * 2.2).round();
    let parts = if spec.legend {
        legend_entries(spec, s)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let inset = (10.0 * s).max(6.0);
    // The legend goes in a map corner that no route crosses; when every corner is crossed (a
    // zoomed view), it goes in a band below the map instead, so it never hides a route.
    let legend_band = {
        let (view, _) = make_view(spec, title_h, footer_h);
        let route_px: Vec<(f64, f64)> = spec
            .routes
            .iter()
            .flat_map(|r| densify_great_circle(&r.points, 50.0))
            .map(|q| view.px(q))
            .filter(|q| view.rect.contains(*q))
            .collect();
        match legend_layout(&parts, &sz) {
            Some(lay) if !route_px.is_empty() => {
                let corner = place_legend(lay.rect, &view.rect, &route_px, &[], inset);
                let covered = route_px.iter().any(|p| corner.inflate(inset).contains(*p));
                if covered {
                    lay.rect.height() + 2.0 * inset
                } else {
                    0.0
                }
            }
            _ => 0.0,
        }
    };
    let (view, height) = make_view(spec, title_h, footer_h + legend_band);
    let width = view.rect.x1.round() as u32;
    let map = view.rect;
    let clip_rect = map.inflate(2.0);

    let svg = canvas((width, height), |area| {
        fill_rect(area, map, SEA);

        // Land, then borders (each country's outline; coast and borders share the style).
        // Outlines skip the edges that lie on the base map's own extent, where the generator
        // clipped the data, so that no artificial coast appears at 75°N or 150°E.
        let border_w = s.round().max(1.0) as u32;
        let mut outlines: Vec<Vec<(i32, i32)>> = Vec::new();
        for c in countries {
            for ring in &c.rings {
                let pts: Vec<(f64, f64)> = densify_linear(ring, 0.5)
                    .into_iter()
                    .map(|p| view.px(p))
                    .collect();
                let px = to_pixels(&clip_polygon(&pts, &clip_rect));
                if px.len() < 3 {
                    continue;
                }
                let _ = area.draw(&Polygon::new(px, LAND.filled()));
                for part in split_at_extent_edges(ring) {
                    let pts: Vec<(f64, f64)> = densify_linear(&part, 0.5)
                        .into_iter()
                        .map(|p| view.px(p))
                        .collect();
                    for piece in clip_polyline(&pts, &clip_rect) {
                        outlines.push(to_pixels(&piece));
                    }
                }
            }
        }
        for o in &outlines {
            draw_line(area, o, BORDER, border_w, Pattern::Solid);
        }

        // Content points in pixels, for the legend placement: routes (to keep clear), then
        // links and nodes (to cover as few as possible).
        let mut route_points: Vec<(f64, f64)> = Vec::new();
        let mut content: Vec<(f64, f64)> = Vec::new();

        // Network links: operating first, then under construction, then planned.
        for status in [
            Status::Operating,
            Status::UnderConstruction,
            Status::Planned,
        ] {
            for l in spec.links.iter().filter(|l| l.status == status) {
                let (c, w, p) = link_style(l.mode, l.status, s);
                let pts: Vec<(f64, f64)> = densify_great_circle(&l.points, 50.0)
                    .into_iter()
                    .map(|q| view.px(q))
                    .collect();
                content.extend(pts.iter().copied().filter(|q| map.contains(*q)));
                for piece in clip_polyline(&pts, &clip_rect) {
                    draw_line(area, &to_pixels(&piece), c, w, p);
                }
            }
        }

        // Loads: widest first, saturated ones last so that they stay visible.
        let mut order: Vec<&MapLoad> = loads.iter().collect();
        order.sort_by(|a, b| {
            a.saturated
                .cmp(&b.saturated)
                .then(b.width.total_cmp(&a.width))
        });
        for l in order {
            let colour = if l.saturated { SATURATED } else { LOAD };
            if let [p] = l.points[..] {
                let (x, y) = view.px(p);
                if map.contains((x, y)) {
                    let r = (7.0 * s).round() as i32;
                    let _ = area.draw(&Circle::new(
                        (x.round() as i32, y.round() as i32),
                        r,
                        colour.stroke_width((2.0 * s).round().max(1.0) as u32),
                    ));
                }
                continue;
            }
            let w = (l.width.clamp(0.0, 1.0) * 24.0 * s).max(1.5 * s).round() as u32;
            let pts: Vec<(f64, f64)> = densify_great_circle(&l.points, 50.0)
                .into_iter()
                .map(|q| view.px(q))
                .collect();
            route_points.extend(pts.iter().copied().filter(|q| map.contains(*q)));
            for piece in clip_polyline(&pts, &clip_rect) {
                draw_line(area, &to_pixels(&piece), colour, w, Pattern::Solid);
            }
        }

        // Routes: white casings of all, then widest (first) to narrowest.
        let widths = route_widths(spec.routes.len(), s);
        let route_px: Vec<Vec<Vec<(i32, i32)>>> = spec
            .routes
            .iter()
            .map(|r| {
                let pts: Vec<(f64, f64)> = densify_great_circle(&r.points, 50.0)
                    .into_iter()
                    .map(|q| view.px(q))
                    .collect();
                route_points.extend(pts.iter().copied().filter(|q| map.contains(*q)));
                clip_polyline(&pts, &clip_rect)
                    .iter()
                    .map(|piece| to_pixels(piece))
                    .collect()
            })
            .collect();
        for (i, pieces) in route_px.iter().enumerate() {
            let w = (widths[i] + 3.0 * s.max(0.7)).round() as u32;
            for piece in pieces {
                draw_line(area, piece, WHITE, w, Pattern::Solid);
            }
        }
        for (i, pieces) in route_px.iter().enumerate() {
            let c = route_colour(spec.routes[i].colour.unwrap_or(i));
            for piece in pieces {
                draw_line(area, piece, c, widths[i].round() as u32, Pattern::Solid);
            }
        }

        // Nodes.
        let marker_r = |n: &MapNode| if n.major { 4.5 * s } else { 3.5 * s }.max(2.5);
        let visible: Vec<(&MapNode, (f64, f64))> = spec
            .nodes
            .iter()
            .map(|n| (n, view.px((n.lon, n.lat))))
            .filter(|(_, p)| map.inflate(-2.0).contains(*p))
            .collect();
        for (n, p) in &visible {
            draw_marker(area, n.kind, to_i(*p), marker_r(n));
            content.extend(std::iter::repeat_n(*p, 3));
        }

        // Legend (placed before labels so that labels avoid it).
        let legend = legend_layout(&parts, &sz).map(|mut lay| {
            lay.rect = if legend_band > 0.0 {
                Rect::from_xywh(
                    map.x0 + inset,
                    map.y1 + inset,
                    lay.rect.width(),
                    lay.rect.height(),
                )
            } else {
                place_legend(lay.rect, &map, &route_points, &content, inset)
            };
            lay
        });

        // Labels of major nodes: those on a route first, then in input order.
        let on_route = |n: &MapNode| {
            spec.routes.iter().any(|r| {
                r.points
                    .iter()
                    .any(|q| (q.0 - n.lon).abs() < 1e-6 && (q.1 - n.lat).abs() < 1e-6)
            })
        };
        let mut majors: Vec<&(&MapNode, (f64, f64))> =
            visible.iter().filter(|(n, _)| n.major).collect();
        majors.sort_by_key(|(n, _)| !on_route(n));
        let requests: Vec<LabelRequest> = majors
            .iter()
            .map(|(n, p)| LabelRequest {
                anchor: *p,
                size: text_size(&n.name, sz.label_px),
                gap: marker_r(n) + 3.0,
            })
            .collect();
        let mut obstacles: Vec<Rect> = visible
            .iter()
            .map(|(n, p)| Rect::from_xywh(p.0, p.1, 0.0, 0.0).inflate(marker_r(n) + 1.0))
            .collect();
        if let Some(lay) = &legend {
            obstacles.push(lay.rect.inflate(2.0));
        }
        let placed = place_labels(&requests, map.inflate(-3.0), &obstacles);
        let label_style = text_style(sz.label_px, INK, false, HPos::Left, VPos::Top);
        for ((n, _), rect) in majors.iter().zip(&placed) {
            if let Some(r) = rect {
                draw_text(area, &n.name, (r.x0 + 1.0, r.y0 + 1.0), &label_style);
            }
        }

        if let Some(lay) = &legend {
            draw_legend(area, &parts, lay, &sz, &widths);
        }

        // Frame, title and footer.
        let frame = Rect {
            x1: map.x1 - 1.0,
            ..map
        };
        outline_rect(area, frame, FRAME, 1);
        let (title, px) = fit_title(&spec.title, sz.title_px, 15.0, width as f64 - 24.0 * s);
        let title_style = text_style(px, INK, true, HPos::Left, VPos::Top);
        draw_text(area, &title, (12.0 * s, (title_h - px) / 2.0), &title_style);
        let foot_style = text_style(sz.attribution_px, MUTED, false, HPos::Left, VPos::Top);
        let foot_y = map.y1 + legend_band + (footer_h - sz.attribution_px) / 2.0;
        draw_text(area, ATTRIBUTION, (12.0 * s, foot_y), &foot_style);
        let proj_note = format!(
            "Lambert conformal conic, standard parallels {:.0}° and {:.0}°",
            view.proj.lat1, view.proj.lat2
        );
        let pw = text_size(&proj_note, sz.attribution_px).0;
        draw_text(
            area,
            &proj_note,
            (map.x1 - 12.0 * s - pw, foot_y),
            &foot_style,
        );
    });
    // The projection in the file's metadata (PROJ syntax, spherical as drawn), for a GIS user.
    let proj_def = format!(
        "<metadata><projection xmlns=\"https://proj.org\">+proj=lcc +lat_1={} +lat_2={} +lat_0={} +lon_0={} +R={} +units=m +no_defs</projection></metadata>",
        view.proj.lat1,
        view.proj.lat2,
        view.proj.lat0,
        view.proj.lon0,
        crate::render::projection::EARTH_RADIUS_KM * 1000.0
    );
    let svg = match svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
    {
        Some(k) => format!("{}{}{}", &svg[..k], proj_def, &svg[k..]),
        None => svg,
    };
    round_joins_and_halo(&svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_checked() {
        assert_eq!(
            Extent::bounds(&[-20.0, 30.0, 60.0, 60.0]),
            Ok(Extent::Bounds(-20.0, 30.0, 60.0, 60.0))
        );
        assert!(Extent::bounds(&[1.0, 2.0, 3.0])
            .unwrap_err()
            .contains("four numbers"));
        for bad in [
            [60.0, 30.0, 20.0, 60.0],   // west > east
            [20.0, 60.0, 60.0, 30.0],   // south > north
            [-181.0, 30.0, 60.0, 60.0], // longitude
            [20.0, 30.0, 60.0, 86.0],   // beyond Web Mercator
            [f64::NAN, 30.0, 60.0, 60.0],
        ] {
            assert!(Extent::bounds(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn usd_formatting() {
        assert_eq!(format_usd(6120.4), "$6,120");
        assert_eq!(format_usd(999.0), "$999");
        assert_eq!(format_usd(1234567.0), "$1,234,567");
        assert_eq!(format_usd(0.0), "$0");
        let r = MapRoute {
            label: "fastest".into(),
            points: vec![],
            days: 18.44,
            usd: 6120.0,
            co2_kg: 0.0,
            colour: None,
            totals_in_label: false,
        };
        assert_eq!(route_legend_text(&r), "fastest — 18.4 d, $6,120");
        let r = MapRoute {
            co2_kg: 4_270.0,
            ..r
        };
        assert_eq!(
            route_legend_text(&r),
            "fastest — 18.4 d, $6,120, 4.3 t CO2e"
        );
    }

    #[test]
    fn route_widths_decrease() {
        let w = route_widths(3, 1.0);
        assert!(w[0] > w[1] && w[1] > w[2] && w[2] >= 4.0);
    }
}
