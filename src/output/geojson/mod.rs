//! GeoJSON out (RFC 7946: WGS84 longitude/latitude, FeatureCollections), for QGIS, GDAL,
//! geopandas or a web map. Every collection holds one geometry type, so that GIS tools see one
//! layer of Points or one of LineStrings, never "Unknown":
//!
//! - routes ([`routes`]: each route and each of its hauls as a LineString; [`route_steps`]: its
//!   waits, borders and transfers as Points), with place names beside the ids and field names of
//!   at most ten characters, so that they convert to GeoPackage and Shapefile as they are;
//! - the network, loadable again ([`network`]: one file whose `corridor` member carries the
//!   network-level tables; [`layers`]: `nodes.geojson`, `links.geojson` and `network.toml`);
//! - a flat view of the network for display and Shapefile ([`flat`]), not loadable.
//!
//! Keys are sorted and numbers written the same way every time, so the same input gives the same
//! bytes. Route coordinates follow each link's geometry in the direction travelled and are rounded
//! to 6 decimals (about 0.1 m); the network's are written as loaded, so that they load back the
//! same.

mod flat;
mod network;
mod routes;
mod tables;

use serde_json::{json, Map, Value};

pub use flat::flat;
pub use network::{layers, network};
pub use routes::{route_steps, routes};
pub use tables::network_toml;

/// The `schema` of the `corridor` member of a loadable network collection (see
/// `networks/README.md`): the version grows when a property or table is renamed or removed.
pub const NETWORK_SCHEMA: &str = "corridor.network/1";

/// The `schema` of the `corridor` member of a flat view ([`flat`]), which the loader refuses by
/// name.
pub const FLAT_SCHEMA: &str = "corridor.flat/1";

fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn position(p: (f64, f64)) -> Value {
    json!([round6(p.0), round6(p.1)])
}

fn feature(geometry: Value, properties: Map<String, Value>) -> Value {
    json!({"type": "Feature", "geometry": geometry, "properties": properties})
}

fn line_string(points: Vec<Value>) -> Value {
    json!({"type": "LineString", "coordinates": points})
}

/// A FeatureCollection with its features and, when given, the `corridor` member (a foreign
/// member, which GDAL keeps when it edits the file in place), pretty-printed with a final line
/// break. `type` comes first: GDAL recognises GeoJSON by the start of the file, which a large
/// member before it would push out of sight.
fn collection<M: serde::Serialize>(features: Vec<Value>, member: Option<M>) -> String {
    #[derive(serde::Serialize)]
    struct Collection<M> {
        r#type: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        corridor: Option<M>,
        features: Vec<Value>,
    }
    let doc = Collection {
        r#type: "FeatureCollection",
        corridor: member,
        features,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("GeoJSON serialises");
    s.push('\n');
    s
}

/// The longest text a Shapefile (dBASE) field holds, in bytes.
const DBF_TEXT_BYTES: usize = 254;

/// The properties of a layer meant for Shapefile as well, with every text longer than a dBASE
/// field holds cut at a character boundary and ended with `…` (no shipped name or label is that
/// long; a network's own can be).
fn fit_dbf(mut p: Map<String, Value>) -> Map<String, Value> {
    for v in p.values_mut() {
        if let Value::String(s) = v {
            if s.len() > DBF_TEXT_BYTES {
                let mut end = DBF_TEXT_BYTES - '…'.len_utf8();
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.truncate(end);
                s.push('…');
            }
        }
    }
    p
}

/// A list of tags, countries or services as one text, comma-separated (`"middle,btk"`): GIS
/// tools read a JSON list of strings as a list type that GeoPackage and Shapefile do not have.
fn comma_list<S: AsRef<str>>(items: &[S]) -> Value {
    json!(items
        .iter()
        .map(|s| s.as_ref())
        .collect::<Vec<_>>()
        .join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_too_long_for_a_shapefile_is_cut_at_a_character() {
        let mut p = Map::new();
        p.insert("name".into(), json!("ł".repeat(200)));
        p.insert("id".into(), json!("short"));
        let p = fit_dbf(p);
        let name = p["name"].as_str().unwrap();
        assert!(
            name.len() <= DBF_TEXT_BYTES && name.ends_with('…'),
            "{name}"
        );
        assert_eq!(name.chars().filter(|&c| c == 'ł').count(), 125);
        assert_eq!(p["id"], "short");
    }
}
