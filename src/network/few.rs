//! [`Few`]: a list that is usually empty, one pointer wide. A link or node has many such lists
//! (services, corridor tags, countries crossed, waypoints, facilities), most of them empty on a
//! large network; a `Vec` costs 24 bytes inline even when empty, a `Few` 8. It reads as a slice
//! (`iter`, `len`, `is_empty`, indexing, `contains`), prints as a `Vec` does, and grows with
//! [`Few::push`].

use std::fmt;
use std::ops::{Deref, DerefMut};

/// A usually empty list: no allocation and one pointer inline when empty.
// A `Box<Vec>`, not a `Box<[T]>`, so that the empty case is one pointer wide (a boxed slice is
// two) and `push` grows in place.
#[allow(clippy::box_collection)]
#[derive(Clone)]
pub struct Few<T>(Option<Box<Vec<T>>>);

impl<T> Few<T> {
    /// An empty list.
    pub const fn new() -> Few<T> {
        Few(None)
    }

    /// Adds an item at the end.
    pub fn push(&mut self, item: T) {
        self.0.get_or_insert_with(Box::default).push(item);
    }

    /// Keeps the items for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        if let Some(v) = &mut self.0 {
            v.retain(keep);
            if v.is_empty() {
                self.0 = None;
            }
        }
    }

    /// Empties the list.
    pub fn clear(&mut self) {
        self.0 = None;
    }

    /// The items as a `Vec`.
    pub fn into_vec(self) -> Vec<T> {
        self.0.map_or_else(Vec::new, |v| *v)
    }
}

impl<T> Default for Few<T> {
    fn default() -> Few<T> {
        Few(None)
    }
}

impl<T> Deref for Few<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl<T> DerefMut for Few<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.as_deref_mut().map_or(&mut [], Vec::as_mut_slice)
    }
}

impl<T> From<Vec<T>> for Few<T> {
    fn from(v: Vec<T>) -> Few<T> {
        if v.is_empty() {
            Few(None)
        } else {
            Few(Some(Box::new(v)))
        }
    }
}

impl<T: Clone> From<&[T]> for Few<T> {
    fn from(v: &[T]) -> Few<T> {
        v.to_vec().into()
    }
}

impl<T> FromIterator<T> for Few<T> {
    fn from_iter<I: IntoIterator<Item = T>>(it: I) -> Few<T> {
        it.into_iter().collect::<Vec<T>>().into()
    }
}

impl<T> Extend<T> for Few<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, it: I) {
        for item in it {
            self.push(item);
        }
    }
}

impl<'a, T> IntoIterator for &'a Few<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> std::slice::Iter<'a, T> {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Few<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> std::slice::IterMut<'a, T> {
        self.iter_mut()
    }
}

impl<T> IntoIterator for Few<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> std::vec::IntoIter<T> {
        self.into_vec().into_iter()
    }
}

impl<T: PartialEq> PartialEq for Few<T> {
    fn eq(&self, other: &Few<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Few<T> {}

impl<T: PartialEq> PartialEq<Vec<T>> for Few<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        **self == **other
    }
}

impl<T: PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for Few<T> {
    fn eq(&self, other: &[U; N]) -> bool {
        **self == other[..]
    }
}

impl<T: fmt::Debug> fmt::Debug for Few<T> {
    /// As a `Vec` prints: `["a", "b"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: serde::Serialize> serde::Serialize for Few<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_reads_grows_and_prints_as_a_vec_and_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Few<String>>(), 8);
        let mut f: Few<String> = Few::new();
        assert!(f.is_empty() && f.iter().next().is_none());
        assert_eq!(format!("{f:?}"), format!("{:?}", Vec::<String>::new()));
        f.push("a".into());
        f.extend(["b".to_string(), "c".into()]);
        let v = vec!["a".to_string(), "b".into(), "c".into()];
        assert_eq!(f, v);
        assert_eq!(format!("{f:?}"), format!("{v:?}"));
        assert_eq!(f[1], "b");
        assert!(f.contains(&"c".to_string()));
        f.retain(|s| s != "b");
        assert_eq!(f.len(), 2);
        f.retain(|_| false);
        assert_eq!(f, Few::default());
        assert_eq!(Few::from(Vec::<u8>::new()), Few::new());
        assert_eq!(Few::from(vec![1, 2]).into_vec(), vec![1, 2]);
    }
}
