//! The report printed: headless Chromium prints `index.html` to PDF (A4, no header or footer)
//! and `pdftotext -bbox-layout` gives every printed word with its box.
//!
//! What is checked: every page is A4 and no word reaches past its edge; no figure spans a page
//! break (its top and its bottom on one page, with its numbered caption and its first and last
//! SVG text); a figure that takes a page has it to itself; and a table printed over several
//! pages repeats its header row on each. Where a figure or a table starts and ends is marked in
//! a copy of the page by invisible-to-layout words (absolutely positioned, so nothing moves),
//! and the copy is checked to print exactly the words of the page where the page has them.

use std::path::Path;

use super::tools::{chromium, default_report, pdf_pages, pdftotext, run, unescape, Page};

/// The style of the marks: absolutely positioned in their figure or table container, which is
/// made their containing block (`position: relative` without offsets moves nothing).
const MARK_STYLE: &str = "<style>figure, .table-wrap { position: relative; } .mark { position: absolute; left: 0; top: 0; font: 4px/1 sans-serif; white-space: nowrap; } .mark.end { top: auto; bottom: 0; }</style>";

/// Prints `page` (a file in `dir`) to `pdf`.
fn print(browser: &str, dir: &Path, page: &str, pdf: &str) -> Vec<Page> {
    let out = dir.join(pdf);
    run(
        browser,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", out.display()),
            format!("file://{}", dir.join(page).display()),
        ],
    );
    pdf_pages(&out)
}

/// `html` with a mark word at the top and the bottom of every figure (`FIGTOP-1`, `FIGEND-1`)
/// and every table container (`TABTOP-1`, `TABEND-1`).
fn marked(html: &str) -> String {
    let mut out = String::new();
    let (mut figures, mut tables) = (0, 0);
    let mut rest = html;
    loop {
        let next = [
            rest.find("<figure"),
            rest.find("</figure>"),
            rest.find("<div class=\"table-wrap\""),
            rest.find("</table>\n</div>"),
        ];
        let Some((kind, at)) = next
            .iter()
            .enumerate()
            .filter_map(|(k, a)| a.map(|a| (k, a)))
            .min_by_key(|&(_, a)| a)
        else {
            break;
        };
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let end_of_tag = after.find('>').unwrap() + 1;
        match kind {
            0 => {
                figures += 1;
                out.push_str(&after[..end_of_tag]);
                out.push_str(&format!("<span class=\"mark\">FIGTOP-{figures}</span>"));
                rest = &after[end_of_tag..];
            }
            1 => {
                out.push_str(&format!(
                    "<span class=\"mark end\">FIGEND-{figures}</span></figure>"
                ));
                rest = &after["</figure>".len()..];
            }
            2 => {
                tables += 1;
                out.push_str(&after[..end_of_tag]);
                out.push_str(&format!("<span class=\"mark\">TABTOP-{tables}</span>"));
                rest = &after[end_of_tag..];
            }
            _ => {
                out.push_str(&format!(
                    "</table>\n<span class=\"mark end\">TABEND-{tables}</span></div>"
                ));
                rest = &after["</table>\n</div>".len()..];
            }
        }
    }
    out.push_str(rest);
    out.replace("</head>", &format!("{MARK_STYLE}</head>"))
}

/// The page (index) holding the word `w`; it must be on exactly one.
fn page_of(pages: &[Page], w: &str) -> usize {
    let on: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].has(w)).collect();
    assert_eq!(on.len(), 1, "{w} printed on pages {on:?}");
    on[0]
}

/// The words of a page as (text, box rounded to a point), sorted, the marks left out.
fn layout(p: &Page) -> Vec<(String, [i64; 4])> {
    let mut v: Vec<(String, [i64; 4])> = p
        .words()
        .filter(|w| !w.text.starts_with("FIG") && !w.text.starts_with("TAB"))
        .map(|w| {
            let r = |x: f64| x.round() as i64;
            (
                w.text.clone(),
                [r(w.x_min), r(w.y_min), r(w.x_max), r(w.y_max)],
            )
        })
        .collect();
    v.sort();
    v
}

/// The words of the first and the last `<text>` of the `n`-th inline SVG (1-based) of `html`.
fn svg_end_words(html: &str, n: usize) -> (Vec<String>, Vec<String>) {
    let fig = html.split("<figure").nth(n).expect("the figure");
    let svg = &fig[..fig.find("</figure>").unwrap()];
    let texts: Vec<String> = svg
        .split("<text")
        .skip(1)
        .map(|t| {
            let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            // Inner elements (a title wrapped in <tspan>s) leave their text.
            let mut plain = String::new();
            for piece in body.split('<') {
                plain.push_str(piece.split_once('>').map_or(piece, |(_, text)| text));
                plain.push(' ');
            }
            unescape(plain.trim())
        })
        .filter(|t| !t.is_empty())
        .collect();
    let words = |t: &String| t.split_whitespace().map(String::from).collect();
    (words(&texts[0]), words(texts.last().unwrap()))
}

/// The first two header cells' first words of every table in `html`, in order.
fn table_heads(html: &str) -> Vec<[String; 2]> {
    html.split("<thead><tr>")
        .skip(1)
        .map(|t| {
            let cell = |i: usize| {
                let c = t.split("<th").nth(i + 1).unwrap();
                let text = &c[c.find('>').unwrap() + 1..c.find("</th>").unwrap()];
                unescape(text.split_whitespace().next().unwrap())
            };
            [cell(0), cell(1)]
        })
        .collect()
}

#[test]
fn printed_no_figure_spans_a_page_break_and_nothing_passes_the_page_edge() {
    let Some(browser) = chromium() else { return };
    if !pdftotext() {
        return;
    }
    let dir = default_report();
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    std::fs::write(dir.join("marked.html"), marked(&html)).unwrap();
    let pages = print(browser, dir, "index.html", "report.pdf");
    let marks = print(browser, dir, "marked.html", "marked.pdf");
    assert!(pages.len() >= 5, "{} pages", pages.len());
    // A4, and every word within the page.
    for (i, p) in pages.iter().enumerate() {
        assert!(
            (p.width - 595.3).abs() < 1.0 && (p.height - 841.9).abs() < 1.0,
            "page {} is {}×{} pt, not A4",
            i + 1,
            p.width,
            p.height
        );
        for w in p.words() {
            assert!(
                w.x_min >= 0.0 && w.x_max <= p.width && w.y_max <= p.height,
                "page {}: {:?} passes the page's edge",
                i + 1,
                w
            );
        }
    }
    // The marks moved nothing: the copy prints the page's words where the page prints them.
    assert_eq!(marks.len(), pages.len());
    for (a, b) in pages.iter().zip(&marks) {
        assert_eq!(layout(a), layout(b), "the marks changed the layout");
    }
    let figures = html.matches("<figure id=").count();
    assert_eq!(figures, 5);
    for n in 1..=figures {
        let top = page_of(&marks, &format!("FIGTOP-{n}"));
        let end = page_of(&marks, &format!("FIGEND-{n}"));
        assert_eq!(
            top,
            end,
            "figure {n} spans pages {} to {}",
            top + 1,
            end + 1
        );
        let p = &pages[top];
        let label = format!("{n}.");
        assert!(
            p.lines.iter().any(|l| l
                .windows(2)
                .any(|w| w[0].text == "Figure" && w[1].text == label)),
            "figure {n}'s caption is not on its page"
        );
        let (first, last) = svg_end_words(&html, n);
        for w in first.iter().chain(&last) {
            assert!(
                p.has(w),
                "figure {n}: {w:?} of its SVG text not on its page"
            );
        }
    }
    // A figure that takes a page has it to itself.
    for (n, fig) in html.split("<figure").skip(1).enumerate() {
        if fig.starts_with(" id=\"figure-") && fig[..fig.find('>').unwrap()].contains("page") {
            let page = page_of(&marks, &format!("FIGTOP-{}", n + 1));
            let others = (1..=figures)
                .filter(|&m| m != n + 1 && marks[page].has(&format!("FIGTOP-{m}")))
                .count();
            assert_eq!(others, 0, "figure {} shares its page", n + 1);
        }
    }
    // Tables: the header row on every page a table spans.
    let heads = table_heads(&html);
    assert_eq!(
        heads.len(),
        html.matches("<div class=\"table-wrap\"").count()
    );
    let mut spanning = 0;
    for (k, head) in heads.iter().enumerate() {
        let top = page_of(&marks, &format!("TABTOP-{}", k + 1));
        let end = page_of(&marks, &format!("TABEND-{}", k + 1));
        spanning += usize::from(end > top);
        for (i, p) in pages.iter().enumerate().take(end + 1).skip(top) {
            // The two header cells side by side (pdftotext puts a table's columns in blocks of
            // their own, so a row is words at one height, not one line).
            let row = p.words().filter(|a| a.text == head[0]).any(|a| {
                p.words().any(|b| {
                    b.text == head[1] && (b.y_min - a.y_min).abs() < 1.5 && b.x_min > a.x_max
                })
            });
            assert!(
                row,
                "table {} ({head:?}): no header row on page {}",
                k + 1,
                i + 1
            );
        }
    }
    assert!(spanning >= 1, "the comparison's table spans pages");
}
