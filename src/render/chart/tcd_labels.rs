//! The labels of the time/cost-distance chart's vertical jumps (its bottlenecks): their texts in
//! the panel's unit, the order they are labelled in, and the greedy, overlap-free search for a
//! box next to each jump or farther out with a leader line ([`tcd_jump_labels`]).

use plotters::style::text_anchor::HPos;

use crate::network::TransferKind;
use crate::render::caption::Caption;
use crate::render::chart::series::{cumulative, Series};
use crate::render::chart::tcd_layout::{jump_extra, tcd_layout, Panel, PanelLayout, TcdLayout};
use crate::render::format::format_usd;
use crate::render::geom::{segments_cross, Rect};
use crate::render::labels::{text_size, LabelRequest, Position};
use crate::routing::{Step, StepKind};

/// A leader line: from its label's box to its jump, pixels.
pub type Leader = ((f64, f64), (f64, f64));

/// A label of one of the largest vertical jumps, as placed on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpLabel {
    /// The panel it belongs to.
    pub panel: Panel,
    /// Index of the series.
    pub series: usize,
    /// Index of the step in the series' route.
    pub step: usize,
    /// The text, e.g. "Dostyk border 1.3 d" or "Aktau transfer $100" (in the panel's unit).
    pub text: String,
    /// Midpoint of the vertical segment, pixels.
    pub anchor: (f64, f64),
    /// The text box, pixels.
    pub rect: Rect,
    /// The leader line (start on the box's edge, end at `anchor`), pixels, when the box had to
    /// be moved away from its jump; `None` when it sits next to it.
    pub leader: Option<Leader>,
}

/// How many jump labels each TCD panel gets.
const JUMP_LABELS_PER_PANEL: usize = 8;

/// What a transfer step is called on a chart: "gauge change", "transhipment" or "transfer".
fn transfer_words(step: &Step) -> &'static str {
    match step.transfer {
        Some(TransferKind::Gauge) => "gauge change",
        Some(TransferKind::Transship) => "transhipment",
        _ => "transfer",
    }
}

/// A duration in days, the unit of the time axis: "1.3 d", "0.25 d" below a day (two decimals,
/// so that a few hours do not read "0.0 d").
fn format_days(hours: f64) -> String {
    let d = hours / 24.0;
    if d < 0.995 {
        format!("{d:.2} d")
    } else {
        format!("{d:.1} d")
    }
}

fn jump_text(step: &Step, panel: Panel, names: &dyn Fn(&str) -> String) -> String {
    let what = match step.kind {
        StepKind::Transfer => transfer_words(step),
        k => k.as_str(),
    };
    format!("{} {} {}", names(&step.from), what, jump_value(step, panel))
}

/// A jump's label without what happens there ("Alashankou 1.3 d"), for where the whole one
/// does not fit.
fn short_jump_text(step: &Step, panel: Panel, names: &dyn Fn(&str) -> String) -> String {
    format!("{} {}", names(&step.from), jump_value(step, panel))
}

/// The size of a jump, in the panel's unit.
fn jump_value(step: &Step, panel: Panel) -> String {
    match panel {
        Panel::Time => format_days(step.metrics.hours),
        Panel::Cost => format_usd(step.metrics.usd),
    }
}

/// A vertical segment of a panel: (series, step, pixel x, pixel y0, pixel y1), y0 ≥ y1.
type Segment = (usize, usize, f64, f64, f64);

/// The vertical segments of a panel: (series, step, pixel x, pixel y0, pixel y1), y0 ≥ y1.
fn vertical_segments(lay: &TcdLayout, p: &PanelLayout, series: &[Series]) -> Vec<Segment> {
    let mut out = Vec::new();
    for (i, sr) in series.iter().enumerate() {
        let pts = cumulative(&sr.route);
        for (j, step) in sr.route.steps.iter().enumerate() {
            if step.metrics.km == 0.0 && p.value(&pts[j + 1]) > p.value(&pts[j]) {
                let (x, y0) = p.px(&lay.x, pts[j].km, p.value(&pts[j]));
                let (_, y1) = p.px(&lay.x, pts[j + 1].km, p.value(&pts[j + 1]));
                out.push((i, j, x.round(), y0.round(), y1.round()));
            }
        }
    }
    out
}

/// Small boxes along every series line of a panel, for labels to keep clear of.
fn line_obstacles(lay: &TcdLayout, p: &PanelLayout, series: &[Series]) -> Vec<Rect> {
    let mut out = Vec::new();
    for (i, sr) in series.iter().enumerate() {
        let half = lay.widths[i] / 2.0 + 1.0;
        let pts: Vec<(f64, f64)> = cumulative(&sr.route)
            .iter()
            .map(|q| p.px(&lay.x, q.km, p.value(q)))
            .collect();
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let n = (len / 4.0).ceil().max(1.0) as usize;
            for k in 0..=n {
                let t = k as f64 / n as f64;
                let c = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                out.push(Rect::from_xywh(
                    c.0 - half,
                    c.1 - half,
                    2.0 * half,
                    2.0 * half,
                ));
            }
        }
    }
    out
}

/// The least space between two jump labels, pixels.
const LABEL_PAD: f64 = 2.0;

/// The distances, as multiples of the gap next to a segment, at which a label that does not fit
/// next to its jump is tried, nearest first: the short ones before a label may cross a line, the
/// long ones after.
const LEADER_SHORT: [f64; 3] = [2.2, 3.2, 4.5];
const LEADER_LONG: [f64; 3] = [6.5, 9.0, 12.5];

/// The order in which a panel's jumps are labelled: each series' largest jump first (largest
/// first), then every other jump by size; ties in series, then step order.
fn label_order(segs: &[Segment], size: &dyn Fn(usize) -> f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..segs.len()).collect();
    // A stable sort: ties keep series, then step order.
    order.sort_by(|a, b| size(*b).total_cmp(&size(*a)));
    let mut firsts: Vec<usize> = Vec::new();
    for &k in &order {
        if !firsts.iter().any(|&f| segs[f].0 == segs[k].0) {
            firsts.push(k);
        }
    }
    let rest = order.iter().copied().filter(|k| !firsts.contains(k));
    firsts.iter().copied().chain(rest).collect()
}

/// The jump labels of both panels of a laid-out chart, each panel's in label order.
pub(crate) fn jump_labels(
    lay: &TcdLayout,
    series: &[Series],
    names: &dyn Fn(&str) -> String,
) -> Vec<JumpLabel> {
    let mut out = Vec::new();
    for p in &lay.panels {
        let segs = vertical_segments(lay, p, series);
        let size = |k: usize| {
            let (i, j, ..) = segs[k];
            let st = &series[i].route.steps[j];
            match p.panel {
                Panel::Time => st.metrics.hours,
                Panel::Cost => st.metrics.usd,
            }
        };
        let order = label_order(&segs, &size);
        let panel = PanelJumps::new(lay, p, series, names, segs);
        if order.is_empty() {
            continue;
        }
        out.extend(panel.best_labels(&order));
    }
    out
}

/// One panel's jumps and what their labels must keep clear of.
struct PanelJumps {
    panel: Panel,
    /// The vertical segments, as from [`vertical_segments`].
    segs: Vec<Segment>,
    /// The label text of each segment.
    texts: Vec<String>,
    /// The same without what happens there, for where the whole text does not fit.
    short_texts: Vec<String>,
    /// The segments' boxes (line width included).
    obstacles: Vec<Rect>,
    /// The segments themselves (zero-width boxes).
    jumps: Vec<Rect>,
    /// Small boxes along the series lines.
    lines: Vec<Rect>,
    bounds: Rect,
    gap: f64,
    label_px: f64,
    limit: usize,
}

impl PanelJumps {
    /// The jumps of panel `p` with their label texts, and everything their labels keep clear
    /// of.
    fn new(
        lay: &TcdLayout,
        p: &PanelLayout,
        series: &[Series],
        names: &dyn Fn(&str) -> String,
        segs: Vec<Segment>,
    ) -> PanelJumps {
        let extra = jump_extra(lay.sz.s);
        // Diagonal candidates sit `gap / √2` to the side: keep them clear of the widest
        // segment at the anchor.
        let widest = lay.widths.iter().copied().fold(0.0f64, f64::max);
        PanelJumps {
            panel: p.panel,
            texts: segs
                .iter()
                .map(|&(i, j, ..)| jump_text(&series[i].route.steps[j], p.panel, names))
                .collect(),
            short_texts: segs
                .iter()
                .map(|&(i, j, ..)| short_jump_text(&series[i].route.steps[j], p.panel, names))
                .collect(),
            // Labels keep clear of every vertical segment (the bottlenecks themselves).
            obstacles: segs
                .iter()
                .map(|&(i, _, x, y0, y1)| {
                    let half = (lay.widths[i] + extra) / 2.0 + 1.0;
                    Rect {
                        x0: x - half,
                        y0: y1 - half,
                        x1: x + half,
                        y1: y0 + half,
                    }
                })
                .collect(),
            jumps: segs
                .iter()
                .map(|&(_, _, x, y0, y1)| Rect {
                    x0: x,
                    y0: y1,
                    x1: x,
                    y1: y0,
                })
                .collect(),
            lines: line_obstacles(lay, p, series),
            bounds: p.plot.inflate(-3.0),
            gap: ((widest + extra) / 2.0 + 1.0) * std::f64::consts::SQRT_2 + 3.0 * lay.sz.s,
            label_px: lay.sz.label_px,
            limit: JUMP_LABELS_PER_PANEL.max(series.len()),
            segs,
        }
    }

    /// The labels of the best greedy pass over the jumps in `order` (non-empty), in that order.
    fn best_labels(&self, order: &[usize]) -> Vec<JumpLabel> {
        // Each series' largest jump leads the order; where the greedy pass leaves one of them
        // out, the pass is run again with that jump moved to the front, and the pass labelling
        // most of them (the first of equals) is kept, provided it labels the panel's largest.
        let firsts: Vec<usize> = {
            let mut seen: Vec<usize> = Vec::new();
            order
                .iter()
                .copied()
                .filter(|&k| {
                    let fresh = !seen.contains(&self.segs[k].0);
                    seen.push(self.segs[k].0);
                    fresh
                })
                .collect()
        };
        let mut best: Option<((usize, usize), Vec<JumpLabel>)> = None;
        for clear_first in [true, false] {
            let mut attempt = order.to_vec();
            for _ in 0..=firsts.len() {
                let (labels, covered) = self.place(&attempt, attempt[0] == order[0], clear_first);
                // Series' largest jumps labelled, then series with a label at all.
                let mut with_label: Vec<usize> = labels.iter().map(|l| l.series).collect();
                with_label.extend(covered.iter().map(|&k| self.segs[k].0));
                with_label.sort_unstable();
                with_label.dedup();
                let score = (
                    firsts.iter().filter(|k| covered.contains(k)).count(),
                    with_label.len(),
                );
                if covered.contains(&order[0]) && best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, labels));
                }
                match firsts.iter().find(|k| !covered.contains(k)) {
                    Some(&m) if attempt[0] != m => {
                        attempt.retain(|&k| k != m);
                        attempt.insert(0, m);
                    }
                    _ => break,
                }
            }
        }
        let mut labels = best.map(|(_, l)| l).unwrap_or_default();
        let rank = |l: &JumpLabel| {
            order
                .iter()
                .position(|&k| (self.segs[k].0, self.segs[k].1) == (l.series, l.step))
        };
        labels.sort_by_key(rank);
        labels
    }

    /// One greedy pass over the segments in `order`: the labels placed and the segments they
    /// cover (a segment is covered by its own label or by the same text at the same place).
    /// With `first_always`, the first segment is labelled even where nothing is free.
    fn place(
        &self,
        order: &[usize],
        first_always: bool,
        clear_first: bool,
    ) -> (Vec<JumpLabel>, Vec<usize>) {
        let mut chosen: Vec<JumpLabel> = Vec::new();
        let mut covered: Vec<usize> = Vec::new();
        for (n, &k) in order.iter().enumerate() {
            let (i, j, x, y0, y1) = self.segs[k];
            let (text, short) = (&self.texts[k], &self.short_texts[k]);
            let anchor = (x, ((y0 + y1) / 2.0).round());
            // The same event of two series drawn at the same place is labelled once.
            let dup = chosen.iter().any(|c| {
                (c.text == *text || c.text == *short)
                    && (c.anchor.0 - anchor.0).abs() < 4.0
                    && (c.anchor.1 - anchor.1).abs() < 4.0
            });
            if dup {
                covered.push(k);
                continue;
            }
            if chosen.len() == self.limit {
                continue;
            }
            let size = text_size(text, self.label_px);
            let place = |size| self.find_box(anchor, size, &chosen, clear_first);
            let mut used = text;
            let placed = place(size)
                .or_else(|| {
                    // Where the whole text finds no room, the place and the size alone.
                    let found = place(text_size(short, self.label_px));
                    if found.is_some() {
                        used = short;
                    }
                    found
                })
                .or_else(|| (n == 0 && first_always).then(|| self.forced_box(anchor, size)));
            if let Some((rect, leader)) = placed {
                covered.push(k);
                chosen.push(JumpLabel {
                    panel: self.panel,
                    series: i,
                    step: j,
                    text: used.clone(),
                    anchor,
                    rect,
                    leader,
                });
            }
        }
        (chosen, covered)
    }

    /// Finds a box for one jump label: next to its jump clear of the series lines; else a little
    /// farther out, joined by a leader line; else next to it or a little farther across a line
    /// (its halo keeps it legible); else far out, with a long leader. A box never overlaps a chosen
    /// label, a leader line, a bottleneck segment or the panel's edge, and its leader never crosses
    /// a chosen label or leader. `None` when nothing fits.
    fn find_box(
        &self,
        anchor: (f64, f64),
        size: (f64, f64),
        chosen: &[JumpLabel],
        clear_first: bool,
    ) -> Option<(Rect, Option<Leader>)> {
        let PanelJumps {
            gap,
            bounds,
            obstacles,
            jumps,
            lines,
            ..
        } = self;
        let (gap, bounds) = (*gap, *bounds);
        let tiers: Vec<(&[f64], bool)> = if clear_first {
            vec![
                (&[1.0], true),
                (&LEADER_SHORT, true),
                (&[1.0], false),
                (&LEADER_SHORT, false),
                (&LEADER_LONG, true),
                (&LEADER_LONG, false),
            ]
        } else {
            vec![
                (&[1.0], false),
                (&LEADER_SHORT, false),
                (&LEADER_LONG, false),
            ]
        };
        let leaders: Vec<Leader> = chosen.iter().filter_map(|c| c.leader).collect();
        let fits = |r: &Rect, clear_of_lines: bool| {
            bounds.contains_rect(r)
                && !obstacles.iter().any(|o| o.overlaps(r))
                && !chosen.iter().any(|c| c.rect.inflate(LABEL_PAD).overlaps(r))
                && !leaders.iter().any(|&(a, b)| r.crosses_segment(a, b))
                && (!clear_of_lines || !lines.iter().any(|o| o.overlaps(r)))
        };
        for (factors, clear_of_lines) in tiers {
            for f in factors {
                // Of the boxes that fit at this distance, the first whose leader crosses (or runs
                // along) the fewest series lines.
                let mut best: Option<(usize, Rect, Option<Leader>)> = None;
                for r in candidate_boxes(anchor, size, gap * f) {
                    if !fits(&r, clear_of_lines) {
                        continue;
                    }
                    let leader = leader_from(r, anchor, gap).or_else(|| {
                        // A box next to its jump but nearer another bottleneck still gets a
                        // (short) leader, so that it cannot be read as that one's.
                        let near = r.nearest_point(anchor);
                        let own = (near.0 - anchor.0).hypot(near.1 - anchor.1);
                        let nearer = jumps.iter().any(|j| {
                            let mid = (j.x0, ((j.y0 + j.y1) / 2.0).round());
                            mid != anchor && rect_distance(j, &r) < own
                        });
                        nearer.then(|| (leader_start(r, anchor), anchor))
                    });
                    let mut over_lines = 0;
                    if let Some((a, b)) = leader {
                        // Within `gap` of the anchor the leader runs over its own jump and the
                        // steps joined to it; past that it must not cross another bottleneck.
                        let len = (a.0 - b.0).hypot(a.1 - b.1);
                        let t = (1.0 - gap / len).max(0.0);
                        let outer = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                        let crosses = chosen.iter().any(|c| c.rect.crosses_segment(a, b))
                            || leaders.iter().any(|&(c, d)| segments_cross(a, b, c, d))
                            || obstacles.iter().any(|o| o.crosses_segment(a, outer));
                        if crosses {
                            continue;
                        }
                        over_lines = lines.iter().filter(|o| o.crosses_segment(a, outer)).count();
                    }
                    if best.as_ref().is_none_or(|(n, ..)| over_lines < *n) {
                        best = Some((over_lines, r, leader));
                    }
                    if over_lines == 0 {
                        break;
                    }
                }
                if let Some((_, r, leader)) = best {
                    return Some((r, leader));
                }
            }
        }
        None
    }

    /// Where nothing is free: a box next to its jump inside the panel (the first of the eight
    /// positions that fits, else the right one pushed inside), joined by a leader if it had to
    /// move away.
    fn forced_box(&self, anchor: (f64, f64), size: (f64, f64)) -> (Rect, Option<Leader>) {
        let gap = self.gap;
        let req = LabelRequest { anchor, size, gap };
        let r = Position::ALL
            .iter()
            .map(|q| q.rect(&req))
            .find(|r| self.bounds.contains_rect(r))
            .unwrap_or_else(|| {
                let r = Position::East.rect(&req);
                let b = self.bounds;
                let dx = (b.x1 - r.x1).min(0.0).max(b.x0 - r.x0);
                let dy = (b.y1 - r.y1).min(0.0).max(b.y0 - r.y0);
                Rect::from_xywh(r.x0 + dx, r.y0 + dy, size.0, size.1)
            });
        (r, leader_from(r, anchor, gap))
    }
}

/// The leader line of a label box placed away from its anchor: from [`leader_start`] to the
/// anchor; `None` when the box sits next to the anchor (no farther than the gap of
/// [`Position::rect`]).
fn leader_from(rect: Rect, anchor: (f64, f64), gap: f64) -> Option<Leader> {
    let near = rect.nearest_point(anchor);
    let d = (near.0 - anchor.0).hypot(near.1 - anchor.1);
    (d > gap * 1.05).then(|| (leader_start(rect, anchor), anchor))
}

/// Where a leader leaves its label's box, rounded to pixels: the middle of the side facing the
/// anchor when the anchor is beside the box, else the point of the top or bottom edge right
/// above or below the anchor (never a corner two stacked labels would share).
fn leader_start(rect: Rect, anchor: (f64, f64)) -> (f64, f64) {
    let p = if anchor.0 < rect.x0 || anchor.0 > rect.x1 {
        (rect.nearest_point(anchor).0, (rect.y0 + rect.y1) / 2.0)
    } else {
        rect.nearest_point(anchor)
    };
    (p.0.round(), p.1.round())
}

/// The distance between two rectangles (0 when they touch or overlap).
fn rect_distance(a: &Rect, b: &Rect) -> f64 {
    let dx = (a.x0 - b.x1).max(b.x0 - a.x1).max(0.0);
    let dy = (a.y0 - b.y1).max(b.y0 - a.y1).max(0.0);
    dx.hypot(dy)
}

/// The boxes of size `(w, h)` a label may take at distance `d` from its anchor, in order of
/// preference: the eight of [`Position`] (right, above right, below right, left, above left,
/// below left, above, below), then above and below reaching rightwards or leftwards from the
/// anchor (so that a jump near a panel's side can be labelled straight above or below it), then
/// eight directions between those.
fn candidate_boxes(anchor: (f64, f64), (w, h): (f64, f64), d: f64) -> Vec<Rect> {
    let req = LabelRequest {
        anchor,
        size: (w, h),
        gap: d,
    };
    let (ax, ay) = anchor;
    let reach = (w / 2.0 - 6.0).max(0.0);
    let mut out: Vec<Rect> = Position::ALL.iter().map(|q| q.rect(&req)).collect();
    for y in [ay - d - h, ay + d] {
        for x in [ax - w / 2.0 + reach, ax - w / 2.0 - reach] {
            out.push(Rect::from_xywh(x, y, w, h));
        }
    }
    // The directions between those (22.5° off each), the box touching the point at distance
    // `d` with its near corner.
    for deg in [22.5f64, -22.5, 67.5, -67.5, 157.5, -157.5, 112.5, -112.5] {
        let (sin, cos) = deg.to_radians().sin_cos();
        let (px, py) = (ax + d * cos, ay - d * sin);
        let x = if cos > 0.0 { px } else { px - w };
        let y = if sin > 0.0 { py - h } else { py };
        out.push(Rect::from_xywh(x, y, w, h));
    }
    out
}

/// How a jump label is aligned in its box: towards its anchor, so that the text's near end
/// sits at the box's near edge whatever the viewer's font makes of its width.
pub(crate) fn label_hpos(l: &JumpLabel) -> HPos {
    let third = l.rect.width() / 3.0;
    if l.anchor.0 < l.rect.x0 + third {
        HPos::Left
    } else if l.anchor.0 > l.rect.x1 - third {
        HPos::Right
    } else {
        HPos::Center
    }
}

/// The labels of the largest vertical jumps exactly as
/// [`render_tcd`](crate::render::chart::render_tcd) places them, with their boxes and leader
/// lines in pixels: up to eight per panel (or one per series, if more), each series' largest
/// jump first, then the others by size. A label sits next to its jump where there is room and
/// is otherwise moved away and joined to the jump by a leader line; a jump whose label fits
/// nowhere is passed over for the next, except the panel's largest, which is always labelled.
/// Boxes never overlap each other or a leader line and stay inside the panel; leader lines never
/// cross a box or each other; no box covers a vertical segment, except the panel's largest
/// jump's where no room was left at all.
pub fn tcd_jump_labels(
    caption: &Caption,
    series: &[Series],
    names: &dyn Fn(&str) -> String,
    width_px: u32,
) -> Vec<JumpLabel> {
    let lay = tcd_layout(caption, series, width_px);
    jump_labels(&lay, series, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_in_days() {
        assert_eq!(format_days(31.0), "1.3 d");
        assert_eq!(format_days(80.0), "3.3 d");
        assert_eq!(format_days(24.0), "1.0 d");
        assert_eq!(format_days(6.0), "0.25 d");
        assert_eq!(format_days(1.0), "0.04 d");
    }
}
