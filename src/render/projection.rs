//! Spherical Lambert conformal conic projection (Snyder, *Map Projections: A Working Manual*,
//! USGS PP 1395, eqs. 15-1 to 15-5 and 14-4/15-10 for the inverse).
//!
//! This file owns [`Lcc`]: construction from two standard parallels and an origin, forward and
//! inverse transforms, the point scale factor, and [`Lcc::fit`], which chooses the parameters for
//! a lon/lat box.
//!
//! # Why LCC, and what happens with the Cape of Good Hope
//!
//! For the Europe–China corridor (roughly 25–60°N) a conic with standard parallels 35°N and 55°N
//! ([`Lcc::europe_china`]) keeps the scale within ±4 % and shapes true (it is conformal). The
//! *same* fixed cone is poor for a map reaching the Cape of Good Hope at 35°S: there its scale
//! factor is about 2.4 (areas ×5.8) and the 180° longitude span fans out over ~130°.
//!
//! Instead of switching to another family, the renderer uses [`Lcc::fit`], which puts the standard
//! parallels at 1/6 and 5/6 of the box's latitude span (Kavraiskii's rule). For a box that spans
//! the equator the cone flattens (`n → 0`) and the projection turns continuously into Mercator
//! (the limit of LCC for standard parallels symmetric about the equator), which is the usual,
//! conformal choice for shipping maps. For a Suez + Cape map (35°S–56°N) the fitted cone has
//! `n ≈ 0.2` and the scale stays within about 0.8–1.4 over the box: still conformal, gently curved
//! parallels, no fan. When `|n| < 1e-9` the Mercator formulas are used directly.
//!
//! Coordinates are in kilometres on a sphere of radius [`EARTH_RADIUS_KM`]; `x` grows east, `y`
//! grows north.

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};

/// Mean Earth radius used by the projection, km.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Cone constants below this are treated as Mercator.
const MERCATOR_N: f64 = 1e-9;

/// A spherical Lambert conformal conic projection (or its Mercator limit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lcc {
    /// Central meridian, degrees.
    pub lon0: f64,
    /// Latitude of the origin (y = 0), degrees.
    pub lat0: f64,
    /// First standard parallel, degrees.
    pub lat1: f64,
    /// Second standard parallel, degrees.
    pub lat2: f64,
    n: f64,
    f: f64,
    rho0: f64,
}

fn t(lat_rad: f64) -> f64 {
    (FRAC_PI_4 + lat_rad / 2.0).tan()
}

/// Wraps an angle in radians to (-π, π].
fn wrap_pi(a: f64) -> f64 {
    let mut a = a % (2.0 * PI);
    if a > PI {
        a -= 2.0 * PI;
    } else if a <= -PI {
        a += 2.0 * PI;
    }
    a
}

impl Lcc {
    /// A projection with standard parallels `lat1`, `lat2` and origin (`lon0`, `lat0`), degrees.
    ///
    /// Latitudes must lie strictly between -90 and 90; `lat1 == lat2` gives a tangent cone,
    /// `lat1 == -lat2` gives Mercator with true scale at `±lat1`.
    pub fn new(lon0: f64, lat0: f64, lat1: f64, lat2: f64) -> Lcc {
        let (p1, p2, p0) = (lat1.to_radians(), lat2.to_radians(), lat0.to_radians());
        let n = if (lat1 - lat2).abs() < 1e-10 {
            p1.sin()
        } else {
            (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln()
        };
        if n.abs() < MERCATOR_N {
            // Mercator limit: `f` is the scale at the standard parallels (cos φ1).
            return Lcc {
                lon0,
                lat0,
                lat1,
                lat2,
                n: 0.0,
                f: p1.cos(),
                rho0: 0.0,
            };
        }
        let f = p1.cos() * t(p1).powf(n) / n;
        let rho0 = EARTH_RADIUS_KM * f / t(p0).powf(n);
        Lcc {
            lon0,
            lat0,
            lat1,
            lat2,
            n,
            f,
            rho0,
        }
    }

    /// The default for Europe–China maps: standard parallels 35°N and 55°N, origin 65°E 40°N.
    pub fn europe_china() -> Lcc {
        Lcc::new(65.0, 40.0, 35.0, 55.0)
    }

    /// A projection fitted to a lon/lat box: central meridian and origin at the box centre,
    /// standard parallels at 1/6 and 5/6 of the latitude span (see the module docs).
    pub fn fit(lon_min: f64, lon_max: f64, lat_min: f64, lat_max: f64) -> Lcc {
        let lat_min = lat_min.clamp(-80.0, 80.0);
        let lat_max = lat_max.clamp(-80.0, 80.0).max(lat_min);
        let span = lat_max - lat_min;
        let mut lat1 = lat_min + span / 6.0;
        let mut lat2 = lat_max - span / 6.0;
        if span < 1.0 {
            lat1 = (lat_min + lat_max) / 2.0;
            lat2 = lat1;
        }
        // Avoid the numerically awkward near-Mercator cones: snap to Mercator.
        if (lat1 + lat2).abs() < 0.5 {
            let m = (lat2 - lat1).abs() / 2.0;
            lat1 = -m;
            lat2 = m;
        }
        Lcc::new(
            (lon_min + lon_max) / 2.0,
            (lat_min + lat_max) / 2.0,
            lat1,
            lat2,
        )
    }

    /// The cone constant `n` (0 for Mercator).
    pub fn cone_constant(&self) -> f64 {
        self.n
    }

    /// Forward transform: degrees to projected kilometres.
    pub fn fwd(&self, lon: f64, lat: f64) -> (f64, f64) {
        let lat = lat.clamp(-89.9, 89.9).to_radians();
        let dl = wrap_pi((lon - self.lon0).to_radians());
        if self.n == 0.0 {
            let k = EARTH_RADIUS_KM * self.f;
            let y0 = t(self.lat0.to_radians()).ln();
            return (k * dl, k * (t(lat).ln() - y0));
        }
        let rho = EARTH_RADIUS_KM * self.f / t(lat).powf(self.n);
        let theta = self.n * dl;
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    /// Inverse transform: projected kilometres to degrees (lon, lat).
    pub fn inv(&self, x: f64, y: f64) -> (f64, f64) {
        if self.n == 0.0 {
            let k = EARTH_RADIUS_KM * self.f;
            let y0 = t(self.lat0.to_radians()).ln();
            let lat = 2.0 * (y / k + y0).exp().atan() - FRAC_PI_2;
            let lon = self.lon0 + (x / k).to_degrees();
            return (lon, lat.to_degrees());
        }
        let s = self.n.signum();
        let dy = self.rho0 - y;
        let rho = s * (x * x + dy * dy).sqrt();
        let theta = (s * x).atan2(s * dy);
        let lat = if rho == 0.0 {
            s * FRAC_PI_2
        } else {
            2.0 * (EARTH_RADIUS_KM * self.f / rho).powf(1.0 / self.n).atan() - FRAC_PI_2
        };
        let lon = self.lon0 + (theta / self.n).to_degrees();
        (lon, lat.to_degrees())
    }

    /// Point scale factor `k` at a latitude (1 on the standard parallels).
    pub fn scale_factor(&self, lat: f64) -> f64 {
        let p = lat.to_radians();
        if self.n == 0.0 {
            return self.f / p.cos();
        }
        self.f * self.n / (p.cos() * t(p).powf(self.n))
    }
}

impl Default for Lcc {
    fn default() -> Self {
        Lcc::europe_china()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// Deterministic pseudo-random numbers for property tests (no extra dependency).
    fn lcg(state: &mut u64) -> f64 {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*state >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn origin_maps_to_zero_and_north_is_up() {
        let p = Lcc::europe_china();
        let (x, y) = p.fwd(65.0, 40.0);
        assert!(close(x, 0.0, 1e-9) && close(y, 0.0, 1e-9));
        let (_, y_north) = p.fwd(65.0, 50.0);
        assert!(y_north > 0.0);
        let (x_east, _) = p.fwd(75.0, 40.0);
        assert!(x_east > 0.0);
    }

    #[test]
    fn scale_is_one_on_standard_parallels() {
        let p = Lcc::europe_china();
        assert!(close(p.scale_factor(35.0), 1.0, 1e-12));
        assert!(close(p.scale_factor(55.0), 1.0, 1e-12));
        assert!(p.scale_factor(45.0) < 1.0);
        // Over the corridor band 25..60°N the scale stays within a few per cent.
        for lat in [25.0, 30.0, 40.0, 50.0, 60.0] {
            let k = p.scale_factor(lat);
            assert!((0.95..1.07).contains(&k), "k({lat}) = {k}");
        }
    }

    #[test]
    fn distance_along_a_standard_parallel_is_true() {
        let p = Lcc::europe_china();
        // 1° of longitude on 35°N, measured on the map, equals the spherical arc length.
        let (x1, y1) = p.fwd(65.0, 35.0);
        let (x2, y2) = p.fwd(65.001, 35.0);
        let map = (x2 - x1).hypot(y2 - y1);
        let true_len = EARTH_RADIUS_KM * 35f64.to_radians().cos() * 0.001f64.to_radians();
        assert!(close(map / true_len, 1.0, 1e-6));
    }

    #[test]
    fn round_trip_property_many_projections() {
        let mut s = 42u64;
        let projections = [
            Lcc::europe_china(),
            Lcc::new(20.0, 0.0, -20.0, 40.0),
            Lcc::new(0.0, 0.0, -30.0, 30.0),      // Mercator limit
            Lcc::new(100.0, -20.0, -40.0, -10.0), // southern cone, n < 0
            Lcc::new(60.0, 45.0, 45.0, 45.0),     // tangent cone
            Lcc::fit(-30.0, 150.0, -45.0, 75.0),
        ];
        for p in projections {
            for _ in 0..2000 {
                let lon = p.lon0 - 90.0 + 180.0 * lcg(&mut s);
                let lat = -70.0 + 140.0 * lcg(&mut s);
                let (x, y) = p.fwd(lon, lat);
                assert!(x.is_finite() && y.is_finite());
                let (lon2, lat2) = p.inv(x, y);
                assert!(
                    close(lon, lon2, 1e-7) && close(lat, lat2, 1e-7),
                    "{p:?}: ({lon},{lat}) -> ({lon2},{lat2})"
                );
            }
        }
    }

    #[test]
    fn conformal_property_local_scale_is_isotropic() {
        // Conformality: the scale along the meridian equals the scale along the parallel.
        let mut s = 7u64;
        for p in [Lcc::europe_china(), Lcc::fit(-20.0, 125.0, -36.0, 56.0)] {
            for _ in 0..500 {
                let lon = p.lon0 - 60.0 + 120.0 * lcg(&mut s);
                let lat = -50.0 + 120.0 * lcg(&mut s);
                let d = 1e-4;
                let (x0, y0) = p.fwd(lon, lat);
                let (xe, ye) = p.fwd(lon + d, lat);
                let (xn, yn) = p.fwd(lon, lat + d);
                let h = (xn - x0).hypot(yn - y0) / d.to_radians();
                let k = (xe - x0).hypot(ye - y0) / (d.to_radians() * lat.to_radians().cos());
                assert!(close(h / k, 1.0, 1e-4), "h={h} k={k} at {lon},{lat}");
                // Meridian and parallel stay perpendicular.
                let dot = (xe - x0) * (xn - x0) + (ye - y0) * (yn - y0);
                assert!(dot.abs() / (h * k) < 1e-9 * 1e3);
                // And the analytic scale factor agrees with the numerical one.
                assert!(close(k / EARTH_RADIUS_KM, p.scale_factor(lat), 1e-4));
            }
        }
    }

    #[test]
    fn fitted_projection_copes_with_the_cape() {
        // A Suez + Cape map: Shanghai, Rotterdam and Cape Town in one box.
        let p = Lcc::fit(-20.0, 125.0, -36.0, 56.0);
        assert!(p.cone_constant() > 0.0 && p.cone_constant() < 0.3);
        for lat in [-36.0, -20.0, 0.0, 20.0, 40.0, 56.0] {
            let k = p.scale_factor(lat);
            assert!((0.8..1.45).contains(&k), "k({lat}) = {k}");
        }
        // The fixed Europe–China cone would inflate the Cape badly: that is why we fit.
        assert!(Lcc::europe_china().scale_factor(-34.0) > 2.0);
        // A box symmetric about the equator gives Mercator.
        assert_eq!(Lcc::fit(0.0, 10.0, -30.0, 30.0).cone_constant(), 0.0);
    }
}
