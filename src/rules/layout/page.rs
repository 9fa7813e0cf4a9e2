//! `layout/page`: the page is A4 and its margins leave the GB/T 9704 text
//! block (天头 37 mm, 订口 28 mm, 版心 156 × 225 mm).
//!
//! **What it checks.** The page size and margins of each section of the
//! document (`w:pgSz`, `w:pgMar`).
//!
//! **Why it matters.** A file on Word's default margins (2.54 / 3.17 cm)
//! prints a text block of the wrong size and is sent back for re-layout.
//!
//! **Example.** Top margin 25.4 mm → 天头应为 37 mm，本文件为 25.4 mm。
//!
//! **Not flagged.** Sizes within the profile's `tolerance_mm`; a file
//! whose section does not give a page size (Word's default applies).
//!
//! **Follows** GB/T 9704—2012 §5.1, §5.2.1.

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use super::{mm, num};

pub struct Page;

static META: Meta = Meta {
    id: "layout/page",
    category: Category::Layout,
    severity: Severity::Warning,
    description:
        "纸张应为 A4，页边距和版心应符合 GB/T 9704（天头 37 mm，订口 28 mm，版心 156×225 mm）",
};

impl Rule for Page {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let Some(p) = super::Page::of(cx) else { return };
        let Some(s) = p.d.sections.last().filter(|s| s.width > 0 && s.height > 0) else {
            return;
        };
        let spec = p.spec;
        let span = p
            .title
            .map_or_else(|| crate::finding::Span::new(0, 0), |i| p.d.lines[i].span);
        let off = |got: f64, want: f64| (got - want).abs() > spec.tolerance_mm;
        let (w, h) = (mm(s.width), mm(s.height));
        if off(w, spec.page_width_mm) || off(h, spec.page_height_mm) {
            sink.note(
                span,
                format!(
                    "纸张应为 A4（{}×{} mm）：本文件为 {}×{} mm。",
                    num(spec.page_width_mm),
                    num(spec.page_height_mm),
                    num(w),
                    num(h)
                ),
            );
            return;
        }
        let top = mm(s.top.abs());
        let left = mm(s.left + s.gutter);
        let width = w - mm(s.left + s.gutter + s.right);
        let height = h - mm(s.top.abs() + s.bottom.abs());
        let mut wrong = Vec::new();
        for (name, got, want) in [
            ("天头（上白边）", top, spec.margin_top_mm),
            ("订口（左白边）", left, spec.margin_left_mm),
            ("版心宽", width, spec.text_width_mm),
            ("版心高", height, spec.text_height_mm),
        ] {
            if off(got, want) {
                wrong.push(format!(
                    "{name}应为 {} mm，本文件为 {} mm",
                    num(want),
                    num(got)
                ));
            }
        }
        if !wrong.is_empty() {
            sink.note(
                span,
                format!(
                    "页边距与 GB/T 9704 不符：{}。请在“页面设置”中调整。",
                    wrong.join("；")
                ),
            );
        }
    }
}
