//! The `corridor` member of a GeoJSON network collection: the network-level tables an export
//! carries beside its features, read strictly and converted to the TOML records the loader reads
//! (each then checked as the same table in a TOML file would be).
//!
//! `{"schema": "corridor.network/1", "network": {…}, "service": […], "family": […],
//! "variability": […], "capacity": […]}`: `schema` is required; every other member is optional,
//! `network` a table and the others lists of tables, named and shaped as in the TOML format. An
//! unknown member, a key given twice or a `null` anywhere is a problem naming its path
//! (`corridor.family[2].via_tags`); unknown keys inside a table are the table's own checks'. A
//! flat view's member (`corridor.flat/1`) makes the whole file one problem: it is not data.

use super::converted::Converted;
use super::feature::{table, twice, Nulls, Path, Problems};
use super::Record;
use crate::load::json::{duplicate, Json};

/// The schema a loadable network's member gives.
const SCHEMA: &str = "corridor.network/1";

/// The tables the member may hold: `network` is one table, the others lists of tables.
const TABLES: [&str; 5] = ["network", "service", "family", "variability", "capacity"];

/// A file that must be refused alone (a flat view): its (field, message).
pub(super) struct Refused(pub(super) String, pub(super) String);

/// Converts the member's tables into records of `out` (problems go to `out.problems`); `Err` for
/// a flat view, which is refused as a whole.
pub(super) fn tables(m: &Json<'_>, out: &mut Converted) -> Result<(), Refused> {
    let problems = &mut out.problems;
    let Json::Object(members) = m else {
        problems.push((
            "corridor".into(),
            "the `corridor` member is an object: {\"schema\": \"corridor.network/1\", \"network\": {…}, …}".into(),
        ));
        return Ok(());
    };
    if let Some(k) = duplicate(members) {
        problems.push((format!("corridor.{k}"), twice()));
        return Ok(());
    }
    if !schema(m.get("schema"), problems)? {
        return Ok(());
    }
    for (key, v) in members {
        let Some(kind) = TABLES.iter().find(|t| **t == key.as_ref()) else {
            if key != "schema" {
                out.problems.push((
                    format!("corridor.{key}"),
                    format!(
                        "unknown member `{}` (expected schema, {})",
                        crate::error::clip(key),
                        TABLES.join(", ")
                    ),
                ));
            }
            continue;
        };
        match (kind, v) {
            (&"network", Json::Object(_)) => record(out, Record::Table(kind, None), v),
            (&"network", _) => out.problems.push((
                "corridor.network".into(),
                "the network table is an object".into(),
            )),
            (_, Json::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    record(out, Record::Table(kind, Some(i)), item);
                }
            }
            _ => out.problems.push((
                format!("corridor.{kind}"),
                format!("a list of {kind} tables: [{{…}}, …]"),
            )),
        }
    }
    Ok(())
}

/// Whether the schema is the one this loader reads (a problem when it is not); `Err` for a flat
/// view.
fn schema(s: Option<&Json<'_>>, problems: &mut Problems) -> Result<bool, Refused> {
    let field = "corridor.schema".to_string();
    let message = match s {
        Some(Json::Str(s)) if *s == SCHEMA => return Ok(true),
        Some(Json::Str(s)) if *s == "corridor.flat/1" => {
            return Err(Refused(
                field,
                "a flat view written by `corridor export --flat` for display and Shapefile (names shortened, sources left out): it cannot be loaded; load a file written by `corridor export`, or a folder written by `corridor export --layers`".into(),
            ))
        }
        Some(Json::Str(s)) if s.starts_with("corridor.network/") => format!(
            "`{}`: a version of the format this corridor does not read (it reads {SCHEMA}); export the network again with this version",
            crate::error::clip(s)
        ),
        Some(Json::Str(s)) => format!(
            "`{}` is not a network's schema (expected \"{SCHEMA}\")",
            crate::error::clip(s)
        ),
        Some(_) => format!("not a text: expected \"{SCHEMA}\""),
        None => format!("missing: the member says its format, \"{SCHEMA}\""),
    };
    problems.push((field, message));
    Ok(false)
}

/// One table of the member as a record of `out` (`[kind]`, or one `[[kind]]` of a list), or its
/// problems.
fn record(out: &mut Converted, at: Record, v: &Json<'_>) {
    let path = at.to_string();
    let Json::Object(entries) = v else {
        out.problems
            .push((path, "a table: an object {\"key\": value, …}".into()));
        return;
    };
    if !table(
        Path::Root(&path),
        entries,
        Nulls::Refused,
        &mut out.problems,
    ) {
        return;
    }
    let Record::Table(kind, index) = at else {
        return;
    };
    out.push(at, kind, index.is_some(), entries);
}
