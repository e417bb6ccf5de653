//! Rasterising SVG with a real renderer (resvg) and inspecting the pixels, for the rendering
//! tests.

use resvg::tiny_skia::Pixmap;

/// The system's fonts, with DejaVu Sans for `sans-serif`, read once for every test.
fn fonts() -> std::sync::Arc<resvg::usvg::fontdb::Database> {
    static FONTS: std::sync::OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> =
        std::sync::OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.set_sans_serif_family("DejaVu Sans");
            std::sync::Arc::new(db)
        })
        .clone()
}

/// Rasterises SVG text with resvg (system fonts, DejaVu Sans for `sans-serif` when present);
/// panics if the SVG is not valid.
pub fn rasterise(svg: &str) -> Pixmap {
    let opt = resvg::usvg::Options {
        fontdb: fonts(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("valid SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height()).expect("pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
}

/// Opaque pixels within ±6 of an RGB colour.
pub fn count_colour(p: &Pixmap, c: (u8, u8, u8)) -> usize {
    p.pixels()
        .iter()
        .filter(|px| {
            let d = |a: u8, b: u8| (a as i32 - b as i32).abs() <= 6;
            px.alpha() == 255 && d(px.red(), c.0) && d(px.green(), c.1) && d(px.blue(), c.2)
        })
        .count()
}

/// Pixels clearly darker than white (a channel below 200): drawn ink.
pub fn non_white(p: &Pixmap) -> usize {
    p.pixels()
        .iter()
        .filter(|px| px.red() < 200 || px.green() < 200 || px.blue() < 200)
        .count()
}

/// Distinct colours among every 7th pixel: a cheap measure of "draws something".
pub fn distinct_colours(p: &Pixmap) -> usize {
    let mut colours: Vec<[u8; 4]> = p
        .pixels()
        .iter()
        .step_by(7)
        .map(|px| [px.red(), px.green(), px.blue(), px.alpha()])
        .collect();
    colours.sort();
    colours.dedup();
    colours.len()
}
