//! What part of the world a map shows and where it lands on the canvas.
//!
//! This file owns the map's pixel [`Sizes`] (scaled from the reference width), the points a
//! view must contain ([`content_points`]: the routes, the whole network or a lon/lat box), and
//! [`make_view`], which fits a Lambert conformal conic to them ([`Lcc::fit`]) and scales it
//! with one factor for x and y, so the pixel aspect equals the projected aspect and shapes stay
//! conformal.

use crate::render::geom::{densify_great_circle, Rect};
use crate::render::map::spec::{Extent, MapSpec};
use crate::render::projection::Lcc;
use crate::render::style::REFERENCE_WIDTH;

/// Pixel sizes derived from the width.
pub(crate) struct Sizes {
    /// Scale relative to [`REFERENCE_WIDTH`].
    pub s: f64,
    /// The title's text.
    pub title_px: f64,
    /// Node labels.
    pub label_px: f64,
    /// The legend's text.
    pub legend_px: f64,
    /// The footer (credit, attribution, projection and scale).
    pub attribution_px: f64,
}

impl Sizes {
    /// The sizes of a map `width` pixels wide.
    pub fn new(width: u32) -> Sizes {
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
pub(crate) struct View {
    /// The fitted projection.
    pub proj: Lcc,
    /// Projected x of the left edge and y of the top edge, km.
    ex0: f64,
    ey1: f64,
    /// Pixels per projected km.
    pub k: f64,
    /// The map area on the canvas.
    pub rect: Rect,
}

impl View {
    /// A lon/lat point in pixels.
    pub fn px(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        let (x, y) = self.proj.fwd(lon, lat);
        (
            self.rect.x0 + (x - self.ex0) * self.k,
            self.rect.y0 + (self.ey1 - y) * self.k,
        )
    }

    /// A pixel point in lon/lat (the inverse of [`View::px`]).
    pub fn lonlat(&self, (px, py): (f64, f64)) -> (f64, f64) {
        let x = self.ex0 + (px - self.rect.x0) / self.k;
        let y = self.ey1 - (py - self.rect.y0) / self.k;
        self.proj.inv(x, y)
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
        // Nothing to fit (an empty map): the Old World of the base map, Europe to China.
        vec![(-10.0, 20.0), (125.0, 60.0)]
    } else {
        pts
    }
}

/// Fits the projection and the map area, `title_h` pixels from the canvas' top, to the content.
pub(crate) fn make_view(spec: &MapSpec, title_h: f64) -> View {
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
    View {
        proj,
        ex0: cx - w / 2.0,
        ey1: cy + h / 2.0,
        k,
        rect,
    }
}
