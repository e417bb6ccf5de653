//! What a map shows, in plain drawing inputs: the [`MapSpec`] with its nodes, links and routes,
//! the [`MapLoad`]s of a load map, and the [`Extent`] of the world in view.
//!
//! These types know nothing of a [`crate::Network`]: the figure policy
//! ([`crate::render::figures`]) builds them from one, so the renderer never sees the network.

use crate::network::{Mode, NodeKind, Status};
use crate::render::ink::RouteInk;

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
    /// An origin or destination of the map's routes: labelled first, in bold, always.
    pub endpoint: bool,
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
    /// Its family's colour and its variant (the same in every figure of a study); `None`: by
    /// position.
    pub ink: Option<RouteInk>,
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
    /// A label drawn beside it (a saturated element's name), placed like a place's.
    pub label: Option<String>,
}

/// The loads of a load map and what their widths mean, for the legend's width key.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadLayer {
    /// The loads, drawn widest first, saturated ones last.
    pub loads: Vec<MapLoad>,
    /// The quantity of the widest load (width 1), e.g. TEU a year.
    pub widest: f64,
    /// The quantity's unit in the key ("TEU a year").
    pub unit: String,
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
    /// Width of the SVG in pixels (≥ 400; [`FIGURE_WIDTH`](crate::render::style::FIGURE_WIDTH)
    /// suits an A4 page).
    pub width_px: u32,
    /// Whether to draw the legend (a regional panel under a study map has none of its own).
    pub legend: bool,
    /// The credit line under the map (tool and version, data year, scenario); the map adds its
    /// base map's source. Empty: the base map's source alone.
    pub credit: String,
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
}
