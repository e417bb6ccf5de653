//! Figures for a set of routes: which routes to draw and how to label them, the map
//! specification built from a network and its routes, the three report figures (map,
//! time/cost-distance chart, breakdown), and atomic file writing.
//!
//! This module turns domain objects (a [`Network`], [`Route`]s) into the plain drawing inputs of
//! [`crate::render`]; the renderers never see the network. Files are written atomically (a
//! temporary file in the same folder, then a rename), so a reader never sees half a figure.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::network::{Dir, Network};
use crate::render::basemap::Country;
use crate::render::chart_svg::{render_breakdown, render_tcd, BarGroup, Series};
use crate::render::map_svg::{render_map, Extent, MapLink, MapNode, MapRoute, MapSpec};
use crate::solve::{Route, StepKind};

/// A figure's title: "Xi'an → Duisburg · 2026", with the scenario when the figure shows one.
pub fn title(net: &Network, r: &Route, one_scenario: bool) -> String {
    let name = |id: &str| short_name(net, id);
    let scenario = if one_scenario {
        format!(" · {}", r.scenario)
    } else {
        String::new()
    };
    format!("{} → {} · {}{scenario}", name(&r.from), name(&r.to), r.year)
}

/// Routes paired with the objective that chose them ("fastest", "cheapest"…).
pub fn by_objective(routes: &[Route]) -> Vec<(String, Route)> {
    routes
        .iter()
        .map(|r| (r.objective.adjective().to_string(), r.clone()))
        .collect()
}

/// What a set of figures shows: the routes on the map and the time/cost-distance chart (each
/// paired with who chose it), the bars of the breakdown chart, a title and a file stem.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Routes on the map and the time/cost-distance chart.
    pub chosen: Vec<(String, Route)>,
    /// Bars of the breakdown chart.
    pub bars: Vec<(String, Route)>,
    /// The figures' title.
    pub title: String,
    /// File names start with this ("compare-xian-duisburg").
    pub stem: String,
    /// What the map shows.
    pub extent: Extent,
}

/// The figures of a comparison: the fastest and the cheapest route of every scenario on the map
/// and the chart (identical ones merged when drawn), and one bar per scenario for its fastest
/// route (or for the first objective asked when neither time nor cost was); `None` when no
/// scenario has a route.
///
/// A comparison by corridor family draws the reference scenario's fastest route of each family
/// instead (the cheapest where time was not asked), labelled by the family, on all three figures.
pub fn comparison_selection(c: &crate::compare::Comparison) -> Option<Selection> {
    if c.rows.iter().any(|r| r.family.is_some()) {
        let o = if c
            .rows
            .iter()
            .any(|r| r.objective == crate::solve::Objective::Time)
        {
            crate::solve::Objective::Time
        } else {
            c.rows.first()?.objective
        };
        let chosen: Vec<(String, Route)> = c
            .rows
            .iter()
            .filter(|r| r.position == 0 && r.objective == o)
            .filter_map(|r| {
                let name = c
                    .network
                    .families
                    .iter()
                    .find(|f| Some(&f.id) == r.family.as_ref())
                    .map_or_else(|| r.scenario.clone(), |f| f.name.clone());
                r.route.clone().map(|x| (name, x))
            })
            .collect();
        let first = chosen.first().map(|(_, r)| r.clone())?;
        return Some(Selection {
            title: format!("{} · by corridor", title(&c.network, &first, true)),
            stem: format!("compare-{}-{}", first.from, first.to),
            extent: Extent::FitRoutes,
            bars: chosen.clone(),
            chosen,
        });
    }
    let asked: Vec<crate::solve::Objective> = {
        let mut v: Vec<_> = c.rows.iter().map(|r| r.objective).collect();
        v.dedup();
        v.sort();
        v.dedup();
        v
    };
    use crate::solve::Objective::{Cost, Time};
    let mut wanted: Vec<_> = [Time, Cost]
        .into_iter()
        .filter(|o| asked.contains(o))
        .collect();
    if wanted.is_empty() {
        wanted = asked.first().copied().into_iter().collect();
    }
    let pick = |o| -> Vec<(String, Route)> {
        c.rows
            .iter()
            .filter(|r| r.objective == o)
            .filter_map(|r| r.route.clone().map(|x| (r.scenario.clone(), x)))
            .collect()
    };
    let chosen: Vec<(String, Route)> = wanted.iter().flat_map(|&o| pick(o)).collect();
    let first = chosen.first().map(|(_, r)| r.clone())?;
    Some(Selection {
        title: format!(
            "{} · {} scenarios",
            title(&c.network, &first, false),
            c.scenarios.len()
        ),
        stem: format!("compare-{}-{}", first.from, first.to),
        extent: Extent::FitRoutes,
        bars: pick(wanted[0]),
        chosen,
    })
}

/// Renders the map, time/cost-distance and breakdown charts of a selection (identical routes
/// merged, labelled by `describe` and who chose them) and writes them into `dir`.
pub fn write_selection(
    net: &Network,
    dir: &Path,
    sel: &Selection,
    describe: &dyn Fn(&Route) -> String,
) -> Result<Vec<PathBuf>> {
    write(dir, &sel.stem, &selection_figures(net, sel, describe)?)
}

/// The map, time/cost-distance and breakdown charts of a selection, as SVG text (what
/// [`write_selection`] writes).
pub fn selection_figures(
    net: &Network,
    sel: &Selection,
    describe: &dyn Fn(&Route) -> String,
) -> Result<Figures> {
    let on_map = group(sel.chosen.clone(), SameWhen::SamePath, describe);
    let on_chart = group(sel.chosen.clone(), SameWhen::SamePathAndTotals, describe);
    let bars = bar_series(sel);
    let countries = crate::render::basemap::countries()
        .map_err(|e| crate::Error::InvalidArgument(format!("the embedded base map: {e}")))?;
    Ok(render(
        net, &sel.title, &on_map, &on_chart, &bars, &countries, sel.extent,
    ))
}

/// The reliability chart of a study as SVG text.
pub fn reliability_svg(
    net: &Network,
    study: &crate::reliability::Study,
    candidates: &[crate::reliability::Candidate],
) -> String {
    use crate::render::chart_svg::{render_cdf, CdfSeries};
    let series: Vec<CdfSeries> = study
        .routes
        .iter()
        .map(|r| CdfSeries {
            label: r.label.clone(),
            cdf: r.cdf.clone(),
            p50: r.p50_days,
            p90: r.p90_days,
        })
        .collect();
    let head = candidates.first().map_or_else(String::new, |c| {
        format!(
            "{} → {} · {} · {}",
            short_name(net, &c.route.from),
            short_name(net, &c.route.to),
            c.route.year,
            c.route.scenario
        )
    });
    let t = format!(
        "{head} · transit days, {} samples, seed {}",
        crate::report::thousands(study.samples as f64),
        study.seed
    );
    render_cdf(&t, &series, crate::render::FIGURE_WIDTH)
}

/// How [`group`] decides that two routes are "the same" figure entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameWhen {
    /// They travel the same links (one line on a map).
    SamePath,
    /// They travel the same links with the same totals (one line on a chart).
    SamePathAndTotals,
}

/// Groups `(who, route)` pairs into figure entries labelled "what — who": `describe` names the
/// route (e.g. its corridor), `who` says which objective or scenario chose it. Entries keep
/// first-seen order; more than three names are shortened to "a, b +N more".
pub fn group(
    routes: Vec<(String, Route)>,
    same: SameWhen,
    describe: &dyn Fn(&Route) -> String,
) -> Vec<Series> {
    let key = |r: &Route| match same {
        SameWhen::SamePath => r.signature(),
        SameWhen::SamePathAndTotals => {
            format!("{} {:.1} {:.0}", r.signature(), r.total.hours, r.total.usd)
        }
    };
    // Per entry: its key, its members (who chose it, with that member's days and USD), the route.
    type Member = (String, f64, f64);
    let mut out: Vec<(String, Vec<Member>, Route)> = Vec::new();
    for (who, r) in routes {
        let k = key(&r);
        let member = (who, r.total.days, r.total.usd);
        match out.iter_mut().find(|(x, _, _)| *x == k) {
            Some((_, members, _)) => {
                if !members.iter().any(|m| m.0 == member.0) {
                    members.push(member)
                }
            }
            None => out.push((k, vec![member], r)),
        }
    }
    let shown = |m: &Member| (format!("{:.1}", m.1), m.2.round() as i64);
    out.into_iter()
        .map(|(_, members, route)| {
            // Members of one line that differ in days or dollars each say their own.
            let differ = members.iter().any(|m| shown(m) != shown(&members[0]));
            let name = |m: &Member| {
                if differ {
                    format!(
                        "{} {:.1} d, {}",
                        m.0,
                        m.1,
                        crate::render::map_svg::format_usd(m.2)
                    )
                } else {
                    m.0.clone()
                }
            };
            let (limit, sep) = if differ { (3, "; ") } else { (3, ", ") };
            let who = if members.len() > limit {
                format!(
                    "{}{sep}{} +{} more",
                    name(&members[0]),
                    name(&members[1]),
                    members.len() - 2
                )
            } else {
                members.iter().map(name).collect::<Vec<_>>().join(sep)
            };
            Series {
                label: format!("{} — {who}", describe(&route)),
                route,
                colour: None,
                totals_in_label: differ,
            }
        })
        .collect()
}

/// A node's name without its parenthesis ("Port of Baku (Alat)" → "Port of Baku"), for labels.
pub fn short_name(net: &Network, id: &str) -> String {
    net.node(id).map_or(id.to_string(), |n| {
        n.name.split(" (").next().unwrap_or(&n.name).to_string()
    })
}

/// The three figures of a set of routes, as SVG text.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The route map.
    pub map: String,
    /// The time/cost-distance chart.
    pub tcd: String,
    /// The breakdown chart (line haul, border, transfer, waiting).
    pub breakdown: String,
}

/// One colour per route across a study's figures: each distinct path (links and transfers, see
/// [`Route::signature`]) gets the next palette index in order of first appearance on the map,
/// then on the time/cost-distance chart, then among the breakdown's bars; every series or bar of
/// that path, on any of the three figures, takes it.
pub fn paint(
    on_map: &[Series],
    on_chart: &[Series],
    bars: &[Series],
) -> (Vec<Series>, Vec<Series>, Vec<Series>) {
    let mut paths: Vec<String> = Vec::new();
    let mut colour = |s: &Series| -> Series {
        let key = s.route.signature();
        let i = match paths.iter().position(|p| *p == key) {
            Some(i) => i,
            None => {
                paths.push(key);
                paths.len() - 1
            }
        };
        Series {
            colour: Some(i),
            ..s.clone()
        }
    };
    let m: Vec<Series> = on_map.iter().map(&mut colour).collect();
    let c: Vec<Series> = on_chart.iter().map(&mut colour).collect();
    let b: Vec<Series> = bars.iter().map(&mut colour).collect();
    (m, c, b)
}

/// Renders the map of `on_map`, the time/cost-distance chart of `on_chart` and the breakdown of
/// `bars`, each route in the same colour on all three ([`paint`]).
pub fn render(
    net: &Network,
    title: &str,
    on_map: &[Series],
    on_chart: &[Series],
    bars: &[Series],
    countries: &[Country],
    extent: Extent,
) -> Figures {
    let (on_map, on_chart, bars) = paint(on_map, on_chart, bars);
    let (on_map, on_chart) = (&on_map[..], &on_chart[..]);
    let names = |id: &str| short_name(net, id);
    let bars = bar_groups(&bars);
    Figures {
        map: {
            let main = render_map(&map_spec(net, title, on_map, extent), countries);
            match (extent, caucasus_spec(net, on_map)) {
                (Extent::FitRoutes, Some(panel)) => {
                    crate::render::map_svg::stack(&main, &render_map(&panel, countries))
                }
                _ => main,
            }
        },
        tcd: render_tcd(
            &format!("Time/cost-distance · {title}"),
            on_chart,
            &names,
            crate::render::FIGURE_WIDTH,
        ),
        breakdown: render_breakdown(
            &format!("Where the days and dollars go · {title}"),
            &bars,
            crate::render::FIGURE_WIDTH,
        ),
    }
}

/// The bars of a breakdown chart from (painted) series: label, route and colour.
pub fn bar_groups(bars: &[Series]) -> Vec<BarGroup> {
    bars.iter()
        .map(|s| BarGroup {
            label: s.label.clone(),
            route: s.route.clone(),
            colour: s.colour,
        })
        .collect()
}

/// Writes `STEM-map.svg`, `STEM-tcd.svg` and `STEM-breakdown.svg` into `dir` atomically; returns
/// the paths written.
pub fn write(dir: &Path, stem: &str, f: &Figures) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (kind, svg) in [
        ("map", &f.map),
        ("tcd", &f.tcd),
        ("breakdown", &f.breakdown),
    ] {
        let path = dir.join(format!("{stem}-{kind}.svg"));
        write_atomic(&path, svg.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// The nodes always labelled on maps when drawn: the corridors' main hubs.
const HUBS: [&str; 18] = [
    "xian",
    "urumqi",
    "almaty",
    "aktau",
    "alat",
    "baku",
    "tbilisi",
    "kars",
    "istanbul",
    "budapest",
    "duisburg",
    "moscow",
    "warsaw",
    "shanghai",
    "rotterdam",
    "constanta",
    "poti",
    "brest",
];

/// The (lon, lat) polyline of a route, following each link's geometry in the direction of travel.
pub fn route_points(net: &Network, r: &Route) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for s in r.steps.iter().filter(|s| s.kind == StepKind::Haul) {
        let Some(l) = s.link.as_deref().and_then(|id| net.link(id)) else {
            continue;
        };
        let dir = if net.nodes[l.from].id == s.from {
            Dir::Forward
        } else {
            Dir::Reverse
        };
        let mut leg = net.link_points(l);
        if dir == Dir::Reverse {
            leg.reverse();
        }
        if pts.last() == leg.first() {
            leg.remove(0);
        }
        pts.extend(leg);
    }
    pts
}

/// The points of the Pareto chart: every route of `front` (on the front), then, for context,
/// each corridor family's fastest route where the front does not have it (labelled by family).
pub fn pareto_points(
    router: &crate::solve::Router<'_>,
    p: &crate::query::Prepared,
    front: &[Route],
) -> Result<Vec<crate::render::chart_svg::ParetoPoint>> {
    use crate::render::chart_svg::ParetoPoint;
    let net = &p.network;
    let point = |r: &Route, on_front: bool| ParetoPoint {
        label: crate::compare::corridor_words(net, r),
        days: r.total.days,
        usd: r.total.usd,
        on_front,
    };
    let mut points: Vec<ParetoPoint> = front.iter().map(|r| point(r, true)).collect();
    let sigs: Vec<String> = front.iter().map(Route::signature).collect();
    for f in &net.families {
        if let crate::solve::Outcome::Found(r) = router.route_family(
            p.from,
            p.to,
            crate::solve::Objective::Time,
            &p.constraints,
            f,
        )? {
            if !sigs.contains(&r.signature()) {
                points.push(ParetoPoint {
                    label: f.id.clone(),
                    ..point(&r, false)
                });
            }
        }
    }
    Ok(points)
}

/// The breakdown chart's bars of a selection as series (not yet painted, see [`paint`]).
pub fn bar_series(sel: &Selection) -> Vec<Series> {
    sel.bars
        .iter()
        .map(|(label, route)| Series {
            label: label.clone(),
            route: route.clone(),
            colour: None,
            totals_in_label: false,
        })
        .collect()
}

/// Writes the reliability chart (`reliability.svg`) of a study into `dir`; its path.
pub fn write_reliability(
    net: &Network,
    dir: &Path,
    study: &crate::reliability::Study,
    candidates: &[crate::reliability::Candidate],
) -> Result<PathBuf> {
    let path = dir.join("reliability.svg");
    write_atomic(&path, reliability_svg(net, study, candidates).as_bytes())?;
    Ok(path)
}

/// The map of a network with routes highlighted.
pub fn map_spec(net: &Network, title: &str, routes: &[Series], extent: Extent) -> MapSpec {
    let on_route: Vec<&str> = routes
        .iter()
        .flat_map(|r| {
            r.route
                .steps
                .iter()
                .filter(|s| s.kind != StepKind::Haul)
                .map(|s| s.from.as_str())
                .chain([r.route.from.as_str(), r.route.to.as_str()])
        })
        .collect();
    let nodes = net
        .nodes
        .iter()
        .map(|n| MapNode {
            id: n.id.clone(),
            name: short_name(net, &n.id),
            lon: n.lon,
            lat: n.lat,
            kind: n.kind,
            major: HUBS.contains(&n.id.as_str()) || on_route.contains(&n.id.as_str()),
        })
        .collect();
    let links = net
        .links
        .iter()
        .filter(|l| !l.closed)
        .map(|l| MapLink {
            points: net.link_points(l),
            mode: l.mode,
            status: l.status,
        })
        .collect();
    let routes = routes
        .iter()
        .map(|r| MapRoute {
            label: r.label.clone(),
            points: route_points(net, &r.route),
            days: r.route.total.days,
            usd: r.route.total.usd,
            co2_kg: r.route.total.co2_kg,
            colour: r.colour,
            totals_in_label: r.totals_in_label,
        })
        .collect();
    MapSpec {
        title: title.to_string(),
        nodes,
        links,
        routes,
        extent,
        width_px: crate::render::FIGURE_WIDTH,
        legend: true,
    }
}

/// The region where the Middle and Zangazur corridors differ: the Caucasus and the Caspian
/// (west, south, east, north).
pub const CAUCASUS: (f64, f64, f64, f64) = (39.0, 37.4, 52.0, 43.6);

/// The places the regional panel always names.
pub const CAUCASUS_PLACES: [&str; 9] = [
    "alat",
    "baku",
    "poti",
    "batumi",
    "tbilisi",
    "akhalkalaki",
    "kars",
    "meghri",
    "nakhchivan",
];

/// The regional panel of a study map: the Caucasus and the Caspian at a scale where the places
/// of [`CAUCASUS_PLACES`] are legible and labelled, the same routes in the same colours, no legend
/// of its own; `None` when no route passes through the region.
pub fn caucasus_spec(net: &Network, routes: &[Series]) -> Option<MapSpec> {
    let (w, s, e, n) = CAUCASUS;
    let inside = |p: &(f64, f64)| (w..=e).contains(&p.0) && (s..=n).contains(&p.1);
    if !routes
        .iter()
        .any(|r| route_points(net, &r.route).iter().any(inside))
    {
        return None;
    }
    let mut spec = map_spec(
        net,
        "Regional panel: the Caucasus and the Caspian, where the Middle and Zangazur corridors part",
        routes,
        Extent::Bounds(w, s, e, n),
    );
    for node in &mut spec.nodes {
        if CAUCASUS_PLACES.contains(&node.id.as_str()) {
            node.major = true;
        }
    }
    spec.legend = false;
    Some(spec)
}

/// Writes a file atomically; see [`crate::fs::write_atomic`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::fs::write_atomic(path, bytes)
}
