//! Character classes and phrase search shared by the document index and the rules.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::finding::Span;

/// A set of phrases (from a profile or a table) searched in one pass.
#[derive(Clone)]
pub struct Phrases {
    /// Leftmost-longest, for finding where a phrase is.
    first: Option<AhoCorasick>,
    /// Standard semantics, for counting every occurrence of every phrase.
    all: Option<AhoCorasick>,
}

impl Phrases {
    /// Empty phrases are ignored; no phrases match nothing.
    pub fn new<S: AsRef<str>>(words: &[S]) -> Self {
        let words: Vec<&str> = words
            .iter()
            .map(AsRef::as_ref)
            .filter(|w| !w.is_empty())
            .collect();
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(kind)
                .build(&words)
                .ok()
                .filter(|_| !words.is_empty())
        };
        Phrases {
            first: build(MatchKind::LeftmostLongest),
            all: build(MatchKind::Standard),
        }
    }

    /// The leftmost (then longest) phrase in `text`, relative to it.
    pub fn find(&self, text: &str) -> Option<Span> {
        let m = self.first.as_ref()?.find(text)?;
        Some(Span::new(m.start(), m.end()))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// Every occurrence of every phrase, overlapping ones included (as the
    /// sum of `text.matches(phrase).count()` over the phrases).
    pub fn count(&self, text: &str) -> usize {
        self.all
            .as_ref()
            .map_or(0, |ac| ac.find_overlapping_iter(text).count())
    }

    /// Start offsets of every occurrence of every phrase, overlapping ones included.
    pub fn starts<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        self.all
            .iter()
            .flat_map(move |ac| ac.find_overlapping_iter(text))
            .map(|m| Span::new(m.start(), m.end()))
    }
}

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

/// Regex character class for Han ideographs, for use inside `[...]`.
pub const HAN_CLASS: &str =
    r"\x{3007}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{2FA1F}";

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

/// Phrases with a tag each (e.g. which indicator area a keyword belongs to),
/// searched together in one pass.
#[derive(Clone)]
pub struct Tagged<T> {
    ac: Option<AhoCorasick>,
    tags: Vec<T>,
}

impl<T: Copy> Tagged<T> {
    /// Empty phrases are ignored.
    pub fn new<'w>(items: impl IntoIterator<Item = (T, &'w str)>) -> Self {
        let (tags, words): (Vec<T>, Vec<&str>) =
            items.into_iter().filter(|(_, w)| !w.is_empty()).unzip();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .ok()
            .filter(|_| !words.is_empty());
        Tagged { ac, tags }
    }

    /// Every occurrence of every phrase (overlapping ones included), with its tag.
    pub fn matches<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (T, Span)> + 't {
        self.ac
            .iter()
            .flat_map(move |ac| ac.find_overlapping_iter(text))
            .filter_map(|m| {
                let tag = *self.tags.get(m.pattern().as_usize())?;
                Some((tag, Span::new(m.start(), m.end())))
            })
    }
}

/// A value built from data that may change (a public field others can set):
/// kept with the hash of the data it was built from, rebuilt when that
/// differs, so it is never stale. Clones share the built value.
pub struct Keyed<T>(Mutex<Option<(u64, Arc<T>)>>);

impl<T> Keyed<T> {
    /// The value for `data`, built by `build` unless the one kept was built
    /// from equal data.
    pub fn get<D: Hash + ?Sized>(&self, data: &D, build: impl FnOnce() -> T) -> Arc<T> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        data.hash(&mut h);
        let key = h.finish();
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match slot.as_ref() {
            Some((k, v)) if *k == key => Arc::clone(v),
            _ => {
                let v = Arc::new(build());
                *slot = Some((key, Arc::clone(&v)));
                v
            }
        }
    }
}

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Mutex::new(None))
    }
}

impl<T> Clone for Keyed<T> {
    fn clone(&self) -> Self {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        Keyed(Mutex::new(kept))
    }
}

impl<T> PartialEq for Keyed<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Keyed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keyed")
    }
}

/// A value computed on first use and kept with its owner (e.g. the phrase
/// automata of a profile's word lists). Clones carry it along; it takes no
/// part in equality, debugging output or serialisation.
#[derive(Clone)]
pub struct Cached<T>(OnceLock<T>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(OnceLock::new())
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!Phrases::new::<&str>(&[]).is_match("教育"));
        assert!(!Phrases::new(&[""]).is_match("教育"));
        let t = Tagged::new([(1, "教育"), (2, ""), (3, "义务教育")]);
        let got: Vec<_> = t
            .matches("义务教育")
            .map(|(tag, s)| (tag, s.start))
            .collect();
        assert_eq!(got, [(3, 0), (1, 6)]);
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
}
