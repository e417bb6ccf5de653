//! How numbers read on figures: dollars with thousands separators and the CO2 of a legend.
//!
//! Thousands separators come from [`crate::text::grouped`], the tables' number formatting.

/// `"$6,120"`: whole dollars with thousands separators.
pub fn format_usd(usd: f64) -> String {
    let v = usd.round();
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}${}", crate::text::grouped(v.abs(), 0))
}

/// ", 4.3 t CO2e", or nothing when there is no CO2 to show.
pub fn co2_words(kg: f64) -> String {
    if kg > 0.0 {
        format!(", {:.1} t CO2e", kg / 1000.0)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_formatting() {
        assert_eq!(format_usd(6120.4), "$6,120");
        assert_eq!(format_usd(999.0), "$999");
        assert_eq!(format_usd(1234567.0), "$1,234,567");
        assert_eq!(format_usd(0.0), "$0");
    }
}
