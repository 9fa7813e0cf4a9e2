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
    doc_lines: Vec<usize>,
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

impl JsFinding<'_> {
    /// Appends the finding as JSON, the same text `serde_json` writes for it
    /// (tested), without its per-byte escaping loop and number formatting:
    /// the wasm boundary writes every finding this way.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"rule\":");
        json_str(out, self.rule);
        out.extend_from_slice(b",\"category\":");
        json_str(out, self.category);
        out.extend_from_slice(b",\"severity\":");
        json_str(out, self.severity);
        json_uints(
            out,
            &[
                (b",\"start\":", self.start),
                (b",\"end\":", self.end),
                (b",\"line\":", self.line),
                (b",\"column\":", self.column),
            ],
        );
        out.extend_from_slice(b",\"message\":");
        json_str(out, self.message);
        out.extend_from_slice(b",\"suggestion\":");
        json_opt(out, self.suggestion);
        if !self.occurrences.is_empty() {
            out.extend_from_slice(b",\"occurrences\":[");
            for (i, o) in self.occurrences.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_uints(out, &[(b"{\"start\":", o.start), (b",\"end\":", o.end)]);
                out.extend_from_slice(b",\"suggestion\":");
                json_opt(out, o.suggestion);
                out.push(b'}');
            }
            out.push(b']');
        }
        out.push(b'}');
    }
}

fn json_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Each key (with the punctuation before it) and its number.
fn json_uints(out: &mut Vec<u8>, fields: &[(&[u8], usize)]) {
    for &(key, n) in fields {
        out.extend_from_slice(key);
        json_uint(out, n);
    }
}

fn json_uint(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// A JSON string as `serde_json` writes it: `"` `\\` and control chars
/// escaped, everything else (all non-ASCII) as is.
fn json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let mut done = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x08 => b'b',
            0x0C => b'f',
            0..=0x1F => 0,
            _ => continue,
        };
        out.extend_from_slice(&s.as_bytes()[done..i]);
        done = i + 1;
        if short == 0 {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 15)]);
        } else {
            out.push(b'\\');
            out.push(short);
        }
    }
    out.extend_from_slice(&s.as_bytes()[done..]);
    out.push(b'"');
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
    pub fn get(&self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        let k = b / BLOCK;
        let rest = self.text.as_bytes().get(k * BLOCK..b).map_or(0, units);
        self.before.get(k).copied().unwrap_or(0) + rest
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
            assert_eq!(map.get(byte), want, "{byte}");
        }
        // Inside a char: its start.
        assert_eq!(map.get(2), 1);
        assert_eq!(map.get(7), 3);
        assert_eq!(t.encode_utf16().count(), 7);
    }

    #[test]
    fn utf16_offsets_across_blocks() {
        let t = "教育a𠀀é😀\r\n".repeat(40);
        let map = Utf16Map::new(&t);
        for at in 0..=t.len() {
            if t.is_char_boundary(at) {
                assert_eq!(map.get(at), t[..at].encode_utf16().count(), "{at}");
            }
        }
    }

    #[test]
    fn json_as_serde_writes_it() {
        use crate::finding::{Category, Occurrence, Severity};
        let odd = "引号\"反斜杠\\换行\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}𠀀😀";
        let text = format!("{odd}{odd}");
        let finding = |message: &str, suggestion: Option<&str>, occurrences: usize| Finding {
            rule: "format/x",
            category: Category::Punctuation,
            severity: Severity::Warning,
            span: Span::new(3, 9),
            message: message.into(),
            suggestion: suggestion.map(|s| s.to_string().into()),
            occurrences: (0..occurrences)
                .map(|i| Occurrence {
                    span: Span::new(i * 3, i * 3 + 3),
                    suggestion: (i % 2 == 0).then(|| odd.to_string().into()),
                })
                .collect(),
        };
        let view = JsView::new(&text);
        for f in [
            finding(odd, Some(odd), 0),
            finding("", None, 0),
            finding("普通的消息。", Some(""), 3),
        ] {
            let js = view.finding(&f);
            let mut ours = Vec::new();
            js.write_json(&mut ours);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&js).unwrap()
            );
        }
        // Every finding of every fixture.
        for text in &crate::rules::test_util::fixture_texts() {
            let report = crate::check(text, &crate::profile::Profile::default());
            let view = JsView::new(text);
            for f in &report.findings {
                let js = view.finding(f);
                let mut ours = Vec::new();
                js.write_json(&mut ours);
                assert_eq!(ours, serde_json::to_vec(&js).unwrap());
            }
        }
        for n in [0, 7, 10, 99, 12345, usize::MAX] {
            let mut ours = Vec::new();
            json_uint(&mut ours, n);
            assert_eq!(ours, n.to_string().into_bytes());
        }
    }

    #[test]
    fn empty_text() {
        let map = Utf16Map::new("");
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(3), 0);
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
                assert_eq!(map.get(i), t[..i].encode_utf16().count(), "{t:?} {i}");
            }
        }
    }
}
