//! Old path of [`crate::studies::assign`] and of [`crate::output::assign::render`], kept while
//! the layout moves; use those modules.

pub use crate::output::assign::render;
pub use crate::studies::assign::{
    assign, Assignment, ElementLoad, FlowResult, LinkLoad, Options, RouteShare,
};
