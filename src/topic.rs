//! What each part of the text is: a report the profile applies to, a
//! fragment, or something else pasted in. Decided once per check, so the
//! structure rules do not raise a storm of "missing section" findings on a
//! food-security report or a one-paragraph excerpt.

use crate::document::{Document, Lines};
use crate::finding::Span;
use crate::outline::{Outline, Part};
use crate::profile::{Profile, SectionKind, SectionSpec, TopicSpec};
use crate::words::literals::MIN_LEN;

/// How a part fits the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fit {
    /// A report of the profile's type: check its structure.
    Report,
    /// Too short to have a structure (still being typed, or an excerpt).
    TooShort,
    /// One of several parts of a compilation, but only an excerpt.
    Fragment,
    /// Not a report of this type; the reason, in Chinese.
    OffTopic(String),
}

/// Below this many characters a text is not judged for structure.
const MIN_CHARS: usize = 200;
/// A part of a compilation shorter than this is an excerpt.
const MIN_PART_CHARS: usize = 800;

/// The fit of every part, in the order of `outline.parts`.
pub fn fits(doc: &Document, outline: &Outline, profile: &Profile) -> Vec<Fit> {
    fits_from(doc, outline, profile, None)
}

/// The topic's keywords, subjects and other subjects, when every word is
/// four bytes or longer (as Chinese words of two characters or more are): [`crate::Context`] then
/// finds them in its one search of fixed words, and gives them to
/// [`fits_from`].
pub fn shared_words(profile: &Profile) -> Option<[&[String]; 3]> {
    let topic = profile.topic.as_ref()?;
    let lists = [&topic.keywords[..], &topic.subjects, &topic.other_subjects];
    let short = |w: &String| !w.is_empty() && w.len() < MIN_LEN;
    (!lists.iter().any(|l| l.iter().any(short))).then_some(lists)
}

/// How many words of [`shared_words`] lie inside each part of a text,
/// by tag as [`TopicSpec::index`] tags them (0 a keyword, 1 a subject, 2
/// another subject): what [`fits_from`] reads. Counted as the shared
/// search finds them, not kept (a text of short lines of common words has
/// millions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartCounts {
    /// Each part's span (first line's start to last line's end), in order.
    spans: Vec<Span>,
    counts: Vec<[usize; 3]>,
}

impl PartCounts {
    /// No word counted yet in any part of `outline`.
    pub fn new(doc: &Document, outline: &Outline) -> Self {
        let mut at = 0;
        let spans: Vec<Span> = (outline.parts.iter())
            .map(|part| {
                let lines = doc.lines().get_range(part.lines.clone());
                let span = lines
                    .and_then(|l| Some(Span::new(l.first()?.start, l.last()?.end)))
                    // A part without lines counts nothing.
                    .unwrap_or(Span::new(at, at));
                at = span.end;
                span
            })
            .collect();
        PartCounts {
            counts: vec![[0; 3]; spans.len()],
            spans,
        }
    }

    /// One word (`tag`) at `span`: counted in the part it lies inside, if any.
    pub fn add(&mut self, tag: u8, span: Span) {
        // Parts are in order and apart: the one holding it, if any, is the
        // last to start at or before it.
        let k = self.spans.partition_point(|p| p.start <= span.start);
        let Some(k) = k.checked_sub(1) else { return };
        if self.spans.get(k).is_some_and(|p| span.end <= p.end) {
            if let Some(n) = (self.counts.get_mut(k)).and_then(|c| c.get_mut(usize::from(tag))) {
                *n += 1;
            }
        }
    }

    /// The counts of part `k`.
    pub fn of(&self, k: usize) -> Option<[usize; 3]> {
        self.counts.get(k).copied()
    }
}

/// [`fits`], given (when `found` is `Some`) the count of the words of
/// [`shared_words`] in each part.
pub fn fits_from(
    doc: &Document,
    outline: &Outline,
    profile: &Profile,
    found: Option<&PartCounts>,
) -> Vec<Fit> {
    let topic = profile.topic.as_ref();
    let title = profile
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Title && !s.other_types.is_empty());
    (outline.parts.iter().enumerate())
        .map(|(k, part)| {
            let lines = doc
                .lines()
                .get_range(part.lines.clone())
                .unwrap_or_default();
            match title.and_then(|t| other_type(doc, lines.clone(), t)) {
                Some(kind) => Fit::OffTopic(format!("标题以“{kind}”结尾，是另一类公文")),
                None => {
                    let found = found.and_then(|f| f.of(k));
                    fit(doc, part, outline.parts.len() > 1, topic, found)
                }
            }
        })
        .collect()
}

/// Lines a title may run over (`国务院办公厅关于开展` / `…治理工作的通知`).
const TITLE_LINES: usize = 3;
/// A title is at most this many characters, over all its lines.
const TITLE_CHARS: usize = 80;

/// The kind of document the title names, when it is one of the title
/// section's `other_types`: the title's lines joined (up to
/// [`TITLE_LINES`]; it ends before an addressee or a sentence, a subtitle
/// `——…`, a heading `一、`, a 发文字号 or a long line), its end (a
/// bracketed tail and letter-spacing aside) one of them — unless the part
/// before a last `和`/`暨`/`及`/`与` ends in a report's name
/// (`…工作总结和2025年工作计划` is a summary as well).
fn other_type<'s>(doc: &Document, lines: Lines, title: &'s SectionSpec) -> Option<&'s str> {
    const SENTENCE_END: [char; 7] = ['。', '；', '：', ':', '，', '！', '？'];
    let mut joined = String::new();
    let lines = lines
        .iter()
        .map(|l| doc.slice(l).trim())
        .filter(|l| !l.is_empty());
    for (n, line) in lines.enumerate() {
        if n == 0 && line.ends_with(SENTENCE_END) {
            return None;
        }
        let ends_title = n >= TITLE_LINES
            || line.ends_with(SENTENCE_END)
            || line.starts_with(['—', '（', '('])
            || is_heading(line)
            || line.contains(['〔', '［', '['])
            || line.chars().nth(40).is_some();
        if n > 0 && ends_title {
            break;
        }
        joined.extend(line.chars().filter(|c| !c.is_whitespace()));
        if joined.chars().nth(TITLE_CHARS).is_some() {
            return None;
        }
    }
    // `…办法（试行）`, `…的通知》`.
    let mut end = joined.as_str();
    if end.ends_with('）') {
        end = end.rfind('（').map_or(end, |i| &end[..i]);
    }
    let end = end.trim_end_matches(['》', '”']);
    let kind = title
        .other_types
        .iter()
        .filter(|k| end.ends_with(k.as_str()))
        .max_by_key(|k| k.len())?;
    // Names inside 《》 are other documents, not this one's type.
    let outside: String = {
        let mut depth = 0usize;
        end.chars()
            .filter(|&c| {
                match c {
                    '《' => depth += 1,
                    '》' => depth = depth.saturating_sub(1),
                    _ => return depth == 0,
                }
                false
            })
            .collect()
    };
    let before = outside
        .rfind(['和', '暨', '及', '与'])
        .map_or("", |i| &outside[..i]);
    let names_a_report = ["总结", "报告", "汇报"].iter().any(|w| before.ends_with(w));
    (!names_a_report).then_some(kind.as_str())
}

/// `一、…`, `十二、…`: a first-level heading.
fn is_heading(line: &str) -> bool {
    let numeral = line.trim_start_matches(|c| "一二三四五六七八九十".contains(c));
    numeral.len() < line.len() && numeral.starts_with('、')
}

fn fit(
    doc: &Document,
    part: &Part,
    compiled: bool,
    topic: Option<&TopicSpec>,
    found: Option<[usize; 3]>,
) -> Fit {
    let lines = doc
        .lines()
        .get_range(part.lines.clone())
        .unwrap_or_default();
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return Fit::TooShort;
    };
    let text = doc.text.get(first.start..last.end).unwrap_or("");
    let chars = visible_chars_in(doc, Span::new(first.start, last.end));
    // A compilation's own header, before its first separator, is no report.
    if compiled && part.separator.is_none() {
        return Fit::TooShort;
    }
    if chars < MIN_CHARS {
        return if compiled {
            Fit::Fragment
        } else {
            Fit::TooShort
        };
    }
    if compiled && chars < MIN_PART_CHARS {
        return Fit::Fragment;
    }
    let Some(topic) = topic else {
        return Fit::Report;
    };
    let [hits, ours, theirs] = found.unwrap_or_else(|| counts(topic, text));
    if hits.saturating_mul(10_000) < topic.min_per_10k.saturating_mul(chars) {
        return Fit::OffTopic(format!(
            "与本报告类型相关的用语很少（{hits} 处，约每万字 {} 处）",
            hits * 10_000 / chars.max(1)
        ));
    }
    if theirs > ours {
        return Fit::OffTopic(format!(
            "行文主体多为“{}”等（{theirs} 处），而非“{}”等（{ours} 处）",
            topic.other_subjects.first().map_or("", String::as_str),
            topic.subjects.first().map_or("", String::as_str),
        ));
    }
    Fit::Report
}

/// The chars of a span of the document that are not whitespace
/// (`char::is_whitespace`), read only in its runs
/// (see [`Document::runs`]): every char between two runs is a visible
/// three-byte Han char.
fn visible_chars_in(doc: &Document, span: Span) -> usize {
    let (mut n, mut at) = (0, span.start);
    let b = doc.text.as_bytes();
    for (s, e, _) in doc.runs().after(span.start) {
        if s >= span.end {
            break;
        }
        let (s, e) = (s.max(span.start), e.min(span.end));
        n += (s - at) / 3;
        // Runs are short: byte by byte.
        for k in s..e {
            n += usize::from(b.get(k).is_some_and(|&x| x & 0xC0 != 0x80) && !space_at(b, k));
        }
        at = e;
    }
    n + span.end.saturating_sub(at) / 3
}

/// Whether a whitespace char starts at byte `k` of `b` (White_Space:
/// U+0009–000D, 0020, 0085, 00A0, 1680, 2000–200A, 2028, 2029, 202F,
/// 205F, 3000), by its bytes.
fn space_at(b: &[u8], k: usize) -> bool {
    let at = |d: usize| b.get(k + d).copied().unwrap_or(0);
    match at(0) {
        0x09..=0x0D | 0x20 => true,
        0xC2 => matches!(at(1), 0x85 | 0xA0),
        0xE1 => at(1) == 0x9A && at(2) == 0x80,
        0xE2 => matches!(
            (at(1), at(2)),
            (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
        ),
        0xE3 => at(1) == 0x80 && at(2) == 0x80,
        _ => false,
    }
}

/// Keyword hits (every occurrence of every keyword, overlapping ones
/// included), our subjects and the other subjects in `text`.
fn counts(topic: &TopicSpec, text: &str) -> [usize; 3] {
    let mut counts = [0usize; 3];
    for (tag, _) in topic.index().matches(text) {
        if let Some(n) = counts.get_mut(usize::from(tag)) {
            *n += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit_of(text: &str) -> Vec<Fit> {
        let doc = Document::new(text);
        let outline = Outline::new(&doc);
        fits(&doc, &outline, &Profile::default())
    }

    #[test]
    fn education_report_fits() {
        let text = "我县坚持教育优先发展，全县中小学校和幼儿园办学条件持续改善。".repeat(10);
        assert_eq!(fit_of(&text), [Fit::Report]);
    }

    #[test]
    fn other_topics_and_school_reports_do_not() {
        let grain = "我县全面落实粮食安全党政同责，耕地保护和粮食生产任务圆满完成。".repeat(10);
        assert!(matches!(fit_of(&grain)[0], Fit::OffTopic(_)));
        let school = "我校坚持立德树人，学校教师和学生积极参与校园活动。".repeat(10);
        assert!(matches!(fit_of(&school)[0], Fit::OffTopic(_)));
    }

    #[test]
    fn short_texts_and_excerpts() {
        assert_eq!(fit_of("一、主要工作"), [Fit::TooShort]);
        let body = "我县坚持教育优先发展，全县中小学校办学条件持续改善。".repeat(3);
        let compiled = format!("汇编\n报告篇一\n{body}\n报告篇二\n{}", body.repeat(20));
        assert_eq!(
            fit_of(&compiled),
            [Fit::TooShort, Fit::Fragment, Fit::Report]
        );
    }

    #[test]
    fn visible_chars_as_is_whitespace() {
        let pieces = [
            "教育", "a", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "é",
            "\u{1680}", "\u{2000}", "\u{200a}", "\u{200b}", "\u{2028}", "\u{2029}", "\u{202f}",
            "\u{205f}", "\u{3000}", "。", "、", "“", "😀", "\u{e1}", "ᚠ", "\u{0}",
        ];
        for text in crate::test_texts::pieced_texts(&pieces, 300, 40, 9) {
            let want = text.chars().filter(|c| !c.is_whitespace()).count();
            let doc = Document::new(&text);
            assert_eq!(
                visible_chars_in(&doc, Span::new(0, text.len())),
                want,
                "{text:?}"
            );
            for (a, b) in [(3, text.len()), (0, text.len().min(12) / 3 * 3)] {
                let span = Span::new(a.min(text.len()), b);
                let Some(part) = text.get(span.start..span.end) else {
                    continue;
                };
                let want = part.chars().filter(|c| !c.is_whitespace()).count();
                assert_eq!(visible_chars_in(&doc, span), want, "{text:?} {span:?}");
            }
        }
    }

    #[test]
    fn counts_as_the_phrase_index_does() {
        let p = Profile::default();
        let topic = p.topic.as_ref().expect("default profile has a topic");
        assert!(shared_words(&p).is_some());
        let text = "我县坚持教育优先发展，我校学校教师和学生，全县全县义务教育学前教育。".repeat(5);
        // Given every occurrence in the whole text, a part counts those inside it.
        let found: Vec<(u8, Span)> = topic.index().matches(&text).collect();
        for (start, _) in text.char_indices().step_by(7) {
            for (len, _) in text[start..].char_indices().step_by(5) {
                let span = Span::new(start, start + len);
                let part = &text[span.start..span.end];
                let mut want = [0usize; 3];
                for (tag, _) in topic.index().matches(part) {
                    want[usize::from(tag)] += 1;
                }
                assert_eq!(counts(topic, part), want);
                // The part between two others.
                let mut parts = PartCounts {
                    spans: vec![Span::new(0, start), span, Span::new(span.end, text.len())],
                    counts: vec![[0; 3]; 3],
                };
                found.iter().for_each(|&(tag, s)| parts.add(tag, s));
                assert_eq!(parts.of(1), Some(want), "{part}");
            }
        }
        // Short (non-Chinese) words: not in the shared search.
        let short = Profile::from_json(
            r#"{"topic": {"keywords": ["ab", "教育"], "min_per_10k": 1, "subjects": ["我县"]}}"#,
        )
        .expect("profile");
        assert!(shared_words(&short).is_none());
        let topic = short.topic.as_ref().expect("topic");
        assert_eq!(counts(topic, "ab教育我县ab"), [3, 1, 0]);
    }
}

#[cfg(test)]
mod review {
    use super::*;

    #[test]
    fn visible_chars_on_odd_texts() {
        for t in crate::text::review::odd_texts(2000, 60) {
            let doc = Document::new(&t);
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            for &a in bounds.iter().step_by(3) {
                for &b in bounds.iter().filter(|&&b| b >= a).step_by(4) {
                    let want = t[a..b].chars().filter(|c| !c.is_whitespace()).count();
                    assert_eq!(
                        visible_chars_in(&doc, Span::new(a, b)),
                        want,
                        "{t:?} {a} {b}"
                    );
                }
            }
        }
    }
}
