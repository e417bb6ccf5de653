//! The map's scale bar: a round length of ground kilometres ([`ScaleBar`]) at the scale of the
//! map's centre latitude, where the projection's point scale factor is taken
//! ([`Lcc::scale_factor`](crate::render::projection::Lcc::scale_factor)): a conformal conic's
//! scale changes with latitude, so the bar says where it holds. It is drawn in the footer, under
//! the map, so it never covers what the map shows.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use crate::render::map::view::{Sizes, View};
use crate::render::style::{draw_line, draw_text, text_style, to_i, Area, INK, MUTED};

/// The scale bar's ink (a colour no other line of a map uses, so a reader of the SVG finds it).
pub const SCALE_BAR: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);

/// A scale bar: `km` ground kilometres are `px` pixels long at latitude `lat`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScaleBar {
    /// The round length, km.
    pub km: f64,
    /// Its length on the map, pixels.
    pub px: f64,
    /// The latitude where the scale holds (the map's centre), degrees.
    pub lat: f64,
}

impl ScaleBar {
    /// The bar of a view: the longest round length (1, 2 or 5 × 10ⁿ km) at most a fifth of the
    /// map's width, at the latitude of the map's centre.
    pub(crate) fn of(view: &View) -> ScaleBar {
        let r = view.rect;
        let (_, lat) = view.lonlat(((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0));
        let px_per_km = view.k * view.proj.scale_factor(lat);
        let most = 0.2 * r.width() / px_per_km;
        let mut km = 10f64.powf(most.log10().floor());
        for f in [5.0, 2.0] {
            if km * f <= most {
                km *= f;
                break;
            }
        }
        ScaleBar {
            km,
            px: km * px_per_km,
            lat,
        }
    }

    /// The words beside the bar: "500 km (at 42°N)".
    pub fn text(&self) -> String {
        let hemisphere = if self.lat < 0.0 { 'S' } else { 'N' };
        format!(
            "{} km (at {:.0}°{hemisphere})",
            crate::text::thousands(self.km),
            self.lat.abs()
        )
    }

    /// The height the bar takes in the footer, pixels.
    pub(crate) fn height(sz: &Sizes) -> f64 {
        (sz.attribution_px * 1.8).round()
    }

    /// Draws the bar from `(x, y)`, the top left of its row: a line with end ticks and a middle
    /// tick, then its words.
    pub(crate) fn draw(&self, area: &Area, sz: &Sizes, (x, y): (f64, f64)) {
        let s = sz.s;
        let mid = y + Self::height(sz) / 2.0;
        let (x0, x1) = (x.round(), (x + self.px).round());
        let tick = (4.0 * s).max(3.0);
        let w = (2.0 * s).max(1.5);
        draw_line(area, &[to_i((x0, mid)), to_i((x1, mid))], SCALE_BAR, w);
        for tx in [x0, (x0 + x1) / 2.0, x1] {
            let t = [to_i((tx, mid - tick)), to_i((tx, mid + tick * 0.5))];
            draw_line(area, &t, SCALE_BAR, w);
        }
        let style = text_style(sz.attribution_px, INK, false, HPos::Left, VPos::Center);
        let km = format!("{} km", crate::text::thousands(self.km));
        draw_text(area, &km, (x1 + 8.0 * s, mid), &style);
        let muted = text_style(sz.attribution_px, MUTED, false, HPos::Left, VPos::Center);
        let at = crate::render::labels::text_size(&km, sz.attribution_px).0;
        let words = self.text();
        let rest = words.trim_start_matches(km.as_str()).trim_start();
        draw_text(area, rest, (x1 + 8.0 * s + at + 2.0 * s, mid), &muted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::map::spec::{Extent, MapSpec};
    use crate::render::map::view::make_view;
    use crate::render::projection::EARTH_RADIUS_KM;

    fn view_of(extent: Extent) -> View {
        let spec = MapSpec {
            title: String::new(),
            nodes: vec![],
            links: vec![],
            routes: vec![],
            extent,
            width_px: 1000,
            legend: false,
            credit: String::new(),
        };
        make_view(&spec, 40.0)
    }

    /// The bar's pixels against the projection itself: two points `km` apart on the meridian
    /// through the map's centre (an arc of `km / R` radians, exact on the sphere), projected,
    /// are as many pixels apart as the bar is long.
    #[test]
    fn the_bar_is_as_long_as_its_kilometres_at_the_centre_latitude() {
        for extent in [
            Extent::Bounds(39.0, 37.4, 52.0, 43.6),    // the Caucasus
            Extent::Bounds(-10.0, -36.0, 125.0, 60.0), // Europe to China by the Cape
            Extent::Bounds(5.0, 45.0, 40.0, 70.0),     // northern Europe
        ] {
            let view = view_of(extent);
            let bar = ScaleBar::of(&view);
            let r = view.rect;
            let (lon, lat) = view.lonlat(((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0));
            assert!((lat - bar.lat).abs() < 1e-9);
            let half = (bar.km / EARTH_RADIUS_KM).to_degrees() / 2.0;
            let (a, b) = (view.px((lon, lat - half)), view.px((lon, lat + half)));
            let measured = (a.0 - b.0).hypot(a.1 - b.1);
            assert!(
                (bar.px - measured).abs() <= 0.02 * measured,
                "{extent:?}: bar {} px for {} km, projection {measured:.1} px",
                bar.px,
                bar.km
            );
            let lead = bar.km / 10f64.powf(bar.km.log10().floor());
            assert!(
                [1.0, 2.0, 5.0].iter().any(|f| (lead - f).abs() < 1e-9),
                "{}",
                bar.km
            );
            assert!(bar.px <= 0.2 * r.width() + 1e-9 && bar.px >= 0.04 * r.width());
        }
    }

    #[test]
    fn the_bar_says_where_it_holds() {
        let bar = ScaleBar {
            km: 1000.0,
            px: 90.0,
            lat: -12.4,
        };
        assert_eq!(bar.text(), "1,000 km (at 12°S)");
    }
}
