//! The range each input is varied over: the one the data state, else ±50 % of its value, or the
//! one the user gives.
//!
//! The data state a range in two ways. A `[[variability]]` record gives the distribution of a
//! component's hours (a link's wait, call, running time or border dwell, a facility's hours):
//! its bounds where it has them (triangular, uniform, empirical: min–max), else its 5th and 95th
//! percentiles (normal, lognormal, exponential), scaled to the component's value as the network
//! holds it. That is the component's spread from shipment to shipment, wider than the
//! uncertainty of its mean, so it is an upper bound of what the estimate could be. And an
//! estimate's source text may say "range A-B" (or "A–B"), taken when the value lies inside it (so
//! that a range of another quantity in the same text is not taken).

use crate::network::distribution::Distribution;
use crate::network::{Component, Network, Part};

use super::inputs::{Input, RangeKind, RecordKind};

/// The z of the 95th percentile of the standard normal.
const Z95: f64 = 1.644_853_626_951_472_2;
/// The z of the 90th percentile.
const Z90: f64 = 1.281_551_565_544_600_4;

/// Puts on each input the range the data state, else ±50 % of its value.
pub(super) fn assign(net: &Network, inputs: &mut [Input]) {
    for i in inputs.iter_mut() {
        let stated =
            variability(net, i).or_else(|| i.source.as_deref().and_then(|s| text(s, i.value)));
        match stated {
            Some((lo, hi, how)) if lo < hi => {
                i.range = (lo, hi);
                i.range_kind = RangeKind::Stated { how };
            }
            _ => {
                i.range = default_range(i);
                i.range_kind = RangeKind::Default;
            }
        }
    }
}

/// ±50 % of the value, within what the field allows (a winter factor stays ≤ 1; a whole number
/// stays ≥ 1).
fn default_range(i: &Input) -> (f64, f64) {
    let v = i.value;
    let (mut lo, mut hi) = (0.5 * v, 1.5 * v);
    if i.field == "winter_factor" {
        hi = hi.min(1.0);
    }
    if i.whole {
        lo = lo.round().max(1.0);
        hi = hi.round().max(lo);
    }
    (lo, hi)
}

/// The variability record drawing this input's component, if any: its stated bounds or P5–P95,
/// scaled from the hours it describes to the value the network holds.
fn variability(net: &Network, i: &Input) -> Option<(f64, f64, String)> {
    let part = match (i.kind, i.field.as_str()) {
        (RecordKind::Link, "wait_hours") => Some(Part::Wait),
        (RecordKind::Link, "call_hours") => Some(Part::Call),
        (RecordKind::Link, "hours") => Some(Part::Run),
        (RecordKind::Link, "border.hours") => Some(Part::Border),
        _ => None,
    };
    let transfer_kind = (i.kind == RecordKind::Transfer)
        .then(|| {
            i.field
                .strip_prefix("transfer.")
                .and_then(|r| r.strip_suffix(".hours"))
        })
        .flatten();
    for v in &net.variability {
        let Some(d) = &v.distribution else { continue };
        for c in &v.applies {
            let loaded = match c {
                Component::Link {
                    link,
                    part: p,
                    loaded,
                } if Some(*p) == part && *link == i.record => loaded[0],
                Component::Transfer { node, kind, loaded }
                    if *node == i.record && Some(kind.as_str()) == transfer_kind =>
                {
                    *loaded
                }
                _ => continue,
            };
            let (lo, hi, how) = bounds(d)?;
            if loaded.is_nan() || loaded <= 0.0 {
                return None;
            }
            let scale = i.value / loaded;
            return Some((
                lo * scale,
                hi * scale,
                format!("[[variability]] {}: {} {how}", v.id, d.kind()),
            ));
        }
    }
    None
}

/// A distribution's bounds (min–max where it has them) or its 5th and 95th percentiles.
pub(super) fn bounds(d: &Distribution) -> Option<(f64, f64, &'static str)> {
    Some(match d {
        Distribution::Fixed { .. } => return None,
        Distribution::Normal { mean, sd } => {
            ((mean - Z95 * sd).max(0.0), mean + Z95 * sd, "P5–P95")
        }
        Distribution::Lognormal { median, p90 } => {
            let s = (p90 / median).ln() / Z90;
            (
                median * (-Z95 * s).exp(),
                median * (Z95 * s).exp(),
                "P5–P95",
            )
        }
        Distribution::Triangular { min, max, .. } | Distribution::Uniform { min, max } => {
            (*min, *max, "min–max")
        }
        Distribution::Exponential { mean } => {
            (-mean * 0.95f64.ln(), -mean * 0.05f64.ln(), "P5–P95")
        }
        Distribution::Empirical { values } => (
            values.iter().copied().fold(f64::INFINITY, f64::min),
            values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            "min–max",
        ),
    })
}

/// "range A-B" (or "A–B", "A to B") in a source text, when `value` lies inside it.
pub(super) fn text(source: &str, value: f64) -> Option<(f64, f64, String)> {
    let lower = source.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("range") {
        let start = from + at + "range".len();
        from = start;
        let rest = lower[start..].trim_start_matches([' ', ':', '(']);
        let Some((a, rest)) = number(rest) else {
            continue;
        };
        let rest = rest.trim_start();
        let rest = ["-", "–", "to "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
            .map(str::trim_start);
        let Some((b, _)) = rest.and_then(number) else {
            continue;
        };
        if a < b && (a..=b).contains(&value) {
            return Some((a, b, "source text".into()));
        }
    }
    None
}

/// A number at the start of `s` (digits, thousands commas, one decimal point), and the rest.
fn number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || (c == ',' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .map_or(s.len(), |(i, _)| i);
    let digits: String = s[..end].trim_end_matches('.').replace(',', "");
    let v: f64 = digits.parse().ok()?;
    Some((v, &s[digits_len(s, end)..]))
}

/// Where the number ends (a trailing full stop is the sentence's, not the number's).
fn digits_len(s: &str, end: usize) -> usize {
    if s[..end].ends_with('.') {
        end - 1
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_in_the_source_is_taken_when_the_value_lies_inside_it() {
        let s = "estimate: 818 x (459/306)^0.60 = USD 1,044, rounded to 1,040 (range 1,017-1,075). Lower";
        assert_eq!(
            text(s, 1040.0),
            Some((1017.0, 1075.0, "source text".into()))
        );
        // Another quantity's range: not taken.
        assert_eq!(text(s, 20.0), None);
        assert_eq!(
            text("Range 0.027-0.042; 0.040 is", 0.04).map(|r| (r.0, r.1)),
            Some((0.027, 0.042))
        );
        assert_eq!(
            text("range 3 to 9 h.", 4.0).map(|r| (r.0, r.1)),
            Some((3.0, 9.0))
        );
        assert_eq!(text("no range here", 4.0), None);
        assert_eq!(text("an arrangement 1-9", 4.0), None);
    }

    #[test]
    fn distribution_bounds_are_their_limits_or_percentiles() {
        let (lo, hi, how) = bounds(&Distribution::Uniform { min: 2.0, max: 5.0 }).unwrap();
        assert_eq!((lo, hi, how), (2.0, 5.0, "min–max"));
        let (lo, hi, _) = bounds(&Distribution::Normal {
            mean: 10.0,
            sd: 1.0,
        })
        .unwrap();
        assert!((lo - 8.355).abs() < 1e-3 && (hi - 11.645).abs() < 1e-3);
        // A lognormal's P95 is median × (p90 / median)^(z95 / z90).
        let (_, hi, _) = bounds(&Distribution::Lognormal {
            median: 10.0,
            p90: 20.0,
        })
        .unwrap();
        assert!((hi - 10.0 * 2f64.powf(Z95 / Z90)).abs() < 1e-9);
        assert!(bounds(&Distribution::Fixed { value: 1.0 }).is_none());
    }
}
