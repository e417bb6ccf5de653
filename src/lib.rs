//! # corridor
//!
//! Models freight routes between China and Europe: the Trans-Caspian Middle Corridor, the Zangazur
//! corridor under construction, the Northern rail corridor through Russia and Belarus, and the sea
//! via Suez or the Cape. It holds a graph of real places with links weighted by distance, time,
//! cost, CO2 and border dwell; finds the best routes by five objectives, alternatives and exact
//! Pareto fronts; and runs studies over scenarios, sweeps, reliability and assignment.
//!
//! Data flows down, one layer per line (a module imports only from its own line and those above):
//!
//! 1. [`error`], [`text`], [`fs`], [`progress`]: problems and errors, shared strings and numbers,
//!    safe files, work counted for a front end's progress display;
//! 2. [`network`]: places, links, facilities, services, families, the default study, look-up;
//! 3. [`load`]: files → a checked [`Network`]; [`scenario`]: what-if edits on a network;
//! 4. [`routing`]: the search graph, objectives, constraints, the search and its [`Route`];
//! 5. [`describe`]: route words; [`query`]: the front door, a [`Query`] in the user's words;
//! 6. [`studies`]: compare, skim, sweep, reliability, demand, queues and assignment;
//! 7. [`output`]: tables, CSV, Markdown, JSON, GeoJSON; [`render`]: maps, charts, figures;
//! 8. [`report`]: the study as one folder; then the `corridor` binary's `cli` (clap) on top.
//!
//! Unit tests build their small networks with `testnet` (test builds only).
//!
//! Glossary: a **node** is a place; a **link** joins two nodes in one mode; a **transfer** is a
//! mode or gauge change at a node's facility; a **step** is one line of a route's breakdown
//! (`haul`, `transfer`, `border`, `wait`); an **objective** is what a route minimises; a
//! **scenario** is a list of edits; a **study** asks many queries and summarises them. All money
//! is USD per FEU (one 40-foot container).
//!
//! # Example
//!
//! ```
//! use corridor::{load, routing::{Constraints, Objective, Outcome, Router}};
//!
//! let net = load::embedded().unwrap();
//! let router = Router::new(&net).unwrap();
//! let (from, to) = (net.find("Xi'an").unwrap(), net.find("duisburg").unwrap());
//! let c = Constraints::defaults(&net);
//! match router.route(from, to, Objective::Time, &c).unwrap() {
//!     Outcome::Found(r) => assert!(r.total.days() > 5.0),
//!     Outcome::NoRoute(why) => panic!("{why}"),
//! }
//! ```

#![warn(missing_docs)]

pub mod describe;
pub mod error;
pub mod fs;
pub mod load;
pub mod network;
pub mod output;
pub mod progress;
pub mod query;
pub mod render;
pub mod report;
pub mod routing;
pub mod scenario;
pub mod studies;
#[cfg(test)]
pub mod testnet;
pub mod text;

pub use error::{Error, Problem, Result};
pub use network::Network;
pub use query::{Answer, Query};
pub use routing::Route;
