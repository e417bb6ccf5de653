//! The words and furniture around a map ([`MapWords`]): the title band above it (the title
//! wrapped, never cut), the frame, and the footer below it (and below a legend band): the scale
//! bar and the projection on one row, then the credit line (tool and version, data year,
//! scenario) and the base map's attribution.

use plotters::style::text_anchor::{HPos, VPos};

use crate::render::caption::{CreditBlock, TitleBlock};
use crate::render::geom::Rect;
use crate::render::labels::text_size;
use crate::render::map::scale::ScaleBar;
use crate::render::map::spec::MapSpec;
use crate::render::map::symbols::FRAME;
use crate::render::map::view::{Sizes, View};
use crate::render::style::{draw_text, outline_rect, text_style, Area, MUTED};

/// The attribution printed under every map.
pub const ATTRIBUTION: &str = "Base map: Natural Earth (public domain). Boundaries illustrative.";

/// A map's title and footer texts, fitted to its width.
pub(crate) struct MapWords {
    title: TitleBlock,
    credit: CreditBlock,
}

impl MapWords {
    /// The words of `spec` on a map `width` pixels wide.
    pub fn fit(spec: &MapSpec, sz: &Sizes, width: f64) -> MapWords {
        let room = width - 24.0 * sz.s;
        // The credit's lines, then the attribution's.
        let mut credit = CreditBlock::fit(&spec.credit, sz.attribution_px, room);
        let attribution = CreditBlock::fit(ATTRIBUTION, sz.attribution_px, room);
        credit.lines.extend(attribution.lines);
        MapWords {
            title: TitleBlock::fit(&spec.title, sz.title_px, 15.0, room),
            credit,
        }
    }

    /// Height of the title band above the map.
    pub fn title_h(&self) -> f64 {
        (self.title.height() + 0.8 * self.title.px).round()
    }

    /// Height of the footer below the map (and its legend band).
    pub fn footer_h(&self, sz: &Sizes) -> f64 {
        (6.0 * sz.s + ScaleBar::height(sz) + self.credit.height() + 0.6 * sz.attribution_px).round()
    }

    /// The frame around the map, the title in the band above it and the footer below it and
    /// below a legend band of `legend_band` pixels: the scale bar left and the projection right,
    /// then the credit and attribution.
    pub fn draw(&self, area: &Area, sz: &Sizes, view: &View, legend_band: f64) {
        let s = sz.s;
        let map = view.rect;
        let frame = Rect {
            x1: map.x1 - 1.0,
            ..map
        };
        outline_rect(area, frame, FRAME, 1);
        let top = ((self.title_h() - self.title.height()) / 2.0).round();
        self.title.draw(area, (12.0 * s, top));
        let row = map.y1 + legend_band + 6.0 * s;
        ScaleBar::of(view).draw(area, sz, (12.0 * s, row));
        let proj = &view.proj;
        let proj_note = format!(
            "Lambert conformal conic, standard parallels {:.0}° and {:.0}°",
            proj.lat1, proj.lat2
        );
        let pw = text_size(&proj_note, sz.attribution_px).0;
        let style = text_style(sz.attribution_px, MUTED, false, HPos::Left, VPos::Center);
        let mid = row + ScaleBar::height(sz) / 2.0;
        draw_text(area, &proj_note, (map.x1 - 12.0 * s - pw, mid), &style);
        self.credit
            .draw(area, (12.0 * s, row + ScaleBar::height(sz)));
    }
}
