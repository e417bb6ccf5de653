//! Text-size estimation and greedy, overlap-free label placement.
//!
//! This file owns [`text_size`] (plotters' naive font estimate, converted to the pixel size that
//! actually appears in the SVG, plus a safety margin), [`shorten`] (cuts a text with "…"; the
//! figures never use it: they wrap, [`crate::render::caption::wrap`]), the eight candidate
//! [`Position`]s of a label around its anchor, and [`place_labels`], which puts each label at the
//! first of those positions that stays inside the bounds and clear of already placed labels and
//! of obstacles (node markers, the legend). A label that fits nowhere is skipped. The placement
//! is pure and deterministic, so it is tested on its own; the charts' jump labels use the same
//! positions with a search of their own.

use plotters::style::IntoFont;

use crate::render::geom::Rect;

/// Plotters' SVG backend writes `font-size = requested / 1.24`; request `px * FONT_SCALE` to get
/// `px` in the SVG.
pub const FONT_SCALE: f64 = 1.24;

/// Relative widening of plotters' estimate: its naive layout assumes 0.565 em per character,
/// real sans-serif capitals and digits are wider.
const WIDTH_MARGIN: f64 = 1.08;

/// Shortens `text` with "…" until it fits in `max_w` pixels at `px`.
pub fn shorten(text: &str, px: f64, max_w: f64) -> String {
    if text_size(text, px).0 <= max_w {
        return text.to_string();
    }
    // The longest prefix that fits, by bisection: a prefix is never wider than a longer one, so
    // this takes O(n log n) work where trying every length took O(n²).
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let mid = (fits + too_long) / 2;
        if text_size(&cut(mid), px).0 <= max_w {
            fits = mid;
        } else {
            too_long = mid;
        }
    }
    if fits == 0 {
        "…".to_string()
    } else {
        cut(fits)
    }
}

/// Estimated (width, height) in pixels of `text` drawn at an SVG font size of `font_px`,
/// with a safety margin. Falls back to a plain formula if plotters cannot estimate.
///
/// Plotters counts bytes, so non-ASCII characters (é, —, →) are first replaced by one wide ASCII
/// character ("M") each.
pub fn text_size(text: &str, font_px: f64) -> (f64, f64) {
    let font = ("sans-serif", font_px * FONT_SCALE).into_font();
    let ascii: String = text
        .chars()
        .map(|c| if c.is_ascii() { c } else { 'M' })
        .collect();
    let (w, h) = font
        .box_size(&ascii)
        .map(|(w, h)| (w as f64, h as f64))
        .unwrap_or((font_px * 0.6 * text.chars().count() as f64, font_px));
    (w * WIDTH_MARGIN + 2.0, h.max(font_px) + 2.0)
}

/// One label to place.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    /// The anchor (node position), pixels.
    pub anchor: (f64, f64),
    /// Box size (width, height), pixels, as from [`text_size`].
    pub size: (f64, f64),
    /// Gap between anchor and box (marker radius plus a little), pixels.
    pub gap: f64,
}

/// The eight candidate positions, in order of cartographic preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Right of the anchor, vertically centred.
    East,
    /// Above right.
    NorthEast,
    /// Below right.
    SouthEast,
    /// Left, vertically centred.
    West,
    /// Above left.
    NorthWest,
    /// Below left.
    SouthWest,
    /// Above, centred.
    North,
    /// Below, centred.
    South,
}

impl Position {
    /// All candidates in the order they are tried.
    pub const ALL: [Position; 8] = [
        Position::East,
        Position::NorthEast,
        Position::SouthEast,
        Position::West,
        Position::NorthWest,
        Position::SouthWest,
        Position::North,
        Position::South,
    ];

    /// The label box for this position.
    pub fn rect(self, req: &LabelRequest) -> Rect {
        let (ax, ay) = req.anchor;
        let (w, h) = req.size;
        let g = req.gap;
        let d = g * std::f64::consts::FRAC_1_SQRT_2;
        let (x, y) = match self {
            Position::East => (ax + g, ay - h / 2.0),
            Position::NorthEast => (ax + d, ay - d - h),
            Position::SouthEast => (ax + d, ay + d),
            Position::West => (ax - g - w, ay - h / 2.0),
            Position::NorthWest => (ax - d - w, ay - d - h),
            Position::SouthWest => (ax - d - w, ay + d),
            Position::North => (ax - w / 2.0, ay - g - h),
            Position::South => (ax - w / 2.0, ay + g),
        };
        Rect::from_xywh(x, y, w, h)
    }
}

/// Places labels greedily in the given order (put the important ones first).
///
/// Returns, for each request, the chosen box or `None` when none of the eight candidates lies
/// inside `bounds` without overlapping an earlier label or any of `obstacles`. Returned boxes
/// never overlap each other.
pub fn place_labels(
    requests: &[LabelRequest],
    bounds: Rect,
    obstacles: &[Rect],
) -> Vec<Option<Rect>> {
    let mut placed: Vec<Rect> = Vec::new();
    requests
        .iter()
        .map(|req| {
            let found = Position::ALL.iter().map(|p| p.rect(req)).find(|r| {
                bounds.contains_rect(r)
                    && !placed.iter().any(|o| o.overlaps(r))
                    && !obstacles.iter().any(|o| o.overlaps(r))
            });
            if let Some(r) = found {
                placed.push(r);
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(x: f64, y: f64, text: &str) -> LabelRequest {
        LabelRequest {
            anchor: (x, y),
            size: text_size(text, 14.0),
            gap: 6.0,
        }
    }

    #[test]
    fn text_size_grows_with_length_and_font() {
        let (w1, h1) = text_size("Baku", 14.0);
        let (w2, _) = text_size("Baku Alat port", 14.0);
        let (w3, h3) = text_size("Baku", 28.0);
        assert!(w2 > w1 && w3 > w1 && h3 > h1);
        assert!(h1 >= 14.0);
        // Roughly 0.6 em per character or more.
        assert!(w1 >= 4.0 * 14.0 * 0.6);
    }

    #[test]
    fn placed_labels_do_not_overlap_and_stay_inside() {
        let bounds = Rect::from_xywh(0.0, 0.0, 400.0, 300.0);
        // A tight cluster of nodes, some near the edges.
        let mut reqs = Vec::new();
        let names = [
            "Khorgos",
            "Altynkol",
            "Almaty",
            "Urumqi",
            "Dostyk",
            "Alashankou",
        ];
        for (i, n) in names.iter().enumerate() {
            reqs.push(req(150.0 + 8.0 * i as f64, 120.0 + 6.0 * i as f64, n));
        }
        reqs.push(req(2.0, 2.0, "Corner"));
        reqs.push(req(398.0, 298.0, "Other corner"));
        let obstacle = Rect::from_xywh(0.0, 200.0, 120.0, 100.0);
        let out = place_labels(&reqs, bounds, &[obstacle]);
        assert_eq!(out.len(), reqs.len());
        let boxes: Vec<Rect> = out.iter().flatten().copied().collect();
        assert!(boxes.len() >= 5, "most labels should fit: {out:?}");
        for (i, a) in boxes.iter().enumerate() {
            assert!(bounds.contains_rect(a));
            assert!(!a.overlaps(&obstacle));
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
        // The first label gets its preferred (east) position.
        assert_eq!(out[0], Some(Position::East.rect(&reqs[0])));
        // Corner labels are pushed inwards.
        let corner = out[6].expect("corner label placed");
        assert!(corner.x0 >= 0.0 && corner.y0 >= 0.0);
    }

    #[test]
    fn label_that_cannot_fit_is_skipped() {
        let bounds = Rect::from_xywh(0.0, 0.0, 50.0, 20.0);
        let out = place_labels(&[req(25.0, 10.0, "A very long station name")], bounds, &[]);
        assert_eq!(out, vec![None]);
    }
}

#[cfg(test)]
mod shorten_tests {
    use super::*;

    #[test]
    fn shorten_finds_the_longest_prefix_that_fits() {
        for text in [
            "Port of Baku (Alat)",
            "Tsiteli Khidi (Red Bridge)",
            "Małaszewicze",
        ] {
            for max_w in [20.0, 60.0, 90.0, 140.0] {
                let got = shorten(text, 14.0, max_w);
                // Linear reference: the longest prefix whose shortened form fits.
                let chars: Vec<char> = text.chars().collect();
                let want = if text_size(text, 14.0).0 <= max_w {
                    text.to_string()
                } else {
                    (1..chars.len())
                        .rev()
                        .map(|n| chars[..n].iter().collect::<String>().trim_end().to_string() + "…")
                        .find(|t| text_size(t, 14.0).0 <= max_w)
                        .unwrap_or_else(|| "…".into())
                };
                assert_eq!(got, want, "{text} in {max_w}");
            }
        }
    }

    #[test]
    fn a_very_long_name_is_shortened_quickly() {
        let long = "N".repeat(40_000);
        let t = std::time::Instant::now();
        let s = shorten(&long, 14.0, 200.0);
        assert!(text_size(&s, 14.0).0 <= 200.0);
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
    }

    #[test]
    fn fit_text_shortens() {
        let long = "A very long scenario name that will not fit in the column";
        let t = shorten(long, 14.0, 120.0);
        assert!(t.ends_with('…') && text_size(&t, 14.0).0 <= 120.0);
        assert_eq!(shorten("short", 14.0, 120.0), "short");
    }
}
