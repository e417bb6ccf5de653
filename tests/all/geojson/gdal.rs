//! GDAL on what the tool writes: every layer of one geometry type converts to GeoPackage (and the
//! flat view and the route layers to Shapefile) with `ogr2ogr` printing nothing on standard
//! error, and `ogrinfo` reports one geometry type per layer. GDAL's tools run when installed;
//! CI installs them and sets CORRIDOR_REQUIRE_GDAL=1, which makes their absence a failure.

use std::path::Path;
use std::process::Command;

use super::export;
use crate::support::cmd::Cmd;

/// Runs a GDAL tool; `None` when GDAL is not installed (and not required). Panics when it fails.
pub(super) fn gdal(tool: &str, args: &[&str], path: &Path) -> Option<std::process::Output> {
    match Command::new(tool).args(args).arg(path).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{tool} {args:?} {} failed: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            Some(out)
        }
        Err(_) if std::env::var_os("CORRIDOR_REQUIRE_GDAL").is_none() => {
            eprintln!("{tool} not installed: GDAL check skipped (CI runs it)");
            None
        }
        Err(e) => panic!("{tool} is required here: {e}"),
    }
}

/// `ogrinfo -ro -so -al FILE`: the layers' summary.
pub(super) fn summary(path: &Path) -> Option<String> {
    gdal("ogrinfo", &["-ro", "-so", "-al"], path).map(|o| String::from_utf8(o.stdout).unwrap())
}

/// Converts `src` with `ogr2ogr` to `driver` at `dst` (options before) and checks that GDAL said
/// nothing on standard error; `false` when GDAL is not installed.
fn converts_quietly(driver: &str, options: &[&str], dst: &Path, src: &Path) -> bool {
    let dst = dst.to_str().unwrap();
    let mut args = vec!["-f", driver];
    args.extend_from_slice(options);
    args.push(dst);
    let Some(out) = gdal("ogr2ogr", &args, src) else {
        return false;
    };
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.trim().is_empty(),
        "ogr2ogr -f {driver} {} warned:\n{err}",
        src.display()
    );
    true
}

/// The one geometry type `ogrinfo` reports for the layer of a converted file, e.g. `Point`.
fn geometry(path: &Path) -> String {
    let info = summary(path).unwrap();
    let kinds: Vec<&str> = info
        .lines()
        .filter_map(|l| l.strip_prefix("Geometry: "))
        .collect();
    assert_eq!(kinds.len(), 1, "one layer: {info}");
    kinds[0].to_string()
}

/// Shapefile takes UTF-8 names only when told (its default, ISO-8859-1, has no `ł` or `ğ`).
const SHAPEFILE: [&str; 2] = ["-lco", "ENCODING=UTF-8"];

#[test]
fn the_layers_convert_to_geopackage_without_a_warning_one_geometry_type_each() {
    let dir = tempfile::tempdir().unwrap();
    let layers = export(dir.path(), "layers", &["--layers"]);
    for (layer, kind) in [("nodes", "Point"), ("links", "Line String")] {
        let src = layers.join(format!("{layer}.geojson"));
        let gpkg = dir.path().join(format!("{layer}.gpkg"));
        if !converts_quietly("GPKG", &[], &gpkg, &src) {
            return;
        }
        assert_eq!(geometry(&gpkg), kind);
        assert_eq!(geometry(&src), kind);
    }
    // The one file holds both types: GDAL sees one layer of either.
    let file = export(dir.path(), "net.geojson", &[]);
    let info = summary(&file).unwrap();
    assert!(info.contains("Geometry: Unknown (any)"), "{info}");
    assert!(info.contains("wait_hours: Real"), "{info}");
}

#[test]
fn the_flat_view_converts_to_shapefile_and_geopackage_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let flat = export(dir.path(), "flat", &["--flat"]);
    for (layer, kind, field) in [
        ("nodes", "Point", "transfers: String"),
        ("links", "Line String", "from_name: String"),
    ] {
        let src = flat.join(format!("{layer}.geojson"));
        let shp = dir.path().join(format!("{layer}-shp"));
        if !converts_quietly("ESRI Shapefile", &SHAPEFILE, &shp, &src) {
            return;
        }
        assert_eq!(geometry(&shp), kind);
        let info = summary(&shp).unwrap();
        assert!(info.contains(field), "{info}");
        let gpkg = dir.path().join(format!("{layer}.gpkg"));
        assert!(converts_quietly("GPKG", &[], &gpkg, &src));
    }
}

#[test]
fn the_route_layers_convert_to_shapefile_and_geopackage_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for (format, kind) in [("geojson", "Line String"), ("geojson-steps", "Point")] {
        let out = Cmd::route()
            .args(["--avoid", "RU,BY", "--by", "time,cost", "--format", format])
            .run();
        let src = dir.path().join(format!("{format}.geojson"));
        std::fs::write(&src, &out.stdout).unwrap();
        let shp = dir.path().join(format!("{format}-shp"));
        if !converts_quietly("ESRI Shapefile", &SHAPEFILE, &shp, &src) {
            return;
        }
        assert_eq!(geometry(&shp), kind);
        let gpkg = dir.path().join(format!("{format}.gpkg"));
        assert!(converts_quietly("GPKG", &[], &gpkg, &src));
        assert_eq!(geometry(&gpkg), kind);
        let info = summary(&gpkg).unwrap();
        let n = out.json()["features"].as_array().unwrap().len();
        assert!(info.contains(&format!("Feature Count: {n}")), "{info}");
        assert!(info.contains("co2_kg: Real"), "{info}");
    }
}
