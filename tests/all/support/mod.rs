//! Helpers shared by the test groups: nothing here is a test.

pub mod demo_map;
pub mod raster;
pub mod required;
