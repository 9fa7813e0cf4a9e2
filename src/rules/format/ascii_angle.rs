//! `format/ascii-angle`: ASCII `<…>` used as a book-title mark.
//!
//! **What it checks.** `<…>` or full-width `＜…＞` around Chinese text. Inside
//! 《》 the single title mark is `〈…〉`: `《关于印发<办法>的通知》` →
//! `《关于印发〈办法〉的通知》` (a certain fix). Outside 《》 the writer
//! probably meant 《》 — reported without a fix.
//!
//! **Why it matters.** `<>` are mathematical signs (less/greater than), not
//! punctuation; in print they look narrow and wrong.
//!
//! **Example.** `《关于印发<办法>的通知》` → `《关于印发〈办法〉的通知》`; `学习<义务教育法>` is reported without a fix (probably 《》).
//!
//! **Not flagged.** Comparisons and code (`x<5`, `<br>`), anything with no
//! Chinese inside, the proper `〈…〉`.
//!
//! **Follows** GB/T 15834—2011 §4.15 (书名号: 双书名号《》，单书名号〈〉,
//! 书名号里边还有书名号时，外面用双书名号，里边用单书名号).

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{is_han, Leads};

pub struct AsciiAngle;

static META: Meta = Meta {
    id: "format/ascii-angle",
    category: Category::Bracket,
    severity: Severity::Warning,
    description: "用了“<…>”作书名号，应为“〈…〉”或“《…》”",
};

static OPEN: Leads = Leads::chars("<＜");

/// `<…>` or `＜…＞` (either mark at either end) around one to eighty chars
/// on one line with no other angle mark inside: (whole span, inner span).
pub(crate) fn angles<'d>(doc: &'d Document) -> impl Iterator<Item = (Span, Span)> + 'd {
    let text = doc.text;
    let mut scan = doc.scan(&OPEN);
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let (at, c) = scan.next_from(from)?;
        from = at + c.len_utf8();
        if !matches!(c, '<' | '＜') {
            continue;
        }
        let inner = from;
        for (n, (i, x)) in text[inner..].char_indices().take(81).enumerate() {
            match x {
                '>' | '＞' if n > 0 => {
                    let end = inner + i + x.len_utf8();
                    from = end;
                    return Some((Span::new(at, end), Span::new(inner, inner + i)));
                }
                '<' | '>' | '＜' | '＞' | '\r' | '\n' => break,
                _ => {}
            }
        }
    })
}

impl Rule for AsciiAngle {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        for (span, inner) in angles(&cx.doc) {
            let i = &text[inner.start..inner.end];
            let last_ok = i
                .chars()
                .next_back()
                .is_some_and(|c| is_han(c) || matches!(c, ')' | '）' | '》'));
            let after_latin = crate::text::char_before(text, span.start)
                .is_some_and(|c| c.is_ascii_alphanumeric());
            if !i.chars().any(is_han)
                || !last_ok
                || after_latin
                || i.starts_with(char::is_whitespace)
            {
                continue;
            }
            let line = cx.doc.lines().get(cx.doc.line_index(span.start));
            let before = text
                .get(line.map_or(0, |l| l.start)..span.start)
                .unwrap_or("");
            let depth =
                before.matches('《').count() as isize - before.matches('》').count() as isize;
            let shown = &text[span.start..span.end];
            if depth > 0 {
                sink.emit(
                    span,
                    format!("“{shown}”：书名号里的书名号应用单书名号“〈〉”，不用“<>”。"),
                    Some(format!("〈{i}〉")),
                );
            } else {
                sink.emit(
                        span,
                        format!("“{shown}”：“<>”不是书名号；书名、文件名应用“《》”（嵌套在《》内时用“〈〉”）。"),
                        None,
                    );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn nested_in_title_has_a_fix() {
        assert_eq!(
            run(&AsciiAngle, "出台了《关于印发<教师奖励考核办法>的通知》"),
            [(
                "<教师奖励考核办法>".into(),
                Some("〈教师奖励考核办法〉".into())
            )]
        );
        assert_eq!(
            run(&AsciiAngle, "学习＜义务教育法＞"),
            [("＜义务教育法＞".into(), None)]
        );
    }

    #[test]
    fn quiet_otherwise() {
        for ok in [
            "当x<5且y>3时",
            "<br>",
            "《关于印发〈办法〉的通知》",
            "a < b 甲 > c",
            "",
        ] {
            let f = run(&AsciiAngle, ok);
            assert!(f.is_empty(), "{ok}: {f:?}");
        }
    }
}
