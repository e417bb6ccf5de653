//! `--help` and the manual pages: every command's help ends with two or three examples that run
//! as written on the shipped network, and `corridor man --dir` writes a page per command, each
//! with the command's options, whose SEE ALSO names only pages that exist.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::cmd::Cmd;

/// The subcommands a help lists under "Commands:" (clap's `help` left out).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect()
}

/// Every command path: `[]` (corridor itself), `["route"]`, …, `["chart", "tcd"]`.
fn commands() -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    let mut i = 0;
    while i < out.len() {
        let path = out[i].clone();
        let help = Cmd::new().args(&path).arg("--help").run().stdout;
        for sub in subcommands(&help) {
            let mut p = path.clone();
            p.push(sub);
            out.push(p);
        }
        i += 1;
    }
    out
}

/// The examples of a help: each `corridor …` line after "Examples:", with the lines that
/// continue it (after a final ` \`) joined.
fn examples(help: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut continues = false;
    for line in help.lines().skip_while(|l| l.trim() != "Examples:").skip(1) {
        if line.trim().is_empty() {
            break;
        }
        let text = line.trim();
        if continues {
            out.last_mut().unwrap().push_str(text);
        } else if text.starts_with("corridor ") || text == "corridor" {
            out.push(text.to_string());
        } else {
            assert!(
                text.starts_with("# "),
                "neither a comment nor a command: {line}"
            );
        }
        continues = text.ends_with('\\');
        if continues {
            let last = out.last_mut().unwrap();
            last.truncate(last.len() - 1);
        }
    }
    out
}

/// A command line split as a POSIX shell would (single and double quotes), up to the first
/// unquoted `>` or `|` (the shell's redirection, not the tool's), with a leading `~/` in a word
/// made `home/`.
fn words(line: &str, home: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.get_or_insert_with(String::new);
            }
            (None, ' ') => out.extend(cur.take()),
            (None, '>' | '|') => break,
            (None, c) => cur.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(cur.take());
    assert!(quote.is_none(), "an unclosed quote: {line}");
    out.iter()
        .map(|w| match w.strip_prefix("~/") {
            Some(rest) => home.join(rest).display().to_string(),
            None => w.clone(),
        })
        .collect()
}

#[test]
fn every_help_ends_with_examples_that_run() {
    let dir = tempfile::tempdir().unwrap();
    // `validate` examples name the shipped network's files.
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("networks"),
        dir.path().join("networks"),
    )
    .unwrap();
    let home = dir.path().join("home");
    // Each help's examples in their order (a later one may read what an earlier one wrote, as
    // `batch merge` reads the folder `batch` wrote); an example already seen in another help is
    // not run twice.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for path in commands() {
        let help = Cmd::new().args(&path).arg("--help").run().stdout;
        let found = examples(&help);
        assert!(
            (2..=3).contains(&found.len()),
            "corridor {} --help has {} examples:\n{help}",
            path.join(" "),
            found.len()
        );
        groups.push(
            found
                .into_iter()
                .filter(|l| seen.insert(l.clone()))
                .collect(),
        );
        for line in help.lines().skip_while(|l| l.trim() != "Examples:") {
            assert!(
                line.chars().count() <= 100,
                "too long for a terminal: {line}"
            );
        }
        // The short help (-h) shows them too.
        Cmd::new()
            .args(&path)
            .arg("-h")
            .stdout_has("Examples:")
            .run();
    }
    assert!(seen.len() > 40, "{} examples", seen.len());
    // Two at a time (the report's example takes seconds in a debug build), each help's examples
    // on one thread in their order.
    std::thread::scope(|s| {
        for half in [0, 1] {
            let (dir, home, groups) = (dir.path(), &home, &groups);
            s.spawn(move || {
                for line in groups.iter().skip(half).step_by(2).flatten() {
                    let w = words(line, home);
                    assert_eq!(w[0], "corridor", "{line}");
                    Cmd::new().current_dir(dir).args(&w[1..]).run();
                }
            });
        }
    });
    // What the examples wrote is there.
    for file in ["study/index.html", "map.svg", "network.geojson", "tcd.svg"] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    assert!(home
        .join(".local/share/man/man1/corridor-route.1")
        .is_file());
}

#[test]
fn examples_are_split_as_a_shell_would() {
    let home = Path::new("/h");
    assert_eq!(
        words(
            "corridor route --from \"Xi'an\" --where 'border=CN>KZ' > out.txt",
            home
        ),
        [
            "corridor",
            "route",
            "--from",
            "Xi'an",
            "--where",
            "border=CN>KZ"
        ]
    );
    assert_eq!(
        words("corridor man --dir ~/.local/man | man -l -", home),
        ["corridor", "man", "--dir", "/h/.local/man"]
    );
    let help =
        "Examples:\n  # a\n  corridor sweep --a 1 \\\n    --b 2\n  # b\n  corridor x\n\nExit";
    assert_eq!(examples(help), ["corridor sweep --a 1 --b 2", "corridor x"]);
}

/// The long options a help lists (`--from`, `--by`…).
fn options(help: &str) -> BTreeSet<String> {
    help.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix("-h, ")
                .or_else(|| l.strip_prefix("-V, "))
                .unwrap_or(l);
            let l = l.split_once(", ").map_or(l, |(_, long)| long);
            l.strip_prefix("--")
                .and_then(|rest| rest.split([' ', '=', '<']).next())
                .map(|o| format!("--{o}"))
        })
        .collect()
}

#[test]
fn a_manual_page_per_command_with_its_options_and_a_see_also_that_exists() {
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man1");
    Cmd::new()
        .args(["man", "--dir"])
        .arg(&man)
        .stderr_has("manual pages into")
        .run();
    let pages: BTreeSet<String> = std::fs::read_dir(&man)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for path in commands() {
        let page = if path.is_empty() {
            "corridor.1".to_string()
        } else {
            format!("corridor-{}.1", path.join("-"))
        };
        assert!(pages.contains(&page), "{page} missing from {pages:?}");
        let roff = std::fs::read_to_string(man.join(&page)).unwrap();
        // The same page on standard output.
        Cmd::new().arg("man").args(&path).stdout(roff.clone()).run();
        let text = roff.replace("\\-", "-");
        let help = Cmd::new().args(&path).arg("--help").run().stdout;
        let opts = options(&help);
        assert!(opts.contains("--help"), "{opts:?}");
        for o in &opts {
            assert!(text.contains(o.as_str()), "{page} lacks {o}");
        }
        assert!(text.contains(".SH EXAMPLES"), "{page}");
        // Every page named anywhere (SUBCOMMANDS, SEE ALSO) is one that was written.
        let see_also = text
            .split(".SH \"SEE ALSO\"")
            .nth(1)
            .expect("a SEE ALSO section");
        assert!(see_also.contains("(1)"), "{page}: {see_also}");
        let mut rest = text.as_str();
        while let Some(i) = rest.find("(1)") {
            let start = rest[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |j| j + 1);
            let named = format!("{}.1", &rest[start..i]);
            if named.starts_with("corridor") {
                assert!(pages.contains(&named), "{page} names {named}, not written");
            }
            rest = &rest[i + 3..];
        }
    }
    assert_eq!(pages.len(), commands().len(), "{pages:?}");
    Cmd::new()
        .args(["man", "nosuch"])
        .status(2)
        .stderr_has("no manual page for `nosuch`")
        .run();
}
