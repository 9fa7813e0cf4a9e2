//! `structure/topic-fit`: a text that is not a report of the profile's type.
//!
//! **What it checks.** Each report in the text (a compilation has several)
//! against the profile's `topic`: a text about another subject, or a single
//! school's report under a county profile, gets one info finding saying so,
//! and its structure is not checked; so does a fragment (a few lines that
//! are not a whole report).
//!
//! **Why it matters.** Missing-section findings on a text of another type
//! would all be false; one plain sentence tells the user to pick another
//! profile instead.
//!
//! **Example.** A text about 粮食安全 checked as a 履行教育职责自评报告 →
//! "这篇文字看起来不是“…”：…。未按这一类型检查结构".
//!
//! **Not flagged.** Texts shorter than a paragraph or two (not judged at
//! all); any text under a profile without a topic (e.g. `self-inspection`).
//!
//! **Follows** the profile's report type (the evaluation system's report
//! outline).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};

use super::sections::{emit, Check};

pub struct TopicFit;

static META: Meta = Meta {
    id: "structure/topic-fit",
    category: Category::Section,
    severity: Severity::Info,
    description: "这篇文字不是所选类型的报告（或只是片段），未检查其结构",
};

impl Rule for TopicFit {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        emit(cx, Check::TopicFit, sink);
    }
}
