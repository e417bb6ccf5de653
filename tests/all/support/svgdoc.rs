//! Reading a figure's SVG as a drawing: its documents (a map and its regional panel are two
//! documents in one file), the boxes its texts take (from the renderer's own text-width
//! estimate, anchor and rotation), its rectangles and polylines, and the legend box of a map.

use corridor::render::geom::Rect;
use corridor::render::labels::text_size;

use super::inspect::attr;

/// One SVG document: its size and its text.
pub struct Doc<'a> {
    pub width: f64,
    pub height: f64,
    pub body: &'a str,
}

/// The documents of an SVG file: the nested ones when it stacks several, else the whole.
pub fn documents(svg: &str) -> Vec<Doc<'_>> {
    let starts: Vec<usize> = svg.match_indices("<svg").map(|(i, _)| i).collect();
    let inner = if starts.len() > 1 {
        &starts[1..]
    } else {
        &starts[..]
    };
    inner
        .iter()
        .map(|&i| {
            let tag = &svg[i..i + svg[i..].find('>').unwrap()];
            let end = svg[i + 4..].find("</svg>").map_or(svg.len(), |j| i + 4 + j);
            let num = |k: &str| attr(tag, k).unwrap().parse::<f64>().unwrap();
            Doc {
                width: num("width"),
                height: num("height"),
                body: &svg[i..end],
            }
        })
        .collect()
}

/// A drawn text (halo copies left out).
#[derive(Debug, Clone)]
pub struct TextEl {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub px: f64,
    pub anchor: String,
    pub dy: String,
    pub rotated: bool,
    pub bold: bool,
}

impl TextEl {
    /// The box the text takes, by the renderer's estimate (bold 15 % wider).
    pub fn rect(&self) -> Rect {
        let (w, h) = text_size(&self.text, self.px);
        let w = if self.bold { w * 1.15 } else { w };
        let (along0, along1) = match self.anchor.as_str() {
            "middle" => (-w / 2.0, w / 2.0),
            "end" => (-w, 0.0),
            _ => (0.0, w),
        };
        let (across0, across1) = match self.dy.as_str() {
            "0.76em" => (0.0, h),
            "0.5ex" => (-h / 2.0, h / 2.0),
            _ => (-h, 0.0),
        };
        if self.rotated {
            // Rotated 270° about (x, y): the text runs upwards, its top to the left.
            Rect {
                x0: self.x + across0,
                y0: self.y - along1,
                x1: self.x + across1,
                y1: self.y - along0,
            }
        } else {
            Rect {
                x0: self.x + along0,
                y0: self.y + across0,
                x1: self.x + along1,
                y1: self.y + across1,
            }
        }
    }
}

/// Undoes the XML escapes plotters writes.
pub fn unescape(s: &str) -> String {
    s.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The texts of a document, in order.
pub fn texts(doc: &Doc) -> Vec<TextEl> {
    doc.body
        .split("<text ")
        .skip(1)
        .filter(|el| !el.contains("aria-hidden"))
        .filter_map(|el| {
            let tag = format!(" {}", &el[..el.find('>')?]);
            let content = &el[el.find('>')? + 1..el.find("</text>")?];
            let num = |k: &str| attr(&tag, k).and_then(|v| v.parse::<f64>().ok());
            Some(TextEl {
                text: unescape(content.trim()),
                x: num("x")?,
                y: num("y")?,
                px: num("font-size")?,
                anchor: attr(&tag, "text-anchor").unwrap_or_default(),
                dy: attr(&tag, "dy").unwrap_or_default(),
                rotated: tag.contains("rotate("),
                bold: tag.contains("font-weight=\"bold\""),
            })
        })
        .collect()
}

/// The rectangles of a document: box, fill and stroke (`none` when absent).
pub fn rects(doc: &Doc) -> Vec<(Rect, String, String)> {
    doc.body
        .split("<rect ")
        .skip(1)
        .filter_map(|el| {
            let tag = format!(" {}", &el[..el.find("/>")?]);
            let num = |k: &str| attr(&tag, k).and_then(|v| v.parse::<f64>().ok());
            let r = Rect::from_xywh(num("x")?, num("y")?, num("width")?, num("height")?);
            let fill = attr(&tag, "fill").unwrap_or_else(|| "none".into());
            let stroke = attr(&tag, "stroke").unwrap_or_else(|| "none".into());
            Some((r, fill, stroke))
        })
        .collect()
}

/// The legend box of a map document: the rectangle stroked in the legend's border colour.
pub fn legend_box(doc: &Doc) -> Option<Rect> {
    rects(doc)
        .into_iter()
        .find(|(_, _, stroke)| *stroke == "#999999")
        .map(|(r, _, _)| r)
}

/// Every `.svg` file under `dir` (not recursing), sorted.
pub fn svg_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    v.sort();
    v
}
