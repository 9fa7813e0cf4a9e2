//! `format/trailing-space`: spaces left at the end of lines.
//!
//! **What it checks.** Spaces (ASCII or ideographic U+3000) after the last
//! visible character of a line. Reported as one information-level finding
//! listing every place once there are many, with deletion as the fix.
//!
//! **Why it matters.** Invisible in the editor, but they break alignment when
//! the text is pasted into a 公文 template and confuse search and compare.
//!
//! **Example.** `一、基本情况␠␠` (two spaces after the heading) → `一、基本情况`.
//!
//! **Not flagged.** Lines that are only whitespace, and trailing runs that
//! hold an en space U+2002 (layout residue of web copies: stripped silently,
//! see FALSE-POSITIVES §14); lines that are web residue.
//!
//! **Follows** common 公文 typesetting (GB/T 9704—2012 §5: the text sits in
//! the 版心 with no stray whitespace).

use crate::context::Context;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};

use super::residue::residue_lines;

pub struct TrailingSpace;

static META: Meta = Meta {
    id: "format/trailing-space",
    category: Category::Whitespace,
    severity: Severity::Info,
    description: "行末多余的空格",
};

impl Rule for TrailingSpace {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let residue = residue_lines(cx);
        let mut found = Vec::new();
        for (li, line) in cx.doc.lines().iter().enumerate() {
            let s = cx.doc.slice(line);
            let body = s.trim_end_matches([' ', '\t', '\u{3000}', '\u{2002}', '\u{00A0}']);
            if body.len() == s.len()
                || body.trim().is_empty()
                || s[body.len()..].contains('\u{2002}')
                || residue.get(li).copied().unwrap_or(false)
            {
                continue;
            }
            found.push(Occurrence {
                span: Span::new(line.start + body.len(), line.end),
                suggestion: Some("".into()),
            });
        }
        sink.emit_grouped(
            found,
            |_| "行末有多余的空格，可删去。".into(),
            |n| format!("全文有 {n} 行行末有多余的空格，可一次全部删去。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn fires_after_text() {
        assert_eq!(
            run(&TrailingSpace, "完成任务。  \n下一步"),
            [("  ".into(), Some(String::new()))]
        );
        assert_eq!(
            run(&TrailingSpace, "完成任务。\u{3000}"),
            [("\u{3000}".into(), Some(String::new()))]
        );
    }

    #[test]
    fn quiet_on_layout_residue() {
        for ok in [
            "完成任务。",
            "   \n\u{3000}\n",
            "得到保障。\u{2002}\u{2002}\u{2002}",
            "",
        ] {
            assert!(run(&TrailingSpace, ok).is_empty(), "{ok:?}");
        }
    }
}
