//! One file per subcommand, each a short function from its arguments to library calls to
//! printing.
//!
//! A command decides nothing another front end (the HTML report, a service) would also need:
//! defaults, route choices and words are the library's. What a command owns is which library
//! calls its flags stand for, and where their output goes (standard output, a file, standard
//! error for notes).

pub(crate) mod assign;
pub(crate) mod batch;
pub(crate) mod calibrate;
pub(crate) mod chart;
pub(crate) mod compare;
pub(crate) mod completions;
pub(crate) mod export;
pub(crate) mod invest;
pub(crate) mod links;
pub(crate) mod man;
pub(crate) mod map;
pub(crate) mod nodes;
pub(crate) mod observed;
pub(crate) mod pareto;
pub(crate) mod reliability;
pub(crate) mod report;
pub(crate) mod route;
pub(crate) mod scenarios;
pub(crate) mod sensitivity;
pub(crate) mod skim;
pub(crate) mod sweep;
pub(crate) mod validate;
