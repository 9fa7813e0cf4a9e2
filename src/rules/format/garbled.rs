//! `format/garbled`: text damaged by a wrong character encoding.
//!
//! **What it checks.**
//! - `?` standing between two Chinese characters where a character was lost
//!   in conversion (`720元/生?年`: the `·` of a compound unit; the fix `·` is
//!   given only in that unit pattern `元/生?年`, `元/人?月` …);
//! - `??` in place of lost digits (`问题 ??个`);
//! - a stray `·` between ordinary words (`党组·的`, `特别是·围绕`,
//!   `习近平·同志`), where a character was lost;
//! - the replacement character `�`, and the classic mojibake `锟斤拷`,
//!   `烫烫烫`, `屯屯屯`;
//! - a line that is nothing but `?`/`？` (a line of text lost entirely).
//!
//! **Why it matters.** A reader cannot tell what was meant; the original
//! must be checked and the text retyped.
//!
//! **Example.** `720元/生?年` → `720元/生·年`; `锟斤拷` is reported without a fix.
//!
//! **Not flagged.** A real question (`是否到位?我们…` — the clause before
//! has a question word), `?` before Latin or at a clause end (the half-width
//! rule's business), the proper 间隔号 in names and compound units
//! (`马克思·恩格斯`, `元/生·年`, `“一·二八”`).
//!
//! **Follows** GB/T 15834—2011 §4.14 (间隔号) and the requirement of
//! GB/T 9704—2012 that the text be complete and legible.

use crate::context::Context;
use std::borrow::Cow;

use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, inside, is_han, quoted_ranges, run_end, Leads};
use crate::words::WordList;

pub struct Garbled;

static META: Meta = Meta {
    id: "format/garbled",
    category: Category::Encoding,
    severity: Severity::Error,
    description: "乱码：汉字间的“?”“·”、“�”、锟斤拷、整行问号",
};

static MARKS: Leads = Leads::chars("?·\u{FFFD}");

/// What may be garbage, in order: runs of `?` and of `\u{FFFD}`, a single
/// `·`, and runs of the mojibake `锟斤拷`, `烫烫烫`, `屯屯屯`.
pub(crate) fn candidates(cx: &Context) -> Vec<Span> {
    let doc = &cx.doc;
    let text = doc.text;
    let mut scan = doc.scan(&MARKS);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((at, c)) = scan.next_from(from) {
        let end = match c {
            '?' | '\u{FFFD}' => run_end(text, at, |x| x == c),
            '·' => at + c.len_utf8(),
            _ => {
                from = at + c.len_utf8();
                continue;
            }
        };
        out.push(Span::new(at, end));
        from = end;
    }
    // Mojibake, from the shared word search: each run counted once.
    let mut words = cx.words(&SEEDS);
    let mut from = 0;
    while let Some((at, i)) = words.find_from(from) {
        let Some(&(_, unit)) = MOJIBAKE.get(i) else {
            break;
        };
        let mut end = at;
        while text[end..].starts_with(unit) {
            end += unit.len();
        }
        out.push(Span::new(at, end));
        from = end;
    }
    crate::sort::sort(&mut out);
    out
}

/// Mojibake (a run of it is one finding): what starts it, what repeats.
const MOJIBAKE: [(&str, &str); 3] = [("锟斤拷", "锟斤拷"), ("烫烫烫", "烫"), ("屯屯屯", "屯")];

/// The words that start mojibake, for the shared word search.
fn seeds() -> Vec<String> {
    MOJIBAKE.iter().map(|(w, _)| w.to_string()).collect()
}

/// Function characters a 间隔号 never stands next to.
const FUNCTION: &str = "的地得了着过是在和与及或对把被将为也都就而并之其以于从向";

/// Words that make the clause before a `?` a real question.
const QUESTION: [&str; 10] = [
    "吗", "呢", "么", "什么", "怎么", "如何", "是否", "为何", "哪", "多少",
];

fn han(c: Option<char>) -> bool {
    c.is_some_and(is_han)
}

/// `元/生?年`: the lost `·` of a compound unit.
fn unit_dot(text: &str, at: usize) -> bool {
    let before: Vec<char> = text[..at].chars().rev().take(2).collect();
    let after = char_at(text, at + 1);
    before.len() == 2
        && before[1] == '/'
        && "生人校班户台套".contains(before[0])
        && after.is_some_and(|c| "年月日天次学".contains(c))
}

fn is_question(text: &str, at: usize) -> bool {
    let clause: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| !matches!(c, '，' | '。' | ',' | '；' | ';' | '！' | '!' | '\n'))
        .take(20)
        .collect();
    let clause: String = clause.chars().rev().collect();
    QUESTION.iter().any(|q| clause.contains(q))
}

/// Where mojibake starts ([`seeds`]), found by the check's one word search.
static SEEDS: WordList = WordList::new(seeds);

impl Rule for Garbled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&SEEDS)
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut found = Found::default();
        for line in cx.doc.lines() {
            let s = cx.doc.slice(line).trim();
            if !s.is_empty() && s.chars().all(|c| matches!(c, '?' | '？')) {
                found.lines.push(at(line, Some("")));
            }
        }
        // The quotes and titles of the line of the last `·` (a name in them
        // may join its parts with `·`: `“乡村·振兴”`).
        let mut quoted: Option<(usize, Vec<(usize, usize)>)> = None;
        for span in candidates(cx) {
            // In a line of `?` (lines are in order and apart): reported whole.
            let i = found.lines.partition_point(|l| l.span.start <= span.start);
            if i > 0 && span.end <= found.lines[i - 1].span.end || cx.doc.in_url(span.start) {
                continue;
            }
            let prev = char_before(text, span.start);
            let next = char_at(text, span.end);
            let shown = &text[span.start..span.end];
            match shown.chars().next() {
                Some('?') if shown.len() == 1 => {
                    if !(han(prev) && han(next)) {
                        continue;
                    }
                    if unit_dot(text, span.start) {
                        found.unit_dots.push(at(span, Some("·")));
                    } else if !is_question(text, span.start) {
                        found.lost.push(at(span, None));
                    }
                }
                Some('?') => {
                    // `??个`: lost digits before a measure word or between words.
                    let next_nb = crate::text::next_non_space(text, span.end);
                    let prev_nb = crate::text::prev_non_space(text, span.start);
                    if han(next_nb) && (han(prev_nb) || prev_nb.is_none()) {
                        found.runs.push(at(span, None));
                    }
                }
                Some('·') => {
                    let func = |c: Option<char>| c.is_some_and(|c| FUNCTION.contains(c));
                    let comrade = text[span.end..].starts_with("同志");
                    let li = cx.doc.line_index(span.start);
                    let line = cx.doc.lines().at(li);
                    if quoted.as_ref().is_none_or(|q| q.0 != li) {
                        quoted = Some((li, quoted_ranges(cx.doc.slice(line))));
                    }
                    let in_name = quoted
                        .as_ref()
                        .is_some_and(|q| inside(&q.1, span.start - line.start));
                    if han(prev) && han(next) && (func(prev) || func(next) || comrade) && !in_name {
                        found.dots.push(at(span, None));
                    }
                }
                _ => found.mojibake.push(at(span, None)),
            }
        }
        found.emit(text, sink);
    }
}

/// Every problem found, by kind: one finding a place, or one grouped
/// finding per kind past [`Sink::emit_many`]'s threshold (a text of lines
/// of `?` would otherwise give a finding per line).
#[derive(Default)]
struct Found {
    /// Lines of nothing but `?`, to delete.
    lines: Vec<Occurrence>,
    /// `元/生?年`, to be `·`.
    unit_dots: Vec<Occurrence>,
    /// `?` between Chinese characters.
    lost: Vec<Occurrence>,
    /// `??` where digits were lost.
    runs: Vec<Occurrence>,
    /// A stray `·`.
    dots: Vec<Occurrence>,
    /// `�`, `锟斤拷`…
    mojibake: Vec<Occurrence>,
}

fn at(span: Span, suggestion: Option<&'static str>) -> Occurrence {
    Occurrence {
        span,
        suggestion: suggestion.map(Cow::Borrowed),
    }
}

impl Found {
    fn emit(self, text: &str, sink: &mut Sink) {
        let shown = |o: &Occurrence| &text[o.span.start..o.span.end];
        sink.emit_many(
            self.lines,
            |_| "这一行只有问号，原文已丢失（编码转换出错）：请对照原件补上或删去此行。".into(),
            |n| format!("全文有 {n} 行只有问号，原文已丢失（编码转换出错）：请对照原件补上或删去这些行。"),
        );
        sink.emit_many(
            self.unit_dots,
            |_| "“?”是乱码：复合单位中间应为间隔号“·”（如“元/生·年”）。".into(),
            |n| format!("全文有 {n} 处复合单位中间的“?”是乱码，应为间隔号“·”（如“元/生·年”）：可一次全部改正。"),
        );
        sink.emit_many(
            self.lost,
            |_| "汉字之间的“?”多为乱码（编码转换丢了字）：请对照原件改正。".into(),
            |n| format!("全文有 {n} 处汉字之间的“?”，多为乱码（编码转换丢了字）：请对照原件改正。"),
        );
        sink.emit_many(
            self.runs,
            |o| {
                format!(
                    "“{}”是乱码（多为丢失的数字或文字）：请对照原件补上。",
                    shown(o)
                )
            },
            |n| format!("全文有 {n} 处连续的“?”是乱码（多为丢失的数字或文字）：请对照原件补上。"),
        );
        sink.emit_many(
            self.dots,
            |_| "词语中间多了“·”（多为乱码或丢字）：请对照原件改正。".into(),
            |n| format!("全文有 {n} 处词语中间多了“·”（多为乱码或丢字）：请对照原件改正。"),
        );
        sink.emit_many(
            self.mojibake,
            |o| format!("“{}”是乱码（编码转换出错）：请对照原件改正。", shown(o)),
            |n| format!("全文有 {n} 处乱码（如“�”“锟斤拷”，编码转换出错）：请对照原件改正。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{findings, run};

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&Garbled, text)
    }

    #[test]
    fn lost_unit_dot_has_a_fix() {
        assert_eq!(
            found("其中小学720元/生?年、初中940元/生?年"),
            [
                ("?".into(), Some("·".into())),
                ("?".into(), Some("·".into()))
            ]
        );
    }

    #[test]
    fn other_garbage_has_none() {
        assert_eq!(found("加强党?建设"), [("?".into(), None)]);
        assert_eq!(found("存在的问题 ??个"), [("??".into(), None)]);
        assert_eq!(found("落实科协党组·的要求"), [("·".into(), None)]);
        assert_eq!(found("特别是·围绕科技馆"), [("·".into(), None)]);
        assert_eq!(found("以习近平·同志为核心"), [("·".into(), None)]);
        // Outside the quotes on the line, still a stray `·`.
        assert_eq!(found("“读书月”活动和·的要求"), [("·".into(), None)]);
        assert_eq!(found("教育�工作"), [("�".into(), None)]);
        assert_eq!(found("锟斤拷锟斤拷"), [("锟斤拷锟斤拷".into(), None)]);
        assert_eq!(found("烫烫烫烫"), [("烫烫烫烫".into(), None)]);
        assert_eq!(
            found("正文。\n?\n下文"),
            [("?".into(), Some(String::new()))]
        );
        assert_eq!(
            found("正文。\n？？？"),
            [("？？？".into(), Some(String::new()))]
        );
    }

    #[test]
    fn many_lines_of_question_marks() {
        let n = crate::rules::MOST + 1;
        let text = format!("正文。\n{}下文", "??\n".repeat(n));
        let all = findings(&Garbled, &text);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].occurrences.len(), n);
        assert!(all[0]
            .occurrences
            .iter()
            .all(|o| o.suggestion.as_deref() == Some("")));
        // Up to the threshold: one finding a line; the `?` in them not again.
        let text = format!("正文。\n{}下文", "??\n".repeat(n - 1));
        assert_eq!(findings(&Garbled, &text).len(), n - 1);
        let text = "甲?乙\n?\n".repeat(3);
        let mut spans: Vec<_> = findings(&Garbled, &text)
            .into_iter()
            .map(|f| (f.span.start, f.suggestion.is_some()))
            .collect();
        spans.sort();
        assert_eq!(
            spans,
            [
                (3, false),
                (8, true),
                (13, false),
                (18, true),
                (23, false),
                (28, true)
            ]
        );
    }

    #[test]
    fn quiet_on_correct_text() {
        for ok in [
            "这是为什么?",
            "措施是否到位?我们将继续努力",
            "马克思·恩格斯",
            "开展“校园读书月·和美书香”活动，印发《阅读季·在路上》",
            "720元/生·年",
            "“一·二八”",
            "Is it ok?Yes",
            "详见http://a.cn/?x=1",
            "",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
