//! `format/fullwidth-digit`: digits typed full-width (`２０２４年`).
//!
//! **What it checks.** Full-width digits `０`–`９` (U+FF10–U+FF19), with a
//! full-width decimal point between them (`１２．５`). The fix writes them
//! half-width: `２０２４年` → `2024年`.
//!
//! **Why it matters.** Arabic numerals in 公文 are half-width; full-width ones
//! look wide, break number search and cannot be summed by a spreadsheet.
//!
//! **Not flagged.** Half-width digits; Chinese numerals (`二〇二四年`).
//!
//! **Follows** GB/T 15835—2011 §4.1 (阿拉伯数字) and GB/T 9704—2012 §7.3.5
//! (成文日期用阿拉伯数字); half-width is the typesetting norm for them.

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};

pub struct FullwidthDigit;

static META: Meta = Meta {
    id: "format/fullwidth-digit",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "全角数字（２０２４），应为半角（2024）",
};

static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[０-９]+(?:[．.][０-９0-9]+)?").expect("digit regex"));

fn half(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect()
}

impl Rule for FullwidthDigit {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let found: Vec<Occurrence> = DIGITS
            .find_iter(text)
            .map(|m| Occurrence {
                span: Span::new(m.start(), m.end()),
                suggestion: Some(half(m.as_str())),
            })
            .collect();
        sink.emit_grouped(
            found,
            |o| {
                let shown = &text[o.span.start..o.span.end];
                let fix = o.suggestion.as_deref().unwrap_or("");
                format!("全角数字“{shown}”应写作半角“{fix}”。")
            },
            |n| format!("全文有 {n} 处全角数字，应改为半角；可一次全部改正。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn converts() {
        assert_eq!(
            run(&FullwidthDigit, "２０２４年投入１２．５万元"),
            [
                ("２０２４".into(), Some("2024".into())),
                ("１２．５".into(), Some("12.5".into()))
            ]
        );
    }

    #[test]
    fn quiet() {
        for ok in ["2024年投入12.5万元", "二〇二四年", ""] {
            assert!(run(&FullwidthDigit, ok).is_empty(), "{ok}");
        }
    }
}
