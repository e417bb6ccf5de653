//! Reading a TOML text without parsing it: its lines, its records (by their headers), and the
//! byte spans of numbers, strings and keys on a line — what the structure-aware mutations aim at.

/// The text as lines, each with its `\n` (the last may lack it).
pub(super) fn split_lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(String::from).collect()
}

pub(super) fn ensure_newline(s: &mut String) {
    if !s.ends_with('\n') {
        s.push('\n');
    }
}

/// A short quoted excerpt of a line for descriptions.
pub(super) fn excerpt(s: &str) -> String {
    let t: String = s.trim_end_matches('\n').chars().take(70).collect();
    if s.trim_end_matches('\n').chars().count() > 70 {
        format!("{t:?}…")
    } else {
        format!("{t:?}")
    }
}

/// The name of a table header line (`[[link]]` → `link`, `[link.border]` → `link.border`).
pub(super) fn header_name(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.strip_prefix('[')?;
    let t = t.strip_prefix('[').unwrap_or(t);
    let end = t.find(']')?;
    Some(t[..end].trim())
}

/// Indices of lines starting a top-level record (a header without a dot).
pub(super) fn record_starts(lines: &[String]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| header_name(l).is_some_and(|n| !n.contains('.')))
        .map(|(i, _)| i)
        .collect()
}

/// Top-level records as `start..end` line ranges.
pub(super) fn record_ranges(lines: &[String]) -> Vec<(usize, usize)> {
    let starts = record_starts(lines);
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| (s, starts.get(k + 1).copied().unwrap_or(lines.len())))
        .collect()
}

/// Byte spans of number-like tokens after the `=` of a line, outside strings and comments.
pub(super) fn number_spans(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let Some(eq) = line.find('=') else {
        return out;
    };
    let mut i = eq + 1;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' && q == b'"' {
                i += 2;
                continue;
            }
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == b'"' || c == b'\'' {
            quote = Some(c);
            i += 1;
            continue;
        }
        if c == b'#' {
            break;
        }
        let prev_ok = !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let starts = c.is_ascii_digit()
            || ((c == b'-' || c == b'+') && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()));
        if prev_ok && starts {
            let s = i;
            i += 1;
            while i < b.len() {
                let d = b[i];
                let ok = d.is_ascii_alphanumeric()
                    || d == b'.'
                    || d == b'_'
                    || ((d == b'+' || d == b'-') && matches!(b[i - 1], b'e' | b'E'));
                if !ok {
                    break;
                }
                i += 1;
            }
            out.push((s, i));
            continue;
        }
        i += 1;
    }
    out
}

/// Byte spans of the contents of one-line strings (`"…"` and `'…'`) after the `=` of a line.
pub(super) fn string_spans(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let Some(eq) = line.find('=') else {
        return out;
    };
    let mut i = eq + 1;
    while i < b.len() {
        let c = b[i];
        if c == b'#' {
            break;
        }
        if c == b'"' || c == b'\'' {
            if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c) {
                break; // a multi-line string: leave it alone
            }
            let s = i + 1;
            let mut j = s;
            while j < b.len() && b[j] != c && b[j] != b'\n' {
                if c == b'"' && b[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            if j >= b.len() || b[j] != c {
                break;
            }
            out.push((s, j));
            i = j + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// The key of a `key = value` line, as a byte span.
pub(super) fn key_span(line: &str) -> Option<(usize, usize)> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .unwrap_or(rest.len());
    if end == 0 {
        return None;
    }
    rest[end..]
        .trim_start()
        .starts_with('=')
        .then_some((lead, lead + end))
}

/// The key of a line, if it has one.
pub(super) fn key_of(line: &str) -> Option<&str> {
    key_span(line).map(|(a, b)| &line[a..b])
}

/// A char boundary at or before `i`.
pub(super) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
