//! Search for a fixed set of words in the whole text, skipping ahead
//! (Wu–Manber): a window as long as the shortest word slides over the bytes;
//! its last four bytes (one character and the last byte of the one before,
//! when aligned) say how far it may jump (at most the shortest word's length
//! less three), and only where they end some word's start, and the window's
//! first block with them, are the words checked: those of that pair of
//! blocks, each against the text with two eight-byte loads (a slice
//! comparison only past sixteen bytes). On Chinese text and two-character
//! words the window moves one character a step, at about ten instructions a
//! step; a four-byte block is one load, and its last byte before the
//! character makes the stops where no word starts rare (a three-byte block,
//! one common character, stopped the window at one step in five).
//!
//! Words are matched as bytes; every word is valid UTF-8, so a match always
//! starts and ends on a char boundary.

use crate::finding::Span;

/// Hashed block of four bytes → how far the window may move.
const BLOCKS: usize = 1 << 16;
/// Bytes per block, and the shortest word searched.
const B: usize = 4;
/// Words shorter than this are not searched (a Chinese word of two
/// characters or more never is).
pub(crate) const MIN_LEN: usize = B;

/// A word, with what a check against the text needs at hand.
struct Word {
    /// [`pair`] of its first block and the block that ends its first `min` bytes.
    key: u16,
    /// Its bytes 0..8 and 8..16 (zero past its end), and masks of those it has.
    head: [u64; 2],
    mask: [u64; 2],
    word: Box<str>,
    /// The caller's index.
    index: usize,
}

pub(crate) struct Literals {
    /// Words by key, then longest first.
    words: Vec<Word>,
    /// Per bucket of keys (their top `bits`), its first word in `words`;
    /// one more at the end.
    heads: Vec<u32>,
    bits: u32,
    /// The shortest word's length in bytes (at least [`B`]), capped at 255.
    min: usize,
    shift: Box<[u8; BLOCKS]>,
    /// Bit `key` set for each word: a window whose last block fits is
    /// looked at only if its first and last blocks together do too (in
    /// Chinese a block is one character, and a window ending in a common
    /// one, or starting with one, is frequent; both at once are rarer).
    pairs: Box<[u64; BLOCKS / 64]>,
}

/// Hash of a block.
#[inline]
fn mix(w: u32) -> u16 {
    (w.wrapping_mul(0x9E37_79B1) >> 16) as u16
}

/// The first and the last block of a window, hashed together.
#[inline]
fn pair(first: u16, last: u16) -> u16 {
    ((u32::from(first) << 16 | u32::from(last)).wrapping_mul(0x85EB_CA6B) >> 16) as u16
}

/// Up to eight bytes of `b` from `at`, zero past its end.
#[inline]
fn load8(b: &[u8], at: usize) -> u64 {
    match b.get(at..at.wrapping_add(8)) {
        Some(w) => u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default()),
        None => {
            (b.get(at..).unwrap_or_default().iter().rev()).fold(0, |x, &c| x << 8 | u64::from(c))
        }
    }
}

/// The hashed block of the four bytes from `at` (zero past the end).
fn block(b: &[u8], at: usize) -> u16 {
    mix(load8(b, at) as u32)
}

impl Literals {
    /// Words shorter than [`MIN_LEN`] bytes are ignored (a table of Chinese
    /// words has none).
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let mut words: Vec<(usize, Box<str>)> = words
            .into_iter()
            .enumerate()
            .map(|(i, w)| (i, Box::from(w.as_ref())))
            .collect();
        words.retain(|(_, w)| w.len() >= B);
        let min = words
            .iter()
            .map(|(_, w)| w.len())
            .min()
            .unwrap_or(B)
            .min(255);
        let mut shift = Box::new([(min - B + 1) as u8; BLOCKS]);
        let mut keyed: Vec<Word> = Vec::with_capacity(words.len());
        let mut pairs = Box::new([0u64; BLOCKS / 64]);
        let mask = |n: usize| {
            if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            }
        };
        for (index, word) in words {
            let b = word.as_bytes();
            for q in B - 1..min {
                let s = &mut shift[usize::from(block(b, q + 1 - B))];
                *s = (*s).min((min - 1 - q) as u8);
            }
            let key = pair(block(b, 0), block(b, min - B));
            pairs[usize::from(key) / 64] |= 1 << (key % 64);
            keyed.push(Word {
                key,
                head: [load8(b, 0), load8(b, 8)],
                mask: [mask(b.len()), mask(b.len().saturating_sub(8))],
                word,
                index,
            });
        }
        crate::sort::sort_by_key(&mut keyed, |w| (w.key, std::cmp::Reverse(w.word.len())));
        if keyed.is_empty() {
            shift.fill(u8::MAX);
        }
        let bits = (usize::BITS - keyed.len().leading_zeros() + 1).clamp(4, 16);
        let mut heads = vec![0u32; (1 << bits) + 1];
        let mut k = 0;
        for (h, head) in heads.iter_mut().enumerate() {
            while keyed
                .get(k)
                .is_some_and(|w| usize::from(w.key >> (16 - bits)) < h)
            {
                k += 1;
            }
            *head = k as u32;
        }
        Literals {
            words: keyed,
            heads,
            bits,
            min,
            shift,
            pairs,
        }
    }

    /// The leftmost word starting at or after byte `from` (the longest one
    /// there): its start and the caller's index of the word.
    #[cfg(test)]
    pub fn find_from(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let mut found = Vec::new();
        self.all_from(text, from, &mut |span, i| found.push((span, i)));
        found.first().map(|&(span, i)| (span.start, i))
    }

    /// Every occurrence of every word, overlapping ones included, in order
    /// of start, the longest first at one start (then in the caller's
    /// order): (span, the caller's index of the word).
    pub fn all(&self, text: &str) -> Vec<(Span, usize)> {
        let mut found = Vec::new();
        self.each(text, |span, i| found.push((span, i)));
        found
    }

    /// [`Literals::all`] without the list: `f` is given each occurrence in
    /// turn (a text of nothing but words has millions).
    pub fn each(&self, text: &str, mut f: impl FnMut(Span, usize)) {
        self.all_from(text, 0, &mut f);
    }

    /// [`Literals::all`] for the words starting at or after byte `from`, to `out`.
    fn all_from(&self, text: &str, from: usize, out: &mut dyn FnMut(Span, usize)) {
        let b = text.as_bytes();
        let shift = &*self.shift;
        let min = self.min;
        // One past the window's last byte.
        let Some(mut end) = from.checked_add(min) else {
            return;
        };
        while end <= b.len() {
            let last = match b.get(end.wrapping_sub(B)..end) {
                Some(w) => mix(u32::from_le_bytes([w[0], w[1], w[2], w[3]])),
                None => return,
            };
            let s = shift[usize::from(last)];
            if s != 0 {
                end += usize::from(s);
                continue;
            }
            let start = end - min;
            let key = pair(block(b, start), last);
            if self.pairs[usize::from(key) / 64] & 1 << (key % 64) != 0 {
                self.words_at(b, start, key, out);
            }
            end += 1;
        }
    }

    /// The words of key `key` that start at `start`, to `out`.
    #[inline(never)]
    fn words_at(&self, b: &[u8], start: usize, key: u16, out: &mut dyn FnMut(Span, usize)) {
        let h = usize::from(key >> (16 - self.bits));
        let (Some(&lo), Some(&hi)) = (self.heads.get(h), self.heads.get(h + 1)) else {
            return;
        };
        let t = match b.get(start..start.wrapping_add(16)) {
            Some(w) => {
                let (a, c) = w.split_at(8);
                let u = |x: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(x).unwrap_or_default());
                [u(a), u(c)]
            }
            None => [load8(b, start), load8(b, start + 8)],
        };
        for w in self.words.get(lo as usize..hi as usize).unwrap_or_default() {
            if w.key == key
                && (t[0] ^ w.head[0]) & w.mask[0] == 0
                && (t[1] ^ w.head[1]) & w.mask[1] == 0
                && b.len() - start >= w.word.len()
                && (w.word.len() <= 16 || b[start + 16..].starts_with(&w.word.as_bytes()[16..]))
            {
                out(Span::new(start, start + w.word.len()), w.index);
            }
        }
    }

    /// Every match, leftmost-longest and not overlapping: (start, index).
    #[cfg(test)]
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (at, i) = self.find_from(text, from)?;
            from = at + self.len(i).max(1);
            Some((at, i))
        })
    }

    /// The length in bytes of the caller's word `i` (0 if it was ignored).
    #[cfg(test)]
    pub fn len(&self, i: usize) -> usize {
        self.words
            .iter()
            .find(|w| w.index == i)
            .map_or(0, |w| w.word.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Leftmost-longest, not overlapping, by brute force.
    fn naive(words: &[&str], text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let best = words
                .iter()
                .enumerate()
                .filter(|(_, w)| w.len() >= MIN_LEN && text[at..].starts_with(*w))
                .max_by_key(|(i, w)| (w.len(), std::cmp::Reverse(*i)));
            match best {
                Some((i, w)) => {
                    out.push((at, i));
                    at += w.len();
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    #[test]
    fn same_as_brute_force() {
        let words = [
            "布署",
            "贯切",
            "再接再励",
            "接再",
            "截止",
            "的的",
            "abc",
            "abca",
            "教育工作",
            "ab",
            "再接再励再接再励",
            "abcabcabcabcabcabc",
            "教育工作教育工作教",
        ];
        let alphabet = [
            "布",
            "署",
            "贯",
            "切",
            "再",
            "接",
            "励",
            "截",
            "止",
            "的",
            "a",
            "b",
            "c",
            "教育",
            "工作",
            "，",
            "再接再励",
            "abcabc",
        ];
        let lit = Literals::new(words);
        let mut seed = 7u64;
        for _ in 0..40_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut x = seed;
            let text: String = (0..(seed % 16))
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    alphabet[(x >> 33) as usize % alphabet.len()]
                })
                .collect();
            let got: Vec<_> = lit.find_iter(&text).collect();
            assert_eq!(got, naive(&words, &text), "{text}");
            let mut all = Vec::new();
            for (span, i) in lit.all(&text) {
                assert_eq!(span.len(), words[i].len());
                all.push((span.start, i));
            }
            all.sort_unstable();
            let mut want: Vec<_> = (0..text.len())
                .flat_map(|at| {
                    let text = &text;
                    words
                        .iter()
                        .enumerate()
                        .filter(move |(_, w)| {
                            w.len() >= MIN_LEN && text.as_bytes()[at..].starts_with(w.as_bytes())
                        })
                        .map(move |(i, _)| (at, i))
                })
                .collect();
            want.sort_unstable();
            assert_eq!(all, want, "{text}");
        }
    }

    #[test]
    fn empty_and_short() {
        let none: [&str; 0] = [];
        assert_eq!(Literals::new(none).find_from("布署", 0), None);
        let lit = Literals::new(["布署", "xy"]);
        assert_eq!(lit.find_from("", 0), None);
        assert_eq!(lit.find_from("布", 0), None);
        assert_eq!(lit.find_from("布署布署", 1), Some((6, 0)));
        assert_eq!(lit.find_from("布署", usize::MAX), None);
        assert_eq!(lit.len(0), 6);
        assert_eq!(lit.len(1), 0);
    }
}

#[cfg(test)]
mod review {
    use super::*;

    fn rng(seed: &mut u64) -> usize {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed >> 11) as usize
    }

    /// Random word sets (prefixes, overlaps, 4-byte and 2-byte chars, NUL,
    /// words of exactly four bytes, long words) against brute force, with
    /// matches at the very end of short texts.
    #[test]
    fn all_as_brute_force_on_odd_texts() {
        let alphabet = [
            "a", "b", "\0", "\r", "\n", "é", "教", "育", "䷀", "𠀀", "😀", "，", "\u{9fff}", "ab",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for round in 0..3000 {
            let nwords = rng(&mut seed) % 6;
            let words: Vec<String> = (0..nwords)
                .map(|_| {
                    let n = 1 + rng(&mut seed) % if round % 5 == 0 { 12 } else { 4 };
                    (0..n)
                        .map(|_| alphabet[rng(&mut seed) % alphabet.len()])
                        .collect()
                })
                .collect();
            let lit = Literals::new(&words);
            for _ in 0..20 {
                let n = rng(&mut seed) % 24;
                let text: String = (0..n)
                    .map(|_| alphabet[rng(&mut seed) % alphabet.len()])
                    .collect();
                // Some texts end in a word.
                let text = if n % 3 == 0 && !words.is_empty() {
                    text + &words[rng(&mut seed) % words.len()]
                } else {
                    text
                };
                let mut got: Vec<(usize, usize, usize)> = lit
                    .all(&text)
                    .iter()
                    .map(|&(s, i)| (s.start, s.end, i))
                    .collect();
                let mut ordered = got.clone();
                ordered.sort_by_key(|&(s, e, i)| (s, std::cmp::Reverse(e), i));
                assert_eq!(got, ordered, "order {words:?} {text:?}");
                got.sort_unstable();
                let mut want = Vec::new();
                for at in 0..text.len() {
                    for (i, w) in words.iter().enumerate() {
                        if w.len() >= MIN_LEN && text.as_bytes()[at..].starts_with(w.as_bytes()) {
                            want.push((at, at + w.len(), i));
                        }
                    }
                }
                want.sort_unstable();
                assert_eq!(got, want, "{words:?} {text:?}");
            }
        }
    }
}
