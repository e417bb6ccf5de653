//! Old path of [`crate::studies::assign`], kept while the layout moves; use that module.

pub use crate::studies::assign::{
    assign, render, Assignment, ElementLoad, FlowResult, LinkLoad, Options, RouteShare,
};
