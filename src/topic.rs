//! What each part of the text is: a report the profile applies to, a
//! fragment, or something else pasted in. Decided once per check, so the
//! structure rules do not raise a storm of "missing section" findings on a
//! food-security report or a one-paragraph excerpt.

use crate::document::Document;
use crate::outline::{Outline, Part};
use crate::profile::{Profile, TopicSpec};

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
    let topic = profile.topic.as_ref();
    outline
        .parts
        .iter()
        .map(|part| fit(doc, part, outline.parts.len() > 1, topic))
        .collect()
}

fn fit(doc: &Document, part: &Part, compiled: bool, topic: Option<&TopicSpec>) -> Fit {
    let lines = &doc.lines()[part.lines.clone()];
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return Fit::TooShort;
    };
    let text = doc.text.get(first.start..last.end).unwrap_or("");
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
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
    // Keywords, our subjects and other subjects, counted in one pass.
    let mut counts = [0usize; 3];
    for (tag, _) in topic.index().matches(text) {
        counts[usize::from(tag)] += 1;
    }
    let [hits, ours, theirs] = counts;
    if hits * 10_000 < topic.min_per_10k * chars {
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
}
