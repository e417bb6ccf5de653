//! The fast TOML reader against the toml crate: wherever the fast reader gives a record, it is
//! the record the toml crate gives, spans included.

use std::path::Path;

use proptest::prelude::*;

use crate::load::raw::RawFile;
use crate::load::records::records;
use crate::load::{embedded_files, read_files};

/// `Some(same)` when the fast reader took the record, `None` when it left it to the crate.
fn agree(slice: &str) -> Option<bool> {
    let fast = super::from_str::<RawFile>(slice)?;
    let slow = toml::from_str::<RawFile>(slice);
    let slow = slow.unwrap_or_else(|e| panic!("fast took what toml rejects ({e}):\n{slice}"));
    // Spans are compared explicitly: `Spanned`'s Debug shows only the value.
    let spans = |r: &RawFile| {
        let mut v: Vec<std::ops::Range<usize>> = Vec::new();
        v.extend(r.network.iter().map(|m| m.span()));
        v.extend(r.scenario.iter().map(|m| m.span()));
        v.extend(r.edit.iter().map(|m| m.span()));
        for n in &r.node {
            v.push(n.span());
            v.extend(n.get_ref().transfer.iter().map(|t| t.span()));
        }
        v.extend(r.link.iter().map(|m| m.span()));
        v.extend(r.service.iter().map(|m| m.span()));
        v.extend(r.family.iter().map(|m| m.span()));
        v.extend(r.variability.iter().map(|m| m.span()));
        v
    };
    assert_eq!(spans(&fast), spans(&slow), "spans differ:\n{slice}");
    assert_eq!(
        format!("{fast:?}"),
        format!("{slow:?}"),
        "records differ:\n{slice}"
    );
    Some(true)
}

#[test]
fn the_shipped_files_read_the_same_and_mostly_fast() {
    let mut files = embedded_files();
    for dir in ["networks/scenarios", "tests/fixtures"] {
        let d = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        files.extend(read_files(&d).unwrap());
    }
    let (mut fast, mut all) = (0, 0);
    for f in &files {
        for (_, slice) in records(&f.text) {
            all += 1;
            fast += usize::from(agree(slice).is_some());
        }
    }
    // Records with multi-line strings or datetimes go to the crate; nearly all others are fast.
    assert!(
        fast * 10 >= all * 9,
        "only {fast} of {all} records were read fast"
    );
}

#[test]
fn sub_tables_and_arrays_of_tables_as_the_toml_crate_writes_them() {
    let text = "[[node]]\nid = \"a\"\nname = \"A\"\ncountry = \"KZ\"\nlat = 40.0\nlon = 60\nkind = \"port\"\n\n[[node.transfer]]\nkind = \"rail_ship\"\nhours = 6.0\nusd = 100.0\n\n[node.transfer.source]\nhours = \"x\"\n\n[[node.transfer]]\nkind = \"rail_road\"\nhours = 1e1\nusd = 0\n\n[node.source]\ncoords = \"y\"\n";
    assert_eq!(agree(text), Some(true));
    let border = "[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"rail\"\ngauge = 1520\n\n[link.border]\nhours = 3.5\nusd = 10\n\n[link.border.source]\nhours = 'lit #'\n";
    assert_eq!(agree(border), Some(true));
}

#[test]
fn left_to_the_crate() {
    for text in [
        "[[node]]\nid = \"\"\"a\"\"\"\n",       // multi-line string
        "[[node]]\nsource.coords = \"a\"\n",    // dotted key
        "[[link]]\nkm = 1_000\n",               // underscore
        "[[link]]\nkm = inf\n",                 // special float
        "[[link]]\nkm = 01\n",                  // leading zero (an error)
        "[[link]]\nkm = 1.\n",                  // bad float
        "[[link]]\nkm = 1\nkm = 2\n",           // duplicate key
        "[[link]]\nsource = { a = \"b\", }\n",  // trailing comma in an inline table
        "[[link]]\nsource = { a = \"b\"\n }\n", // a line break in an inline table
        "[[link]]\nfrom = \"a\\e\"\n",          // TOML 1.1 escape
        "[[link]]\nfrom = \"a\tb\u{1}\"\n",     // control character
        "[[link]]\nfrom = \"a\" x\n",           // junk after a value
        "[[link]]\n[link.border]\nhours = 1\n[link.border]\nusd = 1\n", // a table twice
        "[[link]]\nfrom = \"a\"\r",             // a lone carriage return
        "[[link]]\nwhen = 2025-01-01\n",        // a date
        "[[link]]\ngeometry = [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]\n", // deep nesting
        "[[link]]\nmode = \"rail\"\nunknown = 1\n", // unknown field: the crate's message
        "[[link]]\nkm = \"12\"\n",              // a type mismatch: the crate's message
    ] {
        assert!(
            super::from_str::<RawFile>(text).is_none(),
            "fast took {text:?}"
        );
    }
}

fn spelled_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a".to_string()),
        Just("Ä".to_string()),
        Just(" ".to_string()),
        Just("#".to_string()),
        Just("'".to_string()),
        Just("\\\"".to_string()),
        Just("\\\\".to_string()),
        Just("\\n".to_string()),
        Just("\\u00e9".to_string()),
        Just("\\U0001F600".to_string()),
        Just("\t".to_string()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
}

fn spelled_number() -> impl Strategy<Value = String> {
    prop_oneof![
        (-1000i64..1000).prop_map(|i| i.to_string()),
        (-1000i64..1000).prop_map(|i| format!("+{}", i.abs())),
        (-1e4f64..1e4).prop_map(|f| format!("{f}")),
        (-1e4f64..1e4).prop_map(|f| format!("{f:e}")),
        (0u32..99).prop_map(|e| format!("1.5E-{e}")),
        Just("0".to_string()),
        Just("-0.0".to_string()),
        Just("1_0".to_string()),
        Just("nan".to_string()),
        Just("007".to_string()),
    ]
}

fn spelled_record() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("km"),
        Just("hours"),
        Just("lat"),
        Just("from"),
        Just("name"),
        Just("gauge"),
        Just("oneway"),
        Just("geometry"),
        Just("source"),
        Just("corridors"),
        Just("bogus"),
    ];
    let value = prop_oneof![
        spelled_string(),
        spelled_number(),
        Just("true".to_string()),
        Just("false".to_string()),
        prop::collection::vec(spelled_number(), 0..3)
            .prop_map(|v| format!("[[{}], [1, 2],\n  # c\n ]", v.join(", "))),
        prop::collection::vec(spelled_string(), 0..3).prop_map(|v| format!("[ {} ]", v.join(","))),
        (spelled_string(), spelled_string())
            .prop_map(|(a, b)| format!("{{ km = {a}, \"hours\" = {b} }}")),
    ];
    let header = prop_oneof![
        Just("[[link]]"),
        Just("[[node]]"),
        Just("[ [link] ]"),
        Just("[network]"),
        Just("[[edit]]"),
    ];
    let sep = prop_oneof![Just("\n"), Just("\r\n"), Just(" # note\n"), Just("\n\n")];
    (
        header,
        prop::collection::vec((key, any::<bool>(), value, sep), 0..8),
    )
        .prop_map(|(h, lines)| {
            let mut t = format!("# before\n{h}\n");
            for (k, quoted, v, sep) in lines {
                if quoted {
                    t.push_str(&format!("\"{k}\" = {v}{sep}"));
                } else {
                    t.push_str(&format!("{k}={v}{sep}"));
                }
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn generated_records_read_the_same(text in spelled_record(), cut in 0usize..400, junk in prop::sample::select(vec!["", "\"", "[", "=", "\n", "]", "{", "'", "#", ",", "."])) {
        // Whatever the fast reader accepts, the crate reads the same.
        agree(&text);
        // And with a character of junk somewhere.
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mutated = format!("{}{junk}{}", &text[..at], &text[at..]);
        agree(&mutated);
    }
}

#[test]
fn a_canonical_record_is_read_fast() {
    let text = "[[link]]\nfrom = \"a\"\nto = \"b\"\nmode = \"rail\"\ngauge = 1520\nkm = 1.1\nspeed_kmh = 50\nusd_per_km = 0.5\ngeometry = [[60.0, 40.5], [60.1, 40.6]]\ncorridors = [\"middle\"]\nsource = { km = \"generated\", speed_kmh = \"generated\", usd_per_km = \"g \\\"q\\\"\" }\n";
    assert_eq!(agree(text), Some(true));
}
