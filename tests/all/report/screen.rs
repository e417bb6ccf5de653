//! The report on a screen, laid out by headless Chromium at a desktop's 1280 px and a phone's
//! 390 px: nothing wider than the screen (tables scroll in their own container, figures scale),
//! and the summary short enough that the first figure comes within a few screens.
//!
//! The page is measured inside an iframe of exactly the screen's size (a headless window has a
//! minimum width above a phone's): a copy of the page with a small script injected at its end
//! measures the layout and writes the measures into the outer page, which the browser dumps.

use super::tools::{chromium, default_report, run, unescape};

/// The script injected into the copy: the measures as JSON, into the outer page's `#measure`.
const MEASURE: &str = r#"<script>
(function () {
  var de = document.documentElement, w = de.clientWidth, h = window.innerHeight;
  var rect = function (e) { return e.getBoundingClientRect(); };
  var fig = document.querySelector('figure');
  var m = {
    width: w, height: h, scrollWidth: de.scrollWidth,
    firstFigureTop: fig ? rect(fig).top + window.scrollY : -1,
    wraps: [].map.call(document.querySelectorAll('.table-wrap'), function (e) {
      return { left: rect(e).left, right: rect(e).right, client: e.clientWidth, scroll: e.scrollWidth,
               summary: !!e.querySelector('table.summary') };
    }),
    svgs: [].map.call(document.querySelectorAll('figure > svg'), function (e) {
      return { left: rect(e).left, right: rect(e).right, height: rect(e).height };
    }),
    outside: [].filter.call(document.querySelectorAll('body *'), function (e) {
      var r = rect(e);
      return r.width > 0 && !e.closest('.table-wrap') && (r.right > w + 0.5 || r.left < -0.5);
    }).slice(0, 10).map(function (e) { return e.tagName + '.' + e.className; })
  };
  var out = parent.document.createElement('pre');
  out.id = 'measure';
  out.textContent = JSON.stringify(m);
  parent.document.body.appendChild(out);
})();
</script>"#;

/// The report's layout at a `width`×`height` screen (CSS pixels).
fn measure(browser: &str, width: u32, height: u32) -> serde_json::Value {
    let dir = default_report();
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let copy = html.replace("</body>", &format!("{MEASURE}</body>"));
    assert_ne!(copy, html, "the page has a body to measure");
    let srcdoc = copy.replace('&', "&amp;").replace('"', "&quot;");
    let outer = dir.join(format!("screen-{width}.html"));
    std::fs::write(
        &outer,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe style=\"border:0;display:block\" width=\"{width}\" height=\"{height}\" srcdoc=\"{srcdoc}\"></iframe></body></html>"
        ),
    )
    .unwrap();
    let dom = run(
        browser,
        &[
            format!("--window-size={},{}", width + 40, height + 40),
            "--dump-dom".into(),
            format!("file://{}", outer.display()),
        ],
    );
    let at = dom.find("<pre id=\"measure\">").expect("the script ran") + 18;
    let json = &dom[at..at + dom[at..].find("</pre>").unwrap()];
    serde_json::from_str(&unescape(json)).expect("the measures as JSON")
}

/// What every screen must show: the page no wider than the screen, every table container and
/// figure within it, nothing else outside it, the first figure within `screens` screens.
fn check(m: &serde_json::Value, width: f64, screens: f64) {
    let f = |v: &serde_json::Value| v.as_f64().unwrap();
    assert_eq!(f(&m["width"]), width, "{m}");
    assert!(
        f(&m["scrollWidth"]) <= width,
        "the page scrolls sideways: {m}"
    );
    assert!(
        m["outside"].as_array().unwrap().is_empty(),
        "elements outside the screen: {m}"
    );
    let wraps = m["wraps"].as_array().unwrap();
    assert!(wraps.len() >= 4, "every table in its container: {m}");
    for w in wraps {
        assert!(
            f(&w["left"]) >= 0.0 && f(&w["right"]) <= width,
            "a table container wider than the screen: {w}"
        );
    }
    let svgs = m["svgs"].as_array().unwrap();
    assert_eq!(svgs.len(), 5, "{m}");
    for s in svgs {
        assert!(
            f(&s["left"]) >= 0.0 && f(&s["right"]) <= width && f(&s["height"]) > 100.0,
            "a figure not scaled to the screen: {s}"
        );
    }
    let top = f(&m["firstFigureTop"]);
    assert!(
        top > 0.0 && top <= screens * f(&m["height"]),
        "the first figure is {:.1} screens down (at most {screens}): {m}",
        top / f(&m["height"])
    );
}

#[test]
fn on_a_desktop_screen_the_first_figure_comes_within_two_screens() {
    let Some(browser) = chromium() else { return };
    let m = measure(browser, 1280, 800);
    check(&m, 1280.0, 2.0);
    // Wide enough for every table: none scrolls.
    for w in m["wraps"].as_array().unwrap() {
        assert!(w["scroll"].as_f64() <= w["client"].as_f64(), "{w}");
    }
}

#[test]
fn on_a_phone_nothing_is_wider_than_the_screen_and_the_summary_table_fits() {
    let Some(browser) = chromium() else { return };
    let m = measure(browser, 390, 844);
    check(&m, 390.0, 4.0);
    // The summary's table fits the phone; the long tables scroll in their containers.
    let wraps = m["wraps"].as_array().unwrap();
    let summary = wraps.iter().find(|w| w["summary"] == true).expect("{m}");
    assert!(
        summary["scroll"].as_f64() <= summary["client"].as_f64(),
        "{summary}"
    );
    assert!(
        wraps
            .iter()
            .any(|w| w["scroll"].as_f64() > w["client"].as_f64()),
        "the comparison's table is wider than a phone, so its container scrolls: {m}"
    );
}
