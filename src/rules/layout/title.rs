//! `layout/title`: the title (the first line) in 小标宋 二号.
//!
//! **What it checks.** The font and size of the title line.
//!
//! **Why it matters.** The title is the first thing a reviewer sees; a title
//! in the body font looks like an unformatted draft.
//!
//! **Example.** A title in 黑体 三号 → 标题应为二号小标宋体。
//!
//! **Not flagged.** A document that starts with a heading or a table (no
//! title to judge); a title whose runs give no font or size.
//!
//! **Follows** GB/T 9704—2012 §7.3.1 (标题一般用2号小标宋体字).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use super::{font_is, half_points, size_name};

pub struct Title;

static META: Meta = Meta {
    id: "layout/title",
    category: Category::Layout,
    severity: Severity::Warning,
    description: "标题应为二号小标宋体",
};

impl Rule for Title {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let Some(p) = super::Page::of(cx) else { return };
        let Some(line) = p.title.map(|i| &p.d.lines[i]) else {
            return;
        };
        let (font, size) = p.dominant(line, line.span);
        let want = half_points(p.spec.title_size_pt);
        let mut wrong = Vec::new();
        if let Some(f) = font.filter(|f| !font_is(f, &p.spec.title_fonts)) {
            wrong.push(format!("字体为“{f}”"));
        }
        if let Some(s) = size.filter(|&s| s != want) {
            wrong.push(format!("字号为{}", size_name(s)));
        }
        if !wrong.is_empty() {
            sink.emit(
                line.span,
                format!(
                    "标题应为{}{}：此处{}。",
                    size_name(want),
                    p.spec.title_fonts.first().map_or("", String::as_str),
                    wrong.join("，")
                ),
                None,
            );
        }
    }
}
