//! Words about one network, the shipped Eurasian one, compiled into the crate: the hubs every
//! map labels, and the box, places and title of the study map's regional panel (the Caucasus and
//! the Caspian).
//!
//! They are gathered here, and only here, until they move into the network's data; another
//! network gets the same hub labels (for the ids it has) and the same panel (where its routes
//! pass through the box).

/// The nodes always labelled on maps when drawn: the corridors' main hubs.
pub(crate) const HUBS: [&str; 18] = [
    "xian",
    "urumqi",
    "almaty",
    "aktau",
    "alat",
    "baku",
    "tbilisi",
    "kars",
    "istanbul",
    "budapest",
    "duisburg",
    "moscow",
    "warsaw",
    "shanghai",
    "rotterdam",
    "constanta",
    "poti",
    "brest",
];

/// The region where the Middle and Zangazur corridors differ: the Caucasus and the Caspian
/// (west, south, east, north).
pub const CAUCASUS: (f64, f64, f64, f64) = (39.0, 37.4, 52.0, 43.6);

/// The places the regional panel always names.
pub const CAUCASUS_PLACES: [&str; 9] = [
    "alat",
    "baku",
    "poti",
    "batumi",
    "tbilisi",
    "akhalkalaki",
    "kars",
    "meghri",
    "nakhchivan",
];

/// The title of the regional panel.
pub(crate) const CAUCASUS_TITLE: &str =
    "Regional panel: the Caucasus and the Caspian, where the Middle and Zangazur corridors part";
