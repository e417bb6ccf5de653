//! Reading the SVG the renderers write, as text: colours, attributes, polylines, legend swatches,
//! and the check of a time/cost-distance chart's jump labels against the drawing.

/// `#RRGGBB` of a colour, as plotters writes it.
pub fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The value of attribute `name` in one element's text.
pub fn attr(el: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = el.find(&key)? + key.len();
    Some(el[i..i + el[i..].find('"')?].to_string())
}

/// `(stroke colour, points)` of every polyline in the SVG, in document order.
pub fn polylines(svg: &str) -> Vec<(String, Vec<(i32, i32)>)> {
    svg.split("<polyline ")
        .skip(1)
        .map(|rest| {
            let el = &rest[..rest.find("/>").unwrap()];
            let pts = attr(el, "points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            (attr(el, "stroke").unwrap_or_default(), pts)
        })
        .collect()
}

/// The stroke colour of the last polyline before the legend text that starts with `label` and
/// goes on with " — " (the legend swatch of a map or time/cost-distance chart entry), whose first
/// line may end anywhere between words: the longest text element that begins the entry.
pub fn legend_colour(svg: &str, label: &str) -> Option<String> {
    let entry = format!("{label} — ");
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some(i) = svg[from..].find("<text ") {
        let start = from + i;
        let open = start + svg[start..].find('>')? + 1;
        let end = open + svg[open..].find("</text>")?;
        let line = svg[open..end]
            .trim()
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        let begins = line.starts_with(&entry)
            || (entry.starts_with(&line)
                && entry[line.len()..].starts_with(' ')
                && line.len() >= label.len().min(12));
        if begins && best.is_none_or(|(n, _)| line.len() > n) {
            best = Some((line.len(), start));
        }
        from = end;
    }
    let (_, at) = best?;
    let swatch = svg[..at].rfind("<polyline ")?;
    attr(&svg[swatch..], "stroke")
}

/// Checks the jump labels of a time/cost-distance chart against its SVG, which must have been
/// rendered from `series` (with their colours, one per series) at the same width:
///
/// - every leader line drawn (a polyline in [`LEADER`]'s colour) belongs to one label, and
///   every label's leader is drawn;
/// - each leader starts on its label's box and ends at its jump: on the vertical segment of that
///   step in the series' drawn line of the label's panel, at its middle;
/// - no two boxes overlap, no leader crosses a box or another leader;
/// - every label's text is drawn.
///
/// [`LEADER`]: corridor::render::chart::LEADER
pub fn check_tcd_labels(
    svg: &str,
    series: &[corridor::render::chart::Series],
    labels: &[corridor::render::chart::JumpLabel],
) {
    use corridor::render::chart::{Panel, LEADER};
    use corridor::render::geom::segments_cross;
    use corridor::render::ink::ink_or_position;
    let colour_of = |i: usize| hex(ink_or_position(series[i].ink, i).colour);
    for i in 0..series.len() {
        for j in i + 1..series.len() {
            assert_ne!(
                colour_of(i),
                colour_of(j),
                "the check needs one colour per series"
            );
        }
    }
    let lines = polylines(svg);
    let drawn: Vec<((f64, f64), (f64, f64))> = lines
        .iter()
        .filter(|(c, _)| *c == hex(LEADER))
        .map(|(_, p)| {
            assert_eq!(p.len(), 2, "a leader is one segment: {p:?}");
            let f = |q: (i32, i32)| (q.0 as f64, q.1 as f64);
            (f(p[0]), f(p[1]))
        })
        .collect();
    let leaders: Vec<((f64, f64), (f64, f64))> = labels.iter().filter_map(|l| l.leader).collect();
    assert_eq!(
        drawn.len(),
        leaders.len(),
        "one drawn leader per moved label"
    );
    for d in &drawn {
        assert!(leaders.contains(d), "leader {d:?} belongs to no label");
    }
    for l in labels {
        assert!(
            svg.contains(&format!(">\n{}\n<", l.text)),
            "`{}` drawn",
            l.text
        );
        let colour = colour_of(l.series);
        // The series' main lines, one per panel (time first): one point per step plus one.
        let n = series[l.series].route.steps.len();
        let mains: Vec<&Vec<(i32, i32)>> = lines
            .iter()
            .filter(|(c, p)| *c == colour && p.len() == n + 1)
            .map(|(_, p)| p)
            .collect();
        // The legend's swatch comes first; the two panels' lines come last.
        assert!(mains.len() >= 2, "{}: the series' lines", l.text);
        let main = mains[mains.len()
            - match l.panel {
                Panel::Time => 2,
                Panel::Cost => 1,
            }];
        let (lo, hi) = (main[l.step], main[l.step + 1]);
        assert_eq!(lo.0, hi.0, "{}: a vertical step", l.text);
        assert!(hi.1 < lo.1, "{}: a jump upwards", l.text);
        let mid = (lo.1 + hi.1) as f64 / 2.0;
        assert_eq!(l.anchor.0, lo.0 as f64, "{}: anchor on its jump", l.text);
        assert!(
            (l.anchor.1 - mid).abs() <= 1.0,
            "{}: anchor mid-jump",
            l.text
        );
        if let Some((start, end)) = l.leader {
            assert_eq!(end, l.anchor, "{}: the leader ends at its jump", l.text);
            let r = l.rect;
            let on_edge = (start.0 >= r.x0 - 1.0 && start.0 <= r.x1 + 1.0)
                && (start.1 >= r.y0 - 1.0 && start.1 <= r.y1 + 1.0)
                && ((start.0 - r.x0).abs() <= 1.0
                    || (start.0 - r.x1).abs() <= 1.0
                    || (start.1 - r.y0).abs() <= 1.0
                    || (start.1 - r.y1).abs() <= 1.0);
            assert!(on_edge, "{}: leader starts at {start:?}, box {r:?}", l.text);
            for o in labels.iter().filter(|o| o.panel == l.panel) {
                assert!(
                    !o.rect.inflate(-1.0).crosses_segment(start, end),
                    "{}: leader crosses `{}`",
                    l.text,
                    o.text
                );
                if let Some((a, b)) = o.leader {
                    assert!(
                        !segments_cross(start, end, a, b),
                        "leaders of `{}` and `{}` cross",
                        l.text,
                        o.text
                    );
                }
            }
        }
    }
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "`{}` overlaps `{}`",
                a.text,
                b.text
            );
        }
    }
}
