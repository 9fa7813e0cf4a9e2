//! Character classes and phrase search shared by the document index and the rules.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use crate::finding::Span;

/// A set of phrases (from a profile or a table) searched in one pass.
#[derive(Clone, Default)]
pub struct Phrases {
    set: PhraseSet,
}

impl Phrases {
    /// Empty phrases are ignored; no phrases match nothing.
    pub fn new<S: AsRef<str>>(words: &[S]) -> Self {
        Phrases {
            set: PhraseSet::new(words.iter().map(AsRef::as_ref)),
        }
    }

    /// The leftmost (then longest) phrase in `text`, relative to it.
    pub fn find(&self, text: &str) -> Option<Span> {
        self.find_before(text, usize::MAX)
    }

    /// [`Phrases::find`] for a phrase that starts before byte `limit` (it
    /// may end after it): the text after `limit` is not searched.
    pub fn find_before(&self, text: &str, limit: usize) -> Option<Span> {
        let (at, pattern) = self.set.candidates(text, limit).find_map(|(at, mut ps)| {
            // Longest first within a head, so the first that matches is the longest.
            ps.find(|&p| self.set.matches_at(text, at, p))
                .map(|p| (at, p))
        })?;
        Some(Span::new(at, at + self.set.len_of(pattern)))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// Every occurrence of every phrase, overlapping ones included (as the
    /// sum of `text.matches(phrase).count()` over the phrases).
    pub fn count(&self, text: &str) -> usize {
        self.set
            .candidates(text, usize::MAX)
            .map(|(at, ps)| ps.filter(|&p| self.set.matches_at(text, at, p)).count())
            .sum()
    }

    /// Every occurrence of every phrase, overlapping ones included, in the
    /// order they end (then longest first).
    pub fn starts<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        self.set.all(text).into_iter().map(|(_, span)| span)
    }
}

/// The phrase index behind [`Phrases`] and [`Tagged`]: phrases grouped by
/// their first character (longest first), with a 4096-bit filter on that
/// character, so a search costs a few instructions per byte of text and
/// building it costs a sort. (Replaces an Aho-Corasick automaton: the phrase
/// lists are short, and this is a fraction of the code size and start-up time.)
#[derive(Clone, Default)]
struct PhraseSet {
    /// All phrases, concatenated.
    bytes: String,
    /// Per phrase, in search order (by head, then longest first):
    /// its byte range in `bytes` and its index in the caller's list.
    phrases: Vec<(u32, u32, u32)>,
    /// Per head (sorted): its key and the range of `phrases` that start with it.
    heads: Vec<(u32, u32, u32)>,
    filter: Vec<u64>,
}

const FILTER_BITS: u32 = 4096;

fn filter_bit(key: u32) -> u32 {
    key.wrapping_mul(0x9E37_79B1) >> 20 & (FILTER_BITS - 1)
}

impl PhraseSet {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut set = PhraseSet {
            filter: vec![0; (FILTER_BITS / 64) as usize],
            ..PhraseSet::default()
        };
        let mut order: Vec<(u32, u32, u32, u32)> = Vec::new(); // key, len, start, index
        for (index, w) in words.enumerate() {
            if w.is_empty() {
                continue;
            }
            let start = set.bytes.len() as u32;
            set.bytes.push_str(w);
            let head = w.chars().next().map_or(0, char::len_utf8).min(3);
            let key = w.as_bytes()[..head]
                .iter()
                .rev()
                .fold(0, |k, &b| k << 8 | u32::from(b));
            order.push((key, w.len() as u32, start, index as u32));
        }
        crate::sort::sort_by_key(&mut order, |a| (a.0, std::cmp::Reverse(a.1), a.3));
        for (i, &(key, len, start, index)) in order.iter().enumerate() {
            set.phrases.push((start, start + len, index));
            match set.heads.last_mut() {
                Some(h) if h.0 == key => h.2 = i as u32 + 1,
                _ => {
                    set.heads.push((key, i as u32, i as u32 + 1));
                    let bit = filter_bit(key);
                    set.filter[(bit / 64) as usize] |= 1 << (bit % 64);
                }
            }
        }
        set
    }

    fn len_of(&self, p: usize) -> usize {
        let (s, e, _) = self.phrases[p];
        (e - s) as usize
    }

    fn matches_at(&self, text: &str, at: usize, p: usize) -> bool {
        let (s, e, _) = self.phrases[p];
        text.as_bytes()[at..].starts_with(&self.bytes.as_bytes()[s as usize..e as usize])
    }

    /// The first char boundary at or after `*at` and before `end` where
    /// some phrase may start, with the phrases (indices into `phrases`,
    /// longest first) that start with its char; `*at` moves past that char.
    #[inline]
    fn next_candidate(
        &self,
        bytes: &[u8],
        end: usize,
        at: &mut usize,
    ) -> Option<(usize, Range<usize>)> {
        let byte = |i: usize| u32::from(bytes.get(i).copied().unwrap_or(0));
        while let Some(&b0) = bytes.get(*at).filter(|_| *at < end) {
            let i = *at;
            // Key: the char's first (at most three) bytes; step: its length.
            let (key, step) = match b0 {
                0..=0x7F => (u32::from(b0), 1),
                0x80..=0xBF => (u32::MAX, 1), // not a char start (never in a &str)
                0xC0..=0xDF => (u32::from(b0) | byte(i + 1) << 8, 2),
                _ => (
                    u32::from(b0) | byte(i + 1) << 8 | byte(i + 2) << 16,
                    if b0 < 0xF0 { 3 } else { 4 },
                ),
            };
            *at += step;
            let bit = filter_bit(key);
            if self.filter[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
                continue;
            }
            if let Ok(h) = self.heads.binary_search_by_key(&key, |h| h.0) {
                let (_, from, to) = self.heads[h];
                return Some((i, from as usize..to as usize));
            }
        }
        None
    }

    /// Each char boundary of `text` before byte `end` where some phrase may
    /// start, with the phrases (indices into `phrases`, longest first) that
    /// start with its char.
    fn candidates<'t>(
        &'t self,
        text: &'t str,
        end: usize,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 't {
        let bytes = text.as_bytes();
        let mut at = if self.heads.is_empty() {
            bytes.len()
        } else {
            0
        };
        std::iter::from_fn(move || self.next_candidate(bytes, end, &mut at))
    }

    /// Every occurrence (caller's phrase index, span), overlapping ones
    /// included, ordered by end, then longest first.
    fn all(&self, text: &str) -> Vec<(usize, Span)> {
        let mut found: Vec<(usize, Span)> = self
            .candidates(text, usize::MAX)
            .flat_map(|(at, ps)| {
                ps.filter(move |&p| self.matches_at(text, at, p))
                    .map(move |p| {
                        (
                            self.phrases[p].2 as usize,
                            Span::new(at, at + self.len_of(p)),
                        )
                    })
            })
            .collect();
        crate::sort::sort_by_key(&mut found, |&(i, s)| (s.end, s.start, i));
        found
    }
}

/// [`is_han`] as a regex class, for patterns: `format!("{HAN}{{2,}}")`.
pub const HAN: &str = r"[\x{3007}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{2FA1F}\x{30000}-\x{3134F}]";

/// A Han ideograph (CJK Unified Ideographs and extensions, compatibility
/// ideographs) or the ideographic zero `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}')
}

/// Full-width punctuation used in Chinese text (GB/T 15834).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '·'
            | '％'
    )
}

/// Han or full-width punctuation: evidence that the surrounding text is Chinese.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// The `char` that ends just before byte `at`, if any. `at` must be a char boundary.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The `char` that starts at byte `at`, if any. `at` must be a char boundary.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The last `n` characters of `s` (all of it when shorter), as a slice.
pub fn last_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 {
        return &s[s.len()..];
    }
    &s[start..]
}

/// The nearest char before `at` that is not a space or tab.
pub fn prev_non_space(text: &str, at: usize) -> Option<char> {
    text.get(..at)?
        .chars()
        .rev()
        .find(|c| !matches!(c, ' ' | '\t' | '\u{3000}'))
}

/// The nearest char at or after `at` that is not a space or tab.
pub fn next_non_space(text: &str, at: usize) -> Option<char> {
    text.get(at..)?
        .chars()
        .find(|c| !matches!(c, ' ' | '\t' | '\u{3000}'))
}

/// Byte ranges (relative to `line`) strictly inside “…” quotes and 《…》
/// titles on one line, outermost pairs only. An unclosed mark opens no range.
pub fn quoted_ranges(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        match (open, c) {
            (None, '“') => {
                open = Some(('”', i + c.len_utf8()));
                depth = 1;
            }
            (None, '《') => {
                open = Some(('》', i + c.len_utf8()));
                depth = 1;
            }
            (Some(('》', _)), '《') => depth += 1,
            (Some((close, start)), c) if c == close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push((start, i));
                    open = None;
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether relative offset `at` lies inside one of `ranges` (sorted, disjoint,
/// as [`quoted_ranges`] gives them).
pub fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    let i = ranges.partition_point(|&(s, _)| s <= at);
    i > 0 && at < ranges[i - 1].1
}

/// Phrases with a tag each (e.g. which residue kind a phrase is), searched
/// together in one pass, char by char ([`PhraseSet`]). For short texts
/// (lines) and short words; a check's whole text is searched once for all
/// its fixed words with skips (see `Context::new`).
#[derive(Clone)]
pub struct Tagged<T> {
    set: PhraseSet,
    tags: Vec<T>,
}

impl<T: Copy> Tagged<T> {
    /// Empty phrases are ignored.
    pub fn new<'w>(items: impl IntoIterator<Item = (T, &'w str)>) -> Self {
        let (tags, words): (Vec<T>, Vec<&str>) =
            items.into_iter().filter(|(_, w)| !w.is_empty()).unzip();
        Tagged {
            set: PhraseSet::new(words.into_iter()),
            tags,
        }
    }

    /// Every occurrence of every phrase (overlapping ones included), with its
    /// tag, in the order they end (then longest first).
    pub fn matches<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (T, Span)> + 't {
        self.set
            .all(text)
            .into_iter()
            .filter_map(|(i, span)| Some((*self.tags.get(i)?, span)))
    }
}

/// Values built from data that may change (a public field others can set):
/// each kept with a copy of the data it was built from (its key) and
/// rebuilt when no kept key equals the data, so none is ever stale (keys
/// are compared whole, not by a hash). The last [`KEYED_KEPT`] are kept,
/// most recently used first, so that checks alternating between a few
/// profiles (several widgets on one page share one engine) build each
/// value once. Clones share the built values.
pub struct Keyed<K, T>(Mutex<Vec<(K, Arc<T>)>>);

/// How many values a [`Keyed`] keeps.
pub const KEYED_KEPT: usize = 4;

impl<K, T> Keyed<K, T> {
    /// The value kept with the key `is_key` accepts (the data, compared
    /// without copying it), else one built by `build` and kept with `key()`.
    pub fn get(
        &self,
        is_key: impl Fn(&K) -> bool,
        key: impl FnOnce() -> K,
        build: impl FnOnce() -> T,
    ) -> Arc<T> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let hit = match kept.iter().position(|(k, _)| is_key(k)) {
            Some(i) => kept.remove(i),
            None => (key(), Arc::new(build())),
        };
        let v = Arc::clone(&hit.1);
        kept.truncate(KEYED_KEPT - 1);
        kept.insert(0, hit);
        v
    }
}

impl<K, T> Default for Keyed<K, T> {
    fn default() -> Self {
        Keyed(Mutex::new(Vec::new()))
    }
}

/// A value computed on first use and kept with its owner (e.g. the phrase
/// automata of a profile's word lists). A clone starts empty and computes
/// it again on first use: its owner's fields may be edited after cloning.
/// It takes no part in equality, debugging output or serialisation.
pub struct Cached<T>(OnceLock<T>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(OnceLock::new())
    }
}

impl<T> Clone for Cached<T> {
    fn clone(&self) -> Self {
        Cached::default()
    }
}

impl<T> Cached<T> {
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }
}

impl<T> PartialEq for Cached<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Cached<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cached")
    }
}

/// A set of chars to scan a text for: `static SET: Leads =
/// Leads::chars("、，")` or [`Leads::ranges`], walked with
/// `doc.scan(&SET)` (see [`Scan`]). Built at compile time; ASCII chars and
/// chars of Latin-1 (`·×`), general punctuation (`“”…—•`), CJK punctuation
/// (`、。《》〔〕`) and full-width forms (`，；：（）０`) only, never Han.
///
/// Inside, a set is the chars' first UTF-8 bytes (ASCII bytes, and the
/// lead bytes `0xC2`, `0xC3`, `0xE2`, `0xE3`, `0xEF`), then an exact check.
/// The scan reads eight bytes at a time and skips a word with none of those
/// kinds of byte (most words of Chinese text hold only Han characters);
/// only the chars whose first byte is in the set are decoded.
pub struct Leads {
    stop: [bool; 256],
    /// Per kind of lead byte in the set (`0xC2/0xC3`, `0xE2/0xE3`, `0xEF`):
    /// a mask and the value a byte of that kind equals under it, repeated
    /// in all eight bytes; only the first `probe_count` are used.
    probes: [(u64, u64); 3],
    probe_count: usize,
    /// Some ASCII byte is in the set: every ASCII byte is looked at (an
    /// exact probe per byte costs more than the table look-ups it saves).
    ascii: bool,
    /// The summary bits of the set's bytes (see [`Run::kinds`]).
    kinds: u64,
    /// For a set of exact chars ([`Leads::chars`]): the summary bits of its
    /// non-ASCII chars (see [`Run::exact`]); only chars with one of these
    /// bits are looked at. 0 for a set of lead bytes.
    exact: u64,
    /// Those non-ASCII chars (the first `wide_count`), the only ones
    /// returned besides the set's ASCII chars.
    wide: [char; 32],
    wide_count: usize,
    /// For a set of ranges ([`Leads::ranges`]): its non-ASCII ranges (the
    /// first `range_count`), the only chars returned besides ASCII ones.
    ranges: [(char, char); 8],
    range_count: usize,
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

impl Leads {
    /// `first`: first bytes of the chars to stop at. Private: rules name
    /// chars ([`Leads::chars`], [`Leads::ranges`]), never UTF-8 bytes.
    const fn new(first: &[u8]) -> Self {
        let mut stop = [false; 256];
        let mut summary = 0;
        let mut k = 0;
        while k < first.len() {
            stop[first[k] as usize] = true;
            summary |= kind_bit(first[k]);
            k += 1;
        }
        let mut probes = [(0, 0); 3];
        let mut probe_count = 0;
        let mut ascii = false;
        let mut x = 0;
        while x < 256 {
            if stop[x] {
                match x {
                    0x00..=0x7F => ascii = true,
                    0xC2 | 0xC3 | 0xE2 | 0xE3 | 0xEF => {}
                    _ => panic!("Leads: not an ASCII byte or a lead byte it knows"),
                }
            }
            x += 1;
        }
        if stop[0xC2] || stop[0xC3] {
            probes[probe_count] = (LO * 0xFE, LO * 0xC2);
            probe_count += 1;
        }
        if stop[0xE2] || stop[0xE3] {
            probes[probe_count] = (LO * 0xFE, LO * 0xE2);
            probe_count += 1;
        }
        if stop[0xEF] {
            probes[probe_count] = (LO * 0xFF, LO * 0xEF);
            probe_count += 1;
        }
        Leads {
            stop,
            probes,
            probe_count,
            ascii,
            kinds: summary,
            exact: 0,
            wide: ['\0'; 32],
            wide_count: 0,
            ranges: [('\0', '\0'); 8],
            range_count: 0,
        }
    }

    /// The set of the chars in `ranges` (each inclusive): like
    /// [`Leads::chars`], for a class too large to list (control and
    /// format chars). At most eight ranges of non-ASCII chars, each led by
    /// a byte [`Leads::chars`] allows (`0xC2`, `0xC3`, `0xE2`, `0xE3`,
    /// `0xEF`: Latin-1, general punctuation, CJK punctuation, full-width
    /// forms); a set outside these limits does not compile.
    pub const fn ranges(ranges: &[(char, char)]) -> Self {
        let mut first = [0u8; 256];
        let mut n = 0;
        let mut seen = [false; 256];
        let mut ascii_kinds = 0;
        let mut exact = 0;
        let mut wide = [('\0', '\0'); 8];
        let mut wide_count = 0;
        let mut r = 0;
        while r < ranges.len() {
            let (lo, hi) = (ranges[r].0 as u32, ranges[r].1 as u32);
            let mut cp = lo;
            while cp <= hi {
                let lead = match char::from_u32(cp) {
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        c.encode_utf8(&mut buf).as_bytes()[0]
                    }
                    None => panic!("Leads::ranges: not a char"),
                };
                if !seen[lead as usize] {
                    seen[lead as usize] = true;
                    first[n] = lead;
                    n += 1;
                }
                if cp < 0x80 {
                    ascii_kinds |= kind_bit(lead);
                } else {
                    exact |= exact_bit(cp);
                }
                cp += 1;
            }
            if hi >= 0x80 {
                let lo = if lo < 0x80 { '\u{80}' } else { ranges[r].0 };
                wide[wide_count] = (lo, ranges[r].1);
                wide_count += 1;
            }
            r += 1;
        }
        let (head, _) = first.split_at(n);
        let mut set = Leads::new(head);
        set.kinds = ascii_kinds;
        set.exact = exact;
        set.ranges = wide;
        set.range_count = wide_count;
        set
    }

    /// The set of exactly the chars of `chars`. A scan skips the runs
    /// (see [`Runs`]) that hold none of them, not only those without their
    /// first bytes, and returns no other char (e.g. `、` but not `。`,
    /// which shares its first byte). At most 64 chars, 32 of them non-ASCII,
    /// and no Han char of the main block (the runs hold none): a set
    /// outside these limits does not compile.
    pub const fn chars(chars: &str) -> Self {
        let b = chars.as_bytes();
        let mut first = [0u8; 64];
        let mut n = 0;
        let mut exact = 0;
        let mut ascii_kinds = 0;
        let mut wide = ['\0'; 32];
        let mut wide_count = 0;
        let mut i = 0;
        while i < b.len() {
            let len = utf8_len(b[i]);
            first[n] = b[i];
            n += 1;
            if len == 1 {
                ascii_kinds |= kind_bit(b[i]);
            } else {
                let cp = decode_at(b, i, len);
                exact |= exact_bit(cp);
                wide[wide_count] = match char::from_u32(cp) {
                    Some(c) => c,
                    None => panic!("Leads::chars: not a char"),
                };
                wide_count += 1;
            }
            i += len;
        }
        let (head, _) = first.split_at(n);
        let mut set = Leads::new(head);
        // Multi-byte chars are told apart by `exact`; their lead bytes'
        // summary bits would let in every run with a sibling char.
        set.kinds = ascii_kinds;
        set.exact = exact;
        set.wide = wide;
        set.wide_count = wide_count;
        set
    }

    /// Whether the char `c` found at a byte of the stop table is one the
    /// set asks for (always, for a set of lead bytes).
    #[inline]
    fn wants(&self, c: char) -> bool {
        self.exact == 0
            || c.is_ascii()
            || (self.exact & exact_bit(c as u32) != 0
                && (self.wide.iter().take(self.wide_count).any(|&w| w == c)
                    || (self.ranges.iter().take(self.range_count))
                        .any(|r| (r.0..=r.1).contains(&c))))
    }

    /// Which of 64 runs may hold a char of the set, from their summary
    /// rows (see [`Runs`]).
    #[inline]
    fn mask(&self, rows: &[u64; 128]) -> u64 {
        let mut mask = 0;
        for (base, mut bits) in [(0, self.kinds), (64, self.exact)] {
            while bits != 0 {
                mask |= rows[base + bits.trailing_zeros() as usize];
                bits &= bits - 1;
            }
        }
        mask
    }

    /// The high bit of every byte of `w` that may be in the set; the lowest
    /// one marked is exact for its kind (later ones may be false).
    fn candidates(&self, w: u64) -> u64 {
        let mut m = if self.ascii { !w & HI } else { 0 };
        for &(mask, value) in self.probes.iter().take(self.probe_count) {
            let x = (w & mask) ^ value;
            m |= x.wrapping_sub(LO) & !x & HI;
        }
        m
    }

    /// The first byte in `b[from..to]` (`to` ≤ `b.len()`) that is in the set.
    #[inline]
    fn first_in(&self, b: &[u8], from: usize, to: usize) -> Option<usize> {
        let mut i = from;
        while i + 8 <= to {
            let Some(Ok(word)) = b.get(i..i + 8).map(<[u8; 8]>::try_from) else {
                break;
            };
            let m = self.candidates(u64::from_le_bytes(word));
            if m == 0 {
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
            if self.stop[usize::from(b[i])] {
                return Some(i);
            }
            i += 1;
        }
        while i < to {
            if self.stop[usize::from(*b.get(i)?)] {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The first char at or after byte `from` (a char boundary) whose first
    /// byte is in the set, with its offset, scanning the whole rest of
    /// `text`: the reference [`Scan`] is tested against (rules scan a
    /// [`Document`](crate::document::Document) with [`Leads::scan`]).
    #[cfg(test)]
    pub fn next(&self, text: &str, from: usize) -> Option<(usize, char)> {
        let i = self.first_in(text.as_bytes(), from, text.len())?;
        Some((i, text.get(i..)?.chars().next()?))
    }

    /// Every char of `text` whose first byte is in the set, with its offset.
    #[cfg(test)]
    pub fn iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, char)> + 't {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (at, c) = self.next(text, from)?;
            from = at + c.len_utf8();
            Some((at, c))
        })
    }

    /// A cursor over the chars of `text` in the set that looks only inside
    /// `runs` (the text's [`Runs`]), so the Han text between is never read.
    pub fn scan<'t>(&'t self, text: &'t str, runs: &'t Runs) -> Scan<'t> {
        Scan {
            set: self,
            text,
            runs: &runs.0,
            rows: &runs.1,
            paired_rows: &runs.2,
            k: 0,
            last: 0,
            word: usize::MAX,
            mask: 0,
            paired: false,
        }
    }
}

/// The runs of chars outside the main CJK block of a text: byte ranges of
/// the maximal runs of chars whose first byte is not `0xE4`–`0xE9` (ASCII,
/// digits, punctuation, symbols, other scripts), each with a summary of
/// the first bytes in it. Found in one pass per check; a Chinese report
/// has a few thousand short runs per 100 KB, so the format rules, which
/// look only at such chars, walk them (skipping every run without a byte
/// of their set) instead of reading the whole text each.
///
/// The summaries are also kept transposed: per 64 runs, per summary bit
/// (the 64 [`Run::kinds`] bits, then the 64 [`Run::exact`] bits), which of
/// those runs have it. A [`Scan`] ORs the rows of its set's bits and visits
/// only the runs marked there, instead of testing every run. One more row
/// per 64 runs marks those of two chars or more (see [`Scan::paired`]).
#[derive(Debug, Default)]
pub struct Runs(Vec<Run>, Vec<[u64; 128]>, Vec<u64>);

#[derive(Debug, Clone, Copy)]
struct Run {
    start: u32,
    end: u32,
    /// Bit `b % 64` set for the first byte `b` of each char in the run.
    kinds: u64,
    /// Bit [`exact_bit`] set for each char of more than one byte in the
    /// run (a 64-bit Bloom filter of its punctuation and symbols).
    exact: u64,
}

/// The summary bit of a first byte (see [`Run::kinds`]).
pub(crate) const fn kind_bit(b: u8) -> u64 {
    1 << (b & 63)
}

/// The summary bit of a char's code point (see [`Run::exact`]): a
/// multiplicative hash, which spreads the common marks of one block
/// (`，。、；：（）《》“”`) over different bits.
const fn exact_bit(cp: u32) -> u64 {
    1 << (cp.wrapping_mul(0x9E37_79B1) >> 26)
}

/// The length of the UTF-8 sequence a byte starts (1 for a stray
/// continuation byte, which a `str` never starts a char with).
const fn utf8_len(x: u8) -> usize {
    match x {
        0..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The code point of the `len`-byte char at `b[i]` (a valid sequence;
/// bytes past the end read as 0x80).
const fn decode_at(b: &[u8], i: usize, len: usize) -> u32 {
    let mut cp = (b[i] as u32) & (0x7F >> len);
    let mut k = 1;
    while k < len {
        let x = if i + k < b.len() { b[i + k] } else { 0x80 };
        cp = (cp << 6) | (x as u32 & 0x3F);
        k += 1;
    }
    cp
}

impl Runs {
    pub fn of(text: &str) -> Runs {
        let b = text.as_bytes();
        let mut runs = Vec::new();
        let mut i = 0;
        let offset = |x: usize| u32::try_from(x.min(b.len())).unwrap_or(u32::MAX);
        while let Some(&x) = b.get(i) {
            // A Han char in the main block is three bytes (U+4000–U+9FFF).
            if (0xE4..=0xE9).contains(&x) {
                i += 3;
                continue;
            }
            let start = i;
            let mut kinds = 0;
            let mut exact = 0;
            while let Some(&x) = b.get(i) {
                if (0xE4..=0xE9).contains(&x) {
                    break;
                }
                let len = utf8_len(x);
                if len > 1 {
                    exact |= exact_bit(decode_at(b, i, len));
                }
                i += len;
                kinds |= kind_bit(x);
            }
            runs.push(Run {
                start: offset(start),
                end: offset(i),
                kinds,
                exact,
            });
        }
        let mut rows = vec![[0u64; 128]; runs.len().div_ceil(64)];
        let mut paired = vec![0u64; rows.len()];
        for (k, r) in runs.iter().enumerate() {
            let (Some(rows), Some(paired)) = (rows.get_mut(k / 64), paired.get_mut(k / 64)) else {
                break;
            };
            let (start, end) = (r.start as usize, r.end as usize);
            if b.get(start).is_some_and(|&x| end - start > utf8_len(x)) {
                *paired |= 1 << (k % 64);
            }
            for (base, mut bits) in [(0, r.kinds), (64, r.exact)] {
                while bits != 0 {
                    rows[base + bits.trailing_zeros() as usize] |= 1 << (k % 64);
                    bits &= bits - 1;
                }
            }
        }
        Runs(runs, rows, paired)
    }

    /// The runs that end after byte `from`, in order: each one's byte range
    /// and the [`kind_bit`]s of the first bytes of its chars. Between two
    /// runs (and before the first) there are only chars led by `0xE4`–`0xE9`.
    pub fn after(&self, from: usize) -> impl Iterator<Item = (usize, usize, u64)> + '_ {
        let k = self.0.partition_point(|r| r.end as usize <= from);
        self.0[k..]
            .iter()
            .map(|r| (r.start as usize, r.end as usize, r.kinds))
    }

    /// The byte ranges of the runs that may hold a char of `set` (those a
    /// [`Scan`] looks inside), in order.
    pub fn holding<'r>(&'r self, set: &'r Leads) -> Holding<'r> {
        Holding {
            runs: self,
            set,
            w: 0,
            mask: 0,
        }
    }
}

/// The runs that may hold a char of a set: see [`Runs::holding`].
pub struct Holding<'r> {
    runs: &'r Runs,
    set: &'r Leads,
    /// The next 64 runs to look at, and those left of the last 64.
    w: usize,
    mask: u64,
}

impl Iterator for Holding<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        while self.mask == 0 {
            self.mask = self.set.mask(self.runs.1.get(self.w)?);
            self.w += 1;
        }
        let j = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        let r = self.runs.0.get((self.w - 1) * 64 + j)?;
        Some(Span::new(r.start as usize, r.end as usize))
    }
}

/// Walks the chars in a [`Leads`] set, run by run; see [`Leads::scan`].
pub struct Scan<'t> {
    set: &'t Leads,
    text: &'t str,
    runs: &'t [Run],
    rows: &'t [[u64; 128]],
    paired_rows: &'t [u64],
    /// The first run that may hold a char at or after `last`.
    k: usize,
    last: usize,
    /// The runs `64 * word ..` that may hold a char of the set (bit `j`:
    /// run `64 * word + j`), from `rows`.
    word: usize,
    mask: u64,
    /// Skip the runs of a single char (see [`Scan::paired`]).
    paired: bool,
}

impl<'t> Scan<'t> {
    /// The same scan, but only over the runs of two chars or more: for a
    /// rule that looks for a char next to another char outside the main
    /// CJK block (a doubled mark: most marks stand alone between Han text).
    pub fn paired(self) -> Self {
        Scan {
            paired: true,
            ..self
        }
    }

    /// The first char at or after byte `from` whose first byte is in the
    /// set, with its offset. Cheapest when `from` only grows.
    pub fn next_from(&mut self, from: usize) -> Option<(usize, char)> {
        if from < self.last {
            self.k = self.runs.partition_point(|r| r.end as usize <= from);
        }
        self.last = from;
        let b = self.text.as_bytes();
        let mut k = self.k;
        loop {
            let w = k / 64;
            if w != self.word {
                let Some(rows) = self.rows.get(w) else { break };
                self.mask = self.set.mask(rows);
                if self.paired {
                    self.mask &= self.paired_rows.get(w).copied().unwrap_or(0);
                }
                self.word = w;
            }
            let later = self.mask >> (k % 64);
            if later == 0 {
                k = (w + 1) * 64;
                continue;
            }
            k += later.trailing_zeros() as usize;
            let Some(r) = self.runs.get(k) else { break };
            if r.end as usize > from {
                let e = (r.end as usize).min(b.len());
                let mut s = (r.start as usize).max(from);
                while let Some(i) = self.set.first_in(b, s, e) {
                    let c = self.text.get(i..)?.chars().next()?;
                    if self.set.wants(c) {
                        self.k = k;
                        return Some((i, c));
                    }
                    s = i + c.len_utf8();
                }
            }
            k += 1;
        }
        self.k = k;
        None
    }

    /// Every char in the set inside `span`, in order.
    pub fn within(&mut self, span: Span) -> impl Iterator<Item = (usize, char)> + use<'_, 't> {
        let mut from = span.start;
        std::iter::from_fn(move || {
            let (at, c) = self.next_from(from).filter(|&(at, _)| at < span.end)?;
            from = at + c.len_utf8();
            Some((at, c))
        })
    }
}

impl Iterator for Scan<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        let (at, c) = self.next_from(self.last)?;
        self.last = at + c.len_utf8();
        Some((at, c))
    }
}

/// The end of the run of chars satisfying `f` that starts at byte `at`.
pub fn run_end(text: &str, at: usize, f: impl Fn(char) -> bool) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.find(|c| !f(c)).unwrap_or(rest.len())
}

/// The start of the run of chars satisfying `f` that ends at byte `at`.
pub fn run_start(text: &str, at: usize, f: impl Fn(char) -> bool) -> usize {
    let head = text.get(..at).unwrap_or("");
    head.char_indices()
        .rev()
        .take_while(|&(_, c)| f(c))
        .last()
        .map_or(at, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted() {
        let l = "甲“唱响 红歌”乙《A《B》C》丙“未闭";
        let r = quoted_ranges(l);
        assert_eq!(r.len(), 2);
        assert_eq!(&l[r[0].0..r[0].1], "唱响 红歌");
        assert_eq!(&l[r[1].0..r[1].1], "A《B》C");
        assert!(inside(&r, l.find(' ').unwrap()));
        assert!(!inside(&r, 0));
    }

    #[test]
    fn han_class_is_is_han() {
        let re = regex::Regex::new(&format!("^{HAN}$")).unwrap();
        let edges = [
            0x3006, 0x3007, 0x3008, 0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000,
            0xF8FF, 0xF900, 0xFAFF, 0xFB00, 0x1FFFF, 0x20000, 0x2FA1F, 0x2FA20, 0x2FFFF, 0x30000,
            0x3134F, 0x31350,
        ];
        for c in edges
            .into_iter()
            .chain((0x3000..0xA100).step_by(7))
            .filter_map(char::from_u32)
        {
            assert_eq!(re.is_match(c.encode_utf8(&mut [0; 4])), is_han(c), "{c:?}");
        }
    }

    #[test]
    fn keyed_keeps_the_last_few_values() {
        let keyed: Keyed<String, String> = Keyed::default();
        let builds = std::cell::Cell::new(0);
        let get = |data: &str| {
            keyed.get(
                |k| k == data,
                || data.to_string(),
                || {
                    builds.set(builds.get() + 1);
                    data.to_uppercase()
                },
            )
        };
        // Alternating between as many data as are kept builds each once.
        for _ in 0..3 {
            for d in ["a", "b", "c", "d"].iter().take(KEYED_KEPT) {
                assert_eq!(*get(d), d.to_uppercase());
            }
        }
        assert_eq!(builds.get(), KEYED_KEPT);
        // One more evicts the least recently used ("a"), never a stale value.
        assert_eq!(*get("e"), "E");
        assert_eq!(builds.get(), KEYED_KEPT + 1);
        assert_eq!(*get("d"), "D");
        assert_eq!(builds.get(), KEYED_KEPT + 1);
        assert_eq!(*get("a"), "A");
        assert_eq!(builds.get(), KEYED_KEPT + 2);
    }

    #[test]
    fn classes() {
        assert!(is_han('教'));
        assert!(is_han('𠀀'));
        assert!(is_han('〇'));
        assert!(!is_han('a'));
        assert!(!is_han('，'));
        assert!(is_cjk_punct('，'));
        assert!(!is_cjk_punct(','));
        assert!(is_chinese('《'));
    }

    #[test]
    fn phrases() {
        let p = Phrases::new(&["教育", "义务教育", ""]);
        assert_eq!(p.find("推进义务教育均衡"), Some(Span::new(6, 18)));
        assert_eq!(p.count("义务教育和学前教育"), 3);
        // A phrase that starts before the limit may end after it.
        assert_eq!(p.find_before("推进义务教育", 7), Some(Span::new(6, 18)));
        assert_eq!(p.find_before("推进义务教育", 6), None);
        assert_eq!(p.find_before("推进了教育", 9), None);
        assert!(!Phrases::new::<&str>(&[]).is_match("教育"));
        assert!(!Phrases::new(&[""]).is_match("教育"));
        let t = Tagged::new([(1, "教育"), (2, ""), (3, "义务教育")]);
        let got: Vec<_> = t
            .matches("义务教育")
            .map(|(tag, s)| (tag, s.start))
            .collect();
        assert_eq!(got, [(3, 0), (1, 6)]);
    }

    /// The phrase index against the obvious definition, on every string of up
    /// to four characters over an alphabet that makes overlaps, shared heads,
    /// repeated phrases and mixed byte lengths.
    /// Every occurrence of every word in `t` as (end, start, word index), sorted.
    fn naive_matches(words: &[&str], t: &str) -> Vec<(usize, usize, usize)> {
        let mut naive = Vec::new();
        for (i, w) in words.iter().enumerate() {
            for (at, _) in t.char_indices() {
                if t[at..].starts_with(w) {
                    naive.push((at + w.len(), at, i));
                }
            }
        }
        naive.sort();
        naive
    }

    /// Every string of up to `n` pieces of `alphabet`, the empty one included.
    fn all_strings(alphabet: &[&str], n: usize) -> Vec<String> {
        let mut texts = vec![String::new()];
        for _ in 0..n {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts
    }

    #[test]
    fn phrase_set_matches_naive_search() {
        let words = ["a", "ab", "教", "教育", "育", "x教", "ab", "𠀀", "é"];
        let p = Phrases::new(&words);
        let alphabet = ["a", "b", "教", "育", "x", "𠀀", "é"];
        let texts = all_strings(&alphabet, 4);
        for t in &texts {
            let naive = naive_matches(&words, t);
            let got: Vec<(usize, usize)> = p.starts(t).map(|s| (s.end, s.start)).collect();
            let want: Vec<(usize, usize)> = naive.iter().map(|&(e, s, _)| (e, s)).collect();
            assert_eq!(got, want, "{t}");
            assert_eq!(p.count(t), naive.len(), "{t}");
            let first = naive
                .iter()
                .map(|&(e, s, _)| (s, std::cmp::Reverse(e)))
                .min();
            assert_eq!(p.find(t), first.map(|(s, e)| Span::new(s, e.0)), "{t}");
        }
    }

    /// [`Tagged`] against the obvious definition, with words of four bytes
    /// or more and with shorter ones.
    #[test]
    fn tagged_matches_naive_search() {
        let long = ["教育", "义务教育", "教育", "育教", "abcb", "bcab", "𠀀教"];
        let short = ["教育", "义务教育", "育", "a", "abc"];
        let alphabet = ["a", "b", "c", "教", "育", "义务", "𠀀"];
        let texts = all_strings(&alphabet, 5);
        for words in [&long[..], &short[..]] {
            let tagged = Tagged::new(words.iter().enumerate().map(|(i, w)| (i, *w)));
            for t in &texts {
                let naive = naive_matches(words, t);
                let got: Vec<_> = tagged
                    .matches(t)
                    .map(|(i, s)| (s.end, s.start, i))
                    .collect();
                assert_eq!(got, naive, "{t}");
            }
        }
    }

    #[test]
    fn last_chars_of() {
        assert_eq!(last_chars("详见县教育局网站", 4), "育局网站");
        assert_eq!(last_chars("网站", 8), "网站");
        assert_eq!(last_chars("网站", 0), "");
        assert_eq!(last_chars("", 3), "");
    }

    #[test]
    fn neighbours() {
        let t = "教 ,育";
        let comma = t.find(',').unwrap();
        assert_eq!(char_before(t, comma), Some(' '));
        assert_eq!(prev_non_space(t, comma), Some('教'));
        assert_eq!(next_non_space(t, comma + 1), Some('育'));
        assert_eq!(char_at(t, t.len()), None);
        assert_eq!(char_before(t, 0), None);
    }

    #[test]
    fn leads_and_runs() {
        static SET: Leads = Leads::new(&[b',', 0xE3]);
        let t = "甲,乙、丙。a";
        let hits: Vec<(usize, char)> = SET.iter(t).collect();
        assert_eq!(hits, [(3, ','), (7, '、'), (13, '。')]);
        assert_eq!(SET.next(t, 8), Some((13, '。')));
        assert_eq!(SET.next("", 0), None);
        // Long texts (the word-at-a-time part), every kind of byte.
        static ALL: Leads = Leads::new(&[b'x', 0xC2, 0xC3, 0xE2, 0xE3, 0xEF]);
        static TWO: Leads = Leads::new(b"x?");
        static DIGITS: Leads = Leads::new(b"0123456789");
        static MANY: Leads = Leads::new(b"x?,;");
        let t = "教育教育教育x教育·教育×教育“教育、教育，教育教育?教育12教育教;,育a";
        for (set, chars) in [
            (&ALL, "x·×“、，"),
            (&TWO, "x?"),
            (&DIGITS, "0123456789"),
            (&MANY, "x?,;"),
        ] {
            let want: Vec<(usize, char)> = t
                .char_indices()
                .filter(|(_, c)| chars.contains(*c))
                .collect();
            assert_eq!(set.iter(t).collect::<Vec<_>>(), want, "{chars}");
            for cut in 0..t.len() {
                if t.is_char_boundary(cut) {
                    let want = want.iter().find(|&&(i, _)| i >= cut).copied();
                    assert_eq!(set.next(t, cut), want);
                }
            }
        }
        // The run index gives the same hits, from any start, and inside spans.
        let texts = [
            t.to_string(),
            format!("{t}\r\nabcdefghijklmnop教育{t}𠀀x😀，"),
            "x".repeat(40) + "教" + &"?".repeat(17),
            String::new(),
            "教育".into(),
        ];
        for t in &texts {
            let runs = Runs::of(t);
            for (set, _) in [(&ALL, ""), (&TWO, ""), (&DIGITS, ""), (&MANY, "")] {
                let want: Vec<(usize, char)> = set.iter(t).collect();
                assert_eq!(set.scan(t, &runs).collect::<Vec<_>>(), want, "{t}");
                let mut scan = set.scan(t, &runs);
                for cut in (0..=t.len()).rev().chain(0..=t.len()) {
                    if t.is_char_boundary(cut) {
                        assert_eq!(scan.next_from(cut), set.next(t, cut), "{t} {cut}");
                    }
                }
                let span = Span::new(t.len() / 3, t.len() * 2 / 3);
                if t.is_char_boundary(span.start) && t.is_char_boundary(span.end) {
                    let inside: Vec<_> = want
                        .iter()
                        .filter(|h| (span.start..span.end).contains(&h.0))
                        .copied()
                        .collect();
                    assert_eq!(set.scan(t, &runs).within(span).collect::<Vec<_>>(), inside);
                    let mut scan = set.scan(t, &runs);
                    let whole = Span::new(0, t.len());
                    assert_eq!(scan.within(span).count(), inside.len());
                    assert_eq!(scan.within(whole).collect::<Vec<_>>(), want);
                }
            }
        }
        // Sets of exact chars: only those chars, from any start, in any text.
        static COMMA: Leads = Leads::chars("、");
        static MARKS: Leads = Leads::chars("（）()《》“”…—．-");
        static MIXED: Leads = Leads::chars("0１x·×、，");
        let mut texts = texts.to_vec();
        texts.push("《甲》、“乙”。丙（一）——…．-，、".repeat(3));
        texts.push(
            "、。〔〕《》「」『』【】，；：？！（）"
                .chars()
                .rev()
                .collect(),
        );
        for t in &texts {
            let runs = Runs::of(t);
            for (set, chars) in [
                (&COMMA, "、"),
                (&MARKS, "（）()《》“”…—．-"),
                (&MIXED, "0１x·×、，"),
            ] {
                let want: Vec<(usize, char)> = t
                    .char_indices()
                    .filter(|(_, c)| chars.contains(*c))
                    .collect();
                assert_eq!(set.scan(t, &runs).collect::<Vec<_>>(), want, "{t} {chars}");
                let mut scan = set.scan(t, &runs);
                for cut in (0..=t.len()).rev().chain(0..=t.len()) {
                    if t.is_char_boundary(cut) {
                        let next = want.iter().find(|&&(i, _)| i >= cut).copied();
                        assert_eq!(scan.next_from(cut), next, "{t} {chars} {cut}");
                    }
                }
            }
        }
        assert_eq!(run_end("12３x", 0, |c| c.is_numeric()), 5);
        assert_eq!(run_start("x12３", 6, |c| c.is_numeric()), 1);
        assert_eq!(run_start("x", 1, |c| c.is_numeric()), 1);
    }
}

#[cfg(test)]
pub(crate) mod review {
    use super::*;

    /// Random texts of odd chars: 4-byte ones, 2-byte ones, U+4DC0–U+4DFF
    /// (lead byte 0xE4 but not Han), NUL and controls, lone `\r`, CRLF.
    pub(crate) fn odd_texts(count: usize, max: usize) -> Vec<String> {
        let alphabet = [
            "a", "h", "w", ",", ":", "|", "\0", "\x07", "\r", "\n", "\r\n", "é", "·", "×", "教",
            "育", "䷀", "䷿", "㐀", "𠀀", "😀", "，", "。", "、", "；", "（", "）", "“", "…",
            "\u{3000}", "\u{2028}", "\u{85}", "\u{9fff}", "\u{e000}", "０",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as usize
        };
        (0..count)
            .map(|_| {
                let n = next() % max;
                (0..n).map(|_| alphabet[next() % alphabet.len()]).collect()
            })
            .collect()
    }

    #[test]
    fn scans_as_naive_on_odd_texts() {
        static A: Leads = Leads::chars("、，。；,|");
        static B: Leads = Leads::chars("·×…“");
        static C: Leads = Leads::new(&[b',', b'|', 0xC2, 0xE3, 0xEF]);
        static D: Leads = Leads::ranges(&[
            ('\0', '\u{8}'),
            (',', ','),
            ('\u{7F}', '\u{9F}'),
            ('\u{2026}', '\u{2028}'),
            ('\u{3001}', '\u{3001}'),
            ('\u{FF0C}', '\u{FF10}'),
        ]);
        let sets: [(&Leads, &dyn Fn(char) -> bool); 4] = [
            (
                &D,
                &|c| matches!(c, '\0'..='\u{8}' | ',' | '\u{7F}'..='\u{9F}' | '\u{2026}'..='\u{2028}' | '、' | '，'..='０'),
            ),
            (&A, &|c| "、，。；,|".contains(c)),
            (&B, &|c| "·×…“".contains(c)),
            (&C, &|c| {
                let mut b = [0; 4];
                matches!(
                    c.encode_utf8(&mut b).as_bytes()[0],
                    b',' | b'|' | 0xC2 | 0xE3 | 0xEF
                )
            }),
        ];
        // Long texts too: thousands of runs, many words of rows.
        let long: Vec<String> = (0..3).map(|_| odd_texts(300, 90).concat()).collect();
        for t in odd_texts(3000, 90).into_iter().chain(long) {
            let runs = Runs::of(&t);
            for (set, want) in &sets {
                let want: Vec<(usize, char)> = t.char_indices().filter(|&(_, c)| want(c)).collect();
                let got: Vec<(usize, char)> =
                    set.scan(&t, &runs).within(Span::new(0, t.len())).collect();
                assert_eq!(got, want, "{t:?}");
                // The runs that may hold a hit: by their summaries, read
                // from the transposed rows.
                let holding: Vec<Span> = runs.holding(set).collect();
                let by_summary: Vec<Span> = runs
                    .0
                    .iter()
                    .filter(|r| r.kinds & set.kinds | r.exact & set.exact != 0)
                    .map(|r| Span::new(r.start as usize, r.end as usize))
                    .collect();
                assert_eq!(holding, by_summary, "{t:?}");
                assert!(want
                    .iter()
                    .all(|&(i, _)| holding.iter().any(|r| (r.start..r.end).contains(&i))));
                // Only the runs of two chars or more: a hit with a neighbour
                // outside the main CJK block.
                let outside =
                    |c: Option<char>| c.is_some_and(|c| !('\u{4000}'..='\u{9FFF}').contains(&c));
                let paired: Vec<(usize, char)> = want
                    .iter()
                    .filter(|&&(i, c)| {
                        outside(t[..i].chars().next_back())
                            || outside(t[i + c.len_utf8()..].chars().next())
                    })
                    .copied()
                    .collect();
                let got: Vec<(usize, char)> = set.scan(&t, &runs).paired().collect();
                assert_eq!(got, paired, "{t:?}");
                // Jumps forward and now and then back, as the rules make them.
                let mut scan = set.scan(&t, &runs);
                let mut from = 0;
                for step in 0..40 {
                    let at = (from + step * 7 % 11).min(t.len());
                    let at = match step % 9 {
                        8 => at / 2,
                        4 => at.saturating_sub(3),
                        _ => at,
                    };
                    let Some(at) = (at..=t.len()).find(|&i| t.is_char_boundary(i)) else {
                        break;
                    };
                    let next = want.iter().find(|&&(i, _)| i >= at).copied();
                    assert_eq!(scan.next_from(at), next, "{t:?} {at}");
                    from = next.map_or(at, |(i, c)| i + c.len_utf8());
                }
            }
        }
    }
}
