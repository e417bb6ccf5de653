#!/usr/bin/env python3
"""Generate assets/countries.json, the base map of `corridor`, from world-atlas.

Input : countries-50m.json from the npm package world-atlas@2.0.2
        (Natural Earth v4.1.0 admin-0 countries, 1:50m, public domain;
        package ISC, (c) Mike Bostock).
Output: a compact JSON array, one object per country that touches the
        Old World extent:
            [{"id": "643", "name": "Russia", "rings": [[[lon, lat], ...], ...]}, ...]
        `id` is the ISO 3166-1 numeric code as a string ("" for the five
        Natural Earth features without one: Somaliland, Kosovo, N. Cyprus,
        Indian Ocean Ter., Siachen Glacier). Rings are closed (first point ==
        last point). A country is the even-odd union of its rings (an enclave
        such as Lesotho appears as an extra ring of South Africa and as its own
        country). Coordinates are degrees rounded to 0.01.

Pipeline (Python 3 standard library only, deterministic):
  1. decode the TopoJSON arcs (delta-encoded, quantized transform);
  2. simplify every *arc* with Douglas-Peucker (tolerance EPS_DEG, end points
     fixed) so that shared borders stay identical on both sides;
  3. stitch the arcs of the `countries` object into rings; rings that cross the
     antimeridian are unwrapped (lon + 360 for their western points);
  4. clip each ring to the extent LON_MIN..LON_MAX, LAT_MIN..LAT_MAX
     (Sutherland-Hodgman; a clipped ring may run along the extent border);
  5. drop rings smaller than MIN_AREA_KM2, except the largest ring of each
     country (so small states such as Singapore, Malta or Bahrain remain);
  6. round to 0.01 degree, remove repeated points, write the file;
  7. self-check: sample points in the Caspian, Black Sea, Red Sea,
     Mediterranean and Arabian Sea must be in no country; a few cities and
     islands must be in one.

Usage:
  cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
  python3 tools/basemap/make_basemap.py /tmp/package/countries-50m.json assets/countries.json
"""

import json
import math
import sys

LON_MIN, LON_MAX = -30.0, 150.0
LAT_MIN, LAT_MAX = -45.0, 75.0
EPS_DEG = 0.03  # Douglas-Peucker tolerance in degrees (~4 km)
MIN_AREA_KM2 = 150.0  # smaller islands are dropped (Malta is 316 km2)
ROUND = 2  # decimals kept

# (name, lon, lat, expected_on_land)
CHECKS = [
    ("Caspian Sea middle", 51.0, 41.5, False),
    ("Caspian Sea north", 50.0, 45.0, False),
    ("Black Sea middle", 34.0, 43.0, False),
    ("Red Sea", 38.5, 20.0, False),
    ("Mediterranean", 18.0, 35.0, False),
    ("Arabian Sea", 65.0, 15.0, False),
    ("Persian Gulf", 51.5, 27.0, False),
    ("Ankara", 32.85, 39.93, True),
    ("Almaty", 76.95, 43.24, True),
    ("Paris", 2.35, 48.86, True),
    ("Xi'an", 108.94, 34.34, True),
    ("Sri Lanka", 80.7, 7.8, True),
    ("Cyprus", 33.0, 35.0, True),
    ("Crete", 24.9, 35.25, True),
    ("Sicily", 14.2, 37.5, True),
    ("Sardinia", 9.0, 40.0, True),
    ("Corsica", 9.1, 42.1, True),
    ("Great Britain", -1.5, 52.5, True),
    ("Ireland", -8.0, 53.3, True),
    ("Japan (Honshu)", 139.0, 36.0, True),
    ("Taiwan", 121.0, 23.7, True),
    ("Hainan", 109.8, 19.2, True),
    ("Singapore", 103.82, 1.35, True),
    ("Cape Town", 18.6, -33.95, True),
]


def decode_arcs(topo):
    """Absolute lon/lat arcs from the delta-encoded, quantized TopoJSON arcs."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _seg_dist(p, a, b):
    """Distance (degrees, planar) from p to segment ab."""
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(pts, eps):
    """Douglas-Peucker with fixed end points (iterative, deterministic)."""
    n = len(pts)
    if n <= 2:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = _seg_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > eps:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def stitch(ring_arcs, arcs):
    """Concatenate arcs (negative index = reversed arc ~i) into one ring."""
    ring = []
    for a in ring_arcs:
        pts = arcs[a] if a >= 0 else list(reversed(arcs[~a]))
        ring.extend(pts if not ring else pts[1:])
    return ring


def unwrap_antimeridian(ring):
    """Rings crossing the antimeridian (eastern Russia, Fiji) jump from +180 to -180; moving
    their western-hemisphere points by +360 makes them continuous, and the clip then cuts them
    off at LON_MAX instead of drawing a chord across the whole map."""
    if any(abs(b[0] - a[0]) > 180.0 for a, b in zip(ring, ring[1:])):
        return [(x + 360.0 if x < 0.0 else x, y) for x, y in ring]
    return ring


def clip_ring(ring):
    """Sutherland-Hodgman clip of a closed ring against the extent box."""

    def clip(poly, inside, intersect):
        if not poly:
            return poly
        out = []
        prev = poly[-1]
        for cur in poly:
            if inside(cur):
                if not inside(prev):
                    out.append(intersect(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(intersect(prev, cur))
            prev = cur
        return out

    def at_x(x0):
        return lambda p, q: (x0, p[1] + (q[1] - p[1]) * (x0 - p[0]) / (q[0] - p[0]))

    def at_y(y0):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y0 - p[1]) / (q[1] - p[1]), y0)

    poly = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    poly = clip(poly, lambda p: p[0] >= LON_MIN, at_x(LON_MIN))
    poly = clip(poly, lambda p: p[0] <= LON_MAX, at_x(LON_MAX))
    poly = clip(poly, lambda p: p[1] >= LAT_MIN, at_y(LAT_MIN))
    poly = clip(poly, lambda p: p[1] <= LAT_MAX, at_y(LAT_MAX))
    if len(poly) < 3:
        return []
    return poly + [poly[0]]


def area_km2(ring):
    """Approximate area (shoelace on an equirectangular plane at the ring's latitude)."""
    if len(ring) < 4:
        return 0.0
    lat0 = sum(p[1] for p in ring) / len(ring)
    kx = 111.32 * math.cos(math.radians(lat0))
    ky = 110.57
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += (x1 * kx) * (y2 * ky) - (x2 * kx) * (y1 * ky)
    return abs(s) / 2.0


def point_in_rings(rings, lon, lat):
    """Even-odd rule over all rings of one country."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > lat) != (y2 > lat):
                x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
                if lon < x:
                    inside = not inside
    return inside


def build(topo):
    arcs = [douglas_peucker(a, EPS_DEG) for a in decode_arcs(topo)]
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        rings = []
        for poly in polys:
            for ring_arcs in poly:
                ring = clip_ring(unwrap_antimeridian(stitch(ring_arcs, arcs)))
                ring = [(round(x, ROUND), round(y, ROUND)) for x, y in ring]
                dedup = []
                for p in ring:
                    if not dedup or dedup[-1] != p:
                        dedup.append(p)
                if len(dedup) >= 4:
                    rings.append(dedup)
        if not rings:
            continue
        areas = [area_km2(r) for r in rings]
        largest = max(range(len(rings)), key=lambda i: areas[i])
        rings = [r for i, r in enumerate(rings) if i == largest or areas[i] >= MIN_AREA_KM2]
        countries.append(
            {
                "id": str(g.get("id") or ""),
                "name": g["properties"]["name"],
                "rings": [[[x, y] for x, y in r] for r in rings],
            }
        )
    countries.sort(key=lambda c: (c["name"], c["id"]))
    return countries


def self_check(countries):
    ok = True
    for c in countries:
        for r in c["rings"]:
            xs = [p[0] for p in r]
            if max(xs) - min(xs) > 170.0:
                ok = False
                print(f"CHECK FAILED: {c['name']}: a ring spans {min(xs)}..{max(xs)}", file=sys.stderr)
    for name, lon, lat, expect in CHECKS:
        hits = [c["name"] for c in countries if point_in_rings(c["rings"], lon, lat)]
        if bool(hits) != expect:
            ok = False
            print(f"CHECK FAILED: {name} ({lat}N {lon}E) on land={bool(hits)} {hits}", file=sys.stderr)
    return ok


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        topo = json.load(f)
    countries = build(topo)
    if not self_check(countries):
        return 1
    text = json.dumps(countries, ensure_ascii=False, separators=(",", ":"))
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(text)
        f.write("\n")
    npts = sum(len(r) for c in countries for r in c["rings"])
    nrings = sum(len(c["rings"]) for c in countries)
    print(f"{len(countries)} countries, {nrings} rings, {npts} points, {len(text.encode('utf-8')) + 1} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
