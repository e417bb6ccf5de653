//! The map's legend: what it lists, how big it is, where it goes and how it is drawn.
//!
//! The legend lists the routes (full width), then the network's link styles and the node kinds
//! present, in two columns. It goes in the map corner that covers the fewest route points (then
//! the fewest links and nodes); when every corner would hide a route (a zoomed view), it goes in
//! a band below the map instead ([`MapLegend::band`]). A regional panel has no legend.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, WHITE};

use crate::network::{Mode, NodeKind, Status};
use crate::render::format::{co2_words, format_usd};
use crate::render::geom::{densify_great_circle, Rect};
use crate::render::labels::text_size;
use crate::render::map::spec::{MapRoute, MapSpec};
use crate::render::map::symbols::{draw_marker, draw_patterned, link_style, Pattern};
use crate::render::map::view::{make_view, Sizes};
use crate::render::style::{
    draw_text, fill_rect, outline_rect, route_colour, text_style, to_i, Area, INK,
};

/// The legend's border.
const LEGEND_BORDER: RGBColor = RGBColor(0x99, 0x99, 0x99);

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

/// The legend of one map: its entries, and whether it sits in a corner or in a band below.
pub(crate) struct MapLegend {
    parts: LegendParts,
    /// The gap between the legend and the map's edge, pixels.
    inset: f64,
    /// Height of the band below the map that holds the legend when every corner would hide a
    /// route; 0 when it sits in a corner.
    pub band: f64,
}

impl MapLegend {
    /// The legend of `spec` (empty when the spec has none) and where it goes.
    pub fn new(spec: &MapSpec, sz: &Sizes) -> MapLegend {
        let s = sz.s;
        let parts = if spec.legend {
            legend_entries(spec, s)
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let inset = (10.0 * s).max(6.0);
        // The legend goes in a map corner that no route crosses; when every corner is crossed (a
        // zoomed view), it goes in a band below the map instead, so it never hides a route.
        let band = {
            let (view, _) = make_view(spec, sz.title_h(), sz.footer_h());
            let route_px: Vec<(f64, f64)> = spec
                .routes
                .iter()
                .flat_map(|r| densify_great_circle(&r.points, 50.0))
                .map(|q| view.px(q))
                .filter(|q| view.rect.contains(*q))
                .collect();
            match legend_layout(&parts, sz) {
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
        MapLegend { parts, inset, band }
    }

    /// The legend's box on the map `map`: in the band below it, or in the corner covering the
    /// fewest `route_points`, then the fewest `content` points; `None` when there is no legend.
    pub fn place(
        &self,
        sz: &Sizes,
        map: &Rect,
        route_points: &[(f64, f64)],
        content: &[(f64, f64)],
    ) -> Option<LegendLayout> {
        let inset = self.inset;
        legend_layout(&self.parts, sz).map(|mut lay| {
            lay.rect = if self.band > 0.0 {
                Rect::from_xywh(
                    map.x0 + inset,
                    map.y1 + inset,
                    lay.rect.width(),
                    lay.rect.height(),
                )
            } else {
                place_legend(lay.rect, map, route_points, content, inset)
            };
            lay
        })
    }

    /// Draws the legend in the box `lay` ([`MapLegend::place`]); `widths` are the routes' line
    /// widths on the map.
    pub fn draw(&self, area: &Area, lay: &LegendLayout, sz: &Sizes, widths: &[f64]) {
        draw_legend(area, &self.parts, lay, sz, widths);
    }
}

/// One line of the legend.
enum LegendEntry {
    /// A section's heading.
    Header(&'static str),
    /// A route: its index, its palette index and its text.
    Route(usize, usize, String),
    /// A link style: colour, width, pattern and text.
    Link(RGBColor, u32, Pattern, &'static str),
    /// A node kind's marker.
    Node(NodeKind),
}

/// The legend's three parts: routes (full width), then two columns (network | nodes).
type LegendParts = (Vec<LegendEntry>, Vec<LegendEntry>, Vec<LegendEntry>);

/// Builds the legend's two parts: routes (full width) and two columns (network | nodes).
fn legend_entries(spec: &MapSpec, s: f64) -> LegendParts {
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

/// The text of a legend entry.
fn entry_text(e: &LegendEntry) -> &str {
    match e {
        LegendEntry::Header(t) => t,
        LegendEntry::Route(_, _, t) => t,
        LegendEntry::Link(_, _, _, t) => t,
        LegendEntry::Node(k) => k.legend(),
    }
}

/// The legend's box and the measures of its rows.
pub(crate) struct LegendLayout {
    /// The box, pixels (at the origin until placed).
    pub rect: Rect,
    line_h: f64,
    swatch_w: f64,
    pad: f64,
    col_w: f64,
}

/// The legend's size and rows; `None` when it has nothing to show.
fn legend_layout(parts: &LegendParts, sz: &Sizes) -> Option<LegendLayout> {
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

/// Draws the legend in its placed box: a translucent white panel with a border, then each
/// entry's symbol and text.
fn draw_legend(area: &Area, parts: &LegendParts, lay: &LegendLayout, sz: &Sizes, widths: &[f64]) {
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
                draw_patterned(area, &pts, c, w, Pattern::Solid);
                draw_text(area, t, (x + lay.swatch_w + 8.0, text_y), &normal);
            }
            LegendEntry::Link(c, w, p, t) => {
                let pts = [to_i((sw.0, mid)), to_i((sw.1, mid))];
                draw_patterned(area, &pts, *c, *w, *p);
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
}
