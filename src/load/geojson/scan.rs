//! The shape of a GeoJSON FeatureCollection found in its bytes, a piece at a time: the members of
//! the collection, and in its `features` array where each feature starts and ends, so that a file
//! can be cut between two features and its features parsed on their own, on every core. Only the
//! collection's own punctuation is checked here (braces, colons, commas, a member given twice);
//! what a value holds is checked by the JSON reader that parses it, which also finds the first
//! error in a value whose brackets do not match.

use memchr::{memchr2, memchr3};

/// A member of the collection that is read for itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Member {
    /// `type`.
    Type,
    /// `features` (never handed over: its features are).
    Features,
    /// `corridor`: the network-level tables.
    Corridor,
    /// Any other member, checked as JSON and otherwise ignored.
    Other,
}

/// What a step of the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Punctuation, up to the given offset.
    Moved(usize),
    /// A feature at `start..end`.
    Feature { start: usize, end: usize },
    /// A member's value at `start..end`.
    Member {
        member: Member,
        start: usize,
        end: usize,
    },
    /// The bytes in hand end inside a value or before the next punctuation: give more.
    More,
    /// The collection is closed and nothing but blanks follows.
    Done,
}

/// Where the scan stopped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Stop {
    /// Not JSON at this offset (a message in the JSON reader's words); `shape` when it is JSON
    /// but not a FeatureCollection.
    At {
        at: usize,
        message: String,
        shape: bool,
    },
    /// A value from this offset that does not end where its brackets say, or that ends with the
    /// file, or is longer than a value may be: the JSON reader, given it, says what is wrong.
    Value { start: usize },
}

/// The longest member of the collection other than `features` (the `corridor` member holds
/// every network-level table), bytes.
pub(super) const MEMBER_BYTES: usize = crate::fs::MAX_INPUT_BYTES as usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Open,
    FirstKey,
    Key,
    Colon(Member),
    Value(Member),
    AfterMember,
    FirstFeature,
    Feature,
    AfterFeature,
    Closed,
}

/// The scan of a collection: where it is in the collection's shape, and the members seen.
#[derive(Debug, Clone)]
pub(super) struct Scanner {
    stage: Stage,
    seen: [bool; 3],
}

impl Default for Scanner {
    fn default() -> Scanner {
        Scanner {
            stage: Stage::Open,
            seen: [false; 3],
        }
    }
}

fn blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

impl Scanner {
    /// Whether the collection had a `features` array.
    pub(super) fn has_features(&self) -> bool {
        self.seen[1]
    }

    /// One step from offset `pos` of `b`; `eof` when no bytes follow `b`; a feature longer than
    /// `longest` bytes (a member longer than [`MEMBER_BYTES`]) is not looked for further. A step that needs more bytes changes nothing.
    pub(super) fn step(
        &mut self,
        b: &[u8],
        pos: usize,
        eof: bool,
        longest: usize,
    ) -> Result<Step, Stop> {
        let p = pos + b[pos..].iter().take_while(|&&c| blank(c)).count();
        let stop = |at: usize, message: &str| {
            Err(Stop::At {
                at,
                message: message.to_string(),
                shape: false,
            })
        };
        let Some(&c) = b.get(p) else {
            return match (eof, self.stage) {
                // Blanks are passed over as they come, so that no run of them is held whole.
                (false, _) if p > pos => Ok(Step::Moved(p)),
                (false, _) => Ok(Step::More),
                (true, Stage::Closed) => Ok(Step::Done),
                (true, Stage::Open) => stop(p, "EOF while parsing a value"),
                (true, Stage::FirstFeature | Stage::Feature | Stage::AfterFeature) => {
                    stop(p, "EOF while parsing a list")
                }
                (true, _) => stop(p, "EOF while parsing an object"),
            };
        };
        let moved = |s: &mut Scanner, stage: Stage| {
            s.stage = stage;
            Ok(Step::Moved(p + 1))
        };
        match self.stage {
            Stage::Open if c == b'{' => moved(self, Stage::FirstKey),
            Stage::Open if matches!(c, b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                Err(Stop::At {
                    at: p,
                    message: "expected a GeoJSON FeatureCollection, a JSON object {\"type\": \"FeatureCollection\", \"features\": […]}".into(),
                    shape: true,
                })
            }
            Stage::Open => stop(p, "expected value"),
            Stage::FirstKey if c == b'}' => moved(self, Stage::Closed),
            Stage::FirstKey | Stage::Key if c == b'"' => self.key(b, p, eof),
            Stage::FirstKey | Stage::Key => stop(p, "key must be a string"),
            Stage::Colon(m) if c == b':' => moved(self, Stage::Value(m)),
            Stage::Colon(_) => stop(p, "expected `:`"),
            Stage::Value(Member::Features) if c == b'[' => moved(self, Stage::FirstFeature),
            Stage::Value(Member::Features) => Err(Stop::At {
                at: p,
                message: "`features` is not an array: expected a `features` array".into(),
                shape: true,
            }),
            Stage::Value(member) => Ok(match value_end(b, p, eof, MEMBER_BYTES)? {
                None => Step::More,
                Some(end) => {
                    self.stage = Stage::AfterMember;
                    Step::Member {
                        member,
                        start: p,
                        end,
                    }
                }
            }),
            Stage::AfterMember if c == b',' => moved(self, Stage::Key),
            Stage::AfterMember if c == b'}' => moved(self, Stage::Closed),
            Stage::AfterMember => stop(p, "expected `,` or `}`"),
            Stage::FirstFeature if c == b']' => moved(self, Stage::AfterMember),
            Stage::Feature if c == b']' => stop(p, "trailing comma"),
            Stage::FirstFeature | Stage::Feature => Ok(match value_end(b, p, eof, longest)? {
                None => Step::More,
                Some(end) => {
                    self.stage = Stage::AfterFeature;
                    Step::Feature { start: p, end }
                }
            }),
            Stage::AfterFeature if c == b',' => moved(self, Stage::Feature),
            Stage::AfterFeature if c == b']' => moved(self, Stage::AfterMember),
            Stage::AfterFeature => stop(p, "expected `,` or `]`"),
            Stage::Closed => stop(p, "trailing characters"),
        }
    }

    /// A member's key at `p` (a `"`): which member it is, refused when given twice.
    fn key(&mut self, b: &[u8], p: usize, eof: bool) -> Result<Step, Stop> {
        let Some(end) = string_end(b, p + 1) else {
            return if eof {
                Err(Stop::Value { start: p })
            } else {
                Ok(Step::More)
            };
        };
        let raw = &b[p..end];
        let key: String = if raw.contains(&b'\\') {
            serde_json::from_slice(raw).map_err(|_| Stop::Value { start: p })?
        } else {
            String::from_utf8_lossy(&raw[1..raw.len() - 1]).into_owned()
        };
        let member = match key.as_str() {
            "type" => Member::Type,
            "features" => Member::Features,
            "corridor" => Member::Corridor,
            _ => Member::Other,
        };
        if let Some(k) = [Member::Type, Member::Features, Member::Corridor]
            .iter()
            .position(|m| *m == member)
        {
            if self.seen[k] {
                return Err(Stop::At {
                    at: end,
                    message: format!("the member `{}` is given twice", crate::error::clip(&key)),
                    shape: true,
                });
            }
            self.seen[k] = true;
        }
        self.stage = Stage::Colon(member);
        Ok(Step::Moved(end))
    }
}

/// The end (just after the closing quote) of the string whose text starts at `from`, if it is in
/// `b`.
fn string_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += memchr2(b'"', b'\\', &b[i..])?;
        if b[i] == b'\\' {
            i += 2;
            if i > b.len() {
                return None;
            }
        } else {
            return Some(i + 1);
        }
    }
}

/// The end of the value at `p`: after its closing bracket or quote, or where a number or word
/// ends. `None` when `b` ends first (and more may follow); a value that ends with the file, or
/// runs past `longest` bytes, is handed to the JSON reader ([`Stop::Value`]).
fn value_end(b: &[u8], p: usize, eof: bool, longest: usize) -> Result<Option<usize>, Stop> {
    let unfinished = |at: usize| {
        if eof || at - p > longest {
            Err(Stop::Value { start: p })
        } else {
            Ok(None)
        }
    };
    match b[p] {
        b'"' => match string_end(b, p + 1) {
            Some(end) => Ok(Some(end)),
            None => unfinished(b.len()),
        },
        open @ (b'{' | b'[') => {
            // Only brackets of the value's own kind are counted (and quotes): where the kinds
            // do not match, the JSON reader finds the error before the end found here.
            let close = if open == b'{' { b'}' } else { b']' };
            let mut depth = 0usize;
            let mut i = p;
            let end = b.len().min(p.saturating_add(longest).saturating_add(1));
            while let Some(k) = memchr3(b'"', open, close, &b[i..end]) {
                i += k;
                if b[i] == b'"' {
                    match string_end(b, i + 1) {
                        Some(e) => i = e,
                        None => return unfinished(b.len()),
                    }
                    continue;
                }
                if b[i] == open {
                    depth += 1;
                } else {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(Some(i + 1));
                    }
                }
                i += 1;
            }
            unfinished(end)
        }
        _ => {
            let n = b[p..]
                .iter()
                .position(|&c| blank(c) || matches!(c, b',' | b'}' | b']'));
            match n {
                Some(n) => Ok(Some(p + n)),
                None if eof => Ok(Some(b.len())),
                None => unfinished(b.len()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step over `text`, given whole.
    fn steps(text: &str) -> Result<Vec<Step>, Stop> {
        let mut s = Scanner::default();
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let step = s.step(text.as_bytes(), pos, true, 1 << 20)?;
            pos = match step {
                Step::Moved(p) => p,
                Step::Feature { end, .. } | Step::Member { end, .. } => {
                    out.push(step);
                    end
                }
                Step::More => panic!("more at the end"),
                Step::Done => return Ok(out),
            };
        }
    }

    #[test]
    fn features_and_members_are_found_with_their_bytes() {
        let text = r#" {"type": "FeatureCollection", "bbox": [1, 2], "features": [ {"a": "}]\"{"}, [1,[2]] , 5 ], "corridor": {"x": null}, "n": -1.5e3}
"#;
        let got: Vec<String> = steps(text)
            .unwrap()
            .into_iter()
            .map(|s| match s {
                Step::Feature { start, end } => format!("F {}", &text[start..end]),
                Step::Member { member, start, end } => format!("{member:?} {}", &text[start..end]),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            [
                "Type \"FeatureCollection\"",
                "Other [1, 2]",
                "F {\"a\": \"}]\\\"{\"}",
                "F [1,[2]]",
                "F 5",
                "Corridor {\"x\": null}",
                "Other -1.5e3",
            ]
        );
    }

    #[test]
    fn the_collections_punctuation_is_checked() {
        let at = |text: &str| match steps(text) {
            Err(Stop::At { at, message, .. }) => (at, message),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(at(r#"{"features": [] "type": 1}"#).1, "expected `,` or `}`");
        assert_eq!(
            at(r#"{"features": [{} {}]}"#),
            (17, "expected `,` or `]`".into())
        );
        assert_eq!(at(r#"{"features": [{},]}"#).1, "trailing comma");
        assert_eq!(at(r#"{"features" []}"#).1, "expected `:`");
        assert_eq!(at(r#"{features: []}"#).1, "key must be a string");
        assert_eq!(at(r#"{"features": []} x"#).1, "trailing characters");
        assert_eq!(at(r#"{"features": [{}"#).1, "EOF while parsing a list");
        assert_eq!(at(r#"{"features": []"#).1, "EOF while parsing an object");
        assert_eq!(at("").1, "EOF while parsing a value");
        assert!(at(r#"{"features": [], "features": []}"#)
            .1
            .contains("given twice"));
        assert!(at(r#"{"corridor": 1, "\u0063orridor": 2}"#)
            .1
            .contains("given twice"));
        assert!(at(r#"{"features": {}}"#).1.contains("`features` array"));
        assert!(at("[]").1.contains("FeatureCollection"));
        // A value the brackets do not close is the JSON reader's to explain (only the
        // value's own kind of bracket is counted: the reader finds a wrong one).
        assert_eq!(
            steps(r#"{"features": [{"a": {"b": 1]}"#),
            Err(Stop::Value { start: 14 })
        );
        assert_eq!(steps(r#"{"type": "Fea"#), Err(Stop::Value { start: 9 }));
    }

    /// Given the bytes a few at a time, the scan asks for more and finds what it finds given
    /// them all.
    #[test]
    fn bytes_given_a_few_at_a_time_give_the_same_steps() {
        let text = r#"{"type": "FeatureCollection", "features": [{"a": "x\"y"}, {"b": [1, {"c": 2}]}, 7], "corridor": {"s": 1}, "z": true}"#;
        let whole = steps(text).unwrap();
        for n in 1..text.len() {
            let mut s = Scanner::default();
            let (mut got, mut pos, mut have) = (Vec::new(), 0, n.min(text.len()));
            loop {
                let eof = have == text.len();
                match s.step(&text.as_bytes()[..have], pos, eof, 1 << 20).unwrap() {
                    Step::Moved(p) => pos = p,
                    step @ (Step::Feature { end, .. } | Step::Member { end, .. }) => {
                        got.push(step);
                        pos = end;
                    }
                    Step::More => have = (have + n).min(text.len()),
                    Step::Done => break,
                }
            }
            assert_eq!(got, whole, "{n} at a time");
        }
    }

    #[test]
    fn a_value_longer_than_the_longest_is_handed_to_the_reader() {
        let text = format!(r#"{{"features": [{{"a": "{}"}}]}}"#, "x".repeat(100));
        let mut s = Scanner::default();
        let mut pos = 0;
        let stop = loop {
            match s.step(&text.as_bytes()[..60], pos, false, 40) {
                Ok(Step::Moved(p)) => pos = p,
                Ok(other) => panic!("{other:?}"),
                Err(e) => break e,
            }
        };
        assert_eq!(stop, Stop::Value { start: 14 });
    }
}
