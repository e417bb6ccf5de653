//! Name look-up: folding a name for matching ("Constanța" = "constanta"), its words, and the
//! hash indexes a network builds on first use to find a node by name or a link by id.

use std::fmt;

/// Look-ups made on first use, so that finding a node by name or a link by id costs a search of
/// an index rather than a pass over the network: folded ids and names, folded name words, and
/// link ids, each as hashes sorted with the item they belong to. Equal hashes are checked
/// against the item itself, so a collision cannot give a wrong answer.
#[derive(Default, Clone)]
pub(super) struct Lookups {
    pub(super) names: std::sync::OnceLock<std::sync::Arc<[HashIndex; 2]>>,
    pub(super) links: std::sync::OnceLock<std::sync::Arc<HashIndex>>,
}

impl PartialEq for Lookups {
    /// Derived data: networks with equal contents are equal whatever was looked up in them.
    fn eq(&self, _: &Lookups) -> bool {
        true
    }
}

impl fmt::Debug for Lookups {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Lookups")
    }
}

/// (hash of a key, item) pairs sorted, for looking up the items a key may belong to.
#[derive(Default, Clone, PartialEq)]
pub(super) struct HashIndex(Vec<(u64, u32)>);

impl fmt::Debug for HashIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HashIndex({} keys)", self.0.len())
    }
}

impl HashIndex {
    pub(super) fn new(pairs: impl Iterator<Item = (u64, u32)>) -> HashIndex {
        let mut v: Vec<(u64, u32)> = pairs.collect();
        v.sort_unstable();
        v.dedup();
        HashIndex(v)
    }

    /// The items whose key may be `key` (in increasing order; check each).
    pub(super) fn candidates(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        let h = crate::text::fast_hash(key);
        let start = self.0.partition_point(|&(k, _)| k < h);
        self.0[start..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .map(|&(_, i)| i as usize)
    }
}

/// The words of a folded name: runs of ASCII letters and digits.
pub(super) fn words_of(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Folds a name for matching: lower case, accents and special letters reduced to ASCII.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ı' | 'İ' => out.push('i'),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ə' | 'Ə' => out.push('a'),
            '\'' | '’' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_special_letters() {
        assert_eq!(fold("Constanța"), "constanta");
        assert_eq!(fold("Iğdır"), "igdir");
        assert_eq!(fold("Małaszewicze"), "malaszewicze");
        assert_eq!(fold("Xi'an"), "xian");
        assert_eq!(fold("Ağbənd"), "agband");
        assert_eq!(fold("ÜRÜMQI"), "urumqi");
    }
}
