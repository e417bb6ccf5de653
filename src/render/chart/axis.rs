//! Linear value axes from 0 with "nice" ticks (1, 2, 2.5 or 5 × 10^k) and their labels, with
//! thousands separators from [`crate::text::grouped`].

/// A linear axis from 0 to `max` with ticks every `step`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Axis {
    /// The axis' end.
    pub max: f64,
    /// The distance between ticks.
    pub step: f64,
    /// Decimals of the tick labels.
    pub decimals: usize,
}

impl Axis {
    /// At most `target` intervals covering `0..=data_max` with a little headroom.
    pub(crate) fn nice(data_max: f64, target: f64) -> Axis {
        let data_max = if data_max.is_finite() && data_max > 0.0 {
            data_max
        } else {
            1.0
        };
        let top = data_max * 1.04;
        let step = nice_step(top / target);
        let max = (top / step).ceil() * step;
        Axis::with_step(max, step)
    }

    /// An axis ending at `max` (not necessarily on a tick), with about `target` ticks.
    pub(crate) fn open(max: f64, target: f64) -> Axis {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        Axis::with_step(max, nice_step(max / target))
    }

    pub(crate) fn with_step(max: f64, step: f64) -> Axis {
        let decimals = (0..4)
            .find(|d| {
                let v = step * 10f64.powi(*d as i32);
                (v - v.round()).abs() < 1e-6 * v.max(1.0)
            })
            .unwrap_or(3);
        Axis {
            max,
            step,
            decimals,
        }
    }

    pub(crate) fn ticks(&self) -> Vec<f64> {
        let n = (self.max / self.step + 1e-9).floor() as usize;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }

    pub(crate) fn label(&self, v: f64) -> String {
        crate::text::grouped(v, self.decimals)
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ `raw`.
pub(crate) fn nice_step(raw: f64) -> f64 {
    let raw = raw.max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|v| *v >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axes() {
        assert_eq!(nice_step(0.9), 1.0);
        assert_eq!(nice_step(1.1), 2.0);
        assert_eq!(nice_step(2.2), 2.5);
        assert_eq!(nice_step(1300.0), 2000.0);
        let a = Axis::nice(10234.0, 8.0);
        assert_eq!(a.step, 2000.0);
        assert_eq!(a.max, 12000.0);
        assert_eq!(a.label(10000.0), "10,000");
        let b = Axis::nice(3.4, 6.0);
        assert_eq!((b.step, b.decimals), (1.0, 0));
        let c = Axis::nice(2.4, 6.0);
        assert_eq!((c.step, c.decimals), (0.5, 1));
        assert_eq!(c.label(1.5), "1.5");
        let d = Axis::nice(0.0, 6.0);
        assert!(d.max > 0.0);
    }
}
