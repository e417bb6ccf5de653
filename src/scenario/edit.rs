//! One edit ([`Edit`]: close, open, avoid, set, scale) and how it applies to a network in place
//! ([`apply_edit`]): the selection, the change, and the check that the result stays as plausible as
//! network data.

use serde::Serialize;

use super::field::{CapacityField, EmissionField, Field};
use super::select::Selection;
use crate::network::{Network, Running, Status};

/// What an edit does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Close the selected links and/or nodes.
    Close,
    /// Open the selected links (whatever their status or year) and/or nodes.
    Open,
    /// Keep routes out of countries: closes their nodes and the links transiting them.
    Avoid,
    /// Set a numeric attribute to `value`.
    Set,
    /// Multiply a numeric attribute by `factor`.
    Scale,
}

impl Action {
    pub(crate) fn parse(s: &str) -> Option<Action> {
        Some(match s {
            "close" => Action::Close,
            "open" => Action::Open,
            "avoid" => Action::Avoid,
            "set" => Action::Set,
            "scale" => Action::Scale,
            _ => return None,
        })
    }
}

/// One edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// What it does.
    pub action: Action,
    /// What it applies to.
    pub select: Selection,
    /// The attribute, for set and scale.
    pub field: Option<Field>,
    /// The field name as written.
    pub field_name: Option<String>,
    /// The value (set) or factor (scale).
    pub amount: f64,
    /// Countries, for avoid.
    pub countries: Vec<String>,
    /// Why: shown in comparisons.
    pub rationale: String,
    /// Where the figure comes from.
    pub source: Option<String>,
    /// File and line, for messages.
    pub origin: crate::network::Origin,
}

impl Edit {
    /// A short description: "scale border.hours × 0.5 on border KZ>AZ".
    pub fn describe(&self) -> String {
        match self.action {
            Action::Close => format!("close {}", self.select),
            Action::Open => format!("open {}", self.select),
            Action::Avoid => format!("avoid {}", self.countries.join(", ")),
            Action::Set => format!(
                "set {} = {} on {}",
                self.field_name.as_deref().unwrap_or("?"),
                self.amount,
                self.select
            ),
            Action::Scale => format!(
                "scale {} × {} on {}",
                self.field_name.as_deref().unwrap_or("?"),
                self.amount,
                self.select
            ),
        }
    }
}

/// Sets (or scales) a number of the selected capacity record, with the loader's checks.
fn set_capacity(
    net: &mut Network,
    e: &Edit,
    which: CapacityField,
    new: impl Fn(f64) -> f64,
) -> std::result::Result<(), String> {
    use crate::network::CapacityModel;
    let id = e
        .select
        .capacity
        .as_deref()
        .ok_or("a capacity field needs `select = { capacity = \"id\" }`")?;
    let c = net
        .capacity
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| format!("no capacity record `{id}`"))?;
    let whole = |v: f64| -> std::result::Result<u32, String> {
        if v.fract() == 0.0 && (1.0..=1e6).contains(&v) {
            Ok(v as u32)
        } else {
            Err(format!("{v} is not a whole number in 1…1,000,000"))
        }
    };
    let positive = |v: f64| -> std::result::Result<f64, String> {
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(format!("{v} must be a positive number"))
        }
    };
    let at_least_zero = |v: f64| -> std::result::Result<f64, String> {
        if v.is_finite() && v >= 0.0 {
            Ok(v)
        } else {
            Err(format!("{v} must be a number ≥ 0"))
        }
    };
    let wrong = || format!("`{id}` has no such field for its model");
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
                return Err(format!(
                    "a winter factor lies in 0…1 and needs winter months (got {f})"
                ));
            }
            c.winter_factor = f;
        }
        _ => return Err(wrong()),
    }
    Ok(())
}

/// The result of an edit must be as plausible as the loader requires inputs to be: a factor of
/// 1e308 or a negative value is a mistake, not a scenario.
fn plausible(net: &Network) -> std::result::Result<(), String> {
    match net.implausible_values().into_iter().next() {
        None => Ok(()),
        Some(p) => Err(format!(
            "the edit leaves an implausible value: {} ({}; limits as for network data)",
            p.message, p.field
        )),
    }
}

/// Applies one edit in place; the message says why it cannot apply.
pub fn apply_edit(net: &mut Network, e: &Edit) -> std::result::Result<(), String> {
    match e.action {
        Action::Avoid => avoid(net, &e.countries),
        Action::Close => close_or_open(net, &e.select, true),
        Action::Open => close_or_open(net, &e.select, false),
        Action::Set | Action::Scale => change(net, e),
    }
}

/// The message of a selection that matches nothing.
fn nothing(select: &Selection) -> String {
    format!("the selection ({select}) matches nothing")
}

/// Closes every node in each country and every link transiting it; a country with neither is a
/// mistake.
fn avoid(net: &mut Network, countries: &[String]) -> std::result::Result<(), String> {
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
            return Err(format!("no node or link of the network lies in {c}"));
        }
    }
    Ok(())
}

/// Closes or opens the selected nodes or links; opening a link also makes it operating, whatever
/// its status or year.
fn close_or_open(
    net: &mut Network,
    select: &Selection,
    close: bool,
) -> std::result::Result<(), String> {
    if select.is_of_nodes() {
        let nodes = select.nodes(net).map_err(|e| e.to_string())?;
        if nodes.is_empty() {
            return Err(nothing(select));
        }
        for i in nodes {
            net.nodes[i].closed = close;
        }
        return Ok(());
    }
    let links = select.links(net).map_err(|e| e.to_string())?;
    if links.is_empty() {
        return Err(nothing(select));
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

/// Sets or scales a field: of a capacity record, of the network's emission factors, of the
/// selected nodes' facilities, or of the selected links.
fn change(net: &mut Network, e: &Edit) -> std::result::Result<(), String> {
    let field = e.field.clone().ok_or("no field")?;
    let new = |old: f64| match e.action {
        Action::Set => e.amount,
        _ => old * e.amount,
    };
    if let Field::Capacity(which) = field {
        return set_capacity(net, e, which, new);
    }
    if e.select.capacity.is_some() {
        return Err(format!(
            "a capacity selection takes a capacity field ({}), not this one",
            CapacityField::ALL.map(|(n, _)| n).join(", ")
        ));
    }
    if let Field::Emissions(which) = &field {
        return change_emissions(net, &e.select, which, new);
    }
    if field.on_nodes() {
        return change_transfers(net, e, &field, new);
    }
    change_links(net, e, &field, new)
}

/// Sets or scales one of the network's emission factors, within the loader's limits for it.
fn change_emissions(
    net: &mut Network,
    select: &Selection,
    which: &EmissionField,
    new: impl Fn(f64) -> f64,
) -> std::result::Result<(), String> {
    if !(select.all && select.problems().is_empty()) {
        return Err("an emission factor is network-wide: select it with `all = true`".into());
    }
    let em = net
        .emissions
        .as_mut()
        .ok_or("the network gives no emission factors ([network.emissions])")?;
    let slot = match which {
        EmissionField::PayloadT => &mut em.payload_t,
        EmissionField::RailDiesel => &mut em.rail_diesel_g_per_tkm,
        EmissionField::RailElectric => &mut em.rail_electric_kwh_per_tkm,
        EmissionField::Road => &mut em.road_g_per_tkm,
        EmissionField::Transfer => &mut em.transfer_kg_per_feu,
        EmissionField::Grid(cc) => em
            .grid_g_per_kwh
            .get_mut(cc)
            .ok_or_else(|| format!("the network has no grid intensity for `{cc}`"))?,
        EmissionField::Vessel(v) => em
            .vessel_g_per_tkm
            .get_mut(v)
            .ok_or_else(|| format!("the network has no vessel class `{v}`"))?,
    };
    *slot = new(*slot);
    // The loader's limits for the same factors.
    let (lo, hi) = match which {
        EmissionField::PayloadT => (f64::MIN_POSITIVE, 40.0),
        EmissionField::RailElectric => (0.0, 1.0),
        EmissionField::Grid(_) => (0.0, 2_000.0),
        _ => (0.0, 1_000.0),
    };
    if slot.is_finite() && (lo..=hi).contains(slot) {
        Ok(())
    } else {
        Err(format!(
            "the edit leaves an implausible emission factor: {slot} (outside {lo}…{hi}; limits as for network data)"
        ))
    }
}

/// Sets or scales the hours or charges of the selected nodes' facilities (of one kind, or all).
fn change_transfers(
    net: &mut Network,
    e: &Edit,
    field: &Field,
    new: impl Fn(f64) -> f64,
) -> std::result::Result<(), String> {
    let nodes = e.select.nodes(net).map_err(|e| e.to_string())?;
    if nodes.is_empty() {
        return Err(nothing(&e.select));
    }
    let mut touched = false;
    for i in nodes {
        for t in &mut net.nodes[i].transfers {
            match *field {
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
        plausible(net)
    } else {
        Err(format!(
            "no selected node has the facility for `{}`",
            e.field_name.as_deref().unwrap_or("")
        ))
    }
}

/// Sets or scales a field of the selected links, in the directions the selection concerns.
fn change_links(
    net: &mut Network,
    e: &Edit,
    field: &Field,
    new: impl Fn(f64) -> f64,
) -> std::result::Result<(), String> {
    let links = e.select.links(net).map_err(|e| e.to_string())?;
    if links.is_empty() {
        return Err(nothing(&e.select));
    }
    let mut touched = false;
    for (i, dirs) in links {
        let l = &mut net.links[i];
        match field {
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
                let values = if *field == Field::WaitHours {
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
                let values = if *field == Field::BorderHours {
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
                if e.action == Action::Scale {
                    return Err("`available_from` can be set, not scaled".into());
                }
                l.available_from = Some(e.amount.round() as i32);
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
        return Err(format!(
            "no selected link has a border (for `{}`)",
            e.field_name.as_deref().unwrap_or("")
        ));
    }
    if let Field::SpeedKmh = field {
        if net
            .links
            .iter()
            .any(|l| matches!(l.running, Running::SpeedKmh(v) if v <= 0.0))
        {
            return Err(
                "a speed of 0 km/h would make the link infinitely slow; close it instead".into(),
            );
        }
    }
    plausible(net)
}
