//! `structure/heading-marker`: heading numbers written in the wrong form for
//! their level, or lost.
//!
//! **What it checks.** `1、` where the third level is `1.`; `一.` where the
//! first level is `一、`; `（一）、` or `（1）.` with a stray mark after the
//! bracket; a line that starts with a bare `）` before its title — the
//! heading's `（三` was lost (`)健全教育保障机制`).
//!
//! **Why it matters.** GB/T 9704 fixes one marker per level; a mixed form
//! looks careless, and a lost marker breaks the outline.
//!
//! **Example.** `1、加强领导` → `1.加强领导`.
//!
//! **Not flagged.** ASCII brackets and full stops (`(一)`, `1.`, `1．`) — their
//! width is the punctuation rule's business; `一是…` enumerations.
//!
//! **Follows** GB/T 9704—2012 §7.3.3: 第一层“一、”，第二层“（一）”，第三层“1.”，第四层“（1）”.

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::outline::{Heading, Level};
use crate::rules::{Meta, Rule, Sink};

pub struct HeadingMarker;

static META: Meta = Meta {
    id: "structure/heading-marker",
    category: Category::Numbering,
    severity: Severity::Warning,
    description: "标题序号形式不对（1、 一. （一）、）或序号丢失",
};

impl Rule for HeadingMarker {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let outline = &cx.outline;
        for h in outline.headings.iter().filter(|h| h.nonstandard) {
            let written = cx.doc.slice(h.marker);
            let right = h.level.marker(h.number);
            sink.emit(
                h.marker,
                format!("{}应写作“{right}”，不写“{written}”。", h.level.name()),
                Some(right),
            );
        }
        for &(line, span) in &outline.lost_markers {
            let before = outline
                .headings
                .iter()
                .rev()
                .find(|h| h.line < line && is_bracketed(h));
            let guess = before.and_then(|prev| {
                let expected = prev.number + 1;
                let next = outline
                    .headings
                    .iter()
                    .find(|h| h.line > line && h.level == prev.level)?;
                (next.number == expected + 1).then(|| prev.level.marker(expected))
            });
            let message = match &guess {
                Some(m) => format!("标题的序号丢失了，只剩下括号：这里应为“{m}”。"),
                None => "行首只有一个右括号：标题的序号可能丢失了，请补全。".to_string(),
            };
            sink.emit(span, message, guess);
        }
    }
}

fn is_bracketed(h: &Heading) -> bool {
    matches!(h.level, Level::Section | Level::Subitem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&HeadingMarker, text)
    }

    fn one(s: &str, fix: Option<&str>) -> Vec<(String, Option<String>)> {
        vec![(s.to_string(), fix.map(String::from))]
    }

    #[test]
    fn wrong_forms() {
        assert_eq!(found("1、加强领导"), one("1、", Some("1.")));
        assert_eq!(found("一.主要工作"), one("一.", Some("一、")));
        assert_eq!(found("（一）、加强领导"), one("（一）、", Some("（一）")));
        assert_eq!(found("(2).规范收费"), one("(2).", Some("（2）")));
    }

    #[test]
    fn lost_marker() {
        let text = "（二）保障投入\n)健全教育保障机制\n（四）推进均衡";
        assert_eq!(found(text), one(")", Some("（三）")));
        assert_eq!(found(")健全机制"), one(")", None));
    }

    #[test]
    fn standard_forms_are_quiet() {
        for ok in [
            "一、甲\n（一）乙\n1.丙\n（1）丁",
            "(一)乙\n1．丙\n(1)丁",
            "一是加强",
            "）",
            "",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
