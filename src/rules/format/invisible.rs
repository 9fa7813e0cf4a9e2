//! `format/invisible-char`: zero-width and control characters.
//!
//! **What it checks.** Characters that print as nothing but are there:
//! zero-width space/joiners (U+200B–U+200D, U+2060), the byte-order mark
//! U+FEFF, soft hyphen U+00AD, direction marks and overrides (U+200E/F,
//! U+202A–U+202E, U+2066–U+2069), and control characters other than tab and
//! line breaks (U+0000–U+001F, U+007F–U+009F). The fix deletes them.
//!
//! **Why it matters.** Pasted from Word or a web page, they break search,
//! word counts and comparison, and some systems show them as boxes.
//!
//! **Example.** `教育\u{200B}局` (a zero-width space pasted from a web page) → `教育局`.
//!
//! **Not flagged.** Tab, line feed, carriage return; ordinary spaces (see
//! `format/stray-space`).
//!
//! **Follows** GB/T 9704—2012 (the text is plain, legible characters) and
//! common practice for text submitted electronically.

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::Leads;

pub struct InvisibleChar;

static META: Meta = Meta {
    id: "format/invisible-char",
    category: Category::Encoding,
    severity: Severity::Warning,
    description: "看不见的零宽字符或控制字符",
};

#[cfg(test)]
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn name(c: char) -> String {
    match c {
        '\u{200B}' => "零宽空格".into(),
        '\u{FEFF}' => "字节顺序标记（BOM）".into(),
        '\u{AD}' => "软连字符".into(),
        c => format!("不可见字符 U+{:04X}", c as u32),
    }
}

/// Byte offsets of invisible characters: one pass over the bytes, decoding
/// only around the few lead bytes such characters can start with.
/// First bytes of the invisible chars: C0 controls but tab and line breaks,
/// DEL, `0xC2` (C1 controls, soft hyphen), `0xE2` (U+200B…), `0xEF` (BOM).
static FIRST: Leads = Leads::new(&[
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12,
    0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F, 0xC2, 0xE2,
    0xEF,
]);

fn find(doc: &Document) -> Vec<Span> {
    let b = doc.text.as_bytes();
    let mut out = Vec::new();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut from = 0;
    let mut scan = doc.scan(&FIRST);
    while let Some((i, c)) = scan.next_from(from) {
        from = i + c.len_utf8();
        let hit = match b[i] {
            0xC2 => matches!(at(i + 1), 0x80..=0x9F | 0xAD),
            0xE2 => {
                (at(i + 1) == 0x80 && matches!(at(i + 2), 0x8B..=0x8F | 0xAA..=0xAE))
                    || (at(i + 1) == 0x81 && matches!(at(i + 2), 0xA0 | 0xA6..=0xA9))
            }
            0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
            _ => true,
        };
        if hit {
            out.push(Span::new(i, from));
        }
    }
    out
}

impl Rule for InvisibleChar {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let found: Vec<Occurrence> = find(&cx.doc)
            .into_iter()
            .map(|span| Occurrence {
                span,
                suggestion: Some("".into()),
            })
            .collect();
        sink.emit_grouped(
            found,
            |o| {
                let c = text[o.span.start..o.span.end].chars().next().unwrap_or(' ');
                format!("这里有看不见的{}（多由复制粘贴带入），应删去。", name(c))
            },
            |n| format!("全文有 {n} 个看不见的零宽字符或控制字符，可一次全部删去。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{findings, run};

    #[test]
    fn fires_on_invisible_chars() {
        assert_eq!(
            run(&InvisibleChar, "\u{FEFF}加强\u{200B}党的领导\u{7}"),
            [
                ("\u{FEFF}".into(), Some(String::new())),
                ("\u{200B}".into(), Some(String::new())),
                ("\u{7}".into(), Some(String::new()))
            ]
        );
        let many = "甲\u{200B}".repeat(11);
        assert_eq!(findings(&InvisibleChar, &many).len(), 1);
    }

    #[test]
    fn byte_scan_agrees_with_the_definition() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("甲{c}乙");
            assert_eq!(
                !find(&Document::new(&s)).is_empty(),
                invisible(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn quiet_on_ordinary_whitespace() {
        assert!(run(&InvisibleChar, "甲\t乙\r\n丙 丁\u{3000}戊").is_empty());
    }
}
