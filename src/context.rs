//! What every rule reads: the document index and the profile, built once per check.

use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::sync::{Arc, LazyLock};

use crate::document::Document;
use crate::finding::Span;
use crate::mentions::{self, Mentions};
use crate::outline::Outline;
use crate::profile::{IndicatorTag, Profile};
use crate::residue;
pub use crate::residue::Residue;
use crate::text::{Keyed, Tagged};
use crate::topic::{self, Fit, PartCounts};
use crate::words::literals::{self, Literals};
use crate::words::{Cursor, Hit as WordHit, WordList};

#[cfg(feature = "docx")]
pub use crate::docx::Docx;
/// Built without the `docx` feature there is no .docx to read:
/// [`Context::docx`] is always `None`.
#[cfg(not(feature = "docx"))]
#[derive(Debug)]
pub enum Docx {}

/// Everything parsed from the text once per check. Rules only read it.
pub struct Context<'a> {
    pub doc: Document<'a>,
    pub outline: Outline,
    /// How each part of `outline.parts` fits the profile.
    pub fits: Vec<Fit>,
    /// Which lines are web-page residue (download-site headers, portal
    /// footers…), read once; rules stay quiet on lines that will be deleted.
    pub residue: Residue,
    pub profile: &'a Profile,
    /// Every occurrence of the profile's indicator phrases, from the shared search.
    indicator_matches: Vec<(IndicatorTag, Span)>,
    /// Where the profile's indicator areas are mentioned, per report part;
    /// built on first use.
    mentions: OnceCell<Vec<Mentions>>,
    /// The rules' word lists the search was given (see [`crate::words`]).
    word_lists: &'a [&'static WordList],
    /// Every word of `word_lists` in the text: (start, list, index there),
    /// by start, the longest first at one start.
    pub(crate) word_hits: Vec<WordHit>,
    /// The .docx the text was read from, when it was: what the `layout/…`
    /// rules read (they stay quiet on plain text).
    pub docx: Option<&'a Docx>,
    /// Values derived from the context that several rules read, one per
    /// type (see [`Context::derived`]).
    derived: RefCell<Vec<Rc<dyn Any>>>,
}

/// What a word of the shared search belongs to.
#[derive(Debug, Clone, Copy)]
enum Hit {
    Residue(residue::Kind),
    Indicator(IndicatorTag),
    /// A word of the profile's topic, tagged as [`TopicSpec::index`] tags it
    /// (0 a keyword, 1 a subject, 2 another subject).
    ///
    /// [`TopicSpec::index`]: crate::profile::TopicSpec::index
    Topic(u8),
    /// Word `.1` of the rules' list number `.0` (see [`crate::words`]).
    Word(u32, u32),
}

/// Every fixed word a check looks for, in one search with skips: the
/// web-residue phrases, the profile's indicator phrases, its topic's words
/// (see [`topic::shared_words`]) and the rules' word lists; rebuilt only
/// when the profile's words or the lists change.
struct Shared {
    words: Literals,
    /// Per word of `words`.
    tags: Vec<Hit>,
    /// The indicator phrases when one is shorter than four bytes (a
    /// profile's, not Chinese), and so not in `words`: searched apart.
    indicators: Option<Tagged<IndicatorTag>>,
}

/// The data [`Shared`] is built from besides the residue phrases: the
/// profile's indicator words (keywords and claims of each area) and, when
/// they are searched with the rest, its topic's three lists; the rules'
/// word lists (told apart by address).
type SharedKey = (bool, Vec<Vec<String>>, Vec<&'static WordList>);

fn shared(profile: &Profile, word_lists: &[&'static WordList]) -> Arc<Shared> {
    static SHARED: LazyLock<Keyed<SharedKey, Shared>> = LazyLock::new(Keyed::default);
    let topic = topic::shared_words(profile);
    let indicators = profile.indicators.iter();
    let lists: Vec<&[String]> = (indicators.flat_map(|a| [&a.keywords[..], &a.claims[..]]))
        .chain(topic.into_iter().flatten())
        .collect();
    let is_key = |k: &SharedKey| {
        k.0 == topic.is_some()
            && k.1.len() == lists.len()
            && k.1.iter().zip(&lists).all(|(a, b)| a == b)
            && k.2.len() == word_lists.len()
            && k.2.iter().zip(word_lists).all(|(a, b)| a.is(b))
    };
    let key = || {
        let profile = lists.iter().map(|l| l.to_vec()).collect();
        (topic.is_some(), profile, word_lists.to_vec())
    };
    SHARED.get(is_key, key, || {
        let mut items: Vec<(Hit, &str)> = residue::phrases()
            .map(|(k, p)| (Hit::Residue(k), p))
            .collect();
        let mut indicators: Vec<(IndicatorTag, &str)> = Vec::new();
        for (i, a) in profile.indicators.iter().enumerate() {
            for (claim, words) in [(false, &a.keywords), (true, &a.claims)] {
                indicators.extend(words.iter().map(|w| ((i, claim), w.as_str())));
            }
        }
        let apart = (indicators.iter()).any(|w| !w.1.is_empty() && w.1.len() < literals::MIN_LEN);
        if !apart {
            items.extend(indicators.iter().map(|&(t, w)| (Hit::Indicator(t), w)));
        }
        for (tag, words) in (0u8..).zip(topic.into_iter().flatten()) {
            items.extend(words.iter().map(|w| (Hit::Topic(tag), w.as_str())));
        }
        for (l, list) in (0u32..).zip(word_lists) {
            let words = (0u32..).zip(list.words());
            items.extend(words.map(|(j, w)| (Hit::Word(l, j), w.as_str())));
        }
        Shared {
            words: Literals::new(items.iter().map(|w| w.1)),
            tags: items.iter().map(|w| w.0).collect(),
            indicators: apart.then(|| Tagged::new(indicators)),
        }
    })
}

/// What the shared search finds in a text.
struct Found {
    /// The residue and indicator words, each in the order they end
    /// (then longest first), as [`Tagged::matches`] gives them.
    residue: Vec<(residue::Kind, Span)>,
    indicators: Vec<(IndicatorTag, Span)>,
    /// The topic's words, counted per part.
    topic: PartCounts,
    /// The rules' words: (start, list, index there), by start, the longest
    /// first at one start.
    words: Vec<WordHit>,
}

/// One pass over the text for every fixed word of the check; the topic's
/// words are counted in the parts of `topic`.
fn search(
    text: &str,
    profile: &Profile,
    word_lists: &[&'static WordList],
    topic: PartCounts,
) -> Found {
    let shared = shared(profile, word_lists);
    let mut found = Found {
        residue: Vec::new(),
        indicators: Vec::new(),
        topic,
        words: Vec::new(),
    };
    // Each hit into its own list as it is found: a list of them all first
    // would hold 24 bytes a hit beside these (a text of short lines of
    // common words has a few a line).
    shared.words.each(text, |span, i| match shared.tags.get(i) {
        Some(&Hit::Word(list, j)) => found.words.push((span.start, list, j)),
        Some(&Hit::Residue(kind)) => found.residue.push((kind, span)),
        Some(&Hit::Indicator(tag)) => found.indicators.push((tag, span)),
        Some(&Hit::Topic(tag)) => found.topic.add(tag, span),
        None => {}
    });
    // Found by start, the longest first at one start, then by index; wanted
    // in the order they end, then start, then index. Hits on one span come
    // by index, which a stable sort keeps; an indicator's tag grows with
    // its index (the words are listed tag by tag), so those sort in place,
    // with no scratch. The standard sort, not crate::sort: thousands of hits
    // in a long report, the one hot sort of a check (its own copy of the
    // sort costs the wasm about 2 KB gzip; crate::sort's indirect compare
    // cost ~2% of a check).
    found.residue.sort_by_key(|h| (h.1.end, h.1.start));
    found
        .indicators
        .sort_unstable_by_key(|h| (h.1.end, h.1.start, h.0));
    if let Some(apart) = &shared.indicators {
        found.indicators = apart.matches(text).collect();
    }
    found
}

impl<'a> Context<'a> {
    /// The context of `text` under `profile`, with no rule's word list
    /// searched in advance (see [`Context::with_words`]).
    pub fn new(text: &'a str, profile: &'a Profile) -> Self {
        Context::with_words(text, profile, &[])
    }

    /// The context of `text` under `profile`, with every word of
    /// `word_lists` found in the same pass as the check's own words (the
    /// check gives it every rule's lists, `rules::word_lists`); a rule
    /// walks its own with [`Context::words`].
    pub fn with_words(
        text: &'a str,
        profile: &'a Profile,
        word_lists: &'a [&'static WordList],
    ) -> Self {
        let doc = Document::new(text);
        let outline = Outline::new(&doc);
        let found = search(text, profile, word_lists, PartCounts::new(&doc, &outline));
        let topic = topic::shared_words(profile).map(|_| &found.topic);
        let fits = topic::fits_from(&doc, &outline, profile, topic);
        let residue = Residue::from_matches(&doc, found.residue);
        Context {
            doc,
            outline,
            fits,
            residue,
            profile,
            indicator_matches: found.indicators,
            mentions: OnceCell::new(),
            word_lists,
            word_hits: found.words,
            docx: None,
            derived: RefCell::new(Vec::new()),
        }
    }

    /// The words of `list` in the text, leftmost first (see
    /// [`crate::words`]): from the check's one search when the context was
    /// given the list, else from a search of its own.
    pub fn words(&self, list: &WordList) -> Cursor<'_> {
        match (0u32..).zip(self.word_lists).find(|(_, l)| l.is(list)) {
            Some((l, _)) => Cursor::new(&self.word_hits, l),
            None => Cursor::alone(self.doc.text, list),
        }
    }

    /// A value several rules derive from the context in the same way (the
    /// structure rules share one reading of the report's parts): computed
    /// by `compute` for the first rule that asks, kept for the others. One
    /// value per type `T`, so `compute` must be the same for every caller.
    pub fn derived<T: Any>(&self, compute: impl FnOnce(&Self) -> T) -> Rc<T> {
        let kept = (self.derived.borrow().iter()).find_map(|v| Rc::clone(v).downcast::<T>().ok());
        if let Some(v) = kept {
            return v;
        }
        let v = Rc::new(compute(self));
        self.derived.borrow_mut().push(Rc::clone(&v) as Rc<dyn Any>);
        v
    }

    /// Where each indicator area is mentioned, per part that fits the
    /// profile as a report (see [`crate::mentions`]); one pass, on first use.
    pub fn mentions(&self) -> &[Mentions] {
        self.mentions.get_or_init(|| {
            mentions::find(
                &self.doc,
                &self.outline,
                &self.fits,
                self.profile,
                &self.indicator_matches,
            )
        })
    }
}

/// The whole text as one part, with no word counted.
#[cfg(test)]
fn whole(text: &str) -> PartCounts {
    let doc = Document::new(text);
    let outline = Outline {
        parts: vec![crate::outline::Part {
            lines: 0..doc.lines().len(),
            separator: None,
        }],
        ..Outline::default()
    };
    PartCounts::new(&doc, &outline)
}

/// The topic's words in the whole text, counted by its own search.
#[cfg(test)]
fn topic_counts(topic: &crate::profile::TopicSpec, text: &str) -> PartCounts {
    let mut counts = whole(text);
    for (tag, span) in topic.index().matches(text) {
        counts.add(tag, span);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The topic's words found by the shared search give the fits the
    /// topic's own search gives.
    #[test]
    fn fits_from_the_shared_search() {
        let p = Profile::default();
        assert!(topic::shared_words(&p).is_some());
        let body = "我县坚持教育优先发展，全县中小学校办学条件持续改善。".repeat(3);
        let texts = [
            body.repeat(10),
            format!("汇编\n报告篇一\n{body}\n报告篇二\n{}", body.repeat(20)),
            "我校坚持立德树人，学校教师和学生积极参与校园活动，我县教育。".repeat(40),
            "我县全面落实粮食安全党政同责，耕地保护任务圆满完成。".repeat(40),
        ];
        for text in &texts {
            let cx = Context::new(text, &p);
            assert_eq!(cx.fits, topic::fits(&cx.doc, &cx.outline, &p));
        }
    }

    /// Each list gets from the shared search what a search of its own
    /// words gives, in the same order.
    #[test]
    fn shared_search_as_each_list_alone() {
        let base = Profile::default();
        let mut short = base.clone();
        short.indicators[0].keywords.push("ab".to_string());
        let mut texts = crate::test_texts::fixture_texts();
        texts.push("ab公务员ab教育我县我校。小编:点击数:".repeat(3));
        static A: WordList = WordList::new(|| {
            let words = ["教育", "教育工作", "我县", "ab公务员", "", "县"];
            words.map(String::from).to_vec()
        });
        static B: WordList = WordList::new(|| {
            let words = ["工作", "公务员", "点击数", "教育", "学校"];
            words.map(String::from).to_vec()
        });
        static LISTS: [&WordList; 2] = [&A, &B];
        for p in [&base, &short] {
            let indicators: Vec<(IndicatorTag, &str)> = p
                .indicators
                .iter()
                .enumerate()
                .flat_map(|(i, a)| {
                    let keywords = a.keywords.iter().map(move |w| ((i, false), w.as_str()));
                    keywords.chain(a.claims.iter().map(move |w| ((i, true), w.as_str())))
                })
                .collect();
            let indicators = Tagged::new(indicators);
            let residue = Tagged::new(residue::phrases());
            let topic = p.topic.as_ref().expect("topic");
            for text in &texts {
                let found = search(text, p, &LISTS, whole(text));
                let want: Vec<_> = residue.matches(text).collect();
                assert_eq!(found.residue, want);
                let want: Vec<_> = indicators.matches(text).collect();
                assert_eq!(found.indicators, want);
                assert_eq!(found.topic, topic_counts(topic, text));
                assert_eq!(found.words, crate::words::hits_alone(text, &LISTS));
                let cx = Context::with_words(text, p, &LISTS);
                for list in LISTS {
                    let (mut shared, mut alone) = (cx.words(list), Cursor::alone(text, list));
                    for from in (0..=text.len()).step_by(7) {
                        assert_eq!(shared.find_from(from), alone.find_from(from));
                    }
                }
            }
        }
    }

    /// A derived value is computed once per context and type.
    #[test]
    fn derived_once_per_type() {
        let p = Profile::default();
        let cx = Context::new("一、基本情况", &p);
        let calls = std::cell::Cell::new(0);
        let a = cx.derived(|_| {
            calls.set(calls.get() + 1);
            7u32
        });
        let b = cx.derived(|_| -> u32 { unreachable!("kept") });
        let c = cx.derived(|cx| cx.doc.text.len());
        assert_eq!((*a, *b, *c, calls.get()), (7, 7, "一、基本情况".len(), 1));
    }

    #[test]
    fn shared_search_follows_the_indicators() {
        let count = |p: &Profile, text: &str| search(text, p, &[], whole(text)).indicators.len();
        let base = Profile::default();
        assert!(count(&base, "公务员") > 0);
        let mut one = base.indicators[0].clone();
        one.keywords = vec!["甲乙".to_string()];
        one.claims = Vec::new();
        let changed = Profile {
            indicators: vec![one],
            ..base.clone()
        };
        // The shared search is rebuilt for the changed indicators, and again for the base.
        assert_eq!(count(&changed, "公务员"), 0);
        assert_eq!(count(&changed, "甲乙"), 1);
        assert!(count(&base, "公务员") > 0);
    }
}

#[cfg(test)]
mod review {
    use super::*;

    /// Custom profiles with empty, one-byte and one-char words: the shared
    /// search gives what each list's own search gives.
    #[test]
    fn shared_search_with_odd_profiles() {
        let edits: [&dyn Fn(&mut Profile); 6] = [
            &|p| p.indicators[0].keywords.push(String::new()),
            &|p| p.indicators[0].claims.push("a".into()),
            &|p| p.indicators[1].keywords.push("县".into()),
            &|p| {
                p.topic
                    .as_mut()
                    .expect("topic")
                    .keywords
                    .push(String::new())
            },
            &|p| p.topic.as_mut().expect("topic").subjects.push("校".into()),
            &|p| {
                let t = p.topic.as_mut().expect("topic");
                t.keywords = vec!["教育".into(), "教育发展".into(), "a教".into()];
                t.other_subjects.clear();
            },
        ];
        let mut texts = crate::text::review::odd_texts(300, 40);
        texts.push("我县a教育发展全县我校学校，县校a".repeat(3));
        texts.push("教育".into());
        for edit in edits {
            let mut p = Profile::default();
            edit(&mut p);
            let indicators: Vec<(IndicatorTag, &str)> = (p.indicators.iter().enumerate())
                .flat_map(|(i, a)| {
                    let keywords = a.keywords.iter().map(move |w| ((i, false), w.as_str()));
                    keywords.chain(a.claims.iter().map(move |w| ((i, true), w.as_str())))
                })
                .collect();
            let indicators = Tagged::new(indicators);
            let topic = p.topic.as_ref().expect("topic");
            for text in &texts {
                let found = search(text, &p, &[], whole(text));
                let want: Vec<_> = indicators.matches(text).collect();
                assert_eq!(found.indicators, want, "{text:?}");
                if topic::shared_words(&p).is_some() {
                    assert_eq!(found.topic, topic_counts(topic, text), "{text:?}");
                }
                // The whole check does not panic.
                let cx = Context::new(text, &p);
                let _ = cx.mentions();
            }
        }
    }

    #[test]
    fn residue_phrases_are_searched() {
        for (_, p) in residue::phrases() {
            assert!(p.len() >= literals::MIN_LEN, "{p}");
        }
    }
}
