//! `format/doubled-punct`: a point mark doubled or two different ones in a row.
//!
//! **What it checks.** Two 点号 side by side: the same mark twice (`，，`,
//! `。。`, `、、`, `；；`, `：：`), two different ones (`,、`, `，。`, `；，`),
//! and a full stop repeated after a bracketed note (`已完成。(分值1分,自评1分)。`).
//! Half-width `, ; :` in Chinese text count as their full-width marks.
//!
//! **Why it matters.** One pause takes one mark; a doubled mark is a slip of
//! the keyboard or a leftover of editing, and a proofreader strikes it out.
//!
//! **Example.** `事前要研究,、事中要监督` → one of the two marks must go;
//! `推进，，落实` → `推进，落实` (the second mark is deleted).
//!
//! **Not flagged.** `。。。` and longer runs (an ellipsis written wrongly,
//! reported by `format/ellipsis-dash`); `？？`/`！！` (叠用 for emphasis is
//! allowed); `。(分值2分,自评2分)` with no second `。`, and a note before the
//! stop (`工作(分值1分,自评1分)。`); ratios and times (`1:19`, `09:14`).
//!
//! **Follows** GB/T 15834—2011 §4.1–§4.6 (each 点号 marks one pause) and
//! §4.9.3 (句内括号 before the 句末点号, 句外括号 after it — not both).

use crate::context::Context;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, Leads};

use super::util::digit;

pub struct DoubledPunct;

static META: Meta = Meta {
    id: "format/doubled-punct",
    category: Category::Punctuation,
    severity: Severity::Warning,
    description: "标点重复或两个点号连用（，，　。。　,、　。(…)。）",
};

/// The point mark a char stands for (half-width marks mapped to full-width).
fn point(text: &str, at: usize, c: char) -> Option<char> {
    let m = match c {
        '，' | '。' | '、' | '；' | '：' => c,
        ',' => '，',
        ';' => '；',
        ':' => '：',
        _ => return None,
    };
    if c.is_ascii() {
        // `1:19`, `1,000`: between digits an ASCII mark is not a 点号.
        let next = char_at(text, at + 1);
        if digit(char_before(text, at)) && digit(next) {
            return None;
        }
    }
    Some(m)
}

/// The marks [`point`] knows.
static MARKS: Leads = Leads::chars("，。、；：,;:");

fn is_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | ',' | ';' | ':')
}

impl Rule for DoubledPunct {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut notes: Vec<Occurrence> = Vec::new();
        // A doubled mark or `。(` is two chars outside the main CJK block.
        let mut scan = cx.doc.scan(&MARKS).paired();
        let mut from = 0;
        while let Some((at, a)) = scan.next_from(from) {
            from = at + a.len_utf8();
            // Most marks are followed by text: nothing to look at.
            let next = char_at(text, from);
            if !(next.is_some_and(is_mark) || (a == '。' && matches!(next, Some('(' | '（')))) {
                continue;
            }
            let Some(pa) = point(text, at, a) else {
                continue;
            };
            if cx.doc.in_url(at) {
                continue;
            }
            // The run of point marks starting here (marks never end a line).
            let (mut end, mut count, mut same, mut all_stops) = (from, 1, true, a == '。');
            while let Some(x) = char_at(text, end).filter(|&x| point(text, end, x).is_some()) {
                same &= x == a;
                all_stops &= x == '。';
                end += x.len_utf8();
                count += 1;
            }
            if count >= 2 {
                let shown = &text[at..end];
                if all_stops && count >= 3 {
                    // An ellipsis written as 。。。: the ellipsis rule's business.
                } else if same {
                    sink.emit(
                        Span::new(from, end),
                        format!("标点“{shown}”重复：一处停顿只用一个“{pa}”，删去多余的。"),
                        Some(String::new()),
                    );
                } else {
                    sink.emit(
                        Span::new(at, end),
                        format!(
                            "“{shown}”：两个点号连用，一处停顿只能用一个标点，请保留合适的一个。"
                        ),
                        None,
                    );
                }
                from = end;
                continue;
            }
            if pa == '。' {
                if let Some(span) = stop_after_note(text, from) {
                    notes.push(Occurrence {
                        span,
                        suggestion: Some("".into()),
                    });
                }
            }
        }
        // A scored report repeats the pattern on every item: past the
        // threshold it is one finding that can be fixed all at once.
        sink.emit_grouped(
            notes,
            |_| "句号重复：括注放在句号之后时，括号后不再加句号，删去这个句号。".into(),
            |n| format!("全文有 {n} 处“。(…)。”句号重复：括注放在句号之后时，括号后不再加句号；可一次全部删去。"),
        );
    }
}

/// `。(…)。`: after a full stop ending at `from`, a bracketed note that
/// closes on the same line within 58 chars with no stop or bracket
/// inside, and a second full stop right after it; the span of that stop.
fn stop_after_note(text: &str, from: usize) -> Option<Span> {
    let rest = text.get(from..)?;
    let mut chars = rest.char_indices();
    let close = match chars.next()?.1 {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    for _ in 0..58 {
        match chars.next()?.1 {
            '。' | '(' | '（' | '\n' | '\r' => return None,
            c if c == close => {
                return match chars.next() {
                    Some((i, '。')) => Some(Span::new(from + i, from + i + '。'.len_utf8())),
                    _ => None,
                };
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&DoubledPunct, text)
    }

    #[test]
    fn doubled_same_mark_deletes_the_extra() {
        assert_eq!(found("推进，，落实"), [("，".into(), Some(String::new()))]);
        assert_eq!(
            found("完成了。。下一步"),
            [("。".into(), Some(String::new()))]
        );
        assert_eq!(found("甲、、乙"), [("、".into(), Some(String::new()))]);
        assert_eq!(found("推进,,落实"), [(",".into(), Some(String::new()))]);
        assert_eq!(found("甲，，，乙"), [("，，".into(), Some(String::new()))]);
    }

    #[test]
    fn mixed_marks_have_no_certain_fix() {
        assert_eq!(found("事前要研究,、事中要监督"), [(",、".into(), None)]);
        assert_eq!(found("完成任务，。下一步"), [("，。".into(), None)]);
        assert_eq!(found("甲；，乙"), [("；，".into(), None)]);
    }

    #[test]
    fn stop_after_note() {
        assert_eq!(
            found("33.我区暂无普通高中。(分值2分,自评2分)。"),
            [("。".into(), Some(String::new()))]
        );
        assert_eq!(
            found("已整改到位。（分值1分，自评1分）。下一项"),
            [("。".into(), Some(String::new()))]
        );
    }

    #[test]
    fn many_notes_become_one_finding() {
        let text = "已完成。(分值1分,自评1分)。\n".repeat(12);
        let f = crate::rules::test_util::findings(&DoubledPunct, &text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].occurrences.len(), 12);
    }

    #[test]
    fn quiet_on_correct_text() {
        for ok in [
            "得到有力保障。(分值2分,自评2分)",
            "全面落实普法宣传工作(分值1分,自评1分)。",
            "39.我区暂无中职学校(分值2分,自评2分)。",
            "此处省略。。。后文",
            "真的吗？？",
            "师生比1:19，时间09:14:15，共1,200人",
            "“呼唤绿色的明天”、“小树小树快快长”",
            "详见http://a.cn/x,,y",
            "",
            "。",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
