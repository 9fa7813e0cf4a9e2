//! `structure/numbering`: heading numbers that skip, repeat, restart or
//! run backwards, and headings of the wrong level.
//!
//! **What it checks.** Per part of the document and per level
//! (`一、` / `（一）` / `1.` / `（1）` / `①` / `第一，`), among the headings under
//! one parent: gaps (`3.` → `5.`), duplicates, numbers that go backwards, a
//! list that starts again at 1 with no new parent heading between (usually a
//! lost `二、` heading), and a chapter heading `二、` standing where the
//! section heading `（二）` belongs (the `（…）` list goes on after it), and
//! a first `（一）` list under no chapter heading when the chapters then
//! start at `二、` (the `一、` heading above it was lost).
//!
//! **Why it matters.** A reviewer navigates a report by its numbers; a gap
//! or a restart means a heading or a section was lost.
//!
//! **Example.** `（一）…（二）…（四）` → `（三）` is missing.
//!
//! **Not flagged.** Item numbers that run on across groups (`1.`–`54.`
//! through `（一）`–`（六）`), a restart at 1 under a new parent, a skipped
//! level (`四、` followed by `1.`), `一是…二是…` inside paragraphs, the
//! attachment list `附件：1.…` / `2.…` (GB/T 9704—2012 §7.3.4), a short
//! report whose top level is `（一）` (no chapter heading at all).
//!
//! **Follows** GB/T 9704—2012 §7.3.3 (结构层次序数).

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::outline::{Heading, Level};
use crate::rules::{Meta, Rule, Sink};

pub struct Numbering;

static META: Meta = Meta {
    id: "structure/numbering",
    category: Category::Numbering,
    severity: Severity::Warning,
    description: "标题编号跳号、重复、倒序或无上级标题时重新开始，层级用错",
};

const LEVELS: usize = 6;

fn slot(level: Level) -> usize {
    level as usize
}

/// Numbers seen so far at each level under the current parents.
#[derive(Default)]
struct Lists {
    /// The last number of the open list at each level.
    current: [Option<u32>; LEVELS],
    /// The last number of the list at each level that a parent heading closed.
    closed: [Option<u32>; LEVELS],
    /// The level of the last bracketed heading (`（一）` or `（1）`).
    last_bracketed: Option<Level>,
}

impl Lists {
    /// A heading at `level` closes the lists below it.
    fn open(&mut self, level: Level) {
        for deeper in slot(level) + 1..LEVELS {
            if let Some(n) = self.current[deeper].take() {
                self.closed[deeper] = Some(n);
            }
        }
    }
}

impl Rule for Numbering {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let outline = &cx.outline;
        for part in &outline.parts {
            let mut next_attached = None;
            let line_text = |l: usize| cx.doc.lines().get(l).map_or("", |s| cx.doc.slice(s));
            let mut events: Vec<Event> = outline
                .headings_in(part)
                // A table row (`一、医疗质量⇥（一）功能定位⇥1.…`) numbers its cells, not the report.
                .filter(|h| !line_text(h.line).contains('\t'))
                .filter(|h| !attached(cx, h, &mut next_attached))
                .map(Event::Heading)
                .collect();
            let heading_lines: Vec<usize> = events.iter().map(Event::line).collect();
            for l in part.lines.clone() {
                if heading_lines.binary_search(&l).is_ok() || outline.labels.contains(&l) {
                    continue;
                }
                match scope_line(line_text(l)) {
                    Some(Scope::Appendix) => events.push(Event::Appendix(l)),
                    // Only right above the list it announces.
                    Some(Scope::Intro) if heading_lines.binary_search(&(l + 1)).is_ok() => {
                        events.push(Event::Intro(l))
                    }
                    _ => {}
                }
            }
            let labels = outline.labels.iter().filter(|l| part.lines.contains(l));
            events.extend(labels.map(|&l| Event::Label(l)));
            let lost = outline
                .lost_markers
                .iter()
                .filter(|l| part.lines.contains(&l.0));
            events.extend(lost.map(|&(l, _)| Event::Lost(l)));
            crate::sort::sort_by_key(&mut events, Event::line);
            check_part(cx, &events, sink);
        }
    }
}

/// Whether `h` is one of the lines `2.`, `3.`, … that go on a `附件：1.…`
/// line: the list of attachments (GB/T 9704—2012 §7.3.4), not headings of
/// the report. `next`: the line and number the list would go on with.
fn attached(cx: &Context, h: &Heading, next: &mut Option<(usize, u32)>) -> bool {
    if h.level != Level::Item {
        return false;
    }
    let goes_on = *next == Some((h.line, h.number))
        || (h.number == 2
            && h.line
                .checked_sub(1)
                .and_then(|l| cx.doc.lines().get(l))
                .is_some_and(|l| cx.doc.slice(l).trim_start().starts_with("附件")));
    if goes_on {
        *next = Some((h.line + 1, h.number + 1));
    }
    goes_on
}

/// A line that is not a heading but starts new numbering below it.
enum Scope {
    /// `附件` / `附件2`: the attachment numbers its own parts from `一、`.
    Appendix,
    /// A sentence that announces a list (`今年要重点抓好八个方面工作：`):
    /// the `（一）（二）…` after it are its items, under no new heading.
    Intro,
}

fn scope_line(line: &str) -> Option<Scope> {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if let Some(rest) = t.strip_prefix("附件") {
        let short = rest.chars().count() <= 3;
        return (short
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || "：:".contains(c)))
        .then_some(Scope::Appendix);
    }
    // The colon first: it rules out almost every line at once, where the
    // words are searched for through the whole line (in wasm that search
    // was a tenth of the check of samples/000).
    ((t.ends_with('：') || t.ends_with(':')) && ANNOUNCING.iter().any(|w| t.contains(w)))
        .then_some(Scope::Intro)
}

/// Words of a sentence that announces the list below it: `以下几个方面`,
/// `主要做法如下`, `重点抓好八个方面工作`. A line that merely ends in `：`
/// (`主要包括：`) does not start a new list.
const ANNOUNCING: [&str; 6] = ["以下", "如下", "下列", "方面", "几点", "几项"];

/// What the numbering walks through, in line order.
enum Event<'a> {
    Heading(&'a Heading),
    /// An unnumbered label heading (`存在问题：`): a parent for the items after it.
    Label(usize),
    /// A heading whose marker was lost: it still takes its number.
    Lost(usize),
    /// A `附件` line: numbering starts again from the top.
    Appendix(usize),
    /// A sentence announcing a list: its `（一）…` may start again.
    Intro(usize),
}

impl Event<'_> {
    fn line(&self) -> usize {
        match self {
            Event::Heading(h) => h.line,
            Event::Label(l) | Event::Lost(l) | Event::Appendix(l) | Event::Intro(l) => *l,
        }
    }
}

fn check_part(cx: &Context, events: &[Event], sink: &mut Sink) {
    let headings: Vec<&Heading> = events
        .iter()
        .filter_map(|e| match e {
            Event::Heading(h) => Some(*h),
            _ => None,
        })
        .collect();
    let mut lists = Lists::default();
    let mut lost_level: Option<Level> = None;
    // A sentence announcing a list stood right above this heading.
    let mut announced = false;
    // `（一）…（二）…二、`: the first section list stood under no chapter
    // heading, and the chapters start at `二、`: the `一、` heading is missing.
    // Reported at that `（一）` instead of at the `二、`.
    let orphan = orphan_sections(&headings).filter(|first| !written_above(cx, first, "一、"));
    let mut i = 0;
    for event in events {
        let h = match event {
            Event::Heading(h) => *h,
            Event::Label(_) => {
                lists.open(Level::Section);
                continue;
            }
            Event::Appendix(_) => {
                lists = Lists::default();
                continue;
            }
            Event::Intro(_) => {
                announced = true;
                continue;
            }
            Event::Lost(_) => {
                // Counted by the next heading of the level it belonged to.
                lost_level = lists.last_bracketed;
                continue;
            }
        };
        // The announced list starts its own numbering at whatever level it is.
        if std::mem::take(&mut announced) && h.number == 1 {
            let s = slot(h.level);
            if let Some(n) = lists.current[s].take() {
                lists.closed[s] = Some(n);
            }
        }
        let index = i;
        i += 1;
        let mut level = h.level;
        if level == Level::Chapter && stands_for_section(&headings, index, &lists) {
            let right = Level::Section.marker(h.number);
            sink.emit(
                h.marker,
                format!("这里应是二级标题“{right}”：前后的二级标题是同一组编号。"),
                Some(right),
            );
            // The author's chapter count still includes it.
            lists.current[slot(Level::Chapter)] = Some(h.number);
            level = Level::Section;
        }
        lists.open(level);
        if matches!(level, Level::Section | Level::Subitem) {
            lists.last_bracketed = Some(level);
        }
        let s = slot(level);
        let n = h.number;
        let mark = |k: u32| level.marker(k);
        match lists.current[s] {
            None => {
                let continues = lists.closed[s].is_some_and(|last| n == last + 1);
                if let Some(first) = orphan.filter(|f| f.line == h.line) {
                    sink.emit(
                        first.marker,
                        format!(
                            "“{}”前缺少一级标题“一、”：后面的一级标题从“二、”开始，这一组二级标题没有上级标题。",
                            mark(1)
                        ),
                        None,
                    );
                } else if orphan.is_some() && level == Level::Chapter && n == 2 {
                    // Reported at the orphaned `（一）`.
                } else if n != 1
                    && !continues
                    && (n == 0 || !written_above(cx, h, &mark(n - 1)))
                {
                    sink.emit(
                        h.marker,
                        format!("{}编号应从“{}”开始，这里是“{}”：请检查是否漏了前面的标题。", level.name(), mark(1), mark(n)),
                        None,
                    );
                }
            }
            Some(prev) if n == prev + 1 => {}
            // `（二）…)健全机制…（四）`: the lost heading was `（三）`, reported by heading-marker.
            Some(prev) if n == prev + 2 && lost_level.take() == Some(level) => {}
            Some(prev) if n == prev => sink.emit(
                h.marker,
                format!("编号重复：前面已有“{}”，这里应为“{}”。", mark(prev), mark(prev + 1)),
                None,
            ),
            Some(prev) if n > prev + 1 => {
                let missing = if n == prev + 2 {
                    format!("“{}”", mark(prev + 1))
                } else {
                    format!("“{}”至“{}”", mark(prev + 1), mark(n - 1))
                };
                sink.emit(
                    h.marker,
                    format!("编号跳号：“{}”之后是“{}”，缺少{missing}。", mark(prev), mark(n)),
                    None,
                );
            }
            Some(prev) if n == 1 && level != Level::Chapter => sink.emit(
                h.marker,
                format!(
                    "编号又从“{}”开始，但前面没有新的上级标题：可能漏了上级标题（前一组到“{}”为止）。",
                    mark(1),
                    mark(prev)
                ),
                None,
            ),
            Some(prev) => sink.emit(
                h.marker,
                format!("编号顺序不对：“{}”之后是“{}”。", mark(prev), mark(n)),
                None,
            ),
        }
        lists.current[s] = Some(n);
    }
}

/// The first `（一）` of a part when it comes before every chapter heading
/// and the first chapter heading is `二、` (the `一、` above it is lost);
/// `None` when the part has no chapter heading (a short report whose top
/// level is `（一）`) or its chapters start at `一、`.
fn orphan_sections<'h>(headings: &[&'h Heading]) -> Option<&'h Heading> {
    let first_chapter = headings.iter().position(|h| h.level == Level::Chapter)?;
    let first = headings[..first_chapter]
        .iter()
        .find(|h| h.level == Level::Section)?;
    (first.number == 1 && headings[first_chapter].number == 2).then_some(*first)
}

/// Whether a line above `h` starts with the marker before it (`一、` above
/// `二、`) though it was not read as a heading (`一、 过去五年工作回顾`).
/// Looks at most [`ABOVE`] lines up, so that many headings stay linear.
fn written_above(cx: &Context, h: &Heading, before: &str) -> bool {
    let lines = cx.doc.lines();
    let end = h.line.min(lines.len());
    let above = end.saturating_sub(ABOVE);
    (lines.iter().skip(above).take(end - above))
        .any(|l| cx.doc.slice(l).trim_start().starts_with(before))
}

/// How many lines [`written_above`] looks up.
const ABOVE: usize = 100;

/// `（一）…二、…（三）`: a chapter heading numbered k between section
/// headings k−1 and k+1 of one list was meant to be section k.
fn stands_for_section(headings: &[&Heading], i: usize, lists: &Lists) -> bool {
    let k = headings[i].number;
    let before = lists.current[slot(Level::Section)] == Some(k - 1);
    let after = headings[i + 1..]
        .iter()
        .take_while(|h| h.level != Level::Chapter)
        .find(|h| h.level == Level::Section)
        .is_some_and(|h| h.number == k + 1);
    k > 1 && before && after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&Numbering, text)
    }

    #[test]
    fn an_attachment_numbers_its_own_parts() {
        let text = "一、工作开展情况\n正文。\n二、存在问题\n正文。\n三、下一步打算\n正文。\n\
                    附件2\n全县十件实事\n一、新建学校\n正文。\n二、改造校舍\n正文。\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
        // Without the 附件 line the restart is still reported.
        let text = "一、工作开展情况\n正文。\n二、存在问题\n正文。\n一、新建学校\n正文。\n";
        assert_eq!(found(text).len(), 1);
    }

    #[test]
    fn a_sentence_announcing_a_list_may_start_it_again() {
        let text = "一、总体情况\n（一）学前教育\n正文。\n（二）义务教育\n正文。\n\
                    今年要重点抓好以下三个方面工作：\n（一）扩大学位供给\n正文。\n（二）提升教师素质\n正文。\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
        let text = "一、总体情况\n（一）学前教育\n正文。\n（二）义务教育\n正文。\n\
                    （一）扩大学位供给\n正文。\n";
        assert_eq!(found(text).len(), 1, "a restart with no announcing line");
        // A line that only ends in `：`, or announces from afar, hides nothing.
        let text = "一、总体情况\n（一）学前教育\n正文。\n（二）义务教育\n正文，主要包括：\n\
                    （一）扩大学位供给\n正文。\n";
        assert_eq!(found(text).len(), 1, "{:?}", found(text));
        let text = "一、总体情况\n（一）学前教育\n正文。\n（二）义务教育\n\
                    下一步重点做好以下几个方面：\n教师100人。\n（一）扩大学位供给\n正文。\n";
        assert_eq!(found(text).len(), 1, "{:?}", found(text));
    }

    #[test]
    fn an_announced_list_of_chapters_starts_again() {
        let text = "一、总则\n正文。\n二、适用范围\n正文。\n为促进发展，特制定以下规定：\n\
                    一、关于财政\n正文。\n二、关于税收\n正文。\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn table_rows_number_their_cells_not_the_report() {
        let text = "一、指标说明\n正文。\n二、指标体系\n一级指标\t二级指标\n\
                    一、办学条件\t（一）校舍\t1.生均面积\n三、工作要求\n正文。\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    fn markers(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn gaps_duplicates_and_order() {
        assert_eq!(markers("一、甲\n（一）乙\n（二）丙\n（四）丁"), ["（四）"]);
        assert_eq!(markers("1.甲\n2.乙\n3.丙\n5.丁"), ["5."]);
        assert_eq!(markers("1.甲\n2.乙\n2.丙"), ["2."]);
        assert_eq!(markers("一、甲\n三、乙\n二、丙"), ["三、", "二、"]);
    }

    #[test]
    fn restart_without_parent() {
        // The aggregator dropped the `二、` heading between the two lists.
        let text =
            "一、主要工作\n（一）加强领导\n（二）保障投入\n（一）学前教育不足\n（二）师资短缺";
        assert_eq!(markers(text), ["（一）"]);
    }

    #[test]
    fn chapter_marker_where_section_belongs() {
        // The author's chapter count goes on: `三、` after the demoted `二、` is no gap.
        let text = "一、主要工作\n（一）加强领导\n二、保障投入\n（三）推进均衡\n三、存在问题";
        assert_eq!(
            found(text),
            [("二、".to_string(), Some("（二）".to_string()))]
        );
    }

    #[test]
    fn lost_marker_takes_its_number() {
        assert!(markers("一、甲\n（一）乙\n（二）丙\n)健全机制\n（四）丁").is_empty());
    }

    #[test]
    fn labels_are_parents() {
        assert!(markers("存在问题：\n1.甲\n2.乙\n改进措施：\n1.丙\n2.丁").is_empty());
    }

    #[test]
    fn sections_with_no_chapter_above() {
        // The `一、` heading above the first group was lost: reported at `（一）`.
        let text = "（一）加强领导\n（二）保障投入\n二、存在问题\n（一）师资不足\n三、下步打算";
        let f = found(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "（一）");
        // A short report whose top level is `（一）`, or one whose chapters
        // start at `一、` after an opening list, stays quiet.
        assert!(found("（一）加强领导\n（二）保障投入\n（三）存在问题").is_empty());
        let t = "（一）甲\n（二）乙\n一、基本情况\n二、存在问题";
        assert!(found(t).is_empty(), "{:?}", found(t));
        // A `一、` line above that was not read as a heading is the parent.
        let t = "一、 工作回顾\n（一）甲\n（二）乙\n二、主要任务";
        assert!(found(t).is_empty(), "{:?}", found(t));
    }

    #[test]
    fn list_not_starting_at_one() {
        assert_eq!(markers("一、甲\n（三）乙\n（四）丙"), ["（三）"]);
    }

    #[test]
    fn attachment_list_is_not_a_heading_list() {
        let t = "一、基本情况\n（一）概况\n1.全县概况。\n附件：1.自评得分表\n2.主要指标\n3.佐证材料目录\n柳溪县人民政府";
        assert!(found(t).is_empty(), "{:?}", found(t));
        // Without the 附件 line, `2.` after `1.` under （一） is fine; a gap still fires.
        let t = "一、基本情况\n（一）概况\n1.全县概况。\n附件：1.自评得分表\n3.主要指标";
        assert_eq!(found(t).len(), 1, "{:?}", found(t));
    }

    #[test]
    fn correct_sequences_are_quiet() {
        for ok in [
            // Items run on across groups.
            "一、自查情况\n（一）党的领导\n1.甲\n2.乙\n（二）经费\n3.丙\n4.丁\n二、问题\n三、措施",
            // Restart under a new parent.
            "一、自查情况\n二、经验做法\n（一）甲\n1.子\n2.子\n（二）乙\n1.子\n2.子\n3.子",
            // Skipped level.
            "一、甲\n二、乙\n三、丙\n四、改进措施\n1.扩大资源\n2.加强队伍",
            // Run-in headings, enumerations inside paragraphs.
            "（一）学校布局不够合理。随着城镇化…一是…二是…\n（二）师资不足。",
            // Separate parts of a compilation each start at one.
            "报告篇一\n（一）甲\n（二）乙\n报告篇二\n（一）丙",
            "",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
