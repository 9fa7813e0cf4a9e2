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

/// The invisible chars: C0 controls but tab and line breaks, DEL and the
/// C1 controls, the soft hyphen, zero-width and direction marks, the BOM.
static INVISIBLE: Leads = Leads::ranges(&[
    ('\u{0}', '\u{8}'),
    ('\u{B}', '\u{C}'),
    ('\u{E}', '\u{1F}'),
    ('\u{7F}', '\u{9F}'),
    ('\u{AD}', '\u{AD}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2060}'),
    ('\u{2066}', '\u{2069}'),
    ('\u{FEFF}', '\u{FEFF}'),
]);

/// [`INVISIBLE`], as the readable definition the scan is tested against.
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

/// Where the invisible chars are.
fn find(doc: &Document) -> Vec<Span> {
    let spans = doc
        .scan(&INVISIBLE)
        .map(|(i, c)| Span::new(i, i + c.len_utf8()));
    spans.collect()
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
