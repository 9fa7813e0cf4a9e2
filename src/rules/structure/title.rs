//! `structure/title`: a report without its title.
//!
//! **What it checks.** The first line of each report must be its title: a
//! line of at most 60 characters with one of the wordings the profile's
//! title section lists (`…自评报告`, `…自查报告`, `…工作总结`), not ending in
//! sentence punctuation. A title may be split over two lines, the issuer
//! on the first (`柳溪县人民政府` / `关于2023年度…的自评报告`). In a
//! compilation, the separator line stands in for the title.
//!
//! **Why it matters.** The title names the issuer, the year and the kind
//! of report; without it the reviewer cannot file the report.
//!
//! **Example.** A report whose first line is `根据市教育督导委员会…要求，现将…报告如下。`
//! → "第一行不像标题，报告可能缺少标题".
//!
//! **Not flagged.** A title on two lines; a report in a compilation; a
//! profile whose title section is not required.
//!
//! **Follows** GB/T 9704—2012 §7.3.1 (标题).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use crate::outline::Part;

use super::addressee::addressee;
use super::sections::{emit, first_sentence, hint, Check, Emit, Found, Line, Spec};
use super::signature::is_issuer;

pub struct Title;

static META: Meta = Meta {
    id: "structure/title",
    category: Category::Section,
    severity: Severity::Warning,
    description: "报告缺少标题（第一行不像标题）",
};

impl Rule for Title {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        emit(cx, Check::Title, sink);
    }
}

/// Where the title is; reports a first line that is no title.
pub(super) fn title(
    cx: &Context,
    part: &Part,
    lines: &[Line],
    spec: &Spec,
    sink: &mut Emit,
) -> Option<Found> {
    let first = lines.first()?;
    // In a compilation the separator line stands in for the title.
    if part.separator.is_some() {
        return Some(Found {
            line: first.index,
            span: first.span,
        });
    }
    let like_title = |t: &str| {
        // A title set letter-spaced for print (`政 府 工 作 报 告`) reads
        // without its spaces.
        let t: std::borrow::Cow<str> = if t.contains([' ', '\u{3000}']) {
            t.replace([' ', '\u{3000}'], "").into()
        } else {
            t.into()
        };
        t.chars().count() <= 60
            && !t.ends_with(['。', '，', ',', '；'])
            && spec.heading_p.is_match(&t)
    };
    let line = |l: &Line| cx.doc.slice(l.span);
    // The title; or the issuer on the first line and the rest of the title
    // on the second (`柳溪县人民政府` / `关于2023年度…的自评报告`); or a
    // title broken over two lines (`…人民政府关于2023年度履行教育职责` /
    // `情况的自评报告`), under an issuer or not. `below` starts at the
    // title's last line.
    let unfinished = |l: &Line| {
        let t = line(l);
        !t.ends_with(['。', '：', ':', '；', '，', '！', '？']) && t.chars().nth(40).is_none()
    };
    let two_lines = |at: usize| -> bool {
        match (lines.get(at), lines.get(at + 1)) {
            (Some(a), Some(b)) => unfinished(a) && like_title(&format!("{}{}", line(a), line(b))),
            _ => false,
        }
    };
    let issuer = is_issuer(line(first));
    let below = if like_title(line(first)) {
        Some(lines)
    } else if two_lines(0) || issuer && lines.get(1).is_some_and(|l| like_title(line(l))) {
        lines.get(1..)
    } else if issuer && two_lines(1) {
        lines.get(2..)
    } else {
        None
    };
    if let Some(below) = below {
        addressee(cx, below, &mut sink.to(Check::Addressee));
        return Some(Found {
            line: first.index,
            span: first.span,
        });
    }
    if spec.required {
        sink.emit_with(
            spec.severity,
            first_sentence(cx, first.span),
            format!("第一行不像标题，报告可能缺少标题{}。", hint(spec)),
            None,
        );
    }
    // Reported here; not "missing" again.
    Some(Found {
        line: first.index,
        span: first.span,
    })
}
