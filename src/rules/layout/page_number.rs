//! `layout/page-number`: the footer carries the page number (a PAGE
//! field), in 四号.
//!
//! **What it checks.** Whether a footer carries a PAGE field, and its size.
//!
//! **Why it matters.** A report of several pages without page numbers cannot
//! be cited or reassembled once printed.
//!
//! **Example.** A document with no footer page number → 页脚应有页码（四号）。
//!
//! **Not flagged.** A page number in a header (some units print it
//! there); a page number without a size of its own.
//!
//! **Follows** GB/T 9704—2012 §7.5 (页码用4号半角宋体阿拉伯数字).

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};

use super::{half_points, size_name};

pub struct PageNumber;

static META: Meta = Meta {
    id: "layout/page-number",
    category: Category::Layout,
    severity: Severity::Warning,
    description: "页脚应有页码（四号）",
};

impl Rule for PageNumber {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let Some(p) = super::Page::of(cx) else { return };
        let span = p.title.map_or(Span::new(0, 0), |i| p.d.lines[i].span);
        let numbered: Vec<_> = p.d.parts.iter().filter(|x| x.page_number).collect();
        if numbered.is_empty() {
            sink.note(
                span,
                "页脚没有页码：请在“插入→页码”中加入页码（四号半角数字，如“— 1 —”）。",
            );
            return;
        }
        let want = half_points(p.spec.page_number_size_pt);
        if let Some(size) = numbered
            .iter()
            .filter(|x| x.kind == "footer")
            .find_map(|x| x.page_number_size.filter(|&s| s != want))
        {
            sink.note(
                span,
                format!(
                    "页码应为{}：本文件页码为{}。",
                    size_name(want),
                    size_name(size)
                ),
            );
        }
    }
}
