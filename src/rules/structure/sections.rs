//! `structure/sections`: the parts a report of the profile's type must have,
//! in order — title, opening, 主要工作, 存在问题, 下一步工作, 落款.
//!
//! **What it checks.** For each report in the text (a pasted compilation has
//! several), against the profile's `sections`: a heading section whose
//! heading is missing but whose content is there (found by cue phrases such
//! as `还存在…问题`, `下一步，我县将…`) — "heading missing" at that paragraph;
//! a required part that is absent — "section missing" where it belongs;
//! parts out of order. The parts themselves are judged by their own rules:
//! `structure/title`, `structure/addressee`, `structure/opening`,
//! `structure/signature` (落款). A text that is not a report of this type
//! (its title ends in one of the title section's `other_types`, such as
//! `通知` or `政府工作报告`; or it is about another subject, or a single
//! school's report under a county profile) gets one info note saying so
//! instead of a finding per missing part, and so does a fragment of a
//! compilation. A profile that sets `structure/sections` (e.g. `false`)
//! and not those rules sets them too.
//!
//! **Why it matters.** A 自评报告 without 存在问题 or 下一步 is sent back;
//! the reviewer looks for them first.
//!
//! **Example.** A report that ends with its achievements → "缺少“存在问题”部分";
//! a 通知 checked as a 自评报告 → "这篇文字看起来不是“…”：标题以“通知”结尾，
//! 是另一类公文。未按这一类型检查结构…".
//!
//! **Not flagged.** Heading wordings in any of the families the profile lists
//! (`二、存在问题及改进措施` is both), headings that end in `。` or not,
//! texts shorter than a paragraph or two. Under a profile with neither a
//! `topic` nor `other_types`, a text is not judged for its type.
//!
//! **Follows** GB/T 9704—2012 §7.3 (主体) and the evaluation system's
//! report outline.
//!
//! The structure rules share one reading of each report's parts
//! ([`analyse`], done once per check): where each part is, and what is
//! wrong with it, tagged by the rule ([`Check`]) that reports it.

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::outline::{Level, Part};
use crate::profile::{SectionKind, SectionSpec};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{is_han, Phrases};
use crate::topic::Fit;

use super::opening::opening;
use super::signature::{is_signature_line, signature};
use super::title::title;

pub struct Sections;

static META: Meta = Meta {
    id: "structure/sections",
    category: Category::Section,
    severity: Severity::Warning,
    description: "缺少必备部分（开头、主要工作、存在问题、下一步工作、落款）或顺序不对",
};

/// A heading longer than this is an indicator heading, not a section heading.
const MAX_SECTION_TITLE: usize = 16;

/// A line of the part, trimmed.
#[derive(Clone, Copy)]
pub(super) struct Line {
    pub index: usize,
    pub span: Span,
}

/// Where a section was found.
#[derive(Clone, Copy)]
pub(super) struct Found {
    pub line: usize,
    pub span: Span,
}

/// A section spec with its compiled phrase lists.
pub(super) struct Spec<'a> {
    spec: &'a SectionSpec,
    pub heading_p: &'a Phrases,
    pub cue_p: &'a Phrases,
    list_p: &'a Phrases,
}

impl<'a> Spec<'a> {
    fn new(spec: &'a SectionSpec) -> Self {
        let [heading_p, cue_p, list_p] = spec.phrases();
        Spec {
            spec,
            heading_p,
            cue_p,
            list_p,
        }
    }
}

impl std::ops::Deref for Spec<'_> {
    type Target = SectionSpec;
    fn deref(&self) -> &SectionSpec {
        self.spec
    }
}

impl Rule for Sections {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        emit(cx, Check::Parts, sink);
    }
}

/// Which structure rule reports a finding of [`analyse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    /// `structure/sections`: required parts and their order.
    Parts,
    /// `structure/title`.
    Title,
    /// `structure/addressee`.
    Addressee,
    /// `structure/opening`.
    Opening,
    /// `structure/signature`: the 落款.
    Signature,
}

/// One finding of [`analyse`]: `severity` is the profile section's, or
/// `None` for the rule's own.
#[derive(Debug)]
pub(super) struct Item {
    check: Check,
    /// A note about the whole document (a missing part, a text of another type).
    document: bool,
    severity: Option<Severity>,
    span: Span,
    message: String,
    suggestion: Option<String>,
}

/// What a part of the analysis writes its findings to, tagged with the
/// rule that reports them; the same calls as [`Sink`]'s.
pub(super) struct Emit<'o> {
    items: &'o mut Vec<Item>,
    check: Check,
}

impl Emit<'_> {
    /// The same list, for findings of `check`.
    pub fn to(&mut self, check: Check) -> Emit<'_> {
        Emit {
            items: self.items,
            check,
        }
    }

    pub fn emit(&mut self, span: Span, message: impl Into<String>, suggestion: Option<String>) {
        self.push(None, span, message.into(), suggestion);
    }

    /// A note about the whole document, anchored at `span`.
    pub fn note_with(&mut self, severity: Severity, span: Span, message: impl Into<String>) {
        self.push(Some(severity), span, message.into(), None);
        if let Some(item) = self.items.last_mut() {
            item.document = true;
        }
    }

    pub fn emit_with(
        &mut self,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        self.push(Some(severity), span, message.into(), suggestion);
    }

    fn push(
        &mut self,
        severity: Option<Severity>,
        span: Span,
        message: String,
        suggestion: Option<String>,
    ) {
        self.items.push(Item {
            check: self.check,
            document: false,
            severity,
            span,
            message,
            suggestion,
        });
    }
}

/// Writes the findings of [`analyse`] that `check` reports to `sink`.
pub(super) fn emit(cx: &Context, check: Check, sink: &mut Sink) {
    let items = cx.derived(analyse);
    for item in items.iter().filter(|i| i.check == check) {
        let (span, message, suggestion) =
            (item.span, item.message.clone(), item.suggestion.clone());
        match (item.document, item.severity) {
            (true, Some(severity)) => sink.note_with(severity, span, message),
            (true, None) => sink.note(span, message),
            (false, Some(severity)) => sink.emit_with(severity, span, message, suggestion),
            (false, None) => sink.emit(span, message, suggestion),
        }
    }
}

/// Every report part against the profile's `sections`: the findings of
/// all the structure rules that judge the parts, in the order found.
pub(super) fn analyse(cx: &Context) -> Vec<Item> {
    let mut items = Vec::new();
    if cx.profile.sections.is_empty() {
        return items;
    }
    let sink = &mut Emit {
        items: &mut items,
        check: Check::Parts,
    };
    let specs: Vec<Spec> = cx.profile.sections.iter().map(Spec::new).collect();
    for (part, fit) in cx.outline.parts.iter().zip(&cx.fits) {
        let lines = content_lines(cx, part);
        let Some(first) = lines.first() else { continue };
        match fit {
            Fit::Report => check_part(cx, &specs, part, &lines, sink),
            Fit::TooShort => {}
            Fit::Fragment => sink.note_with(
                Severity::Info,
                first_sentence(cx, first.span),
                "这一篇只是一个片段，不是完整的报告，未检查其结构。",
            ),
            Fit::OffTopic(why) => sink.note_with(
                Severity::Info,
                first_sentence(cx, first.span),
                format!(
                    "这篇文字看起来不是“{}”：{why}。未按这一类型检查结构；如是其他类型的报告，请换用合适的配置。",
                    cx.profile.name
                ),
            ),
        }
    }
    items
}

/// The part's non-empty lines, trimmed of layout whitespace; web-page
/// residue (portal headers, footers) is not the report's.
fn content_lines<'c>(cx: &'c Context, part: &Part) -> ContentLines<'c> {
    let lines = cx.doc.lines();
    // Kept as line numbers (4 bytes a line: a text of one-char lines has
    // millions), trimmed again when read.
    let content = (part.lines.clone())
        .filter(|&i| cx.residue.lines.get(i) != Some(&true))
        .filter(|&i| lines.get(i).is_some_and(|span| trim(cx, i, span).is_some()))
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX));
    ContentLines {
        cx,
        index: content.collect(),
    }
}

/// Line `index` (at `span`) trimmed of layout whitespace, unless blank.
fn trim(cx: &Context, index: usize, span: Span) -> Option<Line> {
    let text = cx.doc.slice(span);
    let trimmed = text.trim_start_matches(char::is_whitespace);
    let start = span.start + (text.len() - trimmed.len());
    let trimmed = trimmed.trim_end_matches(char::is_whitespace);
    (!trimmed.is_empty()).then(|| Line {
        index,
        span: Span::new(start, start + trimmed.len()),
    })
}

/// The non-empty lines of a part, trimmed: see [`content_lines`].
pub(super) struct ContentLines<'c> {
    cx: &'c Context<'c>,
    index: Vec<u32>,
}

impl ContentLines<'_> {
    pub(super) fn len(&self) -> usize {
        self.index.len()
    }

    pub(super) fn get(&self, k: usize) -> Option<Line> {
        let i = *self.index.get(k)? as usize;
        trim(self.cx, i, self.cx.doc.lines().get(i)?)
    }

    /// The first `n` lines (or all, when fewer).
    pub(super) fn head(&self, n: usize) -> Vec<Line> {
        (0..n.min(self.len())).filter_map(|k| self.get(k)).collect()
    }

    fn first(&self) -> Option<Line> {
        self.get(0)
    }

    fn last(&self) -> Option<Line> {
        self.get(self.len().checked_sub(1)?)
    }

    fn iter(&self) -> impl DoubleEndedIterator<Item = Line> + '_ {
        (0..self.len()).filter_map(|k| self.get(k))
    }
}

/// The span up to and including the first `。` (or `：`), for highlighting a paragraph.
pub(super) fn first_sentence(cx: &Context, span: Span) -> Span {
    let text = cx.doc.slice(span);
    let end = text
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '：'))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    Span::new(span.start, span.start + end)
}

fn check_part(cx: &Context, specs: &[Spec], part: &Part, lines: &ContentLines, sink: &mut Emit) {
    let heads = section_headings(cx, part);
    // The headings short enough to be a section's, with their titles.
    let titled: Vec<(usize, Span, &str)> = heads
        .iter()
        .map(|&(line, span)| (line, span, heading_title(cx, span)))
        .filter(|h| h.2.chars().nth(MAX_SECTION_TITLE).is_none())
        .collect();
    // Headings first, so content found by cues is looked for only between them.
    let headed: Vec<Option<Found>> = specs
        .iter()
        .map(|spec| match spec.kind {
            SectionKind::Heading => find_heading(&titled, spec),
            _ => None,
        })
        .collect();
    let first_heading = heads.first().map(|h| h.0);
    let mut placed: Vec<(usize, &Spec, Found)> = Vec::new();
    let mut missing: Vec<(usize, &Spec)> = Vec::new();
    for (order, spec) in specs.iter().enumerate() {
        let found = match spec.kind {
            // The title and the opening are read from a report's first lines.
            SectionKind::Title => title(cx, part, &lines.head(8), spec, &mut sink.to(Check::Title)),
            SectionKind::Opening => {
                opening(cx, part, &lines.head(8), spec, &mut sink.to(Check::Opening))
            }
            SectionKind::Signature => signature(cx, lines, spec, &mut sink.to(Check::Signature)),
            SectionKind::Heading => headed[order].or_else(|| {
                let last = placed.iter().max_by_key(|p| p.2.line);
                let floor = last.map(|p| p.2.line);
                // After a section found by its content, a list that starts
                // again at （一） begins the next section.
                let after_content = last.is_some_and(|&(o, s, _)| {
                    headed[o].is_none() && !(s.cues.is_empty() && s.list_cues.is_empty())
                });
                let ceiling = headed[order + 1..].iter().flatten().map(|f| f.line).min();
                let range = Range {
                    floor,
                    ceiling,
                    after_content,
                };
                unheaded(cx, part, lines, spec, range, first_heading, sink)
            }),
        };
        match found {
            Some(f) => placed.push((order, spec, f)),
            None if spec.required => missing.push((order, spec)),
            None => {}
        }
    }

    // Absent sections: reported where they belong, before the next one found.
    let last_body = lines
        .iter()
        .rev()
        .find(|l| !is_signature_line(cx.doc.slice(l.span)))
        .or(lines.last());
    for (order, spec) in missing {
        let next = placed.iter().find(|(o, _, _)| *o > order).map(|p| p.2);
        let at = next.map_or_else(
            || last_body.map_or(Span::new(0, 0), |l| first_sentence(cx, l.span)),
            |f| f.span,
        );
        sink.note_with(
            spec.severity,
            at,
            format!("缺少“{}”部分{}。", spec.label, hint(spec)),
        );
    }

    // Order: each section after every section the profile lists before it.
    let mut latest: Option<(usize, &SectionSpec)> = None;
    for &(_, spec, found) in &placed {
        match latest {
            Some((line, before)) if found.line < line => sink.emit_with(
                spec.severity,
                found.span,
                format!("“{}”应放在“{}”之后。", spec.label, before.label),
                None,
            ),
            _ => latest = Some((found.line, spec)),
        }
    }
}

/// Headings that can open a section: chapters, sections and labels, by line.
fn section_headings(cx: &Context, part: &Part) -> Vec<(usize, Span)> {
    let headings = cx
        .outline
        .headings_in(part)
        .filter(|h| matches!(h.level, Level::Chapter | Level::Section))
        .map(|h| (h.line, Span::new(h.marker.start, h.title.end)));
    let labels = cx
        .outline
        .labels
        .iter()
        .filter(|l| part.lines.contains(l))
        .filter_map(|&l| cx.doc.lines().get(l).map(|s| (l, s)));
    let mut all: Vec<(usize, Span)> = headings.chain(labels).collect();
    crate::sort::sort_by_key(&mut all, |h| h.0);
    all
}

fn heading_title<'a>(cx: &'a Context, span: Span) -> &'a str {
    let text = cx.doc.slice(span);
    // Drop the marker: everything up to the first Han character.
    let start = text.find(is_han).unwrap_or(text.len());
    &text[start..]
}

/// A heading (of those with a short title) whose title has one of the
/// section's wordings.
fn find_heading(titled: &[(usize, Span, &str)], spec: &Spec) -> Option<Found> {
    titled
        .iter()
        .find(|h| spec.heading_p.is_match(h.2))
        .map(|&(line, span, _)| Found { line, span })
}

/// A cue within this many characters of a paragraph's start announces its content.
const CUE_WINDOW: usize = 40;

/// The section's content without its heading, between `floor` (the last
/// section found before it) and `ceiling` (the next later section's heading),
/// and not in the first third of the text (the opening and the main work).
/// Reported as "heading missing" when found.
/// Where [`unheaded`] looks.
struct Range {
    /// The line of the last section found before this one.
    floor: Option<usize>,
    /// The line of the next later section's heading.
    ceiling: Option<usize>,
    /// The last section before was found by its content, not its heading.
    after_content: bool,
}

fn unheaded(
    cx: &Context,
    part: &Part,
    lines: &ContentLines,
    spec: &Spec,
    range: Range,
    first_heading: Option<usize>,
    sink: &mut Emit,
) -> Option<Found> {
    if spec.cues.is_empty() && spec.list_cues.is_empty() {
        // A section known by its headings only (主要工作): its content is the
        // body of the report, which is there if anything is.
        let body = first_heading
            .and_then(|h| lines.iter().find(|l| l.index == h))
            .or_else(|| lines.get(2).or(lines.last()))?;
        sink.emit_with(
            spec.severity,
            first_sentence(cx, body.span),
            format!("没有找到“{}”的标题{}。", spec.label, hint(spec)),
            None,
        );
        return Some(Found {
            line: body.index,
            span: body.span,
        });
    }
    let third = lines.get(lines.len() / 3).map_or(0, |l| l.index);
    let low = range.floor.map_or(third, |f| third.max(f + 1));
    let high = range.ceiling.unwrap_or(usize::MAX);
    let in_range = |line: usize| line >= low && line < high;

    let by_cue = lines.iter().filter(|l| in_range(l.index)).find_map(|l| {
        let text = cx.doc.slice(l.span);
        // Only a cue starting in the window counts: search no further than
        // its bytes can reach (a char is at most four bytes), then count.
        let cue = spec.cue_p.find_before(text, 4 * CUE_WINDOW + 1)?;
        if text[..cue.start].chars().count() > CUE_WINDOW {
            return None;
        }
        Some(Found {
            line: l.index,
            span: cue.shift(l.span.start),
        })
    });
    let by_list = cue_list(cx, part, spec, range.after_content, in_range);
    let found = match (by_cue, by_list) {
        (Some(a), Some(b)) => Some(if b.line < a.line { b } else { a }),
        (a, b) => a.or(b),
    }?;
    sink.emit_with(
        spec.severity,
        found.span,
        format!(
            "这里写的是“{}”，但缺少这一部分的标题{}。",
            spec.label,
            hint(spec)
        ),
        None,
    );
    Some(found)
}

/// The first `（一）（二）…` list in range whose titles mostly carry the
/// section's list cues (`（一）学校布局不够合理。（二）…尚欠协调。`), or any
/// such list when `any_list` (it follows the previous section's content).
fn cue_list(
    cx: &Context,
    part: &Part,
    spec: &Spec,
    any_list: bool,
    in_range: impl Fn(usize) -> bool,
) -> Option<Found> {
    let chapters = cx
        .outline
        .headings_in(part)
        .filter(|h| h.level == Level::Chapter);
    // Where chapters structure the report, lists belong to their chapters.
    if spec.list_cues.is_empty() || chapters.count() > 1 {
        return None;
    }
    let sections: Vec<_> = cx
        .outline
        .headings_in(part)
        .filter(|h| matches!(h.level, Level::Chapter | Level::Section))
        .collect();
    sections
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level == Level::Section && h.number == 1 && in_range(h.line))
        .find_map(|(i, first)| {
            let list: Vec<_> = sections[i..]
                .iter()
                .enumerate()
                .take_while(|(k, h)| {
                    h.level == Level::Section && h.number == first.number + *k as u32
                })
                .map(|(_, h)| h)
                .collect();
            let cued = list
                .iter()
                .filter(|h| spec.list_p.is_match(cx.doc.slice(h.title)))
                .count();
            (any_list || cued * 2 >= list.len()).then_some(Found {
                line: first.line,
                span: Span::new(first.marker.start, first.title.end),
            })
        })
}

pub(super) fn hint(spec: &SectionSpec) -> String {
    if spec.hint.is_empty() {
        String::new()
    } else {
        format!("：{}", spec.hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Scope;
    use crate::profile::Profile;
    use crate::rules::structure::{
        addressee::Addressee, opening::Opening, signature::Signature, title::Title,
    };
    use crate::rules::test_util::findings_with;

    fn messages(text: &str) -> Vec<(String, String)> {
        messages_with(text, &Profile::default())
    }

    /// The findings of every rule that [`analyse`] serves, in the order found.
    fn messages_with(text: &str, profile: &Profile) -> Vec<(String, String)> {
        let cx = Context::new(text, profile);
        analyse(&cx)
            .into_iter()
            .map(|f| (text[f.span.start..f.span.end].to_string(), f.message))
            .collect()
    }

    const BODY: &str = "全县坚持教育优先发展，义务教育学校办学条件持续改善，教师队伍建设不断加强，学前教育普及普惠水平稳步提高，全县中小学校和幼儿园校园安全形势总体平稳。";

    fn report(parts: &[&str]) -> String {
        parts.join("\n")
    }

    fn complete() -> String {
        report(&[
            "青川县人民政府2024年度履行教育职责自评报告",
            "根据市教育督导委员会《关于开展2024年度履行教育职责评价的通知》要求，现将自评情况报告如下。",
            "一、2024年履职情况",
            BODY,
            BODY,
            "二、存在的问题",
            BODY,
            "三、下一步工作",
            BODY,
            "青川县人民政府",
            "2025年1月15日",
        ])
    }

    #[test]
    fn complete_report_is_quiet() {
        assert!(
            messages(&complete()).is_empty(),
            "{:?}",
            messages(&complete())
        );
    }

    #[test]
    fn section_missing_where_it_belongs() {
        let text = complete().replace("二、存在的问题\n", "").replace(BODY, "全县教育事业稳步发展，办学条件持续改善，学校和教师队伍建设不断加强，学前教育和义务教育质量稳步提升，学生综合素质不断提高，群众满意度持续上升。");
        let got = messages(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "三、下一步工作");
        assert!(got[0].1.contains("存在问题"), "{got:?}");
    }

    #[test]
    fn heading_missing_when_content_is_there() {
        let text = complete().replace("二、存在的问题\n", "").replacen(
            &format!("{BODY}\n三、"),
            &format!("{BODY}\n但也存在一些问题，农村学校教师结构性缺编依然突出。\n三、"),
            1,
        );
        let got = messages(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "但也存在");
        assert!(got[0].1.contains("缺少这一部分的标题"), "{got:?}");
    }

    #[test]
    fn lists_without_headings() {
        // Problems as a list of shortcomings, then next steps as a new list.
        let text = complete()
            .replace("二、存在的问题\n", "")
            .replace("三、下一步工作\n", "")
            .replacen(
                &format!("{BODY}\n{BODY}\n"),
                &format!("{BODY}\n（一）学校布局不够合理。{BODY}\n（二）教师队伍结构不优。{BODY}\n（一）以均衡发展为导向。{BODY}\n（二）以队伍建设为保障。\n"),
                1,
            );
        let got = messages(&text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "（一）学校布局不够合理");
        assert!(got[0].1.contains("存在问题"));
        assert_eq!(got[1].0, "（一）以均衡发展为导向");
        assert!(got[1].1.contains("下一步"));
    }

    #[test]
    fn combined_heading_counts_for_both() {
        let text = complete()
            .replace("二、存在的问题", "二、存在问题及改进措施")
            .replace("三、下一步工作\n", "");
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
    }

    #[test]
    fn order() {
        let text = complete()
            .replace("二、存在的问题", "二、下一步工作X")
            .replace("三、下一步工作", "三、存在的问题")
            .replace("二、下一步工作X", "二、下一步工作");
        let got = messages(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("之后"), "{got:?}");
    }

    #[test]
    fn a_letter_spaced_title_and_a_short_issuer() {
        let spaced = complete().replace(
            "青川县人民政府2024年度履行教育职责自评报告",
            "青川县 履 行 教 育 职 责 自 评 报 告",
        );
        assert!(messages(&spaced).is_empty(), "{:?}", messages(&spaced));
        let no_title = complete().replace(
            "青川县人民政府2024年度履行教育职责自评报告",
            "青川县教育局全年推进各项工作，成效明显。",
        );
        assert!(messages(&no_title)
            .iter()
            .any(|m| m.1.contains("第一行不像标题")));
        for issuer in ["国务院", "教育局"] {
            let text = complete().replace(
                "青川县人民政府\n2025年1月15日",
                &format!("{issuer}\n2025年1月15日"),
            );
            assert!(
                messages(&text).is_empty(),
                "{issuer}: {:?}",
                messages(&text)
            );
        }
        let text = complete().replace("青川县人民政府\n2025年1月15日", "认真落实。\n2025年1月15日");
        assert!(messages(&text).iter().any(|m| m.1.contains("缺少发文机关")));
    }

    #[test]
    fn opening_title_and_signature() {
        let text = complete()
            .replace("根据市教育督导委员会《关于开展2024年度履行教育职责评价的通知》要求，现将自评情况报告如下。\n", "")
            .replace("青川县人民政府\n2025年1月15日", "2025.01.15");
        let got: Vec<String> = messages(&text).into_iter().map(|m| m.1).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].contains("开头缺少依据"), "{got:?}");
        assert!(got[1].contains("2025年1月15日"), "{got:?}");
        assert!(got[2].contains("缺少发文机关"), "{got:?}");

        let no_signature = complete().replace("青川县人民政府\n2025年1月15日", "");
        let got = messages(&no_signature);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("落款"), "{got:?}");

        let untitled = complete().replacen("青川县人民政府2024年度履行教育职责自评报告\n", "", 1);
        let got = messages(&untitled);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("标题"), "{got:?}");
    }

    #[test]
    fn title_on_two_lines() {
        let text = complete().replacen(
            "青川县人民政府2024年度履行教育职责自评报告\n",
            "青川县人民政府\n关于2024年度履行教育职责情况的自评报告\n市人民政府教育督导委员会：\n",
            1,
        );
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
        // Broken after its 关于, with the addressee below.
        let text = complete().replacen(
            "青川县人民政府2024年度履行教育职责自评报告\n",
            "青川县人民政府关于2024年度履行教育职责\n情况的自评报告\n市人民政府教育督导委员会：\n",
            1,
        );
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
        // Broken anywhere, and under an issuer on a line of its own.
        for title in [
            "青川县2024年度履行教育职责\n自评报告\n",
            "青川县人民政府\n关于2024年度履行教育职责\n情况的自评报告\n",
        ] {
            let text =
                complete().replacen("青川县人民政府2024年度履行教育职责自评报告\n", title, 1);
            assert!(messages(&text).is_empty(), "{title}: {:?}", messages(&text));
        }
        // A first line that is a sentence, not a title, is still reported.
        let text = complete().replacen(
            "青川县人民政府2024年度履行教育职责自评报告\n",
            "全县各级各类学校认真开展自评工作。\n关于履行教育职责情况的自评报告\n",
            1,
        );
        assert_eq!(messages(&text).len(), 1, "{:?}", messages(&text));
    }

    #[test]
    fn what_follows_the_signature() {
        let signed = "青川县人民政府\n2025年1月15日";
        for after in [
            "\n附件1\n青川县2024年度履行教育职责自评得分表\n（略）",
            "\n（联系人：张华，联系电话：0871-6123456）",
            "\n抄送：县委办公室，县人大常委会办公室。\n青川县人民政府办公室　2025年1月15日印发",
            "\n附件：\n1.青川县教育事业统计表\n2.佐证材料目录",
        ] {
            let text = complete().replace(signed, &format!("{signed}{after}"));
            assert!(messages(&text).is_empty(), "{after}: {:?}", messages(&text));
        }
        // No 落款 before the attachment: still missing.
        let text = complete().replace(signed, "附件1\n得分表\n2025年1月15日");
        assert_eq!(messages(&text).len(), 1, "{:?}", messages(&text));
    }

    #[test]
    fn problems_headed_as_shortcomings() {
        // These head the problems section, their 一是…依然存在 list its content.
        for heading in [
            "二、存在的不足",
            "二、存在的短板弱项",
            "二、面临的困难和挑战",
        ] {
            let text = complete().replace("二、存在的问题", heading);
            assert!(
                messages(&text).is_empty(),
                "{heading}: {:?}",
                messages(&text)
            );
        }
        // An annual summary's work section headed by what was completed.
        let annual = Profile::builtin("annual-summary").expect("built in");
        let text = complete()
            .replace("自评报告", "工作总结")
            .replace("一、2024年履职情况", "一、2024年工作完成情况");
        assert!(
            messages_with(&text, &annual).is_empty(),
            "{:?}",
            messages_with(&text, &annual)
        );
    }

    #[test]
    fn school_district_kindergarten_and_subdistrict_sign() {
        for issuer in ["柳溪县城关学区", "柳溪县实验幼儿园", "城南街道办事处"]
        {
            let text = complete().replace("青川县人民政府\n", &format!("{issuer}\n"));
            assert!(
                messages(&text).is_empty(),
                "{issuer}: {:?}",
                messages(&text)
            );
        }
    }

    #[test]
    fn addressee_needs_its_colon() {
        let text = complete().replacen("自评报告\n", "自评报告\n市人民政府教育督导委员会\n", 1);
        let got = findings_with(&Addressee, &text, &Profile::default());
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].suggestion.as_deref(),
            Some("市人民政府教育督导委员会：")
        );
        let ok = complete().replacen("自评报告\n", "自评报告\n市人民政府教育督导委员会：\n", 1);
        assert!(messages(&ok).is_empty(), "{:?}", messages(&ok));
    }

    #[test]
    fn basis_without_report_phrase_is_an_opening() {
        let text = complete().replace(
            "要求，现将自评情况报告如下。",
            "要求，我县认真开展了自查自评。",
        );
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
    }

    #[test]
    fn off_topic_text_gets_one_info_finding() {
        let grain = "我县全面落实粮食安全党政同责，耕地保护和粮食生产任务圆满完成，粮食储备管理规范有序。\n".repeat(8);
        let f = findings_with(&Sections, &grain, &Profile::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(f[0].message.contains("不是"), "{}", f[0].message);
        // The general profile has no topic: it checks the structure.
        let general = Profile::builtin("self-inspection").unwrap();
        assert!(messages_with(&grain, &general).len() > 1);
    }

    #[test]
    fn a_title_naming_another_kind_of_document_gets_one_note() {
        let body = "各乡镇人民政府，县直各部门：\n为进一步做好全县中小学校和幼儿园安全工作，现就有关事项通知如下。\n一、加强校园安全管理\n各学校要落实安全责任，开展隐患排查整治，及时消除安全隐患。\n".repeat(3);
        let summary = Profile::builtin("annual-summary").unwrap();
        // Over two lines, and with a bracketed tail after the kind.
        for title in [
            "青川县人民政府办公室关于进一步加强\n中小学校园安全工作的通知\n",
            "青川县中小学校园安全管理办法（试行）\n",
        ] {
            for profile in [&Profile::default(), &summary] {
                let f = findings_with(&Sections, &format!("{title}{body}"), profile);
                assert_eq!(f.len(), 1, "{title}: {f:?}");
                assert_eq!(f[0].severity, Severity::Info);
                assert!(f[0].message.contains("另一类公文"), "{}", f[0].message);
                assert_eq!(f[0].scope, Scope::Document);
                // The other part rules stand down as well.
                for rule in [&Title as &dyn Rule, &Opening, &Signature] {
                    let other = findings_with(rule, &format!("{title}{body}"), profile);
                    assert!(other.is_empty(), "{title}: {other:?}");
                }
            }
        }
        // A report's own title is checked as a report (its missing parts are reported).
        let own = format!("青川县人民政府关于2024年度履行教育职责情况的自评报告\n{body}");
        let f = findings_with(&Sections, &own, &Profile::default());
        assert!(f.iter().all(|f| !f.message.contains("另一类公文")), "{f:?}");
        assert!(!f.is_empty());
        // Missing parts are notes about the document, not about where they are anchored.
        for f in f.iter().filter(|f| f.message.starts_with("缺少")) {
            assert_eq!(f.scope, Scope::Document, "{f:?}");
        }
        assert!(f.iter().any(|f| f.message.starts_with("缺少")));
        // A 政府工作报告 is a year's summary, though not a 自评报告.
        let gov = format!("2024年青川县人民政府工作报告\n{body}");
        let f = findings_with(&Sections, &gov, &summary);
        assert!(f.iter().all(|f| !f.message.contains("另一类公文")), "{f:?}");
        // The type is read at the title's end, not where a line breaks inside it.
        for title in [
            "青川县人民政府关于贯彻落实《关于深化教育督导改革的意见》\n情况的自查报告\n",
            "青川县人民政府关于落实市政府督导通知\n情况的自评报告\n",
        ] {
            let f = findings_with(&Sections, &format!("{title}{body}"), &Profile::default());
            assert!(
                f.iter().all(|f| !f.message.contains("另一类公文")),
                "{title}: {f:?}"
            );
        }
        // A summary and a plan in one title is a summary; a letter sending a report is a letter.
        let both = format!("青川县教育局2024年工作总结和2025年工作计划\n{body}");
        let f = findings_with(&Sections, &both, &summary);
        assert!(f.iter().all(|f| !f.message.contains("另一类公文")), "{f:?}");
        let letter = format!("关于报送2024年度履行教育职责自评报告的函\n{body}");
        let f = findings_with(&Sections, &letter, &Profile::default());
        assert!(f.iter().any(|f| f.message.contains("“函”")), "{f:?}");
        // A title on one line, then the 发文字号 or the addressee: read on its own.
        let numbered =
            format!("青川县人民政府关于做好秋季学期开学工作的通知\n青府发〔2024〕12号\n{body}");
        let f = findings_with(&Sections, &numbered, &summary);
        assert!(f.iter().any(|f| f.message.contains("“通知”")), "{f:?}");
        // A sentence on the first line is no title, whatever it ends in.
        let sentence = format!("现将有关事项通知如下：\n{body}");
        let f = findings_with(&Sections, &sentence, &summary);
        assert!(f.iter().all(|f| !f.message.contains("另一类公文")), "{f:?}");
    }

    #[test]
    fn short_text_is_not_judged() {
        assert!(messages("一、主要工作").is_empty());
        assert!(messages("").is_empty());
    }

    #[test]
    fn annual_summary_profile() {
        let profile = Profile::builtin("annual-summary").unwrap();
        let text = report(&[
            "青川县教育局2024年工作总结",
            "一、2024年工作总结",
            BODY,
            BODY,
            "二、存在的问题",
            BODY,
            "三、2025年工作思路",
            BODY,
        ]);
        assert!(
            messages_with(&text, &profile).is_empty(),
            "{:?}",
            messages_with(&text, &profile)
        );
    }

    /// Each rule of the parts is switched off alone; a profile that sets
    /// `structure/sections` (written before the split) sets them all,
    /// unless it sets one itself.
    #[test]
    fn part_rules_switch_off_one_by_one() {
        let text = complete()
            .replacen("自评报告\n", "自评报告\n市人民政府教育督导委员会\n", 1)
            .replace("2025年1月15日", "二〇二五年一月十五日")
            .replace("三、下一步工作\n", "三、其他\n");
        let ids = |rules: &str| {
            let p = Profile::from_json(&format!(r#"{{"rules":{{{rules}}}}}"#)).unwrap();
            let mut ids: Vec<&str> = (crate::check(&text, &p).findings.iter())
                .map(|f| f.rule)
                .filter(|r| r.starts_with("structure/") && !r.contains("indicator"))
                .collect();
            ids.dedup();
            ids
        };
        let all = [
            "structure/addressee",
            "structure/sections",
            "structure/signature",
        ];
        let mut got = ids("");
        got.sort();
        assert_eq!(got, all);
        assert_eq!(ids(r#""structure/signature":false"#).len(), 2);
        assert!(!ids(r#""structure/addressee":"off""#).contains(&"structure/addressee"));
        assert!(ids(r#""structure/sections":false"#).is_empty());
        assert_eq!(
            ids(r#""structure/sections":false,"structure/signature":true"#),
            ["structure/signature"]
        );
        let p = Profile::from_json(r#"{"rules":{"structure/sections":"info"}}"#).unwrap();
        let f = crate::check(&text, &p).findings;
        assert!(f.iter().any(|f| f.rule == "structure/signature"));
        let mut parts = f.iter().filter(|f| f.category == Category::Section);
        assert!(parts.all(|f| f.severity == Severity::Info), "{f:?}");
    }
}
