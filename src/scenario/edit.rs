//! One edit ([`Edit`], what it does as an [`EditKind`]: close, open, avoid, set, scale) and how it
//! applies to a network in place ([`apply_edit`]): the selection, the change, and the check that
//! the result stays as plausible as network data. Every refusal is a [`Problem`] at the edit's
//! file and line.

use std::fmt;

use super::field::{CapacityField, EmissionField, Field};
use super::select::Selection;
use super::undo::Undo;
use crate::error::{number, Problem};
use crate::network::{limits, CapacityModel, Network, Origin, Running, Status};

/// One edit: what it does, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// What it does, with what it applies to.
    pub kind: EditKind,
    /// Why: shown in comparisons.
    pub rationale: String,
    /// Where the figure comes from.
    pub source: Option<String>,
    /// File and line, for messages.
    pub origin: Origin,
}

/// What an edit does, each with exactly the data it needs. A scenario's `[[node]]` and `[[link]]`
/// additions are not edits: the loader adds them, as a file, before any edit applies.
#[derive(Debug, Clone, PartialEq)]
pub enum EditKind {
    /// Close the selected links, or nodes (see [`Selection::is_of_nodes`]).
    Close {
        /// What it closes.
        select: Selection,
    },
    /// Open the selected links (whatever their status or year), or nodes.
    Open {
        /// What it opens.
        select: Selection,
    },
    /// Keep routes out of countries: closes their nodes and the links transiting them.
    Avoid {
        /// ISO country codes.
        countries: Vec<String>,
    },
    /// Set a numeric attribute to [`Change::amount`] (the `value`).
    Set(Change),
    /// Multiply a numeric attribute by [`Change::amount`] (the `factor`).
    Scale(Change),
}

/// A numeric attribute of a selection, and the value a `set` gives it or the factor a `scale`
/// multiplies it by.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What it applies to.
    pub select: Selection,
    /// The attribute.
    pub field: Field,
    /// The attribute's name as written.
    pub field_name: String,
    /// The value (set) or factor (scale).
    pub amount: f64,
}

impl Edit {
    /// A short description: "scale border.hours × 0.5 on border KZ>AZ".
    pub fn describe(&self) -> String {
        match &self.kind {
            EditKind::Close { select } => format!("close {select}"),
            EditKind::Open { select } => format!("open {select}"),
            EditKind::Avoid { countries } => format!("avoid {}", countries.join(", ")),
            EditKind::Set(c) => format!(
                "set {} = {} on {}",
                c.field_name,
                number(c.amount),
                c.select
            ),
            EditKind::Scale(c) => format!(
                "scale {} × {} on {}",
                c.field_name,
                number(c.amount),
                c.select
            ),
        }
    }

    /// The problem of this edit, at its file and line.
    pub(crate) fn problem(&self, message: impl fmt::Display) -> Problem {
        Problem {
            file: self.origin.file.to_string(),
            line: self.origin.line,
            field: "edit".into(),
            message: message.to_string(),
        }
    }
}

/// Applies one edit in place; the problem, at the edit's file and line, says why it cannot. A
/// refused edit leaves `net` as it was.
pub fn apply_edit(net: &mut Network, e: &Edit) -> Result<(), Problem> {
    let undo = match &e.kind {
        EditKind::Avoid { .. } | EditKind::Close { .. } | EditKind::Open { .. } => Undo::flags(net),
        EditKind::Set(c) | EditKind::Scale(c) => match &c.field {
            Field::Capacity(_) => Undo::capacity(net),
            Field::Emissions(_) => Undo::emissions(net),
            f if f.on_nodes() => Undo::transfers(net, &c.select),
            _ => Undo::links(net, &c.select),
        },
    };
    let applied = match &e.kind {
        EditKind::Avoid { countries } => avoid(net, e, countries),
        EditKind::Close { select } => close_or_open(net, e, select, true),
        EditKind::Open { select } => close_or_open(net, e, select, false),
        EditKind::Set(c) => change(net, e, c, |_| c.amount),
        EditKind::Scale(c) => change(net, e, c, |old| old * c.amount),
    };
    if applied.is_err() {
        undo.restore(net);
    }
    applied
}

/// The problem of a selection that matches nothing; a corridor tag the network does not carry
/// gets the closest tags it does.
fn nothing(net: &Network, e: &Edit, select: &Selection) -> Problem {
    let hint = match &select.corridor {
        Some(t)
            if !net.links.iter().any(|l| l.has_corridor(t))
                && !net.nodes.iter().any(|n| n.corridors.iter().any(|c| c == t)) =>
        {
            format!(
                ": no link or node carries the corridor tag `{}`{}",
                crate::error::clip(t),
                crate::text::did_you_mean(t, &net.corridor_tags())
            )
        }
        _ => String::new(),
    };
    e.problem(format!("the selection ({select}) matches nothing{hint}"))
}

/// Closes every node in each country and every link transiting it; a country with neither is a
/// mistake.
fn avoid(net: &mut Network, e: &Edit, countries: &[String]) -> Result<(), Problem> {
    for c in countries {
        let mut hit = false;
        for n in net.nodes.iter_mut().filter(|n| &n.country == c) {
            n.closed = true;
            hit = true;
        }
        for l in net
            .links
            .iter_mut()
            .filter(|l| l.transit_countries.contains(c))
        {
            l.closed = true;
            hit = true;
        }
        if !hit {
            return Err(e.problem(format!("no node or link of the network lies in {c}")));
        }
    }
    Ok(())
}

/// Closes or opens the selected nodes or links; opening a link also makes it operating, whatever
/// its status or year.
fn close_or_open(
    net: &mut Network,
    e: &Edit,
    select: &Selection,
    close: bool,
) -> Result<(), Problem> {
    if select.is_of_nodes() {
        let nodes = select.nodes(net).map_err(|why| e.problem(why))?;
        if nodes.is_empty() {
            return Err(nothing(net, e, select));
        }
        for i in nodes {
            net.nodes[i].closed = close;
        }
        return Ok(());
    }
    let links = select.links(net).map_err(|why| e.problem(why))?;
    if links.is_empty() {
        return Err(nothing(net, e, select));
    }
    for (i, _) in links {
        let l = &mut net.links[i];
        l.closed = close;
        if !close && l.status != Status::Operating {
            l.status = Status::Operating;
        }
    }
    Ok(())
}

/// Sets or scales a field (`new` gives the new value from the old): of a capacity record, of the
/// network's emission factors, of the selected nodes' facilities, or of the selected links.
fn change(
    net: &mut Network,
    e: &Edit,
    c: &Change,
    new: impl Fn(f64) -> f64,
) -> Result<(), Problem> {
    if let Field::Capacity(which) = c.field {
        return set_capacity(net, e, c, which, new);
    }
    if c.select.capacity.is_some() {
        return Err(e.problem(format!(
            "a capacity selection takes a capacity field ({}), not this one",
            CapacityField::ALL.map(|(n, _)| n).join(", ")
        )));
    }
    if let Field::Emissions(which) = &c.field {
        return change_emissions(net, e, &c.select, which, new);
    }
    if c.field.on_nodes() {
        return change_transfers(net, e, c, new);
    }
    change_links(net, e, c, new)
}

/// Sets (or scales) a number of the selected capacity record, with the loader's checks.
fn set_capacity(
    net: &mut Network,
    e: &Edit,
    change: &Change,
    which: CapacityField,
    new: impl Fn(f64) -> f64,
) -> Result<(), Problem> {
    let id = change
        .select
        .capacity
        .as_deref()
        .ok_or_else(|| e.problem("a capacity field needs `select = { capacity = \"id\" }`"))?;
    let Some(at) = net.capacity.iter().position(|c| c.id == id) else {
        let known: Vec<&str> = net.capacity.iter().map(|c| c.id.as_str()).collect();
        return Err(e.problem(format!(
            "no capacity record `{id}`{}",
            crate::text::did_you_mean(id, &known)
        )));
    };
    let c = &mut net.capacity[at];
    let whole = |v: f64| -> Result<u32, Problem> {
        if v.fract() == 0.0 && (1.0..=1e6).contains(&v) {
            Ok(v as u32)
        } else {
            Err(e.problem(format!(
                "{} is not a whole number in 1…1,000,000",
                number(v)
            )))
        }
    };
    let positive = |v: f64| -> Result<f64, Problem> {
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(e.problem(format!("{} must be a positive number", number(v))))
        }
    };
    let at_least_zero = |v: f64| -> Result<f64, Problem> {
        if v.is_finite() && v >= 0.0 {
            Ok(v)
        } else {
            Err(e.problem(format!("{} must be a number ≥ 0", number(v))))
        }
    };
    let wrong = || e.problem(format!("`{id}` has no such field for its model"));
    match (which, &mut c.model) {
        (CapacityField::PerDeparture, CapacityModel::Departures { per_departure, .. }) => {
            *per_departure = whole(new(f64::from(*per_departure)))?;
        }
        (CapacityField::HeadwayHours, CapacityModel::Departures { headway_hours, .. }) => {
            *headway_hours = positive(new(*headway_hours))?;
        }
        (CapacityField::Servers, CapacityModel::Servers { servers, .. }) => {
            *servers = whole(new(f64::from(*servers)))?;
        }
        (CapacityField::ServiceHours, CapacityModel::Servers { service_hours, .. }) => {
            *service_hours = positive(new(*service_hours))?;
        }
        (CapacityField::Batch, CapacityModel::Servers { batch, .. }) => {
            *batch = positive(new(*batch))?;
        }
        (CapacityField::ServiceCv, CapacityModel::Servers { service_cv, .. }) => {
            *service_cv = at_least_zero(new(*service_cv))?;
        }
        (CapacityField::ArrivalCv, CapacityModel::Servers { arrival_cv, .. }) => {
            *arrival_cv = at_least_zero(new(*arrival_cv))?;
        }
        (CapacityField::BaseHours, _) => c.base_hours = at_least_zero(new(c.base_hours))?,
        (CapacityField::BackgroundPerYear, _) => {
            c.background_per_year = at_least_zero(new(c.background_per_year))?;
        }
        (CapacityField::WinterFactor, _) => {
            let f = new(c.winter_factor);
            if !(f > 0.0 && f <= 1.0) || c.winter_months.is_empty() {
                return Err(e.problem(format!(
                    "a winter factor lies in 0…1 and needs winter months (got {})",
                    number(f)
                )));
            }
            c.winter_factor = f;
        }
        _ => return Err(wrong()),
    }
    Ok(())
}

/// Sets or scales one of the network's emission factors, within the loader's limits for it.
fn change_emissions(
    net: &mut Network,
    e: &Edit,
    select: &Selection,
    which: &EmissionField,
    new: impl Fn(f64) -> f64,
) -> Result<(), Problem> {
    if !(select.all && select.problems().is_empty()) {
        return Err(e.problem("an emission factor is network-wide: select it with `all = true`"));
    }
    let em = net
        .emissions
        .as_mut()
        .ok_or_else(|| e.problem("the network gives no emission factors ([network.emissions])"))?;
    let slot = match which {
        EmissionField::PayloadT => &mut em.payload_t,
        EmissionField::RailDiesel => &mut em.rail_diesel_g_per_tkm,
        EmissionField::RailElectric => &mut em.rail_electric_kwh_per_tkm,
        EmissionField::Road => &mut em.road_g_per_tkm,
        EmissionField::Transfer => &mut em.transfer_kg_per_feu,
        EmissionField::Grid(cc) => em
            .grid_g_per_kwh
            .get_mut(cc)
            .ok_or_else(|| e.problem(format!("the network has no grid intensity for `{cc}`")))?,
        EmissionField::Vessel(v) => em
            .vessel_g_per_tkm
            .get_mut(v)
            .ok_or_else(|| e.problem(format!("the network has no vessel class `{v}`")))?,
    };
    *slot = new(*slot);
    // The loader's limits for the same factors.
    let (lo, hi) = match which {
        EmissionField::PayloadT => (f64::MIN_POSITIVE, limits::MAX_PAYLOAD_T),
        EmissionField::RailDiesel | EmissionField::Road | EmissionField::Vessel(_) => {
            (0.0, limits::MAX_G_PER_TKM)
        }
        EmissionField::RailElectric => (0.0, limits::MAX_KWH_PER_TKM),
        EmissionField::Grid(_) => (0.0, limits::MAX_GRID_G_PER_KWH),
        EmissionField::Transfer => (0.0, limits::MAX_TRANSFER_KG_PER_FEU),
    };
    if slot.is_finite() && (lo..=hi).contains(slot) {
        Ok(())
    } else {
        Err(e.problem(format!(
            "the edit leaves an implausible emission factor: {} (outside {}…{}; limits as for network data)",
            number(*slot),
            number(lo),
            number(hi)
        )))
    }
}

/// Sets or scales the hours or charges of the selected nodes' facilities (of one kind, or all).
fn change_transfers(
    net: &mut Network,
    e: &Edit,
    c: &Change,
    new: impl Fn(f64) -> f64,
) -> Result<(), Problem> {
    let nodes = c.select.nodes(net).map_err(|why| e.problem(why))?;
    if nodes.is_empty() {
        return Err(nothing(net, e, &c.select));
    }
    let mut touched = false;
    for i in nodes {
        for t in &mut net.nodes[i].transfers {
            match c.field {
                Field::TransferHours(k) if k.is_none_or(|k| k == t.kind) => {
                    t.hours = new(t.hours);
                    touched = true;
                }
                Field::TransferUsd(k) if k.is_none_or(|k| k == t.kind) => {
                    t.usd = new(t.usd);
                    touched = true;
                }
                _ => {}
            }
        }
    }
    if touched {
        plausible(net, e)
    } else {
        Err(e.problem(format!(
            "no selected node has the facility for `{}`",
            c.field_name
        )))
    }
}

/// Sets or scales a field of the selected links, in the directions the selection concerns.
fn change_links(
    net: &mut Network,
    e: &Edit,
    c: &Change,
    new: impl Fn(f64) -> f64,
) -> Result<(), Problem> {
    let links = c.select.links(net).map_err(|why| e.problem(why))?;
    if links.is_empty() {
        return Err(nothing(net, e, &c.select));
    }
    let mut touched = false;
    for (i, dirs) in links {
        let l = &mut net.links[i];
        match c.field {
            Field::Km => l.km = new(l.km),
            Field::SpeedKmh => {
                let v = match l.running {
                    Running::SpeedKmh(v) => v,
                    Running::Hours(h) => l.km / h.max(f64::MIN_POSITIVE),
                };
                l.running = Running::SpeedKmh(new(v));
            }
            Field::Hours => l.running = Running::Hours(new(l.haul_hours())),
            Field::UsdPerKm => l.usd_per_km = new(l.usd_per_km),
            Field::UsdFixed => l.usd_fixed = new(l.usd_fixed),
            Field::WaitHours | Field::CallHours => {
                let values = if c.field == Field::WaitHours {
                    &mut l.wait_hours
                } else {
                    &mut l.call_hours
                };
                for (w, on) in values.iter_mut().zip(dirs) {
                    if on {
                        *w = new(*w);
                    }
                }
            }
            Field::BorderHours | Field::BorderUsd => {
                let Some(b) = l.border.as_mut() else { continue };
                let values = if c.field == Field::BorderHours {
                    &mut b.hours
                } else {
                    &mut b.usd
                };
                for (v, on) in values.iter_mut().zip(dirs) {
                    if on {
                        *v = new(*v);
                    }
                }
            }
            Field::AvailableFrom => {
                if matches!(e.kind, EditKind::Scale(_)) {
                    return Err(e.problem("`available_from` can be set, not scaled"));
                }
                l.available_from = Some(c.amount.round() as i32);
            }
            Field::TransferHours(_)
            | Field::TransferUsd(_)
            | Field::Emissions(_)
            | Field::Capacity(_) => {
                unreachable!("node and network fields handled above")
            }
        }
        touched = true;
    }
    if !touched {
        return Err(e.problem(format!(
            "no selected link has a border (for `{}`)",
            c.field_name
        )));
    }
    if let Field::SpeedKmh = c.field {
        if net
            .links
            .iter()
            .any(|l| matches!(l.running, Running::SpeedKmh(v) if v <= 0.0))
        {
            return Err(e.problem(
                "a speed of 0 km/h would make the link infinitely slow; close it instead",
            ));
        }
    }
    plausible(net, e)
}

/// The result of an edit must be as plausible as the loader requires inputs to be: a factor of
/// 1e308 or a negative value is a mistake, not a scenario.
fn plausible(net: &Network, e: &Edit) -> Result<(), Problem> {
    match net.implausible_values().into_iter().next() {
        None => Ok(()),
        Some(p) => Err(e.problem(format!(
            "the edit leaves an implausible value: {} ({}; limits as for network data)",
            p.message, p.field
        ))),
    }
}
