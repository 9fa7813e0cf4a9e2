//! The boundary view of a report: spans in UTF-16 code units (what JS strings
//! use), with 1-based line and column. Shared by the wasm API and the CLI's
//! JSON so both print exactly the same object (written by serde_json).

use serde::Serialize;

use crate::document::line_starts;
use crate::finding::{Finding, Occurrence, Scope};
use crate::{Report, Summary};

/// An offset in UTF-16 code units, what JS strings index by: only at the
/// boundary, and a type of its own, so it cannot be mixed with the core's
/// byte offsets ([`Span`]). Serialised as the bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Utf16(pub usize);

/// One finding as JS sees it.
#[derive(Debug, Serialize)]
pub struct JsFinding<'a> {
    pub rule: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    /// UTF-16 offset of the first code unit.
    pub start: Utf16,
    /// UTF-16 offset one past the last code unit.
    pub end: Utf16,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in UTF-16 code units.
    pub column: usize,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<JsOccurrence<'a>>,
    /// How many places a grouped finding stands for, only when that is more
    /// than `occurrences` lists (the first [`crate::finding::MOST_PLACES`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub places: Option<usize>,
    /// `"document"` for a note about the whole document; absent for a place.
    #[serde(skip_serializing_if = "Scope::is_place")]
    pub scope: Scope,
}

/// One place of a grouped finding.
#[derive(Debug, Serialize)]
pub struct JsOccurrence<'a> {
    pub start: Utf16,
    pub end: Utf16,
    pub suggestion: Option<&'a str>,
}

/// `{findings, summary}` as returned by `check()` in JS.
#[derive(Debug, Serialize)]
pub struct JsReport<'a> {
    pub findings: Vec<JsFinding<'a>>,
    pub summary: Summary,
}

/// Converts a report on `text` to its boundary view.
pub fn js_report<'a>(text: &str, report: &'a Report) -> JsReport<'a> {
    let view = JsView::new(text);
    JsReport {
        findings: report.findings.iter().map(|f| view.finding(f)).collect(),
        summary: report.summary(),
    }
}

/// What turns the findings of a report on one text into their boundary
/// view, one at a time (so a caller can convert a huge report in pieces).
pub struct JsView<'t> {
    doc_lines: Vec<u32>,
    map: Utf16Map<'t>,
}

impl<'t> JsView<'t> {
    /// Indexes the lines and UTF-16 offsets of `text`, one pass each.
    pub fn new(text: &'t str) -> Self {
        JsView {
            doc_lines: line_starts(text),
            map: Utf16Map::new(text),
        }
    }

    /// The boundary view of `f`, a finding on the text given to [`JsView::new`].
    pub fn finding<'a>(&self, f: &'a Finding) -> JsFinding<'a> {
        JsFinding {
            occurrences: f.occurrences.iter().map(|o| self.occurrence(o)).collect(),
            ..self.head(f)
        }
    }

    /// [`JsView::finding`] without its places (`occurrences` empty).
    fn head<'a>(&self, f: &'a Finding) -> JsFinding<'a> {
        let line = line_index(&self.doc_lines, f.span.start);
        let start = self.map.get(f.span.start);
        JsFinding {
            rule: f.rule,
            category: f.category.as_str(),
            severity: f.severity.as_str(),
            start,
            end: self.map.get(f.span.end),
            line: line + 1,
            column: start.0 - self.map.get(self.doc_lines[line] as usize).0 + 1,
            message: &f.message,
            suggestion: f.suggestion.as_deref(),
            occurrences: Vec::new(),
            places: (f.unlisted > 0).then(|| f.places()),
            scope: f.scope,
        }
    }

    /// The boundary view of one place of a grouped finding.
    pub fn occurrence<'a>(&self, o: &'a Occurrence) -> JsOccurrence<'a> {
        JsOccurrence {
            start: self.map.get(o.span.start),
            end: self.map.get(o.span.end),
            suggestion: o.suggestion.as_deref(),
        }
    }
}

/// The 0-based line holding byte `at`, given the lines' start offsets
/// (never empty: the first line starts at 0).
fn line_index(doc_lines: &[u32], at: usize) -> usize {
    doc_lines.partition_point(|&s| s as usize <= at).max(1) - 1
}

/// Bytes per block of [`Utf16Map`].
const BLOCK: usize = 64;

/// Byte offset → UTF-16 offset: the UTF-16 length of the text before every
/// [`BLOCK`]th byte, counted in one pass; a look-up counts the rest of its
/// block. Nothing is sorted, and any offset may be asked for.
pub struct Utf16Map<'t> {
    text: &'t str,
    /// UTF-16 units before byte `k * BLOCK`, for every block and the end.
    before: Vec<usize>,
}

impl<'t> Utf16Map<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut n = 0;
        let mut before = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut blocks = text.as_bytes().chunks_exact(BLOCK);
        for block in &mut blocks {
            before.push(n);
            n += <&[u8; BLOCK]>::try_from(block).map_or(0, block_units);
        }
        if !blocks.remainder().is_empty() {
            before.push(n);
            n += units(blocks.remainder());
        }
        before.push(n);
        Utf16Map { text, before }
    }

    /// The UTF-16 offset of byte offset `byte`; one inside a char (never
    /// made by the core) maps to the char's start, one past the end to the end.
    pub fn get(&self, byte: usize) -> Utf16 {
        let mut b = byte.min(self.text.len());
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        let k = b / BLOCK;
        let rest = self.text.as_bytes().get(k * BLOCK..b).map_or(0, units);
        Utf16(self.before.get(k).copied().unwrap_or(0) + rest)
    }

    /// The byte offset of UTF-16 offset `unit` (from JS): `None` past the
    /// end or between the two halves of a surrogate pair. A binary search
    /// with [`Utf16Map::get`], which never decreases.
    pub fn byte(&self, unit: usize) -> Option<usize> {
        let len = self.text.len();
        let mut lo = 0;
        let mut hi = len + 1;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).0 < unit {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // The first byte reaching `unit` is a char's start (a byte inside a
        // char maps where its start does).
        (lo <= len && self.get(lo).0 == unit).then_some(lo)
    }
}

/// [`units`] of one whole block: the continuation bytes summed per byte
/// over its eight words and counted with one multiply; four-byte chars
/// (rare) counted only in a block that has one.
fn block_units(block: &[u8; BLOCK]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    let (mut cont, mut astral) = (0u64, 0u64);
    for k in 0..BLOCK / 8 {
        let w = u64::from_le_bytes(block[8 * k..8 * k + 8].try_into().unwrap_or_default());
        cont += (w & !(w << 1)) >> 7 & LO;
        astral |= w & w << 1 & w << 2 & w << 3;
    }
    let mut n = BLOCK - (cont.wrapping_mul(LO) >> 56) as usize;
    if astral & (LO << 7) != 0 {
        n += block.iter().filter(|&&b| b >= 0xF0).count();
    }
    n
}

/// The UTF-16 code units of the chars that start in `bytes` (one per first
/// byte of a char, two for a four-byte char), eight bytes at a time.
fn units(bytes: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    let words = bytes.chunks_exact(8);
    let tail: usize = (words.remainder().iter())
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum();
    let whole: u64 = words
        .map(|w| {
            let w = u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default());
            // Per byte, 1 for each byte that is not a continuation (10xxxxxx),
            // one more for a four-byte lead (11110xxx); summed by a multiply.
            let cont = (w & !(w << 1)) >> 7 & LO;
            let astral = (w & w << 1 & w << 2 & w << 3) >> 7 & LO;
            (LO - cont + astral).wrapping_mul(LO) >> 56
        })
        .sum();
    whole as usize + tail
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Span;

    #[test]
    fn block_units_as_units() {
        let pieces = ["a", "教", "😀", "é", "\u{ffff}", "𠀀", "\n"];
        let mut seed = 3u64;
        for _ in 0..300 {
            let mut t = String::new();
            while t.len() < BLOCK {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let block = <&[u8; BLOCK]>::try_from(&t.as_bytes()[..BLOCK]).unwrap();
            assert_eq!(block_units(block), units(block), "{t:?}");
        }
    }

    #[test]
    fn utf16_offsets() {
        let t = "a𠀀教😀b";
        let map = Utf16Map::new(t);
        for (byte, want) in [(0, 0), (1, 1), (5, 3), (8, 4), (12, 6), (13, 7), (99, 7)] {
            assert_eq!(map.get(byte), Utf16(want), "{byte}");
        }
        // Inside a char: its start.
        assert_eq!(map.get(2), Utf16(1));
        assert_eq!(map.get(7), Utf16(3));
        assert_eq!(t.encode_utf16().count(), 7);
    }

    #[test]
    fn utf16_back_to_bytes() {
        let t = "教育a𠀀é😀\r\n".repeat(40);
        let map = Utf16Map::new(&t);
        let mut unit = 0;
        for (at, c) in t.char_indices() {
            assert_eq!(map.byte(unit), Some(at), "{unit}");
            if c.len_utf16() == 2 {
                // Between the halves of a pair: no byte offset.
                assert_eq!(map.byte(unit + 1), None, "{unit}");
            }
            unit += c.len_utf16();
        }
        assert_eq!(map.byte(unit), Some(t.len()));
        assert_eq!(map.byte(unit + 1), None);
        assert_eq!(Utf16Map::new("").byte(0), Some(0));
        assert_eq!(Utf16Map::new("").byte(1), None);
    }

    #[test]
    fn utf16_offsets_across_blocks() {
        let t = "教育a𠀀é😀\r\n".repeat(40);
        let map = Utf16Map::new(&t);
        for at in 0..=t.len() {
            if t.is_char_boundary(at) {
                assert_eq!(map.get(at).0, t[..at].encode_utf16().count(), "{at}");
            }
        }
    }

    /// The JSON shape JS consumers read: these field names in this order,
    /// `suggestion` always present (null when there is none), `occurrences`
    /// only for a grouped finding, offsets in UTF-16 units.
    #[test]
    fn json_shape() {
        use crate::finding::{Category, Occurrence, Severity};
        let text = "第一行\n𠀀引号\"换行";
        let finding = |occurrences: Vec<Occurrence>| Finding {
            rule: "format/x",
            category: Category::Punctuation,
            severity: Severity::Warning,
            span: Span::new(14, 17),
            message: "消息\"\\\n\u{1}".into(),
            suggestion: Some("“".into()),
            occurrences,
            unlisted: 0,
            scope: Default::default(),
        };
        let view = JsView::new(text);
        let json = |f: &Finding| serde_json::to_string(&view.finding(f)).unwrap();
        assert_eq!(
            json(&finding(Vec::new())),
            r#"{"rule":"format/x","category":"punctuation","severity":"warning","start":6,"end":7,"line":2,"column":3,"message":"消息\"\\\n\u0001","suggestion":"“"}"#
        );
        let grouped = finding(vec![
            Occurrence {
                span: Span::new(14, 17),
                suggestion: Some("“".into()),
            },
            Occurrence {
                span: Span::new(0, 3),
                suggestion: None,
            },
        ]);
        assert!(json(&grouped).ends_with(
            r#""suggestion":"“","occurrences":[{"start":6,"end":7,"suggestion":"“"},{"start":0,"end":1,"suggestion":null}]}"#
        ));
        // A grouped finding that lists only some of its places says how many in all.
        let mut capped = grouped.clone();
        capped.unlisted = 5;
        assert!(json(&capped).ends_with(r#""suggestion":null}],"places":7}"#));
        let mut none = finding(Vec::new());
        none.suggestion = None;
        assert!(json(&none).ends_with(r#""suggestion":null}"#));
        // A note about the whole document says so; a place says nothing.
        none.scope = Scope::Document;
        assert!(json(&none).ends_with(r#""suggestion":null,"scope":"document"}"#));
    }

    #[test]
    fn empty_text() {
        let map = Utf16Map::new("");
        assert_eq!(map.get(0), Utf16(0));
        assert_eq!(map.get(3), Utf16(0));
    }
}

#[cfg(test)]
mod review {
    use super::*;

    #[test]
    fn utf16_map_on_odd_texts() {
        let mut texts = crate::text::review::odd_texts(400, 200);
        texts.push("😀".repeat(40));
        texts.push("a".repeat(63) + "😀" + &"教".repeat(30));
        for t in &texts {
            let map = Utf16Map::new(t);
            for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(map.get(i).0, t[..i].encode_utf16().count(), "{t:?} {i}");
            }
        }
    }
}
