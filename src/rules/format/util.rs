//! Small helpers shared by the format rules (not rules themselves).

use crate::finding::{Finding, Occurrence, Span, MOST_PLACES};
use crate::pattern::Pattern;
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
        let mut occurrences = if occurrences.len() > 1 {
            occurrences
        } else {
            Vec::new()
        };
        let mut message = message.into();
        let mut unlisted = 0;
        if occurrences.len() > MOST_PLACES {
            unlisted = occurrences.len() - MOST_PLACES;
            occurrences.truncate(MOST_PLACES);
            occurrences.shrink_to_fit();
            message.push_str(&format!("（只标出了前 {MOST_PLACES} 处）"));
        }
        self.out.push(Finding {
            rule: self.meta.id,
            category: self.meta.category,
            severity: self.severity,
            span,
            message,
            suggestion,
            occurrences,
            unlisted,
            scope: Default::default(),
        });
    }
}

/// The match of `re` that covers `span` of `text`, looking no further than
/// `reach` chars either side of it: a bounded pattern tried where a scan
/// found its key mark, so the rule stays linear however long the line.
pub(crate) fn captures_around<'t>(
    re: &Pattern,
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
pub(crate) fn matches_around(re: &Pattern, text: &str, span: Span, reach: usize) -> bool {
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
        static RE: Pattern = Pattern::new("甲—乙", "—");
        let re = &RE;
        let text = "丙甲—乙丁甲—乙";
        let dash = |n: usize| {
            let at = text.match_indices('—').nth(n).unwrap().0;
            Span::new(at, at + '—'.len_utf8())
        };
        assert!(matches_around(re, text, dash(0), 1));
        assert!(matches_around(re, text, dash(1), 1));
        assert!(!matches_around(re, text, dash(0), 0));
        // A match elsewhere in the window does not cover the span.
        static OTHER: Pattern = Pattern::new("丁甲", "丁甲");
        assert!(!matches_around(&OTHER, text, dash(0), 9));
    }
}
