//! Where each indicator area of the profile (`profile.indicators`) is written
//! about, per report part: one pass of the profile's indicator index over
//! every part the profile applies to. Built once per check, on first use
//! ([`crate::Context::mentions`]); `structure/indicator-figures` and
//! `structure/indicator-coverage` both read it.

use crate::document::Document;
use crate::finding::Span;
use crate::outline::Outline;
use crate::profile::{IndicatorTag, Profile};
use crate::topic::Fit;

/// The mentions of the indicator areas in one report part.
#[derive(Debug)]
pub struct Mentions {
    /// The part, in the document.
    pub span: Span,
    /// Start offsets (relative to the part) of its sentences, split after
    /// `。；;！？` and line ends; the first is 0.
    pub starts: Vec<usize>,
    /// Per area: sentences that mention a keyword or a claim, ascending, once each.
    pub about: Vec<Vec<usize>>,
    /// Per area: sentences that mention a keyword, ascending, once each.
    pub keyword: Vec<Vec<usize>>,
    /// Per area: claims (relative to the part), with their sentence.
    pub claims: Vec<Vec<(usize, Span)>>,
}

impl Mentions {
    /// Whether the part mentions the area at all.
    pub fn mentioned(&self, area: usize) -> bool {
        self.about.get(area).is_some_and(|a| !a.is_empty())
    }

    /// The text of sentence `i` of the part `text`.
    pub fn sentence<'t>(&self, text: &'t str, i: usize) -> &'t str {
        let start = self.starts.get(i).copied().unwrap_or(text.len());
        let end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        text.get(start..end).unwrap_or("")
    }
}

/// The mentions in every part that fits the profile as a report, from
/// every occurrence of the profile's indicator phrases in the whole text
/// (overlapping ones included, in the order they end: what
/// the shared phrase pass of `Context::new` gives).
pub fn find(
    doc: &Document,
    outline: &Outline,
    fits: &[Fit],
    profile: &Profile,
    matches: &[(IndicatorTag, Span)],
) -> Vec<Mentions> {
    let parts: Vec<Span> = outline
        .parts
        .iter()
        .zip(fits)
        .filter(|(_, fit)| **fit == Fit::Report)
        .filter_map(|(part, _)| {
            let lines = doc.lines().get_range(part.lines.clone())?;
            Some(Span::new(lines.first()?.start, lines.last()?.end))
        })
        .collect();
    if parts.is_empty() {
        return Vec::new();
    }
    let n = profile.indicators.len();
    parts
        .into_iter()
        .map(|span| {
            let starts = sentence_starts_in(doc, span);
            let mut m = Mentions {
                span,
                starts,
                about: vec![Vec::new(); n],
                keyword: vec![Vec::new(); n],
                claims: vec![Vec::new(); n],
            };
            // The occurrences inside the part, as a search of the part alone
            // finds them: those that end in it (`matches` is in the order
            // they end) and start in it.
            let from = matches.partition_point(|(_, s)| s.end <= span.start);
            let inside = matches[from..]
                .iter()
                .take_while(|(_, s)| s.end <= span.end)
                .filter(|(_, s)| s.start >= span.start)
                .map(|&(tag, s)| (tag, Span::new(s.start - span.start, s.end - span.start)));
            for ((area, is_claim), s) in inside {
                if area >= n {
                    continue;
                }
                let i = m
                    .starts
                    .partition_point(|&x| x <= s.start)
                    .saturating_sub(1);
                push_once(&mut m.about[area], i);
                if is_claim {
                    m.claims[area].push((i, s));
                } else {
                    push_once(&mut m.keyword[area], i);
                }
            }
            for list in m.about.iter_mut().chain(m.keyword.iter_mut()) {
                crate::sort::sort(list);
                list.dedup();
            }
            m
        })
        .collect()
}

fn push_once(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

/// Start offsets (relative to `span`) of the sentences of a span of the
/// document (split after `。；;！？` and line ends): every mark is outside
/// the main CJK block, so only the runs (see [`Document::runs`]) are read.
fn sentence_starts_in(doc: &Document, span: Span) -> Vec<usize> {
    let mut starts = vec![0];
    let b = doc.text.as_bytes();
    for (s, e, _) in doc.runs().after(span.start) {
        if s >= span.end {
            break;
        }
        let mut i = s.max(span.start);
        // Step a whole char at a time (a run starts at a char boundary).
        while i < e.min(span.end) {
            let Some(&x) = b.get(i) else { break };
            i += match x {
                b'\n' | b';' => {
                    starts.push(i + 1 - span.start);
                    1
                }
                // `。` E3 80 82; `；` EF BC 9B, `！` EF BC 81, `？` EF BC 9F
                0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => {
                    starts.push(i + 3 - span.start);
                    3
                }
                0xEF if matches!(b.get(i + 1..i + 3), Some([0xBC, 0x9B | 0x81 | 0x9F])) => {
                    starts.push(i + 3 - span.start);
                    3
                }
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let t = "甲。乙；丙;丁！戊？己\n庚";
        let old: Vec<usize> = std::iter::once(0)
            .chain(
                t.char_indices()
                    .filter(|&(_, c)| matches!(c, '。' | '；' | ';' | '！' | '？' | '\n'))
                    .map(|(i, c)| i + c.len_utf8()),
            )
            .collect();
        let starts = |t: &str| sentence_starts_in(&Document::new(t), Span::new(0, t.len()));
        assert_eq!(starts(t), old);
        assert_eq!(starts(""), [0]);
        let d = Document::new(t);
        let from = t.find('丙').unwrap_or(0);
        let part: Vec<usize> = old
            .iter()
            .filter(|&&i| i > from)
            .map(|i| i - from)
            .collect();
        let want: Vec<usize> = [0].into_iter().chain(part).collect();
        assert_eq!(sentence_starts_in(&d, Span::new(from, t.len())), want);
    }
}

#[cfg(test)]
mod review {
    use super::*;

    #[test]
    fn sentence_starts_on_odd_texts() {
        for t in crate::text::review::odd_texts(2000, 60) {
            let doc = Document::new(&t);
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            for &a in bounds.iter().step_by(3) {
                for &b in bounds.iter().filter(|&&b| b >= a).step_by(4) {
                    let part = &t[a..b];
                    let want: Vec<usize> = [0]
                        .into_iter()
                        .chain(
                            part.char_indices()
                                .filter(|&(_, c)| {
                                    matches!(c, '\n' | ';' | '。' | '；' | '！' | '？')
                                })
                                .map(|(i, c)| i + c.len_utf8()),
                        )
                        .collect();
                    assert_eq!(
                        sentence_starts_in(&doc, Span::new(a, b)),
                        want,
                        "{t:?} {a} {b}"
                    );
                }
            }
        }
    }
}
