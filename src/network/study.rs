//! The network's default study (`[network.study]`): what its authors ask of it when a front end
//! is told nothing else. Its origin and destination; the question a report answers; how a route
//! is named after the corridors it takes; the places every map labels; the places the network
//! promises to connect (a skim's default); and the region a study map's panel zooms into. These are
//! words and views about one network, so they are data: another network brings its own, or none
//! (then front ends ask for an origin and a destination, name routes by their modes, label only
//! the places routes stop at, and draw no panel).

/// The default study of a network. Every part is optional; [`Study::default`] is "none".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Study {
    /// Origin and destination node ids of the default study.
    pub ends: Option<(String, String)>,
    /// The question the study answers, in the network's words, with `{from}` and `{to}` standing
    /// for the origin's and the destination's names (see [`Study::question_for`]).
    pub question: Option<String>,
    /// How routes are named, in the order the data give.
    pub corridors: Vec<CorridorName>,
    /// Node ids every map labels when it draws them.
    pub hubs: Vec<String>,
    /// Node ids of the places the network promises to connect (every ordered pair routes once
    /// the links it needs are open): the places a skim takes when told none.
    pub required: Vec<String>,
    /// The region a study map shows in a panel of its own, when routes pass through it.
    pub panel: Option<Panel>,
    /// The study's headline questions (`[[network.study.headline]]`), in the data's order: what
    /// a sensitivity screening asks when told nothing else.
    pub headlines: Vec<Headline>,
}

/// A headline question of the study: the difference between two corridor families' best routes,
/// or a scenario's effect, in one measure, optionally under a scenario. Words about one network,
/// so data; the study that answers it checks the names it holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Headline {
    /// The question in the network's words.
    pub question: Option<String>,
    /// Two family ids: the first's best route less the second's.
    pub compare: Option<(String, String)>,
    /// A scenario whose effect (its value less the base network's) is asked.
    pub effect_of: Option<String>,
    /// For an effect: the family it is measured on [default: the one the scenario changes most].
    pub family: Option<String>,
    /// The scenario the question is asked under [default: the base network].
    pub scenario: Option<String>,
    /// The measure, an objective's name [default: time, in days].
    pub by: Option<String>,
}

/// The name of routes on one corridor: a route is named after the corridor, among the study's,
/// whose tag carries most of its kilometres, then after the first of that corridor's branches
/// whose tag it travels.
#[derive(Debug, Clone, PartialEq)]
pub struct CorridorName {
    /// The corridor tag (on links).
    pub tag: String,
    /// The name of a route on it ("Middle Corridor").
    pub name: String,
    /// Branches: (tag, name of a route that travels it), in order of precedence.
    pub branches: Vec<(String, String)>,
}

/// A region a study map shows in a panel of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The panel's title.
    pub title: String,
    /// West, south, east and north bounds, degrees.
    pub bbox: [f64; 4],
    /// Node ids the panel always labels.
    pub places: Vec<String>,
}

/// The placeholders a study's question may hold.
pub const QUESTION_PLACEHOLDERS: [&str; 2] = ["{from}", "{to}"];

impl Study {
    /// The study's question for a study from `from` to `to` (names): `{from}` and `{to}` replaced;
    /// `None` when the network asks none.
    pub fn question_for(&self, from: &str, to: &str) -> Option<String> {
        self.question
            .as_ref()
            .map(|q| q.replace("{from}", from).replace("{to}", to))
    }

    /// The name of a route from the kilometres it travels on each tag (`km_on`) and whether it
    /// travels a tag at all (`uses`): the study's corridor carrying most of its kilometres (the
    /// last of equals), refined by that corridor's first branch the route uses; `None` when the
    /// route travels none of the study's corridors.
    pub fn corridor_name(
        &self,
        km_on: impl Fn(&str) -> f64,
        uses: impl Fn(&str) -> bool,
    ) -> Option<&str> {
        let main = self
            .corridors
            .iter()
            .map(|c| (c, km_on(&c.tag)))
            .filter(|(_, km)| *km > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))?
            .0;
        Some(
            main.branches
                .iter()
                .find(|(tag, _)| uses(tag))
                .map_or(main.name.as_str(), |(_, name)| name.as_str()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{CorridorName, Study};

    fn study() -> Study {
        let name = |tag: &str, name: &str, branches: &[(&str, &str)]| CorridorName {
            tag: tag.into(),
            name: name.into(),
            branches: branches
                .iter()
                .map(|(t, n)| (t.to_string(), n.to_string()))
                .collect(),
        };
        Study {
            corridors: vec![
                name("north", "North", &[]),
                name("mid", "Mid", &[("a", "Mid via A"), ("b", "Mid via B")]),
            ],
            ..Study::default()
        }
    }

    #[test]
    fn the_corridor_with_most_km_names_the_route_and_its_first_branch_used_refines_it() {
        let s = study();
        let km = |north: f64, mid: f64| move |t: &str| if t == "north" { north } else { mid };
        assert_eq!(s.corridor_name(km(10.0, 5.0), |_| false), Some("North"));
        assert_eq!(s.corridor_name(km(1.0, 5.0), |_| false), Some("Mid"));
        assert_eq!(
            s.corridor_name(km(1.0, 5.0), |t| t == "b"),
            Some("Mid via B")
        );
        assert_eq!(s.corridor_name(km(1.0, 5.0), |_| true), Some("Mid via A"));
        // Equal kilometres: the later corridor; none travelled: no name.
        assert_eq!(s.corridor_name(km(5.0, 5.0), |_| false), Some("Mid"));
        assert_eq!(s.corridor_name(km(0.0, 0.0), |_| true), None);
        assert_eq!(Study::default().corridor_name(km(9.0, 9.0), |_| true), None);
    }

    #[test]
    fn the_question_names_the_ends_it_is_asked_for() {
        let s = Study {
            question: Some("From {from} to {to}, or back to {from}?".into()),
            ..Study::default()
        };
        assert_eq!(
            s.question_for("A", "B").as_deref(),
            Some("From A to B, or back to A?")
        );
        assert_eq!(Study::default().question_for("A", "B"), None);
    }
}
