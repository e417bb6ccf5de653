//! The layout rules, checked from a fresh clone with nothing but std: under `src/`, no file over
//! 650 lines, no function over 150 lines or with more than 6 parameters, no
//! `clippy::too_many_arguments`, no import circle between files, no use of a module further down
//! the data flow (`layers`); under `tests/`, at most two integration-test binaries.
//!
//! A port of the reference measurement (the `structure` script the layout work was planned
//! with), reading text only, as it does: comments, strings and character literals are blanked
//! first (keeping line breaks), `#[cfg(test)] mod … { … }` blocks are left out of functions and
//! imports, a file's length is its count of line breaks plus one, and `clippy::too_many_arguments`
//! is looked for in the raw text. A file uses another when it names it through `use crate::…`
//! trees, `crate::…` paths or `super::…` paths (as in the script, not through `self::…` or a
//! path relative to the file's own module); a circle is a strongly connected group of files.
//! Where the script misses something, this port does not: `super::` in a nested `mod.rs` resolves
//! from that folder's module, the `>` of `->` in a parameter list closes no bracket, and a `;`
//! inside brackets (`-> [u8; 4]`) does not make a function a declaration.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The limits.
const MAX_FILE_LINES: usize = 650;
const MAX_FN_LINES: usize = 150;
const MAX_PARAMS: usize = 6;
const MAX_TEST_BINARIES: usize = 2;

/// A Rust source file: its path relative to `src/` (with `/`) and its text.
struct Source {
    rel: String,
    text: String,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn starts(s: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, c)| s.get(i + k) == Some(&c))
}

/// The index of the first character at or after `j` that is not white space.
fn skip_ws(s: &[char], mut j: usize) -> usize {
    while j < s.len() && s[j].is_whitespace() {
        j += 1;
    }
    j
}

/// The index of the first character at or after `j` that is not a word character.
fn skip_word(s: &[char], mut j: usize) -> usize {
    while j < s.len() && is_word(s[j]) {
        j += 1;
    }
    j
}

/// Blanks `s[a..b]` with spaces, keeping line breaks.
fn blank(s: &mut [char], a: usize, b: usize) {
    let end = b.min(s.len());
    for c in &mut s[a..end] {
        if *c != '\n' {
            *c = ' ';
        }
    }
}

/// The text with comments, strings and character literals blanked (line breaks kept).
fn strip(text: &str) -> Vec<char> {
    let mut s: Vec<char> = text.chars().collect();
    let n = s.len();
    let mut i = 0;
    while i < n {
        let c = s[i];
        let after_word = i > 0 && is_word(s[i - 1]);
        if starts(&s, i, "//") {
            let j = (i..n).find(|&j| s[j] == '\n').unwrap_or(n);
            blank(&mut s, i, j);
            i = j;
        } else if starts(&s, i, "/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < n && depth > 0 {
                if starts(&s, j, "/*") {
                    depth += 1;
                    j += 2;
                } else if starts(&s, j, "*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut s, i, j);
            i = j;
        } else if c == 'r' && !after_word && raw_string_hashes(&s, i).is_some() {
            let hashes = raw_string_hashes(&s, i).unwrap();
            let open = i + 2 + hashes;
            let close: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let end = (open..n)
                .find(|&j| starts(&s, j, &close))
                .map_or(n, |j| j + 1 + hashes);
            blank(&mut s, i, end);
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < n && s[j] != '"' {
                j += if s[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut s, i, j + 1);
            i = j + 1;
        } else if c == '\'' {
            match char_literal(&s, i) {
                Some(len) => {
                    blank(&mut s, i, i + len);
                    i += len;
                }
                None => i += 1, // a lifetime
            }
        } else {
            i += 1;
        }
    }
    s
}

/// The number of `#` of a raw string starting at `i` (`r"`, `r#"`…, within ten characters).
fn raw_string_hashes(s: &[char], i: usize) -> Option<usize> {
    let hashes = (i + 1..s.len()).take_while(|&j| s[j] == '#').count();
    (hashes <= 8 && s.get(i + 1 + hashes) == Some(&'"')).then_some(hashes)
}

/// The length of a character literal at `i` (`'x'`, `'\n'`, `'\u{1F600}'`), or `None` for a
/// lifetime.
fn char_literal(s: &[char], i: usize) -> Option<usize> {
    let at = |k: usize| s.get(i + k).copied();
    match at(1)? {
        '\\' => {
            if at(2).is_some_and(|c| c != '\n') && at(3) == Some('\'') {
                return Some(4);
            }
            let hex = (i + 4..s.len().min(i + 11))
                .take_while(|&j| s[j].is_ascii_hexdigit())
                .count();
            let close = 4 + hex;
            (at(2) == Some('u')
                && at(3) == Some('{')
                && hex > 0
                && at(close) == Some('}')
                && at(close + 1) == Some('\'')
                && close + 2 <= 12)
                .then_some(close + 2)
        }
        '\'' => None,
        _ => (at(2) == Some('\'')).then_some(3),
    }
}

/// Blanks every `#[cfg(test)] [pub[(…)]] mod NAME {…}` block of stripped text.
fn blank_test_modules(s: &mut [char]) {
    let mut found = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match test_module_open(s, i) {
            Some(open) => {
                found.push((i, open));
                i = open;
            }
            None => i += 1,
        }
    }
    for (start, open) in found.into_iter().rev() {
        let end = matching(s, open, '{', '}');
        blank(s, start, end);
    }
}

/// Where the body of a test module declared at `i` starts (just after its `{`).
fn test_module_open(s: &[char], i: usize) -> Option<usize> {
    if !starts(s, i, "#[cfg(test)]") {
        return None;
    }
    let (ws, word) = (|j| skip_ws(s, j), |j| skip_word(s, j));
    let mut j = ws(i + "#[cfg(test)]".len());
    if starts(s, j, "pub") {
        let mut k = j + 3;
        if s.get(k) == Some(&'(') {
            let w = word(k + 1);
            if w > k + 1 && s.get(w) == Some(&')') {
                k = w + 1;
            }
        }
        if ws(k) > k {
            j = ws(k);
        }
    }
    if !starts(s, j, "mod") || ws(j + 3) == j + 3 {
        return None;
    }
    let name = ws(j + 3);
    let after = word(name);
    let brace = ws(after);
    (after > name && s.get(brace) == Some(&'{')).then_some(brace + 1)
}

/// The index just after the bracket closing the one opened before `from`.
fn matching(s: &[char], from: usize, open: char, close: char) -> usize {
    let (mut depth, mut k) = (1, from);
    while k < s.len() && depth > 0 {
        if s[k] == open {
            depth += 1;
        } else if s[k] == close {
            depth -= 1;
        }
        k += 1;
    }
    k
}

/// A function with a body, as measured.
#[derive(Debug, PartialEq)]
struct Function {
    name: String,
    line: usize,
    lines: usize,
    params: usize,
}

/// Every `fn NAME[<…>](…) … { … }` of stripped text (nested ones too).
fn functions(s: &[char]) -> Vec<Function> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let Some((name, paren)) = fn_head(s, i) else {
            i += 1;
            continue;
        };
        let close = matching(s, paren, '(', ')');
        let params = count_params(&s[paren..close.saturating_sub(1)]);
        if let Some(brace) = body_start(s, close) {
            let end = matching(s, brace + 1, '{', '}');
            let newlines = |a: usize, b: usize| s[a..b].iter().filter(|&&c| c == '\n').count();
            out.push(Function {
                name,
                line: newlines(0, i) + 1,
                lines: newlines(i, end) + 1,
                params,
            });
        }
        i = paren;
    }
    out
}

/// `fn NAME[<…>](` at `i`: the name and the index just after the `(`.
fn fn_head(s: &[char], i: usize) -> Option<(String, usize)> {
    if !starts(s, i, "fn") || (i > 0 && is_word(s[i - 1])) {
        return None;
    }
    let ws = |j| skip_ws(s, j);
    let name_at = ws(i + 2);
    if name_at == i + 2 {
        return None;
    }
    let name_end = skip_word(s, name_at);
    if name_end == name_at {
        return None;
    }
    let name: String = s[name_at..name_end].iter().collect();
    let j = ws(name_end);
    if s.get(j) == Some(&'(') {
        return Some((name, j + 1));
    }
    if s.get(j) != Some(&'<') {
        return None;
    }
    // Generics: the shortest `<…>` (no `{` or `;` inside) followed by `(`.
    for k in j + 1..s.len() {
        match s[k] {
            '{' | ';' => return None,
            '>' => {
                let p = ws(k + 1);
                if s.get(p) == Some(&'(') {
                    return Some((name, p + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// The parameters of a parameter list's text, `self` not counted.
fn count_params(params: &[char]) -> usize {
    let (mut depth, mut commas) = (0i32, 0);
    for (k, &c) in params.iter().enumerate() {
        match c {
            '(' | '<' | '[' | '{' => depth += 1,
            '>' if k > 0 && params[k - 1] == '-' => {}
            ')' | '>' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => commas += 1,
            _ => {}
        }
    }
    let text: String = params.iter().collect();
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    let n = if text.ends_with(',') {
        commas
    } else {
        commas + 1
    };
    let first = text.split(',').next().unwrap_or("");
    let words: Vec<&str> = first
        .split(|c: char| c.is_whitespace() || c == '&' || c == ':')
        .filter(|w| !w.is_empty())
        .collect();
    let takes_self = match words.as_slice() {
        ["self", ..] => true,
        ["mut", "self", ..] => true,
        [lifetime, "self", ..] | [lifetime, "mut", "self", ..] => {
            lifetime.starts_with('\'') && first.trim_start().starts_with('&')
        }
        _ => false,
    };
    n - usize::from(takes_self)
}

/// Where the body of a function whose parameters close before `from` opens, or `None` for a
/// declaration (a `;` outside brackets first).
fn body_start(s: &[char], from: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (k, &c) in s.iter().enumerate().skip(from) {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '{' => return Some(k),
            ';' if depth <= 0 => return None,
            _ => {}
        }
    }
    None
}

/// The module a file under `src/` is: `a/b.rs` and `a/b/mod.rs` → `a::b`; `lib.rs` → ``.
fn module_of(rel: &str) -> String {
    let mut parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
    if matches!(parts.last(), Some(&("mod" | "lib" | "main"))) {
        parts.pop();
    }
    parts.join("::")
}

/// The paths of a `use` tree: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str, prefix: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{').filter(|_| tree.ends_with('}')) else {
        let path = tree.split(" as ").next().unwrap_or("").trim();
        return vec![format!("{prefix}{path}")];
    };
    let head = tree[..open].trim_end_matches("::");
    if !head.chars().all(|c| is_word(c) || c == ':') {
        return vec![format!(
            "{prefix}{}",
            tree.split(" as ").next().unwrap_or("").trim()
        )];
    }
    let base = if head.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}{head}::")
    };
    let (mut parts, mut depth, mut cur) = (Vec::new(), 0, String::new());
    for c in tree[open + 1..tree.len() - 1].chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand_use(p, &base))
        .collect()
}

/// Every `KEYWORD::a::b…` path of stripped text (the part after `KEYWORD::`).
fn paths_after(s: &str, keyword: &str) -> Vec<String> {
    let pat = format!("{keyword}::");
    let mut out = Vec::new();
    for (at, _) in s.match_indices(&pat) {
        if s[..at].chars().next_back().is_some_and(is_word) {
            continue;
        }
        let rest = &s[at + pat.len()..];
        let mut end = 0;
        for seg in rest.split("::") {
            let w = seg.chars().take_while(|&c| is_word(c)).count();
            if w == 0 {
                break;
            }
            end += if end == 0 { w } else { 2 + w };
            if w < seg.len() {
                break;
            }
        }
        if end > 0 {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// The modules (files) stripped text `s` of module `me` uses, among `mods`.
fn uses_of(me: &str, s: &str, mods: &BTreeSet<String>) -> BTreeSet<String> {
    let mut paths = Vec::new();
    for (at, _) in s.match_indices("use") {
        let before_ok = !s[..at].chars().next_back().is_some_and(is_word);
        let rest = &s[at + 3..];
        let tree = rest.trim_start();
        if before_ok && tree.len() < rest.len() && tree.starts_with("crate::") {
            if let Some(end) = tree.find(';') {
                paths.extend(expand_use(&tree["crate::".len()..end], ""));
            }
        }
    }
    paths.extend(paths_after(s, "crate"));
    let parent: Vec<&str> = me.split("::").filter(|p| !p.is_empty()).collect();
    let parent = &parent[..parent.len().saturating_sub(1)];
    for p in paths_after(s, "super") {
        paths.push(if parent.is_empty() {
            p
        } else {
            format!("{}::{p}", parent.join("::"))
        });
    }
    let mut used = BTreeSet::new();
    for p in paths {
        let p = p.replace(char::is_whitespace, "");
        let parts: Vec<&str> = p.split("::").filter(|x| !x.is_empty()).collect();
        for cut in (1..=parts.len()).rev() {
            let cand = parts[..cut].join("::");
            if mods.contains(&cand) {
                if cand != me {
                    used.insert(cand);
                }
                break;
            }
        }
    }
    used
}

/// The groups of two or more modules that use each other (strongly connected components).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.found.sort();
    t.found
}

/// Every offence of the files of `src/` against the limits, one line each.
fn offences(files: &[Source]) -> Vec<String> {
    measure(files).0
}

/// The offences against the limits, and the graph of which module uses which.
fn measure(files: &[Source]) -> (Vec<String>, BTreeMap<String, BTreeSet<String>>) {
    let mods: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&f.rel))
        .filter(|m| !m.is_empty())
        .collect();
    let (mut out, mut graph) = (Vec::new(), BTreeMap::new());
    for f in files {
        let path = format!("src/{}", f.rel);
        let lines = f.text.matches('\n').count() + 1;
        if lines > MAX_FILE_LINES {
            out.push(format!(
                "file over {MAX_FILE_LINES} lines: {path} ({lines})"
            ));
        }
        for (at, _) in f.text.match_indices("clippy::too_many_arguments") {
            let line = f.text[..at].matches('\n').count() + 1;
            out.push(format!("allow(clippy::too_many_arguments): {path}:{line}"));
        }
        let mut s = strip(&f.text);
        blank_test_modules(&mut s);
        for g in functions(&s) {
            if g.lines > MAX_FN_LINES {
                let (at, name, n) = (g.line, &g.name, g.lines);
                out.push(format!(
                    "function over {MAX_FN_LINES} lines: {path}:{at} {name} ({n})"
                ));
            }
            if g.params > MAX_PARAMS {
                let (at, name, n) = (g.line, &g.name, g.params);
                out.push(format!("function with {n} parameters: {path}:{at} {name}"));
            }
        }
        let me = module_of(&f.rel);
        let used = uses_of(&me, &s.iter().collect::<String>(), &mods);
        graph.entry(me).or_insert_with(BTreeSet::new).extend(used);
    }
    for group in circles(&graph) {
        out.push(format!("circle: {}", group.join(" <-> ")));
    }
    (out, graph)
}

/// The integration-test binaries of a `tests/` folder: its `*.rs` files and its folders with a
/// `main.rs`.
fn test_binaries(tests: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(tests)
        .map(|d| d.flatten().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|e| {
            let p = e.path();
            (p.is_file() && p.extension().is_some_and(|x| x == "rs")) || p.join("main.rs").is_file()
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The `.rs` files under `dir`, relative to it, sorted.
fn sources(dir: &Path) -> Vec<Source> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, found);
            } else if p.extension().is_some_and(|x| x == "rs") {
                found.push(p);
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, &mut found);
    let mut out: Vec<Source> = found
        .into_iter()
        .map(|p| Source {
            rel: p
                .strip_prefix(dir)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
            text: std::fs::read_to_string(&p).unwrap(),
        })
        .collect();
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_source_tree_keeps_the_layout_rules() {
    let (mut found, graph) = measure(&sources(&root().join("src")));
    found.extend(layers::offences(&graph));
    assert!(
        found.is_empty(),
        "{} offence(s) against the layout rules:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn there_are_at_most_two_integration_test_binaries() {
    let found = test_binaries(&root().join("tests"));
    assert!(
        found.len() <= MAX_TEST_BINARIES,
        "{} integration-test binaries under tests/ (at most {MAX_TEST_BINARIES}): {}",
        found.len(),
        found.join(", ")
    );
}

// Data flows down: the layers of the top-level modules.
mod layers;
// The checker's own tests, on small inline snippets.
mod unit;
// Every file of the project stands on its own: no pointer outside the repository, no issue
// number.
mod self_contained;
