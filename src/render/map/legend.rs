//! The map's legend: what it lists, how big it is, where it goes and how it is drawn.
//!
//! The legend lists what is in view: the routes (full width, each text wrapped to the map's
//! width, never cut; the grey of a route in no corridor family explained), a load map's width
//! key (round quantities drawn at their widths, and the red of a saturated element), then the
//! link styles and the node kinds, in two columns. It goes in the first map corner where it
//! covers no route, load, link or node marker (`legend_place.rs`); when every corner would, it
//! goes in a band below the map ([`MapLegend::band`]). A regional panel has no legend.

use plotters::element::Circle;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, WHITE};

use crate::network::{Mode, NodeKind, Status};
use crate::render::caption::wrap;
use crate::render::format::{co2_words, format_usd};
use crate::render::geom::{clip_polyline, densify_great_circle, Rect};
use crate::render::ink::{draw_route_line, ink_or_position, RouteInk, NO_FAMILY_NOTE};
use crate::render::labels::text_size;
use crate::render::map::legend_place::{free_corner, routes_in_view, Clearance};
use crate::render::map::spec::{LoadLayer, MapRoute, MapSpec};
use crate::render::map::symbols::{
    draw_marker, draw_patterned, link_style, load_width_px, Pattern,
};
use crate::render::map::view::{Sizes, View};
use crate::render::style::{
    draw_text, fill_rect, outline_rect, text_style, to_i, Area, INK, LOAD, MUTED, SATURATED,
};
use crate::text::thousands;

/// The legend's border.
pub(crate) const LEGEND_BORDER: RGBColor = RGBColor(0x99, 0x99, 0x99);

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

/// One entry of the legend.
enum LegendEntry {
    /// A section's heading.
    Header(String),
    /// A route: its line width, its ink and its text's lines.
    Route(f64, RouteInk, Vec<String>),
    /// A muted note without a symbol (what the grey means).
    Note(String),
    /// A load's width (pixels) and the quantity it stands for.
    Width(f64, String),
    /// The red of a saturated element.
    Saturated,
    /// A link style: colour, width, pattern and text.
    Link(RGBColor, u32, Pattern, &'static str),
    /// A node kind's marker.
    Node(NodeKind),
}

impl LegendEntry {
    /// The entry's lines of text.
    fn lines(&self) -> Vec<&str> {
        match self {
            LegendEntry::Header(t) | LegendEntry::Note(t) | LegendEntry::Width(_, t) => {
                vec![t.as_str()]
            }
            LegendEntry::Route(_, _, l) => l.iter().map(String::as_str).collect(),
            LegendEntry::Saturated => vec![SATURATED_TEXT],
            LegendEntry::Link(_, _, _, t) => vec![t],
            LegendEntry::Node(k) => vec![k.legend()],
        }
    }
}

/// What the red of a load map means.
const SATURATED_TEXT: &str = "saturated element (a place ringed)";

/// The legend's three parts: routes and loads (full width), then two columns (network | nodes).
type LegendParts = (Vec<LegendEntry>, Vec<LegendEntry>, Vec<LegendEntry>);

/// The legend of one map: its entries, its box, and whether it sits in a corner or in a band
/// below the map.
pub(crate) struct MapLegend {
    parts: LegendParts,
    /// Its box, placed; `None` when the map has no legend.
    pub rect: Option<Rect>,
    line_h: f64,
    swatch_w: f64,
    pad: f64,
    col_w: f64,
    /// Height of the band below the map that holds the legend when every corner would cover
    /// something; 0 when it sits in a corner.
    pub band: f64,
}

impl MapLegend {
    /// The legend of `spec` drawn with `loads` through `view` (empty when the spec has none),
    /// its routes drawn `widths` wide, and where it goes.
    pub fn new(
        spec: &MapSpec,
        loads: &LoadLayer,
        view: &View,
        sz: &Sizes,
        widths: &[f64],
    ) -> MapLegend {
        let s = sz.s;
        let inset = (10.0 * s).max(6.0);
        let pad = (10.0 * s).max(7.0);
        let swatch_w = (44.0 * s).max(32.0);
        let map = view.rect;
        let text_room = map.width() - 2.0 * inset - 2.0 * pad - swatch_w - 8.0;
        let parts = if spec.legend {
            entries(spec, loads, view, sz, (widths, text_room))
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let line_h = (sz.legend_px * 1.55).round();
        let width_of = |es: &[LegendEntry]| {
            es.iter()
                .flat_map(|e| e.lines())
                .map(|t| text_size(t, sz.legend_px).0 + swatch_w + 8.0)
                .fold(0.0f64, f64::max)
        };
        let (top, left, right) = &parts;
        let col_w = width_of(left).max(width_of(right));
        let rows = |es: &[LegendEntry]| es.iter().map(|e| e.lines().len()).sum::<usize>();
        let mut legend = MapLegend {
            rect: None,
            line_h,
            swatch_w,
            pad,
            col_w,
            band: 0.0,
            parts: (Vec::new(), Vec::new(), Vec::new()),
        };
        if top.is_empty() && left.is_empty() && right.is_empty() {
            legend.parts = parts;
            return legend;
        }
        let w = (width_of(top).max(2.0 * col_w + pad) + 2.0 * pad).ceil();
        let h = ((rows(top) + rows(left).max(rows(right))) as f64 * line_h + 2.0 * pad).ceil();
        let clear = Clearance::of(spec, &loads.loads, view, 5.0 * s + 2.0);
        legend.rect = Some(match free_corner((w, h), &map, inset, 4.0 * s, &clear) {
            Some(r) => r,
            None => {
                legend.band = h + 2.0 * inset;
                Rect::from_xywh(map.x0 + inset, map.y1 + inset, w, h)
            }
        });
        legend.parts = parts;
        legend
    }

    /// Draws the legend in its box: a white panel with a border, then each entry's symbol and
    /// text.
    pub fn draw(&self, area: &Area, sz: &Sizes) {
        let Some(r) = self.rect else {
            return;
        };
        fill_rect(area, r, WHITE.mix(0.93));
        outline_rect(area, r, LEGEND_BORDER, 1);
        let (top, left, right) = &self.parts;
        let x = r.x0 + self.pad;
        let mut y = r.y0 + self.pad;
        for e in top {
            self.draw_entry(area, sz, e, (x, y));
            y += self.line_h * e.lines().len() as f64;
        }
        for (column, x) in [(left, x), (right, x + self.col_w + self.pad)] {
            let mut yc = y;
            for e in column {
                self.draw_entry(area, sz, e, (x, yc));
                yc += self.line_h;
            }
        }
    }

    /// Draws one entry from `(x, y)`, the top left of its first line.
    fn draw_entry(&self, area: &Area, sz: &Sizes, e: &LegendEntry, (x, y): (f64, f64)) {
        let mid = y + self.line_h / 2.0;
        let text_y = mid - sz.legend_px * 0.55;
        let sw = (x, x + self.swatch_w);
        let line = [to_i((sw.0, mid)), to_i((sw.1, mid))];
        let text_x = x + self.swatch_w + 8.0;
        let normal = text_style(sz.legend_px, INK, false, HPos::Left, VPos::Top);
        match e {
            LegendEntry::Header(t) => {
                let bold = text_style(sz.legend_px, INK, true, HPos::Left, VPos::Top);
                draw_text(area, t, (x, text_y), &bold);
                return;
            }
            LegendEntry::Note(t) => {
                let muted = text_style(sz.legend_px, MUTED, false, HPos::Left, VPos::Top);
                draw_text(area, t, (text_x, text_y), &muted);
                return;
            }
            LegendEntry::Route(w, ink, _) => draw_route_line(area, &line, *ink, *w),
            LegendEntry::Width(w, _) => {
                draw_patterned(area, &line, LOAD, *w as u32, Pattern::Solid)
            }
            LegendEntry::Saturated => {
                let w = (3.0 * sz.s).round().max(2.0) as u32;
                draw_patterned(area, &line, SATURATED, w, Pattern::Solid);
                let r = (5.0 * sz.s).round() as i32;
                let ring = SATURATED.stroke_width((2.0 * sz.s).round().max(1.0) as u32);
                let _ = area.draw(&Circle::new(line[1], r, ring));
            }
            LegendEntry::Link(c, w, p, _) => draw_patterned(area, &line, *c, *w, *p),
            LegendEntry::Node(k) => {
                draw_marker(area, *k, to_i(((sw.0 + sw.1) / 2.0, mid)), 4.5 * sz.s);
            }
        }
        for (i, t) in e.lines().iter().enumerate() {
            draw_text(area, t, (text_x, text_y + i as f64 * self.line_h), &normal);
        }
    }
}

/// Round quantities for a width key of loads up to `widest`: the largest 1, 2 or 5 × 10ⁿ not
/// above it, then about a half and a tenth of that.
pub(crate) fn width_key_values(widest: f64) -> Vec<f64> {
    if !(widest.is_finite() && widest > 0.0) {
        return Vec::new();
    }
    let p = 10f64.powf(widest.log10().floor());
    let top = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|f| f * p)
        .find(|v| *v <= widest)
        .unwrap_or(p);
    let lead = top / p;
    let (half, tenth) = match lead as u32 {
        5 => (2.0 * p, p / 2.0),
        2 => (p, p / 5.0),
        _ => (p / 2.0, p / 10.0),
    };
    vec![top, half, tenth]
}

/// The legend's entries: routes in view (and the grey's note), the width key of the loads, then
/// the link styles and node kinds in view. `routes` are the routes' widths and the room for a
/// route's text.
fn entries(
    spec: &MapSpec,
    loads: &LoadLayer,
    view: &View,
    sz: &Sizes,
    (widths, text_room): (&[f64], f64),
) -> LegendParts {
    let s = sz.s;
    let mut top = Vec::new();
    let shown = routes_in_view(spec, view);
    if !shown.is_empty() {
        top.push(LegendEntry::Header("Routes".into()));
        let mut grey = false;
        for i in shown {
            let r = &spec.routes[i];
            let ink = ink_or_position(r.ink, i);
            grey |= !ink.in_family;
            // The route's width, but thin enough that a dashed variant shows its dashes.
            let most = if ink.variant > 0 { 4.0 * s } else { 10.0 * s };
            let w = widths.get(i).copied().unwrap_or(4.0).min(most).max(2.0);
            let lines = wrap(&route_legend_text(r), sz.legend_px, text_room, false);
            top.push(LegendEntry::Route(w, ink, lines));
        }
        if grey {
            top.push(LegendEntry::Note(NO_FAMILY_NOTE.into()));
        }
    }
    if !loads.loads.is_empty() {
        top.push(LegendEntry::Header(format!(
            "Traffic, {} (line width)",
            loads.unit
        )));
        for v in width_key_values(loads.widest) {
            let w = load_width_px(v / loads.widest, s);
            top.push(LegendEntry::Width(w, thousands(v)));
        }
        if loads.loads.iter().any(|l| l.saturated) {
            top.push(LegendEntry::Saturated);
        }
    }
    let in_view = |pts: &[(f64, f64)]| {
        let px: Vec<(f64, f64)> = densify_great_circle(pts, 50.0)
            .into_iter()
            .map(|q| view.px(q))
            .collect();
        !clip_polyline(&px, &view.rect).is_empty()
    };
    let links: Vec<_> = spec.links.iter().filter(|l| in_view(&l.points)).collect();
    let mut left = Vec::new();
    let modes: Vec<Mode> = Mode::ALL
        .into_iter()
        .filter(|m| {
            links
                .iter()
                .any(|l| l.mode == *m && l.status == Status::Operating)
        })
        .collect();
    let statuses: Vec<Status> = [Status::UnderConstruction, Status::Planned]
        .into_iter()
        .filter(|st| links.iter().any(|l| l.status == *st))
        .collect();
    if !modes.is_empty() || !statuses.is_empty() {
        left.push(LegendEntry::Header("Network".into()));
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
        .filter(|k| {
            spec.nodes
                .iter()
                .any(|n| n.kind == *k && view.rect.contains(view.px((n.lon, n.lat))))
        })
        .collect();
    if !kinds.is_empty() {
        right.push(LegendEntry::Header("Nodes".into()));
        right.extend(kinds.into_iter().map(LegendEntry::Node));
    }
    (top, left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_legend_gives_days_dollars_and_co2() {
        let r = MapRoute {
            label: "fastest".into(),
            points: vec![],
            days: 18.44,
            usd: 6120.0,
            co2_kg: 0.0,
            ink: None,
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
    fn the_width_key_takes_round_quantities_below_the_widest() {
        assert_eq!(
            width_key_values(1_869_724.0),
            vec![1_000_000.0, 500_000.0, 100_000.0]
        );
        assert_eq!(width_key_values(540.0), vec![500.0, 200.0, 50.0]);
        assert_eq!(width_key_values(2_500.0), vec![2_000.0, 1_000.0, 200.0]);
        assert!(width_key_values(0.0).is_empty());
    }
}
