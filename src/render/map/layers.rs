//! The map's layers, bottom to top: sea, land and borders, network links, loads, routes, nodes
//! and labels; one method each on a small drawing context, [`MapCanvas`].
//!
//! Land is clipped to the view in pixel space (Sutherland–Hodgman); links, loads and routes are
//! densified along great circles and clipped (Liang–Barsky). Labels go to the origin and
//! destination first (in bold, always), then to saturated loads' names, the places routes stop
//! at and the other major places. The legend (`legend.rs`) and the frame, title and footer
//! (`frame.rs`) are drawn after.

use plotters::element::{Circle, Polygon};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, WHITE};

use crate::network::Status;
use crate::render::basemap::{Country, ASSET_EXTENT};
use crate::render::geom::{
    clip_polygon, clip_polyline, densify_great_circle, densify_linear, Rect,
};
use crate::render::ink::{draw_route_line, ink_or_position};
use crate::render::labels::{place_labels, text_size, LabelRequest, Position};
use crate::render::map::spec::{MapLink, MapLoad, MapNode, MapRoute};
use crate::render::map::symbols::{
    draw_marker, draw_patterned, link_style, load_width_px, Pattern, BORDER, LAND, SEA,
};
use crate::render::map::view::{Sizes, View};
use crate::render::style::{draw_text, fill_rect, text_style, to_i, Area, INK, LOAD, SATURATED};

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

/// A lon/lat polyline densified along great circles (50 km steps), in pixels.
fn px_line(view: &View, points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    densify_great_circle(points, 50.0)
        .into_iter()
        .map(|q| view.px(q))
        .collect()
}

/// A node in view and its position, pixels.
pub(crate) type Visible<'n> = (&'n MapNode, (f64, f64));

/// The radius of a node's marker.
fn marker_r(n: &MapNode, s: f64) -> f64 {
    (if n.major { 4.5 * s } else { 3.5 * s }).max(2.5)
}

/// What every layer draws with: the drawing area, the view and the sizes.
pub(crate) struct MapCanvas<'a, 'b> {
    area: &'a Area<'b>,
    view: &'a View,
    sz: &'a Sizes,
    /// The map area, pixels.
    map: Rect,
    /// What lines and land are clipped to: the map area and 2 px around it.
    clip: Rect,
}

impl<'a, 'b> MapCanvas<'a, 'b> {
    /// A context drawing into `area` through `view`.
    pub fn new(area: &'a Area<'b>, view: &'a View, sz: &'a Sizes) -> Self {
        let map = view.rect;
        MapCanvas {
            area,
            view,
            sz,
            map,
            clip: map.inflate(2.0),
        }
    }

    /// The sea: the whole map area.
    pub fn sea(&self) {
        fill_rect(self.area, self.map, SEA);
    }

    /// Land, then borders (each country's outline; coast and borders share the style).
    /// Outlines skip the edges that lie on the base map's own extent, where the generator
    /// clipped the data, so that no artificial coast appears at 75°N or 150°E.
    pub fn land(&self, countries: &[Country]) {
        let (area, view, clip_rect) = (self.area, self.view, &self.clip);
        let border_w = self.sz.s.round().max(1.0) as u32;
        let mut outlines: Vec<Vec<(i32, i32)>> = Vec::new();
        for c in countries {
            for ring in &c.rings {
                let pts: Vec<(f64, f64)> = densify_linear(ring, 0.5)
                    .into_iter()
                    .map(|p| view.px(p))
                    .collect();
                let px = to_pixels(&clip_polygon(&pts, clip_rect));
                if px.len() < 3 {
                    continue;
                }
                let _ = area.draw(&Polygon::new(px, LAND.filled()));
                for part in split_at_extent_edges(ring) {
                    let pts: Vec<(f64, f64)> = densify_linear(&part, 0.5)
                        .into_iter()
                        .map(|p| view.px(p))
                        .collect();
                    for piece in clip_polyline(&pts, clip_rect) {
                        outlines.push(to_pixels(&piece));
                    }
                }
            }
        }
        for o in &outlines {
            draw_patterned(area, o, BORDER, border_w, Pattern::Solid);
        }
    }

    /// Network links: operating first, then under construction, then planned.
    pub fn links(&self, links: &[MapLink]) {
        let s = self.sz.s;
        for status in [
            Status::Operating,
            Status::UnderConstruction,
            Status::Planned,
        ] {
            for l in links.iter().filter(|l| l.status == status) {
                let (c, w, p) = link_style(l.mode, l.status, s);
                let pts = px_line(self.view, &l.points);
                for piece in clip_polyline(&pts, &self.clip) {
                    draw_patterned(self.area, &to_pixels(&piece), c, w, p);
                }
            }
        }
    }

    /// Loads: widest first, saturated ones last so that they stay visible; a place is ringed,
    /// a link drawn with a width following its traffic.
    pub fn loads(&self, loads: &[MapLoad]) {
        let s = self.sz.s;
        let map = self.map;
        let mut order: Vec<&MapLoad> = loads.iter().collect();
        order.sort_by(|a, b| {
            a.saturated
                .cmp(&b.saturated)
                .then(b.width.total_cmp(&a.width))
        });
        for l in order {
            let colour = if l.saturated { SATURATED } else { LOAD };
            if let [p] = l.points[..] {
                let (x, y) = self.view.px(p);
                if map.contains((x, y)) {
                    let r = (7.0 * s).round() as i32;
                    let _ = self.area.draw(&Circle::new(
                        (x.round() as i32, y.round() as i32),
                        r,
                        colour.stroke_width((2.0 * s).round().max(1.0) as u32),
                    ));
                }
                continue;
            }
            let w = load_width_px(l.width, s) as u32;
            let pts = px_line(self.view, &l.points);
            for piece in clip_polyline(&pts, &self.clip) {
                draw_patterned(self.area, &to_pixels(&piece), colour, w, Pattern::Solid);
            }
        }
    }

    /// Routes: white casings of all, then widest (first) to narrowest, each in its ink (the
    /// routes of a family after its first dashed over a white core). `widths` are the routes'
    /// line widths ([`route_widths`]).
    pub fn routes(&self, routes: &[MapRoute], widths: &[f64]) {
        let s = self.sz.s;
        let (view, clip) = (self.view, self.clip);
        let route_px: Vec<Vec<Vec<(i32, i32)>>> = routes
            .iter()
            .map(|r| {
                let pts = px_line(view, &r.points);
                clip_polyline(&pts, &clip)
                    .iter()
                    .map(|piece| to_pixels(piece))
                    .collect()
            })
            .collect();
        for (i, pieces) in route_px.iter().enumerate() {
            let w = (widths[i] + 3.0 * s.max(0.7)).round() as u32;
            for piece in pieces {
                draw_patterned(self.area, piece, WHITE, w, Pattern::Solid);
            }
        }
        for (i, pieces) in route_px.iter().enumerate() {
            let ink = ink_or_position(routes[i].ink, i);
            for piece in pieces {
                draw_route_line(self.area, piece, ink, widths[i].round());
            }
        }
    }

    /// Node markers of the nodes in view (2 px inside the map); returns those nodes with their
    /// positions.
    pub fn nodes<'n>(&self, nodes: &'n [MapNode]) -> Vec<Visible<'n>> {
        let s = self.sz.s;
        let inner = self.map.inflate(-2.0);
        let visible: Vec<Visible<'n>> = nodes
            .iter()
            .map(|n| (n, self.view.px((n.lon, n.lat))))
            .filter(|(_, p)| inner.contains(*p))
            .collect();
        for (n, p) in &visible {
            draw_marker(self.area, n.kind, to_i(*p), marker_r(n, s));
        }
        visible
    }

    /// Labels: the origin and destination first (bold), then the saturated loads' names, then
    /// the major nodes in view (those on a route first, then in input order), each where it
    /// overlaps no other label, marker or the `legend` box. An origin or destination that fits
    /// nowhere is put at the first of its positions inside the map clear of other labels, over
    /// markers if it must: it is always labelled.
    pub fn labels(
        &self,
        (routes, loads): (&[MapRoute], &[MapLoad]),
        visible: &[Visible],
        legend: Option<Rect>,
    ) {
        let (s, sz) = (self.sz.s, self.sz);
        let on_route = |n: &MapNode| {
            routes.iter().any(|r| {
                r.points
                    .iter()
                    .any(|q| (q.0 - n.lon).abs() < 1e-6 && (q.1 - n.lat).abs() < 1e-6)
            })
        };
        let ends: Vec<&Visible> = visible.iter().filter(|(n, _)| n.endpoint).collect();
        let mut majors: Vec<&Visible> = visible
            .iter()
            .filter(|(n, _)| n.major && !n.endpoint)
            .collect();
        majors.sort_by_key(|(n, _)| !on_route(n));
        let bold_w = |t: &str| text_size(t, sz.label_px).0 * 1.15;
        // (text, anchor, gap, bold), in order of placement.
        let mut wanted: Vec<(String, (f64, f64), f64, bool)> = ends
            .iter()
            .map(|(n, p)| (n.name.clone(), *p, marker_r(n, s) + 3.0, true))
            .collect();
        for l in loads.iter().filter(|l| l.saturated) {
            if let Some(text) = &l.label {
                let at = self.view.px(l.points[l.points.len() / 2]);
                if self.map.contains(at) {
                    wanted.push((text.clone(), at, 9.0 * s, false));
                }
            }
        }
        wanted.extend(
            majors
                .iter()
                .map(|(n, p)| (n.name.clone(), *p, marker_r(n, s) + 3.0, false)),
        );
        let requests: Vec<LabelRequest> = wanted
            .iter()
            .map(|(t, at, gap, bold)| LabelRequest {
                anchor: *at,
                size: if *bold {
                    (bold_w(t), text_size(t, sz.label_px).1)
                } else {
                    text_size(t, sz.label_px)
                },
                gap: *gap,
            })
            .collect();
        let mut obstacles: Vec<Rect> = visible
            .iter()
            .map(|(n, p)| Rect::from_xywh(p.0, p.1, 0.0, 0.0).inflate(marker_r(n, s) + 1.0))
            .collect();
        if let Some(rect) = legend {
            obstacles.push(rect.inflate(2.0));
        }
        let bounds = self.map.inflate(-3.0);
        let mut placed = place_labels(&requests, bounds, &obstacles);
        // An end that fits nowhere: clear of labels and the legend only.
        for (k, req) in requests.iter().enumerate().take(ends.len()) {
            if placed[k].is_some() {
                continue;
            }
            let others: Vec<Rect> = placed.iter().flatten().copied().chain(legend).collect();
            placed[k] = Position::ALL
                .iter()
                .map(|q| q.rect(req))
                .find(|r| bounds.contains_rect(r) && !others.iter().any(|o| o.overlaps(r)));
        }
        for ((text, _, _, bold), rect) in wanted.iter().zip(&placed) {
            if let Some(r) = rect {
                let style = text_style(sz.label_px, INK, *bold, HPos::Left, VPos::Top);
                draw_text(self.area, text, (r.x0 + 1.0, r.y0 + 1.0), &style);
            }
        }
    }
}
