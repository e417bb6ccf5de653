//! The report's figures in reading order, each with the caption both documents print under it:
//! what the figure shows, then what to see in it, a finding made from the numbers the figure
//! draws ("Northern corridor arrives first, after 10.3 days; …"). Numbering is the renderers'
//! ("Figure 1." …, in this order).

use super::contents::Contents;
use super::words::{capitalised, days, short, usd};
use crate::network::Network;
use crate::routing::{Route, StepKind};
use crate::text::thousands;

/// A figure of the report.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figure<'a> {
    /// Its file in the folder.
    pub file: &'static str,
    /// What it is, in two or three words (the Markdown image's text).
    pub alt: &'static str,
    /// The SVG document.
    pub svg: &'a str,
    /// The caption, without its number.
    pub caption: String,
    /// Whether it is tall enough to take a printed page of its own.
    pub page: bool,
}

/// A figure as tall as this share of its width or taller starts a printed page.
const PAGE_ASPECT: f64 = 0.9;

/// The figures in reading order: the map, the time/cost-distance chart and the breakdown of the
/// comparison (when one has a route), then the reliability chart (when drawn).
pub(super) fn figures(c: &Contents) -> Vec<Figure<'_>> {
    let mut out = Vec::new();
    if let Some((sel, f)) = &c.figures {
        let net = &c.comparison.network;
        let by_family = c.comparison.rows.iter().any(|r| r.family.is_some());
        let reference = c.first.as_deref().unwrap_or("the base network");
        let drawn = if by_family {
            format!("the fastest route of each corridor under {reference}")
        } else {
            "the fastest and the cheapest route under each scenario".to_string()
        };
        let (chosen, bars) = (named(&sel.chosen, by_family), named(&sel.bars, by_family));
        out.push(figure(
            "map.svg",
            "route map",
            &f.map,
            map_caption(net, &drawn, &chosen),
        ));
        out.push(figure(
            "tcd.svg",
            "time/cost-distance",
            &f.tcd,
            tcd_caption(net, &drawn, &chosen),
        ));
        out.push(figure(
            "breakdown.svg",
            "breakdown",
            &f.breakdown,
            breakdown_caption(&bars),
        ));
    }
    if let (Some(svg), Some(s)) = (&c.reliability_svg, &c.reliability) {
        let reference = c.first.as_deref().unwrap_or("the base network");
        out.push(figure(
            "reliability.svg",
            "reliability",
            svg,
            reliability_caption(s, reference),
        ));
    }
    out
}

/// The routes a figure draws as sentences name them: a corridor by its name without its
/// parenthesis, else "the fastest route under baseline" (a comparison without families names
/// its routes after their scenario).
fn named(routes: &[(String, Route)], by_family: bool) -> Vec<(String, Route)> {
    routes
        .iter()
        .map(|(name, r)| {
            let n = if by_family {
                short(name).to_string()
            } else {
                format!("the {} route under {name}", r.objective.adjective())
            };
            (n, r.clone())
        })
        .collect()
}

/// The position of the lowest `key` among `routes` (the first of equals).
fn lowest(routes: &[(String, Route)], key: impl Fn(&Route) -> f64) -> Option<usize> {
    (0..routes.len()).min_by(|&a, &b| key(&routes[a].1).total_cmp(&key(&routes[b].1)))
}

/// The position of the highest `key` among `routes` (the last of equals).
fn highest(routes: &[(String, Route)], key: impl Fn(&Route) -> f64) -> Option<usize> {
    (0..routes.len()).max_by(|&a, &b| key(&routes[a].1).total_cmp(&key(&routes[b].1)))
}

fn figure<'a>(file: &'static str, alt: &'static str, svg: &'a str, caption: String) -> Figure<'a> {
    Figure {
        file,
        alt,
        svg,
        caption,
        page: aspect(svg).is_some_and(|a| a >= PAGE_ASPECT),
    }
}

/// Height over width of an SVG document, from its root's `width` and `height`.
fn aspect(svg: &str) -> Option<f64> {
    let root = &svg[svg.find("<svg")?..];
    let root = &root[..root.find('>')?];
    let attr = |name: &str| -> Option<f64> {
        let at = root.find(&format!(" {name}=\""))? + name.len() + 3;
        root[at..].split('"').next()?.parse().ok()
    };
    Some(attr("height")? / attr("width")?)
}

/// The map: the routes drawn, the regional panel when there is one, the shortest and the longest.
fn map_caption(net: &Network, drawn: &str, routes: &[(String, Route)]) -> String {
    let Some(first) = routes.first() else {
        return String::new();
    };
    let mut s = format!(
        "Route map, {} to {}: {drawn}.",
        crate::render::figures::short_name(net, &first.1.from),
        crate::render::figures::short_name(net, &first.1.to)
    );
    if let Some(p) = panel_drawn(net, routes) {
        s.push_str(&format!(" Below it, enlarged: {}.", panel_words(p)));
    }
    let km = |r: &Route| r.total.km;
    if let (Some(a), Some(b)) = (lowest(routes, km), highest(routes, km)) {
        let (a, b) = (&routes[a], &routes[b]);
        if km(&b.1) > km(&a.1) {
            s.push_str(&format!(
                " {} is the shortest at {} km, {} the longest at {} km ({:.1} times as far).",
                capitalised(&a.0),
                thousands(km(&a.1)),
                b.0,
                thousands(km(&b.1)),
                km(&b.1) / km(&a.1)
            ));
        }
    }
    s
}

/// The network's regional panel, when one of `routes` passes through it (as the map draws it).
fn panel_drawn<'n>(net: &'n Network, routes: &[(String, Route)]) -> Option<&'n str> {
    let p = net.study.panel.as_ref()?;
    let [w, s, e, n] = p.bbox;
    let inside = |x: &(f64, f64)| (w..=e).contains(&x.0) && (s..=n).contains(&x.1);
    routes
        .iter()
        .any(|(_, r)| {
            crate::render::figures::route_points(net, r)
                .iter()
                .any(inside)
        })
        .then_some(p.title.as_str())
}

/// A panel's title as words in a sentence: without a leading label ("Regional panel: ").
fn panel_words(title: &str) -> &str {
    title.split_once(": ").map_or(title, |(_, rest)| rest)
}

/// The time/cost-distance chart: how to read it, who arrives first, who costs least, the longest
/// single stop.
fn tcd_caption(net: &Network, drawn: &str, routes: &[(String, Route)]) -> String {
    let mut s = format!(
        "Days (upper chart) and USD per FEU (lower chart) accumulated along the distance travelled, for {drawn}; each step up is a border, a transfer or a wait."
    );
    let d = |r: &Route| r.total.days();
    if let (Some(fi), Some(ci)) = (lowest(routes, d), lowest(routes, |r| r.total.usd)) {
        let (f, c) = (&routes[fi], &routes[ci]);
        s.push_str(&format!(
            " {} arrives first, after {} days; ",
            capitalised(&f.0),
            days(d(&f.1))
        ));
        if ci == fi {
            s.push_str("it is also the cheapest.");
        } else {
            s.push_str(&format!(
                "{} costs the least, USD {}, but takes {} days longer.",
                c.0,
                usd(c.1.total.usd),
                days(d(&c.1) - d(&f.1))
            ));
        }
    }
    let stop = routes
        .iter()
        .flat_map(|(n, r)| r.steps.iter().map(move |st| (n, st)))
        .filter(|(_, st)| st.kind != StepKind::Haul)
        .max_by(|a, b| a.1.metrics.hours.total_cmp(&b.1.metrics.hours));
    if let Some((name, st)) = stop {
        let at = if st.kind == StepKind::Border {
            &st.to
        } else {
            &st.from
        };
        s.push_str(&format!(
            " The longest single stop is a {} at {} on {}: {} days.",
            st.kind.as_str(),
            crate::render::figures::short_name(net, at),
            name,
            days(st.metrics.hours / 24.0)
        ));
    }
    s
}

/// The breakdown: what the bars split, and the largest and smallest share of days spent stopped.
fn breakdown_caption(bars: &[(String, Route)]) -> String {
    let mut s = "Each route's door-to-door days (left) and USD per FEU (right), split into line haul, border, transfer and waiting.".to_string();
    let stopped = |r: &Route| {
        let stops: f64 = r
            .steps
            .iter()
            .filter(|st| st.kind != StepKind::Haul)
            .map(|st| st.metrics.hours)
            .sum();
        if r.total.hours > 0.0 {
            100.0 * stops / r.total.hours
        } else {
            0.0
        }
    };
    if let (Some(mi), Some(li)) = (highest(bars, stopped), lowest(bars, stopped)) {
        let (m, l) = (&bars[mi], &bars[li]);
        if mi != li {
            s.push_str(&format!(
                " Borders, transfers and waits take {:.0} % of the {} days on {}, the largest share, and {:.0} % of the {} on {}, the smallest.",
                stopped(&m.1),
                days(m.1.total.days()),
                m.0,
                stopped(&l.1),
                days(l.1.total.days()),
                l.0
            ));
        }
    }
    s
}

/// The reliability chart: how to read it, the fastest median's P90, and the widest spread.
fn reliability_caption(s: &crate::studies::reliability::Study, reference: &str) -> String {
    let mut out = format!(
        "Share of shipments arrived by each number of door-to-door days under {reference}, from {} samples (seed {}); the squares mark the median (P50) and the 90th percentile (P90).",
        thousands(s.samples as f64),
        s.seed
    );
    let first = s
        .routes
        .iter()
        .min_by(|a, b| a.p50_days.total_cmp(&b.p50_days));
    let widest = s
        .routes
        .iter()
        .max_by(|a, b| (a.p90_days - a.p50_days).total_cmp(&(b.p90_days - b.p50_days)));
    if let Some(f) = first {
        out.push_str(&format!(
            " {} has the lowest median, {} days, and a P90 of {} days.",
            capitalised(short(&f.label)),
            days(f.p50_days),
            days(f.p90_days)
        ));
    }
    if let Some(w) = widest.filter(|_| s.routes.len() > 1) {
        out.push_str(&format!(
            " The widest spread is on {}: {} days between P50 and P90.",
            short(&w.label),
            days(w.p90_days - w.p50_days)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{aspect, panel_words};

    #[test]
    fn a_figure_s_aspect_comes_from_its_root_and_a_panel_title_reads_in_a_sentence() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"1000\" height=\"1914\" viewBox=\"0 0 1000 1914\"><svg width=\"5\" height=\"9\"/></svg>";
        assert_eq!(aspect(svg), Some(1.914));
        assert_eq!(aspect("<svg viewBox=\"0 0 1 1\">"), None);
        assert_eq!(panel_words("Regional panel: the Caucasus"), "the Caucasus");
        assert_eq!(panel_words("Caucasus and Caspian"), "Caucasus and Caspian");
    }
}
