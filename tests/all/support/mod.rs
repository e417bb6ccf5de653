//! Helpers shared by the test groups (with the tests of the helpers themselves).

pub mod cmd;
pub mod demo_map;
pub mod inspect;
pub mod net;
pub mod raster;
pub mod required;
pub mod svgdoc;
