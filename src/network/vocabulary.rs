//! The network's vocabulary: the small enums the data files spell as words (a link's mode, gauge,
//! status and traction, a node's kind, a facility's transfer kind) and a direction of travel.
//! Each knows its data-file name; none holds data of its own.

use std::fmt;

use serde::Serialize;

/// Transport mode of a link, and of a search state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Rail, on a given gauge.
    Rail,
    /// Road haulage.
    Road,
    /// Sea, including ferries and feeders.
    Sea,
}

impl Mode {
    /// All modes, in a fixed order.
    pub const ALL: [Mode; 3] = [Mode::Rail, Mode::Road, Mode::Sea];

    /// The lower-case name used in data files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Rail => "rail",
            Mode::Road => "road",
            Mode::Sea => "sea",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rail track gauge in millimetres: standard (China, Türkiye, the EU) or Russian broad gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Gauge {
    /// 1435 mm standard gauge.
    #[serde(rename = "1435")]
    Standard,
    /// 1520 mm broad gauge (former Soviet Union).
    #[serde(rename = "1520")]
    Broad,
}

impl Gauge {
    /// The gauge in millimetres.
    pub fn mm(self) -> u32 {
        match self {
            Gauge::Standard => 1435,
            Gauge::Broad => 1520,
        }
    }

    /// Parses a gauge in millimetres.
    pub fn from_mm(mm: i64) -> Option<Gauge> {
        match mm {
            1435 => Some(Gauge::Standard),
            1520 => Some(Gauge::Broad),
            _ => None,
        }
    }
}

/// What kind of place a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A city (often also a rail hub).
    City,
    /// A rail container terminal.
    RailTerminal,
    /// An inland dry port.
    DryPort,
    /// A sea port.
    SeaPort,
    /// A border station.
    BorderStation,
    /// A junction or waypoint (rail junction, sea passage).
    Junction,
}

impl NodeKind {
    /// All kinds, in a fixed order.
    pub const ALL: [NodeKind; 6] = [
        NodeKind::City,
        NodeKind::RailTerminal,
        NodeKind::DryPort,
        NodeKind::SeaPort,
        NodeKind::BorderStation,
        NodeKind::Junction,
    ];

    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::City => "city",
            NodeKind::RailTerminal => "rail_terminal",
            NodeKind::DryPort => "dry_port",
            NodeKind::SeaPort => "sea_port",
            NodeKind::BorderStation => "border_station",
            NodeKind::Junction => "junction",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A transfer a node's facilities can make, in either direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    /// Rail ↔ sea (port rail terminal, rail ferry loading).
    RailSea,
    /// Rail ↔ road.
    RailRoad,
    /// Road ↔ sea.
    RoadSea,
    /// Rail 1435 ↔ 1520 mm: bogie exchange or transshipment between wagons.
    Gauge,
    /// Sea ↔ sea between two services (lines): a transhipment in a port, the box unloaded from one
    /// ship and loaded on another.
    Transship,
}

impl TransferKind {
    /// All kinds, in a fixed order.
    pub const ALL: [TransferKind; 5] = [
        TransferKind::RailSea,
        TransferKind::RailRoad,
        TransferKind::RoadSea,
        TransferKind::Gauge,
        TransferKind::Transship,
    ];

    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            TransferKind::RailSea => "rail_sea",
            TransferKind::RailRoad => "rail_road",
            TransferKind::RoadSea => "road_sea",
            TransferKind::Gauge => "gauge",
            TransferKind::Transship => "transship",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<TransferKind> {
        TransferKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The facility that moves a load between two (mode, gauge, service) states at one place, if
    /// any: a gauge change between rail gauges, a transhipment between two sea services, a mode
    /// transfer between modes (whatever the gauge or service on either side).
    pub fn between<S: PartialEq>(
        a: (Mode, Option<Gauge>, Option<S>),
        b: (Mode, Option<Gauge>, Option<S>),
    ) -> Option<TransferKind> {
        use Mode::*;
        match (a.0, b.0) {
            (Rail, Rail) if a.1 != b.1 => Some(TransferKind::Gauge),
            (Sea, Sea) if a.2 != b.2 => Some(TransferKind::Transship),
            (Rail, Sea) | (Sea, Rail) => Some(TransferKind::RailSea),
            (Rail, Road) | (Road, Rail) => Some(TransferKind::RailRoad),
            (Road, Sea) | (Sea, Road) => Some(TransferKind::RoadSea),
            _ => None,
        }
    }
}

/// Link status: operating, or not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In service.
    Operating,
    /// Being built.
    UnderConstruction,
    /// Planned, not yet under construction.
    Planned,
}

impl Status {
    /// All statuses.
    pub const ALL: [Status; 3] = [
        Status::Operating,
        Status::UnderConstruction,
        Status::Planned,
    ];

    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Operating => "operating",
            Status::UnderConstruction => "under_construction",
            Status::Planned => "planned",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Direction of travel along a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dir {
    /// From `from` to `to`.
    Forward = 0,
    /// From `to` to `from`.
    Reverse = 1,
}

/// How a rail link is hauled, for its emissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Traction {
    /// Electric locomotives: energy per tonne-km × the grid intensity of the link's country.
    Electric,
    /// Diesel locomotives.
    Diesel,
}

impl Traction {
    /// The data-file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Traction::Electric => "electric",
            Traction::Diesel => "diesel",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<Traction> {
        [Traction::Electric, Traction::Diesel]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_kind_between_states() {
        let r35 = (Mode::Rail, Some(Gauge::Standard), None);
        let r52 = (Mode::Rail, Some(Gauge::Broad), None);
        let sea = (Mode::Sea, None, Some(0));
        let sea2 = (Mode::Sea, None, Some(1));
        let road = (Mode::Road, None, None);
        assert_eq!(TransferKind::between(r35, r52), Some(TransferKind::Gauge));
        assert_eq!(TransferKind::between(r52, sea), Some(TransferKind::RailSea));
        assert_eq!(
            TransferKind::between(sea, road),
            Some(TransferKind::RoadSea)
        );
        assert_eq!(
            TransferKind::between(sea, sea2),
            Some(TransferKind::Transship)
        );
        assert_eq!(TransferKind::between(sea, sea), None);
        assert_eq!(TransferKind::between(r35, r35), None);
    }
}
