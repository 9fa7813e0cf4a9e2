//! The one search for fixed words, and the word lists rules declare.
//!
//! A rule that looks for fixed words (a typo table, the words where its
//! check starts) declares them once, as a static [`WordList`] beside the
//! rule, and names it in its `words()`. The registry collects every
//! rule's lists (`rules::word_lists`), and [`Context::with_words`] finds
//! all of them, together with the check's own words (web residue,
//! indicator and topic phrases), in one pass over the text
//! ([`literals::Literals`]). The rule then walks its own hits with
//! [`Context::words`], by the list itself: no central list of lists to
//! edit when a rule is added.
//!
//! ```
//! use report_check::words::WordList;
//! use report_check::{Context, Profile};
//!
//! static WORDS: WordList = WordList::new(|| vec!["布署".into(), "贯切".into()]);
//! static LISTS: [&WordList; 1] = [&WORDS];
//!
//! let text = "认真布署，贯切落实，布署到位。";
//! let profile = Profile::default();
//! let cx = Context::with_words(text, &profile, &LISTS);
//! let mut words = cx.words(&WORDS);
//! let mut found = Vec::new();
//! let mut from = 0;
//! while let Some((at, i)) = words.find_from(from) {
//!     found.push((&text[at..at + WORDS.words()[i].len()], i));
//!     from = at + 1;
//! }
//! assert_eq!(found, [("布署", 0), ("贯切", 1), ("布署", 0)]);
//! ```
//!
//! Words are found as they are written (no normalisation), overlapping
//! ones included; a word shorter than four bytes (one Han char is three)
//! is not searched: a list's words are two chars or longer.
//!
//! [`Context::with_words`]: crate::Context::with_words
//! [`Context::words`]: crate::Context::words

use std::borrow::Cow;
use std::sync::LazyLock;

pub(crate) mod literals;

use literals::Literals;

/// A rule's fixed words, built on first use. Declared as a `static`: the
/// check tells lists apart by their address.
pub struct WordList {
    words: LazyLock<Vec<String>>,
}

impl WordList {
    /// The list `words` gives (called once, on first use).
    pub const fn new(words: fn() -> Vec<String>) -> Self {
        WordList {
            words: LazyLock::new(words),
        }
    }

    /// The words, in the order `find_from` indexes them.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The same list (the same static), not merely the same words.
    pub fn is(&self, other: &WordList) -> bool {
        std::ptr::eq(self, other)
    }
}

/// One word found in the text: (start, which list of the search, index of
/// the word in that list).
pub(crate) type Hit = (usize, u32, u32);

/// Every word of `lists` in `text`, by start, the longest first at one
/// start (then in the order of the lists): what [`Context::with_words`]
/// gets from its one pass, and the readable definition of it.
///
/// [`Context::with_words`]: crate::Context::with_words
pub(crate) fn hits_alone(text: &str, lists: &[&WordList]) -> Vec<Hit> {
    let mut hits: Vec<(usize, usize, u32, u32)> = Vec::new();
    for (l, list) in (0u32..).zip(lists) {
        for (span, j) in Literals::new(list.words()).all(text) {
            hits.push((span.start, span.len(), l, j as u32));
        }
    }
    crate::sort::sort_by_key(&mut hits, |&(at, len, l, j)| {
        (at, std::cmp::Reverse(len), l, j)
    });
    hits.into_iter().map(|(at, _, l, j)| (at, l, j)).collect()
}

#[cfg(test)]
thread_local! {
    /// How many times a list was searched alone on this thread (see
    /// [`Cursor::alone`]): a rule that uses a list it does not declare.
    pub(crate) static ALONE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Walks the words of one list, leftmost first (see [`crate::Context::words`]).
pub struct Cursor<'c> {
    /// Every word of the check's lists in the text, by start, the longest
    /// first at one start.
    hits: Cow<'c, [Hit]>,
    list: u32,
    k: usize,
    last: usize,
}

impl<'c> Cursor<'c> {
    /// The words of list number `list` among `hits`.
    pub(crate) fn new(hits: &'c [Hit], list: u32) -> Self {
        Cursor {
            hits: Cow::Borrowed(hits),
            list,
            k: 0,
            last: 0,
        }
    }

    /// The words of `list` searched in `text` alone: for a list the check's
    /// one search was not given (a rule run by hand in a test).
    pub(crate) fn alone(text: &str, list: &WordList) -> Self {
        #[cfg(test)]
        ALONE.with(|n| n.set(n.get() + 1));
        Cursor {
            hits: Cow::Owned(hits_alone(text, &[list])),
            list: 0,
            k: 0,
            last: 0,
        }
    }

    /// The first word of the list that starts at or after byte `from` (the
    /// longest one starting there): (start, index in the list). Cheapest
    /// when `from` only grows.
    pub fn find_from(&mut self, from: usize) -> Option<(usize, usize)> {
        if from < self.last {
            self.k = self.hits.partition_point(|h| h.0 < from);
        }
        self.last = from;
        while let Some(&(at, list, j)) = self.hits.get(self.k) {
            if at >= from && list == self.list {
                return Some((at, j as usize));
            }
            self.k += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static A: WordList = WordList::new(|| vec!["布署".into(), "布署到位".into()]);
    static B: WordList = WordList::new(|| vec!["署到".into(), "ab".into()]);
    static SAME_WORDS: WordList = WordList::new(|| vec!["布署".into(), "布署到位".into()]);

    #[test]
    fn lists_are_told_apart_by_address() {
        assert!(A.is(&A));
        assert!(!A.is(&SAME_WORDS));
        assert_eq!(A.words(), SAME_WORDS.words());
    }

    /// The cursor over the shared hits gives each list what its own search
    /// gives, from every start, forwards and backwards.
    #[test]
    fn cursor_as_each_list_alone() {
        let text = "布署到位，布署署到ab布署到";
        let lists = [&A, &B];
        let hits = hits_alone(text, &lists);
        for (l, list) in (0u32..).zip(lists) {
            let alone = Literals::new(list.words());
            let mut shared = Cursor::new(&hits, l);
            let mut own = Cursor::alone(text, list);
            for from in (0..=text.len()).chain((0..=text.len()).rev()) {
                let want = alone.find_from(text, from);
                assert_eq!(shared.find_from(from), want, "{l} from {from}");
                assert_eq!(own.find_from(from), want, "{l} from {from}");
            }
        }
        // By start, the longest first; a two-byte word is never found.
        assert_eq!(
            hits,
            [
                (0, 0, 1),
                (0, 0, 0),
                (3, 1, 0),
                (15, 0, 0),
                (21, 1, 0),
                (29, 0, 0),
                (32, 1, 0)
            ]
        );
    }
}
