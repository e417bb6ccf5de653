//! Checking a record: the [`Checker`] that collects problems with their file, line and field,
//! [`At`] (where a table being checked is), and the small validators every record kind uses
//! (country codes, printable names, slugs). The checks of each record kind are in its own file.

use super::raw::Sources;
use super::source::Text;
use crate::error::Problem;

/// Where a table being checked is: its text, the start of its record there, and its own start.
#[derive(Clone, Copy)]
pub(super) struct At<'t, 'a> {
    /// The text the record is in.
    pub(super) text: &'t Text<'a>,
    /// Byte offset of the record (spans inside a record count from it).
    pub(super) record: usize,
    /// Byte offset of the table's header.
    pub(super) start: usize,
}

impl<'t, 'a> At<'t, 'a> {
    /// A checker of this table whose fields are named with `prefix`.
    pub(super) fn checker<'p>(
        self,
        prefix: &'static str,
        problems: &'p mut Vec<Problem>,
    ) -> Checker<'a, 'p>
    where
        't: 'p,
    {
        Checker {
            text: self.text,
            start: self.start,
            prefix,
            problems,
        }
    }
}

/// Collects problems while checking one record.
pub(super) struct Checker<'a, 'b> {
    /// The text the record is in.
    pub(super) text: &'b Text<'a>,
    /// Where the table being checked starts in `text` (messages name the line of a field's key).
    pub(super) start: usize,
    /// Put before each field's name (`link.`, `node.transfer.`).
    pub(super) prefix: &'static str,
    /// Where the problems go.
    pub(super) problems: &'b mut Vec<Problem>,
}

impl Checker<'_, '_> {
    /// A problem with `field` (a dotted name; the line is its last part's).
    pub(super) fn problem(&mut self, field: &str, message: impl Into<String>) {
        let key = field.rsplit('.').next().unwrap_or(field);
        let line = self.text.key_line(self.start, key);
        self.problems.push(Problem {
            file: self.text.name.to_string(),
            line,
            field: format!("{}{}", self.prefix, field),
            message: message.into(),
        });
    }

    /// Checks a number is finite and within `[min, max]`, and that it has a source.
    pub(super) fn number(&mut self, field: &str, v: f64, min: f64, max: f64, sources: &Sources) {
        let n = crate::error::number;
        if !v.is_finite() {
            self.problem(field, format!("must be a finite number, not {v}"));
        } else if v < min {
            if min == f64::MIN_POSITIVE && v > 0.0 {
                self.problem(field, format!("{} is too small to compute with", n(v)));
            } else if min == f64::MIN_POSITIVE {
                self.problem(field, format!("{} must be greater than 0", n(v)));
            } else {
                self.problem(field, format!("{} is below the minimum {}", n(v), n(min)));
            }
        } else if v > max {
            self.problem(field, format!("{} is absurd (above {})", n(v), n(max)));
        }
        self.sourced(field, sources);
    }

    /// Checks that `field` has a source (a `_reverse` field its forward twin's).
    pub(super) fn sourced(&mut self, field: &str, sources: &Sources) {
        let key = field.rsplit('.').next().unwrap_or(field);
        // A `_reverse` value shares the source of its forward twin.
        let key = key.strip_suffix("_reverse").unwrap_or(key);
        match sources.get(key) {
            Some(s) if !s.trim().is_empty() => {}
            _ => self.problem(
                field,
                format!("has no source: add `{key} = \"…\"` to its `source` table (start it with \"estimate:\" for an estimate)"),
            ),
        }
    }

    /// Reports each source for a field not among `allowed`.
    pub(super) fn unused_sources(&mut self, sources: &Sources, allowed: &[&str]) {
        for key in sources.keys() {
            if !allowed.contains(&key.as_str()) {
                self.problem(
                    "source",
                    format!(
                        "source for `{key}`, which this record does not give (expected one of: {})",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }
}

/// A name must be short and printable (see [`unsafe_char`]).
pub(super) fn check_text(c: &mut Checker<'_, '_>, field: &str, s: &str) {
    if let Some(ch) = unsafe_char(s, false) {
        c.problem(
            field,
            format!(
                "contains the control or formatting character U+{:04X}",
                ch as u32
            ),
        );
    }
    let n = s.chars().count();
    if n > MAX_NAME_CHARS {
        c.problem(
            field,
            format!("{n} characters; a name has at most {MAX_NAME_CHARS}"),
        );
    }
}

/// ISO 3166-1 alpha-2 codes (officially assigned), plus XK (Kosovo, user-assigned but common).
const ISO_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// Whether `code` is an ISO 3166-1 alpha-2 country code.
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && ISO_ALPHA2.split(' ').any(|c| c == code)
}

/// The first character of a text that must not reach a terminal, an SVG or a table: a control
/// character (line breaks and tabs allowed where `multi_line`), a bidirectional override, or a
/// Unicode non-character (U+FFFE, U+FFFF, U+FDD0…U+FDEF; invalid in XML).
pub fn unsafe_char(s: &str, multi_line: bool) -> Option<char> {
    s.chars()
        .find(|&c| crate::text::is_unsafe_char(c) && !(multi_line && matches!(c, '\n' | '\t')))
}

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether `s` is a lowercase ASCII slug (`[a-z0-9_]+`).
pub(super) fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_slug_byte)
}

/// Whether `b` may be part of a slug.
pub(super) fn is_slug_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
}
