//! A table of the fast reader's value tree: its keys in order, found through a hash index once
//! it has more than a few (so that a record of many keys is read in time linear in its size), and
//! at most [`MAX_KEYS`](crate::load::MAX_KEYS) of them.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Item, Val};

/// Up to this many keys a table is searched in order; beyond, through its index.
const SCAN: usize = 16;

#[derive(Debug, Default)]
pub(super) struct Table<'a> {
    entries: Vec<(Cow<'a, str>, Item<'a>)>,
    /// Written inline (`{ … }`): closed to headers and further keys.
    pub(super) inline: bool,
    /// Each key's position in `entries`, once there are more than [`SCAN`].
    index: Option<HashMap<Cow<'a, str>, usize>>,
}

/// Why a key was not added.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// The key is there already (an error in TOML, whose message the toml crate gives).
    Duplicate,
    /// The table holds [`crate::load::MAX_KEYS`] keys already.
    Full,
}

impl<'a> Table<'a> {
    /// An empty inline table (`{ … }`).
    pub(super) fn inline() -> Table<'a> {
        Table {
            inline: true,
            ..Table::default()
        }
    }

    /// The keys and values, in the order written.
    pub(super) fn into_entries(self) -> Vec<(Cow<'a, str>, Item<'a>)> {
        self.entries
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|(k, _)| k == key),
        }
    }

    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut Item<'a>> {
        let i = self.position(key)?;
        Some(&mut self.entries[i].1)
    }

    /// Adds a key, unless it is there already or the table is full.
    pub(super) fn insert(&mut self, key: Cow<'a, str>, item: Item<'a>) -> Result<(), Refused> {
        if self.position(&key).is_some() {
            return Err(Refused::Duplicate);
        }
        if self.entries.len() >= crate::load::MAX_KEYS {
            return Err(Refused::Full);
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.entries.len());
        } else if self.entries.len() >= SCAN {
            let mut index: HashMap<Cow<'a, str>, usize> = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
            index.insert(key.clone(), self.entries.len());
            self.index = Some(index);
        }
        self.entries.push((key, item));
        Ok(())
    }
}

/// The table a header path names: each step enters a table, or the last table of an array of
/// tables. `None` when a step is anything else (TOML forbids it, or the subset does not cover it).
pub(super) fn table_at<'t, 'a>(
    root: &'t mut Table<'a>,
    path: &[Cow<'a, str>],
) -> Option<&'t mut Table<'a>> {
    let mut t = root;
    for seg in path {
        t = match &mut t.get_mut(seg)?.val {
            Val::Table(inner) if !inner.inline => inner,
            Val::Tables(items) => match &mut items.last_mut()?.val {
                Val::Table(inner) => inner,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(t)
}
