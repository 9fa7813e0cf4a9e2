//! `layout/body-font`: body paragraphs in 仿宋 三号.
//!
//! **What it checks.** The font and size of body paragraphs, from each run,
//! its paragraph and character styles and the document defaults.
//!
//! **Why it matters.** Reviewers check the printed page first; a body in
//! 宋体 四号 (Word's usual default) marks the document as not in 公文 form.
//!
//! **Example.** A paragraph set in 宋体 14 pt → 正文应为三号（16 磅）仿宋：此段字体为“宋体”、字号为四号（14 磅）。
//!
//! **Not flagged.** The title, headings, table rows, centred or
//! right-aligned lines (subtitles, the 落款), short lines; runs that give
//! no font or size. Many paragraphs make one grouped finding.
//!
//! **Follows** GB/T 9704—2012 §5.2.2 (正文用3号仿宋体字).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use super::{font_is, half_points, size_name};

pub struct BodyFont;

static META: Meta = Meta {
    id: "layout/body-font",
    category: Category::Layout,
    severity: Severity::Warning,
    description: "正文应为三号仿宋体",
};

impl Rule for BodyFont {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let Some(p) = super::Page::of(cx) else { return };
        let want = half_points(p.spec.body_size_pt);
        let want_font = p.spec.body_fonts.first().map_or("", String::as_str);
        let mut found = Vec::new();
        let mut first = None;
        for (_, line) in p.body() {
            let (font, size) = p.dominant(line, line.span);
            let mut wrong = Vec::new();
            if let Some(f) = font.filter(|f| !font_is(f, &p.spec.body_fonts)) {
                wrong.push(format!("字体为“{f}”"));
            }
            if let Some(s) = size.filter(|&s| s != want) {
                wrong.push(format!("字号为{}", size_name(s)));
            }
            if !wrong.is_empty() {
                let what = wrong.join("，");
                first.get_or_insert_with(|| what.clone());
                found.push((
                    line.span,
                    format!("正文应为{}{want_font}：此段{what}。", size_name(want)),
                ));
            }
        }
        let first = first.unwrap_or_default();
        super::emit_each(sink, found, |n| {
            format!(
                "{n} 段正文不是{}{want_font}（如第一处{first}）：请全选正文统一设置。",
                size_name(want)
            )
        });
    }
}
