//! `layout/line-spacing`: body lines about 28 pt apart: an exact line
//! spacing near the profile's `line_spacing_pt`, or single spacing on a
//! document grid of `lines_per_page` lines in the text block (22 lines of
//! 225 mm: 29 pt).
//!
//! **What it checks.** The line spacing of body paragraphs, from the
//! paragraph, its style and the document defaults, and the section's grid.
//!
//! **Why it matters.** 22 lines of 28 chars is the page GB/T 9704 prints;
//! single spacing crowds 三号 text and changes the page count.
//!
//! **Example.** A body in single spacing with no document grid → 正文行距应为固定值约 28 磅（每页 22 行）。
//!
//! **Not flagged.** Spacing within `line_tolerance_pt`; paragraphs that do
//! not say (Word's single spacing without a grid is flagged: it prints
//! about 21 pt apart in 三号). Many paragraphs make one grouped finding.
//!
//! **Follows** GB/T 9704—2012 §5.2.2 (一般每面排22行，每行排28个字).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use super::num;

pub struct LineSpacing;

static META: Meta = Meta {
    id: "layout/line-spacing",
    category: Category::Layout,
    severity: Severity::Warning,
    description: "正文行距应为固定值约 28 磅（或每页 22 行的文档网格）",
};

impl Rule for LineSpacing {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let Some(p) = super::Page::of(cx) else { return };
        let spec = p.spec;
        let section = p.d.sections.last();
        // The grid's pitch when the section snaps lines to one.
        let grid = section
            .filter(|s| {
                matches!(
                    s.grid.as_deref(),
                    Some("lines" | "linesAndChars" | "snapToChars")
                )
            })
            .and_then(|s| s.line_pitch)
            .map(|t| f64::from(t) / 20.0);
        let grid_wanted = spec.text_height_mm / 25.4 * 72.0 / spec.lines_per_page.max(1.0);
        let near = |pt: f64| {
            (pt - spec.line_spacing_pt).abs() <= spec.line_tolerance_pt
                || (pt - grid_wanted).abs() <= spec.line_tolerance_pt
        };
        let mut found = Vec::new();
        let mut first = None;
        for (_, line) in p.body() {
            let (value, rule) = match &line.line_spacing {
                Some((v, r)) => (*v, r.as_str()),
                None => (240, "auto"),
            };
            let (ok, what) = match rule {
                "exact" | "atLeast" => {
                    let pt = f64::from(value) / 20.0;
                    let kind = if rule == "exact" {
                        "固定值"
                    } else {
                        "最小值"
                    };
                    (near(pt), format!("行距为{kind} {} 磅", num(pt)))
                }
                _ => {
                    let times = f64::from(value) / 240.0;
                    match grid {
                        Some(pitch) => (
                            near(pitch * times),
                            format!("行距为 {} 倍，文档网格行距 {} 磅", num(times), num(pitch)),
                        ),
                        None => (false, format!("行距为 {} 倍行距，没有文档网格", num(times))),
                    }
                }
            };
            if !ok {
                first.get_or_insert_with(|| what.clone());
                found.push((
                    line.span,
                    format!(
                        "正文行距应为固定值约 {} 磅（每页 {} 行）：此段{what}。",
                        num(spec.line_spacing_pt),
                        num(spec.lines_per_page)
                    ),
                ));
            }
        }
        let first = first.unwrap_or_default();
        super::emit_each(sink, found, |n| {
            format!(
                "{n} 段正文行距不是固定值约 {} 磅（如第一处{first}）：请全选正文，在“段落”中设为固定值 {} 磅。",
                num(spec.line_spacing_pt),
                num(spec.line_spacing_pt)
            )
        });
    }
}
