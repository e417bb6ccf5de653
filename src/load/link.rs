//! `[[link]]` records, checked in the second pass against every node and service: a
//! [`LinkCheck`] per link runs one step per concern (ends and id, mode and gauge, waypoints,
//! length, running time, sea services and tariffs, port calls, waits, opening year, traction and
//! vessel, border) in the order messages have always been found, then makes the link. Duplicate
//! ids are found later, across all links ([`super::gather::duplicate_link_ids`]).

use geo::{Distance, Geodesic, Point};

use super::check::{check_text, is_country, is_slug_byte, At, Checker};
use super::gather::{check_records, first_and_rest, Checked, Outs};
use super::raw::{link_id, RawCircuity, RawLink, Shared};
use super::records::Span;
use super::source::Text;
use crate::error::Problem;
use crate::network::limits::{max_speed, MAX_KM, MAX_LEG_HOURS, MAX_USD, MAX_USD_PER_KM};
use crate::network::{
    Border, Gauge, Link, Mode, Node, Origin, Running, Service, Sources, Status, Traction,
};
use crate::text::{FastMap, Text as SharedText};

/// The context a link is checked in: the nodes and services it may name.
pub(super) struct LinkContext<'n> {
    /// Every node, the base's first.
    pub(super) nodes: &'n [Node],
    /// Each node's index by id.
    pub(super) index: &'n FastMap<&'n str, usize>,
    /// Every service, the base's first.
    pub(super) services: &'n [Service],
    /// The network's circuity factors (for lengths computed from coordinates).
    pub(super) circuity: RawCircuity,
}

/// Reads and checks the given `[[link]]` records of `text` (in the file `file`) in parallel,
/// writing what they give to `outs` in order.
pub(super) fn check_links(
    text: &Text<'_>,
    spans: &[Span],
    cx: &LinkContext<'_>,
    file: &SharedText,
    outs: &mut Vec<Outs<Link>>,
) {
    check_records(text, spans, outs, |shared, s, raw, provenance| {
        let mut provenance = Some(provenance);
        first_and_rest(raw.link.iter().map(|rl| {
            let start = s.start + rl.span().start;
            let origin = Origin {
                file: file.clone(),
                line: text.line_of(start),
            };
            let l = rl.get_ref();
            let id_line = match l.id {
                Some(_) => text.key_line(start, "id"),
                None => origin.line,
            };
            let at = At {
                text,
                record: s.start,
                start,
            };
            match check_link(l, at, origin.clone(), cx, shared) {
                (Some(link), problems) => Checked::Good {
                    item: link,
                    id_line,
                    problems,
                    provenance: provenance.take().unwrap_or_default(),
                },
                (None, problems) => Checked::Bad {
                    problems,
                    id: Some((link_id(l), origin, id_line)),
                },
            }
        }))
    });
}

/// Checks the `[[link]]` table at `at`, and makes its link when its ends, mode and numbers allow
/// one; with its problems.
fn check_link(
    l: &RawLink,
    at: At<'_, '_>,
    origin: Origin,
    cx: &LinkContext<'_>,
    shared: &mut Shared,
) -> (Option<Link>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut check = LinkCheck {
        l,
        cx,
        c: at.checker("link.", &mut problems),
        from: None,
        to: None,
        mode: None,
    };
    let link = check.run(origin, shared);
    (link, problems)
}

/// The sources a link's own fields may have (its border's are in the border's table).
const LINK_SOURCES: [&str; 10] = [
    "km",
    "speed_kmh",
    "hours",
    "usd_per_km",
    "usd_fixed",
    "wait_hours",
    "call_hours",
    "available_from",
    "traction",
    "vessel",
];

/// One link being checked: the record, what it may name, where its problems go, and what the
/// steps so far have found.
struct LinkCheck<'r, 't, 'a> {
    l: &'r RawLink,
    cx: &'r LinkContext<'r>,
    c: Checker<'a, 't>,
    /// The index of each end, once found.
    from: Option<usize>,
    to: Option<usize>,
    /// The mode, once read.
    mode: Option<Mode>,
}

impl LinkCheck<'_, '_, '_> {
    /// Every check, in order, then the link when it can be made.
    fn run(&mut self, origin: Origin, shared: &mut Shared) -> Option<Link> {
        let id = self.id_and_ends();
        let gauge = self.mode_and_gauge();
        self.waypoints();
        let (km, km_estimated) = self.length();
        let running = self.running(km);
        let inherited = self.services();
        self.port_calls();
        self.tariffs_and_waits();
        let (status, available_from) = self.opening();
        self.transit_countries();
        self.c.unused_sources(&self.l.source, &LINK_SOURCES);
        let l = self.l;
        if l.oneway && l.wait_hours_reverse.is_some() {
            self.c.problem(
                "wait_hours_reverse",
                "a one-way link has no reverse direction",
            );
        }
        let traction = self.traction_and_vessel();
        let border = self.border();

        let (from, to, mode) = (self.from?, self.to?, self.mode?);
        let wait = l.wait_hours.unwrap_or(0.0);
        let call = l.call_hours.unwrap_or(0.0);
        Some(Link {
            id,
            from,
            to,
            mode,
            gauge,
            km,
            km_estimated,
            running,
            usd_per_km: l
                .usd_per_km
                .or(if l.usd_fixed.is_none() {
                    inherited
                } else {
                    None
                })
                .unwrap_or(0.0),
            usd_fixed: l.usd_fixed.unwrap_or(0.0),
            wait_hours: [wait, l.wait_hours_reverse.unwrap_or(wait)],
            call_hours: [call, l.call_hours_reverse.unwrap_or(call)],
            services: l.services.as_slice().into(),
            traction,
            vessel: l.vessel.as_deref().map(Box::from),
            border: border.map(Box::new),
            status,
            available_from,
            oneway: l.oneway,
            corridors: l.corridors.as_slice().into(),
            transit_countries: l.transit_countries.as_slice().into(),
            geometry: l.geometry.iter().map(|p| (p[0], p[1])).collect(),
            circuity: l.circuity,
            closed: false,
            sources: self.sources(shared),
            origin,
        })
    }

    /// The id (its own, or `from-to`), the ends, and the corridor tags.
    fn id_and_ends(&mut self) -> String {
        let (l, c) = (self.l, &mut self.c);
        let id = link_id(l);
        if l.id.is_some() && !id.bytes().all(|b| b == b'-' || is_slug_byte(b)) {
            c.problem(
                "id",
                format!("`{id}` is not a lowercase ASCII slug ([a-z0-9_-]+)"),
            );
        }
        self.from = self.cx.index.get(l.from.as_str()).copied();
        self.to = self.cx.index.get(l.to.as_str()).copied();
        for (field, v, i) in [("from", &l.from, self.from), ("to", &l.to, self.to)] {
            if i.is_none() {
                c.problem(field, format!("unknown node `{v}`"));
            }
        }
        if l.from == l.to {
            c.problem(
                "to",
                format!("self-loop: `from` and `to` are both `{}`", l.to),
            );
        }
        for tag in &l.corridors {
            check_text(c, "corridors", tag);
        }
        id
    }

    /// The mode, and the gauge a rail link needs (and no other has).
    fn mode_and_gauge(&mut self) -> Option<Gauge> {
        let (l, c) = (self.l, &mut self.c);
        self.mode = Mode::parse(&l.mode);
        if self.mode.is_none() {
            c.problem(
                "mode",
                format!("unknown mode `{}` (expected rail, road or sea)", l.mode),
            );
        }
        match (self.mode, l.gauge) {
            (Some(Mode::Rail), None) => {
                c.problem("mode", "a rail link needs `gauge = 1435` or `gauge = 1520`");
                None
            }
            (Some(Mode::Rail), Some(g)) => {
                let gauge = Gauge::from_mm(g);
                if gauge.is_none() {
                    c.problem(
                        "gauge",
                        format!("unknown gauge {g} (expected 1435 or 1520)"),
                    );
                }
                gauge
            }
            (Some(m), Some(_)) => {
                c.problem("gauge", format!("a {m} link has no gauge"));
                None
            }
            _ => None,
        }
    }

    /// The mode whose limits apply (rail's when the mode is unknown).
    fn mode_for_limits(&self) -> Mode {
        self.mode.unwrap_or(Mode::Rail)
    }

    /// Each waypoint is a [lon, lat] pair in range (the first that is not is reported, with a
    /// count of the others).
    fn waypoints(&mut self) {
        let n = crate::error::number;
        let in_range = |p: &[f64; 2]| {
            p[0].is_finite()
                && (-180.0..=180.0).contains(&p[0])
                && p[1].is_finite()
                && (-90.0..=90.0).contains(&p[1])
        };
        let mut bad = self
            .l
            .geometry
            .iter()
            .enumerate()
            .filter(|(_, p)| !in_range(p));
        if let Some((i, p)) = bad.next() {
            let more = match bad.count() {
                0 => String::new(),
                k => format!(" (and {k} more)"),
            };
            self.c.problem(
                "geometry",
                format!(
                    "waypoint {} [{}, {}] is not a [lon, lat] pair in range{more}",
                    i + 1,
                    n(p[0]),
                    n(p[1])
                ),
            );
        }
    }

    /// The length: the given `km`, or computed along the waypoints (times the circuity when
    /// there are none); and whether it was computed.
    fn length(&mut self) -> (f64, bool) {
        let (l, nodes) = (self.l, self.cx.nodes);
        match (l.km, self.from, self.to) {
            (Some(km), _, _) => {
                self.c
                    .number("km", km, f64::MIN_POSITIVE, MAX_KM, &l.source);
                (km, false)
            }
            (None, Some(a), Some(b)) => {
                let mut pts = vec![(nodes[a].lon, nodes[a].lat)];
                pts.extend(l.geometry.iter().map(|p| (p[0], p[1])));
                pts.push((nodes[b].lon, nodes[b].lat));
                let metres: f64 = pts
                    .windows(2)
                    .map(|w| {
                        Geodesic.distance(Point::new(w[0].0, w[0].1), Point::new(w[1].0, w[1].1))
                    })
                    .sum();
                let factor = if l.geometry.is_empty() {
                    self.circuity()
                } else {
                    1.0
                };
                let km = metres / 1000.0 * factor;
                if a != b && !(km > 0.0 && km <= MAX_KM) {
                    self.c
                        .problem("km", format!("computed length {km:.1} km is not plausible"));
                }
                (km, true)
            }
            _ => (1.0, true),
        }
    }

    /// The factor from a straight line to the route: the link's own, or its mode's.
    fn circuity(&mut self) -> f64 {
        match self.l.circuity {
            Some(f) => {
                if !(f.is_finite() && (1.0..=3.0).contains(&f)) {
                    self.c.problem(
                        "circuity",
                        format!("{} must lie in 1…3", crate::error::number(f)),
                    );
                }
                f
            }
            None => match self.mode_for_limits() {
                Mode::Rail => self.cx.circuity.rail,
                Mode::Road => self.cx.circuity.road,
                Mode::Sea => self.cx.circuity.sea,
            },
        }
    }

    /// The running time: a speed or hours (one of them), plausible for the length and mode.
    fn running(&mut self, km: f64) -> Running {
        let l = self.l;
        let max = max_speed(self.mode_for_limits());
        let c = &mut self.c;
        let running = match (l.speed_kmh, l.hours) {
            (Some(v), None) => {
                c.number("speed_kmh", v, f64::MIN_POSITIVE, max, &l.source);
                Running::SpeedKmh(v)
            }
            (None, Some(h)) => {
                c.number("hours", h, 0.0, MAX_LEG_HOURS, &l.source);
                Running::Hours(h)
            }
            (Some(_), Some(_)) => {
                c.problem("hours", "give either `speed_kmh` or `hours`, not both");
                Running::Hours(0.0)
            }
            (None, None) => {
                c.problem("speed_kmh", "missing: give `speed_kmh` or `hours`");
                Running::Hours(0.0)
            }
        };
        if let Running::SpeedKmh(v) = running {
            let h = km / v;
            if v > 0.0 && !(h.is_finite() && h <= MAX_LEG_HOURS) {
                c.problem(
                    "speed_kmh",
                    format!(
                        "{km:.0} km at {v} km/h takes {h:.3e} h, more than a leg may (60 days)"
                    ),
                );
            }
        }
        if let (Running::Hours(h), Some(m)) = (running, self.mode) {
            if h > 0.0 && km / h > max_speed(m) {
                c.problem(
                    "hours",
                    format!(
                        "{} h for {km:.0} km is {:.0} km/h, absurd for {m}",
                        crate::error::number(h),
                        km / h
                    ),
                );
            }
        }
        running
    }

    /// Sea services: each named one must be declared; a sea link without a tariff of its own
    /// takes its services' rate (they must agree). Returns that inherited rate.
    fn services(&mut self) -> Option<f64> {
        let (l, services, c) = (self.l, self.cx.services, &mut self.c);
        let mut service_rates = Vec::new();
        if !l.services.is_empty() && self.mode.is_some_and(|m| m != Mode::Sea) {
            c.problem("services", "only sea links belong to services");
        }
        for name in &l.services {
            match services.iter().find(|s| &s.id == name) {
                Some(s) => service_rates.push(s.usd_per_km),
                None => {
                    let known: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
                    c.problem(
                        "services",
                        format!(
                            "unknown service `{name}` (declare it in a [[service]] table; known: {})",
                            if known.is_empty() {
                                "none".to_string()
                            } else {
                                known.join(", ")
                            }
                        ),
                    );
                }
            }
        }
        let inherited = match service_rates.split_first() {
            Some((first, rest)) if first.is_some() && rest.iter().all(|r| r == first) => *first,
            _ => None,
        };
        if l.usd_per_km.is_none() && l.usd_fixed.is_none() && inherited.is_none() {
            c.problem(
                "usd_per_km",
                if service_rates.iter().any(Option::is_some) {
                    "missing: its services' rates differ, so give the link its own `usd_per_km` and/or `usd_fixed`"
                } else {
                    "missing: give `usd_per_km` and/or `usd_fixed` (or a rate on its service)"
                },
            );
        }
        inherited
    }

    /// Port calls: sea links only, and a one-way link has no reverse one.
    fn port_calls(&mut self) {
        let l = self.l;
        for (field, v) in [
            ("call_hours", l.call_hours),
            ("call_hours_reverse", l.call_hours_reverse),
        ] {
            if let Some(v) = v {
                self.c.number(field, v, 0.0, MAX_LEG_HOURS, &l.source);
                if self.mode.is_some_and(|m| m != Mode::Sea) {
                    self.c.problem(field, "only sea links have port calls");
                }
            }
        }
        if l.oneway && l.call_hours_reverse.is_some() {
            self.c.problem(
                "call_hours_reverse",
                "a one-way link has no reverse direction",
            );
        }
    }

    /// The tariff and the waits for a departure, each in range.
    fn tariffs_and_waits(&mut self) {
        let (l, c) = (self.l, &mut self.c);
        if let Some(v) = l.usd_per_km {
            c.number("usd_per_km", v, 0.0, MAX_USD_PER_KM, &l.source);
        }
        if let Some(v) = l.usd_fixed {
            c.number("usd_fixed", v, 0.0, MAX_USD, &l.source);
        }
        if let Some(v) = l.wait_hours {
            c.number("wait_hours", v, 0.0, MAX_LEG_HOURS, &l.source);
        }
        if let Some(v) = l.wait_hours_reverse {
            c.number("wait_hours_reverse", v, 0.0, MAX_LEG_HOURS, &l.source);
            c.sourced("wait_hours", &l.source);
        }
    }

    /// The status, and the year a link not yet operating opens.
    fn opening(&mut self) -> (Status, Option<i32>) {
        let (l, c) = (self.l, &mut self.c);
        let status = match &l.status {
            None => Status::Operating,
            Some(s) => Status::parse(s).unwrap_or_else(|| {
                c.problem(
                    "status",
                    format!(
                        "unknown status `{s}` (expected operating, under_construction or planned)"
                    ),
                );
                Status::Operating
            }),
        };
        let available_from = l.available_from.map(|y| {
            c.number("available_from", y as f64, 1800.0, 2100.0, &l.source);
            y as i32
        });
        if status != Status::Operating && available_from.is_none() {
            c.problem(
                "available_from",
                format!(
                    "missing: a link that is {} needs the year it opens",
                    status.as_str()
                ),
            );
        }
        (status, available_from)
    }

    /// The countries crossed between the ends are country codes.
    fn transit_countries(&mut self) {
        for cc in &self.l.transit_countries {
            if !is_country(cc) {
                self.c.problem(
                    "transit_countries",
                    format!("`{cc}` is not an ISO 3166-1 alpha-2 code"),
                );
            }
        }
    }

    /// The traction (rail links only); a vessel class (sea links only).
    fn traction_and_vessel(&mut self) -> Option<Traction> {
        let (l, c) = (self.l, &mut self.c);
        let traction = match (&l.traction, self.mode) {
            (None, _) => None,
            (Some(t), Some(Mode::Rail)) => {
                let t2 = Traction::parse(t);
                if t2.is_none() {
                    c.problem(
                        "traction",
                        format!("unknown traction `{t}` (expected electric or diesel)"),
                    );
                }
                t2
            }
            (Some(_), _) => {
                c.problem("traction", "only rail links have a traction");
                None
            }
        };
        if l.vessel.is_some() && self.mode.is_some_and(|m| m != Mode::Sea) {
            c.problem("vessel", "only sea links have a vessel class");
        }
        traction
    }

    /// The border: a `[link.border]` table on a link between countries (a land link needs one),
    /// its dwell hours and fees in range.
    fn border(&mut self) -> Option<Border> {
        let (l, nodes) = (self.l, self.cx.nodes);
        let (from, to) = (self.from, self.to);
        let cross_border = match (from, to) {
            (Some(a), Some(b)) => nodes[a].country != nodes[b].country,
            _ => false,
        };
        match &l.border {
            Some(b) => {
                let text = self.c.text;
                let bstart = text
                    .subtable(self.c.start, "[link.border]")
                    .unwrap_or(self.c.start);
                let mut c = Checker {
                    text,
                    start: bstart,
                    prefix: "link.border.",
                    problems: &mut *self.c.problems,
                };
                if !cross_border && from.is_some() && to.is_some() {
                    c.problem(
                        "hours",
                        "a [link.border] on a link whose ends lie in the same country",
                    );
                }
                c.number("hours", b.hours, 0.0, MAX_LEG_HOURS, &b.source);
                c.number("usd", b.usd, 0.0, MAX_USD, &b.source);
                if let Some(v) = b.hours_reverse {
                    c.number("hours_reverse", v, 0.0, MAX_LEG_HOURS, &b.source);
                }
                if let Some(v) = b.usd_reverse {
                    c.number("usd_reverse", v, 0.0, MAX_USD, &b.source);
                }
                c.unused_sources(&b.source, &["hours", "usd"]);
                Some(Border {
                    hours: [b.hours, b.hours_reverse.unwrap_or(b.hours)],
                    usd: [b.usd, b.usd_reverse.unwrap_or(b.usd)],
                })
            }
            None => {
                // Sea cargo clears customs at the port of discharge (in its rail_sea handling),
                // not on the water, so a sea link may omit the table; land links may not.
                if let (true, Some(a), Some(b)) =
                    (cross_border && self.mode != Some(Mode::Sea), from, to)
                {
                    self.c.problem(
                        "border",
                        format!(
                            "the ends lie in {} and {}: a cross-border link needs a [link.border] table with dwell hours and fees",
                            nodes[a].country,
                            nodes[b].country
                        ),
                    );
                }
                None
            }
        }
    }

    /// The link's sources, its border's as `border.FIELD`.
    fn sources(&self, shared: &mut Shared) -> Sources {
        let l = self.l;
        let border: Vec<(String, &str)> = l
            .border
            .iter()
            .flat_map(|b| &b.source)
            .map(|(k, v)| (format!("border.{k}"), v.as_str()))
            .collect();
        let pairs = l
            .source
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(border.iter().map(|(k, v)| (k.as_str(), *v)))
            .collect();
        shared.sources(pairs)
    }
}
