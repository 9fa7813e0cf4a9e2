//! `structure/addressee`: the addressee line (主送机关) without its colon.
//!
//! **What it checks.** The line right under the title names an organisation
//! (`市人民政府教育督导委员会`) and the opening follows it: the line must end
//! in a full-width colon. The fix adds `：`.
//!
//! **Why it matters.** Without the colon the addressee reads as a second
//! title line or a stray organisation name.
//!
//! **Example.** `市人民政府教育督导委员会` → `市人民政府教育督导委员会：`.
//!
//! **Not flagged.** An addressee with its colon; a line under the title
//! that is not an organisation's name, or is not followed by an opening
//! (a paragraph of more than 40 characters with its basis, `根据…通知`).
//!
//! **Follows** GB/T 9704—2012 §7.3.2 (主送机关: 编排于标题下空一行位置，居左顶格，
//! 回行时仍顶格，最后一个机关名称后标全角冒号).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use super::opening::has_basis;
use super::sections::{emit, Check, Emit, Line};
use super::signature::is_issuer;

pub struct Addressee;

static META: Meta = Meta {
    id: "structure/addressee",
    category: Category::Section,
    severity: Severity::Warning,
    description: "主送机关后缺少全角冒号",
};

impl Rule for Addressee {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        emit(cx, Check::Addressee, sink);
    }
}

/// The line under the title names the addressee (主送机关) and the opening
/// follows: it must end in a full-width colon (GB/T 9704—2012 §7.3.2).
pub(super) fn addressee(cx: &Context, lines: &[Line], sink: &mut Emit) {
    let (Some(second), Some(third)) = (lines.get(1), lines.get(2)) else {
        return;
    };
    let name = cx.doc.slice(second.span);
    let opening = cx.doc.slice(third.span);
    let opens_body = opening.chars().count() > 40 && has_basis(opening);
    if opens_body && is_issuer(name) {
        sink.emit(
            second.span,
            "主送机关后应加全角冒号“：”。",
            Some(format!("{name}：")),
        );
    }
}
