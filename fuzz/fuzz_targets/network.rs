//! `cargo fuzz run network`: the bytes, read as UTF-8 (lossily), are one network file for
//! `load::parse`. A rejection must list problems located in that file (line and field); a
//! network that loads is routed between a few pairs, and no found route may have a non-finite
//! or negative total. The checks are those of the stable mutation fuzzer
//! (`examples/fuzz_mutation/mutate/`).

#![no_main]

#[path = "../../examples/fuzz_mutation/mutate/mod.rs"]
mod mutate;

use corridor::load::{self, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile {
        name: "fuzz.toml".into(),
        text: String::from_utf8_lossy(data).into_owned(),
    };
    match load::parse(std::slice::from_ref(&file)) {
        Err(e) => {
            if let Err(v) = mutate::check_error(e, &[&file]) {
                panic!("{}: {}: {}", v.class, v.signature, v.detail);
            }
        }
        Ok(net) => {
            // The pairs and constraints come from the input, so a crash reproduces from it.
            let seed = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
                (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
            });
            let mut rng = mutate::Rng::new(seed);
            let mut tally = mutate::Tally::default();
            let main = match (net.nodes.first(), net.nodes.last()) {
                (Some(a), Some(b)) => (a.id.clone(), b.id.clone()),
                _ => return,
            };
            if let Err(v) =
                mutate::check_routing(&net, &mut rng, (&main.0, &main.1), None, &mut tally)
            {
                panic!("{}: {}: {}", v.class, v.signature, v.detail);
            }
        }
    }
});
