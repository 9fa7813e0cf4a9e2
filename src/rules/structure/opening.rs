//! `structure/opening`: an opening without its basis.
//!
//! **What it checks.** Before the first heading, one of the first eight
//! paragraphs must open the report: give its basis (`根据…《…通知》要求`,
//! `按照…要求`) or one of the opening cues the profile lists
//! (`现将…报告如下`). Reported at the first long paragraph when none does.
//!
//! **Why it matters.** The opening tells the reviewer on what instruction
//! the report is written; a report that starts with its achievements
//! reads as a draft.
//!
//! **Example.** `我县高度重视教育工作……` as the first paragraph, with no
//! basis anywhere before the first heading → "开头缺少依据和“现将……报告如下”".
//!
//! **Not flagged.** A basis sentence without `现将…报告如下` (it is an
//! opening too); a profile whose opening section is not required.
//!
//! **Follows** the genre's opening (GB/T 9704—2012 §7.3.3 正文; 履行教育职责
//! 自评报告 open with their basis and `现将…报告如下`).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use crate::outline::{Level, Part};

use super::sections::{emit, first_sentence, hint, Check, Emit, Found, Line, Spec};

pub struct Opening;

static META: Meta = Meta {
    id: "structure/opening",
    category: Category::Section,
    severity: Severity::Warning,
    description: "开头缺少依据（根据……通知要求）和“现将……报告如下”",
};

impl Rule for Opening {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        emit(cx, Check::Opening, sink);
    }
}

/// Words that open a basis (`根据…通知`, `按照…要求`).
const BASIS_OPEN: [&str; 8] = [
    "根据", "按照", "依据", "对照", "遵照", "贵办", "贵委", "贵局",
];
/// Words that close it, at most [`BASIS_SPAN`] characters later, no `。` between.
const BASIS_CLOSE: [&str; 6] = ["《", "通知", "要求", "精神", "文件", "方案"];
const BASIS_SPAN: usize = 80;

/// The opening's basis: `根据市教育督导委员会《关于…的通知》要求`.
pub(super) fn has_basis(text: &str) -> bool {
    text.char_indices().any(|(i, c)| {
        if !matches!(c, '根' | '按' | '依' | '对' | '遵' | '贵') {
            return false;
        }
        let Some(w) = BASIS_OPEN.iter().find(|w| text[i..].starts_with(*w)) else {
            return false;
        };
        let rest = &text[i + w.len()..];
        rest.char_indices()
            .take(BASIS_SPAN + 1)
            .take_while(|&(_, c)| c != '。')
            .any(|(j, c)| {
                matches!(c, '《' | '通' | '要' | '精' | '文' | '方')
                    && BASIS_CLOSE.iter().any(|e| rest[j..].starts_with(e))
            })
    })
}

/// Where the opening is; reports an opening without its basis.
pub(super) fn opening(
    cx: &Context,
    part: &Part,
    lines: &[Line],
    spec: &Spec,
    sink: &mut Emit,
) -> Option<Found> {
    let first_heading = cx
        .outline
        .headings_in(part)
        .find(|h| matches!(h.level, Level::Chapter | Level::Section))
        .map(|h| h.line);
    let candidates = lines
        .iter()
        .take_while(|l| first_heading.is_none_or(|h| l.index < h))
        .take(8);
    for l in candidates.clone() {
        let text = cx.doc.slice(l.span);
        if spec.cue_p.is_match(text) || has_basis(text) {
            return Some(Found {
                line: l.index,
                span: l.span,
            });
        }
    }
    // Where the opening belongs: the first paragraph after the title.
    let body = candidates
        .clone()
        .find(|l| cx.doc.slice(l.span).chars().count() > 60)
        .or_else(|| lines.get(1))?;
    sink.emit_with(
        spec.severity,
        first_sentence(cx, body.span),
        format!("开头缺少依据和“现将……报告如下”{}。", hint(spec)),
        None,
    );
    Some(Found {
        line: body.index,
        span: body.span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basis() {
        assert!(has_basis("根据市教育督导委员会《关于开展评价的通知》要求"));
        assert!(has_basis("按照上级要求"));
        assert!(has_basis(&format!("依据{}方案", "甲".repeat(80))));
        assert!(!has_basis(&format!("依据{}方案", "甲".repeat(81))));
        assert!(!has_basis("根据调查。上级通知"));
        assert!(!has_basis("我县高度重视教育工作"));
        assert!(!has_basis("根据"));
    }
}
