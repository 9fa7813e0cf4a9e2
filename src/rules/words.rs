//! The words several rules look for (the typo table, duplicate seeds,
//! `的`+complement, verbs missing their count, mojibake, `分别`, `其中`): [`lists`] gives
//! them to the one search of fixed words per check (with the residue,
//! indicator and topic words, see `Context::new`), which lists every
//! occurrence once; each rule walks those of its own list with a [`Cursor`].
//! A rule that searches for fixed Han words adds its list here.

use super::figures::{lost_digit, respectively, totals};
use super::format::garbled;
use super::wording::{de_after_verb, duplicate, typo};
use crate::context::Context;

/// Whose word it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum List {
    Typo,
    Duplicate,
    De,
    LostDigit,
    Garbled,
    Respectively,
    Breakdown,
}

/// Every list and its words: where a rule registers the words it looks for.
/// Every word is four bytes or longer (see `lists_are_searched_with_skips`).
pub(crate) fn lists() -> [(List, Vec<String>); 7] {
    [
        (List::Typo, typo::words()),
        (List::Duplicate, duplicate::seeds()),
        (List::De, de_after_verb::seeds()),
        (List::LostDigit, lost_digit::seeds()),
        (List::Garbled, garbled::seeds()),
        (List::Respectively, respectively::seeds()),
        (List::Breakdown, totals::seeds()),
    ]
}

/// Walks the words of one list, leftmost first.
pub(crate) struct Cursor<'c> {
    /// Every word of every list in the text: (start, list, index there), by
    /// start, the longest first at one start.
    hits: &'c [(usize, List, usize)],
    list: List,
    k: usize,
    last: usize,
}

impl<'c> Cursor<'c> {
    pub fn new(cx: &'c Context, list: List) -> Self {
        Cursor {
            hits: &cx.word_hits,
            list,
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
                return Some((at, j));
            }
            self.k += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::rules::wording::literals::Literals;

    #[test]
    fn lists_are_searched_with_skips() {
        for (list, words) in lists() {
            assert!(words.iter().all(|w| w.len() >= 4), "{list:?}");
        }
    }

    #[test]
    fn each_list_sees_what_its_own_search_would() {
        let text = "分别分别为工作的的落实加强加强，布署到位，做的不够好；进一步进一步，重点在于通过多次通过。如火如茶，印发了份文件，未超过人。锟斤拷锟斤拷烫烫烫烫";
        let profile = Profile::default();
        let cx = Context::new(text, &profile);
        for (list, words) in lists() {
            let alone = Literals::new(&words);
            let mut cursor = Cursor::new(&cx, list);
            for from in (0..=text.len()).chain((0..=text.len()).rev()) {
                assert_eq!(
                    cursor.find_from(from),
                    alone.find_from(text, from),
                    "{list:?} from {from}"
                );
            }
        }
    }
}
