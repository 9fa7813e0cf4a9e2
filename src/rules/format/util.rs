//! Small helpers shared by the format rules (not rules themselves).

use crate::finding::{Finding, Occurrence, Span};
use crate::rules::Sink;

impl Sink<'_> {
    /// Reports one problem made of several places (e.g. the lines of a web
    /// page footer) as one finding at the first place, listing every place
    /// with its own fix, whatever the profile's `group_threshold`.
    pub fn emit_all(&mut self, occurrences: Vec<Occurrence>, message: impl Into<String>) {
        let Some(first) = occurrences.first() else {
            return;
        };
        let (span, suggestion) = (first.span, first.suggestion.clone());
        let occurrences = if occurrences.len() > 1 {
            occurrences
        } else {
            Vec::new()
        };
        self.out.push(Finding {
            rule: self.meta.id,
            category: self.meta.category,
            severity: self.severity,
            span,
            message: message.into(),
            suggestion,
            occurrences,
            scope: Default::default(),
        });
    }
}

/// Byte ranges (relative to `line`) strictly inside “…” quotes and 《…》
/// titles on one line, outermost pairs only. An unclosed mark opens no range.
pub(crate) fn quoted_ranges(line: &str) -> Vec<(usize, usize)> {
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
pub(crate) fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    let i = ranges.partition_point(|&(s, _)| s <= at);
    i > 0 && at < ranges[i - 1].1
}

/// The match of `re` that covers `span` of `text`, looking no further than
/// `reach` chars either side of it: a bounded pattern tried where a scan
/// found its key mark, so the rule stays linear however long the line.
pub(crate) fn captures_around<'t>(
    re: &regex::Regex,
    text: &'t str,
    span: Span,
    reach: usize,
) -> Option<regex::Captures<'t>> {
    let (from, to) = window(text, span, reach);
    re.captures_iter(&text[from..to]).find(|c| {
        let m = c.get(0).expect("group 0");
        from + m.start() <= span.start && span.end <= from + m.end()
    })
}

/// Whether a match of `re` covers `span` (see [`captures_around`]).
pub(crate) fn matches_around(re: &regex::Regex, text: &str, span: Span, reach: usize) -> bool {
    let (from, to) = window(text, span, reach);
    re.find_iter(&text[from..to])
        .any(|m| from + m.start() <= span.start && span.end <= from + m.end())
}

/// The byte range `reach` chars either side of `span`.
fn window(text: &str, span: Span, reach: usize) -> (usize, usize) {
    let from = text[..span.start]
        .char_indices()
        .rev()
        .take(reach)
        .last()
        .map_or(span.start, |(i, _)| i);
    let to = text[span.end..]
        .char_indices()
        .nth(reach)
        .map_or(text.len(), |(i, _)| span.end + i);
    (from, to)
}

/// Some char is an ASCII digit.
pub(crate) fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_around_a_span() {
        let re = regex::Regex::new("甲—乙").unwrap();
        let text = "丙甲—乙丁甲—乙";
        let dash = |n: usize| {
            let at = text.match_indices('—').nth(n).unwrap().0;
            Span::new(at, at + '—'.len_utf8())
        };
        assert!(matches_around(&re, text, dash(0), 1));
        assert!(matches_around(&re, text, dash(1), 1));
        assert!(!matches_around(&re, text, dash(0), 0));
        // A match elsewhere in the window does not cover the span.
        let re = regex::Regex::new("丁甲").unwrap();
        assert!(!matches_around(&re, text, dash(0), 9));
    }

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
}
