//! `format/fullwidth-digit`: digits typed full-width (`２０２４年`).
//!
//! **What it checks.** Full-width digits `０`–`９` (U+FF10–U+FF19), with a
//! full-width decimal point between them (`１２．５`). The fix writes them
//! half-width: `２０２４年` → `2024年`.
//!
//! **Why it matters.** Arabic numerals in 公文 are half-width; full-width ones
//! look wide, break number search and cannot be summed by a spreadsheet.
//!
//! **Example.** `２０２４年` → `2024年`; `１２．５％` → `12.5％`.
//!
//! **Not flagged.** Half-width digits; Chinese numerals (`二〇二四年`).
//!
//! **Follows** GB/T 15835—2011 §4.1 (阿拉伯数字) and GB/T 9704—2012 §7.3.5
//! (成文日期用阿拉伯数字); half-width is the typesetting norm for them.

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{run_end, Leads};

pub struct FullwidthDigit;

static META: Meta = Meta {
    id: "format/fullwidth-digit",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "全角数字（２０２４），应为半角（2024）",
};

static FULL: Leads = Leads::chars("０１２３４５６７８９");

fn full_digit(c: char) -> bool {
    matches!(c, '０'..='９')
}

/// Every run of full-width digits with a decimal part if one follows (as
/// the pattern `[０-９]+(?:[．.][０-９0-9]+)?`).
pub(crate) fn digit_runs<'d>(doc: &'d Document) -> impl Iterator<Item = Span> + 'd {
    let text = doc.text;
    let mut scan = doc.scan(&FULL);
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let (at, c) = scan.next_from(from)?;
        from = at + c.len_utf8();
        if !full_digit(c) {
            continue;
        }
        let mut end = run_end(text, at, full_digit);
        let rest = &text[end..];
        let point = if rest.starts_with('．') {
            '．'.len_utf8()
        } else {
            usize::from(rest.starts_with('.'))
        };
        if point > 0 {
            let frac = run_end(text, end + point, |c| c.is_ascii_digit() || full_digit(c));
            if frac > end + point {
                end = frac;
            }
        }
        from = end;
        return Some(Span::new(at, end));
    })
}

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
        let found: Vec<Occurrence> = digit_runs(&cx.doc)
            .map(|span| Occurrence {
                span,
                suggestion: Some(half(&text[span.start..span.end]).into()),
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
