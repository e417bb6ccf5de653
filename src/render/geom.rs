//! Small geometric helpers shared by the base map and the renderer.
//!
//! This file owns: great-circle distance, interpolation and densification on a sphere (lon/lat
//! degrees), linear densification of rings, the even-odd point-in-ring test, the axis-aligned
//! [`Rect`] (with segment-against-box tests for leader lines), [`segments_cross`], and clipping
//! against a rectangle: Sutherland–Hodgman for polygons ([`clip_polygon`]), Liang–Barsky for
//! polylines ([`clip_polyline`]), both used in pixel space by the map.

use crate::render::projection::EARTH_RADIUS_KM;

/// An axis-aligned rectangle; `x0 <= x1`, `y0 <= y1` (pixel space: y grows downward).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge (smaller y).
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge (larger y).
    pub y1: f64,
}

impl Rect {
    /// A rectangle from its left/top corner and its size.
    pub fn from_xywh(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether the interiors of two rectangles overlap (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `o` lies entirely inside `self`.
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// Whether a point lies inside or on the edge.
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }

    /// The rectangle grown by `m` on every side.
    pub fn inflate(&self, m: f64) -> Rect {
        Rect {
            x0: self.x0 - m,
            y0: self.y0 - m,
            x1: self.x1 + m,
            y1: self.y1 + m,
        }
    }

    /// The point of the rectangle (edge included) nearest to `p`; `p` itself when inside.
    pub fn nearest_point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }

    /// Whether the segment `a`–`b` passes through the interior of the rectangle (touching an
    /// edge or a corner does not count). Liang–Barsky clipping against the open rectangle.
    pub fn crosses_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let Some((t0, t1)) = clip_params(self, a, b, true) else {
            return false;
        };
        // A crossing of positive length strictly inside.
        if t1 - t0 <= 1e-9 {
            return false;
        }
        let m = ((a.0 + dx * (t0 + t1) / 2.0), (a.1 + dy * (t0 + t1) / 2.0));
        m.0 > self.x0 && m.0 < self.x1 && m.1 > self.y0 && m.1 < self.y1
    }
}

/// Whether the segments `a`–`b` and `c`–`d` cross at a point inside both (a shared end point,
/// touching or collinear overlap do not count).
pub fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    };
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

fn to_xyz(lon: f64, lat: f64) -> [f64; 3] {
    let (lo, la) = (lon.to_radians(), lat.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

fn from_xyz(v: [f64; 3]) -> (f64, f64) {
    let lat = v[2].atan2(v[0].hypot(v[1]));
    let lon = v[1].atan2(v[0]);
    (lon.to_degrees(), lat.to_degrees())
}

/// Central angle between two lon/lat points, radians (haversine).
pub fn central_angle(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.0 - a.0).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * h.sqrt().min(1.0).asin()
}

/// Great-circle distance between two lon/lat points, km.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    central_angle(a, b) * EARTH_RADIUS_KM
}

/// The point at fraction `f` (0..=1) along the great circle from `a` to `b` (slerp).
pub fn interpolate(a: (f64, f64), b: (f64, f64), f: f64) -> (f64, f64) {
    let w = central_angle(a, b);
    if w < 1e-12 {
        return a;
    }
    let (pa, pb) = (to_xyz(a.0, a.1), to_xyz(b.0, b.1));
    let (sa, sb) = (((1.0 - f) * w).sin() / w.sin(), (f * w).sin() / w.sin());
    let mut lon_lat = from_xyz([
        sa * pa[0] + sb * pb[0],
        sa * pa[1] + sb * pb[1],
        sa * pa[2] + sb * pb[2],
    ]);
    // Keep longitudes continuous with the start point (no jump at ±180°).
    while lon_lat.0 - a.0 > 180.0 {
        lon_lat.0 -= 360.0;
    }
    while lon_lat.0 - a.0 < -180.0 {
        lon_lat.0 += 360.0;
    }
    lon_lat
}

/// Densifies a lon/lat polyline along great circles so that no step exceeds `max_km`.
/// The input points are kept; an empty or single-point input is returned as is.
pub fn densify_great_circle(points: &[(f64, f64)], max_km: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if i > 0 {
            let a = points[i - 1];
            let steps = (distance_km(a, p) / max_km.max(1e-3)).ceil() as usize;
            for k in 1..steps {
                out.push(interpolate(a, p, k as f64 / steps as f64));
            }
        }
        out.push(p);
    }
    out
}

/// Densifies a ring linearly in lon/lat so that no step exceeds `max_deg` degrees
/// (used for long straight edges of the base map, e.g. where it was clipped to its extent).
pub fn densify_linear(ring: &[(f64, f64)], max_deg: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(ring.len());
    for (i, &p) in ring.iter().enumerate() {
        if i > 0 {
            let a = ring[i - 1];
            let d = (p.0 - a.0).abs().max((p.1 - a.1).abs());
            let steps = (d / max_deg).ceil() as usize;
            for k in 1..steps {
                let f = k as f64 / steps as f64;
                out.push((a.0 + (p.0 - a.0) * f, a.1 + (p.1 - a.1) * f));
            }
        }
        out.push(p);
    }
    out
}

/// Even-odd test of a point against one ring (closed or not). Returns `true` when a horizontal
/// ray from the point crosses the ring an odd number of times.
pub fn ring_crossings_odd(ring: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) {
            let xc = xi + (y - yi) * (xj - xi) / (yj - yi);
            if x < xc {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

/// Sutherland–Hodgman clip of a polygon (open or closed ring) against a rectangle.
/// Returns an open ring (no repeated closing point); empty when nothing remains.
pub fn clip_polygon(poly: &[(f64, f64)], r: &Rect) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = poly.to_vec();
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    type Inside = fn(&Rect, (f64, f64)) -> bool;
    type Cut = fn(&Rect, (f64, f64), (f64, f64)) -> (f64, f64);
    let edges: [(Inside, Cut); 4] = [
        (
            |r, p| p.0 >= r.x0,
            |r, a, b| (r.x0, a.1 + (b.1 - a.1) * (r.x0 - a.0) / (b.0 - a.0)),
        ),
        (
            |r, p| p.0 <= r.x1,
            |r, a, b| (r.x1, a.1 + (b.1 - a.1) * (r.x1 - a.0) / (b.0 - a.0)),
        ),
        (
            |r, p| p.1 >= r.y0,
            |r, a, b| (a.0 + (b.0 - a.0) * (r.y0 - a.1) / (b.1 - a.1), r.y0),
        ),
        (
            |r, p| p.1 <= r.y1,
            |r, a, b| (a.0 + (b.0 - a.0) * (r.y1 - a.1) / (b.1 - a.1), r.y1),
        ),
    ];
    for (inside, cut) in edges {
        if pts.is_empty() {
            break;
        }
        let mut out = Vec::with_capacity(pts.len() + 4);
        let mut prev = pts[pts.len() - 1];
        for &cur in &pts {
            if inside(r, cur) {
                if !inside(r, prev) {
                    out.push(cut(r, prev, cur));
                }
                out.push(cur);
            } else if inside(r, prev) {
                out.push(cut(r, prev, cur));
            }
            prev = cur;
        }
        pts = out;
    }
    if pts.len() < 3 {
        pts.clear();
    }
    pts
}

/// Clips a polyline against a rectangle (Liang–Barsky per segment). Returns the visible
/// pieces in order, each with at least two points.
pub fn clip_polyline(points: &[(f64, f64)], r: &Rect) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let clipped = clip_params(r, a, b, false);
        let (t0, t1) = clipped.unwrap_or((1.0, 0.0));
        if clipped.is_none() || t0 > t1 {
            if cur.len() > 1 {
                pieces.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        let pa = (a.0 + t0 * dx, a.1 + t0 * dy);
        let pb = (a.0 + t1 * dx, a.1 + t1 * dy);
        if cur.last() != Some(&pa) {
            if cur.len() > 1 {
                pieces.push(std::mem::take(&mut cur));
            }
            cur.clear();
            cur.push(pa);
        }
        cur.push(pb);
        if t1 < 1.0 {
            pieces.push(std::mem::take(&mut cur));
        }
    }
    if cur.len() > 1 {
        pieces.push(cur);
    }
    pieces
}

/// Liang–Barsky: the parameter interval `[t0, t1]` of the segment `a`–`b` inside `r` (the open
/// rectangle when `open`: a segment along an edge is outside), or `None` when a coordinate lies
/// wholly outside. The interval may be empty (`t0 > t1`).
fn clip_params(r: &Rect, a: (f64, f64), b: (f64, f64), open: bool) -> Option<(f64, f64)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 || (open && q == 0.0) {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    Some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_paris_to_beijing() {
        let d = distance_km((2.35, 48.86), (116.4, 39.9));
        assert!((d - 8215.0).abs() < 30.0, "{d}");
    }

    #[test]
    fn densify_keeps_ends_and_bounds_steps() {
        let pts = [(2.35, 48.86), (116.4, 39.9)];
        let d = densify_great_circle(&pts, 100.0);
        assert_eq!(d.first(), Some(&pts[0]));
        assert_eq!(d.last(), Some(&pts[1]));
        for w in d.windows(2) {
            assert!(distance_km(w[0], w[1]) <= 100.0 + 1e-6);
        }
        // The great circle bulges north of both ends.
        assert!(d.iter().any(|p| p.1 > 55.0));
    }

    #[test]
    fn clip_square_against_rect() {
        let sq = [(-1.0, -1.0), (2.0, -1.0), (2.0, 2.0), (-1.0, 2.0)];
        let r = Rect::from_xywh(0.0, 0.0, 1.0, 1.0);
        let c = clip_polygon(&sq, &r);
        assert_eq!(c.len(), 4);
        assert!(c.iter().all(|&p| r.contains(p)));
        let far = [(5.0, 5.0), (6.0, 5.0), (6.0, 6.0)];
        assert!(clip_polygon(&far, &r).is_empty());
    }

    #[test]
    fn clip_polyline_splits_at_the_edges() {
        let r = Rect::from_xywh(0.0, 0.0, 10.0, 10.0);
        let line = [
            (-5.0, 5.0),
            (5.0, 5.0),
            (15.0, 5.0),
            (15.0, 8.0),
            (5.0, 8.0),
        ];
        let pieces = clip_polyline(&line, &r);
        assert_eq!(
            pieces,
            vec![
                vec![(0.0, 5.0), (5.0, 5.0), (10.0, 5.0)],
                vec![(10.0, 8.0), (5.0, 8.0)]
            ]
        );
    }

    #[test]
    fn segments_against_rects_and_segments() {
        let r = Rect::from_xywh(0.0, 0.0, 10.0, 10.0);
        assert!(
            r.crosses_segment((-5.0, 5.0), (15.0, 5.0)),
            "straight through"
        );
        assert!(r.crosses_segment((5.0, 5.0), (6.0, 6.0)), "inside");
        assert!(
            r.crosses_segment((-1.0, 9.0), (9.0, -1.0)),
            "across a corner"
        );
        assert!(
            !r.crosses_segment((-5.0, 0.0), (15.0, 0.0)),
            "along an edge"
        );
        assert!(
            !r.crosses_segment((10.0, 5.0), (20.0, 5.0)),
            "from an edge outwards"
        );
        assert!(
            !r.crosses_segment((-1.0, 1.0), (1.0, -1.0)),
            "touching a corner"
        );
        assert!(!r.crosses_segment((11.0, -5.0), (11.0, 15.0)), "beside it");
        assert_eq!(r.nearest_point((15.0, 5.0)), (10.0, 5.0));
        assert_eq!(r.nearest_point((-3.0, -4.0)), (0.0, 0.0));
        assert_eq!(r.nearest_point((3.0, 4.0)), (3.0, 4.0));
        assert!(segments_cross(
            (0.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (10.0, 0.0)
        ));
        assert!(!segments_cross(
            (0.0, 0.0),
            (10.0, 10.0),
            (10.0, 10.0),
            (20.0, 0.0)
        ));
        assert!(!segments_cross(
            (0.0, 0.0),
            (10.0, 0.0),
            (0.0, 1.0),
            (10.0, 1.0)
        ));
        assert!(!segments_cross(
            (0.0, 0.0),
            (4.0, 4.0),
            (0.0, 10.0),
            (10.0, 0.0)
        ));
    }

    #[test]
    fn point_in_ring() {
        let sq = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
        assert!(ring_crossings_odd(&sq, (0.5, 0.5)));
        assert!(!ring_crossings_odd(&sq, (1.5, 0.5)));
    }
}
