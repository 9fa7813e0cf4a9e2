//! `layout/heading-font`: level-1 headings (`一、`) in 黑体, level-2
//! headings (`（一）`) in 楷体.
//!
//! **What it checks.** The font of each level-1 and level-2 heading line.
//!
//! **Why it matters.** The heading fonts show the levels at a glance on the
//! printed page; a 一、 heading in 仿宋 reads as body text.
//!
//! **Example.** `一、主要工作` set in 仿宋 → 一级标题应为黑体：此处为“仿宋”。
//!
//! **Not flagged.** Levels 3 and 4 (仿宋 like the body); headings whose
//! runs give no font. Run-in headings are judged on their heading
//! words only, not on the paragraph that follows them.
//!
//! **Follows** GB/T 9704—2012 §7.3.3 (第一层用黑体字、第二层用楷体字).

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::outline::Level;
use crate::rules::{Meta, Rule, Sink};

use super::font_is;

pub struct HeadingFont;

static META: Meta = Meta {
    id: "layout/heading-font",
    category: Category::Layout,
    severity: Severity::Warning,
    description: "一级标题应为黑体，二级标题应为楷体",
};

impl Rule for HeadingFont {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let Some(p) = super::Page::of(cx) else { return };
        let mut found = Vec::new();
        for h in &cx.outline.headings {
            let (wanted, name) = match h.level {
                Level::Chapter => (&p.spec.heading1_fonts, "一级标题"),
                Level::Section => (&p.spec.heading2_fonts, "二级标题"),
                _ => continue,
            };
            let Some(line) = p.d.line_at(h.marker.start) else {
                continue;
            };
            let span = Span::new(h.marker.start, h.title.end.max(h.marker.end));
            let (font, _) = p.dominant(line, span);
            if let Some(f) = font.filter(|f| !font_is(f, wanted)) {
                let want = wanted.first().map_or("", String::as_str);
                found.push((span, format!("{name}应为{want}：此处为“{f}”。")));
            }
        }
        let first = |l: &[String]| l.first().cloned().unwrap_or_default();
        let (one, two) = (first(&p.spec.heading1_fonts), first(&p.spec.heading2_fonts));
        let example = found.first().map(|(_, m)| m.clone()).unwrap_or_default();
        super::emit_each(sink, found, |n| {
            format!("{n} 处标题字体不符合 GB/T 9704（一级标题{one}，二级标题{two}），如第一处：{example}")
        });
    }
}
