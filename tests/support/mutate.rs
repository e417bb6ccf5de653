//! Old path of the seeded mutation fuzzer, kept while the layout moves for the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) that include it with `#[path]`; it lives in
//! `examples/fuzz_mutation/mutate/`.

#[path = "../../examples/fuzz_mutation/mutate/mod.rs"]
mod imp;

pub use imp::*;
