//! Where a map's legend may go: what it must keep clear of ([`Clearance`]: every drawn route,
//! load and network link, as pixel segments inside the map, and every node marker in view, so
//! that no place loses its label to it) and the first map corner free of all of it
//! ([`free_corner`]); with none free, the legend goes in a band below the map. Also which routes
//! are in view ([`routes_in_view`]): the legend lists only those.

use crate::render::geom::{clip_polyline, densify_great_circle, Rect};
use crate::render::map::spec::{MapLoad, MapSpec};
use crate::render::map::view::View;

/// A segment, pixels.
type Segment = ((f64, f64), (f64, f64));

/// What a legend inside the map must not cover.
pub(crate) struct Clearance {
    segments: Vec<Segment>,
    markers: Vec<Rect>,
}

/// A lon/lat polyline densified along great circles (50 km steps), in pixels, clipped to the
/// map; its pieces.
fn pieces(view: &View, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let px: Vec<(f64, f64)> = densify_great_circle(points, 50.0)
        .into_iter()
        .map(|q| view.px(q))
        .collect();
    clip_polyline(&px, &view.rect)
}

impl Clearance {
    /// The routes, loads and links of `spec` and `loads` in `view`, and its nodes' markers
    /// (`marker` pixels around each node in view).
    pub fn of(spec: &MapSpec, loads: &[MapLoad], view: &View, marker: f64) -> Clearance {
        let lines = spec
            .routes
            .iter()
            .map(|r| &r.points)
            .chain(loads.iter().map(|l| &l.points))
            .chain(spec.links.iter().map(|l| &l.points));
        let mut segments = Vec::new();
        for pts in lines {
            for piece in pieces(view, pts) {
                segments.extend(piece.windows(2).map(|w| (w[0], w[1])));
            }
        }
        let markers = spec
            .nodes
            .iter()
            .map(|n| view.px((n.lon, n.lat)))
            .chain(
                loads
                    .iter()
                    .filter(|l| l.points.len() == 1)
                    .map(|l| view.px(l.points[0])),
            )
            .filter(|p| view.rect.contains(*p))
            .map(|p| Rect::from_xywh(p.0, p.1, 0.0, 0.0).inflate(marker))
            .collect();
        Clearance { segments, markers }
    }

    /// Whether `r` covers a line or a marker.
    pub fn covers(&self, r: &Rect) -> bool {
        self.markers.iter().any(|m| m.overlaps(r))
            || self
                .segments
                .iter()
                .any(|(a, b)| r.contains(*a) || r.crosses_segment(*a, *b))
    }
}

/// The first map corner (bottom left, top left, bottom right, top right) where a legend of
/// `size` pixels, `inset` from the map's edges, keeps `margin` clear of everything in `clear`;
/// `None` when every corner would cover something.
pub(crate) fn free_corner(
    (w, h): (f64, f64),
    map: &Rect,
    inset: f64,
    margin: f64,
    clear: &Clearance,
) -> Option<Rect> {
    if w + 2.0 * inset > map.width() || h + 2.0 * inset > map.height() {
        return None;
    }
    [
        (map.x0 + inset, map.y1 - inset - h),
        (map.x0 + inset, map.y0 + inset),
        (map.x1 - inset - w, map.y1 - inset - h),
        (map.x1 - inset - w, map.y0 + inset),
    ]
    .into_iter()
    .map(|(x, y)| Rect::from_xywh(x, y, w, h))
    .find(|r| !clear.covers(&r.inflate(margin)))
}

/// The indices of the routes of `spec` with a piece inside the map.
pub(crate) fn routes_in_view(spec: &MapSpec, view: &View) -> Vec<usize> {
    (0..spec.routes.len())
        .filter(|&i| !pieces(view, &spec.routes[i].points).is_empty())
        .collect()
}
