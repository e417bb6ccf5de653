//! `cargo fuzz run scenario`: the bytes, read as UTF-8 (lossily), are one scenario file for
//! `Scenario::parse`; a scenario that parses is applied to the shipped network with
//! `scenario::apply`, and the result is routed Xi'an → Duisburg for every objective (and between
//! two more pairs). A rejection must list problems located in the file (line and field); no
//! found route may have a non-finite or negative total. The checks are those of the stable
//! mutation fuzzer (`examples/fuzz_mutation/mutate/`).

#![no_main]

#[path = "../../examples/fuzz_mutation/mutate/mod.rs"]
mod mutate;

use std::sync::OnceLock;

use corridor::load::{self, SourceFile};
use corridor::scenario::{self, Scenario};
use corridor::Network;
use libfuzzer_sys::fuzz_target;

fn shipped() -> &'static Network {
    static NET: OnceLock<Network> = OnceLock::new();
    NET.get_or_init(|| load::embedded().expect("the shipped network loads"))
}

fn fail(v: mutate::Violation) -> ! {
    panic!("{}: {}: {}", v.class, v.signature, v.detail)
}

fuzz_target!(|data: &[u8]| {
    let net = shipped();
    let file = SourceFile {
        name: "fuzz-scenario.toml".into(),
        text: String::from_utf8_lossy(data).into_owned(),
    };
    let s = match Scenario::parse(&file) {
        Ok(s) => s,
        Err(e) => return mutate::check_error(e, &[&file]).unwrap_or_else(|v| fail(v)),
    };
    let out = match scenario::apply(net, &s) {
        Ok(out) => out,
        Err(e) => return mutate::check_error(e, &[&file]).unwrap_or_else(|v| fail(v)),
    };
    let seed = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    let mut rng = mutate::Rng::new(seed);
    let mut tally = mutate::Tally::default();
    mutate::check_routing(&out, &mut rng, ("xian", "duisburg"), s.year, &mut tally)
        .unwrap_or_else(|v| fail(v));
});
