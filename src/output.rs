//! The boundary view of a report: spans in UTF-16 code units (what JS strings
//! use), with 1-based line and column. Shared by the wasm API and the CLI's
//! JSON so both print exactly the same object.

use serde::Serialize;

use crate::document::split_lines;
use crate::finding::{Finding, Span};
use crate::{Report, Summary};

/// One finding as JS sees it.
#[derive(Debug, Serialize)]
pub struct JsFinding<'a> {
    pub rule: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    /// UTF-16 offset of the first code unit.
    pub start: usize,
    /// UTF-16 offset one past the last code unit.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in UTF-16 code units.
    pub column: usize,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<JsOccurrence<'a>>,
}

/// One place of a grouped finding.
#[derive(Debug, Serialize)]
pub struct JsOccurrence<'a> {
    pub start: usize,
    pub end: usize,
    pub suggestion: Option<&'a str>,
}

/// `{findings, summary}` as returned by `check()` in JS.
#[derive(Debug, Serialize)]
pub struct JsReport<'a> {
    pub findings: Vec<JsFinding<'a>>,
    pub summary: Summary,
}

/// Converts a report on `text` to its boundary view. All offsets are
/// translated in one sorted sweep over the text (not a scan per finding).
pub fn js_report<'a>(text: &str, report: &'a Report) -> JsReport<'a> {
    let view = JsView::new(text, report);
    JsReport {
        findings: report.findings.iter().map(|f| view.finding(f)).collect(),
        summary: report.summary(),
    }
}

/// What turns the findings of one report into their boundary view, one at a
/// time (so a caller can convert a huge report in pieces).
pub struct JsView {
    doc_lines: Vec<usize>,
    map: Utf16Map,
}

impl JsView {
    /// Reads every offset the report's findings need in one sweep over `text`.
    pub fn new(text: &str, report: &Report) -> Self {
        let doc_lines = line_starts(text);
        let mut wanted: Vec<usize> = Vec::new();
        for f in &report.findings {
            wanted.extend([
                f.span.start,
                f.span.end,
                doc_lines[line_index(&doc_lines, f.span.start)],
            ]);
            for o in &f.occurrences {
                wanted.extend([o.span.start, o.span.end]);
            }
        }
        let map = Utf16Map::new(text, wanted);
        JsView { doc_lines, map }
    }

    /// The boundary view of `f`, one of the findings of the report given to [`JsView::new`].
    pub fn finding<'a>(&self, f: &'a Finding) -> JsFinding<'a> {
        let line = line_index(&self.doc_lines, f.span.start);
        let start = self.map.get(f.span.start);
        JsFinding {
            rule: f.rule,
            category: f.category.as_str(),
            severity: f.severity.as_str(),
            start,
            end: self.map.get(f.span.end),
            line: line + 1,
            column: start - self.map.get(self.doc_lines[line]) + 1,
            message: &f.message,
            suggestion: f.suggestion.as_deref(),
            occurrences: f
                .occurrences
                .iter()
                .map(|o| JsOccurrence {
                    start: self.map.get(o.span.start),
                    end: self.map.get(o.span.end),
                    suggestion: o.suggestion.as_deref(),
                })
                .collect(),
        }
    }
}

/// The 0-based line holding byte `at`, given the lines' start offsets
/// (never empty: the first line starts at 0).
fn line_index(doc_lines: &[usize], at: usize) -> usize {
    doc_lines.partition_point(|&s| s <= at).max(1) - 1
}

/// Byte offsets where lines start, by the same line breaks as [`crate::document::Document`].
fn line_starts(text: &str) -> Vec<usize> {
    split_lines(text).iter().map(|l: &Span| l.start).collect()
}

/// Byte offset → UTF-16 offset for a known set of byte offsets, built in one
/// pass over the text.
pub struct Utf16Map {
    /// Sorted, deduplicated (byte, utf16) pairs.
    pairs: Vec<(usize, usize)>,
}

impl Utf16Map {
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Self {
        crate::text::sort_by_key(&mut offsets, |&o| o);
        offsets.dedup();
        let mut pairs = Vec::with_capacity(offsets.len());
        let mut wanted = offsets.into_iter().peekable();
        let mut units = 0;
        for (byte, c) in text.char_indices() {
            while let Some(&w) = wanted.peek() {
                if w > byte {
                    break;
                }
                // An offset inside a char (never made by the core) maps to the char's start.
                pairs.push((w, units));
                wanted.next();
            }
            if wanted.peek().is_none() {
                break;
            }
            units += c.len_utf16();
        }
        for w in wanted {
            pairs.push((w, units));
        }
        Utf16Map { pairs }
    }

    /// The UTF-16 offset of a byte offset given to [`Utf16Map::new`].
    pub fn get(&self, byte: usize) -> usize {
        match self.pairs.binary_search_by_key(&byte, |p| p.0) {
            Ok(i) => self.pairs[i].1,
            Err(i) => i.checked_sub(1).map_or(0, |j| self.pairs[j].1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets() {
        let t = "a𠀀教😀b";
        let map = Utf16Map::new(t, vec![0, 1, 5, 8, 12, 13]);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(1), 1);
        assert_eq!(map.get(5), 3);
        assert_eq!(map.get(8), 4);
        assert_eq!(map.get(12), 6);
        assert_eq!(map.get(13), 7);
        assert_eq!(t.encode_utf16().count(), 7);
    }

    #[test]
    fn empty_text() {
        let map = Utf16Map::new("", vec![0]);
        assert_eq!(map.get(0), 0);
    }
}
