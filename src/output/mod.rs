//! Printed output: one file per thing printed, each a function that returns a `String`.

pub mod assign;
pub mod sweep;
