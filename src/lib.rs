//! # corridor
//!
//! Models freight routes between China and Europe: the Trans-Caspian Middle Corridor, the Zangazur
//! corridor under construction, the Northern rail corridor through Russia and Belarus, and the sea
//! via Suez or the Cape. It holds a graph of real places with links weighted by distance, time,
//! cost and border dwell, and finds the shortest, fastest, cheapest and best generalized-cost
//! routes.
//!
//! The modules follow the data flow:
//!
//! - `records` (internal): a file split into its records, with their lines, read a piece at a
//!   time when large;
//! - [`load`]: TOML files → a checked [`Network`] (every problem with file, line and field);
//! - [`network`]: the physical network (places, facilities, links) and name look-up;
//! - [`graph`]: the search graph of (place, mode, gauge) states derived from a network;
//! - [`solve`]: objectives, constraints, the search and the [`Route`] it reports;
//! - [`scenario`]: what-if edits applied to a network (a pure function);
//! - [`describe`]: route words every front end shares (headline, key nodes, corridor words);
//! - [`studies`]: questions answered by routing many times ([`studies::compare`]: one query
//!   across scenarios, with changes against the first);
//! - [`sweep`]: one attribute varied over a range, with the switch points of the best route;
//! - [`query`]: the front door: a [`Query`] in the user's words → routes (year precedence,
//!   `--avoid`, scenario application: the decisions every front end shares);
//! - [`queue`]: queue models (M/M/1, M/D/1, M/M/c, G/G/c, scheduled batch departures): mean
//!   waits that follow from volume and capacity, with saturation and seasons;
//! - [`output`]: what is printed: routes, fronts, studies and links as tables, Markdown, CSV and
//!   JSON, every function returning a `String`;
//! - [`report`]: the study bundle (`corridor report`): one folder of HTML, Markdown, data and
//!   figures;
//! - [`fs`]: inputs read as bounded regular files, outputs written atomically.
//!
//! Glossary: a **node** is a place; a **link** joins two nodes in one mode; a **transfer** is a
//! mode or gauge change at a node's facility; a **step** is one line of a route's breakdown
//! (`haul`, `transfer`, `border`, `wait`); an **objective** is what a route minimises. All money
//! is USD per FEU (one 40-foot container).
//!
//! # Example
//!
//! ```
//! use corridor::{load, solve::{Constraints, Objective, Outcome, Router}};
//!
//! let net = load::embedded().unwrap();
//! let router = Router::new(&net).unwrap();
//! let (from, to) = (net.find("Xi'an").unwrap(), net.find("duisburg").unwrap());
//! let c = Constraints::defaults(&net);
//! match router.route(from, to, Objective::Time, &c).unwrap() {
//!     Outcome::Found(r) => assert!(r.total.days > 5.0),
//!     Outcome::NoRoute(why) => panic!("{why}"),
//! }
//! ```

#![warn(missing_docs)]

pub mod assign;
pub mod assign_figures;
pub mod compare;
pub mod demand;
pub mod describe;
pub mod distribution;
pub mod error;
pub mod figures;
pub mod fs;
pub mod geojson;
pub mod graph;
pub mod load;
pub mod network;
pub mod output;
pub mod query;
pub mod queue;
pub mod reliability;
pub mod render;
pub mod report;
pub mod routing;
pub mod scenario;
pub mod solve;
pub mod studies;
pub mod study_report;
/// Old path of [`crate::studies::sweep`] and of [`crate::output::sweep::render`], kept while the
/// layout moves; use those modules. (Inline, so that `src/sweep.rs` itself moves.)
pub mod sweep {
    pub use crate::output::sweep::render;
    pub use crate::studies::sweep::{sweep, Point, Request, Sweep, Switch, MAX_STEPS};
}
pub mod text;

pub use error::{Error, Problem, Result};
pub use network::Network;
pub use query::{Answer, Query};
pub use routing::Route;
