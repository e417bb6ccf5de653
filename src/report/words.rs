//! How the report writes names and numbers in its sentences: a corridor's name without its
//! parenthesis, days to a tenth, dollars in thousands, tonnes of CO2e to a hundredth, and signed
//! changes. The summary and the captions share them, so a number reads the same in both.

use crate::text::thousands;

/// A name without a closing parenthesis: "Northern corridor (Kazakhstan – Russia – Belarus)" →
/// "Northern corridor"; a name that is all parenthesis is kept.
pub(super) fn short(name: &str) -> &str {
    match name.find(" (") {
        Some(i) if name.ends_with(')') && i > 0 => &name[..i],
        _ => name,
    }
}

/// A reason without the command-line hint some carry: "not open until 2030 (try --year 2030)"
/// → "not open until 2030".
pub(super) fn reason(why: &str) -> &str {
    why.find(" (try ").map_or(why, |i| &why[..i])
}

/// Days to a tenth: "10.3".
pub(super) fn days(d: f64) -> String {
    format!("{d:.1}")
}

/// Dollars, whole, in thousands: "5,522".
pub(super) fn usd(u: f64) -> String {
    thousands(u)
}

/// Tonnes from kilograms, to a hundredth: "4.28".
pub(super) fn tonnes(kg: f64) -> String {
    format!("{:.2}", kg / 1000.0)
}

/// A change with its sign, at `decimals`: "+4.9", "−2.3"; "0.0" when it rounds to nothing.
pub(super) fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    if s.chars().all(|c| c == '0' || c == '.') {
        s
    } else if v > 0.0 {
        format!("+{s}")
    } else {
        format!("−{s}")
    }
}

/// A change in dollars with its sign: "+USD 1,902", "−USD 830".
pub(super) fn signed_usd(v: f64) -> String {
    let s = thousands(v.abs());
    if v.round() == 0.0 {
        "USD 0".into()
    } else if v > 0.0 {
        format!("+USD {s}")
    } else {
        format!("−USD {s}")
    }
}

/// Whether a change shows at the precision it is written with: days and P90 to a tenth, dollars
/// whole, CO2 to a hundredth of a tonne.
pub(super) fn shows(v: f64, decimals: i32) -> bool {
    (v.abs() * 10f64.powi(decimals)).round() >= 1.0
}

/// `s` with its first letter in upper case (a sentence that starts with a name).
pub(super) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// Items joined as prose: "a", "a and b", "a, b and c".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_changes_read_as_written() {
        assert_eq!(short("Northern corridor (KZ – RU)"), "Northern corridor");
        assert_eq!(short("Sea via Suez"), "Sea via Suez");
        assert_eq!(short("(all)"), "(all)");
        assert_eq!(
            reason("not open until 2030 (try --year 2030)"),
            "not open until 2030"
        );
        assert_eq!(signed(4.94, 1), "+4.9");
        assert_eq!(signed(-2.3, 1), "−2.3");
        assert_eq!(signed(-0.01, 1), "0.0");
        assert_eq!(signed_usd(1902.4), "+USD 1,902");
        assert_eq!(signed_usd(-830.0), "−USD 830");
        assert!(shows(0.05, 1) && !shows(0.04, 1) && shows(0.5, 0) && !shows(4.0, -1));
        assert_eq!(tonnes(4283.0), "4.28");
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
