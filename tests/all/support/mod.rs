//! Helpers shared by the test groups: nothing here is a test.

pub mod cmd;
pub mod demo_map;
pub mod raster;
pub mod required;
