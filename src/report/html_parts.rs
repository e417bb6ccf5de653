//! Pieces of `index.html`: text escaped for HTML, tables in a container that scrolls sideways
//! on a narrow screen, and an SVG document made inline.

use std::fmt::Write as _;

/// Text escaped for HTML.
pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A table with a header row, in a container that scrolls sideways when the screen is narrower
/// than the table (and is named for a screen reader by `label`); numeric columns (`right`) get
/// the `num` class.
pub(super) fn table(label: &str, head: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let class = |i: usize| {
        if right.get(i).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        }
    };
    let mut s = format!(
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n<table>\n<thead><tr>",
        esc(label)
    );
    for (i, h) in head.iter().enumerate() {
        write!(s, "<th{}>{}</th>", class(i), esc(h)).unwrap();
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        s.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            write!(s, "<td{}>{}</td>", class(i), esc(c)).unwrap();
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
    s
}

/// An SVG document made inline: without its XML declaration.
pub(super) fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => svg[i..].trim_end(),
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::{esc, inline_svg, table};

    #[test]
    fn tables_scroll_in_a_named_container_and_svg_loses_its_declaration() {
        let t = table(
            "a & b",
            &["name", "km"],
            &[vec!["<x>".into(), "1,000".into()]],
            &[false, true],
        );
        assert!(t.starts_with("<div class=\"table-wrap\" role=\"region\" aria-label=\"a &amp; b\""));
        assert!(t.contains("<th class=\"num\">km</th>") && t.contains("<td>&lt;x&gt;</td>"));
        assert!(t.trim_end().ends_with("</table>\n</div>"));
        assert_eq!(inline_svg("<?xml version=\"1.0\"?>\n<svg/>\n"), "<svg/>");
        assert_eq!(esc("\"'"), "&quot;'");
    }
}
