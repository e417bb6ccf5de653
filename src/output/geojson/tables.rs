//! The network-level tables (everything but nodes and links) as the TOML format names and shapes
//! them, from a network in memory: `[network]` (with `[network.emissions]` and
//! `[network.study]`), `[[service]]`, `[[family]]`, `[[variability]]` and `[[capacity]]`, each
//! with its sources. [`tables`] gives them as the JSON of a GeoJSON collection's `corridor`
//! member, [`network_toml`] as a TOML file. Both load back as the same records.
//!
//! A variability record's distribution describes its components' hours as they were loaded; a
//! scenario that changed a component (halved a wait, say) scales its draws by the new hours over
//! those. Where a component's hours are no longer the loaded ones, its entry says which hours the
//! distribution describes (`described_hours`), so that the export samples what the scenario's
//! network samples.

use serde_json::{json, Map, Value};

use super::NETWORK_SCHEMA;
use crate::error::{Error, Result};
use crate::network::distribution::Distribution;
use crate::network::{
    Capacity, CapacityModel, Component, Emissions, Family, Network, Part, Service, Study,
    Variability,
};

/// The network-level tables as the members of a `corridor` object, in the order a reader meets
/// them: `schema`, then `network`, `service`, `family`, `variability` and `capacity` (the record
/// lists only when not empty).
#[derive(serde::Serialize)]
pub(super) struct Tables {
    schema: &'static str,
    network: Value,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    service: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    family: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    variability: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    capacity: Vec<Value>,
}

/// The network-level tables of `net`.
pub(super) fn tables(net: &Network) -> Tables {
    Tables {
        schema: NETWORK_SCHEMA,
        network: network_table(net),
        service: net.services.iter().map(service).collect(),
        family: net.families.iter().map(family).collect(),
        variability: net
            .variability
            .iter()
            .map(|v| variability_record(net, v))
            .collect(),
        capacity: net.capacity.iter().map(capacity).collect(),
    }
}

/// The network-level tables as a TOML file (a header comment, then `[network]`, `[[service]]`,
/// `[[family]]`, `[[variability]]`, `[[capacity]]`), the file a folder of layers holds beside
/// its nodes and links.
pub fn network_toml(net: &Network) -> Result<String> {
    let t = tables(net);
    let mut out = format!(
        "# The network-level tables of the network whose nodes and links are nodes.geojson and\n\
         # links.geojson beside this file, written by `corridor export --layers`; load the folder\n\
         # with `--network`. Format: networks/README.md ({NETWORK_SCHEMA}).\n"
    );
    let sections = [
        ("network", t.network),
        ("service", Value::Array(t.service)),
        ("family", Value::Array(t.family)),
        ("variability", Value::Array(t.variability)),
        ("capacity", Value::Array(t.capacity)),
    ];
    for (key, v) in sections {
        if v.as_array().is_some_and(Vec::is_empty) {
            continue;
        }
        let mut one = Map::new();
        one.insert(key.into(), v);
        let text = toml::Table::try_from(Value::Object(one))
            .and_then(|table| toml::to_string(&table))
            .map_err(|e| {
                Error::InvalidArgument(format!("the network's `{key}` tables as TOML: {e}"))
            })?;
        out.push('\n');
        out.push_str(&text);
    }
    Ok(out)
}

fn network_table(net: &Network) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(net.name));
    m.insert("data_year".into(), json!(net.data_year));
    m.insert(
        "value_of_time_usd_per_hour".into(),
        json!(net.value_of_time),
    );
    let c = net.circuity;
    m.insert(
        "circuity".into(),
        json!({"rail": c.rail, "road": c.road, "sea": c.sea}),
    );
    if let Some(e) = &net.emissions {
        m.insert("emissions".into(), emissions(e));
    }
    if net.study != Study::default() {
        m.insert("study".into(), study(&net.study));
    }
    m.insert("source".into(), json!(net.sources));
    Value::Object(m)
}

fn emissions(e: &Emissions) -> Value {
    json!({
        "payload_t": e.payload_t,
        "rail_diesel_g_per_tkm": e.rail_diesel_g_per_tkm,
        "rail_electric_kwh_per_tkm": e.rail_electric_kwh_per_tkm,
        "road_g_per_tkm": e.road_g_per_tkm,
        "transfer_kg_per_feu": e.transfer_kg_per_feu,
        "grid_g_per_kwh": e.grid_g_per_kwh,
        "vessel_g_per_tkm": e.vessel_g_per_tkm,
        "source": e.sources,
    })
}

fn study(s: &Study) -> Value {
    let mut m = Map::new();
    if let Some((from, to)) = &s.ends {
        m.insert("from".into(), json!(from));
        m.insert("to".into(), json!(to));
    }
    if let Some(q) = &s.question {
        m.insert("question".into(), json!(q));
    }
    m.insert("hubs".into(), json!(s.hubs));
    m.insert("required".into(), json!(s.required));
    if let Some(p) = &s.panel {
        m.insert(
            "panel".into(),
            json!({"title": p.title, "bbox": p.bbox, "places": p.places}),
        );
    }
    let corridors: Vec<Value> = s
        .corridors
        .iter()
        .map(|c| {
            let branches: Vec<Value> = c
                .branches
                .iter()
                .map(|(tag, name)| json!({"tag": tag, "name": name}))
                .collect();
            json!({"tag": c.tag, "name": c.name, "branches": branches})
        })
        .collect();
    m.insert("corridor".into(), Value::Array(corridors));
    if !s.headlines.is_empty() {
        m.insert("headline".into(), headlines(&s.headlines));
    }
    Value::Object(m)
}

/// The study's headline questions, each with the fields it gives.
fn headlines(h: &[crate::network::Headline]) -> Value {
    let one = |h: &crate::network::Headline| {
        let mut m = Map::new();
        let mut put = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                m.insert(k.into(), json!(v));
            }
        };
        put("question", &h.question);
        put("effect_of", &h.effect_of);
        put("family", &h.family);
        put("scenario", &h.scenario);
        put("by", &h.by);
        if let Some((a, b)) = &h.compare {
            m.insert("compare".into(), json!([a, b]));
        }
        Value::Object(m)
    };
    Value::Array(h.iter().map(one).collect())
}

fn service(s: &Service) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(s.id));
    m.insert("name".into(), json!(s.name));
    if let Some(r) = s.usd_per_km {
        m.insert("usd_per_km".into(), json!(r));
    }
    if let Some(d) = &s.rate_date {
        m.insert("rate_date".into(), json!(d));
    }
    m.insert("source".into(), json!(s.sources));
    Value::Object(m)
}

fn family(f: &Family) -> Value {
    json!({
        "id": f.id,
        "name": f.name,
        "via_tags": f.via_tags,
        "via_countries": f.via_countries,
        "avoid_tags": f.avoid_tags,
        "avoid_countries": f.avoid_countries,
        "colour": f.colour.to_string(),
    })
}

fn component(c: &Component) -> Value {
    match c {
        Component::Link { link, part, .. } => json!({"link": link, "part": part.as_str()}),
        Component::Transfer { node, kind, .. } => {
            json!({"node": node, "transfer": kind.as_str()})
        }
    }
}

/// A distribution as the format writes it: its `kind` and the parameters that kind takes.
fn distribution(d: &Distribution) -> Value {
    let mut v = match d {
        Distribution::Fixed { value } => json!({"value": value}),
        Distribution::Normal { mean, sd } => json!({"mean": mean, "sd": sd}),
        Distribution::Lognormal { median, p90 } => json!({"median": median, "p90": p90}),
        Distribution::Triangular { min, mode, max } => {
            json!({"min": min, "mode": mode, "max": max})
        }
        Distribution::Uniform { min, max } => json!({"min": min, "max": max}),
        Distribution::Exponential { mean } => json!({"mean": mean}),
        Distribution::Empirical { values } => json!({"values": values}),
    };
    v["kind"] = json!(d.kind());
    v
}

/// A variability record's component, with the hours its distribution describes where they are
/// not the component's own now.
fn described(net: &Network, c: &Component) -> Value {
    let mut v = component(c);
    match c {
        Component::Link { link, part, loaded } => {
            let now = net.link(link).map(|l| match part {
                Part::Wait => l.wait_hours,
                Part::Call => l.call_hours,
                Part::Run => [l.haul_hours(); 2],
                Part::Border => l.border.as_ref().map_or([0.0; 2], |b| b.hours),
                Part::Delay => [0.0; 2],
            });
            if now != Some(*loaded) {
                v["described_hours"] = json!(loaded);
            }
        }
        Component::Transfer { node, kind, loaded } => {
            let now = net
                .node(node)
                .and_then(|n| n.transfer(*kind))
                .map(|t| t.hours);
            if now != Some(*loaded) {
                v["described_hours"] = json!(loaded);
            }
        }
    }
    v
}

fn variability_record(net: &Network, v: &Variability) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(v.id));
    m.insert("name".into(), json!(v.name));
    m.insert(
        "applies".into(),
        Value::Array(v.applies.iter().map(|c| described(net, c)).collect()),
    );
    if let Some(d) = &v.distribution {
        m.insert("distribution".into(), distribution(d));
    }
    if let Some(s) = &v.shock {
        let mut shock = json!({"p": s.p, "delay": distribution(&s.delay)});
        if !s.months.is_empty() {
            shock["months"] = json!(s.months);
        }
        m.insert("shock".into(), shock);
    }
    m.insert("estimate".into(), json!(v.estimate));
    m.insert("source".into(), json!(v.sources));
    Value::Object(m)
}

fn capacity(c: &Capacity) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("name".into(), json!(c.name));
    m.insert("applies".into(), json!([component(&c.applies)]));
    if let Some(d) = c.direction {
        m.insert("direction".into(), json!(d.as_str()));
    }
    m.insert("unit".into(), json!("teu"));
    match c.model {
        CapacityModel::Departures {
            per_departure,
            headway_hours,
        } => {
            m.insert("model".into(), json!("departures"));
            m.insert("per_departure".into(), json!(per_departure));
            m.insert("headway_hours".into(), json!(headway_hours));
        }
        CapacityModel::Servers {
            servers,
            service_hours,
            batch,
            service_cv,
            arrival_cv,
        } => {
            m.insert("model".into(), json!("servers"));
            m.insert("servers".into(), json!(servers));
            m.insert("service_hours".into(), json!(service_hours));
            m.insert("batch".into(), json!(batch));
            m.insert("service_cv".into(), json!(service_cv));
            m.insert("arrival_cv".into(), json!(arrival_cv));
        }
    }
    m.insert("base_hours".into(), json!(c.base_hours));
    m.insert("background_per_year".into(), json!(c.background_per_year));
    if !c.winter_months.is_empty() {
        m.insert("winter_factor".into(), json!(c.winter_factor));
        m.insert("winter_months".into(), json!(c.winter_months));
    }
    m.insert("estimate".into(), json!(c.estimate));
    m.insert("source".into(), json!(c.sources));
    Value::Object(m)
}
