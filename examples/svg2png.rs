//! Rasterises SVG files to PNG with resvg, to preview figures: `cargo run --example svg2png --
//! a.svg [b.svg …]` writes `a.png` next to each. The same renderer the tests use to prove that
//! every figure draws.

fn main() {
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    opt.fontdb_mut().set_sans_serif_family("DejaVu Sans");
    for path in std::env::args().skip(1) {
        let svg = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let tree =
            resvg::usvg::Tree::from_str(&svg, &opt).unwrap_or_else(|e| panic!("{path}: {e}"));
        let size = tree.size().to_int_size();
        let mut pixmap =
            resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("pixmap");
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        let out = std::path::Path::new(&path).with_extension("png");
        pixmap
            .save_png(&out)
            .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        eprintln!("wrote {}", out.display());
    }
}
