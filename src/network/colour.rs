//! The colour of a corridor family ([`Colour`]): what every figure draws the family's routes in.
//! Words about one network, so data: a `[[family]]` gives `colour = "#RRGGBB"`, and a family that
//! gives none takes the next colour of [`DEFAULT_FAMILY_COLOURS`] that no family claims
//! ([`assign_default_colours`]).

use std::fmt;

/// An sRGB colour, written `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

/// The Okabe–Ito colour-blind-safe palette (Okabe and Ito 2008, "Color Universal Design"), less
/// its black: the colours a family without one of its own takes, in this order.
pub const DEFAULT_FAMILY_COLOURS: [Colour; 7] = [
    Colour::rgb(0x00, 0x72, 0xB2), // blue
    Colour::rgb(0xD5, 0x5E, 0x00), // vermillion
    Colour::rgb(0x00, 0x9E, 0x73), // bluish green
    Colour::rgb(0xCC, 0x79, 0xA7), // reddish purple
    Colour::rgb(0xE6, 0x9F, 0x00), // orange
    Colour::rgb(0x56, 0xB4, 0xE9), // sky blue
    Colour::rgb(0xF0, 0xE4, 0x42), // yellow
];

impl Colour {
    /// A colour from its three channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }

    /// Reads `#RRGGBB` (six hexadecimal digits, either case). The error says what was expected.
    pub fn parse(s: &str) -> Result<Colour, String> {
        let shown = crate::error::clip(s);
        let expected = "write it as `#RRGGBB`, six hexadecimal digits (e.g. `#0072B2`)";
        let Some(hex) = s.strip_prefix('#') else {
            return Err(format!("`{shown}` is not a colour: {expected}"));
        };
        if hex.len() != 6 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("`{shown}` is not a colour: {expected}"));
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        Ok(Colour::rgb(channel(0), channel(2), channel(4)))
    }
}

impl fmt::Display for Colour {
    /// `#RRGGBB`, upper case.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

/// The colour of each family in order: its own where given, else the next colour of
/// [`DEFAULT_FAMILY_COLOURS`] that no family gives (the palette repeats only when every one of
/// its colours is taken).
pub fn assign_default_colours(given: &[Option<Colour>]) -> Vec<Colour> {
    let taken: Vec<Colour> = given.iter().flatten().copied().collect();
    let mut free: Vec<Colour> = DEFAULT_FAMILY_COLOURS
        .into_iter()
        .filter(|c| !taken.contains(c))
        .collect();
    if free.is_empty() {
        free = DEFAULT_FAMILY_COLOURS.to_vec();
    }
    let mut next = free.iter().cycle();
    given
        .iter()
        .map(|c| c.unwrap_or_else(|| *next.next().expect("a non-empty palette")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_and_write_as_hex() {
        let c = Colour::parse("#0072b2").unwrap();
        assert_eq!(c, Colour::rgb(0, 0x72, 0xB2));
        assert_eq!(c.to_string(), "#0072B2");
        for bad in [
            "0072B2", "#0072B", "#0072B2F", "#00GG00", "blue", "", "#", "#ééé",
        ] {
            let e = Colour::parse(bad).unwrap_err();
            assert!(e.contains("#RRGGBB"), "{bad}: {e}");
        }
    }

    #[test]
    fn families_without_a_colour_take_free_palette_colours() {
        let blue = DEFAULT_FAMILY_COLOURS[0];
        let out = assign_default_colours(&[None, Some(blue), None]);
        assert_eq!(out[1], blue);
        assert_eq!(out[0], DEFAULT_FAMILY_COLOURS[1], "blue is taken");
        assert_eq!(out[2], DEFAULT_FAMILY_COLOURS[2]);
        let many = assign_default_colours(&[None; 9]);
        assert_eq!(many[7], DEFAULT_FAMILY_COLOURS[0], "repeats past seven");
    }
}
