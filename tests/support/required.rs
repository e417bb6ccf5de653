//! Old path of the shipped network's required node ids, kept while the layout moves for the
//! examples that include it with `#[path]`; use `tests/all/support/required.rs`.

#[path = "../all/support/required.rs"]
mod list;

pub use list::REQUIRED;
