//! The outside tools the report's layout tests use, found or skipped: headless Chromium (screen
//! layout and printing to PDF) and poppler's `pdftotext -bbox-layout` (the words of each printed
//! page with their boxes). `.ci/run` installs both and sets `CORRIDOR_REQUIRE_CHROMIUM=1`, which
//! turns a missing tool into a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::cmd::Cmd;

/// The browser to run, or `None` (after saying why) when the test may be skipped.
pub(super) fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok());
    if found.is_none() {
        assert!(
            std::env::var_os("CORRIDOR_REQUIRE_CHROMIUM").is_none(),
            "headless Chromium is required here"
        );
        eprintln!("chromium not installed: browser check skipped (CI runs it)");
    }
    found
}

/// Whether `pdftotext` runs; `false` (after saying why) when the test may be skipped.
pub(super) fn pdftotext() -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CORRIDOR_REQUIRE_CHROMIUM").is_none(),
            "pdftotext (poppler-utils) is required here"
        );
        eprintln!("pdftotext not installed: print check skipped (CI runs it)");
    }
    ok
}

/// Runs the browser headless with `args` and returns its standard output.
pub(super) fn run(browser: &str, args: &[String]) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .args(args)
        .output()
        .expect("the browser runs");
    assert!(
        out.status.success(),
        "{browser} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The default study's report with the default scenarios (2,000 samples), written once for the
/// tests that lay it out.
pub(crate) fn default_report() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-layout");
        Cmd::new()
            .args(["report", "--samples", "2000", "-o"])
            .arg(&dir)
            .run();
        dir
    })
}

/// The default report's files copied into `dest` (made): for tests that read a report beside
/// other figures without paying for a run of their own.
pub(crate) fn copy_default_report(dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for entry in std::fs::read_dir(default_report()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dest.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// One word of a printed page: its text and box (points, origin top left).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

/// A printed page: its size (points) and its lines, each a list of words.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Page {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<Vec<Word>>,
}

impl Page {
    /// Every word of the page.
    pub(super) fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().flatten()
    }

    /// Whether a word of the page is `text`.
    pub(super) fn has(&self, text: &str) -> bool {
        self.words().any(|w| w.text == text)
    }
}

/// The pages of a PDF, from `pdftotext -bbox-layout`.
pub(super) fn pdf_pages(pdf: &Path) -> Vec<Page> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    parse_bbox(&String::from_utf8_lossy(&out.stdout))
}

/// Parses `pdftotext -bbox-layout`'s XHTML: `<page width height>`, `<line>`, `<word xMin yMin
/// xMax yMax>text</word>`.
fn parse_bbox(xhtml: &str) -> Vec<Page> {
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages: Vec<Page> = Vec::new();
    let mut rest = xhtml;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let end = rest.find('>').expect("a closed tag");
        let tag = &rest[..=end];
        if tag.starts_with("<page ") {
            pages.push(Page {
                width: attr(tag, "width"),
                height: attr(tag, "height"),
                lines: Vec::new(),
            });
        } else if tag.starts_with("<line ") {
            pages.last_mut().expect("a page").lines.push(Vec::new());
        } else if tag.starts_with("<word ") {
            let close = rest.find("</word>").expect("a closed word");
            let text = unescape(&rest[end + 1..close]);
            let line = pages.last_mut().and_then(|p| p.lines.last_mut());
            line.expect("a line").push(Word {
                text,
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
            });
        }
        rest = &rest[end + 1..];
    }
    pages
}

/// Text of XML with its five named entities and numeric references resolved.
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let name = end.map(|e| &rest[1..e]);
        let ch = match name {
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some("amp") => Some('&'),
            Some(n) if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            Some(n) if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (ch, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_bbox_layout_parser_reads_pages_lines_and_words() {
    assert_eq!(unescape("a &amp;lt; &#x2026;&#8230; &x"), "a &lt; …… &x");
    let x = r#"<doc><page width="595.0" height="842.0"><flow><block><line xMin="1" yMin="2" xMax="3" yMax="4"><word xMin="1.5" yMin="2" xMax="3" yMax="4">Xi&apos;an</word><word xMin="5" yMin="2" xMax="9" yMax="4">&amp;</word></line></block></flow></page><page width="10" height="20"></page></doc>"#;
    let p = parse_bbox(x);
    assert_eq!(p.len(), 2);
    assert_eq!((p[0].width, p[0].height), (595.0, 842.0));
    assert_eq!(p[0].lines.len(), 1);
    let texts: Vec<&str> = p[0].words().map(|w| w.text.as_str()).collect();
    assert_eq!(texts, ["Xi'an", "&"]);
    assert_eq!(p[0].lines[0][0].x_min, 1.5);
    assert!(p[1].lines.is_empty() && p[0].has("&") && !p[1].has("&"));
}
