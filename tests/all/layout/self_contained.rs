//! Every tracked text file stands on its own: a reader of the repository alone can follow each
//! source and comment. No path outside the repository (`../shared`, the planning notes' names),
//! no shorthand that only a planning note explains (`ref §3`, `cf V2`, `lc §4`), no note that
//! does not exist (`NOTES.md`), and no issue number.

use std::path::Path;

/// Pieces that point outside the repository or at planning notes, lower case.
const OUTSIDE: [&str; 12] = [
    "../shared",
    "shared/reference",
    "ref §",
    "lc §",
    "corridor-facts",
    "leg-corrections",
    "emissions-reliability-capacity",
    "observed-2024-2026",
    "notes.md",
    "co2-links.csv",
    "co2-network.toml",
    "cf §",
];

/// `cf V2`, `cf L5`, `cf P10`: a planning note's row.
fn note_row(line: &str) -> bool {
    let b = line.as_bytes();
    line.match_indices("cf ").any(|(i, _)| {
        let rest = &b[i + 3..];
        rest.len() >= 2
            && rest[0].is_ascii_uppercase()
            && rest[1].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
    })
}

/// `issue #12`, `issue 12`, `#12` (a number after `#` that is not a colour or an anchor).
fn issue_number(line: &str) -> bool {
    let lower = line.to_lowercase();
    let b = lower.as_bytes();
    let after_issue = lower.match_indices("issue").any(|(i, _)| {
        let rest = lower[i + 5..].trim_start_matches([' ', '#']);
        rest.starts_with(|c: char| c.is_ascii_digit()) && lower[i + 5..].len() > rest.len()
    });
    let hash_number = b.iter().enumerate().any(|(i, &c)| {
        if c != b'#' || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'&')) {
            return false;
        }
        let digits = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
        let next = b.get(i + 1 + digits).copied();
        // `#12` ends at a non-hex character: `#1F4E9A`, `#333` and `#fff` are colours.
        (1..=4).contains(&digits)
            && next.is_none_or(|n| !n.is_ascii_hexdigit() && !n.is_ascii_alphabetic())
            && !(digits == 3 || digits == 6)
    });
    after_issue || hash_number
}

/// What is wrong with a line, if anything.
fn problem(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    if let Some(p) = OUTSIDE.iter().find(|p| lower.contains(*p)) {
        return Some(format!("points outside the repository (`{p}`)"));
    }
    if note_row(line) {
        return Some("cites a planning note's row (`cf X9`)".into());
    }
    if issue_number(line) {
        return Some("names an issue number".into());
    }
    None
}

#[test]
fn the_checks_catch_what_they_look_for() {
    for bad in [
        "source = \"ref §3 'Caspian feeders'\"",
        "see ../shared/reference/corridor-facts.md",
        "(cf V7, L5)",
        "0.7 (issue #12's example)",
        "as issue 19 asks",
        "fixed in #21",
        "NOTES.md has the details",
    ] {
        assert!(problem(bad).is_some(), "{bad}");
    }
    for good in [
        "color: #1F4E9A; fill: #333",
        "a CF of 12",
        "Samur-Yalama, 2025 (Report.az, https://report.az/x#section)",
        "[[capacity]] # the record",
        "page 12, table 3",
    ] {
        assert!(problem(good).is_none(), "{good}");
    }
}

/// The text files git tracks, or nothing outside a checkout.
fn tracked(root: &Path) -> Vec<String> {
    let out = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn no_project_file_points_outside_the_repository_or_names_an_issue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = tracked(root);
    if files.is_empty() {
        // Not a git checkout (a packaged crate): the data and the docs are still here.
        files = vec!["README.md".into(), "networks/README.md".into()];
    }
    let mut found = Vec::new();
    for f in &files {
        // This file names the patterns it looks for.
        if f.ends_with("layout/self_contained.rs") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(root.join(f)) else {
            continue; // binary or gone
        };
        for (i, line) in text.lines().enumerate() {
            if let Some(p) = problem(line) {
                found.push(format!(
                    "{f}:{}: {p}: {}",
                    i + 1,
                    line.trim().chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} lines:\n{}",
        found.len(),
        found.join("\n")
    );
}
