//! `layout/indent`: body paragraphs indented two chars on the first line
//! (`w:firstLineChars="200"`, a first-line indent of two chars' width, or
//! two full-width spaces typed at the start).
//!
//! **What it checks.** The first-line indent of each body paragraph.
//!
//! **Why it matters.** 公文 paragraphs start two chars in; paragraphs with no
//! indent (often pasted from web pages) run into each other when printed.
//!
//! **Example.** A body paragraph with no first-line indent → 正文段落首行应缩进 2 字。
//!
//! **Not flagged.** The title, headings, table rows, centred or
//! right-aligned lines, short lines. Many paragraphs make one grouped finding.
//!
//! **Follows** GB/T 9704—2012 §7.3.3 (正文…每个自然段左空二字).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use super::{half_points, num};

pub struct Indent;

static META: Meta = Meta {
    id: "layout/indent",
    category: Category::Layout,
    severity: Severity::Warning,
    description: "正文段落首行应缩进 2 字",
};

impl Rule for Indent {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let Some(p) = super::Page::of(cx) else { return };
        let want = p.spec.indent_chars;
        let mut found = Vec::new();
        for (_, line) in p.body() {
            let text = p.text(line);
            // Typed indent: full-width spaces (or two half-width per char).
            let typed: f64 = text
                .chars()
                .take_while(|c| c.is_whitespace())
                .map(|c| if c == '\u{3000}' { 1.0 } else { 0.0 })
                .sum();
            let chars = match (line.first_chars, line.first_line) {
                (Some(c), _) if c != 0 => f64::from(c) / 100.0,
                (_, Some(t)) => {
                    let (_, size) = p.dominant(line, line.span);
                    let size = size
                        .unwrap_or_else(|| half_points(p.spec.body_size_pt))
                        .max(1);
                    // A char is as wide as the font is high: half-points × 10 twips.
                    f64::from(t) / (f64::from(size) * 10.0)
                }
                _ => 0.0,
            } + typed;
            if (chars - want).abs() > 0.3 {
                let what = if chars.abs() < 0.05 {
                    "没有首行缩进".to_string()
                } else {
                    format!("首行缩进 {} 字", num(chars))
                };
                found.push((
                    line.span,
                    format!("正文段落首行应缩进 {} 字：此段{what}。", num(want)),
                ));
            }
        }
        super::emit_each(sink, found, |n| {
            format!(
                "{n} 段正文首行缩进不是 {} 字：请全选正文，在“段落”中设“首行缩进 {} 字符”。",
                num(want),
                num(want)
            )
        });
    }
}
