//! The numeric attributes an edit can set or scale ([`Field`]), parsed from their names in a
//! scenario file or on the command line. Which network items a field lives on (links, nodes, the
//! network's emission factors, a capacity record) is decided here; the change itself is made in
//! `edit`.

use crate::network::TransferKind;

/// A numeric attribute an edit can set or scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// Link length.
    Km,
    /// Link running speed (converts a fixed running time into a speed when set).
    SpeedKmh,
    /// Link running hours.
    Hours,
    /// Link tariff per FEU-km.
    UsdPerKm,
    /// Link fixed charge.
    UsdFixed,
    /// Link departure wait (the selected directions).
    WaitHours,
    /// Sea link port call for a load staying aboard (the selected directions).
    CallHours,
    /// Border dwell (the selected directions).
    BorderHours,
    /// Border fees (the selected directions).
    BorderUsd,
    /// Opening year of a link.
    AvailableFrom,
    /// Transfer hours at nodes (of one facility kind, or all).
    TransferHours(Option<TransferKind>),
    /// Transfer charges at nodes (of one facility kind, or all).
    TransferUsd(Option<TransferKind>),
    /// A network-wide emission factor: `emissions.payload_t`, `emissions.rail_diesel_g_per_tkm`,
    /// `emissions.rail_electric_kwh_per_tkm`, `emissions.road_g_per_tkm`,
    /// `emissions.transfer_kg_per_feu`, `emissions.grid.<CC>`, `emissions.vessel.<class>`;
    /// selected with `all = true`.
    Emissions(EmissionField),
    /// A number of the capacity record named by `select = { capacity = "id" }`.
    Capacity(CapacityField),
}

/// Which number of a capacity record an edit changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityField {
    /// Units per departure (a whole number).
    PerDeparture,
    /// Hours between departures.
    HeadwayHours,
    /// Number of servers (a whole number).
    Servers,
    /// Mean service time of a batch.
    ServiceHours,
    /// Units served together.
    Batch,
    /// Service-time coefficient of variation.
    ServiceCv,
    /// Interarrival coefficient of variation.
    ArrivalCv,
    /// Hours the queue does not produce.
    BaseHours,
    /// Load outside the demand, units a year.
    BackgroundPerYear,
    /// Winter capacity multiplier.
    WinterFactor,
}

impl CapacityField {
    pub(crate) const ALL: [(&'static str, CapacityField); 10] = [
        ("per_departure", CapacityField::PerDeparture),
        ("headway_hours", CapacityField::HeadwayHours),
        ("servers", CapacityField::Servers),
        ("service_hours", CapacityField::ServiceHours),
        ("batch", CapacityField::Batch),
        ("service_cv", CapacityField::ServiceCv),
        ("arrival_cv", CapacityField::ArrivalCv),
        ("base_hours", CapacityField::BaseHours),
        ("background_per_year", CapacityField::BackgroundPerYear),
        ("winter_factor", CapacityField::WinterFactor),
    ];
}

/// Which emission factor an edit changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmissionField {
    /// Tonnes per FEU.
    PayloadT,
    /// Diesel rail g/tkm.
    RailDiesel,
    /// Electric rail kWh/tkm.
    RailElectric,
    /// Road g/tkm.
    Road,
    /// kg per container handled.
    Transfer,
    /// A country's grid g/kWh.
    Grid(String),
    /// A vessel class's g/tkm.
    Vessel(String),
}

/// The names of the fields, for messages and help.
pub const FIELDS: &str = "km, speed_kmh, hours, usd_per_km, usd_fixed, wait_hours, call_hours, border.hours, border.usd, available_from, transfer.hours, transfer.usd, transfer.<kind>.hours, transfer.<kind>.usd (kind: rail_sea, rail_road, road_sea, gauge, transship), with `all = true` emissions.payload_t, emissions.rail_diesel_g_per_tkm, emissions.rail_electric_kwh_per_tkm, emissions.road_g_per_tkm, emissions.transfer_kg_per_feu, emissions.grid.<CC>, emissions.vessel.<class>, and with `capacity = \"id\"` per_departure, headway_hours, servers, service_hours, batch, service_cv, arrival_cv, base_hours, background_per_year, winter_factor";

/// The field names an edit may give, spelt out (`transfer.<kind>.hours` for every kind), for a
/// "did you mean" after an unknown one.
pub(crate) fn field_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "km",
        "speed_kmh",
        "hours",
        "usd_per_km",
        "usd_fixed",
        "wait_hours",
        "call_hours",
        "border.hours",
        "border.usd",
        "available_from",
        "transfer.hours",
        "transfer.usd",
        "emissions.payload_t",
        "emissions.rail_diesel_g_per_tkm",
        "emissions.rail_electric_kwh_per_tkm",
        "emissions.road_g_per_tkm",
        "emissions.transfer_kg_per_feu",
    ]
    .map(String::from)
    .into();
    for k in TransferKind::ALL {
        names.push(format!("transfer.{}.hours", k.as_str()));
        names.push(format!("transfer.{}.usd", k.as_str()));
    }
    names.extend(CapacityField::ALL.iter().map(|(n, _)| n.to_string()));
    names
}

/// "; did you mean X?" for an unknown field name, when a known one is close.
pub(crate) fn did_you_mean_field(name: &str) -> String {
    let names = field_names();
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::text::did_you_mean(name, &known)
}

impl Field {
    /// Parses a field name.
    pub fn parse(s: &str) -> Option<Field> {
        Some(match s {
            "km" => Field::Km,
            "speed_kmh" => Field::SpeedKmh,
            "hours" => Field::Hours,
            "usd_per_km" => Field::UsdPerKm,
            "usd_fixed" => Field::UsdFixed,
            "wait_hours" => Field::WaitHours,
            "call_hours" => Field::CallHours,
            "border.hours" => Field::BorderHours,
            "border.usd" => Field::BorderUsd,
            "available_from" => Field::AvailableFrom,
            "transfer.hours" => Field::TransferHours(None),
            "transfer.usd" => Field::TransferUsd(None),
            _ if CapacityField::ALL.iter().any(|(n, _)| *n == s) => Field::Capacity(
                CapacityField::ALL
                    .iter()
                    .find(|(n, _)| *n == s)
                    .map(|(_, f)| *f)?,
            ),
            "emissions.payload_t" => Field::Emissions(EmissionField::PayloadT),
            "emissions.rail_diesel_g_per_tkm" => Field::Emissions(EmissionField::RailDiesel),
            "emissions.rail_electric_kwh_per_tkm" => Field::Emissions(EmissionField::RailElectric),
            "emissions.road_g_per_tkm" => Field::Emissions(EmissionField::Road),
            "emissions.transfer_kg_per_feu" => Field::Emissions(EmissionField::Transfer),
            _ if s.starts_with("emissions.grid.") => Field::Emissions(EmissionField::Grid(
                s["emissions.grid.".len()..].to_ascii_uppercase(),
            )),
            _ if s.starts_with("emissions.vessel.") => Field::Emissions(EmissionField::Vessel(
                s["emissions.vessel.".len()..].to_string(),
            )),
            _ => {
                let rest = s.strip_prefix("transfer.")?;
                let (kind, what) = rest.split_once('.')?;
                let kind = TransferKind::parse(kind)?;
                match what {
                    "hours" => Field::TransferHours(Some(kind)),
                    "usd" => Field::TransferUsd(Some(kind)),
                    _ => return None,
                }
            }
        })
    }

    pub(crate) fn on_nodes(&self) -> bool {
        matches!(self, Field::TransferHours(_) | Field::TransferUsd(_))
    }
}
