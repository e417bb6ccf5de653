//! The embedded base map: Natural Earth 1:50m countries, clipped to the Old World.
//!
//! This file owns the [`Country`] type, parsing of the embedded asset ([`countries`]), and the
//! land/sea test [`is_on_land`] with [`polyline_land_fraction`]. The map draws the countries;
//! the land test is not used by the router or any command: the shipped-data tests use it to
//! check that the sea links keep off land.
//!
//! The asset is `assets/countries.json`, produced by `tools/basemap/make_basemap.py` from
//! world-atlas 2.0.2 (Natural Earth v4.1.0, public domain; see `assets/NOTICE.md`). It covers
//! lon −30…150°, lat −45…75°. It is embedded with `include_str!`, relative to this file
//! (`../../assets/countries.json`).
//!
//! A country is the even-odd union of its rings; enclaves (Lesotho in South Africa) are both a
//! ring of the enclosing country and a country of their own. Seas that are no country's area,
//! such as the Caspian and the Black Sea, are therefore water.

use std::fmt;

use serde::Deserialize;

use crate::render::geom::{distance_km, interpolate, ring_crossings_odd};

/// Extent of the base-map asset, degrees: lon min, lon max, lat min, lat max (see
/// `tools/basemap/make_basemap.py`, which clipped the data to it).
pub const ASSET_EXTENT: [f64; 4] = [-30.0, 150.0, -45.0, 75.0];

/// The embedded asset (about 310 KB of JSON).
const COUNTRIES_JSON: &str = include_str!("../../assets/countries.json");

/// Samples closer than this to either end of a polyline are ignored by
/// [`polyline_land_fraction`]: ports lie on the coast, some up estuaries the 1:50m
/// coastline closes (Hamburg, Antwerp).
pub const END_TOLERANCE_KM: f64 = 60.0;

/// One country of the base map.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 numeric code as a string ("643"); empty for the few Natural Earth features
    /// without one (Kosovo, N. Cyprus, Somaliland, Siachen Glacier, Indian Ocean Ter.).
    pub id: String,
    /// Natural Earth short name ("Turkey", "Kazakhstan").
    pub name: String,
    /// Closed rings of (lon, lat) degrees; the country is their even-odd union.
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// The base-map asset could not be read.
#[derive(Debug)]
pub enum BasemapError {
    /// The JSON did not parse.
    Json(serde_json::Error),
    /// A ring of a country has fewer than four points or is not closed.
    BadRing {
        /// The country's name.
        country: String,
        /// Index of the ring within the country.
        ring: usize,
    },
}

impl fmt::Display for BasemapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BasemapError::Json(e) => write!(f, "base map asset: invalid JSON: {e}"),
            BasemapError::BadRing { country, ring } => {
                write!(
                    f,
                    "base map asset: {country}: ring {ring} is not a closed ring"
                )
            }
        }
    }
}

impl std::error::Error for BasemapError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BasemapError::Json(e) => Some(e),
            BasemapError::BadRing { .. } => None,
        }
    }
}

#[derive(Deserialize)]
struct RawCountry {
    id: String,
    name: String,
    rings: Vec<Vec<[f64; 2]>>,
}

/// Parses the embedded base map (≈ 10 ms in release). Callers that need it often should
/// keep the result.
pub fn countries() -> Result<Vec<Country>, BasemapError> {
    parse_countries(COUNTRIES_JSON)
}

/// Parses a base map in the asset's format (see the module docs).
pub fn parse_countries(json: &str) -> Result<Vec<Country>, BasemapError> {
    let raw: Vec<RawCountry> = serde_json::from_str(json).map_err(BasemapError::Json)?;
    raw.into_iter()
        .map(|c| {
            let rings: Vec<Vec<(f64, f64)>> = c
                .rings
                .into_iter()
                .map(|r| r.into_iter().map(|[x, y]| (x, y)).collect())
                .collect();
            if let Some(i) = rings
                .iter()
                .position(|r| r.len() < 4 || r.first() != r.last())
            {
                return Err(BasemapError::BadRing {
                    country: c.name,
                    ring: i,
                });
            }
            Ok(Country {
                id: c.id,
                name: c.name,
                rings,
            })
        })
        .collect()
}

/// Whether one country contains the point (even-odd over its rings).
pub fn country_contains(country: &Country, lon: f64, lat: f64) -> bool {
    country
        .rings
        .iter()
        .filter(|r| ring_crossings_odd(r, (lon, lat)))
        .count()
        % 2
        == 1
}

/// Whether a lon/lat point lies in any country. Points outside the asset's extent
/// (lon −30…150, lat −45…75) are reported as water.
pub fn is_on_land(countries: &[Country], lon: f64, lat: f64) -> bool {
    countries.iter().any(|c| country_contains(c, lon, lat))
}

/// A ring with its country index and bounding box `[lon_min, lon_max, lat_min, lat_max]`.
type IndexedRing<'a> = (usize, &'a [(f64, f64)], [f64; 4]);

/// Rings with bounding boxes, for many point queries against the same base map.
struct RingIndex<'a> {
    rings: Vec<IndexedRing<'a>>,
    ncountries: usize,
}

impl<'a> RingIndex<'a> {
    fn new(countries: &'a [Country]) -> Self {
        let mut rings = Vec::new();
        for (ci, c) in countries.iter().enumerate() {
            for r in &c.rings {
                let mut b = [
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                ];
                for &(x, y) in r {
                    b = [b[0].min(x), b[1].max(x), b[2].min(y), b[3].max(y)];
                }
                rings.push((ci, r.as_slice(), b));
            }
        }
        RingIndex {
            rings,
            ncountries: countries.len(),
        }
    }

    fn on_land(&self, (lon, lat): (f64, f64), parity: &mut Vec<bool>) -> bool {
        parity.clear();
        parity.resize(self.ncountries, false);
        for &(ci, ring, b) in &self.rings {
            if lon < b[0] || lon > b[1] || lat < b[2] || lat > b[3] {
                continue;
            }
            if ring_crossings_odd(ring, (lon, lat)) {
                parity[ci] = !parity[ci];
            }
        }
        parity.iter().any(|&p| p)
    }
}

/// Fraction (0..=1) of points sampled every `step_km` along a lon/lat polyline (great-circle
/// legs) that lie on land, ignoring samples within [`END_TOLERANCE_KM`] of either end.
///
/// A sea route should give ≈ 0 (a few per cent where it passes canals, straits or estuaries
/// the 1:50m coastline closes, e.g. Suez). Returns 0 when no sample remains.
pub fn polyline_land_fraction(countries: &[Country], points: &[(f64, f64)], step_km: f64) -> f64 {
    polyline_land_fraction_with_tolerance(countries, points, step_km, END_TOLERANCE_KM)
}

/// [`polyline_land_fraction`] with an explicit end tolerance in km.
pub fn polyline_land_fraction_with_tolerance(
    countries: &[Country],
    points: &[(f64, f64)],
    step_km: f64,
    end_tolerance_km: f64,
) -> f64 {
    if points.len() < 2 {
        return 0.0;
    }
    let step = step_km.max(0.1);
    let legs: Vec<f64> = points.windows(2).map(|w| distance_km(w[0], w[1])).collect();
    let total: f64 = legs.iter().sum();
    let index = RingIndex::new(countries);
    let mut parity = Vec::new();
    let (mut on, mut all) = (0usize, 0usize);
    let mut leg_start = 0.0;
    for (i, &len) in legs.iter().enumerate() {
        // Sample positions s = k·step along the whole polyline that fall in this leg.
        let mut k = (leg_start / step).ceil() as usize;
        loop {
            let s = k as f64 * step;
            if s > leg_start + len || s > total {
                break;
            }
            if s >= end_tolerance_km && s <= total - end_tolerance_km {
                let f = if len > 0.0 {
                    (s - leg_start) / len
                } else {
                    0.0
                };
                let p = interpolate(points[i], points[i + 1], f);
                all += 1;
                if index.on_land(p, &mut parity) {
                    on += 1;
                }
            }
            k += 1;
        }
        leg_start += len;
    }
    if all == 0 {
        0.0
    } else {
        on as f64 / all as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> Vec<Country> {
        countries().expect("embedded base map parses")
    }

    #[test]
    fn asset_parses_and_has_corridor_countries() {
        let c = map();
        assert!(c.len() > 150);
        for name in [
            "China",
            "Kazakhstan",
            "Turkey",
            "Germany",
            "Azerbaijan",
            "Georgia",
        ] {
            assert!(c.iter().any(|k| k.name == name), "{name} missing");
        }
        let kz = c.iter().find(|k| k.name == "Kazakhstan").unwrap();
        assert_eq!(kz.id, "398");
    }

    #[test]
    fn cities_and_islands_are_on_land() {
        let c = map();
        for (name, lon, lat) in [
            ("Ankara", 32.85, 39.93),
            ("Almaty", 76.95, 43.24),
            ("Paris", 2.35, 48.86),
            ("Xi'an", 108.94, 34.34),
            ("Baku", 49.87, 40.41),
            ("Sri Lanka", 80.7, 7.8),
            ("Cyprus", 33.0, 35.0),
            ("Sicily", 14.2, 37.5),
            ("Great Britain", -1.5, 52.5),
            ("Taiwan", 121.0, 23.7),
            ("Cape Town", 18.6, -33.95),
        ] {
            assert!(is_on_land(&c, lon, lat), "{name} should be land");
        }
    }

    #[test]
    fn seas_are_water() {
        let c = map();
        for (name, lon, lat) in [
            ("Caspian middle", 51.0, 41.5),
            ("Caspian north", 50.0, 45.0),
            ("Black Sea middle", 34.0, 43.0),
            ("Red Sea", 38.5, 20.0),
            ("Mediterranean", 18.0, 35.0),
            ("Arabian Sea", 65.0, 15.0),
            ("Bay of Biscay", -5.0, 45.5),
            ("South China Sea", 114.0, 15.0),
            ("off the Cape", 18.0, -38.0),
        ] {
            assert!(!is_on_land(&c, lon, lat), "{name} should be water");
        }
    }

    #[test]
    fn land_fraction_of_sea_and_land_lines() {
        let c = map();
        // Across the Caspian, Turkmenbashi → Baku: sea.
        let sea = [(52.97, 40.02), (51.5, 40.3), (49.87, 40.41)];
        assert!(polyline_land_fraction(&c, &sea, 10.0) < 0.05);
        // Almaty → Tashkent: land.
        let land = [(76.95, 43.24), (69.24, 41.3)];
        assert!(polyline_land_fraction(&c, &land, 10.0) > 0.95);
        // Arabian Sea leg, Colombo → Salalah-ish.
        let ocean = [(79.85, 6.93), (60.0, 12.0), (54.0, 16.9)];
        assert!(polyline_land_fraction(&c, &ocean, 25.0) < 0.02);
        assert_eq!(polyline_land_fraction(&c, &[(0.0, 0.0)], 10.0), 0.0);
    }
}
