//! The checked text and its index: lines (paragraphs) and protected regions.
//!
//! Built once per check; rules read it and never re-scan for what is here.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Span;

/// The text being checked, split into lines once.
///
/// In these reports a paragraph is one line, so "paragraph" and "line" are the
/// same unit. Line breaks are `\n`, `\r\n` and a lone `\r`; a line's span
/// excludes its terminator.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    lines: Vec<Span>,
    urls: Vec<Span>,
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[hH][tT][tT][pP][sS]?://|[fF][tT][pP]://|[wW]{3}\.)[!-~]+").expect("URL regex")
});

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Self {
        Document {
            text,
            lines: split_lines(text),
            urls: find_urls(text),
        }
    }

    /// Every line's span, in order. An empty text has one empty line.
    pub fn lines(&self) -> &[Span] {
        &self.lines
    }

    /// The text of a span. Spans made by the core are on char boundaries.
    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The 0-based index of the line containing byte `at` (a terminator
    /// belongs to the line it ends).
    pub fn line_index(&self, at: usize) -> usize {
        self.lines
            .partition_point(|l| l.start <= at)
            .saturating_sub(1)
    }

    /// Whether byte `at` lies inside a URL (where ASCII punctuation is right).
    pub fn in_url(&self, at: usize) -> bool {
        let i = self.urls.partition_point(|u| u.end <= at);
        self.urls.get(i).is_some_and(|u| u.start <= at)
    }
}

/// Line spans by `\n`, `\r\n` and lone `\r`; an empty text has one empty line.
pub(crate) fn split_lines(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(Span::new(start, i));
                start = i + 1;
            }
            b'\r' => {
                lines.push(Span::new(start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(Span::new(start, text.len()));
    lines
}

fn find_urls(text: &str) -> Vec<Span> {
    URL.find_iter(text)
        .map(|m| {
            // Sentence punctuation right after a URL is not part of it.
            let url = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"']);
            Span::new(m.start(), m.start() + url.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_texts<'a>(d: &Document<'a>) -> Vec<&'a str> {
        d.lines().iter().map(|&l| d.slice(l)).collect()
    }

    #[test]
    fn splits_all_line_endings() {
        let d = Document::new("一\r\n二\n三\r四");
        assert_eq!(line_texts(&d), ["一", "二", "三", "四"]);
        assert_eq!(line_texts(&Document::new("")), [""]);
        assert_eq!(line_texts(&Document::new("甲\n")), ["甲", ""]);
    }

    #[test]
    fn line_index_of_offsets() {
        let d = Document::new("ab\r\ncd\nef");
        assert_eq!(d.line_index(0), 0);
        assert_eq!(d.line_index(2), 0); // the \r
        assert_eq!(d.line_index(4), 1);
        assert_eq!(d.line_index(7), 2);
        assert_eq!(d.line_index(9), 2);
    }

    #[test]
    fn urls_are_protected() {
        let t = "详见http://www.gov.cn/a.html?x=1,y=2。另见www.moe.gov.cn,谢谢";
        let d = Document::new(t);
        assert!(d.in_url(t.find("x=1,").unwrap() + 3));
        assert!(!d.in_url(t.find(",谢").unwrap()));
        assert!(!d.in_url(0));
    }
}
