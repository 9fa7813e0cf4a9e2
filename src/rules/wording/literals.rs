//! Search for a fixed set of words in the whole text, skipping ahead
//! (Wu–Manber): a window as long as the shortest word slides over the bytes;
//! its last three bytes (one character, when aligned) say how far it may
//! jump (at most the shortest word's length less two), and only where they
//! end some word's start, and the window's first block with them, are the
//! words checked. On Chinese text and a table of two-character words the
//! window moves several bytes at a time, so the search costs about one or
//! two instructions per byte of text, not a step per character.
//!
//! Words are matched as bytes; every word is valid UTF-8, so a match always
//! starts and ends on a char boundary.

/// Hashed block of three bytes → how far the window may move.
const BLOCKS: usize = 1 << 16;
/// Bytes per block.
const B: usize = 3;

pub(crate) struct Literals {
    /// Words by [`pair`] of their first block and the block that ends their
    /// first `min` bytes, then longest first: (pair, word, the caller's index).
    words: Vec<(u16, Box<str>, usize)>,
    /// The shortest word's length in bytes (at least [`B`]), capped at 255.
    min: usize,
    shift: Box<[u8; BLOCKS]>,
    /// Bit `pair` set for each word: a window whose last block fits is
    /// looked at only if its first and last blocks together do too (in
    /// Chinese a block is one character, and a window ending in a common
    /// one, or starting with one, is frequent; both at once are rare).
    pairs: Box<[u64; BLOCKS / 64]>,
}

fn block(a: u8, b: u8, c: u8) -> u16 {
    mix(u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16)
}

fn mix(three: u32) -> u16 {
    (three.wrapping_mul(0x9E37_79B1) >> 16) as u16
}

/// [`block`] of the three bytes ending at `end` (≥ 2), with one load where
/// a fourth byte follows.
#[inline]
fn block_at(b: &[u8], end: usize) -> u16 {
    match b.get(end - 2..end + 2) {
        Some(w) => mix(u32::from_le_bytes(<[u8; 4]>::try_from(w).unwrap_or_default()) & 0xFF_FFFF),
        None => block(b[end - 2], b[end - 1], b[end]),
    }
}

/// The first and the last block of a window, hashed together.
fn pair(first: u16, last: u16) -> u16 {
    ((u32::from(first) << 16 | u32::from(last)).wrapping_mul(0x85EB_CA6B) >> 16) as u16
}

impl Literals {
    /// Words shorter than three bytes are ignored (a table of Chinese
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
        let mut keyed: Vec<(u16, Box<str>, usize)> = Vec::with_capacity(words.len());
        let mut pairs = Box::new([0u64; BLOCKS / 64]);
        for (i, w) in words {
            let b = &w.as_bytes()[..min];
            for q in B - 1..min {
                let s = &mut shift[usize::from(block(b[q - 2], b[q - 1], b[q]))];
                *s = (*s).min((min - 1 - q) as u8);
            }
            let last = block(b[min - 3], b[min - 2], b[min - 1]);
            let key = pair(block(b[0], b[1], b[2]), last);
            pairs[usize::from(key) / 64] |= 1 << (key % 64);
            keyed.push((key, w, i));
        }
        crate::text::sort_by_key(&mut keyed, |a| (a.0, std::cmp::Reverse(a.1.len())));
        if keyed.is_empty() {
            shift.fill(u8::MAX);
        }
        Literals {
            words: keyed,
            min,
            shift,
            pairs,
        }
    }

    /// The leftmost word starting at or after byte `from` (the longest one
    /// there): its start and the caller's index of the word.
    #[cfg(test)]
    pub fn find_from(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let mut found = None;
        self.each_from(text, from, &mut |start, i| {
            found = Some((start, i));
            false
        });
        found
    }

    /// Every occurrence of every word, overlapping ones included, in order
    /// of start: `f(start, index)`, which returns `false` to stop.
    pub fn each(&self, text: &str, mut f: impl FnMut(usize, usize) -> bool) {
        self.each_from(text, 0, &mut f);
    }

    /// [`Literals::each`] for the words starting at or after byte `from`.
    /// Not generic (`f` is called only on a hit): one copy in the wasm.
    fn each_from(&self, text: &str, from: usize, f: &mut dyn FnMut(usize, usize) -> bool) {
        let b = text.as_bytes();
        let shift = &*self.shift;
        let Some(mut end) = from.checked_add(self.min - 1) else {
            return; // last byte of the window
        };
        while end < b.len() {
            // end >= min - 1 >= B - 1 = 2
            let key = block_at(b, end);
            let s = shift[usize::from(key)];
            if s != 0 {
                end += usize::from(s);
                continue;
            }
            let start = end + 1 - self.min;
            let key = pair(block_at(b, start + 2), key);
            if self.pairs[usize::from(key) / 64] & 1 << (key % 64) == 0 {
                end += 1;
                continue;
            }
            let first = self.words.partition_point(|w| w.0 < key);
            for w in self.words[first..].iter().take_while(|w| w.0 == key) {
                if b[start..].starts_with(w.1.as_bytes()) && !f(start, w.2) {
                    return;
                }
            }
            end += 1;
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
            .find(|w| w.2 == i)
            .map_or(0, |w| w.1.len())
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
                .filter(|(_, w)| w.len() >= 3 && text[at..].starts_with(*w))
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
            "教育工作",
            "ab",
        ];
        let alphabet = [
            "布", "署", "贯", "切", "再", "接", "励", "截", "止", "的", "a", "b", "c", "教育",
            "工作", "，",
        ];
        let lit = Literals::new(words);
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut x = seed;
            let text: String = (0..(seed % 12))
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    alphabet[(x >> 33) as usize % alphabet.len()]
                })
                .collect();
            let got: Vec<_> = lit.find_iter(&text).collect();
            assert_eq!(got, naive(&words, &text), "{text}");
            let mut all = Vec::new();
            lit.each(&text, |at, i| {
                all.push((at, i));
                true
            });
            all.sort_unstable();
            let mut want: Vec<_> = (0..text.len())
                .flat_map(|at| {
                    let text = &text;
                    words
                        .iter()
                        .enumerate()
                        .filter(move |(_, w)| {
                            w.len() >= 3 && text.as_bytes()[at..].starts_with(w.as_bytes())
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
