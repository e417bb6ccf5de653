//! The layout checker on small inline snippets: what it finds, and what it must not mistake for
//! code (strings, comments, character literals, test modules).

use super::*;

/// A source file at `rel` under `src/`.
fn file(rel: &str, text: &str) -> Source {
    Source {
        rel: rel.to_string(),
        text: text.to_string(),
    }
}

/// The functions of a snippet, as `(name, line, lines, params)`.
fn fns(text: &str) -> Vec<(String, usize, usize, usize)> {
    let mut s = strip(text);
    blank_test_modules(&mut s);
    functions(&s)
        .into_iter()
        .map(|f| (f.name, f.line, f.lines, f.params))
        .collect()
}

/// A function `name` of `body_lines` lines in all.
fn long_fn(name: &str, body_lines: usize) -> String {
    let mut t = format!("fn {name}() {{\n");
    for k in 0..body_lines - 2 {
        t.push_str(&format!("    let x{k} = {k};\n"));
    }
    t.push_str("}\n");
    t
}

#[test]
fn a_function_over_150_lines_is_found_with_its_file_line_and_length() {
    let text = format!(
        "//! A module.\n\n{}\n{}",
        long_fn("short", 150),
        long_fn("long", 151)
    );
    let found = offences(&[file("big.rs", &text)]);
    assert_eq!(
        found,
        ["function over 150 lines: src/big.rs:154 long (151)"],
        "{text}"
    );
}

#[test]
fn a_file_over_650_lines_is_found_counting_as_the_reference_does() {
    // 649 lines, each ended by a line break, count as 650: within the limit.
    let ok = "// x\n".repeat(649);
    assert!(offences(&[file("a.rs", &ok)]).is_empty());
    let long = "// x\n".repeat(650);
    assert_eq!(
        offences(&[file("a.rs", &long)]),
        ["file over 650 lines: src/a.rs (651)"]
    );
}

#[test]
fn parameters_are_counted_without_self_and_through_nested_brackets() {
    let text = "\
impl A {
    fn seven(&self, a: u8, b: (u8, u8), c: [u8; 2], d: Vec<(u8, u8)>, e: u8, f: u8, g: u8) {}
    fn six(&'a mut self, a: u8, b: u8, c: u8, d: u8, e: u8, f: u8,) {}
    fn none() {}
    fn closure(a: impl Fn(u8) -> u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8) {}
    fn generic<T: Into<u8>, U>(a: T, b: U) -> [u8; 4] { [0; 4] }
    fn declared(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8);
}
";
    let params: Vec<(String, usize)> = fns(text).into_iter().map(|f| (f.0, f.3)).collect();
    let want = [
        ("seven", 7),
        ("six", 6),
        ("none", 0),
        ("closure", 7),
        ("generic", 2),
    ];
    let want: Vec<(String, usize)> = want.iter().map(|(n, p)| (n.to_string(), *p)).collect();
    assert_eq!(
        params, want,
        "a declaration has no body and is not measured"
    );
    let found = offences(&[file("wide.rs", text)]);
    assert_eq!(
        found,
        [
            "function with 7 parameters: src/wide.rs:2 seven",
            "function with 7 parameters: src/wide.rs:5 closure",
        ]
    );
}

#[test]
fn strings_comments_and_char_literals_are_not_code() {
    let text = r####"
fn real() {
    let a = "fn fake(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8) { }";
    let b = r#"fn raw() { "quoted" } {"#;
    let c = '{';
    let d = '\u{7B}';
    let e = b'}';
    // fn commented(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8) {
    /* fn block() { /* nested */ } */
    let f: &'static str = "}";
}

fn after<'a>(x: &'a str) -> &'a str {
    x
}
"####;
    let found = fns(text);
    assert_eq!(
        found,
        [
            ("real".to_string(), 2, 10, 0),
            ("after".to_string(), 13, 3, 1)
        ],
        "{:?}",
        strip(text).iter().collect::<String>()
    );
}

#[test]
fn test_modules_are_left_out_of_functions_and_imports() {
    let text = format!(
        "fn kept() {{}}\n\n#[cfg(test)]\nmod tests {{\n    use crate::b::X;\n{}}}\n\n#[cfg(test)]\npub(crate) mod more {{ fn also() {{}} }}\n",
        long_fn("huge", 200)
    );
    assert_eq!(fns(&text), [("kept".to_string(), 1, 1, 0)]);
    let files = [
        file("a.rs", &text),
        file("b.rs", "use crate::a::kept;\npub struct X;\n"),
    ];
    assert!(offences(&files).is_empty(), "{:?}", offences(&files));
}

#[test]
fn the_too_many_arguments_allowance_is_found() {
    let text = "#[allow(clippy::too_many_arguments)]\nfn f() {}\n";
    assert_eq!(
        offences(&[file("x.rs", text)]),
        ["allow(clippy::too_many_arguments): src/x.rs:1"]
    );
}

#[test]
fn use_trees_expand_to_every_path() {
    assert_eq!(
        expand_use("a::{b, c::{d, e as f}, g::*,\n}", ""),
        ["a::b", "a::c::d", "a::c::e", "a::g::*"]
    );
    assert_eq!(expand_use("{x, y}", ""), ["x", "y"]);
    assert_eq!(expand_use("a::B as C", "p::"), ["p::a::B"]);
    assert_eq!(
        paths_after("crate::a::b::{c}; crate::d::e(); my_crate::f", "crate"),
        ["a::b", "d::e"]
    );
}

#[test]
fn a_circle_between_files_is_found_through_use_trees_paths_and_super() {
    let files = [
        file(
            "lib.rs",
            "pub mod load;\npub mod records;\npub mod routing;\n",
        ),
        file("load.rs", "use crate::{records::Record, routing};\n"),
        file("records.rs", "pub fn f() { crate::load::helper(); }\n"),
        file(
            "routing/mod.rs",
            "pub mod search;\npub fn go() { crate::routing::search::run() }\n",
        ),
        file("routing/search.rs", "use super::Metrics;\n"),
        file("routing/deep/mod.rs", "use super::super::x;\n"),
    ];
    assert_eq!(
        offences(&files),
        [
            "circle: load <-> records",
            "circle: routing <-> routing::search"
        ]
    );
}

#[test]
fn super_in_a_nested_mod_rs_names_the_folders_parent() {
    let mods: BTreeSet<String> = ["render", "render::geom", "render::map", "geom"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let used = uses_of("render::map", "use super::geom::Point;", &mods);
    assert_eq!(used, BTreeSet::from(["render::geom".to_string()]));
}

#[test]
fn a_chain_of_files_is_no_circle() {
    let files = [
        file("a.rs", "use crate::b::B;\n"),
        file("b.rs", "use crate::c;\npub struct B;\n"),
        file("c.rs", "pub fn c() {}\n"),
    ];
    assert!(offences(&files).is_empty());
}

#[test]
fn integration_test_binaries_are_files_and_folders_with_a_main() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["one.rs", "two/main.rs", "helpers/mod.rs", "data.toml"] {
        let p = d.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "").unwrap();
    }
    assert_eq!(test_binaries(d), ["one.rs", "two"]);
}
